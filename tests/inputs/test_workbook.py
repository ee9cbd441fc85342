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

from tests.conftest import ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


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


def test_every_hostile_form_fixture_is_covered():
    """Every hostile form is read by a test of the workbook's checks or of the form's reader."""
    tested = "".join((Path(__file__).parent / name).read_text(encoding="utf-8")
                     for name in ("test_workbook.py", "test_form.py"))
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
