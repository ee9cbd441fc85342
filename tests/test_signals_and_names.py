"""Signals and names (issue 20 item 5): SIGTERM and SIGHUP during a write leave the old file and no
temporary file; a file name never writes into the terminal or forges a line; validate counts files;
a name too long for the file system is one line; COLUMNS is read as ASCII digits only; a note
longer than an Excel cell names its leaf and its file."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import EXAMPLES, ROOT, read_terminal

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and file names")


def parcli(*args, cwd=None, env=None, **kw):
    return subprocess.run([sys.executable, "-m", "parcli", *map(str, args)], cwd=cwd, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en", **(env or {})},
                          timeout=kw.pop("timeout", 300), **kw)


def many_units(folder, count):
    folder.mkdir()
    text = BAC_NINH.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"u{i:04}.yaml").write_text(text.replace('unit: "Tỉnh Bắc Ninh"', f'unit: "Đơn vị {i}"')
                                              .replace('code: "27"', f'code: "U{i}"'), encoding="utf-8")
    return folder


# --- signals -------------------------------------------------------------------------------


@POSIX_ONLY
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
@pytest.mark.parametrize("command", ["report", "export"])
def test_a_signal_during_a_write_leaves_the_old_file_and_no_part(tmp_path, signum, command):
    units = many_units(tmp_path / "units", 400)
    out = tmp_path / "out" / ("r.html" if command == "report" else "x.xlsx")
    out.parent.mkdir()
    out.write_bytes(b"the old file")
    args = [command, units, "-o", out, "--force"]
    proc = subprocess.Popen([sys.executable, "-m", "parcli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en"})
    deadline = time.monotonic() + 240
    while not any(p.name.startswith(".parcli-") for p in out.parent.iterdir()):  # the write has begun
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.002)
    proc.send_signal(signum)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err.decode()
    assert err.decode().strip().splitlines()[-1] == "parcli: interrupted"
    assert "Traceback" not in err.decode()
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no .parcli-*.part
    assert out.read_bytes() == b"the old file"


@POSIX_ONLY
def test_signals_are_held_while_the_temporary_file_is_made(tmp_path):
    """Between creating the temporary file and arming its removal no signal is taken: it arrives
    at once after, where the file is removed."""
    from parcli.report.files import replace_file

    target = tmp_path / "t.txt"

    def write(fh):
        os.kill(os.getpid(), signal.SIGINT)  # delivered here, inside the guarded write
        time.sleep(0.05)

    with pytest.raises(KeyboardInterrupt):
        replace_file(target, write)
    assert list(tmp_path.iterdir()) == []


# --- file names ------------------------------------------------------------------------------

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


def clean(text: str, forged: str = "parcli: 0 problems") -> None:
    for ch in RAW:
        assert ch not in text, repr(text)
    assert not any(line.startswith(forged) for line in text.splitlines()), text


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


def test_validate_counts_files_not_arguments(tmp_path, write):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"bad{i}.yaml").write_text("schema: parcli/unit/v1\nunit: U\n", encoding="utf-8")
    shutil.copy(BAC_NINH, folder / "good.yaml")
    run = parcli("validate", folder)
    assert run.returncode == 1
    assert run.stderr.decode().splitlines()[-1] == "4 file(s) checked: 1 valid, 3 with problems"
    run = parcli("validate", folder, BAC_NINH)
    assert run.stderr.decode().splitlines()[-1] == "5 file(s) checked: 2 valid, 3 with problems"


@pytest.mark.parametrize("args", [
    ["export", BAC_NINH, "-o", "{long}.csv"],
    ["rank", BAC_NINH, "-o", "{long}.csv"],
    ["report", BAC_NINH, "-o", "{long}.html"],
    ["template", "province-2020", "-o", "{long}.yaml"],
    ["convert", BAC_NINH, "-o", "{long}.xlsx"],
    ["plan", BAC_NINH, "--target-index", "90", "--apply", "-o", "{long}.yaml"],
    ["export", BAC_NINH, "-o", "{long}/x.csv"],
    ["template", "province-2020", "-o", "{deep}/x.yaml"],
], ids=lambda a: f"{a[0]}-{a[-1][-6:]}")
def test_an_output_name_too_long_for_the_file_system_is_one_line(tmp_path, args):
    long, deep = "a" * 300, "/".join(["b" * 200] * 25)
    run = parcli(*[str(a).format(long=long, deep=deep) for a in args], cwd=tmp_path)
    err = run.stderr.decode()
    assert run.returncode == 2, err
    assert err.count("\n") == 1 and "the name is too long for the file system" in err
    assert len(err) < 300  # the name is shortened, not echoed whole
    assert list(tmp_path.iterdir()) == []


# --- COLUMNS -----------------------------------------------------------------------------------

ODD_COLUMNS = ["²", "٣٠٠", "-5", "+80", "1e9", "9" * 5000, "99999999", "0", " ", "1_000"]


@pytest.mark.parametrize("value", ODD_COLUMNS, ids=lambda v: repr(v[:12]))
def test_columns_is_read_as_ascii_digits_only(value):
    for args in (["score", BAC_NINH], ["rank", EXAMPLES / "departments"], ["plan", BAC_NINH]):
        run = parcli(*args, env={"COLUMNS": value, "LINES": value})
        assert run.returncode == 0, run.stderr.decode()
        widest = max(len(line) for line in run.stdout.decode().splitlines())
        assert widest <= 120  # the default width, not 300, 80 or a billion


@POSIX_ONLY
@pytest.mark.parametrize("value", ["²", "٣٠٠", "9" * 5000, "99999999"], ids=lambda v: repr(v[:12]))
def test_columns_on_a_terminal(tmp_path, value):
    """On a terminal Rich never reads COLUMNS itself (it failed on ``²``)."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en", "COLUMNS": value, "LINES": value,
           "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "parcli", "rank", str(EXAMPLES / "departments")],
                            stdout=slave, stderr=slave, env=env)
    os.close(slave)
    seen = read_terminal(master).decode("utf-8", "replace")
    proc.wait(timeout=120)
    assert proc.returncode == 0, seen
    assert "internal error" not in seen and "Sở Y tế" in seen
    table = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in seen.splitlines() if line.startswith(("┃", "│", "┏"))]
    assert table and max(len(line) for line in table) <= 80  # the terminal's width (none here: 80)


def test_columns_in_range_is_used():
    run = parcli("rank", EXAMPLES / "departments", env={"COLUMNS": "90"})
    assert run.returncode == 0 and max(len(line) for line in run.stdout.decode().splitlines()) <= 90


# --- a note longer than an Excel cell -----------------------------------------------------------


@pytest.mark.parametrize("command", ["export", "convert"])
def test_a_note_too_long_for_a_cell_names_its_leaf_and_its_file(cli, tmp_path, write, command):
    unit = write("n.yaml", "schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: province-2020\n"
                           f'evidence:\n  "3.2.1": {{percent: 97, note: "{"n" * 40_000}"}}\n')
    out = tmp_path / "x.xlsx"
    run = cli(command, unit, "-o", out)
    assert run.exit_code == 1 and not out.exists()
    assert f"{unit}: the note of leaf 3.2.1: 40,000 characters" in run.stderr
    assert len(run.stderr.splitlines()) == 1


@POSIX_ONLY
def test_a_framework_file_name_that_is_not_utf8_is_refused_where_a_file_would_name_it(tmp_path):
    name = os.fsdecode(b"fw\xff.yaml")
    shutil.copy(ROOT / "criteria" / "province-2020.yaml", tmp_path / name)
    for out in ([], ["-o", "t.yaml"], ["-o", "t.xlsx"]):
        run = parcli("template", name, *out, cwd=tmp_path)
        err = run.stderr.decode()
        assert run.returncode == 2 and "fw\\xff.yaml: the framework's file name is not UTF-8 text" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
