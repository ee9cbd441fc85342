"""``parcli report UNIT... -o FILE.html``: the page for leaders."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError, UsageError
from ..i18n import tr
from ..report import REPORT, suffix_list, writer_for
from .common import (
    Command,
    ConciseOpt,
    Lang,
    LangOpt,
    Locale,
    LocaleOpt,
    StrictOpt,
    file_args,
    guarded,
    progress,
    typer_app,
    warn_units,
    write_new,
)

app = typer_app()


@app.command(cls=Command)
@guarded
def report(
    units: Annotated[list[str], typer.Argument(metavar="UNIT...", help="Unit files or forms, folders of them, or "
                                               "quoted patterns such as \"hoso/*.yaml\".")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE.html",
                                         help=f"The report to write ({suffix_list(REPORT)}).")],
    previous: Annotated[
        Path | None,
        typer.Option("--previous", metavar="RANK", help="An earlier ranking (its .csv or .xlsx, written by rank or "
                     "export): the ranking shows the changes."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the report if it exists.")] = False,
    strict: StrictOpt = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: LocaleOpt = Locale.en,
) -> None:
    """Write one HTML page for leaders: index, class, charts, the leaves that lost most, first steps.

    Self-contained (no network, font or file beside it) and printable on A4, a page per unit.
    Example: parcli report examples/departments -o bao-cao.html
    """
    writer = writer_for(output, REPORT, lang.value, locale.value)
    from ..htmlreport import collect
    from ..inputs.ranking import read_previous
    from ..rank import by_unit, distinct_units
    from ..scoring import score_files

    paths = file_args(units, units=True)
    prev = read_previous(previous) if previous is not None else None
    with progress(2 * len(paths), tr("writing the report")) as tick:  # scoring each unit, then writing its page
        # every problem of every file, or every unit reduced to its page as it is scored
        collected = collect(score_files(paths, strict), lang.value, tick, locale.value)
        if len(collected.frameworks) > 1 or any(len(shas) > 1 for shas in collected.shas.values()):
            names = ", ".join(sorted(collected.frameworks))
            raise UsageError(tr("the units use different frameworks ({names}); their indices are not comparable: "
                                "make one report per framework", names=names))
        summaries = [view.summary for view in collected.views]
        same = distinct_units(summaries)
        if same:
            raise InputError("two files of one unit", same)
        warn_units(summaries, [group[-1] for group in by_unit(summaries)])  # a unit's latest year is ranked
        inputs = [*paths, *([previous] if previous else []),
                  *(Path(fw.source_path) for fw in collected.frameworks.values())]
        write_new(output, inputs, force, lambda fh: writer.report(fh, collected, prev, tick))
