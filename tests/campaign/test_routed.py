"""The hostile round's findings routed to the campaign's and the survey's readers (issue routed): a received
workbook that repeats a row, carries a control character, a number beyond the framework's places or a formula
without a saved value is refused at its cell; a damaged store's totals and a store of another campaign are said
in parcli's words; a units file's damaged CSV is said where it is; a form's problems are capped per file; a
survey definition's targets are all said in one run."""

from __future__ import annotations

import io
import re
from datetime import datetime

from openpyxl import load_workbook

from parcli.campaign.clock import VIETNAM
from parcli.campaign.cycle import appraisal_book, appraisal_items, receive
from tests.campaign.helpers import filled_form, new_campaign, parcli

AT = datetime(2025, 10, 2, 9, 0, tzinfo=VIETNAM)
ROUND1_AT = datetime(2025, 11, 10, 9, 0, tzinfo=VIETNAM)
EXPLAIN_AT = datetime(2025, 11, 22, 9, 0, tzinfo=VIETNAM)


def edited(raw: bytes, change) -> bytes:
    wb = load_workbook(io.BytesIO(raw))
    change(wb.worksheets[0])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def heads(ws, row: int = 5) -> dict[str, int]:
    return {ws.cell(row, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(row, c).value}


def appraised(tmp_path, lang: str = "vi"):
    """A campaign whose SYT sent its form, and TGV1's round-1 workbook."""
    op = new_campaign(tmp_path / "c")
    assert receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT).status == "accepted"
    return op, appraisal_book(op, "TGV1", 1, lang, appraisal_items(op, "TGV1", 1))


def said(outcome) -> list[str]:
    return [str(p) for p in outcome.problems]


def test_a_row_given_twice_in_an_appraisers_workbook_is_refused_naming_both_rows(tmp_path):
    op, book = appraised(tmp_path)

    def twice(ws):
        last = ws.max_row + 1
        for c in range(1, ws.max_column + 1):
            ws.cell(last, c).value = ws.cell(7, c).value

    found = receive(op, edited(book, twice), "TGV1.xlsx", ROUND1_AT)
    assert found.status == "refused", found
    (problem,) = found.problems
    second = re.search(r"!C7 and .*!C(\d+);", problem.message)
    assert second and int(second.group(1)) > 7, problem.message
    assert problem.file.startswith("TGV1.xlsx:") and problem.file.endswith(f"!C{second.group(1)}")
    assert "internal error" not in str(problem) and "UNIQUE" not in str(problem)
    vi = parcli("campaign", "receive", tmp_path / "c", _saved(tmp_path, edited(book, twice)), lang="vi",
                now="2025-11-10T09:00")
    assert "có hai dòng" in vi.all and "internal error" not in vi.all, vi.all
    op.close()


def _saved(tmp_path, raw: bytes, name: str = "TGV1.xlsx"):
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    return path
