"""The benchmark scripts of benchmarks/ run, in a tiny mode (a few units, one round), and print
their figures; the timings themselves are the scripts' business (their targets are ratios against a
baseline run beside them), never asserted here."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # each script starts dozens of parcli processes


def bench(script: str, *args: str) -> subprocess.CompletedProcess:
    """``python benchmarks/SCRIPT ARGS``; exit 1 (a target missed on a loaded machine) is allowed."""
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return proc


def test_rank_benchmark_runs_small(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_rank.py"), "--n", "40",
                           "--work", str(tmp_path / "b")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ratio parcli / bare" in proc.stdout and "(40 units ranked)" in proc.stdout
    assert "peak memory" in proc.stdout



def test_start_benchmark_runs_and_prints_its_ratios():
    """benchmarks/bench_start.py times every command against its baseline (the figures are for
    the closing note; a loaded machine may miss a target, so only the report is checked here)."""
    proc = bench("bench_start.py", "--repeat", "7")  # 7: the fewest the script takes
    for name in ("score (table)", "score --format json", "--help"):
        assert re.search(rf"^{re.escape(name)} +\d+ ms +baseline .* ratio \d+\.\d\d \(target ≤ 1\.\d\)", proc.stdout,
                         re.M), proc.stdout
    assert "first run, framework checked and cached" in proc.stdout



def test_forms_benchmark_runs_small():
    """benchmarks/bench_forms.py writes the same units as YAML and as forms, ranks both and checks the
    rankings are identical (figures for the closing note; no timing asserted here)."""
    proc = bench("bench_forms.py", "--n", "4", "--repeat", "1")
    assert "4 units ranked" in proc.stdout and "rankings identical" in proc.stdout
    assert re.search(r"ratio forms / YAML: \d+\.\d\d \(target ≤ 3\.0\)", proc.stdout), proc.stdout



def test_plan_benchmark_runs_small():
    """One round, and a generated framework of 40 leaves instead of 2,000 (the full size is the
    script's default)."""
    proc = bench("bench_plan.py", "--repeat", "1", "--leaves", "40", "--large-repeat", "1")
    assert re.search(r"slowest plan: \d+ ms \(target < 1000 ms\)", proc.stdout), proc.stdout
    assert "generated: 40 leaves x 10 bands" in proc.stdout, proc.stdout
    for gain in ("5", "20"):
        for effort in ("one weight", "weights 1-5 by id", "weights with 2 decimals"):
            assert re.search(rf"--gain +{gain} --effort \({effort}\) +\d+\.\d\d s", proc.stdout), proc.stdout



def test_report_benchmark_runs_small():
    """One round, and 5 generated units instead of 1,000 and 5,000 (this test alone took 160 s at
    the script's default sizes)."""
    proc = bench("bench_report.py", "--repeat", "1", "--units", "5")
    assert re.search(r"parcli report : +\d+\.\d\d s +\(parcli rank of the same units \d+\.\d\d s, ratio \d+\.\d\)",
                     proc.stdout), proc.stdout
    assert re.search(r"report size   : +\d+ KB", proc.stdout), proc.stdout
    assert re.search(r"^5 units \(province-2020, 102 leaves\): report +\d+\.\d\d s, peak +\d+ MB", proc.stdout,
                     re.M), proc.stdout



def test_validate_benchmark_runs_small():
    proc = bench("bench_validate.py", "--n", "200", "--repeat", "1")
    assert re.search(r"unknown ids +: +\d+\.\d\d s +ratio \d+\.\d\d", proc.stdout), proc.stdout


def test_campaign_benchmark_runs_small():
    """benchmarks/bench_campaign.py receives forms beside validate, then status and results of a campaign."""
    proc = bench("bench_campaign.py", "--n", "3", "--units", "12", "--repeat", "1")
    assert re.search(r"^receive of 3 forms: .* ratio \d+\.\d\d \(target ≤ 1\.5\)", proc.stdout, re.M), proc.stdout
    for line in ("status of 12 units", "status --format json of 12 units", "results -o results.csv of 12 units",
                 "results (table) of 12 units"):
        assert re.search(rf"^{re.escape(line)}: \d+\.\d\d s \(target < 1 s\)", proc.stdout, re.M), (line, proc.stdout)


def test_survey_benchmark_runs_small():
    """benchmarks/bench_survey.py runs parcli survey beside a bare csv.reader pass over the same answers."""
    proc = bench("bench_survey.py", "--n", "200", "--resamples", "200", "--repeat", "1")
    assert re.search(r"^ratio parcli / bare +: +\d+\.\d+", proc.stdout, re.M), proc.stdout
    assert re.search(r"^ratio without bootstrap / bare: +\d+\.\d+", proc.stdout, re.M), proc.stdout
    assert re.search(r"^lower bound, the draws alone +: +\d+\.\d+ s +\(200 x 200 = 40,000 bounded integers",
                     proc.stdout, re.M), proc.stdout
    assert "peak memory" in proc.stdout
