"""The officer's side of the campaign walk-through in README.md, for scripts/update_readme.py.

scripts/update_readme.py runs the README's campaign blocks in one temporary folder, in order, and
calls :func:`step` where the README says ``<!-- campaign: STEP -->``. Every step is one the README
tells its reader to take, in its words: what people type into the workbooks is
``python examples/campaign/fill.py`` (shipped, and shown in the README), the edits of campaign.yaml
are said in the README's text. One step only the walk-through takes: ``demo-key`` gives the store a
fixed key, so that the workbooks' sha256 in the README's log are the same every time (a real
campaign's key is random and secret; a reader's run shows other hashes, nothing else differs).

    python scripts/campaign_demo.py   (nothing: it is called by update_readme.py)
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILL = ROOT / "examples" / "campaign" / "fill.py"
DEMO_KEY = "d" * 64  # the walk-through's key, never a real campaign's
# a step of the README -> the step of examples/campaign/fill.py that takes it
FILLED = {"units-fill": "forms", "round-1": "round-1", "explain": "explanation", "round-2": "round-2"}


def _fill():
    spec = importlib.util.spec_from_file_location("campaign_fill", FILL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fill_form(form: Path, example: Path, out: Path, change=None) -> Path:
    """examples/campaign/fill.py's ``fill_form``: the campaign's form filled with a unit file's evidence."""
    return _fill().fill_form(form, example, out, change)


def _edit(camp: Path, pattern: str, new: str) -> None:
    path = camp / "campaign.yaml"
    text, count = re.subn(pattern, new, path.read_text(encoding="utf-8"), flags=re.M)
    if count != 1:
        raise ValueError(f"{path}: {pattern!r} is not there once")
    path.write_text(text, encoding="utf-8")


def step(name: str, work: Path) -> None:
    """One thing people do between two commands of the walk-through, in ``work``."""
    camp = work / "cchc-2025"
    if name == "demo-key":
        with sqlite3.connect(camp / "campaign.db") as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'key'", (DEMO_KEY,))
    elif name == "policy":  # the README: set policy: {missing_documents: none}
        _edit(camp, r"missing_documents: explain", "missing_documents: none")
    elif name == "extend":  # the README: the line the refusal names, into campaign.yaml
        _edit(camp, r"^extensions: \{\}.*$", "extensions: {SXD: {self_assessment: 2025-11-04T09:00}}")
    elif name in FILLED:
        _fill().fill(FILLED[name], work)
    else:
        raise ValueError(f"no campaign step {name!r}")
