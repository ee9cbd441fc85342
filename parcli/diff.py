"""Comparing two results (usually one unit in two years), and claimed vs computed points.

Both sides are result objects (``parcli/result/v1``): a unit file is scored into
one, a result JSON file is read as one. The comparison itself is pure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import RESULT_SCHEMA

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
    a: dict[str, Any]
    b: dict[str, Any]
    fields: list[Change]
    leaves: list[Change]
    warnings: list[str] = field(default_factory=list)

    @property
    def points_change(self) -> Decimal:
        return _num(self.b["points"]) - _num(self.a["points"])

    @property
    def index_change(self) -> Decimal | None:
        if self.a["index"] is None or self.b["index"] is None:
            return None
        return _num(self.b["index"]) - _num(self.a["index"])


def _num(v) -> Decimal:
    return v if isinstance(v, Decimal) else Decimal(str(v))


def _opt(v) -> Decimal | None:
    return None if v is None else _num(v)


def load_result(path: Path, store=None) -> dict[str, Any]:
    """A unit YAML (scored now) or a result JSON file → a result object."""
    from .loader import decode, read_bytes

    name = str(path)
    if path.suffix.lower() == ".json":
        text = decode(read_bytes(path, name), name)
        try:
            obj = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
        if isinstance(obj, list) and len(obj) == 1:
            obj = obj[0]
        if isinstance(obj, list):
            raise InputError(f"{name}: holds {len(obj)} results; diff compares one result with one result")
        if not isinstance(obj, dict) or obj.get("schema") != RESULT_SCHEMA:
            raise InputError(f"{name}: not a parcli result (schema {RESULT_SCHEMA}); write one with "
                             "parcli score UNIT --format json")
        for key in ("framework", "unit", "year", "points", "max", "index", "fields", "leaves"):
            if key not in obj:
                raise InputError(f"{name}: the result has no {key!r}")
        if not isinstance(obj["fields"], list) or not isinstance(obj["leaves"], list):
            raise InputError(f"{name}: fields and leaves must be lists")
        try:
            for item in obj["fields"] + obj["leaves"]:
                str(item["id"]), _opt(item.get("points")), _opt(item.get("max"))
            _num(obj["points"]), _opt(obj["index"])
        except (KeyError, TypeError, ArithmeticError, ValueError):
            raise InputError(f"{name}: the result's numbers or ids are malformed") from None
        return obj
    from .engine import score
    from .report.jsonout import result_object
    from .store import Store

    unit, fw = (store or Store()).unit(path)
    return result_object(score(fw, unit))


def compare(a: dict[str, Any], b: dict[str, Any]) -> Diff:
    fa, fb = a["framework"], b["framework"]
    warnings = []
    if fa.get("id") != fb.get("id"):
        raise InputError(f"the two results use different frameworks ({fa.get('id')} and {fb.get('id')}); "
                         "their points do not correspond")
    if fa.get("version") != fb.get("version") or fa.get("sha256") != fb.get("sha256"):
        warnings.append(f"framework versions differ: {fa.get('version')} ({str(fa.get('sha256'))[:12]}) and "
                        f"{fb.get('version')} ({str(fb.get('sha256'))[:12]}); some changes may come from the framework")
    if (a.get("code") or a["unit"]) != (b.get("code") or b["unit"]):
        warnings.append(f"these are different units: {a['unit']} and {b['unit']}")
    fields = _pair(a["fields"], b["fields"], with_index=True)
    leaves = [c for c in _pair(a["leaves"], b["leaves"]) if c.delta != 0 or c.note or c.a_status != c.b_status]
    fields.sort(key=lambda c: (-abs(c.delta), c.id))
    leaves.sort(key=lambda c: (-abs(c.delta), c.id))
    return Diff(a, b, fields, leaves, warnings)


def _pair(xs: list[dict], ys: list[dict], with_index: bool = False) -> list[Change]:
    by_id = {str(y["id"]): y for y in ys}
    out = []
    seen = set()
    for x in xs:
        xid = str(x["id"])
        seen.add(xid)
        y = by_id.get(xid)
        out.append(_change(xid, x, y, with_index))
    for y in ys:
        if str(y["id"]) not in seen:
            out.append(_change(str(y["id"]), None, y, with_index))
    return out


def _change(ident: str, x: dict | None, y: dict | None, with_index: bool) -> Change:
    title = (x or y).get("title", "")
    c = Change(ident, title, _opt(x.get("points")) if x else None, _opt(y.get("points")) if y else None,
               x.get("status") if x else None, y.get("status") if y else None,
               _opt(x.get("max")) if x else None, _opt(y.get("max")) if y else None)
    if with_index:
        c.index_a = _opt(x.get("index")) if x else None
        c.index_b = _opt(y.get("index")) if y else None
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


def claims(obj: dict[str, Any]) -> list[Claim]:
    """Claimed (self-assessed) vs computed points for every leaf."""
    return [Claim(str(x["id"]), x.get("title", ""), _num(x["max"]), _opt(x.get("claimed")), _opt(x.get("points")),
                  x.get("status", "")) for x in obj["leaves"]]
