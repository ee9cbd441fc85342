"""The whole year of a campaign in one test, from the command line: init, forms, four units, two
appraisers, a tampered file, a late file and an extension, round 1, an explanation, round 2, status,
results, log, check. Every workbook is filled by openpyxl and saved again by headless LibreOffice."""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.campaign.helpers import EXAMPLES, fill_form, headers, parcli, resave

UNITS = {"SYT": ("Sở Y tế", "so-y-te"), "STC": ("Sở Tài chính", "so-tai-chinh"),
         "SNV": ("Sở Nội vụ", "so-noi-vu"), "SXD": ("Sở Xây dựng", "so-xay-dung")}
BEFORE = "2025-10-20T09:00"  # before the self-assessment's deadline (2025-11-03T17:00)


@pytest.mark.external  # headless LibreOffice re-saves every workbook
@pytest.mark.slow
def test_a_whole_year(tmp_path):
    units = tmp_path / "units.csv"
    units.write_text("code,name\n" + "".join(f"{c},{n}\n" for c, (n, _f) in UNITS.items()), encoding="utf-8-sig")
    camp = tmp_path / "cchc-2025"

    # init: a commented campaign.yaml that validates as it is, and the empty store; never over a campaign
    ran = parcli("campaign", "init", camp, "--framework", "department-example", "--year", "2025", "--units", units,
                 now="2025-10-01T08:00")
    assert ran.code == 0, ran.all
    text = (camp / "campaign.yaml").read_text(encoding="utf-8")
    assert "# " in text and "schema: parcli/campaign/v1" in text
    again = parcli("campaign", "init", camp, "--framework", "department-example", "--year", "2025")
    assert again.code == 1 and "never starts a campaign over another" in again.stderr
    (camp / "campaign.yaml").write_text(text.replace("policy: {missing_documents: explain}",
                                                     "policy: {missing_documents: none}"), encoding="utf-8")

    # forms: one per unit, its name and code filled
    ran = parcli("campaign", "forms", camp, "--lang", "vi", now="2025-10-01T08:05")
    assert ran.code == 0, ran.all
    forms = {code: camp / "out" / "forms" / f"{code}.xlsx" for code in UNITS}
    assert all(f.is_file() for f in forms.values())
    assert load_workbook(forms["SYT"]).worksheets[0]["B2"].value == "Sở Y tế"

    # the units fill their forms; SNV's first file changes a read-only cell (a max); every file re-saved by LibreOffice
    filled = tmp_path / "filled"
    filled.mkdir()
    for code, (_name, example) in UNITS.items():
        fill_form(forms[code], EXAMPLES / f"{example}.yaml", filled / f"{code}.xlsx")

    def tamper(ws):
        ws["C8"].value = 5  # the max of criterion 1.1 (4)

    fill_form(forms["SNV"], EXAMPLES / "so-noi-vu.yaml", filled / "SNV-tampered.xlsx", tamper)
    sent = {p.stem: p for p in resave(sorted(filled.glob("*.xlsx")), tmp_path / "resaved")}

    ran = parcli("campaign", "receive", camp, sent["SYT"], sent["STC"], sent["SNV-tampered"], now=BEFORE)
    assert ran.code == 1
    assert "SYT.xlsx: received from SYT (self-assessment)" in ran.stdout
    assert "STC.xlsx: received from STC" in ran.stdout
    assert re.search(r"SNV-tampered\.xlsx:Tự đánh giá!C8: 1\.1 \(Điểm tối đa\) is a read-only cell: it was '4' and "
                     r"is '5'", ran.stderr), ran.stderr
    # the same file twice: a no-op, said so
    ran = parcli("campaign", "receive", camp, sent["SYT"], now="2025-10-21T09:00")
    assert ran.code == 0 and "the same file was received on 2025-10-20 09:00" in ran.stdout
    # a plain form (parcli template) is refused with what to do
    plain = tmp_path / "plain.xlsx"
    assert parcli("template", "department-example", "-o", plain).code == 0
    ran = parcli("campaign", "receive", camp, plain, now=BEFORE)
    assert ran.code == 1 and "no campaign's identity" in ran.stderr and "out/forms/" in ran.stderr
    ran = parcli("campaign", "receive", camp, sent["SNV"], now="2025-10-22T10:00")
    assert ran.code == 0, ran.all

    # SXD is late: refused, naming the deadline and the extension line; the extension lets it in
    ran = parcli("campaign", "receive", camp, sent["SXD"], now="2025-11-04T08:30")
    assert ran.code == 1
    assert "closed at 2025-11-03 17:00" in ran.stderr
    assert "extensions: {SXD: {self_assessment: 2025-11-04T09:00}}" in ran.stderr, ran.stderr
    text = (camp / "campaign.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^extensions: \{\}.*$", "extensions: {SXD: {self_assessment: 2025-11-04T09:00}}", text, flags=re.M)
    (camp / "campaign.yaml").write_text(text, encoding="utf-8")
    ran = parcli("campaign", "receive", camp, sent["SXD"], now="2025-11-04T08:31")
    assert ran.code == 0, ran.all

    # round 1: TGV1 lowers SYT's 1.1.1 and asks for an explanation; first without a reason (refused), then with one
    ran = parcli("campaign", "appraise", camp, "--round", "1", "--lang", "vi", now="2025-11-05T08:00")
    assert ran.code == 0, ran.all
    book1 = camp / "out" / "appraisal-1" / "TGV1.xlsx"
    book2 = camp / "out" / "appraisal-1" / "TGV2.xlsx"
    wb = load_workbook(book1)
    ws = wb.worksheets[0]
    h = headers(ws, 5)
    assert {"Mã đơn vị", "Mã tiêu chí", "Điểm tự chấm", "Điểm thẩm định", "Lý do", "Yêu cầu giải trình"} <= set(h)
    target = next(r for r in range(6, ws.max_row + 1)
                  if ws.cell(r, h["Mã đơn vị"]).value == "SYT" and ws.cell(r, h["Mã tiêu chí"]).value == "1.1.1")
    claimed_111 = ws.cell(target, h["Điểm tự chấm"]).value
    ws.cell(target, h["Điểm thẩm định"]).value = 0.5
    ws.cell(target, h["Yêu cầu giải trình"]).value = "Có"
    if claimed_111 is None or Decimal(str(claimed_111)) == Decimal("0.5"):  # the claim must differ for the reason test
        ws.cell(target, h["Điểm thẩm định"]).value = 0.25
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6, max_row=ws.max_row)]
    for i, values in enumerate(reversed(rows)):  # the appraiser sorts the rows the other way round
        for j, v in enumerate(values, start=1):
            ws.cell(6 + i, j).value = v
    r1 = tmp_path / "r1"
    r1.mkdir()
    wb.save(r1 / "TGV1-no-reason.xlsx")
    row = next(r for r in range(6, ws.max_row + 1)
               if ws.cell(r, h["Mã đơn vị"]).value == "SYT" and ws.cell(r, h["Mã tiêu chí"]).value == "1.1.1")
    ws.cell(row, h["Lý do"]).value = "Kế hoạch ban hành sau thời hạn"
    wb.save(r1 / "TGV1.xlsx")
    # TGV2 writes a leaf of TGV1's share into its workbook: outside its share
    wb2 = load_workbook(book2)
    ws2 = wb2.worksheets[0]
    h2 = headers(ws2, 5)
    wb2.save(r1 / "TGV2.xlsx")
    ws2.cell(6, h2["Mã tiêu chí"]).value = "1.1.1"
    wb2.save(r1 / "TGV2-outside.xlsx")
    back = {p.stem: p for p in resave(sorted(r1.glob("*.xlsx")), tmp_path / "r1-resaved")}
    ran = parcli("campaign", "receive", camp, back["TGV1-no-reason"], back["TGV2-outside"], now="2025-11-10T09:00")
    assert ran.code == 1
    assert "TGV1-no-reason.xlsx: received" not in ran.stdout
    assert "differ from the" in ran.stderr and "Lý do" in ran.stderr, ran.stderr
    assert "not in TGV2's share" in ran.stderr or "read-only cell" in ran.stderr, ran.stderr
    ran = parcli("campaign", "receive", camp, back["TGV1"], back["TGV2"], now="2025-11-10T09:05")
    assert ran.code == 0, ran.all

    # the explanation: SYT explains 1.1.1 with a document
    ran = parcli("campaign", "explain", camp, "--lang", "vi", now="2025-11-21T08:00")
    assert ran.code == 0, ran.all
    assert ran.stdout.count("out/explanation/") == 1 and "SYT.xlsx (1 dòng)" in ran.stdout  # only SYT was asked
    wb = load_workbook(camp / "out" / "explanation" / "SYT.xlsx")
    ws = wb.worksheets[0]
    h = headers(ws, 5)
    assert [ws.cell(r, h["Mã tiêu chí"]).value for r in range(6, ws.max_row + 1)] == ["1.1.1"]
    ws.cell(6, h["Giải trình"]).value = "Kế hoạch ban hành ngày 10/01, chậm do sáp nhập"
    ws.cell(6, h["Tài liệu bổ sung"]).value = "QĐ 12/QĐ-SYT\nBáo cáo 3/BC-SYT"
    ex = tmp_path / "ex"
    ex.mkdir()
    wb.save(ex / "SYT-explained.xlsx")
    ran = parcli("campaign", "receive", camp, resave([ex / "SYT-explained.xlsx"], tmp_path / "ex-resaved")[0],
                 now="2025-11-22T08:00")
    assert ran.code == 0, ran.all

    # round 2: TGV1 accepts the explanation in part (0.75)
    ran = parcli("campaign", "appraise", camp, "--round", "2", "--lang", "vi", now="2025-11-28T08:00")
    assert ran.code == 0, ran.all
    wb = load_workbook(camp / "out" / "appraisal-2" / "TGV1.xlsx")
    ws = wb.worksheets[0]
    h = headers(ws, 5)
    assert {"Điểm thẩm định vòng 1", "Lý do vòng 1", "Giải trình", "Tài liệu bổ sung"} <= set(h)
    assert ws.cell(6, h["Giải trình"]).value.startswith("Kế hoạch ban hành ngày 10/01")
    ws.cell(6, h["Điểm thẩm định"]).value = 0.75
    ws.cell(6, h["Lý do"]).value = "Đã giải trình, chấp nhận một phần"
    r2 = tmp_path / "r2"
    r2.mkdir()
    wb.save(r2 / "TGV1-round2.xlsx")
    ran = parcli("campaign", "receive", camp, resave([r2 / "TGV1-round2.xlsx"], tmp_path / "r2-resaved")[0],
                 now="2025-12-01T08:00")
    assert ran.code == 0, ran.all

    # status: every unit and appraiser, fitting 80 columns; and as JSON
    ran = parcli("campaign", "status", camp, "--lang", "vi", now="2025-12-04T18:00", columns=80)
    assert ran.code == 0, ran.all
    assert all(len(line) <= 80 for line in ran.stdout.splitlines()), ran.stdout
    for code in (*UNITS, "TGV1", "TGV2"):
        assert code in ran.stdout
    assert "đến hạn" in ran.stdout  # appraisal round 2 closes within a day
    data = json.loads(parcli("campaign", "status", camp, "--format", "json", now="2025-12-04T18:00").stdout)
    syt = next(u for u in data["units"] if u["code"] == "SYT")
    assert syt["requested"] == 1 and syt["answered"] == 1 and syt["to_appraise"] == 0

    # results: ranked as rank ranks, the self-assessed total beside the appraised one
    out = tmp_path / "results.csv"
    ran = parcli("campaign", "results", camp, "-o", out, now="2025-12-06T08:00")
    assert ran.code == 0, ran.all
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["code"] for r in rows] and {r["code"] for r in rows} == set(UNITS)
    assert {"rank", "points", "index", "self_points", "self_index"} <= set(rows[0])
    ranks = [int(r["rank"]) for r in rows]
    assert ranks == sorted(ranks)
    syt_row = next(r for r in rows if r["code"] == "SYT")

    # every number equals what `parcli score` gives for the same evidence with the final points
    from parcli.campaign.cycle import final_unit, open_campaign, unit_state
    from parcli.report.unitfile import unit_yaml

    op = open_campaign(camp)
    try:
        state = unit_state(op, "SYT")
        assert state.leaves["1.1.1"].r2[0] == Decimal("0.75")
        from parcli.campaign.cycle import leaf_record

        record = leaf_record(op, ["SYT"])[0]  # what the minutes (issue 23) read: plain data
        leaf = next(x for x in record["leaves"] if x["id"] == "1.1.1")
        assert leaf["round1"] in (Decimal("0.5"), Decimal("0.25")) and leaf["final"] == Decimal("0.75")
        assert leaf["final_from"] == "appraisal_2" and leaf["round1_reason"] == "Kế hoạch ban hành sau thời hạn"
        assert leaf["explanation"].startswith("Kế hoạch ban hành ngày 10/01")
        assert leaf["added_documents"] == "QĐ 12/QĐ-SYT\nBáo cáo 3/BC-SYT"
        assert record["points"] == Decimal(syt_row["points"]) and record["claimed"] == Decimal(syt_row["self_points"])
        unit = final_unit(op, state)
        exported = tmp_path / "SYT-final.yaml"
        exported.write_text(unit_yaml(unit, state.fw, "department-example"), encoding="utf-8")
    finally:
        op.close()
    scored = json.loads(parcli("score", exported, "--format", "json").stdout)
    assert Decimal(str(scored["points"])) == Decimal(syt_row["points"])
    assert Decimal(str(scored["index"])) == Decimal(syt_row["index"])
    leaf = next(x for x in scored["leaves"] if x["id"] == "1.1.1")
    assert Decimal(str(leaf["points"])) == Decimal("0.75")
    own = json.loads(parcli("score", forms_filled := sent["SYT"], "--format", "json").stdout)
    del forms_filled
    assert Decimal(syt_row["self_points"]) == sum(
        (Decimal(str(x["claimed"])) if x["claimed"] is not None else Decimal(str(x["points"])))
        for x in own["leaves"] if x["points"] is not None)
    assert Decimal(str(own["points"])) != Decimal(syt_row["points"])  # the appraisal moved SYT's total

    # results through the other writers of rank
    for suffix in (".xlsx", ".json", ".html"):
        ran = parcli("campaign", "results", camp, "-o", tmp_path / f"results{suffix}")
        assert ran.code == 0, ran.all
    table = parcli("campaign", "results", camp, columns=80)
    assert table.code == 0 and "Sở Y" in table.stdout and "self" not in table.stdout
    assert all(len(line) <= 80 for line in table.stdout.splitlines()[:-1]), table.stdout  # the provenance wraps

    # log: who, what, when, which file
    ran = parcli("campaign", "log", camp, "--unit", "SYT", columns=120)
    assert ran.code == 0 and "SYT" in ran.stdout and "received" in ran.stdout and "refused" not in ran.stdout
    ran = parcli("campaign", "log", camp, columns=120)
    assert "refused" in ran.stdout
    # the details are said in the reader's language, not in the language of whoever received the file
    ran = parcli("campaign", "log", camp, "--unit", "SYT", columns=160, lang="vi")
    assert ran.code == 0 and "do TGV1 thẩm định" in ran.stdout and "tệp SYT.xlsx: tự đánh giá" in ran.stdout
    assert " by " not in ran.stdout and "replaces" not in ran.stdout, ran.stdout

    # check: SQLite's integrity, every file with its sha256, the replay equal to the store
    ran = parcli("campaign", "check", camp)
    assert ran.code == 0, ran.all
    assert "rebuilds exactly the stored state" in ran.stdout
