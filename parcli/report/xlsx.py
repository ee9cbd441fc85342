"""XLSX export (openpyxl, write-only): a summary sheet and a leaves sheet."""

from __future__ import annotations

from decimal import Decimal

from ..errors import InputError, UsageError
from ..i18n import tr
from . import Writer
from .csvout import LEAF_COLUMNS, leaf_rows, neutralise

EXCEL_MAX_ROWS = 1_048_576
SUMMARY_BASE = ["unit", "code", "year", "framework", "points", "max", "index", "class"]


def _cell(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value  # written as a number, exactly
    if isinstance(value, (int, bool)):
        return value
    return neutralise(str(value))


class XlsxWriter(Writer):
    name = "XLSX"

    def results(self, fh, summaries) -> None:
        write_xlsx(fh, summaries)


def _discard(wb) -> None:
    """A write-only workbook given up half way: close each sheet's row writer and its
    temporary file now, while they are still open (left to the garbage collector, each
    prints "Exception ignored … I/O operation on closed file")."""
    for ws in wb.worksheets:
        rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        for close in (getattr(rows, "close", None), getattr(writer, "close", None)):
            if close is not None:
                try:
                    close()
                except Exception:  # noqa: BLE001 - the run has failed already; its own error is reported
                    pass


def write_xlsx(fh, results) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    try:
        _write(wb, fh, results)
    except BaseException:
        _discard(wb)
        raise


def _write(wb, fh, results) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    summary = wb.create_sheet("summary")
    leaves = wb.create_sheet("leaves")
    bold = Font(bold=True)
    header_written = False
    leaf_count = 1

    def header(ws, names, widths):
        from openpyxl.cell import WriteOnlyCell

        ws.freeze_panes = "A2"
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        cells = []
        for name in names:
            c = WriteOnlyCell(ws, value=name)
            c.font = bold
            cells.append(c)
        ws.append(cells)

    leaf_widths = [28, 8, 6, 22, 6, 8, 9, 60, 7, 9, 8, 10, 8, 30]
    header(leaves, LEAF_COLUMNS, leaf_widths)
    first = None
    first_fw = None
    for result in results:
        key = result.framework.key
        if first is None:
            first, first_fw = key, result.framework
        elif key != first:
            raise UsageError(tr("the units use different frameworks; their summary columns differ. Export them "
                                "to separate .xlsx files, or to one .csv or .json"))
        if not header_written:
            field_cols = [f"field_{f.id}" for f in result.fields]
            header(summary, SUMMARY_BASE + field_cols, [28, 8, 6, 22, 9, 8, 9, 10] + [9] * len(field_cols))
            header_written = True
        summary.append([_cell(v) for v in (result.unit, result.code, result.year, key,
                                           result.points, result.max, result.index, result.klass)]
                       + [_cell(f.index) for f in result.fields])
        for row in leaf_rows(result):
            leaf_count += 1
            if leaf_count > EXCEL_MAX_ROWS:
                raise InputError(tr("more than {rows:,} leaf rows: above what one Excel sheet holds; "
                                    "export to .csv instead", rows=EXCEL_MAX_ROWS))
            leaves.append([_cell(v) for v in row])
    if not header_written:
        header(summary, SUMMARY_BASE, [28, 8, 6, 22, 9, 8, 9, 10])
    about = wb.create_sheet("about")
    header(about, ["key", "value"], [22, 100])
    if first_fw is not None:
        from .. import __version__

        for key, value in (("tool", f"parcli {__version__}"), ("framework", first_fw.id),
                           ("framework_version", first_fw.version), ("framework_sha256", first_fw.sha256),
                           ("framework_status", first_fw.status),
                           ("framework_note", first_fw.note)):
            about.append([key, _cell(value)])
    wb.save(fh)
