"""Each writer of the table (parcli/report/__init__.py) on summaries built by hand (tests/report/summaries.py),
without the command line or the engine: the CSV, JSON and XLSX it writes are compared cell by cell with
what it was given."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal as D

import pytest

from parcli.rank import ranking_of
from parcli.report import writer_of
from tests.report.summaries import summary


def written(fmt: str, what: str, items, lang: str = "en", locale: str = "en") -> bytes:
    buf = io.BytesIO()
    writer = writer_of(fmt, lang, locale)
    getattr(writer, what)(buf, items)
    return buf.getvalue()


def csv_of(data: bytes, delimiter: str = ",") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # UTF-8 with BOM, CRLF: what Excel opens
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_results_are_one_exact_row_per_leaf():
    rows = csv_of(written("csv", "results", [summary()]))
    assert rows == [
        ["unit", "code", "year", "framework", "field", "criterion", "leaf", "title", "max", "points", "lost",
         "status", "claimed", "note"],
        ["Sở A", "A1", "2021", "mini@1", "1", "1.1", "1.1", "Có văn bản", "6", "4.25", "1.75", "scored", "5",
         "'=HYPERLINK(\"x\")"],  # a formula's text is neutralised
        ["Sở A", "A1", "2021", "mini@1", "2", "2.1", "2.1", "Khảo sát", "4", "2", "2", "scored", "", ""],
        ["Sở A", "A1", "2021", "mini@1", "2", "2.2", "2.2", "Không áp dụng", "1", "", "", "na", "", ""],
    ]


def test_csv_for_a_vi_vn_spreadsheet_has_semicolons_and_decimal_commas():
    rows = csv_of(written("csv", "results", [summary()], locale="vi"), ";")
    assert rows[1][8:13] == ["6", "4,25", "1,75", "scored", "5"]
    assert rows[1][:4] == ["Sở A", "A1", "2021", "mini@1"]  # text and the year untouched


def test_csv_ranking_ranks_by_index_and_puts_units_without_one_last():
    a, b, c = summary(), summary("Sở B", "B2", "70.00", "Tốt"), summary("Sở C", None, None, None)
    rows = csv_of(written("csv", "ranking", ranking_of([a, c, b])))
    assert rows == [
        ["rank", "unit", "code", "year", "points", "max", "index", "class", "field_1", "field_2"],
        ["1", "Sở B", "B2", "2021", "6.25", "10", "70", "Tốt", "70.83", "50"],  # exact, without trailing zeros
        ["2", "Sở A", "A1", "2021", "6.25", "10", "62.5", "Khá", "70.83", "50"],
        ["", "Sở C", "", "2021", "6.25", "10", "", "", "70.83", "50"],
    ]


def test_equal_indices_share_a_rank_and_the_next_rank_skips():
    units = [summary("Sở A", "A", "80.00"), summary("Sở B", "B", "80.00"), summary("Sở C", "C", "79.99")]
    rows = csv_of(written("csv", "ranking", ranking_of(units)))
    assert [(r[0], r[1]) for r in rows[1:]] == [("1", "Sở A"), ("1", "Sở B"), ("3", "Sở C")]


def test_json_results_are_the_result_objects_with_exact_numbers():
    data = written("json", "results", [summary(), summary("Sở B", "B2", "70.00", "Tốt")])
    objects = json.loads(data, parse_float=D, parse_int=D)
    assert [o["unit"] for o in objects] == ["Sở A", "Sở B"]
    first = objects[0]
    assert first["schema"] == "parcli/result/v1" and first["framework"] == {
        "id": "mini", "version": "1", "sha256": "ab" * 32, "status": "custom"}
    assert (first["points"], first["max"], first["index"], first["class"]) == (D("6.25"), D("10"), D("62.50"), "Khá")
    assert [(f["id"], f["points"], f["index"]) for f in first["fields"]] == [("1", D("4.25"), D("70.83")),
                                                                             ("2", D("2"), D("50.00"))]
    na = first["leaves"][2]
    assert (na["id"], na["status"], na["points"], na["lost"]) == ("2.2", "na", None, None)
    assert first["leaves"][0]["reason"] == "40 of 80 done" and first["leaves"][0]["claimed"] == D("5")


def test_json_read_back_is_the_summary_it_was_written_from():
    from parcli.summary import from_result_object

    original = summary()
    (obj,) = json.loads(written("json", "results", [original]), parse_float=D, parse_int=D)
    back = from_result_object(obj)
    assert (back.unit, back.code, back.year, back.points, back.max, back.index, back.klass) == (
        original.unit, original.code, original.year, original.points, original.max, original.index, original.klass)
    assert [(f.id, f.max, f.points, f.index) for f in back.fields] == [
        (f.id, f.max, f.points, f.index) for f in original.fields]
    assert [(x.id, x.points, x.lost, x.status, x.claimed) for x in back.leaves] == [
        (x.id, x.points, x.lost, x.status, x.claimed) for x in original.leaves]


@pytest.mark.parametrize("lang, sheets, rank_head", [
    ("en", ["Ranking", "Leaves", "About"], ["Rank", "Unit", "Code", "Year", "Points", "Applicable max",
                                            "Index (%)", "Class", "1. One (%)", "2. Two (%)"]),
    ("vi", None, None),
])
def test_xlsx_results_are_a_ranking_the_leaves_and_an_about_sheet(lang, sheets, rank_head):
    from openpyxl import load_workbook

    data = written("xlsx", "results", [summary(), summary("Sở B", "B2", "70.00", "Tốt")], lang=lang)
    wb = load_workbook(io.BytesIO(data))
    if sheets:
        assert wb.sheetnames == sheets
    ranking, leaves, about = wb.worksheets
    rows = list(ranking.iter_rows(values_only=True))
    if rank_head:
        assert list(rows[1]) == rank_head
    assert "mini v1" in rows[0][0] and "2021" in rows[0][0]  # the title line names the framework and the year
    assert [list(r[:8]) for r in rows[2:]] == [[1, "Sở B", "B2", 2021, 6.25, 10, 70, "Tốt"],
                                               [2, "Sở A", "A1", 2021, 6.25, 10, 62.5, "Khá"]]
    assert [list(r[8:]) for r in rows[2:]] == [[70.83, 50], [70.83, 50]]
    leaf_rows = list(leaves.iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[4], r[7]) for r in leaf_rows] == [("Sở A", "1.1", 4.25), ("Sở A", "2.1", 2), ("Sở A", "2.2", None),
                                                       ("Sở B", "1.1", 4.25), ("Sở B", "2.1", 2), ("Sở B", "2.2", None)]
    note = leaves.cell(row=3, column=12)
    assert note.data_type == "s" and note.value.endswith('=HYPERLINK("x")')  # text, never a formula
    values = dict(about.iter_rows(min_row=3, values_only=True))
    assert "parcli 0.1.0" in values.values() and "ab" * 32 in values.values() and 2 in values.values()


def test_xlsx_refuses_units_of_different_frameworks_naming_the_other_formats():
    from dataclasses import replace

    from parcli.errors import UsageError

    other = summary("Sở B")
    other.framework = replace(other.framework, version="2")
    with pytest.raises(UsageError, match=r"different frameworks.*\.csv or \.json"):
        written("xlsx", "results", [summary(), other])


@pytest.mark.parametrize("fmt, what", [("json", "ranking"), ("yaml", "results"), ("html", "results")])
def test_a_writer_refuses_what_its_entry_does_not_declare(fmt, what):
    from parcli.errors import UsageError

    with pytest.raises(UsageError, match="is written as"):
        written(fmt, what, [summary()])
