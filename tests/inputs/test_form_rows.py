"""A form's rows as a person moves them (issue 19, item 2): every row is read by the id in its
id column, every input column by its header; the hidden sheet's rows are only a hint.

Rows are inserted, deleted, swapped, sorted and edited with openpyxl, then each form is
re-saved by headless LibreOffice (one run) and read by parcli.
"""

from __future__ import annotations

import json
from copy import copy
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLES
from tests.inputs.test_form_cells import rows_of, write_form_of
from tests.office import convert

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def _row_cells(ws, r: int) -> list:
    return [(c.value, copy(c._style)) for c in ws[r]]


def _put_row(ws, r: int, cells: list) -> None:
    for i, (value, style) in enumerate(cells, start=1):
        c = ws.cell(row=r, column=i)
        c.value = value
        c._style = style


def _swap(ws, a: int, b: int) -> None:
    ca, cb = _row_cells(ws, a), _row_cells(ws, b)
    _put_row(ws, a, cb)
    _put_row(ws, b, ca)


def delete_a_row(ws, rows):
    ws.delete_rows(rows["7.2.1"])


def insert_blank_rows(ws, rows):
    ws.insert_rows(rows["5.1.1"], amount=3)  # in the middle
    ws.insert_rows(3, amount=2)  # and above the header: the unit's cells move down too


def insert_an_extra_row(ws, rows):
    ws.insert_rows(rows["3.1"])
    ws.cell(row=rows["3.1"], column=2).value = "Ghi chú của đơn vị: phần này do phòng Tư pháp điền"


def swap_two_rows(ws, rows):
    _swap(ws, rows["7.2.1"], rows["7.2.2"])


def sort_the_rows(ws, rows):
    first, last = 7, ws.max_row
    cells = [_row_cells(ws, r) for r in range(first, last + 1)]
    for r, row in zip(range(first, last + 1), reversed(cells), strict=True):
        _put_row(ws, r, row)


def edit_an_id(ws, rows):
    ws.cell(row=rows["7.2.1"], column=1).value = "7.2.9"


def duplicate_a_row(ws, rows):
    ws.insert_rows(rows["7.3"])
    _put_row(ws, rows["7.3"], _row_cells(ws, rows["7.2.2"]))


def values_without_an_id(ws, rows):
    ws.insert_rows(rows["7.3"])
    ws.cell(row=rows["7.3"], column=5).value = 71.3


def delete_a_column(ws, rows):
    ws.delete_cols(4)  # "Cách chấm", the widest text: every input column moves one to the left


def swap_two_columns(ws, rows):
    for r in range(1, ws.max_row + 1):  # Giải trình and Tài liệu kiểm chứng change places, headers and all
        k, m = ws.cell(row=r, column=11), ws.cell(row=r, column=12)
        k.value, m.value = m.value, k.value


def delete_an_input_column(ws, rows):
    ws.delete_cols(6)  # "Đã thực hiện"


def insert_a_column_first(ws, rows):
    ws.insert_cols(1)  # the ids now in column B, every input one column to the right


def delete_the_header_row(ws, rows):
    ws.delete_rows(6)  # the headers gone: the hidden sheet's column letters are the hint


def retype_ids_as_numbers(ws, rows):
    ws.cell(row=rows["2.2"], column=1).value = 2.2  # Excel makes "2.2" typed again a number
    ws.cell(row=rows["8"], column=1).value = 8


SCENARIOS = [delete_a_row, insert_blank_rows, insert_an_extra_row, swap_two_rows, sort_the_rows, edit_an_id,
             duplicate_a_row, values_without_an_id, delete_a_column, swap_two_columns, delete_an_input_column,
             insert_a_column_first, delete_the_header_row, retype_ids_as_numbers]


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> dict[str, tuple[Path, dict[str, int]]]:
    """Each scenario's form re-saved by LibreOffice, with the rows its ids had before the change."""
    work = tmp_path_factory.mktemp("rows")
    made = {}
    for change in SCENARIOS:
        form = write_form_of(BAC_NINH, work / f"{change.__name__}.xlsx")
        wb = load_workbook(form)
        ws = wb.worksheets[0]
        before = rows_of(ws)
        change(ws, before)
        wb.save(form)
        made[change.__name__] = (form, before)
    files = [f for f, _ in made.values()]
    done = dict(zip(files, convert(files, "xlsx", work / "resaved"), strict=True))
    return {name: (done[form], before) for name, (form, before) in made.items()}


@pytest.fixture(scope="module")
def expected():
    from typer.testing import CliRunner

    from parcli.cli import app

    run = CliRunner().invoke(app, ["score", str(BAC_NINH), "-f", "json"], env={"PARCLI_LANG": "en"})
    assert run.exit_code == 0
    return json.loads(run.stdout)


def scored(cli, path: Path) -> dict:
    run = cli("score", path, "-f", "json")
    assert run.exit_code == 0, run.all
    return json.loads(run.stdout)


def leaves(result: dict) -> list:
    return [(x["id"], x["points"], x["status"], x["reason"]) for x in result["leaves"]]


@pytest.mark.external
@pytest.mark.parametrize("name", ["insert_blank_rows", "insert_an_extra_row", "swap_two_rows", "sort_the_rows",
                                  "delete_a_column", "swap_two_columns", "insert_a_column_first",
                                  "delete_the_header_row", "retype_ids_as_numbers"])
def test_moved_rows_and_columns_read_the_same(cli, forms, expected, name):
    path, _before = forms[name]
    result = scored(cli, path)
    assert leaves(result) == leaves(expected)
    assert (result["points"], result["index"], result["unit"], result["year"]) == \
        (expected["points"], expected["index"], expected["unit"], expected["year"])


@pytest.mark.external
def test_swapped_rows_keep_their_values(cli, forms):
    """The issue's case: two rows swapped turned 85.49 into 84.49; read by id, 7.2.1 keeps 23.4 %."""
    path, before = forms["swap_two_rows"]
    rows = rows_of(load_workbook(path).worksheets[0])
    assert rows["7.2.1"] == before["7.2.2"] and rows["7.2.2"] == before["7.2.1"]
    result = scored(cli, path)
    assert result["index"] == 85.49
    by_id = {x["id"]: x for x in result["leaves"]}
    assert by_id["7.2.1"]["reason"].startswith("23.4%") and by_id["7.2.2"]["reason"].startswith("90.5%")


@pytest.mark.external
def test_a_deleted_row_is_reported_by_its_id(cli, forms):
    path, before = forms["delete_a_row"]
    run = cli("validate", path)
    assert run.exit_code == 1
    problems = [line for line in run.stdout.splitlines()
                if ": " in line and not line.endswith((" problem", " problems"))]  # not the count line
    assert problems == [f"{path}:Tự đánh giá: 7.2.1: its row is missing from the sheet (it was row "
                        f"{before['7.2.1']}); put the row back, e.g. copied from a new form (parcli template "
                        "province-2020 -o form.xlsx)"]  # 7.2.2 keeps its own value: nothing else is said


@pytest.mark.external
def test_an_edited_id_is_an_error_at_its_cell(cli, forms):
    path, before = forms["edit_an_id"]
    out = cli("validate", path).stdout
    row = before["7.2.1"]
    assert (f"{path}:Tự đánh giá!A{row}: Mã: '7.2.9' is not an id of framework province-2020; this row was 7.2.1 "
            "when the form was made: type its id back") in out
    assert f"{path}:Tự đánh giá: 7.2.1: its row is missing from the sheet (it was row {row})" in out


@pytest.mark.external
def test_a_duplicated_row_and_values_without_an_id_are_errors(cli, forms):
    path, before = forms["duplicate_a_row"]
    out = cli("validate", path).stdout
    assert (f"{path}:Tự đánh giá!A{before['7.3']}: Mã: 7.2.2 is also in row {before['7.2.2']}; each id has one "
            "row: delete one of the two") in out
    path, before = forms["values_without_an_id"]
    out = cli("validate", path).stdout
    assert (f"{path}:Tự đánh giá!E{before['7.3']}: Giá trị: this row has no id (Mã), so its values belong to no "
            "leaf; type the id, or move the values to their leaf's row") in out


def test_the_hidden_row_map_is_only_a_hint(cli, tmp_path, expected):
    """A form whose hidden sheet maps every id to a wrong row still reads by the ids in column A."""
    form = write_form_of(BAC_NINH, tmp_path / "f.xlsx")
    wb = load_workbook(form)
    meta = wb["parcli"]
    for row in meta.iter_rows():
        if row[0].value == "rows":  # every id "at" row 7
            row[1].value = "\n".join(line.rpartition(" ")[0] + " 7" for line in row[1].value.split("\n"))
    wb.save(form)
    assert leaves(scored(cli, form)) == leaves(expected)


@pytest.mark.external
def test_an_input_column_deleted_is_named(cli, forms):
    path, _before = forms["delete_an_input_column"]
    run = cli("validate", path)
    assert run.exit_code == 1
    assert (f"{path}:Tự đánh giá: the sheet has no column headed 'Đã thực hiện' (it was column F); put the column "
            "back, or make a new form") in run.stdout


@pytest.mark.external
def test_swapped_columns_keep_their_notes(cli, forms):
    path, _before = forms["swap_two_columns"]
    back = path.parent / "back.yaml"
    assert cli("convert", path, "-o", back, "--force").exit_code == 0
    assert '"1.5.1": {count: 2, note: "02 sáng kiến được UBND tỉnh công nhận"}' in back.read_text(encoding="utf-8")
