"""A fast text table for the one table that can be long: ``parcli score`` (150 rows and more).

Rich draws a table cell by cell through its whole rendering pipeline: about 0.1 ms a
cell, 150 ms for a province's score, most of the command's time. This draws the same
box (rich's default, a heavy head and light body) from strings, with the same rules as
the other tables of :mod:`parcli.report.table`: ids, numbers and statuses whole, number
columns as wide as their numbers (their headers wrap when that leaves the text room),
one text column that wraps its words in the room left, nothing cut. Text from files is
shown literally (control characters visible). Colour only on a terminal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from rich.cells import cell_len

from .snippet import visible

ID, TEXT, NUM, TAG = "id", "text", "num", "tag"  # column kinds: TEXT wraps, NUM is right-aligned
COMFORTABLE = 36  # the text column's width worth keeping headers on one line for

_ANSI = {"bold": "1", "dim": "2", "italic": "3", "yellow": "33", "cyan": "36"}


@dataclass
class Column:
    header: str
    kind: str = TEXT
    short: str | None = None  # the header when the long ones leave the text too little room
    fold: bool = False  # a text column whose long words (file names) fold rather than widen the table
    yields: bool = False  # a text column as narrow as its longest word when the others want more room


@dataclass
class Grid:
    title: str
    columns: list[Column]
    rows: list[tuple[list[str], str, dict[int, str]]] = field(default_factory=list)
    legend: str = ""  # the long words of the short headers, when :func:`layout` took them

    def add_row(self, cells: list[str], style: str = "", cell_styles: dict[int, str] | None = None) -> None:
        self.rows.append(([visible(c) for c in cells], style, cell_styles or {}))


def _words(text: str) -> list[str]:
    return text.split()


def _longest_word(text: str) -> int:
    return max((cell_len(w) for w in _words(text)), default=0)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to ``width`` cells; a word longer than the width is folded.
    Leading spaces (the indentation of criteria and leaves) stay on the first line."""
    if width <= 0:
        return [text]
    if cell_len(text) <= width:
        return [text]
    indent = text[: len(text) - len(text.lstrip(" "))]
    if cell_len(indent) >= width:
        indent = ""
    words = _words(text)
    if indent and any(cell_len(indent + w) > width for w in words):
        indent = ""  # no room to indent every line: the words come first
    lines: list[str] = []
    line = indent
    for word in words:
        while cell_len(indent + word) > width:  # fold a word that cannot fit on any line
            if line.strip():
                lines.append(line)
            cut = _cut(word, width - cell_len(indent))
            lines.append(indent + word[:cut])
            word = word[cut:]
            line = indent
        candidate = line + word if not line.strip() else f"{line} {word}"
        if cell_len(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = indent + word  # continuation lines keep the indentation (the tree stays visible)
    if line.strip() or not lines:
        lines.append(line)
    return lines


def _cut(word: str, width: int) -> int:
    n = 0
    used = 0
    for ch in word:
        w = cell_len(ch)
        if used + w > width:
            break
        used += w
        n += 1
    return max(n, 1)


def _pad(text: str, width: int, right: bool) -> str:
    gap = width - cell_len(text)
    if gap <= 0:
        return text
    return " " * gap + text if right else text + " " * gap


def legend_line(pairs) -> str:
    """The long words of short headers, as a line under a table: "Tối đa: điểm tối đa áp dụng; Điểm: điểm
    đạt"."""
    seen = dict.fromkeys((short, long[:1].lower() + long[1:]) for short, long in pairs if short != long)
    return "; ".join(f"{short}: {long}" for short, long in seen)


def layout(grid: Grid, width: int) -> list[int]:
    """Each column's width: fixed columns as wide as their content (headers wrapped when that
    gives the text column room), the text column in the room left."""
    cols = grid.columns
    content = [max((cell_len(r[0][i]) for r in grid.rows), default=0) for i in range(len(cols))]
    overhead = 3 * len(cols) + 1
    text_cols = [i for i, c in enumerate(cols) if c.kind == TEXT]

    def fixed(wrap_headers: bool) -> list[int]:
        out = []
        for i, c in enumerate(cols):
            head = _longest_word(c.header) if wrap_headers and c.kind in (NUM, TAG) else cell_len(c.header)
            out.append(max(content[i], head))
        return out

    low = {i: max([_longest_word(cols[i].header)] + ([] if cols[i].fold else [_longest_word(r[0][i])
                                                                               for r in grid.rows]))
           for i in text_cols}
    high = {i: max(cell_len(cols[i].header), content[i]) for i in text_cols}

    def spread(room: int) -> dict[int, int]:
        """The text columns' widths in ``room``: a column that needs less than its share (its longest line is
        short) leaves the rest to the others; a yielding one is as narrow as its longest word when the others
        want more than their share."""
        out: dict[int, int] = {}
        wanting = list(text_cols)
        while wanting:
            share = room // len(wanting)
            narrow = [i for i in wanting if high[i] <= share]
            if not narrow:
                break
            for i in narrow:
                out[i] = high[i]
                room -= high[i]
                wanting.remove(i)
        if any(not cols[i].yields for i in wanting):
            for i in [i for i in wanting if cols[i].yields]:
                out[i] = low[i]
                room -= low[i]
                wanting.remove(i)
        for i in wanting:
            out[i] = max(low[i], min(high[i], room // len(wanting)))
        return out

    choice = None
    # long headers on one line, else short ones on one line (a line under the table gives their
    # long words), else the short ones wrapped at words: the first that leaves the text its room
    for step, (wrap_headers, comfortable) in enumerate(((False, COMFORTABLE), (False, COMFORTABLE),
                                                        (False, COMFORTABLE * 2 // 3), (True, 0))):
        if step == 1:
            if not any(c.short for c in cols):
                continue
            grid.legend = legend_line((c.short, c.header) for c in cols if c.short)
            for c in cols:
                c.header = c.short or c.header
        widths = fixed(wrap_headers)
        room = width - overhead - sum(w for i, w in enumerate(widths) if i not in text_cols)
        spread_widths = spread(room)
        enough = sum(spread_widths.values()) <= room and all(
            spread_widths[i] >= min(high[i], max(low[i], comfortable)) for i in text_cols if not cols[i].yields)
        choice = (widths, spread_widths)
        if enough or wrap_headers:
            break
    assert choice is not None
    widths, spread_widths = choice
    for i, w in spread_widths.items():
        widths[i] = w
    return widths


class _Paint:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        codes = ";".join(_ANSI[s] for style in styles for s in style.split() if s in _ANSI)
        if not self.color or not codes or not text:
            return text
        return f"\x1b[{codes}m{text}\x1b[0m"


def render(grid: Grid, width: int, color: bool = False) -> list[str]:
    """The table as lines of text (at least as wide as its content needs)."""
    widths = layout(grid, width)
    cols = grid.columns
    paint = _Paint(color)
    total = sum(widths) + 3 * len(widths) + 1
    out: list[str] = []
    for line in wrap(visible(grid.title), total):
        out.append(paint(line, "italic"))
    out.append("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓")
    heads = [wrap(c.header, w) for c, w in zip(cols, widths, strict=True)]
    for k in range(max(len(h) for h in heads)):
        cells = []
        for c, w, h in zip(cols, widths, heads, strict=True):
            text = h[k] if k < len(h) else ""
            cells.append(" " + paint(_pad(text, w, c.kind == NUM), "bold") + " ")
        out.append("┃" + "┃".join(cells) + "┃")
    out.append("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩")
    for cells, style, cell_styles in grid.rows:
        parts = [wrap(text, w) if c.kind == TEXT else [text] for text, c, w in zip(cells, cols, widths, strict=False)]
        for k in range(max(len(p) for p in parts)):
            shown = []
            for i, (p, c, w) in enumerate(zip(parts, cols, widths, strict=False)):
                text = p[k] if k < len(p) else ""
                shown.append(" " + paint(_pad(text, w, c.kind == NUM), style, cell_styles.get(i, "")) + " ")
            out.append("│" + "│".join(shown) + "│")
    out.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    return out


def env_size(name: str, low: int, high: int) -> int | None:
    """``COLUMNS`` or ``LINES`` when it is a whole number of ASCII digits in [low, high]; else None
    (``٣٠٠``, ``²``, ``-5``, ``+80``, ``1e9`` or a thousand digits are ignored, never an error)."""
    raw = os.environ.get(name, "").strip()
    if not raw or len(raw) > 6 or not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if low <= value <= high else None


def terminal_size(stream, name: str, low: int, high: int, default: int) -> int:
    """The width (``COLUMNS``) or height (``LINES``) to draw for: the variable when usable, else the
    terminal's, else ``default``."""
    value = env_size(name, low, high)
    if value is not None:
        return value
    if hasattr(stream, "isatty") and stream.isatty():
        try:
            size = os.get_terminal_size(stream.fileno())
            found = size.columns if name == "COLUMNS" else size.lines
            if low <= found <= high:
                return found
        except (OSError, ValueError):
            pass
    return default


def width_of(stream) -> int:
    """The width to draw for: ``COLUMNS`` when set (20 to 10,000), else the terminal's, else 120."""
    return terminal_size(stream, "COLUMNS", 20, 10_000, 120)


def colors(stream) -> bool:
    """Colour on a terminal, unless ``NO_COLOR`` is set or the terminal is dumb."""
    return (hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM", "") != "dumb")
