"""The papers as data (parcli/paperwork.py): the ranking of a group and its averages."""

from __future__ import annotations

from decimal import Decimal

from parcli.paperwork import GroupReport, ReportRow, ranked

D = Decimal


def row(name: str, index: str | None, final: str = "80", self_assessed: str = "85", code: str | None = None):
    return ReportRow(None, code, name, D(self_assessed), D(final), D("100"), None if index is None else D(index),
                     None, 0)


def test_ranked_as_parcli_rank_ranks():
    rows = ranked([row("Sở Y tế", "88.50"), row("sở Công Thương", "91.20"), row("Ban Dân tộc", "88.50"),
                   row("Thanh tra", None), row("Sở Tư pháp", "70.00")])
    assert [(r.name, r.rank) for r in rows] == [
        ("sở Công Thương", 1), ("Ban Dân tộc", 2), ("Sở Y tế", 2), ("Sở Tư pháp", 4), ("Thanh tra", None)]


def test_averages_are_exact_means_of_what_the_units_have():
    group = GroupReport("so", "Sở", ranked([row("A", "90.00", "63", "65"), row("B", "85.50", "60.5", "64"),
                                            row("C", None, "0", "0")]))
    assert group.mean_self_assessed == D(129) / 3 and group.mean_final == D("123.5") / 3
    assert group.mean_index == D("87.75")  # the unit without an index is left out of the mean index
    assert not group.has_bonus
    empty = GroupReport("x", "X", ())
    assert empty.mean_index is None and empty.mean_final is None
