"""One cell reader for every workbook parcli reads (a filled form, last year's ranking workbook): a cell is
read as the person sees it. A percentage format is a percent (0.85 shown as 85 % is 85), a number typed
as text reads when it reads one way only ("85,5", "1 480"; "1,480" is refused as ambiguous), and an
Excel error (``#DIV/0!``) or a number a spreadsheet turned into a date is an error at its cell."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import Problem
from ..i18n import tr
from .workbook import SheetCells, column_letters
from .yaml import CONTROL

LIMIT = Decimal(10) ** 12  # numbers are below 10¹² in magnitude, as in unit files
DATES = (datetime.date, datetime.time, datetime.timedelta)  # datetime.datetime is a date
# What a message names a cell by: a leaf's (id, column header), a unit cell (CellSubject) or a text.
Subject = str | tuple[str, str]

_ONE_SEPARATOR = re.compile(r"([0-9]+)([.,])([0-9]+)")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:([., ])[0-9]{3})(?:\1[0-9]{3})*")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_SPACE_GROUPED = re.compile(r"([1-9][0-9]{0,2}(?:[\s\u00a0\u202f\u2009][0-9]{3})+)(?:([.,])([0-9]+))?")


def number_text(text: str) -> tuple[Decimal | None, list[Decimal | None], bool]:
    """A number typed as text: (its value, or None; both readings when it reads two ways; whether it
    ends with %). One way only: "100", " 92.5 ", "85,5", "1.234,5", "1 480". Two ways: "1,480"
    (1480, or 1.48 with a decimal comma), "1.480"."""
    t = text.strip()
    percent = t.endswith("%")
    if percent:
        t = t[:-1].strip()
    sign = ""
    if t[:1] in "+-":
        sign, t = t[:1], t[1:].strip()
    if not t:
        return None, [], percent
    if _SPACES.search(t):  # spaces only group thousands: "1 480", "1 480,5"
        m = _SPACE_GROUPED.fullmatch(t)
        if m is None:
            return None, [], percent
        tail = m.group(3)
        return _decimal(sign + _SPACES.sub("", m.group(1)) + ("." + tail if tail else "")), [], percent
    if re.fullmatch(r"[0-9]+", t):
        return _decimal(sign + t), [], percent
    m = _ONE_SEPARATOR.fullmatch(t)
    if m:
        a, b = m.group(1), m.group(3)
        decimal = _decimal(f"{sign}{a}.{b}")
        if len(b) == 3 and 1 <= len(a) <= 3 and a[0] != "0":  # 1,480 or 1.480: grouped, or a decimal
            return None, [_decimal(f"{sign}{a}{b}"), decimal], percent
        return decimal, [], percent
    # two kinds of separators: the last is the decimal one, the other groups thousands
    last = max(t.rfind("."), t.rfind(","))
    head, tail = t[:last], t[last + 1:]
    mark = t[last]
    other = "," if mark == "." else "."
    if tail.isdigit() and mark not in head:
        g = _GROUPED.fullmatch(head)
        if g and (g.group(1) in (other, None)):
            return _decimal(sign + head.replace(other, "") + "." + tail), [], percent
    g = _GROUPED.fullmatch(t)  # one separator used several times: 1.234.567
    if g:
        return _decimal(sign + t.replace(g.group(1), "")), [], percent
    try:
        if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+", t):
            return _decimal(sign + t), [], percent
    except InvalidOperation:
        pass
    return None, [], percent


def _decimal(text: str) -> Decimal | None:
    try:
        return plain(Decimal(text))
    except InvalidOperation:
        return None


def plain(d: Decimal) -> Decimal:
    """A decimal without trailing zeros, never in exponent form for a whole number (85.00 → 85, 1E+2 → 100)."""
    d = d.normalize()
    exponent = d.as_tuple().exponent  # "n", "N", "F" for NaN and infinity: left as they are
    return d.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else d


def date_text(value) -> str:
    """A date or time from a cell as a person reads it: 2021-03-05, 2021-03-05 14:24, 12:30."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour, value.minute, value.second) != (0, 0, 0) \
            else value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def from_float(value: float) -> Decimal:
    """A spreadsheet's number as the person sees it: Excel keeps and shows 15 significant digits."""
    text = format(value, ".15g")  # no trailing zeros
    return Decimal(text) if "e" not in text else plain(Decimal(text))


class CellSubject(tuple[str, str]):
    """A unit cell named in a message, "ô B2 (Tên đơn vị)", translated only when said."""

    def __new__(cls, cell: str, label: str):
        return super().__new__(cls, (cell, label))

    def __str__(self) -> str:
        return tr("cell {cell} ({label})", cell=self[0], label=self[1])



class SheetReader:
    """The cells of one sheet (python-calamine's grid, and what :meth:`Workbook.cells` says of them), each
    read as the person sees it; each problem said at its cell (``file:sheet!E12``)."""

    def __init__(self, name: str, sheet: str, grid: list, found: SheetCells):
        self.name, self.sheet, self.grid = name, sheet, grid
        self.errors, self.percent = found.errors, found.percent
        self.problems: list[Problem] = []

    def raw(self, row: int, col: int) -> Any:
        if 0 < row <= len(self.grid):
            line = self.grid[row - 1]
            if 0 < col <= len(line):
                v = line[col - 1]
                return None if v == "" else v
        return None

    def say(self, row: int, col: int, message: str) -> None:
        self.problems.append(Problem(f"{self.name}:{self.sheet}!{column_letters(col)}{row}", 0, 0, message))

    @staticmethod
    def named(subject) -> str:
        """A cell's subject in a message: ``3.2.1 (Giá trị)`` from (id, header), or the text given."""
        if isinstance(subject, CellSubject):
            return str(subject)
        return f"{subject[0]} ({subject[1]})" if isinstance(subject, tuple) else subject

    def _unusable(self, row: int, col: int, value: Any, subject: Subject) -> bool:
        """An Excel error or a date where a value belongs: said at the cell."""
        error = self.errors.get((row, col)) if self.errors else None
        if error is not None:
            self.say(row, col, tr("{subject}: the cell shows the error {error}, a formula that cannot be computed; "
                                  "correct the formula or type the value", subject=self.named(subject), error=error))
            return True
        if isinstance(value, DATES):
            shown = date_text(value)
            self.say(row, col, tr("{subject}: the spreadsheet turned the number into a date ({date}); format the "
                                  "cell as Number and type the number again", subject=self.named(subject), date=shown))
            return True
        return False

    def number(self, row: int, col: int, value: Any, subject: Subject, percent: bool = False) -> Decimal | None:
        """A number as the cell shows it; ``percent``: the column takes a percent (0.85 shown as 85 % is 85)."""
        d: Decimal | None
        if value.__class__ is float and not self.errors and not self.percent and -1e12 < value < 1e12:
            return from_float(value)  # most cells: a number typed as a number
        if self._unusable(row, col, value, subject):
            return None
        if isinstance(value, bool):
            self.say(row, col, tr("{subject}: {value!r} is not a number", subject=self.named(subject),
                                  value="TRUE" if value else "FALSE"))
            return None
        if isinstance(value, (int, float)):
            if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
                self.say(row, col, tr("{subject}: {value!r} is not a number", subject=self.named(subject),
                                      value=str(value)))
                return None
            d = Decimal(value) if isinstance(value, int) else from_float(value)
            if self.percent and (row, col) in self.percent:
                d = plain(d * 100)
                if not percent:
                    self.say(row, col, tr("{subject}: the cell shows a percentage ({shown}%), but this column takes "
                                          "a number; format the cell as Number and type the number again",
                                          subject=self.named(subject), shown=d))
                    return None
        elif isinstance(value, str):
            d, readings, sign = number_text(value)
            if readings:
                self.say(row, col, tr("{subject}: {value!r} may be read as {one} or as {other}; type the number "
                                      "again without a thousands separator", subject=self.named(subject),
                                      value=value.strip(), one=readings[0], other=readings[1]))
                return None
            if d is None:
                self.say(row, col, tr("{subject}: {value!r} is not a number", subject=self.named(subject),
                                      value=value.strip()))
                return None
            if sign and not percent:
                self.say(row, col, tr("{subject}: the cell shows a percentage ({shown}%), but this column takes "
                                      "a number; format the cell as Number and type the number again",
                                      subject=self.named(subject), shown=d))
                return None
        else:
            self.say(row, col, tr("{subject}: {value!r} is not a number", subject=self.named(subject),
                                  value=str(value)))
            return None
        if abs(d) >= LIMIT:
            self.say(row, col, tr("{subject}: {value} is too large (numbers are below 10¹²)",
                                  subject=self.named(subject), value=d))
            return None
        return d


    def text_of(self, row: int, col: int, value: Any) -> str:
        """A cell as the text it shows (for notes, documents, names and codes)."""
        if isinstance(value, str):
            text = value.strip()
            return text if text.isascii() else unicodedata.normalize("NFC", text)
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, float):
            d = from_float(value) if value == value and abs(value) != float("inf") else None
            if d is None:
                return str(value)
            return f"{plain(d * 100)}%" if (row, col) in self.percent else f"{d}"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, DATES):
            return date_text(value)
        return str(value)

    def text(self, row: int, col: int, value: Any, subject: Subject) -> str | None:
        error = self.errors.get((row, col))
        if error is not None:
            self._unusable(row, col, value, subject)
            return None
        text = self.text_of(row, col, value)
        bad = control_problem(text)
        if bad is not None:
            self.say(row, col, bad)
            return None
        return text


def control_problem(text: str) -> str | None:
    """What is wrong with a cell's text holding a control character (as in YAML, refused where it is), or None."""
    bad = CONTROL.search(text)
    if bad is None:
        return None
    return tr("a control character ({char}) in text; remove it (only tab and line breaks are allowed)",
              char=f"U+{ord(bad.group(0)):04X}")

