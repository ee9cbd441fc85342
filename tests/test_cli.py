"""The commands, through typer's CliRunner, on real files."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from tests.conftest import EXAMPLES

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def test_score_table(cli):
    run = cli("score", BAC_NINH, "--lang", "vi")
    assert run.exit_code == 0
    out = run.stdout
    assert "Tỉnh Bắc Ninh" in out and "Chỉ số (%)" in out and "Xếp loại" in out
    assert "TÁI DỰNG" in out  # the framework is reconstructed, and every output says so
    assert "3.2.1" in out  # depth all shows sub-criteria
    # piped output is never truncated with an ellipsis
    assert "…" not in out


def test_score_depth_and_lang(cli):
    run = cli("score", BAC_NINH, "--depth", "field", "--lang", "en")
    assert run.exit_code == 0
    assert "Index (%)" in run.stdout and "RECONSTRUCTED" in run.stdout
    assert "│ 1.1 " not in run.stdout and "│ 8 " in run.stdout  # no criteria rows at field depth
    assert "Claimed" not in run.stdout
    run = cli("score", BAC_NINH, "--depth", "criterion")
    assert "│ 1.1 " in run.stdout and "1.1.1" not in run.stdout


def test_score_json_is_exact_and_complete(cli):
    run = cli("score", BAC_NINH, "--format", "json")
    assert run.exit_code == 0
    obj = json.loads(run.stdout, parse_float=Decimal)
    assert obj["schema"] == "parcli/result/v1"
    assert obj["tool"]["name"] == "parcli"
    assert obj["framework"]["id"] == "province-2020" and obj["framework"]["status"] == "reconstructed"
    assert len(obj["framework"]["sha256"]) == 64
    assert set(obj) == {"schema", "tool", "framework", "unit", "code", "year", "points", "max", "index", "class",
                        "fields", "leaves", "warnings"}
    assert len(obj["leaves"]) == 106 and len(obj["fields"]) == 8
    assert set(obj["leaves"][0]) == {"id", "field", "criterion", "title", "max", "points", "lost", "status",
                                     "claimed", "reason"}
    total = sum(Decimal(str(leaf["points"])) for leaf in obj["leaves"] if leaf["points"] is not None)
    assert Decimal(str(obj["points"])) == total
    index = Decimal(str(obj["index"]))
    assert index == (Decimal(str(obj["points"])) * 100 / Decimal(str(obj["max"]))).quantize(Decimal("0.01"),
                                                                                           rounding="ROUND_HALF_UP")
    assert "30000000000000004" not in run.stdout
    assert "RECONSTRUCTED" in run.stderr or "TÁI DỰNG" in run.stderr


def test_score_csv(cli):
    run = cli("score", BAC_NINH, "--format", "csv")
    assert run.exit_code == 0
    assert run.stdout.startswith("\ufeffunit,code,year,framework,field,criterion,leaf,title,max,points,lost,"
                                 "status,claimed,note")


def test_score_strict_fails_on_missing(cli, unit_file):
    path = unit_file('"1.1.1": true')
    assert cli("score", path).exit_code == 0
    run = cli("score", path, "--strict")
    assert run.exit_code == 1
    assert "leaf 1.1.2 has no evidence (every leaf needs evidence in strict mode)" in run.stderr


def test_validate_reports_all_files_and_summaries(cli, unit_file, write):
    good = unit_file('"1.1.1": true')
    bad = write("bad.yaml", "schema: parcli/unit/v1\nunit: X\nyear: 2021\nframework: mini.yaml\nevidence:\n"
                            "  \"9.9\": true\n  \"1.1.1\": maybe\n")
    run = cli("validate", good, bad, EXAMPLES.parent / "criteria" / "province-2020.yaml")
    assert run.exit_code == 1
    assert f"{bad}:6:3: unknown id '9.9'" in run.stdout
    assert f"{bad}:7:12: 1.1.1: the text 'maybe' does not fit a yes_no rule" in run.stdout
    assert f"{good}: ok" in run.stdout and "warning: 7 leaves have no evidence" in run.stdout
    assert "8 fields / 43 criteria / 102 sub-criteria / total 100 (reconstructed)" in run.stdout
    assert "3 file(s) checked: 2 valid, 1 with problems" in run.stderr


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("score").exit_code == 2
    assert cli("score", BAC_NINH, "--depth", "deep").exit_code == 2
    assert cli("nonsense").exit_code == 2
    assert cli("export", BAC_NINH, "-o", tmp_path / "x.txt").exit_code == 2


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert not text.startswith("sep=")
    return list(csv.reader(io.StringIO(text)))


def yaml_framework(path):
    return next(line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("framework:"))


def test_export_csv(cli, tmp_path):
    out = tmp_path / "all.csv"
    files = sorted(EXAMPLES.glob("*.yaml"))
    run = cli("export", *files, "-o", out)
    assert run.exit_code == 0, run.all
    rows = read_csv(out)
    assert rows[0] == ["unit", "code", "year", "framework", "field", "criterion", "leaf", "title", "max",
                       "points", "lost", "status", "claimed", "note"]
    leaves = {"province-2017": 83, "province-2020": 106, "province-2022": 91}  # rows per unit: its leaves
    expected = sum(leaves[yaml_framework(f)] for f in files)
    assert len(rows) == 1 + expected
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["framework"] == "province-2017@2017.1"  # the first file: bac-kan-2017
    Decimal(first["max"]), Decimal(first["points"])  # numbers stay numbers
    assert "Tỉnh Bắc Ninh" in {r[0] for r in rows}


def test_export_neutralises_formulas(cli, write, mini, tmp_path):
    path = write("evil.yaml", """
        schema: parcli/unit/v1
        unit: "=HYPERLINK(\\"http://x\\")"
        code: "+84"
        year: 2021
        framework: mini.yaml
        evidence:
          "1.1.1": {value: true, note: "@SUM(A1)"}
          "1.1.2": {percent: 50, note: "-1+2"}
          "1.1.3": {value: a, note: "\\tTab"}
    """)
    out = tmp_path / "evil.csv"
    assert cli("export", path, "-o", out).exit_code == 0
    rows = read_csv(out)
    body = rows[1:]
    assert all(r[0] == "'=HYPERLINK(\"http://x\")" for r in body)
    assert all(r[1] == "'+84" for r in body)
    notes = {r[6]: r[13] for r in body}
    assert notes["1.1.1"] == "'@SUM(A1)" and notes["1.1.2"] == "'-1+2" and notes["1.1.3"] == "'\tTab"
    assert rows[1][8] == "1"  # numbers untouched


def test_export_refuses_to_overwrite_an_input(cli, unit_file):
    path = unit_file('"1.1.1": true')
    before = path.read_bytes()
    run = cli("export", path, "-o", path)
    assert run.exit_code == 2
    assert "is one of the input files" in run.stderr
    assert path.read_bytes() == before


def test_export_into_missing_folder(cli, tmp_path):
    run = cli("export", BAC_NINH, "-o", tmp_path / "nope" / "x.csv")
    assert run.exit_code == 2 and "does not exist" in run.stderr


def test_failed_export_keeps_the_old_file(cli, tmp_path, unit_file):
    out = tmp_path / "keep.csv"
    out.write_bytes(b"old contents")
    bad = unit_file('"1.1.1": 5', name="bad.yaml")
    run = cli("export", BAC_NINH, bad, "-o", out)
    assert run.exit_code == 1
    assert out.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["keep.csv", "bad.yaml", "mini.yaml"])


@pytest.mark.parametrize("command", ["score", "validate", "export", "rank", "diff", "template", "explain",
                                     "frameworks", "schema"])
def test_every_command_has_help_without_internals(cli, command):
    run = cli(command, "--help")
    assert run.exit_code == 0
    assert "Usage" in run.stdout
    import re

    assert not re.search(r"<[a-z][a-z \[\]]*>|\{[a-z]+\}", run.stdout), run.stdout  # <list[str]>, {unit}


def test_shell_completion_is_offered(cli):
    assert "--install-completion" in cli("--help").stdout


def test_folders_and_quoted_patterns_stand_for_their_files(cli, tmp_path):
    import shutil

    folder = tmp_path / "hoso"
    folder.mkdir()
    for p in sorted((EXAMPLES / "departments").glob("so-*.yaml"))[:3]:
        shutil.copy(p, folder / p.name)
    (folder / "notes.txt").write_text("not a unit")
    shutil.copy(EXAMPLES.parent / "criteria" / "department-example.yaml", tmp_path / "fw.yaml")
    for p in folder.glob("*.yaml"):
        p.write_text(p.read_text(encoding="utf-8").replace("framework: department-example", "framework: ../fw.yaml"),
                     encoding="utf-8")
    by_folder = cli("rank", folder, "--lang", "en")
    by_pattern = cli("rank", f"{folder}/*.yaml", "--lang", "en")
    by_files = cli("rank", *sorted(folder.glob("*.yaml")), "--lang", "en")
    assert by_folder.exit_code == by_pattern.exit_code == by_files.exit_code == 0, by_folder.all
    assert by_folder.stdout == by_pattern.stdout == by_files.stdout
    assert cli("validate", folder).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    run = cli("rank", empty)
    assert run.exit_code == 1 and "holds no .yaml or .xlsx file" in run.stderr
    run = cli("export", f"{tmp_path}/nothing-*.yaml", "-o", tmp_path / "x.csv")
    assert run.exit_code == 1 and "no file matches" in run.stderr


def test_version(cli):
    from parcli import __version__

    assert cli("--version").stdout.strip() == f"parcli {__version__}"
