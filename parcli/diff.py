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
            obj = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
        except ValueError as exc:
            raise InputError(f"{name}: not a usable parcli result: {exc}") from None
        except RecursionError:
            raise InputError(f"{name}: not a usable parcli result: nested too deeply") from None
        if isinstance(obj, list) and len(obj) == 1:
            obj = obj[0]
        if isinstance(obj, list):
            raise InputError(f"{name}: holds {len(obj)} results; diff compares one result with one result")
        if not isinstance(obj, dict) or obj.get("schema") != RESULT_SCHEMA:
            raise InputError(f"{name}: not a parcli result (schema {RESULT_SCHEMA}); write one with "
                             "parcli score UNIT --format json")
        problem = _result_problem(obj)
        if problem:
            raise InputError(f"{name}: not a usable parcli result: {problem}")
        return obj
    from .engine import score
    from .report.jsonout import result_object
    from .store import Store

    unit, fw = (store or Store()).unit(path)
    return result_object(score(fw, unit))


def _no_constant(name: str):
    raise ValueError(f"{name} is not a finite number")


def _result_problem(obj: dict[str, Any]) -> str | None:
    """What makes a result object unusable for a comparison, or None."""
    for key in ("framework", "unit", "year", "points", "max", "index", "fields", "leaves"):
        if key not in obj:
            return f"it has no {key!r}"
    fw = obj["framework"]
    if not isinstance(fw, dict) or not isinstance(fw.get("id"), str):
        return "framework must be an object with an id"
    if not isinstance(obj["unit"], str) or not isinstance(obj.get("code") or "", str):
        return "unit and code must be text"
    if isinstance(obj["year"], bool) or not isinstance(obj["year"], (int, Decimal)):
        return "year must be a number"
    if obj.get("class") is not None and not isinstance(obj["class"], str):
        return "class must be text"
    if not isinstance(obj["fields"], list) or not isinstance(obj["leaves"], list):
        return "fields and leaves must be lists"
    if not all(isinstance(obj[k], (int, Decimal, type(None))) and not isinstance(obj[k], bool)
               for k in ("points", "max", "index")) or obj["points"] is None or obj["max"] is None:
        return "points, max and index must be numbers"
    try:
        for item in obj["fields"] + obj["leaves"]:
            if not isinstance(item, dict) or not isinstance(item.get("title", ""), str):
                return "each field and leaf must be an object with a text title"
            if not isinstance(item.get("status"), (str, type(None))):
                return "a status must be text"
            str(item["id"])
            for key in ("points", "max", "index", "claimed"):
                value = item.get(key)
                if isinstance(value, (bool, str, list, dict)):
                    return f"{key} must be a number"
                _opt(value)
    except (KeyError, TypeError, ArithmeticError, ValueError):
        return "its numbers or ids are malformed"
    return None


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
