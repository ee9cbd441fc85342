"""The domain model: pydantic models of the framework file (DESIGN §3) and the unit
file (§4), and the checked types the engine works on (:class:`Framework`,
:class:`Node`, :class:`Unit`).

The file models check the *shape* of a file: keys, types, literals. What depends
on more than one value (sums, ids, evidence against rules) is in :mod:`checks`,
which builds the checked types. Rule shapes come from the registry of rule kinds
(:mod:`parcli.rules`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import ConfigDict, Field, WithJsonSchema

from .rules import REGISTRY, Evidence, RuleBase
from .values import Code, Id, Num, Places, Strict, Text, Whole

FRAMEWORK_SCHEMA = "parcli/framework/v1"
UNIT_SCHEMA = "parcli/unit/v1"
RESULT_SCHEMA = "parcli/result/v1"
ZERO = Decimal(0)



# One rule: whichever registered kind its `kind:` names.
Rule = Annotated[Union[tuple(REGISTRY.values())], Field(discriminator="kind")]
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


class UnitFile(Strict):
    """A unit's submission (DESIGN §4). ``evidence`` is checked by :mod:`checks`."""

    schema_: Literal["parcli/unit/v1"] = Field(alias="schema")
    unit: Text
    code: Code | None = None
    year: Whole
    framework: Text
    evidence: Annotated[dict[str, Any] | None, WithJsonSchema(_EVIDENCE_SCHEMA)]

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- checked types -------------------------------------------------------


@dataclass(slots=True, eq=False)
class Node:
    """A node of a checked framework: a field, a criterion or a sub-criterion."""

    id: str
    kind: str  # field | criterion | subcriterion
    title: str
    title_en: str | None
    max: Decimal
    path: tuple  # where it stands in the framework file
    parent: str | None
    field: str
    criterion: str | None
    rule: RuleBase | None = None  # leaves only
    source: str | None = None
    documents: str | None = None
    children: list[str] = dc_field(default_factory=list)
    scorer: Any = None  # leaves: the rule compiled to f(evidence) -> points

    @property
    def is_leaf(self) -> bool:
        return self.rule is not None

    def label(self, lang: str) -> str:
        return (self.title_en or self.title) if lang == "en" else self.title


@dataclass(slots=True, eq=False)
class Framework:
    """A checked framework, ready for the engine."""

    file: FrameworkFile
    source_path: str
    sha256: str
    nodes: dict[str, Node]
    fields: list[Node]
    leaves: list[Node]

    @property
    def id(self) -> str:
        return self.file.id

    @property
    def version(self) -> str:
        return self.file.version

    @property
    def status(self) -> str:
        return self.file.provenance.status

    @property
    def places(self) -> int:
        return self.file.places

    def title(self, lang: str) -> str:
        return (self.file.title_en or self.file.title) if lang == "en" else self.file.title

    def counts(self) -> tuple[int, int, int]:
        """(fields, criteria, sub-criteria)."""
        criteria = sum(1 for n in self.nodes.values() if n.kind == "criterion")
        subs = sum(1 for n in self.nodes.values() if n.kind == "subcriterion")
        return len(self.fields), criteria, subs

    def points_by_source(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for leaf in self.leaves:
            out[leaf.source or "assessment"] = out.get(leaf.source or "assessment", ZERO) + leaf.max
        return out

    def nearest(self, wanted: str, n: int = 3) -> list[str]:
        return difflib.get_close_matches(wanted, list(self.nodes), n=n, cutoff=0.5)

    def ancestors(self, node_id: str) -> list[str]:
        out = []
        node = self.nodes[node_id]
        while node.parent is not None:
            out.append(node.parent)
            node = self.nodes[node.parent]
        return out

    def leaves_under(self, node_id: str) -> list[Node]:
        node = self.nodes[node_id]
        if node.is_leaf:
            return [node]
        out: list[Node] = []
        for child in node.children:
            out.extend(self.leaves_under(child))
        return out


@dataclass(slots=True, eq=False)
class Unit:
    """A checked unit file: header and evidence by node id."""

    name: str
    code: str | None
    year: int
    framework_ref: str
    file: str
    evidence: dict[str, Evidence] = dc_field(default_factory=dict)
    na: frozenset[str] = frozenset()
