"""Last year's ranking read back (parcli/inputs/ranking.py, parcli/inputs/result.py): a rank CSV or
workbook as --previous or --against, a result JSON for diff, with the limits of every file parcli
reads."""

from __future__ import annotations

import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLES
from tests.office import convert
from tests.test_batch import DEPARTMENTS, copy_unit, rank_rows


def test_previous_finds_units_whose_names_start_with_an_apostrophe_or_a_space(cli, tmp_path, write):
    names = ["'Sở A", " Sở B", "=Sở C"]
    units = [write(f"u{i}.yaml", f'schema: parcli/unit/v1\nunit: "{n}"\nyear: 2021\nframework: province-2020\n'
                                 'evidence:\n  "3.2.1": {percent: 97}\n') for i, n in enumerate(names)]
    before = tmp_path / "before.csv"
    assert cli("rank", *units, "-o", before).exit_code == 0
    after = tmp_path / "after.csv"
    assert cli("rank", *units, "--previous", before, "-o", after).exit_code == 0
    import csv

    rows = list(csv.DictReader(after.read_text(encoding="utf-8-sig").splitlines()))
    assert all(r["previous_rank"] for r in rows), rows


def test_numbers_read_back_get_the_same_limits(cli, tmp_path):
    result = cli("score", EXAMPLES / "bac-ninh-2021.yaml", "-f", "json").stdout
    for bad, message in (("1e400", "too large"), ("9" * 100, "too long"), ("1e-99999999999", "decimal places")):
        path = tmp_path / "r.json"
        path.write_text(result.replace('"points": 85.492', f'"points": {bad}', 1), encoding="utf-8")
        run = cli("diff", path, EXAMPLES / "bac-ninh-2021.yaml")
        assert run.exit_code == 1 and message in run.stderr, run.all
    prev = tmp_path / "prev.csv"
    prev.write_text("rank,unit,code,index\n1,Tỉnh Bắc Ninh,27,1e999999999\n", encoding="utf-8")
    run = cli("rank", EXAMPLES / "bac-ninh-2021.yaml", "--previous", prev)
    assert run.exit_code == 1 and "prev.csv:2:1" in run.stderr


def previous_columns(cli, previous: Path, *extra) -> list[tuple]:
    rows = rank_rows(cli, *DEPARTMENTS, "--previous", previous, *extra)
    return [(r["unit"], r["previous_rank"], r["rank_change"], r["index_change"]) for r in rows]


@pytest.mark.external
def test_previous_takes_last_years_ranking_workbook(cli, tmp_path):
    before = DEPARTMENTS[2:12]  # last year: ten of the departments, with other indices
    last = tmp_path / "last"
    for path in before:
        text = path.read_text(encoding="utf-8").replace("year: 2021", "year: 2020")
        copy_unit(path, last / path.name).write_text(
            re.sub(r"percent: (\d+)", lambda m: f"percent: {max(0, int(m.group(1)) - 7)}", text)
            .replace("framework: ../../criteria/department-example.yaml", "framework: department-example"),
            encoding="utf-8")
    assert cli("rank", last, "-o", tmp_path / "last.csv").exit_code == 0
    expected = previous_columns(cli, tmp_path / "last.csv")
    assert sum(1 for row in expected if row[1]) == 10 and any(row[3] not in ("", "0") for row in expected)
    workbooks = []
    for command, lang in (("rank", "vi"), ("rank", "en"), ("export", "vi")):
        book = tmp_path / f"last-{command}-{lang}.xlsx"
        assert cli(command, last, "-o", book, "--lang", lang).exit_code == 0
        workbooks.append(book)
    workbooks += convert(workbooks[:1], "xlsx", tmp_path / "resaved")  # kept in LibreOffice for a year
    for book in workbooks:
        assert previous_columns(cli, book) == expected, book.name
        run = cli("report", *DEPARTMENTS, "--previous", book, "-o", tmp_path / f"{book.stem}.html", "--force")
        assert run.exit_code == 0, run.all
    # a vi-VN CSV from last year reads the same
    assert cli("rank", last, "--locale", "vi", "-o", tmp_path / "last-vi.csv").exit_code == 0
    assert previous_columns(cli, tmp_path / "last-vi.csv") == expected


def edited(book: Path, out: Path, cells: dict[str, object], sheet: str = "Xếp hạng") -> Path:
    wb = load_workbook(book)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(out)
    return out


def test_a_previous_workbook_gets_the_checks_of_a_rank_csv(cli, tmp_path):
    book = tmp_path / "last.xlsx"
    assert cli("rank", *DEPARTMENTS[:5], "-o", book, "--lang", "vi").exit_code == 0
    ws = load_workbook(book)["Xếp hạng"]
    head = next(r for r in range(1, 6) if ws.cell(row=r, column=1).value == "Xếp hạng")
    index_col = next(c.column_letter for c in ws[head] if c.value == "Chỉ số (%)")
    first = head + 1
    bad = edited(book, tmp_path / "bad.xlsx", {f"{index_col}{first}": "chín mươi", f"A{first + 2}": 2.5,
                                               f"{index_col}{first + 3}": "1e999"})
    run = cli("rank", *DEPARTMENTS, "--previous", bad)
    assert run.exit_code == 1
    lines = run.stderr.splitlines()
    # the workbook's cells are read as a form's, named by the file's own column header
    assert f"{bad}:Xếp hạng!{index_col}{first}: Chỉ số (%): 'chín mươi' is not a number" in lines
    assert f"{bad}:Xếp hạng!A{first + 2}: rank '2.5' is not a whole number from 1" in lines
    assert f"{bad}:Xếp hạng!{index_col}{first + 3}: Chỉ số (%): '1e999' is not a number" in lines
    # openpyxl writes 80.24 as 80.23999999999999 (16 digits): it reads back as the 80.24 written
    exact = edited(book, tmp_path / "exact.xlsx", {f"{index_col}{first}": 80.24})
    assert b"80.23999999999999" in zipfile.ZipFile(exact).read("xl/worksheets/sheet1.xml")
    unit = ws.cell(row=first, column=2).value
    rows = {r["unit"]: r for r in rank_rows(cli, *DEPARTMENTS[:5], "--previous", exact)}
    assert Decimal(rows[unit]["index"]) - Decimal("80.24") == Decimal(rows[unit]["index_change"])
    headless = edited(book, tmp_path / "headless.xlsx", {f"A{head}": "Hạng"})
    run = cli("rank", *DEPARTMENTS, "--previous", headless)
    assert run.exit_code == 1 and "no header row with the columns Xếp hạng (Rank)" in run.stderr
    not_a_book = tmp_path / "notes.xlsx"
    not_a_book.write_text("rank,unit,index\n", encoding="utf-8")
    run = cli("rank", *DEPARTMENTS, "--previous", not_a_book)
    assert run.exit_code == 1 and "not a readable .xlsx workbook" in run.stderr


def hostile_copy(book: Path, out: Path, change) -> Path:
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, change(info.filename, zin.read(info.filename)))
    return out


@pytest.mark.external
def test_a_hostile_previous_workbook_is_refused_before_calamine_reads_it(cli, tmp_path):
    """A single cell at XFD1048576 or a shared-strings count of 4294967295 made calamine ask for
    hundreds of gigabytes and abort the process; both are refused from the XML, at once."""
    book = tmp_path / "last.xlsx"
    assert cli("rank", *DEPARTMENTS[:3], "-o", book).exit_code == 0
    (resaved,) = convert([book], "xlsx", tmp_path / "resaved")  # LibreOffice writes shared strings
    assert b"<sst" in zipfile.ZipFile(resaved).read("xl/sharedStrings.xml")

    def far_cell(name, data):
        if name == "xl/worksheets/sheet1.xml":
            return data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
        return data

    def strings(name, data):
        if name == "xl/sharedStrings.xml":
            return re.sub(rb'uniqueCount="\d+"', b'uniqueCount="4294967295"', data)
        return data

    run = cli("rank", *DEPARTMENTS, "--previous", hostile_copy(resaved, tmp_path / "far.xlsx", far_cell))
    assert run.exit_code == 1 and "1,048,576 rows × 16,384 columns, more than parcli reads" in run.stderr
    run = cli("rank", *DEPARTMENTS, "--previous", hostile_copy(resaved, tmp_path / "sst.xlsx", strings))
    assert run.exit_code == 1 and "its shared strings declare more strings than they hold" in run.stderr

    with zipfile.ZipFile(resaved) as zin, zipfile.ZipFile(tmp_path / "twice.xlsx", "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
        with pytest.warns(UserWarning, match="Duplicate name"):
            zout.writestr("xl/worksheets/sheet1.xml", b"<worksheet/>")
    run = cli("rank", *DEPARTMENTS, "--previous", tmp_path / "twice.xlsx")
    assert run.exit_code == 1 and "two parts of the zip have one name" in run.stderr
    shutil.copy(resaved, tmp_path / "ok.xlsx")
    assert cli("rank", *DEPARTMENTS, "--previous", tmp_path / "ok.xlsx").exit_code == 0
