"""Headless Chromium (Debian's chromium-headless-shell) for the report's tests and the README picture."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.programs import external

NAMES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")


def chromium() -> str | None:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    external("Chromium")
    found = chromium()
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("headless Chromium is missing in CI: .ci/run installs chromium-headless-shell")
    pytest.skip("headless Chromium is not installed: apt-get install chromium-headless-shell to run this test")


def _run(browser: str, args: list[str], page: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home)}
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
           "--disable-background-networking", *args, page.resolve().as_uri()]
    return subprocess.run(cmd, capture_output=True, env=env, timeout=120)


def screenshot(browser: str, page: Path, png: Path, width: int = 1100, height: int = 1500) -> Path:
    """The first screen of ``page`` as a PNG, as a leader's browser draws it."""
    proc = _run(browser, [f"--screenshot={png}", f"--window-size={width},{height}"], page, png.parent)
    assert proc.returncode == 0 and png.exists(), proc.stderr.decode(errors="replace")[-2000:]
    return png


def dom(browser: str, page: Path, home: Path) -> str:
    """The page's DOM after Chromium parsed and laid it out."""
    proc = _run(browser, ["--dump-dom"], page, home)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return proc.stdout.decode("utf-8")


def print_pdf(browser: str, page: Path, pdf: Path) -> Path:
    """``page`` printed to PDF by Chromium (A4 from the page's @page rule), without the browser's
    own date and address lines, so that each page's last line is the page's."""
    proc = _run(browser, [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"], page, pdf.parent)
    assert proc.returncode == 0 and pdf.exists(), proc.stderr.decode(errors="replace")[-2000:]
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf`` (poppler's pdftotext), or a skip when poppler is missing."""
    external("poppler's pdftotext")
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("poppler-utils is missing in CI: .ci/run installs it")
        pytest.skip("poppler-utils is not installed: apt-get install poppler-utils to run this test")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, count + 1)]
