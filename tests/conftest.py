from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parcli.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CRITERIA = ROOT / "criteria"
# examples/ holds unit files, and beside a unit the example framework it names by file (examples/adjusted/)
EXAMPLE_FRAMEWORKS = sorted(p for p in EXAMPLES.rglob("*.yaml")
                            if "parcli/framework/v1" in p.read_text(encoding="utf-8"))
EXAMPLE_UNITS = sorted(p for p in EXAMPLES.rglob("*.yaml") if p not in EXAMPLE_FRAMEWORKS)


def with_its_framework(unit: Path, folder: Path) -> Path:
    """Copy into ``folder`` the framework file an example unit names by file (a form written there names it
    beside the form); ``folder``."""
    import re
    import shutil

    found = re.search(r'^framework: "?([^"\n]+\.ya?ml)"?$', unit.read_text(encoding="utf-8"), re.M)
    if found:
        shutil.copy(unit.parent / found.group(1), folder / found.group(1))
    return folder
INVALID = Path(__file__).resolve().parent / "fixtures" / "invalid"


class Run:
    def __init__(self, result):
        self.exit_code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.output = result.output
        self.exception = result.exception

    @property
    def all(self) -> str:
        return self.stdout + self.stderr


def make_runner() -> CliRunner:
    """A runner that keeps stdout and stderr apart (click < 8.2 mixes them unless asked)."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2: always separate
        return CliRunner()


@pytest.fixture(autouse=True, scope="session")
def framework_cache(tmp_path_factory):
    """The checked-framework cache of the whole run lives in a temporary folder (not ~/.cache);
    subprocesses inherit it."""
    import os

    folder = tmp_path_factory.mktemp("framework-cache")
    previous = os.environ.get("PARCLI_CACHE_DIR")
    os.environ["PARCLI_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("PARCLI_CACHE_DIR", None)
    else:
        os.environ["PARCLI_CACHE_DIR"] = previous


@pytest.fixture(autouse=True)
def english_messages():
    """Tests read messages in English unless they choose Vietnamese (tests/test_i18n.py, --lang vi)."""
    from parcli.i18n import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def cli():
    runner = make_runner()

    def invoke(*args: str) -> Run:
        result = runner.invoke(app, [str(a) for a in args], env={"PARCLI_LANG": "en"})
        run = Run(result)
        assert "Traceback" not in run.all, run.all
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return run

    return invoke


@pytest.fixture
def write(tmp_path):
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


MINI_FRAMEWORK = """
schema: parcli/framework/v1
id: mini
title: Mini
title_en: Mini framework
level: department
version: "1"
provenance: {status: custom, note: test framework}
total: 10
classes:
  - {label: Tốt, min: 80}
  - {label: Khá, min: 50}
  - {label: Yếu, min: 0}
fields:
  - id: "1"
    title: Một
    max: 6
    criteria:
      - id: "1.1"
        title: C11
        max: 4
        subcriteria:
          - {id: "1.1.1", title: yn, max: 1, rule: {kind: yes_no}}
          - {id: "1.1.2", title: bands, max: 2, rule: {kind: bands, measure: percent, bands: [{gt: 90, points: 2}, {gte: 70, points: 1}, {points: 0}]}}
          - {id: "1.1.3", title: choice, max: 1, rule: {kind: choice, options: {a: 1, b: 0.5, c: 0}}}
      - id: "1.2"
        title: C12 leaf
        max: 2
        rule: {kind: linear, full_at: 80}
  - id: "2"
    title: Hai
    max: 4
    criteria:
      - id: "2.1"
        title: C21
        max: 4
        subcriteria:
          - {id: "2.1.1", title: scale, max: 1, source: survey, rule: {kind: scale, of: 5}}
          - {id: "2.1.2", title: per item, max: 1, rule: {kind: per_item, each: 0.25}}
          - {id: "2.1.3", title: deduction, max: 1, rule: {kind: deduction, each: 0.5}}
          - {id: "2.1.4", title: manual, max: 1, rule: {kind: manual}}
"""  # noqa: E501 (a framework file's rows, one leaf a line)


def mini_unit(framework: str = "mini.yaml") -> str:
    """A unit file with evidence on every leaf of :data:`MINI_FRAMEWORK` (one of each rule kind)."""
    return f"""schema: parcli/unit/v1
unit: Đơn vị A
year: 2021
framework: {framework}
evidence:
  "1.1.1": true
  "1.1.2": {{percent: 95}}
  "1.1.3": a
  "1.2": {{done: 40, of: 80}}
  "2.1.1": {{value: 4}}
  "2.1.2": {{count: 2}}
  "2.1.3": {{count: 1}}
  "2.1.4": {{points: 0.5}}
"""


@pytest.fixture
def mini(write):
    return write("mini.yaml", MINI_FRAMEWORK)


@pytest.fixture
def unit_file(write, mini):
    def _unit(evidence: str, name: str = "unit.yaml", unit: str = "Đơn vị A", code: str | None = "A1",
              year: int = 2021) -> Path:
        head = f"schema: parcli/unit/v1\nunit: {unit}\n" + (f"code: \"{code}\"\n" if code else "")
        head += f"year: {year}\nframework: mini.yaml\nevidence:\n"
        body = textwrap.indent(textwrap.dedent(evidence).strip("\n"), "  ") if evidence.strip() else ""
        return write(name, head + body + "\n")

    return _unit


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """tests/programs.py: the helpers that start LibreOffice, Chromium or poppler check the marker."""
    from tests.programs import running

    running(item)


def pytest_runtest_teardown(item, nextitem):
    from tests.programs import running

    running(None)


def pytest_addoption(parser):
    parser.addoption("--fuzz-examples", type=int, default=None,
                     help="examples per fuzz test (default 2000 in total across the fuzz tests; more for a long run)")


@pytest.fixture
def fuzz_examples(request):
    import os

    value = request.config.getoption("--fuzz-examples") or os.environ.get("PARCLI_FUZZ_EXAMPLES")
    return int(value) if value else None


def read_terminal(master: int) -> bytes:
    """Everything written to a pseudo-terminal until its other side is closed (then closes it)."""
    import os

    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other side closed (EIO on Linux)
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return seen


def parcli(*args, cwd=None, env=None, **kw):
    """``python -m parcli ARGS`` in a new process, as a user runs it (English; stdout and stderr as bytes)."""
    return subprocess.run([sys.executable, "-m", "parcli", *map(str, args)], cwd=cwd, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en", **(env or {})},
                          timeout=kw.pop("timeout", 300), **kw)
