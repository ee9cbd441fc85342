"""``parcli rank UNIT...``: units ranked by index as displayed, as a table or a file."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..i18n import tr, trn
from ..report import RANKING, suffix_list, writer_for
from .common import (
    Command,
    ConciseOpt,
    CsvLocaleOpt,
    Lang,
    LangOpt,
    Locale,
    StrictOpt,
    consoles,
    err,
    file_args,
    guarded,
    progress,
    typer_app,
    warn_units,
)

app = typer_app()


@app.command(cls=Command)
@guarded
def rank(
    units: Annotated[list[str], typer.Argument(metavar="UNIT...", help="Unit files, folders of them, or quoted "
                                               "patterns such as \"hoso/*.yaml\".")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                     help=f"Write the ranking here ({suffix_list(RANKING)}: the workbook for people) "
                                     "instead of printing a table.")
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option("--previous", metavar="RANK", help="An earlier ranking (its .csv or .xlsx, written by rank or "
                     "export): adds previous_rank, rank_change and index_change."),
    ] = None,
    classes: Annotated[
        str | None, typer.Option("--classes", metavar="LABEL:MIN,...",
                                 help='Override the framework\'s classes, e.g. "A:90,B:80,C:70,D:0".')
    ] = None,
    allow_mixed: Annotated[
        bool, typer.Option("--allow-mixed", help="Allow units of different frameworks in one ranking.")
    ] = False,
    fields: Annotated[
        str | None,
        typer.Option("--fields", metavar="IDS", help='Field columns to show in the table, e.g. "1,3,5" '
                     '(default: as many as fit the width).'),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64, metavar="N",
                                      help="Worker processes, 1 to 64 (default 1).")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Replace the output even if it is read-only.")] = False,
    strict: StrictOpt = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: CsvLocaleOpt = Locale.en,
) -> None:
    """Score many units and rank them by index as displayed; ties share a rank (1, 2, 2, 4).

    Example: parcli rank examples/departments/*.yaml --previous last-year.csv
    """
    from ..batch import summaries
    from ..inputs.ranking import read_previous
    from ..rank import apply_previous, build_ranking
    from ..report import provenance_line

    paths = file_args(units, units=True)
    from ..domain import parse_classes

    bands = parse_classes(classes) if classes is not None else None
    writer = None
    if output is not None:
        from ..report.files import check_output

        writer = writer_for(output, RANKING, lang.value, locale.value)
        check_output(output, [*paths, *([previous] if previous else [])])
    prev = read_previous(previous) if previous else None
    with progress(len(paths), tr("scoring")) as tick:
        ranking = build_ranking(summaries(paths, bands, strict, jobs, tick))
    if len(ranking.frameworks) > 1 and not allow_mixed:
        names = ", ".join(info.key for info in ranking.frameworks)
        raise UsageError(tr("the units use different frameworks ({names}); their indices are not comparable. "
                            "Rank each framework separately, or pass --allow-mixed", names=names))
    if prev is not None:
        apply_previous(ranking, *prev)
    ranked = [row.summary for row in ranking.rows]
    warn_units(ranked, ranked)
    if writer is not None and output is not None:  # a writer only for an output
        from ..report.files import check_output, write_atomic

        leaves = []
        if writer.ranking_shows_leaves:
            from ..scoring import score_files
            from ..summary import summarize

            leaves = [summarize(result) for result in score_files(paths, strict)]
        check_output(output, [Path(info.source_path) for info in ranking.frameworks if info.source_path])
        write_atomic(output, lambda fh: writer.ranking(fh, ranking, leaves), force)
        for info in ranking.frameworks:
            err(provenance_line(info, lang.value))
        if str(output) != "-":  # standard output: the data only
            err(trn("wrote {file} ({count} unit)", "wrote {file} ({count} units)", len(ranking.rows), file=output,
                    count=len(ranking.rows)))
        return
    from ..report.table import emit, fitting_rank_table

    wanted = None
    if fields is not None:
        wanted = [f.strip() for f in fields.split(",") if f.strip()]
        unknown = [f for f in wanted if f not in ranking.field_ids]
        if unknown:
            raise UsageError("--fields: " + tr("no field {unknown}; the fields are {fields}",
                                               unknown=", ".join(unknown), fields=", ".join(ranking.field_ids)))
    out, _ = consoles()
    table, hidden = fitting_rank_table(out, ranking, lang.value, locale.value, wanted)
    emit(out, table, *(provenance_line(info, lang.value) for info in ranking.frameworks))
    if hidden:
        ids = ",".join(hidden)
        err(tr("Field indices {ids} do not fit the width and are not shown: see them with --fields {ids}, "
                "or use a wider terminal (e.g. COLUMNS=200).", ids=ids))
