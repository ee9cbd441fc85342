"""XLSX outputs for people (``export -o x.xlsx``, ``rank -o x.xlsx``): a ranking sheet, a leaves
sheet and an about sheet, with headers in the chosen language, number formats with the
framework's places (86.67 stays 86.67, 40.00 shows 40.00), a frozen header, an autofilter and
widths that fit Vietnamese names. Cells hold exact numbers; text a spreadsheet would run as a
formula is neutralised and control characters are shown visibly. One workbook per framework.

CSV stays as DESIGN §6 says (stable English columns for scripts).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..errors import InputError, UsageError
from ..i18n import N_, say, tr
from . import RESULTS, WRITERS, Writer, label, suffix_list
from .csvout import neutralise
from .sheets import EXCEL_CELL_LIMIT

EXCEL_MAX_ROWS = 1_048_576
FORMAT = "xlsx"  # this writer's key in parcli.report.WRITERS


class XlsxWriter(Writer):
    """Workbooks for people: the ranking and export workbooks (here), and the unit's form
    (:func:`parcli.report.form.write_form`, blank for ``template``, filled for ``convert`` and ``plan --apply``)."""

    ranking_shows_leaves = True  # a workbook for people also shows every unit's leaves
    ranks_results = True  # and its export begins with the ranking sheet
    framework_beside = True  # a form reads only a shipped framework or a framework file beside it

    def results(self, fh, summaries) -> None:
        from ..rank import ranking_of

        summaries = list(summaries)
        keys = {s.framework.key for s in summaries}
        if len(keys) > 1:
            raise UsageError(tr("the units use different frameworks; their summary columns differ. Export them "
                                "to separate {xlsx} files, or to one {others}", xlsx=WRITERS[FORMAT].suffixes[0],
                                others=_besides()))
        write_workbook(fh, ranking_of(summaries), summaries, self.lang)

    def ranking(self, fh, ranking, leaves=()) -> None:
        write_workbook(fh, ranking, list(leaves), self.lang)

    def unit(self, fh, unit, fw, ref: str, mark: str = "") -> None:
        from .form import write_form

        fh.write(write_form(fw, ref, self.lang, unit=unit, mark=mark))

    def template(self, fh, fw, ref: str, year: int | None = None) -> None:
        from .form import write_form

        fh.write(write_form(fw, ref, self.lang, year=year))

    def survey(self, fh, result) -> None:
        from .surveyout import write_survey_workbook

        write_survey_workbook(fh, result, self.lang)


def _besides() -> str:
    """The other formats an export can take (they hold any number of rows, text of any length)."""
    return suffix_list(RESULTS, tr(" or "), besides=(FORMAT,))


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

    from .sheets import check_cell_lengths, unit_texts

    for s in {id(s): s for s in [*(row.summary for row in ranking.rows), *leaves]}.values():
        check_cell_lengths(s.file, unit_texts(s.unit, s.code, ((leaf.id, leaf.note, None) for leaf in s.leaves)))

    wb = Workbook(write_only=True)
    try:
        _write(wb, fh, ranking, leaves, lang)
    except BaseException:
        _discard(wb)
        raise



def _text(value) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = neutralise(str(value))
    if len(text) > EXCEL_CELL_LIMIT:
        raise InputError(tr("a text of {length:,} characters is longer than an Excel cell holds ({limit:,}): "
                            "{start}; export to .csv or .json instead", length=len(text), limit=EXCEL_CELL_LIMIT,
                            start=text[:60]))
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


LINE_HEIGHT = 15  # points per line of 11-point text (Excel's default row is one line)


def lines_of(text, width: float) -> int:
    """How many lines ``text`` takes wrapped at word ends in a column ``width`` characters wide. Counted
    with room to spare (a character is taken as one unit of width, wider than most are), so that a
    row is never too low for its text in Excel nor in LibreOffice, whose substitute fonts are wider."""
    if text is None:
        return 1
    room = max(1, int(width) - 1)
    count = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size <= room:
                used += 1 + size
                continue
            if used:  # the word starts the next line
                lines += 1
            while size > room:  # a word longer than the column breaks anywhere
                lines += 1
                size -= room
            used = size
        count += lines
    return count


def _page_setup(ws, title_rows: str, lang: str) -> None:
    """Print-ready: A4 landscape, every column within the page width (as many pages down as the rows
    need), the title and header rows repeated on every page, page numbers in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = say(N_("Page &P of &N"), lang)  # &P, &N: the page and the count
    ws.oddFooter.center.size = 8


def _write(wb, fh, ranking, leaves, lang: str) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    places = ranking.places
    number = "0." + "0" * places
    signed = f"+{number};-{number};{number}"
    bold = Font(bold=True)
    big = Font(bold=True, size=13)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    years = sorted({row.summary.year for row in ranking.rows} | {s.year for s in leaves})
    about_frameworks = ", ".join(f"{info.title_for(lang)} ({info.id} v{info.version})" for info in ranking.frameworks)
    head_line = (f"{about_frameworks} · {label('year', lang)} {', '.join(map(str, years))}" if years
                 else about_frameworks)

    def sheet(title: str, heads: list[tuple[str, str]], rows, widths: Sequence[float], freeze: str, wrapped=()):
        """A sheet with a title line (row 1) and a header row (row 2) above ``rows`` (lists of values);
        heads: (label, number format or "" for text); ``wrapped``: the columns whose text wraps."""
        ws = wb.create_sheet(title)
        ws.freeze_panes = freeze
        _page_setup(ws, "1:2", lang)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        line = WriteOnlyCell(ws, value=_text(f"{title} · {head_line}"))
        line.font = big
        ws.row_dimensions[1].height = LINE_HEIGHT * 1.4
        ws.append([line])
        header = []
        for text, _fmt in heads:
            c = WriteOnlyCell(ws, value=_text(text))  # field titles come from the framework file
            c.font = bold
            c.alignment = wrap_top
            header.append(c)
        ws.row_dimensions[2].height = LINE_HEIGHT * max(lines_of(text, w * 0.95)
                                                        for (text, _f), w in zip(heads, widths, strict=False))
        ws.append(header)
        count = 2
        wrap = [i for i in wrapped if i < len(widths)]
        for row in rows:
            count += 1
            if count > EXCEL_MAX_ROWS:
                raise InputError(tr("more than {rows:,} leaf rows: above what one Excel sheet holds; "
                                    "export to {others} instead", rows=EXCEL_MAX_ROWS, others=_besides()))
            cells: list[Any] = []
            for i, (value, (_text_head, fmt)) in enumerate(zip(row, heads, strict=False)):
                if value is None:
                    cells.append(None)
                elif isinstance(value, (Decimal, int)) and not isinstance(value, bool):
                    c = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]  # openpyxl writes a Decimal exactly
                    if fmt:
                        c.number_format = fmt
                    c.alignment = top  # beside text that wraps: on its first line, not its last
                    cells.append(c)
                elif i in wrap:
                    c = WriteOnlyCell(ws, value=_text(value))
                    c.alignment = wrap_top
                    cells.append(c)
                else:
                    c = WriteOnlyCell(ws, value=_text(value))
                    c.alignment = top
                    cells.append(c)
            need = max((lines_of(row[i], widths[i]) for i in wrap if i < len(row) and row[i] is not None), default=1)
            if need > 1:
                ws.row_dimensions[count].height = LINE_HEIGHT * need
            ws.append(cells)
        ws.auto_filter.ref = f"A2:{get_column_letter(len(heads))}{count}"
        return ws

    def width(values, low=8, high=60) -> int:
        return max(low, min(high, max((len(str(v)) for v in values if v is not None), default=0) + 2))

    titles = {fid: (title_en if lang == "en" and title_en else title)
              for info in ranking.frameworks for fid, title, title_en in info.fields}
    field_heads = [(f"{fid}. {titles.get(fid, '')} (%)" if titles.get(fid) else f"{label('field', lang)} {fid} (%)",
                    number) for fid in ranking.field_ids]
    from ..rank import adjusted, rank_rows

    kinds = ("bonus", "penalty") if adjusted(ranking) else ()  # the rank CSV's columns, as rank_rows gives them
    heads = [(label("rank", lang), "0"), (label("unit", lang), ""), (label("code", lang), ""),
             (label("year", lang), "0"), (label("total", lang), number), (label("applicable_max", lang), number),
             *((label(kind, lang), number) for kind in kinds),
             (label("index", lang), number), (label("class", lang), "")] + field_heads
    if ranking.has_previous:
        heads += [(label("previous", lang), "0"), (label("change", lang), "+0;-0;0"),
                  (label("index_change", lang), signed)]
    if ranking.has_self:
        heads += [(label("self_points", lang), number), (label("self_index", lang), number)]
    rows = list(rank_rows(ranking))  # the rank CSV's rows, with headers for people
    names = [r.summary.unit for r in ranking.rows]
    classes = [r.summary.klass for r in ranking.rows]
    widths = [8, width(names + [heads[1][0]], 12, 30), 9, 6, 9, 10, *(10 for _kind in kinds), 10,
              width(classes, 9, 14)]
    widths += [max(12, min(20, max(map(len, text.split())) + 2)) for text, _f in field_heads]  # no word broken
    widths += [9, 9, 10]
    sheet(label("sheet_rank", lang), heads, rows, widths, "C3", wrapped=(1, 2))

    leaf_heads = [(label("unit", lang), ""), (label("code", lang), ""), (label("field", lang), ""),
                  (label("criterion", lang), ""), (label("id", lang), ""), (label("title", lang), ""),
                  (label("max", lang), number), (label("points", lang), number), (label("lost", lang), number),
                  (label("status", lang), ""), (label("claimed", lang), number), (label("note", lang), "")]

    def leaf_rows():
        for s in leaves:
            for leaf in s.leaves:
                yield [s.unit, s.code, leaf.field, leaf.criterion, leaf.id, leaf.title, leaf.max, leaf.points,
                       leaf.lost, label(leaf.status, lang), leaf.claimed, leaf.note]
            for adj in s.adjustments:  # bonus and penalty after the leaves, in the words of the sheet
                yield [s.unit, s.code, None, None, adj.kind, adj.title or label(adj.kind, lang), adj.max, adj.points,
                       None, label(adj.status, lang), adj.claimed, adj.note]

    leaf_titles = [leaf.title for s in leaves[:1] for leaf in s.leaves]
    sheet(label("sheet_leaves", lang), leaf_heads, leaf_rows(),
          [width(names, 12, 30), 10, 9, 10, 9, width(leaf_titles, 20, 60), 9, 9, 9, 14, 10, 36], "G3",
          wrapped=(0, 1, 5, 11))

    from .. import __version__

    about = [(label("tool", lang), f"parcli {__version__}"), (label("units", lang), len(ranking.rows))]
    for info in ranking.frameworks:
        about += [(label("framework", lang), f"{info.id} — {info.title_for(lang)}"),
                  (label("version", lang), info.version), (label("sha256", lang), info.sha256),
                  (label("provenance", lang), label(f"status_{info.status}", lang)),
                  (label("note", lang), info.note)]
    sheet(label("sheet_about", lang), [(label("item", lang), ""), (label("form_value", lang), "")], about,
          [28, 110], "A3", wrapped=(1,))
    wb.save(fh)
