"""An earlier ranking read back: a rank CSV that ``parcli rank -o`` wrote (either dialect), or the
ranking sheet of a workbook that ``rank -o x.xlsx`` or ``export -o x.xlsx`` wrote (``--previous``
of rank and report, ``--against`` of plan). Every line checked, each problem at its line or cell.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..errors import InputError, Problem
from ..i18n import N_, tr, trn
from ..rank import name_key
from ..report import label
from ..report.csvout import FORMULA_STARTS
from .cells import SheetReader
from .files import read_bytes
from .workbook import read_sheet
from .yaml import read_number


def unneutralised(text: str) -> str:
    """A cell as parcli wrote it, read back: only the apostrophe parcli put before formula-like text goes
    (:func:`parcli.report.csvout.neutralise`)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


@dataclass(slots=True)
class Previous:
    rank: int | None
    index: Decimal | None


_CSV_REASONS = (  # the csv module's own words → parcli's
    ("field larger than field limit", N_("a cell longer than {limit:,} characters")),
    ("line contains NUL", N_("a NUL character (binary data)")),
    ("new-line character seen in unquoted field", N_("a line break inside a cell without quotes")),
    ("unexpected end of data", N_("the file ends inside a quoted cell")),
)


def csv_reason(exc: Exception) -> str:
    """What the csv module found, in the chosen language."""
    text = str(exc)
    for start, reason in _CSV_REASONS:
        if text.startswith(start):
            return tr(reason, limit=csv.field_size_limit())
    return tr("the CSV syntax is broken here")


@dataclass(slots=True)
class RankLine:
    """One unit's line of an earlier ranking, checked."""

    unit: str
    code: str
    rank: int | None
    index: Decimal | None
    place: str = ""  # where the line is, as a message names it: "line 7", "row 7"


def read_ranking(path: Path, by_year: bool = False) -> list[RankLine]:
    """The lines of an earlier ranking (``--previous``, ``--against``): a rank CSV that ``rank -o`` wrote
    (either dialect: the default, or ``--locale vi``'s ``;`` and decimal commas), or the ranking sheet
    of a workbook that ``rank -o x.xlsx`` or ``export -o x.xlsx`` wrote (its headers in either
    language). The same checks for both: the columns rank, unit and index are there, a rank is a
    whole number from 1 (ASCII digits), an index a number in [0, 100] within a YAML file's limits, no
    CSV cell above the csv module's limit (131,072 characters); each problem at its line or cell. Two lines
    of one unit (one code; without codes, one name) are an error naming both, unless ``by_year`` and the
    lines are of different years (a ranking of several years, as ``--against`` may take)."""
    name = str(path)
    problems: list[Problem] = []
    if path.suffix.lower() == ".xlsx":
        columns, rows = _workbook_table(path, name, problems)
    else:
        columns, rows = _csv_table(path, name)
    lines: list[RankLine] = []
    first: dict[tuple[str, ...], RankLine] = {}  # ("code", code) or ("unit", name of a line without code)
    for where, row, place in rows:
        values = {key: row[i] if i < len(row) else None for key, i in columns.items()}
        if any(v is _UNREAD for v in values.values()):  # a cell already said wrong where it is
            continue
        if all(_blank(v) for v in values.values()):
            continue
        try:
            rank = _whole(values["rank"])
        except ValueError:
            problems.append(where("rank", tr("rank {value!r} is not a whole number from 1",
                                             value=_short_cell(_text(values["rank"]).strip()))))
            continue
        try:
            index = _number(values["index"])
        except ValueError as exc:
            problems.append(where("index", tr("index: {why}", why=exc)))
            continue
        if index is not None and not 0 <= index <= 100:
            problems.append(where("index", tr("index {value} is outside [0, 100]", value=index)))
            continue
        line = RankLine(unneutralised(_text(values["unit"])), unneutralised(_text(values.get("code")).strip()),
                        rank, index, place)
        key: tuple[str, ...] = ("code", line.code) if line.code else ("unit", name_key(line.unit))
        if by_year:
            key += (_text(values.get("year")).strip(),)
        other = first.setdefault(key, line)
        if other is not line:  # which of the two is last year's? neither is believed
            problems.append(where(key[0], tr("code {code!r} is also the code of {place} ({unit}): one row per unit; "
                                             "delete or correct one of them", code=line.code, place=other.place,
                                             unit=other.unit) if line.code else
                                  tr("{unit!r} (without a code) is also the unit of {place}: one row per unit; "
                                     "delete one of them, or give each its code", unit=line.unit, place=other.place)))
            continue
        lines.append(line)
    if problems:
        raise InputError("invalid previous ranking", problems)
    return lines


def _short_cell(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def read_previous(path: Path) -> tuple[dict[str, Previous], dict[str, Previous]]:
    """An earlier ranking (:func:`read_ranking`) → (by code, by NFC name)."""
    by_code: dict[str, Previous] = {}
    by_name: dict[str, Previous] = {}
    for line in read_ranking(path):
        entry = Previous(line.rank, line.index)
        if line.code:
            by_code[line.code] = entry
        by_name[name_key(line.unit)] = entry
    return by_code, by_name


_PREVIOUS_COLUMNS = ("rank", "unit", "code", "index", "year")
_UNREAD = object()  # a workbook cell that could not be read (its problem is said at the cell)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _whole(value) -> int | None:
    """A rank: a whole number from 1 (a spreadsheet's 3.0 is 3)."""
    if _blank(value):
        return None
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError
    text = str(int(value)) if isinstance(value, float) else str(value).strip()
    if len(text) > 12 or not (text.isascii() and text.isdigit()):  # not "٣", "+3" or "3_0"
        raise ValueError
    rank = int(text)
    if rank < 1:
        raise ValueError
    return rank


def _number(value) -> Decimal | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        value = str(value)
    elif isinstance(value, float):  # a cell's double (openpyxl writes 80.24 as 80.23999999999999): 15 digits
        value = format(value, ".15g")  # give back the decimal written, for any of up to 15 digits
    number = read_number(str(value))  # ValueError saying what is wrong
    if not number.is_finite():
        raise ValueError(tr("{name} is not a finite number", name=value))
    return number


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code a spreadsheet turned into a number
    return str(value)


def _csv_table(path: Path, name: str):
    """The columns and rows of a rank CSV; a ``--locale vi`` file (``;``, decimal commas) reads as the default."""
    raw = read_bytes(path, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: " + tr("not UTF-8 text; give a rank CSV that parcli rank wrote")) from None
    first = text.split("\n", 1)[0]
    vi = ";" in first and "," not in first  # the header holds no comma of its own
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if vi else ",")
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{name}: " + tr("the file is empty; give a rank CSV that parcli rank wrote")) from None
    except csv.Error as exc:
        raise InputError(f"{name}:1:1: " + tr("not a CSV file: {detail}", detail=csv_reason(exc))) from None
    header = [h.strip() for h in header]
    missing = [c for c in ("rank", "unit", "index") if c not in header]
    if missing:
        raise InputError(f"{name}:1:1: " + tr("missing column(s) {columns}; give a rank CSV written by parcli rank",
                                              columns=", ".join(missing)))
    columns = {key: header.index(key) for key in _PREVIOUS_COLUMNS if key in header}

    def rows():
        try:
            for row in reader:
                lineno = reader.line_num  # a quoted cell may hold line breaks: the line it ends on
                if vi:
                    row = [cell.replace(",", ".") if i in (columns["rank"], columns["index"]) else cell
                           for i, cell in enumerate(row)]
                yield (lambda key, message, line=lineno: Problem(name, line, 1, message)), row, tr("line {line}",
                                                                                                    line=lineno)
        except csv.Error as exc:
            raise InputError(f"{name}:{reader.line_num}:1: " + tr("not a CSV file: {detail}",
                                                                  detail=csv_reason(exc))) from None

    return columns, rows()


def _workbook_table(path: Path, name: str, problems: list[Problem]):
    """The columns and rows of the ranking sheet of a workbook that rank or export wrote, found by its
    headers (in Vietnamese or English, or the rank CSV's own) among the first rows. Its cells are read
    as a form's are (:class:`~parcli.inputs.cells.SheetReader`: percentage formats, numbers typed as
    text, Excel errors and dates at their cell): a cell that cannot be read is added to ``problems``
    and its row stands as :data:`_UNREAD`."""
    sheet_names = {label("sheet_rank", lang) for lang in ("vi", "en")}
    sheet, grid, found = read_sheet(path, lambda names: next((n for n in names if n in sheet_names), None), name)
    wanted = {key: {key, label(key, "vi"), label(key, "en")} for key in _PREVIOUS_COLUMNS}
    for top, row in enumerate(grid[:10]):  # noqa: B007 (top: the header row, read after the loop)
        cells = [c.strip() if isinstance(c, str) else c for c in row]
        columns = {key: next((i for i, c in enumerate(cells) if c in names), None) for key, names in wanted.items()}
        if all(columns[key] is not None for key in ("rank", "unit", "index")):
            break
    else:
        raise InputError(f"{name}:{sheet}: " + tr("no header row with the columns {columns}; give the ranking "
                                                   "workbook that parcli rank or export wrote",
                                                   columns=", ".join(f"{label(k, 'vi')} ({label(k, 'en')})"
                                                                     for k in ("rank", "unit", "index"))))
    found_columns = {key: i for key, i in columns.items() if i is not None}
    heads = {key: " ".join(str(grid[top][i]).split()) for key, i in found_columns.items()}
    reader = SheetReader(name, sheet, grid, found)

    def cell(r: int, key: str, value):
        c = found_columns[key] + 1
        if (value is None or value == "") and (r, c) not in reader.errors:
            return None
        if key in ("rank", "index"):
            number = reader.number(r, c, value, heads[key], percent=key == "index")
            return _UNREAD if number is None else number
        text = reader.text(r, c, value, heads[key])
        return _UNREAD if text is None else text

    def rows():
        for r, row in enumerate(grid[top + 1:], start=top + 2):
            values: list = [None] * len(row)
            for key, i in found_columns.items():
                if i < len(row):
                    values[i] = cell(r, key, row[i])
            problems.extend(reader.problems)
            reader.problems.clear()
            yield ((lambda key, message, r=r: Problem(f"{name}:{sheet}!{_cell_name(found_columns[key], r)}", 0, 0,
                                                      message)), values, tr("row {row}", row=r))

    return found_columns, rows()


def _cell_name(col: int, row: int) -> str:
    """A1-style name of a 0-based column and a 1-based row."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def index_at_rank(path: Path, rank: int, code: str | None, name: str) -> Decimal:
    """The displayed index of the unit at ``rank`` in an earlier ranking (read, and checked, as
    ``--previous`` reads it), the unit itself left out (matched by code, else by name); equal indices
    share a rank."""
    indices = []
    for line in read_ranking(path, by_year=True):
        if (code and line.code == code) or (not (code and line.code) and name_key(line.unit) == name_key(name)):
            continue  # the unit itself
        if line.index is not None:
            indices.append(line.index)
    indices.sort(reverse=True)
    if not 1 <= rank <= len(indices):
        raise InputError(f"{path}: " + trn("no rank {rank}: the file ranks {count} other unit",
                                           "no rank {rank}: the file ranks {count} other units", len(indices),
                                           rank=rank, count=len(indices)))
    return indices[rank - 1]
