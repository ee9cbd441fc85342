"""The self-assessment form (.xlsx): written, filled, read by every command, re-saved by LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLE_UNITS, EXAMPLES, MINI_FRAMEWORK, ROOT, with_its_framework
from tests.office import convert

EXAMPLE_FILES = EXAMPLE_UNITS

NOTES_SECRET = "hunter2-do-not-print"

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def form_of(cli, unit: Path, out: Path, *args) -> Path:
    run = cli("convert", unit, "-o", out, *args)
    assert run.exit_code == 0, run.all
    return out


def result_json(cli, path: Path) -> str:
    run = cli("score", path, "-f", "json")
    assert run.exit_code == 0, run.all
    return run.stdout


@pytest.mark.external
def test_libreoffice_resaved_forms_read_the_same(cli, tmp_path):
    """Every example as a form, re-saved by LibreOffice Calc (headless), gives the same result JSON."""
    forms = []
    for i, unit in enumerate(EXAMPLE_FILES):
        forms.append(form_of(cli, unit, with_its_framework(unit, tmp_path) / f"{i:02d}-{unit.stem}.xlsx"))
    resaved = dict(zip(forms, convert(forms, "xlsx", tmp_path / "resaved"), strict=True))
    for unit in EXAMPLE_FILES:  # a re-saved form reads the framework file it names beside it
        with_its_framework(unit, tmp_path / "resaved")
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
    assert "f.xlsx: 1 problem" in found and "the blank form's placeholder" in found, found
    beside = forms / "g.xlsx"
    run = cli("template", forms / "mini.yaml", "-o", beside)
    assert run.exit_code == 0 and "warning" not in run.stderr


def test_control_characters_in_a_form_are_refused_at_their_cell(cli, tmp_path):
    from openpyxl import load_workbook

    form = tmp_path / "f.xlsx"
    assert cli("convert", EXAMPLES / "bac-ninh-2021.yaml", "-o", form, "--lang", "en").exit_code == 0
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    ws["B2"] = "Tỉnh \u202e Bắc Ninh"  # XML allows it (a bidi override); parcli does not
    ws["K20"] = "note \x9b2J"  # a C1 control (CSI)
    wb.save(form)
    run = cli("validate", form)
    assert run.exit_code == 1
    assert "f.xlsx:Self-assessment!B2: a control character (U+202E)" in run.stdout
    assert "f.xlsx:Self-assessment!K20: a control character (U+009B)" in run.stdout


def test_the_hidden_sheets_values_are_errors_at_their_cells(cli):
    run = cli("validate", HOSTILE / "form-hidden-values.xlsx")
    assert run.exit_code == 1
    at = f"{HOSTILE / 'form-hidden-values.xlsx'}:parcli!"
    out = run.stdout
    for cell, what in (("C20", "the number nan"), ("C21", "the number inf"), ("C22", "the text 'BB'"),
                       ("C23", "the number 0"), ("C24", "the boolean true"), ("C25", "the number 7.5")):
        assert re.search(rf"{re.escape(at)}{cell}: the hidden sheet's row of [0-9.]+ is {re.escape(what)}, not a "
                         "whole number from 1 to 1,048,576", out), (cell, out)
    assert f"{at}B26: the hidden sheet holds the text '2.1.1\\u200b' where an id belongs" in out
    assert f"{at}B9: the hidden sheet's unit is the text 'A-2', not a cell reference such as B2" in out
    assert f"{at}B13: the hidden sheet's column_done is the text 'E-1', not a column letter such as E" in out
    assert "Traceback" not in run.all


def test_the_hidden_sheets_id_row_lines_are_errors_at_their_cell(cli):
    """The same damage in the "id row" lines parcli writes now: each line said at its cell."""
    run = cli("validate", HOSTILE / "form-hidden-rows.xlsx")
    assert run.exit_code == 1
    at = f"{HOSTILE / 'form-hidden-rows.xlsx'}:parcli!B20: "
    out = run.stdout
    for ident, what in (("1.1", "'nan'"), ("1.1.1", "'inf'"), ("1.1.2", "'BB'"), ("1.1.3", "'0'"), ("1.2", "'TRUE'"),
                        ("1.2.1", "'7.5'"), ("2", "'1048577'")):
        assert f"{at}the hidden sheet's row of {ident} is the text {what}, not a whole number" in out, ident
    assert f"{at}the hidden sheet holds the text '2.1.1\\u200b' where an id belongs" in out
    assert f"{at}the hidden sheet holds the text '-2' where an id belongs" in out


@pytest.mark.parametrize("name, ref", [("form-framework-absolute.xlsx", "/etc/passwd"),
                                       ("form-framework-escape.xlsx", "../hostile/form-mini.yaml"),
                                       ("form-framework-windows.xlsx", "C:\\\\Users\\\\Public\\\\form-mini.yaml")])
def test_a_form_names_its_framework_by_a_shipped_id_or_a_file_beside_it(cli, name, ref):
    run = cli("validate", HOSTILE / name)
    assert run.exit_code == 1
    assert (f"{HOSTILE / name}:parcli!B2: the form names its framework '{ref}'; a form names a shipped framework "
            "(parcli frameworks) or a framework file beside the form, by its name alone") in run.stdout
    assert "root:" not in run.all


def test_a_file_beside_the_form_that_is_not_a_framework_is_never_quoted(cli):
    run = cli("validate", HOSTILE / "form-framework-not-parcli.xlsx")
    assert run.exit_code == 1
    assert "'notes.yaml' is not a parcli framework file; put the form's framework beside it" in run.stdout
    assert NOTES_SECRET not in run.all and "database_password" not in run.all


def test_a_link_beside_the_form_to_a_file_elsewhere_is_refused(cli, tmp_path):
    if sys.platform == "win32":
        pytest.skip("symbolic links need privileges on Windows")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(HOSTILE / "form-mini.yaml", elsewhere / "form-mini.yaml")
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(HOSTILE / "form-libreoffice.xlsx", folder / "f.xlsx")
    (folder / "form-mini.yaml").symlink_to(elsewhere / "form-mini.yaml")
    run = cli("validate", folder / "f.xlsx")
    assert run.exit_code == 1 and "parcli!B2: the form names its framework 'form-mini.yaml'" in run.stdout
    (folder / "form-mini.yaml").unlink()
    shutil.copy(elsewhere / "form-mini.yaml", folder / "form-mini.yaml")  # the file itself beside it: read
    assert cli("validate", folder / "f.xlsx").exit_code == 0


def test_a_form_with_the_hidden_rows_of_parcli_0_1_still_reads(cli):
    """Forms made before the "id row" lines: one hidden row per id, read and checked the same."""
    run = cli("score", HOSTILE / "form-legacy-rows.xlsx", "-f", "json")
    assert run.exit_code == 0, run.all
    assert '"unit": "Đơn vị A"' in run.stdout


def test_a_hidden_sheet_without_its_framework_is_said_so(cli, tmp_path):
    wb = load_workbook(HOSTILE / "form-libreoffice.xlsx")
    meta = wb["parcli"]
    for r in range(1, meta.max_row + 1):
        if meta.cell(row=r, column=1).value in ("framework", "sheet"):
            meta.cell(row=r, column=1).value = None
    wb.save(tmp_path / "f.xlsx")
    run = cli("validate", tmp_path / "f.xlsx")
    assert run.exit_code == 1
    for key in ("framework", "sheet"):
        assert f"f.xlsx:parcli: the hidden sheet's {key} is an empty cell, not text" in run.stdout
