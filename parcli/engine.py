"""score(framework, unit) -> Result: pure, exact, no I/O.

Points are Decimal throughout. An index is points / applicable max × 100,
rounded half-up to the framework's ``places`` (the rounded value is what is
shown, ranked and classified). Not-applicable nodes leave the applicable max;
missing leaves score 0; an appraiser's ``points`` override a computed leaf.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .checks import Framework, Node, Unit
from .rules import compute

ZERO = Decimal(0)
HUNDRED = Decimal(100)
_CTX = decimal.Context(prec=28, rounding=ROUND_HALF_UP)

SCORED, MISSING, NA, OVERRIDE = "scored", "missing", "na", "override"


@dataclass(slots=True)
class LeafResult:
    node: Node
    points: Decimal | None  # None when na
    status: str
    reason: str
    claimed: Decimal | None = None
    note: str | None = None
    documents: tuple[str, ...] = ()
    computed: Decimal | None = None  # before an override

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def max(self) -> Decimal:
        return self.node.max

    @property
    def lost(self) -> Decimal | None:
        return None if self.points is None else self.node.max - self.points


@dataclass(slots=True)
class NodeResult:
    """A field or criterion total. ``max`` is the applicable max (na removed)."""

    node: Node
    max: Decimal
    points: Decimal
    index: Decimal | None  # rounded; None when na
    status: str  # scored | na

    @property
    def id(self) -> str:
        return self.node.id


@dataclass(slots=True)
class ScoreWarning:
    code: str  # missing | claim | override
    message: str
    leaf: str | None = None


@dataclass(slots=True)
class Result:
    framework: Framework
    unit: str
    code: str | None
    year: int
    file: str
    points: Decimal
    max: Decimal
    index: Decimal | None
    klass: str | None
    fields: list[NodeResult]
    criteria: list[NodeResult]
    leaves: list[LeafResult]
    warnings: list[ScoreWarning] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [leaf.id for leaf in self.leaves if leaf.status == MISSING]


class Index(Decimal):
    """An index rounded half-up to the framework's places; written with exactly those places."""

    __slots__ = ()


def round_index(value: Decimal, places: int) -> Index:
    return Index(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def index_of(points: Decimal, applicable: Decimal, places: int) -> Decimal | None:
    if applicable <= 0:
        return None
    return round_index(_CTX.divide(_CTX.multiply(points, HUNDRED), applicable), places)


def class_of(index: Decimal | None, classes) -> str | None:
    """The first class whose ``min`` the rounded index reaches (classes highest first)."""
    if index is None:
        return None
    for band in classes:
        if index >= band.min:
            return band.label
    return None


def score(fw: Framework, unit: Unit, classes=None) -> Result:
    """Score a checked unit against its checked framework. Pure."""
    with decimal.localcontext(_CTX):
        return _score(fw, unit, classes if classes is not None else fw.file.classes)


def _score(fw: Framework, unit: Unit, classes) -> Result:
    evidence = unit.evidence
    na_ids = unit.na
    places = fw.places
    leaves: list[LeafResult] = []
    warnings: list[ScoreWarning] = []
    missing: list[str] = []
    for node in fw.leaves:
        ev = evidence.get(node.id)
        if na_ids and (node.id in na_ids or node.criterion in na_ids or node.field in na_ids):
            leaves.append(LeafResult(node, None, NA, "not applicable", note=ev.note if ev else None))
            continue
        if ev is None or (ev.measure is None and ev.points is None):
            missing.append(node.id)
            leaves.append(LeafResult(node, ZERO, MISSING, "no evidence",
                                     claimed=ev.claimed if ev else None, note=ev.note if ev else None,
                                     documents=ev.documents if ev else ()))
            continue
        computed = None
        if ev.measure is not None:
            computed, reason = compute(node.rule, node.max, ev)
        if ev.points is not None and node.rule.kind != "manual":
            points, status = ev.points, OVERRIDE
            reason = "appraiser's points" + (f" (computed {computed.normalize():f})" if computed is not None else "")
            if computed is not None and computed != ev.points:
                warnings.append(ScoreWarning("override", f"{node.id}: {ev.points} points given override the "
                                        f"{computed.normalize():f} computed", node.id))
        elif ev.points is not None:
            points, status, reason = ev.points, SCORED, "appraiser's points"
        else:
            points, status = computed, SCORED
        if ev.claimed is not None and ev.claimed > points:
            warnings.append(ScoreWarning("claim", f"{node.id}: {ev.claimed} points claimed, the evidence supports "
                                    f"{points.normalize():f}", node.id))
        leaves.append(LeafResult(node, points, status, reason, ev.claimed, ev.note, ev.documents, computed))
    if missing:
        shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        warnings.insert(0, ScoreWarning("missing", f"{len(missing)} leaves have no evidence and score 0: {shown}"))

    # totals by criterion and field, in framework order
    crit_totals: dict[str, list[Decimal]] = {}
    field_totals: dict[str, list[Decimal]] = {}
    for lr in leaves:
        node = lr.node
        if lr.points is None:
            continue
        for key, table in ((node.criterion, crit_totals), (node.field, field_totals)):
            acc = table.get(key)
            if acc is None:
                table[key] = [lr.points, node.max]
            else:
                acc[0] += lr.points
                acc[1] += node.max
    criteria = []
    fields = []
    total_points = ZERO
    total_max = ZERO
    for fnode in fw.fields:
        for cid in fnode.children:
            cnode = fw.nodes[cid]
            criteria.append(_node_result(cnode, crit_totals.get(cid), places))
        fres = _node_result(fnode, field_totals.get(fnode.id), places)
        fields.append(fres)
        total_points += fres.points
        total_max += fres.max
    index = index_of(total_points, total_max, places)
    return Result(fw, unit.name, unit.code, unit.year, unit.file, total_points, total_max, index,
                  class_of(index, classes), fields, criteria, leaves, warnings)


def _node_result(node: Node, acc: list[Decimal] | None, places: int) -> NodeResult:
    if acc is None:
        return NodeResult(node, ZERO, ZERO, None, NA)
    return NodeResult(node, acc[1], acc[0], index_of(acc[0], acc[1], places), SCORED)
