"""XLSX outputs for people (``export -o x.xlsx``, ``rank -o x.xlsx``): a ranking sheet, a leaves
sheet and an about sheet, with headers in the chosen language, number formats with the
framework's places (86.67 stays 86.67, 40.00 shows 40.00), a frozen header, an autofilter and
widths that fit Vietnamese names. Cells hold exact numbers; text a spreadsheet would run as a
formula is neutralised and control characters are shown visibly. One workbook per framework.

CSV stays as DESIGN §6 says (stable English columns for scripts).
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import InputError, UsageError
from ..i18n import tr
from . import Writer, label
from .csvout import neutralise

EXCEL_MAX_ROWS = 1_048_576


class XlsxWriter(Writer):
    """Workbooks for people: the ranking and export workbooks (here), and the unit's form
    (:func:`parcli.form.write_form`, blank for ``template``, filled for ``convert`` and ``plan --apply``)."""

    name = "XLSX"
    ranking_shows_leaves = True  # a workbook for people also shows every unit's leaves
    ranks_results = True  # and its export begins with the ranking sheet

    def results(self, fh, summaries) -> None:
        from ..rank import ranking_of

        summaries = list(summaries)
        keys = {s.framework.key for s in summaries}
        if len(keys) > 1:
            raise UsageError(tr("the units use different frameworks; their summary columns differ. Export them "
                                "to separate .xlsx files, or to one .csv or .json"))
        write_workbook(fh, ranking_of(summaries), summaries, self.lang)

    def ranking(self, fh, ranking, leaves=()) -> None:
        write_workbook(fh, ranking, list(leaves), self.lang)

    def unit(self, fh, unit, fw, ref: str, source: str = "") -> None:
        from ..form import write_form

        fh.write(write_form(fw, ref, self.lang, unit=unit))

    def template(self, fh, fw, ref: str, year: int | None = None) -> None:
        from ..form import write_form

        fh.write(write_form(fw, ref, self.lang, year=year))


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


def write_workbook(fh, ranking, leaves, lang: str = "vi") -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    try:
        _write(wb, fh, ranking, leaves, lang)
    except BaseException:
        _discard(wb)
        raise


EXCEL_CELL_LIMIT = 32_767  # characters an Excel cell holds; more would be cut without a word


def _text(value) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = neutralise(str(value))
    if len(text) > EXCEL_CELL_LIMIT:
        raise InputError(tr("a text of {length:,} characters is longer than an Excel cell holds ({limit:,}): "
                            "{start}; export to .csv or .json instead", length=len(text), limit=EXCEL_CELL_LIMIT,
                            start=text[:60]))
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def _write(wb, fh, ranking, leaves, lang: str) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    places = ranking.places
    number = "0." + "0" * places
    signed = f"+{number};-{number};{number}"
    bold = Font(bold=True)
    wrap_top = Alignment(wrap_text=True, vertical="top")

    def sheet(title: str, heads: list[tuple[str, str]], rows, widths: list[int], freeze: str):
        """heads: (label, number format or "" for text); rows: lists of values."""
        ws = wb.create_sheet(title)
        ws.freeze_panes = freeze
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        header = []
        for text, _fmt in heads:
            c = WriteOnlyCell(ws, value=text)
            c.font = bold
            c.alignment = wrap_top
            header.append(c)
        ws.append(header)
        count = 1
        for row in rows:
            count += 1
            if count > EXCEL_MAX_ROWS:
                raise InputError(tr("more than {rows:,} leaf rows: above what one Excel sheet holds; "
                                    "export to .csv instead", rows=EXCEL_MAX_ROWS))
            cells = []
            for value, (_text_head, fmt) in zip(row, heads):
                if value is None:
                    cells.append(None)
                elif isinstance(value, (Decimal, int)) and not isinstance(value, bool):
                    c = WriteOnlyCell(ws, value=value)
                    if fmt:
                        c.number_format = fmt
                    cells.append(c)
                else:
                    cells.append(_text(value))
            ws.append(cells)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(heads))}{max(count, 1)}"
        return ws

    def width(values, low=8, high=60) -> int:
        return max(low, min(high, max((len(str(v)) for v in values if v is not None), default=0) + 2))

    field_heads = [(f"{label('field', lang)} {fid} (%)", number) for fid in ranking.field_ids]
    heads = [(label("rank", lang), "0"), (label("unit", lang), ""), (label("code", lang), ""),
             (label("year", lang), "0"), (label("total", lang), number), (label("applicable_max", lang), number),
             (label("index", lang), number), (label("class", lang), "")] + field_heads
    if ranking.has_previous:
        heads += [(label("previous", lang), "0"), (label("change", lang), "+0;-0;0"),
                  (label("index_change", lang), signed)]
    from ..rank import rank_rows

    rows = list(rank_rows(ranking))  # the rank CSV's rows, with headers for people
    names = [r.summary.unit for r in ranking.rows]
    widths = [8, width(names + [heads[1][0]]), 10, 7, 10, 12, 11, 10] + [12] * len(field_heads) + [10, 10, 12]
    sheet(label("sheet_rank", lang), heads, rows, widths, "C2")

    leaf_heads = [(label("unit", lang), ""), (label("code", lang), ""), (label("field", lang), ""),
                  (label("criterion", lang), ""), (label("id", lang), ""), (label("title", lang), ""),
                  (label("max", lang), number), (label("points", lang), number), (label("lost", lang), number),
                  (label("status", lang), ""), (label("claimed", lang), number), (label("note", lang), "")]

    def leaf_rows():
        for s in leaves:
            for leaf in s.leaves:
                yield [s.unit, s.code, leaf.field, leaf.criterion, leaf.id, leaf.title, leaf.max, leaf.points,
                       leaf.lost, label(leaf.status, lang), leaf.claimed, leaf.note]

    titles = [leaf.title for s in leaves[:1] for leaf in s.leaves]
    sheet(label("sheet_leaves", lang), leaf_heads, leaf_rows(),
          [width(names), 10, 9, 10, 9, width(titles, 20, 70), 9, 9, 9, 14, 10, 40], "G2")

    from .. import __version__

    about = [(label("tool", lang), f"parcli {__version__}"), (label("units", lang), len(ranking.rows))]
    for info in ranking.frameworks:
        about += [(label("framework", lang), f"{info.id} — {info.title_en if lang == 'en' and info.title_en else info.title}"),
                  (label("version", lang), info.version), (label("sha256", lang), info.sha256),
                  (label("provenance", lang), label(f"status_{info.status}", lang)),
                  (label("note", lang), info.note)]
    sheet(label("sheet_about", lang), [(label("item", lang), ""), (label("form_value", lang), "")], about,
          [28, 110], "A2")
    wb.save(fh)
