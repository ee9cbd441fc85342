"""The self-assessment form's writer (DESIGN §9): an XLSX workbook that departments fill instead of YAML.

A visible sheet with the unit's name, code and year at the top, then one row per field,
criterion and leaf in framework order (id, title indented by level, max, how it is scored
with its unit, the value, done and of for rates, not applicable, claimed points, appraised
points, note, documents), and under a framework with bonus and penalty points a row for each
after the leaves (id ``bonus`` / ``penalty``; DESIGN §12a); data validation on every input cell
(choice leaves: a list of the options' titles in the form's language); structure cells locked
(sheet protection without a password); a page setup that prints (A4 landscape, every column on
the page's width, the header row on every page); a sheet of instructions; a hidden sheet ``parcli`` with
``parcli/form/v1``, the framework reference, id, version and sha256, the form's language, and
the row of every id when the form was made. Text is always written as text, never as a formula.

The layout it writes is :mod:`parcli.inputs.form`'s, which reads it back.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from ..i18n import N_, say, tr
from ..inputs.form import (
    ADJUSTMENT_INPUTS,
    COLUMNS,
    FIRST_ROW,
    FORM_SCHEMA,
    HEADER_ROW,
    HEADS,
    INPUTS,
    LETTER,
    LISTS,
    META,
    UNIT_CELLS,
    UNIT_LABELS,
    WIDTHS,
    adjustment_title,
    form_label,
)
from ..inputs.workbook import column_letters

# --- writing -------------------------------------------------------------------------


def write_form(fw, ref: str, lang: str = "vi", unit=None, year: int | None = None, mark: str = "",
               recipient: tuple[str, str] | None = None, identity: Sequence[tuple[str, str]] = ()) -> bytes:
    """The form for framework ``fw`` (``ref`` as the form names it); filled from ``unit`` if given; ``mark``
    (where it came from: "planned by parcli …") under the title, after the provenance, and in the hidden sheet.
    A campaign's form (``recipient``: the unit's code and name) has them filled and locked, and its
    hidden sheet carries ``identity`` (the campaign, recipient, stage, round and digest)."""
    import io

    if unit is not None:
        _check_cell_lengths(unit)

    from openpyxl import Workbook as Book
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from . import display, provenance_line
    from .sheets import height_for, print_setup, put_text

    places = fw.places

    def fmt(v):
        return display(v, places)

    wb = Book()
    ws = wb.active
    assert isinstance(ws, Worksheet), "a new workbook opens on one worksheet"
    ws.title = form_label("form_sheet", lang)
    unlocked = Protection(locked=False)
    bold = Font(bold=True)
    input_fill = PatternFill("solid", fgColor="FFF8DC")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    centered = Alignment(horizontal="center", vertical="top")
    year = year or (unit.year if unit else datetime.date.today().year)

    def put(ref_: str, value) -> None:
        put_text(ws[ref_], value)

    title = f"{form_label('form_title', lang)} {year}: {fw.title(lang)} ({fw.id} v{fw.version})"
    put("A1", title)
    ws["A1"].font = Font(bold=True, size=13)
    for key, cell in UNIT_CELLS.items():
        row = ws[cell].row
        put(f"A{row}", form_label(UNIT_LABELS[key], lang))
        ws[f"A{row}"].font = bold
        if recipient is None:  # a campaign's form: the unit's cells are the campaign's, locked
            ws[cell].protection = unlocked
            ws[cell].fill = input_fill
        ws[cell].alignment = Alignment(horizontal="left")
    put(UNIT_CELLS["year"], year)
    if unit is not None:
        put(UNIT_CELLS["unit"], unit.name)
        put(UNIT_CELLS["code"], unit.code)
    elif recipient is not None:
        put(UNIT_CELLS["code"], recipient[0])
        put(UNIT_CELLS["unit"], recipient[1])
    else:  # as the blank YAML template: a placeholder to replace, so that the blank form validates
        put(UNIT_CELLS["unit"], form_label("form_unit", lang))
    if mark:
        from .snippet import visible

        mark = visible(mark)  # a file name's line breaks and bytes, escaped
    put("A5", provenance_line(fw, lang) + (f" · {mark}" if mark else ""))
    ws["A5"].font = Font(italic=True, color="808080")

    heads = {key: form_label(HEADS[key], lang) for key in COLUMNS}
    for key in COLUMNS:
        c = ws[f"{LETTER[key]}{HEADER_ROW}"]
        put_text(c, heads[key])
        c.font = bold
        c.alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[HEADER_ROW].height = height_for((heads[k], WIDTHS[k]) for k in COLUMNS)
    for key, w in WIDTHS.items():
        ws.column_dimensions[LETTER[key]].width = w
    ws.freeze_panes = f"C{FIRST_ROW}"

    yes, no = form_label("yes", lang), form_label("no", lang)
    validations: dict[tuple, Any] = {}
    help_ws = wb.create_sheet(form_label("form_help_sheet", lang))
    lists = wb.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    list_ranges: dict[tuple, str] = {}

    def option_list(titles: tuple[str, ...]) -> str:
        """The range of the lists sheet that holds these titles (titles may hold commas and quotes)."""
        found = list_ranges.get(titles)
        if found is None:
            col = column_letters(len(list_ranges) + 1)
            for i, text in enumerate(titles, start=1):
                put_text(lists[f"{col}{i}"], text)
            found = list_ranges[titles] = f"'{LISTS}'!${col}$1:${col}${len(titles)}"
        return found

    def validate(cell: str, kind: str, *args) -> None:
        key = (kind, *args)
        dv = validations.get(key)
        if dv is None:
            if kind == "bool":
                dv = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True)
            elif kind == "list":
                dv = DataValidation(type="list", formula1=option_list(args[0]), allow_blank=True)
            elif kind == "whole":
                dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            else:  # decimal between
                dv = DataValidation(type="decimal", operator="between", formula1=str(args[0]),
                                    formula2=str(args[1]), allow_blank=True)
            dv.showErrorMessage = True
            validations[key] = dv
            ws.add_data_validation(dv)
        dv.add(cell)

    indents = [Alignment(horizontal="left", wrap_text=True, vertical="top", indent=2 * depth)  # by level
               for depth in range(3)]
    rows: list[tuple[str, int]] = []
    evidence = unit.evidence if unit is not None else {}
    na_ids = unit.na if unit is not None else frozenset()
    row = FIRST_ROW
    for node in fw.in_order():
        depth = {"field": 0, "criterion": 1, "subcriterion": 2}[node.kind]
        texts = {"id": node.id, "title": "    " * depth + node.label(lang)}  # the width the indent takes
        put(f"{LETTER['id']}{row}", node.id)
        put(f"{LETTER['title']}{row}", node.label(lang))
        ws[f"{LETTER['title']}{row}"].alignment = indents[depth]
        ws[f"{LETTER['id']}{row}"].alignment = top
        ws[f"{LETTER['max']}{row}"] = node.max
        ws[f"{LETTER['max']}{row}"].alignment = centered
        if node.kind == "field":
            for key in COLUMNS:
                ws[f"{LETTER[key]}{row}"].font = bold
        for key in ("na", "note"):
            cell = f"{LETTER[key]}{row}"
            ws[cell].protection = unlocked
            ws[cell].fill = input_fill
            ws[cell].alignment = wrap if key == "note" else top
        validate(f"{LETTER['na']}{row}", "bool")
        if node.id in na_ids:
            put(f"{LETTER['na']}{row}", yes)
        if node.is_leaf:
            rule = node.rule
            unit_text = rule.unit(lang)
            texts["rule"] = rule.describe(node.max, lang, fmt) + (f" ({unit_text})" if unit_text else "")
            put(f"{LETTER['rule']}{row}", texts["rule"])
            ws[f"{LETTER['rule']}{row}"].alignment = wrap
            for key in INPUTS:
                cell = f"{LETTER[key]}{row}"
                ws[cell].protection = unlocked
                ws[cell].fill = input_fill
                ws[cell].alignment = wrap if key in ("note", "documents") else top
            value_cell = f"{LETTER['value']}{row}"
            cell_kind = rule.form_cell()
            if cell_kind == "bool":
                validate(value_cell, "bool")
            elif cell_kind == "option":
                validate(value_cell, "list", tuple(rule.titles(lang)))
            elif cell_kind == "points":
                validate(value_cell, "decimal", 0, node.max)
            elif cell_kind == "percent":
                validate(value_cell, "decimal", 0, 100)
                validate(f"{LETTER['done']}{row}", "decimal", 0, 10 ** 12)
                validate(f"{LETTER['of']}{row}", "decimal", 0, 10 ** 12)
            elif cell_kind == "count":
                validate(value_cell, "whole")
            elif cell_kind == "value":
                low, high = rule.value_bounds()
                if low is not None and high is not None:
                    validate(value_cell, "decimal", low, high)
            validate(f"{LETTER['claimed']}{row}", "decimal", 0, node.max)
            validate(f"{LETTER['points']}{row}", "decimal", 0, node.max)
            ev = evidence.get(node.id)
            if ev is not None and not ev.na:
                _fill(ws, row, node, ev, lang)
            elif ev is not None and ev.na:
                put(f"{LETTER['na']}{row}", yes)
                _fill_aux(ws, row, ev, node.id)
            if ev is not None:
                texts["note"] = ev.note or ""
                texts["documents"] = "\n".join(ev.documents)
        height = height_for((text, WIDTHS[key]) for key, text in texts.items())
        if height:
            ws.row_dimensions[row].height = height
        rows.append((node.id, row))
        row += 1
    declared = fw.header.adjustments
    for item in declared.items if declared is not None else ():  # bonus and penalty, after the leaves (§12a)
        texts = {"id": item.kind, "title": adjustment_title(item, lang),
                 "rule": say(_ADJUSTMENT_WORDS[item.kind], lang).format(max=fmt(item.max))}
        for key in ("id", "title", "rule"):
            put(f"{LETTER[key]}{row}", texts[key])
            ws[f"{LETTER[key]}{row}"].alignment = indents[0] if key == "title" else wrap if key == "rule" else top
        ws[f"{LETTER['max']}{row}"] = item.max
        ws[f"{LETTER['max']}{row}"].alignment = centered
        for key in COLUMNS:
            ws[f"{LETTER[key]}{row}"].font = bold
        for key in ADJUSTMENT_INPUTS:  # as a leaf scored by the appraisers: its points, claimed, appraised
            cell = f"{LETTER[key]}{row}"
            ws[cell].protection = unlocked
            ws[cell].fill = input_fill
            ws[cell].alignment = wrap if key in ("note", "documents") else top
        for key in ("value", "claimed", "points"):
            validate(f"{LETTER[key]}{row}", "decimal", 0, item.max)
        ev = unit.adjustments.get(item.kind) if unit is not None else None
        if ev is not None:
            if ev.points is not None:
                ws[f"{LETTER['value']}{row}"] = ev.points
            _fill_aux(ws, row, ev)
            texts["note"] = ev.note or ""
            texts["documents"] = "\n".join(ev.documents)
        height = height_for((text, WIDTHS[key]) for key, text in texts.items())
        if height:
            ws.row_dimensions[row].height = height
        rows.append((item.kind, row))
        row += 1

    ws.protection.sheet = True  # no password: structure is locked, input cells are not
    ws.protection.formatCells = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    print_setup(ws, title, f"{HEADER_ROW}:{HEADER_ROW}", provenance_line(fw, lang))
    ws.print_area = f"A1:{LETTER['documents']}{row - 1}"

    help_ws.column_dimensions["A"].width = 110
    help_lines = _HELP if declared is None else [*_HELP, _HELP_ADJUSTMENTS]
    for i, line in enumerate(help_lines, start=1):
        c = help_ws.cell(row=i, column=1)
        put_text(c, say(line, lang).format(sheet=ws.title, yes=yes, no=no,
                                           rows=", ".join(a.kind for a in declared.items) if declared else ""))
        c.alignment = wrap
    print_setup(help_ws, form_label("form_help_sheet", lang), "1:1")

    meta = wb.create_sheet(META)
    meta.sheet_state = "hidden"
    head = [("schema", FORM_SCHEMA), ("framework", ref), ("framework_id", fw.id),
            ("framework_version", fw.version), ("framework_sha256", fw.sha256), ("sheet", ws.title),
            ("lang", lang), ("column_id", LETTER["id"])]
    if mark:
        head.append(("origin", mark))
    head += [(key, cell) for key, cell in UNIT_CELLS.items()]
    head += [(f"column_{key}", LETTER[key]) for key in INPUTS]
    head += list(identity)
    r = 0
    for r, (key, value) in enumerate(head, start=1):
        put_text(meta.cell(row=r, column=1), key)
        put_text(meta.cell(row=r, column=2), value)
    for chunk in _packed_rows(rows):  # "id row" lines, a few cells for every id (a hint when rows move)
        r += 1
        put_text(meta.cell(row=r, column=1), "rows")
        put_text(meta.cell(row=r, column=2), chunk)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ROWS_CELL = 30_000  # characters of "id row" lines in one cell (an Excel cell holds 32,767)


def _packed_rows(rows: list[tuple[str, int]]) -> list[str]:
    """The row of every id as lines "1.1.1 9", in cells of at most :data:`ROWS_CELL` characters."""
    chunks: list[str] = []
    lines: list[str] = []
    size = 0
    for node_id, at in rows:
        line = f"{node_id} {at}"
        if size + len(line) + 1 > ROWS_CELL and lines:
            chunks.append("\n".join(lines))
            lines, size = [], 0
        lines.append(line)
        size += len(line) + 1
    if lines:
        chunks.append("\n".join(lines))
    return chunks


def _check_cell_lengths(unit) -> None:
    """A name, code, note or documents longer than an Excel cell: refused naming the unit's file and the field."""
    from .sheets import check_cell_lengths, unit_texts

    check_cell_lengths(unit.file, unit_texts(unit.name, unit.code, (
        (leaf_id, ev.note, "\n".join(ev.documents)) for leaf_id, ev in unit.evidence.items())))
    for kind, ev in unit.adjustments.items():
        check_cell_lengths(unit.file, ((tr("the note of row {id}", id=kind), ev.note),
                                       (tr("the documents of row {id}", id=kind), "\n".join(ev.documents))))


def _fill_aux(ws, row: int, ev, leaf_id: str = "") -> None:
    from .sheets import put_text

    if ev.claimed is not None:
        ws[f"{LETTER['claimed']}{row}"] = ev.claimed
    if ev.note is not None:
        put_text(ws[f"{LETTER['note']}{row}"], ev.note)
    if ev.documents:
        put_text(ws[f"{LETTER['documents']}{row}"], "\n".join(ev.documents))


def _fill(ws, row: int, node, ev, lang: str) -> None:
    from .sheets import put_text

    value = f"{LETTER['value']}{row}"
    rule = node.rule
    if ev.form == "bool":
        put_text(ws[value], form_label("yes" if ev.amount else "no", lang))
    elif ev.form == "option":
        put_text(ws[value], rule.title(ev.amount, lang))
    elif ev.form == "ratio":
        ws[f"{LETTER['done']}{row}"] = ev.done
        ws[f"{LETTER['of']}{row}"] = ev.of
    elif ev.form in ("percent", "count", "value"):
        ws[value] = ev.amount
    if ev.points is not None:
        if rule.form_cell() == "points" and ev.form is None:  # the points are the value
            ws[value] = ev.points
        else:
            ws[f"{LETTER['points']}{row}"] = ev.points
    _fill_aux(ws, row, ev, node.id)


_ADJUSTMENT_WORDS = {  # the rule column of the bonus and penalty rows
    "bonus": N_("Bonus points outside the criteria, given by the appraisers (0 to {max}); added to the total"),
    "penalty": N_("Penalty points, given by the appraisers (0 to {max}); taken off the total"),
}

_HELP_ADJUSTMENTS = N_(
    "9. The rows {rows} after the leaves are the bonus and penalty points outside the criteria: 'Value' holds "
    "the points (0 to the row's max), 'Claimed points' the unit's own, with the note and the documents; "
    "'Appraised points', when given, replace them. Leave a row empty when there are none.")

_HELP = [  # the sheet of instructions, a line a row
    N_("How to fill in the self-assessment form"),
    N_("1. Fill in the unit's name, code and year at the top of the sheet '{sheet}'."),
    N_("2. For each leaf fill in 'Value': {yes}/{no} for yes/no leaves; an option from the list for choice "
       "leaves; a percent (0–100: type 85 or 85%), or 'Done' and 'Of', for rates; a count (a whole number) "
       "or a survey score as the 'Rule' column says."),
    N_("3. Type numbers as your own Excel shows them: 97.3 where it uses a decimal point, 97,3 where it uses"
       " a decimal comma. Type no thousands separator (1480, not 1,480 or 1.480). If Excel turns a number "
       "into a date, format the cell as Number and type it again."),
    N_("4. A field, criterion or leaf that does not apply: choose {yes} under 'Not applicable' and leave "
       "that row's other inputs empty."),
    N_("5. 'Claimed points' are the unit's own assessment; 'Appraised points' are for the appraisers only "
       "and, when given, replace the computed points."),
    N_("6. Write the note and the documents (one document per line in the cell)."),
    N_("7. parcli reads each row by the ID in the 'ID' column: you may insert blank rows, move or sort rows."
       " Do not change an ID, delete a leaf's row (leave it empty instead), or rename the sheets and the "
       "column headers."),
    N_("8. Check the form: parcli validate <this file>; score it: parcli score <this file>."),
]
