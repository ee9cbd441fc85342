"""parcli score: the table, its depth and language, JSON and CSV, --strict."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from tests.conftest import EXAMPLES

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def test_score_table(cli):
    run = cli("score", BAC_NINH, "--lang", "vi")
    assert run.exit_code == 0
    out = run.stdout
    lines = out.splitlines()
    assert lines[0] == "Tỉnh Bắc Ninh · 2021 · Chỉ số cải cách hành chính cấp tỉnh 2020–2021"
    assert "Chỉ số (%): 85.49   Xếp loại: B" in lines  # the index and the class, on their own line
    assert any("TÁI DỰNG" in line and "province-2020" in line for line in lines)  # reconstructed, and it says so
    row = next(line for line in lines if line.startswith("│ 3.2.1 "))  # depth all shows sub-criteria
    assert [c.strip() for c in row.strip("│").split("│")] == [
        "3.2.1", "Tỷ lệ hồ sơ TTHC cấp tỉnh giải quyết đúng hạn", "1.5", "1.5", "0", "", "", "đã chấm"]
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


def test_score_locale_vi_and_english_titles(cli):
    run = cli("score", EXAMPLES / "bac-ninh-2021.yaml", "--depth", "field", "--locale", "vi", "--lang", "vi")
    assert "Chỉ số (%): 85,49" in run.stdout and "85.49" not in run.stdout
    run = cli("score", EXAMPLES / "bac-ninh-2021.yaml", "--depth", "field", "--lang", "en")
    assert "Provincial PAR INDEX 2020–2021" in run.stdout and "Administrative procedure reform" in run.stdout
    assert "Công tác" not in run.stdout
    assert "warning: 7.2.1: 1.5 points claimed" in run.stderr
    run = cli("score", EXAMPLES / "bac-ninh-2021.yaml", "--depth", "field", "--lang", "vi")
    assert "cảnh báo: 7.2.1: tự chấm 1.5 điểm, số liệu chỉ đạt 1 điểm" in run.stderr


def test_three_decimal_framework(cli):
    run = cli("rank", *sorted((EXAMPLES / "departments").glob("*.yaml")), "--locale", "vi")
    assert re.search(r"\b9\d,\d{3}\b", run.stdout)  # e.g. 94,023


def test_a_missing_framework_is_one_clear_message(cli, tmp_path):
    """A form (or unit file) whose framework file is gone said "its file has the problems below", then "no such
    file" on a line of its own: one line says it; a framework with problems in its lines still lists them below."""
    import shutil

    for name in ("department-example-adjusted.yaml", "so-noi-vu.yaml"):
        shutil.copy(EXAMPLES / "adjusted" / name, tmp_path / name)
    form = tmp_path / "so-noi-vu.xlsx"
    assert cli("convert", tmp_path / "so-noi-vu.yaml", "-o", form).exit_code == 0
    (tmp_path / "department-example-adjusted.yaml").rename(tmp_path / "elsewhere.yaml")
    for unit in (form, tmp_path / "so-noi-vu.yaml"):
        run = cli("score", unit)
        assert run.exit_code == 1
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, lines
        assert "framework 'department-example-adjusted.yaml' cannot be used: " in lines[0], lines
        assert lines[0].endswith(f"{tmp_path / 'department-example-adjusted.yaml'}: no such file; check the path"), \
            lines[0][-150:]  # where it was looked for: beside the form or the unit file
        assert "problems below" not in run.stderr
    broken = (tmp_path / "elsewhere.yaml").read_text(encoding="utf-8").replace("total: ", "total: 1", 1)
    (tmp_path / "department-example-adjusted.yaml").write_text(broken, encoding="utf-8")
    run = cli("score", tmp_path / "so-noi-vu.yaml")
    assert run.exit_code == 1 and "cannot be used: its file has the problems below" in run.stderr, run.stderr
    assert len([line for line in run.stderr.splitlines() if line.strip()]) >= 2
