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


def test_the_campaign_walk_through_runs_as_written(tmp_path):
    """The walk-through needed a units.csv and mail files that were not shipped, and a policy edit nobody was
    told about: run here as a reader runs it, from a folder holding examples/, each step between two commands the
    one the README's text tells (``python examples/campaign/fill.py STEP``, the edits of campaign.yaml it says),
    every command prints what the README shows (the log's hashes aside: every campaign has its own key)."""
    import os
    import shlex
    import subprocess

    import campaign_demo

    section = README.split("### `parcli campaign`", 1)[1].split("\n### ", 1)[0]
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    pattern = re.compile(r"```console\n\$ ([^\n]*)\n(.*?)```|<!-- campaign: ([a-z0-9-]+) -->", re.S)
    said, ran, last = 0, 0, ""
    for m in pattern.finditer(section):
        told = section[said:m.start()]  # the README's words since the last block or step
        said = m.end()
        if m.group(3):
            name = m.group(3)
            if name in campaign_demo.FILLED:
                fill = f"python examples/campaign/fill.py {campaign_demo.FILLED[name]}"
                assert fill in told, (name, told)
                done = subprocess.run([sys.executable, *fill.split()[1:]], cwd=tmp_path, capture_output=True,
                                      text=True, timeout=300)
                assert done.returncode == 0, done.stderr
            elif name == "policy":
                assert "policy: {missing_documents: none}" in told, told
                campaign_demo.step(name, tmp_path)
            elif name == "extend":
                line = re.search(r"extensions: \{SXD: \{self_assess\s*ment: [0-9T:-]+\}\}", last)
                assert line and "Write that line into `cchc-2025/campaign.yaml`" in told, told
                campaign_demo.step(name, tmp_path)
            else:
                assert name == "demo-key"  # the store's key only: the hashes the README shows
            continue
        words = shlex.split(m.group(1))
        env = {**os.environ, "COLUMNS": str(update_readme.WIDTH), "USERNAME": "canbo", "USER": "canbo"}
        env.pop("PARCLI_LANG", None)
        while "=" in words[0]:
            key, _sep, value = words.pop(0).partition("=")
            env[key] = value
        for name in words[1:]:  # every file a command names is shipped or made by an earlier step
            if name.endswith((".csv", ".xlsx")):
                assert (tmp_path / name).is_file(), name
        proc = subprocess.run([sys.executable, "-m", "parcli", *words[1:]], cwd=tmp_path, capture_output=True,
                              text=True, env=env, timeout=300)
        text = proc.stdout + proc.stderr
        out = "\n".join(part.rstrip() for line in text.splitlines() for part in update_readme.fold(line)) + "\n"
        want = m.group(2)
        if words[1:3] == ["campaign", "log"]:
            out, want = (re.sub(r"\b[0-9a-f]{12}\b", "#" * 12, t) for t in (out, want))
        assert out == want, m.group(1)
        last, ran = out, ran + 1
    assert ran >= 15


def test_the_campaign_section_tells_what_parcli_now_is():
    """PARCLI_NOW, which every line of the walk-through sets, was explained only in CONTRIBUTING."""
    section = README.split("### `parcli campaign`", 1)[1].split("\n### ", 1)[0]
    said = section.split("```console", 1)[0]  # before the first command that uses it
    assert "The environment variable `PARCLI_NOW`" in said
    assert "`PARCLI_NOW=2025-11-04T08:30`" in said and "Never set it in a real campaign" in said
    from datetime import datetime

    from parcli.campaign.clock import VIETNAM, parse_local

    assert parse_local("2025-11-04T08:30") == datetime(2025, 11, 4, 8, 30, tzinfo=VIETNAM)  # as the README says
    assert parse_local("2025-11-04T01:30+00:00") == datetime(2025, 11, 4, 8, 30, tzinfo=VIETNAM)
