"""What the campaign tests share: parcli run as a person runs it (a process, its own "now"), forms and
appraisers' workbooks filled by openpyxl as a department's officer fills them, and saved again by headless
LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT
from tests.office import convert

EXAMPLES = ROOT / "examples" / "departments"


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str

    @property
    def all(self) -> str:
        return self.stdout + self.stderr


def parcli(*args, now: str | None = None, lang: str = "en", columns: int = 120) -> Ran:
    env = {**os.environ, "PARCLI_LANG": lang, "COLUMNS": str(columns)}
    if now is not None:
        env["PARCLI_NOW"] = now
    proc = subprocess.run([sys.executable, "-m", "parcli", *map(str, args)], capture_output=True, text=True, env=env,
                          timeout=600)
    ran = Ran(proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in ran.all, ran.all
    return ran


def headers(ws, row: int) -> dict[str, int]:
    return {ws.cell(row, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(row, c).value}


def fill_form(form: Path, example: Path, out: Path, change=None) -> Path:
    """The campaign's form of a unit filled with the evidence of ``example`` (a unit file), cell by cell as
    a person types it (the values of ``parcli convert``'s form copied into the campaign's form)."""
    from openpyxl import load_workbook

    work = out.parent / f".{out.stem}-convert"
    work.mkdir(exist_ok=True)
    converted = work / "converted.xlsx"
    if converted.exists():
        converted.unlink()
    ran = parcli("convert", example, "-o", converted)
    assert ran.code == 0, ran.all
    src = load_workbook(converted).worksheets[0]
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    for r in range(7, src.max_row + 1):
        for c in "EFGHIJKL":
            ws[f"{c}{r}"].value = src[f"{c}{r}"].value
    if change is not None:
        change(ws)
    wb.save(out)
    shutil.rmtree(work)
    return out


def resave(files: list[Path], outdir: Path) -> list[Path]:
    """The workbooks opened and saved again by headless LibreOffice (as an officer's Calc would)."""
    return convert(files, "xlsx", outdir)
