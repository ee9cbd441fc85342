"""The form prints (issue 19, item 10): A4 landscape, every column on the page's width, the header
row and a title line (framework, year) on every page, rows tall enough for their wrapped text.
Checked on the blank form through LibreOffice's PDF export (pdfinfo, pdftotext)."""

from __future__ import annotations

import re
import subprocess

import pytest
from openpyxl import load_workbook

from tests.office import convert, poppler

HEADS = {"vi": ["Mã", "Nội dung", "Điểm tối", "Cách chấm", "Giá trị", "Đã thực", "Tổng số", "Không áp", "Điểm tự",
                "Điểm thẩm", "Giải trình", "Tài liệu kiểm chứng"],
         "en": ["ID", "Title", "Max", "Rule", "Value", "Done", "Of", "Not", "Claimed", "Appraised", "Note",
                "Documents"]}


def pages_text(pdf) -> list[str]:
    text = subprocess.run([poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


def test_page_setup_and_row_heights(cli, tmp_path):
    form = tmp_path / "blank.xlsx"
    assert cli("template", "province-2020", "-o", form, "--lang", "vi", "--year", "2024").exit_code == 0
    ws = load_workbook(form).worksheets[0]
    setup = ws.page_setup
    assert (setup.orientation, str(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == ("landscape", "9", 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$6:$6"
    assert "Chỉ số cải cách hành chính cấp tỉnh 2020–2021" in ws.oddHeader.center.text
    assert "2024" in ws.oddHeader.center.text and "2024" in ws["A1"].value
    assert ws.row_dimensions[6].height >= 30  # "Điểm thẩm định" wraps in its column: two lines
    rows = {ws.cell(row=r, column=1).value: r for r in range(7, ws.max_row + 1)}
    assert ws.row_dimensions[rows["1.2.1"]].height >= 45  # three options' titles wrap on three lines
    assert ws.row_dimensions[rows["1.1"]].height is None  # one line: the default


@pytest.mark.external
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_blank_form_prints_every_column_on_its_first_page(cli, tmp_path, lang):
    form = tmp_path / f"blank-{lang}.xlsx"
    assert cli("template", "province-2020", "-o", form, "--lang", lang, "--year", "2024").exit_code == 0
    pdf = convert([form], "pdf", tmp_path / "pdf")[0]
    info = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    pages = [p for p in pages_text(pdf) if p.strip()]
    form_pages = [p for p in pages if ("Chỉ số cải cách hành chính" if lang == "vi" else "Provincial PAR INDEX") in p]
    assert len(form_pages) >= 3
    title = "Phiếu tự đánh giá 2024" if lang == "vi" else "Self-assessment form 2024"
    for number, page in enumerate(form_pages, start=1):
        assert title in page, number  # the title line on every page
        for head in HEADS[lang]:  # every column, on every page (the header row repeats)
            assert head in page, (number, head)
    assert "8.8.3" in form_pages[-1] and "1.1.1" in form_pages[0]
