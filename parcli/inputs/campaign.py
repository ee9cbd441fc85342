"""The workbooks of a campaign (DESIGN §12): their layout, shared with their writer
(:mod:`parcli.report.campaign`), and their reader.

Every workbook parcli sends in a campaign carries in its hidden sheet ``parcli`` the campaign's
id, its recipient's code, the stage, the round, its language and a keyed digest over those and
the VALUES of its read-only cells, keyed by row identity (unit code, leaf id), never by position:
a workbook saved again by Excel or LibreOffice, or whose rows were sorted, is the same workbook.

- the self-assessment form (``parcli/form/v1``, :mod:`parcli.inputs.form` reads its cells);
- the appraisers' workbook (``parcli/appraisal/v1``): a row per unit and leaf of a share;
- the unit's explanation workbook (``parcli/explanation/v1``): a row per leaf to explain.

Cells are read by their column's header (either language), rows by their identity cells.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import InputError, Problem, input_error
from ..i18n import LANGUAGES, NC_, text, tr
from .cells import control_problem, number_text
from .form import FORM_SCHEMA, META, fold, form_label
from .workbook import Workbook, column_letters, unsaved_problems
from .yaml import decimal_places, shortened

APPRAISAL_SCHEMA = "parcli/appraisal/v1"
EXPLANATION_SCHEMA = "parcli/explanation/v1"
KIND_OF_SCHEMA = {FORM_SCHEMA: "form", APPRAISAL_SCHEMA: "appraisal", EXPLANATION_SCHEMA: "explanation"}
IDENTITY = ("campaign", "recipient", "stage", "round")
HEADER_ROW = 5
FIRST_ROW = 6
CONTEXT = "campaign workbook"

# column key -> its header (English msgid; Vietnamese in the catalogue under CONTEXT)
HEADS = {
    "unit": NC_("campaign workbook", "Unit code"),
    "unit_name": NC_("campaign workbook", "Unit"),
    "leaf": NC_("campaign workbook", "Leaf ID"),
    "title": NC_("campaign workbook", "Title"),
    "max": NC_("campaign workbook", "Max"),
    "rule": NC_("campaign workbook", "Rule"),
    "evidence": NC_("campaign workbook", "Evidence"),
    "documents": NC_("campaign workbook", "Documents"),
    "note": NC_("campaign workbook", "Note"),
    "claimed": NC_("campaign workbook", "Claimed points"),
    "computed": NC_("campaign workbook", "Computed points"),
    "r1_points": NC_("campaign workbook", "Round 1 points"),
    "r1_reason": NC_("campaign workbook", "Round 1 reason"),
    "appraiser": NC_("campaign workbook", "Appraiser"),
    "explanation": NC_("campaign workbook", "Explanation"),
    "added": NC_("campaign workbook", "Added documents"),
    "points": NC_("campaign workbook", "Appraised points"),
    "reason": NC_("campaign workbook", "Reason"),
    "request": NC_("campaign workbook", "Explanation requested"),
}
ROUND1 = ("unit", "unit_name", "leaf", "title", "max", "rule", "evidence", "documents", "note", "claimed", "computed")
ROUND2_EXTRA = ("r1_points", "r1_reason", "explanation", "added")
APPRAISAL_INPUTS = {1: ("points", "reason", "request"), 2: ("points", "reason")}
EXPLANATION_COLUMNS = ("leaf", "title", "max", "claimed", "r1_points", "r1_reason", "appraiser")
EXPLANATION_INPUTS = ("explanation", "added")
NUMBERS = frozenset(("max", "claimed", "computed", "r1_points", "points"))
# A bonus or penalty (DESIGN §12a) has a row like a leaf's: its Leaf ID cell holds these words, in the workbook's
# language (read back in either language, or as the kind itself).
ADJUSTMENT_IDS = {"bonus": NC_("campaign workbook", "Bonus points"),
                  "penalty": NC_("campaign workbook", "Penalty points")}
ADJUSTMENT_RULES = {"bonus": NC_("campaign workbook", "Added to the leaves' points, at most {max}; claimed by the "
                                 "unit with documents"),
                    "penalty": NC_("campaign workbook", "Taken off the leaves' points, at most {max}")}


def adjustment_id(kind: str, lang: str) -> str:
    """What the Leaf ID cell of a bonus or penalty row holds in ``lang``."""
    return text(ADJUSTMENT_IDS[kind], lang, CONTEXT)


@functools.cache
def _adjustment_words() -> dict[str, str]:
    return {fold(word): kind for kind in ADJUSTMENT_IDS for word in (kind, *(adjustment_id(kind, lang)
                                                                             for lang in ("vi", "en")))}


def adjustment_kind(cell: str) -> str | None:
    """The kind (bonus, penalty) a Leaf ID cell names, None when it names no adjustment."""
    return _adjustment_words().get(fold(cell)) if cell else None


def appraisal_columns(round_: int) -> tuple[str, ...]:
    """The columns of an appraisers' workbook of ``round_``: read-only ones, then the inputs."""
    return ROUND1 + (ROUND2_EXTRA if round_ == 2 else ()) + APPRAISAL_INPUTS[round_]


def explanation_columns() -> tuple[str, ...]:
    return EXPLANATION_COLUMNS + EXPLANATION_INPUTS


def head(key: str, lang: str) -> str:
    """A column's header in ``lang``."""
    return text(HEADS[key], lang, CONTEXT)


def canon(value: Any) -> str:
    """A cell's value as the digest sees it: the same after Excel or LibreOffice saved it again
    (a number is its exact decimal, 2 and 2.0 alike; text is NFC with ``\\n`` line ends; empty is "")."""
    if value is None:
        return ""
    if value.__class__ is str and "\r" not in value and (value.isascii() or unicodedata.is_normalized("NFC", value)):
        return value if value.strip() else ""  # most cells: ids, codes, text as written
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if value.__class__ is float:  # a number read back: its shortest repr is its exact decimal
        shown = repr(value)
        if "e" not in shown and "n" not in shown:
            shown = shown[:-2] if shown.endswith(".0") else shown
            return "0" if shown == "-0" else shown
    if isinstance(value, (int, float, Decimal)):
        try:
            d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            return str(value)
        if not d.is_finite():
            return str(value)
        d = d.normalize()
        return f"{d:f}" if d != 0 else "0"
    found = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "" if not found.strip() else found


@dataclass(slots=True)
class Identity:
    """What a workbook's hidden sheet says it is."""

    kind: str  # form | appraisal | explanation
    meta: dict[str, Any]
    where: dict[str, str]  # key -> its cell in the hidden sheet

    def get(self, key: str) -> str:
        value = self.meta.get(key)
        return canon(value)

    @property
    def has_identity(self) -> bool:
        return all(self.meta.get(k) not in (None, "") for k in IDENTITY) and bool(self.meta.get("digest"))


def identity(book: Workbook, name: str) -> Identity:
    """The hidden sheet of a workbook parcli sent: which kind it is and what it says; a workbook
    without one is refused with what to do."""
    if META not in book.sheets:
        raise input_error(name, 0, 0, tr("not a workbook of a campaign (it has no hidden '{meta}' sheet); send the "
                                          "workbooks parcli campaign writes in out/", meta=META))
    meta: dict[str, Any] = {}
    where: dict[str, str] = {}
    for i, line in enumerate(book.grid(META), start=1):
        if len(line) >= 2 and isinstance(line[0], str) and line[0] not in meta and line[0] not in ("rows", "row"):
            meta[line[0]] = line[1]
            where[line[0]] = f"{name}:{META}!B{i}"
    schema = meta.get("schema")
    kind = KIND_OF_SCHEMA.get(schema) if isinstance(schema, str) else None
    if kind is None:
        raise input_error(name, 0, 0, tr("not a workbook of a campaign ('{meta}' sheet without a known schema); send "
                                          "the workbooks parcli campaign writes in out/", meta=META))
    return Identity(kind, meta, where)


@dataclass(slots=True)
class SheetRow:
    """One row of an appraisers' or explanation workbook: its identity and its cells by column key."""

    key: tuple[str, str]  # (unit code, leaf id); the unit is the recipient's in an explanation workbook
    row: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Sheet:
    """A campaign workbook's sheet read by its headers."""

    file: str
    name: str
    lang: str
    columns: dict[str, int]  # key -> column number
    rows: list[SheetRow]
    errors: dict  # (row, col) -> an Excel error shown

    def cell(self, row: int, key: str) -> str:
        return f"{self.file}:{self.name}!{column_letters(self.columns[key])}{row}"

    def problem(self, row: int, key: str, message: str) -> Problem:
        return Problem(self.cell(row, key), 0, 0, message)


def read_sheet(book: Workbook, ident: Identity, name: str, unit: str | None = None) -> Sheet:
    """The rows of an appraisers' (``unit`` None) or explanation workbook (``unit``: its recipient)."""
    sheet = ident.meta.get("sheet")
    if not isinstance(sheet, str) or sheet not in book.sheets:
        raise input_error(name, 0, 0, tr("the workbook's sheet {sheet!r} is missing; was it renamed? Give it back "
                                          "its name", sheet=sheet))
    said = ident.meta.get("lang")
    lang = said if isinstance(said, str) and said in LANGUAGES else "vi"
    grid = book.grid(sheet)
    found = book.cells(sheet)
    if found.unsaved:  # as in a form and a survey's answers: a formula read as blank would lose what it shows
        raise unsaved_problems(name, sheet, found.unsaved)
    known = {fold(text(msgid, lang_, CONTEXT)): key for key, msgid in HEADS.items() for lang_ in ("vi", "en")}
    header_row, columns = 0, {}
    wanted = "leaf"
    for r, line in enumerate(grid[:40], start=1):
        keys = {known.get(fold(v)) if isinstance(v, str) else None: c for c, v in enumerate(line, start=1)}
        if wanted in keys:
            header_row = r
            columns = {k: c for k, c in keys.items() if k is not None}
            break
    if not header_row:
        raise input_error(f"{name}:{sheet}", 0, 0, tr("no header row with {header!r}; do not rename or delete the "
                                                       "column headers", header=head(wanted, lang)))
    rows = []
    for r in range(header_row + 1, len(grid) + 1):
        line = grid[r - 1]

        def get(key: str, line=line) -> Any:
            c = columns.get(key)
            if c is None or c > len(line):
                return None
            v = line[c - 1]
            return None if v == "" else v

        leaf = canon(get("leaf"))
        code = canon(get("unit")) if unit is None else unit
        if not leaf and (unit is not None or not code):  # a blank row, a note typed under the table: not a row
            continue
        rows.append(SheetRow((code, leaf), r, {key: get(key) for key in columns}))
    return Sheet(name, sheet, lang, columns, rows, found.errors)


def number_cell(sheet: Sheet, row: SheetRow, key: str, problems: list[Problem], places: int) -> Decimal | None:
    """A number typed in an input cell (None when empty); a cell that holds no number, or one with more decimal
    places than ``places`` (the framework's), is a problem."""
    found = _number_cell(sheet, row, key, problems)
    if found is not None and found and decimal_places(found) > places:
        problems.append(sheet.problem(row.row, key, tr(
            "{subject}: the number {value} has more than {places} decimal places; type it with at most {places}",
            subject=f"{row.key[1]} ({head(key, sheet.lang)})", value=shortened(str(found)), places=places)))
        return None
    return found


def _number_cell(sheet: Sheet, row: SheetRow, key: str, problems: list[Problem]) -> Decimal | None:
    value = row.values.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    error = sheet.errors.get((row.row, sheet.columns[key]))
    subject = f"{row.key[1]} ({head(key, sheet.lang)})"
    if error is not None:
        problems.append(sheet.problem(row.row, key, tr("{subject}: the cell shows the error {error}, a formula that "
                                                       "cannot be computed; correct the formula or type the value",
                                                       subject=subject, error=error)))
        return None
    if isinstance(value, bool):
        value = None
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            value = None
        else:
            return Decimal(repr(value)).normalize() if isinstance(value, float) else Decimal(value)
    elif isinstance(value, str):
        d, readings, _sign = number_text(value)
        if d is not None and not readings:
            return d
    problems.append(sheet.problem(row.row, key, tr("{subject}: {value!r} is not a number", subject=subject,
                                                   value=canon(value))))
    return None


def yes_no_cell(sheet: Sheet, row: SheetRow, key: str, problems: list[Problem]) -> bool | None:
    """Có/Không (Yes/No) in an input cell; None when empty."""
    value = row.values.get(key)
    if value is None or canon(value) == "":
        return None
    if isinstance(value, bool):
        return value
    word = fold(canon(value))
    if word in {fold(form_label("yes", lang)) for lang in ("vi", "en")} | {"x", "true", "1", "co"}:
        return True
    if word in {fold(form_label("no", lang)) for lang in ("vi", "en")} | {"false", "0", "khong"}:
        return False
    yes, no = form_label("yes", sheet.lang), form_label("no", sheet.lang)
    problems.append(sheet.problem(row.row, key, tr("{subject}: {value!r} is neither {yes} nor {no}",
                                                   subject=f"{row.key[1]} ({head(key, sheet.lang)})",
                                                   value=canon(value), yes=yes, no=no)))
    return None


def text_cell(sheet: Sheet, row: SheetRow, key: str, problems: list[Problem]) -> str | None:
    """Text typed in an input cell (None when empty); a control character in it is a problem at its cell."""
    found = canon(row.values.get(key))
    bad = control_problem(found)
    if bad is not None:
        problems.append(sheet.problem(row.row, key, f"{row.key[1]} ({head(key, sheet.lang)}): {bad}"))
        return None
    return found.strip() if found.strip() else None


def cell_name(sheet: str, row: int, col: int) -> str:
    """``Sheet!B2``."""
    return f"{sheet}!{column_letters(col)}{row}"


@functools.cache
def _readonly_heads() -> dict[str, str]:
    """The read-only columns' headers, folded, in both languages: computed once per process."""
    return {fold(form_label(k, lang)): k for k in ("title", "max") for lang in ("vi", "en")}


_HEAD_OF: dict[str, str | None] = {}  # a cell's text -> the read-only column it heads (None: none); every form
# has the same few texts above its rows
_CANON_OF_FLOAT: dict[float, str] = {}  # a number read back -> :func:`canon` of it (the few maxes of a framework)


def _canon_cell(v: Any) -> str:
    """:func:`canon` of a cell of the grid (``""`` is an empty cell), the common cells at once."""
    kind = v.__class__
    if kind is str:
        if "\r" not in v and (v.isascii() or unicodedata.is_normalized("NFC", v)):
            return v if v.strip() else ""
    elif kind is float:
        found = _CANON_OF_FLOAT.get(v)
        if found is None:
            found = canon(v)
            if v == v and len(_CANON_OF_FLOAT) < 4096:
                _CANON_OF_FLOAT[v] = found
        return found
    return canon(None if v == "" else v)


def _unit_cell(grid: list, ref: str) -> tuple[int, int, Any]:
    """A unit cell the hidden sheet names (``B2``): its row, its column and its value (None when empty)."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    row = int("".join(ch for ch in ref if ch.isdigit()))
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    v = grid[row - 1][col - 1] if row <= len(grid) and col <= len(grid[row - 1]) else None
    return row, col, None if v == "" else v


def _readonly_columns(doc, grid: list) -> dict[str, int]:
    """The read-only columns of a form's rows, ``title`` and ``max``, by their headers: in the last row above
    the rows that heads both (the last column of each), else none."""
    heads = _HEAD_OF
    columns: dict[str, int] = {}
    first = min(doc.rows.values(), default=len(grid) + 1)
    for line in grid[: first - 1]:
        title = top = 0
        for c, v in enumerate(line, start=1):
            if isinstance(v, str) and v:
                key = heads.get(v, "")
                if key == "":
                    key = _readonly_heads().get(fold(v))
                    if len(heads) < 4096:
                        heads[v] = key
                if key == "title":
                    title = c
                elif key == "max":
                    top = c
        if title and top:
            columns = {"title": title, "max": top}
    return columns


def form_readonly(doc, grid: list, meta: dict) -> tuple[dict[tuple, str], dict[tuple, tuple]]:
    """A self-assessment form's read-only cells as the digest sees them, keyed by identity:
    ``("", "unit"|"code"|"year")`` for the unit's cells and ``(id, "title"|"max")`` for each row (a bonus's or
    penalty's row under its kind);
    and where each is (sheet, row, column: :func:`cell_name` says it)."""
    values: dict[tuple, str] = {}
    where: dict[tuple, tuple] = {}

    for key in ("unit", "code", "year"):
        ref = meta.get(key)
        if isinstance(ref, str):
            row, col, v = _unit_cell(grid, ref)
            values[("", key)] = canon(v)
            where[("", key)] = (doc.sheet, row, col)
    columns = _readonly_columns(doc, grid)
    sheet = doc.sheet
    places = list(columns.items())
    rows = len(grid)
    for node_id, row in doc.rows.items():
        line = grid[row - 1] if row <= rows else []
        n = len(line)
        for key, c in places:
            values[(node_id, key)] = _canon_cell(line[c - 1]) if c <= n else ""
            where[(node_id, key)] = (sheet, row, c)
    for kind, (row, _points) in doc.adjustment_rows.items():  # the bonus and penalty rows: the same cells
        line = grid[row - 1] if row <= rows else []
        n = len(line)
        for key, c in places:
            values[(kind, key)] = _canon_cell(line[c - 1]) if c <= n else ""
            where[(kind, key)] = (sheet, row, c)
    return values, where


def form_readonly_is(doc, grid: list, meta: dict, expected: dict[tuple, str]) -> bool:
    """Whether :func:`form_readonly` of the form gives exactly ``expected`` (the same cells, the same values),
    found without building it: the common case, a form sent back with its read-only cells as parcli wrote them."""
    for key in ("unit", "code", "year"):
        ref = meta.get(key)
        if not isinstance(ref, str) or canon(_unit_cell(grid, ref)[2]) != expected.get(("", key)):
            return False
    columns = _readonly_columns(doc, grid)
    adjustments = doc.adjustment_rows  # the bonus and penalty rows, keyed by their kind
    if len(expected) != 3 + (len(doc.rows) + len(adjustments)) * len(columns) or any(
            kind in doc.rows for kind in adjustments):  # (a kind is never a framework's id)
        return False
    places = list(columns.items())
    rows = len(grid)
    for node_id, row in (*doc.rows.items(), *((kind, at[0]) for kind, at in adjustments.items())):
        line = grid[row - 1] if row <= rows else []
        n = len(line)
        for key, c in places:
            wanted = expected.get((node_id, key))
            if wanted is None:
                return False
            v = line[c - 1] if c <= n else ""
            if not (v.__class__ is str and v == wanted) and _canon_cell(v) != wanted:  # text as written: itself
                return False
    return True


def open_book(raw: bytes, name: str) -> Workbook:
    """A received workbook's insides checked (:class:`parcli.inputs.workbook.Workbook`)."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix in ("xlsm", "xltm", "xls", "xlsb", "ods"):
        raise InputError(name + ": " + tr("parcli reads forms saved as .xlsx (Excel Workbook); this is {suffix}: "
                                          "save it as .xlsx", suffix="." + suffix))
    return Workbook(raw, name)


def read_units(path) -> list[tuple[str, str, str]]:
    """The units of ``campaign init --units``: a .csv (UTF-8, with or without BOM; ',' or ';') or an .xlsx
    (its first sheet) of code, name[, group], a header row allowed."""
    import csv
    import io
    from pathlib import Path

    from .files import decode, read_bytes

    path = Path(path)
    name = str(path)
    raw = read_bytes(path, name)
    if path.suffix.lower() == ".xlsx":
        book = open_book(raw, name)
        grid = book.grid(next(iter(book.sheets)))
    elif path.suffix.lower() == ".csv":
        content = decode(raw, name, "CSV")
        dialect = ";" if content.split("\n", 1)[0].count(";") > content.split("\n", 1)[0].count(",") else ","
        reader = csv.reader(io.StringIO(content), delimiter=dialect, strict=True)
        grid = []
        at = 1  # the line the row being read starts on
        try:
            for line in reader:
                grid.append(line)
                at = reader.line_num + 1
        except csv.Error as exc:  # a quote left open, text after a closing quote, a field beyond csv's limit
            if "field larger than field limit" in str(exc):
                why = tr("a field holds more than {limit} characters; it is not a unit's code or name",
                         limit=csv.field_size_limit())
            elif "unexpected end of data" in str(exc) or "newline inside string" in str(exc):
                why = tr("a quote (\") opened in this row is never closed; close it, or remove it")
            else:
                why = tr("a quoted field is followed by other characters; put the whole field in quotes, or remove "
                         "the quotes")
            raise input_error(name, at, 0, why) from None
    else:
        raise InputError(name + ": " + tr("the units are read from a .csv or .xlsx of code,name[,group]"))
    out, problems, seen = [], [], set()
    for i, line in enumerate(grid, start=1):
        cells = [canon(v).strip() for v in line] + ["", "", ""]
        if not any(cells):
            continue
        if i == 1 and fold(cells[0]) in ("code", "ma", "mã", "mã đơn vị", "ma don vi"):
            continue
        code, unit, group = cells[0], cells[1], cells[2]
        if not code or not unit:
            problems.append(Problem(f"{name}:{i}", 0, 0, tr("a unit's row is code, name[, group]")))
            continue
        if code in seen:
            problems.append(Problem(f"{name}:{i}", 0, 0, tr("code {code} is given twice; every unit and appraiser "
                                                            "needs its own code", code=code)))
            continue
        seen.add(code)
        out.append((code, unit, group))
    if problems:
        raise InputError("invalid units", problems)
    return out
