"""``parcli report``: one self-contained HTML page for leaders (DESIGN §11).

The page comes from a Jinja2 template (``parcli/templates/report.html.j2``, autoescaped);
the charts are inline SVG drawn here, with their text kept as text and escaped (the
browser's fonts render Vietnamese; no font, image or script is embedded or fetched; a
``$`` in a name is a dollar sign, never math). Numbers are the ones ``score`` and ``rank``
print (same rounding, same places). Imported only by ``parcli report``.

Many units stay within a bounded memory: each result is reduced to what its page shows
(:class:`UnitView`, :func:`collect`) as soon as it is scored, and the page is written as
it is rendered (:func:`render`), one unit's chart at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import IO

from .report import display, label, provenance_line, warning_text
from .summary import Summary, summarize

# Class colours, best first (colour-blind safe: Okabe–Ito)
CLASS_COLOURS = ["#009E73", "#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#999999"]
# ColorBrewer RdYlGn (red, yellow, green): the heat map's cells from low to 100 %
HEAT = ["#a50026", "#d73027", "#f46d43", "#fdae61", "#fee08b", "#ffffbf", "#d9ef8b", "#a6d96a", "#66bd63",
        "#1a9850", "#006837"]
TEMPLATES = Path(__file__).parent / "templates"

_WORDS = {
    "vi": {
        "title": "Báo cáo Chỉ số cải cách hành chính", "ranking": "Xếp hạng", "fields_chart": "Chỉ số thành phần theo lĩnh vực (%)",
        "index_chart": "Chỉ số của các đơn vị", "heatmap": "Chỉ số lĩnh vực của từng đơn vị (%)",
        "classes_chart": "Số đơn vị theo xếp loại", "lost_most": "Các tiêu chí mất nhiều điểm nhất",
        "claims": "Điểm tự chấm cao hơn mức số liệu cho phép", "plan": "Các bước gỡ điểm nên làm trước",
        "yoy": "So với năm {year}", "rank_of": "Xếp hạng {rank}/{count}", "no_claims": "Không có.",
        "step_from": "Hiện tại", "step_to": "Cần đạt", "gain": "Điểm tăng", "units_count": "{count} đơn vị",
        "generated": "Tạo bởi {tool}", "unit_word": "Đơn vị", "previous": "so với lần xếp hạng trước",
        "max_lost": "Tối đa {max} · mất {lost}", "field_short": "LV",
    },
    "en": {
        "title": "Public Administration Reform index report", "ranking": "Ranking",
        "fields_chart": "Field indices (%)", "index_chart": "Index of each unit", "heatmap": "Field indices by unit (%)",
        "classes_chart": "Units by class", "lost_most": "Leaves that lost most points",
        "claims": "Claimed points the evidence does not support", "plan": "First steps to win points back",
        "yoy": "Compared with {year}", "rank_of": "Rank {rank} of {count}", "no_claims": "None.",
        "step_from": "Now", "step_to": "Change to", "gain": "Gain", "units_count": "{count} units",
        "generated": "Made by {tool}", "unit_word": "Unit", "previous": "change since the previous ranking",
        "max_lost": "max {max} · lost {lost}", "field_short": "F",
    },
}


# --- what a page shows of one unit -------------------------------------------------------


@dataclass(slots=True)
class UnitView:
    """One unit's page, small: the summary (totals and field indices, for the ranking and the field
    chart) and the few leaves the page lists, as (node, number) pairs formatted when the page is
    written, and the claims in words."""

    summary: Summary
    lost: tuple  # (leaf node, points) of the 10 leaves that lost most
    steps: tuple  # (leaf node, gain, the evidence that wins it) of the first 5 plan steps
    claims: tuple[str, ...]


@dataclass(slots=True)
class Collected:
    """Every unit's view, and the frameworks they were scored against (by ``id@version``)."""

    views: list[UnitView] = field(default_factory=list)
    frameworks: dict = field(default_factory=dict)  # key -> the checked Framework
    shas: dict = field(default_factory=dict)  # key -> set of sha256


def collect(results: Iterable, lang: str = "vi", tick: Callable[[], None] | None = None) -> Collected:
    """Reduce each scored result to its :class:`UnitView` as it comes (the result is dropped)."""
    from .plan import opportunities

    out = Collected()
    for r in results:
        fw = r.framework
        key = f"{fw.id}@{fw.version}"
        out.frameworks.setdefault(key, fw)
        out.shas.setdefault(key, set()).add(fw.sha256)
        leaves = sorted((lf for lf in r.leaves if lf.points is not None and lf.max > lf.points),
                        key=lambda lf: (-(lf.max - lf.points), lf.node.id))[:10]
        out.views.append(UnitView(
            summary=summarize(r, leaves=False),
            lost=tuple((lf.node, lf.points) for lf in leaves),
            steps=tuple((ch.leaf, ch.gain, ch.after) for ch in opportunities(r).changes[:5]),
            claims=tuple(warning_text(w, lang) for w in r.warnings if w.code == "claim"),
        ))
        if tick is not None:
            tick()
    return out


# --- charts: inline SVG, text as text ----------------------------------------------------


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size - 1] + "…"


class _Svg:
    """An inline SVG drawing: every text escaped, sizes in CSS pixels."""

    def __init__(self, width: int, height: int, title: str):
        self.width, self.height = width, height
        self.parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                      f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
                      'font-family="DejaVu Sans, Segoe UI, Arial, sans-serif">',
                      f'<text x="0" y="14" font-size="13">{escape(title)}</text>']

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(0.0, w):.1f}" height="{h:.1f}" fill="{fill}"/>')

    def text(self, x: float, y: float, text: str, size: int = 11, anchor: str = "start", fill: str = "#1b1b1b") -> None:
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
                          f'dominant-baseline="central" fill="{fill}">{escape(text)}</text>')

    def flush(self) -> str:
        """What was drawn since the last flush (a long chart is written a row at a time)."""
        out = "".join(self.parts)
        self.parts = []
        return out

    def done(self) -> str:
        return self.flush() + "</svg>"


def _f(x) -> float:
    return float(x) if x is not None else 0.0


def field_chart(fields, titles: dict[str, str], places: int, lang: str) -> str:
    """Each applicable field's index against 100 %, with its max and lost points (``fields``: the
    summary's lines; ``titles``: field id -> title in the report's language)."""
    words = _WORDS[lang]
    shown = [f for f in fields if f.status != "na"]
    row, top, left, span = 24, 28, 300, 280
    svg = _Svg(left + span + 200, top + row * len(shown) + 8, words["fields_chart"])
    for i, f in enumerate(shown):
        y = top + i * row
        svg.text(left - 8, y + row / 2, _cut(f"{f.id}. {titles.get(f.id, f.title)}", 48), anchor="end")
        svg.rect(left, y + 4, span, row - 8, "#eeeeee")
        svg.rect(left, y + 4, span * min(_f(f.index), 100) / 100, row - 8, "#0072B2")
        lost = f.max - f.points
        svg.text(left + span + 6, y + row / 2, f"{display(f.index, places, fixed=True)} · "
                 + words["max_lost"].format(max=display(f.max, places), lost=display(lost, places)), size=10)
    return svg.done()


def _class_colour(klass, classes) -> str:
    labels = [c.label for c in classes]
    return CLASS_COLOURS[labels.index(klass) % len(CLASS_COLOURS)] if klass in labels else "#999999"


def index_chart(pages: list[UnitView], classes, places: int, lang: str) -> Iterator[str]:
    """Every scored unit's index as a bar in its class colour, in ranking order (in pieces)."""
    ordered = [p for p in pages if p.summary.index is not None]
    row, top, left, span = 18, 28, 280, 320
    low = max(0.0, min((_f(p.summary.index) for p in ordered), default=0.0) - 10)
    svg = _Svg(left + span + 110, top + row * len(ordered) + 8, _WORDS[lang]["index_chart"])
    for i, p in enumerate(ordered):
        y = top + i * row
        s = p.summary
        svg.text(left - 8, y + row / 2, _cut(s.unit, 45), size=10, anchor="end")
        width = span * (_f(s.index) - low) / (105 - low)
        svg.rect(left, y + 3, width, row - 6, _class_colour(s.klass, classes))
        svg.text(left + width + 4, y + row / 2, f"{display(s.index, places, fixed=True)} ({s.klass})", size=10)
        yield svg.flush()
    yield svg.done()


def _heat(value: float, low: float) -> tuple[str, bool]:
    """The cell colour of ``value`` on the scale from ``low`` to 100, and whether it is dark."""
    t = 0.0 if value <= low else min(1.0, (value - low) / (100 - low)) if low < 100 else 1.0
    pos = t * (len(HEAT) - 1)
    i = min(int(pos), len(HEAT) - 2)
    frac = pos - i
    a, b = HEAT[i], HEAT[i + 1]
    r, g, bl = (round(int(a[k:k + 2], 16) * (1 - frac) + int(b[k:k + 2], 16) * frac) for k in (1, 3, 5))
    return f"#{r:02x}{g:02x}{bl:02x}", 0.299 * r + 0.587 * g + 0.114 * bl < 110


def heatmap(pages: list[UnitView], field_ids: list[str], lang: str) -> Iterator[str]:
    """Each unit's field indices as coloured cells with their values (blank where not applicable),
    in pieces."""
    row, top, left = 18, 44, 280
    cell = max(28, min(60, 420 // max(1, len(field_ids))))
    known = [_f(v) for p in pages for v in (p.summary.field_index(fid) for fid in field_ids) if v is not None]
    low = max(0.0, min(known) - 5) if known else 0.0
    del known
    svg = _Svg(left + cell * len(field_ids) + 8, top + row * len(pages) + 8, _WORDS[lang]["heatmap"])
    for j, fid in enumerate(field_ids):
        svg.text(left + j * cell + cell / 2, top - 10, f"{_WORDS[lang]['field_short']}{fid}", size=10, anchor="middle")
    for i, p in enumerate(pages):
        y = top + i * row
        svg.text(left - 8, y + row / 2, _cut(p.summary.unit, 40), size=10, anchor="end")
        for j, v in enumerate(p.summary.field_index(fid) for fid in field_ids):
            if v is None:
                continue
            colour, dark = _heat(_f(v), low)
            svg.rect(left + j * cell + 0.5, y + 0.5, cell - 1, row - 1, colour)
            svg.text(left + j * cell + cell / 2, y + row / 2, f"{_f(v):.0f}", size=9, anchor="middle",
                     fill="#ffffff" if dark else "#1b1b1b")
        yield svg.flush()
    yield svg.done()


def classes_chart(pages: list[UnitView], classes, lang: str) -> str:
    """How many units are in each class."""
    labels = [c.label for c in classes]
    counts = [sum(1 for p in pages if p.summary.klass == lab) for lab in labels]
    top, bottom, height, bar = 44, 24, 120, 48
    svg = _Svg(max(240, 16 + len(labels) * (bar + 16)), top + height + bottom, _WORDS[lang]["classes_chart"])
    most = max(counts, default=0) or 1
    for i, (lab, n) in enumerate(zip(labels, counts)):
        x = 16 + i * (bar + 16)
        h = height * n / most
        svg.rect(x, top + height - h, bar, h, _class_colour(lab, classes))
        svg.text(x + bar / 2, top + height - h - 8, str(n), size=11, anchor="middle")
        svg.text(x + bar / 2, top + height + 12, _cut(lab, 10), size=11, anchor="middle")
    return svg.done()


# --- the page --------------------------------------------------------------------------


def render(collected: Collected, out: IO[bytes], lang: str = "vi", locale: str = "en", previous=None,
           tick: Callable[[], None] | None = None) -> None:
    """Write the report of the collected units (one framework) to ``out``, a unit at a time.
    ``previous``: (by code, by name) of an earlier rank CSV."""
    import jinja2

    from . import __version__
    from .rank import apply_previous, by_unit, ranking_of
    from .report.planout import value_words
    from .report.unitfile import raw_value

    words = _WORDS[lang]
    views = {id(v.summary): v for v in collected.views}
    # one unit over several years: its latest year is its page and its row of the ranking, the year
    # before is its year-over-year view (a unit is never ranked against itself)
    groups = by_unit(v.summary for v in collected.views)
    current = [group[-1] for group in groups]
    earlier = {id(group[-1]): views[id(group[-2])] for group in groups if len(group) > 1}
    ranking = ranking_of(current)
    if previous is not None:
        apply_previous(ranking, *previous)
    pages = [views[id(row.summary)] for row in ranking.rows]
    rows = {id(row.summary): row for row in ranking.rows}
    fw = next(iter(collected.frameworks.values()))
    places = fw.places
    classes = fw.header.classes
    several = len(pages) > 1

    def num(v):
        return display(v, places, locale) if v is not None else ""

    def idx(v):
        return display(v, places, locale, fixed=True) if v is not None else "–"

    titles = {f.id: f.label(lang) for f in fw.fields}

    def units():
        for page in pages:
            s = page.summary
            row = rows[id(s)]
            before = earlier.get(id(s))
            yoy = []
            if before is not None:
                old = {f.id: f for f in before.summary.fields}
                for f in s.fields:
                    b = old.get(f.id)
                    if b is not None and b.index is not None and f.index is not None:
                        yoy.append({"id": f.id, "title": titles.get(f.id, f.title), "before": idx(b.index),
                                    "after": idx(f.index), "delta": display(f.index - b.index, places, locale,
                                                                            fixed=True)})
            yield {
                "name": s.unit, "year": s.year, "code": s.code, "index": idx(s.index), "klass": s.klass or "–",
                "points": num(s.points), "max": num(s.max),
                "rank": words["rank_of"].format(rank=row.rank, count=len(pages)) if several and row.rank else "",
                "change": row.rank_change if ranking.has_previous else None,
                "chart": field_chart(s.fields, titles, places, lang),
                "lost": [{"id": node.id, "title": node.label(lang), "max": num(node.max), "points": num(points),
                          "lost": num(node.max - points)} for node, points in page.lost],
                "claims": page.claims,
                "steps": [{"id": node.id, "title": node.label(lang), "gain": num(gain),
                           "to": value_words(node, raw_value(after), lang)} for node, gain, after in page.steps],
                "yoy_title": words["yoy"].format(year=before.summary.year) if before is not None else "",
                "yoy": yoy,
                "previous_index": idx(before.summary.index) if before is not None else "",
                "previous_year": before.summary.year if before is not None else "",
            }
            if tick is not None:
                tick()

    overview = {}
    if several:
        overview = {
            "index_chart": index_chart(pages, classes, places, lang),
            "heatmap": heatmap(pages, ranking.field_ids, lang),
            "classes_chart": classes_chart(pages, classes, lang),
        }
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    template = env.get_template("report.html.j2")
    chunks = template.generate(
        lang=lang, words=words, L=lambda key: label(key, lang), several=several,
        framework_title=fw.title(lang), provenance=provenance_line(fw, lang), status=fw.status,
        ranking=({"rank": row.rank, "unit": row.summary.unit, "index": idx(row.summary.index),
                  "klass": row.summary.klass or "–", "change": row.rank_change if ranking.has_previous else None}
                 for row in ranking.rows),
        has_previous=ranking.has_previous, overview=overview, units=units(),
        tool=f"parcli {__version__}", count=len(pages),
    )
    buffer: list[str] = []
    size = 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= 1 << 16:
            out.write("".join(buffer).encode("utf-8"))
            buffer, size = [], 0
    out.write("".join(buffer).encode("utf-8"))


def build(results, lang: str = "vi", locale: str = "en", previous=None) -> str:
    """The report of ``results`` (scored units of one framework) as HTML text (for scripts; ``parcli
    report`` collects and renders as it goes, see :class:`parcli.report.htmlout.HtmlWriter`)."""
    import io

    buf = io.BytesIO()
    render(collect(results, lang), buf, lang, locale, previous)
    return buf.getvalue().decode("utf-8")
