"""Bonus and penalty points in a campaign (issue 23 item 3, DESIGN §12a): campaign.yaml assigns them to an
appraiser like leaves, the appraisers' and explanation workbooks have their rows, the final index is what
``parcli score`` gives for the final unit, and the minutes, the council's report and the publication table
show them. The framework is tests/fixtures/adjust/framework.yaml (leaves worth 10; bonus up to 1, penalty
up to 2, cap 100)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from parcli.campaign.check import verify
from parcli.campaign.clock import VIETNAM
from parcli.campaign.config import load
from parcli.campaign.cycle import (
    appraisal_book,
    appraisal_items,
    explanation_book,
    explanation_items,
    final_unit,
    form_cells,
    framework_ref,
    identity_rows,
    leaf_record,
    open_campaign,
    receive,
    start,
    status,
    unit_state,
)
from parcli.errors import InputError
from tests.campaign.helpers import parcli
from tests.conftest import ROOT
from tests.report.test_docx import docx_text

FRAMEWORK = ROOT / "tests" / "fixtures" / "adjust" / "framework.yaml"
CAMPAIGN = """schema: parcli/campaign/v1
id: thu-nghiem-2025
title: Chỉ số thử nghiệm 2025
year: 2025
issuer: {agency: "SỞ NỘI VỤ", place: "Nam Định"}
groups:
  - id: so
    title: Sở, ban, ngành
    framework: fw.yaml
    units:
      - {code: A01, name: Sở A}
      - {code: B02, name: Sở B}
appraisers:
  - {code: TGV1, name: Tổ giúp việc 1, covers: ["1", "bonus"]}
  - {code: TGV2, name: Tổ giúp việc 2, covers: ["2", "penalty"]}
deadlines:
  self_assessment: 2025-11-03T17:00
  appraisal_1: 2025-11-20T17:00
  explanation: 2025-11-27T17:00
  appraisal_2: 2025-12-05T17:00
extensions: {}
policy: {missing_documents: none}
"""
EVIDENCE = {"A01": '"1.1": true\n  "1.2": {points: 1.5}\n  "2.1": {percent: 50}',  # 4 + 1.5 + 2 = 7.5
            "B02": '"1.1": true\n  "1.2": {points: 2}\n  "2.1": {percent: 75, documents: ["Báo cáo 5/BC"]}'}  # 9
SENT = datetime(2025, 10, 20, 9, 0, tzinfo=VIETNAM)
ROUND_1 = datetime(2025, 11, 10, 9, 0, tzinfo=VIETNAM)
EXPLAINED_AT = datetime(2025, 11, 22, 9, 0, tzinfo=VIETNAM)
ROUND_2 = datetime(2025, 12, 1, 9, 0, tzinfo=VIETNAM)
LATE_REPORT = "Chậm báo cáo quý II"
EXPLANATION = "Báo cáo gửi chậm 2 ngày do sự cố đường truyền"
PARTLY = "Chấp nhận một phần giải trình"
INITIATIVE = "Sáng kiến một cửa số được UBND tỉnh công nhận"


def folder_with(tmp_path: Path, text: str = CAMPAIGN) -> Path:
    folder = tmp_path / "c"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(FRAMEWORK, folder / "fw.yaml")
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    return folder


def problems_of(tmp_path: Path, text: str) -> list[str]:
    folder = folder_with(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load(folder)
    return [str(p) for p in caught.value.problems]


def form_of(op, code: str, tmp_path: Path, adjustments: str = "") -> bytes:
    """Unit ``code``'s campaign form filled with its evidence and ``adjustments`` (a unit file's block), as its
    officer types them."""
    from parcli.report.form import write_form
    from parcli.store import Store

    path = tmp_path / f"{code}.yaml"
    path.write_text(f"schema: parcli/unit/v1\nunit: x\nyear: 2025\nframework: {json.dumps(str(FRAMEWORK))}\n"
                    f"evidence:\n  {EVIDENCE[code]}\n{adjustments}", encoding="utf-8")
    unit, _fw = Store().unit(path)
    member = op.camp.units[code]
    fw = op.camp.group(member.group).fw
    unit.name, unit.code = member.name, member.code
    cells = form_cells(fw, member, op.camp.year, "vi")
    return write_form(fw, framework_ref(fw), "vi", unit, op.camp.year, recipient=(member.code, member.name),
                      identity=identity_rows(op, code, "self_assessment", cells))


def filled(raw: bytes, values: dict[tuple[str, str], dict[str, object]], unit: str | None = None) -> bytes:
    """A workbook with ``values`` typed into the rows (unit code, Leaf ID cell) by their headers; an
    explanation workbook (``unit``: its recipient) has no unit column."""
    wb = load_workbook(io.BytesIO(raw))
    ws = wb.worksheets[0]
    heads = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
    found = set()
    for r in range(6, ws.max_row + 1):
        key = (unit or ws.cell(r, heads["Mã đơn vị"]).value, ws.cell(r, heads["Mã tiêu chí"]).value)
        for head, value in values.get(key, {}).items():
            ws.cell(r, heads[head]).value = value
            found.add(key)
    assert found == set(values), (found, values)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rows_of(raw: bytes) -> list[dict[str, object]]:
    ws = load_workbook(io.BytesIO(raw)).worksheets[0]
    heads = [ws.cell(5, c).value for c in range(1, ws.max_column + 1)]
    return [dict(zip(heads, (ws.cell(r, c).value for c in range(1, ws.max_column + 1)), strict=True))
            for r in range(6, ws.max_row + 1)]


# --- campaign.yaml ---------------------------------------------------------------------------------


def test_covers_name_the_bonus_and_the_penalty_each_covered_once(tmp_path):
    camp = load(folder_with(tmp_path))
    tgv1, tgv2 = camp.appraisers
    assert tgv1.adjustments == {"so": frozenset({"bonus"})} and tgv2.adjustments == {"so": frozenset({"penalty"})}
    assert camp.adjuster("so", "penalty") is tgv2 and camp.owner("so", "bonus") is None
    assert tgv1.leaves["so"] == {"1.1", "1.2"}  # a field's cover holds its leaves, never the bonus
    uncovered = problems_of(tmp_path, CAMPAIGN.replace('["2", "penalty"]', '["2"]'))
    assert any("group so: the penalty points of adjust-example are covered by no appraiser; add penalty to an "
               "appraiser's covers" in p for p in uncovered), uncovered
    twice = problems_of(tmp_path, CAMPAIGN.replace('["2", "penalty"]', '["2", "penalty", "bonus"]'))
    assert any("group so: the bonus points (bonus) are covered by two appraisers (TGV1, TGV2); they belong to one "
               "appraiser" in p for p in twice), twice


def test_the_cover_messages_say_the_points_in_vietnamese_and_the_key_to_write(tmp_path):
    """Vietnamese messages said "điểm penalty", "bonus được giao cho hai tổ": the points in words, the key of
    covers as it is written."""
    folder = folder_with(tmp_path, CAMPAIGN.replace('["2", "penalty"]', '["2", "bonus"]'))
    ran = parcli("campaign", "status", folder, lang="vi")
    assert ran.code == 1
    assert "nhóm so: điểm trừ của bộ tiêu chí adjust-example chưa giao cho tổ nào; hãy thêm penalty vào covers" in \
        ran.stderr, ran.stderr
    assert "nhóm so: điểm thưởng (bonus) được giao cho hai tổ (TGV1, TGV2)" in ran.stderr, ran.stderr
    assert "điểm penalty" not in ran.stderr and "điểm bonus" not in ran.stderr


def test_a_cover_naming_an_adjustment_the_framework_lacks_is_an_error_at_its_place(tmp_path):
    text = (CAMPAIGN.replace("framework: fw.yaml", "framework: department-example")
            .replace('["1", "bonus"]', '["1", "2", "3", "4", "bonus"]')
            .replace('["2", "penalty"]', '["5", "6", "7", "8"]'))
    found = problems_of(tmp_path, text)
    assert found == [f"{tmp_path / 'c' / 'campaign.yaml'}:14:69: bonus: the framework department-example declares "
                     "no bonus points; remove bonus from the covers"], found
    ran = parcli("campaign", "status", tmp_path / "c", lang="vi")
    assert ran.code == 1 and "bộ tiêu chí department-example không có điểm thưởng; hãy bỏ bonus khỏi covers" in ran.all


def test_a_framework_whose_node_is_named_like_an_adjustment_is_refused(tmp_path):
    folder = folder_with(tmp_path)
    text = FRAMEWORK.read_text(encoding="utf-8").replace('id: "2"', 'id: "bonus"').replace('"2.1"', '"bonus.1"')
    (folder / "fw.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(folder)
    found = [str(p) for p in caught.value.problems]  # the framework refuses it: the store names them by kind
    assert any(":9:16:" in p and "framework 'fw.yaml' cannot be used" in p for p in found), found
    assert any("'bonus' is both a node's id and the id of a row of bonus or penalty points" in p for p in found), found


def test_init_gives_the_adjustments_to_an_appraiser(tmp_path):
    shutil.copy(FRAMEWORK, tmp_path / "fw.yaml")
    ran = parcli("campaign", "init", tmp_path / "c", "--framework", tmp_path / "fw.yaml", "--year", "2025")
    assert ran.code == 0, ran.all
    camp = load(tmp_path / "c")
    assert camp.adjuster("all", "bonus") is camp.appraisers[0] and camp.adjuster("all", "penalty") is not None


# --- the year: forms, round 1, explanation, round 2 ------------------------------------------------


@pytest.fixture
def year(tmp_path):
    """The campaign through round 2: A01's penalty 1 in round 1 (explanation requested), explained, 0.5 in
    round 2; B02 granted a bonus of 0.5 in round 1. Yields the open store and the workbooks sent."""
    folder = folder_with(tmp_path)
    op = start(folder, datetime(2025, 10, 1, 8, 0, tzinfo=VIETNAM), "test")
    sent: dict[str, bytes] = {}
    for code in ("A01", "B02"):
        assert receive(op, form_of(op, code, tmp_path), f"{code}.xlsx", SENT).status == "accepted"
    sent["TGV1-1"] = appraisal_book(op, "TGV1", 1, "vi", appraisal_items(op, "TGV1", 1))
    sent["TGV2-1"] = appraisal_book(op, "TGV2", 1, "vi", appraisal_items(op, "TGV2", 1))
    try:
        yield op, sent, folder
    finally:
        op.close()


def round_1(op, sent) -> None:
    tgv1 = filled(sent["TGV1-1"], {("B02", "Điểm thưởng"): {"Điểm thẩm định": 0.5, "Lý do": INITIATIVE}})
    tgv2 = filled(sent["TGV2-1"], {("A01", "Điểm trừ"): {"Điểm thẩm định": 1, "Lý do": LATE_REPORT,
                                                          "Yêu cầu giải trình": "Có"}})
    for name, raw in (("TGV1-vong1.xlsx", tgv1), ("TGV2-vong1.xlsx", tgv2)):
        found = receive(op, raw, name, ROUND_1)
        assert found.status == "accepted", found.problems


def test_the_appraisers_workbooks_have_a_row_per_unit_and_adjustment_of_their_share(year):
    op, sent, _folder = year
    tgv1 = rows_of(sent["TGV1-1"])
    assert [(r["Mã đơn vị"], r["Mã tiêu chí"]) for r in tgv1] == [
        ("A01", "1.1"), ("A01", "1.2"), ("A01", "Điểm thưởng"), ("B02", "1.1"), ("B02", "1.2"), ("B02", "Điểm thưởng")]
    bonus = tgv1[2]
    assert bonus["Nội dung"] == "Điểm thưởng sáng kiến" and bonus["Điểm tối đa"] == 1  # the framework's title
    assert bonus["Cách chấm"].startswith("Cộng vào tổng điểm các tiêu chí, tối đa 1 điểm")
    assert bonus["Điểm tự chấm"] is None  # the forms carry no claim (yet)
    tgv2 = rows_of(sent["TGV2-1"])
    assert [(r["Mã đơn vị"], r["Mã tiêu chí"]) for r in tgv2] == [
        ("A01", "2.1"), ("A01", "Điểm trừ"), ("B02", "2.1"), ("B02", "Điểm trừ")]
    assert tgv2[1]["Nội dung"] == "Điểm trừ" and tgv2[1]["Điểm tối đa"] == 2  # no title: the word itself
    ws = load_workbook(io.BytesIO(sent["TGV2-1"])).worksheets[0]
    heads = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
    assert not ws.cell(7, heads["Điểm thẩm định"]).protection.locked
    assert ws.cell(7, heads["Mã tiêu chí"]).protection.locked
    limits = {str(dv.sqref): dv.formula2 for dv in ws.data_validations.dataValidation if dv.type == "decimal"}
    assert limits[f"{ws.cell(7, heads['Điểm thẩm định']).coordinate} "
                  f"{ws.cell(9, heads['Điểm thẩm định']).coordinate}"] == "2"  # 0 to the penalty's max
    # status counts them among what is still to appraise: 3 leaves + bonus + penalty per unit
    data = status(op, ROUND_1)
    assert [(u["code"], u["to_appraise"]) for u in data["units"]] == [("A01", 5), ("B02", 5)]
    assert [(a["code"], a["to_appraise"]) for a in data["appraisers"]] == [("TGV1", 6), ("TGV2", 4)]


def test_appraised_points_outside_0_to_max_or_without_a_reason_are_refused_at_their_cell(year):
    op, sent, _folder = year
    above = filled(sent["TGV2-1"], {("A01", "Điểm trừ"): {"Điểm thẩm định": 3, "Lý do": LATE_REPORT}})
    found = receive(op, above, "TGV2.xlsx", ROUND_1)
    assert found.status == "refused"
    assert [p.file for p in found.problems] == ["TGV2.xlsx:Thẩm định!L7"], [str(p) for p in found.problems]
    assert found.problems[0].message == "unit A01, Điểm trừ: 3 points is outside 0 to 2"  # which unit's row
    bare = filled(sent["TGV2-1"], {("A01", "Điểm trừ"): {"Điểm thẩm định": 1}})
    found = receive(op, bare, "TGV2.xlsx", ROUND_1)
    assert found.status == "refused" and [p.file for p in found.problems] == ["TGV2.xlsx:Thẩm định!M7"]
    assert found.problems[0].message.startswith("unit A01, Điểm trừ: 1 points differ from the 0 computed")
    text = filled(sent["TGV2-1"], {("A01", "Điểm trừ"): {"Điểm thẩm định": "một", "Lý do": LATE_REPORT}})
    found = receive(op, text, "TGV2.xlsx", ROUND_1)
    assert found.status == "refused" and "'một' is not a number" in found.problems[0].message
    assert op.conn.execute("SELECT count(*) FROM files WHERE sender = 'TGV2'").fetchone()[0] == 0


def test_a_year_with_a_penalty_explained_and_a_bonus_granted(year, tmp_path):
    op, sent, folder = year
    round_1(op, sent)
    data = status(op, ROUND_1)
    assert [(u["code"], u["to_appraise"], u["requested"], u["answered"]) for u in data["units"]] == [
        ("A01", 0, 1, 0), ("B02", 0, 0, 0)]
    rounds_1_and_2_rest(op)
    state = unit_state(op, "A01")
    assert state.adjustments["penalty"].r1 == (Decimal(1), LATE_REPORT, True)
    assert state.adjustments["penalty"].explanation == (EXPLANATION, "Công văn 7/SA")
    assert state.adjustments["penalty"].r2 == (Decimal("0.5"), PARTLY)
    assert status(op, ROUND_2)["units"][0]["answered"] == 1

    # the final index equals what `parcli score` gives for the final unit as YAML
    from parcli.report.unitfile import unit_yaml

    expected = {"A01": ("7.5", None, "0.5", "70.00"), "B02": ("9", "0.5", None, "95.00")}
    for code, (points, bonus, penalty, index) in expected.items():
        exported = tmp_path / f"{code}-final.yaml"
        exported.write_text(unit_yaml(final_unit(op, unit_state(op, code)), state.fw, str(folder / "fw.yaml")),
                            encoding="utf-8")
        scored = json.loads(parcli("score", exported, "--format", "json").stdout)
        assert (Decimal(str(scored["points"])), Decimal(str(scored["index"]))) == (Decimal(points), Decimal(index))
        assert Decimal(str(scored["bonus"])) == Decimal(bonus or 0)
        assert Decimal(str(scored["penalty"])) == Decimal(penalty or 0)
    op.close()

    out = tmp_path / "results.csv"
    ran = parcli("campaign", "results", folder, "-o", out, now="2025-12-06T08:00")
    assert ran.code == 0, ran.all
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = {row["code"]: row for row in csv.DictReader(fh)}
    assert {code: (Decimal(r["points"]), Decimal(r["bonus"]), Decimal(r["penalty"]), Decimal(r["index"]))
            for code, r in rows.items()} == {"A01": (Decimal("7.5"), 0, Decimal("0.5"), Decimal(70)),
                                             "B02": (Decimal(9), Decimal("0.5"), 0, Decimal(95))}
    assert [rows["B02"]["rank"], rows["A01"]["rank"]] == ["1", "2"]
    # the self-assessed index: the leaves' own points with the units' own bonus and penalty (none claimed)
    assert (Decimal(rows["A01"]["self_index"]), Decimal(rows["B02"]["self_index"])) == (Decimal(75), Decimal(90))
    ran = parcli("campaign", "results", folder, "-o", tmp_path / "results.json", now="2025-12-06T08:00")
    assert ran.code == 0, ran.all
    units = {u["code"]: u for u in json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))}
    assert units["A01"]["penalty"] == 0.5 and units["A01"]["index"] == 70
    penalty = next(a for a in units["A01"]["adjustments"] if a["kind"] == "penalty")
    assert penalty["points"] == 0.5 and penalty["status"] == "scored"
    for suffix in (".xlsx", ".html"):
        assert parcli("campaign", "results", folder, "-o", tmp_path / f"results{suffix}").code == 0
    ranked = [[c.value for c in row] for row in load_workbook(tmp_path / "results.xlsx").worksheets[0].iter_rows()]
    heads = ranked[1]
    assert heads[6:8] == ["Bonus", "Penalty"], heads
    assert [row[:9] for row in ranked[2:4]] == [[1, "Sở B", "B02", 2025, 9, 10, 0.5, 0, 95],
                                                [2, "Sở A", "A01", 2025, 7.5, 10, 0, 0.5, 70]], ranked
    assert "Penalty: 0.5 / 2" in (tmp_path / "results.html").read_text(encoding="utf-8")  # the HTML report
    table = parcli("campaign", "results", folder, columns=100)
    assert table.code == 0 and "70.00" in table.stdout and "95.00" in table.stdout, table.stdout
    for lang in ("en", "vi"):  # the table fits 80 columns in either language (the provenance line wraps)
        narrow = parcli("campaign", "results", folder, columns=80, lang=lang).stdout.splitlines()
        assert all(len(line) <= 80 for line in narrow[:-1]), "\n".join(narrow)
    for lang, note in (("en", "the claimed index (%) is in the files -o writes"),
                       ("vi", "chỉ số tự đánh giá (%) có trong tệp do -o ghi")):  # narrower: that column is left out
        narrow = parcli("campaign", "results", folder, columns=72, lang=lang).stdout.splitlines()
        assert all(len(line) <= 72 for line in narrow[:-1]) and note in " ".join(narrow), "\n".join(narrow)

    # check replays received/ to the same state; the log shows the appraisals of A01's penalty
    ran = parcli("campaign", "check", folder)
    assert ran.code == 0 and "rebuilds exactly the stored state" in ran.stdout, ran.all
    log = parcli("campaign", "log", folder, "--unit", "A01", columns=160)
    assert log.code == 0 and "TGV2-vong2.xlsx" in log.stdout and "A01-giai-trinh.xlsx" in log.stdout, log.stdout
    assert "penalty 0.5" in log.stdout and "penalty 1" in log.stdout, log.stdout

    # the minutes: the totals' bonus and penalty from the campaign, the penalty listed with its reasons
    ran = parcli("campaign", "minutes", folder, now="2025-12-06T08:00", lang="vi")
    assert ran.code == 0, ran.all
    doc = Document(str(folder / "out" / "minutes" / "A01.docx"))
    totals = {r.cells[0].text: r.cells[1].text for r in doc.tables[1].rows[1:]}
    assert totals["Điểm trừ tự đánh giá"] == "0" and totals["Điểm trừ thẩm định"] == "0,5", totals
    assert totals["Điểm thưởng tự đánh giá"] == "0" and totals["Điểm thưởng thẩm định"] == "0", totals
    assert totals["Điểm thẩm định cuối cùng"] == "7,5" and totals["Chỉ số (%)"] == "70,00", totals
    changed = [[c.text for c in r.cells] for r in doc.tables[2].rows[2:]]
    assert changed == [["Điểm trừ", "Điểm trừ", "2", "0", "1", "0,5", f"Vòng 1: {LATE_REPORT}\nVòng 2: {PARTLY}",
                        EXPLANATION]], changed
    b02 = Document(str(folder / "out" / "minutes" / "B02.docx"))
    changed = [[c.text for c in r.cells] for r in b02.tables[2].rows[2:]]
    assert changed == [["Điểm thưởng", "Điểm thưởng sáng kiến", "1", "0", "0,5", "0,5", INITIATIVE, ""]], changed
    assert "Chỉ số (%)\n95,00" in docx_text(folder / "out" / "minutes" / "B02.docx")
    # in English, the bonus keeps the framework's own title: its leaves have no English title, and one table
    # mixing 'Bonus for initiatives' with 'Kế hoạch' would speak two languages
    ran = parcli("campaign", "minutes", folder, "--force", now="2025-12-06T08:00", lang="en")
    assert ran.code == 0, ran.all
    b02 = Document(str(folder / "out" / "minutes" / "B02.docx"))
    changed = [[c.text for c in r.cells] for r in b02.tables[2].rows[2:]]
    assert changed[0][:2] == ["Bonus", "Điểm thưởng sáng kiến"], changed

    # the council's report and the publication table: bonus and penalty columns, the campaign's numbers
    ran = parcli("campaign", "report", folder, now="2025-12-06T08:00", lang="vi")
    assert ran.code == 0, ran.all
    report = Document(str(folder / "out" / "report.docx"))
    table = [[c.text for c in r.cells] for r in report.tables[1].rows]
    assert table[0][4:6] == ["Điểm thưởng", "Điểm trừ"], table[0]
    assert [row[:8] for row in table[1:]] == [["1", "Sở B (B02)", "9", "9", "0,5", "0", "10", "95,00"],
                                              ["2", "Sở A (A01)", "7,5", "7,5", "0", "0,5", "10", "70,00"]], table
    # adjusted leaves: B02's bonus and A01's penalty, changed by the appraisal, count as the minutes list them
    assert [row[-1] for row in table[1:]] == ["1", "1"]
    publication = Document(str(folder / "out" / "publication.docx"))
    rows = [[c.text for c in r.cells] for r in publication.tables[0].rows]
    assert rows[0][3:5] == ["Điểm thưởng", "Điểm trừ"] and rows[2][:5] == ["2", "Sở A (A01)", "7,5", "0", "0,5"]
    ws = load_workbook(folder / "out" / "publication.xlsx").worksheets[0]
    assert [c.value for c in ws[3]][3:5] == ["Điểm thưởng", "Điểm trừ"]
    assert [c.value for c in ws[5]][:7] == [2, "Sở A (A01)", 7.5, 0, 0.5, 10, 70]


def rounds_1_and_2_rest(op) -> None:
    """After round 1: the explanation and round 2 (see :func:`rounds_1_and_2`)."""
    items = explanation_items(op, "A01")
    assert [(i.node.id, i.r1_points, i.r1_reason) for i in items] == [("penalty", Decimal(1), LATE_REPORT)]
    book = explanation_book(op, "A01", "vi", items)
    assert [(r["Mã tiêu chí"], r["Điểm thẩm định vòng 1"], r["Lý do vòng 1"]) for r in rows_of(book)] == [
        ("Điểm trừ", 1, LATE_REPORT)]
    answer = filled(book, {("A01", "Điểm trừ"): {"Giải trình": EXPLANATION, "Tài liệu bổ sung": "Công văn 7/SA"}},
                    unit="A01")
    assert receive(op, answer, "A01-giai-trinh.xlsx", EXPLAINED_AT).status == "accepted"
    items = appraisal_items(op, "TGV2", 2)
    assert [(i.unit, i.node.id, i.explanation) for i in items] == [("A01", "penalty", EXPLANATION)]
    assert appraisal_items(op, "TGV1", 2) == []
    book = appraisal_book(op, "TGV2", 2, "vi", items)
    row = rows_of(book)[0]
    assert row["Điểm thẩm định vòng 1"] == 1 and row["Lý do vòng 1"] == LATE_REPORT and row["Giải trình"] == EXPLANATION
    decided = filled(book, {("A01", "Điểm trừ"): {"Điểm thẩm định": 0.5, "Lý do": PARTLY}})
    found = receive(op, decided, "TGV2-vong2.xlsx", ROUND_2)
    assert found.status == "accepted", found.problems
    said, failed = verify(op)
    assert not failed, failed


def test_leaf_record_holds_the_adjustments_as_plain_data(year):
    op, sent, _folder = year
    round_1(op, sent)
    record = {r["code"]: r for r in leaf_record(op)}
    a01 = record["A01"]
    assert a01["bonus"] == 0 and a01["penalty"] == 1 and a01["index"] == Decimal("65.00")
    penalty = next(a for a in a01["adjustments"] if a["kind"] == "penalty")
    assert (penalty["claimed"], penalty["computed"], penalty["round1"], penalty["final"], penalty["final_from"]) == (
        None, None, Decimal(1), Decimal(1), "appraisal_1")
    assert penalty["round1_reason"] == LATE_REPORT and penalty["explanation_requested"]
    assert record["B02"]["bonus"] == Decimal("0.5") and record["B02"]["index"] == Decimal("95.00")


def test_a_store_of_schema_1_is_brought_up_when_opened(year):
    op, sent, folder = year
    round_1(op, sent)
    before = op.conn.execute("SELECT unit, stage, adjust FROM totals ORDER BY unit, stage").fetchall()
    op.close()
    conn = sqlite3.connect(folder / "campaign.db")  # as parcli before bonus and penalty left it
    conn.execute("ALTER TABLE totals DROP COLUMN adjust")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    op = open_campaign(folder)
    try:
        assert op.conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert op.conn.execute("SELECT unit, stage, adjust FROM totals ORDER BY unit, stage").fetchall() == before
        said, failed = verify(op)
        assert not failed, failed
    finally:
        op.close()


def test_the_digest_covers_the_bonus_and_penalty_rows_of_the_form(tmp_path):
    folder = folder_with(tmp_path)
    op = start(folder, datetime(2025, 10, 1, 8, 0, tzinfo=VIETNAM), "test")
    try:
        raw = form_of(op, "A01", tmp_path)
        wb = load_workbook(io.BytesIO(raw))
        ws = wb.worksheets[0]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "bonus")
        assert ws.cell(row, 3).value == 1 and ws.cell(row, 3).protection.locked
        ws.cell(row, 3).value = 5  # the bonus's max, a read-only cell
        out = io.BytesIO()
        wb.save(out)
        found = receive(op, out.getvalue(), "A01.xlsx", SENT)
        assert found.status == "refused", found
        assert found.problems[0].file == f"A01.xlsx:{ws.title}!C{row}", str(found.problems[0])
        assert "bonus (Điểm tối đa) is a read-only cell: it was '1' and is '5'" in found.problems[0].message
        assert receive(op, raw, "A01.xlsx", SENT).status == "accepted"  # as parcli wrote it
    finally:
        op.close()


@pytest.mark.parametrize("policy", ["explain", "zero"])
def test_the_policy_for_missing_documents_applies_to_a_bonus_given_not_to_a_penalty(tmp_path, policy):
    folder = folder_with(tmp_path, CAMPAIGN.replace("missing_documents: none", f"missing_documents: {policy}"))
    op = start(folder, datetime(2025, 10, 1, 8, 0, tzinfo=VIETNAM), "test")
    try:
        forms = {"A01": "adjustments:\n  bonus: {points: 1, claimed: 1}\n",
                 "B02": "adjustments:\n  penalty: {points: 0.5}\n"}
        for code, block in forms.items():
            assert receive(op, form_of(op, code, tmp_path, block), f"{code}.xlsx", SENT).status == "accepted"
        rows = {app: {(i.unit, i.node.id): i for i in appraisal_items(op, app, 1)} for app in ("TGV1", "TGV2")}
        bonus, penalty = rows["TGV1"][("A01", "bonus")], rows["TGV2"][("B02", "penalty")]
        assert (bonus.evidence.claimed, bonus.computed) == (1, 1) and penalty.computed == Decimal("0.5")
        if policy == "explain":  # asked by default: the claimed bonus without documents, never a penalty
            assert bonus.request_default and not penalty.request_default
            assert not rows["TGV1"][("B02", "bonus")].request_default  # nothing claimed
            return
        for app in ("TGV1", "TGV2"):  # the workbooks sent back as written: the policy decides
            book = appraisal_book(op, app, 1, "vi", list(rows[app].values()))
            assert receive(op, book, f"{app}.xlsx", ROUND_1).status == "accepted"
        a01, b02 = unit_state(op, "A01"), unit_state(op, "B02")
        assert a01.adjustments["bonus"].r1[0] == 0 and "missing_documents: zero" in a01.adjustments["bonus"].r1[1]
        assert b02.adjustments["penalty"].r1 == (None, None, False)  # a penalty stays the unit's own 0.5
        assert final_unit(op, b02).adjustments["penalty"].points == Decimal("0.5")
    finally:
        op.close()


def test_an_english_workbook_names_the_rows_in_its_words_and_reads_the_same(year):
    op, _sent, _folder = year
    book = appraisal_book(op, "TGV2", 1, "en", appraisal_items(op, "TGV2", 1))
    wb = load_workbook(io.BytesIO(book))
    ws = wb.worksheets[0]
    heads = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
    assert [ws.cell(r, heads["Leaf ID"]).value for r in range(6, ws.max_row + 1)] == [
        "2.1", "Penalty points", "2.1", "Penalty points"]
    assert ws.cell(7, heads["Rule"]).value == "Taken off the leaves' points, at most 2"
    ws.cell(7, heads["Appraised points"]).value = 1
    ws.cell(7, heads["Reason"]).value = LATE_REPORT
    out = io.BytesIO()
    wb.save(out)
    found = receive(op, out.getvalue(), "TGV2-en.xlsx", ROUND_1)
    assert found.status == "accepted", found.problems
    assert unit_state(op, "A01").adjustments["penalty"].r1 == (Decimal(1), LATE_REPORT, False)


def test_a_store_of_schema_1_without_adjustments_keeps_its_totals(tmp_path):
    from tests.campaign.helpers import filled_form, new_campaign

    op = new_campaign(tmp_path / "d")
    assert receive(op, filled_form(op, "SYT"), "SYT.xlsx", SENT).status == "accepted"
    before = op.conn.execute("SELECT * FROM totals ORDER BY unit, stage").fetchall()
    assert {row[-1] for row in before} == {"{}"}  # department-example declares no bonus or penalty
    op.close()
    conn = sqlite3.connect(tmp_path / "d" / "campaign.db")
    conn.execute("ALTER TABLE totals DROP COLUMN adjust")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    ran = parcli("campaign", "check", tmp_path / "d")
    assert ran.code == 0 and "rebuilds exactly the stored state" in ran.stdout, ran.all
    op = open_campaign(tmp_path / "d")
    try:
        assert op.conn.execute("SELECT * FROM totals ORDER BY unit, stage").fetchall() == before
    finally:
        op.close()


def test_a_bonus_only_claimed_gives_no_points_until_appraised_as_score_scores_it(tmp_path):
    """A unit that types its bonus only as claimed points: the campaign's final bonus is what ``score`` gives
    for the same form (none), the claim stays the self-assessment beside it."""
    from parcli.scoring import score_file
    from parcli.store import Store

    folder = folder_with(tmp_path)
    op = start(folder, datetime(2025, 10, 1, 8, 0, tzinfo=VIETNAM), "test")
    try:
        raw = form_of(op, "A01", tmp_path, "adjustments:\n  bonus: {claimed: 1}\n")
        assert receive(op, raw, "A01.xlsx", SENT).status == "accepted"
        final = final_unit(op, unit_state(op, "A01"))
        (folder / "A01-sent.xlsx").write_bytes(raw)  # beside fw.yaml, the framework the form names
        scored, problems = score_file(Store(), folder / "A01-sent.xlsx")
        assert scored is not None, problems
        bonus = next(a for a in scored.adjustments if a.kind == "bonus")
        assert bonus.points == 0 and final.adjustments["bonus"].points is None  # none given: scored 0
    finally:
        op.close()
    ran = parcli("campaign", "results", folder, "-o", tmp_path / "r.json", now="2025-10-21T09:00")
    assert ran.code == 0, ran.all
    a01 = next(u for u in json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) if u["code"] == "A01")
    assert a01["bonus"] == 0 and Decimal(str(a01["index"])) == scored.index, a01
