"""The self-assessment form (DESIGN §9): an XLSX workbook that departments fill instead of YAML.

Writing (openpyxl): a visible sheet with the unit's name, code and year at the top, then
one row per field, criterion and leaf in framework order (id, title indented by level,
max, how it is scored with its unit, the value, ``done`` and ``of`` for rates, not
applicable, claimed points, appraised points, note, documents); data validation on every
input cell; structure cells locked (sheet protection without a password); a sheet of
instructions; a hidden sheet ``parcli`` with ``parcli/form/v1``, the framework reference,
id, version and sha256, and the row of every id.

Reading (python-calamine): the hidden sheet says where everything is, so a form in either
language reads the same. The workbook is checked before it is read: ``.xlsx`` only (no
macros), a sound zip whose parts inflate to no more than the size limit of YAML files,
every formula with a saved value. Its cells become the same values a unit file's YAML
gives, so every check and message is the unit file's, located as ``form.xlsx:Sheet!E12``.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from .domain import UNIT_SCHEMA
from .errors import InputError, Problem, input_error
from .i18n import tr
from .loader import _CONTROL, max_bytes, read_bytes

FORM_SCHEMA = "parcli/form/v1"
META = "parcli"
HEADER_ROW = 6
FIRST_ROW = 7
COLUMNS = ("id", "title", "max", "rule", "value", "done", "of", "na", "claimed", "points", "note", "documents")
LETTER = {key: chr(ord("A") + i) for i, key in enumerate(COLUMNS)}
UNIT_CELLS = {"unit": "B2", "code": "B3", "year": "B4"}
INPUTS = ("value", "done", "of", "na", "claimed", "points", "note", "documents")
YES = frozenset(("có", "co", "yes", "true", "x", "1"))
NO = frozenset(("không", "khong", "no", "false", "0"))
FORM_SUFFIXES = (".xlsx",)
REFUSED_SUFFIXES = (".xlsm", ".xltm", ".xls", ".xlsb", ".ods")


# --- writing -------------------------------------------------------------------------


def write_form(fw, ref: str, lang: str = "vi", unit=None, year: int | None = None) -> bytes:
    """The form for framework ``fw`` (``ref`` as a unit file names it); filled from ``unit`` if given."""
    import datetime

    if unit is not None:
        _check_cell_lengths(unit)

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from .report import display, label, provenance_line

    places = fw.places

    def fmt(v):
        return display(v, places)

    wb = Workbook()
    ws = wb.active
    ws.title = label("form_sheet", lang)
    unlocked = Protection(locked=False)
    bold = Font(bold=True)
    input_fill = PatternFill("solid", fgColor="FFF8DC")
    wrap = Alignment(wrap_text=True, vertical="top")

    ws["A1"] = f"{label('form_title', lang)}: {fw.title(lang)} ({fw.id} v{fw.version})"
    ws["A1"].font = Font(bold=True, size=13)
    for key, cell in UNIT_CELLS.items():
        row = ws[cell].row
        ws.cell(row=row, column=1, value=label({"unit": "form_unit", "code": "form_code", "year": "year"}[key], lang))
        ws.cell(row=row, column=1).font = bold
        ws[cell].protection = unlocked
        ws[cell].fill = input_fill
    ws[UNIT_CELLS["year"]] = year or (unit.year if unit else datetime.date.today().year)
    if unit is not None:
        ws[UNIT_CELLS["unit"]] = unit.name
        ws[UNIT_CELLS["code"]] = unit.code
    else:  # as the blank YAML template: a placeholder to replace, so that the blank form validates
        ws[UNIT_CELLS["unit"]] = label("form_unit", lang)
    ws["A5"] = provenance_line(fw, lang)
    ws["A5"].font = Font(italic=True, color="808080")

    heads = {"id": label("id", lang), "title": label("title", lang), "max": label("max", lang),
             "rule": label("rule", lang), "value": label("form_value", lang), "done": label("form_done", lang),
             "of": label("form_of", lang), "na": label("form_na", lang), "claimed": label("form_claimed", lang),
             "points": label("form_points", lang), "note": label("form_note", lang),
             "documents": label("documents", lang)}
    for key in COLUMNS:
        c = ws[f"{LETTER[key]}{HEADER_ROW}"]
        c.value = heads[key]
        c.font = bold
        c.alignment = wrap
    widths = {"id": 8, "title": 60, "max": 8, "rule": 40, "value": 16, "done": 10, "of": 10, "na": 10,
              "claimed": 10, "points": 12, "note": 40, "documents": 40}
    for key, w in widths.items():
        ws.column_dimensions[LETTER[key]].width = w
    ws.freeze_panes = f"C{FIRST_ROW}"

    yes, no = label("yes", lang), label("no", lang)
    validations: dict[tuple, Any] = {}

    def validate(cell: str, kind: str, *args) -> None:
        key = (kind, *args)
        dv = validations.get(key)
        if dv is None:
            if kind == "list":
                dv = DataValidation(type="list", formula1='"' + ",".join(args[0]) + '"', allow_blank=True)
            elif kind == "whole":
                dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            else:  # decimal between
                dv = DataValidation(type="decimal", operator="between", formula1=str(args[0]),
                                    formula2=str(args[1]), allow_blank=True)
            dv.showErrorMessage = True
            validations[key] = dv
            ws.add_data_validation(dv)
        dv.add(cell)

    rows: list[tuple[str, int]] = []
    evidence = unit.evidence if unit is not None else {}
    na_ids = unit.na if unit is not None else frozenset()
    row = FIRST_ROW
    for node in _in_order(fw):
        depth = {"field": 0, "criterion": 1, "subcriterion": 2}[node.kind]
        ws[f"{LETTER['id']}{row}"] = node.id
        ws[f"{LETTER['title']}{row}"] = "    " * depth + node.label(lang)
        ws[f"{LETTER['title']}{row}"].alignment = wrap
        ws[f"{LETTER['max']}{row}"] = node.max
        if node.kind == "field":
            for key in COLUMNS:
                ws[f"{LETTER[key]}{row}"].font = bold
        for key in ("na", "note"):
            cell = f"{LETTER[key]}{row}"
            ws[cell].protection = unlocked
            ws[cell].fill = input_fill
        validate(f"{LETTER['na']}{row}", "list", (yes, no))
        if node.id in na_ids:
            ws[f"{LETTER['na']}{row}"] = yes
        if node.is_leaf:
            rule = node.rule
            unit_text = rule.unit(lang)
            how = rule.describe(node.max, lang, fmt) + (f" ({unit_text})" if unit_text else "")
            ws[f"{LETTER['rule']}{row}"] = how
            ws[f"{LETTER['rule']}{row}"].alignment = wrap
            for key in INPUTS:
                cell = f"{LETTER[key]}{row}"
                ws[cell].protection = unlocked
                ws[cell].fill = input_fill
                ws[cell].alignment = wrap if key in ("note", "documents") else Alignment(vertical="top")
            value_cell = f"{LETTER['value']}{row}"
            if rule.kind == "yes_no":
                validate(value_cell, "list", (yes, no))
            elif rule.kind == "choice":
                validate(value_cell, "list", tuple(rule.options))
            elif rule.kind == "manual":
                validate(value_cell, "decimal", 0, node.max)
            elif rule.measure == "percent":
                validate(value_cell, "decimal", 0, 100)
                validate(f"{LETTER['done']}{row}", "decimal", 0, 10 ** 12)
                validate(f"{LETTER['of']}{row}", "decimal", 0, 10 ** 12)
            elif rule.measure == "count":
                validate(value_cell, "whole")
            elif rule.measure == "value":
                low, high = rule.value_bounds()
                if low is not None and high is not None:
                    validate(value_cell, "decimal", low, high)
            validate(f"{LETTER['claimed']}{row}", "decimal", 0, node.max)
            validate(f"{LETTER['points']}{row}", "decimal", 0, node.max)
            ev = evidence.get(node.id)
            if ev is not None and not ev.na:
                _fill(ws, row, node, ev, yes, no)
            elif ev is not None and ev.na:
                ws[f"{LETTER['na']}{row}"] = yes
                _fill_aux(ws, row, ev, node.id)
        rows.append((node.id, row))
        row += 1

    ws.protection.sheet = True  # no password: structure is locked, input cells are not
    ws.protection.formatCells = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False

    help_ws = wb.create_sheet(label("form_help_sheet", lang))
    help_ws.column_dimensions["A"].width = 110
    for i, line in enumerate(_HELP[lang], start=1):
        help_ws.cell(row=i, column=1, value=line.format(sheet=ws.title, yes=yes, no=no)).alignment = wrap

    meta = wb.create_sheet(META)
    meta.sheet_state = "hidden"
    head = [("schema", FORM_SCHEMA), ("framework", ref), ("framework_id", fw.id),
            ("framework_version", fw.version), ("framework_sha256", fw.sha256), ("sheet", ws.title)]
    head += [(key, cell) for key, cell in UNIT_CELLS.items()]
    head += [(f"column_{key}", LETTER[key]) for key in INPUTS]
    for key, value in head:
        meta.append([key, value])
    for node_id, r in rows:
        meta.append(["row", node_id, r])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _in_order(fw):
    for f in fw.fields:
        yield f
        for cid in f.children:
            c = fw.nodes[cid]
            yield c
            for sid in c.children:
                yield fw.nodes[sid]


def _check_cell_lengths(unit) -> None:
    """A note or documents longer than an Excel cell: refused naming the unit's file and the leaf."""
    from .report.xlsx import EXCEL_CELL_LIMIT

    for leaf_id, ev in unit.evidence.items():
        for text in (ev.note or "", "\n".join(ev.documents)):
            if len(text) > EXCEL_CELL_LIMIT:
                raise InputError(f"{unit.file}: {leaf_id}: " + tr(
                    "a note or documents of {length:,} characters are longer than an Excel cell holds ({limit:,}); "
                    "shorten them, or keep this unit in YAML", length=len(text), limit=EXCEL_CELL_LIMIT))


def _fill_aux(ws, row: int, ev, leaf_id: str = "") -> None:
    if ev.claimed is not None:
        ws[f"{LETTER['claimed']}{row}"] = ev.claimed
    if ev.note is not None:
        ws[f"{LETTER['note']}{row}"] = ev.note
    if ev.documents:
        ws[f"{LETTER['documents']}{row}"] = "\n".join(ev.documents)


def _fill(ws, row: int, node, ev, yes: str, no: str) -> None:
    value = f"{LETTER['value']}{row}"
    if ev.form == "bool":
        ws[value] = yes if ev.amount else no
    elif ev.form == "option":
        ws[value] = ev.amount
    elif ev.form == "ratio":
        ws[f"{LETTER['done']}{row}"] = ev.done
        ws[f"{LETTER['of']}{row}"] = ev.of
    elif ev.form in ("percent", "count", "value"):
        ws[value] = ev.amount
    if ev.points is not None:
        if node.rule.kind == "manual":
            ws[value] = ev.points
        else:
            ws[f"{LETTER['points']}{row}"] = ev.points
    _fill_aux(ws, row, ev, node.id)


_HELP = {
    "vi": [
        "Cách điền phiếu tự đánh giá",
        "1. Điền tên đơn vị, mã đơn vị và năm ở đầu trang tính '{sheet}'.",
        "2. Với mỗi tiêu chí thành phần, điền cột 'Giá trị': {yes}/{no} cho tiêu chí có/không; một phương án "
        "trong danh sách cho tiêu chí chọn mức; tỷ lệ % (0–100) hoặc 'Đã thực hiện' và 'Tổng số' cho tiêu chí "
        "tỷ lệ; số lượng (số nguyên) hoặc điểm khảo sát theo cột 'Cách chấm'.",
        "3. Tiêu chí, lĩnh vực hoặc tiêu chí thành phần không áp dụng: chọn {yes} ở cột 'Không áp dụng'.",
        "4. 'Điểm tự chấm' là điểm đơn vị tự đánh giá; 'Điểm thẩm định' chỉ do hội đồng thẩm định ghi.",
        "5. Ghi giải trình và tên tài liệu kiểm chứng (mỗi tài liệu một dòng trong ô).",
        "6. Số dùng dấu chấm thập phân (97.3). Không sửa cột Mã, không thêm hay xóa dòng, không đổi tên trang tính.",
        "7. Kiểm tra phiếu: parcli validate <tệp này>; chấm điểm: parcli score <tệp này>.",
    ],
    "en": [
        "How to fill in the self-assessment form",
        "1. Fill in the unit's name, code and year at the top of the sheet '{sheet}'.",
        "2. For each leaf fill in 'Value': {yes}/{no} for yes/no leaves; an option from the list for choice "
        "leaves; a percent (0–100), or 'Done' and 'Of', for rates; a count (a whole number) or a survey score "
        "as the 'Rule' column says.",
        "3. A field, criterion or leaf that does not apply: choose {yes} under 'Not applicable'.",
        "4. 'Claimed points' are the unit's own assessment; 'Appraised points' are for the appraisers only.",
        "5. Write the note and the documents (one document per line in the cell).",
        "6. Numbers take a decimal point (97.3). Do not change the ID column, add or delete rows, or rename sheets.",
        "7. Check the form: parcli validate <this file>; score it: parcli score <this file>.",
    ],
}


# --- reading -------------------------------------------------------------------------


class FormDocument:
    """A form read as a unit file: ``data`` as its YAML would be, problems located at cells."""

    __slots__ = ("file", "data", "sheet", "cells", "meta", "sha256", "rows", "columns", "fw")

    def __init__(self, file: str, data: dict, sheet: str, cells: dict, meta: dict):
        self.file = file
        self.data = data
        self.sheet = sheet
        self.cells = cells  # the unit's cells: ("unit",) -> "B2"
        self.meta = meta
        self.sha256 = ""
        self.rows: dict[str, int] = {}  # id -> row, from the hidden sheet
        self.columns: dict[str, str] = {}  # input -> column letter
        self.fw = None

    def locate(self, path, key: bool = False) -> tuple[int, int]:
        return (0, 0)

    def cell(self, path) -> str | None:
        """The cell a problem's path points at (worked out only for problems)."""
        path = tuple(path)
        if len(path) >= 2 and path[0] == "evidence" and path[1] in self.rows:
            row = self.rows[path[1]]
            key = path[2] if len(path) > 2 else "value"
            node = self.fw.nodes.get(path[1]) if self.fw is not None else None
            manual = node is not None and node.rule is not None and node.rule.kind == "manual"
            if key in ("percent", "count", "value") or (key == "points" and manual):
                key = "value"
            column = self.columns.get(key, self.columns.get("value"))
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


_SAVED_VALUE = re.compile(r"<v>[^<]+</v>")  # openpyxl writes <v /> for a formula it did not compute


def _checked_parts(raw: bytes, name: str) -> dict[str, bytes]:
    """The workbook's parts, inflated with a cap: a damaged zip, macros and decompression bombs refused."""
    limit = max_bytes()
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise input_error(name, 0, 0, tr("not a readable .xlsx workbook (a damaged zip: {detail}); open it in "
                                          "Excel or LibreOffice and save it again", detail=exc)) from None
    names = {i.filename for i in infos}
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise input_error(name, 0, 0, tr("the workbook holds macros; parcli reads forms saved as .xlsx "
                                          "(Excel Workbook) only"))
    if sum(i.file_size for i in infos) > limit:
        raise input_error(name, 0, 0, tr("the workbook inflates to more than the size limit of {limit:,} bytes "
                                          "(PARCLI_MAX_BYTES); it is refused unread", limit=limit))
    parts: dict[str, bytes] = {}
    total = 0
    try:
        for info in infos:
            if info.is_dir():
                continue
            with archive.open(info) as fh:
                chunks = []
                while True:
                    chunk = fh.read(1 << 16)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > limit:  # a part that says it is small but is not
                        raise input_error(name, 0, 0, tr("the workbook inflates to more than the size limit of "
                                                          "{limit:,} bytes (PARCLI_MAX_BYTES); it is refused unread",
                                                          limit=limit))
                    chunks.append(chunk)
            parts[info.filename] = b"".join(chunks)
    except InputError:
        raise
    except Exception as exc:  # CRC errors, unsupported compression, truncated data
        raise input_error(name, 0, 0, tr("not a readable .xlsx workbook (a damaged zip: {detail}); open it in "
                                          "Excel or LibreOffice and save it again", detail=exc)) from None
    return parts


def _sheet_files(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name → its part (``xl/worksheets/sheet1.xml``), from the workbook and its relations."""
    book = parts.get("xl/workbook.xml", b"").decode("utf-8", "replace")
    rels = parts.get("xl/_rels/workbook.xml.rels", b"").decode("utf-8", "replace")
    targets = {}
    for m in re.finditer(r"<Relationship\b([^>]*)/?>", rels):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if "Id" in attrs and "Target" in attrs:
            target = attrs["Target"].lstrip("/")
            targets[attrs["Id"]] = target if target.startswith("xl/") else "xl/" + target
    out = {}
    for m in re.finditer(r"<(?:\w+:)?sheet\b([^>]*)/?>", book):
        attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(1)))
        rid = attrs.get("r:id") or next((v for k, v in attrs.items() if k.endswith(":id")), None)
        if "name" in attrs and rid in targets:
            out[_xml_text(attrs["name"])] = targets[rid]
    return out


def _xml_text(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


_FORMULA = re.compile(rb"<f[ >/]")  # a formula element (not <fill>, <formula1> of data validation)
_CELL_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')


def _formulas_without_values(xml: bytes) -> list[str]:
    """The cells of a sheet that hold a formula but no saved value (openpyxl writes <v /> for them)."""
    out = []
    for m in _FORMULA.finditer(xml):
        start = xml.rfind(b"<c ", 0, m.start())
        end = xml.find(b"</c>", m.start())
        if start < 0 or end < 0:
            continue
        body = xml[start:end].decode("utf-8", "replace")
        ref = _CELL_REF.search(xml, start, m.start())
        if ref and not _SAVED_VALUE.search(body):
            out.append(ref.group(1).decode("ascii"))
    return out


def _cell_value(value: Any) -> Any:
    """A cell as the YAML loader would give it: Decimal, bool, NFC text, or None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        return text if text.isascii() else unicodedata.normalize("NFC", text)
    return str(value)  # dates and times: not a value parcli takes; the checks say so


def _yes_no(value: Any) -> Any:
    if isinstance(value, str) and value.lower() in YES:
        return True
    if isinstance(value, str) and value.lower() in NO:
        return False
    if isinstance(value, Decimal) and value in (0, 1):
        return bool(value)
    return value


def read_form(path: str | Path, display: str | None = None, fw_for=None) -> FormDocument:
    """Read a filled form. ``fw_for(ref)`` gives the framework its meta sheet names (to know each
    leaf's rule); problems of the workbook itself raise :class:`InputError`."""
    name = display if display is not None else str(path)
    suffix = Path(path).suffix.lower()
    if suffix in REFUSED_SUFFIXES:
        raise input_error(name, 0, 0, tr("parcli reads forms saved as .xlsx (Excel Workbook); this is {suffix}: "
                                          "save it as .xlsx", suffix=suffix))
    raw = read_bytes(path, name)
    parts = _checked_parts(raw, name)
    sheets = _sheet_files(parts)
    if META not in sheets:
        raise input_error(name, 0, 0, tr("not a parcli form (it has no hidden '{meta}' sheet); make a form with "
                                          "parcli template FRAMEWORK -o form.xlsx", meta=META))
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        meta_rows = book.get_sheet_by_name(META).to_python(skip_empty_area=False)
    except Exception as exc:
        raise input_error(name, 0, 0, tr("not a readable .xlsx workbook ({detail}); open it in Excel or "
                                          "LibreOffice and save it again", detail=exc)) from None
    meta: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for r in meta_rows:
        if not r or not isinstance(r[0], str):
            continue
        if r[0] == "row" and len(r) >= 3 and isinstance(r[1], str) and isinstance(r[2], (int, float)):
            rows[r[1]] = int(r[2])
        elif len(r) >= 2:
            meta[r[0]] = r[1]
    if meta.get("schema") != FORM_SCHEMA:
        raise input_error(name, 0, 0, tr("not a parcli form ('{meta}' sheet without {schema}); make a form with "
                                          "parcli template FRAMEWORK -o form.xlsx", meta=META, schema=FORM_SCHEMA))
    sheet = meta.get("sheet")
    if not isinstance(sheet, str) or sheet not in sheets:
        raise input_error(name, 0, 0, tr("the form's sheet {sheet!r} is missing; was it renamed? Give it back its "
                                          "name", sheet=sheet))
    missing_values = _formulas_without_values(parts.get(sheets[sheet], b""))
    if missing_values:
        raise InputError("formulas without values", [
            Problem(f"{name}:{sheet}!{ref}", 0, 0, tr("a formula without a saved value; open the file in Excel or "
                                                      "LibreOffice and save it, so that its value is stored"))
            for ref in missing_values])
    try:
        grid = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        raise input_error(name, 0, 0, tr("not a readable .xlsx workbook ({detail}); open it in Excel or "
                                          "LibreOffice and save it again", detail=exc)) from None

    def at(ref: str) -> Any:
        col = ord(ref[0]) - ord("A")
        row = int(ref[1:]) - 1
        if row < len(grid) and col < len(grid[row]):
            return _cell_value(grid[row][col])
        return None

    columns = {key: str(meta.get(f"column_{key}", LETTER[key])) for key in INPUTS}
    if not all(len(c) == 1 and "A" <= c <= "Z" for c in columns.values()):
        raise input_error(name, 0, 0, tr("not a parcli form ('{meta}' sheet without {schema}); make a form with "
                                          "parcli template FRAMEWORK -o form.xlsx", meta=META, schema=FORM_SCHEMA))
    positions = [(key, ord(columns[key]) - ord("A")) for key in INPUTS]
    lo, hi = min(c for _k, c in positions), max(c for _k, c in positions) + 1
    data: dict[str, Any] = {"schema": UNIT_SCHEMA}
    cells: dict[tuple, str] = {("schema",): None}
    for key, default in UNIT_CELLS.items():
        ref = str(meta.get(key, default))
        value = at(ref)
        cells[(key,)] = ref
        if value is not None:
            data[key] = value
    ref = meta.get("framework")
    data["framework"] = ref
    evidence: dict[str, Any] = {}
    data["evidence"] = evidence
    fw = fw_for(ref) if fw_for is not None and isinstance(ref, str) else None
    doc = FormDocument(name, data, sheet, cells, meta)
    if fw is None:
        return doc
    doc.rows, doc.columns, doc.fw = rows, columns, fw
    control: list[tuple[str, str]] = [(cells[(k,)], v) for k, v in data.items()
                                      if isinstance(v, str) and (k,) in cells and _CONTROL.search(v)]
    width = hi - lo
    order = [col - lo for _key, col in positions]  # where each input sits in a row's slice
    contiguous = order == list(range(len(INPUTS)))
    nodes = fw.nodes
    for node_id, row in rows.items():
        line = grid[row - 1] if 0 < row <= len(grid) else ()
        inputs = line[lo:hi]
        if inputs.count("") + inputs.count(None) == len(inputs):
            continue  # an empty row (most of a blank form): nothing to read
        if len(inputs) < width:
            inputs = list(inputs) + [None] * (width - len(inputs))
        if not contiguous:
            inputs = [inputs[k] for k in order]
        value, done, of, na, claimed, points, note, documents = cells_now = [
            None if v == "" or v is None else _cell_value(v) for v in inputs]
        for k, v in enumerate(cells_now):
            if isinstance(v, str) and _CONTROL.search(v):
                control.append((f"{columns[INPUTS[k]]}{row}", v))
        node = nodes.get(node_id)
        raw: dict[str, Any] = {}
        na = _yes_no(na)
        if na is not False and na is not None:
            raw["na"] = na
        if node is not None and node.rule is not None:
            rule = node.rule
            if value is not None:
                if rule.kind == "manual":
                    raw["points"] = value
                elif rule.measure is None:
                    raw["value"] = _yes_no(value) if rule.kind == "yes_no" else value
                else:
                    raw[rule.measure] = value
            if done is not None:
                raw["done"] = done
            if of is not None:
                raw["of"] = of
            if claimed is not None:
                raw["claimed"] = claimed
            if points is not None and "points" not in raw:
                raw["points"] = points
        if note is not None:
            raw["note"] = note if isinstance(note, str) else str(note)
        if documents is not None:
            raw["documents"] = [d.strip() for d in str(documents).splitlines() if d.strip()]
        if raw:
            if len(raw) == 1 and "value" in raw and node is not None and node.rule is not None \
                    and node.rule.measure is None:
                raw = raw["value"]  # the scalar form (true, an option key), as a unit file writes it
            evidence[node_id] = raw
    if control:  # as in YAML: a control character in text is refused where it is
        raise InputError("control characters", [
            Problem(f"{name}:{sheet}!{ref}", 0, 0, tr("a control character ({char}) in text; remove it (only tab "
                                                      "and line breaks are allowed)",
                                                      char=f"U+{ord(_CONTROL.search(v).group(0)):04X}"))
            for ref, v in control])
    return doc


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
