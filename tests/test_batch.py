"""Many units: rank, classes, previous results, diff, JSON and XLSX export, the benchmark."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from itertools import pairwise

import pytest

from tests.conftest import EXAMPLES, ROOT, read_terminal

DEPARTMENTS = sorted((EXAMPLES / "departments").glob("*.yaml"))


def rank_csv(cli, tmp_path, *files, extra=()):
    out = tmp_path / "rank.csv"
    run = cli("rank", *files, "-o", out, *extra)
    assert run.exit_code == 0, run.all
    text = out.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text))), text


def test_rank_csv_columns_ties_and_reduced_maxima(cli, tmp_path):
    rows, text = rank_csv(cli, tmp_path, *DEPARTMENTS)
    header = text.splitlines()[0].split(",")
    assert header == ["rank", "unit", "code", "year", "points", "max", "index", "class"] + [
        f"field_{i}" for i in range(1, 9)]
    assert len(rows) == len(DEPARTMENTS) >= 15
    indices = [Decimal(r["index"]) for r in rows]
    assert indices == sorted(indices, reverse=True)
    # equal displayed indices share a rank and the next rank skips
    for prev, row in pairwise(rows):
        if row["index"] == prev["index"]:
            assert row["rank"] == prev["rank"] and row["unit"] > prev["unit"]
        else:
            assert int(row["rank"]) == rows.index(row) + 1
    assert any(a["index"] == b["index"] for a, b in pairwise(rows)), "the examples hold a tie"
    maxima = {r["max"] for r in rows}
    assert {"100", "96.5", "71.5"} <= maxima
    dan_toc = next(r for r in rows if r["unit"] == "Ban Dân tộc tỉnh")
    assert Decimal(dan_toc["index"]) == (Decimal(dan_toc["points"]) * 100 / Decimal("71.5")).quantize(
        Decimal("0.001"), rounding="ROUND_HALF_UP")
    assert dan_toc["field_3"] == ""  # not applicable, not 0 %
    assert {r["class"] for r in rows} <= {"Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"}


def test_rank_ties_are_on_the_displayed_index(cli, write, mini, unit_file):
    # 0.5 / 3 and 0.5 / 3.0 give the same index; 2 units tie, a third is ranked after them
    a = unit_file('"1.1.1": true\n"1.2": {percent: 40}', name="a.yaml", unit="Bravo", code="B")
    b = unit_file('"1.1.1": true\n"1.2": {percent: 40}', name="b.yaml", unit="Alpha", code="A")
    c = unit_file('"1.1.1": true', name="c.yaml", unit="Charlie", code="C")
    d = unit_file('"1.1.1": true\n"1.2": {percent: 80}', name="d.yaml", unit="Delta", code="D")
    rows, _ = rank_csv(cli, a.parent, a, b, c, d)
    assert [(r["rank"], r["unit"]) for r in rows] == [("1", "Delta"), ("2", "Alpha"), ("2", "Bravo"),
                                                      ("4", "Charlie")]


def test_rank_table_and_class_override(cli):
    run = cli("rank", *DEPARTMENTS, "--lang", "en", "--classes", "A:85,B:0")
    assert run.exit_code == 0
    assert "Applicable max" in run.stdout and "71.5" in run.stdout and "96.5" in run.stdout
    assert " A " in run.stdout and " B " in run.stdout and "Tốt" not in run.stdout
    assert cli("rank", *DEPARTMENTS, "--classes", "A:80,B:90").exit_code == 2
    assert cli("rank", *DEPARTMENTS, "--classes", "nonsense").exit_code == 2


def test_rank_refuses_mixed_frameworks(cli):
    mixed = [DEPARTMENTS[0], EXAMPLES / "bac-ninh-2021.yaml"]
    run = cli("rank", *mixed)
    assert run.exit_code == 2 and "different frameworks" in run.stderr
    run = cli("rank", *mixed, "--allow-mixed", "--lang", "en")
    assert run.exit_code == 0 and "Tỉnh Bắc Ninh" in run.stdout


def test_rank_previous_by_code_and_by_name(cli, tmp_path):
    previous = tmp_path / "2020.csv"
    previous.write_text(
        "\ufeffrank,unit,code,year,points,max,index,class\n"
        "1,Sở Xây dựng,SXD,2020,90,100,90.000,Xuất sắc\n"      # by code
        "5,sở y tế,,2020,80,100,80.5,Tốt\n"                    # by name (case and NFC)
        "3,Another name,STP,2020,85,100,85,Tốt\n",             # code wins over name
        encoding="utf-8")
    rows, text = rank_csv(cli, tmp_path, *DEPARTMENTS, extra=("--previous", previous))
    assert text.splitlines()[0].endswith("field_8,previous_rank,rank_change,index_change")
    by_unit = {r["unit"]: r for r in rows}
    xd = by_unit["Sở Xây dựng"]
    assert xd["previous_rank"] == "1"
    assert int(xd["rank_change"]) == 1 - int(xd["rank"])
    assert Decimal(xd["index_change"]) == Decimal(xd["index"]) - Decimal("90")
    yt = by_unit["Sở Y tế"]
    assert yt["previous_rank"] == "5" and int(yt["rank_change"]) == 5 - int(yt["rank"]) > 0
    assert by_unit["Sở Tư pháp"]["previous_rank"] == "3"
    assert by_unit["Sở Nội vụ"]["previous_rank"] == "" and by_unit["Sở Nội vụ"]["rank_change"] == ""
    run = cli("rank", *DEPARTMENTS, "--previous", previous)
    assert "↑4" in run.stdout  # Sở Y tế: 5 → 1


def test_rank_previous_round_trip(cli, tmp_path):
    first, _ = rank_csv(cli, tmp_path, *DEPARTMENTS)
    again = tmp_path / "again.csv"
    assert cli("rank", *DEPARTMENTS, "--previous", tmp_path / "rank.csv", "-o", again).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(again.read_bytes().decode("utf-8-sig"))))
    assert all(r["rank_change"] == "0" and Decimal(r["index_change"]) == 0 for r in rows)


def test_rank_previous_bad_file(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    run = cli("rank", *DEPARTMENTS, "--previous", bad)
    assert run.exit_code == 1 and "missing column(s) rank, unit, index" in run.stderr


def test_rank_with_two_jobs_equals_one(cli, tmp_path):
    files = DEPARTMENTS * 3
    one = cli("rank", *files, "-o", tmp_path / "one.csv")
    two = cli("rank", *files, "-o", tmp_path / "two.csv", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


def test_rank_reports_every_invalid_file(cli, unit_file):
    a = unit_file('"1.1.1": 3', name="a.yaml")
    b = unit_file('"9": true', name="b.yaml")
    run = cli("rank", a, b)
    assert run.exit_code == 1
    assert "a.yaml:7:12" in run.stderr and "b.yaml:7:3" in run.stderr


def test_export_json_list(cli, tmp_path):
    out = tmp_path / "all.json"
    assert cli("export", *DEPARTMENTS[:3], "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"), parse_float=Decimal)
    assert isinstance(data, list) and len(data) == 3
    assert all(d["schema"] == "parcli/result/v1" for d in data)
    assert [d["unit"] for d in data] == [json.loads(cli("score", f, "-f", "json").stdout)["unit"]
                                         for f in DEPARTMENTS[:3]]


def test_export_xlsx_reads_back(cli, tmp_path, write, mini):
    """A workbook for people: ranking, leaves and about sheets, headers in the language, number
    formats with the framework's places, frozen header, autofilter, exact numbers, neutralised text."""
    import openpyxl

    evil = write("evil.yaml", 'schema: parcli/unit/v1\nunit: "=1+1"\ncode: "@x"\nyear: 2021\n'
                              'framework: mini.yaml\nevidence:\n  "1.1.1": {value: true, note: "-2"}\n')
    out = tmp_path / "all.xlsx"
    run = cli("export", *DEPARTMENTS, evil, "-o", out)
    assert run.exit_code == 2 and "different frameworks" in run.stderr and not out.exists()
    out2 = tmp_path / "dept.xlsx"
    assert cli("export", *DEPARTMENTS, "-o", out2, "--lang", "vi").exit_code == 0
    wb = openpyxl.load_workbook(out2)
    assert wb.sheetnames == ["Xếp hạng", "Chi tiết tiêu chí", "Thông tin"]
    ranking, leaves = wb["Xếp hạng"], wb["Chi tiết tiêu chí"]
    assert ranking.freeze_panes == "C3" and leaves.freeze_panes == "G3"  # under the title line and the header
    assert ranking.auto_filter.ref.startswith("A2:") and leaves.auto_filter.ref.startswith("A2:")
    assert ranking["A1"].value.startswith("Xếp hạng · Chỉ số cải cách hành chính các sở")
    head = [c.value for c in ranking[2]]
    assert head[:8] == ["Xếp hạng", "Đơn vị", "Mã đơn vị", "Năm", "Tổng điểm", "Điểm tối đa áp dụng",
                        "Chỉ số (%)", "Xếp loại"]
    assert head[8] == "1. Công tác chỉ đạo, điều hành cải cách hành chính (%)"
    assert ranking.max_row == 2 + len(DEPARTMENTS)
    assert [ranking.cell(row=i, column=1).value for i in range(3, 6)] == [1, 2, 3]
    units = {ranking.cell(row=i, column=2).value for i in range(3, ranking.max_row + 1)}
    assert "Ban Dân tộc tỉnh" in units  # Vietnamese intact
    assert isinstance(ranking["G3"].value, (int, float)) and ranking["G3"].number_format == "0.000"  # 3 places
    assert ranking.column_dimensions["B"].width >= 20
    from parcli.store import Store

    assert leaves.max_row == 2 + len(Store().framework("department-example").leaves) * len(DEPARTMENTS)
    about = {r[0]: r[1] for r in wb["Thông tin"].iter_rows(min_row=3, values_only=True)}
    assert about["Bộ tiêu chí"].startswith("department-example") and len(about["SHA-256 của tệp bộ tiêu chí"]) == 64
    assert about["Nguồn gốc"] == "tự xây dựng" and about["Công cụ"].startswith("parcli ")
    english = tmp_path / "en.xlsx"
    assert cli("export", *DEPARTMENTS, "-o", english, "--lang", "en").exit_code == 0
    assert openpyxl.load_workbook(english).sheetnames == ["Ranking", "Leaves", "About"]
    # formula-like text is neutralised in XLSX too (control characters never get this far: refused on reading)
    out3 = tmp_path / "evil.xlsx"
    assert cli("export", evil, "-o", out3, "--lang", "en").exit_code == 0
    wb = openpyxl.load_workbook(out3)
    assert wb["Ranking"]["B3"].value == "'=1+1" and wb["Ranking"]["C3"].value == "'@x"
    assert wb["Ranking"]["B3"].data_type == "s"
    note = [r for r in wb["Leaves"].iter_rows(min_row=3, values_only=True) if r[4] == "1.1.1"][0][11]
    assert note == "'-2"


def test_rank_xlsx_with_previous(cli, tmp_path):
    import openpyxl

    before = tmp_path / "2020.csv"
    assert cli("rank", *DEPARTMENTS[:10], "-o", before).exit_code == 0
    out = tmp_path / "rank.xlsx"
    run = cli("rank", *DEPARTMENTS, "-o", out, "--previous", before, "--lang", "en")
    assert run.exit_code == 0, run.all
    wb = openpyxl.load_workbook(out)
    ws = wb["Ranking"]
    head = [c.value for c in ws[2]]
    assert head[-3:] == ["Previous rank", "Change", "Index change"]
    changes = [c for c in next(ws.iter_cols(min_col=len(head), max_col=len(head), min_row=3)) if c.value is not None]
    assert changes and all(c.number_format.startswith("+0.000") for c in changes)
    assert wb["Leaves"].max_row > len(DEPARTMENTS)
    csv_rows = cli("rank", *DEPARTMENTS, "--previous", before, "-o", tmp_path / "r.csv")
    assert csv_rows.exit_code == 0


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
    assert "became na" in run.stdout
    assert "different units" in run.stderr
    run = cli("diff", b, a)
    assert "no longer na" in run.stdout


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
    assert "1.5" in row and "-0.5" in row
    assert "1 leaf(s) claimed above" in run.stderr
    assert cli("diff", EXAMPLES / "bac-ninh-2021.yaml").exit_code == 2


def test_benchmark_script_runs_small(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_rank.py"), "--n", "40",
                           "--work", str(tmp_path / "b")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ratio parcli / bare" in proc.stdout and "(40 units ranked)" in proc.stdout
    assert "peak memory" in proc.stdout


def test_progress_bar_only_on_a_terminal(tmp_path):
    """rank shows a progress bar on stderr when stderr is a terminal, and nothing otherwise."""
    import os
    import pty

    text = DEPARTMENTS[0].read_text(encoding="utf-8")
    fw = ROOT / "criteria" / "department-example.yaml"
    names = []
    for i in range(240):
        p = tmp_path / f"u{i:03}.yaml"
        p.write_text(text.replace("framework: department-example", f"framework: {fw}")
                     .replace('code: "BDT"', f'code: "U{i:03}"'), encoding="utf-8")  # 240 units, not one 240 times
        names.append(p.name)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": "100", "PARCLI_LANG": "en"}
    cmd = [sys.executable, "-m", "parcli", "rank", *names, "-o", "r.csv"]
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = read_terminal(master)
    proc.wait(timeout=120)
    assert proc.returncode == 0
    assert b"scoring" in seen and b"wrote r.csv" in seen
    quiet = subprocess.run(cmd[:-2] + ["-o", "r2.csv"], cwd=tmp_path, capture_output=True, env=env)
    assert quiet.returncode == 0 and b"scoring" not in quiet.stderr


@pytest.mark.parametrize("command", ["validate", "rank", "export"])
def test_strict_makes_missing_leaves_errors(cli, tmp_path, unit_file, command):
    path = unit_file('"1.1.1": true')
    extra = ["-o", tmp_path / "x.csv"] if command == "export" else []
    assert cli(command, path, *extra).exit_code == 0
    run = cli(command, path, *extra, "--strict")
    assert run.exit_code == 1
    assert f"{path}: leaf 2.1.4 has no evidence (every leaf needs evidence in strict mode)" in run.all


def test_start_benchmark_runs_and_prints_its_ratios():
    """benchmarks/bench_start.py times every command against its baseline (the figures are for
    the closing note; a loaded machine may miss a target, so only the report is checked here)."""
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_start.py"), "--repeat", "7"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    for name in ("score (table)", "score --format json", "--help"):
        assert re.search(rf"^{re.escape(name)} +\d+ ms +baseline .* ratio \d+\.\d\d \(target ≤ 1\.\d\)", proc.stdout,
                         re.M), proc.stdout
    assert "first run, framework checked and cached" in proc.stdout


def test_forms_benchmark_runs_small():
    """benchmarks/bench_forms.py writes the same units as YAML and as forms, ranks both and checks the
    rankings are identical (figures for the closing note; no timing asserted here)."""
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_forms.py"), "--n", "12", "--repeat", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert "12 units ranked" in proc.stdout and "rankings identical" in proc.stdout
    assert re.search(r"ratio forms / YAML: \d+\.\d\d \(target ≤ 3\.0\)", proc.stdout), proc.stdout


def test_plan_benchmark_runs():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_plan.py"), "--repeat", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert re.search(r"slowest plan: \d+ ms \(target < 1000 ms\)", proc.stdout), proc.stdout


def test_report_benchmark_runs():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_report.py"), "--repeat", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert re.search(r"report size   : +\d+ KB", proc.stdout), proc.stdout


def test_validate_benchmark_runs_small():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_validate.py"), "--n", "2000",
                           "--repeat", "1"], capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert re.search(r"unknown ids +: +\d+\.\d\d s +ratio \d+\.\d\d", proc.stdout), proc.stdout
