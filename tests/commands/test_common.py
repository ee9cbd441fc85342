"""What every command shares (parcli/cli.py, parcli/commands/common.py): usage errors, help, --version,
--debug, --strict, folders and patterns for files, a closed standard output, internal errors in one line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES, ROOT

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("score").exit_code == 2
    assert cli("score", BAC_NINH, "--depth", "deep").exit_code == 2
    assert cli("nonsense").exit_code == 2
    assert cli("export", BAC_NINH, "-o", tmp_path / "x.txt").exit_code == 2


@pytest.mark.parametrize("command", ["score", "validate", "export", "rank", "diff", "template", "explain",
                                     "frameworks", "schema"])
def test_every_command_has_help_without_internals(cli, command):
    run = cli(command, "--help")
    assert run.exit_code == 0
    assert "Usage" in run.stdout
    import re

    assert not re.search(r"<[a-z][a-z \[\]]*>|\{[a-z]+\}", run.stdout), run.stdout  # <list[str]>, {unit}


def test_shell_completion_is_offered(cli):
    assert "--install-completion" in cli("--help").stdout


def test_folders_and_quoted_patterns_stand_for_their_files(cli, tmp_path):
    import shutil

    folder = tmp_path / "hoso"
    folder.mkdir()
    for p in sorted((EXAMPLES / "departments").glob("so-*.yaml"))[:3]:
        shutil.copy(p, folder / p.name)
    (folder / "notes.txt").write_text("not a unit")
    shutil.copy(EXAMPLES.parent / "criteria" / "department-example.yaml", tmp_path / "fw.yaml")
    for p in folder.glob("*.yaml"):
        p.write_text(p.read_text(encoding="utf-8").replace("framework: department-example", "framework: ../fw.yaml"),
                     encoding="utf-8")
    by_folder = cli("rank", folder, "--lang", "en")
    by_pattern = cli("rank", f"{folder}/*.yaml", "--lang", "en")
    by_files = cli("rank", *sorted(folder.glob("*.yaml")), "--lang", "en")
    assert by_folder.exit_code == by_pattern.exit_code == by_files.exit_code == 0, by_folder.all
    assert by_folder.stdout == by_pattern.stdout == by_files.stdout
    assert cli("validate", folder).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    run = cli("rank", empty)
    assert run.exit_code == 1 and "holds no .yaml or .xlsx file" in run.stderr
    run = cli("export", f"{tmp_path}/nothing-*.yaml", "-o", tmp_path / "x.csv")
    assert run.exit_code == 1 and "no file matches" in run.stderr


def test_version(cli):
    from parcli import __version__

    assert cli("--version").stdout.strip() == f"parcli {__version__}"


@pytest.mark.parametrize("command", ["validate", "rank", "export"])
def test_strict_makes_missing_leaves_errors(cli, tmp_path, unit_file, command):
    path = unit_file('"1.1.1": true')
    extra = ["-o", tmp_path / "x.csv"] if command == "export" else []
    assert cli(command, path, *extra).exit_code == 0
    run = cli(command, path, *extra, "--strict")
    assert run.exit_code == 1
    assert f"{path}: leaf 2.1.4 has no evidence (every leaf needs evidence in strict mode)" in run.all


@pytest.mark.parametrize("args", [["rank", "--help"], ["diff", "--help"], ["template", "--help"],
                                  ["explain", "--help"], ["frameworks", "--help"], ["schema", "--help"]])
def test_help(cli, args):
    run = cli(*args)
    assert run.exit_code == 0 and "Usage" in run.stdout


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
