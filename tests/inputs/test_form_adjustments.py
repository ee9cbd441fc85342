"""Bonus and penalty in the XLSX form (issue 23 item 3, DESIGN §9 and §12a): one row per declared
adjustment after the leaves, its id the kind (``bonus``, ``penalty``), read back by that id with the
cell rules of a leaf's row into the unit's ``adjustments`` exactly as a unit file gives them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLES, ROOT
from tests.office import convert

ADJUST = ROOT / "tests" / "fixtures" / "adjust"
UNIT = ADJUST / "unit.yaml"
BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder with the test framework and its unit (bonus 0.75 claimed 1, penalty 0.5)."""
    for name in ("framework.yaml", "unit.yaml"):
        shutil.copy(ADJUST / name, tmp_path / name)
    return tmp_path


def run_ok(cli, *args):
    run = cli(*args)
    assert run.exit_code == 0, run.all
    return run


def scored(cli, path: Path) -> dict:
    obj = json.loads(run_ok(cli, "score", path, "-f", "json").stdout)
    obj.pop("file", None)
    return obj


def rows_of(ws) -> dict[str, int]:
    return {ws.cell(row=r, column=1).value: r for r in range(7, ws.max_row + 1) if ws.cell(row=r, column=1).value}


def edit(form: Path, change) -> Path:
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    change(ws, rows_of(ws))
    wb.save(form)
    return form


def problems(cli, form: Path) -> str:
    run = cli("validate", form)
    assert run.exit_code == 1, run.all
    return run.stdout


def unit_body(path: Path) -> str:
    """A unit file without its comment lines (they say where it was converted from)."""
    return "".join(line for line in path.read_text(encoding="utf-8").splitlines(True) if not line.startswith("#"))


# --- written --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_form_has_a_row_per_adjustment_after_the_leaves(cli, folder, lang):
    form = folder / "f.xlsx"
    run_ok(cli, "convert", folder / "unit.yaml", "-o", form, "--lang", lang)
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    rows = rows_of(ws)
    assert list(rows)[-2:] == ["bonus", "penalty"]  # after every field, criterion and leaf
    bonus, penalty = rows["bonus"], rows["penalty"]
    assert bonus == max(r for i, r in rows.items() if i not in ("bonus", "penalty")) + 1
    # the framework's title in the form's language; the default when it gives none
    assert ws[f"B{bonus}"].value == ("Bonus for initiatives" if lang == "en" else "Điểm thưởng sáng kiến")
    assert ws[f"B{penalty}"].value == ("Penalty points" if lang == "en" else "Điểm trừ")
    assert (ws[f"C{bonus}"].value, ws[f"C{penalty}"].value) == (1, 2)
    assert ws[f"D{penalty}"].value == ("Penalty points, given by the appraisers (0 to 2); taken off the total"
                                       if lang == "en" else
                                       "Điểm trừ do hội đồng thẩm định chấm (0 đến 2); bị trừ vào tổng điểm")
    # the unit's points in the value column, its claim, note and documents where a leaf has them
    assert [ws[f"{c}{bonus}"].value for c in "EIJKL"] == [0.75, 1, None, "Sáng kiến một cửa số",
                                                          "Quyết định 12/QĐ-SNV"]
    assert [ws[f"{c}{penalty}"].value for c in "EIJKL"] == [0.5, None, None, "Chậm báo cáo quý II", None]
    # input cells unlocked, the rest locked; decimal validation 0..max on points, claimed and appraised
    for row in (bonus, penalty):
        assert [ws[f"{c}{row}"].protection.locked for c in "ABCDEFGHIJKL"] == \
            [True, True, True, True, False, True, True, True, False, False, False, False]
    ranges = {}
    for dv in ws.data_validations.dataValidation:
        for cell in str(dv.sqref).split():
            ranges[cell] = (dv.type, dv.formula1, dv.formula2)
    for c in "EIJ":
        assert ranges[f"{c}{bonus}"] == ("decimal", "0", "1")
        assert ranges[f"{c}{penalty}"] == ("decimal", "0", "2")
    assert f"H{bonus}" not in ranges  # never not applicable
    assert ws.print_area.endswith(f"$L${penalty}")
    help_text = "\n".join(str(c.value) for c in wb.worksheets[1]["A"])
    assert "bonus, penalty" in help_text
    hidden = "\n".join(r[1] for r in wb["parcli"].iter_rows(values_only=True) if r[0] == "rows")
    assert f"bonus {bonus}\npenalty {penalty}" in hidden


def test_a_framework_without_adjustments_has_no_such_rows(cli, tmp_path):
    form = tmp_path / "f.xlsx"
    run_ok(cli, "convert", BAC_NINH, "-o", form)
    wb = load_workbook(form)
    assert not {"bonus", "penalty"} & set(rows_of(wb.worksheets[0]))
    assert "bonus" not in "\n".join(str(c.value) for c in wb.worksheets[1]["A"])


def test_a_framework_declaring_only_a_bonus_has_only_its_row(cli, folder):
    fw = folder / "framework.yaml"
    fw.write_text(fw.read_text(encoding="utf-8").replace("  penalty: {max: 2}\n", ""), encoding="utf-8")
    unit = folder / "unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").split("  penalty:")[0], encoding="utf-8")
    form = folder / "f.xlsx"
    run_ok(cli, "convert", unit, "-o", form)
    assert list(rows_of(load_workbook(form).worksheets[0]))[-1] == "bonus"
    assert "penalty" not in rows_of(load_workbook(form).worksheets[0])
    assert scored(cli, form) == scored(cli, unit)


# --- read back ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_yaml_to_form_to_yaml_is_identical(cli, folder, lang):
    form, back = folder / "f.xlsx", folder / "back.yaml"
    run_ok(cli, "convert", folder / "unit.yaml", "-o", form, "--lang", lang)
    run_ok(cli, "convert", form, "-o", back)
    again = folder / "again.yaml"
    run_ok(cli, "convert", folder / "unit.yaml", "-o", again)  # the unit file as parcli writes it
    assert unit_body(back) == unit_body(again)
    assert "  bonus: {points: 0.75, claimed: 1, note: \"Sáng kiến một cửa số\", documents: [\"Quyết định " \
           "12/QĐ-SNV\"]}" in unit_body(back)
    obj = scored(cli, form)
    assert obj == scored(cli, folder / "unit.yaml")
    assert [(a["kind"], a["points"], a["claimed"]) for a in obj["adjustments"]] == [("bonus", 0.75, 1),
                                                                                  ("penalty", 0.5, None)]
    assert obj["index"] == 77.5


def test_the_form_reader_gives_the_units_adjustments_as_the_yaml_reader(folder):
    """The interface the campaign uses: Store().unit of a form has the Unit.adjustments of the YAML."""
    from parcli.report.form import write_form
    from parcli.store import Store

    unit, fw = Store().unit(folder / "unit.yaml")
    form = folder / "f.xlsx"
    form.write_bytes(write_form(fw, unit.framework_ref, "vi", unit=unit))
    read, _fw = Store().unit(form)
    assert read.adjustments == unit.adjustments
    assert read.evidence == unit.evidence


def test_a_blank_template_filled_in_scores_its_adjustments(cli, folder):
    form = folder / "t.xlsx"
    run_ok(cli, "template", folder / "framework.yaml", "-o", form)

    def fill(ws, rows):
        ws["B2"] = "Sở B"
        ws[f"E{rows['1.1']}"] = "Có"
        ws[f"E{rows['bonus']}"] = "0,5"  # a number typed as text with a decimal comma
        ws[f"I{rows['bonus']}"] = 1
        ws[f"L{rows['bonus']}"] = "QĐ 1/QĐ\nQĐ 2/QĐ"
        ws[f"E{rows['penalty']}"] = 1
        ws[f"J{rows['penalty']}"] = 1.25  # the appraised points win, as on a leaf's row
    edit(form, fill)
    obj = scored(cli, form)
    assert [(a["kind"], a["points"], a["claimed"], a["documents"]) for a in obj["adjustments"]] == \
        [("bonus", 0.5, 1, ["QĐ 1/QĐ", "QĐ 2/QĐ"]), ("penalty", 1.25, None, [])]
    assert obj["points"] == 4 and obj["index"] == 32.5  # (4 + 0.5 − 1.25) / 10 × 100
    back = folder / "back.yaml"
    run_ok(cli, "convert", form, "-o", back)
    assert "  penalty: {points: 1.25}" in back.read_text(encoding="utf-8")


def test_empty_adjustment_rows_give_no_adjustments(cli, folder):
    form = folder / "t.xlsx"
    run_ok(cli, "template", folder / "framework.yaml", "-o", form)
    edit(form, lambda ws, rows: ws.__setitem__("B2", "Sở B"))
    from parcli.store import Store

    unit, _fw = Store().unit(form)
    assert unit.adjustments == {}
    obj = scored(cli, form)
    assert [(a["kind"], a["points"], a["status"]) for a in obj["adjustments"]] == [("bonus", 0, "missing"),
                                                                                 ("penalty", 0, "missing")]


def test_rows_moved_and_sorted_read_the_same(cli, folder):
    form = folder / "f.xlsx"
    run_ok(cli, "convert", folder / "unit.yaml", "-o", form)
    expected = scored(cli, form)

    def move(ws, rows):  # the bonus and penalty rows above the leaves, swapped, a blank row between
        bonus = [c.value for c in ws[rows["bonus"]]]
        penalty = [c.value for c in ws[rows["penalty"]]]
        ws.insert_rows(7, amount=3)
        for i, value in enumerate(penalty, start=1):
            ws.cell(row=7, column=i).value = value
        for i, value in enumerate(bonus, start=1):
            ws.cell(row=9, column=i).value = value
        for r in (rows["bonus"] + 3, rows["penalty"] + 3):
            for c in ws[r]:
                c.value = None
    edit(form, move)
    assert scored(cli, form) == expected


# --- refused at their cell ------------------------------------------------------


def test_cell_rules_of_a_leaf_hold_on_adjustment_rows(cli, folder):
    form = folder / "f.xlsx"
    run_ok(cli, "convert", folder / "unit.yaml", "-o", form, "--lang", "vi")
    rows = rows_of(load_workbook(form).worksheets[0])
    b, p = rows["bonus"], rows["penalty"]

    def spoil(ws, rows):
        ws[f"E{b}"] = 1.5  # above its max 1
        ws[f"I{b}"] = "1,480"  # reads two ways
        ws[f"J{b}"] = 0.5  # a percentage where a number belongs
        ws[f"J{b}"].number_format = "0%"
        ws[f"E{p}"] = -1
        ws[f"F{p}"] = 3  # done on a row that is not a rate
        ws[f"H{p}"] = "Có"  # never not applicable
    edit(form, spoil)
    out = problems(cli, form)
    at = "f.xlsx:Tự đánh giá!"
    assert f"{at}E{b}: bonus (Giá trị): 1.5 is above the row's max 1" in out
    assert f"{at}I{b}: bonus (Điểm tự chấm): '1,480' may be read as 1480 or as 1.48" in out
    assert f"{at}J{b}: bonus (Điểm thẩm định): the cell shows a percentage (50%), but this column takes a number" \
        in out
    assert f"{at}E{p}: penalty (Giá trị): -1 is below 0" in out
    assert f"{at}F{p}: penalty (Đã thực hiện): penalty is not a rate" in out
    assert f"{at}H{p}: penalty (Không áp dụng): bonus and penalty points are never not applicable; clear " \
           "Không áp dụng" in out
    vi = cli("validate", form, "--lang", "vi").stdout
    assert f"{at}E{b}: bonus (Giá trị): 1.5 vượt quá điểm tối đa 1 của dòng này" in vi


def test_a_date_and_an_excel_error_on_an_adjustment_row(cli, folder):
    import datetime

    form = folder / "f.xlsx"
    run_ok(cli, "convert", folder / "unit.yaml", "-o", form, "--lang", "vi")

    def spoil(ws, rows):
        ws[f"E{rows['bonus']}"] = datetime.date(2025, 3, 5)
    edit(form, spoil)
    out = problems(cli, form)
    assert "E12: bonus (Giá trị): the spreadsheet turned the number into a date (2025-03-05)" in out


def test_a_renamed_header_names_the_messages(cli, folder):
    form = folder / "f.xlsx"
    run_ok(cli, "convert", folder / "unit.yaml", "-o", form, "--lang", "en")

    def spoil(ws, rows):
        ws[f"E{rows['bonus']}"] = 3
        ws["E6"] = "Value"
        ws["I6"] = "claimed points"  # any case: still the claimed column, its header as the file says it
        ws[f"I{rows['penalty']}"] = 2.5
    edit(form, spoil)
    out = problems(cli, form)
    assert "!E12: bonus (Value): 3 is above the row's max 1" in out
    assert "!I13: penalty (claimed points): 2.5 is above the row's max 2" in out


def test_an_adjustment_row_under_a_framework_without_them_is_an_error_at_its_id(cli, tmp_path):
    form = tmp_path / "f.xlsx"
    run_ok(cli, "convert", BAC_NINH, "-o", form, "--lang", "vi")
    last = {}

    def add(ws, rows):
        last["row"] = ws.max_row + 1
        ws.cell(row=last["row"], column=1).value = "bonus"
        ws.cell(row=last["row"], column=5).value = 1
    edit(form, add)
    out = problems(cli, form)
    assert (f"f.xlsx:Tự đánh giá!A{last['row']}: Mã: 'bonus' is not a row of framework province-2020, which "
            "declares no such bonus or penalty points; delete the row") in out


def test_a_row_for_an_adjustment_the_framework_does_not_declare(cli, folder):
    fw = folder / "framework.yaml"
    fw.write_text(fw.read_text(encoding="utf-8").replace("  penalty: {max: 2}\n", ""), encoding="utf-8")
    unit = folder / "unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").split("  penalty:")[0], encoding="utf-8")
    form = folder / "f.xlsx"
    run_ok(cli, "convert", unit, "-o", form, "--lang", "vi")
    edit(form, lambda ws, rows: ws.cell(row=ws.max_row + 1, column=1, value="Penalty"))
    assert "!A13: Mã: 'penalty' is not a row of framework adjust-example" in problems(cli, form)


def test_an_adjustment_row_twice_or_deleted(cli, folder):
    form = folder / "f.xlsx"
    run_ok(cli, "convert", folder / "unit.yaml", "-o", form, "--lang", "vi")

    def twice(ws, rows):
        ws.cell(row=ws.max_row + 1, column=1, value="bonus")
    edit(form, twice)
    assert "!A14: Mã: bonus is also in row 12; each id has one row: delete one of the two" in problems(cli, form)
    run_ok(cli, "convert", folder / "unit.yaml", "-o", form, "--force", "--lang", "vi")
    edit(form, lambda ws, rows: ws.delete_rows(rows["penalty"]))
    assert "penalty: its row is missing from the sheet (it was row 13)" in problems(cli, form)


def test_a_framework_with_adjustments_refuses_a_node_named_like_one(cli, folder):
    fw = folder / "framework.yaml"
    fw.write_text(fw.read_text(encoding="utf-8").replace('id: "2.1"', 'id: "Bonus"'), encoding="utf-8")
    run = cli("validate", fw)
    assert run.exit_code == 1
    assert "'Bonus' is both a node's id and the id of a row of bonus or penalty points in the form" in run.stdout


# --- every command that writes or reads a form ----------------------------------


def test_plan_apply_to_a_form_keeps_them(cli, folder):
    out = folder / "planned.xlsx"
    run_ok(cli, "plan", folder / "unit.yaml", "--target-index", "90", "--apply", "-o", out)
    obj = scored(cli, out)
    assert [(a["kind"], a["points"]) for a in obj["adjustments"]] == [("bonus", 0.75), ("penalty", 0.5)]
    assert obj["index"] >= 90


def test_rank_and_diff_read_forms_with_adjustments(cli, folder):
    form = folder / "u.xlsx"
    run_ok(cli, "convert", folder / "unit.yaml", "-o", form)
    edit(form, lambda ws, rows: ws.__setitem__(f"E{rows['bonus']}", 1))
    out = folder / "r.csv"
    run_ok(cli, "rank", form, "-o", out)
    head, row = out.read_text(encoding="utf-8").splitlines()[:2]
    assert dict(zip(head.split(","), row.split(","), strict=True))["bonus"] == "1"
    diff = run_ok(cli, "diff", folder / "unit.yaml", form).stdout
    assert "│ bonus │ Điểm thưởng sáng kiến │   1 │ 0.75 │ 1 │ +0.25 │" in diff


@pytest.mark.external
def test_libreoffice_resaved_forms_with_adjustments_read_the_same(cli, folder):
    """Forms in both languages, filled, re-saved by LibreOffice Calc (headless): the same unit."""
    forms = []
    for lang in ("vi", "en"):
        form = folder / f"{lang}.xlsx"
        run_ok(cli, "convert", folder / "unit.yaml", "-o", form, "--lang", lang)
        forms.append(form)
    blank = folder / "blank.xlsx"
    run_ok(cli, "template", folder / "framework.yaml", "-o", blank)

    def fill(ws, rows):
        ws["B2"] = "Sở B"
        ws[f"E{rows['bonus']}"] = 0.5
        ws[f"K{rows['bonus']}"] = "Sáng kiến"
        ws[f"E{rows['penalty']}"] = "1,5"
        ws[f"J{rows['penalty']}"] = 2
    forms.append(edit(blank, fill))
    resaved = convert(forms, "xlsx", folder / "lo")
    expected = scored(cli, folder / "unit.yaml")
    for form, again in zip(forms[:2], resaved[:2], strict=True):
        target = folder / f"{form.stem}-lo.xlsx"
        target.write_bytes(again.read_bytes())
        assert target.read_bytes() != form.read_bytes()  # really written by LibreOffice
        assert scored(cli, target) == expected, form.name
        back = folder / f"{form.stem}-lo.yaml"
        run_ok(cli, "convert", target, "-o", back)
        assert unit_body(back).split("adjustments:")[1] == unit_body(folder / "unit.yaml").split("adjustments:")[1]
    target = folder / "blank-lo.xlsx"
    target.write_bytes(resaved[2].read_bytes())
    obj = scored(cli, target)
    assert [(a["kind"], a["points"], a["note"]) for a in obj["adjustments"]] == [("bonus", 0.5, "Sáng kiến"),
                                                                               ("penalty", 2, None)]


@pytest.mark.external
def test_the_printed_form_ends_with_the_adjustment_rows(cli, tmp_path):
    """The print area holds the bonus and penalty rows: the example's form through LibreOffice's PDF export."""
    from tests.conftest import with_its_framework
    from tests.report.test_form_print import pages_text

    unit = EXAMPLES / "adjusted" / "so-noi-vu.yaml"
    form = with_its_framework(unit, tmp_path) / "f.xlsx"
    run_ok(cli, "convert", unit, "-o", form, "--lang", "vi")
    pdf = convert([form], "pdf", tmp_path / "pdf")[0]
    pages = [p for p in pages_text(pdf) if "Phiếu tự đánh giá" in p]
    last = " ".join(pages[-1].split())
    assert "bonus Sáng kiến, mô hình mới được công nhận 2" in last
    assert "penalty Vi phạm, chậm báo cáo 2" in last
    assert "Điểm thưởng ngoài các tiêu chí" in last


def test_a_note_longer_than_a_cell_is_refused_naming_its_row(cli, folder):
    unit = folder / "unit.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("Chậm báo cáo quý II", "x" * 33_000), encoding="utf-8")
    run = cli("convert", unit, "-o", folder / "f.xlsx")
    assert run.exit_code == 1
    assert "the note of row penalty: 33,000 characters, more than an Excel cell holds (32,767)" in run.all
    assert not (folder / "f.xlsx").exists()
