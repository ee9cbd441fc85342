"""Summaries built by hand (no file read, no engine), for the writers' unit tests in tests/report/:
what a writer writes is then known exactly from what it was given."""

from __future__ import annotations

from decimal import Decimal as D

from parcli.summary import FrameworkInfo, LeafLine, NodeLine, Summary

INFO = FrameworkInfo("mini", "1", "ab" * 32, "custom", 2, "Bộ nhỏ", "Mini framework",
                     (("1", "Một", "One"), ("2", "Hai", "Two")))


def summary(unit: str = "Sở A", code: str | None = "A1", index: str | None = "62.50", klass: str | None = "Khá",
            note: str | None = "=HYPERLINK(\"x\")") -> Summary:
    """A unit of two fields and three leaves: 6.25 of 10 points, one leaf not applicable, one with a note
    that a spreadsheet would run as a formula."""
    fields = [NodeLine("1", "Một", D("6"), D("4.25"), D("70.83"), "scored"),
              NodeLine("2", "Hai", D("4"), D("2"), D("50.00"), "scored")]
    leaves = [LeafLine("1.1", "1", "1.1", "Có văn bản", D("6"), D("4.25"), D("1.75"), "scored", D("5"),
                       "40 of 80 done", note),
              LeafLine("2.1", "2", "2.1", "Khảo sát", D("4"), D("2"), D("2"), "scored"),
              LeafLine("2.2", "2", "2.2", "Không áp dụng", D("1"), None, None, "na")]
    return Summary(INFO, unit, code, 2021, D("6.25"), D("10"), None if index is None else D(index), klass, fields,
                   leaves)
