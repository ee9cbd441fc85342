"""``parcli template FRAMEWORK``: a blank unit file, or with ``-o form.xlsx`` the blank form."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..i18n import tr
from ..report import TEMPLATE, suffix_list, writer_for
from .common import (
    Command,
    Lang,
    LangOpt,
    framework_ref,
    guarded,
    typer_app,
    write_new,
)

app = typer_app()


@app.command(cls=Command)
@guarded
def template(
    framework: Annotated[str, typer.Argument(metavar="FRAMEWORK",
                                             help="A shipped framework id (see parcli frameworks) or a file path.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                     help=f"Write the template here instead of to stdout: {suffix_list(TEMPLATE)} "
                                     "(the blank form).")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="YEAR", help="The year to put in the template.")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists (it may be a filled form).")
    ] = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Print a blank unit file for a framework: every leaf with its title, max, rule and value form.

    With -o form.xlsx: the blank self-assessment form (Excel) instead. The blank file
    validates as it is (empty leaves are reported as missing).
    """
    from ..store import Store

    output = output if output is not None else Path("-")
    writer = writer_for(output, TEMPLATE, lang.value)
    if year is not None and not 1990 <= year <= 2100:
        raise UsageError("--year: " + tr("year {year} is outside 1990–2100", year=year))
    fw = Store().framework(framework, Path("."))
    ref = framework_ref(framework, fw, output, writer)
    write_new(output, [Path(fw.source_path)], force, lambda fh: writer.template(fh, fw, ref, year))
