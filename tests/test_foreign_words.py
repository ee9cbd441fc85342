"""No dependency's English reaches a Vietnamese line.

libyaml, PyYAML, pydantic, typer's click, the json and csv modules, zipfile, python-calamine,
openpyxl and the operating system all speak English, and their words change from release to
release (PyYAML 6.0.4's libyaml stops at 1,000 levels with a message of its own). parcli says
every finding again in its own words: these tests feed it every invalid and hostile fixture,
a corpus of broken YAML, JSON and CSV, refused paths and bad command lines, in Vietnamese,
and fail on any of the libraries' known phrases. CI runs them with the newest and the oldest
versions pyproject.toml allows (.ci/run).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from parcli.errors import InputError
from parcli.i18n import set_language
from parcli.inputs import yaml as loader
from tests.conftest import EXAMPLES, INVALID, ROOT

HOSTILE = INVALID.parent / "hostile"

# Phrases of the libraries' own messages (case-sensitive). Each would be a sign that a
# message was passed through instead of said again in the catalogue's words.
FOREIGN = [
    # libyaml and PyYAML
    "did not find expected", "could not find expected", "found character", "found unexpected",
    "found undefined", "found unknown", "found duplicate", "found incompatible", "while parsing",
    "while scanning", "while composing", "while increasing", "exceeded maximum nesting depth",
    "mapping values are not allowed", "mapping keys are not allowed", "sequence entries are not allowed",
    "expected <block end>", "expected the node content", "expected a comment", "control characters are not",
    "unacceptable character", "special characters are not allowed", "invalid indentation",
    "expected alphabetic", "expected chomping", "expected ',' or", "but found", "but got",
    # pydantic (its " or " before the last of a literal's expected values)
    "' or '", "Input should", "Field required", "Extra inputs are not permitted", "validation error", "Value error,",
    "For further information", "input_value", "Assertion failed",
    # click (typer's) usage errors
    "Missing argument", "No such option", "No such command", "Invalid value", "is not one of",
    "is not a valid", "does not take a value", "requires an argument", "Got unexpected", "Usage:", "Try '",
    "Error:", "env var:",
    # json, csv
    "Expecting", "Extra data", "Unterminated string", "Invalid control character", "Invalid \\escape",
    "field larger than field limit", "line contains NUL", "new-line character seen", "unexpected end of data",
    # zipfile, python-calamine, openpyxl
    "File is not a zip file", "Bad magic number", "Bad CRC-32", "Truncated file header", "compression method",
    "CalamineError", "XlsxError", "Xlsx error", "Cannot detect", "openpyxl", "InvalidFileException",
    "zipfile", "BadZipFile",
    # the operating system
    "No such file or directory", "Permission denied", "Is a directory", "Not a directory",
    "File name too long", "Too many levels of symbolic links", "No space left", "Read-only file system",
    "Errno",
    # Python itself (reprs of values: Decimal('1'), True)
    "Decimal(", "=True", " True", " False", "Traceback", "Exception", "Error(", "internal error",
]


def foreign(text: str) -> list[str]:
    """The libraries' phrases found in ``text``."""
    return [phrase for phrase in FOREIGN if phrase in text]


def run_vi(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """parcli as a person runs it (a new process, so typer's own parser speaks too), in Vietnamese."""
    env = {**os.environ, "PARCLI_LANG": "vi", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "parcli", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


# --- nesting, whatever the parser ----------------------------------------------------------------


def nested(depth: int, style: str) -> str:
    """A unit file whose evidence nests ``depth`` levels, in flow or block style."""
    if style == "flow":
        return "schema: parcli/unit/v1\nevidence: " + "[" * depth + "]" * depth + "\n"
    if style == "flow-map":
        return "schema: parcli/unit/v1\nevidence: " + "{a: " * depth + "1" + "}" * depth + "\n"
    if style == "block-list":
        return "schema: parcli/unit/v1\nevidence:\n" + "".join("  " * (i + 1) + "-\n" for i in range(depth))
    return "schema: parcli/unit/v1\nevidence:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(depth))


# Where the 33rd level begins (the root mapping is level 1, evidence's value level 2).
WHERE = {"flow": (2, 42), "flow-map": (2, 135), "block-list": (34, 65), "block-map": (34, 65)}


@pytest.fixture(params=["libyaml", "pure"])
def composer(request, monkeypatch):
    """Each test below runs with libyaml's C parser (when PyYAML has it) and with PyYAML's own."""
    if request.param == "libyaml" and not loader.HAVE_C:
        pytest.skip("this PyYAML is built without libyaml")
    if request.param == "pure":
        monkeypatch.setattr(loader, "HAVE_C", False)
    return request.param


@pytest.mark.parametrize("depth", [40, 1001, 1200, 5000])
@pytest.mark.parametrize("style", sorted(WHERE))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_nesting_is_parcli_s_message_at_any_depth(composer, depth, style, lang):
    set_language(lang)
    with pytest.raises(InputError) as info:
        loader.load_text(nested(depth, style), "deep.yaml")
    (problem,) = info.value.problems
    expected = {"vi": "lồng nhau sâu quá 32 cấp", "en": "nesting deeper than 32 levels"}[lang]
    assert problem.message == expected
    assert (problem.line, problem.col) == WHERE[style]


# --- broken YAML of every kind the parsers know -----------------------------------------------

BROKEN_YAML = [
    "a: [1, 2\n", "a: {b: 1\n", "a: [b, {c: d]\n", "a: [1, 2]]\n", "a: }\n", "a: 1\n---\nb: 2\n",
    "a: @x\n", "a: `x`\n", 'a: "x\\qy"\n', 'a: "\\x4"\n', 'a: "abc\n', "a: 'b\n", "a: 'x' y\n", "a: 1 b: 2\n",
    "a: b: c\n", "a:\n  - 1\n  b: 2\n", "a:\n b: 1\n  c: 2\n", "key: value\n  bad: 1\n",
    "- a\nb: 1\n", "%YAML 2.0\n---\na: 1\n", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "a: |x\n  t\n", "a: >0\n  x\n", "a: &x 1\nb: *y\n", "a: !<x 1\n", "a: !x!y 1\n", "a: *\n", "a: &\n",
    "a: %x\n", "{a: 1, b}\n c\n", "\ta: 1\n", "a: \x01\n",
    "a:\n  - b\n  -c: d\n   e: f\n", "a: [\n", "a: {\n", "[\n", "a: b\n...\nc: d\n",
]


@pytest.mark.parametrize("text", BROKEN_YAML, ids=range(len(BROKEN_YAML)))
def test_broken_yaml_is_said_in_parcli_s_words(composer, text):
    set_language("vi")
    with pytest.raises(InputError) as info:
        loader.load_text(text, "broken.yaml")
    for problem in info.value.problems:
        assert not foreign(problem.message), (text, problem.message)
        assert problem.line >= 1, (text, problem)


# --- every fixture, and what else people hand parcli -------------------------------------------


def fixtures() -> list[Path]:
    return sorted(p for folder in (INVALID, HOSTILE) if folder.is_dir() for p in folder.iterdir()
                  if p.is_file() and p.name != "expected.yaml")


@pytest.mark.parametrize("path", fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("command", ["validate", "score"])
def test_every_invalid_and_hostile_fixture_speaks_only_vietnamese(cli, monkeypatch, path, command):
    if path.name == "too-big.yaml":
        monkeypatch.setenv("PARCLI_MAX_BYTES", "400")
    monkeypatch.chdir(path.parent)
    run = cli(command, path.name, "--lang", "vi")
    lines = run.all.splitlines()
    assert lines and not [line for line in lines if foreign(line)], lines


def test_refused_paths_are_said_in_vietnamese(tmp_path):
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "file.yaml").write_text("schema: parcli/unit/v1\n", encoding="utf-8")
    os.symlink(tmp_path / "loop-a.yaml", tmp_path / "loop-b.yaml")
    os.symlink(tmp_path / "loop-b.yaml", tmp_path / "loop-a.yaml")
    for path in ["missing.yaml", "folder.yaml", "file.yaml/inside.yaml", "loop-a.yaml", "x" * 300 + ".yaml"]:
        run = run_vi("score", path, cwd=tmp_path)
        assert run.returncode == 1, (path, run.stderr)
        lines = run.stderr.splitlines()
        assert lines and not [line for line in lines if foreign(line)], lines


def test_broken_result_json_and_rank_csv_are_said_in_vietnamese(tmp_path):
    unit = EXAMPLES / "bac-ninh-2021.yaml"
    jsons = ['{"schema": ', '{"schema": "parcli/result/v1",}', '{"a" 1}', '{"a": "x\x01"}', '[1, 2] 3',
             '{"a": "\\q"}', '{a: 1}', '"abc']
    bad = []
    for i, text in enumerate(jsons):
        path = tmp_path / f"r{i}.json"
        path.write_text(text, encoding="utf-8")
        run = run_vi("diff", str(path), str(unit))
        assert run.returncode == 1, run.stderr
        bad += [line for line in run.stderr.splitlines() if foreign(line)]
    csvs = ['rank,unit,index\n1,A,90\x00\n', "rank,unit,index\n1,\"" + "x" * 140000 + "\",90\n",
            'rank,unit\n1,A\n', 'rank,unit,index\nmột,A,90\n']
    for i, text in enumerate(csvs):
        path = tmp_path / f"p{i}.csv"
        path.write_text(text, encoding="utf-8")
        run = run_vi("rank", str(unit), "--previous", str(path))
        assert run.returncode == 1, run.stderr
        bad += [line for line in run.stderr.splitlines() if foreign(line)]
    assert not bad, "\n".join(bad)


BAD_COMMAND_LINES = [
    ["score"], ["score", "--nope", "x.yaml"], ["score", "-f", "xml", "x.yaml"], ["score", "--strict=1", "x.yaml"],
    ["rank", "--jobs", "abc", "x.yaml"], ["rank", "--jobs", "99", "x.yaml"], ["rank", "-o"],
    ["frameworks", "extra"], ["nosuchcommand"], ["schema", "nothing"], ["diff"], ["explain"],
    ["template", "province-2022", "--year", "twenty"], ["score", "--lang", "fr", "x.yaml"],
]


@pytest.mark.parametrize("argv", BAD_COMMAND_LINES, ids=lambda a: " ".join(a))
def test_bad_command_lines_are_said_in_vietnamese(argv):
    run = run_vi(*argv, cwd=ROOT)
    assert run.returncode == 2, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert lines
    assert not [line for line in lines if foreign(line) and not line.startswith("Cách dùng:")], lines


def test_pydantic_findings_are_said_in_vietnamese(tmp_path):
    """A framework with a wrong value in each kind of key: every line in parcli's words."""
    base = (ROOT / "tests" / "fixtures" / "invalid" / "fw-unknown-key.yaml").read_text(encoding="utf-8")
    variants = {
        "places": re.sub(r"^total: .*$", "total: 3\nplaces: [2]", base, count=1, flags=re.M),
        "classes": re.sub(r"^classes:", "classes: 7\nold_classes:", base, count=1, flags=re.M),
        "level": re.sub(r"^level: .*$", "level: {a: 1}", base, count=1, flags=re.M),
        "fields": re.sub(r"^fields:", "fields: text\nold_fields:", base, count=1, flags=re.M),
        "title": re.sub(r"^title: .*$", "title: [1, 2]", base, count=1, flags=re.M),
        "provenance": re.sub(r"^provenance: .*$", "provenance: yes-and-no", base, count=1, flags=re.M),
    }
    bad = []
    for name, text in variants.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        run = run_vi("validate", path.name, cwd=tmp_path)
        assert run.returncode == 1, (name, run.stdout, run.stderr)
        bad += [f"{name}: {line}" for line in (run.stdout + run.stderr).splitlines() if foreign(line)]
    assert not bad, "\n".join(bad)
