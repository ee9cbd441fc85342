"""The officer's side of the campaign walk-through in README.md: what people do between two parcli
commands (units fill their forms, appraisers their workbooks, the officer edits campaign.yaml).

scripts/update_readme.py runs the README's campaign blocks in one temporary folder, in order, and
calls :func:`step` where the README says ``<!-- campaign: STEP -->``. Every workbook is saved with
fixed zip times and a fixed store key, so that the walk-through prints the same every time (a real
campaign's key is random and secret).

    python scripts/campaign_demo.py   (nothing: it is called by update_readme.py)
"""

from __future__ import annotations

import io
import re
import sqlite3
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_KEY = "d" * 64  # the walk-through's key, never a real campaign's
EXAMPLE = {"SYT": "so-y-te", "STC": "so-tai-chinh", "SNV": "so-noi-vu", "SXD": "so-xay-dung"}


def _fixed(raw: bytes) -> bytes:
    """The workbook's zip written again with fixed times (openpyxl stamps every part with now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<", rb"<dcterms:\1\2>2025-10-01T00:00:00Z<",
                              data)
            dst.writestr(zipfile.ZipInfo(info.filename, (2025, 10, 1, 0, 0, 0)), data)
    return out.getvalue()


def _save(wb, path: Path) -> None:
    buf = io.BytesIO()
    wb.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed(buf.getvalue()))


ENGLISH = {"Unit code": "Mã đơn vị", "Leaf ID": "Mã tiêu chí", "Appraised points": "Điểm thẩm định",
           "Reason": "Lý do", "Explanation requested": "Yêu cầu giải trình", "Explanation": "Giải trình",
           "Added documents": "Tài liệu bổ sung"}


def _heads(ws, row: int = 5) -> dict:
    """The columns by their Vietnamese headers (a workbook in English is read the same)."""
    found = {ws.cell(row, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(row, c).value}
    return {**found, **{vi: found[en] for en, vi in ENGLISH.items() if en in found}}


def fill_form(form: Path, example: Path, out: Path, change=None) -> Path:
    """The campaign's form of a unit filled with the evidence of ``example`` (a unit file), cell by cell as a
    person types it (the values of the same unit's plain form copied into the campaign's form); ``change``
    (the sheet) for anything else typed."""
    from openpyxl import load_workbook

    from parcli.report.form import write_form
    from parcli.store import Store

    unit, fw = Store().unit(example)
    src = load_workbook(io.BytesIO(write_form(fw, fw.id, "vi", unit))).worksheets[0]
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    for r in range(7, src.max_row + 1):
        for c in "EFGHIJKL":
            ws[f"{c}{r}"].value = src[f"{c}{r}"].value
    if change is not None:
        change(ws)
    _save(wb, out)
    return out


def step(name: str, work: Path) -> None:
    """One thing people do between two commands of the walk-through, in ``work``."""
    from openpyxl import load_workbook

    camp = work / "cchc-2025"
    if name == "setup":
        (work / "units.csv").write_text("code,name\nSYT,Sở Y tế\nSTC,Sở Tài chính\nSNV,Sở Nội vụ\nSXD,Sở Xây dựng\n",
                                        encoding="utf-8")
    elif name == "demo-key":
        with sqlite3.connect(camp / "campaign.db") as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'key'", (DEMO_KEY,))
    elif name == "units-fill":
        text = (camp / "campaign.yaml").read_text(encoding="utf-8")
        (camp / "campaign.yaml").write_text(text.replace("missing_documents: explain", "missing_documents: none"),
                                            encoding="utf-8")
        for code, example in EXAMPLE.items():
            fill_form(camp / "out" / "forms" / f"{code}.xlsx", ROOT / "examples" / "departments" / f"{example}.yaml",
                       work / "mail" / f"{code}.xlsx")

        def tamper(ws):
            ws["C8"].value = 5

        fill_form(camp / "out" / "forms" / "SNV.xlsx", ROOT / "examples" / "departments" / "so-noi-vu.yaml",
                   work / "mail" / "SNV-sua.xlsx", tamper)
    elif name == "extend":
        text = (camp / "campaign.yaml").read_text(encoding="utf-8")
        text = re.sub(r"^extensions: \{\}.*$", "extensions: {SXD: {self_assessment: 2025-11-04T09:00}}", text,
                      flags=re.M)
        (camp / "campaign.yaml").write_text(text, encoding="utf-8")
    elif name == "round-1":
        wb = load_workbook(camp / "out" / "appraisal-1" / "TGV1.xlsx")
        ws = wb.worksheets[0]
        h = _heads(ws)
        for r in range(6, ws.max_row + 1):
            if ws.cell(r, h["Mã đơn vị"]).value == "SYT" and ws.cell(r, h["Mã tiêu chí"]).value == "1.1.1":
                ws.cell(r, h["Điểm thẩm định"]).value = 0.25
                ws.cell(r, h["Lý do"]).value = "Kế hoạch ban hành sau thời hạn"
                ws.cell(r, h["Yêu cầu giải trình"]).value = "Yes"
        _save(wb, work / "mail" / "TGV1-vong1.xlsx")
        _save(load_workbook(camp / "out" / "appraisal-1" / "TGV2.xlsx"), work / "mail" / "TGV2-vong1.xlsx")
    elif name == "explain":
        wb = load_workbook(camp / "out" / "explanation" / "SYT.xlsx")
        ws = wb.worksheets[0]
        h = _heads(ws)
        ws.cell(6, h["Giải trình"]).value = "Kế hoạch ban hành ngày 10/01, chậm do sắp xếp tổ chức"
        ws.cell(6, h["Tài liệu bổ sung"]).value = "QĐ 12/QĐ-SYT"
        _save(wb, work / "mail" / "SYT-giai-trinh.xlsx")
    elif name == "round-2":
        wb = load_workbook(camp / "out" / "appraisal-2" / "TGV1.xlsx")
        ws = wb.worksheets[0]
        h = _heads(ws)
        ws.cell(6, h["Điểm thẩm định"]).value = 0.75
        ws.cell(6, h["Lý do"]).value = "Đã giải trình, chấp nhận một phần"
        _save(wb, work / "mail" / "TGV1-vong2.xlsx")
    else:
        raise ValueError(f"no campaign step {name!r}")
