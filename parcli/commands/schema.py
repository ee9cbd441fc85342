"""``parcli schema unit|framework|survey``: the JSON Schema of unit or framework files, or survey definitions."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
import sys
from enum import Enum
from typing import Annotated

import typer

from .common import (
    Command,
    guarded,
    typer_app,
)

app = typer_app()


class SchemaKind(str, Enum):
    unit = "unit"
    framework = "framework"
    survey = "survey"

@app.command(cls=Command)
@guarded
def schema(
    kind: Annotated[SchemaKind, typer.Argument(metavar="unit|framework|survey",
                                               help="unit, framework or survey (a survey definition).")],
) -> None:
    """Print the JSON Schema of unit, framework or survey files, for editors that complete and check YAML."""
    from ..schema import schema_text

    sys.stdout.write(schema_text(kind.value))
