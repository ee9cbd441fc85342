"""parcli diff: two years, a result JSON against a unit, across framework versions, claimed against
scored."""

from __future__ import annotations

import json
import re

from tests.conftest import EXAMPLES

DEPARTMENTS = sorted((EXAMPLES / "departments").glob("*.yaml"))


def test_diff_two_years(cli):
    run = cli("diff", EXAMPLES / "bac-ninh-2020.yaml", EXAMPLES / "bac-ninh-2021.yaml", "--lang", "en")
    assert run.exit_code == 0, run.all
    out = run.stdout
    assert "+0.75" in out  # 84.74 → 85.49
    lines = [line for line in out.splitlines() if line.startswith("│ 3.2.1") or line.startswith("│ 1.1.1")]
    assert lines[0].startswith("│ 3.2.1")  # the biggest change first
    assert "warning" not in run.stderr


def test_diff_json_against_yaml_and_na(cli, tmp_path, unit_file):
    a = unit_file('"1.1.1": true\n"1.2": {percent: 80}', name="a.yaml")
    b = unit_file('"1.1.1": true\n"1.2": {na: true}', name="b.yaml", unit="Đơn vị B", code="B1")
    a_json = tmp_path / "a.json"
    a_json.write_text(cli("score", a, "-f", "json").stdout, encoding="utf-8")
    run = cli("diff", a_json, b, "--lang", "en")
    assert run.exit_code == 0, run.all
    assert "became not applicable" in run.stdout
    assert "different units" in run.stderr
    run = cli("diff", b, a)
    assert "no longer not applicable" in run.stdout


def test_diff_across_frameworks_compares_fields_by_name_and_warns_on_versions(cli, tmp_path):
    """A 2018 unit (province-2017) against a 2021 unit (province-2020): the frameworks differ, so no
    leaf is compared; the fields, whose names match, are compared by their index."""
    run = cli("diff", EXAMPLES / "bac-kan-2018.yaml", EXAMPLES / "bac-ninh-2021.yaml", "--lang", "en")
    assert run.exit_code == 0, run.all
    assert "the frameworks differ (province-2017 and province-2020): leaves are not compared" in run.stderr
    assert "Leaf" not in run.stdout and "Δ Index (%)" in run.stdout
    rows = [line for line in run.stdout.splitlines() if re.match(r"│ [1-8] ", line)]
    assert len(rows) == 8  # all eight field names match
    other = cli("diff", EXAMPLES / "bac-ninh-2021.yaml", DEPARTMENTS[0], "--lang", "en")
    assert other.exit_code == 0 and "the frameworks differ" in other.stderr and "only in" in other.stdout
    obj = json.loads(cli("score", EXAMPLES / "bac-ninh-2021.yaml", "-f", "json").stdout)
    obj["framework"]["version"] = "2019.9"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(obj), encoding="utf-8")
    run = cli("diff", old, EXAMPLES / "bac-ninh-2021.yaml")
    assert run.exit_code == 0 and "framework versions differ" in run.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert cli("diff", bad, old).exit_code == 1


def test_diff_claimed(cli):
    run = cli("diff", EXAMPLES / "bac-ninh-2021.yaml", "--claimed", "--lang", "en")
    assert run.exit_code == 0
    row = next(line for line in run.stdout.splitlines() if line.startswith("│ 7.2.1"))
    cells = [c.strip() for c in row.strip("│").split("│")]
    assert cells[2:] == ["1.5", "1.5", "1", "-0.5", "scored"]  # max, claimed, points, the difference, status
    assert "1 leaf claimed above what the evidence supports\n" in run.stderr
    assert cli("diff", EXAMPLES / "bac-ninh-2021.yaml").exit_code == 2


def test_diff_claimed_and_two_results_take_the_bonus_and_the_penalty(cli, tmp_path):
    """--claimed left out the claimed bonus (claimed 2, appraised 1.5) and the diff's change row left the bonus and
    penalty columns blank."""
    unit = EXAMPLES / "adjusted" / "so-noi-vu.yaml"
    run = cli("diff", unit, "--claimed", "--lang", "en")
    assert run.exit_code == 0, run.all
    rows = {cells[0]: cells for cells in ([c.strip() for c in line.strip("│").split("│")]
                                          for line in run.stdout.splitlines() if line.startswith("│"))}
    assert rows["bonus"][2:] == ["2", "2", "1.5", "-0.5", "scored"], rows
    assert "penalty" not in rows  # no penalty was claimed
    assert rows["Total"][3:6] == ["2", "1.5", "-0.5"], rows["Total"]  # the totals count the bonus
    assert "0 leaves claimed above" in run.stderr and ": claimed above what the evidence supports" in run.stderr
    other = tmp_path / "so-noi-vu.yaml"
    other.write_text(unit.read_text(encoding="utf-8").replace("bonus: {points: 1.5,", "bonus: {points: 2,")
                     .replace("penalty: {points: 0.5,", "penalty: {points: 1,"), encoding="utf-8")
    (tmp_path / "department-example-adjusted.yaml").write_bytes(
        (EXAMPLES / "adjusted" / "department-example-adjusted.yaml").read_bytes())
    run = cli("diff", unit, other, "--lang", "en")
    assert run.exit_code == 0, run.all
    change = next([c.strip() for c in line.strip("│").split("│")] for line in run.stdout.splitlines()
                  if line.startswith("│ Change"))
    assert change[3:] == ["0", "", "+0.5", "+0.5", "0.000", ""], change  # points, max, bonus, penalty, index
