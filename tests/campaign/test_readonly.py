"""The quick ways `campaign receive` checks a form's read-only cells and digest agree with the careful ones:
the cells compared where they are (:func:`form_readonly_is`) with the cells read one by one
(:func:`form_readonly`), the digest of the framework's rows worked out once with :func:`digest`, and
a changed read-only cell is still refused naming its cell (issue 22 item 7 made these faster)."""

from __future__ import annotations

import io
import random
from datetime import datetime

from openpyxl import load_workbook

from parcli.campaign.clock import VIETNAM
from parcli.campaign.cycle import form_cells, receive
from parcli.campaign.values import cells_text, digest, digest_of
from parcli.inputs.campaign import form_readonly, form_readonly_is, identity, open_book
from parcli.inputs.form import open_form_book, read_cells
from tests.campaign.helpers import filled_form, new_campaign

AT = datetime(2025, 10, 2, 9, 0, tzinfo=VIETNAM)


def edited(raw: bytes, change) -> bytes:
    wb = load_workbook(io.BytesIO(raw))
    change(wb.worksheets[0])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def both_ways(op, raw: bytes, code: str) -> tuple[bool, bool]:
    """(the quick check says the cells are those parcli wrote, the cells read one by one are those)."""
    book = open_book(raw, "f.xlsx")
    identity(book, "f.xlsx")
    opened = open_form_book(book, "f.xlsx")
    member = op.camp.units[code]
    fw = op.camp.group(member.group).fw
    doc = read_cells(opened, fw)
    grid = book.grid(doc.sheet)
    expected = form_cells(fw, member, op.camp.year, doc.lang)
    return form_readonly_is(doc, grid, doc.meta, expected), form_readonly(doc, grid, doc.meta)[0] == expected


def row_of(ws, leaf: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == leaf)


def test_the_quick_check_of_the_read_only_cells_agrees_with_reading_them(tmp_path):
    op = new_campaign(tmp_path / "c")
    raw = filled_form(op, "SYT")

    def title(ws):
        ws.cell(row_of(ws, "1.1"), 2).value = "Một tiêu chí khác"

    def top(ws):
        ws.cell(row_of(ws, "2"), 3).value = 99

    def name(ws):
        ws["B2"].value = "Sở Tài chính"

    def year(ws):
        ws["B4"].value = 2024

    def same_number_as_text(ws):  # a max typed again as the text it shows: the digest sees the same value
        r = row_of(ws, "1.1")
        ws.cell(r, 3).value = str(ws.cell(r, 3).value)

    def rows_swapped(ws):  # two leaves' rows exchanged: the cells are keyed by id, not by position
        a, b = row_of(ws, "1.1"), row_of(ws, "1.2")
        for c in range(1, ws.max_column + 1):
            ws.cell(a, c).value, ws.cell(b, c).value = ws.cell(b, c).value, ws.cell(a, c).value

    def title_emptied(ws):
        ws.cell(row_of(ws, "1.1"), 2).value = None

    def header_gone(ws):  # the max column's header renamed: its cells are no read-only cells any more
        ws.cell(6, 3).value = "Điểm"

    agreed = {}
    for change in (None, title, top, name, year, same_number_as_text, rows_swapped, title_emptied, header_gone):
        quick, careful = both_ways(op, edited(raw, change) if change else raw, "SYT")
        assert quick == careful, change
        agreed[change.__name__ if change else "as written"] = quick
    assert agreed == {"as written": True, "title": False, "top": False, "name": False, "year": False,
                      "same_number_as_text": True, "rows_swapped": True, "title_emptied": False,
                      "header_gone": False}


def test_the_quick_check_covers_the_bonus_and_penalty_rows(tmp_path):
    from parcli.campaign.cycle import start
    from tests.campaign.test_adjust import folder_with, form_of

    op = start(folder_with(tmp_path), datetime(2025, 10, 1, 8, 0, tzinfo=VIETNAM), "test")
    try:
        raw = form_of(op, "A01", tmp_path)

        def bonus_max(ws):
            ws.cell(row_of(ws, "bonus"), 3).value = 5

        def penalty_title(ws):
            ws.cell(row_of(ws, "penalty"), 2).value = "Không trừ điểm"

        agreed = {}
        for change in (None, bonus_max, penalty_title):
            quick, careful = both_ways(op, edited(raw, change) if change else raw, "A01")
            assert quick == careful, change
            agreed[change.__name__ if change else "as written"] = quick
        assert agreed == {"as written": True, "bonus_max": False, "penalty_title": False}
    finally:
        op.close()


def test_a_changed_title_is_still_refused_naming_its_cell(tmp_path):
    op = new_campaign(tmp_path / "c")
    raw = filled_form(op, "SYT")
    r = row_of(load_workbook(io.BytesIO(raw)).worksheets[0], "1.1")
    changed = edited(raw, lambda ws: setattr(ws.cell(r, 2), "value", "Một tiêu chí khác"))
    found = receive(op, changed, "SYT.xlsx", AT)
    assert found.status == "refused"
    problem = found.problems[0]
    assert problem.file == f"SYT.xlsx:Tự đánh giá!B{r}", problem
    assert problem.message.startswith("1.1 (") and "is a read-only cell: it was" in problem.message, problem
    assert receive(op, raw, "SYT.xlsx", AT).status == "accepted"


def test_the_digest_of_parts_is_the_digest_of_the_whole():
    rnd = random.Random(7)
    key = "ab" * 32
    ident = ["c", "SYT", "self_assessment", "0"]
    for _ in range(300):
        unit = {("", k): rnd.choice(["", "Sở Y tế", 'a "quoted" name', "2025"]) for k in ("unit", "code", "year")
                if rnd.random() < 0.9}
        rows = {(rnd.choice(["1", "1.1", "2.10", "10", "Ả"]) + str(i), k): rnd.choice(["", "4", "0.5", "Tiêu đề\n2"])
                for i in range(rnd.randint(0, 12)) for k in ("title", "max")}
        assert digest_of(key, ident, [cells_text(unit), cells_text(rows)]) == digest(key, ident, {**unit, **rows})
    assert digest_of(key, ident, [cells_text({})]) == digest(key, ident, {})


def test_the_store_writes_values_as_before():
    """to_json and dec (made quicker) write the same text: exact numbers without exponent or trailing zeros,
    text escaped only where JSON needs it, nested mappings and lists, each key once."""
    from decimal import Decimal

    from parcli.campaign.values import dec, from_json, to_json

    assert dec(Decimal("2.50")) == "2.5" and dec(Decimal("1E+2")) == "100" and dec(Decimal("-0.00")) == "0"
    assert dec(None) is None and dec(Decimal("0.000001")) == "0.000001"
    value = {"value": True, "percent": Decimal("85.0"), "claimed": Decimal("0"), "na": False,
             "note": 'Báo cáo "số 5"\nđã gửi', "documents": ["QĐ 12/QĐ-UBND", "a\\b"], "points": None,
             "done": Decimal("3E+1"), "of": 40, "nested": {"list": [Decimal("1.10"), "x", None, False]}}
    text = to_json(value)
    assert text == ('{"value":true,"percent":85,"claimed":0,"na":false,"note":"Báo cáo \\"số 5\\"\\nđã gửi",'
                    '"documents":["QĐ 12/QĐ-UBND","a\\\\b"],"points":null,"done":30,"of":40,'
                    '"nested":{"list":[1.1,"x",null,false]}}')
    assert from_json(text)["percent"] == Decimal("85") and to_json(from_json(text)) == text
    assert to_json("kip_thoi") == '"kip_thoi"' and to_json([]) == "[]" and to_json({}) == "{}"
