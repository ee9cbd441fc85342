"""The checked types the engine works on (:class:`Framework`, :class:`Node`, :class:`Unit`)
and the framework's header: plain Python, no pydantic, so that scoring a unit against a
cached framework (:mod:`parcli.cache`) imports nothing heavy.

The file models that check a file's *shape* are in :mod:`parcli.model` (pydantic);
:mod:`parcli.checks` turns a checked file into these types.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from .i18n import N_
from .rules.base import Evidence, RuleBase

FRAMEWORK_SCHEMA = "parcli/framework/v1"
UNIT_SCHEMA = "parcli/unit/v1"
RESULT_SCHEMA = "parcli/result/v1"
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Provenance:
    status: str  # official | reconstructed | custom
    note: str


@dataclass(frozen=True, slots=True)
class ClassBand:
    """One class of the index: ``label`` for an index of ``min`` or more."""

    label: str
    min: Decimal


def parse_classes(text: str) -> list[ClassBand]:
    """``--classes "A:90,B:80,C:70,D:0"`` → class bands, highest first."""
    from decimal import Decimal, InvalidOperation

    from .errors import UsageError
    from .i18n import tr
    bands: list[ClassBand] = []
    if not text.strip():
        raise UsageError("--classes: " + tr("no class given; write e.g. \"A:90,B:80,C:70,D:0\""))
    for part in text.split(","):
        label, sep, value = part.strip().rpartition(":")
        try:
            minimum = Decimal(value.strip())
        except InvalidOperation:
            minimum = None
        if not sep or not label.strip() or minimum is None or not minimum.is_finite():
            raise UsageError("--classes: " + tr("{part!r} is not LABEL:MIN; write e.g. \"A:90,B:80,C:70,D:0\"",
                                                part=part.strip()))
        if not 0 <= minimum <= 100:
            raise UsageError("--classes: " + tr("a class min is an index in [0, 100], got {min}", min=minimum))
        if any(band.label == label.strip() for band in bands):
            raise UsageError("--classes: " + tr("duplicate class label {label!r}", label=label.strip()))
        bands.append(ClassBand(label=label.strip(), min=minimum))
    for a, b in pairwise(bands):
        if b.min >= a.min:
            raise UsageError("--classes: " + tr("classes go from the highest min to the lowest, e.g. "
                                                "\"A:90,B:80,C:70,D:0\""))
    return bands


@dataclass(frozen=True, slots=True)
class Adjustment:
    """Bonus or penalty points outside the leaves (DESIGN §12a): ``kind`` is bonus or penalty."""

    kind: str
    max: Decimal
    title: str | None = None
    title_en: str | None = None

    def label(self, lang: str) -> str | None:
        """The framework's own title of it, if it gives one."""
        return (self.title_en or self.title) if lang == "en" else self.title


ADJUSTMENT_KINDS = ("bonus", "penalty")


@dataclass(frozen=True, slots=True)
class Adjustments:
    """A framework's adjustments: the bonus and penalty it declares and the cap of the index."""

    items: tuple[Adjustment, ...]
    cap: Decimal

    def get(self, kind: str) -> Adjustment | None:
        for item in self.items:
            if item.kind == kind:
                return item
        return None


def adjustment_points(items, kind: str) -> Decimal | None:
    """The points of the ``kind`` (bonus, penalty) among a result's adjustments; None: not declared."""
    for item in items:
        if item.kind == kind:
            return item.points
    return None


@dataclass(frozen=True, slots=True)
class Header:
    """What a framework file says about itself (everything but its fields)."""

    id: str
    title: str
    title_en: str | None
    level: str
    basis: str | None
    version: str
    provenance: Provenance
    total: Decimal
    places: int
    classes: tuple[ClassBand, ...]
    adjustments: Adjustments | None = None


@dataclass(frozen=True, slots=True)
class UnitHeader:
    """A unit file's keys (its evidence still raw, checked against the framework later)."""

    unit: str
    code: str | None
    year: int
    framework: str
    evidence: dict | None
    adjustments: dict | None = None


# --- checked types -------------------------------------------------------


# A node's kind in a message (``tr(node.kind)``: "the criterion 1.1 ...").
KIND_WORDS = (N_("field"), N_("criterion"), N_("subcriterion"))


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

    @property
    def leaf_rule(self) -> RuleBase:
        """A leaf's rule (every leaf has one)."""
        if self.rule is None:
            raise ValueError(f"{self.id} is a {self.kind}, not a leaf: it has no rule")
        return self.rule

    def label(self, lang: str) -> str:
        return (self.title_en or self.title) if lang == "en" else self.title


@dataclass(slots=True, eq=False)
class Framework:
    """A checked framework, ready for the engine."""

    header: Header
    source_path: str
    sha256: str
    nodes: dict[str, Node]
    fields: list[Node]
    leaves: list[Node]

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def version(self) -> str:
        return self.header.version

    @property
    def status(self) -> str:
        return self.header.provenance.status

    @property
    def places(self) -> int:
        return self.header.places

    def title(self, lang: str) -> str:
        return (self.header.title_en or self.header.title) if lang == "en" else self.header.title

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

    def in_order(self):
        """Every node in framework order: each field, then each of its criteria followed by its leaves."""
        for f in self.fields:
            yield f
            for cid in f.children:
                c = self.nodes[cid]
                yield c
                for sid in c.children:
                    yield self.nodes[sid]

    def nearest(self, wanted: str, n: int = 3) -> list[str]:
        """Ids like ``wanted`` ("did you mean"): among ids of about its length that start like it,
        at most 2,000 of them, so that a suggestion stays cheap on a framework of 100,000 leaves."""
        size = len(wanted)
        head = wanted[:1]
        pool = [i for i in self.nodes if abs(len(i) - size) <= 2 and i[:1] == head]
        if len(pool) > 2000:
            def shared(i: str) -> int:
                k = 0
                for a, b in zip(i, wanted, strict=False):
                    if a != b:
                        break
                    k += 1
                return k

            pool = sorted(pool, key=shared, reverse=True)[:2000]
        return difflib.get_close_matches(wanted, pool, n=n, cutoff=0.5)

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
    adjustments: dict[str, Evidence] = dc_field(default_factory=dict)  # bonus / penalty: points, claimed …
