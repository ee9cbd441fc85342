"""parcli rank: the CSV, the table and the workbook, ties, classes, --previous, --jobs, the progress
bar, an interruption; never written over a framework."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from decimal import Decimal

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
    for prev, row in zip(rows, rows[1:], strict=False):
        if row["index"] == prev["index"]:
            assert row["rank"] == prev["rank"] and row["unit"] > prev["unit"]
        else:
            assert int(row["rank"]) == rows.index(row) + 1
    assert any(a["index"] == b["index"] for a, b in zip(rows, rows[1:], strict=False)), "the examples hold a tie"
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
    assert "Max: applicable max" in run.stdout and "71.5" in run.stdout and "96.5" in run.stdout
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


@pytest.mark.slow
def test_progress_bar_only_on_a_terminal(tmp_path):
    """rank shows a progress bar on stderr when stderr is a terminal, and nothing otherwise."""
    import os
    import pty

    text = DEPARTMENTS[0].read_text(encoding="utf-8")
    fw = ROOT / "criteria" / "department-example.yaml"
    names = []
    for i in range(200):  # the fewest that show the bar
        p = tmp_path / f"u{i:03}.yaml"
        p.write_text(text.replace("framework: department-example", f"framework: {fw}")
                     .replace('code: "BDT"', f'code: "U{i:03}"'), encoding="utf-8")  # 200 units, not one 200 times
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


def test_rank_never_writes_over_a_framework(cli, tmp_path, write, mini):
    fw = tmp_path / "fw.csv"  # a framework file may have any name
    fw.write_bytes(mini.read_bytes())
    unit = write("u.yaml", 'schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: ./fw.csv\n'
                           'evidence: {"1.1.1": true}\n')
    before = fw.read_bytes()
    for command in (["rank", unit, "-o", fw], ["export", unit, "-o", fw]):
        run = cli(*command)
        assert run.exit_code == 2 and "is one of the input files" in run.all and fw.read_bytes() == before


@pytest.mark.parametrize("classes", ["", "A:90,A:80", "A:90,B:-5", "A:190,B:80"])
def test_bad_classes_are_refused(cli, classes):
    assert cli("rank", EXAMPLES / "bac-ninh-2021.yaml", "--classes", classes).exit_code == 2


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX signals")
def test_ctrl_c_during_a_parallel_rank_is_one_line(tmp_path):
    import signal
    import subprocess
    import sys

    text = (EXAMPLES / "bac-ninh-2021.yaml").read_text(encoding="utf-8")
    for i in range(4000):
        (tmp_path / f"u{i:04}.yaml").write_text(text.replace('code: "27"', f'code: "{i}"'), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en"}
    proc = subprocess.Popen([sys.executable, "-m", "parcli", "rank", str(tmp_path), "--jobs", "4", "-o",
                             str(tmp_path / "r.csv")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    time.sleep(1.2)  # the workers are busy
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    text = err.decode("utf-8", "replace")
    if proc.returncode == 0:
        pytest.skip("the ranking finished before it could be interrupted")
    assert proc.returncode == 1 and "Traceback" not in text and "KeyboardInterrupt" not in text, text
    assert text.strip().splitlines() == ["parcli: interrupted"], text


def test_a_folder_holding_its_framework_beside_the_units_ranks_the_units(cli, tmp_path):
    """``parcli rank examples/adjusted/`` failed on the framework file beside the unit: a folder or a pattern
    stands for its units, the framework is left out and said; named by itself it is still no unit."""
    folder = EXAMPLES / "adjusted"
    for args in ([folder], [str(folder / "*.yaml")]):
        run = cli("rank", *args, "--lang", "en")
        assert run.exit_code == 0, run.all
        assert "Sở Nội vụ" in run.stdout
        assert (f"{folder / 'department-example-adjusted.yaml'}: a framework file (schema parcli/framework/v1), "
                "not a unit: left out") in run.stderr, run.stderr
    out = tmp_path / "units.csv"
    assert cli("export", folder, "-o", out).exit_code == 0
    assert "Sở Nội vụ" in out.read_text(encoding="utf-8-sig")
    alone = cli("rank", folder / "department-example-adjusted.yaml", folder / "so-noi-vu.yaml")
    assert alone.exit_code == 1 and "is not a unit file" in alone.all
    only = tmp_path / "only"
    only.mkdir()
    (only / "fw.yaml").write_bytes((folder / "department-example-adjusted.yaml").read_bytes())
    empty = cli("rank", only)
    assert empty.exit_code == 1 and "no unit file here, only the files left out above" in empty.stderr, empty.all
