"""``parcli validate FILE...``: every problem of every framework and unit file, as file:line:col: message."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
import sys
from typing import Annotated

import typer

from ..i18n import trn
from .common import (
    Command,
    ConciseOpt,
    Lang,
    LangOpt,
    StrictOpt,
    err,
    file_args,
    guarded,
    printable,
    problem_lines,
    typer_app,
)

app = typer_app()


@app.command(cls=Command)
@guarded
def validate(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Framework and unit files, folders of them, "
                                               "or quoted patterns such as \"hoso/*.yaml\"; the kind is read from "
                                               "'schema:'.")],
    strict: StrictOpt = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Check framework and unit files; report every problem of every file as file:line:col: message.

    Exit 0 when all files are valid, 1 when any problem was found.
    """
    from ..validate import validate_files

    paths = file_args(files)
    problems, summaries, failed = validate_files(paths, strict)
    for line in problem_lines(problems, sys.stdout, concise):
        typer.echo(line)
    for line in summaries:
        typer.echo(printable(line))
    bad = sum(1 for f in failed if f)
    err(trn("{count} file checked: {valid} valid, {bad} with problems",
            "{count} files checked: {valid} valid, {bad} with problems", len(failed), count=len(failed),
            valid=len(failed) - bad, bad=bad))
    if bad:
        raise typer.Exit(1)
