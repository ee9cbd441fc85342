"""``parcli diff A [B]``: what moved between two results, or claimed against computed points."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from ..i18n import tr, trn
from .common import (
    Command,
    ConciseOpt,
    Lang,
    LangOpt,
    Locale,
    LocaleOpt,
    consoles,
    err,
    guarded,
    typer_app,
)

app = typer_app()


@app.command(cls=Command)
@guarded
def diff(
    a: Annotated[Path, typer.Argument(metavar="A", help="A unit file (YAML) or a result file (JSON), e.g. last year.")],
    b: Annotated[Path | None, typer.Argument(metavar="[B]",
                                             help="The unit or result to compare with A, e.g. this year.")] = None,
    claimed: Annotated[
        bool, typer.Option("--claimed", help="Compare A's claimed (self-assessed) points with the computed points.")
    ] = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: LocaleOpt = Locale.en,
) -> None:
    """Show what moved between two results: points, index, fields and leaves, biggest changes first.

    With --claimed and one unit: claimed vs computed points for every leaf.
    """
    from ..diff import claims, compare
    from ..inputs.result import load_result
    from ..report import provenance_line
    from ..report.table import claims_table, diff_tables, emit
    from ..store import Store

    store = Store()
    out, _ = consoles()
    obj_a = load_result(a, store)
    places = obj_a.framework.places
    if claimed:
        if b is not None:
            raise UsageError(tr("--claimed takes one unit: parcli diff UNIT --claimed"))
        rows = claims(obj_a)
        emit(out, claims_table(obj_a, rows, places, lang.value, locale.value),
             provenance_line(obj_a.framework, lang.value))
        over = [r for r in rows if r.over and not r.is_adjustment]
        err(trn("{count} leaf claimed above what the evidence supports",
                "{count} leaves claimed above what the evidence supports", len(over), count=len(over)))
        for r in rows:
            if r.over and r.is_adjustment:
                err(tr("{title}: claimed above what the evidence supports", title=r.title))
        return
    if b is None:
        raise UsageError(tr("diff needs two files (A and B), or one unit with --claimed"))
    result = compare(obj_a, load_result(b, store))
    for warning in result.warnings:
        err(tr("warning: {message}", message=warning))
    tables = diff_tables(result, places, lang.value, locale.value)
    for table in tables[:-1]:
        emit(out, table)
    lines = dict.fromkeys(provenance_line(s.framework, lang.value) for s in (result.a, result.b))
    emit(out, tables[-1], *lines)
