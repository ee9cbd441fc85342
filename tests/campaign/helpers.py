"""What the campaign tests share: parcli run as a person runs it (a process, its own "now"), forms and
appraisers' workbooks filled by openpyxl as a department's officer fills them, and saved again by headless
LibreOffice."""

from __future__ import annotations

import os
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
    """The campaign's form filled with an example unit's evidence, as the README's walk-through fills it."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import campaign_demo

    return campaign_demo.fill_form(form, example, out, change)


def resave(files: list[Path], outdir: Path) -> list[Path]:
    """The workbooks opened and saved again by headless LibreOffice (as an officer's Calc would)."""
    return convert(files, "xlsx", outdir)


YEAR_YAML = """schema: parcli/campaign/v1
id: so-nganh-2025
title: Chỉ số CCHC các sở 2025
year: 2025
groups:
  - id: so
    title: Sở, ban, ngành
    framework: department-example
    units:
      - {code: SYT, name: Sở Y tế}
      - {code: STC, name: Sở Tài chính}
      - {code: SNV, name: Sở Nội vụ}
      - {code: SXD, name: Sở Xây dựng}
appraisers:
  - {code: TGV1, name: Tổ giúp việc 1, covers: ["1", "2", "3", "4"]}
  - {code: TGV2, name: Tổ giúp việc 2, covers: ["5", "6", "7", "8"]}
deadlines:
  self_assessment: 2025-11-03T17:00
  appraisal_1: 2025-11-20T17:00
  explanation: 2025-11-27T17:00
  appraisal_2: 2025-12-05T17:00
extensions: {}
policy: {missing_documents: none}
"""
EXAMPLE_OF = {"SYT": "so-y-te", "STC": "so-tai-chinh", "SNV": "so-noi-vu", "SXD": "so-xay-dung"}


def new_campaign(folder: Path, text: str = YEAR_YAML):
    """A started campaign (the core's :func:`start`), its store open."""
    from datetime import datetime

    from parcli.campaign.clock import VIETNAM
    from parcli.campaign.cycle import start

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    return start(folder, datetime(2025, 10, 1, 8, 0, tzinfo=VIETNAM), "test")


def filled_form(op, code: str, example: str | None = None, lang: str = "vi") -> bytes:
    """The campaign's form of unit ``code`` written filled with an example unit's evidence (as a unit's officer
    would have typed it into the form parcli sent)."""
    from parcli.campaign.cycle import form_cells, framework_ref, identity_rows
    from parcli.report.form import write_form
    from parcli.store import Store

    unit, _fw = Store().unit(EXAMPLES / f"{example or EXAMPLE_OF[code]}.yaml")
    member = op.camp.units[code]
    fw = op.camp.group(member.group).fw
    unit.name, unit.code = member.name, member.code
    cells = form_cells(fw, member, op.camp.year, lang)
    return write_form(fw, framework_ref(fw), lang, unit, op.camp.year, recipient=(member.code, member.name),
                      identity=identity_rows(op, code, "self_assessment", cells))
