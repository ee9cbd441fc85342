"""JSON Schema of framework and unit files, generated from the pydantic models, and of survey definitions.

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

KINDS = ("unit", "framework", "survey")
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    if kind == "survey":
        return {"$schema": DRAFT, "title": TITLES[kind], "description": DESCRIPTIONS[kind], **_survey_schema()}
    from .model import FrameworkFile, UnitFile

    models: dict[str, type[BaseModel]] = {"unit": UnitFile, "framework": FrameworkFile}
    model = models[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    _canonical(schema)
    out = {"$schema": DRAFT, "title": TITLES[kind], "description": DESCRIPTIONS[kind]}
    out.update({k: v for k, v in schema.items() if k not in ("title", "description")})
    return out


TITLES = {"unit": "parcli unit file (parcli/unit/v1)", "framework": "parcli framework file (parcli/framework/v1)",
          "survey": "parcli survey definition (parcli/survey/v1)"}
DESCRIPTIONS = {
    "unit": "A unit's evidence for one year against one framework. Check it fully with: parcli validate FILE",
    "framework": "A criteria framework: fields, criteria, sub-criteria, maxima and scoring rules. "
    "Check it fully with: parcli validate FILE",
    "survey": "A survey of respondents: the unit's column, the answer scale, the method of each level, the items "
    "grouped into elements and parts, and the target leaves. Check it fully with: parcli survey DEF ANSWERS",
}


def _survey_schema() -> dict[str, Any]:
    """The survey definition (``parcli/survey/v1``, parcli/survey/definition.py), written by hand: it has no
    pydantic model. Its shape only: scales, ids and targets are checked by ``parcli survey``."""
    text = {"type": "string", "minLength": 1}
    name = {"type": ["string", "integer"]}  # an id or a column may be written as a number
    method = {"type": "string", "enum": ["mean", "pooled"]}
    item = {"anyOf": [name, {"type": "object", "additionalProperties": False, "required": ["id"],
                             "properties": {"id": name, "column": name, "title": text, "title_en": text}}]}

    def group(children: str, ref: str) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": False, "required": ["id", "title", children],
                "properties": {"id": name, "title": text, "title_en": text,
                               children: {"type": "array", "minItems": 1, "items": {"$ref": ref}}}}

    answer = {"type": "integer"}
    return {
        "type": "object", "additionalProperties": False,
        "required": ["schema", "id", "title", "framework", "unit", "scale", "parts"],
        "properties": {
            "schema": {"type": "string", "const": "parcli/survey/v1"},
            "id": name, "title": text, "title_en": text, "framework": text, "unit": name,
            "units": {"type": "object", "minProperties": 1, "additionalProperties": text},
            "scale": {"type": "object", "additionalProperties": False, "required": ["min", "max"], "properties": {
                "min": answer, "max": answer,
                "satisfied": {"type": "array", "minItems": 1, "uniqueItems": True, "items": answer},
                "missing": {"anyOf": [{"type": "array", "items": name}, name]},
                "labels": {"type": "object", "propertyNames": {"pattern": "^-?[0-9]+$"},
                           "additionalProperties": text}}},
            "method": {"anyOf": [{"$ref": "#/$defs/method"}, {
                "type": "object", "additionalProperties": False,
                "properties": {level: {"$ref": "#/$defs/method"} for level in ("element", "part", "overall")}}]},
            "measure": {"type": "string", "enum": ["share", "mean"]},
            "parts": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/part"}},
            "targets": {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
        },
        "$defs": {"method": method, "part": group("elements", "#/$defs/element"),
                  "element": group("items", "#/$defs/item"), "item": item},
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
