"""Fuzzing: random YAML and random mutations of valid files never crash parcli.

Every run must end with exit 0, 1 or 2, and print neither a traceback nor an
"internal error". The default budget is 2,000 examples across these tests (CI);
`pytest tests/test_fuzz.py --fuzz-examples 20000` or `benchmarks/fuzz.sh` runs longer.
"""

from __future__ import annotations

import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parcli.cli import app
from tests.conftest import EXAMPLES, MINI_FRAMEWORK

pytestmark = pytest.mark.slow  # thousands of examples (--fuzz-examples)

RUNNER = CliRunner()
UNIT_TEXT = (EXAMPLES / "bac-ninh-2021.yaml").read_text(encoding="utf-8")
MINI_UNIT = """schema: parcli/unit/v1
unit: Đơn vị A
code: "A1"
year: 2021
framework: mini.yaml
evidence:
  "1.1.1": true
  "1.1.2": {percent: 75, claimed: 1}
  "1.1.3": b
  "1.2": {done: 3, of: 4}
  "2.1.1": {value: 3.9}
  "2.1.2": {count: 2}
  "2.1.3": {count: 1}
  "2.1.4": {points: 0.5, note: "thẩm định"}
"""

TOKENS = [":", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:os.system ", "!x ", "? ", "|",
          ">", "#", "'", '"', "\t", "\n", "  ", "~", ".inf", "-.inf", ".nan", "1e309", "-1", "0", "yes", "on",
          "\"5\"", "[]", "{}", "null", "true", "2021-01-01", "0x1F", "1_000", "\ufeff", "\u0000", "é", "ế", "\r\n",
          "%YAML 1.1\n", "---\n", "...\n", "<<: *a", "na: true", "points: 99", "percent: 101", "done: 5, of: 0",
          # the second hostile round: control characters, markup, long values, extreme numbers
          '"\\x1b[2J"', '"\\x01"', '"\\u202e"', '"[/]"', '"[link=https://x.y]z[/link]"', "x" * 3000,
          "1e-99999999999999999999", "1e400", "9" * 100, "0.1234567", "-0.0"]
HOSTILE_TEXT = st.sampled_from(["[/]", "[link=https://example.org]click[/link]", "[bold]", "A\x1b[2JB", "\x01",
                                "\u202e", "x" * 5000, "'=1+1", " lead", "#: x", "\\", '"'])


def mutate(text: str, data) -> str:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        op = data.draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "truncate",
                                        "indent", "numbers"]), label="op")
        i = data.draw(st.integers(0, max(0, len(lines) - 1)), label="line")
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = data.draw(st.integers(0, max(0, len(lines) - 1)), label="other")
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            line = lines[i]
            k = data.draw(st.integers(0, len(line)), label="col")
            tok = data.draw(st.sampled_from(TOKENS) | st.text(max_size=3), label="token")
            lines[i] = line[:k] + tok + line[k:]
        elif op == "replace":
            line = lines[i]
            if line:
                k = data.draw(st.integers(0, len(line) - 1), label="col")
                tok = data.draw(st.sampled_from(TOKENS), label="token")
                lines[i] = line[:k] + tok + line[k + 1:]
        elif op == "truncate":
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: data.draw(st.integers(0, len(lines[-1])), label="cut")]
        elif op == "indent":
            lines[i] = data.draw(st.sampled_from(["", " ", "   ", "\t"]), label="ws") + lines[i].lstrip()
        else:
            import re

            tok = data.draw(st.sampled_from(TOKENS), label="number-token")
            lines[i] = re.sub(r"\b\d+(\.\d+)?\b", lambda _m, tok=tok: tok, lines[i], count=1)  # tok taken literally
    return "\n".join(lines)


def check(args, cwd):
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = RUNNER.invoke(app, args)
    finally:
        os.chdir(old)
    out = result.output
    assert result.exit_code in (0, 1, 2), (result.exit_code, out)
    assert "Traceback" not in out and "internal error" not in out, out
    assert "\x1b" not in out, out  # nothing from a file reaches the terminal as an escape sequence
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def budget(fuzz_examples, share):
    return settings(max_examples=(fuzz_examples or 2000) * share // 100, deadline=None,
                    derandomize=fuzz_examples is None,
                    suppress_health_check=list(HealthCheck))


def test_mutated_unit_files(tmp_path, fuzz_examples):
    (tmp_path / "mini.yaml").write_text(MINI_FRAMEWORK, encoding="utf-8")

    @budget(fuzz_examples, 35)
    @given(data=st.data(), which=st.sampled_from(["mini", "province"]))
    def run(data, which):
        text = mutate(MINI_UNIT if which == "mini" else UNIT_TEXT, data)
        (tmp_path / "u.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        command = data.draw(st.sampled_from(["validate", "score", "export"]), label="command")
        args = {"validate": ["validate", "u.yaml"], "score": ["score", "u.yaml", "-f", "json"],
                "export": ["export", "u.yaml", "-o", "out.csv"]}[command]
        check(args, tmp_path)

    run()


def test_mutated_framework_files(tmp_path, fuzz_examples):
    @budget(fuzz_examples, 25)
    @given(data=st.data())
    def run(data):
        (tmp_path / "mini.yaml").write_bytes(mutate(MINI_FRAMEWORK, data).encode("utf-8", "surrogatepass"))
        (tmp_path / "u.yaml").write_text(MINI_UNIT, encoding="utf-8")
        command = data.draw(st.sampled_from(["validate", "score"]), label="command")
        check([command, "u.yaml" if command == "score" else "mini.yaml"], tmp_path)
        if command == "validate":
            check(["validate", "u.yaml"], tmp_path)

    run()


scalars = (st.none() | st.booleans() | st.integers(-10**15, 10**15) | st.floats(allow_nan=True)
           | st.text(alphabet=string.printable + "ếđươ", max_size=8))
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.text(max_size=5) | st.sampled_from(
                             ["schema", "unit", "year", "framework", "evidence", "1.1.1", "fields", "id", "max"]),
                             inner, max_size=5), max_leaves=20)
headers = st.sampled_from([None, "parcli/unit/v1", "parcli/framework/v1", "parcli/unit/v9", 5])


def test_random_documents(tmp_path, fuzz_examples):
    (tmp_path / "mini.yaml").write_text(MINI_FRAMEWORK, encoding="utf-8")

    @budget(fuzz_examples, 20)
    @given(doc=documents, schema=headers, framework=st.sampled_from(["mini.yaml", "province-2020", "u.yaml"]))
    def run(doc, schema, framework):
        if isinstance(doc, dict) and schema is not None:
            doc = {"schema": schema, "framework": framework, **doc}
        (tmp_path / "u.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        check(["validate", "u.yaml"], tmp_path)
        check(["score", "u.yaml"], tmp_path)

    run()


def test_random_bytes(tmp_path, fuzz_examples):
    @budget(fuzz_examples, 10)
    @given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
    def run(raw):
        (tmp_path / "u.yaml").write_bytes(raw)
        check(["validate", "u.yaml"], tmp_path)

    run()


def test_mutated_result_json_in_diff(tmp_path, fuzz_examples):
    """diff reads result JSON files written by anyone: mutations of a real one never crash it."""
    import json

    from tests.conftest import make_runner

    unit = EXAMPLES / "bac-ninh-2021.yaml"
    base = make_runner().invoke(app, ["score", str(unit), "-f", "json"]).stdout
    compact = json.dumps(json.loads(base), ensure_ascii=False, indent=1)

    @budget(fuzz_examples, 10)
    @given(data=st.data())
    def run(data):
        (tmp_path / "a.json").write_bytes(mutate(compact, data).encode("utf-8", "surrogatepass"))
        check(["diff", "a.json", str(unit)], tmp_path)

    run()


def test_hostile_text_in_every_command(tmp_path, fuzz_examples):
    """Unit names and notes holding markup, escapes, control characters or long text: every command that
    prints them prints them literally, or refuses them at their place."""
    import json

    (tmp_path / "mini.yaml").write_text(MINI_FRAMEWORK, encoding="utf-8")

    @budget(fuzz_examples, 5)
    @given(name=HOSTILE_TEXT, note=HOSTILE_TEXT,
           command=st.sampled_from(["score", "rank", "diff", "plan", "validate", "export"]))
    def run(name, note, command):
        text = MINI_UNIT.replace("unit: Đơn vị A", f"unit: {json.dumps(name)}").replace(
            'note: "thẩm định"', f"note: {json.dumps(note)}")
        (tmp_path / "u.yaml").write_text(text, encoding="utf-8")
        args = {"score": ["score", "u.yaml"], "rank": ["rank", "u.yaml"], "diff": ["diff", "u.yaml", "u.yaml"],
                "plan": ["plan", "u.yaml"], "validate": ["validate", "u.yaml"],
                "export": ["export", "u.yaml", "-o", "x.xlsx"]}[command]
        check(args, tmp_path)

    run()
