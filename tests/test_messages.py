"""How problems read: hints for common slips, source line and caret on a terminal,
one line per problem when piped or with --concise, usage errors in the chosen language; names and values
from files never write into the terminal (markup, escape sequences, forged lines) nor are echoed whole."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from parcli.errors import Problem
from parcli.report.snippet import render, visible
from tests.conftest import EXAMPLES, INVALID, ROOT, parcli, read_terminal

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and file names")
HOSTILE_NAMES = {
    "osc": "a\x1b]0;PWNED\x07b.yaml",  # retitles the terminal
    "clear": "c\x1b[2J\x1b[Hd.yaml",  # clears the screen
    "newline": "x\nparcli: 0 problems, all good.yaml",  # forges a line
    "return": "y\rz.yaml",
    "separator": "p\u2028q.yaml",  # a Unicode line separator
    "bidi": "evil\u202egpj.yaml",  # right-to-left override
    "not utf-8": os.fsdecode(b"bad\xff.yaml"),
}
RAW = ("\x1b", "\x07", "\r", "\u2028", "\u202e", "\udcff")
@pytest.mark.slow
@POSIX_ONLY
@pytest.mark.parametrize("kind", sorted(HOSTILE_NAMES))
def test_a_file_name_never_writes_into_the_terminal(tmp_path, kind):
    name = HOSTILE_NAMES[kind]
    try:
        shutil.copy(BAC_NINH, tmp_path / name)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take the name")
    runs = [
        parcli("validate", name, cwd=tmp_path),
        parcli("validate", ".", cwd=tmp_path),
        parcli("score", name, cwd=tmp_path),
        parcli("score", name, "-f", "json", cwd=tmp_path),
        parcli("score", "missing-" + name, cwd=tmp_path),
        parcli("rank", ".", cwd=tmp_path),
        parcli("export", name, "-o", "out-" + name.replace(".yaml", ".csv"), cwd=tmp_path),
        parcli("report", name, "-o", "r-" + name.replace(".yaml", ".html"), cwd=tmp_path),
        parcli("plan", name, "--target-index", "90", "--apply", "-o", "planned-" + name, cwd=tmp_path),
        parcli("convert", name, "-o", "f-" + name.replace(".yaml", ".xlsx"), cwd=tmp_path),
        parcli("template", "province-2020", "-o", "t-" + name, cwd=tmp_path),
        parcli("score", name, "--format", "bogus", cwd=tmp_path),  # the parser's usage error names nothing raw
    ]
    for run in runs:
        text = run.stdout.decode("utf-8", "replace") + run.stderr.decode("utf-8", "replace")
        assert "Traceback" not in text and "internal error" not in text, text
        clean(text)
    lines = runs[6].stderr.decode().splitlines()
    assert runs[6].returncode == 0 and len(lines) == 2 and lines[1].startswith("wrote out-")  # one line, escaped

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
    (["score", "x.yaml", "-f", "xml"], "không phải một trong 'table', 'csv', 'json'",
     "is not one of 'table', 'csv', 'json'"),
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


def test_long_values_are_not_echoed_whole(cli, write):
    unit = write("long.yaml", "schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: province-2020\n"
                              f'evidence:\n  "1.1.1": "{"x" * 100_000}"\n')
    run = cli("validate", unit)
    assert run.exit_code == 1 and len(run.stdout) < 2_000 and "…" in run.stdout


def clean(text: str, forged: str = "parcli: 0 problems") -> None:
    for ch in RAW:
        assert ch not in text, repr(text)
    assert not any(line.startswith(forged) for line in text.splitlines()), text
