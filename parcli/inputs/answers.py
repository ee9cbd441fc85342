"""Respondents' files: one row per respondent, as Google Forms, KoBoToolbox or a spreadsheet export them.

- CSV in UTF-8 with or without BOM, fields separated by ``,`` or ``;`` (a vi-VN Excel writes ``;``;
  a first line ``sep=;`` is honoured); a file in another encoding (UTF-16, Windows-1258, Latin-1)
  is refused with how to save it as UTF-8;
- XLSX read with python-calamine through the workbook checks of :mod:`parcli.inputs.workbook`
  (the first sheet whose first row holds the unit's column);
- the first row names the columns; the unit's column and every item's column must be there, once;
- every cell is checked: a unit code the survey does not know, an answer outside the scale (a
  label of the scale is read as its answer; a missing code or a blank cell is no answer), a row
  longer than the header: each named by file, line (CSV) or cell (XLSX) and column, every problem of
  every file in one run (at most :data:`PROBLEMS_PER_FILE` lines each, then how many more);
- bounded: the file-size limit of every input, at most :data:`MAX_COLUMNS` columns, a cell of at
  most :data:`MAX_CELL` characters.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PROBLEMS_PER_FILE, InputError, Problem, input_error, more_problems
from ..i18n import tr
from .files import read_bytes, sha256_hex

MAX_COLUMNS = 16_384  # Excel's
MAX_CELL = 10_000
_INVALID = -32767  # a cell that is no answer of the scale (MISSING, -32768, is no answer at all)
_WHOLE = re.compile(r"[+-]?[0-9]{1,6}(?:[.,]0*)?")  # a whole number as people and spreadsheets write it
_LONGER = -32766  # (a cell of more than one byte: no value by its first byte)


@dataclass(slots=True)
class Answers:
    """Every respondent of every file, grouped by unit (in order of first appearance)."""

    codes: list[str] = field(default_factory=list)
    matrices: list[Any] = field(default_factory=list)  # per unit: (n × items) int16, MISSING for no answer
    rows: int = 0
    blank_rows: list[tuple[str, int]] = field(default_factory=list)  # (file, how many) skipped as blank


class _Cells(dict):
    """Cell text → answer value, :data:`MISSING` (no answer) or _INVALID; filled as new texts appear."""

    def __init__(self, scale, missing_value: int):
        super().__init__()
        from ..survey.definition import cell_key

        self.key = cell_key
        self.known: dict[str, int] = {}
        for v in scale.values():
            self.known[str(v)] = v
        for v, label in scale.labels.items():
            self.known[cell_key(label)] = v
        for code in scale.missing:
            self.known[code] = missing_value
        self.known[""] = missing_value
        self.missing_value = missing_value
        self._by_byte: Any = None

    def by_byte(self):
        """The value of each cell of one byte (an ASCII character: UTF-8 has no other), as an array by the byte."""
        import numpy as np

        if self._by_byte is None:
            self._by_byte = np.array([self[chr(b)] for b in range(128)] + [_LONGER] * 128, dtype=np.int16)
        return self._by_byte

    def __missing__(self, text: str):
        key = self.key(text)
        value = self.known.get(key)
        if value is None and key and _WHOLE.fullmatch(key):  # 4.0 or 4,0 (a number a spreadsheet wrote as a
            number = int(key.split(".")[0].split(",")[0])        # decimal), +4; not 0_5, 4e0 or other digits
            if str(number) in self.known:
                value = self.known[str(number)]
        result = _INVALID if value is None else value
        if len(self) < 100_000:  # a file of all-different texts cannot grow the cache without bound
            self[text] = result
        return result


def _encoding_problem(raw: bytes, name: str) -> InputError | None:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return input_error(name, 0, 0, tr("the file is UTF-32; save it as \"CSV UTF-8 (Comma delimited)\" and run "
                                          "again"))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return input_error(name, 0, 0, tr("the file is UTF-16 (Excel's \"Unicode Text\"); save it as \"CSV UTF-8 "
                                          "(Comma delimited)\" and run again"))
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        return input_error(name, line, 1, tr("the file holds binary data (a NUL byte), not CSV text"))
    return None


def decode_csv(raw: bytes, name: str) -> str:
    """A CSV file's text (UTF-8, a BOM allowed); another encoding is an error that names it and says how to
    save the file as UTF-8."""
    problem = _encoding_problem(raw, name)
    if problem is not None:
        raise problem
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        guess = raw.decode("cp1258", "replace")
        vietnamese = sum(guess.count(ch) for ch in "ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323")
        encoding = tr("Windows-1258 (Vietnamese)") if vietnamese else tr("Latin-1 (Western European)")
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise input_error(name, line, col, tr(
            "the file is not UTF-8: byte 0x{byte:02x} on line {line}; it looks saved as {encoding}. Save it as "
            "\"CSV UTF-8 (Comma delimited)\" (Excel: File → Save As) or with the character set Unicode (UTF-8) "
            "(LibreOffice), and run again", byte=raw[exc.start], line=line, encoding=encoding)) from None


def _separator(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda s: counts[s])


class _Collector:
    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self.more = 0

    def full(self) -> bool:
        return len(self.problems) >= PROBLEMS_PER_FILE

    def add(self, problem: Problem) -> None:
        if len(self.problems) < PROBLEMS_PER_FILE:
            self.problems.append(problem)
        else:
            self.more += 1

    def finish(self) -> list[Problem]:
        self.problems.sort(key=lambda p: p.line)
        if self.more:
            self.problems.append(more_problems(self.name, self.more))
        return self.problems


class _Table:
    """One file's rows as the reader needs them: the header, then (place, cells) of each respondent."""

    def __init__(self, name: str, header: list[str], rows: list[list[str]] | None, where, header_at,
                 flat: list[str] | None = None):
        self.name = name
        self.header = header
        self.rows = rows  # the rows as read (any length), or None when ``flat`` holds them
        self.flat = flat  # every row of exactly len(header) cells, one after the other
        self.where = where  # where(row index, column index) -> (file text, line, col)
        self.header_at = header_at  # header_at(column index) -> (file text, line, col)

    # the cells, once every row is as long as the header (``flat``: the reader makes it so of ``rows``)
    def count(self) -> int:
        return len(self.flat or ()) // max(1, len(self.header))

    def cell(self, r: int, c: int) -> str:
        assert self.flat is not None  # noqa: S101 - flat first
        return self.flat[r * len(self.header) + c]

    def row(self, r: int) -> list[str]:
        assert self.flat is not None  # noqa: S101 - flat first
        width = len(self.header)
        return self.flat[r * width:(r + 1) * width]

    def column(self, c: int) -> list[str]:
        assert self.flat is not None  # noqa: S101 - flat first
        return self.flat[c::len(self.header)]

    def coded(self, c: int, mapping) -> Any:
        """Each cell of the column through ``mapping`` (in order), as an int64 array."""
        import numpy as np

        return np.fromiter(map(mapping.__getitem__, self.column(c)), dtype=np.int64, count=self.count())

    def answers(self, cols: list[int], cells: _Cells):
        """The answer matrix (rows × cols) of the columns, each cell by ``cells``."""
        import numpy as np

        n = self.count()
        matrix = np.empty((n, len(cols)), dtype=np.int16)
        for k, c in enumerate(cols):
            matrix[:, k] = np.fromiter(map(cells.__getitem__, self.column(c)), dtype=np.int16, count=n)
        return matrix


class _Grid(_Table):
    """The rows of a CSV without quotes whose every line has the header's number of fields, as the bytes of the
    file and where each field ends: a column is read at once (numpy) where its cells are short, the rest as the
    csv module's rows would be, and every cell means exactly what it means read by itself (:class:`_Cells`)."""

    def __init__(self, name: str, header: list[str], body: bytes, bounds, first_line: int, header_at, sep: str):
        super().__init__(name, header, None, self._where, header_at)
        import numpy as np

        self.body = body
        self.data = np.frombuffer(body, dtype=np.uint8)
        width = len(header)
        # bounds[f] and bounds[f + 1]: the separators around the f-th field of the file (-1 before the first)
        self.before = bounds[:-1].reshape(-1, width)  # (rows × columns) where the cell's field starts, less one
        self.after = bounds[1:].reshape(-1, width)  # where it ends (the separator or the line's end)
        self.first_line = first_line
        self.sep = sep
        self._flat: list[str] | None = None

    def _where(self, r: int, c: int) -> tuple[str, int, int]:
        line_start = int(self.before[r, 0]) + 1
        return self.name, self.first_line + 1 + r, len(self.body[line_start:int(self.before[r, c]) + 1].decode()) + 1

    def count(self) -> int:
        return len(self.after)

    def cell(self, r: int, c: int) -> str:
        return self.body[int(self.before[r, c]) + 1:int(self.after[r, c])].decode()

    def row(self, r: int) -> list[str]:
        return [self.cell(r, c) for c in range(len(self.header))]

    def strings(self) -> list[str]:
        """Every cell as text, row after row (what the csv module would give), made the first time it is asked."""
        if self._flat is None:
            self._flat = self.body[:-1].decode().replace("\n", self.sep).split(self.sep)
        return self._flat

    def column(self, c: int) -> list[str]:
        return self.strings()[c::len(self.header)]

    def _columns(self, cols: list[int]):
        """(before, after) of the columns: views when they follow one another, else copies."""
        if cols == list(range(cols[0], cols[0] + len(cols))):
            return self.before[:, cols[0]:cols[-1] + 1], self.after[:, cols[0]:cols[-1] + 1]
        return self.before[:, cols], self.after[:, cols]

    def coded(self, c: int, mapping) -> Any:
        """Each cell of the column through ``mapping`` (its texts looked up in order of first appearance), at
        once when the cells are at most 8 bytes long."""
        import numpy as np

        before, after = self.before[:, c], self.after[:, c]
        lengths = after - before - 1
        longest = int(lengths.max()) if len(lengths) else 0
        if longest > 8:
            return np.fromiter(map(mapping.__getitem__, self.column(c)), dtype=np.int64, count=len(lengths))
        key = np.zeros(len(lengths), dtype=np.uint64)
        last = len(self.data) - 1
        for j in range(longest):  # the cell's bytes as one number (no NUL is in a file read this far)
            byte = self.data[np.minimum(before + 1 + j, last)].astype(np.uint64)
            byte[lengths <= j] = 0
            key |= byte << np.uint64(8 * j)
        unique, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        values = np.empty(len(unique), dtype=np.int64)
        for u in np.argsort(first, kind="stable").tolist():  # in order of first appearance
            at = int(first[u])
            values[u] = mapping[self.body[int(before[at]) + 1:int(after[at])].decode()]
        return values[inverse.reshape(-1)]

    def answers(self, cols: list[int], cells: _Cells):
        import numpy as np

        if not cols:
            return np.empty((self.count(), 0), dtype=np.int16)
        by_byte = cells.by_byte()
        before, after = self._columns(cols)
        lengths = after - before - 1
        matrix = by_byte[self.data[after - 1]]  # a cell of one byte is the byte before its end
        matrix[lengths == 0] = cells[""]
        longer = lengths > 1
        rows, ks = np.nonzero(longer) if longer.any() else (np.zeros(0, int), np.zeros(0, int))
        if len(rows) > len(lengths) // 50:  # many cells longer than one character (labels): column by column
            for k in np.unique(ks).tolist():
                matrix[:, k] = np.fromiter(map(cells.__getitem__, self.column(cols[k])), dtype=np.int16,
                                           count=len(matrix))
        else:  # a few ("4.0", a missing code of several characters): each by itself
            body = self.body
            for r, k in zip(rows.tolist(), ks.tolist(), strict=True):
                matrix[r, k] = cells[body[int(before[r, k]) + 1:int(after[r, k])].decode()]
        return matrix


def _csv_table(raw: bytes, name: str) -> _Table:
    text = decode_csv(raw, name)
    start = 0
    first_line = 1
    if text[:4].lower() == "sep=" and text[5:6] in ("\n", "\r"):  # Excel's hint of the separator
        sep = text[4]
        start = text.index("\n") + 1
        first_line = 2
    else:
        end = text.find("\n")
        sep = _separator(text[: end if end >= 0 else len(text)])
    header_end = text.find("\n", start)
    header_line = text[start: header_end if header_end >= 0 else len(text)]
    if header_line.count(sep) + 1 > MAX_COLUMNS:
        raise input_error(name, first_line, 1, tr("the first row has {count:,} columns, more than a survey file "
                                                  "can have ({limit:,}); is it a CSV export of the answers?",
                                                  count=header_line.count(sep) + 1, limit=MAX_COLUMNS))
    body = text[start:]
    if '"' not in body:
        fast = _grid(raw, sep, header_line, name, first_line)
        if fast is not None:
            return fast
    lines_of: list[int] = []
    rows = []
    previous = csv.field_size_limit(MAX_CELL)  # the module's limit is the process's: put back below
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=sep, strict=False)
    last = 0
    try:
        for row in reader:
            if len(row) > 2 * MAX_COLUMNS:
                raise input_error(name, first_line + last, 1, tr("the row has more than {limit:,} fields; it is "
                                                                 "refused unread", limit=2 * MAX_COLUMNS))
            rows.append(row)
            lines_of.append(first_line + last)
            last = reader.line_num
    except csv.Error as exc:
        line = first_line + reader.line_num - 1
        if "field larger" in str(exc):
            raise input_error(name, line, 1, tr("a cell holds more than {limit:,} characters; it is not an answer "
                                                "of a survey", limit=MAX_CELL)) from None
        raise input_error(name, line, 1, tr("the CSV cannot be read here: {why}", why=str(exc))) from None
    finally:
        csv.field_size_limit(previous)
    header = rows[0] if rows else []

    physical: list[str] = []

    def column_at(line: int, c: int) -> int:
        """The character column where field ``c`` of the record starting on ``line`` begins (0: not on that line)."""
        if not physical:
            physical.extend(text.split("\n"))
        if not 0 < line <= len(physical):
            return 0
        quoted, field, chars = False, 0, physical[line - 1]
        for at, ch in enumerate(chars):
            if field == c:
                return at + 1
            if ch == '"':
                quoted = not quoted
            elif ch == sep and not quoted:
                field += 1
        return len(chars) + 1 if field == c else 0

    def where_quoted(r: int, c: int) -> tuple[str, int, int]:
        return name, lines_of[r + 1], column_at(lines_of[r + 1], c)

    def header_quoted(c: int) -> tuple[str, int, int]:
        return name, first_line, column_at(first_line, c)

    return _Table(name, header, rows[1:], where_quoted, header_quoted)


def _grid(raw: bytes, sep: str, header_line: str, name: str, first_line: int) -> _Grid | None:
    """The rows of a CSV without quotes whose every line has the header's number of fields (a file a spreadsheet
    or a form service writes), found at once in its bytes; None for any other file (read by the csv module)."""
    import numpy as np

    data = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    for _line in range(first_line):  # the header (after Excel's sep= line)
        end = data.find(b"\n")
        if end < 0:
            return None
        data = data[end + 1:]
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
        if b"\r" in data:
            return None
    if not data or data.endswith(b"\n\n") or data == b"\n":
        return None
    if not data.endswith(b"\n"):
        data += b"\n"
    width = header_line.count(sep) + 1
    buf = np.frombuffer(data, dtype=np.uint8)
    newline = buf == 10
    stops = np.flatnonzero(newline | (buf == ord(sep)))  # where each field ends
    if len(stops) % width:
        return None
    rows = len(stops) // width
    if np.count_nonzero(newline) != rows or not newline[stops[width - 1::width]].all():  # a line of another width
        return None
    bounds = np.empty(len(stops) + 1, dtype=np.int32 if len(data) < 2**31 else np.int64)
    bounds[0] = -1
    bounds[1:] = stops
    header = (header_line[:-1] if header_line.endswith("\r") else header_line).split(sep)

    def header_at(c: int) -> tuple[str, int, int]:
        return name, first_line, sum(len(cell) + 1 for cell in header[:c]) + 1

    return _Grid(name, header, data, bounds, first_line, header_at, sep)


def _xlsx_table(raw: bytes, name: str, unit_column: str) -> _Table:
    from ..survey.definition import cell_key
    from .workbook import Workbook, column_letters, unsaved_problems

    book = Workbook(raw, name)
    if not book.sheets:
        raise input_error(name, 0, 0, tr("the workbook has no sheet"))
    chosen = None
    grids = {}
    for sheet in book.sheets:
        grid = book.grid(sheet)
        grids[sheet] = grid
        if grid and any(isinstance(v, str) and cell_key(v) == cell_key(unit_column) for v in grid[0]):
            chosen = sheet
            break
    if chosen is None:
        chosen = next(iter(book.sheets))
    grid = grids[chosen]
    cells = book.cells(chosen)
    if cells.unsaved:
        raise unsaved_problems(name, chosen, cells.unsaved)
    errors = cells.errors

    def text(value, r: int, c: int) -> str:
        if (r, c) in errors or (r + 1, c + 1) in errors:
            return "\x00" + str(errors.get((r, c), errors.get((r + 1, c + 1))))
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return "\x00" + ("TRUE" if value else "FALSE")
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else repr(value)
        if isinstance(value, (int, str)):
            return str(value)
        return "\x00" + str(value)  # a date or a time is not an answer

    rows = [[text(v, r, c) for c, v in enumerate(row)] for r, row in enumerate(grid)]
    while rows and not any(rows[-1]):
        rows.pop()

    def where(r: int, c: int) -> tuple[str, int, int]:
        return f"{name}:{chosen}!{column_letters(c + 1)}{r + 2}", 0, 0

    def header_at(c: int) -> tuple[str, int, int]:
        return f"{name}:{chosen}!{column_letters(c + 1)}1", 0, 0

    return _Table(name, rows[0] if rows else [], rows[1:], where, header_at)


def read_answers(paths: list[Path], definition, known: dict[str, str] | None) -> Answers:
    """The respondents of every file; :class:`InputError` with every problem of every file.

    ``known``: the unit codes the answers may name (None: any code)."""
    from ..survey.compute import MISSING

    items = definition.items
    out = Answers()
    unit_index: dict[str, int] = {}
    parts: list[tuple[Any, Any]] = []  # per file: (unit number of each row, answer matrix)
    problems: list[Problem] = []
    cells = _Cells(definition.scale, MISSING)
    seen: dict[str, str] = {}
    for path in paths:
        name = str(path)
        try:
            raw = read_bytes(path, name)
            if len(paths) > 1:  # the same export twice: its respondents would count twice
                digest = sha256_hex(raw)
                if digest in seen:
                    raise input_error(name, 0, 0, tr("the file holds the same bytes as {other}: its respondents "
                                                     "would count twice; give it once", other=seen[digest]))
                seen[digest] = name
            if path.suffix.lower() == ".xlsx" or raw[:4] == b"PK\x03\x04":
                if path.suffix.lower() != ".xlsx":
                    raise input_error(name, 0, 0, tr("the file is a workbook (zip) but its name does not end in "
                                                     ".xlsx; rename it"))
                table = _xlsx_table(raw, name, definition.unit_column)
            elif path.suffix.lower() in (".xls", ".xlsm", ".ods"):
                raise input_error(name, 0, 0, tr("parcli reads answers as .csv (UTF-8) or .xlsx; save the file in "
                                                 "one of them"))
            else:
                table = _csv_table(raw, name)
        except InputError as exc:
            problems.extend(exc.problems or [Problem(name, 0, 0, exc.message)])
            continue
        got = _read_table(table, definition, items, cells, known, unit_index, out, parts)
        problems.extend(got)
    if problems:
        raise InputError(tr("the answers have problems"), problems)
    import numpy as np

    if parts:
        units = np.concatenate([u for u, _m in parts])
        matrix = np.concatenate([m for _u, m in parts])
    else:
        units, matrix = np.zeros(0, dtype=np.int64), np.zeros((0, len(items)), dtype=np.int16)
    order = np.argsort(units, kind="stable")
    bounds = np.searchsorted(units[order], np.arange(len(out.codes) + 1))
    for k in range(len(out.codes)):
        out.matrices.append(matrix[order[bounds[k]:bounds[k + 1]]])
    return out


def _read_table(table: _Table, definition, items, cells: _Cells, known, unit_index: dict[str, int], out: Answers,
                parts: list[tuple[Any, Any]]) -> list[Problem]:
    from ..survey.definition import code_key

    found = _Collector(table.name)
    # a header typed decomposed (Unikey's "Unicode tổ hợp", a Mac) is the same header as the definition's
    header = [_nfc(h.strip()) for h in table.header]
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    positions: dict[str, list[int]] = {}
    for k, h in enumerate(header):
        positions.setdefault(h, []).append(k)
    unit_column = _nfc(definition.unit_column)
    wanted = [unit_column, *[_nfc(i.column) for i in items]]
    missing_cols = [w for w in wanted if w not in positions]
    for name in missing_cols:
        place, ln, col = table.header_at(0)
        found.add(Problem(place, ln, col,
                          tr("no column {column!r} in the first row; the columns are {columns}", column=name,
                             columns=", ".join(repr(h) for h in header[:40]) + (" …" if len(header) > 40 else ""))))
    for name in wanted:
        if len(positions.get(name, ())) > 1:
            place, ln, col = table.header_at(positions[name][1])
            found.add(Problem(place, ln, col,
                              tr("the column {column!r} is there {count} times (columns {where}); which one holds "
                                 "the answers? Rename or delete the others", column=name, count=len(positions[name]),
                                 where=", ".join(str(k + 1) for k in positions[name]))))
    if found.problems:
        return found.finish()
    unit_col = positions[unit_column][0]
    cols = [positions[_nfc(i.column)][0] for i in items]
    width = len(header)
    skipped: set[int] = set()  # rows longer than the header: named, left out of the columns
    if table.flat is None and table.rows is not None:  # rows as read: each made as long as the header
        rows = table.rows
        flat: list[str] = []
        for r, row in enumerate(rows):
            if len(row) > width and any(cell.strip() for cell in row[width:]):
                place, ln, col = table.where(r, width)
                found.add(Problem(place, ln, col, tr("the row has {count} fields; the first row names {width} "
                                                     "columns", count=len(row), width=width)))
                skipped.add(r)
                row = []
            flat.extend(row[:width] if len(row) >= width else row + [""] * (width - len(row)))
        table.flat, table.rows = flat, None
    import numpy as np

    codes = _Codes(known, unit_index, out.codes)
    units = table.coded(unit_col, codes)
    matrix = table.answers(cols, cells)
    blank = 0
    unknown: dict[str, list] = {}
    for r in np.flatnonzero(units < 0).tolist() if units.min(initial=0) < 0 else []:
        if r in skipped:
            continue
        code = code_key(table.cell(r, unit_col))
        if units[r] == _BLANK:
            if not any(cell.strip() for cell in table.row(r)):
                blank += 1
                continue
            place, ln, col = table.where(r, unit_col)
            found.add(Problem(place, ln, col, tr("column {column!r}: no unit code; every answer names the unit "
                                                 "it rates", column=definition.unit_column)))
        elif units[r] == _NOT_CODE:
            place, ln, col = table.where(r, unit_col)
            found.add(Problem(place, ln, col, tr("column {column!r}: {code!r} is not a unit code",
                                                 column=definition.unit_column, code=code[:60])))
        elif code in unknown:
            unknown[code][1] += 1
        else:
            unknown[code] = [table.where(r, unit_col), 1]
    invalid = matrix == _INVALID
    bad_rows, bad_items = np.nonzero(invalid) if invalid.any() else (np.zeros(0, int), np.zeros(0, int))
    for r, k in zip(bad_rows.tolist(), bad_items.tolist(), strict=True):
        if found.full():
            found.more += 1
            continue
        place, ln, col = table.where(r, cols[k])
        found.add(Problem(place, ln, col, _bad_answer(table.cell(r, cols[k]), items[k].column, definition.scale)))
    if blank:
        out.blank_rows.append((table.name, blank))
    for code, ((place, ln, col), count) in unknown.items():
        more = tr(" (and {count:,} more rows with this code)", count=count - 1) if count > 1 else ""
        found.add(Problem(place, ln, col, tr("column {column!r}: unknown unit code {code!r}{more}; the survey's units "
                                             "are {codes}", column=definition.unit_column, code=code, more=more,
                                             codes=_some(list(known or ())))))
    if not found.problems:
        keep = units >= 0
        out.rows += int(keep.sum())
        parts.append((units[keep], matrix[keep]))
    return found.finish()


_BLANK, _NOT_CODE, _UNKNOWN = -1, -2, -3


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


class _Codes(dict):
    """A unit cell's text → the unit's number (in order of first appearance), or why it names no unit."""

    def __init__(self, known, index: dict[str, int], codes: list[str]):
        super().__init__()
        self.known, self.index, self.codes = known, index, codes

    def __missing__(self, text: str) -> int:
        from ..survey.definition import code_key

        code = code_key(text)
        if not code:
            number = _BLANK
        elif not code.isprintable() or len(code) > 200:
            number = _NOT_CODE
        elif self.known is not None and code not in self.known:
            number = _UNKNOWN
        else:
            number = self.index.get(code, -9)
            if number == -9:
                number = self.index[code] = len(self.codes)
                self.codes.append(code)
        if len(self) < 100_000:
            self[text] = number
        return number


def _some(codes: list[str]) -> str:
    return ", ".join(codes[:20]) + (" …" if len(codes) > 20 else "")


def _bad_answer(cell: str, column: str, scale) -> str:
    if cell.startswith("\x00"):
        return tr("column {column!r}: {value!r} is not an answer (an answer is a whole number from {low} to {high})",
                  column=column, value=cell[1:], low=scale.min, high=scale.max)
    words = ""
    if scale.labels:
        words = tr(" or one of its labels")
    missing = ""
    if scale.missing:
        missing = tr("; no answer is a blank cell or {codes}", codes=", ".join(scale.missing_shown))
    else:
        missing = tr("; no answer is a blank cell")
    return tr("column {column!r}: {value!r} is not on the scale {low} to {high}{words}{missing}", column=column,
              value=cell[:60], low=scale.min, high=scale.max, words=words, missing=missing)
