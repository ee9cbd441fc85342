"""The domain model: pydantic models of the framework file (DESIGN §3) and the unit
file (§4), and the checked types the engine works on (:class:`Framework`,
:class:`Node`, :class:`Unit`).

The file models check the *shape* of a file: keys, types, literals. What depends
on more than one value (sums, ids, evidence against rules) is in :mod:`checks`,
which builds the checked types of :mod:`parcli.domain`. Rule shapes come from the
registry of rule kinds (:mod:`parcli.rules`): each kind is a plain dataclass that
pydantic validates here.

Only validation needs this module (and pydantic): scoring a unit against a framework
already checked and cached (:mod:`parcli.cache`) never imports it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias, Union

from pydantic import ConfigDict, Field, WithJsonSchema

from .domain import FRAMEWORK_SCHEMA, RESULT_SCHEMA, UNIT_SCHEMA, Framework, Node, Unit
from .rules import REGISTRY, RuleBase
from .shapes import Code, Id, Num, Places, Strict, Text, Whole, bind_rule_shapes

bind_rule_shapes(REGISTRY.values())  # the rule kinds' annotations name these types



# One rule: whichever registered kind its `kind:` names. The union is built at run time from the
# registry, which a type checker cannot follow: to it, a rule is any registered kind.
if TYPE_CHECKING:
    Rule: TypeAlias = RuleBase
else:
    # Union[tuple] builds the union from a sequence; ruff's UP007 rewrite to `|` would break it.
    Rule = Annotated[Union[tuple(REGISTRY.values())], Field(discriminator="kind")]  # noqa: UP007
Source = Literal["assessment", "survey", "impact"]


# --- framework -----------------------------------------------------------


class SubCriterion(Strict):
    id: Id
    title: Text
    title_en: Text | None = None
    max: Num
    source: Source = "assessment"
    rule: Rule
    documents: Text | None = None


class Criterion(Strict):
    id: Id
    title: Text
    title_en: Text | None = None
    max: Num
    source: Source | None = None
    rule: Rule | None = None
    documents: Text | None = None
    subcriteria: list[SubCriterion] | None = None


class FieldNode(Strict):
    id: Id
    title: Text
    title_en: Text | None = None
    max: Num
    criteria: list[Criterion] = Field(min_length=1)


class Provenance(Strict):
    status: Literal["official", "reconstructed", "custom"]
    note: Text


class ClassBand(Strict):
    label: Text
    min: Num


class AdjustmentFile(Strict):
    """A bonus or a penalty a framework declares: its max and, optionally, its title."""

    max: Num
    title: Text | None = None
    title_en: Text | None = None


class AdjustmentsFile(Strict):
    """Points outside the leaves (DESIGN §12a): index = (points + bonus − penalty) / max × 100, within [0, cap]."""

    bonus: AdjustmentFile | None = None
    penalty: AdjustmentFile | None = None
    cap: Num = Decimal(100)


class FrameworkFile(Strict):
    """A criteria framework (DESIGN §3)."""

    schema_: Literal["parcli/framework/v1"] = Field(alias="schema")
    id: Id
    title: Text
    title_en: Text | None = None
    level: Literal["province", "ministry", "department", "district", "commune", "other"]
    basis: Text | None = None
    version: Text
    provenance: Provenance
    total: Num
    places: Places = 2
    classes: list[ClassBand] = Field(default_factory=list)
    fields: list[FieldNode] = Field(min_length=1)
    adjustments: AdjustmentsFile | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- unit ----------------------------------------------------------------


# The JSON Schema of one evidence value. Which form a leaf takes depends on its
# rule, which only `parcli validate` knows; the schema checks the shape.
_EVIDENCE_ENTRY: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "percent": {"type": "number", "minimum": 0, "maximum": 100},
        "done": {"type": "number", "minimum": 0},
        "of": {"type": "number", "exclusiveMinimum": 0},
        "count": {"type": "integer", "minimum": 0},
        "value": {"type": ["number", "boolean", "string"]},
        "points": {"type": "number", "minimum": 0},
        "na": {"type": "boolean"},
        "claimed": {"type": "number", "minimum": 0},
        "note": {"type": ["string", "null"]},
        "documents": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}},
                                {"type": "null"}]},
    },
}
# One adjustment of a unit (bonus or penalty): the points, as a manual leaf takes them.
_ADJUSTMENT_ENTRY = {
    "type": "object",
    "additionalProperties": False,
    "properties": {k: _EVIDENCE_ENTRY["properties"][k] for k in ("points", "claimed", "note", "documents")},
}
_ADJUSTMENTS_SCHEMA = {
    "anyOf": [
        {"type": "object", "additionalProperties": False,
         "properties": {"bonus": {"anyOf": [_ADJUSTMENT_ENTRY, {"type": "null"}]},
                        "penalty": {"anyOf": [_ADJUSTMENT_ENTRY, {"type": "null"}]}}},
        {"type": "null"},
    ]
}
_EVIDENCE_SCHEMA = {
    "anyOf": [
        {
            "type": "object",
            "propertyNames": {"minLength": 1},
            "additionalProperties": {
                "anyOf": [{"type": "boolean"}, {"type": "string"}, {"type": "null"}, _EVIDENCE_ENTRY]
            },
        },
        {"type": "null"},
    ]
}


class UnitFile(Strict):
    """A unit's submission (DESIGN §4). ``evidence`` is checked by :mod:`checks`."""

    schema_: Literal["parcli/unit/v1"] = Field(alias="schema")
    unit: Text
    code: Code | None = None
    year: Whole
    framework: Text
    evidence: Annotated[dict[str, Any] | None, WithJsonSchema(_EVIDENCE_SCHEMA)]
    adjustments: Annotated[dict[str, Any] | None, WithJsonSchema(_ADJUSTMENTS_SCHEMA)] = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)



def validate_rule(data: Any):
    """A rule from its mapping (``{kind: bands, …}``), through the registered kind's shape."""
    from pydantic import TypeAdapter

    return TypeAdapter(Rule).validate_python(data)


__all__ = ["FRAMEWORK_SCHEMA", "RESULT_SCHEMA", "UNIT_SCHEMA", "AdjustmentFile", "AdjustmentsFile",
           "ClassBand", "Criterion", "FieldNode",
           "Framework", "FrameworkFile", "Node", "Provenance", "SubCriterion", "Unit", "UnitFile",
           "validate_rule"]
