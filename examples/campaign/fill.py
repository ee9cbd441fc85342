"""What the people of the README's campaign walk-through type between two parcli commands: the units fill the
forms parcli sent, the appraisers their workbooks, a unit its explanation. Each step reads the workbooks parcli
wrote into cchc-2025/out/ and saves the filled ones into mail/, as they would come back by e-mail:

    python examples/campaign/fill.py forms         # the four units' forms, from examples/departments/*.yaml
                                                   # (and mail/SNV-sua.xlsx, whose max of 1.1 was changed)
    python examples/campaign/fill.py round-1       # TGV1 lowers SYT's 1.1.1 and asks SYT to explain; TGV2 accepts
    python examples/campaign/fill.py explanation   # SYT explains 1.1.1 and adds a document
    python examples/campaign/fill.py round-2       # TGV1 decides 1.1.1 again

Run from the folder that holds cchc-2025/ (or give it: ``fill.py STEP FOLDER``). The workbooks are saved with
fixed zip times, so that the walk-through's files and their sha256 are the same every time it is run.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEPARTMENTS = HERE.parent / "departments"
EXAMPLE = {"SYT": "so-y-te", "STC": "so-tai-chinh", "SNV": "so-noi-vu", "SXD": "so-xay-dung"}
STEPS = ("forms", "round-1", "explanation", "round-2")


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


def fill(step: str, work: Path) -> None:
    """One step of :data:`STEPS` in ``work``, the folder that holds cchc-2025/ and mail/."""
    from openpyxl import load_workbook

    out, mail = work / "cchc-2025" / "out", work / "mail"
    if step == "forms":
        for code, example in EXAMPLE.items():
            fill_form(out / "forms" / f"{code}.xlsx", DEPARTMENTS / f"{example}.yaml", mail / f"{code}.xlsx")

        def tamper(ws):
            ws["C8"].value = 5  # the max of criterion 1.1, a read-only cell

        fill_form(out / "forms" / "SNV.xlsx", DEPARTMENTS / "so-noi-vu.yaml", mail / "SNV-sua.xlsx", tamper)
    elif step == "round-1":
        wb = load_workbook(out / "appraisal-1" / "TGV1.xlsx")
        ws = wb.worksheets[0]
        h = _heads(ws)
        for r in range(6, ws.max_row + 1):
            if ws.cell(r, h["Mã đơn vị"]).value == "SYT" and ws.cell(r, h["Mã tiêu chí"]).value == "1.1.1":
                ws.cell(r, h["Điểm thẩm định"]).value = 0.25
                ws.cell(r, h["Lý do"]).value = "Kế hoạch ban hành sau thời hạn"
                ws.cell(r, h["Yêu cầu giải trình"]).value = "Yes"
        _save(wb, mail / "TGV1-vong1.xlsx")
        _save(load_workbook(out / "appraisal-1" / "TGV2.xlsx"), mail / "TGV2-vong1.xlsx")
    elif step == "explanation":
        wb = load_workbook(out / "explanation" / "SYT.xlsx")
        ws = wb.worksheets[0]
        h = _heads(ws)
        ws.cell(6, h["Giải trình"]).value = "Kế hoạch ban hành ngày 10/01, chậm do sắp xếp tổ chức"
        ws.cell(6, h["Tài liệu bổ sung"]).value = "QĐ 12/QĐ-SYT"
        _save(wb, mail / "SYT-giai-trinh.xlsx")
    elif step == "round-2":
        wb = load_workbook(out / "appraisal-2" / "TGV1.xlsx")
        ws = wb.worksheets[0]
        h = _heads(ws)
        ws.cell(6, h["Điểm thẩm định"]).value = 0.75
        ws.cell(6, h["Lý do"]).value = "Đã giải trình, chấp nhận một phần"
        _save(wb, mail / "TGV1-vong2.xlsx")
    else:
        raise ValueError(f"no step {step!r}: one of {', '.join(STEPS)}")


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2) or argv[0] not in STEPS:
        print(__doc__, file=sys.stderr)
        return 2
    work = Path(argv[1]) if len(argv) == 2 else Path(".")
    fill(argv[0], work)
    print(f"filled: {', '.join(sorted(p.name for p in (work / 'mail').glob('*.xlsx')))} in {work / 'mail'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
