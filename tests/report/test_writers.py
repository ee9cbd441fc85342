"""Outputs: every -o picks its writer by the suffix (one table of writers), and what each writes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from parcli.report import RANKING, REPORT, RESULTS, TEMPLATE, UNIT, format_for, suffix_list, suffixes
from tests.conftest import EXAMPLES
from tests.office import convert

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"
DEPARTMENTS = sorted((EXAMPLES / "departments").glob("*.yaml"))

# Every command that writes a file, with what it writes and its arguments before -o.
COMMANDS = {
    "export": (RESULTS, ["export", BAC_NINH]),
    "rank": (RANKING, ["rank", *DEPARTMENTS[:3]]),
    "template": (TEMPLATE, ["template", "department-example"]),
    "convert": (UNIT, ["convert", BAC_NINH]),
    "plan": (UNIT, ["plan", BAC_NINH, "--target-class", "A", "--apply"]),
    "report": (REPORT, ["report", BAC_NINH]),
}


def test_the_suffixes_of_the_table():
    """Each writer's methods: tests/report/test_writer_plugins.py."""
    assert format_for(Path("a.YML")) == "yaml" and format_for(Path("a.htm")) == "html" and format_for(Path("a")) is None
    assert suffixes(UNIT) == [".xlsx", ".yaml", ".yml"] and suffix_list(RANKING) == ".csv or .xlsx"


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("suffix", [".pdf", ".txt", ""])
def test_any_other_suffix_exits_2_naming_the_suffixes_allowed(cli, tmp_path, command, suffix):
    what, args = COMMANDS[command]
    out = tmp_path / f"out{suffix}"
    run = cli(*args, "-o", out)
    assert run.exit_code == 2, run.all
    assert suffix_list(what) in run.stderr and str(out) in run.stderr, run.stderr
    assert not out.exists()
    run = cli(*args, "-o", out, "--lang", "vi")
    assert run.exit_code == 2 and suffix_list(what, " hoặc ") in run.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_names_the_suffixes_of_the_table(cli, command):
    what, args = COMMANDS[command]
    text = " ".join(cli(args[0], "--help").stdout.split())
    assert suffix_list(what) in text


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_allowed_suffix_writes_its_format(cli, tmp_path, command):
    what, args = COMMANDS[command]
    for suffix in suffixes(what):
        out = tmp_path / f"out{suffix}"
        run = cli(*args, "-o", out)
        assert run.exit_code == 0, run.all
        data = out.read_bytes()
        fmt = format_for(out)
        if fmt == "xlsx":
            assert data[:2] == b"PK"
        elif fmt == "yaml":
            assert b"schema: parcli/unit/v1" in data and data[:2] != b"PK"
        elif fmt == "html":
            assert data.lstrip().startswith(b"<!DOCTYPE html>")
        elif fmt == "json":
            assert json.loads(data)[0]["schema"] == "parcli/result/v1"
        else:
            assert data.startswith(b"\xef\xbb\xbf") and data[3:].split(b",")[0] in (b"unit", b"rank")


def test_standard_output_takes_the_text_format(cli):
    run = cli("rank", *DEPARTMENTS[:3], "-o", "-")
    assert run.exit_code == 0 and run.stdout.lstrip("\ufeff").startswith("rank,unit,code,year")
    run = cli("export", BAC_NINH, "-o", "-")
    assert run.exit_code == 0 and run.stdout.lstrip("\ufeff").startswith("unit,code,year,framework")
    run = cli("template", "department-example", "-o", "-")
    assert run.exit_code == 0 and "schema: parcli/unit/v1" in run.stdout


@pytest.mark.external
def test_plan_apply_writes_a_filled_form_that_scores_to_the_planned_index(cli, tmp_path):
    """``plan --apply -o X.xlsx``: a filled form of the planned unit; scored as it is and after
    LibreOffice has saved it again, it gives the planned index (and the same result as the .yaml)."""
    form, unit = tmp_path / "planned.xlsx", tmp_path / "planned.yaml"
    run = cli("plan", BAC_NINH, "--target-index", "92.5", "--apply", "-o", form, "-f", "json")
    assert run.exit_code == 0, run.all
    planned = json.loads(run.stdout, parse_float=Decimal)["after"]
    assert cli("plan", BAC_NINH, "--target-index", "92.5", "--apply", "-o", unit).exit_code == 0
    assert form.read_bytes()[:2] == b"PK"
    (resaved,) = convert([form], "xlsx", tmp_path / "resaved")
    assert resaved.read_bytes() != form.read_bytes()
    expected = json.loads(cli("score", unit, "-f", "json").stdout, parse_float=Decimal)
    for path in (form, resaved):
        got = json.loads(cli("score", path, "-f", "json").stdout, parse_float=Decimal)
        assert (got["index"], got["points"], got["class"]) == (planned["index"], planned["points"], planned["class"])
        assert got["leaves"] == expected["leaves"]
    back = tmp_path / "back.yml"
    assert cli("convert", resaved, "-o", back).exit_code == 0
    assert json.loads(cli("score", back, "-f", "json").stdout, parse_float=Decimal)["index"] == planned["index"]


# --- CSV for a Vietnamese spreadsheet (--locale vi) -----------------------------------------------

NUMERIC = {"rank", "year", "points", "max", "index", "lost", "claimed", "previous_rank", "rank_change",
           "index_change", "points_before", "points_after", "gain", "index_gain"}


def numeric(head: str) -> bool:
    return head in NUMERIC or head.startswith("field_")  # field_1: a field's index (the rank CSV)


def csv_rows(data: bytes, delimiter: str) -> list[list[str]]:
    import csv
    import io

    assert data.startswith(b"\xef\xbb\xbf") and not data[3:].startswith(b"sep=")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def sheet_rows(book: Path) -> list[list]:
    from openpyxl import load_workbook

    return [[c.value for c in row] for row in load_workbook(book).worksheets[0].iter_rows()]


@pytest.mark.external
def test_a_vi_csv_opens_as_numbers_in_a_vi_vn_spreadsheet(cli, tmp_path, write):
    """``--locale vi``: ';' between fields, ',' decimals, UTF-8 with BOM. Opened by LibreOffice in the
    vi-VN locale (as a double-click opens it there), every number is a number of the right value and
    every text stays text; the default CSV (the machine format) opened the same way turns 94.023 into
    94023, which is why vi exists."""
    from tests.office import open_csv_as_vi_vn

    evil = write("evil.yaml", 'schema: parcli/unit/v1\nunit: "=SUM(1;2)"\ncode: "E;1"\nyear: 2021\n'
                              'framework: department-example\nevidence:\n'
                              '  "1.1.1": {value: kip_thoi, note: "a; b, c"}\n')
    units = [*DEPARTMENTS, evil]
    runs = {
        "rank": (["rank", *units, "-o"], True),
        "export": (["export", *units[:3], evil, "-o"], True),
        "score": (["score", DEPARTMENTS[0], "-f", "csv"], False),
        "plan": (["plan", BAC_NINH, "--target-class", "A", "-f", "csv"], False),
    }
    for name, (args, to_file) in runs.items():
        outputs = {}
        for locale in ("en", "vi"):
            out = tmp_path / f"{name}-{locale}.csv"
            run = cli(*args, *([out] if to_file else []), "--locale", locale)
            assert run.exit_code == 0, run.all
            if not to_file:
                out.write_bytes(run.stdout.encode("utf-8"))
            outputs[locale] = out
        machine = csv_rows(outputs["en"].read_bytes(), ",")
        vi_text = outputs["vi"].read_bytes()
        assert csv_rows(vi_text, ";") == [[c.replace(".", ",") if numeric(h) and i else c
                                           for h, c in zip(machine[0], row, strict=True)]
                                          for i, row in enumerate(machine)]
        opened = sheet_rows(open_csv_as_vi_vn(outputs["vi"], tmp_path / f"{name}-vi"))
        assert opened[0] == machine[0]
        for row, cells in zip(machine[1:], opened[1:], strict=True):
            for head, text, value in zip(machine[0], row, cells, strict=True):
                if numeric(head) and text:
                    assert isinstance(value, (int, float)) and not isinstance(value, bool), (name, head, text, value)
                    assert Decimal(repr(value)).normalize() == Decimal(text).normalize(), (name, head, text, value)
                elif head in ("unit", "code", "note", "title", "from", "to") and text:
                    assert value == text, (name, head, text, value)  # text stays text, formula-like text too
        if name == "rank":
            default = sheet_rows(open_csv_as_vi_vn(outputs["en"], tmp_path / "rank-en", ","))
            column = machine[0].index("index")
            assert machine[1][column] == "94.023" and default[1][column] != 94.023  # the issue this item fixes
    # parcli reads its vi CSV back: --previous gives what the default CSV gives
    prev_en = cli("rank", *DEPARTMENTS, "--previous", tmp_path / "rank-en.csv", "-o", "-")
    prev_vi = cli("rank", *DEPARTMENTS, "--previous", tmp_path / "rank-vi.csv", "-o", "-")
    assert prev_en.exit_code == prev_vi.exit_code == 0 and prev_en.stdout == prev_vi.stdout


# --- print-ready ranking and export workbooks -------------------------------------------------------


@pytest.mark.external
def test_ranking_and_export_workbooks_are_print_ready(cli, tmp_path, write):
    """A4 landscape, every column within the page width, the title line (framework and year) and the
    header rows on every page, rows as high as their wrapped text, the field names in the headers; the
    17 departments' ranking prints on one page (at most 4). Printed by LibreOffice to PDF and read back
    with poppler: no text over text, every header word printed, the last column on every page."""
    import re

    from openpyxl import load_workbook

    from parcli.report.xlsx import LINE_HEIGHT, lines_of
    from parcli.store import Store
    from tests.office import overlapping, pdf_pages, pdf_words

    long_name = ("Sở Nông nghiệp và Phát triển nông thôn tỉnh, gồm Chi cục Thủy lợi, Chi cục Kiểm lâm và "
                 "Trung tâm Khuyến nông")
    text = (EXAMPLES / "departments" / "so-nong-nghiep.yaml").read_text(encoding="utf-8")
    longer = write("nn.yaml", text.replace("Sở Nông nghiệp và Phát triển nông thôn", long_name)
                   .replace('code: "SNN"', 'code: "SNN2"').replace("../../criteria/department-example.yaml",
                                                                  "department-example"))
    fw = Store().framework("department-example")
    last = tmp_path / "last.csv"
    assert cli("rank", *DEPARTMENTS[:9], "-o", last).exit_code == 0
    books = {"rank-vi": ["rank", *DEPARTMENTS, longer, "--previous", last, "--lang", "vi"],
             "rank-17": ["rank", *DEPARTMENTS, "--lang", "vi"],
             "export-en": ["export", *DEPARTMENTS, longer, "--lang", "en"]}
    for name, args in books.items():
        book = tmp_path / f"{name}.xlsx"
        run = cli(*args, "-o", book)
        assert run.exit_code == 0, run.all
        lang = "en" if name.endswith("en") else "vi"
        wb = load_workbook(book)
        for ws in wb.worksheets:
            setup = ws.page_setup
            assert (setup.orientation, int(setup.paperSize), setup.fitToWidth,
                    setup.fitToHeight) == ("landscape", 9, 1, 0)
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$2"
            assert ws["A1"].value.startswith(ws.title) and fw.title(lang) in ws["A1"].value
            assert ("Năm 2021" if lang == "vi" else "Year 2021") in ws["A1"].value
            heads = [c.value for c in ws[2]]
            widths = [ws.column_dimensions[c.column_letter].width for c in ws[2]]
            assert ws.row_dimensions[2].height >= LINE_HEIGHT * max(lines_of(h, w)
                                                                    for h, w in zip(heads, widths, strict=True))
        ranking = wb.worksheets[0]
        heads = [c.value for c in ranking[2]]
        for field in fw.fields:
            assert f"{field.id}. {field.label(lang)} (%)" in heads  # the field's name, not only "Field 1"
        if longer in args:
            row = next(r for r in range(3, ranking.max_row + 1) if ranking.cell(row=r, column=2).value == long_name)
            assert ranking.row_dimensions[row].height >= 2 * LINE_HEIGHT  # a long name wraps, its row grows
        # printed
        pdf = convert([book], "pdf", tmp_path / f"{name}-pdf")[0]
        pages = pdf_words(pdf)
        assert len(pages) == pdf_pages(pdf)
        titles = {ws.title: ws["A1"].value for ws in wb.worksheets}
        last_heads = {ws.title: [c.value for c in ws[2]][-1] for ws in wb.worksheets}
        printed = {title: [] for title in titles}
        for number, words in enumerate(pages, start=1):
            line = " ".join(w[4] for w in sorted(words, key=lambda w: (round(w[1]), w[0])))
            sheet = next(t for t, head in titles.items() if line.startswith(head.split(" · ")[0] + " · "))
            printed[sheet].append(number)
            assert " ".join(titles[sheet].split()) in line, (name, number)  # the title line on every page
            assert all(word in line for word in last_heads[sheet].split()), (name, number, last_heads[sheet])
            assert not overlapping(words), (name, number, overlapping(words)[:5])
        first = {w[4] for w in pages[0]}
        for head in [c.value for c in wb.worksheets[0][2]]:
            pieces = [piece for word in head.split() for piece in re.split(r"(?<=-)(?=.)", word)]  # E- | government
            assert all(piece in first for piece in pieces), (name, head, [p for p in pieces if p not in first])
        if longer in args:
            assert all(word in first for word in long_name.split())  # a long name wraps, never cut
        if name == "rank-17":
            assert 1 <= len(printed[wb.worksheets[0].title]) <= 4
            assert len(printed[wb.worksheets[0].title]) == 1, printed


def test_a_note_longer_than_an_excel_cell_is_never_cut(cli, tmp_path, write):
    unit = write("n.yaml", "schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: province-2020\n"
                           f'evidence:\n  "3.2.1": {{percent: 97, note: "{"n" * 40_000}"}}\n')
    run = cli("export", unit, "-o", tmp_path / "x.xlsx")
    said = "n.yaml: the note of leaf 3.2.1: 40,000 characters, more than an Excel cell holds (32,767)"
    assert run.exit_code == 1 and said in run.all and not (tmp_path / "x.xlsx").exists()
    run = cli("convert", unit, "-o", tmp_path / "f.xlsx")
    assert run.exit_code == 1 and said in run.all
    assert cli("export", unit, "-o", tmp_path / "x.csv").exit_code == 0  # CSV keeps all of it


@pytest.mark.parametrize("command", ["export", "convert"])
def test_a_note_too_long_for_a_cell_names_its_leaf_and_its_file(cli, tmp_path, write, command):
    unit = write("n.yaml", "schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: province-2020\n"
                           f'evidence:\n  "3.2.1": {{percent: 97, note: "{"n" * 40_000}"}}\n')
    out = tmp_path / "x.xlsx"
    run = cli(command, unit, "-o", out)
    assert run.exit_code == 1 and not out.exists()
    assert f"{unit}: the note of leaf 3.2.1: 40,000 characters" in run.stderr
    assert len(run.stderr.splitlines()) == 1
