"""JSON Schema of framework and unit files, generated from the pydantic models.

Editors (the YAML language server) use it to complete and check files as they are
typed; standard validators (jsonschema, check-jsonschema) accept every valid
file and reject malformed ones. The semantic checks (sums, ids, evidence against
rules) stay with ``parcli validate``. The same schemas are shipped in
``parcli/schemas/`` so that templates can point editors at a file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

KINDS = ("unit", "framework")
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    from .model import FrameworkFile, UnitFile

    models: dict[str, type[BaseModel]] = {"unit": UnitFile, "framework": FrameworkFile}
    model = models[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    _canonical(schema)
    out = {"$schema": DRAFT, "title": TITLES[kind], "description": DESCRIPTIONS[kind]}
    out.update({k: v for k, v in schema.items() if k not in ("title", "description")})
    return out


TITLES = {"unit": "parcli unit file (parcli/unit/v1)", "framework": "parcli framework file (parcli/framework/v1)"}
DESCRIPTIONS = {
    "unit": "A unit's evidence for one year against one framework. Check it fully with: parcli validate FILE",
    "framework": "A criteria framework: fields, criteria, sub-criteria, maxima and scoring rules. "
    "Check it fully with: parcli validate FILE",
}


def _canonical(node) -> None:
    """The same schema whatever the pydantic version: docstrings (written for developers)
    and defaults (not validation) dropped, every string const typed, every object closed
    (parcli refuses unknown keys everywhere; pydantic 2.6 does not say so of dataclasses)."""
    if isinstance(node, dict):
        if "properties" in node:
            node["additionalProperties"] = False
        if isinstance(node.get("description"), str) and "properties" in node:
            del node["description"]
        node.pop("default", None)
        if isinstance(node.get("const"), str):
            node["type"] = "string"
        for value in node.values():
            _canonical(value)
    elif isinstance(node, list):
        for value in node:
            _canonical(value)


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def shipped_schema(kind: str) -> Path:
    return Path(__file__).resolve().parent / "schemas" / f"{kind}.schema.json"
