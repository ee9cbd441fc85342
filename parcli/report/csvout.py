"""CSV outputs: UTF-8 with BOM, '.' decimals, header first, formula-like text neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from . import exact

LEAF_COLUMNS = ["unit", "code", "year", "framework", "field", "criterion", "leaf", "title",
                "max", "points", "lost", "status", "claimed", "note"]
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if text and text.startswith(_DANGEROUS):
        return "'" + text
    return text


def cell(value: Any) -> Any:
    """A CSV cell: numbers exact and bare, text neutralised, None blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return exact(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def leaf_rows(result) -> Iterable[list[Any]]:
    fw = result.framework
    tag = f"{fw.id}@{fw.version}"
    for leaf in result.leaves:
        node = leaf.node
        yield [result.unit, result.code, result.year, tag, node.field, node.criterion, node.id, node.title,
               leaf.max, leaf.points, leaf.lost, leaf.status, leaf.claimed, leaf.note]


def write_rows(stream: io.TextIOBase, header: list[str], rows: Iterable[list[Any]]) -> None:
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])


def to_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    buf = io.StringIO()
    write_rows(buf, header, rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_leaf_csv(fh, header: list[str], results) -> None:
    """Stream one row per leaf per unit to a binary file handle."""
    stream = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(header)
        for result in results:
            writer.writerows([cell(v) for v in row] for row in leaf_rows(result))
        stream.flush()
    finally:
        stream.detach()
