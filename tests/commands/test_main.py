"""The root of the command line (parcli/cli.py): one table of commands, each a module of
parcli/commands/ imported only when it runs; ``parcli --help`` lists them from the table."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main

from parcli.cli import COMMANDS, app, load_command, short_help
from tests.conftest import ROOT


def test_every_command_of_the_table_is_its_own_module_and_named_as_in_the_table():
    modules = sorted(p.stem for p in (ROOT / "parcli" / "commands").glob("*.py")
                     if p.stem not in ("__init__", "common"))
    assert sorted(module for module, _short in COMMANDS.values()) == modules
    for name, (module, _short) in COMMANDS.items():
        command = load_command(name)
        if hasattr(command, "commands"):  # a command of subcommands (campaign): each is in the module
            assert command.commands
            for sub in command.commands.values():
                assert sub.callback.__module__ == f"parcli.commands.{module}"
            continue
        assert command.callback.__module__ == f"parcli.commands.{module}"
        assert command.callback.__wrapped__.__name__ == name
    assert load_command("no-such-command") is None


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_table_s_short_help_is_the_first_line_of_the_command_s_help(name):
    command = load_command(name)
    assert command.help.strip().split("\n", 1)[0] == short_help(name)
    for limit in (20, 45, 60, 94, 200):  # what `parcli --help` shows at any width
        short = typer.core.TyperCommand(name, help=short_help(name)).get_short_help_str(limit)
        assert short == command.get_short_help_str(limit)


def test_the_group_lists_the_table_in_its_order():
    group = typer.main.get_command(app)
    assert group.list_commands(None) == list(COMMANDS) == [
        "score", "validate", "export", "rank", "diff", "report", "plan", "template", "convert", "explain",
        "frameworks", "schema", "campaign", "survey"]


def imported_by(*args: str) -> set[str]:
    code = ("import sys\nsys.argv = ['parcli', *sys.argv[1:]]\nfrom parcli import cli\ntry:\n    cli.main()\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write(' '.join(m for m in sys.modules if m.startswith('parcli')))")
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          env={"PARCLI_LANG": "en", "PATH": ""})
    return set(proc.stderr.split("\n")[-1].split())


def test_help_imports_no_command_and_a_command_only_its_own():
    assert not {m for m in imported_by("--help") if m.startswith("parcli.commands.") and m != "parcli.commands.common"}
    used = {m for m in imported_by("schema", "unit") if m.startswith("parcli.commands.")}
    assert used == {"parcli.commands.common", "parcli.commands.schema"}
    used = {m for m in imported_by("rank", "--help") if m.startswith("parcli.commands.")}
    assert used == {"parcli.commands.common", "parcli.commands.rank"}
