"""Headless LibreOffice for tests: re-save workbooks as a department's spreadsheet would, export PDFs.

Each call runs one ``soffice --headless --convert-to`` for all its files, with its own HOME
(a profile of its own), so tests can run beside each other and beside a desktop LibreOffice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing in CI: .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui to run this test")
    return found


def convert(files: list[Path], out: Path, to: str = "xlsx") -> dict[Path, Path]:
    """``files`` converted by LibreOffice into ``out`` (``to``: xlsx, pdf): each file → its converted file."""
    office = soffice()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="parcli-office-") as home:
        env = {**os.environ, "HOME": home}
        proc = subprocess.run([office, "--headless", "--norestore", "--convert-to", to, "--outdir", str(out),
                               *map(str, files)], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    done = {}
    for f in files:
        target = out / f"{f.stem}.{to}"
        assert target.exists(), f"{f.name} was not converted: {proc.stdout}{proc.stderr}"
        done[f] = target
    return done
