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
    lines = "\n".join(f'  "9.9.{i}": true' for i in range(20_000))
    unit = tmp_path / "unknown.yaml"
    unit.write_text(f"schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: province-2020\nevidence:\n{lines}\n",
                    encoding="utf-8")
    run = cli("validate", unit, "--concise")
    assert run.exit_code == 1
    assert run.stdout.count("has no such node") == 20_000
    assert 0 < run.stdout.count("did you mean") <= 20  # suggestions for the first 20 unknown ids at most
