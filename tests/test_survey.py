"""``parcli survey`` (issue 24, DESIGN §13): indices from the respondents' answers, with their intervals.

The survey of a test file is checked against an independent reckoning (a second, plain implementation
with fractions and the other form of Wilson's formula); Hòa Bình 2023's published row (MĐHL 99.75 % of
8 points = 7.98; 58.50 + 30.41 + 7.98 = 96.89) is reproduced through ``--into`` and ``score``.
"""

from __future__ import annotations

import csv
import json
import shutil
import time
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

SURVEY = ROOT / "docs" / "survey"  # the README's example is the test file
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
DEF = SURVEY / "hb-mdhl.yaml"
ANSWERS = SURVEY / "answers-vi-vn.csv"
Z = Decimal("1.959963984540054235524594430520551527955")


def cent(value) -> Decimal:
    if isinstance(value, Fraction):
        with localcontext() as ctx:
            ctx.prec = 60
            value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def wilson_other_form(s: int, n: int) -> tuple[Decimal, Decimal]:
    """Wilson's interval as (2s + z² ∓ z·sqrt(z² + 4s(n − s)/n)) / (2(n + z²)), in percent."""
    with localcontext() as ctx:
        ctx.prec = 50
        root = (Z * Z + 4 * Decimal(s) * (n - s) / n).sqrt()
        low = (2 * s + Z * Z - Z * root) / (2 * (n + Z * Z))
        high = (2 * s + Z * Z + Z * root) / (2 * (n + Z * Z))
        return cent(max(low, Decimal(0)) * 100), cent(min(high, Decimal(1)) * 100)


def reckon(definition: Path, answers: Path) -> dict:
    """The survey computed plainly: every row read with the csv module, every index a fraction; each level by
    the definition's method of it (``method: mean|pooled``, or per level, a level left out being mean)."""
    spec = yaml.safe_load(definition.read_text(encoding="utf-8"))
    method = spec.get("method", "mean")
    levels = method if isinstance(method, dict) else {"element": method, "part": method, "overall": method}

    def by(level: str, means: list[Fraction], item_ids: list[str], items: dict) -> Fraction:
        if levels.get(level, "mean") == "pooled":  # every answer of the level's items taken together
            return Fraction(100 * sum(items[i][1] for i in item_ids), sum(items[i][0] for i in item_ids))
        return sum(means) / len(means)

    scale = spec["scale"]
    labels = {str(v).casefold(): int(k) for k, v in scale.get("labels", {}).items()}
    missing = {str(m).casefold() for m in scale.get("missing", [])}
    satisfied = set(scale["satisfied"])
    with answers.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    header, body = rows[0], rows[1:]
    unit_col = header.index(spec["unit"])
    out: dict = {}
    for code in spec["units"]:
        mine = [r for r in body if r[unit_col] == code]
        items, elements, parts = {}, {}, {}
        for part in spec["parts"]:
            for element in part["elements"]:
                for item in element["items"]:
                    col = header.index(item["column"])
                    given = []
                    for r in mine:
                        cell = r[col].strip()
                        if cell == "" or cell.casefold() in missing:
                            continue
                        given.append(int(cell) if cell.isdigit() else labels[cell.casefold()])
                    s = sum(1 for a in given if a in satisfied)
                    items[item["id"]] = (len(given), s, Fraction(100 * s, len(given)))
                ids = [i["id"] for i in element["items"]]
                elements[element["id"]] = by("element", [items[i][2] for i in ids], ids, items)
            ids = [i["id"] for e in part["elements"] for i in e["items"]]
            parts[part["id"]] = by("part", [elements[e["id"]] for e in part["elements"]], ids, items)
        out[code] = {"n": len(mine), "items": items, "elements": elements, "parts": parts,
                     "overall": by("overall", list(parts.values()), list(items), items)}
    return out


def survey_json(cli, tmp_path, *args) -> list:
    out = tmp_path / "survey.json"
    run = cli("survey", *args, "-o", out)
    assert run.exit_code == 0, run.all
    return json.loads(out.read_text(encoding="utf-8"))


def check_against_reckoning(got: list, expected: dict) -> None:
    """Every index, n and item interval of a survey's JSON against the plain reckoning."""
    assert [u["code"] for u in got] == list(expected) == ["SNV", "STP", "SYT"]
    for unit in got:
        want = expected[unit["code"]]
        assert unit["n"] == want["n"]
        assert Decimal(str(unit["overall"]["index"])) == cent(want["overall"])
        for part in unit["parts"]:
            assert Decimal(str(part["index"])) == cent(want["parts"][part["id"]]), part
        for element in unit["elements"]:
            assert Decimal(str(element["index"])) == cent(want["elements"][element["id"]]), element
        for item in unit["items"]:
            n, s, rate = want["items"][item["id"]]
            assert (item["n"], item["satisfied"]) == (n, s)
            assert Decimal(str(item["rate"])) == cent(rate)
            assert (Decimal(str(item["low"])), Decimal(str(item["high"]))) == wilson_other_form(s, n), item
        for level in [unit["overall"], *unit["parts"], *unit["elements"]]:  # the bootstrap brackets the index
            assert level["low"] <= level["index"] <= level["high"], level
        assert unit["method"]["status"] == "reconstructed"
        assert "QĐ 1001/QĐ-BNV" in unit["method"]["note"] and "was not available" in unit["method"]["note"]


def test_the_survey_of_a_test_file_matches_an_independent_reckoning(cli, tmp_path):
    got = survey_json(cli, tmp_path, DEF, ANSWERS)
    expected = reckon(DEF, ANSWERS)
    assert got[0]["method"]["levels"] == {"element": "mean", "part": "mean", "overall": "mean"}
    check_against_reckoning(got, expected)


@pytest.mark.parametrize("method", [
    "{element: pooled}", "{part: pooled}", "{overall: pooled}", "{element: pooled, overall: pooled}",
    "{element: mean, part: pooled, overall: mean}", "pooled"])
def test_each_level_by_its_own_method_matches_an_independent_reckoning(cli, write, tmp_path, method):
    path = definition(write, GOOD.replace("method: mean", f"method: {method}"))
    got = survey_json(cli, tmp_path, path, ANSWERS)
    expected = reckon(path, ANSWERS)
    chosen = yaml.safe_load(f"m: {method}")["m"]
    levels = {level: chosen if isinstance(chosen, str) else chosen.get(level, "mean")
              for level in ("element", "part", "overall")}
    assert got[0]["method"]["levels"] == levels
    said = {"mean": {"element": "element = mean of items", "part": "part = mean of elements",
                     "overall": "overall = mean of parts"},
            "pooled": {"element": "element = pooled answers of its items", "part": "part = pooled answers of its items",
                       "overall": "overall = pooled answers of every item"}}
    chosen_words = ", ".join(said[levels[level]][level] for level in ("element", "part", "overall"))
    assert f"this survey's definition chooses: {chosen_words}." in got[0]["method"]["note"]  # the note says it too
    check_against_reckoning(got, expected)
    # a level that changed method changes its index here (the test file is not one where both agree)
    mean = reckon(DEF, ANSWERS)["STP"]
    if levels["overall"] == "pooled":
        assert cent(expected["STP"]["overall"]) != cent(mean["overall"])
    if levels["element"] == "pooled":
        assert cent(expected["STP"]["elements"]["KQ"]) != cent(mean["elements"]["KQ"])


def test_the_method_line_says_each_level_s_method(cli, write):
    def said(run) -> str:  # the lines as one text (the terminal's width wraps them between words, no space kept)
        return " ".join(run.stdout.splitlines())

    path = definition(write, GOOD.replace("method: mean", "method: {element: pooled, overall: pooled}"))
    run = cli("survey", path, ANSWERS)
    assert run.exit_code == 0, run.all
    assert ("takes the mean at every level; this survey's definition chooses: item rate = 100 × satisfied / answers "
            "given, element = pooled answers of its items, part = mean of elements, overall = pooled answers of "
            "every item.") in said(run), run.stdout
    vi = cli("survey", path, ANSWERS, "--lang", "vi")
    assert ("yếu tố = gộp chung mọi câu trả lời của các câu hỏi thuộc yếu tố, phần = trung bình các yếu tố, "
            "chỉ số chung = gộp chung mọi câu trả lời của tất cả các câu hỏi.") in said(vi), vi.stdout
    same = definition(write, GOOD.replace("method: mean", "method: {part: mean}"), "same.yaml")
    assert cli("survey", same, ANSWERS).stdout == cli("survey", DEF, ANSWERS).stdout  # a level left out is mean


def test_the_same_answers_give_the_same_intervals_and_a_bootstrap_close_to_wilson(cli, tmp_path):
    first = survey_json(cli, tmp_path, DEF, ANSWERS)
    second = survey_json(cli, tmp_path, DEF, ANSWERS)
    assert first == second
    # an element of one item: its bootstrap interval is that item's share resampled, close to Wilson's
    stp = next(u for u in first if u["code"] == "STP")
    tc = next(e for e in stp["elements"] if e["id"] == "TC")
    d1 = next(i for i in stp["items"] if i["id"] == "D1")
    assert tc["index"] == d1["rate"]
    assert abs(tc["low"] - d1["low"]) < 2 and abs(tc["high"] - d1["high"]) < 2
    assert stp["not_separable_from"] == ["SYT"]


def test_hoa_binh_2023_row_is_reproduced_through_into_and_score(cli, tmp_path):
    """Sở Nội vụ: satisfaction 99.75 % on an 8-point leaf = 7.98 points; 58.50 + 30.41 + 7.98 = 96.89."""
    work = tmp_path / "work"
    shutil.copytree(SURVEY, work)
    out = tmp_path / "into"
    run = cli("survey", work / "hb-mdhl.yaml", work / "answers-vi-vn.csv", "--into", work / "so-noi-vu.yaml",
              "-o", out)
    assert run.exit_code == 0, run.all
    assert "unit STP has answers but no unit file among --into" in run.stderr
    written = out / "so-noi-vu.yaml"
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["evidence"]["3.1"] == {"percent": 99.75, "note": "survey of 400 questionnaires"}
    assert data["evidence"]["1.1"]["points"] == 58.5 and data["evidence"]["2.1"]["points"] == 30.41
    score = cli("score", written, "--format", "json")
    assert score.exit_code == 0, score.all
    result = json.loads(score.stdout)
    leaf = next(x for x in result["leaves"] if x["id"] == "3.1")
    assert Decimal(str(leaf["points"])) == Decimal("7.98")
    assert Decimal(str(result["points"])) == Decimal("96.89") and Decimal(str(result["index"])) == Decimal("96.89")
    again = cli("survey", work / "hb-mdhl.yaml", work / "answers-vi-vn.csv", "--into", work / "so-noi-vu.yaml",
                "-o", out)
    assert again.exit_code == 1 and "--force" in again.all  # never over a file without --force


def test_the_note_is_vietnamese_by_default(cli, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(SURVEY, work)
    (work / "hoso").mkdir()
    (work / "hoso" / "so-noi-vu.yaml").write_text((work / "so-noi-vu.yaml").read_text(encoding="utf-8").replace(
        "framework: hb-test.yaml", "framework: ../hb-test.yaml"), encoding="utf-8")
    run = cli("survey", work / "hb-mdhl.yaml", work / "answers-vi-vn.csv", "--into", work / "hoso", "-o",
              tmp_path / "o", "--lang", "vi")  # a folder of units
    assert run.exit_code == 0, run.all
    data = yaml.safe_load((tmp_path / "o" / "so-noi-vu.yaml").read_text(encoding="utf-8"))
    assert data["evidence"]["3.1"]["note"] == "khảo sát 400 phiếu"


def test_the_table_states_n_intervals_the_method_and_the_pairs_not_separable(cli):
    run = cli("survey", DEF, ANSWERS)
    assert run.exit_code == 0, run.all
    out = run.stdout
    assert "Sở Nội vụ" in out and "99.75" in out and "99.50–99.94" in out and "400" in out
    assert "RECONSTRUCTED" in out and "QĐ 1001/QĐ-BNV" in out and "Hòa Bình 2023" in out
    assert "Not separable by the survey" in out and "STP ~ SYT" in out and "parcli's addition" in out
    assert max(len(line) for line in out.splitlines()) <= 120
    vi = cli("survey", DEF, ANSWERS, "--lang", "vi", "--locale", "vi")
    assert "TÁI DỰNG" in vi.stdout and "99,75" in vi.stdout and "không phân biệt được" in vi.stdout.lower()
    # the count of resamples without a thousands separator: '2.000' beside '99,75' reads as 2
    assert "(2000 lần lấy mẫu lại" in " ".join(vi.stdout.split()) and "2.000" not in vi.stdout
    assert "(2000 resamples" in " ".join(out.split())


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_the_table_fits_the_width(cli, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    run = cli("survey", DEF, ANSWERS)
    table = [line for line in run.stdout.splitlines() if line[:1] in "┏┃┡│├└"]
    assert table and max(len(line) for line in table) <= columns
    assert all(x in run.stdout for x in ("SNV", "STP", "SYT", "99.75", "83.20", "89.28"))


def test_csv_and_xlsx_outputs_hold_every_index(cli, tmp_path):
    out = tmp_path / "s.csv"
    assert cli("survey", DEF, ANSWERS, "-o", out).exit_code == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == {"code": "SNV", "name": "Sở Nội vụ", "level": "overall", "id": "overall", "part": "",
                       "element": "", "n": "400", "satisfied": "", "index": "99.75", "low": "99.50",
                       "high": "99.94"}
    assert len(rows) == 3 * (1 + 2 + 3 + 5)
    book = tmp_path / "s.xlsx"
    assert cli("survey", DEF, ANSWERS, "-o", book).exit_code == 0
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(book))
    summary = wb.get_sheet_by_name(wb.sheet_names[0]).to_python()
    assert summary[1][:6] == ["SNV", "Sở Nội vụ", 400, 99.75, 99.5, 99.94]
    assert summary[2][-1] == "SYT"  # STP is not separable from SYT
    bad = cli("survey", DEF, ANSWERS, "-o", tmp_path / "s.html")
    assert bad.exit_code == 2 and ".csv, .json or .xlsx" in bad.all


@pytest.mark.external
def test_answers_in_a_workbook_resaved_by_libreoffice_read_the_same(cli, tmp_path):
    from tests.office import open_csv_as_vi_vn

    book = open_csv_as_vi_vn(ANSWERS, tmp_path / "lo")
    assert survey_json(cli, tmp_path, DEF, book) == survey_json(cli, tmp_path, DEF, ANSWERS)


def test_a_comma_csv_without_bom_from_google_forms_reads_the_same(cli, tmp_path):
    text = ANSWERS.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    google = tmp_path / "google.csv"
    with google.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows(rows)  # every cell quoted, as some exports do
    assert survey_json(cli, tmp_path, DEF, google) == survey_json(cli, tmp_path, DEF, ANSWERS)


def test_reading_answers_leaves_the_csv_module_s_limit_as_it_was(cli, tmp_path):
    """The csv module's field limit is the process's: a survey read in the same process as a ranking (tests,
    or a program importing parcli) must not change what the ranking's reader allows."""
    text = ANSWERS.read_text(encoding="utf-8-sig")
    quoted = tmp_path / "quoted.csv"  # quotes take the csv module's path, not the fast split
    with quoted.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows(csv.reader(text.splitlines(), delimiter=";"))
    before = csv.field_size_limit()
    survey_json(cli, tmp_path, DEF, quoted)
    assert csv.field_size_limit() == before


# --- the definition ---------------------------------------------------------------------------------------


def definition(write, body: str, name: str = "def.yaml") -> Path:
    shutil.copy(SURVEY / "hb-test.yaml", write("hb-test.yaml", "x").parent / "hb-test.yaml")
    return write(name, body)


GOOD = DEF.read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "at", "message"), [
    (("method: mean", "method: mean\ncolour: red"), "17:1", "unknown key 'colour'"),
    (("satisfied: [4, 5]", "satisfied: [4, 6]"), "13:18", "a satisfied answer is on the scale 1 to 5, got 6"),
    (("{id: C2, column: \"Câu 2\"", "{id: C1, column: \"Câu 2\""), "26:18", "the item id 'C1' is given twice"),
    (("{id: D1, column: \"Câu 3\"", "{id: D1, column: \"Câu 1\""), "33:30", "the column 'Câu 1' is given twice"),
    (("id: KQ", "id: XD"), "34:13", "the part or element id 'XD' is given twice"),
    (("targets: {overall: \"3.1\"}", "targets: {overall: \"3.9\"}"), "39:20", "3.9: no such node in the framework"),
    (("targets: {overall: \"3.1\"}", "targets: {overall: \"1.1\"}"), "39:20", "1.1 (Điểm thẩm định) does not take a "
                                                                              "percent"),
    (("targets: {overall: \"3.1\"}", "targets: {ZZ: \"3.1\"}"), "39:11", "'ZZ' is not overall, a part or an element"),
    (("missing: [0, Không ý kiến]", "missing: [3]"), "14:13", "the missing code 3 is an answer of the scale"),
    (("measure: share", "measure: median"), "17:10", "measure is one of share | mean"),
    (("method: mean", "method: average"), "16:9", "method is one of mean | pooled (every level), or a mapping of "
                                                  "levels (element, part, overall) to one of them, got 'average'"),
    (("method: mean", "method: {element: pooled, item: mean}"), "16:27", "'item' is not a level of the survey's "
                                                                         "method; the levels are element, part, "
                                                                         "overall"),
    (("method: mean", "method: {element: pooled, part: median}"), "16:33", "the method of the part level is one of "
                                                                           "mean | pooled, got 'median'"),
])
def test_a_bad_definition_is_named_at_its_line_and_column(cli, write, change, at, message):
    path = definition(write, GOOD.replace(*change))
    run = cli("survey", path, ANSWERS)
    assert run.exit_code == 1, run.all
    assert f"def.yaml:{at}: " in run.stderr and message in run.stderr, run.stderr


def test_every_problem_of_a_definition_in_one_run(cli, write):
    path = definition(write, GOOD.replace("satisfied: [4, 5]", "satisfied: [4, 9]").replace(
        "method: mean", "method: average").replace("id: KQ", "id: TC"))
    run = cli("survey", path, ANSWERS)
    assert run.exit_code == 1
    assert len([line for line in run.stderr.splitlines() if "def.yaml:" in line]) == 3, run.stderr


# --- bad answers ------------------------------------------------------------------------------------------


def cp1258(text: str) -> bytes:
    """Vietnamese as a Windows-1258 file holds it: a letter the code page lacks as its base and a tone mark."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            out += unicodedata.normalize("NFC", parts[:-1]).encode("cp1258") + parts[-1].encode("cp1258")
    return out


def answers(write, rows: list[str], name: str = "a.csv", encoding: str = "utf-8") -> Path:
    path = write(name, "")
    text = "\n".join(rows) + "\n"
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


HEADER = "Mã đơn vị,Câu 1,Câu 2,Câu 3,Câu 4,Câu 5"


def test_every_bad_answer_is_named_by_file_line_and_column_in_one_run(cli, write, tmp_path):
    path = answers(write, [HEADER, "SNV,5,4,4,5,5", "SNV,7,4,4,5,5", "SXD,5,4,4,5,5", "SNV,5,4,Tốt,5,5",
                           "SXD,5,4,4,5,5", "SNV,5,4,4,5,5,9"])
    run = cli("survey", DEF, path)
    assert run.exit_code == 1
    lines = run.stderr.replace(f"{tmp_path}/", "").splitlines()
    assert "a.csv:3:5: column 'Câu 1': '7' is not on the scale 1 to 5 or one of its labels; no answer is a " \
           "blank cell or 0, Không ý kiến" in lines, lines
    assert any(line.startswith("a.csv:4:1: column 'Mã đơn vị': unknown unit code 'SXD' (and 1 more rows with this "
                               "code); the survey's units are SNV, STP, SYT") for line in lines), lines
    assert any(line.startswith("a.csv:5:9: column 'Câu 3': 'Tốt' is not on the scale") for line in lines), lines
    assert any(line.startswith("a.csv:7:") and "the row has 7 fields; the first row names 6 columns" in line
               for line in lines), lines


def test_missing_and_duplicated_columns(cli, write):
    path = answers(write, ["Mã đơn vị,Câu 1,Câu 2,Câu 2,Câu 4,Câu 5", "SNV,5,4,4,5,5"])
    run = cli("survey", DEF, path)
    assert run.exit_code == 1
    assert "no column 'Câu 3' in the first row" in run.stderr
    assert "a.csv:1:" in run.stderr and "the column 'Câu 2' is there 2 times (columns 3, 4)" in run.stderr


def test_problems_of_several_files_in_one_run_and_xlsx_cells_named(cli, write, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Trả lời"
    ws.append(HEADER.split(","))
    ws.append(["SNV", 5, 4, 4, 5, 5])
    ws.append(["SNV", 5, 4, 8, 5, 5])
    ws.append(["STP", 5, "Hài lòng", 4, 5, True])
    book = tmp_path / "answers.xlsx"
    wb.save(book)
    ws.append(["STP", 5, "=1+1", 4, 5, 5])
    unsaved = tmp_path / "unsaved.xlsx"
    wb.save(unsaved)
    bad_csv = answers(write, [HEADER, "SNV,5,4,4,6,5"])
    run = cli("survey", DEF, book, unsaved, bad_csv)
    assert run.exit_code == 1
    assert f"{book}:Trả lời!D3: column 'Câu 3': '8' is not on the scale" in run.stderr
    assert f"{book}:Trả lời!F4: column 'Câu 5': 'TRUE' is not an answer" in run.stderr
    assert f"{unsaved}:Trả lời!C5: a formula without a saved value" in run.stderr
    assert "a.csv:2:" in run.stderr and "'6' is not on the scale" in run.stderr


@pytest.mark.parametrize(("encoding", "said"), [
    ("utf-16", "UTF-16"), ("cp1258", "Windows-1258 (Vietnamese)"), ("latin-1", "Latin-1 (Western European)")])
def test_a_file_in_another_encoding_is_named_with_how_to_save_it(cli, write, encoding, said):
    rows = [HEADER.replace("Mã đơn vị", "Ma don vi").replace("Câu", "Cau"), "SNV,5,4,4,5,5"]
    if encoding == "cp1258":
        rows = [HEADER, "SNV,5,4,4,5,5"]
    elif encoding == "latin-1":
        rows = [HEADER.replace("Mã đơn vị", "Ma don vi").replace("Câu", "Cau") + ",Remarque", "SNV,5,4,4,5,5,été"]
    path = answers(write, rows, encoding=encoding)
    run = cli("survey", DEF, path)
    assert run.exit_code == 1
    assert said in run.stderr and "UTF-8" in run.stderr, run.stderr


# --- hostile answers: refused in bounded time and memory ---------------------------------------------------


def test_hostile_answers_are_refused_quickly(cli, write, tmp_path):
    cases = {
        "nul.csv": (HEADER + "\nSNV,5,4\x00,4,5,5\n").encode(),
        "huge-field.csv": (HEADER + "\nSNV,\"" + "5" * 200_000 + "\",4,4,5,5\n").encode(),
        "million-columns.csv": (HEADER + "," * 1_000_000 + "\n").encode(),
        "wide-row.csv": (HEADER + "\nSNV" + ",5" * 1_000_000 + "\n").encode(),
        "escape.csv": (HEADER + "\nSNV\x1b]0;pwned\x07,5,4,4,5,5\n").encode(),
        "formula.csv": (HEADER + "\nSNV,=cmd|' /C calc'!A0,4,4,5,5\n").encode(),
    }
    for name, raw in cases.items():
        path = tmp_path / name
        path.write_bytes(raw)
        start = time.perf_counter()
        run = cli("survey", DEF, path)
        assert time.perf_counter() - start < 10, name
        assert run.exit_code == 1, (name, run.all)
        assert name in run.stderr and "\x1b" not in run.all and "\x07" not in run.all, (name, run.stderr)
    shown = cli("survey", DEF, tmp_path / "formula.csv")
    assert "=cmd|' /C calc'!A0\" is not on the scale" in shown.stderr


def test_hostile_fixtures(cli):
    run = cli("survey", DEF, HOSTILE / "survey-answers-utf16.csv", HOSTILE / "survey-answers-cp1258.csv",
              HOSTILE / "survey-answers-formulas.csv")
    assert run.exit_code == 1
    assert "survey-answers-utf16.csv: the file is UTF-16" in run.stderr
    assert "survey-answers-cp1258.csv:" in run.stderr and "Windows-1258" in run.stderr
    assert "survey-answers-formulas.csv:2:" in run.stderr and "'=HYPERLINK" in run.stderr


# --- pooled, mean, and units without answers --------------------------------------------------------------


def test_pooled_and_mean_measures(cli, write, tmp_path):
    shutil.copy(SURVEY / "hb-test.yaml", tmp_path / "hb-test.yaml")
    pooled = write("pooled.yaml", GOOD.replace("method: mean", "method: pooled"))
    got = survey_json(cli, tmp_path, pooled, ANSWERS)
    want = reckon(DEF, ANSWERS)["STP"]["items"]
    stp = next(u for u in got if u["code"] == "STP")
    n = sum(v[0] for v in want.values())
    s = sum(v[1] for v in want.values())
    assert Decimal(str(stp["overall"]["index"])) == cent(Fraction(100 * s, n))
    mean = write("mean.yaml", GOOD.replace("measure: share", "measure: mean").replace("  satisfied: [4, 5]\n", ""))
    got = survey_json(cli, tmp_path, mean, ANSWERS)
    snv = next(u for u in got if u["code"] == "SNV")
    c1 = next(i for i in snv["items"] if i["id"] == "C1")
    with ANSWERS.open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter=";") if r[1] == "SNV"]
    values = [5 if r[2] == "Rất hài lòng" else int(r[2]) for r in rows]
    assert Decimal(str(c1["rate"])) == cent(Fraction(100 * sum(v - 1 for v in values), 4 * len(values)))
    assert c1["satisfied"] is None and c1["low"] < c1["rate"] < c1["high"]


def test_a_unit_without_answers_is_said_so(cli, write, tmp_path):
    path = answers(write, [HEADER, "SNV,5,4,4,5,5", "SNV,4,4,,5,5", "STP,5,5,5,5,5"])
    run = cli("survey", DEF, path)
    assert run.exit_code == 0, run.all
    assert "unit SYT (Sở Y tế) has no answer in these files" in run.stderr
    work = tmp_path / "w"
    shutil.copytree(SURVEY, work)
    (work / "so-y-te.yaml").write_text((work / "so-noi-vu.yaml").read_text(encoding="utf-8").replace(
        "code: SNV", "code: SYT").replace("Sở Nội vụ", "Sở Y tế"), encoding="utf-8")
    into = cli("survey", DEF, path, "--into", work / "so-noi-vu.yaml", "--into", work / "so-y-te.yaml", "-o",
               tmp_path / "out")
    assert into.exit_code == 0, into.all
    assert "unit SYT has no answer in these files; it is not written" in into.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["so-noi-vu.yaml"]


def test_excel_sep_line_and_crlf_are_read(cli, write, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(("sep=;\r\n" + HEADER.replace(",", ";") + "\r\nSNV;5;4;4;5;5\r\nSNV;4;;Hài lòng;5;2\r\n"
                      ).encode("utf-8-sig"))
    got = survey_json(cli, tmp_path, DEF, path)
    d3 = next(i for i in got[0]["items"] if i["id"] == "D3")
    assert got[0]["n"] == 2 and (d3["n"], d3["satisfied"]) == (2, 1)
    bad = tmp_path / "excel-bad.csv"
    bad.write_bytes(("sep=;\r\n" + HEADER.replace(",", ";") + "\r\nSNV;5;4;4;5;7\r\n").encode("utf-8"))
    run = cli("survey", DEF, bad)
    assert run.exit_code == 1 and "excel-bad.csv:3:13: column 'Câu 5': '7'" in run.stderr, run.stderr


def test_into_refuses_what_it_cannot_write(cli, write, tmp_path):
    work = tmp_path / "w"
    shutil.copytree(SURVEY, work)
    unit = (work / "so-noi-vu.yaml").read_text(encoding="utf-8")
    (work / "no-code.yaml").write_text(unit.replace("code: SNV\n", ""), encoding="utf-8")
    (work / "na.yaml").write_text(unit.replace("code: SNV", "code: STP").replace(
        '  "2.1"', '  "3": {na: true}\n  "2.1"'), encoding="utf-8")
    shutil.copy(ROOT / "examples" / "departments" / "so-y-te.yaml", work / "other-fw.yaml")
    run = cli("survey", DEF, ANSWERS, "--into", work / "no-code.yaml", "--into", work / "other-fw.yaml", "-o",
              tmp_path / "out")
    assert run.exit_code == 1
    assert "no-code.yaml: the unit has no code" in run.stderr
    assert "other-fw.yaml: the unit uses the framework department-example" in run.stderr
    na = cli("survey", DEF, ANSWERS, "--into", work / "na.yaml", "-o", tmp_path / "out")
    assert na.exit_code == 1 and "3.1 is not applicable (na) in this unit" in na.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    bare = work / "no-targets.yaml"
    bare.write_text(GOOD.replace('targets: {overall: "3.1"}\n', ""), encoding="utf-8")
    nothing = cli("survey", bare, ANSWERS, "--into", work / "so-noi-vu.yaml", "-o", tmp_path / "out")
    assert nothing.exit_code == 1 and "the definition has no targets" in nothing.stderr
    no_dir = cli("survey", DEF, ANSWERS, "--into", work / "so-noi-vu.yaml")
    assert no_dir.exit_code == 2 and "--into needs -o DIR" in no_dir.stderr


def test_a_folder_of_answer_files(cli, tmp_path):
    folder = tmp_path / "phieu"
    folder.mkdir()
    shutil.copy(ANSWERS, folder / "dot-1.csv")
    (folder / "ghi-chu.txt").write_text("không phải phiếu", encoding="utf-8")
    assert survey_json(cli, tmp_path, DEF, folder) == survey_json(cli, tmp_path, DEF, ANSWERS)
    shutil.copy(ANSWERS, folder / "dot-1 (1).csv")  # the same export saved twice
    twice = cli("survey", DEF, folder)
    assert twice.exit_code == 1 and "the file holds the same bytes as" in twice.stderr
    empty = tmp_path / "trong"
    empty.mkdir()
    run = cli("survey", DEF, empty)
    assert run.exit_code == 1 and "the folder holds no .csv or .xlsx file" in run.stderr


def test_the_core_matches_a_plain_reckoning_on_random_answers():
    """Random surveys (blanks, whole items unanswered, each level's method) against fractions computed plainly."""
    import numpy as np
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from parcli.inputs.yaml import load_text
    from parcli.survey.compute import MISSING, Computer
    from parcli.survey.definition import read_definition

    def spec(method: str, measure: str):
        text = (f"schema: parcli/survey/v1\nid: t\ntitle: t\nframework: f.yaml\nunit: u\nmethod: {method}\n"
                f"measure: {measure}\nscale: {{min: 1, max: 4, satisfied: [3, 4]}}\nparts:\n"
                "  - {id: A, title: a, elements: [{id: E1, title: e, items: [q1, q2]},\n"
                "                                 {id: E2, title: e, items: [q3]}]}\n"
                "  - {id: B, title: b, elements: [{id: E3, title: e, items: [q4, q5]}]}\n")
        return read_definition(load_text(text, "t.yaml"))

    def plain(rows, method, measure):
        def rate(cols):
            given = [v for r in rows for k in cols for v in [r[k]] if v != MISSING]
            if not given:
                return None
            if measure == "share":
                return Fraction(100 * sum(1 for v in given if v >= 3), len(given))
            return Fraction(100 * sum(v - 1 for v in given), 3 * len(given))

        def mean(values):
            values = [v for v in values if v is not None]
            return sum(values) / len(values) if values else None

        levels = yaml.safe_load(f"m: {method}")["m"]
        levels = levels if isinstance(levels, dict) else dict.fromkeys(("element", "part", "overall"), levels)
        pooled = {level: levels.get(level) == "pooled" for level in ("element", "part", "overall")}
        items = [rate([k]) for k in range(5)]
        groups = {"E1": [0, 1], "E2": [2], "E3": [3, 4]}
        elements = {e: rate(c) if pooled["element"] else mean([items[k] for k in c]) for e, c in groups.items()}
        parts = {"A": rate([0, 1, 2]) if pooled["part"] else mean([elements["E1"], elements["E2"]]),
                 "B": rate([3, 4]) if pooled["part"] else elements["E3"]}
        return items, elements, parts, rate(range(5)) if pooled["overall"] else mean(list(parts.values()))

    answer = st.one_of(st.integers(1, 4), st.just(MISSING))
    methods = ["mean", "pooled", "{element: pooled}", "{part: pooled}", "{overall: pooled}",
               "{element: pooled, part: pooled}", "{element: pooled, overall: pooled}",
               "{part: pooled, overall: pooled}"]

    @settings(max_examples=100, deadline=None)
    @given(st.lists(st.lists(answer, min_size=5, max_size=5), min_size=1, max_size=30),
           st.sampled_from(methods), st.sampled_from(["share", "mean"]))
    def check(rows, method, measure):
        got = Computer(spec(method, measure), resamples=0).unit("X", None, np.array(rows, dtype=np.int16))
        items, elements, parts, overall = plain(rows, method, measure)
        assert [i.exact for i in got.items] == items
        assert {e.id: e.exact for e in got.elements} == elements
        assert {p.id: p.exact for p in got.parts} == parts
        assert got.overall.exact == overall
        assert got.overall.index == (cent(overall) if overall is not None else None)

    check()


def test_the_fast_reading_of_a_plain_csv_gives_what_the_csv_module_gives(tmp_path):
    """A CSV without quotes whose lines are all as wide as the header is read at once from its bytes; the same
    rows quoted (read by the csv module) give the same answers, or the same problems at the same places."""
    import random

    import numpy as np

    from parcli.errors import InputError
    from parcli.inputs.answers import read_answers
    from parcli.inputs.yaml import load_file
    from parcli.survey.definition import read_definition

    spec = read_definition(load_file(DEF))
    words = ["5", "4", "3", "2", "1", "", " ", "0", "Không ý kiến", "Hài lòng", "rất hài lòng", " 4", "4.0", "4,0",
             "+5", "9", "x", "Tốt", "55", "-"]
    codes = ["SNV", "STP", "SYT", " SNV", "SXD", ""]
    rnd = random.Random(7)
    for round_ in range(12):
        header = ["Dấu thời gian", "Mã đơn vị", "Câu 1", "Câu 2", "Câu 3", "Câu 4", "Câu 5", "Góp ý"]
        if round_ % 3 == 1:  # the columns in another order: an item first, the unit's last
            header = ["Câu 3", "Câu 1", "Câu 2", "Góp ý", "Câu 5", "Câu 4", "Dấu thời gian", "Mã đơn vị"]
        good = round_ % 2 == 0
        rows = []
        for _ in range(rnd.randrange(1, 200)):
            row = {"Dấu thời gian": "01/12/2023 08:00", "Góp ý": rnd.choice(["", "tốt", "Ý kiến dài hơn"]),
                   "Mã đơn vị": rnd.choice(codes[:3] if good else codes)}
        sep = ";" if round_ % 4 < 2 else ","
        vocabulary = [w for w in (words[:13] if good else words) if sep not in w]
        rows = []
        for _ in range(rnd.randrange(1, 200)):
            row = {"Dấu thời gian": "01/12/2023 08:00", "Góp ý": rnd.choice(["", "tốt", "Ý kiến dài hơn"]),
                   "Mã đơn vị": rnd.choice(codes[:3] if good else codes)}
            for k in range(1, 6):  # in some files nearly every cell a digit (each other cell read by itself)
                digits = round_ % 4 == 0 and rnd.random() < 0.99
                row[f"Câu {k}"] = rnd.choice(words[:5] if digits else vocabulary)
            rows.append([row[h] for h in header])
        if not good and rnd.random() < 0.5:
            rows.insert(rnd.randrange(len(rows)), [""] * len(header))  # a blank row
        plain = tmp_path / f"plain-{round_}.csv"
        plain.write_bytes(("\ufeff" if round_ % 2 else "").encode() + "\r\n".join(
            sep.join(r) for r in [header, *rows]).encode("utf-8") + (b"\r\n" if round_ % 3 else b""))
        quoted = tmp_path / f"quoted-{round_}.csv"
        with quoted.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, delimiter=sep, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([header, *rows])

        def read(path: Path):
            try:
                got = read_answers([path], spec, dict(spec.units or {}))
            except InputError as exc:
                return [(p.line, p.col, p.message) for p in exc.problems]
            return got.codes, [m.tolist() for m in got.matrices], got.rows, [n for _f, n in got.blank_rows]

        fast, slow = read(plain), read(quoted)
        assert _grid_read(plain) and not _grid_read(quoted)
        if isinstance(fast, list):  # quoted cells start further right: the lines and messages alike
            assert [(line, message) for line, _col, message in fast] == [(line, message) for line, _c, message
                                                                         in slow], round_
            for line, col, message in fast[:-1] if fast[-1][0] == 0 else fast:  # (less "and N more problems")
                # the character where the cell starts, in the plain file
                before = rows[line - 2][:header.index(message.split("'")[1])]
                assert col == sum(len(cell) + 1 for cell in before) + 1, (line, col, message)
        else:
            assert fast == slow, round_
            assert sum(len(m) for m in fast[1]) == fast[2] and np.asarray(fast[1][0]).dtype.kind == "i"
        assert good == (not isinstance(fast, list)), (round_, fast)


def _grid_read(path: Path) -> bool:
    """Whether the reader takes the file's fast way (its bytes at once) rather than the csv module's."""
    from parcli.inputs.answers import _csv_table

    return type(_csv_table(path.read_bytes(), str(path))).__name__ == "_Grid"


@pytest.mark.parametrize("method", ["mean", "{element: pooled}", "{part: pooled, overall: pooled}"])
def test_the_bootstrap_is_the_classic_one_each_level_by_its_method(write, method):
    """Every interval is the percentile interval (numpy's linear quantiles) of the index recomputed plainly on
    each of the 2,000 resamples parcli draws (respondents with replacement), each level by its own method."""
    import math

    import numpy as np

    from parcli.inputs.answers import read_answers
    from parcli.inputs.yaml import load_file
    from parcli.survey.compute import MISSING, Computer, survey
    from parcli.survey.definition import read_definition

    spec = read_definition(load_file(definition(write, GOOD.replace("method: mean", f"method: {method}"))))
    got = read_answers([ANSWERS], spec, dict(spec.units or {}))
    doc = yaml.safe_load(GOOD.replace("method: mean", f"method: {method}"))
    levels = doc["method"] if isinstance(doc["method"], dict) else dict.fromkeys(("element", "part", "overall"),
                                                                                 doc["method"])
    computer = Computer(spec)
    result = survey(spec, [(c, None, m) for c, m in zip(got.codes, got.matrices, strict=True)])
    assert result == survey(spec, [(c, None, m) for c, m in zip(got.codes, got.matrices, strict=True)], workers=1)

    def rate(rows, items) -> float:
        answers = [v for r in rows for k in items for v in [int(r[k])] if v != MISSING]
        return 100 * sum(1 for v in answers if v >= 4) / len(answers) if answers else math.nan

    def mean(values) -> float:
        values = [v for v in values if not math.isnan(v)]
        return sum(values) / len(values) if values else math.nan

    columns = {i.id: k for k, i in enumerate(spec.items)}
    for unit, matrix in zip(result.units, got.matrices, strict=True):
        picks = np.concatenate(list(computer.draws(unit.code, len(matrix))))
        assert picks.shape == (2000, len(matrix)) and picks.min() >= 0 and picks.max() < len(matrix)
        stats: dict[str, list[float]] = {}
        for drawn in picks:
            rows = matrix[drawn].tolist()
            element = {}
            for e in spec.elements:
                ids = [columns[i.id] for i in e.items]
                element[e.id] = rate(rows, ids) if levels.get("element") == "pooled" else mean(
                    [rate(rows, [k]) for k in ids])
            part = {}
            for p in spec.parts:
                ids = [columns[i.id] for e in p.elements for i in e.items]
                part[p.id] = rate(rows, ids) if levels.get("part") == "pooled" else mean(
                    [element[e.id] for e in p.elements])
            overall = rate(rows, list(columns.values())) if levels.get("overall") == "pooled" else mean(
                list(part.values()))
            for key, value in [*element.items(), *part.items(), ("overall", overall)]:
                stats.setdefault(key, []).append(value)

        def bounds(values):
            low, high = np.nanquantile(np.array(values), [0.025, 0.975])
            return cent(Decimal(repr(float(low)))), cent(Decimal(repr(float(high))))

        for level in [*unit.elements, *unit.parts, unit.overall]:
            assert (level.low, level.high) == bounds(stats[level.id]), (unit.code, level.id)


def test_wilson_in_floats_rounds_as_the_exact_reckoning():
    """Wilson's bounds reckoned in floats (exactly near a half-hundredth) are those of the 50-digit reckoning."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from parcli.survey.compute import wilson, wilson_exact

    @settings(max_examples=200, deadline=None)
    @given(st.integers(1, 2_000_000), st.floats(0, 1))
    def check(n, share):
        s = round(n * share)
        assert wilson(s, n) == wilson_exact(s, n)
        assert [str(b) for b in wilson(s, n)] == [str(b) for b in wilson_exact(s, n)]  # 2 places as published

    check()
    for n in range(1, 50):  # every share of small samples
        for s in range(n + 1):
            assert wilson(s, n) == wilson_exact(s, n), (s, n)
