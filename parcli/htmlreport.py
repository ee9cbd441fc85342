"""``parcli report``: one self-contained HTML page for leaders (DESIGN §11).

The page comes from a Jinja2 template (``parcli/templates/report.html.j2``, autoescaped); the
charts from matplotlib (:mod:`parcli.report.charts`), inlined as SVG with their text kept as
text (the browser's fonts render Vietnamese; no font, image or script is embedded or fetched;
a ``$`` in a name is a dollar sign, never math). Numbers are the ones ``score`` and ``rank``
print (same rounding, same places); colours follow the framework's classes, the same in every
report. Imported only by ``parcli report``, and matplotlib only when the page is written.

Many units stay within a bounded memory: each result is reduced to what its page shows
(:class:`UnitView`, :func:`collect`) as soon as it is scored, and the page is written as
it is rendered (:func:`render`), one unit's chart at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .i18n import N_, NP_, say
from .report import display, label, provenance_line, warning_text
from .summary import Summary, summarize

TEMPLATES = Path(__file__).parent / "templates"

_WORDS: dict[str, str | tuple[str, str]] = {
    "title": N_("Public Administration Reform index report"),
    "title_year": N_("Public Administration Reform index report {year}"),
    "ranking": NP_("heading", "Ranking"),
    "fields_chart": N_("Field indices (%)"),
    "index_chart": N_("Index of each unit (%)"),
    "heatmap": N_("Field indices by unit (%)"),
    "classes_chart": N_("Units by class"),
    "lost_most": N_("Leaves that lost most points"),
    "claims": N_("Claimed points the evidence does not support"),
    "plan": N_("First steps to win points back"),
    "yoy": N_("Compared with {year}"),
    "rank_of": N_("Rank {rank} of {count}"),
    "no_claims": N_("None."),
    "gain": NP_("column", "Gain"),
    "step_to": NP_("column", "Change to"),
    "units_count": N_("{count} units"),
    "generated": N_("Made by {tool}"),
    "max_lost": N_("max {max} · lost {lost}"),
    "na": NP_("status", "not applicable"),
    "no_class": NP_("status", "no class"),
    "scale": N_("Colours by the framework's class thresholds, the same in every report of this framework."),
    "scale_plain": N_("Colours by bands of 20 points, the same in every report of this framework."),
    "na_note": N_("Hatched: a field that does not apply to the unit, left out of the unit's max."),
    "fields": NP_("heading", "Fields"),
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


def collect(results: Iterable, lang: str = "vi", tick: Callable[[], None] | None = None,
            locale: str = "en") -> Collected:
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
            claims=tuple(warning_text(w, lang, locale) for w in r.warnings if w.code == "claim"),
        ))
        if tick is not None:
            tick()
    return out


# --- the page --------------------------------------------------------------------------


def render(collected: Collected, out: IO[bytes], lang: str = "vi", locale: str = "en", previous=None,
           tick: Callable[[], None] | None = None) -> None:
    """Write the report of the collected units (one framework) to ``out``, a unit at a time.
    ``previous``: (by code, by name) of an earlier rank CSV."""
    import jinja2

    from . import __version__
    from .rank import apply_previous, by_unit, ranking_of
    from .report import charts
    from .report.planout import evidence_words

    words = {key: say(entry, lang) for key, entry in _WORDS.items()}
    words["part"] = "{first}–{last}"  # a range of field ids, the same in every language
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
    scale = charts.Scale(classes, places, locale, words["no_class"], words["na"])

    def beside(line) -> str:  # the words beside a field's bar
        if line.index is None:
            return words["na"]
        return f"{idx(line.index)} % · " + words["max_lost"].format(max=num(line.max), lost=num(line.max - line.points))

    def units(field_chart, legend):
        for k, page in enumerate(pages, 1):
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
                "adjustments": [{"kind": a.kind, "points": num(a.points), "max": num(a.max)} for a in s.adjustments],
                "rank": words["rank_of"].format(rank=row.rank, count=len(pages)) if several and row.rank else "",
                "change": row.rank_change if ranking.has_previous else None,
                "chart": field_chart.svg(s.fields, f"u{k}-"),
                "legend": charts.scoped(legend, f"u{k}l-"),
                "has_na": any(f.index is None for f in s.fields),
                "lost": [{"id": node.id, "title": node.label(lang), "max": num(node.max), "points": num(points),
                          "lost": num(node.max - points)} for node, points in page.lost],
                "claims": page.claims,
                "steps": [{"id": node.id, "title": node.label(lang), "gain": num(gain),
                           "to": evidence_words(node, after, lang, locale)} for node, gain, after in page.steps],
                "yoy_title": words["yoy"].format(year=before.summary.year) if before is not None else "",
                "yoy": yoy,
                "previous_index": idx(before.summary.index) if before is not None else "",
                "previous_year": before.summary.year if before is not None else "",
            }
            if tick is not None:
                tick()

    def index_charts():
        ranked = [(p.summary.unit, p.summary.index, idx(p.summary.index) + (f" · {p.summary.klass}"
                                                                            if p.summary.klass else ""))
                  for p in pages if p.summary.index is not None]
        yield from charts.series(ranked, lambda rows: charts.IndexChart(rows, scale), "i")

    field_ids = ranking.field_ids

    def heatmaps():
        cells = [(p.summary.unit, [p.summary.field_index(fid) for fid in field_ids]) for p in pages]
        yield from charts.series(cells, lambda rows: charts.Heatmap(rows, field_ids, scale, places), "h")

    def classes_chart():
        if not classes:
            return ""
        counts = {b.low: 0 for b in scale.bands}
        for p in pages:
            band = scale.band(p.summary.index)
            if band is not None:
                counts[band.low] += 1
        return charts.classes_chart([(b, counts[b.low]) for b in scale.bands], "k-")

    years = sorted({p.summary.year for p in pages})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    template = env.get_template("report.html.j2")
    with charts.drawing():
        legend = charts.legend_svg(scale, "l-")
        overview = {}
        if several:
            overview = {
                "index_charts": index_charts(), "heatmaps": heatmaps(), "classes_chart": classes_chart(),
                "legend_index": charts.legend_svg(scale, "li-", na=False),
                "legend_heatmap": charts.scoped(legend, "lh-"),
                "has_na": any(p.summary.field_index(fid) is None for p in pages for fid in field_ids),
                "fields": [(fid, titles.get(fid, fid)) for fid in field_ids],
            }
        field_chart = charts.FieldChart([(f.id, titles[f.id]) for f in fw.fields], scale, beside)
        chunks = template.generate(
            lang=lang, words=words, L=lambda key: label(key, lang), several=several,
            year=", ".join(str(y) for y in years), framework_title=fw.title(lang),
            provenance=provenance_line(fw, lang, tool=False), status=fw.status,
            scale_note=words["scale"] if classes else words["scale_plain"],
            ranking=({"rank": row.rank, "unit": row.summary.unit, "index": idx(row.summary.index),
                      "klass": row.summary.klass or "–", "change": row.rank_change if ranking.has_previous else None}
                     for row in ranking.rows),
            has_previous=ranking.has_previous, overview=overview, units=units(field_chart, legend),
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
    render(collect(results, lang, locale=locale), buf, lang, locale, previous)
    return buf.getvalue().decode("utf-8")
