"""Comparing two results (usually one unit in two years), and claimed vs computed points.

Both sides are :class:`~parcli.summary.Summary` objects: a unit file is scored
into one, a result JSON file is read back as one. The comparison itself is pure.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .domain import RESULT_SCHEMA
from .errors import InputError
from .i18n import N_, tr
from .loader import read_number
from .summary import (
    LeafLine,
    NodeLine,
    NotAResult,
    Summary,
    from_result_object,
    summarize,
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


_JSON_REASONS = (  # the json module's own words → parcli's
    ("Expecting value", N_("a value is expected here")),
    ("Expecting property name", N_("a key in double quotes is expected here")),
    ("Expecting ':'", N_("a ':' is expected here")),
    ("Expecting ','", N_("a ',' is expected here")),
    ("Unterminated string", N_("a text in quotes is not closed")),
    ("Invalid control character", N_("a control character in a text")),
    ("Invalid \\uXXXX escape", N_("an escape (\\) that JSON does not know")),
    ("Invalid \\escape", N_("an escape (\\) that JSON does not know")),
    ("Extra data", N_("more data after the end")),
    ("Illegal trailing comma", N_("a ',' before the closing bracket")),
)


def json_reason(msg: str) -> str:
    """What the json module found, in the chosen language."""
    for start, reason in _JSON_REASONS:
        if msg.startswith(start):
            return tr(reason)
    return tr("the JSON syntax is broken here")


def load_result(path: Path, store=None) -> Summary:
    """A unit file (scored now) or a result JSON file, as a summary."""
    from .loader import decode, read_bytes

    name = str(path)
    if path.suffix.lower() == ".json":
        text = decode(read_bytes(path, name), name)
        try:
            obj = json.loads(text, parse_float=read_number, parse_int=read_number, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{exc.lineno}:{exc.colno}: " + tr("not valid JSON: {detail}", detail=json_reason(exc.msg))) from None
        except ValueError as exc:
            raise InputError(f"{name}: " + tr("not a usable parcli result: {detail}", detail=exc)) from None
        except RecursionError:
            raise InputError(f"{name}: " + tr("not a usable parcli result: {detail}",
                                              detail=tr("nested too deeply"))) from None
        if isinstance(obj, list) and len(obj) == 1:
            obj = obj[0]
        if isinstance(obj, list):
            raise InputError(f"{name}: " + tr("holds {count} results; diff compares one result with one result",
                                              count=len(obj)))
        if not isinstance(obj, dict) or obj.get("schema") != RESULT_SCHEMA:
            raise InputError(f"{name}: " + tr("not a parcli result (schema {schema}); parcli score writes one in JSON",
                                              schema=RESULT_SCHEMA))
        try:
            return from_result_object(obj, name)
        except NotAResult as exc:
            raise InputError(f"{name}: " + tr("not a usable parcli result: {detail}", detail=exc)) from None
    from .engine import score
    from .store import Store

    unit, fw = (store or Store()).unit(path)
    return summarize(score(fw, unit))


def _no_constant(name: str):
    raise ValueError(tr("{name} is not a finite number", name=name))


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
                           "from the framework", a=fa.version, a_sha=fa.sha256[:12], b=fb.version, b_sha=fb.sha256[:12]))
    if (a.code or a.unit) != (b.code or b.unit):
        warnings.append(tr("these are different units: {a} and {b}", a=a.unit, b=b.unit))
    fields = _pair(a.fields, b.fields)
    leaves = [c for c in _pair(a.leaves, b.leaves) if c.delta != 0 or c.note or c.a_status != c.b_status]
    fields.sort(key=lambda c: (-abs(c.delta), c.id))
    leaves.sort(key=lambda c: (-abs(c.delta), c.id))
    return Diff(a, b, fields, leaves, warnings)


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
    c = Change(ident, (x or y).title, x.points if x else None, y.points if y else None,
               x.status if x else None, y.status if y else None, x.max if x else None, y.max if y else None)
    if isinstance(x or y, NodeLine):
        c.index_a = x.index if x else None
        c.index_b = y.index if y else None
    return c


@dataclass(slots=True)
class Claim:
    id: str
    title: str
    max: Decimal
    claimed: Decimal | None
    points: Decimal | None
    status: str

    @property
    def difference(self) -> Decimal | None:
        if self.claimed is None or self.points is None:
            return None
        return self.points - self.claimed


def claims(summary: Summary) -> list[Claim]:
    """Claimed (self-assessed) vs computed points for every leaf."""
    return [Claim(x.id, x.title, x.max, x.claimed, x.points, x.status) for x in summary.leaves]
