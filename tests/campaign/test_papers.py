"""campaign minutes and campaign report from the command line, on the README's walk-through campaign (its steps
from scripts/campaign_demo.py, the workbooks filled by openpyxl): each .docx read back with python-docx, every
number compared with campaign results."""

from __future__ import annotations

import csv
import sys
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.campaign.helpers import parcli
from tests.conftest import ROOT
from tests.report.test_docx import docx_text

RUNS = [  # (step before, now, args): the README's walk-through
    (None, "2025-10-01T08:00", ["init", "{camp}", "--framework", "department-example", "--year", "2025",
                                "--units", str(ROOT / "examples" / "campaign" / "units.csv")]),
    ("policy", "2025-10-01T08:05", ["forms", "{camp}"]),
    ("units-fill", "2025-10-20T09:00", ["receive", "{camp}", "{work}/mail/SYT.xlsx", "{work}/mail/STC.xlsx",
                                        "{work}/mail/SNV.xlsx"]),
    ("extend", "2025-11-04T08:31", ["receive", "{camp}", "{work}/mail/SXD.xlsx"]),
    (None, "2025-11-05T08:00", ["appraise", "{camp}", "--round", "1", "--lang", "vi"]),
    ("round-1", "2025-11-10T09:00", ["receive", "{camp}", "{work}/mail/TGV1-vong1.xlsx",
                                     "{work}/mail/TGV2-vong1.xlsx"]),
    (None, "2025-11-21T08:00", ["explain", "{camp}", "--lang", "vi"]),
    ("explain", "2025-11-22T08:00", ["receive", "{camp}", "{work}/mail/SYT-giai-trinh.xlsx"]),
    (None, "2025-11-28T08:00", ["appraise", "{camp}", "--round", "2", "--lang", "vi"]),
    ("round-2", "2025-12-01T08:00", ["receive", "{camp}", "{work}/mail/TGV1-vong2.xlsx"]),
]


ISSUER = 'issuer: {agency: "SỞ NỘI VỤ", place: "Nam Định", parent: "UBND TỈNH NAM ĐỊNH"}'


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "scripts"))
    import campaign_demo

    work = tmp_path_factory.mktemp("papers")
    camp = work / "cchc-2025"
    for step, now, args in RUNS:
        if step:
            campaign_demo.step(step, work)
        ran = parcli("campaign", *(a.format(camp=camp, work=work) for a in args), now=now)
        assert ran.code == 0, ran.all
        if args[0] == "init":  # the issuer of the papers, as an office fills campaign.yaml
            text = (camp / "campaign.yaml").read_text(encoding="utf-8")
            (camp / "campaign.yaml").write_text(text.replace('issuer: {agency: "SỞ NỘI VỤ", place: ""}', ISSUER),
                                                encoding="utf-8")
    return camp


def number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def results_of(camp, tmp_path) -> dict[str, dict[str, str]]:
    out = tmp_path / "results.csv"
    ran = parcli("campaign", "results", camp, "-o", out, now="2025-12-06T08:00")
    assert ran.code == 0, ran.all
    with open(out, encoding="utf-8-sig", newline="") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def test_the_minutes_of_a_unit_list_its_appraised_leaf_and_its_totals_equal_results(campaign, tmp_path):
    ran = parcli("campaign", "minutes", campaign, "SYT", now="2025-12-06T08:00", lang="vi")
    assert ran.code == 0, ran.all
    path = campaign / "out" / "minutes" / "SYT.docx"
    assert ran.stdout.splitlines() == [f"đã ghi {path}"], ran.stdout
    assert not (campaign / "out" / "minutes" / "STC.docx").exists()
    doc = Document(str(path))
    body = docx_text(path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body and "Sở Y tế (SYT)" in body
    assert "Nam Định, ngày 06 tháng 12 năm 2025" in body  # the issuer's place, the date now (PARCLI_NOW)
    assert "UBND TỈNH NAM ĐỊNH" in body and "SỞ NỘI VỤ" in body
    assert "TỔ GIÚP VIỆC 1" in body.upper() and "TỔ GIÚP VIỆC 2" in body.upper()  # the appraisers sign
    # the leaves table: 1.1.1 with max, claimed, round 1 (0,25), final (0,75), both reasons and the explanation
    leaf_rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows if row.cells[0].text == "1.1.1"]
    assert len(leaf_rows) == 1, body
    row = leaf_rows[0]
    assert "0,25" in row and "0,75" in row, row
    joined = "\n".join(row)
    assert "Kế hoạch ban hành sau thời hạn" in joined and "Đã giải trình, chấp nhận một phần" in joined
    assert "Kế hoạch ban hành ngày 10/01, chậm do sắp xếp tổ chức" in joined
    # in English, the framework's English titles: every leaf of department-example has one
    english = parcli("campaign", "minutes", campaign, "SYT", "--force", now="2025-12-06T08:00", lang="en")
    assert english.code == 0, english.all
    rows = [[c.text for c in row.cells] for t in Document(str(path)).tables for row in t.rows
            if row.cells[0].text == "1.1.1"]
    assert rows[0][1] == "Issuing the unit's annual reform plan", rows
    assert parcli("campaign", "minutes", campaign, "SYT", "--force", now="2025-12-06T08:00", lang="vi").code == 0
    # the totals equal campaign results
    result = results_of(campaign, tmp_path)["SYT"]
    assert result["points"] and result["index"]
    totals = {r.cells[0].text: r.cells[-1].text for t in doc.tables for r in t.rows if len(r.cells) == 2}
    final = next(v for k, v in totals.items() if k.startswith("Điểm thẩm định cuối cùng"))
    assert number(final) == Decimal(result["points"]), totals
    index = next(v for k, v in totals.items() if k.startswith("Chỉ số"))
    assert number(index.rstrip(" %")) == Decimal(result["index"]), totals
    own = next(v for k, v in totals.items() if k.startswith("Điểm tự đánh giá"))
    assert number(own) == Decimal(result["self_points"]), totals
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.5)
    # never over a paper written before, unless --force
    again = parcli("campaign", "minutes", campaign, "SYT", now="2025-12-06T08:00")
    assert again.code == 1 and "--force" in again.stderr and f"{path}" in again.stderr
    assert parcli("campaign", "minutes", campaign, "SYT", "--force", now="2025-12-07T08:00", lang="vi").code == 0
    assert "ngày 07 tháng 12 năm 2025" in docx_text(path)
    # every unit; an unknown code is a usage error
    ran = parcli("campaign", "minutes", campaign, "--force", now="2025-12-06T08:00")
    assert ran.code == 0 and ran.stdout.count("wrote ") == 4, ran.all
    bad = parcli("campaign", "minutes", campaign, "NOPE")
    assert bad.code == 2 and "NOPE" in bad.stderr


def test_the_council_report_and_the_publication_table(campaign, tmp_path):
    ran = parcli("campaign", "report", campaign, now="2025-12-06T08:00", lang="vi")
    assert ran.code == 0, ran.all
    out = campaign / "out"
    assert [line.split()[-1] for line in ran.stdout.splitlines()] == [
        str(out / "report.docx"), str(out / "publication.docx"), str(out / "publication.xlsx")]
    results = results_of(campaign, tmp_path)
    report = docx_text(out / "report.docx")
    for code in results:
        assert f"({code})" in report
    pub = Document(str(out / "publication.docx"))
    rows = [[c.text for c in r.cells] for t in pub.tables for r in t.rows]
    by_code = {r[1].rsplit("(", 1)[1].rstrip(")"): r for r in rows[1:] if "(" in r[1]}
    assert set(by_code) == set(results)
    for code, row in results.items():
        assert number(by_code[code][2]) == Decimal(row["points"]) and by_code[code][0] == row["rank"], (row, by_code)
    ws = load_workbook(out / "publication.xlsx").worksheets[0]
    values = [[c.value for c in r] for r in ws.iter_rows()]
    points = {r[1].rsplit("(", 1)[1].rstrip(")"): r[2] for r in values if isinstance(r[1], str) and "(" in r[1]
              and isinstance(r[2], (int, float))}
    assert {c: Decimal(str(p)) for c, p in points.items()} == {c: Decimal(r["points"]) for c, r in results.items()}
    again = parcli("campaign", "report", campaign)
    assert again.code == 1 and "--force" in again.stderr


@pytest.mark.parametrize("args, folder, names", [
    (["forms"], "forms", ["SYT", "STC", "SNV", "SXD"]),
    (["appraise", "--round", "1"], "appraisal-1", ["TGV1", "TGV2"]),
    (["explain"], "explanation", ["SYT"]),
])
def test_workbooks_written_before_are_never_replaced_without_force(campaign, args, folder, names):
    """``campaign appraise`` run again replaced the appraisers' workbooks in out/ (one of them may have been filling
    it in): refused, naming every such file, unless --force, as the minutes are."""
    books = [campaign / "out" / folder / f"{name}.xlsx" for name in names]
    wb = load_workbook(books[0])  # someone has been filling it in
    wb.worksheets[0]["A1"].value = "đang điền dở"
    wb.save(books[0])
    before = {b: b.read_bytes() for b in books}
    again = parcli("campaign", *args, campaign, now="2025-12-06T08:00", lang="vi")
    assert again.code == 1, again.all
    for book in books:
        assert f"{book}: đã được ghi trước đó" in again.stderr and "--force" in again.stderr, again.stderr
        assert book.read_bytes() == before[book]
    assert "wrote" not in again.stdout and "đã ghi" not in again.stdout
    forced = parcli("campaign", *args, campaign, "--force", now="2025-12-06T08:00")
    assert forced.code == 0, forced.all
    assert forced.stdout.count("wrote ") == len(books), forced.stdout
    assert load_workbook(books[0]).worksheets[0]["A1"].value != "đang điền dở"


def test_the_log_in_vietnamese_at_80_columns_leaves_the_detail_readable(campaign):
    """At 80 columns the header "Người thực hiện" took 15 columns and the detail was left 6 ("SYT.xl" / "sx: tự"):
    the header of who wraps, the time goes under the date, the detail gets the room; at 120 nothing wraps."""
    from rich.cells import cell_len

    ran = parcli("campaign", "log", campaign, "--unit", "SYT", lang="vi", columns=80)
    assert ran.code == 0, ran.all
    lines = ran.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), ran.stdout
    heads = lines[1].strip("┃").split("┃")
    assert heads[-1].strip() == "Chi tiết" and cell_len(heads[-1]) - 2 >= 18, lines[1]
    assert any("tệp SYT.xlsx: tự" in line for line in lines), ran.stdout  # a file name whole
    wide = parcli("campaign", "log", campaign, "--unit", "SYT", lang="vi", columns=120)
    assert any("│ 2025-10-20 09:00 │" in line and "tệp SYT.xlsx: tự đánh giá" in line
               for line in wide.stdout.splitlines()), wide.stdout


@pytest.mark.parametrize("lang, first, second", [("vi", "Vòng 1: ", "Vòng 2: "), ("en", "Round 1: ", "Round 2: ")])
def test_the_minutes_say_which_round_gave_each_reason(campaign, lang, first, second):
    """The two rounds' reasons of 1.1.1 stood in one cell, one under the other, without their rounds."""
    ran = parcli("campaign", "minutes", campaign, "SYT", "--force", "--lang", lang, now="2025-12-06T08:00")
    assert ran.code == 0, ran.all
    doc = Document(str(campaign / "out" / "minutes" / "SYT.docx"))
    row = next([c.text for c in r.cells] for t in doc.tables for r in t.rows if r.cells[0].text == "1.1.1")
    cell = next(c for c in row if "Kế hoạch ban hành sau thời hạn" in c)
    assert cell.splitlines() == [first + "Kế hoạch ban hành sau thời hạn",
                                 second + "Đã giải trình, chấp nhận một phần"], row
