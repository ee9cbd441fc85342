"""The papers of a campaign (parcli/report/docx.py): the minutes of appraisal, the council's report and
the publication table, built from real unit files scored by the engine, read back with python-docx
and openpyxl, and printed to PDF by headless LibreOffice Writer and Calc."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from parcli.engine import score
from parcli.errors import InputError
from parcli.i18n import set_language, text
from parcli.paperwork import Issuer, Signer, council_report_from, minutes_from
from parcli.report import display
from parcli.report.docx import (
    MARGINS_MM,
    MOTTO,
    NATION,
    clean,
    date_line,
    write_council_report,
    write_minutes,
    write_publication,
    write_publication_xlsx,
)
from parcli.store import Store
from tests import office
from tests.conftest import EXAMPLES


class _Catalogue:
    """The catalogue's Vietnamese of a message id ("context\x04msgid" for a message said in a context)."""

    def __getitem__(self, key: str) -> str:
        context, _, msgid = key.rpartition("\x04")
        return text(msgid, "vi", context or None)


VI = _Catalogue()

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile" / "paper-texts.yaml"
SOURCE = EXAMPLES / "departments" / "so-noi-vu.yaml"
OTHER = EXAMPLES / "departments" / "so-tai-chinh.yaml"
ISSUER = Issuer("Sở Nội vụ tỉnh Nam Định", "Nam Định", "UBND tỉnh Nam Định")
DATE = dt.date(2026, 2, 5)
CAMPAIGN = "Xác định Chỉ số CCHC các sở, ban, ngành năm 2021"
APPRAISERS = (Signer("Tổ trưởng Tổ giúp việc 1", "Nguyễn Văn An"), Signer("Thành viên", "Trần Thị Bình"))
EXPLAINED = "Đơn vị đã gửi bổ sung kết quả kiểm tra công vụ"
REASON_1 = "Thiếu tài liệu kiểm chứng"
REASON_2 = "Kế hoạch ban hành sau thời hạn"


def edited(text: str, changes: dict[str, str]) -> str:
    for leaf, evidence in changes.items():
        text, count = re.subn(rf'^  "{re.escape(leaf)}": .*$', f'  "{leaf}": {evidence}', text, flags=re.M)
        assert count == 1, leaf
    return text


def scored(folder: Path, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    unit, fw = Store().unit(path)
    return score(fw, unit)


@pytest.fixture
def results(tmp_path):
    """The unit's own file (claims and an explanation), round 1 and the final appraisal of it."""
    source = SOURCE.read_text(encoding="utf-8")
    own = edited(source, {"5.3.2": f'{{points: 1.5, note: "{EXPLAINED}"}}',
                          "1.2.2": "{done: 108, of: 127, claimed: 2}"})
    round1 = edited(source, {"5.3.2": f'{{points: 0.5, note: "{REASON_1}"}}',
                             "1.1.1": f'{{value: khong_kip_thoi, note: "{REASON_2}"}}'})
    final = edited(source, {"5.3.2": f'{{points: 1, note: "{REASON_1}"}}',
                            "1.1.1": f'{{value: khong_kip_thoi, note: "{REASON_2}"}}',
                            "6.2.2": '{na: true, note: "Không có đơn vị sự nghiệp"}'})
    return (scored(tmp_path, "own.yaml", own), scored(tmp_path, "round1.yaml", round1),
            scored(tmp_path, "final.yaml", final))


def minutes_of(results, **kw):
    own, round1, final = results
    return minutes_from(own, final, round1=round1, campaign_title=CAMPAIGN, issuer=ISSUER, date=DATE,
                        group_title="Sở, ban, ngành", appraisers=APPRAISERS,
                        unit_signer=Signer("Giám đốc", "Lê Văn Cường"), **kw)


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def pdf_text(pdf: Path) -> str:
    return " ".join(word for page in office.pdf_words(pdf) for *_box, word in page)


def writer() -> None:
    """LibreOffice Writer is there (the tests of the Word papers print through it)."""
    found = office.soffice()
    program = Path(found).resolve().parent
    if not list(program.glob("libsw*")) and not shutil.which("lowriter"):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice Writer is missing in CI: .ci/run installs libreoffice-writer-nogui")
        pytest.skip("LibreOffice Writer is not installed: apt-get install libreoffice-writer-nogui")


# --- the minutes, read back -------------------------------------------------------------


def test_the_leaves_in_the_minutes_are_those_whose_final_points_differ_from_the_claim(results):
    own, round1, final = results
    m = minutes_of(results)
    claims = {leaf.id: (leaf.claimed if leaf.claimed is not None else leaf.points) for leaf in own.leaves}
    differ = [leaf.id for leaf in final.leaves if claims[leaf.id] != leaf.points]
    assert [leaf.id for leaf in m.leaves] == differ
    assert {"1.1.1", "5.3.2", "6.2.2"} <= set(differ) and "1.1.2" not in differ
    by_id = {leaf.id: leaf for leaf in m.leaves}
    leaf = by_id["5.3.2"]
    assert (leaf.claimed, leaf.round1, leaf.final) == (Decimal("1.5"), Decimal("0.5"), Decimal(1))
    assert leaf.reasons == (REASON_1,) and leaf.explanation == EXPLAINED
    assert by_id["6.2.2"].final is None  # found not applicable by the appraisers
    assert by_id["1.1.1"].reasons == (REASON_2,)
    t = m.totals
    assert t.self_assessed == sum(c for c in claims.values() if c is not None)
    assert (t.round1, t.final, t.applicable_max, t.index, t.class_label) == (
        round1.points, final.points, final.max, final.index, final.klass)
    assert final.max < own.max  # the leaf found not applicable left the max


def test_reasons_and_explanations_given_by_the_campaign_win(results):
    m = minutes_of(results, reasons={"5.3.2": ("Vòng 1: thiếu", "Vòng 2: bổ sung một phần")},
                   explanations={"5.3.2": "Giải trình của đơn vị"})
    leaf = next(x for x in m.leaves if x.id == "5.3.2")
    assert leaf.reasons == ("Vòng 1: thiếu", "Vòng 2: bổ sung một phần")
    assert leaf.explanation == "Giải trình của đơn vị"


def test_minutes_have_the_form_of_decree_30(results, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    m = minutes_of(results)
    path = tmp_path / "bb.docx"
    set_language("vi")
    write_minutes(m, path, "vi")
    doc = Document(str(path))
    section = doc.sections[0]
    mm = {k: round(getattr(section, k).mm, 1) for k in ("page_width", "page_height", "top_margin", "bottom_margin",
                                                         "left_margin", "right_margin")}
    assert (mm["page_width"], mm["page_height"]) == (210, 297)  # A4 (stored in twentieths of a point)
    assert 20 <= mm["top_margin"] <= 25 and 20 <= mm["bottom_margin"] <= 25
    assert 30 <= mm["left_margin"] <= 35 and 15 <= mm["right_margin"] <= 20
    assert mm["left_margin"] == MARGINS_MM["left"]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    for fonts in defaults.iter(qn("w:rFonts")):  # no theme font (Calibri) under the named one
        assert fonts.get(qn("w:ascii")) == "Times New Roman" and not fonts.get(qn("w:asciiTheme"))
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:val")) == "vi-VN"
    every_run = [r for p in doc.paragraphs for r in p.runs]
    every_run += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert every_run and all(r.font.name in (None, "Times New Roman") for r in every_run)
    assert all(r.font.size is None or Pt(11) <= r.font.size <= Pt(14) for r in every_run)

    heading = doc.tables[0]
    assert heading.style.name == "Normal Table"  # no borders
    left, right = (cell.text for cell in heading.rows[0].cells)
    assert left.splitlines()[:2] == ["UBND TỈNH NAM ĐỊNH", "SỞ NỘI VỤ TỈNH NAM ĐỊNH"]
    agency = heading.rows[0].cells[0].paragraphs[1].runs[0]
    assert agency.bold
    assert right.splitlines()[:2] == [NATION, MOTTO]
    date = next(p for p in heading.rows[0].cells[1].paragraphs if p.text.startswith("Nam Định"))
    assert date.text == "Nam Định, ngày 05 tháng 02 năm 2026" and all(r.italic for r in date.runs)
    body = [p.text for p in doc.paragraphs]
    assert "BIÊN BẢN" in body
    assert "Thẩm định kết quả tự đánh giá, chấm điểm Chỉ số CCHC năm 2021" in body
    assert "Đơn vị: Sở Nội vụ (SNV)" in body

    t, places = m.totals, m.places
    totals = {row.cells[0].text: row.cells[1].text for row in doc.tables[1].rows[1:]}
    assert totals == {
        VI["Self-assessed points"]: display(t.self_assessed, places, "vi"),
        VI["Points after appraisal round 1"]: display(t.round1, places, "vi"),
        VI["Final appraised points"]: display(t.final, places, "vi"),
        VI["paper\x04Applicable max"]: display(t.applicable_max, places, "vi"),
        VI["paper\x04Index (%)"]: display(t.index, places, "vi", fixed=True),
        VI["paper\x04Class"]: t.class_label,
    }
    assert "," in totals[VI["paper\x04Index (%)"]]  # a decimal comma

    leaves = doc.tables[2]
    heads = [c.text for c in leaves.rows[1].cells]
    assert heads == ["Mã", "Tiêu chí", "Tối đa", "Tự chấm", "Vòng 1", "Cuối cùng", "Lý do điều chỉnh",
                     "Giải trình của đơn vị"]
    assert leaves.rows[0].cells[3].text == "Điểm"  # the band over the columns of points
    for row in leaves.rows[:2]:  # the header repeats on every page
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = [[c.text for c in row.cells] for row in leaves.rows[2:]]
    expected = [[leaf.id, leaf.title, display(leaf.max, places, "vi"),
                 display(leaf.claimed, places, "vi") if leaf.claimed is not None else "Không áp dụng",
                 display(leaf.round1, places, "vi"),
                 display(leaf.final, places, "vi") if leaf.final is not None else "Không áp dụng",
                 "\n".join(leaf.reasons), leaf.explanation or ""] for leaf in m.leaves]
    assert rows == expected
    row_532 = next(r for r in rows if r[0] == "5.3.2")
    assert row_532[2:6] == ["2", "1,5", "0,5", "1"]

    signatures = doc.tables[3]
    first = [c.text for c in signatures.rows[0].cells]
    assert first[0].startswith("ĐẠI DIỆN ĐƠN VỊ\nGIÁM ĐỐC\n(Ký, ghi rõ họ tên)") and "Lê Văn Cường" in first[0]
    assert first[1].startswith("ĐẠI DIỆN TỔ THẨM ĐỊNH\nTỔ TRƯỞNG TỔ GIÚP VIỆC 1") and "Nguyễn Văn An" in first[1]
    assert "Trần Thị Bình" in signatures.rows[1].cells[1].text
    assert section.different_first_page_header_footer  # the page number from page 2 on, at the top
    assert 'w:instr="PAGE"' in section.header.paragraphs[0]._p.xml and not section.first_page_header.paragraphs[0].text
    footer = doc.sections[0].first_page_footer.paragraphs[0].text
    assert "department-example" in footer and "tự xây dựng" in footer


def test_minutes_in_english(results, tmp_path):
    m = minutes_of(results)
    path = tmp_path / "minutes.docx"
    write_minutes(m, path, "en")
    text = docx_text(path)
    assert "SOCIALIST REPUBLIC OF VIETNAM" in text and "Independence - Freedom - Happiness" in text
    assert "Nam Định, 5 February 2026" in text
    assert "MINUTES" in text and "Final appraised points" in text
    assert display(m.totals.index, m.places, "en", fixed=True) in text and "." in display(m.totals.index, 3, "en")
    for word in ("Biên bản", "Điểm", "Tự chấm", "ĐẠI DIỆN", "ngày"):
        assert word not in text
    set_language("vi")
    write_minutes(m, path, "en")  # the paper's language, whatever the messages speak
    assert "Final appraised points" in docx_text(path)
    from parcli.i18n import language

    assert language() == "vi"  # and the messages speak as before


def test_minutes_without_round_1_or_adjustment(tmp_path):
    own = scored(tmp_path, "other.yaml", OTHER.read_text(encoding="utf-8"))
    m = minutes_from(own, own, campaign_title=CAMPAIGN, issuer=Issuer("Sở Nội vụ", "Huế"), date=DATE)
    assert m.leaves == () and m.totals.round1 is None
    path = tmp_path / "kept.docx"
    write_minutes(m, path, "vi")
    text = docx_text(path)
    assert VI["The appraisal kept every self-assessed point."] in text
    assert VI["Points after appraisal round 1"] not in text
    assert "ĐẠI DIỆN ĐƠN VỊ" in text  # a place to sign even without a named signer


def test_minutes_refuse_results_of_two_frameworks(results, tmp_path, write, mini):
    from tests.conftest import mini_unit

    own, _round1, _final = results
    other = write("u.yaml", mini_unit())
    unit, fw = Store().unit(other)
    with pytest.raises(ValueError):
        minutes_from(own, score(fw, unit), campaign_title=CAMPAIGN, issuer=ISSUER, date=DATE)


@pytest.mark.parametrize("date, shown", [
    (dt.date(2026, 2, 5), "Huế, ngày 05 tháng 02 năm 2026"),
    (dt.date(2025, 1, 31), "Huế, ngày 31 tháng 01 năm 2025"),
    (dt.date(2025, 3, 9), "Huế, ngày 09 tháng 3 năm 2025"),
    (dt.date(2025, 12, 15), "Huế, ngày 15 tháng 12 năm 2025"),
])
def test_the_date_line_pads_as_the_decree_says(date, shown):
    set_language("vi")
    assert date_line("Huế", date, "vi") == shown


# --- the council's report and the publication table ---------------------------------------


@pytest.fixture
def report(results, tmp_path):
    own, _round1, _final = results
    m = minutes_of(results)
    other = scored(tmp_path, "other.yaml", OTHER.read_text(encoding="utf-8"))
    kept = minutes_from(other, other, campaign_title=CAMPAIGN, issuer=ISSUER, date=DATE)
    twin = replace(m, unit_code="SNV2", unit_name="Sở Nội vụ (bản sao)")  # ties with m
    return council_report_from(CAMPAIGN, 2021, ISSUER, DATE, [("so", "Sở, ban, ngành", [kept, m, twin]),
                                                              ("khac", "Đơn vị khác", [kept])])


def test_the_report_ranks_each_group_and_takes_nam_dinh_s_averages(report):
    group = report.groups[0]
    rows = group.rows
    assert [r.index for r in rows] == sorted((r.index for r in rows), reverse=True)
    tied = [r for r in rows if r.code in ("SNV", "SNV2")]
    assert tied[0].rank == tied[1].rank  # equal indices share a rank, the next skips
    assert sorted(r.rank for r in rows) in ([1, 1, 3], [1, 2, 2])
    assert group.mean_self_assessed == sum(r.self_assessed for r in rows) / 3
    assert group.mean_final == sum(r.final for r in rows) / 3
    assert group.mean_index == sum(r.index for r in rows) / 3
    by_code = {r.code: r for r in rows}
    assert by_code["STC"].adjusted_leaves == 0
    assert by_code["SNV"].adjusted_leaves == by_code["SNV2"].adjusted_leaves >= 3
    assert report.places == 3  # the framework's


def test_council_report_reads_back(report, tmp_path):
    from docx import Document

    path = tmp_path / "bc.docx"
    set_language("vi")
    write_council_report(report, path, "vi", signer=Signer("Giám đốc", "Phạm Văn Dũng"))
    doc = Document(str(path))
    body = "\n".join(p.text for p in doc.paragraphs)
    group = report.groups[0]
    places = report.places
    assert "BÁO CÁO" in body and "Tổng hợp kết quả thẩm định Chỉ số CCHC năm 2021" in body
    assert (f"Điểm tự đánh giá trung bình: {display(group.mean_self_assessed, places, 'vi', fixed=True)} điểm; "
            f"điểm thẩm định trung bình: {display(group.mean_final, places, 'vi', fixed=True)} điểm, "
            f"đạt {display(group.mean_index, places, 'vi', fixed=True)}%.") in body
    table = doc.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["Xếp hạng", "Đơn vị", "Điểm tự đánh giá", "Điểm thẩm định",
                                                     "Điểm tối đa áp dụng", "Chỉ số (%)", "Xếp loại",
                                                     "Số tiêu chí điều chỉnh"]
    cells = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert cells == [[str(r.rank), f"{r.name} ({r.code})" if r.code else r.name, display(r.self_assessed, places, "vi"),
                      display(r.final, places, "vi"), display(r.applicable_max, places, "vi"),
                      display(r.index, places, "vi", fixed=True), r.class_label, str(r.adjusted_leaves)]
                     for r in group.rows]
    assert len(doc.tables) == 4  # heading, two groups, the signature
    assert "Phạm Văn Dũng" in doc.tables[3].rows[0].cells[1].text
    assert doc.tables[3].rows[0].cells[0].text.strip() == ""


def test_publication_table_as_docx_and_xlsx(report, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    set_language("vi")
    write_publication(report, tmp_path / "pub.docx", "vi")
    doc = Document(str(tmp_path / "pub.docx"))
    assert doc.paragraphs[0].text == "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2021"
    places = report.places
    for table, group in zip(doc.tables, report.groups, strict=True):
        assert [c.text for c in table.rows[0].cells] == ["Xếp hạng", "Đơn vị", "Tổng điểm", "Điểm tối đa áp dụng",
                                                         "Chỉ số (%)", "Xếp loại"]
        assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
            [str(r.rank), f"{r.name} ({r.code})" if r.code else r.name, display(r.final, places, "vi"),
             display(r.applicable_max, places, "vi"), display(r.index, places, "vi", fixed=True), r.class_label]
            for r in group.rows]

    write_publication_xlsx(report, tmp_path / "pub.xlsx", "vi")
    wb = load_workbook(tmp_path / "pub.xlsx")
    assert wb.sheetnames == ["so", "khac"]
    ws = wb["so"]
    assert [c.value for c in ws[3]] == ["Xếp hạng", "Đơn vị", "Tổng điểm", "Điểm tối đa áp dụng", "Chỉ số (%)",
                                        "Xếp loại"]
    for row, r in zip(ws.iter_rows(min_row=4), report.groups[0].rows, strict=True):
        assert [c.value for c in row][:2] == [r.rank, f"{r.name} ({r.code})" if r.code else r.name]
        assert [Decimal(str(c.value)) for c in row[2:5]] == [r.final, r.applicable_max, r.index]
        assert row[4].number_format == "0.000" and row[5].value == r.class_label
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$3:$3"


def test_bonus_and_penalty_show_where_they_are_given(results, tmp_path):
    m = minutes_of(results, bonus=Decimal("1.5"), penalty=Decimal("0.25"), index=Decimal("90.123"))
    path = tmp_path / "bb.docx"
    set_language("vi")
    write_minutes(m, path, "vi")
    text = docx_text(path)
    assert "Điểm thưởng\n1,5" in text and "Điểm trừ\n0,25" in text and "90,123" in text
    rep = council_report_from(CAMPAIGN, 2021, ISSUER, DATE, [("so", "Sở", [m])])
    write_publication(rep, tmp_path / "pub.docx", "vi")
    from docx import Document

    heads = [c.text for c in Document(str(tmp_path / "pub.docx")).tables[0].rows[0].cells]
    assert heads == ["Xếp hạng", "Đơn vị", "Tổng điểm", "Điểm thưởng", "Điểm trừ", "Điểm tối đa áp dụng",
                     "Chỉ số (%)", "Xếp loại"]


# --- hostile text -------------------------------------------------------------------------


def hostile_texts() -> dict[str, str]:
    texts = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
    long = (texts["long"] * (40_000 // len(texts["long"]) + 1))[:40_000]
    return {"formula": texts["formula"], "controls": texts["controls"], "long": long}


def hostile_minutes(results):
    texts = hostile_texts()
    m = minutes_of(results)
    name = f"{texts['formula']} {texts['controls']} {texts['long']}"
    leaves = tuple(replace(leaf, explanation=texts["long"] + texts["controls"], reasons=(texts["formula"],))
                   for leaf in m.leaves[:1]) + m.leaves[1:]
    return replace(m, unit_name=name, leaves=leaves, group_title=texts["controls"]), name


def test_clean_keeps_text_and_marks_what_xml_cannot_hold():
    controls = hostile_texts()["controls"]
    cleaned = clean(controls)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", cleaned)
    assert cleaned == ("tab\there NUL\ufffd ESC\ufffd[31m red BEL\ufffd VT\nFF\nC1\ufffd\ufffd end")
    assert clean("a\r\nb\rc") == "a\nb\nc" and clean("Sở Nội vụ") == "Sở Nội vụ"


def test_hostile_names_and_notes_cannot_break_the_papers(results, tmp_path):
    m, name = hostile_minutes(results)
    path = tmp_path / "bb.docx"
    write_minutes(m, path, "vi")
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", xml)
    text = docx_text(path)
    assert clean(name).split("\n")[0] in text  # the name is whole (up to the vertical tab made a line break)
    assert "=cmd|' /C calc'!A0" in text and hostile_texts()["long"][-200:] in text
    rep = council_report_from(CAMPAIGN, 2021, ISSUER, DATE, [("so/[1]:*?", m.group_title, [m])])
    write_council_report(rep, tmp_path / "bc.docx", "vi")
    write_publication(rep, tmp_path / "pub.docx", "vi")
    assert "=cmd|" in docx_text(tmp_path / "pub.docx")
    with pytest.raises(InputError, match="longer than an Excel cell holds"):  # said, not cut
        write_publication_xlsx(rep, tmp_path / "pub.xlsx", "en")
    assert not (tmp_path / "pub.xlsx").exists()
    short = replace(m, unit_name=f"{hostile_texts()['formula']} {hostile_texts()['controls']}")
    rep = council_report_from(CAMPAIGN, 2021, ISSUER, DATE, [("so/[1]:*?", m.group_title, [short])])
    write_publication_xlsx(rep, tmp_path / "pub.xlsx", "vi")
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "pub.xlsx")["so--1----"]  # no character Excel refuses in a sheet name
    cell = ws.cell(4, 2)
    assert cell.data_type == "s" and cell.value.startswith("=cmd|")  # text, never a formula


# --- through LibreOffice ------------------------------------------------------------------


@pytest.fixture
def printed(results, report, tmp_path):
    """The minutes, the report and the publication table (.docx and .xlsx), printed to PDF by LibreOffice."""
    writer()
    set_language("vi")
    m = minutes_of(results)
    files = [tmp_path / "minutes.docx", tmp_path / "report.docx", tmp_path / "publication.docx",
             tmp_path / "publication-table.xlsx", tmp_path / "hostile.docx"]
    write_minutes(m, files[0], "vi")
    write_council_report(report, files[1], "vi", signer=Signer("Giám đốc", "Phạm Văn Dũng"))
    write_publication(report, files[2], "vi")
    write_publication_xlsx(report, files[3], "vi")
    write_minutes(hostile_minutes(results)[0], files[4], "vi")
    pdfs = office.convert(files, "pdf", tmp_path / "pdf")
    return m, report, dict(zip(("minutes", "report", "publication", "sheet", "hostile"), pdfs, strict=True))


@pytest.mark.external
def test_libreoffice_prints_the_papers(printed):
    m, report, pdfs = printed
    places = m.places
    text = pdf_text(pdfs["minutes"])
    assert 1 <= office.pdf_pages(pdfs["minutes"]) <= 3
    for words in ("Sở Nội vụ (SNV)", MOTTO, "BIÊN BẢN", "Nam Định, ngày 05 tháng 02 năm 2026", "Nguyễn Văn An",
                  display(m.totals.final, places, "vi"), display(m.totals.index, places, "vi", fixed=True),
                  display(m.totals.self_assessed, places, "vi"), REASON_1, EXPLAINED):
        assert words in text, words
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in text
    report_text = pdf_text(pdfs["report"])
    assert office.pdf_pages(pdfs["report"]) <= 3 and MOTTO in report_text
    assert display(report.groups[0].mean_index, places, "vi", fixed=True) in report_text
    for pdf in ("publication", "sheet"):
        words = pdf_text(pdfs[pdf])
        assert office.pdf_pages(pdfs[pdf]) <= 2
        for row in report.groups[0].rows:
            assert row.name in words
            assert display(row.index, places, "vi" if pdf == "publication" else "en", fixed=True) in words
    # the hostile minutes: two texts of 40,000 characters (the name, and an explanation in a column
    # a sixth of the page wide: about 75 pages in DejaVu Serif, LibreOffice's stand-in here), a document
    pages = office.pdf_pages(pdfs["hostile"])
    assert 2 <= pages <= 150
    text = pdf_text(pdfs["hostile"])
    assert "=cmd|'" in text and MOTTO in text
