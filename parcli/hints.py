"""Hints for the mistakes people make typing YAML by hand.

Each function looks at what was written and returns the message that says how to fix
it (in the current language), or an empty result when it has no hint: a tab, an
indentation that does not line up, curly quotes, a number with ``%`` or a decimal
comma, a misspelled top-level key.
"""

from __future__ import annotations

import difflib
import re

from .i18n import tr

CURLY = "“”‘’„‟«»"
_DECIMAL_COMMA = re.compile(r"\s*([-+]?[0-9]+),([0-9]+)\s*")
_PERCENT = re.compile(r"\s*([-+]?[0-9]+(?:[.,][0-9]+)?)\s*%\s*")
# The keys a unit or framework file has at its top (unknown ones get "did you mean").
TOP_KEYS = ("schema", "unit", "code", "year", "framework", "evidence",
            "id", "title", "title_en", "level", "basis", "version", "provenance",
            "total", "places", "classes", "fields")


def curly_hint(text: object) -> str:
    """``; curly quotes … `` when ``text`` holds typographic quotes, else ``""``."""
    if isinstance(text, str) and any(ch in CURLY for ch in text):
        return tr("; curly quotes (“ ” ‘ ’) are not quotes in YAML: type straight quotes \" or '")
    return ""


def number_text_hint(text: object) -> str | None:
    """The fix for a number typed as text: ``"97,3"`` (decimal comma) or ``97%``."""
    if not isinstance(text, str):
        return None
    m = _DECIMAL_COMMA.fullmatch(text)
    if m:
        return tr("{value!r} has a decimal comma; write {number} (numbers take a decimal point)",
                  value=text, number=f"{m.group(1)}.{m.group(2)}")
    m = _PERCENT.fullmatch(text)
    if m:
        return tr("{value!r} is text because of the %; write the number alone: {number}",
                  value=text, number=m.group(1).replace(",", "."))
    return None


def near_top_key(key: object, known: tuple[str, ...] = TOP_KEYS) -> str | None:
    """The top-level key ``key`` was likely meant to be, or None."""
    near = difflib.get_close_matches(str(key).lower(), known, n=1, cutoff=0.6) if isinstance(key, str) else []
    return near[0] if near else None


def unknown_top_key(key: object, known: tuple[str, ...] = TOP_KEYS) -> str:
    """An unknown key at the top of a file, with the key it was likely meant to be."""
    near = near_top_key(key, known)
    if near:
        return tr("unknown key {key!r}; did you mean {near!r}?", key=key, near=near)
    return tr("unknown key {key!r}; remove it or check its spelling", key=key)


def yaml_syntax(problem: str, context: str, text: str, line: int, col: int) -> tuple[int, int, str]:
    """A YAML syntax error (PyYAML's ``problem`` and ``context`` at 1-based ``line``:``col``)
    as (line, col, message that says what to fix)."""
    lines = text.splitlines()
    message = _yaml_message(problem, context, lines, line, col)
    if message is None:
        number, this, above = _misaligned(lines, line)
        if number:  # point at the line that is out of line, where its key starts
            return number, this, tr("line {line} starts at column {this}, but the key above it starts at column "
                                    "{above}: keys of one mapping start in the same column; indent with spaces to "
                                    "line them up", line=number, this=this, above=above)
        detail = f"{problem} ({context})" if problem and context else (problem or context or "malformed YAML")
        message = tr("the indentation does not line up: keys of one mapping start in the same column, "
                     "indented with spaces; check this line and the one above ({detail})", detail=detail)
    return line, col, message


def _yaml_message(problem: str, context: str, lines: list[str], line: int, col: int) -> str | None:
    """The message for a syntax error; None for an indentation error (the caller places it)."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    above = lines[line - 2] if 1 < line <= len(lines) + 1 else ""
    detail = f"{problem} ({context})" if problem and context else (problem or context or "malformed YAML")
    if "'\\t'" in problem or "\t" in here[: max(col, 1)] or (not here.strip() and "\t" in above):
        return tr("a tab character: YAML indents with spaces only; replace the tab with spaces")
    if any(ch in CURLY for ch in here):
        return tr("curly quotes (“ ” ‘ ’) are not quotes in YAML: type straight quotes \" or '")
    indentation = ("did not find expected key", "expected <block end>", "mapping values are not allowed",
                   "did not find expected '-' indicator", "could not find expected ':'")
    if any(p in detail for p in indentation):
        return None
    return tr("not valid YAML: {detail}", detail=detail)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _misaligned(lines: list[str], line: int) -> tuple[int, int, int]:
    """The line near ``line`` whose indentation differs from the line above it:
    (line number, its column, the column above), or zeros."""
    for number in (line, line - 1, line + 1):
        if not 1 < number <= len(lines):
            continue
        here = lines[number - 1]
        if not here.strip() or here.lstrip().startswith("#"):
            continue
        above_no = number - 1
        while above_no >= 1 and (not lines[above_no - 1].strip() or lines[above_no - 1].lstrip().startswith("#")):
            above_no -= 1
        if above_no < 1:
            continue
        above = lines[above_no - 1]
        if above.rstrip().endswith(":"):  # a parent key: its children are indented more
            continue
        if _indent(here) != _indent(above):
            return number, _indent(here) + 1, _indent(above) + 1
    return 0, 0, 0
