"""An .xlsx workbook read safely: its insides checked before anything believes them. The form
reader (:mod:`parcli.inputs.form`) reads forms through :class:`Workbook`; ``--previous`` reads last
year's ranking workbook through :func:`read_sheet`.

A workbook is a zip of XML parts that anyone can write by hand, so before python-calamine
(fast, but it trusts what the XML says) sees one:

- the zip is sound, no two parts share a name (as calamine looks them up: case and ``\\``
  vs ``/`` aside), the declared sizes and the bytes really inflated stay under the size
  limit of YAML files (``PARCLI_MAX_BYTES``), and only the parts a reader needs are inflated;
- macros are refused by what the parts are (``[Content_Types].xml`` and the relations:
  VBA projects, macro-enabled workbooks, Excel 4 macro sheets), not only by their names;
- every worksheet's used range is worked out from its XML: each cell names an A1-style
  reference within Excel's grid, and rows × columns stay under :data:`MAX_CELLS`, so a single
  cell at XFD1048576 cannot make calamine allocate its 17 billion cells;
- the shared strings' ``uniqueCount`` (which calamine reserves memory for) is held to the
  strings the part holds, and every cell's shared-string index (``t="s"``) to one of them;
- calamine then reads a workbook rebuilt from exactly the parts checked here (stored, not
  deflated), so it never reads a byte that was not checked.

What calamine does not give is read here from the XML, in one linear pass per question:
the cells whose number format is a percentage (``xl/styles.xml``: ``numFmts`` and
``cellXfs``, the cells' ``s=``), the cells that hold an Excel error (``#DIV/0!``), and the
formulas without a saved value.
"""

from __future__ import annotations

import bisect
import html
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem, input_error
from ..i18n import tr
from .files import max_bytes, read_bytes

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

MAX_ROW, MAX_COL = 1_048_576, 16_384  # Excel's grid
CELL_LIMIT = 4_000_000  # rows × columns (from A1) of a sheet calamine may build: a ranking of 10,600 communes
# needs about 200,000

_MACRO_TYPES = ("vbaproject", "macroenabled", "macrosheet", "ms-office.activex")


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _unreadable(name: str, detail: str) -> InputError:
    """What is damaged, in parcli's words (a library's own text is never shown)."""
    return input_error(name, 0, 0, tr("not a readable .xlsx workbook ({detail}); open it in Excel or "
                                      "LibreOffice and save it again", detail=detail))


def _damaged(name: str) -> InputError:
    return _unreadable(name, tr("a damaged zip"))


def _too_big(name: str, limit: int) -> InputError:
    return input_error(name, 0, 0, tr("the workbook inflates to more than the size limit of {limit:,} bytes "
                                      "(PARCLI_MAX_BYTES); it is refused unread", limit=limit))


def _part_key(name: str) -> str:
    """A part's name as calamine looks it up (case and backslashes aside)."""
    return name.replace("\\", "/").lower()


# --- one sheet's XML ---------------------------------------------------------------

_CELL = rb"<(?:[A-Za-z_][\w.\-]*:)?c(?=[\s/>])"  # a cell's start tag (<c …>, <x:c …>), not <col>, <cfRule>
_REF = rb"[A-Z]{1,3}[1-9][0-9]{0,6}"
# Fast (literal-prefixed) tests that hold for what Excel, LibreOffice and openpyxl write: every cell
# starts <c r="A1" with a reference within ZZ999, and no cell has a namespace prefix (<x:c>).
_NOT_PLAIN = re.compile(rb'<c(?![\w:.\-])(?! r="[A-Z]{1,2}[1-9][0-9]{0,2}")')
_PREFIXED_TAG = re.compile(rb":[cf][\s/>]")  # <x:c …>, <x:f>: a prefixed cell or formula
# The exact, slower reading of every cell's start tag, for the rest.
_ANY_CELL = re.compile(_CELL + rb"([^>]*)>")
_R_VALUE = re.compile(rb"\br\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ERROR_TYPE = re.compile(rb"t=[\"']e[\"']")
_ERROR_CELL = re.compile(_CELL + rb"([^>]*?\bt\s*=\s*[\"']e[\"'][^>]*)(?<!/)>(.*?)</(?:[\w.\-]+:)?c>", re.S)
_SST_UNIQUE = re.compile(rb"<(?:[\w.\-]+:)?sst\b[^>]*?\buniqueCount\s*=\s*[\"'](\d+)[\"']")
_SI = re.compile(rb"<(?:[\w.\-]+:)?si[\s>/]")
_R_ATTR = re.compile(rb"\br\s*=\s*[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")
_V = re.compile(rb"<(?:[\w.\-]+:)?v>([^<]*)</(?:[\w.\-]+:)?v>")
_FORMULA = re.compile(rb"<(?:[\w.\-]+:)?f[\s/>]")
_PLAIN_FORMULA = re.compile(rb"<f[\s/>]")
_CELL_START = re.compile(_CELL)
_SHARED_TYPE = re.compile(rb"\bt\s*=\s*[\"']s[\"']")
_SHARED_CELL = re.compile(_CELL + rb"([^>]*?\bt\s*=\s*[\"']s[\"'][^>]*)(?<!/)>(.*?)</(?:[\w.\-]+:)?c>", re.S)
_NOT_MARKUP = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)
_BUILTIN_PERCENT = re.compile(rb'numFmtId="(?:9|10)"')


def _position(tag_attrs: bytes) -> tuple[int, int] | None:
    m = _R_ATTR.search(tag_attrs)
    return (int(m.group(2)), column_number(m.group(1).decode("ascii"))) if m else None


def used_range(xml: bytes) -> tuple[int, int] | str:
    """(rows, columns) from A1 that a sheet's cells may use (an upper bound), or why it is not a sheet
    parcli reads: ``""`` for a cell without an A1-style reference, else the reference beyond what one
    can be (``"ZZZZ1"``, as the XML writes it)."""
    if _NOT_PLAIN.search(xml) is None and _PREFIXED_TAG.search(xml) is None:
        return (999, 702)  # every cell within ZZ999
    rows = cols = 0
    for m in _ANY_CELL.finditer(xml):
        attrs = m.group(1)
        r = _R_VALUE.search(attrs)
        if r is None:
            return ""
        ref = r.group(1) if r.group(1) is not None else r.group(2)
        found = re.fullmatch(rb"([A-Z]{1,3})([1-9][0-9]{0,6})", ref)
        if found is None:
            return ref.decode("utf-8", "replace")[:20] or " "
        if attrs.endswith(b"/"):  # <c r="…"/>: an empty cell, not in calamine's grid
            continue
        row, col = int(found.group(2)), column_number(found.group(1).decode("ascii"))
        if row > rows:
            rows = row
        if col > cols:
            cols = col
    return rows, cols


@dataclass
class SheetCells:
    """What calamine does not say about a sheet's cells, by (row, column), 1-based."""

    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # "#DIV/0!"
    percent: set[tuple[int, int]] = field(default_factory=set)  # a percentage number format
    unsaved: list[str] = field(default_factory=list)  # formulas without a saved value ("E12")


def formulas_without_values(xml: bytes, prefixed: bool | None = None) -> list[str]:
    """The cells that hold a formula but no saved value (openpyxl writes ``<v />``): one pass,
    each cell looked at once however many ``<f>`` it holds. ``prefixed=False``: the sheet is known to
    hold no element with a namespace prefix (<x:f>)."""
    if _PLAIN_FORMULA.search(xml) is None and (prefixed is False or _PREFIXED_TAG.search(xml) is None):
        return []
    starts = [m.start() for m in _CELL_START.finditer(xml)]
    out: list = []
    pos = 0
    while True:
        m = _FORMULA.search(xml, pos)
        if m is None:
            return out
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0:  # a formula before any cell: not a cell's
            pos = m.end()
            continue
        begin, end = starts[i], (starts[i + 1] if i + 1 < len(starts) else len(xml))
        tag_end = xml.find(b">", begin, end)
        attrs = xml[begin:tag_end]
        v = _V.search(xml, tag_end, end)
        text = re.search(rb"\bt\s*=\s*[\"']str[\"']", attrs) is not None  # a formula whose value is text ("" too)
        if v is None or (v.group(1) == b"" and not text):
            where = _position(attrs)
            if where is not None:
                out.append(f"{column_letters(where[1])}{where[0]}")
        pos = end


def shared_string_count(xml: bytes) -> int:
    """How many strings a shared-strings part really holds (its ``<si>``; comments and CDATA aside)."""
    if b"<!" in xml:
        xml = _NOT_MARKUP.sub(b"", xml)
    return len(_SI.findall(xml))


def bad_shared_string(xml: bytes, count: int) -> tuple[str, str] | None:
    """The first cell of a sheet (``("B4", "999999")``) whose shared-string index (``t="s"``) is not one of the
    ``count`` strings the workbook holds, or None: python-calamine would index past its list (the oldest
    allowed version panics)."""
    if _SHARED_TYPE.search(xml) is None:
        return None
    for m in _SHARED_CELL.finditer(xml):
        v = _V.search(m.group(2))
        index = v.group(1).strip() if v else b""
        if not (index.isdigit() and int(index) < count):
            where = _position(m.group(1))
            cell = f"{column_letters(where[1])}{where[0]}" if where else "?"
            return cell, index.decode("utf-8", "replace")[:20]
    return None


def _styles(xml: bytes) -> set[bytes]:
    """The style ids (``s=``) whose number format shows a percentage."""
    if b"%" not in xml and _BUILTIN_PERCENT.search(xml) is None:
        return set()  # no percentage format at all (openpyxl's forms): nothing to look up
    formats = {}
    for m in re.finditer(rb"<(?:[\w.\-]+:)?numFmt\b([^>]*)>", xml):
        attrs = dict(re.findall(rb"([\w:]+)\s*=\s*\"([^\"]*)\"", m.group(1)))
        if b"numFmtId" in attrs:
            formats[attrs[b"numFmtId"]] = html.unescape(attrs.get(b"formatCode", b"").decode("utf-8", "replace"))
    start = re.search(rb"<(?:[\w.\-]+:)?cellXfs\b", xml)
    if start is None:
        return set()
    end = re.compile(rb"</(?:[\w.\-]+:)?cellXfs>").search(xml, start.end())
    block = xml[start.end(): end.start() if end else len(xml)]
    out = set()
    for i, m in enumerate(re.finditer(rb"<(?:[\w.\-]+:)?xf\b([^>]*)>", block)):
        fid = re.search(rb"\bnumFmtId\s*=\s*\"([0-9]+)\"", m.group(1))
        if fid is None:
            continue
        code = formats.get(fid.group(1))
        if (code is None and fid.group(1) in (b"9", b"10")) or (code is not None and is_percent_format(code)):
            out.add(str(i).encode("ascii"))
    return out


_MAIN_RELATION = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                  b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                  b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def stored_zip(parts: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``parts`` (name, bytes), stored as they are: what python-calamine reads, written at once."""
    if sum(len(data) for _n, data in parts) >= 0xFFFFFFFF:  # past what a zip without zip64 records holds
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED, allowZip64=True) as out:
            for name, data in parts:
                out.writestr(name, data)
        return buf.getvalue()
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data in parts:
        n = name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # the name in UTF-8
        crc, size = zlib.crc32(data), len(data)
        local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, 0, 0, 0x21, crc, size, size, len(n), 0) + n
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, 0, 0, 0x21, crc, size, size,
                                   len(n), 0, 0, 0, 0, 0, offset) + n)
        chunks += (local, data)
        offset += len(local) + size
    directory = b"".join(central)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), offset, 0)
    return b"".join(chunks) + directory + end


def is_percent_format(code: str) -> bool:
    """Whether a number format shows a percentage: a ``%`` outside quotes, brackets and escapes."""
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", code)
    return "%" in code.split(";")[0]


# --- the workbook -------------------------------------------------------------------


class Workbook:
    """A workbook's checked parts and, on demand, its sheets through python-calamine."""

    def __init__(self, raw: bytes, name: str):
        self.name = name
        limit = max_bytes()
        try:
            archive = zipfile.ZipFile(io.BytesIO(raw))
            infos = archive.infolist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            raise _damaged(name) from None
        by_key: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            key = _part_key(info.filename)
            if key in by_key:  # which of the two would calamine read?
                raise _unreadable(name, tr("two parts of the zip have one name") + f" ({info.filename!r})")
            by_key[key] = info
        if sum(i.file_size for i in infos) > limit:
            raise _too_big(name, limit)
        self._raw, self._by_key, self._limit, self._inflated = raw, by_key, limit, 0
        self._parts: dict[str, bytes] = {}
        types = self.part("[content_types].xml") or b""
        rels = self.part("xl/_rels/workbook.xml.rels") or b""
        lowered = (types + rels).lower()
        if (any(k.endswith("vbaproject.bin") for k in by_key)
                or any(t.encode() in lowered for t in _MACRO_TYPES)):
            raise input_error(name, 0, 0, tr("the workbook holds macros; parcli reads forms saved as .xlsx "
                                             "(Excel Workbook) only"))
        self.sheets = self._sheet_parts(rels)
        self._book: CalamineWorkbook | None = None
        self._sheet_xml: dict[str, bytes] = {}
        self._plain: dict[str, bool] = {}
        self._grids: dict[str, list[list]] = {}

    def part(self, key: str) -> bytes | None:
        """A part's bytes (``key`` as :func:`_part_key` gives it), inflated under the size limit; None if absent."""
        if key in self._parts:
            return self._parts[key]
        info = self._by_key.get(key)
        if info is None or info.is_dir():
            return None
        raw = self._raw
        at = info.header_offset
        try:
            if raw[at:at + 4] != b"PK\x03\x04" or info.flag_bits & 1:
                raise ValueError("a part without its local header, or encrypted")
            start = at + 30 + int.from_bytes(raw[at + 26:at + 28], "little") + int.from_bytes(raw[at + 28:at + 30],
                                                                                              "little")
            data = raw[start:start + info.compress_size]
            left = self._limit - self._inflated
            if info.compress_type == zipfile.ZIP_STORED:
                out = data
            elif info.compress_type == zipfile.ZIP_DEFLATED:
                inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                out = inflater.decompress(data, left + 1)  # never more than the limit allows, whatever it says
                if len(out) <= left and not inflater.eof and not inflater.unconsumed_tail:
                    raise ValueError("a truncated part")
            else:
                raise ValueError(f"compression method {info.compress_type}")
            if len(out) > left:  # a part that says it is small but is not
                raise _too_big(self.name, self._limit)
            if zlib.crc32(out) != info.CRC or len(out) != info.file_size:
                raise ValueError(f"{info.filename}: bad CRC or size")
        except InputError:
            raise
        except Exception:  # CRC errors, unsupported compression, truncated data
            raise _damaged(self.name) from None
        self._inflated += len(out)
        self._parts[key] = out
        return out

    def _sheet_parts(self, rels: bytes) -> dict[str, str]:
        """Sheet name → its part key (``xl/worksheets/sheet1.xml``), from the workbook and its relations."""
        book = (self.part("xl/workbook.xml") or b"").decode("utf-8", "replace")
        targets = {}
        for m in re.finditer(r"<(?:[\w.\-]+:)?Relationship\b([^>]*)>", rels.decode("utf-8", "replace")):
            attrs = dict(re.findall(r'([\w:]+)\s*=\s*"([^"]*)"', m.group(1)))
            if "Id" in attrs and "Target" in attrs and attrs.get("Type", "").endswith("/worksheet"):
                target = html.unescape(attrs["Target"])
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                targets[attrs["Id"]] = _part_key(target)
        out = {}
        for m in re.finditer(r"<(?:[\w.\-]+:)?sheet\b([^>]*)>", book):
            attrs = dict(re.findall(r'([\w:]+)\s*=\s*"([^"]*)"', m.group(1)))
            rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
            if "name" in attrs and rid in targets and targets[rid] in self._by_key:
                out[html.unescape(attrs["name"])] = targets[rid]
        return out

    def sheet_xml(self, sheet: str) -> bytes:
        if sheet not in self._sheet_xml:
            self._sheet_xml[sheet] = self.part(self.sheets[sheet]) or b""
        return self._sheet_xml[sheet]

    def _calamine(self):
        """python-calamine on a workbook rebuilt from the checked parts only."""
        if self._book is not None:
            return self._book
        name = self.name
        for sheet in self.sheets:  # every sheet bounded before calamine builds any
            found = used_range(self.sheet_xml(sheet))
            self._plain[sheet] = found == (999, 702)
            if isinstance(found, str):
                said = (tr("the sheet {sheet!r} has a cell without a reference (such as E12)", sheet=sheet)
                        if not found.strip() else
                        tr("the sheet {sheet!r} has a cell at {ref!r}, not a cell of Excel's grid (A1 to XFD1048576)",
                           sheet=sheet, ref=found))
                raise input_error(name, 0, 0, said + "; " + tr("a workbook saved by Excel or LibreOffice never has: "
                                                               "save it again from one of them"))
            rows, cols = found
            if rows > MAX_ROW or cols > MAX_COL or rows * cols > CELL_LIMIT:
                raise input_error(f"{name}:{sheet}", 0, 0, tr(
                    "the sheet spans {rows:,} rows × {cols:,} columns, more than parcli reads ({limit:,} cells); "
                    "it is refused unread", rows=rows, cols=cols, limit=CELL_LIMIT) + " " + tr(
                    "(a cell as far as {cell}: delete the rows and columns beyond the table and save it again)",
                    cell=f"{column_letters(cols)}{rows}"))
        parts = [("_rels/.rels", _MAIN_RELATION)]  # the main part is where it was checked
        strings = 0
        for key in ("[content_types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                    "xl/sharedstrings.xml"):
            data = self.part(key)
            if data is None:
                continue
            if key == "xl/sharedstrings.xml":  # calamine reserves uniqueCount strings: at most those there are
                strings = shared_string_count(data)
                declared = _SST_UNIQUE.search(data)
                if declared and int(declared.group(1)) > strings:
                    raise _unreadable(name, tr("its shared strings declare more strings than they hold"))
            parts.append((self._by_key[key].filename, data))
        for sheet in self.sheets:
            bad = bad_shared_string(self.sheet_xml(sheet), strings)
            if bad is not None:
                raise input_error(f"{name}:{sheet}!{bad[0]}", 0, 0, tr(
                    "the cell names shared text number {index!r}, but the workbook holds {count:,} shared texts",
                    index=bad[1], count=strings) + "; " + tr("a workbook saved by Excel or LibreOffice never has: "
                                                              "save it again from one of them"))
            parts.append((self._by_key[self.sheets[sheet]].filename, self.sheet_xml(sheet)))
        import python_calamine

        try:
            self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(stored_zip(parts)))
        except BaseException as exc:  # pyo3's PanicException derives from BaseException: a last line of defence
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise _unreadable(name, tr("its sheet cannot be read")) from None
        return self._book

    def grid(self, sheet: str) -> list[list]:
        """The sheet's cell values from A1, row by row (python-calamine's: str, float, int, bool, dates), read
        once (a campaign reads a received form's sheets more than once)."""
        found = self._grids.get(sheet)
        if found is not None:
            return found
        found = self._grids[sheet] = self._grid(sheet)
        return found

    def _grid(self, sheet: str) -> list[list]:
        book = self._calamine()
        try:
            return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except BaseException as exc:  # pyo3's PanicException derives from BaseException: a last line of defence
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise _unreadable(self.name, tr("its sheet cannot be read")) from None

    def cells(self, sheet: str) -> SheetCells:
        """Errors, percentage formats and formulas without values of a sheet's cells."""
        xml = self.sheet_xml(sheet)
        found = SheetCells()
        if _ERROR_TYPE.search(xml):
            for m in _ERROR_CELL.finditer(xml):
                where = _position(m.group(1))
                v = _V.search(m.group(2))
                if where is not None:
                    found.errors[where] = html.unescape(v.group(1).decode("utf-8", "replace")) if v else "#?"
        styles = self._percent_styles()
        if styles:
            ids = b"|".join(sorted(styles))
            if self._plain.get(sheet):  # every cell starts <c r="…": a literal-prefixed search
                styled = re.compile(rb'<c( r="[A-Z]+[0-9]+"[^>]*? s="(?:' + ids + rb')")')
            else:
                styled = re.compile(_CELL + rb"([^>]*?\bs\s*=\s*[\"'](?:" + ids + rb")[\"'][^>]*)>")
            for m in styled.finditer(xml):
                where = _position(m.group(1))
                if where is not None:
                    found.percent.add(where)
        found.unsaved = formulas_without_values(xml, False if self._plain.get(sheet) else None)
        return found

    def _percent_styles(self) -> set[bytes]:
        if not hasattr(self, "_percent"):
            self._percent = _styles(self.part("xl/styles.xml") or b"")
        return self._percent


def unsaved_problems(name: str, sheet: str, refs: list[str]) -> InputError:
    return InputError("formulas without values", [
        Problem(f"{name}:{sheet}!{ref}", 0, 0, tr("a formula without a saved value; open the file in Excel or "
                                                  "LibreOffice and save it, so that its value is stored"))
        for ref in refs])


def read_sheet(path: str | Path, choose: Callable[[list[str]], str | None], display: str | None = None
               ) -> tuple[str, list[list[Any]], SheetCells]:
    """``(sheet name, rows of cell values, what calamine does not say of them)`` of the sheet
    ``choose(sheet names)`` names (None: the first), the workbook checked as :class:`Workbook` checks it."""
    name = display if display is not None else str(path)
    book = Workbook(read_bytes(path, name), name)
    if not book.sheets:
        raise _unreadable(name, tr("it has no sheet"))
    sheet = choose(list(book.sheets)) or next(iter(book.sheets))
    grid = book.grid(sheet)
    cells = book.cells(sheet)
    if cells.unsaved:
        raise unsaved_problems(name, sheet, cells.unsaved)
    return sheet, grid, cells
