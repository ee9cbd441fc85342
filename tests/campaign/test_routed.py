"""The hostile round's findings routed to the campaign's and the survey's readers (issue routed): a received
workbook that repeats a row, carries a control character, a number beyond the framework's places or a formula
without a saved value is refused at its cell; a damaged store's totals and a store of another campaign are said
in parcli's words; a units file's damaged CSV is said where it is; a form's problems are capped per file; a
survey definition's targets are all said in one run."""

from __future__ import annotations

import io
import re
import sqlite3
import zipfile
from datetime import datetime

import pytest
from openpyxl import load_workbook

from parcli.campaign.clock import VIETNAM
from parcli.campaign.cycle import appraisal_book, appraisal_items, explanation_book, explanation_items, receive
from tests.campaign.helpers import filled_form, new_campaign, parcli
from tests.conftest import ROOT

AT = datetime(2025, 10, 2, 9, 0, tzinfo=VIETNAM)
ROUND1_AT = datetime(2025, 11, 10, 9, 0, tzinfo=VIETNAM)
EXPLAIN_AT = datetime(2025, 11, 22, 9, 0, tzinfo=VIETNAM)


def edited(raw: bytes, change) -> bytes:
    wb = load_workbook(io.BytesIO(raw))
    change(wb.worksheets[0])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def heads(ws, row: int = 5) -> dict[str, int]:
    return {ws.cell(row, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(row, c).value}


def appraised(tmp_path, lang: str = "vi"):
    """A campaign whose SYT sent its form, and TGV1's round-1 workbook."""
    op = new_campaign(tmp_path / "c")
    assert receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT).status == "accepted"
    return op, appraisal_book(op, "TGV1", 1, lang, appraisal_items(op, "TGV1", 1))


def said(outcome) -> list[str]:
    return [str(p) for p in outcome.problems]


def test_a_row_given_twice_in_an_appraisers_workbook_is_refused_naming_both_rows(tmp_path):
    op, book = appraised(tmp_path)

    def twice(ws):
        last = ws.max_row + 1
        for c in range(1, ws.max_column + 1):
            ws.cell(last, c).value = ws.cell(7, c).value

    found = receive(op, edited(book, twice), "TGV1.xlsx", ROUND1_AT)
    assert found.status == "refused", found
    (problem,) = found.problems
    second = re.search(r"!C7 and .*!C(\d+);", problem.message)
    assert second and int(second.group(1)) > 7, problem.message
    assert problem.file.startswith("TGV1.xlsx:") and problem.file.endswith(f"!C{second.group(1)}")
    assert "internal error" not in str(problem) and "UNIQUE" not in str(problem)
    vi = parcli("campaign", "receive", tmp_path / "c", _saved(tmp_path, edited(book, twice)), lang="vi",
                now="2025-11-10T09:00")
    assert "có hai dòng" in vi.all and "internal error" not in vi.all, vi.all
    op.close()


def _saved(tmp_path, raw: bytes, name: str = "TGV1.xlsx"):
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    return path


def zip_replaced(raw: bytes, old: bytes, new: bytes) -> bytes:
    """The workbook with ``old`` replaced in its XML parts (what openpyxl refuses to write: a raw control
    character, a formula without a saved value)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        hits = 0
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith(".xml"):
                hits += data.count(old)
                data = data.replace(old, new)
            dst.writestr(item, data)
    assert hits, old
    return out.getvalue()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_control_character_in_a_reason_is_refused_at_its_cell(tmp_path, lang):
    op, book = appraised(tmp_path, lang)
    ws = load_workbook(io.BytesIO(book)).worksheets[0]
    reason = next(c for h, c in heads(ws).items() if h in ("Lý do", "Reason"))
    points = next(c for h, c in heads(ws).items() if h in ("Điểm thẩm định", "Appraised points"))

    def fill(ws):
        ws.cell(6, points).value = 0
        ws.cell(6, reason).value = "MARKER-ESC"

    raw = zip_replaced(edited(book, fill), b"MARKER-ESC", b"bad \x1b[2J text")
    found = receive(op, raw, "TGV1.xlsx", ROUND1_AT)
    assert found.status == "refused", found
    assert len(found.problems) == 1, said(found)
    (problem,) = found.problems
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[reason - 1]
    assert problem.file.endswith(f"!{letter}6"), problem
    assert "U+001B" in problem.message
    op.close()


def test_a_control_character_in_an_explanation_is_refused_at_its_cell(tmp_path):
    op, book = appraised(tmp_path)
    ws = load_workbook(io.BytesIO(book)).worksheets[0]
    h = heads(ws)

    def ask(ws):
        ws.cell(6, h["Điểm thẩm định"]).value = 0
        ws.cell(6, h["Lý do"]).value = "thiếu tài liệu"
        ws.cell(6, h["Yêu cầu giải trình"]).value = "Có"

    assert receive(op, edited(book, ask), "TGV1.xlsx", ROUND1_AT).status == "accepted"
    explain = explanation_book(op, "SYT", "vi", explanation_items(op, "SYT"))
    ws = load_workbook(io.BytesIO(explain)).worksheets[0]
    column = heads(ws)["Giải trình"]

    def write(ws):
        ws.cell(6, column).value = "MARKER-ESC"

    raw = zip_replaced(edited(explain, write), b"MARKER-ESC", b"x\x07y")
    found = receive(op, raw, "SYT-gt.xlsx", EXPLAIN_AT)
    assert found.status == "refused", found
    (problem,) = found.problems
    assert problem.file.endswith(f"!{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[column - 1]}6") and "U+0007" in problem.message
    op.close()


@pytest.mark.parametrize("typed", ["1e-999999", "0." + "3" * 5000, 0.3333333])
def test_appraised_points_with_more_decimals_than_the_framework_s_places_are_refused(tmp_path, typed):
    op, book = appraised(tmp_path)
    column = heads(load_workbook(io.BytesIO(book)).worksheets[0])["Điểm thẩm định"]

    def fill(ws):
        ws.cell(6, column).value = typed
        ws.cell(6, column + 1).value = "thẩm định lại"

    found = receive(op, edited(book, fill), "TGV1.xlsx", ROUND1_AT)
    assert found.status == "refused", found
    assert len(found.problems) == 1, said(found)
    (problem,) = found.problems
    assert problem.file.endswith(f"!{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[column - 1]}6")
    assert "more than 3 decimal places" in problem.message and len(problem.message) < 200, problem.message
    assert op.conn.execute("SELECT count(*) FROM files WHERE kind = 'appraisal'").fetchone()[0] == 0
    op.close()


def test_appraised_points_within_the_framework_s_places_are_taken(tmp_path):
    op, book = appraised(tmp_path)
    column = heads(load_workbook(io.BytesIO(book)).worksheets[0])["Điểm thẩm định"]

    def fill(ws):
        ws.cell(6, column).value = "0,125"
        ws.cell(6, column + 1).value = "thẩm định lại"

    found = receive(op, edited(book, fill), "TGV1.xlsx", ROUND1_AT)
    assert found.status == "accepted", said(found)
    assert op.conn.execute("SELECT appraised FROM vals WHERE stage = 'appraisal_1' AND leaf = '1.1.1'"
                           ).fetchone()[0] == "0.125"
    op.close()


@pytest.mark.parametrize("header", ["Điểm thẩm định", "Lý do"])
def test_a_formula_without_a_saved_value_in_an_appraisers_workbook_is_refused_at_its_cell(tmp_path, header):
    op, book = appraised(tmp_path)
    column = heads(load_workbook(io.BytesIO(book)).worksheets[0])[header]

    def fill(ws):  # openpyxl writes a formula without its value, as a script or a web export may
        ws.cell(7, column).value = '=IF(1>0,"0","1")' if header == "Lý do" else "=1/2"

    found = receive(op, edited(book, fill), "TGV1.xlsx", ROUND1_AT)
    assert found.status == "refused", found
    assert [p.file for p in found.problems] == [f"TGV1.xlsx:Thẩm định!{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[column - 1]}7"]
    assert "formula without a saved value" in found.problems[0].message
    op.close()


def test_a_formula_without_a_saved_value_in_an_explanation_is_refused_at_its_cell(tmp_path):
    op, book = appraised(tmp_path)
    h = heads(load_workbook(io.BytesIO(book)).worksheets[0])

    def ask(ws):
        ws.cell(6, h["Điểm thẩm định"]).value = 0
        ws.cell(6, h["Lý do"]).value = "thiếu tài liệu"
        ws.cell(6, h["Yêu cầu giải trình"]).value = "Có"

    assert receive(op, edited(book, ask), "TGV1.xlsx", ROUND1_AT).status == "accepted"
    explain = explanation_book(op, "SYT", "vi", explanation_items(op, "SYT"))
    column = heads(load_workbook(io.BytesIO(explain)).worksheets[0])["Giải trình"]

    def write(ws):
        ws.cell(6, column).value = '=CONCAT("đã ", "ban hành")'

    found = receive(op, edited(explain, write), "SYT-gt.xlsx", EXPLAIN_AT)
    assert found.status == "refused", found
    assert [p.file for p in found.problems] == [f"SYT-gt.xlsx:Giải trình!{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[column - 1]}6"]
    op.close()


@pytest.mark.parametrize("damage", ["points = 'abc'", "fields = '[[1'", "adjust = '[]'", "idx = 'NaN?'"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_damaged_totals_are_said_as_a_damaged_store_with_what_to_do(tmp_path, damage, lang):
    op = new_campaign(tmp_path / "c")
    assert receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT).status == "accepted"
    op.close()
    conn = sqlite3.connect(tmp_path / "c" / "campaign.db")
    conn.execute(f"UPDATE totals SET {damage}")
    conn.commit()
    conn.close()
    ran = parcli("campaign", "results", tmp_path / "c", lang=lang, now="2025-10-03T10:00")
    assert ran.code == 1, ran.all
    assert "internal error" not in ran.all and "campaign check" in ran.stderr and "SYT" in ran.stderr, ran.all
    assert ("đã hỏng" in ran.stderr) == (lang == "vi"), ran.stderr
    assert parcli("campaign", "check", tmp_path / "c", lang=lang).code == 1  # and check names what differs


@pytest.mark.parametrize("damage", ["DELETE FROM meta WHERE key = 'key'",
                                    "UPDATE meta SET value = 'abc' WHERE key = 'key'",
                                    "UPDATE meta SET value = 7 WHERE key = 'key'"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_store_without_its_key_is_not_called_another_campaign_s(tmp_path, damage, lang):
    op = new_campaign(tmp_path / "c")
    op.close()
    conn = sqlite3.connect(tmp_path / "c" / "campaign.db")
    conn.execute(damage)
    conn.commit()
    conn.close()
    ran = parcli("campaign", "status", tmp_path / "c", lang=lang, now="2025-10-03T10:00")
    assert ran.code == 1, ran.all
    assert "belongs to the campaign" not in ran.stderr and "thuộc đợt" not in ran.stderr, ran.stderr
    assert ("khóa bí mật" in ran.stderr) == (lang == "vi") and ("secret key" in ran.stderr) == (lang == "en")
    assert "internal error" not in ran.all


def test_a_store_of_another_campaign_is_still_said_so(tmp_path):
    op = new_campaign(tmp_path / "c")
    op.close()
    conn = sqlite3.connect(tmp_path / "c" / "campaign.db")
    conn.execute("UPDATE meta SET value = 'other-2024' WHERE key = 'campaign'")
    conn.commit()
    conn.close()
    ran = parcli("campaign", "status", tmp_path / "c", now="2025-10-03T10:00")
    assert ran.code == 1 and "belongs to the campaign 'other-2024'" in ran.stderr, ran.all


def test_a_meta_table_sqlite_cannot_read_is_said_in_parcli_s_words(tmp_path):
    op = new_campaign(tmp_path / "c")
    op.close()
    conn = sqlite3.connect(tmp_path / "c" / "campaign.db")
    conn.execute("DROP TABLE meta")
    conn.execute("CREATE TABLE meta (nosuchcolumn TEXT)")
    conn.commit()
    conn.close()
    for lang in ("vi", "en"):
        ran = parcli("campaign", "status", tmp_path / "c", lang=lang, now="2025-10-03T10:00")
        assert ran.code == 1 and "internal error" not in ran.all, ran.all
        assert "no such column" not in ran.stderr and "nosuchcolumn" not in ran.stderr, ran.stderr
        assert ("bản sao lưu" in ran.stderr) == (lang == "vi") and "writable" not in ran.stderr, ran.stderr


@pytest.mark.parametrize(("content", "line", "english", "vietnamese"), [
    ("code,name\nSYT,Sở Y tế\nSTC," + "x" * 200_000 + "\n", 3, "more than 131072 characters", "hơn 131072 ký tự"),
    ("code,name\nSYT,\"Sở Y tế\nSTC,Sở Tài chính\n", 2, "is never closed", "không được đóng"),
    ("code,name\nSYT,\"Sở\" Y tế\n", 2, "followed by other characters", "ký tự khác"),
    ("code,name\nSYT,Sở Y\x00 tế\n", 2, "not CSV text", "không phải văn bản CSV"),
], ids=["long-field", "quote-never-closed", "text-after-quote", "nul-byte"])  # short: an id is in PYTEST_CURRENT_TEST
def test_a_damaged_units_csv_is_said_at_its_line(tmp_path, content, line, english, vietnamese):
    units = tmp_path / "units.csv"
    units.write_text(content, encoding="utf-8")
    for lang, words in (("en", english), ("vi", vietnamese)):
        ran = parcli("campaign", "init", tmp_path / "c", "--framework", "department-example", "--year", "2025",
                     "--units", units, lang=lang)
        assert ran.code == 1 and "internal error" not in ran.all, ran.all
        assert f"units.csv:{line}:" in ran.stderr and words in ran.stderr, ran.stderr
        assert "YAML" not in ran.stderr
        assert not (tmp_path / "c").exists() or not any((tmp_path / "c").iterdir())


def test_a_form_s_problems_are_capped_per_file_with_how_many_more(tmp_path):
    op = new_campaign(tmp_path / "c")

    def junk(ws):  # a value typed on 1,500 rows, most of them without an id: a problem each
        for r in range(9, 1509):
            ws.cell(r, 5).value = "rác"

    raw = edited(filled_form(op, "SYT"), junk)
    found = receive(op, raw, "SYT.xlsx", AT)
    assert found.status == "refused" and len(found.problems) == 201, len(found.problems)
    last = found.problems[-1]
    more = int(re.search(r"\d[\d,.]*", last.message).group(0).replace(",", "").replace(".", ""))
    assert last.file == "SYT.xlsx" and more > 1000, last
    op.close()
    form = _saved(tmp_path, raw, "SYT.xlsx")
    for command in (("validate", form), ("campaign", "receive", tmp_path / "c", form)):
        ran = parcli(*command, now="2025-10-02T10:00")
        assert ran.code == 1, ran.all
        assert len(ran.all.splitlines()) < 260 and f"and {more:,} more problems in this file" in ran.all, ran.all[-500:]


SURVEY = ROOT / "docs" / "survey"


def survey_definition(tmp_path, targets: str):
    for name in ("hb-test.yaml", "answers-vi-vn.csv"):
        (tmp_path / name).write_bytes((SURVEY / name).read_bytes())
    text = (SURVEY / "hb-mdhl.yaml").read_text(encoding="utf-8")
    assert 'targets: {overall: "3.1"}' in text
    path = tmp_path / "def.yaml"
    path.write_text(text.replace('targets: {overall: "3.1"}', targets), encoding="utf-8")
    return path, tmp_path / "answers-vi-vn.csv"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_survey_target_written_as_a_number_is_said_to_be_quoted(tmp_path, lang):
    definition, answers = survey_definition(tmp_path, "targets: {overall: 3.1}")
    ran = parcli("survey", definition, answers, lang=lang)
    assert ran.code == 1, ran.all
    assert 'overall: "3.1"' in ran.stderr and "3.1" in ran.stderr, ran.stderr
    assert "overall is text" not in ran.stderr and "overall là văn bản" not in ran.stderr, ran.stderr
    assert ("ngoặc kép" in ran.stderr) == (lang == "vi"), ran.stderr


def test_a_survey_s_bad_target_key_and_bad_leaf_are_said_in_one_run(tmp_path):
    definition, answers = survey_definition(tmp_path, 'targets: {nosuch: "3.1", CS: "9.9"}')
    ran = parcli("survey", definition, answers)
    assert ran.code == 1, ran.all
    assert "'nosuch' is not overall, a part or an element" in ran.stderr, ran.stderr
    assert "9.9: no such node in the framework hb-test" in ran.stderr, ran.stderr


def test_the_survey_s_note_lines_end_without_a_space(tmp_path):
    for lang in ("vi", "en"):
        ran = parcli("survey", SURVEY / "hb-mdhl.yaml", SURVEY / "answers-vi-vn.csv", lang=lang, columns=100)
        assert ran.code == 0, ran.all
        lines = ran.stdout.splitlines()
        after = lines[next(i for i, line in enumerate(lines) if line.startswith("└")) + 1:]
        assert len(after) > 3 and max(map(len, after)) > 80, after  # the notes, wrapped at the width
        assert [line for line in after if line != line.rstrip()] == [], after


def test_a_row_given_twice_in_an_explanation_workbook_is_refused_naming_both_rows(tmp_path):
    op, book = appraised(tmp_path)
    h = heads(load_workbook(io.BytesIO(book)).worksheets[0])

    def ask(ws):
        ws.cell(6, h["Điểm thẩm định"]).value = 0
        ws.cell(6, h["Lý do"]).value = "thiếu tài liệu"
        ws.cell(6, h["Yêu cầu giải trình"]).value = "Có"

    assert receive(op, edited(book, ask), "TGV1.xlsx", ROUND1_AT).status == "accepted"
    explain = explanation_book(op, "SYT", "vi", explanation_items(op, "SYT"))

    def twice(ws):
        last = ws.max_row + 1
        for c in range(1, ws.max_column + 1):
            ws.cell(last, c).value = ws.cell(6, c).value

    found = receive(op, edited(explain, twice), "SYT-gt.xlsx", EXPLAIN_AT)
    assert found.status == "refused", found
    assert len(found.problems) == 1 and re.search(r"!A6 and .*!A\d+;", found.problems[0].message), said(found)
    op.close()


@pytest.mark.parametrize(("cell", "value", "label"), [(2, "Sở Tài chính", "Tên đơn vị"), (3, "STC", "Mã đơn vị"),
                                                      (4, 2024, "Năm")])
def test_a_changed_unit_cell_of_a_form_is_said_with_its_subject(tmp_path, cell, value, label):
    op = new_campaign(tmp_path / "c")

    def forged(ws):  # SYT's form made to look like another unit's, or another year's
        ws.cell(cell, 2).value = value

    found = receive(op, edited(filled_form(op, "SYT"), forged), "SYT.xlsx", AT)
    assert found.status == "refused", found
    (problem,) = found.problems
    assert problem.file.endswith(f"!B{cell}"), problem
    assert problem.message.startswith(f"SYT ({label}) is a read-only cell: it was "), problem.message
    assert "  " not in problem.message and not problem.message.startswith(" ")
    op.close()
