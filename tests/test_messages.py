"""How problems read: hints for common slips, source line and caret on a terminal,
one line per problem when piped or with --concise, usage errors in the chosen language."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from parcli.errors import Problem
from parcli.report.snippet import render, visible
from tests.conftest import INVALID, ROOT, read_terminal

PTY = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")


def run_on_terminal(*args: str, env: dict | None = None) -> str:
    """Run parcli with stdout and stderr on a pseudo-terminal; return what it printed."""
    import pty

    master, slave = pty.openpty()
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "parcli", *args], stdout=slave, stderr=slave, env=environ)
    os.close(slave)
    out = read_terminal(master)
    proc.wait(timeout=60)
    return out.decode("utf-8").replace("\r\n", "\n")


def test_snippet_puts_a_caret_under_the_column():
    path = INVALID / "unit-percent-sign.yaml"
    lines = render([Problem(str(path), 8, 22, "message")], rich=True)
    assert lines[0] == f"{path}:8:22: message"
    assert lines[2] == '8 |   "3.2.1": {percent: 97%}'
    assert lines[3].index("^") == lines[2].index("97%")
    assert render([Problem(str(path), 8, 22, "message")], rich=False) == [f"{path}:8:22: message"]


def test_snippet_shows_control_characters_visibly(tmp_path):
    path = tmp_path / "u.yaml"
    path.write_bytes(b'schema: parcli/unit/v1\nunit: "a\x1b[2Jb"\n')  # only parcli files are quoted
    lines = render([Problem(str(path), 2, 7, "message \x1b[31m")], rich=True)
    assert all("\x1b" not in line for line in lines)
    assert "\\x1b[2J" in lines[2] and "\\x1b[31m" in lines[0]
    assert visible("a\tb") == "a→b"


@PTY
def test_terminal_shows_source_line_and_caret_unless_concise():
    fixture = str(INVALID / "unit-decimal-comma.yaml")
    shown = run_on_terminal("validate", fixture, "--lang", "en")
    assert "decimal comma" in shown
    assert '10 |   "3.2.1": {percent: 97,3}' in shown and "^" in shown
    concise = run_on_terminal("validate", fixture, "--lang", "en", "--concise")
    assert "decimal comma" in concise and "10 |" not in concise
    scored = run_on_terminal("score", fixture)  # Vietnamese by default, snippet on stderr too
    assert "dấu phẩy thập phân" in scored and '10 |   "3.2.1"' in scored


def test_piped_output_is_one_line_per_problem(cli):
    run = cli("validate", INVALID / "unit-decimal-comma.yaml")
    problem_lines = [line for line in run.stdout.splitlines() if "decimal comma" in line]
    assert len(problem_lines) == 1 and " | " not in run.stdout


def test_a_misspelled_top_level_key_is_one_problem_with_its_likely_name(cli):
    run = cli("validate", INVALID / "unit-misspelled-key.yaml")
    assert "did you mean 'evidence'?" in run.stdout
    assert "missing required key" not in run.stdout


@pytest.mark.parametrize(("args", "vi", "en"), [
    (["score"], "Lỗi: Thiếu tham số 'UNIT'.", "Error: Missing argument 'UNIT'."),
    (["score", "x.yaml", "--bogus"], "Lỗi: Không có tùy chọn --bogus", "Error: No such option: --bogus"),
    (["score", "x.yaml", "-f", "xml"], "không phải một trong 'table', 'json', 'csv'",
     "is not one of 'table', 'json', 'csv'"),
    (["rank", "x.yaml", "-j", "0"], "nằm ngoài khoảng", "is not in the range"),
])
def test_usage_errors_in_both_languages(args, vi, en):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PARCLI_LANG", None)
    proc = subprocess.run([sys.executable, "-m", "parcli", *args], capture_output=True, text=True, env=env,
                          encoding="utf-8")
    assert proc.returncode == 2 and vi in proc.stderr and "Cách dùng: parcli" in proc.stderr, proc.stderr
    proc = subprocess.run([sys.executable, "-m", "parcli", *args, "--lang", "en"], capture_output=True, text=True,
                          env=env, encoding="utf-8")
    assert proc.returncode == 2 and en in proc.stderr and "Usage: parcli" in proc.stderr, proc.stderr
    assert "{" not in proc.stderr.splitlines()[0]  # usage names arguments plainly


def test_language_from_the_environment(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en"}
    proc = subprocess.run([sys.executable, "-m", "parcli", "validate", str(tmp_path / "nothere.yaml")],
                          capture_output=True, text=True, env=env, encoding="utf-8")
    assert "no such file; check the path" in proc.stdout + proc.stderr
    env["PARCLI_LANG"] = "vi"
    proc = subprocess.run([sys.executable, "-m", "parcli", "validate", str(tmp_path / "nothere.yaml")],
                          capture_output=True, text=True, env=env, encoding="utf-8")
    assert "không có tệp này" in proc.stdout + proc.stderr
