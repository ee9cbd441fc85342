"""Many units in one run, no silent surprises: a file counts once, one file per unit and year,
warnings for units of different years and for units without evidence, a report of one unit over
two years, and last year's ranking workbook as --previous."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import EXAMPLES
from tests.office import convert

DEPARTMENTS = sorted((EXAMPLES / "departments").glob("*.yaml"))
SO_Y_TE = EXAMPLES / "departments" / "so-y-te.yaml"


def copy_unit(src: Path, dst: Path, **changes) -> Path:
    """A copy of a shipped unit file, with its framework named by id (so it reads anywhere) and
    top-level keys changed (``code=None`` drops the code)."""
    text = src.read_text(encoding="utf-8")
    text = re.sub(r"^framework: .*$", "framework: department-example", text, flags=re.M)
    for key, value in changes.items():
        if value is None:
            text = re.sub(rf"^{key}: .*\n", "", text, flags=re.M)
        else:
            text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, flags=re.M)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(text, encoding="utf-8")
    return dst


def rank_rows(cli, *args) -> list[dict]:
    run = cli("rank", *args, "-o", "-")
    assert run.exit_code == 0, run.all
    return list(csv.DictReader(io.StringIO(run.stdout.lstrip("\ufeff"))))


# --- the same file counts once -----------------------------------------------------------


def test_the_same_file_counts_once_through_names_links_folders_and_patterns(cli, tmp_path):
    unit = copy_unit(SO_Y_TE, tmp_path / "deep" / "a" / "b" / "c" / "so-y-te.yaml")
    other = copy_unit(EXAMPLES / "departments" / "so-noi-vu.yaml", tmp_path / "deep" / "a" / "so-noi-vu.yaml")
    link = tmp_path / "link.yaml"
    link.symlink_to(unit)
    os.chdir(tmp_path)
    # one unit 924 times before: each ** may match any number of folders, so a file has many ways down
    rows = rank_rows(cli, "deep/**/**/**/*.yaml")
    assert sorted(r["unit"] for r in rows) == ["Sở Nội vụ", "Sở Y tế"]
    run = cli("rank", unit, unit, link, "deep/a/b/c", "deep/**/*.yaml", other, "-o", "-")
    assert run.exit_code == 0, run.all
    assert len(list(csv.DictReader(io.StringIO(run.stdout.lstrip("\ufeff"))))) == 2
    assert "2 file(s) given more than once" in run.stderr and "are read once" in run.stderr
    assert str(unit) in run.stderr
    run = cli("export", unit, "deep/a/b/c/*.yaml", "-o", tmp_path / "x.csv")
    assert run.exit_code == 0 and "(1 unit(s))" in run.stderr
    run = cli("validate", unit, link)
    assert run.exit_code == 0 and len(run.stdout.splitlines()) == 1 and "1 file(s) given more than once" in run.stderr


def test_lock_files_are_skipped_in_patterns_as_in_folders(cli, tmp_path):
    folder = tmp_path / "hoso"
    copy_unit(SO_Y_TE, folder / "so-y-te.yaml")
    (folder / "~$so-y-te.xlsx").write_bytes(b"\x00owner\x00")  # what Excel leaves beside an open workbook
    (folder / ".~lock.so-y-te.xlsx#").write_text("x,host,1;", encoding="utf-8")  # and LibreOffice
    for pattern in ("*", "**", "*.xlsx", ".~lock*", "**/*"):
        args = ([folder / pattern] if pattern not in ("*.xlsx", ".~lock*")
                else [folder / "so-y-te.yaml", folder / pattern])
        run = cli("rank", *args, "-o", "-")
        if pattern in ("*.xlsx", ".~lock*"):  # a pattern that matches lock files only matches nothing
            assert run.exit_code == 1 and "no file matches this pattern" in run.stderr, pattern
        else:
            assert run.exit_code == 0, (pattern, run.all)
            assert run.stdout.count("Sở Y tế") == 1


# --- one file per unit and year ------------------------------------------------------------


@pytest.mark.parametrize("command", ["rank", "export", "report"])
def test_two_files_of_one_unit_and_year_are_an_error_naming_both(cli, tmp_path, command):
    first = copy_unit(SO_Y_TE, tmp_path / "2021" / "so-y-te.yaml")
    second = copy_unit(SO_Y_TE, tmp_path / "nop-lai" / "so-y-te-ban-moi.yaml", unit='"SỞ Y TẾ (bản mới)"')
    out = {"rank": tmp_path / "r.csv", "export": tmp_path / "e.xlsx", "report": tmp_path / "r.html"}[command]
    run = cli(command, first, DEPARTMENTS[0], second, "-o", out)
    assert run.exit_code == 1 and not out.exists()
    line = next(line for line in run.stderr.splitlines() if "the same unit and year" in line)
    assert line.startswith(f"{second}: the same unit and year as {first} (") and "SYT, 2021" in line, line
    # another year of the unit is not a second file of it
    copy_unit(SO_Y_TE, second, year=2022)
    assert cli(command, first, second, "-o", out).exit_code == 0


def test_units_without_a_code_are_told_apart_by_name_and_year(cli, tmp_path):
    a = copy_unit(SO_Y_TE, tmp_path / "a.yaml", code=None)
    b = copy_unit(SO_Y_TE, tmp_path / "b.yaml", code=None, unit='"sở y tế"')  # the same name in another case
    c = copy_unit(SO_Y_TE, tmp_path / "c.yaml", code='"SYT2"')  # a code of its own, the same name as a and b
    run = cli("rank", a, b, "-o", "-")
    assert run.exit_code == 1 and f"{b}: the same unit and year as {a}" in run.stderr
    run = cli("rank", c, a, "-o", "-")  # a unit without a code meets a coded unit of its name
    assert run.exit_code == 1 and f"{a}: the same unit and year as {c}" in run.stderr
    d = copy_unit(SO_Y_TE, tmp_path / "d.yaml", code='"SYT3"')
    assert len(rank_rows(cli, c, d)) == 2  # two codes: two units (two communes may share a name)
    assert len(rank_rows(cli, a, copy_unit(SO_Y_TE, tmp_path / "e.yaml", code=None, year=2020))) == 2


# --- warnings: different years, no evidence --------------------------------------------------


def test_units_of_different_years_in_one_ranking_get_a_warning_naming_the_years(cli, tmp_path):
    old = copy_unit(EXAMPLES / "departments" / "so-noi-vu.yaml", tmp_path / "so-noi-vu-2020.yaml", year=2020)
    run = cli("rank", *DEPARTMENTS[:4], old, "--lang", "en")
    assert run.exit_code == 0
    (line,) = [line for line in run.stderr.splitlines() if "different years" in line]
    assert line == (f"warning: the units are of 2 different years, their indices ranked as if of one year: "
                    f"2020 (1 unit(s): {old}), 2021 (4 unit(s))")
    run = cli("rank", *DEPARTMENTS[:4], old, "--lang", "vi", "-o", tmp_path / "r.xlsx")
    assert "cảnh báo: các đơn vị thuộc 2 năm khác nhau" in run.stderr and "2020 (1 đơn vị:" in run.stderr
    assert "different years" in cli("export", *DEPARTMENTS[:2], old, "-o", tmp_path / "x.xlsx").stderr
    # an export for scripts does not rank: several years in it are no surprise
    for out in ("x.csv", "x.json"):
        run = cli("export", *DEPARTMENTS[:2], old, "-o", tmp_path / out)
        assert run.exit_code == 0 and "different years" not in run.stderr
    assert "different years" not in cli("rank", *DEPARTMENTS).stderr


def test_a_blank_form_or_a_unit_without_evidence_gets_a_warning_naming_it(cli, tmp_path):
    blank = tmp_path / "blank.xlsx"
    assert cli("template", "department-example", "--year", "2021", "-o", blank).exit_code == 0
    wb = load_workbook(blank)
    wb.worksheets[0]["B2"] = "Sở Chưa điền"  # named (the placeholder itself is an error at B2), nothing else filled
    wb.save(blank)
    (resaved,) = convert([blank], "xlsx", tmp_path / "resaved")  # as a department sends it back
    empty = tmp_path / "empty.yaml"
    empty.write_text("schema: parcli/unit/v1\nunit: Sở Trống\nyear: 2021\nframework: department-example\n"
                     "evidence: {}\n", encoding="utf-8")
    only_na = tmp_path / "only-na.yaml"
    only_na.write_text('schema: parcli/unit/v1\nunit: Sở Không áp dụng\nyear: 2021\nframework: department-example\n'
                       'evidence:\n  "3": {na: true}\n', encoding="utf-8")
    for command, out in (("rank", None), ("rank", "r.xlsx"), ("export", "e.csv"), ("report", "r.html")):
        args = [command, *DEPARTMENTS[:3], resaved, empty, only_na] + (["-o", tmp_path / out] if out else [])
        run = cli(*args)
        assert run.exit_code == 0, run.all
        for path in (resaved, empty, only_na):
            assert (f"warning: {path}: no leaf has evidence (a blank form or unit file?); it counts with 0 points"
                    in run.stderr.splitlines()), (command, run.stderr)
        assert run.stderr.count("no leaf has evidence") == 3
    assert "no leaf has evidence" not in cli("rank", *DEPARTMENTS).stderr


# --- the report of one unit over two years --------------------------------------------------


def test_a_report_of_one_unit_over_two_years_shows_the_year_over_year_view(cli, tmp_path):
    out = tmp_path / "r.html"
    run = cli("report", EXAMPLES / "bac-ninh-2021.yaml", EXAMPLES / "bac-ninh-2020.yaml", "-o", out, "--lang", "en")
    assert run.exit_code == 0 and "different years" not in run.stderr, run.all
    html = out.read_text(encoding="utf-8")
    assert 'id="overview"' not in html and 'id="ranking"' not in html and "Rank 1 of" not in html
    assert html.count('<section class="unit"') == 1 and "Tỉnh Bắc Ninh · 2021" in html
    assert "Compared with 2020 (Index (%) 84.74 → 85.49)" in html
    # two units over two years: each ranked once, by its latest year, and each shows what moved
    a20 = copy_unit(SO_Y_TE, tmp_path / "a20.yaml", year=2020)
    b20 = copy_unit(EXAMPLES / "departments" / "so-noi-vu.yaml", tmp_path / "b20.yaml", year=2020)
    a21, b21 = SO_Y_TE, EXAMPLES / "departments" / "so-noi-vu.yaml"
    run = cli("report", a20, b20, a21, b21, "-o", out, "--force", "--lang", "en")
    assert run.exit_code == 0 and "different years" not in run.stderr, run.all
    html = out.read_text(encoding="utf-8")
    ranking = html[html.index('id="ranking"'):html.index("</table>", html.index('id="ranking"'))]
    assert ranking.count("<tr>") == 3 and "Rank 1 of 2" in html  # a header and two units
    assert html.count('<section class="unit"') == 2 and html.count("Compared with 2020") == 2
    # two units of different years are ranked together: said so
    run = cli("report", a21, b20, "-o", out, "--force", "--lang", "en")
    assert run.exit_code == 0 and "the units are of 2 different years" in run.stderr


# --- --previous: last year's ranking workbook ------------------------------------------------


def previous_columns(cli, previous: Path, *extra) -> list[tuple]:
    rows = rank_rows(cli, *DEPARTMENTS, "--previous", previous, *extra)
    return [(r["unit"], r["previous_rank"], r["rank_change"], r["index_change"]) for r in rows]


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
