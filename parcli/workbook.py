"""Reading one sheet of a workbook that someone sent (an earlier ranking workbook), checked first.

python-calamine reads fast, but it believes what the file says: it allocates the grid from the
cells' positions and the shared strings from their declared count, so a 20 KB file can make it
ask for hundreds of gigabytes and abort the process. Before calamine sees the file, the zip is
checked (sound, no two parts of one name, inflating to no more than the size limit of YAML
files, read with a cap), the sheet's extent is measured from its XML (at most
:data:`CELL_LIMIT` cells) and the shared strings' declared count is held to the strings there are.

(The form reader, :mod:`parcli.form`, makes the same zip checks for forms.)
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import input_error
from .i18n import tr
from .loader import max_bytes, read_bytes

CELL_LIMIT = 4_000_000  # rows × columns of the one sheet read: a ranking of 10,600 communes needs 200,000


def read_sheet(path: str | Path, choose: Callable[[list[str]], str | None], display: str | None = None
               ) -> tuple[str, list[list[Any]]]:
    """``(sheet name, rows of cell values)`` of the sheet ``choose(sheet names)`` names (None: the first)."""
    name = display if display is not None else str(path)
    raw = read_bytes(path, name)

    def damaged(detail: str) -> Exception:  # in parcli's words: a library's own text is never shown
        return input_error(name, 0, 0, tr("not a readable .xlsx workbook ({detail}); open it in Excel or "
                                          "LibreOffice and save it again", detail=detail))

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise damaged(tr("a damaged zip")) from None
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise damaged(tr("two parts of the zip have one name"))
    limit = max_bytes()
    if sum(i.file_size for i in infos) > limit:
        raise input_error(name, 0, 0, tr("the workbook inflates to more than the size limit of {limit:,} bytes "
                                          "(PARCLI_MAX_BYTES); it is refused unread", limit=limit))

    def part(member: str) -> bytes:
        if member not in names:
            return b""
        try:
            with archive.open(member) as fh:
                data = fh.read(limit + 1)  # a part that says it is small but is not
        except Exception:  # CRC errors, unsupported compression, truncated data
            raise damaged(tr("a damaged zip")) from None
        if len(data) > limit:
            raise input_error(name, 0, 0, tr("the workbook inflates to more than the size limit of {limit:,} bytes "
                                              "(PARCLI_MAX_BYTES); it is refused unread", limit=limit))
        return data

    sheets = _sheet_parts(part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels"))
    if not sheets:
        raise damaged(tr("it has no sheet"))
    sheet = choose(list(sheets)) or next(iter(sheets))
    rows, cols = _extent(part(sheets[sheet]))
    if rows * cols > CELL_LIMIT:
        raise input_error(f"{name}:{sheet}", 0, 0, tr("the sheet spans {rows:,} rows × {cols:,} columns, more than "
                                                      "parcli reads ({limit:,} cells); it is refused unread",
                                                      rows=rows, cols=cols, limit=CELL_LIMIT))
    strings = part("xl/sharedStrings.xml")
    declared = re.search(rb"<(?:\w+:)?sst\b[^>]*?\buniqueCount=\"(\d+)\"", strings)
    if declared and int(declared.group(1)) > len(re.findall(rb"<(?:\w+:)?si[\s>/]", strings)):
        raise damaged(tr("its shared strings declare more strings than they hold"))
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        return sheet, book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception:
        raise damaged(tr("its sheet cannot be read")) from None


def _sheet_parts(book: bytes, rels: bytes) -> dict[str, str]:
    """Sheet name → its part (``xl/worksheets/sheet1.xml``), in the workbook's order."""
    targets = {}
    for m in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        attrs = dict(re.findall(rb'([\w:]+)="([^"]*)"', m.group(1)))
        if b"Id" in attrs and b"Target" in attrs:
            target = attrs[b"Target"].decode("utf-8", "replace").lstrip("/")
            targets[attrs[b"Id"]] = target if target.startswith("xl/") else "xl/" + target
    out = {}
    for m in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)>", book):
        attrs = dict(re.findall(rb'([\w:]+)="([^"]*)"', m.group(1)))
        rid = next((v for k, v in attrs.items() if k.endswith(b":id")), None)
        if b"name" in attrs and rid in targets:
            out[_unescape(attrs[b"name"].decode("utf-8", "replace"))] = targets[rid]
    return out


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


_ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s/>])([^>]*)>")
_R = re.compile(rb'\br="([A-Z]*)([0-9]*)"')


def _extent(xml: bytes) -> tuple[int, int]:
    """The rows and columns a sheet's cells span, as calamine will lay them out (a row or a cell
    without its ``r`` follows the one before), in one pass over the XML."""
    rows = cols = row = col = 0
    for m in _ROW_OR_CELL.finditer(xml):
        ref = _R.search(m.group(2))
        if m.group(1) == b"row":
            row = int(ref.group(2)) if ref and ref.group(2) else row + 1
            col = 0
        else:
            if ref and ref.group(1):
                col = 0
                for ch in ref.group(1)[:4]:
                    col = col * 26 + ch - 64
                if ref.group(2):
                    row = int(ref.group(2)[:8])
            else:
                col += 1
            cols = max(cols, col)
        rows = max(rows, row)
    return rows, cols
