"""Headless LibreOffice for the tests of outputs: a CSV opened as a vi-VN spreadsheet opens it,
a workbook re-saved or printed to PDF (pages counted by poppler's pdfinfo)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

VI_VN = 1066  # LibreOffice's language id of Vietnamese (Viet Nam)


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing in CI: .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui to run this test")
    return found


def convert(files: list[Path], to: str, outdir: Path, *, infilter: str | None = None) -> list[Path]:
    """``soffice --headless --convert-to TO`` in a HOME of its own; the files it wrote, in order."""
    office = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    home = outdir / ".home"
    cmd = [office, "--headless", "--norestore"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", to, "--outdir", str(outdir), *map(str, files)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "HOME": str(home)}, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = [outdir / (f.stem + "." + to.split(":")[0]) for f in files]
    for f in out:
        assert f.exists(), proc.stdout + proc.stderr
    return out


def open_csv_as_vi_vn(csv: Path, outdir: Path, separator: str = ";") -> Path:
    """The CSV as a vi-VN LibreOffice opens it (``separator`` between fields: ';' is the vi-VN list
    separator a double-click uses; UTF-8; vi-VN numbers, ',' decimals), saved as .xlsx."""
    return convert([csv], "xlsx", outdir, infilter=f"CSV:{ord(separator)},34,76,1,,{VI_VN}")[0]


def pdf_pages(pdf: Path) -> int:
    found = shutil.which("pdfinfo")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("pdfinfo is missing in CI: .ci/run installs poppler-utils")
        pytest.skip("pdfinfo is not installed: apt-get install poppler-utils to run this test")
    out = subprocess.run([found, str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
