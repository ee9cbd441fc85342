"""Many units in one run (parcli/batch.py), no silent surprises: a file counts once, one file per unit
and year, warnings for units of different years and for units without evidence."""

from __future__ import annotations

import csv
import io
import os
import re
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
    assert "2 files given more than once" in run.stderr and "are read once" in run.stderr
    assert str(unit) in run.stderr
    run = cli("export", unit, "deep/a/b/c/*.yaml", "-o", tmp_path / "x.csv")
    assert run.exit_code == 0 and "(1 unit)" in run.stderr
    run = cli("validate", unit, link)
    assert run.exit_code == 0 and len(run.stdout.splitlines()) == 1 and "1 file given more than once" in run.stderr
    assert "is read once" in run.stderr


def test_lock_files_are_skipped_in_patterns_as_in_folders(cli, tmp_path):
    folder = tmp_path / "hoso"
    copy_unit(SO_Y_TE, folder / "so-y-te.yaml")
    (folder / "~$so-y-te.xlsx").write_bytes(b"\x00owner\x00")  # what Excel leaves beside an open workbook
    (folder / ".~lock.so-y-te.xlsx#").write_text("x,host,1;", encoding="utf-8")  # and LibreOffice
    for pattern in ("*", "**", "*.xlsx", ".~lock*", "**/*"):
        picked = [folder / "so-y-te.yaml", folder / pattern]
        args = [folder / pattern] if pattern not in ("*.xlsx", ".~lock*") else picked
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
                    f"2020 (1 unit: {old}), 2021 (4 units)")
    run = cli("rank", *DEPARTMENTS[:4], old, "--lang", "vi", "-o", tmp_path / "r.xlsx")
    assert "cảnh báo: các đơn vị thuộc 2 năm khác nhau" in run.stderr and "2020 (1 đơn vị:" in run.stderr
    assert "different years" in cli("export", *DEPARTMENTS[:2], old, "-o", tmp_path / "x.xlsx").stderr
    # an export for scripts does not rank: several years in it are no surprise
    for out in ("x.csv", "x.json"):
        run = cli("export", *DEPARTMENTS[:2], old, "-o", tmp_path / out)
        assert run.exit_code == 0 and "different years" not in run.stderr
    assert "different years" not in cli("rank", *DEPARTMENTS).stderr


@pytest.mark.external
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
