"""Bonus and penalty points outside the leaves (DESIGN §12a, issue 23 item 3): the framework's
declaration, the unit's points, the index within [0, cap], and how results show them."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import CRITERIA, ROOT

ADJUST = ROOT / "tests" / "fixtures" / "adjust"
FRAMEWORK = ADJUST / "framework.yaml"


def unit_file(tmp_path: Path, adjustments: str, evidence: str = '"1.1": true\n  "1.2": {points: 1.5}\n'
              '  "2.1": {percent: 50}', framework: str | None = None) -> Path:
    """A unit of the test framework (leaves worth 7.5 of 10) with the given adjustments block."""
    path = tmp_path / "unit.yaml"
    ref = framework or str(FRAMEWORK)
    path.write_text(f"schema: parcli/unit/v1\nunit: Sở A\nyear: 2025\nframework: {json.dumps(ref)}\n"
                    f"evidence:\n  {evidence}\n{adjustments}", encoding="utf-8")
    return path


def result_json(cli, path: Path) -> dict:
    run = cli("score", path, "--format", "json")
    assert run.exit_code == 0, run.all
    return json.loads(run.stdout)


# --- the framework ---------------------------------------------------------


def test_framework_with_adjustments_validates_and_its_schema_says_so(cli):
    run = cli("validate", FRAMEWORK)
    assert run.exit_code == 0, run.all
    schema = json.loads(cli("schema", "framework").stdout)
    text = json.dumps(schema)
    assert '"adjustments"' in text and '"cap"' in text and '"penalty"' in text
    unit_schema = json.dumps(json.loads(cli("schema", "unit").stdout))
    assert '"adjustments"' in unit_schema and '"bonus"' in unit_schema


@pytest.mark.parametrize(("change", "at", "message"), [
    (("  penalty: {max: 2}", "  penalty: {max: 0}"), r"42:18", "adjustments.penalty: max must be above 0, got 0"),
    (("  cap: 100", "  cap: -1"), r"43:8", "adjustments.cap: the cap of the index is above 0 and at most 100, got -1"),
    (("  cap: 100", "  cap: 120"), r"43:8",
     "adjustments.cap: the cap of the index is above 0 and at most 100, got 120"),
    (("  penalty: {max: 2}", "  penalty: {max: 2, points: 1}"), r"42:\d+", "unknown key 'points'"),
])
def test_framework_adjustments_are_checked_at_their_place(cli, tmp_path, change, at, message):
    bad = tmp_path / "framework.yaml"
    bad.write_text(FRAMEWORK.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    run = cli("validate", bad)
    assert run.exit_code == 1
    assert re.search(rf"framework\.yaml:{at}: .*{re.escape(message)}", run.all), run.all


def test_adjustments_without_bonus_or_penalty_are_an_error(cli, tmp_path):
    text = FRAMEWORK.read_text(encoding="utf-8")
    bad = tmp_path / "framework.yaml"
    bad.write_text(text[:text.index("adjustments:")] + "adjustments: {cap: 100}\n", encoding="utf-8")
    run = cli("validate", bad)
    assert run.exit_code == 1
    assert "adjustments declare neither bonus nor penalty" in run.all


def test_the_cache_keeps_the_adjustments(tmp_path):
    from parcli import cache
    from parcli.checks import check_framework
    from parcli.inputs.yaml import load_file

    fw, problems = check_framework(load_file(FRAMEWORK))
    assert fw is not None and not problems
    rebuilt = cache._rebuild(cache._framework_data(fw), fw.sha256, str(FRAMEWORK))
    assert rebuilt.header.adjustments == fw.header.adjustments
    assert fw.header.adjustments.get("bonus").max == Decimal(1)
    assert fw.header.adjustments.cap == Decimal(100)


# --- the unit ----------------------------------------------------------------


@pytest.mark.parametrize(("block", "at", "message"), [
    ("adjustments:\n  bonus: {points: 1.5}\n", "10:19", "adjustments.bonus: points: 1.5 is above 1"),
    ("adjustments:\n  penalty: {points: -1}\n", "10:21", "adjustments.penalty: points: -1 is below 0"),
    ("adjustments:\n  bonus: {points: 1, claimed: 3}\n", "10:31", "adjustments.bonus: claimed: 3 is above 1"),
    ("adjustments:\n  bonus: {points: 1, na: true}\n", "10:22",
     "adjustments.bonus: unknown key 'na'; an adjustment takes points, claimed, note and"),
    ("adjustments:\n  reward: {points: 1}\n", "10:3",
     "adjustments: unknown key 'reward'; framework adjust-example declares bonus, penalty"),
    ("adjustments:\n  bonus: 1\n", "10:10", "adjustments.bonus: expected {points: , claimed: , note: , documents"),
    ("adjustments:\n  bonus: {points: 'một'}\n", "10:19", "adjustments.bonus: points: expected a number"),
])
def test_a_wrong_adjustment_is_an_error_at_its_place(cli, tmp_path, block, at, message):
    run = cli("validate", unit_file(tmp_path, block))
    assert run.exit_code == 1
    assert re.search(rf"unit\.yaml:{at}: {re.escape(message)}", run.all), run.all


def test_adjustments_under_a_framework_without_them_are_an_error_in_both_languages(cli, tmp_path):
    path = unit_file(tmp_path, "adjustments:\n  bonus: {points: 1}\n", evidence='"1.1.1": kip_thoi',
                     framework="department-example")
    run = cli("validate", path)
    assert run.exit_code == 1
    assert re.search(r"unit\.yaml:7:1: framework department-example declares no bonus or penalty points; "
                     r"remove adjustments", run.all), run.all
    vi = cli("validate", path, "--lang", "vi")
    assert "bộ tiêu chí department-example không có điểm thưởng, điểm trừ; hãy bỏ adjustments" in vi.all


# --- the engine and the outputs ----------------------------------------------------


def test_index_adds_the_bonus_and_takes_off_the_penalty(cli):
    obj = result_json(cli, ADJUST / "unit.yaml")
    # (7.5 + 0.75 − 0.5) / 10 × 100
    assert obj["points"] == 7.5 and obj["max"] == 10
    assert obj["bonus"] == 0.75 and obj["penalty"] == 0.5
    assert obj["index"] == 77.5 and obj["class"] == "C"
    bonus, penalty = obj["adjustments"]
    assert bonus == {"kind": "bonus", "title": "Điểm thưởng sáng kiến", "max": 1, "points": 0.75, "status": "scored",
                     "claimed": 1, "note": "Sáng kiến một cửa số", "documents": ["Quyết định 12/QĐ-SNV"]}
    assert penalty["kind"] == "penalty" and penalty["points"] == 0.5 and penalty["claimed"] is None
    assert obj["warnings"] == ["bonus: 1 points claimed, 0.75 appraised"]
    assert list(obj)[list(obj).index("max") + 1:list(obj).index("max") + 3] == ["bonus", "penalty"]


def test_index_is_kept_within_zero_and_the_cap(cli, tmp_path):
    full = '"1.1": true\n  "1.2": {points: 2}\n  "2.1": {percent: 100}'
    top = result_json(cli, unit_file(tmp_path, "adjustments:\n  bonus: {points: 1}\n", evidence=full))
    assert top["points"] == 10 and top["bonus"] == 1 and top["index"] == 100.00 and top["class"] == "A"
    low = result_json(cli, unit_file(tmp_path, "adjustments:\n  penalty: {points: 2}\n",
                                     evidence='"1.1": false\n  "1.2": {points: 0.5}\n  "2.1": {percent: 0}'))
    # (0.5 − 2) / 10 × 100 = −15, kept at 0
    assert low["points"] == 0.5 and low["penalty"] == 2 and low["index"] == 0 and low["class"] == "C"
    capped = tmp_path / "capped.yaml"
    capped.write_text(FRAMEWORK.read_text(encoding="utf-8").replace("cap: 100", "cap: 95"), encoding="utf-8")
    high = result_json(cli, unit_file(tmp_path, "", evidence=full, framework=str(capped)))
    assert high["index"] == 95 and high["class"] == "A"


def test_no_adjustments_given_count_as_zero_and_are_missing(cli, tmp_path):
    obj = result_json(cli, unit_file(tmp_path, ""))
    assert obj["bonus"] == 0 and obj["penalty"] == 0 and obj["index"] == 75
    assert [a["status"] for a in obj["adjustments"]] == ["missing", "missing"]
    claimed_only = result_json(cli, unit_file(tmp_path, "adjustments:\n  bonus: {claimed: 1}\n"))
    assert claimed_only["bonus"] == 0 and claimed_only["adjustments"][0]["claimed"] == 1
    assert claimed_only["warnings"] == []  # a claim with no appraisal yet: nothing to compare


def test_the_score_table_shows_them_in_both_languages(cli):
    run = cli("score", ADJUST / "unit.yaml")
    assert "Bonus: 0.75 / 1 (Bonus for initiatives)   Penalty: 0.5 / 2" in run.stdout
    assert "Index (%): 77.50" in run.stdout
    vi = cli("score", ADJUST / "unit.yaml", "--lang", "vi", "--locale", "vi")
    assert "Điểm thưởng: 0,75 / 1 (Điểm thưởng sáng kiến)   Điểm trừ: 0,5 / 2" in vi.stdout
    assert "điểm thưởng: tự chấm 1 điểm, được thẩm định 0,75 điểm" in vi.stderr  # numbers in the locale (main)


def test_outputs_of_a_framework_without_adjustments_have_none_of_them(cli):
    obj = result_json(cli, ROOT / "examples" / "bac-ninh-2021.yaml")
    assert "bonus" not in obj and "penalty" not in obj and "adjustments" not in obj
    run = cli("score", ROOT / "examples" / "bac-ninh-2021.yaml")
    assert "Bonus" not in run.stdout and "Penalty" not in run.stdout
    assert (CRITERIA / "province-2020.yaml").exists()


def test_a_result_read_back_keeps_its_adjustments(cli):
    from parcli.report.jsonout import result_object
    from parcli.summary import from_result_object

    obj = result_json(cli, ADJUST / "unit.yaml")
    back = from_result_object(json.loads(json.dumps(obj), parse_float=Decimal, parse_int=Decimal))
    assert back.adjustment("bonus") == Decimal("0.75") and back.adjustment("penalty") == Decimal("0.5")
    again = result_object(back)
    assert again["bonus"] == Decimal("0.75") and again["adjustments"][0]["documents"] == ["Quyết định 12/QĐ-SNV"]


def second_unit(tmp_path: Path) -> Path:
    """Another unit of the test framework, with the same leaves and a smaller bonus."""
    path = tmp_path / "hai.yaml"
    text = (ADJUST / "unit.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("Sở Thử nghiệm", "Sở Hai").replace('"01"', '"02"')
                    .replace("points: 0.75", "points: 0.25")
                    .replace("framework: framework.yaml", f"framework: {json.dumps(str(FRAMEWORK))}"), encoding="utf-8")
    return path


def test_csv_export_has_a_row_per_adjustment_after_the_leaves(cli, tmp_path):
    out = tmp_path / "out.csv"
    assert cli("export", ADJUST / "unit.yaml", "-o", out).exit_code == 0
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert rows[-2:] == ["Sở Thử nghiệm,01,2025,adjust-example@1,,,bonus,Điểm thưởng sáng kiến,1,0.75,,scored,1,"
                         "Sáng kiến một cửa số",
                         "Sở Thử nghiệm,01,2025,adjust-example@1,,,penalty,penalty,2,0.5,,scored,,Chậm báo cáo quý II"]


def test_rank_shows_bonus_and_penalty_and_ranks_by_the_adjusted_index(cli, tmp_path):
    out = tmp_path / "rank.csv"
    run = cli("rank", ADJUST / "unit.yaml", second_unit(tmp_path), "-o", out)
    assert run.exit_code == 0, run.all
    assert out.read_text(encoding="utf-8-sig").splitlines() == [
        "rank,unit,code,year,points,max,bonus,penalty,index,class,field_1,field_2",
        "1,Sở Thử nghiệm,01,2025,7.5,10,0.75,0.5,77.50,C,91.67,50.00",
        "2,Sở Hai,02,2025,7.5,10,0.25,0.5,72.50,C,91.67,50.00"]
    table = cli("rank", ADJUST / "unit.yaml", second_unit(tmp_path), "--lang", "en").stdout
    assert "Bonus" in table and "Penalty" in table and "0.25" in table
    again = cli("rank", ADJUST / "unit.yaml", second_unit(tmp_path), "--previous", out, "-o", tmp_path / "r2.csv")
    assert again.exit_code == 0, again.all


def test_rank_of_a_framework_without_adjustments_has_no_such_columns(cli, tmp_path):
    out = tmp_path / "rank.csv"
    assert cli("rank", ROOT / "examples" / "bac-ninh-2021.yaml", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("rank,unit,code,year,points,max,index,")


def test_plan_lists_them_as_not_plannable_and_counts_them_towards_the_target(cli, tmp_path):
    run = cli("plan", ADJUST / "unit.yaml", "--format", "json")
    assert run.exit_code == 0, run.all
    obj = json.loads(run.stdout)
    assert obj["before"]["index"] == 77.5
    assert {"leaf": "penalty", "lost": 0.5, "why": "adjustment"} in obj["not_plannable"]
    assert {"leaf": "bonus", "lost": 0.25, "why": "adjustment"} in obj["not_plannable"]
    table = cli("plan", ADJUST / "unit.yaml", "--lang", "en").stdout
    assert re.search(r"penalty +│ Penalty +│ +0.5 │ bonus or penalty: the appraisers' decision", table), table
    new = tmp_path / "new.yaml"
    applied = cli("plan", ADJUST / "unit.yaml", "--target-index", "90", "--apply", "-o", new)
    assert applied.exit_code == 0, applied.all
    text = new.read_text(encoding="utf-8")
    assert '"2.1": {percent: 81.24' in text  # (4 + 1.5 + 3.2496 + 0.75 − 0.5) / 10: the least that shows 90.00
    assert ('bonus: {points: 0.75, claimed: 1, note: "Sáng kiến một cửa số", '
            'documents: ["Quyết định 12/QĐ-SNV"]}') in text
    assert result_json(cli, new)["index"] == 90.0


def test_diff_shows_bonus_and_penalty_and_their_change(cli, tmp_path):
    run = cli("diff", ADJUST / "unit.yaml", second_unit(tmp_path))
    assert run.exit_code == 0, run.all
    assert re.search(r"│ A +│ Sở Thử nghiệm │ 2025 │ +7.5 │ +10 │ +0.75 │ +0.5 │ +77.50 │ C", run.stdout), run.stdout
    assert re.search(r"│ bonus │ Điểm thưởng sáng kiến │ +1 │ 0.75 │ 0.25 │ -0.5 │", run.stdout), run.stdout
    plain = cli("diff", ROOT / "examples" / "bac-ninh-2020.yaml", ROOT / "examples" / "bac-ninh-2021.yaml")
    assert "Bonus" not in plain.stdout and "bonus" not in plain.stdout


def test_the_html_report_shows_them_beside_the_total(cli, tmp_path):
    out = tmp_path / "report.html"
    assert cli("report", ADJUST / "unit.yaml", second_unit(tmp_path), "-o", out, "--lang", "en").exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert ('<span class="rank">Points: 7.5 / 10</span> <span class="rank">Bonus: 0.75 / 1</span> '
            '<span class="rank">Penalty: 0.5 / 2</span>') in html
    assert '<span class="rank">Bonus: 0.25 / 1</span>' in html
    plain = tmp_path / "plain.html"
    assert cli("report", ROOT / "examples" / "bac-ninh-2021.yaml", "-o", plain).exit_code == 0
    assert "Bonus" not in plain.read_text(encoding="utf-8")


def test_xlsx_export_has_their_columns_and_rows_under_their_headers(cli, tmp_path):
    from python_calamine import CalamineWorkbook

    out = tmp_path / "out.xlsx"
    assert cli("export", ADJUST / "unit.yaml", second_unit(tmp_path), "-o", out, "--lang", "en").exit_code == 0
    book = CalamineWorkbook.from_path(str(out))
    rank, leaves = (book.get_sheet_by_name(name).to_python() for name in book.sheet_names[:2])
    head = rank[1]
    assert head[4:10] == ["Points", "Applicable max", "Bonus", "Penalty", "Index (%)", "Class"]
    assert rank[2][4:10] == [7.5, 10, 0.75, 0.5, 77.5, "C"]
    assert leaves[-1][4:8] == ["penalty", "Penalty", 2, 0.5]  # no title of its own: the sheet's word
    assert leaves[-2][4:8] == ["bonus", "Điểm thưởng sáng kiến", 1, 0.25]  # the framework's title


def test_converting_a_unit_with_adjustments_to_the_form_keeps_them(cli, tmp_path):
    """The form has their rows (tests/inputs/test_form_adjustments.py): never dropped on the way."""
    out = tmp_path / "form.xlsx"
    assert cli("convert", ADJUST / "unit.yaml", "-o", out).exit_code == 0
    shutil.copy(FRAMEWORK, tmp_path / "framework.yaml")
    assert result_json(cli, out)["adjustments"] == result_json(cli, ADJUST / "unit.yaml")["adjustments"]
    back = tmp_path / "back.yaml"
    assert cli("convert", out, "-o", back).exit_code == 0
    assert result_json(cli, back)["index"] == result_json(cli, ADJUST / "unit.yaml")["index"] == 77.5


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rank_diff_and_score_fit_the_terminal_with_their_columns(tmp_path, width, lang):
    """Short headers (Thưởng/Trừ, Bonus/Pen.) with their long words under the table: every line within the
    width, every unit name and number whole in its cell, as the JSON gives them."""
    from tests.test_widths import check_lines, run, tables

    units = []
    for i, (name, bonus) in enumerate([("Văn phòng Ủy ban nhân dân tỉnh", "1"), ("Sở Giao thông vận tải", "0.25"),
                                       ("Sở Thử nghiệm", "0.75")], start=1):
        path = tmp_path / f"u{i}.yaml"
        path.write_text((ADJUST / "unit.yaml").read_text(encoding="utf-8").replace("Sở Thử nghiệm", name)
                        .replace('"01"', f'"0{i}"').replace("points: 0.75", f"points: {bonus}")
                        .replace("framework: framework.yaml", f"framework: {json.dumps(str(FRAMEWORK))}"),
                        encoding="utf-8")
        units.append(path)
    short = {"vi": ("Thưởng", "Trừ", "Thưởng: điểm thưởng; Trừ: điểm trừ"),
             "en": ("Bonus", "Pen.", "Pen.: penalty")}[lang]
    out, _err = run(width, "rank", *units, "--lang", lang)
    check_lines(out, width)
    (table,) = tables(out)
    at = {key: table["head"].index(key) for key in short[:2]}
    unit_col = 1
    rows = {row[unit_col]: row for row in table["rows"]}
    assert set(rows) == {"Văn phòng Ủy ban nhân dân tỉnh", "Sở Giao thông vận tải", "Sở Thử nghiệm"}
    assert [rows[n][at[short[0]]] for n in ("Văn phòng Ủy ban nhân dân tỉnh", "Sở Giao thông vận tải",
                                            "Sở Thử nghiệm")] == ["1", "0.25", "0.75"]
    assert {row[at[short[1]]] for row in table["rows"]} == {"0.5"}
    assert short[2] in " ".join(out.split())
    out, _err = run(width, "diff", units[0], units[1], "--lang", lang)
    check_lines(out, width)
    head = tables(out)[0]
    assert [row[head["head"].index(short[0])] for row in head["rows"][:2]] == ["1", "0.25"]
    assert head["rows"][0][1] == "Văn phòng Ủy ban nhân dân tỉnh"
    out, _err = run(width, "score", units[0], "--lang", lang)
    check_lines(out, width)
    assert ("Điểm thưởng: 1 / 1" if lang == "vi" else "Bonus: 1 / 1") in out


def test_bonus_and_penalty_take_a_line_each_when_one_is_too_narrow():
    from tests.test_widths import check_lines, run

    unit = ROOT / "examples" / "adjusted" / "so-noi-vu.yaml"
    out, _err = run(80, "score", unit, "--depth", "field", lang="vi")
    check_lines(out, 80)
    assert "\nĐiểm thưởng: 1.5 / 2 (Sáng kiến, mô hình mới được công nhận)\nĐiểm trừ: 0.5 / 2 (Vi phạm, chậm báo " \
           "cáo)\nChỉ số (%): 90.830" in out
    out, _err = run(100, "score", unit, "--depth", "field", lang="en")
    check_lines(out, 100)
    assert "\nBonus: 1.5 / 2 (Recognised initiatives)   Penalty: 0.5 / 2 (Violations and late reports)\n" in out
