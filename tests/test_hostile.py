"""The second hostile round (issue 13): text that never injects, numbers that stay exact, work that stays
linear, special files refused at once."""

from __future__ import annotations

import os
import shutil
import time
from decimal import Decimal as D

import pytest

from parcli.rules.bands import BandsRule
from tests.conftest import EXAMPLES, ROOT
from tests.rules.helpers import rule

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


def unit_named(write, name: str):
    return write("u.yaml", f"schema: parcli/unit/v1\nunit: {name}\nyear: 2021\nframework: province-2020\n"
                           'evidence:\n  "3.2.1": {percent: 97}\n')


@pytest.mark.parametrize("name", ['"[/]"', '"[link=https://example.org]click[/link]"', '"[bold]x[/bold] [red]"'])
def test_markup_in_names_is_printed_literally(cli, write, name):
    unit = unit_named(write, name)
    text = name.strip('"')
    for args in (["score", unit], ["rank", unit], ["diff", unit, unit], ["plan", unit]):
        run = cli(*args, "--lang", "en")
        assert run.exit_code == 0, run.all
        assert text in run.stdout and "\x1b]8;" not in run.stdout  # no live hyperlink


def test_control_characters_in_text_are_refused_at_their_place(cli, write):
    unit = unit_named(write, '"A\\x1b[2JB"')
    run = cli("validate", unit)
    assert run.exit_code == 1 and "u.yaml:2:7: a control character (U+001B) in text" in run.stdout
    assert "\x1b" not in run.all


def test_a_template_copies_nothing_live(cli, tmp_path):
    """Titles, notes and documents holding line breaks and YAML stay in comments; a path with '#' and ': '
    stays one value; the blank template of the framework validates with no leaf filled."""
    folder = tmp_path / "we#ird: dir"
    folder.mkdir()
    fw = folder / "fw.yaml"
    shutil.copy(HOSTILE / "fw-injecting-titles.yaml", fw)
    out = folder / "blank.yaml"
    assert cli("template", fw, "-o", out).exit_code == 0
    run = cli("validate", out)
    assert run.exit_code == 0 and "0 of 1 leaves with evidence" in run.stdout


def test_ratios_meet_band_thresholds_exactly():
    r = rule("{kind: bands, measure: percent, bands: [{gte: 50, points: 1}, {points: 0}]}")
    assert isinstance(r, BandsRule)
    assert r.select_ratio(D("0.999999"), D(2)).points == 0  # just below a half, however it divides
    assert r.select_ratio(D(1), D(2)).points == 1
    assert r.select_ratio(D(1), D(3)).points == 0


def test_linear_thirds_are_exact_at_twelve_places(cli, write, mini):
    from parcli.engine import score
    from parcli.store import Store

    fw = write("lin.yaml", """
        schema: parcli/framework/v1
        id: lin
        title: Lin
        version: "1"
        level: other
        provenance: {status: custom, note: t}
        total: 3
        fields:
          - {id: "1", title: F, max: 3, criteria: [{id: "1.1", title: C, max: 3, rule: {kind: linear}}]}
        """)
    unit = write("u3.yaml", 'schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: lin.yaml\n'
                            'evidence: {"1.1": {done: 1, of: 3}}\n')
    del fw
    checked, framework = Store().unit(unit)
    assert score(framework, checked).points == 1  # 3 x 1/3, not 0.9999999999999999999999999999


def test_minus_zero_never_shows(cli, write):
    unit = write("z.yaml", 'schema: parcli/unit/v1\nunit: Z\nyear: 2021\nframework: province-2020\n'
                           'evidence:\n  "3.2.1": {percent: -0.0}\n')
    for fmt in ("table", "json", "csv"):
        out = cli("score", unit, "-f", fmt, "--lang", "en").stdout
        assert "-0 " not in out and "-0," not in out and "-0\n" not in out and '"-0' not in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_special_files_are_refused_at_once(cli, tmp_path, write):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    start = time.perf_counter()
    run = cli("validate", fifo)
    assert run.exit_code == 1 and "not a regular file" in run.stdout
    unit = write("f.yaml", f"schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: {fifo}\nevidence: {{}}\n")
    assert "not a regular file" in cli("validate", unit).stdout
    before = cli("rank", EXAMPLES / "bac-ninh-2021.yaml", "--previous", fifo)
    assert before.exit_code == 1 and "not a regular file" in before.stderr
    assert time.perf_counter() - start < 30  # nothing waited for a writer
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    assert cli("validate", loop).exit_code == 1


def test_many_unknown_ids_stay_linear(cli, tmp_path):
    """Suggestions are bounded: 20,000 unknown ids take about as long as 20,000 known-but-bad values."""
    lines = "\n".join(f'  "8.{i}": true' for i in range(10, 20_010))
    unit = tmp_path / "unknown.yaml"
    unit.write_text(f"schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: province-2020\nevidence:\n{lines}\n",
                    encoding="utf-8")
    run = cli("validate", unit, "--concise")
    assert run.exit_code == 1
    assert run.stdout.count("has no such node") == 20_000
    assert 0 < run.stdout.count("did you mean") <= 20  # suggestions for the first 20 unknown ids at most


# --- outputs that never destroy --------------------------------------------------------------


def test_dash_is_stdout(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = cli("template", "province-2020", "-o", "-")
    assert run.exit_code == 0 and '"1.1.1":' in run.stdout and not (tmp_path / "-").exists()
    run = cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", "-.csv")
    assert run.exit_code == 0 and (tmp_path / "-.csv").exists()  # only "-" itself means stdout


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_is_written_into_never_replaced(cli):
    before = os.stat("/dev/null")
    assert cli("template", "province-2020", "-o", "/dev/null").exit_code == 0
    assert cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", "/dev/null.csv").exit_code in (0, 2)
    after = os.stat("/dev/null")
    assert after.st_rdev == before.st_rdev and after.st_mode == before.st_mode  # still the device


def test_read_only_outputs_are_refused_and_replaced_files_keep_their_mode(cli, tmp_path):
    out = tmp_path / "old.csv"
    out.write_text("old\n")
    out.chmod(0o444)
    run = cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", out)
    assert run.exit_code == 1 and "read-only" in run.all and out.read_text() == "old\n"  # even as root
    assert cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", out, "--force").exit_code == 0
    assert (out.stat().st_mode & 0o777) == 0o444 and out.read_text() != "old\n"
    shared = tmp_path / "shared.csv"
    shared.write_text("x\n")
    shared.chmod(0o640)
    assert cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", shared).exit_code == 0
    assert (shared.stat().st_mode & 0o777) == 0o640


def test_rank_never_writes_over_a_framework(cli, tmp_path, write, mini):
    fw = tmp_path / "fw.csv"  # a framework file may have any name
    fw.write_bytes(mini.read_bytes())
    unit = write("u.yaml", 'schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: ./fw.csv\n'
                           'evidence: {"1.1.1": true}\n')
    before = fw.read_bytes()
    for command in (["rank", unit, "-o", fw], ["export", unit, "-o", fw]):
        run = cli(*command)
        assert run.exit_code == 2 and "is one of the input files" in run.all and fw.read_bytes() == before


def test_a_long_output_name_and_a_read_only_folder(cli, tmp_path):
    long_name = tmp_path / ("x" * 240 + ".csv")
    run = cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", long_name)
    assert run.exit_code == 0, run.all
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        run = cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", folder / "x.csv")
        if os.geteuid() != 0:
            assert run.exit_code == 2 and "cannot write the file" in run.all
        else:
            assert run.exit_code == 0  # root writes anyway; what matters: never a traceback
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_one_line(cli):
    run = cli("template", "province-2020", "-o", "/dev/full")
    assert run.exit_code == 2 and "cannot write the file" in run.all


# --- smaller ---------------------------------------------------------------------------------


def test_long_values_are_not_echoed_whole(cli, write):
    unit = write("long.yaml", "schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: province-2020\n"
                              f'evidence:\n  "1.1.1": "{"x" * 100_000}"\n')
    run = cli("validate", unit)
    assert run.exit_code == 1 and len(run.stdout) < 2_000 and "…" in run.stdout


def test_previous_finds_units_whose_names_start_with_an_apostrophe_or_a_space(cli, tmp_path, write):
    names = ["'Sở A", " Sở B", "=Sở C"]
    units = [write(f"u{i}.yaml", f'schema: parcli/unit/v1\nunit: "{n}"\nyear: 2021\nframework: province-2020\n'
                                 'evidence:\n  "3.2.1": {percent: 97}\n') for i, n in enumerate(names)]
    before = tmp_path / "before.csv"
    assert cli("rank", *units, "-o", before).exit_code == 0
    after = tmp_path / "after.csv"
    assert cli("rank", *units, "--previous", before, "-o", after).exit_code == 0
    import csv

    rows = list(csv.DictReader(after.read_text(encoding="utf-8-sig").splitlines()))
    assert all(r["previous_rank"] for r in rows), rows


@pytest.mark.parametrize("classes", ["", "A:90,A:80", "A:90,B:-5", "A:190,B:80"])
def test_bad_classes_are_refused(cli, classes):
    assert cli("rank", EXAMPLES / "bac-ninh-2021.yaml", "--classes", classes).exit_code == 2


def test_template_year_out_of_range(cli):
    run = cli("template", "province-2020", "--year", "0")
    assert run.exit_code == 2 and "outside 1990–2100" in run.all


def test_numbers_read_back_get_the_same_limits(cli, tmp_path):
    result = cli("score", EXAMPLES / "bac-ninh-2021.yaml", "-f", "json").stdout
    for bad, message in (("1e400", "too large"), ("9" * 100, "too long"), ("1e-99999999999", "decimal places")):
        path = tmp_path / "r.json"
        path.write_text(result.replace('"points": 85.492', f'"points": {bad}', 1), encoding="utf-8")
        run = cli("diff", path, EXAMPLES / "bac-ninh-2021.yaml")
        assert run.exit_code == 1 and message in run.stderr, run.all
    prev = tmp_path / "prev.csv"
    prev.write_text("rank,unit,code,index\n1,Tỉnh Bắc Ninh,27,1e999999999\n", encoding="utf-8")
    run = cli("rank", EXAMPLES / "bac-ninh-2021.yaml", "--previous", prev)
    assert run.exit_code == 1 and "prev.csv:2:1" in run.stderr


def test_a_note_longer_than_an_excel_cell_is_never_cut(cli, tmp_path, write):
    unit = write("n.yaml", "schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: province-2020\n"
                           f'evidence:\n  "3.2.1": {{percent: 97, note: "{"n" * 40_000}"}}\n')
    run = cli("export", unit, "-o", tmp_path / "x.xlsx")
    said = "n.yaml: the note of leaf 3.2.1: 40,000 characters, more than an Excel cell holds (32,767)"
    assert run.exit_code == 1 and said in run.all and not (tmp_path / "x.xlsx").exists()
    run = cli("convert", unit, "-o", tmp_path / "f.xlsx")
    assert run.exit_code == 1 and said in run.all
    assert cli("export", unit, "-o", tmp_path / "x.csv").exit_code == 0  # CSV keeps all of it


def test_closed_stdout_and_absurd_size_limit_are_one_line(tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en"}
    proc = subprocess.run([sys.executable, "-m", "parcli", "score", str(EXAMPLES / "bac-ninh-2021.yaml")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True,
                          preexec_fn=lambda: os.close(1))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "standard output is closed" in proc.stderr
    env["PARCLI_MAX_BYTES"] = "999999999999999999"
    proc = subprocess.run([sys.executable, "-m", "parcli", "validate", str(EXAMPLES / "bac-ninh-2021.yaml")],
                          capture_output=True, env=env, text=True)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr


def test_control_characters_in_a_form_are_refused_at_their_cell(cli, tmp_path):
    from openpyxl import load_workbook

    form = tmp_path / "f.xlsx"
    assert cli("convert", EXAMPLES / "bac-ninh-2021.yaml", "-o", form, "--lang", "en").exit_code == 0
    wb = load_workbook(form)
    ws = wb.worksheets[0]
    ws["B2"] = "Tỉnh \u202e Bắc Ninh"  # XML allows it (a bidi override); parcli does not
    ws["K20"] = "note \x9b2J"  # a C1 control (CSI)
    wb.save(form)
    run = cli("validate", form)
    assert run.exit_code == 1
    assert "f.xlsx:Self-assessment!B2: a control character (U+202E)" in run.stdout
    assert "f.xlsx:Self-assessment!K20: a control character (U+009B)" in run.stdout


def test_a_nul_in_a_path_is_a_message(cli, write):
    unit = write("n.yaml", 'schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: "a\\0b.yaml"\nevidence: {}\n')
    run = cli("validate", unit)
    assert run.exit_code == 1 and "internal error" not in run.all


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
