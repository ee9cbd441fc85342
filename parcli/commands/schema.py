"""``parcli schema unit|framework``: the JSON Schema of unit or framework files."""

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

@app.command(cls=Command)
@guarded
def schema(
    kind: Annotated[SchemaKind, typer.Argument(metavar="unit|framework", help="unit or framework.")],
) -> None:
    """Print the JSON Schema of unit or framework files, for editors that complete and check YAML."""
    from ..schema import schema_text

    sys.stdout.write(schema_text(kind.value))
