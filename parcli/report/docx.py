"""The papers of a campaign as offices print and sign them (DESIGN §12a): the minutes of appraisal of a
unit (biên bản thẩm định), the council's consolidated report and the publication table, as Word
documents (python-docx) in the form of Nghị định 30/2020/NĐ-CP, and the publication table as a
workbook (openpyxl, :mod:`parcli.report.sheets` print setup).

The form of the decree (its Phụ lục I): A4 portrait; margins top and bottom 20 mm, left 30 mm, right
15 mm (within 20–25, 30–35 and 15–20 mm); Times New Roman, 13 pt body. The heading is a two-column
table without borders: left the issuer (the body above it upright in capitals, the agency in bold
capitals, a short rule under it: a third to a half of the line), right the national name in bold
capitals and the motto in bold with a rule as long as the motto, then the place and date in italics
("Hà Nội, ngày 05 tháng 02 năm 2026": a day below 10 and the months 1 and 2 take a leading 0).
The page number stands at the top centre from page 2 on. The framework's provenance (parcli's
version, the framework, its hash, whether it is reconstructed) is printed small at the foot of
every page, so a reconstructed value is never taken for an official one.

Numbers are the engine's, rounded half-up to the framework's places only here, with the decimal
comma in Vietnamese. Every word comes from the message catalogue in the chosen language. Text from a
unit's files (names, notes, explanations) is written as it is, except the characters XML cannot hold:
a vertical tab or form feed (Word's manual line and page breaks, pasted into a cell) becomes a line
break, and any other control character becomes U+FFFD (�), so that a stray byte shows instead of
corrupting the document.

python-docx and openpyxl are imported only inside the functions that write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import language, set_language, tr, trp
from ..paperwork import CouncilReport, GroupReport, Issuer, Minutes, Signer
from . import provenance_line
from .files import write_atomic
from .numbers import display

FONT = "Times New Roman"
BODY_PT = 13
SMALL_PT = 9
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm
LEAF_ID_MM, POINTS_MM = 16, 15  # the leaves table: its id column, each column of points
HEADING_MM = (62, TEXT_WIDTH_MM - 62)  # the issuer, the national name

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATION_EN = "SOCIALIST REPUBLIC OF VIETNAM"
MOTTO_EN = "Independence - Freedom - Happiness"

_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(value: Any) -> str:
    """Text as a Word document can hold it (see the module's text): line breaks kept, a vertical tab or
    form feed made a line break, carriage returns folded, any other control character made U+FFFD."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    return _NOT_XML.sub("\ufffd", text)


@contextmanager
def _speaking(lang: str) -> Iterator[None]:
    """The catalogue speaks ``lang`` while a paper is written, then what it spoke before."""
    before = language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


# --- numbers and dates as people read them ----------------------------------------------------


class _Numbers:
    def __init__(self, places: int, locale: str):
        self.places, self.locale = places, locale

    def points(self, value: Decimal | None) -> str:
        return display(value, self.places, self.locale) if value is not None else ""

    def index(self, value: Decimal | None) -> str:
        return display(value, self.places, self.locale, fixed=True) if value is not None else ""

    mean = index  # an average is shown as an index is: with every place


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


def date_line(place: str, date, lang: str) -> str:
    """"Hà Nội, ngày 05 tháng 02 năm 2026" (Nghị định 30/2020: a day below 10 and the months 1 and 2 take a
    leading 0); in English "Hà Nội, 5 February 2026"."""
    if lang == "vi":
        day, month = f"{date.day:02d}", (f"{date.month:02d}" if date.month < 3 else str(date.month))
    else:
        day, month = str(date.day), _MONTHS_EN[date.month - 1]
    return tr("{place}, {day} {month} {year}", place=clean(place), day=day, month=month, year=date.year)


# --- the document and its pieces --------------------------------------------------------------


def _new_document(footer: str):
    """An empty A4 document: margins and font of the decree, the page number at the top from page 2,
    ``footer`` small at the foot of every page."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(10)
    for name in ("Normal", "Header", "Footer", "Table Grid"):
        try:
            style = doc.styles[name]
        except KeyError:
            continue
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    for fonts in defaults.iter(qn("w:rFonts")) if defaults is not None else ():
        for attr in list(fonts.attrib):  # a theme's font outranks a named one: Word would show Calibri
            if attr.lower().endswith("theme"):
                del fonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
    for lang in defaults.iter(qn("w:lang")) if defaults is not None else ():
        lang.set(qn("w:val"), trp("language tag", "en-GB"))  # the spelling checker's language
    normal = doc.styles["Normal"].paragraph_format
    normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(3), 1.0
    doc.core_properties.author = "parcli"
    doc.core_properties.comments = clean(footer)

    section.different_first_page_header_footer = True
    page = section.header.paragraphs[0]
    page.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(page, "PAGE")
    for foot in (section.footer, section.first_page_footer):
        p = foot.paragraphs[0]
        run = p.add_run(clean(footer))
        run.font.size = Pt(SMALL_PT)
        run.italic = True
    return doc


def _field(paragraph, instruction: str) -> None:
    """A Word field (the page number) in ``paragraph``."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    paragraph._p.append(fld)


def _para(container, text: str = "", *, bold=False, italic=False, size=None, align="left", upper=False,
          before=0, after=3, keep=False):
    """A paragraph of one run in ``container`` (the document or a cell)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = container.add_paragraph()
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if keep:
        fmt.keep_with_next = True
    if text:
        run = p.add_run(clean(text).upper() if upper else clean(text))
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return p


def _fill(cell, text: str, **kw):
    """The cell's one paragraph: whatever it held (a new cell holds an empty paragraph, merged cells the
    paragraphs of each) gives way to ``text``."""
    for p in cell.paragraphs:
        p._p.getparent().remove(p._p)
    return _para(cell, text, **kw)


def _rule(paragraph, width_mm: float, column_mm: float) -> None:
    """A centred horizontal rule ``width_mm`` long under ``paragraph`` in a column ``column_mm`` wide:
    an empty paragraph with a top border, indented on both sides."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.shared import Mm, Pt

    rule = paragraph._parent.add_paragraph()
    fmt = rule.paragraph_format
    side = max(0.0, (column_mm - width_mm) / 2)
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = Pt(6)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        top.set(qn(key), value)
    borders.append(top)
    rule._p.get_or_add_pPr().append(borders)


def _borderless(table, margins: bool = False) -> None:
    """No borders (the heading, the signatures); ``margins``: no room inside the cells either, so the
    heading's lines have the whole width of their half."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    if margins:
        room = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:w"), "0")
            el.set(qn("w:type"), "dxa")
            room.append(el)
        tbl_pr.append(room)


def _widths(table, widths_mm: Sequence[float]) -> None:
    """Fixed column widths (Word reads the cells', LibreOffice the grid's: both are set), before any
    cell is merged (a merged cell takes the sum of the widths it spans; a row added later the grid's)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.shared import Mm

    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


MOTTO_PT = 13.5
EM_SHARE = 0.47  # the mean width of a character of Times New Roman Bold, mixed case, in ems
PT_MM = 25.4 / 72


def _width_mm(text: str, size_pt: float) -> float:
    """About how wide ``text`` is printed in Times New Roman Bold of ``size_pt`` (a rule under it)."""
    return len(text) * size_pt * EM_SHARE * PT_MM


def _heading(doc, issuer: Issuer, date, lang: str, number: str | None) -> None:
    """The heading of the decree: issuer | national name and motto; the number; the place and date."""
    table = doc.add_table(rows=1, cols=2)
    _borderless(table, margins=True)
    _widths(table, HEADING_MM)
    left, right = table.rows[0].cells
    agency_size = 12
    if issuer.parent:
        _fill(left, issuer.parent, upper=True, align="center", size=12, after=0)
        p = _para(left, issuer.agency, bold=True, upper=True, align="center", size=agency_size, after=0)
    else:
        p = _fill(left, issuer.agency, bold=True, upper=True, align="center", size=agency_size, after=0)
    _rule(p, HEADING_MM[0] * 0.4, HEADING_MM[0])
    if number:
        _para(left, tr("No. {number}", number=number), align="center", before=4)
    nation, motto = (NATION, MOTTO) if lang == "vi" else (NATION_EN, MOTTO_EN)
    _fill(right, nation, bold=True, align="center", size=12, after=0)
    p = _para(right, motto, bold=True, align="center", size=MOTTO_PT, after=0)
    _rule(p, min(HEADING_MM[1], _width_mm(motto, MOTTO_PT)), HEADING_MM[1])  # as long as the motto
    _para(right, date_line(issuer.place, date, lang), italic=True, align="center", before=6)


def _title(doc, kind: str, subject: str) -> None:
    _para(doc, kind, bold=True, upper=True, align="center", size=14, before=18, after=0, keep=True)
    _para(doc, subject, bold=True, align="center", size=14, after=12, keep=True)


def _grid(doc, heads: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
          numeric: Sequence[int] = (), size: float = 12, band: tuple[int, int, str] | None = None):
    """A bordered table: a bold header repeated on every page, then ``rows`` (text); the columns in
    ``numeric`` right-aligned. ``band`` (first, last, label): a header row above the heads of the columns
    first to last (both included) that names them together; the other heads span both header rows."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    table = doc.add_table(rows=2 if band else 1, cols=len(heads))
    table.style = doc.styles["Table Grid"]
    _widths(table, widths)
    for header in table.rows:
        mark = OxmlElement("w:tblHeader")
        mark.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(mark)
    head = {"bold": True, "align": "center", "size": size, "after": 0}
    if band is None:
        for cell, text in zip(table.rows[0].cells, heads, strict=True):
            _fill(cell, text, **head)
    else:
        first, last, label = band
        top, bottom = table.rows[0].cells, table.rows[1].cells
        for i, text in enumerate(heads):
            _fill(bottom[i] if first <= i <= last else top[i].merge(bottom[i]), text, **head)
        _fill(top[first].merge(top[last]), label, **head)
    for values in rows:
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _fill(cell, value, align="right" if i in numeric else "left", size=size, after=0)
    return table


def _signatures(doc, left: tuple[str, Sequence[Signer]], right: tuple[str, Sequence[Signer]]) -> None:
    """Two parties' signature blocks side by side: each party's name (in capitals), then each of its
    signers with their capacity, "(signature, full name)", the room to sign and their name. One table
    row per signer of each side, never cut by a page break."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    _para(doc, "", after=6)
    sides = [(party, list(signers) or ([Signer("")] if party else [])) for party, signers in (left, right)]
    count = max(1, *(len(signers) for _party, signers in sides))
    table = doc.add_table(rows=count, cols=2)
    _borderless(table)
    half = TEXT_WIDTH_MM / 2
    _widths(table, (half, half))
    for k, row in enumerate(table.rows):
        keep = OxmlElement("w:cantSplit")
        keep.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(keep)
        for cell, (party, signers) in zip(row.cells, sides, strict=True):
            for p in cell.paragraphs:
                p._p.getparent().remove(p._p)
            if k == 0 and party:
                _para(cell, party, bold=True, upper=True, align="center", after=0)
            if k >= len(signers):
                _para(cell, "")
                continue
            signer = signers[k]
            if signer.role:
                _para(cell, signer.role, bold=True, upper=True, align="center", before=0 if k == 0 else 12, after=0)
            _para(cell, tr("(signature, full name)"), italic=True, align="center", after=0)
            for _ in range(3):
                _para(cell, "", after=6)
            _para(cell, signer.name, bold=True, align="center", after=6)


def _save(doc, path: Path, force: bool) -> None:
    write_atomic(Path(path), doc.save, force=force)


def _locale(lang: str, locale: str | None) -> str:
    if locale:
        return locale
    return {"vi": "vi"}.get(lang, "en")  # the numbers' locale (a decimal comma in vi), not words


def _provenance(frameworks, lang: str) -> str:
    lines = [provenance_line(fw, lang) for fw in frameworks if fw is not None]
    return " | ".join(dict.fromkeys(lines)) or "parcli"


# --- the minutes ------------------------------------------------------------------------------


def build_minutes(minutes: Minutes, lang: str = "vi", locale: str | None = None):
    """The minutes as a python-docx Document (not saved)."""
    with _speaking(lang):
        return _build_minutes(minutes, lang, _Numbers(minutes.places, _locale(lang, locale)))


def write_minutes(minutes: Minutes, path: Path, lang: str = "vi", locale: str | None = None,
                  force: bool = False) -> None:
    """The minutes of one unit as a .docx at ``path`` (written atomically)."""
    _save(build_minutes(minutes, lang, locale), path, force)


def _build_minutes(m: Minutes, lang: str, n: _Numbers):
    doc = _new_document(_provenance([m.framework], lang))
    _heading(doc, m.issuer, m.date, lang, m.number)
    _title(doc, tr("Minutes"), tr("Appraisal of the self-assessment and scoring of the PAR index {year}",
                                  year=m.year))
    unit = m.unit_name if not m.unit_code else f"{m.unit_name} ({m.unit_code})"
    lines = [(trp("paper", "Unit"), unit)]
    if m.group_title:
        lines.append((trp("paper", "Group"), m.group_title))
    lines.append((trp("paper", "Campaign"), m.campaign_title))
    for name, value in lines:
        p = _para(doc, "", after=2)
        p.add_run(clean(name) + ": ").bold = True
        p.add_run(clean(value))

    t = m.totals
    _para(doc, tr("1. Results"), bold=True, before=10, keep=True)
    rows: list[tuple[str, str]] = [(tr("Self-assessed points"), n.points(t.self_assessed))]
    if t.round1 is not None:
        rows.append((tr("Points after appraisal round 1"), n.points(t.round1)))
    rows.append((tr("Final appraised points"), n.points(t.final)))
    for final, own, label, own_label, final_label in (
            (t.bonus, t.bonus_claimed, tr("Bonus points"), tr("Self-assessed bonus points"),
             tr("Appraised bonus points")),
            (t.penalty, t.penalty_claimed, tr("Penalty points"), tr("Self-assessed penalty points"),
             tr("Appraised penalty points"))):
        if final is None:
            continue
        if own is None:  # the unit's own is not known: the points alone
            rows.append((label, n.points(final)))
        else:
            rows += [(own_label, n.points(own)), (final_label, n.points(final))]
    rows += [(trp("paper", "Applicable max"), n.points(t.applicable_max)),
             (trp("paper", "Index (%)"), n.index(t.index)), (trp("paper", "Class"), t.class_label or "")]
    _grid(doc, [trp("paper", "Item"), trp("paper", "Result")], rows, (115, 50), numeric=(1,), size=BODY_PT)

    _para(doc, tr("2. Leaves whose points differ from the self-assessment"), bold=True, before=10, keep=True)
    changed = (*m.leaves, *m.adjustments)  # a bonus or penalty the appraisal changed: after the leaves
    if not changed:
        _para(doc, tr("The appraisal kept every self-assessed point."), italic=True)
    else:
        with_round1 = any(leaf.round1 is not None for leaf in changed) or t.round1 is not None
        heads = [trp("paper", "ID"), trp("paper", "Leaf"), trp("paper", "Max"), trp("paper", "Claim")]
        if with_round1:
            heads.append(trp("paper", "Round 1"))
        heads += [trp("paper", "Final"), trp("paper", "Reasons"), trp("paper", "Explanation")]
        numbers = len(heads) - 4  # max, claimed, round 1, final
        text = (TEXT_WIDTH_MM - LEAF_ID_MM - numbers * POINTS_MM) / 3
        widths = [LEAF_ID_MM, text] + [POINTS_MM] * numbers + [text, text]
        na = trp("paper", "n/a")
        table_rows: list[list[str]] = []
        kinds = {"bonus": trp("paper", "Bonus"), "penalty": trp("paper", "Penalty")}
        for leaf, word in [*((leaf, None) for leaf in m.leaves), *((a, kinds[a.id]) for a in m.adjustments)]:
            row = [word or leaf.id, leaf.title_for(lang) or word or "", n.points(leaf.max),
                   n.points(leaf.claimed) if leaf.claimed is not None else na]
            if with_round1:
                row.append(n.points(leaf.round1))
            row += [n.points(leaf.final) if leaf.final is not None else na, "\n".join(leaf.reasons),
                    leaf.explanation or ""]
            table_rows.append(row)
        _grid(doc, heads, table_rows, widths, numeric=tuple(range(2, 2 + numbers)), size=11,
              band=(2, 1 + numbers, trp("leaf points", "Points")))
    _para(doc, tr("The minutes are made in two copies of equal value: one kept by the unit, one by the appraisers."),
          before=10)
    _signatures(doc, (tr("For the unit"), (m.unit_signer,) if m.unit_signer else ()),
                (tr("For the appraisers"), m.appraisers))
    return doc


# --- the council's report and the publication table --------------------------------------------


def build_council_report(report: CouncilReport, lang: str = "vi", locale: str | None = None,
                         signer: Signer | None = None):
    """The council's report as a python-docx Document (not saved)."""
    with _speaking(lang):
        return _build_council_report(report, lang, _Numbers(report.places, _locale(lang, locale)), signer)


def write_council_report(report: CouncilReport, path: Path, lang: str = "vi", locale: str | None = None,
                         signer: Signer | None = None, force: bool = False) -> None:
    """The council's consolidated report as a .docx at ``path``: per group, every unit's totals
    (self-assessed beside appraised), the number of adjusted leaves (a changed bonus or penalty counted), the
    averages and the classes."""
    _save(build_council_report(report, lang, locale, signer), path, force)


def _class_counts(group: GroupReport) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for row in group.rows:
        if row.class_label:
            counts[row.class_label] = counts.get(row.class_label, 0) + 1
    return list(counts.items())


def _build_council_report(r: CouncilReport, lang: str, n: _Numbers, signer: Signer | None):
    doc = _new_document(_provenance(r.frameworks, lang))
    _heading(doc, r.issuer, r.date, lang, r.number)
    _title(doc, tr("Report"), tr("Results of the appraisal of the PAR index {year}", year=r.year))
    _para(doc, r.campaign_title, italic=True, align="center", after=8)
    for number, group in enumerate(r.groups, start=1):
        _para(doc, f"{number}. {clean(group.title)}", bold=True, before=10, keep=True)
        if group.mean_index is not None:  # a group without units, or none with an index, has no averages
            summary = tr("{units} units. Mean self-assessed points: {self}; mean appraised points: {final}; "
                         "mean index: {index}%.", units=len(group.rows), self=n.mean(group.mean_self_assessed),
                         final=n.mean(group.mean_final), index=n.mean(group.mean_index))
            _para(doc, summary, align="justify", keep=True)
        counts = _class_counts(group)
        if counts:
            _para(doc, "; ".join(tr("{label}: {count} units", label=clean(label), count=count)
                                 for label, count in counts) + ".", keep=True)
        bonus = group.has_bonus
        heads = [trp("paper", "Rank"), trp("paper", "Unit"), trp("paper", "Self-assessed"),
                 trp("paper", "Appraised")]
        widths: list[float] = [18, 0, 20, 20]
        if bonus:
            heads += [trp("paper", "Bonus"), trp("paper", "Penalty")]
            widths += [15, 15]
        heads += [trp("paper", "Applicable max"), trp("paper", "Index (%)"), trp("paper", "Class"),
                  trp("paper", "Adjusted leaves")]
        widths += [18, 18, 20, 18]
        widths[1] = TEXT_WIDTH_MM - sum(widths)
        rows = []
        for row in group.rows:
            line = [str(row.rank) if row.rank is not None else "", _unit_name(row.name, row.code),
                    n.points(row.self_assessed), n.points(row.final)]
            if bonus:
                line += [n.points(row.bonus), n.points(row.penalty)]
            line += [n.points(row.applicable_max), n.index(row.index), row.class_label or "", str(row.adjusted_leaves)]
            rows.append(line)
        numeric = tuple(i for i in range(len(heads)) if i not in (1, len(heads) - 2))
        _grid(doc, heads, rows, widths, numeric=numeric, size=11)
    if signer is not None:
        _signatures(doc, ("", ()), (signer.role, (Signer("", signer.name),)))
    return doc


def _unit_name(name: str, code: str | None) -> str:
    return name if not code else f"{name} ({code})"


def build_publication(report: CouncilReport, lang: str = "vi", locale: str | None = None):
    """The publication table as a python-docx Document (not saved)."""
    with _speaking(lang):
        return _build_publication(report, lang, _Numbers(report.places, _locale(lang, locale)))


def write_publication(report: CouncilReport, path: Path, lang: str = "vi", locale: str | None = None,
                      force: bool = False) -> None:
    """The table the publishing decision annexes, as a .docx at ``path``: per group, rank, unit, points,
    applicable max, index and class (bonus and penalty when the group has them)."""
    _save(build_publication(report, lang, locale), path, force)


def publication_rows(group: GroupReport) -> tuple[list[str], list[list[Any]]]:
    """The publication table of one group: its headers (in the current language) and rows (numbers
    exact; the writer rounds them for display)."""
    heads = [trp("paper", "Rank"), trp("paper", "Unit"), trp("paper", "Points")]
    if group.has_bonus:
        heads += [trp("paper", "Bonus"), trp("paper", "Penalty")]
    heads += [trp("paper", "Applicable max"), trp("paper", "Index (%)"), trp("paper", "Class")]
    rows = []
    for row in group.rows:
        line: list[Any] = [row.rank, _unit_name(row.name, row.code), row.final]
        if group.has_bonus:
            line += [row.bonus, row.penalty]
        line += [row.applicable_max, row.index, row.class_label]
        rows.append(line)
    return heads, rows


def _build_publication(r: CouncilReport, lang: str, n: _Numbers):
    doc = _new_document(_provenance(r.frameworks, lang))
    _para(doc, tr("Results of the PAR index {year}", year=r.year), bold=True, upper=True, align="center", size=14,
          after=0)
    _para(doc, r.campaign_title, italic=True, align="center", after=8)
    for number, group in enumerate(r.groups, start=1):
        _para(doc, f"{number}. {clean(group.title)}", bold=True, before=10, keep=True)
        heads, rows = publication_rows(group)
        widths = [18.0] + [0.0] + [22.0] * (len(heads) - 3) + [22.0]
        widths[1] = TEXT_WIDTH_MM - sum(widths)
        index_at = len(heads) - 2
        text_rows = [[str(v) if i == 0 and v is not None else
                      n.index(v) if i == index_at else
                      n.points(v) if isinstance(v, Decimal) else clean(v) if v is not None else ""
                      for i, v in enumerate(line)] for line in rows]
        numeric = tuple(i for i in range(len(heads)) if i not in (1, len(heads) - 1))
        _grid(doc, heads, text_rows, widths, numeric=numeric, size=12)
    return doc


def write_publication_xlsx(report: CouncilReport, path: Path, lang: str = "vi", force: bool = False) -> None:
    """The publication table as a workbook at ``path``: one sheet per group (rank, unit, points,
    applicable max, index, class), numbers as numbers with the framework's places, printed on A4 with the
    header repeated on every page."""
    with _speaking(lang):
        data = _publication_workbook(report)
    write_atomic(Path(path), data.save, force=force)


def _sheet_name(text: str, taken: set[str]) -> str:
    """An Excel sheet name: no ``[]:*?/\\``, at most 31 characters, not empty, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "-", clean(text)).strip("' ")[:31] or "1"
    name, i = base, 2
    while name.casefold() in taken:
        suffix = f" ({i})"
        name, i = base[:31 - len(suffix)] + suffix, i + 1
    taken.add(name.casefold())
    return name


def _publication_workbook(r: CouncilReport):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from .sheets import EXCEL_CELL_LIMIT, height_for, print_setup, put_text

    def cell_text(value: str) -> str:
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", clean(value))
        if len(text) > EXCEL_CELL_LIMIT:
            raise InputError(tr("a text of {length:,} characters is longer than an Excel cell holds ({limit:,}): "
                                "{start}; shorten it, or use the .docx table", length=len(text),
                                limit=EXCEL_CELL_LIMIT, start=text[:60]))
        return text

    wb = Workbook()
    for sheet in wb.worksheets:  # the default sheet: each group gets its own
        wb.remove(sheet)
    taken: set[str] = set()
    points_format = "0." + "0" * r.places if r.places else "0"
    title = tr("Results of the PAR index {year}", year=r.year)
    for group in r.groups or (GroupReport("1", "", ()),):
        ws = wb.create_sheet(_sheet_name(group.id, taken))
        heads, rows = publication_rows(group)
        widths = [9, 42] + [12] * (len(heads) - 3) + [14]
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        put_text(ws.cell(1, 1), cell_text(f"{title} · {group.title}"))
        ws.cell(1, 1).font = Font(bold=True, size=13)
        put_text(ws.cell(2, 1), cell_text(r.campaign_title))
        ws.cell(2, 1).font = Font(italic=True)
        wrap = Alignment(wrap_text=True, vertical="top")
        for col, head in enumerate(heads, start=1):
            c = ws.cell(3, col)
            put_text(c, head)
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.row_dimensions[3].height = height_for(zip(heads, widths, strict=True))
        for at, line in enumerate(rows, start=4):
            for col, value in enumerate(line, start=1):
                c = ws.cell(at, col)
                if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
                    c.value = value
                    c.number_format = "0" if col == 1 else points_format
                    c.alignment = Alignment(vertical="top")
                elif value is not None:
                    put_text(c, cell_text(value))
                    c.alignment = wrap
            height = height_for([(line[1], widths[1])])
            if height:
                ws.row_dimensions[at].height = height
        ws.freeze_panes = "C4"
        print_setup(ws, cell_text(f"{title} · {group.title}"), "3:3", cell_text(_provenance(r.frameworks, language())))
    return wb
