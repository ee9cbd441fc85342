"""A year of a campaign whose framework has bonus and penalty points, from the command line as an officer runs
it (issue 23 item 3): the units' forms come back with a claimed bonus, round 1 appraises it to another value
with a reason and asks for an explanation, the unit explains, round 2 decides; status, results, the minutes,
the council's report and check show it, every number equal to ``parcli score`` of the final unit. The forms
and workbooks are filled by openpyxl as people type them; one test prints the minutes through LibreOffice."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from parcli.campaign.clock import VIETNAM
from tests.campaign.helpers import parcli
from tests.campaign.test_adjust import CAMPAIGN, FRAMEWORK

CLAIM_NOTE = "Sáng kiến một cửa số cấp sở"
ROUND_1_REASON = "Sáng kiến mới triển khai tại một phòng"
EXPLANATION = "Đã triển khai ở ba phòng từ tháng 9, có quyết định công nhận"
ROUND_2_REASON = "Đã giải trình, chấp nhận một phần"
UNITS = {  # what each unit types into its form: the leaves' evidence, its own bonus and penalty
    "A01": ('"1.1": true\n  "1.2": {points: 1.5}\n  "2.1": {percent: 50}',  # leaves 7.5
            f'adjustments:\n  bonus: {{claimed: 1, note: "{CLAIM_NOTE}", documents: ["Quyết định 12/QĐ-SA"]}}\n'),
    "B02": ('"1.1": true\n  "1.2": {points: 2}\n  "2.1": {percent: 75}',  # leaves 9
            'adjustments:\n  penalty: {points: 0.5, note: "Chậm báo cáo quý III"}\n'),
}


def typed_form(form: Path, code: str, work: Path) -> Path:
    """The campaign's form of ``code`` with what the unit types (the cells of the same unit's plain form)."""
    from parcli.report.form import write_form
    from parcli.store import Store

    evidence, adjustments = UNITS[code]
    own = work / f"{code}.yaml"
    own.write_text(f"schema: parcli/unit/v1\nunit: x\nyear: 2025\nframework: {json.dumps(str(FRAMEWORK))}\n"
                   f"evidence:\n  {evidence}\n{adjustments}", encoding="utf-8")
    unit, fw = Store().unit(own)
    src = load_workbook(io.BytesIO(write_form(fw, "framework.yaml", "vi", unit))).worksheets[0]
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    assert [ws.cell(r, 1).value for r in range(7, ws.max_row + 1)] == ["1", "1.1", "1.2", "2", "2.1", "bonus",
                                                                       "penalty"]
    for r in range(7, src.max_row + 1):
        for c in range(5, 13):
            ws.cell(r, c).value = src.cell(r, c).value
    out = work / "mail" / f"{code}.xlsx"
    out.parent.mkdir(exist_ok=True)
    wb.save(out)
    return out


def typed(book: Path, out: Path, values: dict[tuple[str, str], dict[str, object]], unit: str | None = None) -> Path:
    wb = load_workbook(book)
    ws = wb.worksheets[0]
    heads = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
    done = set()
    for r in range(6, ws.max_row + 1):
        key = (unit or ws.cell(r, heads["Mã đơn vị"]).value, ws.cell(r, heads["Mã tiêu chí"]).value)
        for head, value in values.get(key, {}).items():
            ws.cell(r, heads[head]).value = value
            done.add(key)
    assert done == set(values), (done, values)
    wb.save(out)
    return out


def run(*args, now: str) -> str:
    ran = parcli("campaign", *args, now=now, lang="vi")
    assert ran.code == 0, ran.all
    return ran.stdout


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    from parcli.campaign.cycle import start

    work = tmp_path_factory.mktemp("adjusted-year")
    camp = work / "c"
    camp.mkdir()
    shutil.copy(FRAMEWORK, camp / "fw.yaml")
    (camp / "campaign.yaml").write_text(CAMPAIGN, encoding="utf-8")
    start(camp, datetime(2025, 10, 1, 8, 0, tzinfo=VIETNAM), "test").close()
    run("forms", camp, now="2025-10-01T08:05")
    mail = [typed_form(camp / "out" / "forms" / f"{code}.xlsx", code, work) for code in UNITS]
    said = run("receive", camp, *mail, now="2025-10-20T09:00")
    assert said.count(": đã nhận từ ") == 2 and "A01 (tự đánh giá), 4 dòng" in said  # 3 leaves, the bonus, said
    stages = {"received": json.loads(parcli("campaign", "status", camp, "--format", "json",
                                            now="2025-11-05T08:00").stdout)}
    run("appraise", camp, "--round", "1", now="2025-11-05T08:00")
    tgv1 = typed(camp / "out" / "appraisal-1" / "TGV1.xlsx", work / "mail" / "TGV1-vong1.xlsx",
                 {("A01", "Điểm thưởng"): {"Điểm thẩm định": 0.5, "Lý do": ROUND_1_REASON,
                                            "Yêu cầu giải trình": "Có"}})
    shutil.copy(camp / "out" / "appraisal-1" / "TGV2.xlsx", work / "mail" / "TGV2-vong1.xlsx")  # kept as sent
    run("receive", camp, tgv1, work / "mail" / "TGV2-vong1.xlsx", now="2025-11-10T09:00")
    stages["round 1"] = json.loads(parcli("campaign", "status", camp, "--format", "json",
                                          now="2025-11-21T08:00").stdout)
    run("explain", camp, now="2025-11-21T08:00")
    answer = typed(camp / "out" / "explanation" / "A01.xlsx", work / "mail" / "A01-giai-trinh.xlsx",
                   {("A01", "Điểm thưởng"): {"Giải trình": EXPLANATION, "Tài liệu bổ sung": "Quyết định 30/QĐ-SA"}},
                   unit="A01")
    run("receive", camp, answer, now="2025-11-22T09:00")
    run("appraise", camp, "--round", "2", now="2025-11-28T08:00")
    decided = typed(camp / "out" / "appraisal-2" / "TGV1.xlsx", work / "mail" / "TGV1-vong2.xlsx",
                    {("A01", "Điểm thưởng"): {"Điểm thẩm định": 0.75, "Lý do": ROUND_2_REASON}})
    run("receive", camp, decided, now="2025-12-01T09:00")
    stages["round 2"] = json.loads(parcli("campaign", "status", camp, "--format", "json",
                                          now="2025-12-06T08:00").stdout)
    return camp, work, stages


def results(camp: Path, out: Path) -> dict[str, dict[str, str]]:
    ran = parcli("campaign", "results", camp, "-o", out, now="2025-12-06T08:00")
    assert ran.code == 0, ran.all
    with open(out, encoding="utf-8-sig", newline="") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def test_the_claims_are_stored_and_appraised_like_leaves(year):
    camp, _work, stages = year
    from parcli.campaign.cycle import open_campaign, unit_state

    op = open_campaign(camp)
    try:
        a01, b02 = unit_state(op, "A01"), unit_state(op, "B02")
        bonus = a01.adjustments["bonus"]
        assert bonus.claimed == 1 and bonus.computed is None and bonus.evidence.note == CLAIM_NOTE
        assert bonus.evidence.documents == ("Quyết định 12/QĐ-SA",)
        assert bonus.r1 == (Decimal("0.5"), ROUND_1_REASON, True)
        assert bonus.explanation == (EXPLANATION, "Quyết định 30/QĐ-SA")
        assert bonus.r2 == (Decimal("0.75"), ROUND_2_REASON)
        assert b02.adjustments["penalty"].computed == Decimal("0.5") and b02.adjustments["penalty"].claimed is None
        stored = op.conn.execute("SELECT v.unit, v.leaf, v.stage, v.claimed, v.computed, v.appraised FROM vals v "
                                 "WHERE v.leaf IN ('bonus', 'penalty') ORDER BY v.file, v.unit, v.leaf").fetchall()
    finally:
        op.close()
    assert stored == [("A01", "bonus", "self_assessment", "1", None, None),  # a claim alone: no points, as in score
                      ("B02", "penalty", "self_assessment", None, "0.5", None),
                      ("A01", "bonus", "appraisal_1", None, None, "0.5"),
                      ("B02", "bonus", "appraisal_1", None, None, None),
                      ("A01", "penalty", "appraisal_1", None, None, None),
                      ("B02", "penalty", "appraisal_1", None, None, None),
                      ("A01", "bonus", "explanation", None, None, None),
                      ("A01", "bonus", "appraisal_2", None, None, "0.75")]
    # status: each unit's 3 leaves + bonus + penalty to appraise, then none; the explanation asked, answered
    assert [u["to_appraise"] for u in stages["received"]["units"]] == [5, 5]
    assert [(u["to_appraise"], u["requested"], u["answered"]) for u in stages["round 1"]["units"]] == [
        (0, 1, 0), (0, 0, 0)]
    assert [(u["requested"], u["answered"]) for u in stages["round 2"]["units"]] == [(1, 1), (0, 0)]
    assert [(a["code"], a["to_appraise"]) for a in stages["round 2"]["appraisers"]] == [("TGV1", 0), ("TGV2", 0)]


def test_results_equal_score_of_the_final_units(year, tmp_path):
    camp, _work, _stages = year
    rows = results(camp, tmp_path / "results.csv")
    # A01: (7.5 + 0.75) / 10 × 100; its own claim 1 gives the self-assessed index (7.5 + 1) / 10 × 100
    # B02: (9 − 0.5) / 10 × 100, the penalty it declared itself kept (the appraisers left it blank)
    assert {c: (r["points"], r["bonus"], r["penalty"], r["index"], r["self_points"], r["self_index"], r["rank"])
            for c, r in rows.items()} == {"A01": ("7.5", "0.75", "0", "82.50", "7.5", "85.00", "2"),
                                          "B02": ("9", "0", "0.5", "85.00", "9", "85.00", "1")}
    from parcli.campaign.cycle import final_unit, open_campaign, unit_state
    from parcli.report.unitfile import unit_yaml

    op = open_campaign(camp)
    try:
        for code in rows:
            state = unit_state(op, code)
            (tmp_path / f"{code}.yaml").write_text(unit_yaml(final_unit(op, state), state.fw, str(camp / "fw.yaml")),
                                                   encoding="utf-8")
    finally:
        op.close()
    for code, row in rows.items():
        scored = json.loads(parcli("score", tmp_path / f"{code}.yaml", "--format", "json").stdout)
        assert [Decimal(str(scored[k])) for k in ("points", "bonus", "penalty", "index")] == [
            Decimal(row[k]) for k in ("points", "bonus", "penalty", "index")], scored
    # the form as the unit sent it scores its own points: a claim alone is not points to `score`
    shutil.copy(FRAMEWORK, _work / "mail" / "fw.yaml")  # the form names the campaign's framework file: fw.yaml
    sent = json.loads(parcli("score", _work / "mail" / "A01.xlsx", "--format", "json").stdout)
    bonus = next(a for a in sent["adjustments"] if a["kind"] == "bonus")
    assert bonus["claimed"] == 1 and bonus["status"] == "missing" and sent["index"] == 75
    table = parcli("campaign", "results", camp, columns=100, now="2025-12-06T08:00")
    assert table.code == 0 and "82.50" in table.stdout and "0.75" in table.stdout, table.stdout
    narrow = parcli("campaign", "results", camp, columns=80, now="2025-12-06T08:00", lang="vi").stdout.splitlines()
    assert all(len(line) <= 80 for line in narrow[:-1]), "\n".join(narrow)  # the provenance line wraps
    assert "Thưởng: điểm thưởng; Trừ: điểm trừ" in " ".join(narrow)  # the short headers' long words
    assert any(line.startswith("│    2 │ Sở A   │ 7.50 │  10 │   0.75 │") for line in narrow), narrow
    ran = parcli("campaign", "check", camp)
    assert ran.code == 0 and "rebuilds exactly the stored state" in ran.stdout, ran.all
    log = parcli("campaign", "log", camp, "--unit", "A01", columns=160)
    assert "round 1 by TGV1; bonus 0.5" in log.stdout and "round 2 by TGV1; bonus 0.75" in log.stdout, \
        log.stdout


def test_the_minutes_and_the_report_show_the_bonus(year, tmp_path):
    camp, _work, _stages = year
    run("minutes", camp, "--force", now="2025-12-06T08:00")
    doc = Document(str(camp / "out" / "minutes" / "A01.docx"))
    totals = {r.cells[0].text: r.cells[1].text for r in doc.tables[1].rows[1:]}
    assert {k: totals[k] for k in ("Điểm tự đánh giá", "Điểm thẩm định cuối cùng", "Điểm thưởng tự đánh giá",
                                   "Điểm thưởng thẩm định", "Điểm trừ tự đánh giá", "Điểm trừ thẩm định",
                                   "Chỉ số (%)")} == {
        "Điểm tự đánh giá": "7,5", "Điểm thẩm định cuối cùng": "7,5", "Điểm thưởng tự đánh giá": "1",
        "Điểm thưởng thẩm định": "0,75", "Điểm trừ tự đánh giá": "0", "Điểm trừ thẩm định": "0",
        "Chỉ số (%)": "82,50"}, totals
    changed = [[c.text for c in r.cells] for r in doc.tables[2].rows[2:]]
    assert changed == [["Điểm thưởng", "Điểm thưởng sáng kiến", "1", "1", "0,5", "0,75",
                        f"Vòng 1: {ROUND_1_REASON}\nVòng 2: {ROUND_2_REASON}", EXPLANATION]], changed
    b02 = Document(str(camp / "out" / "minutes" / "B02.docx"))
    totals = {r.cells[0].text: r.cells[1].text for r in b02.tables[1].rows[1:]}
    assert totals["Điểm trừ tự đánh giá"] == "0,5" and totals["Điểm trừ thẩm định"] == "0,5", totals
    assert "Không có tiêu chí nào được điều chỉnh" in "\n".join(p.text for p in b02.paragraphs)  # its own penalty
    assert len(b02.tables) == 3  # heading, totals, signatures: no table of changed leaves
    run("report", camp, "--force", now="2025-12-06T08:00")
    report = Document(str(camp / "out" / "report.docx"))
    table = [[c.text for c in r.cells] for r in report.tables[1].rows]
    assert [row[:8] for row in table[1:]] == [["1", "Sở B (B02)", "9", "9", "0", "0,5", "10", "85,00"],
                                              ["2", "Sở A (A01)", "7,5", "7,5", "0,75", "0", "10", "82,50"]], table
    # adjusted leaves: A01's bonus, appraised from 1 to 0.75, counts; B02's penalty, kept, does not
    assert [row[-1] for row in table[1:]] == ["0", "1"], table


@pytest.mark.external
def test_libreoffice_prints_the_minutes_with_the_bonus_and_reads_resaved_forms(year, tmp_path):
    from tests.office import convert
    from tests.report.test_docx import pdf_text

    camp, work, _stages = year
    run("minutes", camp, "A01", "--force", now="2025-12-06T08:00")
    pdf = convert([camp / "out" / "minutes" / "A01.docx"], "pdf", tmp_path / "pdf")[0]
    text = pdf_text(pdf)
    for words in ("Điểm thưởng thẩm định", "0,75", "82,50", ROUND_1_REASON, ROUND_2_REASON, "Điểm thưởng sáng kiến"):
        assert words in text, words
    # the forms opened and saved again by LibreOffice Calc read the same: the claim, its note and documents
    resaved = convert([work / "mail" / "A01.xlsx"], "xlsx", tmp_path / "resaved")[0]
    shutil.copy(FRAMEWORK, resaved.parent / "fw.yaml")  # the form names the campaign's framework file
    scored = json.loads(parcli("score", resaved, "--format", "json").stdout)
    bonus = next(a for a in scored["adjustments"] if a["kind"] == "bonus")
    assert (bonus["claimed"], bonus["note"], bonus["documents"]) == (1, CLAIM_NOTE, ["Quyết định 12/QĐ-SA"])
    copy = tmp_path / "c"
    shutil.copytree(camp, copy)
    ran = parcli("campaign", "receive", copy, resaved, now="2025-10-20T10:00", lang="vi")
    assert ran.code == 0 and "đã nhận từ A01" in ran.stdout and "thay cho tệp đã nhận trước" in ran.stdout, ran.all
    # the round-2 workbook with the bonus row, saved again by Calc: the same workbook, the same decision
    book = convert([work / "mail" / "TGV1-vong2.xlsx"], "xlsx", tmp_path / "resaved-2")[0]
    ran = parcli("campaign", "receive", copy, book, now="2025-12-01T10:00", lang="vi")
    assert ran.code == 0 and "đã nhận từ TGV1 (thẩm định vòng 2)" in ran.stdout, ran.all
    before = results(camp, tmp_path / "before.csv")["A01"]
    after = results(copy, tmp_path / "after.csv")["A01"]
    assert after == before and after["bonus"] == "0.75", (before, after)
