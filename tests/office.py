"""Headless LibreOffice for the tests of outputs: a CSV opened as a vi-VN spreadsheet opens it,
a workbook re-saved or printed to PDF (pages counted by poppler's pdfinfo)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.programs import external

VI_VN = 1066  # LibreOffice's language id of Vietnamese (Viet Nam)


def soffice() -> str:
    external("LibreOffice")
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


def poppler(tool: str) -> str:
    external(f"poppler's {tool}")
    found = shutil.which(tool)
    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing in CI: .ci/run installs poppler-utils")
        pytest.skip(f"{tool} is not installed: apt-get install poppler-utils to run this test")
    return found


def pdf_pages(pdf: Path) -> int:
    """The page count pdfinfo reads."""
    out = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60,
                         check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (xMin, yMin, xMax, yMax, text), as poppler's pdftotext reads them."""
    import html

    out = subprocess.run([poppler("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


def overlapping(words) -> list[tuple[str, str]]:
    """Pairs of words printed over each other: their boxes share more than half the height of the
    lower one (a font's box is taller than its line, so the lines of one cell touch a little)."""
    pairs = []
    ordered = sorted(words)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[0] >= a[2] - 0.5:
                break
            shared = min(a[3], b[3]) - max(a[1], b[1])
            if shared > 0.5 * min(a[3] - a[1], b[3] - b[1]) and min(a[2], b[2]) - max(a[0], b[0]) > 0.5:
                pairs.append((a[4], b[4]))
    return pairs
