"""One typed summary of a scored unit, shared by ``rank``, ``diff`` and the file writers.

A :class:`Summary` is what every output after the score table needs: the unit,
its totals, its fields and (unless dropped to save memory when ranking) its
leaves, and the :class:`FrameworkInfo` it was scored against. It is made from an
engine :class:`~parcli.engine.Result` (:func:`summarize`) or read back from a
result JSON object (:func:`from_result_object`), so ``diff`` compares the two
alike and every writer writes both alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .i18n import tr

STATUSES = ("official", "reconstructed", "custom")


@dataclass(slots=True, frozen=True)
class FrameworkInfo:
    """What outputs need to know of a framework (picklable, small)."""

    id: str
    version: str
    sha256: str
    status: str
    places: int
    title: str
    title_en: str | None = None
    fields: tuple[tuple[str, str, str | None], ...] = ()  # (id, title, title_en)
    note: str = ""
    source_path: str = ""  # the framework file (outputs must never be written over it)

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def title_for(self, lang: str) -> str:
        return (self.title_en or self.title) if lang == "en" else self.title

    @classmethod
    def of(cls, fw) -> FrameworkInfo:
        """The info of a checked :class:`~parcli.model.Framework`."""
        return cls(fw.id, fw.version, fw.sha256, fw.status, fw.places, fw.header.title, fw.header.title_en,
                   tuple((f.id, f.title, f.title_en) for f in fw.fields), fw.header.provenance.note,
                   fw.source_path)


@dataclass(slots=True)
class NodeLine:
    """A field's totals."""

    id: str
    title: str
    max: Decimal
    points: Decimal
    index: Decimal | None
    status: str


@dataclass(slots=True)
class LeafLine:
    """A leaf's points and why."""

    id: str
    field: str | None
    criterion: str | None
    title: str
    max: Decimal
    points: Decimal | None
    lost: Decimal | None
    status: str
    claimed: Decimal | None = None
    reason: str = ""
    note: str | None = None


@dataclass(slots=True)
class AdjustLine:
    """A bonus or a penalty of a unit (frameworks with adjustments only, DESIGN §12a)."""

    kind: str  # bonus | penalty
    max: Decimal
    points: Decimal
    status: str  # scored | missing
    claimed: Decimal | None = None
    note: str | None = None
    documents: tuple[str, ...] = ()
    title: str | None = None  # the framework's title of it, if it gives one


ADJUST_KINDS = ("bonus", "penalty")


@dataclass(slots=True)
class Summary:
    framework: FrameworkInfo
    unit: str
    code: str | None
    year: int
    points: Decimal
    max: Decimal
    index: Decimal | None
    klass: str | None
    fields: list[NodeLine]
    leaves: list[LeafLine] = field(default_factory=list)
    warnings: list[Any] = field(default_factory=list)  # ScoreWarning, or text read back from JSON
    file: str = ""
    blank: bool = False  # no leaf has evidence (a blank form, an empty unit file)
    adjustments: list[AdjustLine] = field(default_factory=list)  # empty: the framework declares none

    def adjustment(self, kind: str) -> Decimal | None:
        """The bonus or penalty points; None when the framework declares no such adjustment."""
        from .domain import adjustment_points

        return adjustment_points(self.adjustments, kind)

    def field_index(self, field_id: str) -> Decimal | None:
        for f in self.fields:
            if f.id == field_id:
                return f.index
        return None


def summarize(result, info: FrameworkInfo | None = None, leaves: bool = True) -> Summary:
    """An engine result as a summary; ``leaves=False`` keeps only the totals (ranking many units)."""
    info = info or FrameworkInfo.of(result.framework)
    fields = [NodeLine(f.id, f.node.title, f.max, f.points, f.index, f.status) for f in result.fields]
    lines = []
    if leaves:
        lines = [LeafLine(leaf.id, leaf.node.field, leaf.node.criterion, leaf.node.title, leaf.max, leaf.points,
                          leaf.lost, leaf.status, leaf.claimed, leaf.reason, leaf.note) for leaf in result.leaves]
    adjustments = [AdjustLine(a.kind, a.max, a.points, a.status, a.claimed, a.note, a.documents, a.item.title)
                   for a in result.adjustments]
    return Summary(info, result.unit, result.code, result.year, result.points, result.max, result.index,
                   result.klass, fields, lines, list(result.warnings) if leaves else [], result.file, result.blank,
                   adjustments)


# --- reading a result object (parcli/result/v1) back ------------------------


class NotAResult(ValueError):
    """A result object that cannot be used; the message says why."""


def from_result_object(obj: Any, file: str = "") -> Summary:
    """A ``parcli/result/v1`` object (JSON numbers read as Decimal) as a summary.

    The framework's display places are those of the written index (an index is
    written with exactly the framework's places, DESIGN §6); 2 when no index is written.
    """
    if not isinstance(obj, dict):
        raise NotAResult(tr("a result is a JSON object"))
    for key in ("framework", "unit", "year", "points", "max", "index", "fields", "leaves"):
        if key not in obj:
            raise NotAResult(tr("it has no {key!r}", key=key))
    fw = obj["framework"]
    if not isinstance(fw, dict) or not isinstance(fw.get("id"), str):
        raise NotAResult(tr("framework must be an object with an id"))
    unit, code = obj["unit"], obj.get("code")
    if not isinstance(unit, str) or not isinstance(code, (str, type(None))):
        raise NotAResult(tr("unit and code must be text"))
    year = obj["year"]
    if isinstance(year, bool) or not isinstance(year, (int, Decimal)) or year != int(year):
        raise NotAResult(tr("year must be a whole number"))
    klass = obj.get("class")
    if klass is not None and not isinstance(klass, str):
        raise NotAResult(tr("class must be text"))
    if not isinstance(obj["fields"], list) or not isinstance(obj["leaves"], list):
        raise NotAResult(tr("fields and leaves must be lists"))
    points, top_max, index = (_number(obj, k) for k in ("points", "max", "index"))
    if points is None or top_max is None:
        raise NotAResult(tr("points and max must be numbers"))
    fields = [NodeLine(_ident(f), _title(f), _number(f, "max") or Decimal(0), _number(f, "points") or Decimal(0),
                       _number(f, "index"), _status(f)) for f in _objects(obj["fields"])]
    leaves = [LeafLine(_ident(x), _opt_text(x, "field"), _opt_text(x, "criterion"), _title(x),
                       _number(x, "max") or Decimal(0), _number(x, "points"), _number(x, "lost"), _status(x),
                       _number(x, "claimed"), _opt_text(x, "reason") or "", _opt_text(x, "note"))
              for x in _objects(obj["leaves"])]
    status = fw.get("status")
    status = status if isinstance(status, str) and status in STATUSES else "custom"
    version, sha = fw.get("version"), fw.get("sha256")
    info = FrameworkInfo(fw["id"], version if isinstance(version, str) else "", sha if isinstance(sha, str) else "",
                         status, _places(index, fields), fw["id"], None,
                         tuple((f.id, f.title, None) for f in fields))
    warnings = [w for w in obj.get("warnings") or [] if isinstance(w, str)]
    return Summary(info, unit, code, int(year), points, top_max, index, klass, fields, leaves, warnings, file,
                   False, _adjustments(obj.get("adjustments")))


def _adjustments(items: Any) -> list[AdjustLine]:
    """The ``adjustments`` of a result object (absent: the framework declares none)."""
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        raise NotAResult(tr("adjustments must be a list of objects"))
    out: list[AdjustLine] = []
    for x in items:
        kind = x.get("kind")
        if kind not in ADJUST_KINDS or any(a.kind == kind for a in out):
            raise NotAResult(tr("each adjustment's kind is bonus or penalty, once"))
        docs = x.get("documents") or []
        if not isinstance(docs, list) or not all(isinstance(d, str) for d in docs):
            raise NotAResult(tr("documents must be a list of texts"))
        out.append(AdjustLine(kind, _number(x, "max") or Decimal(0), _number(x, "points") or Decimal(0),
                              _status(x), _number(x, "claimed"), _opt_text(x, "note"), tuple(docs),
                              _opt_text(x, "title")))
    return out


def _objects(items: list) -> list[dict]:
    if not all(isinstance(x, dict) for x in items):
        raise NotAResult(tr("each field and leaf must be an object"))
    return items


def _number(obj: dict, key: str) -> Decimal | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise NotAResult(tr("{key} must be a number", key=key))
    value = Decimal(value)
    if not value.is_finite():
        raise NotAResult(tr("{key} must be a finite number", key=key))
    return value


def _ident(obj: dict) -> str:
    value = obj.get("id")
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise NotAResult(tr("each field and leaf needs an id"))
    return str(value)


def _title(obj: dict) -> str:
    value = obj.get("title", "")
    if not isinstance(value, str):
        raise NotAResult(tr("each field and leaf must be an object with a text title"))
    return value


def _opt_text(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise NotAResult(tr("{key} must be text", key=key))
    return str(value)


def _status(obj: dict) -> str:
    value = obj.get("status")
    if not isinstance(value, (str, type(None))):
        raise NotAResult(tr("a status must be text"))
    return value or ""


def _places(index: Decimal | None, fields: list[NodeLine]) -> int:
    for value in [index, *(f.index for f in fields)]:
        if value is not None:
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int) and -exponent in (2, 3):
                return -exponent
    return 2
