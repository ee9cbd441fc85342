"""Pydantic models of the framework file (DESIGN §3) and the unit file (§4).

The models check the *shape* of a file: keys, types, literals. What depends on
more than one value (sums, ids, evidence against rules) is in :mod:`checks`.
Values arrive from :mod:`loader` as ``str``, ``Decimal``, ``bool``, ``None``,
``dict`` and ``list``; the validators below accept exactly those, so a number
written as a string, or a string where a number belongs, is an error.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

FRAMEWORK_SCHEMA = "parcli/framework/v1"
UNIT_SCHEMA = "parcli/unit/v1"
RESULT_SCHEMA = "parcli/result/v1"


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        if isinstance(value, str):
            raise ValueError(f"expected a number, got the text {value!r}; write it without quotes")
        raise ValueError(f"expected a number, got {describe_value(value)}")
    return Decimal(value)


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {describe_value(value)}; put it in quotes")
    return value


def _id(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"an id is text; write it in quotes, e.g. id: \"{value}\"")
    if not value.strip():
        raise ValueError("an id cannot be empty")
    return value


def _whole(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise ValueError(f"expected a whole number such as 2021, got {describe_value(value)}")
    if value != int(value):
        raise ValueError(f"expected a whole number, got {value}")
    return int(value)


def _code(value: Any) -> Any:
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool) and value == int(value):
        return str(int(value))
    return _text(value)


def describe_value(value: Any) -> str:
    """A value as a person would name it in a message: "the number 3", "a list"."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (Decimal, int)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _places(value: Any) -> Any:
    value = _whole(value)
    if value not in (2, 3):
        raise ValueError(f"places is 2 or 3 (decimals shown for every index), got {value}")
    return value


_NUM_SCHEMA = {"type": "number"}
Num = Annotated[Decimal, BeforeValidator(_number), WithJsonSchema(_NUM_SCHEMA)]
Text = Annotated[str, BeforeValidator(_text)]
Id = Annotated[str, BeforeValidator(_id)]
Whole = Annotated[int, BeforeValidator(_whole), WithJsonSchema({"type": "integer"})]
Places = Annotated[int, BeforeValidator(_places), WithJsonSchema({"enum": [2, 3]})]
Code = Annotated[str, BeforeValidator(_code), WithJsonSchema({"type": ["string", "integer"]})]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- rules ---------------------------------------------------------------


class YesNoRule(_Strict):
    kind: Literal["yes_no"]


class ChoiceRule(_Strict):
    kind: Literal["choice"]
    options: dict[str, Num] = Field(min_length=1)


class Band(_Strict):
    gte: Num | None = None
    gt: Num | None = None
    points: Num


class BandsRule(_Strict):
    kind: Literal["bands"]
    bands: list[Band] = Field(min_length=1)


class LinearRule(_Strict):
    kind: Literal["linear"]
    full_at: Num = Decimal(100)


class ScaleRule(_Strict):
    kind: Literal["scale"]
    of: Num


class PerItemRule(_Strict):
    kind: Literal["per_item"]
    each: Num


class DeductionRule(_Strict):
    kind: Literal["deduction"]
    each: Num


class ManualRule(_Strict):
    kind: Literal["manual"]


Rule = Annotated[
    Union[YesNoRule, ChoiceRule, BandsRule, LinearRule, ScaleRule, PerItemRule, DeductionRule, ManualRule],
    Field(discriminator="kind"),
]
RULE_KINDS = ("yes_no", "choice", "bands", "linear", "scale", "per_item", "deduction", "manual")
Source = Literal["assessment", "survey", "impact"]


# --- framework -----------------------------------------------------------


class SubCriterion(_Strict):
    id: Id
    title: Text
    title_en: Text | None = None
    max: Num
    source: Source = "assessment"
    rule: Rule
    documents: Text | None = None


class Criterion(_Strict):
    id: Id
    title: Text
    title_en: Text | None = None
    max: Num
    source: Source | None = None
    rule: Rule | None = None
    documents: Text | None = None
    subcriteria: list[SubCriterion] | None = None


class FieldNode(_Strict):
    id: Id
    title: Text
    title_en: Text | None = None
    max: Num
    criteria: list[Criterion] = Field(min_length=1)


class Provenance(_Strict):
    status: Literal["official", "reconstructed", "custom"]
    note: Text


class ClassBand(_Strict):
    label: Text
    min: Num


class FrameworkFile(_Strict):
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

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- unit ----------------------------------------------------------------


# The JSON Schema of one evidence value. Which form a leaf takes depends on its
# rule, which only `parcli validate` knows; the schema checks the shape.
_EVIDENCE_ENTRY = {
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


class UnitFile(_Strict):
    """A unit's submission (DESIGN §4). ``evidence`` is checked by :mod:`checks`."""

    schema_: Literal["parcli/unit/v1"] = Field(alias="schema")
    unit: Text
    code: Code | None = None
    year: Whole
    framework: Text
    evidence: Annotated[dict[str, Any] | None, WithJsonSchema(_EVIDENCE_SCHEMA)]

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
