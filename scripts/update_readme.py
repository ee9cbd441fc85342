"""Rewrite every ```console block of README.md with the real output of its command.

Each block starts with one line `$ parcli ARGS…`; the rest of the block is replaced by
what that command prints (stdout, then stderr), run from the repository root as a
pipe would see it. tests/test_readme.py fails when a block is out of date.

    python scripts/update_readme.py
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n\$ (parcli [^\n]*)\n(.*?)```", re.S)


def run(command: str) -> str:
    import os

    from typer.testing import CliRunner

    from parcli.cli import app

    args = shlex.split(command)[1:]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, args, env={"COLUMNS": "160"})
    finally:
        os.chdir(cwd)
    try:
        err = result.stderr
    except ValueError:
        err = ""
    text = result.stdout + err
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


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
