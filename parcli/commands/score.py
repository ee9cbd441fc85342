"""``parcli score UNIT``: one unit's points by field, criterion and sub-criterion, as a table or a file format."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..report import RESULTS, choices
from .common import (
    Command,
    ConciseOpt,
    CsvLocaleOpt,
    Lang,
    LangOpt,
    Locale,
    StrictOpt,
    err,
    guarded,
    typer_app,
)

app = typer_app()


class Depth(str, Enum):
    field = "field"
    criterion = "criterion"
    all = "all"

# "table" (parcli's own view), then every format of parcli.report.WRITERS that writes results to standard output.
FORMATS, FORMAT_METAVAR, FORMAT_HELP = choices(RESULTS)
ScoreFormat = Enum("ScoreFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
TABLE = ScoreFormat("table")

@app.command(cls=Command)
@guarded
def score(
    unit: Annotated[Path, typer.Argument(metavar="UNIT", help="The unit file (YAML) to score.")],
    depth: Annotated[Depth, typer.Option("--depth", metavar="field|criterion|all",
                                         help="Rows to show: field, criterion or all.")] = Depth.all,
    fmt: Annotated[ScoreFormat, typer.Option("--format", "-f", metavar=FORMAT_METAVAR, help=FORMAT_HELP)] = TABLE,
    lang: LangOpt = Lang.vi,
    locale: CsvLocaleOpt = Locale.en,
    strict: StrictOpt = False,
    concise: ConciseOpt = False,
) -> None:
    """Score one unit: points by field, criterion and sub-criterion; total, index and class.

    Example: parcli score examples/bac-ninh-2021.yaml --depth criterion
    """
    from ..report import provenance_line, writer_of
    from ..scoring import score_files

    (result,) = list(score_files([unit], strict))
    if fmt.value != "table":
        from ..summary import summarize

        sys.stdout.flush()
        writer_of(fmt.value, locale=locale.value).one(sys.stdout.buffer, summarize(result))
        sys.stdout.flush()
        err(provenance_line(result.framework, lang.value))
    else:
        from ..report.scoretable import print_score

        print_score(result, depth.value, lang.value, locale.value, sys.stdout, sys.stderr)
