"""Files, paths, outputs and interruptions: clear messages, no lost data."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from parcli.errors import InputError
from parcli.report.files import write_atomic
from tests.conftest import EXAMPLES, ROOT

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def test_bom_and_crlf_score_exactly_like_the_plain_file(cli, tmp_path):
    text = BAC_NINH.read_text(encoding="utf-8")
    odd = tmp_path / "bac-ninh-2021.yaml"
    odd.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    plain = json.loads(cli("score", BAC_NINH, "-f", "json").stdout)
    other = json.loads(cli("score", odd, "-f", "json").stdout)
    assert plain == other


@pytest.mark.parametrize("command", ["validate", "score", "export"])
def test_missing_file_and_directory(cli, tmp_path, command):
    extra = ["-o", tmp_path / "o.csv"] if command == "export" else []
    run = cli(command, tmp_path / "nope.yaml", *extra)
    assert run.exit_code == 1 and "nope.yaml: no such file" in run.all
    run = cli(command, tmp_path, *extra)
    # score takes one file; validate and export take a folder for its .yaml files, and this one has none
    expected = "is a directory" if command == "score" else "the folder holds no .yaml or .xlsx file"
    assert run.exit_code == 1 and expected in run.all


def test_unreadable_file(cli, tmp_path):
    # /proc/self/mem can be opened but not read from offset 0, even by root
    run = cli("validate", "/proc/self/mem")
    assert run.exit_code == 1 and "cannot read the file" in run.all
    if os.geteuid() != 0:
        locked = tmp_path / "locked.yaml"
        locked.write_text("a: 1\n")
        locked.chmod(0)
        run = cli("validate", locked)
        assert run.exit_code == 1 and "permission denied" in run.all


def test_output_is_a_folder(cli, tmp_path):
    run = cli("export", BAC_NINH, "-o", tmp_path)
    assert run.exit_code == 2 and "is a folder" in run.stderr


def test_output_equal_to_the_framework_is_refused(cli, tmp_path, write, mini):
    unit = write("u.yaml", "schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: ./fw.csv\nevidence:\n")
    (tmp_path / "fw.csv").write_text((tmp_path / "mini.yaml").read_text())
    before = (tmp_path / "fw.csv").read_bytes()
    run = cli("export", unit, "-o", tmp_path / "fw.csv")
    assert run.exit_code == 2 and "is one of the input files" in run.stderr
    assert (tmp_path / "fw.csv").read_bytes() == before


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path):
    out = tmp_path / "out.csv"
    out.write_bytes(b"previous")

    def half_then_fail(fh):
        fh.write(b"half a file")
        raise InputError("boom")

    with pytest.raises(InputError):
        write_atomic(out, half_then_fail)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_interrupted_export_leaves_the_old_file_intact(tmp_path):
    """SIGINT in the middle of a long export: old file byte-for-byte, no temporary file."""
    units = []
    text = BAC_NINH.read_text(encoding="utf-8")
    for i in range(400):
        p = tmp_path / f"u{i:03}.yaml"
        p.write_text(text.replace('code: "27"', f'code: "{i}"'), encoding="utf-8")
        units.append(p.name)
    out = tmp_path / "out.csv"
    out.write_bytes(b"the old export\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en"}
    proc = subprocess.Popen([sys.executable, "-m", "parcli", "export", *units, "-o", "out.csv"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".parcli-*.part")):
        if proc.poll() is not None:
            break
        time.sleep(0.005)
    parts = list(tmp_path.glob(".parcli-*.part"))
    assert parts, "the export finished before it could be interrupted"
    while parts[0].exists() and parts[0].stat().st_size == 0 and time.monotonic() < deadline:
        time.sleep(0.005)  # let it write part of the file
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert b"Traceback" not in err and b"interrupted" in err
    assert out.read_bytes() == b"the old export\n"
    assert not list(tmp_path.glob(".out.csv.*"))


def test_debug_flag_is_accepted(cli):
    assert cli("--debug", "validate", BAC_NINH).exit_code == 0


def test_typer_never_prints_locals():
    from parcli.cli import app

    assert app.pretty_exceptions_short is True or app.pretty_exceptions_enable is False
    assert app.pretty_exceptions_show_locals is False


def test_console_script_runs(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en"}
    proc = subprocess.run([sys.executable, "-m", "parcli", "score", str(BAC_NINH), "--depth", "field"],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and "Tỉnh Bắc Ninh" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "parcli", "score"], capture_output=True, text=True, env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_internal_errors_are_one_line_unless_debug(monkeypatch):
    """A bug (here: the engine made to fail) is one line and exit 1; --debug lets the traceback through."""
    from typer.testing import CliRunner

    import parcli.scoring
    from parcli.cli import app

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(parcli.scoring, "score", broken)
    runner = CliRunner(env={"PARCLI_LANG": "en"})
    result = runner.invoke(app, ["score", str(BAC_NINH)])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: simulated bug" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["--debug", "score", str(BAC_NINH)])
    assert isinstance(result.exception, RuntimeError)
