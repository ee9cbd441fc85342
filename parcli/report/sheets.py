"""What every workbook parcli writes for people shares (openpyxl): text that stays text, a page
setup that prints, row heights that fit wrapped text.

- :func:`put_text`: a text cell is written as text, never as a formula, whatever it starts with
  (``=WEBSERVICE(…)`` in a framework title stays those characters).
- :func:`print_setup`: A4 landscape, every column on the page's width (as many pages down as
  needed), the header rows repeated on every page, a title line (framework, year) at the top
  of every page and the page number at the bottom.
- :func:`height_for`: each row tall enough for its wrapped text (openpyxl does not measure
  text; Excel does not re-measure on opening), so no header covers the row below it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

EXCEL_CELL_LIMIT = 32_767  # characters an Excel cell holds; more would be cut without a word
LINE_POINTS = 15  # height of one line of 11-point text
CHARS_PER_WIDTH = 1.1  # characters of proportional text per unit of column width (the width of "0")


def check_cell_lengths(file: str, texts: Iterable[tuple[str, str | None]]) -> None:
    """Refuse, before a workbook is written, a text longer than an Excel cell holds (Excel and openpyxl
    would cut it without a word): naming the unit's ``file`` and the field (``texts``: (field as a person
    names it, e.g. "note of leaf 3.2.1", text))."""
    from ..errors import InputError
    from ..i18n import tr

    for field, text in texts:
        if text is not None and len(text) > EXCEL_CELL_LIMIT:
            raise InputError(f"{file}: " + tr(
                "{field}: {length:,} characters, more than an Excel cell holds ({limit:,}); shorten it, or write "
                "this unit to a file that holds any length (.yaml, .csv, .json)", field=field, length=len(text),
                limit=EXCEL_CELL_LIMIT))


def unit_texts(name: str, code: str | None, leaves: Iterable[tuple[str, str | None, str | None]]):
    """The texts of a unit a workbook writes, each with its field's name (``leaves``: (id, note, documents))."""
    from ..i18n import tr

    yield tr("the unit's name"), name
    yield tr("the unit's code"), code
    for leaf_id, note, documents in leaves:
        yield tr("the note of leaf {id}", id=leaf_id), note
        yield tr("the documents of leaf {id}", id=leaf_id), documents


def put_text(cell, value) -> None:
    """Write ``value`` into ``cell``; text is stored as text (never a formula); a control character a
    workbook cannot hold (an escape a received workbook brought) is shown as ``\\x1b``, never a crash."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group(0)):02x}", value)
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"


def print_setup(ws, title: str, header_rows: str, footer: str = "") -> None:
    """A4 landscape, all columns fit the page width, ``header_rows`` (e.g. ``"6:6"``) on every
    page, ``title`` at the top of every page, ``footer`` and the page number at the bottom."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = header_rows
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    ws.oddHeader.center.text = _header_text(title)
    ws.oddHeader.center.size = 10
    ws.oddFooter.left.text = _header_text(footer)
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "&P / &N"
    ws.oddFooter.right.size = 8


def _header_text(text: str) -> str:
    """Text for a page header or footer: ``&`` starts a code there, so it is doubled; one line."""
    return " ".join(text.split()).replace("&", "&&")[:240]


def lines_of(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` wide."""
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def height_for(cells) -> float | None:
    """The height of a row holding ``cells`` ((text, column width) pairs, wrapped), or None for one line."""
    most = 1
    for text, width in cells:
        if text is not None and text != "":
            most = max(most, lines_of(text, width))
    return most * LINE_POINTS if most > 1 else None
