"""Comparing two results (usually one unit in two years), and claimed vs computed points.

Both sides are :class:`~parcli.summary.Summary` objects: a unit file is scored
into one, a result JSON file is read back as one. The comparison itself is pure.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from .i18n import NP_, say, tr
from .summary import (
    LeafLine,
    NodeLine,
    Summary,
)

ZERO = Decimal(0)
@dataclass(slots=True)
class Change:
    id: str
    title: str
    a: Decimal | None  # points (None when na or absent)
    b: Decimal | None
    a_status: str | None
    b_status: str | None
    max_a: Decimal | None = None
    max_b: Decimal | None = None
    index_a: Decimal | None = None
    index_b: Decimal | None = None

    @property
    def delta(self) -> Decimal:
        return (self.b or ZERO) - (self.a or ZERO)

    @property
    def note(self) -> str:
        if self.a_status != "na" and self.b_status == "na":
            return "became na"
        if self.a_status == "na" and self.b_status != "na":
            return "no longer na"
        if self.a_status is None:
            return "only in B"
        if self.b_status is None:
            return "only in A"
        return ""


@dataclass(slots=True)
class Diff:
    a: Summary
    b: Summary
    fields: list[Change]
    leaves: list[Change]
    warnings: list[str] = field(default_factory=list)
    same_framework: bool = True  # False: fields paired by name, no leaves, points of different scales

    @property
    def points_change(self) -> Decimal:
        return self.b.points - self.a.points

    @property
    def index_change(self) -> Decimal | None:
        if self.a.index is None or self.b.index is None:
            return None
        return self.b.index - self.a.index


def compare(a: Summary, b: Summary) -> Diff:
    fa, fb = a.framework, b.framework
    warnings = []
    if fa.id != fb.id:  # e.g. 2018 (province-2017) against 2021 (province-2020): fields by name only
        warnings.append(tr("the frameworks differ ({a} and {b}): leaves are not compared; fields are compared by "
                           "their names where the names match, by their index (%)", a=fa.id, b=fb.id))
        if (a.code or a.unit) != (b.code or b.unit):
            warnings.append(tr("these are different units: {a} and {b}", a=a.unit, b=b.unit))
        return Diff(a, b, _pair_by_title(a.fields, b.fields), [], warnings, same_framework=False)
    if fa.version != fb.version or fa.sha256 != fb.sha256:
        warnings.append(tr("framework versions differ: {a} ({a_sha}) and {b} ({b_sha}); some changes may come "
                           "from the framework", a=fa.version, a_sha=fa.sha256[:12], b=fb.version,
                           b_sha=fb.sha256[:12]))
    if (a.code or a.unit) != (b.code or b.unit):
        warnings.append(tr("these are different units: {a} and {b}", a=a.unit, b=b.unit))
    fields = _pair(a.fields, b.fields)
    leaves = [c for c in _pair(a.leaves + _adjust_lines(a), b.leaves + _adjust_lines(b))
              if c.delta != 0 or c.note or c.a_status != c.b_status]
    fields.sort(key=lambda c: (-abs(c.delta), c.id))
    leaves.sort(key=lambda c: (-abs(c.delta), c.id))
    return Diff(a, b, fields, leaves, warnings)


_ADJUSTMENT_WORDS = {"bonus": NP_("column", "Bonus"), "penalty": NP_("column", "Penalty")}


def _adjust_title(a) -> str:
    """A bonus's or a penalty's title: the framework's, else its name in the current language."""
    word = _ADJUSTMENT_WORDS.get(a.kind)
    return a.title or (say(word) if word is not None else a.kind)


def _adjust_lines(s: Summary) -> list[LeafLine]:
    """A unit's bonus and penalty as lines compared like leaves (id: bonus, penalty)."""
    return [LeafLine(a.kind, None, None, _adjust_title(a), a.max, a.points, None, a.status) for a in s.adjustments]


def _title_key(title: str) -> str:
    return unicodedata.normalize("NFC", " ".join(title.split())).casefold()


def _pair_by_title(xs: list, ys: list) -> list[Change]:
    """Fields of two frameworks paired by name (A's order); a field named in one only is listed as such."""
    by_title = {_title_key(y.title): y for y in ys}
    out = []
    paired = set()
    for x in xs:
        y = by_title.get(_title_key(x.title))
        ident = x.id if y is None or y.id == x.id else f"{x.id} → {y.id}"
        out.append(_change(ident, x, y))
        if y is not None:
            paired.add(id(y))
    out += [_change(y.id, None, y) for y in ys if id(y) not in paired]
    return out


def _pair(xs: list, ys: list) -> list[Change]:
    by_id = {y.id: y for y in ys}
    out = [_change(x.id, x, by_id.get(x.id)) for x in xs]
    seen = {x.id for x in xs}
    out += [_change(y.id, None, y) for y in ys if y.id not in seen]
    return out


def _change(ident: str, x: NodeLine | LeafLine | None, y: NodeLine | LeafLine | None) -> Change:
    first = x or y
    if first is None:
        raise ValueError(f"{ident}: a change needs a line on one side at least")
    c = Change(ident, first.title, x.points if x else None, y.points if y else None,
               x.status if x else None, y.status if y else None, x.max if x else None, y.max if y else None)
    if isinstance(first, NodeLine):
        c.index_a = x.index if isinstance(x, NodeLine) else None
        c.index_b = y.index if isinstance(y, NodeLine) else None
    return c


@dataclass(slots=True)
class Claim:
    id: str
    title: str
    max: Decimal
    claimed: Decimal | None
    points: Decimal | None
    status: str
    sign: int = 1  # how the points count in the index: +1 a leaf's and the bonus, -1 the penalty

    @property
    def difference(self) -> Decimal | None:
        if self.claimed is None or self.points is None:
            return None
        return self.points - self.claimed

    @property
    def over(self) -> bool:
        """Claimed above what the evidence supports: more points, or a smaller penalty."""
        diff = self.difference
        return diff is not None and diff * self.sign < 0

    @property
    def is_adjustment(self) -> bool:
        return self.sign != 1 or self.id in _ADJUSTMENT_WORDS


def claims(summary: Summary) -> list[Claim]:
    """Claimed (self-assessed) vs computed points for every leaf, then for the bonus and the penalty (where the
    framework declares them)."""
    return [*(Claim(x.id, x.title, x.max, x.claimed, x.points, x.status) for x in summary.leaves),
            *(Claim(a.kind, _adjust_title(a), a.max, a.claimed, a.points, a.status, -1 if a.kind == "penalty" else 1)
              for a in summary.adjustments)]
