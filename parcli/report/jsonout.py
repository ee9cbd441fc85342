"""Result JSON (DESIGN §6): numbers written exactly from Decimal."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .. import __version__
from ..domain import RESULT_SCHEMA
from . import TOOL, Writer, exact, warning_text


def result_object(summary) -> dict[str, Any]:
    """One unit's result as the ``parcli/result/v1`` object; under a framework with adjustments,
    with ``bonus`` and ``penalty`` (the points) after ``max`` and ``adjustments`` (each in full)."""
    fw = summary.framework
    out = {
        "schema": RESULT_SCHEMA,
        "tool": {"name": TOOL, "version": __version__},
        "framework": {"id": fw.id, "version": fw.version, "sha256": fw.sha256, "status": fw.status},
        "unit": summary.unit,
        "code": summary.code,
        "year": summary.year,
        "points": summary.points,
        "max": summary.max,
        "index": summary.index,
        "class": summary.klass,
        "fields": [
            {"id": f.id, "title": f.title, "max": f.max, "points": f.points, "index": f.index, "status": f.status}
            for f in summary.fields
        ],
        "leaves": [
            {
                "id": leaf.id,
                "field": leaf.field,
                "criterion": leaf.criterion,
                "title": leaf.title,
                "max": leaf.max,
                "points": leaf.points,
                "lost": leaf.lost,
                "status": leaf.status,
                "claimed": leaf.claimed,
                "reason": leaf.reason,
            }
            for leaf in summary.leaves
        ],
        "warnings": [w if isinstance(w, str) else warning_text(w, "en") for w in summary.warnings],
    }
    if summary.adjustments:
        head = list(out.items())
        at = next(i for i, (k, _) in enumerate(head) if k == "max") + 1
        extra = [(a.kind, a.points) for a in summary.adjustments]
        items = [{"kind": a.kind, "title": a.title, "max": a.max, "points": a.points, "status": a.status,
                  "claimed": a.claimed, "note": a.note, "documents": list(a.documents)} for a in summary.adjustments]
        out = dict(head[:at] + extra + head[at:-1] + [("adjustments", items)] + head[-1:])
    return out


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text in which every Decimal is a JSON number written exactly; otherwise exactly what
    ``json.dumps(value, ensure_ascii=False, indent=indent)`` writes (every key as ``str(key)``).

    Written here rather than through the standard encoder, whose indenting writer is pure Python
    generators: the same text, several times sooner (a survey's JSON is ~10,000 values)."""
    out: list[str] = []
    _write(value, out, "\n", " " * indent)
    return "".join(out)


def _write(value: Any, out: list[str], pad: str, step: str) -> None:
    """``value`` at the nesting whose line break and indent is ``pad``."""
    cls = value.__class__
    if cls is str:
        out.append(_string(value))
    elif cls is dict:
        if not value:
            out.append("{}")
            return
        inner = pad + step
        first = True
        for key, item in value.items():
            said = _KEYS.get((first, inner, key))
            if said is None:  # the key as written at this nesting, kept: the same keys recur in every object
                said = ("{" if first else ",") + inner + _string(str(key)) + ": "
                if len(_KEYS) < 10_000 and key.__class__ is str:
                    _KEYS[first, inner, key] = said
            out.append(said)
            first = False
            kind = item.__class__
            if kind is str:
                out.append(_string(item))
            elif kind is int or kind is Decimal or item is None or kind is bool:
                out.append(_scalar(item))
            else:
                _write(item, out, inner, step)
        out.append(pad + "}")
    elif cls is list or cls is tuple:
        if not value:
            out.append("[]")
            return
        inner = pad + step
        first = True
        for item in value:
            out.append("[" + inner if first else "," + inner)
            first = False
            _write(item, out, inner, step)
        out.append(pad + "]")
    elif isinstance(value, (dict, list, tuple, str)):  # a subclass: as the standard encoder writes it
        _write(dict(value) if isinstance(value, dict) else str(value) if isinstance(value, str) else list(value),
               out, pad, step)
    else:
        out.append(_scalar(value))


_KEYS: dict[tuple[bool, str, str], str] = {}  # (first?, line break and indent, key) -> the key as written
_string = json.encoder.encode_basestring  # the standard encoder's own (C) function for ensure_ascii=False
_float = json.JSONEncoder().iterencode  # nan, infinity and floats exactly as the standard encoder writes them


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, Decimal):
        return exact(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return "".join(_float(value))
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


class JsonWriter(Writer):
    """JSON for scripts: results (export, score) and plans (plan)."""

    def results(self, fh, summaries) -> None:
        """A JSON array of result objects, streamed."""
        fh.write(b"[")
        first = True
        for summary in summaries:
            fh.write(b"\n" if first else b",\n")
            fh.write(dumps(result_object(summary)).encode("utf-8"))
            first = False
        fh.write(b"\n]\n" if not first else b"]\n")

    def one(self, fh, summary) -> None:
        """One result object."""
        fh.write(dumps(result_object(summary)).encode("utf-8") + b"\n")

    def survey(self, fh, result) -> None:
        """A JSON array, one object per unit of the survey."""
        from .surveyout import survey_objects

        fh.write(dumps(survey_objects(result)).encode("utf-8") + b"\n")

    def plan(self, fh, plan) -> None:
        """The plan object (``parcli/plan/v1``)."""
        from .planout import plan_object

        fh.write(dumps(plan_object(plan)).encode("utf-8") + b"\n")
