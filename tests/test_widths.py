"""Tables at 80, 100 and 120 columns (DESIGN §6b, issue 25 item 2): every table a command prints is
parsed back into its cells, and every id, number and name must be whole in its cell, no header cut
with "…", no line wider than the terminal. The values come from the same run's JSON (or the files),
never from the table itself."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from parcli.cli import app
from tests.conftest import CRITERIA, EXAMPLES

WIDTHS = (80, 100, 120)
DEPARTMENTS = EXAMPLES / "departments"


def run(width: int, *args, lang: str = "vi") -> tuple[str, str]:
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2
        runner = CliRunner()
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": str(width), "PARCLI_LANG": lang})
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout, result.stderr


def tables(text: str) -> list[dict]:
    """Every box table of ``text``: its headers and its rows, each cell's lines joined by a space (a word
    cut across two lines would come back as two words). A row starts where the first cell is filled."""
    found: list[dict] = []
    current: dict | None = None
    for line in text.splitlines():
        edge = line[:1]
        if edge in "┏┌":
            current = {"head": [], "rows": [], "lines": []}
            found.append(current)
        elif current is None:
            continue
        elif edge in "┃│":
            cells = [c.strip() for c in line[1:-1].split(edge)]
            if edge == "┃":
                head = current["head"] or [""] * len(cells)
                current["head"] = [" ".join(filter(None, (a, b))) for a, b in zip(head, cells, strict=True)]
            elif cells[0] or not current["rows"]:
                current["rows"].append(cells)
            else:
                last = current["rows"][-1]
                current["rows"][-1] = [" ".join(filter(None, (a, b))) for a, b in zip(last, cells, strict=True)]
        elif edge in "└":
            current = None
    return found


def check_lines(text: str, width: int) -> None:
    assert "…" not in text, text
    for line in text.splitlines():
        assert cell_len(line) <= width, f"{cell_len(line)} > {width}: {line}"


def shown(value, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def number(cell: str, locale: str = "en") -> Decimal:
    if locale == "vi":
        cell = cell.replace(".", "").replace(",", ".")
    return Decimal(cell.replace(",", "").lstrip("+"))


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", WIDTHS)
def test_score_every_leaf_whole(width):
    unit = EXAMPLES / "bac-ninh-2021.yaml"
    data = json.loads(run(width, "score", unit, "-f", "json")[0])
    out, _ = run(width, "score", unit)
    check_lines(out, width)
    (table,) = tables(out)
    assert "…" not in " ".join(table["head"])
    rows = {r[0]: r for r in table["rows"]}
    places = 2
    for leaf in data["leaves"]:
        row = rows[leaf["id"]]
        assert words(row[1]) == words(leaf["title"]), (row, leaf)
        assert number(row[2]) == shown(leaf["max"], places) and number(row[3]) == shown(leaf["points"], places)
    for field in data["fields"]:
        assert words(rows[field["id"]][1]) == words(field["title"])
        assert number(rows[field["id"]][-2]) == shown(field["index"], places)
    if width < 120:  # short headers, and their long words under the table
        assert table["head"][2] == "Tối đa" and "Tối đa: điểm tối đa" in out


@pytest.mark.parametrize("width", WIDTHS)
def test_plan_evidence_in_words_and_whole(width):
    unit = EXAMPLES / "bac-ninh-2021.yaml"
    data = json.loads(run(width, "plan", unit, "--target-class", "A", "-f", "json")[0])
    out, _ = run(width, "plan", unit, "--target-class", "A", "--locale", "vi")
    check_lines(out, width)
    head, changes, lost = tables(out)
    assert [r[0] for r in head["rows"]] == ["Hiện tại", "Mục tiêu", "Sau kế hoạch"]
    assert number(head["rows"][2][1], "vi") == Decimal(str(data["after"]["index"]))
    assert "{" not in out and "true" not in out and "false" not in out  # never the unit file's YAML
    rows = {r[0]: r for r in changes["rows"]}
    assert list(rows) == [c["leaf"] for c in data["changes"]]
    for change in data["changes"]:
        row = rows[change["leaf"]]
        assert words(row[1]) == words(change["title"])
        assert number(row[4], "vi") == Decimal(str(change["gain"]))
    assert rows["6.1.1"][2:4] == ["29/36 (80,56 %)", "35/36 (97,22 %)"]
    assert rows["5.1.1"][2:4] == ["Không", "Có"]
    assert rows["1.5.2"][2:4] == ["92,2 %", "100 %"]
    assert {r[0] for r in lost["rows"]} == {x["leaf"] for x in data["not_plannable"]}


@pytest.mark.parametrize("width", WIDTHS)
def test_plan_option_by_its_title(width, tmp_path):
    """A choice leaf's step is shown by the option's title, not its key."""
    out, _ = run(width, "plan", DEPARTMENTS / "so-van-hoa.yaml", "--lang", "en")
    check_lines(out, width)
    assert "{" not in out
    rows = {r[0]: r for r in tables(out)[1]["rows"]}
    assert rows["4.1.2"][1:4] == ["Restructuring as prescribed", "Not fully", "As prescribed"]
    assert rows["4.2.1"][2:4] == ["No", "Yes"] and rows["3.2.1"][2:4] == ["149/160 (93.13%)", "152/160 (95.00%)"]


@pytest.mark.parametrize("width", WIDTHS)
def test_diff_two_years_whole(width):
    a, b = EXAMPLES / "bac-ninh-2020.yaml", EXAMPLES / "bac-ninh-2021.yaml"
    ja = json.loads(run(width, "score", a, "-f", "json")[0])
    jb = json.loads(run(width, "score", b, "-f", "json")[0])
    out, _ = run(width, "diff", a, b)
    check_lines(out, width)
    head, fields, leaves = tables(out)
    assert [r[1] for r in head["rows"][:2]] == [ja["unit"], jb["unit"]]
    assert number(head["rows"][1][5]) == Decimal(str(jb["index"]))
    titles = {f["id"]: f["title"] for f in jb["fields"]}
    assert {r[0]: words(r[1]) for r in fields["rows"]} == {k: words(v) for k, v in titles.items()}
    by_id = {x["id"]: x for x in jb["leaves"]}
    for row in leaves["rows"]:
        assert words(row[1]) == words(by_id[row[0]]["title"])
        assert number(row[4]) == shown(by_id[row[0]]["points"], 2)


@pytest.mark.parametrize("width", WIDTHS)
def test_diff_claimed_only_the_claims_with_totals(width):
    unit = EXAMPLES / "bac-ninh-2021.yaml"
    data = json.loads(run(width, "score", unit, "-f", "json")[0])
    out, _ = run(width, "diff", unit, "--claimed")
    check_lines(out, width)
    (table,) = tables(out)
    claimed = [x for x in data["leaves"] if x.get("claimed") is not None]
    assert claimed and len(out.splitlines()) < 30
    *rows, total = table["rows"]
    assert [r[0] for r in rows] == [x["id"] for x in claimed]
    for row, leaf in zip(rows, claimed, strict=True):
        assert words(row[1]) == words(leaf["title"])
        assert number(row[3]) == Decimal(str(leaf["claimed"])) and number(row[4]) == Decimal(str(leaf["points"]))
    assert total[0] == "Tổng" and words(total[1]) == f"{len(claimed)}/{len(data['leaves'])} tiêu chí có tự chấm"
    assert number(total[3]) == sum(Decimal(str(x["claimed"])) for x in claimed)
    assert number(total[4]) == sum(Decimal(str(x["points"])) for x in claimed)


@pytest.mark.parametrize("width", WIDTHS)
def test_rank_names_whole_before_fields(width, tmp_path):
    csv_out = tmp_path / "rank.csv"
    run(width, "rank", DEPARTMENTS, "-o", csv_out)
    import csv

    rows_csv = list(csv.DictReader(csv_out.read_text(encoding="utf-8-sig").splitlines()))
    out, err = run(width, "rank", DEPARTMENTS)
    check_lines(out, width)
    (table,) = tables(out)
    assert [r[1] for r in table["rows"]] == [r["unit"] for r in rows_csv]
    for row, expected in zip(table["rows"], rows_csv, strict=True):
        assert row[0] == expected["rank"] and number(row[4]) == Decimal(expected["index"])
    field_columns = [h for h in table["head"] if h.startswith("Lĩnh vực")]
    if field_columns:  # a field column only when every unit name is on one line
        names = [line for line in out.splitlines() if line.startswith("│")]
        assert len(names) == len(rows_csv)
    assert field_columns == [f"Lĩnh vực {i}" for i in range(1, len(field_columns) + 1)]
    if len(field_columns) < 8:
        assert "--fields" in err


@pytest.mark.parametrize("width", WIDTHS)
def test_explain_and_frameworks_whole(width):
    out, _ = run(width, "explain", "province-2020", "3.2.1")
    check_lines(out, width)
    (table,) = tables(out)
    keys = [r[0] for r in table["rows"]]
    assert keys[:2] == ["Vị trí", "Điểm tối đa"] and table["rows"][1][1] == "1.5"
    out, _ = run(width, "frameworks")
    check_lines(out, width)
    (table,) = tables(out)
    ids = [r[1] for r in table["rows"] if r[0] == "id"]
    assert ids == sorted(p.stem for p in CRITERIA.glob("*.yaml"))


@pytest.mark.parametrize("width", WIDTHS)
def test_validate_lines_whole(width):
    out, err = run(width, "validate", CRITERIA / "province-2020.yaml", EXAMPLES / "bac-kan-2018.yaml")
    assert "…" not in out + err
    assert "province-2020 v2020.1" in out and "Tỉnh Bắc Kạn" in out


@pytest.mark.parametrize("width", WIDTHS)
def test_report_terminal_lines_whole(width, tmp_path):
    out, err = run(width, "report", DEPARTMENTS / "so-y-te.yaml", "-o", tmp_path / "r.html")
    assert "…" not in out + err and str(tmp_path / "r.html") in out + err
