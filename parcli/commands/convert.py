"""``parcli convert IN -o OUT``: a unit file into a filled form, or a filled form into a unit file."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import tr
from ..report import UNIT, suffix_list, writer_for
from .common import (
    Command,
    ConciseOpt,
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
def convert(
    source: Annotated[Path, typer.Argument(metavar="IN", help="A unit file (.yaml) or a filled form (.xlsx).")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="OUT",
                                         help=f"The form or unit file to write: {suffix_list(UNIT)}, chosen by its "
                                         "suffix.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists (it may be a filled form).")
    ] = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Turn a unit file into a filled self-assessment form (.xlsx), or a filled form back into a unit file.

    Example: parcli convert examples/bac-ninh-2021.yaml -o bac-ninh.xlsx
    """
    from ..store import Store

    writer = writer_for(output, UNIT, lang.value)
    store = Store()
    unit, fw = store.unit(source)  # checked first: a form or file with problems is not converted
    ref = framework_ref(unit.framework_ref, fw, output, writer)
    write_new(output, [source, Path(fw.source_path)], force, lambda fh: writer.unit(fh, unit, fw, ref,
                                                                            tr("Converted by parcli from {source}",
                                                                               source=source.name)))
