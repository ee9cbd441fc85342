"""Problems as a person reads them on a terminal, the way rustc, Elm and ruff show them.

::

    hoso.yaml:10:22: 3.2.1: percent: '97,3' has a decimal comma; write 97.3 …
       |
    10 |   "3.2.1": {percent: "97,3"}
       |                      ^

When the output is not a terminal, or with ``--concise``, each problem stays one
``file:line:col: message`` line (scripts and editors parse it).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ..errors import Problem
from ..inputs.files import max_bytes, parcli_kind

_WIDTH_LIMIT = 200  # a source line longer than this is cut around the column


def visible(text: str, keep: str = "") -> str:
    """Text from a file (or a file's name), safe to print on one line: control and format characters,
    line and paragraph separators shown as ``\x1b``, ``\n``, ``\u2028`` and the like, and the
    undecodable bytes of a file name as ``\xff`` (those in ``keep``, e.g. line breaks of a table
    cell, stay), so that nothing retitles the terminal or starts a line of its own."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in keep:
            out.append(ch)
        elif ch == "\t":
            out.append("→")
        elif "\udc80" <= ch <= "\udcff":  # a byte of a file name that is not UTF-8 (surrogateescape)
            out.append(f"\\x{ord(ch) - 0xdc00:02x}")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs") and ch not in "\u200d":
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


class Sources:
    """The lines of the files problems point into, read once each: only small files, and only parcli's own
    (a unit, framework, campaign or survey definition, whose ``schema:`` parcli knows), never a line of
    another file a problem points into (a unit can name any file as its framework)."""

    def __init__(self):
        self._lines: dict[str, list[str] | None] = {}

    def line(self, file: str, number: int) -> str | None:
        if file not in self._lines:
            self._lines[file] = self._read(file)
        lines = self._lines[file]
        if lines is None or not 0 < number <= len(lines):
            return None
        return lines[number - 1]

    @staticmethod
    def _read(file: str) -> list[str] | None:
        try:
            with open(file, "rb") as fh:
                raw = fh.read(max_bytes() + 1)
        except OSError:
            return None
        if len(raw) > max_bytes() or b"\x00" in raw or parcli_kind(raw) is None:
            return None
        text = raw.decode("utf-8", errors="replace")
        if text.startswith("\ufeff"):
            text = text[1:]
        return text.splitlines()


def _caret_column(line: str, col: int) -> int:
    """Where the caret goes under ``line`` shown by :func:`visible`: columns of the shown text."""
    return len(visible(line[: max(col - 1, 0)]))


def snippet(problem: Problem, sources: Sources) -> list[str]:
    """The lines under a problem: its source line with a caret under the column; [] when there is none."""
    if problem.line <= 0:
        return []
    source = sources.line(problem.file, problem.line)
    if source is None:
        return []
    shown = visible(source)
    caret = _caret_column(source, problem.col)
    if len(shown) > _WIDTH_LIMIT:
        start = max(0, caret - _WIDTH_LIMIT // 2)
        shown = ("…" if start else "") + shown[start:start + _WIDTH_LIMIT] + "…"
        caret = caret - start + (1 if start else 0)
    number = str(problem.line)
    pad = " " * len(number)
    return [f"{pad} |", f"{number} | {shown}", f"{pad} | {' ' * caret}^"]


def render(problems: Iterable[Problem | str], rich: bool) -> list[str]:
    """Every problem as lines to print: one line each, plus its snippet when ``rich``."""
    out: list[str] = []
    sources = Sources()
    for p in problems:
        text = str(p)
        out.append(visible(text))
        if rich and isinstance(p, Problem):
            out.extend(snippet(p, sources))
    return out
