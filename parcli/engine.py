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

from .domain import Adjustment, Framework, Node, Unit, adjustment_points
from .rules import Evidence
from .rules.base import settle

ZERO = Decimal(0)

HUNDRED = Decimal(100)
_CTX = decimal.Context(prec=28, rounding=ROUND_HALF_UP)

SCORED, MISSING, NA, OVERRIDE = "scored", "missing", "na", "override"


class _Given:
    """What a unit gave with its points (a leaf's or an adjustment's ``evidence``)."""

    __slots__ = ()
    evidence: Evidence | None

    @property
    def claimed(self) -> Decimal | None:
        return self.evidence.claimed if self.evidence is not None else None

    @property
    def note(self) -> str | None:
        return self.evidence.note if self.evidence is not None else None

    @property
    def documents(self) -> tuple[str, ...]:
        return self.evidence.documents if self.evidence is not None else ()


@dataclass(slots=True)
class LeafResult(_Given):
    node: Node
    points: Decimal | None  # None when na
    status: str
    evidence: Evidence | None = None
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

    @property
    def reason(self) -> str:
        """Why the leaf has its points (computed on demand: only outputs need it)."""
        status = self.status
        if status == NA:
            return "not applicable"
        ev = self.evidence
        if status == MISSING or ev is None:
            return "no evidence"
        if self.computed is None:
            return "appraiser's points"
        why = self.node.leaf_rule.reason(self.node.max, ev)
        if status == OVERRIDE:
            return f"appraiser's points (computed {self.computed.normalize():f}: {why})"
        return why


@dataclass(slots=True)
class AdjustmentResult(_Given):
    """A bonus or a penalty of a unit: its points (0 when none are given: status missing)."""

    item: Adjustment
    points: Decimal
    status: str  # scored | missing
    evidence: Evidence | None = None

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def max(self) -> Decimal:
        return self.item.max


@dataclass(slots=True)
class NodeResult:
    """A field or criterion total. ``max`` is the applicable max (na removed)."""

    node: Node
    max: Decimal
    points: Decimal
    places: int
    status: str  # scored | missing (every applicable leaf missing) | na

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def index(self) -> Decimal | None:
        """Rounded half-up to the framework's places; None when na."""
        return index_of(self.points, self.max, self.places)


@dataclass(slots=True)
class ScoreWarning:
    """Something a person should look at; not an error.
    :func:`parcli.report.warning_text` says it in words."""

    code: str  # missing | claim | override | claim_bonus
    leaf: str | None = None
    given: Decimal | None = None  # claimed or override points
    supported: Decimal | None = None  # computed points
    ids: tuple[str, ...] = ()  # missing leaves


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
    adjustments: list[AdjustmentResult] = field(default_factory=list)  # empty: the framework has none

    def adjustment(self, kind: str) -> Decimal | None:
        """The bonus or penalty points; None when the framework declares no such adjustment."""
        return adjustment_points(self.adjustments, kind)

    @property
    def adjusted(self) -> Decimal:
        """The points the index is made of: the leaves' points + bonus − penalty."""
        return self.points + (self.adjustment("bonus") or ZERO) - (self.adjustment("penalty") or ZERO)

    @property
    def bonus(self) -> Decimal | None:
        return self.adjustment("bonus")

    @property
    def penalty(self) -> Decimal | None:
        return self.adjustment("penalty")

    @property
    def missing(self) -> list[str]:
        return [leaf.id for leaf in self.leaves if leaf.status == MISSING]

    @property
    def blank(self) -> bool:
        """No leaf has evidence (a blank form, an empty unit file): each is missing or not applicable, and
        some are missing (a unit whose every leaf is not applicable said so of each: it is not blank)."""
        return (not any(leaf.status in (SCORED, OVERRIDE) for leaf in self.leaves)
                and any(leaf.status == MISSING for leaf in self.leaves))


class Index(Decimal):
    """An index rounded half-up to the framework's places; written with exactly those places."""

    __slots__ = ()


def round_index(value: Decimal, places: int) -> Index:
    return Index(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def index_of(points: Decimal, applicable: Decimal, places: int, cap: Decimal | None = None) -> Decimal | None:
    """points / applicable × 100 rounded half-up; with a ``cap`` (a framework with adjustments) the
    exact value is first kept within [0, cap], then rounded."""
    if applicable <= 0:
        return None
    exact = _CTX.divide(_CTX.multiply(points, HUNDRED), applicable)
    if cap is not None:
        exact = min(max(exact, ZERO), cap)
    return round_index(exact, places)


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
        return _score(fw, unit, classes if classes is not None else fw.header.classes)


def _score(fw: Framework, unit: Unit, classes) -> Result:
    evidence = unit.evidence
    na_ids = unit.na
    places = fw.places
    leaves: list[LeafResult] = []
    append = leaves.append
    warnings: list[ScoreWarning] = []
    missing: list[str] = []
    crit_points: dict[str, Decimal] = {}
    crit_max: dict[str, Decimal] = {}
    get = evidence.get
    for node in fw.leaves:
        nid = node.id
        ev = get(nid)
        if na_ids and (nid in na_ids or node.criterion in na_ids or node.field in na_ids):
            append(LeafResult(node, None, NA, ev))
            continue
        cid = node.criterion or nid  # a leaf's criterion: itself or its parent
        crit_max[cid] = crit_max.get(cid, ZERO) + node.max
        given = ev.points if ev is not None else None
        computed: Decimal | None
        if ev is not None and ev.form is not None:
            computed = settle(node.scorer(ev))  # 12 places when it does not end
            if given is None:
                points, status = computed, SCORED
            else:
                points, status = given, OVERRIDE
                if computed != given:
                    warnings.append(ScoreWarning("override", nid, given, computed))
        elif ev is not None and given is not None:  # manual, or only points given
            computed = None
            points, status = given, (SCORED if node.leaf_rule.TAKES_POINTS else OVERRIDE)
        else:
            missing.append(nid)
            append(LeafResult(node, ZERO, MISSING, ev))
            continue
        if ev.claimed is not None and ev.claimed > points:
            warnings.append(ScoreWarning("claim", nid, ev.claimed, points))
        crit_points[cid] = crit_points.get(cid, ZERO) + points
        append(LeafResult(node, points, status, ev, computed))
    if missing:
        warnings.insert(0, ScoreWarning("missing", ids=tuple(missing)))

    # totals by criterion and field, in framework order
    criteria = []
    fields = []
    total_points = ZERO
    total_max = ZERO
    nodes = fw.nodes
    for fnode in fw.fields:
        f_points = ZERO
        f_max = ZERO
        f_status = NA
        for cid in fnode.children:
            c_max = crit_max.get(cid)
            if c_max is None:
                criteria.append(NodeResult(nodes[cid], ZERO, ZERO, places, NA))
                continue
            # a criterion none of whose applicable leaves has evidence is missing, not scored
            c_points = crit_points.get(cid)
            c_status = MISSING if c_points is None else SCORED
            c_points = c_points or ZERO
            criteria.append(NodeResult(nodes[cid], c_max, c_points, places, c_status))
            f_points += c_points
            f_max += c_max
            if f_status != SCORED:
                f_status = c_status
        if f_max == fnode.max:  # share the framework's number: summaries of many units stay small
            f_max = fnode.max
        fields.append(NodeResult(fnode, f_max, f_points, places, f_status))
        total_points += f_points
        total_max += f_max
    declared = fw.header.adjustments
    adjustments: list[AdjustmentResult] = []
    if declared is None:
        index = index_of(total_points, total_max, places)
    else:
        adjusted = total_points
        for item in declared.items:
            ev = unit.adjustments.get(item.kind)
            if ev is not None and ev.points is not None:
                adj = AdjustmentResult(item, ev.points, SCORED, ev)
                if item.kind == "bonus" and ev.claimed is not None and ev.claimed > ev.points:
                    warnings.append(ScoreWarning("claim_bonus", item.kind, ev.claimed, ev.points))
            else:
                adj = AdjustmentResult(item, ZERO, MISSING, ev)
            adjustments.append(adj)
            adjusted += adj.points if item.kind == "bonus" else -adj.points
        index = index_of(adjusted, total_max, places, declared.cap)
    return Result(fw, unit.name, unit.code, unit.year, unit.file, total_points, total_max, index,
                  class_of(index, classes), fields, criteria, leaves, warnings, adjustments)
