"""A form's cells as a person leaves them in a spreadsheet (issue 19, items 1, 3, 4, 5, 6).

Each form is filled the way Excel stores what a person types (85% is 0.85 with a percentage
format, a number in a text cell is text, a number typed into a date cell is a date, a formula
that cannot be computed is an error), then re-saved by headless LibreOffice, then read by
parcli: it gives the score the person sees, or a message at the cell in the form's own words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLES, MINI_FRAMEWORK, mini_unit
from tests.office import convert

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def write_form_of(unit: Path, out: Path, lang: str = "vi") -> Path:
    from parcli.report.form import write_form
    from parcli.store import Store

    u, fw = Store().unit(unit)
    out.write_bytes(write_form(fw, u.framework_ref, lang, unit=u))
    return out


def rows_of(ws) -> dict[str, int]:
    """Each id's row, read from column A as a person would find it."""
    return {ws.cell(row=r, column=1).value: r for r in range(7, ws.max_row + 1) if ws.cell(row=r, column=1).value}


def edited(form: Path, change) -> Path:
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    change(ws, rows_of(ws))
    wb.save(form)
    return form


def yaml_with(unit: Path, out: Path, values: dict[str, str]) -> Path:
    """A copy of a unit file with some leaves' evidence replaced (``"7.2.1": "{percent: 85}"``)."""
    text = unit.read_text(encoding="utf-8")
    for leaf, value in values.items():
        text, n = re.subn(rf'^  "{re.escape(leaf)}":.*$', f'  "{leaf}": {value}', text, flags=re.M)
        assert n == 1, leaf
    out.write_text(text, encoding="utf-8")
    return out


def _percent_typed(ws, rows):
    ws[f"E{rows['1.3.1']}"] = 0.85  # typed 85% in Excel: 0.85 shown as a percentage
    ws[f"E{rows['1.3.1']}"].number_format = "0%"
    ws[f"E{rows['1.5.2']}"] = 0.8549  # typed 85.49%
    ws[f"E{rows['1.5.2']}"].number_format = "0.00%"
    ws[f"E{rows['2.2']}"] = "85 %"  # a text cell
    ws[f"E{rows['7.2.1']}"] = "85,5"  # a vi-VN person in a text cell
    ws[f"E{rows['3.2.1']}"] = 97  # a General cell: what it shows


def _numbers_as_text(ws, rows):
    ws[f"E{rows['5.3.2']}"] = "2"
    ws[f"E{rows['8.1.1']}"] = " 3.9 "
    ws[f"E{rows['1.5.1']}"] = "1 480"  # a space between thousands reads one way only
    ws[f"F{rows['6.1.1']}"] = "29"
    ws[f"G{rows['6.1.1']}"] = "36,0"


def _cells_that_are_not_values(ws, rows):
    ws[f"E{rows['1.5.1']}"] = "1,480"  # 1480, or 1.48 with a decimal comma
    ws[f"E{rows['3.2.1']}"] = "=1/0"  # LibreOffice computes it: #DIV/0!
    ws[f"E{rows['1.6.1']}"] = "=NA()"
    ws[f"E{rows['2.4.1']}"] = '="a"+1'
    ws[f"E{rows['8.1.1']}"] = 3.6  # typed into a cell formatted as a date
    ws[f"E{rows['8.1.1']}"].number_format = "dd/mm/yyyy"
    ws[f"E{rows['5.3.2']}"] = 0.02  # a count cell formatted as a percentage shows 2%
    ws[f"E{rows['5.3.2']}"].number_format = "0%"
    ws[f"I{rows['7.2.1']}"] = "TRUE"  # text in the claimed points


def _appraised_everywhere(ws, rows):
    for leaf in ("1.1.1", "1.1.2", "1.1.3", "1.2", "2.1.1", "2.1.2", "2.1.3", "2.1.4"):
        ws[f"J{rows[leaf]}"] = 0.75 if leaf not in ("1.1.2", "1.2") else 1.5


def _titles(ws, rows):
    ws[f"E{rows['1.1.1']}"] = "Không kịp thời"  # the Vietnamese title
    ws[f"E{rows['1.2.1']}"] = "complete but late"  # the English title, as a person might type it
    ws[f"E{rows['4.3']}"] = "chua_day_du"  # the key


def _header_and_words(ws, rows):
    ws["B2"] = None
    ws["B4"] = "năm ngoái"
    ws[f"H{rows['1.1.3']}"] = "Có"  # not applicable, with a value beside it
    ws[f"E{rows['1.1.3']}"] = "Có"
    ws[f"E{rows['1.2.2']}"] = "Được"
    ws[f"F{rows['1.1.2']}"] = 10  # done without of
    ws[f"G{rows['1.1.2']}"] = None
    ws[f"E{rows['7.1.3']}"] = 5  # a manual leaf above its max
    ws[f"E{rows['5.3.2']}"] = 2.5
    ws[f"F{rows['5.3.2']}"] = 2  # done/of on a leaf that is not a rate
    ws[f"H{rows['1.5']}"] = "Có"  # a criterion not applicable, its leaves filled


SCENARIOS = {
    "percent-typed": (BAC_NINH, _percent_typed),
    "numbers-as-text": (BAC_NINH, _numbers_as_text),
    "not-values": (BAC_NINH, _cells_that_are_not_values),
    "titles": (BAC_NINH, _titles),
    "words": (BAC_NINH, _header_and_words),
    "appraised": (None, _appraised_everywhere),
}


@pytest.fixture(scope="module")
def resaved(tmp_path_factory) -> dict[str, Path]:
    """Every scenario's form, filled with openpyxl as Excel stores it, re-saved by LibreOffice (one run)."""
    work = tmp_path_factory.mktemp("cells")
    (work / "mini.yaml").write_text(MINI_FRAMEWORK.lstrip("\n"), encoding="utf-8")
    (work / "mini-unit.yaml").write_text(mini_unit(), encoding="utf-8")
    forms = {}
    for name, (unit, change) in SCENARIOS.items():
        form = write_form_of(unit or work / "mini-unit.yaml", work / f"{name}.xlsx")
        forms[name] = edited(form, change)
    done = dict(zip(forms.values(), convert(list(forms.values()), "xlsx", work / "resaved"), strict=True))
    out = {}
    for name, form in forms.items():  # each re-saved form beside its framework file
        target = work / f"{name}-lo.xlsx"
        target.write_bytes(done[form].read_bytes())
        out[name] = target
    out["work"] = work
    return out


def scored(cli, path: Path) -> dict:
    run = cli("score", path, "-f", "json")
    assert run.exit_code == 0, run.all
    return json.loads(run.stdout)


def same_scores(a: dict, b: dict) -> None:
    for key in ("points", "max", "index", "class"):
        assert a[key] == b[key], key
    assert [(x["id"], x["points"], x["status"]) for x in a["leaves"]] == \
        [(x["id"], x["points"], x["status"]) for x in b["leaves"]]


@pytest.mark.external
def test_percent_cells_read_as_the_person_sees_them(cli, resaved, tmp_path):
    """19.1: 85% typed in Excel (0.85 with a percentage format) is 85 %, as is '85 %' and '85,5' typed as text."""
    form = scored(cli, resaved["percent-typed"])
    expected = scored(cli, yaml_with(BAC_NINH, tmp_path / "u.yaml", {
        "1.3.1": "{percent: 85}", "1.5.2": "{percent: 85.49}", "2.2": "{percent: 85}",
        "7.2.1": "{percent: 85.5, claimed: 1.5}",
        "3.2.1": "{percent: 97}"}))
    same_scores(form, expected)
    leaves = {x["id"]: x for x in form["leaves"]}
    assert leaves["1.3.1"]["reason"].startswith("85%") and leaves["1.5.2"]["reason"].startswith("85.49%")


@pytest.mark.external
def test_numbers_typed_as_text_that_read_one_way(cli, resaved, tmp_path):
    """19.4: "2", " 3.9 ", "1 480", "36,0" in text cells are those numbers."""
    expected = yaml_with(BAC_NINH, tmp_path / "u.yaml", {
        "5.3.2": "{count: 2}", "8.1.1": "{value: 3.9}",
        "1.5.1": '{count: 1480, note: "02 sáng kiến được UBND tỉnh công nhận"}',
        "6.1.1": "{done: 29, of: 36}"})
    same_scores(scored(cli, resaved["numbers-as-text"]), scored(cli, expected))


@pytest.mark.external
def test_cells_that_hold_no_value_are_errors_at_their_cell(cli, resaved):
    """19.4: an ambiguous number names both readings; Excel errors and dates are errors where they are."""
    path = resaved["not-values"]
    run = cli("validate", path)
    assert run.exit_code == 1
    rows = rows_of(load_workbook(path).worksheets[0])
    at = f"{path.name}:Tự đánh giá!"
    out = run.stdout
    assert (f"{at}E{rows['1.5.1']}: 1.5.1 (Giá trị): '1,480' may be read as 1480 or as 1.48; type the number again "
            "without a thousands separator") in out
    assert f"{at}E{rows['3.2.1']}: 3.2.1 (Giá trị): the cell shows the error #DIV/0!, a formula that cannot" in out
    assert f"{at}E{rows['1.6.1']}: 1.6.1 (Giá trị): the cell shows the error #N/A" in out
    assert f"{at}E{rows['2.4.1']}: 2.4.1 (Giá trị): the cell shows the error #VALUE!" in out
    assert (f"{at}E{rows['8.1.1']}: 8.1.1 (Giá trị): the spreadsheet turned the number into a date (1900-01-03 14:24); "
            "format the cell as Number and type the number again") in out
    assert (f"{at}E{rows['5.3.2']}: 5.3.2 (Giá trị): the cell shows a percentage (2%), but this column takes a "
            "number") in out
    assert f"{at}I{rows['7.2.1']}: 7.2.1 (Điểm tự chấm): 'TRUE' is not a number" in out
    assert "no evidence" not in out and "Traceback" not in run.all


KINDS = {"1.1.1": "yes_no", "1.1.2": "bands", "1.1.3": "choice", "1.2": "linear", "2.1.1": "scale",
         "2.1.2": "per_item", "2.1.3": "deduction", "2.1.4": "manual"}


@pytest.fixture(scope="module")
def appraised(resaved):
    from typer.testing import CliRunner

    from parcli.cli import app

    run = CliRunner().invoke(app, ["score", str(resaved["appraised"]), "-f", "json"], env={"PARCLI_LANG": "en"})
    assert run.exit_code == 0, run.stdout
    return json.loads(run.stdout)


@pytest.mark.external
@pytest.mark.parametrize("leaf, kind", KINDS.items(), ids=list(KINDS.values()))
def test_the_appraised_column_wins_on_every_kind(appraised, leaf, kind):
    """19.3: 'Điểm thẩm định' beside a value replaces the computed points on every rule kind, manual included,
    and the result says it is an override."""
    from parcli.rules import REGISTRY

    assert kind in REGISTRY
    found = next(x for x in appraised["leaves"] if x["id"] == leaf)
    want = 1.5 if leaf in ("1.1.2", "1.2") else 0.75
    assert (found["points"], found["status"]) == (want, "override"), found
    assert found["reason"].startswith("appraiser's points (computed ")
    assert any(w.startswith(f"{leaf}: {want:g} points given override the ") for w in appraised["warnings"])


def test_every_kind_is_in_the_appraised_form():
    from parcli.rules import KINDS as ALL

    assert sorted(KINDS.values()) == sorted(ALL)


@pytest.mark.external
def test_appraised_points_survive_a_unit_file_and_a_new_form(cli, resaved, appraised):
    leaves = {x["id"]: x for x in appraised["leaves"]}
    assert leaves["2.1.4"]["reason"] == "appraiser's points (computed 0.5: value 0.5)"
    back = resaved["work"] / "appraised-back.yaml"
    assert cli("convert", resaved["appraised"], "-o", back, "--force").exit_code == 0
    assert '"2.1.4": {value: 0.5, points: 0.75}' in back.read_text(encoding="utf-8")
    again = resaved["work"] / "appraised-again.xlsx"
    assert cli("convert", back, "-o", again, "--force").exit_code == 0
    assert scored(cli, again)["leaves"] == appraised["leaves"]


@pytest.mark.external
def test_an_option_is_read_by_its_title_in_either_language_or_its_key(cli, resaved, tmp_path):
    """19.5: the drop-down shows the titles; a cell holding a title (vi or en, any case) or the key reads."""
    expected = yaml_with(BAC_NINH, tmp_path / "u.yaml", {"1.1.1": "khong_kip_thoi", "1.2.1": "khong_dung_han",
                                                          "4.3": "chua_day_du"})
    same_scores(scored(cli, resaved["titles"]), scored(cli, expected))
    back = tmp_path / "back.yaml"
    assert cli("convert", resaved["titles"], "-o", back).exit_code == 0
    assert '"1.1.1": "khong_kip_thoi"' in back.read_text(encoding="utf-8")  # a unit file holds the key


@pytest.mark.external
def test_messages_about_a_form_use_its_words(cli, resaved):
    """19.6: the form's cells, headers, Có/Không and titles; never the YAML (keys, {points: }, {na: true})."""
    path = resaved["words"]
    rows = rows_of(load_workbook(path).worksheets[0])
    at = f"{path.name}:Tự đánh giá!"
    for lang in ("en", "vi"):
        run = cli("validate", path, "--lang", lang)
        assert run.exit_code == 1
        out = run.stdout
        for yaml_word in ("{points", "{na", "percent:", "'percent'", "'done'", "done:", "khóa", "true (có)",
                          "{value", "{count"):
            assert yaml_word not in out, (lang, yaml_word, out)
    vi = cli("validate", path, "--lang", "vi").stdout
    assert f"{at}B2: ô B2 (Tên đơn vị) còn trống; hãy ghi tên đơn vị" in vi
    assert f"{at}B4: ô B4 (Năm): 'năm ngoái' không phải là số" in vi
    assert (f"{at}E{rows['1.1.3']}: 1.1.3 (Giá trị): dòng này được đánh dấu không áp dụng (Không áp dụng: Có); "
            "hãy xóa Giá trị, hoặc xóa Không áp dụng") in vi
    assert f"{at}E{rows['1.2.2']}: 1.2.2 (Giá trị): 'Được' không phải Có hay Không; hãy chọn trong danh sách" in vi
    assert (f"{at}F{rows['1.1.2']}: 1.1.2 (Đã thực hiện): Đã thực hiện và Tổng số đi cùng nhau; hãy điền cả hai, "
            "hoặc bỏ trống cả hai") in vi
    assert f"{at}E{rows['7.1.3']}: 7.1.3 (Giá trị): 5 vượt điểm tối đa 1 của tiêu chí" in vi
    assert f"{at}E{rows['5.3.2']}: 5.3.2 (Giá trị): số lượng phải là số nguyên, nhưng là 2.5" in vi
    assert (f"{at}E{rows['1.5.1']}: 1.5.1: thuộc 1.5 (dòng {rows['1.5']}) đã đánh dấu không áp dụng; hãy xóa một "
            "trong hai") in vi
    en = cli("validate", path, "--lang", "en").stdout
    assert (f"{at}F{rows['5.3.2']}: 5.3.2 (Đã thực hiện): 5.3.2 is not a rate; Đã thực hiện and Tổng số stay "
            "empty, its value goes in Giá trị") in en


def test_option_titles_in_every_view(cli, tmp_path):
    """19.5: the drop-down in --lang, template, explain, plan and report show the options' titles."""
    for lang, titles in (("vi", ["Kịp thời", "Không kịp thời", "Không ban hành"]),
                         ("en", ["On time", "Late", "Not issued"])):
        form = tmp_path / f"{lang}.xlsx"
        assert cli("template", "province-2020", "-o", form, "--lang", lang).exit_code == 0
        assert [c.value for c in load_workbook(form)["parcli_lists"]["A"]] == titles
    explain = cli("explain", "province-2020", "1.1.1", "--lang", "en").stdout
    assert "One of: On time: 0.5; Late: 0.25; Not issued: 0" in explain
    assert "kip_thoi (On time) | khong_kip_thoi (Late)" in explain
    template = cli("template", "province-2020", "--lang", "vi").stdout
    assert "# kip_thoi (Kịp thời) | khong_kip_thoi (Không kịp thời) | khong_ban_hanh (Không ban hành)" in template
    unit = yaml_with(BAC_NINH, tmp_path / "late.yaml", {"1.1.1": "khong_kip_thoi"})
    plan = cli("plan", unit, "--lang", "vi").stdout
    assert re.search(r"1\.1\.1 .*│ Không kịp thời +│ Kịp thời ", plan), plan
    department = EXAMPLES / "departments" / "so-y-te.yaml"  # 6.3: chua_day_du, its largest loss
    assert cli("report", department, "-o", tmp_path / "r.html", "--lang", "en").exit_code == 0
    assert "<td>As prescribed</td>" in (tmp_path / "r.html").read_text(encoding="utf-8")
    wrong = yaml_with(BAC_NINH, tmp_path / "wrong.yaml", {"1.1.1": "som"})
    run = cli("validate", wrong)
    assert "choose one of kip_thoi (On time), khong_kip_thoi (Late), khong_ban_hanh (Not issued)" in run.stdout
