"""Rewrite every ```console block of README.md with the real output of its command.

Each block starts with one line `$ parcli ARGS…`; the rest of the block is replaced by
what that command prints (stdout, then stderr), run from the repository root for a
terminal of WIDTH (100) columns: ``COLUMNS=100``, and each line longer than that folded
at the 100th column as such a terminal shows it. tests/test_readme.py fails when a block
is out of date, or when an output line is longer than 120 characters.

    python scripts/update_readme.py
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 100  # the width the outputs are rendered at (a terminal of 100 columns), said in the README
BLOCK = re.compile(r"```console\n\$ (parcli [^\n]*)\n(.*?)```", re.S)


def run(command: str) -> str:
    import os

    from typer.testing import CliRunner

    from parcli.cli import app

    args = shlex.split(command)[1:]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, args, env={"COLUMNS": str(WIDTH)})
    finally:
        os.chdir(cwd)
    try:
        err = result.stderr
    except ValueError:
        err = ""
    text = result.stdout + err
    return "\n".join(part.rstrip() for line in text.splitlines() for part in fold(line)) + "\n"


def fold(line: str) -> list[str]:
    """A line as a terminal of :data:`WIDTH` columns shows it: folded at the last column."""
    from rich.cells import cell_len

    parts = []
    while cell_len(line) > WIDTH:
        cut, used = 0, 0
        for ch in line:
            if used + cell_len(ch) > WIDTH:
                break
            used += cell_len(ch)
            cut += 1
        parts.append(line[:cut])
        line = line[cut:]
    return [*parts, line]


def render(readme: str) -> str:
    return BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run(m.group(1))}```", readme)


def main() -> int:
    path = ROOT / "README.md"
    old = path.read_text(encoding="utf-8")
    new = render(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
        print("README.md updated")
    else:
        print("README.md is up to date")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
