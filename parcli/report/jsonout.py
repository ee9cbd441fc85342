"""Result JSON (DESIGN §6): numbers written exactly from Decimal."""

from __future__ import annotations

import json
import re
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


_MARK = "\x00"  # no text parcli reads holds it (the loader refuses NUL)
_MARKED = re.compile(r'"\\u0000([-0-9.]+)\\u0000"')


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text in which every Decimal is a JSON number written exactly.

    Decimals travel through the standard encoder as marked strings, then lose their
    quotes; the rare value that holds the mark itself goes through the slow writer."""
    clean = [True]
    marked = _marked(value, clean)
    if clean[0]:
        return _MARKED.sub(r"\1", json.dumps(marked, ensure_ascii=False, indent=indent))
    out: list[str] = []
    _write(value, out, indent, 0)
    return "".join(out)


def _marked(value: Any, clean: list[bool]) -> Any:
    cls = value.__class__
    if cls is str:
        if _MARK in value:
            clean[0] = False
        return value
    if isinstance(value, Decimal):
        return _MARK + exact(value) + _MARK
    if cls is dict:
        return {str(k): _marked(v, clean) for k, v in value.items()}
    if cls is list or cls is tuple:
        return [_marked(v, clean) for v in value]
    return value


def _write(value: Any, out: list[str], indent: int, level: int) -> None:
    if isinstance(value, Decimal):
        out.append(exact(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        pad = "\n" + " " * (indent * (level + 1))
        out.append("{")
        first = True
        for key, item in value.items():
            out.append(("" if first else ",") + pad + json.dumps(str(key), ensure_ascii=False) + ": ")
            _write(item, out, indent, level + 1)
            first = False
        out.append("\n" + " " * (indent * level) + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        pad = "\n" + " " * (indent * (level + 1))
        out.append("[")
        for i, item in enumerate(value):
            out.append(("" if i == 0 else ",") + pad)
            _write(item, out, indent, level + 1)
        out.append("\n" + " " * (indent * level) + "]")
    else:
        out.append(json.dumps(value, ensure_ascii=False))


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
