"""The defects an independent tester found in issues 18-20 (notes/fixes-18-20.md), each shown fixed
with real files: hostile and invalid fixtures, forms re-saved by LibreOffice where a form is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from parcli.errors import Problem
from parcli.report.snippet import render
from tests.conftest import ROOT
from tests.test_messages import PTY, run_on_terminal

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
SECRETS = ("AKIA-NOT-A-REAL-SECRET-4711", "hunter2", "aws_secret_access_key", "password")


# --- 1. a unit file cannot make parcli print lines of a foreign file ------------------------------------

@PTY
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_unit_naming_a_foreign_file_as_framework_never_shows_its_lines(tmp_path, lang):
    shown = run_on_terminal("score", str(HOSTILE / "unit-framework-foreign.yaml"), "--lang", lang)
    assert not any(secret in shown for secret in SECRETS), shown
    assert ("not a parcli framework file" if lang == "en" else "không phải tệp bộ tiêu chí của parcli") in shown
    assert "5 | framework: foreign-credentials.yaml" in shown  # the unit's own line is still shown
    # by absolute path, and by a path with ../ (DESIGN §4 allows both): refused the same way
    for ref in (str(HOSTILE / "foreign-credentials.yaml"), "../" + "../" * len(tmp_path.parts)
                + str(HOSTILE / "foreign-credentials.yaml").lstrip("/")):
        unit = tmp_path / "u.yaml"
        unit.write_text((HOSTILE / "unit-framework-foreign.yaml").read_text(encoding="utf-8")
                        .replace("foreign-credentials.yaml", ref), encoding="utf-8")
        shown = run_on_terminal("validate", str(unit), "--lang", lang)
        assert not any(secret in shown for secret in SECRETS), shown


def test_a_foreign_file_named_as_framework_is_refused_before_it_is_parsed(cli, tmp_path):
    # keys and YAML errors of the foreign file would quote it too: neither is read
    foreign = tmp_path / "notes.txt"
    foreign.write_text("secret_key: [AKIA-NOT-A-REAL-SECRET-4711\n  password: hunter2\n", encoding="utf-8")
    unit = tmp_path / "u.yaml"
    unit.write_text(f"schema: parcli/unit/v1\nunit: X\nyear: 2021\nframework: {foreign}\nevidence: {{}}\n",
                    encoding="utf-8")
    for args in (["score"], ["validate"], ["report", "-o", tmp_path / "r.html"]):
        run = cli(*args, unit) if len(args) == 1 else cli(args[0], unit, *args[1:])
        assert run.exit_code == 1 and "not a parcli framework file" in run.all, run.all
        assert not any(secret in run.all for secret in ("AKIA", "hunter2", "secret_key")), run.all
    run = cli("explain", foreign, "1")
    assert run.exit_code == 1 and "not a parcli framework file" in run.all and "secret_key" not in run.all


def test_the_caret_display_quotes_only_parcli_files(tmp_path):
    foreign = HOSTILE / "foreign-credentials.yaml"
    assert render([Problem(str(foreign), 2, 1, "message")], rich=True) == [f"{foreign}:2:1: message"]
    own = tmp_path / "u.yaml"  # a parcli file, with a byte-order mark as Notepad writes it
    own.write_bytes("\ufeffschema: parcli/unit/v1\nunit: X\n".encode())
    assert render([Problem(str(own), 2, 1, "message")], rich=True)[2] == "2 | unit: X"


# --- last year's ranking workbook, edited in a spreadsheet (items 2, 3, 4) -----------------------------

UNITS = (("Sở A", "A1", '"1.1.1": true'), ("Sở B", "B1", '"1.1.1": false'), ("Sở C", "C1", '"1.1.3": c'))


def previous_units(folder: Path) -> list[Path]:
    """Three units of the mini framework (indices 75.5, 65.5, 65.5), written into ``folder``."""
    from tests.conftest import MINI_FRAMEWORK, mini_unit

    (folder / "mini.yaml").write_text(MINI_FRAMEWORK, encoding="utf-8")
    paths = []
    for i, (name, code, change) in enumerate(UNITS):
        text = mini_unit().replace("unit: Đơn vị A", f'unit: {name}\ncode: "{code}"')
        text = text.replace({'"1.1.1": false': '"1.1.1": true', '"1.1.3": c': '"1.1.3": a'}.get(change, change), change)
        paths.append(folder / f"u{i}.yaml")
        paths[-1].write_text(text, encoding="utf-8")
    return paths


EDITS = {  # what a person does to last year's ranking in a spreadsheet (rows 3-5: Sở A, Sở B, Sở C; G the index)
    "sound": {},
    "percent": {"G3": (0.755, "0.00%")},  # the index shown as 75.50 %
    "error": {"G4": ("=1/0", None)},  # #DIV/0!
    "text": {"G3": ("75,5", "@")},  # typed as text with a decimal comma
    "ambiguous": {"G3": ("1,480", "@")},
    "date": {"G3": ("=DATE(2021,3,5)", "yyyy-mm-dd")},
    "duplicate-code": {"C5": ("A1", None)},
    "duplicate-name": {"C3": (None, None), "C4": (None, None), "C5": (None, None), "B5": ("Sở A", None)},
}


@pytest.fixture(scope="module")
def previous_workbooks(tmp_path_factory) -> dict[str, Path]:
    """``rank -o`` of :func:`previous_units`, edited as :data:`EDITS` says and re-saved by LibreOffice."""
    from openpyxl import load_workbook

    from parcli.cli import app
    from tests.conftest import make_runner
    from tests.office import convert

    folder = tmp_path_factory.mktemp("previous")
    written = folder / "rank.xlsx"
    run = make_runner().invoke(app, ["rank", *map(str, previous_units(folder)), "-o", str(written), "--lang", "en"])
    assert run.exit_code == 0, run.output
    edited = []
    for name, cells in EDITS.items():
        wb = load_workbook(written)
        ws = wb.worksheets[0]
        for ref, (value, number_format) in cells.items():
            ws[ref] = value
            if number_format:
                ws[ref].number_format = number_format
        edited.append(folder / f"{name}.xlsx")
        wb.save(edited[-1])
    out = convert(edited, "xlsx", folder / "resaved")
    return {p.stem: p for p in out}


# --- 2. a shared-string index past the end: never a Rust panic (newest and oldest python-calamine) ------

def rezip(data: bytes, part_name: str, edit) -> bytes:
    """The workbook ``data`` with one part passed through ``edit``."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            dst.writestr(info.filename, edit(part) if info.filename == part_name else part)
    return out.getvalue()


def past_the_end(data: bytes, sheet: int, cell: str, index: str) -> bytes:
    """The workbook with ``cell`` of sheet ``sheet`` turned into a shared-string cell naming ``index``."""
    import re

    def edit(part: bytes) -> bytes:
        forged = f'<c r="{cell}" t="s"><v>{index}</v></c>'.encode()
        out, n = re.subn(rb'<c r="' + cell.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', lambda _m: forged, part, count=1,
                         flags=re.S)
        assert n == 1
        return out
    return rezip(data, f"xl/worksheets/sheet{sheet}.xml", edit)


@pytest.mark.parametrize("index", ["999999", "425", "-1", "x", ""])
def test_a_shared_string_index_past_the_end_is_an_error_at_its_cell(cli, tmp_path, index):
    import python_calamine  # noqa: F401  (the test runs with the newest and, in CI's second run, the oldest)

    form = tmp_path / "f.xlsx"
    form.write_bytes(past_the_end((HOSTILE / "form-libreoffice.xlsx").read_bytes(), 1, "B2", index))
    (tmp_path / "form-mini.yaml").write_bytes((HOSTILE / "form-mini.yaml").read_bytes())
    for args in (["score", form], ["validate", form], ["export", form, "-o", tmp_path / "e.csv"]):
        run = cli(*args)
        assert run.exit_code == 1, run.all
        assert "!B2: the cell names shared text number" in run.all and "Panic" not in run.all, run.all


@pytest.mark.external
def test_a_ranking_workbook_with_a_bad_shared_string_is_an_error_at_its_cell(cli, tmp_path, previous_workbooks):
    bad = tmp_path / "prev.xlsx"
    bad.write_bytes(past_the_end(previous_workbooks["sound"].read_bytes(), 1, "B3", "999999"))
    run = cli("rank", *previous_units(tmp_path), "--previous", bad)
    assert run.exit_code == 1 and "!B3: the cell names shared text number '999999'" in run.all, run.all


def test_a_panic_of_calamine_is_caught_as_a_last_line_of_defence(tmp_path, monkeypatch):
    """With the check of indices turned off, whatever calamine does (the oldest panics, the newest
    refuses) is one message, never a PanicException (a BaseException)."""
    from parcli.errors import InputError
    from parcli.inputs import workbook

    monkeypatch.setattr(workbook, "bad_shared_string", lambda xml, count: None)
    data = past_the_end((HOSTILE / "form-libreoffice.xlsx").read_bytes(), 1, "B2", "999999")
    with pytest.raises(InputError, match="its sheet cannot be read"):
        book = workbook.Workbook(data, "f.xlsx")
        book.grid(next(iter(book.sheets)))


# --- 3. duplicate units in --previous and --against are errors naming both rows ---------------------------

@pytest.mark.external
def test_duplicate_units_in_a_previous_ranking_workbook_name_both_rows(cli, tmp_path, previous_workbooks):
    units = previous_units(tmp_path)
    run = cli("rank", *units, "--previous", previous_workbooks["duplicate-code"])
    assert run.exit_code == 1, run.all
    assert "!C5: code 'A1' is also the code of row 3 (Sở A): one row per unit" in run.all
    run = cli("rank", *units, "--previous", previous_workbooks["duplicate-name"])
    assert run.exit_code == 1, run.all
    assert "!B5: 'Sở A' (without a code) is also the unit of row 3: one row per unit" in run.all


@pytest.mark.parametrize("locale", ["default", "vi"])
def test_duplicate_units_in_a_previous_or_against_csv_name_both_lines(cli, tmp_path, locale):
    units = previous_units(tmp_path)
    written = tmp_path / "rank.csv"
    args = ["--locale", "vi"] if locale == "vi" else []
    assert cli("rank", *units, "-o", written, *args).exit_code == 0
    lines = written.read_text(encoding="utf-8-sig").splitlines()
    sep = ";" if locale == "vi" else ","
    dup_code = tmp_path / "dup-code.csv"
    dup_code.write_text("\n".join([*lines, lines[1].replace("75" + ("," if locale == "vi" else ".") + "50", "99")])
                        + "\n", encoding="utf-8")
    run = cli("rank", *units, "--previous", dup_code)
    assert run.exit_code == 1 and "dup-code.csv:5:1: code 'A1' is also the code of line 2 (Sở A)" in run.all, run.all
    run = cli("plan", units[1], "--target-rank", "1", "--against", dup_code)
    assert run.exit_code == 1 and "dup-code.csv:5:1: code 'A1' is also the code of line 2" in run.all, run.all
    no_codes = tmp_path / "no-codes.csv"
    head = lines[0].split(sep)
    at = head.index("code")
    rows = [sep.join(c if i != at else "" for i, c in enumerate(line.split(sep))) for line in lines[1:]]
    no_codes.write_text("\n".join([lines[0], *rows, rows[2].replace("Sở C", "Sở B")]) + "\n", encoding="utf-8")
    run = cli("rank", *units, "--previous", no_codes)
    assert run.exit_code == 1 and "no-codes.csv:5:1: 'Sở B' (without a code) is also the unit of line 3" in run.all


# --- 4. a ranking workbook edited in a spreadsheet is read as the person sees it ---------------------------

def previous_columns(run) -> list[tuple[str, str, str]]:
    """(unit, previous_rank, index_change) of each row of ``rank -o -`` (CSV on stdout)."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run.stdout.lstrip("\ufeff"))))
    return [(r["unit"], r["previous_rank"], r["index_change"]) for r in rows]


@pytest.mark.external
@pytest.mark.parametrize("edit", ["percent", "text"])
def test_an_index_shown_as_a_percent_or_typed_as_text_reads_as_the_person_sees_it(cli, tmp_path, previous_workbooks,
                                                                                   edit):
    units = previous_units(tmp_path)
    sound = cli("rank", *units, "--previous", previous_workbooks["sound"], "-o", "-")
    edited = cli("rank", *units, "--previous", previous_workbooks[edit], "-o", "-")
    assert sound.exit_code == edited.exit_code == 0, edited.all
    assert previous_columns(edited) == previous_columns(sound) == [("Sở A", "1", "0"), ("Sở B", "2", "0"),
                                                                   ("Sở C", "2", "0")]


@pytest.mark.external
@pytest.mark.parametrize(("edit", "cell", "message"), [
    ("error", "G4", "Index (%): the cell shows the error #DIV/0!, a formula that cannot be computed"),
    ("date", "G3", "Index (%): the spreadsheet turned the number into a date (2021-03-05)"),
    ("ambiguous", "G3", "Index (%): '1,480' may be read as 1480 or as 1.48"),
])
def test_an_excel_error_a_date_or_an_ambiguous_number_in_a_ranking_is_an_error_at_its_cell(
        cli, tmp_path, previous_workbooks, edit, cell, message):
    run = cli("rank", *previous_units(tmp_path), "--previous", previous_workbooks[edit], "-o", "-")
    assert run.exit_code == 1, run.all
    assert f"{edit}.xlsx:Ranking!{cell}: {message}" in run.all


def test_form_and_ranking_workbook_share_one_cell_reader():
    from parcli.inputs import form, ranking
    from parcli.inputs.cells import SheetReader

    assert issubclass(form._Reader, SheetReader)
    assert "SheetReader" in vars(ranking)


def test_one_unit_in_two_years_is_ambiguous_for_previous_but_not_for_against(cli, tmp_path):
    from tests.conftest import EXAMPLES

    years = tmp_path / "two-years.csv"
    assert cli("rank", EXAMPLES / "bac-ninh-2020.yaml", EXAMPLES / "bac-ninh-2021.yaml",
               EXAMPLES / "cao-bang-2020.yaml", "-o", years).exit_code == 0
    run = cli("rank", EXAMPLES / "bac-ninh-2021.yaml", "--previous", years)
    assert run.exit_code == 1 and "code '27' is also the code of line" in run.all, run.all
    run = cli("plan", EXAMPLES / "bac-ninh-2021.yaml", "--target-rank", "1", "--against", years, "-f", "json")
    assert "is also the code" not in run.all and '"target"' in run.stdout, run.all


# --- 5. plan -o without --apply is a usage error; the suffix is checked in every case ----------------------

def test_plan_output_without_apply_is_a_usage_error_and_the_suffix_is_always_checked(cli, tmp_path):
    from tests.conftest import EXAMPLES

    unit = EXAMPLES / "bac-ninh-2021.yaml"
    out = tmp_path / "new.yaml"
    run = cli("plan", unit, "--target-class", "A", "-o", out)
    assert run.exit_code == 2 and "writes the planned unit only with --apply: add --apply" in run.all, run.all
    assert not out.exists()
    for args in (["--target-class", "A"], ["--target-class", "A", "--apply"], []):
        run = cli("plan", unit, *args, "-o", tmp_path / "new.txt")
        assert run.exit_code == 2 and "this name ends in '.txt'" in run.all, run.all
    run = cli("plan", unit, "--target-class", "A", "--apply", "-o", out)
    assert run.exit_code in (0, 1) and (out.exists() or run.exit_code == 1), run.all


# --- 12. planned and converted files are marked in the chosen language, never in a note --------------------

@pytest.mark.parametrize(("lang", "planned", "converted"), [
    ("vi", "# Kế hoạch do parcli lập (plan --apply) từ u.yaml; kế hoạch thay đổi", "Chuyển đổi bằng parcli từ"),
    ("en", "# Planned by parcli (plan --apply) from u.yaml; the plan changes", "Converted by parcli from"),
])
def test_planned_and_converted_files_say_so_in_the_chosen_language_and_keep_every_note(cli, tmp_path, lang, planned,
                                                                                        converted):
    from openpyxl import load_workbook

    from tests.conftest import MINI_FRAMEWORK, mini_unit

    (tmp_path / "mini.yaml").write_text(MINI_FRAMEWORK, encoding="utf-8")
    note = "x" * 32_767  # as long as an Excel cell holds: parcli must not make it longer
    unit = tmp_path / "u.yaml"
    unit.write_text(mini_unit().replace('"1.1.2": {percent: 95}', f'"1.1.2": {{percent: 75, note: "{note}"}}')
                    .replace('"1.1.1": true', '"1.1.1": false'), encoding="utf-8")
    new_yaml, new_form = tmp_path / "new.yaml", tmp_path / "new.xlsx"
    for out in (new_yaml, new_form):
        run = cli("plan", unit, "--gain", "15", "--apply", "-o", out, "--lang", lang, "-f", "json")
        assert run.exit_code in (0, 1) and out.exists(), run.all
    text = new_yaml.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith(planned) and "1.1.1, 1.1.2" in text.splitlines()[0], text[:300]
    assert "planned" not in text.replace(planned, "") and f'note: "{note}"' in text  # the note as it was
    if lang == "vi":
        assert "bộ tiêu chí mini" in text.splitlines()[1]  # the provenance in the chosen language too
    wb = load_workbook(new_form)
    sheet = wb.worksheets[0]
    assert planned[2:] in sheet["A5"].value
    meta = {row[0]: row[1] for row in wb["parcli"].iter_rows(values_only=True) if row[0]}
    assert meta["origin"].startswith(planned[2:])
    notes = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("x")]
    assert notes == [note]
    assert cli("score", new_form).exit_code == 0 and cli("score", new_yaml).exit_code == 0
    back = tmp_path / "back.yaml"
    assert cli("convert", new_form, "-o", back, "--lang", lang).exit_code == 0
    assert back.read_text(encoding="utf-8").startswith(f"# {converted} new.xlsx")


# --- 6. no English and no Python repr reaches a Vietnamese line -----------------------------------------------

def test_effort_file_values_are_named_in_vietnamese_never_as_python_reprs(cli, tmp_path):
    from tests.conftest import MINI_FRAMEWORK, mini_unit
    from tests.test_foreign_words import foreign

    (tmp_path / "mini.yaml").write_text(MINI_FRAMEWORK, encoding="utf-8")
    unit = tmp_path / "u.yaml"
    unit.write_text(mini_unit().replace('"1.1.1": true', '"1.1.1": false'), encoding="utf-8")
    effort = tmp_path / "effort.yaml"
    effort.write_text('"1.1.1": [1]\n"1.1.2": true\n"1.2": {a: 1}\n"2.1.2": -1\nbandz: 2\n', encoding="utf-8")
    run = cli("plan", unit, "--gain", "5", "--effort", effort, "--lang", "vi")
    assert run.exit_code == 1, run.all
    lines = run.all.splitlines()
    assert [line for line in lines if foreign(line)] == [], lines
    for said in ("trọng số là số lớn hơn 0, nhưng là một danh sách", "nhưng là giá trị đúng/sai true",
                 "nhưng là một ánh xạ", "nhưng là số -1", "'bandz' không phải mã tiêu chí thành phần"):
        assert said in run.all, run.all


@pytest.mark.parametrize("where", ["option", "environment"])
def test_an_invalid_language_is_said_without_click_s_english(where):
    import os
    import subprocess
    import sys

    from tests.test_foreign_words import foreign

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "parcli", "score", "x.yaml"]
    if where == "option":
        args += ["--lang", "xx"]
    else:
        env["PARCLI_LANG"] = "xx"
    proc = subprocess.run(args, capture_output=True, text=True, env=env, encoding="utf-8")
    assert proc.returncode == 2
    assert "'--lang' (hoặc biến môi trường PARCLI_LANG): 'xx' không phải một trong 'vi', 'en'" in proc.stderr
    assert not [line for line in proc.stderr.splitlines() if foreign(line)], proc.stderr


# --- 7. each YAML slip has its own true message, matched on what the text holds ------------------------------

@pytest.mark.parametrize(("text", "said", "not_said"), [
    ('unit: "Sở "Tư pháp" tỉnh"\n', "a quote inside quoted text ends it", "indentation"),
    ("a:\n  b: 'it's'\n", "write '' for each ' inside single quotes", "indentation"),
    ("{a: 1} b\n", "more text after a closing bracket", "second document"),
    ("a: [1, 2] x\n", "more text after a closing bracket", "indentation"),
    ("[default]\naws = 1\n", "this is not YAML: [section] and key = value lines are an INI file", "second document"),
    ("a: 1\n---\nb: 2\n", "a second document (---) in the file", "INI"),
    ("a: 1\n b: 2\n", "", "quote"),  # an indentation slip stays one
])
def test_yaml_slips_are_said_as_what_they_are(text, said, not_said):
    from parcli.errors import InputError
    from parcli.inputs.yaml import load_text

    with pytest.raises(InputError) as caught:
        load_text(text, "x.yaml")
    message = str(caught.value.problems[0])
    assert said in message and not_said not in message, message


# --- 8. a form whose B2 still holds the placeholder is not a unit ------------------------------------------

@pytest.mark.external
def test_a_form_still_named_by_its_placeholder_is_an_error_at_b2(cli, tmp_path):
    from openpyxl import load_workbook

    from tests.office import convert

    blanks = []
    for lang in ("vi", "en"):
        blanks.append(tmp_path / f"blank-{lang}.xlsx")
        assert cli("template", "province-2020", "-o", blanks[-1], "--lang", lang).exit_code == 0
    named = tmp_path / "named.xlsx"
    wb = load_workbook(blanks[0])
    wb.worksheets[0]["B2"] = "Sở Tư pháp"
    wb.save(named)
    resaved = convert([*blanks, named], "xlsx", tmp_path / "lo")  # as a department's spreadsheet saves them
    for form, placeholder in zip(resaved, ("Tên đơn vị", "Unit name", None), strict=True):
        for lang, said in (("en", f"still says '{placeholder}', the blank form's placeholder; write the unit's name "
                                  "in B2"),
                           ("vi", f"vẫn ghi '{placeholder}', chữ mẫu của biểu trống; hãy ghi tên đơn vị vào ô B2")):
            run = cli("score", form, "--lang", lang)
            if placeholder is None:
                assert run.exit_code == 0, run.all
                continue
            assert run.exit_code == 1 and "!B2: " in run.all and said in run.all, run.all


# --- 9. a text longer than an Excel cell is refused by every writer, naming the file and the field -------------

@pytest.mark.parametrize(("where", "field"), [
    ("unit", "the unit's name"), ("code", "the unit's code"), ("note", "the note of leaf 1.1.2"),
    ("documents", "the documents of leaf 1.1.2"),
])
def test_every_workbook_writer_refuses_a_text_longer_than_a_cell_naming_file_and_field(cli, tmp_path, where, field):
    from tests.conftest import MINI_FRAMEWORK, mini_unit

    (tmp_path / "mini.yaml").write_text(MINI_FRAMEWORK, encoding="utf-8")
    long = "N" * 40_000
    text = mini_unit()
    if where == "unit":
        text = text.replace("unit: Đơn vị A", f"unit: {long}")
    elif where == "code":
        text = text.replace("unit: Đơn vị A", f'unit: Đơn vị A\ncode: "{long}"')
    elif where == "note":
        text = text.replace('"1.1.2": {percent: 95}', f'"1.1.2": {{percent: 95, note: "{long}"}}')
    else:
        text = text.replace('"1.1.2": {percent: 95}', f'"1.1.2": {{percent: 95, documents: ["{long}"]}}')
    unit = tmp_path / "long.yaml"
    unit.write_text(text, encoding="utf-8")
    said = f"long.yaml: {field}: 40,000 characters, more than an Excel cell holds (32,767)"
    runs = [cli("convert", unit, "-o", tmp_path / "c.xlsx"), cli("export", unit, "-o", tmp_path / "e.xlsx")]
    if where in ("unit", "code"):  # the ranking and the export's sheets hold names and codes; notes: only the export
        runs.append(cli("rank", unit, "-o", tmp_path / "r.xlsx"))
    if where != "documents":
        for run in runs:
            assert run.exit_code == 1 and said in run.all, run.all
    else:  # the export's sheets hold no documents: only the form has to refuse them
        assert runs[0].exit_code == 1 and said in runs[0].all, runs[0].all
        assert runs[1].exit_code == 0, runs[1].all
    assert not (tmp_path / "c.xlsx").exists() and not (tmp_path / "r.xlsx").exists()
    assert cli("export", unit, "-o", tmp_path / "e.csv").exit_code == 0  # a CSV holds it whole


# --- 11. plan --effort says what is really too large and what to do ------------------------------------------

def fine_framework(folder: Path, leaves: int = 2000) -> Path:
    """A framework of ``leaves`` leaves of 10 bands with fine points (so many distinct gains), a unit on
    it and whole weights 10-30 for every leaf (``effort.yaml``)."""
    import random

    rnd = random.Random(7)
    per, crit = 20, 10
    fields, total, unit, effort = [], 0, [], []
    for f in range(1, leaves // (per * crit) + 1):
        crits, fmax = [], 0
        for c in range(1, crit + 1):
            subs, cmax = [], 0
            for s in range(1, per + 1):
                lid = f"{f}.{c}.{s}"
                m = rnd.randint(100, 999)
                pts = sorted({rnd.randint(1, m * 1000) for _ in range(9)} | {m * 1000}, reverse=True)
                bands = ", ".join(f"{{gte: {100 - 10 * i}, points: {p / 1_000_000:.6f}}}" for i, p in enumerate(pts))
                subs.append(f"          - {{id: '{lid}', title: L, max: {m / 1000:.3f}, rule: {{kind: bands, "
                            f"measure: percent, bands: [{bands}, {{points: 0}}]}}}}")
                cmax += m
                unit.append(f"  '{lid}': {{percent: {rnd.randint(0, 60)}}}")
                effort.append(f"'{lid}': {rnd.randint(10, 30)}")
            crits.append(f"      - id: '{f}.{c}'\n        title: C\n        max: {cmax / 1000:.3f}\n"
                         "        subcriteria:\n" + "\n".join(subs))
            fmax += cmax
        fields.append(f"  - id: '{f}'\n    title: F\n    max: {fmax / 1000:.3f}\n    criteria:\n" + "\n".join(crits))
        total += fmax
    head = ["schema: parcli/framework/v1", "id: fine", "title: Fine", "version: '1'", "level: other",
            "provenance: {status: custom, note: test}", f"total: {total / 1000:.3f}", "places: 2",
            "classes: [{label: A, min: 90}, {label: B, min: 0}]", "fields:"]
    (folder / "fine.yaml").write_text("\n".join(head + fields) + "\n", encoding="utf-8")
    (folder / "effort.yaml").write_text("\n".join(effort) + "\n", encoding="utf-8")
    path = folder / "u.yaml"
    path.write_text("schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: fine.yaml\nevidence:\n"
                    + "\n".join(unit) + "\n", encoding="utf-8")
    return path


def test_an_effort_problem_too_large_is_said_as_what_it_is(cli, tmp_path):
    unit = fine_framework(tmp_path)
    run = cli("plan", unit, "--target-index", "90", "--effort", tmp_path / "effort.yaml")
    assert run.exit_code == 1, run.all
    assert "--effort: too many sums to find the cheapest plan exactly: " in run.all
    assert "steps of 2,000 leaves, tried against each of" in run.all and "above the limit of 400,000,000" in run.all
    assert "fewer decimals" not in run.all  # the weights are whole: that advice would be false
    assert "give coarser weights" in run.all and "leave out --effort" in run.all and "…" not in run.all
    halves = tmp_path / "halves.yaml"
    halves.write_text((tmp_path / "effort.yaml").read_text(encoding="utf-8").replace("\n", ".5\n"), encoding="utf-8")
    run = cli("plan", unit, "--target-index", "90", "--effort", halves)
    assert run.exit_code == 1 and "give weights with fewer decimals (whole numbers); give coarser" in run.all


# --- 13. wording: the hidden sheet's empty cell, places, cell references, an all-na unit, a double SIGTERM -----

def test_an_unreadable_cell_reference_is_named_as_it_is(cli, tmp_path):
    for forged, said in (('<c r="ZZZZ1" t="n"><v>1</v></c>', "has a cell at 'ZZZZ1', not a cell of Excel's grid"),
                         ('<c t="n"><v>1</v></c>', "has a cell without a reference (such as E12)")):
        data = rezip((HOSTILE / "form-libreoffice.xlsx").read_bytes(), "xl/worksheets/sheet1.xml",
                     lambda part, forged=forged: part.replace(b"</sheetData>", b'<row r="3000">' + forged.encode()
                                                              + b"</row></sheetData>"))
        form = tmp_path / "f.xlsx"
        form.write_bytes(data)
        run = cli("validate", form)
        assert run.exit_code == 1 and said in run.all and 'r="E12"' not in run.all, run.all


def test_a_unit_whose_every_field_is_not_applicable_is_not_called_blank(cli, tmp_path):
    from tests.conftest import MINI_FRAMEWORK

    (tmp_path / "mini.yaml").write_text(MINI_FRAMEWORK, encoding="utf-8")
    na = tmp_path / "na.yaml"
    na.write_text('schema: parcli/unit/v1\nunit: NA\nyear: 2021\nframework: mini.yaml\nevidence:\n'
                  '  "1": {na: true}\n  "2": {na: true}\n', encoding="utf-8")
    blank = tmp_path / "blank.yaml"
    blank.write_text("schema: parcli/unit/v1\nunit: B\nyear: 2021\nframework: mini.yaml\nevidence: {}\n",
                     encoding="utf-8")
    for args in (["report", na, "-o", tmp_path / "r.html"], ["rank", na]):
        run = cli(*args)
        assert "no leaf has evidence" not in run.all and "0 points" not in run.all, run.all
    run = cli("rank", blank)  # a blank unit is still said to be one
    assert "blank.yaml: no leaf has evidence (a blank form or unit file?)" in run.all


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGTERM") or __import__("os").name != "posix",
                    reason="POSIX signals")
def test_two_sigterms_say_interrupted_once(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.report.test_files import many_units

    units = many_units(tmp_path / "units", 1500)
    proc = subprocess.Popen([sys.executable, "-m", "parcli", "rank", str(units), "--jobs", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "vi"})
    time.sleep(2.0)  # the ranking is under way
    for _ in range(40):  # one signal after another while parcli stops (a service manager repeating itself)
        if proc.poll() is not None:
            break
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.002)
    _out, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the ranking finished before it could be stopped")
    lines = err.decode("utf-8").strip().splitlines()
    assert proc.returncode == 1 and lines.count("parcli: đã dừng") == 1 and "Traceback" not in err.decode(), lines
