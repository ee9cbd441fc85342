"""Adding a rule kind is adding its module to parcli/rules/ (and its test file): nothing else changes.

The module tests/rules/newkind/threshold.py is put into a copy of the package, as a developer adds a
kind, and the copy's command line is run on a framework that uses it: the schema knows it, validate
accepts it, explain says it in words with its name, template writes it (the YAML template and the
form), the form is written, filled and read back, score scores it and plan plans it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HERE = Path(__file__).resolve().parent / "newkind"

pytestmark = pytest.mark.slow  # a copy of the package and a dozen processes


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """A copy of the package with the new kind's module in its parcli/rules/, and a folder to work in."""
    base = tmp_path_factory.mktemp("newkind")
    shutil.copytree(ROOT / "parcli", base / "parcli", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "criteria", base / "criteria")
    shutil.copy(HERE / "threshold.py", base / "parcli" / "rules" / "threshold.py")
    work = base / "work"
    work.mkdir()
    for name in ("framework.yaml", "unit.yaml"):
        shutil.copy(HERE / name, work / name)
    return base


# The copy first on the path, and no editable install's finder that would bring back the checkout's parcli.
FIRST = ("import sys\nsys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]\n"
         "sys.path.insert(0, sys.argv.pop(1))\n")
LAUNCH = FIRST + "sys.argv[0] = 'parcli'\nfrom parcli.cli import main\nmain()\n"


def run(copy: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess:
    env = dict(os.environ, PARCLI_LANG=lang, PARCLI_CACHE_DIR=str(copy / "cache"), COLUMNS="120")
    return subprocess.run([sys.executable, "-c", LAUNCH, str(copy), *args], cwd=copy / "work", env=env,
                          capture_output=True, text=True, encoding="utf-8")


def test_the_copy_is_the_one_that_runs(copy):
    code = FIRST + "import parcli.rules as r; print(r.__file__); print(' '.join(r.KINDS))"
    proc = subprocess.run([sys.executable, "-c", code, str(copy)], capture_output=True, text=True)
    where, kinds = proc.stdout.split("\n")[:2]
    assert where.startswith(str(copy))
    assert kinds.split()[-1] == "threshold"  # its ORDER puts it after the shipped kinds


def test_the_schema_and_validate_know_the_new_kind(copy):
    schema = json.loads(run(copy, "schema", "framework").stdout)
    assert "threshold" in json.dumps(schema)
    proc = run(copy, "validate", "framework.yaml", "unit.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    bad = copy / "work" / "bad.yaml"
    bad.write_text((HERE / "framework.yaml").read_text(encoding="utf-8").replace("at: 80", "at: 120"),
                   encoding="utf-8")
    proc = run(copy, "validate", "bad.yaml")
    assert proc.returncode == 1 and "full_at is a percent in (0, 100], got 120" in proc.stdout  # its own check


def test_explain_names_the_kind_and_says_its_rule(copy):
    proc = run(copy, "explain", "framework.yaml", "1.1.1")
    assert proc.returncode == 0, proc.stderr
    assert "threshold: 6 points from 80% on; below it 0" in proc.stdout
    assert "kind_" not in proc.stdout
    # In Vietnamese, until the catalogue has its words, the kind says its English words (never a raw key).
    proc = run(copy, "explain", "framework.yaml", "1.1.1", lang="vi")
    assert proc.returncode == 0 and "threshold: 6 points from 80% on; below it 0" in proc.stdout


def test_the_template_and_the_blank_form_hold_the_new_kind(copy):
    proc = run(copy, "template", "framework.yaml", "--year", "2024")
    assert proc.returncode == 0, proc.stderr
    assert '"1.1.1":' in proc.stdout and "{percent: } | {done: , of: }" in proc.stdout
    (copy / "work" / "blank.yaml").write_text(proc.stdout, encoding="utf-8")
    assert run(copy, "validate", "blank.yaml").returncode == 0  # the blank template validates as it is
    proc = run(copy, "template", "framework.yaml", "-o", "blank.xlsx")
    assert proc.returncode == 0, proc.stderr
    from openpyxl import load_workbook

    ws = load_workbook(copy / "work" / "blank.xlsx").worksheets[0]
    rows = {ws[f"A{r}"].value: r for r in range(1, ws.max_row + 1)}
    assert ws[f"D{rows['1.1.1']}"].value == "6 points from 80% on; below it 0 (%)"  # the rule in words, its unit


def test_score_and_plan_use_the_new_kind(copy):
    result = json.loads(run(copy, "score", "unit.yaml", "--format", "json").stdout)
    leaves = {leaf["id"]: leaf for leaf in result["leaves"]}
    assert leaves["1.1.1"]["points"] == 0 and leaves["1.1.1"]["reason"] == "70/100 = 70.00% < 80%"
    assert result["index"] == 40
    proc = run(copy, "plan", "unit.yaml", "--target-class", "A", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)
    assert plan["reached"] is True
    (change,) = plan["changes"]
    assert change["leaf"] == "1.1.1" and change["points_after"] == 6
    assert (change["to"]["done"], change["to"]["of"]) == (80, 100)  # the least done of the same of


def test_the_form_is_written_filled_and_read_back(copy):
    assert run(copy, "convert", "unit.yaml", "-o", "filled.xlsx").returncode == 0
    from openpyxl import load_workbook

    path = copy / "work" / "filled.xlsx"
    book = load_workbook(path)
    ws = book.worksheets[0]
    heads = {ws.cell(6, c).value: c for c in range(1, 13)}
    row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 1).value == "1.1.1")
    assert ws.cell(row, heads["Done"]).value == 70 and ws.cell(row, heads["Of"]).value == 100
    ws.cell(row, heads["Done"]).value = 85  # the unit fills in its new figure
    book.save(path)
    result = json.loads(run(copy, "score", "filled.xlsx", "--format", "json").stdout)
    assert result["index"] == 100
    proc = run(copy, "convert", "filled.xlsx", "-o", "back.yaml")
    assert proc.returncode == 0, proc.stderr
    assert '"1.1.1": {done: 85, of: 100}' in (copy / "work" / "back.yaml").read_text(encoding="utf-8")
