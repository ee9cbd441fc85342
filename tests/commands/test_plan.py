"""parcli plan: its table, CSV and targets, --apply rescored; what it is given (issue 20 item 3):
extreme targets refused or rounded at once, the --against CSV read with --previous's checks, an
effort file's unknown keys at their line, a unit without an index. The speed of --effort is measured
by benchmarks/bench_plan.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal as D

import pytest

from tests.conftest import EXAMPLE_UNITS, EXAMPLES, ROOT

UNITS = EXAMPLE_UNITS

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def run_parcli(*args, timeout=60):
    """A new process with a deadline: a target that took minutes (a 10^-999999999 Fraction) fails here."""
    env = dict(os.environ, PARCLI_LANG="en")
    return subprocess.run([sys.executable, "-m", "parcli", *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("option, value, shown", [
    ("--target-index", "1e-999999999", "0.01"),
    ("--target-index", "89.991", "90.00"),
    ("--target-index", "0.0000000000000000000000000000001", "0.01"),
])
def test_a_target_with_more_decimals_is_the_next_displayed_index(option, value, shown):
    proc = run_parcli("plan", BAC_NINH, option, value, "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert f"is taken as {shown} (the index is shown with 2 decimals)" in proc.stderr
    assert json.loads(proc.stdout)["target"]["index"] == float(shown)


@pytest.mark.parametrize("option, value, message", [
    ("--target-index", "1e999999999", "an index is in [0, 100], got 1E+999999999"),
    ("--target-index", "-1e-999999999", "an index is in [0, 100]"),
    ("--target-index", "NaN", "'NaN' is not a number"),
    ("--target-index", "Infinity", "'Infinity' is not a number"),
    ("--target-index", "9" * 5000, "is too long"),
    ("--gain", "1e999999999", "a gain is above 0 and at most 100 index points"),
    ("--gain", "-2", "a gain is above 0 and at most 100 index points, got -2"),
    ("--gain", "0", "a gain is above 0"),
    ("--gain", "sNaN", "'sNaN' is not a number"),
])
def test_extreme_targets_are_refused_at_once(option, value, message):
    proc = run_parcli("plan", BAC_NINH, option, value)
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr


def test_a_tiny_gain_aims_at_the_next_displayed_index():
    proc = run_parcli("plan", BAC_NINH, "--gain", "1e-999999999", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["target"]["index"] == 85.50  # 85.49 now


def test_an_effort_file_names_each_wrong_key_at_its_line(cli):
    run = cli("plan", BAC_NINH, "--target-index", "90", "--effort", HOSTILE / "effort-unknown-keys.yaml")
    assert run.exit_code == 1
    name = str(HOSTILE / "effort-unknown-keys.yaml")
    lines = [line for line in run.stderr.splitlines() if line.startswith(name)]
    assert [line[len(name):].split(":")[1:3] for line in lines] == [["4", "1"], ["5", "1"], ["6", "1"], ["7", "1"],
                                                                     ["9", "10"]]
    assert "'1.1' is a criterion, not a leaf" in lines[0]
    assert "'band' is not a leaf id of province-2020 nor a rule kind" in lines[1]
    assert "did you mean 'bands'?" in lines[1]
    assert "'9.9.9' is not a leaf id" in lines[2]
    assert "'3.2.l'" in lines[3] and "did you mean '3.2." in lines[3]
    assert "a weight is a number above 0, got the number 0" in lines[4]


def test_a_good_effort_file_still_plans(cli, write):
    effort = write("effort.yaml", '"1.1.1": 2\nbands: 3\ndefault: 1\nlinear: 0.5\n')
    run = cli("plan", BAC_NINH, "--target-index", "90", "--effort", effort, "-f", "json")
    assert run.exit_code == 0, run.all
    assert json.loads(run.stdout)["after"]["index"] >= 90


def ranked_csv(cli, tmp_path):
    out = tmp_path / "rank.csv"
    assert cli("rank", *sorted(EXAMPLES.glob("bac-ninh-*.yaml")), EXAMPLES / "cao-bang-2020.yaml",
               "-o", out).exit_code == 0
    return out


@pytest.mark.parametrize("option", ["--against", "--previous"])
def test_against_and_previous_read_a_rank_csv_with_the_same_checks(cli, tmp_path, option):
    bad = HOSTILE / "rank-bad-numbers.csv"
    if option == "--against":
        run = cli("plan", BAC_NINH, "--target-rank", "1", "--against", bad)
    else:
        run = cli("rank", BAC_NINH, "--previous", bad)
    assert run.exit_code == 1
    name = str(bad)
    got = {line[len(name) + 1:].split(":")[0]: line for line in run.stderr.splitlines() if line.startswith(name)}
    assert "index: 'abc' is not a number" in got["3"]
    assert "index 250 is outside [0, 100]" in got["4"]
    assert "rank '0' is not a whole number from 1" in got["5"]
    assert "rank '٣' is not a whole number from 1" in got["6"]  # Arabic-Indic three: not an ASCII digit
    assert "too large" in got["7"]
    assert "index -5 is outside [0, 100]" in got["8"]


@pytest.mark.parametrize("option", ["--against", "--previous"])
def test_a_field_past_the_csv_limit_is_an_error_at_its_line(cli, tmp_path, option):
    good = ranked_csv(cli, tmp_path)
    lines = good.read_text(encoding="utf-8-sig").splitlines()
    head, first, rest = lines[0], lines[1], lines[2:]
    long_name = "x" * 131_073
    bad = tmp_path / "long.csv"
    bad.write_text("\n".join([head, first, first.replace(first.split(",")[1], long_name, 1), *rest]) + "\n",
                   encoding="utf-8")
    if option == "--against":
        run = cli("plan", BAC_NINH, "--target-rank", "1", "--against", bad)
    else:
        run = cli("rank", BAC_NINH, "--previous", bad)
    assert run.exit_code == 1
    assert f"{bad}:3:1: not a CSV file: a cell longer than 131,072 characters" in run.stderr
    assert long_name not in run.all


def test_against_takes_the_index_at_the_rank(cli, tmp_path):
    good = ranked_csv(cli, tmp_path)
    run = cli("plan", BAC_NINH, "--target-rank", "1", "--against", good, "-f", "json")
    assert run.exit_code in (0, 1)
    rows = [line.split(",") for line in good.read_text(encoding="utf-8-sig").splitlines()[1:]]
    others = sorted((float(r[6]) for r in rows if r[2] != "27"), reverse=True)  # the unit itself (by code) left out
    assert json.loads(run.stdout)["target"]["index"] == others[0]


def test_a_unit_without_an_index_has_nothing_to_raise(cli, unit_file):
    unit = unit_file("""
        "1": {na: true}
        "2": {na: true}
        """)
    assert cli("score", unit, "-f", "json").exit_code == 0
    for args in ([], ["--target-index", "90"], ["--gain", "5"]):
        run = cli("plan", unit, *args)
        assert run.exit_code == 1, run.all
        assert "every field of this unit is not applicable (na): it has no index" in run.stderr


MANY_LEVELS = """
schema: parcli/framework/v1
id: many
title: Many levels
version: "1"
level: other
provenance: {status: custom, note: test}
total: 20
fields:
  - id: "1"
    title: F
    max: 20
    criteria:
      - {id: "1.1", title: items, max: 10, rule: {kind: per_item, each: 0.000001}}
      - {id: "1.2", title: violations, max: 10, rule: {kind: deduction, each: 0.000001}}
"""


@pytest.mark.slow
@pytest.mark.parametrize("target", ["30", "55.5", "99.99"])
def test_millions_of_levels_plan_at_once_and_exactly(tmp_path, target):
    """10 million items of 0.000001 points, 10^11 violations: one continuous step each, the least
    count that reaches the target, never a loop over every count."""
    (tmp_path / "many.yaml").write_text(MANY_LEVELS, encoding="utf-8")
    unit = tmp_path / "u.yaml"
    unit.write_text("schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: many.yaml\nevidence:\n"
                    '  "1.1": {count: 3}\n  "1.2": {count: 100000000000}\n', encoding="utf-8")
    out = tmp_path / "planned.yaml"
    proc = run_parcli("plan", unit, "--target-index", target, "--apply", "-o", out, "-f", "json")
    assert proc.returncode == 0, proc.stderr
    planned = json.loads(proc.stdout)
    rescored = json.loads(run_parcli("score", out, "-f", "json").stdout)
    assert rescored["index"] == planned["after"]["index"] >= float(target)
    # the least: one item more (or one violation more) would fall below the target
    from decimal import Decimal as D

    from parcli.engine import score
    from parcli.store import Store

    planned_unit, fw = Store().unit(out)
    for change in planned["changes"]:
        ev = planned_unit.evidence[change["leaf"]]
        worse = D(-1) if change["leaf"] == "1.1" else D(1)
        ev.amount += worse
        assert score(fw, planned_unit).index < D(target), change
        ev.amount -= worse
    assert json.loads(run_parcli("plan", unit, "-f", "json").stdout)["changes"][0]["points_after"] == 10


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_apply_rescored_equals_the_plan(cli, tmp_path, path):
    planned = json.loads(cli("plan", path, "-f", "json").stdout)
    before = D(str(planned["before"]["index"]))
    target = min(D(100), before + D(3))
    out = tmp_path / "new.yaml"
    run = cli("plan", path, "--target-index", str(target), "--apply", "-o", out, "-f", "json")
    data = json.loads(run.stdout)
    if run.exit_code == 1:
        assert data["reached"] is False and not out.exists()
        return
    assert run.exit_code == 0, run.all
    rescored = json.loads(cli("score", out, "-f", "json").stdout)
    assert D(str(rescored["index"])) == D(str(data["after"]["index"])) >= target
    assert D(str(rescored["points"])) == D(str(data["after"]["points"]))
    assert out.read_text(encoding="utf-8").startswith("# Planned by parcli (plan --apply)")  # the header, not notes


def test_plan_command_table_csv_and_targets(cli, tmp_path):
    unit = EXAMPLES / "bac-ninh-2021.yaml"
    table = cli("plan", unit, "--target-class", "A", "--lang", "vi")
    assert table.exit_code == 0 and "Kế hoạch cải thiện" in table.stdout and "Mục tiêu" in table.stdout
    csv_run = cli("plan", unit, "--gain", "2", "-f", "csv")
    assert csv_run.stdout.splitlines()[0].lstrip("\ufeff").startswith("leaf,title,from,to")
    assert cli("plan", unit, "--target-index", "99").exit_code == 1  # unreachable
    rank_csv = tmp_path / "r.csv"
    assert cli("rank", *sorted(EXAMPLES.glob("bac-ninh-*.yaml")), EXAMPLES / "cao-bang-2020.yaml",
               "-o", rank_csv).exit_code == 0
    run = cli("plan", unit, "--target-rank", "1", "--against", rank_csv, "-f", "json")
    assert run.exit_code in (0, 1) and json.loads(run.stdout)["target"] is not None
    assert cli("plan", unit, "--target-index", "90", "--gain", "2").exit_code == 2
    effort = tmp_path / "effort.yaml"
    effort.write_text('bands: 3\n"5.1.1": 1\ndefault: 2\n', encoding="utf-8")
    assert cli("plan", unit, "--target-class", "A", "--effort", effort).exit_code == 0
    form = tmp_path / "f.xlsx"
    assert cli("convert", unit, "-o", form).exit_code == 0
    assert cli("plan", form, "--target-class", "A", "-f", "json").stdout == \
        cli("plan", unit, "--target-class", "A", "-f", "json").stdout
