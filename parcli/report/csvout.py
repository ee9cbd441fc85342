"""CSV outputs: UTF-8 with BOM, header first, formula-like text neutralised.

Two dialects. The default is the machine format of DESIGN §6: ``,`` between fields and
``.`` decimals, for scripts and for parcli reading it back. With ``--locale vi``: what a
Vietnamese (vi-VN) Excel or LibreOffice opens on a double-click, ``;`` between fields and
``,`` decimals (there, ``94.023`` opens as ninety-four thousand and twenty-three). Both keep
the columns, so parcli reads either back (``--previous``, ``--against``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from . import Writer, exact

LEAF_COLUMNS = ["unit", "code", "year", "framework", "field", "criterion", "leaf", "title",
                "max", "points", "lost", "status", "claimed", "note"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def cell(value: Any, comma: bool = False) -> Any:
    """A CSV cell: numbers exact and bare (with a decimal comma if ``comma``), text neutralised, None blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return exact(value).replace(".", ",") if comma else exact(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def leaf_rows(summary) -> Iterable[list[Any]]:
    tag = summary.framework.key
    for leaf in summary.leaves:
        yield [summary.unit, summary.code, summary.year, tag, leaf.field, leaf.criterion, leaf.id, leaf.title,
               leaf.max, leaf.points, leaf.lost, leaf.status, leaf.claimed, leaf.note]
    for adj in summary.adjustments:  # bonus and penalty after the leaves, named by their kind (DESIGN §12a)
        yield [summary.unit, summary.code, summary.year, tag, None, None, adj.kind, adj.title or adj.kind, adj.max,
               adj.points, None, adj.status, adj.claimed, adj.note]


def write_rows(fh, header: list[str], rows: Iterable[list[Any]], locale: str = "en") -> None:
    """Stream a CSV (UTF-8 with BOM, CRLF) to a binary file handle; ``locale`` ``vi``: ``;`` and decimal commas."""
    comma = locale == "vi"
    stream = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(stream, delimiter=";" if comma else ",", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([cell(v, comma) for v in row] for row in rows)
        stream.flush()
    finally:
        stream.detach()


class CsvWriter(Writer):
    """CSV for spreadsheets and scripts: every leaf (export, score), a ranking (rank), a plan (plan)."""

    def results(self, fh, summaries) -> None:
        write_rows(fh, LEAF_COLUMNS, (row for summary in summaries for row in leaf_rows(summary)), self.locale)

    def ranking(self, fh, ranking, leaves=()) -> None:
        from ..rank import rank_header, rank_rows

        write_rows(fh, rank_header(ranking), rank_rows(ranking), self.locale)

    def survey(self, fh, result) -> None:
        from .surveyout import CSV_COLUMNS, survey_rows

        write_rows(fh, CSV_COLUMNS, survey_rows(result), self.locale)

    def plan(self, fh, plan) -> None:
        """One row per step of the plan."""
        from .planout import CSV_COLUMNS, plan_rows

        write_rows(fh, CSV_COLUMNS, plan_rows(plan), self.locale)
