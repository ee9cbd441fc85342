"""The README stays true: real outputs, every command documented, the CI runs its test command."""

from __future__ import annotations

import re
import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import update_readme  # noqa: E402

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands():
    """Every command of the command line (the lazy group's table), each loaded."""
    from parcli.cli import COMMANDS, load_command

    return {name: load_command(name) for name in COMMANDS}


@pytest.mark.slow
def test_console_blocks_show_real_output():
    assert update_readme.render(README) == README, "run: python scripts/update_readme.py"


def test_no_output_line_over_120_characters():
    """The README's outputs are drawn at 100 columns (and it says so): no line of them is wider than 120."""
    from rich.cells import cell_len

    assert update_readme.WIDTH == 100 and "100 columns wide (`COLUMNS=100`)" in README
    blocks = re.findall(r"```console\n\$ [^\n]*\n(.*?)```", README, re.S)
    assert len(blocks) > 20
    wide = [line for block in blocks for line in block.splitlines() if cell_len(line) > 120]
    assert not wide, wide


def test_every_command_has_help_and_a_readme_example():
    for name, command in commands().items():
        assert (command.help or "").strip(), f"{name} has no help text"
        for param in command.params:
            if param.param_type_name == "option" and param.name not in ("help",):
                assert (param.help or "").strip(), f"{name} {param.name} has no help text"
        assert re.search(rf"^\$ parcli {name}\b", README, re.M), f"README has no example of parcli {name}"


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", setup, re.S)
    assert len(blocks) == 2
    assert "parcli score examples/" in blocks[0]
    test_command = blocks[1]
    assert "pip install '.[test]'" in test_command and "python -m pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text()
    assert "README.md" in ci and 'bash -c "$readme_test"' in ci  # CI runs exactly this command
    assert "-c .ci/oldest-constraints.txt '.[test]'" in ci  # and the suite with the oldest versions
    assert '"$1" -eq 5' in ci  # exit 5 (no tests) fails CI
