"""``parcli export UNIT... -o FILE``: every leaf of every unit, in a file chosen by its suffix."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import HELP_, trn
from ..report import RESULTS, suffix_list, titles
from .common import (
    Command,
    ConciseOpt,
    CsvLocaleOpt,
    Lang,
    LangOpt,
    Locale,
    StrictOpt,
    err,
    file_args,
    guarded,
    typer_app,
    warn,
)

app = typer_app()


# The formats named are the table's (parcli.report.WRITERS); parcli/cli.py's COMMANDS has the first line.
HELP = HELP_("Score units and write every leaf of every unit to a {results} file.\n\n"
             "The file is written atomically: on any problem the old file stays as it was.").format(
    results=titles(RESULTS))


@app.command(cls=Command, help=HELP)
@guarded
def export(
    units: Annotated[list[str], typer.Argument(metavar="UNIT...", help="Unit files, folders of them, or quoted "
                                               "patterns such as \"hoso/*.yaml\".")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE",
                                         help=f"Output file: {suffix_list(RESULTS)}, chosen by its suffix.")],
    force: Annotated[bool, typer.Option("--force", help="Replace the output even if it is read-only.")] = False,
    strict: StrictOpt = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: CsvLocaleOpt = Locale.en,
) -> None:
    """Score units and write every leaf of every unit to a file (:data:`HELP`)."""
    from ..export import export_units
    from ..report import provenance_line

    count, used, warnings = export_units(file_args(units, units=True), output, strict, lang.value, locale.value, force)
    for fw in used:
        err(provenance_line(fw, lang.value))
    for warning in warnings:
        warn(warning)
    if str(output) != "-":  # standard output: the data only
        err(trn("wrote {file} ({count} unit)", "wrote {file} ({count} units)", count, file=output, count=count))
