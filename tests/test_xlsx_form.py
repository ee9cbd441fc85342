"""The self-assessment form (.xlsx): written, filled, read by every command, re-saved by LibreOffice."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLES, MINI_FRAMEWORK
from tests.office import convert

EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.yaml"))
BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def form_of(cli, unit: Path, out: Path, *args) -> Path:
    run = cli("convert", unit, "-o", out, *args)
    assert run.exit_code == 0, run.all
    return out


def result_json(cli, path: Path) -> str:
    run = cli("score", path, "-f", "json")
    assert run.exit_code == 0, run.all
    return run.stdout


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
    assert run.exit_code == 1 and "1 problem(s)" in run.stdout, run.stdout
    assert "!B2: cell B2 (Tên đơn vị) still says 'Tên đơn vị', the blank form's placeholder" in run.stdout


def test_english_form(cli, tmp_path):
    out = form_of(cli, BAC_NINH, tmp_path / "en.xlsx", "--lang", "en")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Self-assessment", "Instructions", "parcli_lists", "parcli"]
    assert wb["Self-assessment"]["E6"].value == "Value"
    assert result_json(cli, out) == result_json(cli, BAC_NINH)


@pytest.mark.parametrize("unit", EXAMPLE_FILES, ids=lambda p: p.name)
def test_yaml_form_yaml_round_trip(cli, tmp_path, unit):
    form = form_of(cli, unit, tmp_path / "form.xlsx")
    back = tmp_path / "back.yaml"
    assert cli("convert", form, "-o", back).exit_code == 0
    expected = result_json(cli, unit)
    assert result_json(cli, form) == expected
    assert result_json(cli, back) == expected


def test_libreoffice_resaved_forms_read_the_same(cli, tmp_path):
    """Every example as a form, re-saved by LibreOffice Calc (headless), gives the same result JSON."""
    forms = []
    for i, unit in enumerate(EXAMPLE_FILES):
        forms.append(form_of(cli, unit, tmp_path / f"{i:02d}-{unit.stem}.xlsx"))
    resaved = dict(zip(forms, convert(forms, "xlsx", tmp_path / "resaved"), strict=True))
    for unit, form in zip(EXAMPLE_FILES, forms, strict=True):
        assert resaved[form].read_bytes() != form.read_bytes()  # really written by LibreOffice
        assert result_json(cli, resaved[form]) == result_json(cli, unit), unit.name


def fill(form: Path, cells: dict[str, object]) -> None:
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(form)


def hint_rows(form: Path) -> dict[str, int]:
    """The row of every id as the hidden sheet records it ("id row" lines)."""
    meta = load_workbook(form)["parcli"]
    lines = "\n".join(r[1] for r in meta.iter_rows(values_only=True) if r[0] == "rows").split("\n")
    return {ident: int(row) for ident, _sep, row in (line.rpartition(" ") for line in lines)}


def row_of(form: Path, node_id: str) -> int:
    return hint_rows(form)[node_id]


def test_problems_are_located_at_cells_with_the_hints(cli, tmp_path):
    form = form_of(cli, BAC_NINH, tmp_path / "f.xlsx", "--lang", "vi")
    row = row_of(form, "3.2.1")
    fill(form, {f"E{row}": "97,3,1", f"E{row_of(form, '1.1.1')}": "kip thoi"})
    run = cli("validate", form)
    assert run.exit_code == 1
    assert f"f.xlsx:Tự đánh giá!E{row}: 3.2.1 (Giá trị): '97,3,1' is not a number" in run.stdout
    assert (f"!E{row_of(form, '1.1.1')}: 1.1.1 (Giá trị): 'kip thoi' is not one of this leaf's options (Kịp thời; "
            "Không kịp thời; Không ban hành); choose one from the list") in run.stdout
    vi = cli("validate", form, "--lang", "vi")
    assert "không phải là số" in vi.stdout


def test_yes_no_words_and_numbers_typed_as_text(cli, tmp_path):
    form = form_of(cli, BAC_NINH, tmp_path / "f.xlsx")
    fill(form, {f"E{row_of(form, '1.1.3')}": "yes", f"E{row_of(form, '1.2.2')}": True})
    assert cli("validate", form).exit_code == 0


def test_every_command_reads_forms_beside_yaml(cli, tmp_path):
    folder = tmp_path / "hoso"
    folder.mkdir()
    units = sorted((EXAMPLES / "departments").glob("*.yaml"))[:4]
    for unit in units[:2]:
        form_of(cli, unit, folder / f"{unit.stem}.xlsx")
    for unit in units[2:]:
        shutil.copy(unit, folder / unit.name)
    (folder / "~$so-y-te.xlsx").write_bytes(b"an Excel lock file")  # skipped in folders
    assert cli("validate", folder).exit_code == 0
    ranked = cli("rank", folder, "-o", tmp_path / "r.csv")
    assert ranked.exit_code == 0, ranked.all
    assert len((tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()) == 5
    assert cli("export", folder, "-o", tmp_path / "all.csv").exit_code == 0
    a, b = folder / f"{units[0].stem}.xlsx", units[0]
    diff = cli("diff", a, b)
    assert diff.exit_code == 0, diff.all


def test_formula_without_a_saved_value(cli, tmp_path):
    form = form_of(cli, BAC_NINH, tmp_path / "f.xlsx", "--lang", "vi")
    row = row_of(form, "3.2.1")
    fill(form, {f"E{row}": "=90+7.3"})  # openpyxl stores the formula, no value
    run = cli("score", form)
    assert run.exit_code == 1
    assert f"f.xlsx:Tự đánh giá!E{row}: a formula without a saved value" in run.stderr


def test_form_of_another_framework_version(cli, tmp_path, write):
    fw = write("mini.yaml", MINI_FRAMEWORK)
    unit = write("u.yaml", """
        schema: parcli/unit/v1
        unit: U
        year: 2021
        framework: mini.yaml
        evidence: {"1.1.1": true}
        """)
    form = form_of(cli, unit, tmp_path / "u.xlsx")
    assert cli("validate", form).exit_code == 0
    fw.write_text(fw.read_text(encoding="utf-8").replace('version: "1"', 'version: "2"'), encoding="utf-8")
    run = cli("validate", form)
    assert run.exit_code == 1
    assert "this form was made for framework mini v1" in run.stdout and "the framework is now v2" in run.stdout


def test_workbooks_that_are_not_forms(cli, tmp_path):
    from openpyxl import Workbook

    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    assert "not a parcli form" in cli("validate", plain).stdout
    macro = tmp_path / "f.xlsm"
    macro.write_bytes(b"whatever")
    run = cli("validate", macro)
    assert run.exit_code == 1 and "save it as .xlsx" in run.stdout
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(form_of(cli, BAC_NINH, tmp_path / "ok.xlsx").read_bytes()[:3000])
    assert "a damaged zip" in cli("validate", damaged).stdout
    with_vba = tmp_path / "vba.xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/vbaProject.bin", b"\x00" * 10)
    with_vba.write_bytes(buf.getvalue())
    assert "holds macros" in cli("validate", with_vba).stdout


def test_decompression_bomb_is_refused_unread(cli, tmp_path, monkeypatch):
    import time

    bomb = tmp_path / "bomb.xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(form_of(cli, BAC_NINH, tmp_path / "ok.xlsx")) as src, \
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item))
        dst.writestr("xl/media/big.bin", b"\x00" * (64 << 20))  # 64 MB of zeros, about 64 KB packed
    bomb.write_bytes(buf.getvalue())
    assert bomb.stat().st_size < 1 << 20
    start = time.perf_counter()
    run = cli("validate", bomb)
    assert run.exit_code == 1 and "inflates to more than the size limit" in run.stdout
    assert time.perf_counter() - start < 10


def test_convert_never_replaces_a_filled_form(cli, tmp_path):
    form = form_of(cli, BAC_NINH, tmp_path / "f.xlsx")
    before = form.read_bytes()
    run = cli("convert", EXAMPLES / "bac-ninh-2020.yaml", "-o", form)
    assert run.exit_code == 1 and "--force" in run.all and form.read_bytes() == before
    assert cli("convert", EXAMPLES / "bac-ninh-2020.yaml", "-o", form, "--force").exit_code == 0


def test_a_form_names_its_framework_file_beside_it(cli, tmp_path, write):
    fw = write("frameworks/mini.yaml", MINI_FRAMEWORK)
    forms = tmp_path / "forms"
    forms.mkdir()
    form = forms / "f.xlsx"
    run = cli("template", fw, "-o", form)
    assert run.exit_code == 0
    assert "warning: the form names its framework 'mini.yaml': copy" in run.stderr and "beside the form" in run.stderr
    meta = {r[0]: r[1] for r in load_workbook(form)["parcli"].iter_rows(values_only=True)}
    assert meta["framework"] == "mini.yaml"  # never a path: the form reads a file beside it
    assert "not a parcli framework" not in cli("validate", form).all
    assert "no such file" in cli("validate", form).stdout
    shutil.copy(fw, forms / "mini.yaml")
    found = cli("validate", form).stdout  # the framework is found: only the blank form's placeholder name is left
    assert "f.xlsx: 1 problem(s)" in found and "the blank form's placeholder" in found, found
    beside = forms / "g.xlsx"
    run = cli("template", forms / "mini.yaml", "-o", beside)
    assert run.exit_code == 0 and "warning" not in run.stderr
