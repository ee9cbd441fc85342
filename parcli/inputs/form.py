"""The self-assessment form (DESIGN §9): its layout, shared with its writer
(:mod:`parcli.report.form`), and its reader.

The form is an XLSX workbook that departments fill instead of YAML.

Writing (openpyxl): a visible sheet with the unit's name, code and year at the top, then
one row per field, criterion and leaf in framework order (id, title indented by level,
max, how it is scored with its unit, the value, done and of for rates, not applicable,
claimed points, appraised points, note, documents), and under a framework with bonus and penalty
points a row for each after the leaves (id ``bonus`` / ``penalty``, read as a leaf scored by the
appraisers into the unit's ``adjustments``; DESIGN §12a); data validation on every input cell
(choice leaves: a list of the options' titles in the form's language); structure cells
locked (sheet protection without a password); a page setup that prints (A4 landscape, every
column on the page's width, the header row on every page); a sheet of instructions; a hidden
sheet ``parcli`` with ``parcli/form/v1``, the framework reference, id, version and sha256,
the form's language, and the row of every id when the form was made. Text is always written
as text, never as a formula.

Reading: the workbook's insides are checked first (:mod:`parcli.inputs.workbook`); then each row is
found by the id in its id column (rows inserted, deleted, moved or sorted read the same; the
hidden sheet's rows are only a hint for messages), each input column by its header, and each
cell is read as the person sees it: a percentage format is a percent (0.85 shown as 85 % is
85), a number typed as text that reads one way only is that number, an Excel error, a date
where a number belongs, an ambiguous number ("1,480") is an error at its cell. Problems are
said in the form's own words (its cells, column headers, Có/Không, option titles), located as
``form.xlsx:Sheet!E12``. The cells become the values a unit file's YAML gives, so the engine
sees no difference.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..domain import UNIT_SCHEMA
from ..errors import InputError, Problem, capped, input_error
from ..i18n import tr
from ..rules import Evidence
from .cells import CellSubject, SheetReader, Subject, from_float
from .files import looks_like_path, read_bytes
from .workbook import MAX_ROW, Workbook, column_letters, column_number, unsaved_problems
from .yaml import CONTROL

FORM_SCHEMA = "parcli/form/v1"
META = "parcli"
LISTS = "parcli_lists"  # hidden: the options' titles the drop-down lists show
HEADER_ROW = 6
FIRST_ROW = 7
COLUMNS = ("id", "title", "max", "rule", "value", "done", "of", "na", "claimed", "points", "note", "documents")
LETTER = {key: chr(ord("A") + i) for i, key in enumerate(COLUMNS)}
WIDTHS = {"id": 11, "title": 46, "max": 8, "rule": 32, "value": 16, "done": 11, "of": 10, "na": 10,
          "claimed": 10, "points": 11, "note": 28, "documents": 28}
UNIT_CELLS = {"unit": "B2", "code": "B3", "year": "B4"}
UNIT_LABELS = {"unit": "form_unit", "code": "form_code", "year": "year"}
INPUTS = ("value", "done", "of", "na", "claimed", "points", "note", "documents")
ADJUSTMENT_INPUTS = ("value", "claimed", "points", "note", "documents")  # a bonus or penalty row's input cells
ADJUSTMENT_TITLES = {"bonus": "form_bonus", "penalty": "form_penalty"}  # their title when the framework gives none
HEADS = {"id": "id", "title": "title", "max": "max", "rule": "rule", "value": "form_value", "done": "form_done",
         "of": "form_of", "na": "form_na", "claimed": "form_claimed", "points": "form_points", "note": "form_note",
         "documents": "documents"}
LEGACY_HEADS = {"done": ("Đã thực hiện (done)",), "of": ("Tổng số (of)",),
                "points": ("Điểm thẩm định (ghi đè)", "Appraised points (override)")}
YES = frozenset(("có", "co", "yes", "true", "x", "1", "đúng"))
NO = frozenset(("không", "khong", "no", "false", "0", "sai"))
FORM_SUFFIXES = (".xlsx",)
REFUSED_SUFFIXES = (".xlsm", ".xltm", ".xls", ".xlsb", ".ods")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


_LABELS_CACHE: dict[tuple[str, str], str] = {}


def form_label(key: str, lang: str) -> str:
    """A label of the form (its sheets, headers, unit cells, Có/Không) in ``lang``, looked up once."""
    found = _LABELS_CACHE.get((key, lang))
    if found is None:
        from ..report import label

        found = _LABELS_CACHE[(key, lang)] = label(key, lang)
    return found


def adjustment_title(item, lang: str) -> str:
    """The title of a bonus or penalty row: the framework's, else "Điểm thưởng" / "Điểm trừ"."""
    return item.label(lang) or form_label(ADJUSTMENT_TITLES[item.kind], lang)


_KNOWN: dict[str, dict[str, str]] = {}


def _known(kind: str) -> dict[str, str]:
    """Folded words of both languages → what they name: ``heads`` (column headers, old ones too), ``units``
    (the labels of the unit's cells), ``id`` (the id column's header)."""
    found = _KNOWN.get(kind)
    if found is None:
        found = {}
        if kind == "heads":
            for key in COLUMNS:
                for lang in ("vi", "en"):
                    found.setdefault(fold(form_label(HEADS[key], lang)), key)
                for text in LEGACY_HEADS.get(key, ()):
                    found.setdefault(fold(text), key)
        elif kind == "units":
            for key, label_key in UNIT_LABELS.items():
                for lang in ("vi", "en"):
                    found.setdefault(fold(form_label(label_key, lang)), key)
        else:
            found = {fold(form_label("id", lang)): "id" for lang in ("vi", "en")}
        _KNOWN[kind] = found
    return found


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


# --- reading -------------------------------------------------------------------------


class FormDocument:
    """A form read as a unit file: ``data`` as its YAML would be, problems located at cells."""

    __slots__ = ("file", "data", "sheet", "cells", "meta", "sha256", "rows", "columns", "fw", "heads", "lang",
                 "adjustment_rows")

    def __init__(self, file: str, data: dict, sheet: str, cells: dict, meta: dict):
        self.file = file
        self.data = data
        self.sheet = sheet
        self.cells = cells  # the unit's cells: ("unit",) -> "B2"
        self.meta = meta
        self.sha256 = ""
        self.rows: dict[str, int] = {}  # id -> its row, read from the id column
        self.adjustment_rows: dict[str, tuple[int, str]] = {}  # bonus / penalty -> its row, the input of its points
        self.columns: dict[str, str] = {}  # input -> column letter, read from the header row
        self.fw = None
        self.heads: dict[str, str] = {}  # input -> the form's own header text
        self.lang = "vi"

    def locate(self, path, key: bool = False) -> tuple[int, int]:
        return (0, 0)

    def cell(self, path) -> str | None:
        """The cell a problem's path points at (worked out only for problems)."""
        path = tuple(path)
        if len(path) >= 2 and path[0] == "evidence" and path[1] in self.rows:
            row = self.rows[path[1]]
            key = path[2] if len(path) > 2 else "value"
            node = self.fw.nodes.get(path[1]) if self.fw is not None else None
            points_cell = node is not None and node.rule is not None and node.rule.form_cell() == "points"
            if key in ("percent", "count", "value") or (key == "points" and points_cell):
                key = "value"
            column = self.columns.get(key, self.columns.get("value"))
            return f"{column}{row}" if column else None
        if len(path) >= 2 and path[0] == "adjustments" and path[1] in self.adjustment_rows:
            row, points_key = self.adjustment_rows[path[1]]
            key = path[2] if len(path) > 2 else points_key
            column = self.columns.get(points_key if key == "points" else key, self.columns.get("value"))
            return f"{column}{row}" if column else None
        while path:
            found = self.cells.get(path)
            if found:
                return found
            path = path[:-1]
        return None

    def problem(self, path, message: str, key: bool = False, severity: str = "error") -> Problem:
        cell = self.cell(path)
        where = f"{self.file}:{self.sheet}!{cell}" if cell else self.file
        return Problem(where, 0, 0, message, severity)


_REF = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")
_COLUMN = re.compile(r"[A-Z]{1,3}")
_SHA = re.compile(r"[0-9a-f]{64}")


def _damaged_meta(where: str, message: str) -> Problem:
    return Problem(where, 0, 0, message)


def _read_meta(grid: list, name: str) -> tuple[dict, _Hints, list[Problem]]:
    """The hidden sheet: its keys (checked), the rows of the ids as the form was made (a hint), problems."""
    meta: dict[str, Any] = {}
    hints = _Hints()
    problems: list[Problem] = []
    again = _Again()
    setdefault = hints.setdefault
    where_is: dict[str, int] = {}
    for i, line in enumerate(grid, start=1):
        if len(line) > 1 and line[0] == "rows":  # "id row" lines (what parcli writes)
            problems += _packed_hints(line[1], hints, f"{name}:{META}!B{i}", again)
            continue
        if len(line) > 2 and line[0] == "row":  # one id a row (forms of parcli 0.1): the common case at once
            value, at = line[1], line[2]
            if (value.__class__ is str and value and value.isascii() and value.isprintable() and value[0] != " "
                    and value[-1] != " " and at.__class__ in (float, int) and 1 <= at <= MAX_ROW and at == int(at)):
                setdefault(value, int(at))
                continue
        if not line or not isinstance(line[0], str):
            continue
        key = line[0]
        value = line[1] if len(line) > 1 else None
        where = f"{name}:{META}!B{i}"
        if key == "row":
            at = line[2] if len(line) > 2 else None
            if not isinstance(value, str) or not value.strip() or CONTROL.search(value) or _INVISIBLE.search(value):
                problems.append(_damaged_meta(where, tr("the hidden sheet holds {what} where an id belongs (text "
                                                        "without invisible or control characters)",
                                                        what=_described(value)) + again))
                continue
            if not (isinstance(at, (int, float)) and not isinstance(at, bool) and at == at
                    and at not in (float("inf"), float("-inf")) and float(at).is_integer() and 1 <= at <= MAX_ROW):
                problems.append(_damaged_meta(f"{name}:{META}!C{i}", tr(
                    "the hidden sheet's row of {id} is {what}, not a whole number from 1 to {max:,}",
                    id=value, what=_described(at), max=MAX_ROW) + again))
                continue
            hints.setdefault(value, int(at))
            continue
        if key in meta:
            continue
        meta[key] = value
        where_is[key] = i
        if key in ("unit", "code", "year"):
            ok = isinstance(value, str) and _REF.fullmatch(value) is not None
            if not ok:
                problems.append(_damaged_meta(where, tr("the hidden sheet's {key} is {what}, not a cell reference "
                                                        "such as B2", key=key, what=_described(value)) + again))
        elif key.startswith("column_"):
            if not (isinstance(value, str) and _COLUMN.fullmatch(value)):
                problems.append(_damaged_meta(where, tr("the hidden sheet's {key} is {what}, not a column letter "
                                                        "such as E", key=key, what=_described(value)) + again))
        elif key == "framework_sha256":
            if not (isinstance(value, str) and _SHA.fullmatch(value)):
                problems.append(_damaged_meta(where, tr("the hidden sheet's {key} is {what}, not a sha256 (64 hex "
                                                        "digits)", key=key, what=_described(value)) + again))
        elif key in ("framework", "framework_id", "framework_version", "sheet", "lang"):
            if not isinstance(value, str) or not value or CONTROL.search(value) or _INVISIBLE.search(value):
                problems.append(_damaged_meta(where, tr("the hidden sheet's {key} is {what}, not text",
                                                        key=key, what=_described(value)) + again))
    if meta.get("schema") == FORM_SCHEMA:
        for key in ("framework", "framework_id", "framework_version", "framework_sha256", "sheet"):
            if key not in meta:  # a parcli form names these: without them, what to read it against is unknown
                problems.append(_damaged_meta(f"{name}:{META}", tr("the hidden sheet's {key} is {what}, not text",
                                                                   key=key, what=_described(None)) + again))
    meta["_rows"] = where_is
    return meta, hints, problems


_ROW_LINES = re.compile(r"(?:[!-~]+(?: [!-~]+)* [1-9][0-9]{0,5}(?:\n|\Z))+")  # ASCII ids, rows below 10⁶


class _Hints(dict):
    """The row of every id as the form was made: lines already checked, read when a message needs them."""

    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def settle(self) -> _Hints:
        for text in self.lines:
            for line in text.split("\n"):
                ident, _sep, number = line.rpartition(" ")
                self.setdefault(ident, int(number))
        self.lines = []
        return self


class _Again(str):
    """What to do about a damaged hidden sheet, said (translated) only when there is something to say."""

    def __radd__(self, message: str) -> str:
        return message + "; " + tr("the sheet was changed by hand or by another program: make the form again "
                                   "(parcli template or convert) and copy the values into it")


def _packed_hints(value: Any, hints: dict[str, int], where: str, again: str) -> list[Problem]:
    """The "id row" lines of one cell into ``hints``; each damaged line is a problem at that cell."""
    if not isinstance(value, str):
        return [_damaged_meta(where, tr("the hidden sheet's {key} is {what}, not text", key="rows",
                                        what=_described(value)) + again)]
    if _ROW_LINES.fullmatch(value) and isinstance(hints, _Hints):  # the whole cell checked at once
        hints.lines.append(value)
        return []
    problems = []
    setdefault = hints.setdefault
    for line in value.split("\n"):
        ident, _sep, number = line.rpartition(" ")
        if (ident and ident.isascii() and ident.isprintable() and ident[0] != " " and number.isdigit()
                and number.isascii() and 1 <= int(number) <= MAX_ROW):
            setdefault(ident, int(number))
            continue
        if not ident.strip() or ident != ident.strip() or CONTROL.search(ident) or _INVISIBLE.search(ident):
            problems.append(_damaged_meta(where, tr("the hidden sheet holds {what} where an id belongs (text "
                                                    "without invisible or control characters)",
                                                    what=_described(ident or line)) + again))
        elif not (number.isdigit() and number.isascii() and 1 <= int(number) <= MAX_ROW):
            problems.append(_damaged_meta(where, tr("the hidden sheet's row of {id} is {what}, not a whole number "
                                                    "from 1 to {max:,}", id=ident, what=_described(number),
                                                    max=MAX_ROW) + again))
        else:
            setdefault(unicodedata.normalize("NFC", ident), int(number))
    return problems


def _described(value: Any) -> str:
    from ..values import describe_value

    if isinstance(value, float):
        return tr("the number {value}", value=f"{value:.15g}")
    if value == "" or value is None:  # a cell of the hidden sheet: "an empty cell" reads in every message
        return tr("an empty cell")
    return describe_value(value)


def framework_ref_problem(ref: Any, form: Path) -> str | None:
    """Why the framework a form names cannot be used (None when it can): a form names a shipped id,
    or a framework file beside the form by its name alone; never a path elsewhere."""
    if not isinstance(ref, str):
        return None  # said by the hidden sheet's own check
    why = tr("the form names its framework {ref!r}; a form names a shipped framework (parcli frameworks) or a "
             "framework file beside the form, by its name alone", ref=ref)
    if not looks_like_path(ref):
        return None
    if ("/" in ref or "\\" in ref or ":" in ref or ref.startswith(".") or not ref.lower().endswith((".yaml", ".yml"))
            or CONTROL.search(ref) or _INVISIBLE.search(ref)):
        return why
    folder = form.parent.resolve()
    try:
        target = (folder / ref).resolve()
    except (OSError, RuntimeError):
        return why
    if target.parent != folder:  # a link beside the form to a file elsewhere
        return why
    return None


class OpenedForm:
    """A form whose workbook and hidden sheet are read and checked (:func:`open_form`), its cells not
    yet: :attr:`framework_ref` is what the hidden sheet names, for the store to resolve."""

    __slots__ = ("doc", "book", "hints")

    def __init__(self, doc: FormDocument, book: Workbook, hints: _Hints):
        self.doc = doc
        self.book = book
        self.hints = hints

    @property
    def framework_ref(self) -> Any:
        return self.doc.data.get("framework")


def open_form(path: str | Path, display: str | None = None) -> OpenedForm:
    """Read a form's workbook and its hidden sheet first: what it is, which framework it names
    (:attr:`OpenedForm.framework_ref`); problems of the workbook or of the hidden sheet raise
    :class:`InputError`. Its cells are read by :func:`read_cells` with that framework."""
    name = display if display is not None else str(path)
    suffix = Path(path).suffix.lower()
    if suffix in REFUSED_SUFFIXES:
        raise input_error(name, 0, 0, tr("parcli reads forms saved as .xlsx (Excel Workbook); this is {suffix}: "
                                          "save it as .xlsx", suffix=suffix))
    return open_form_book(Workbook(read_bytes(path, name), name), name, Path(path))


def open_form_book(book: Workbook, name: str, path: Path | None = None) -> OpenedForm:
    """:func:`open_form` of a workbook already read (a campaign's received file); ``path``: where the
    form is, for the framework it names (default: ``name``)."""
    path = path if path is not None else Path(name)
    if META not in book.sheets:
        raise input_error(name, 0, 0, tr("not a parcli form (it has no hidden '{meta}' sheet); make a form with "
                                          "parcli template FRAMEWORK -o form.xlsx", meta=META))
    meta, hints, problems = _read_meta(book.grid(META), name)
    if meta.get("schema") != FORM_SCHEMA:
        raise input_error(name, 0, 0, tr("not a parcli form ('{meta}' sheet without {schema}); make a form with "
                                          "parcli template FRAMEWORK -o form.xlsx", meta=META, schema=FORM_SCHEMA))
    if problems:
        raise InputError("damaged hidden sheet", problems)
    sheet = meta.get("sheet")
    if not isinstance(sheet, str) or sheet not in book.sheets:
        raise input_error(name, 0, 0, tr("the form's sheet {sheet!r} is missing; was it renamed? Give it back its "
                                          "name", sheet=sheet))
    ref = meta.get("framework")
    why = framework_ref_problem(ref, Path(path))
    if why is not None:
        raise input_error(f"{name}:{META}!B{meta['_rows'].get('framework', 2)}", 0, 0, why)
    data: dict[str, Any] = {"schema": UNIT_SCHEMA, "framework": ref, "evidence": {}}
    cells: dict[tuple, Any] = {("schema",): None}
    return OpenedForm(FormDocument(name, data, sheet, cells, meta), book, hints)


def read_cells(opened: OpenedForm, fw) -> FormDocument:
    """The form's cells read with the rules of ``fw``, the framework its hidden sheet names: the form
    as a unit file's document; problems of its cells raise :class:`InputError`."""
    doc, book = opened.doc, opened.book
    stale = form_version_problem(doc, fw)
    if stale is not None:
        raise InputError("form of another framework version", [stale])
    found = book.cells(doc.sheet)
    if found.unsaved:
        raise unsaved_problems(doc.file, doc.sheet, found.unsaved)
    reader = _Reader(doc, book.grid(doc.sheet), found, fw, opened.hints)  # the hints are read only for messages
    reader.read()
    if reader.problems:
        raise InputError("invalid form", capped(reader.problems, doc.file))
    return doc


_PLANS: dict[tuple[str, str], dict] = {}


def _plans(fw, lang: str) -> dict:
    """For each leaf of ``fw``: what its value cell takes and its bounds, worked out once per framework."""
    key = (fw.sha256, lang)
    plans = _PLANS.get(key)
    if plans is None:
        words = {w.casefold(): True for w in YES} | {w.casefold(): False for w in NO}
        for yes_key, flag in (("yes", True), ("no", False)):
            for lg in ("vi", "en"):
                words[form_label(yes_key, lg).casefold()] = flag
        plans = {}
        for node in fw.leaves:
            rule = node.rule
            kind = rule.form_cell()
            low = high = None
            if kind == "percent":
                low, high = Decimal(0), Decimal(100)
            elif kind == "count":
                low = Decimal(0)
            elif kind == "points":
                low, high = Decimal(0), node.max
            elif kind == "value":
                low, high = rule.value_bounds()
            plans[node.id] = (kind, low, high, node.max, words, rule)
        if len(_PLANS) > 16:
            _PLANS.clear()
        _PLANS[key] = plans
    return plans


class _Reader(SheetReader):
    """One sheet of a form read row by row against its framework."""

    def __init__(self, doc: FormDocument, grid: list, found, fw, hints: _Hints):
        super().__init__(doc.file, doc.sheet, grid, found)
        self.doc, self.fw, self.hints = doc, fw, hints
        meta = doc.meta
        lang = meta.get("lang")
        if lang not in ("vi", "en"):
            lang = "en" if doc.sheet == form_label("form_sheet", "en") else "vi"
        self.lang = doc.lang = lang
        self.yes, self.no = form_label("yes", lang), form_label("no", lang)

    # -- cells ----------------------------------------------------------------

    def yes_no(self, row: int, col: int, value: Any, subject: Subject) -> bool | None:
        if self._unusable(row, col, value, subject):
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1) and (row, col) not in self.percent:
            return bool(value)
        if isinstance(value, str):
            folded = fold(value)
            if folded in YES or folded == fold(self.yes):
                return True
            if folded in NO or folded == fold(self.no):
                return False
        shown = value.strip() if isinstance(value, str) else self.text_of(row, col, value)
        self.say(row, col, tr("{subject}: {value!r} is neither {yes} nor {no}; choose one from the list",
                              subject=self.named(subject), value=shown, yes=self.yes, no=self.no))
        return None

    def option(self, row: int, col: int, value: Any, subject: Subject, rule) -> str | None:
        if self._unusable(row, col, value, subject):
            return None
        text = value.strip() if isinstance(value, str) else self.text_of(row, col, value)
        key = rule.find(text)
        if key is None:
            self.say(row, col, tr("{subject}: {value!r} is not one of this leaf's options ({options}); choose one "
                                  "from the list", subject=self.named(subject), value=text,
                                  options="; ".join(rule.titles(self.lang))))
        return key

    # -- the sheet ----------------------------------------------------------------

    def read(self) -> None:
        doc, fw = self.doc, self.fw
        doc.fw = fw
        meta = doc.meta
        header, id_col = self._header_row(column_number(meta.get("column_id") or LETTER["id"]))
        columns = self._columns(header, id_col)
        if columns is None:
            return
        doc.columns = {key: column_letters(c) for key, c in columns.items() if key in INPUTS}
        self.columns = columns
        heads = {key: self.head(header, c, key) for key, c in columns.items()}
        doc.heads = heads
        self._unit_cells(header, id_col)
        self._rows(header, id_col, columns, heads)

    def head(self, header: int, col: int, key: str) -> str:
        value = self.raw(header, col)
        text = " ".join(value.split()) if isinstance(value, str) else ""
        return text or form_label(HEADS[key], self.lang)

    def _header_row(self, id_col: int) -> tuple[int, int]:
        """The header row and the id column: where a cell says "Mã" / "ID" (rows or columns may have been
        inserted before them); else the row above the first framework id in the id column."""
        wanted = _known("id")
        top = min(len(self.grid), 200)
        for r in range(1, top + 1):
            value = self.raw(r, id_col)
            if isinstance(value, str) and fold(value) in wanted:
                return r, id_col
        for r in range(1, top + 1):  # the id column moved
            for c, value in enumerate(self.grid[r - 1][:12], start=1):
                if isinstance(value, str) and fold(value) in wanted:
                    return r, c
        nodes = self.fw.nodes
        for r in range(1, top + 1):  # the header row is gone: the rows start where the ids do
            value = self.raw(r, id_col)
            if isinstance(value, str) and value.strip() in nodes:
                return r - 1, id_col
        return HEADER_ROW, id_col

    def _columns(self, header: int, id_col: int) -> dict[str, int] | None:
        """Each column by its header (columns may have moved); the hidden sheet's letters where a header is not
        found and that column is no other's."""
        known = _known("heads")
        line = self.grid[header - 1] if 0 < header <= len(self.grid) else []
        columns: dict[str, int] = {"id": id_col}
        for c, value in enumerate(line, start=1):
            if c == id_col or not isinstance(value, str):
                continue
            key = known.get(fold(value))
            if key is None or key == "id":
                continue
            if key in columns:
                self.say(header, c, tr("two columns are headed {head!r} ({first} and {second}); keep one",
                                       head=" ".join(value.split()), first=column_letters(columns[key]),
                                       second=column_letters(c)))
                continue
            columns[key] = c
        taken = set(columns.values())
        meta = self.doc.meta
        for key in INPUTS:
            if key in columns:
                continue
            letter = meta.get(f"column_{key}") or LETTER[key]
            c = column_number(letter)
            if c in taken:
                self.problems.append(Problem(f"{self.name}:{self.sheet}", 0, 0, tr(
                    "the sheet has no column headed {head!r} (it was column {letter}); put the column back, or make "
                    "a new form", head=form_label(HEADS[key], self.lang), letter=letter)))
                continue
            columns[key] = c
            taken.add(c)
        return None if self.problems else columns

    def _unit_cells(self, header: int, id_col: int) -> None:
        """The unit's name, code and year: beside their labels above the header row (else where the form put them)."""
        doc, data, cells = self.doc, self.doc.data, self.doc.cells
        labels = _known("units")
        at: dict[str, tuple[int, int]] = {}
        for r in range(1, header):
            value = self.raw(r, id_col)
            if isinstance(value, str):
                key = labels.get(fold(value))
                if key is not None and key not in at:
                    at[key] = (r, id_col + 1)
        for key, default in UNIT_CELLS.items():
            ref = doc.meta.get(key) or default
            if key not in at:
                m = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
                assert m is not None, "a cell reference, checked when the hidden sheet was read"
                at[key] = (int(m.group(2)), column_number(m.group(1)))
            r, c = at[key]
            cells[(key,)] = f"{column_letters(c)}{r}"
            label_cell = self.raw(r, c - 1) if c > 1 else None
            label = (" ".join(label_cell.split()) if isinstance(label_cell, str)
                     else form_label(UNIT_LABELS[key], self.lang))
            subject = CellSubject(cells[(key,)], label)
            value = self.raw(r, c)
            if key == "year":
                if value is None and (r, c) not in self.errors:
                    self.say(r, c, tr("{subject} is empty; write the year, e.g. {year}", subject=self.named(subject),
                                      year=datetime.date.today().year))
                    continue
                year = self.number(r, c, value, subject)
                if year is None:
                    continue
                if year != year.to_integral_value():
                    self.say(r, c, tr("{subject}: {value} is not a year; write the year, e.g. {year}",
                                      subject=self.named(subject), value=year, year=datetime.date.today().year))
                elif not 1990 <= year <= 2100:
                    self.say(r, c, tr("{subject}: year {value} is outside 1990–2100", subject=self.named(subject),
                                      value=int(year)))
                else:
                    data["year"] = Decimal(int(year))
                continue
            if value is None and (r, c) not in self.errors:
                if key == "unit":
                    self.say(r, c, tr("{subject} is empty; write the unit's name", subject=self.named(subject)))
                continue
            text = self.text(r, c, value, subject)
            if text and key == "unit" and fold(text) in {fold(form_label("form_unit", lg)) for lg in ("vi", "en")}:
                # the blank form's placeholder (the label itself), never a unit's name
                self.say(r, c, tr("{subject} still says {value!r}, the blank form's placeholder; write the unit's "
                                  "name in {cell}", subject=self.named(subject), value=text, cell=cells[(key,)]))
                continue
            if text:
                data[key] = text

    def _rows(self, header: int, id_col: int, columns: dict[str, int], heads: dict[str, str]) -> None:
        fw, doc = self.fw, self.doc
        nodes = fw.nodes
        rows: dict[str, int] = {}
        doc.rows = rows
        places = [(key, columns[key]) for key in INPUTS]
        framework = fw.id
        id_head = heads["id"]
        na_at: dict[str, int] = {}
        evidence = doc.data["evidence"]
        error_rows = {r for r, _c in self.errors}
        odd_rows = error_rows | {r for r, _c in self.percent}  # cells read the slow, careful way
        plans = _plans(fw, self.lang)
        at = [(key, c - 1) for key, c in places]
        id_at = id_col - 1
        lo, hi = min(i for _k, i in at), max(i for _k, i in at) + 1
        in_order = [i for _k, i in at] == list(range(lo, hi))  # the inputs side by side, as the form has them
        for r, line in enumerate(self.grid[header:], start=header + 1):
            n = len(line)
            inputs = {}
            span = line[lo:hi]
            filled = span.count("") + span.count(None) < len(span)  # some input cell is filled
            if filled and not in_order:
                for key, i in at:
                    if i < n:
                        v = line[i]
                        if v != "" and v is not None:
                            inputs[key] = v
            idv = line[id_at] if id_at < n else ""
            if error_rows and r in error_rows:
                for key, c in places:
                    if (r, c) in self.errors:
                        inputs.setdefault(key, None)
                if (r, id_col) in self.errors:
                    self._unusable(r, id_col, idv, id_head)
                    continue
            if idv == "" or idv is None:
                if in_order and filled:
                    inputs.update((k, v) for k, v in zip(INPUTS, span, strict=False) if v != "" and v is not None)
                if inputs:
                    key = next(iter(inputs))
                    self.say(r, columns[key], tr("{column}: this row has no id ({id_column}), so its values belong "
                                                 "to no leaf; type the id, or move the values to their leaf's row",
                                                 column=heads[key], id_column=id_head))
                continue
            node_id = idv if idv.__class__ is str and idv.isascii() and idv.strip() == idv else self._id_text(idv)
            node = nodes.get(node_id)
            if node is None and node_id.casefold() in ADJUSTMENT_TITLES:  # a bonus or penalty row (DESIGN §12a)
                if in_order and filled:
                    inputs.update((k, v) for k, v in zip(INPUTS, span, strict=False) if v != "" and v is not None)
                self._adjustment_row(r, node_id.casefold(), inputs, id_col, heads)
                continue
            if node is None:
                was = next((i for i, at_row in self.hints.settle().items() if at_row == r), None)
                if was is not None and was not in rows and was != node_id:
                    self.say(r, id_col, tr("{column}: {value!r} is not an id of framework {framework}; this row was "
                                           "{was} when the form was made: type its id back", column=id_head,
                                           value=node_id, framework=framework, was=was))
                else:
                    self.say(r, id_col, tr("{column}: {value!r} is not an id of framework {framework}; type the row's "
                                           "id as the framework gives it, or delete the row", column=id_head,
                                           value=node_id, framework=framework))
                continue
            if node_id in rows:
                self.say(r, id_col, tr("{column}: {leaf} is also in row {row}; each id has one row: delete one of "
                                       "the two", column=id_head, leaf=node_id, row=rows[node_id]))
                continue
            rows[node_id] = r
            if not filled and not inputs:
                continue
            raw = None
            if in_order and (not odd_rows or r not in odd_rows) and len(span) == 8:
                value, done, of, na, claimed, points, note, documents = span
                if done == of == na == points == "" and value != "":
                    raw = self._fast_row(plans.get(node_id), value, claimed, note, documents)
            if raw is None:
                if in_order and filled:
                    inputs.update((k, v) for k, v in zip(INPUTS, span, strict=False) if v != "" and v is not None)
                raw = self._row(r, node, inputs, columns, heads)
            if raw is not None:
                if "na" in inputs and raw.__class__ is dict and raw.get("na") is True:
                    na_at[node_id] = r
                evidence[node_id] = raw
        for node in (() if len(rows) == len(fw.nodes) else fw.in_order()):  # every row there: nothing missing
            if node.id not in rows:
                self._missing_row(node.id, framework)
        declared = fw.header.adjustments
        for item in declared.items if declared is not None else ():
            if item.kind not in doc.adjustment_rows:
                self._missing_row(item.kind, framework)
        if na_at:
            for node_id in evidence:
                for parent in fw.ancestors(node_id):
                    if parent in na_at:
                        r = rows[node_id]
                        first = next(c for _k, c in places if self.raw(r, c) is not None or (r, c) in self.errors)
                        self.say(r, first, tr("{leaf}: it is under {parent} (row {row}), which is not "
                                                        "applicable; clear one of the two", leaf=node_id,
                                                        parent=parent, row=na_at[parent]))
                        break

    def _adjustment_row(self, r: int, kind: str, inputs: dict[str, Any], id_col: int, heads: dict[str, str]) -> None:
        """A bonus or penalty row: read as a leaf scored by the appraisers (its points in the value column, the
        appraised points winning), into the unit's ``adjustments`` as a unit file gives them."""
        doc, fw = self.doc, self.fw
        declared = fw.header.adjustments
        item = declared.get(kind) if declared is not None else None
        if item is None:
            self.say(r, id_col, tr("{column}: {value!r} is not a row of framework {framework}, which declares no "
                                   "such bonus or penalty points; delete the row", column=heads["id"], value=kind,
                                   framework=fw.id))
            return
        if kind in doc.adjustment_rows:
            self.say(r, id_col, tr("{column}: {leaf} is also in row {row}; each id has one row: delete one of the two",
                                   column=heads["id"], leaf=kind, row=doc.adjustment_rows[kind][0]))
            return
        doc.adjustment_rows[kind] = (r, "value")
        if not inputs:
            return
        before = len(self.problems)
        at = self.columns
        subject = {key: (kind, heads[key]) for key in inputs}
        for key in ("done", "of"):
            if key in inputs:
                self.say(r, at[key], tr("{subject}: {leaf} is not a rate; {done_column} and {of_column} stay "
                                        "empty, its value goes in {value_column}", subject=self.named(subject[key]),
                                        leaf=kind, done_column=heads["done"], of_column=heads["of"],
                                        value_column=heads["value"]))
        if "na" in inputs and self.yes_no(r, at["na"], inputs["na"], subject["na"]):
            self.say(r, at["na"], tr("{subject}: bonus and penalty points are never not applicable; clear "
                                     "{na_column} (a row left empty gives no points)",
                                     subject=self.named(subject["na"]), na_column=heads["na"]))
        raw: dict[str, Any] = {}
        raw.update(self._texts(r, at, inputs, subject))
        numbers: dict[str, Decimal | None] = {}
        for key in ("value", "claimed", "points"):
            if key in inputs:
                value = self.number(r, at[key], inputs[key], subject[key])
                if value is not None and value < 0:
                    self.say(r, at[key], tr("{subject}: {value} is below {low}", subject=self.named(subject[key]),
                                            value=value, low=0))
                elif value is not None and value > item.max:
                    self.say(r, at[key], tr("{subject}: {value} is above the row's max {max}",
                                            subject=self.named(subject[key]), value=value, max=item.max))
                numbers[key] = value
        if len(self.problems) != before:
            return  # every problem of the row said; nothing of it is evidence
        points_key = "points" if numbers.get("points") is not None else "value"
        doc.adjustment_rows[kind] = (r, points_key)
        if numbers.get(points_key) is not None:  # the appraised points win, as on a leaf's row
            raw["points"] = numbers[points_key]
        if numbers.get("claimed") is not None:
            raw["claimed"] = numbers["claimed"]
        if raw:
            doc.data.setdefault("adjustments", {})[kind] = raw

    @staticmethod
    def _fast_row(plan, v, claimed, note, documents):
        """The common row, read at once: a plain value, maybe claimed points, a note and documents (empty
        cells are ""); None sends the row to :meth:`_row`, which reads (and says) everything."""
        if plan is None:
            return None
        kind, low, high, leaf_max, words, rule = plan
        value: Any  # the cell's value in its kind: bool, option key or Decimal
        if kind == "bool":
            if v.__class__ is bool:
                value = v
            elif v.__class__ is str:
                value = words.get(v.strip().casefold())
                if value is None:
                    return None
            else:
                return None
        elif kind == "option":
            if v.__class__ is not str:
                return None
            value = rule.find(v.strip())
            if value is None:
                return None
        else:
            if v.__class__ is not float or not -1e12 < v < 1e12:
                return None
            value = from_float(v)
            if (low is not None and value < low) or (high is not None and value > high):
                return None
            if kind == "count" and value != value.to_integral_value():
                return None
        if kind == "points":
            ev = Evidence(points=value)
        else:
            ev = Evidence(kind, value)  # bool, option, percent, count, value: the forms parse_evidence gives
        if claimed != "":
            if claimed.__class__ is not float or not 0 <= claimed <= 1e12:
                return None
            d = from_float(claimed)
            if d > leaf_max:
                return None
            ev.claimed = d
        if note != "":
            if note.__class__ is not str or CONTROL.search(note):
                return None
            note = note.strip()
            ev.note = note if note.isascii() else unicodedata.normalize("NFC", note)
        if documents != "":
            if documents.__class__ is not str or CONTROL.search(documents):
                return None
            text = documents if documents.isascii() else unicodedata.normalize("NFC", documents)
            ev.documents = tuple(d.strip() for d in text.splitlines() if d.strip())
        return ev  # checked here against its rule, as parse_evidence would: the unit's checks take it as it is

    def _id_text(self, value: Any) -> str:
        if isinstance(value, str):
            text = value.strip()
            return text if text.isascii() else unicodedata.normalize("NFC", text)
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, (int, float)):  # "7.2" typed again: the spreadsheet made it a number
            d = Decimal(value) if isinstance(value, int) else from_float(value)
            return f"{d}"
        return str(value)

    def _missing_row(self, row_id: str, framework: str) -> None:
        """The problem of a row (a node's, a bonus's or a penalty's) deleted from the sheet, with where it was."""
        was = self.hints.settle().get(row_id)
        message = (tr("{leaf}: its row is missing from the sheet (it was row {row}); put the row back, e.g. "
                      "copied from a new form (parcli template {framework} -o form.xlsx)", leaf=row_id,
                      row=was, framework=framework) if was is not None else
                   tr("{leaf}: its row is missing from the sheet; put the row back, e.g. copied from a new "
                      "form (parcli template {framework} -o form.xlsx)", leaf=row_id, framework=framework))
        self.problems.append(Problem(f"{self.name}:{self.sheet}", 0, 0, message))

    def _texts(self, r: int, at: dict[str, int], inputs: dict[str, Any], subject: dict) -> dict[str, Any]:
        """A row's note and documents (one a line) as a unit file gives them; what is empty is left out."""
        raw: dict[str, Any] = {}
        for key in ("note", "documents"):
            if key in inputs:
                text = self.text(r, at[key], inputs[key], subject[key])
                if text is None:
                    continue
                if key == "note":
                    raw["note"] = text
                else:
                    docs = [d.strip() for d in text.splitlines() if d.strip()]
                    if docs:
                        raw["documents"] = docs
        return raw

    def _row(self, r: int, node, inputs: dict[str, Any], columns: dict[str, int], heads: dict[str, str]):
        """One row's cells → the value a unit file gives for this node (None when a cell has a problem)."""
        before = len(self.problems)
        node_id = node.id
        subject = {key: (node_id, heads[key]) for key in inputs}
        at = columns
        raw: dict[str, Any] = {}
        na = None
        if "na" in inputs:
            na = self.yes_no(r, at["na"], inputs["na"], subject["na"])
        raw.update(self._texts(r, at, inputs, subject))
        measured = [k for k in ("value", "done", "of", "claimed", "points") if k in inputs]
        if na:
            for key in measured:
                self.say(r, at[key], tr("{subject}: the row is not applicable ({na_column}: {yes}); clear {column}, "
                                        "or clear {na_column}", subject=self.named(subject[key]), na_column=heads["na"],
                                        yes=self.yes, column=heads[key]))
            raw = {"na": True, **raw}
            return raw if len(self.problems) == before else None
        rule = node.rule
        if rule is None:  # a field or criterion: not applicable (with its note and documents), nothing else
            for key in measured:
                self.say(r, at[key], tr("{subject}: {leaf} is a {level}; its row takes only {na_column} (with "
                                        "{note_column}); the evidence goes on its leaves' rows",
                                        subject=self.named(subject[key]),
                                        leaf=node_id, level=tr(node.kind), na_column=heads["na"],
                                        note_column=heads["note"]))
            for said in ("note", "documents"):
                if said in inputs:
                    self.say(r, at[said], tr("{subject}: on the row of a {level}, {column} says why it is not "
                                             "applicable ({na_column}: {yes}); a note on the evidence goes on a "
                                             "leaf's row", subject=self.named(subject[said]), level=tr(node.kind),
                                             column=heads[said], na_column=heads["na"], yes=self.yes))
                    break
            return None
        kind = rule.form_cell()
        leaf_max = node.max
        value = inputs.get("value")
        if "value" in inputs:
            c = at["value"]
            s = subject["value"]
            if kind == "bool":
                value = self.yes_no(r, c, value, s)
            elif kind == "option":
                value = self.option(r, c, value, s, rule)
            else:
                value = self.number(r, c, value, s, percent=kind == "percent")
                if value is not None:
                    value = self._checked(r, c, s, value, kind, rule, leaf_max)
        numbers = {}
        for key in ("done", "of", "claimed", "points"):
            if key in inputs:
                numbers[key] = self.number(r, at[key], inputs[key], subject[key])
        for key in ("claimed", "points"):
            v = numbers.get(key)
            if v is not None and not self._range(r, at[key], subject[key], v, Decimal(0), leaf_max, leaf=True):
                numbers[key] = None
        if "done" in inputs or "of" in inputs:
            self._ratio(r, node_id, kind, inputs, numbers, subject, raw)
        if len(self.problems) != before:
            return None  # every problem of the row said; nothing of it is evidence
        points = numbers.get("points")
        if value is not None:
            if kind == "points":
                if points is not None:  # the appraised points win, shown as an override
                    raw["value"] = value
                else:
                    raw["points"] = value
            elif kind in ("bool", "option"):
                raw["value"] = value
            else:
                raw[kind] = value
        if points is not None:
            raw["points"] = points
        if numbers.get("claimed") is not None:
            raw["claimed"] = numbers["claimed"]
        if list(raw) == ["value"] and kind in ("bool", "option"):
            return raw["value"]  # the scalar form (true, an option key), as a unit file writes it
        return raw or None

    def _ratio(self, r: int, node_id: str, kind: str, inputs: dict, numbers: dict, subject: dict, raw: dict) -> None:
        """Done and of: together, on a rate leaf only, instead of a value, done within of."""
        at, heads = self.columns, self.doc.heads
        done, of = numbers.get("done"), numbers.get("of")
        if kind != "percent":
            for key in ("done", "of"):
                if key in inputs:
                    self.say(r, at[key], tr("{subject}: {leaf} is not a rate; {done_column} and {of_column} stay "
                                            "empty, its value goes in {value_column}", subject=self.named(subject[key]),
                                            leaf=node_id, done_column=heads["done"], of_column=heads["of"],
                                            value_column=heads["value"]))
        elif "value" in inputs:
            self.say(r, at["value"], tr("{subject}: give either {column}, or {done_column} and {of_column}, not "
                                        "both", subject=self.named(subject["value"]), column=heads["value"],
                                        done_column=heads["done"], of_column=heads["of"]))
        elif ("done" in inputs) != ("of" in inputs):
            key = "done" if "done" in inputs else "of"
            self.say(r, at[key], tr("{subject}: {done_column} and {of_column} go together; fill in both, or "
                                    "neither", subject=self.named(subject[key]), done_column=heads["done"],
                                    of_column=heads["of"]))
        elif done is None or of is None:
            return  # a cell that is not a number: said already
        elif of <= 0:
            self.say(r, at["of"], tr("{subject}: must be above 0, got {value}", subject=self.named(subject["of"]),
                                     value=of))
        elif done < 0:
            self.say(r, at["done"], tr("{subject}: {value} is below {low}", subject=self.named(subject["done"]),
                                       value=done, low=0))
        elif done > of:
            self.say(r, at["done"], tr("{subject}: {value} is more than {of_column} ({of})",
                                       subject=self.named(subject["done"]), value=done, of_column=heads["of"], of=of))
        else:
            raw["done"], raw["of"] = done, of

    def _checked(self, r: int, c: int, subject: Subject, value: Decimal, kind: str, rule, leaf_max) -> Decimal | None:
        """A value cell's number within what its leaf takes."""
        if kind == "percent":
            ok = self._range(r, c, subject, value, Decimal(0), Decimal(100), suffix="%")
        elif kind == "count":
            if value != value.to_integral_value():
                self.say(r, c, tr("{subject}: a count is a whole number, got {value}", subject=self.named(subject),
                                  value=value))
                return None
            ok = self._range(r, c, subject, value, Decimal(0), None)
        elif kind == "points":
            ok = self._range(r, c, subject, value, Decimal(0), leaf_max, leaf=True)
        else:
            low, high = rule.value_bounds()
            ok = self._range(r, c, subject, value, low, high)
        return value if ok else None

    def _range(self, r: int, c: int, subject: Subject, value: Decimal, low, high, suffix: str = "",
               leaf: bool = False) -> bool:
        if low is not None and value < low:
            self.say(r, c, tr("{subject}: {value} is below {low}", subject=self.named(subject),
                              value=f"{value}{suffix}", low=f"{low}{suffix}"))
            return False
        if high is not None and value > high:
            if leaf:
                self.say(r, c, tr("{subject}: {value} is above the leaf's max {max}", subject=self.named(subject),
                                  value=value, max=high))
            else:
                self.say(r, c, tr("{subject}: {value} is above {high}", subject=self.named(subject),
                                  value=f"{value}{suffix}", high=f"{high}{suffix}"))
            return False
        return True


def form_version_problem(doc: FormDocument, fw) -> Problem | None:
    """A problem when the form was made for another version of the framework than the one read now."""
    version, sha = doc.meta.get("framework_version"), doc.meta.get("framework_sha256")
    if sha == fw.sha256:
        return None
    return Problem(doc.file, 0, 0, tr("this form was made for framework {id} v{form_version} (sha256 {form_sha}); "
                                      "the framework is now v{version} (sha256 {sha}). Make a new form with parcli "
                                      "convert, or use the framework file it was made for",
                                      id=fw.id, form_version=version, form_sha=str(sha)[:12], version=fw.version,
                                      sha=fw.sha256[:12]))
