"""The message catalogue: every message a person reads exists in Vietnamese and English.

Messages are written as ``tr("English template", name=value)``; :mod:`parcli.messages_vi`
holds the Vietnamese template of each. A message in one language only fails here.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import parcli
from parcli.i18n import set_language, tr
from parcli.messages_vi import VI
from parcli.rules.base import MEASURE_WORD

PACKAGE = Path(parcli.__file__).parent
# Message ids passed to tr() through a variable, not as a literal.
DYNAMIC = [*MEASURE_WORD.values(), "field", "criterion", "subcriterion", "official", "reconstructed", "custom"]


def used_msgids() -> dict[str, str]:
    """Every literal first argument of a ``tr(...)`` or ``N_(...)`` call in the package → where it is."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            if node.func.id in ("tr", "N_") and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):  # else: one of DYNAMIC
                    found.setdefault(arg.value, where)
            elif node.func.id in ("trp", "NC_") and len(node.args) >= 2:
                context, arg = node.args[:2]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):  # else: one of DYNAMIC
                    assert isinstance(context, ast.Constant), f"{where}: the context is a literal"
                    found.setdefault(f"{context.value}\x04{arg.value}", where)
    return found


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_message_has_its_vietnamese_form():
    missing = [f"{where}: {msgid!r}" for msgid, where in used_msgids().items() if msgid not in VI]
    missing += [repr(m) for m in DYNAMIC if m not in VI]
    assert not missing, "messages in English only:\n" + "\n".join(missing)


def test_every_vietnamese_message_is_used():
    used = set(used_msgids()) | set(DYNAMIC) | help_msgids()
    unused = [m for m in VI if m not in used]
    assert not unused, "Vietnamese messages no code uses (in one language only):\n" + "\n".join(map(repr, unused))


@pytest.mark.parametrize("msgid", sorted(VI))
def test_both_forms_take_the_same_values(msgid):
    source = msgid.split("\x04", 1)[-1]  # without its context
    assert fields_of(VI[msgid]) == fields_of(source), msgid
    assert VI[msgid].strip() and VI[msgid] != source, f"{msgid!r} is not translated"


def test_tr_follows_the_language():
    try:
        set_language("en")
        assert tr("the file is empty") == "the file is empty"
        set_language("vi")
        assert tr("the file is empty") == VI["the file is empty"]
        assert tr("max must be above 0, got {max}", max=0).endswith("0")
    finally:
        set_language("vi")


def help_msgids() -> set[str]:
    """Every paragraph of the command line's help (root, each command, its options and arguments, the
    short help of the commands' table), as the catalogue keys it: context "help"."""
    import typer.main

    from parcli.cli import COMMANDS, app, load_command
    from parcli.helptext import help_texts, paragraphs

    texts = help_texts(typer.main.get_command(app))
    for name, (_module, short) in COMMANDS.items():
        texts += [short, *help_texts(load_command(name))]
    return {f"help\x04{p}" for t in texts for p in paragraphs(t)}


def test_every_help_text_has_its_vietnamese_form():
    missing = sorted(m for m in help_msgids() if m not in VI)
    assert not missing, "help in English only:\n" + "\n".join(map(repr, missing))
