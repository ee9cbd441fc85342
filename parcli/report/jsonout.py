"""Result JSON (DESIGN §6): numbers written exactly from Decimal."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .. import __version__
from ..model import RESULT_SCHEMA
from . import TOOL, exact, warning_text


def framework_info(fw) -> dict[str, Any]:
    return {"id": fw.id, "version": fw.version, "sha256": fw.sha256, "status": fw.status}


def result_object(result) -> dict[str, Any]:
    """One unit's result as the ``parcli/result/v1`` object."""
    return {
        "schema": RESULT_SCHEMA,
        "tool": {"name": TOOL, "version": __version__},
        "framework": framework_info(result.framework),
        "unit": result.unit,
        "code": result.code,
        "year": result.year,
        "points": result.points,
        "max": result.max,
        "index": result.index,
        "class": result.klass,
        "fields": [
            {
                "id": f.id,
                "title": f.node.title,
                "max": f.max,
                "points": f.points,
                "index": f.index,
                "status": f.status,
            }
            for f in result.fields
        ],
        "leaves": [
            {
                "id": leaf.id,
                "field": leaf.node.field,
                "criterion": leaf.node.criterion,
                "title": leaf.node.title,
                "max": leaf.max,
                "points": leaf.points,
                "lost": leaf.lost,
                "status": leaf.status,
                "claimed": leaf.claimed,
                "reason": leaf.reason,
            }
            for leaf in result.leaves
        ],
        "warnings": [warning_text(w, "en") for w in result.warnings],
    }


def dumps(value: Any, indent: int = 2) -> str:
    """JSON text in which every Decimal is a JSON number written exactly."""
    out: list[str] = []
    _write(value, out, indent, 0)
    return "".join(out)


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


def write_json_list(fh, results) -> None:
    """Stream a JSON array of result objects to a binary file handle."""
    fh.write(b"[")
    first = True
    for result in results:
        fh.write(b"\n" if first else b",\n")
        fh.write(dumps(result_object(result)).encode("utf-8"))
        first = False
    fh.write(b"\n]\n" if not first else b"]\n")
