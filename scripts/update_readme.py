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
BLOCK = re.compile(r"```console\n\$ ((?:[A-Z_]+=\S+ )*parcli [^\n]*)\n(.*?)```", re.S)
# The campaign's walk-through: its commands run in one temporary folder, in order; between them,
# <!-- campaign: STEP --> is what people do (scripts/campaign_demo.py)
STEP = re.compile(r"<!-- campaign: ([a-z0-9-]+) -->")
CAMPAIGN: dict = {}


def run(command: str) -> str:
    import os

    from typer.testing import CliRunner

    from parcli.cli import app

    words = shlex.split(command)
    env = {"COLUMNS": str(WIDTH)}
    while words and "=" in words[0]:  # NAME=value before parcli: that command's environment
        key, _sep, value = words.pop(0).partition("=")
        env[key] = value
    args = words[1:]
    cwd = os.getcwd()
    campaign = args[:1] == ["campaign"]
    if campaign:
        env.update(USERNAME="canbo", USER="canbo")
    os.chdir(CAMPAIGN["work"] if campaign and "work" in CAMPAIGN else ROOT)
    try:
        result = CliRunner().invoke(app, args, env=env)
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


def render(readme: str, keep: Path | None = None) -> str:
    """The README with every console block run again; ``keep``: the campaign walk-through's folder, kept
    (scripts/minutes_picture.py prints its minutes), else a temporary one, removed."""
    import shutil
    import tempfile

    import campaign_demo

    CAMPAIGN["work"] = keep or Path(tempfile.mkdtemp(prefix="parcli-readme-"))
    try:
        # the walk-through runs in a folder as the repository's root: examples/ is there (--units
        # examples/campaign/units.csv), its campaign and mail/ are made there
        link = CAMPAIGN["work"] / "examples"
        if not link.exists():
            link.symlink_to(ROOT / "examples", target_is_directory=True)
        def one(m) -> str:
            if m.group(0).startswith("<!--"):
                campaign_demo.step(m.group(1), CAMPAIGN["work"])
                return m.group(0)
            return f"```console\n$ {m.group(1)}\n{run(m.group(1))}```"

        return re.compile(f"{BLOCK.pattern}|{STEP.pattern}", re.S).sub(
            lambda m: one(_Step(m) if m.group(3) else m), readme)
    finally:
        work = CAMPAIGN.pop("work")
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


class _Step:
    """A step's match as :func:`render` reads it: the comment, and its name as group 1."""

    def __init__(self, m):
        self.m = m

    def group(self, i: int):
        return self.m.group(0) if i == 0 else self.m.group(3)


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
