"""``parcli frameworks``: the shipped frameworks."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).


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
def frameworks(lang: LangOpt = Lang.vi, locale: LocaleOpt = Locale.en) -> None:
    """List the shipped frameworks: id, title, level, basis, version, provenance, counts, total and survey points."""
    from ..report.table import emit, frameworks_table
    from ..store import Store, shipped

    store = Store()
    loaded = [store.framework_file(path) for path in shipped().values()]
    out, _ = consoles()
    emit(out, frameworks_table(loaded, lang.value, locale.value))
