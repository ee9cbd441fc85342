"""``parcli explain FRAMEWORK ID``: one node of a framework in words."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from ..i18n import tr
from .common import (
    Command,
    Lang,
    LangOpt,
    Locale,
    LocaleOpt,
    consoles,
    guarded,
    typer_app,
)

app = typer_app()


@app.command(cls=Command)
@guarded
def explain(
    framework: Annotated[str, typer.Argument(metavar="FRAMEWORK", help="A shipped framework id or a file path.")],
    node_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="A field, criterion or sub-criterion id, "
                                                     "e.g. 3.2.1; without it, the framework itself.")] = None,
    lang: LangOpt = Lang.vi,
    locale: LocaleOpt = Locale.en,
) -> None:
    """Explain one node of a framework: its path, max, source, rule in words and the documents expected.

    Without ID: the framework itself (its structure, total, classes and their thresholds, fields).
    """
    from ..report import provenance_line
    from ..report.table import emit, explain_table, framework_table
    from ..store import Store

    fw = Store().framework(framework, Path("."))
    if node_id is None:
        out, _ = consoles()
        emit(out, framework_table(fw, lang.value, locale.value), provenance_line(fw, lang.value))
        return
    if node_id not in fw.nodes:
        near = fw.nearest(node_id, 5)
        raise InputError(f"{framework}: " + (tr("no node with id {id!r}; nearest: {near}", id=node_id,
                                                 near=", ".join(near)) if near else
                                              tr("no node with id {id!r}", id=node_id)))
    out, _ = consoles()
    emit(out, explain_table(fw, node_id, lang.value, locale.value), provenance_line(fw, lang.value))
