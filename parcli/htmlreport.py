"""``parcli report``: one self-contained HTML page for leaders (DESIGN §11).

The page comes from a Jinja2 template (``parcli/templates/report.html.j2``, autoescaped);
the charts from matplotlib's SVG backend, inlined with their text kept as text (the
browser's fonts render Vietnamese; no font, image or script is embedded or fetched).
Numbers are the ones ``score`` and ``rank`` print (same rounding, same places).
Imported only by ``parcli report``: matplotlib and Jinja2 stay out of every other command.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from .report import display, label, provenance_line, warning_text
from .summary import summarize

# Class colours, best first (colour-blind safe: Okabe–Ito)
CLASS_COLOURS = ["#009E73", "#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#999999"]
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


@dataclass
class UnitPage:
    result: object
    summary: object
    rank: int | None = None
    change: int | None = None
    previous: object | None = None  # the same unit's result of an earlier year, when given


def _svg(fig, salt: str) -> str:
    """A matplotlib figure as inline SVG: no XML header, no DOCTYPE, no metadata links."""
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    with plt.rc_context({"svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", bbox_inches="tight",
                    metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    plt.close(fig)
    text = buf.getvalue()
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text, flags=re.S)
    return text


def _pyplot():
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.family": "DejaVu Sans", "font.size": 9,
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _f(x) -> float:
    return float(x) if x is not None else 0.0


def field_chart(result, lang: str, salt: str) -> str:
    """Each field's index against 100 %, with its max and lost points."""
    plt = _pyplot()
    words = _WORDS[lang]
    places = result.framework.places
    fields = [f for f in result.fields if f.status != "na"]
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(fields) + 0.8))
    names = [f"{f.id}. {f.node.label(lang)}"[:60] for f in fields]
    values = [_f(f.index) for f in fields]
    ax.barh(range(len(fields)), [100] * len(fields), color="#eeeeee")
    ax.barh(range(len(fields)), values, color="#0072B2")
    for i, f in enumerate(fields):
        lost = f.max - f.points
        ax.text(min(values[i], 100) + 1, i, f"{display(f.index, places, fixed=True)} · "
                + words["max_lost"].format(max=display(f.max, places), lost=display(lost, places)),
                va="center", fontsize=8)
    ax.set_yticks(range(len(fields)), names)
    ax.invert_yaxis()
    ax.set_xlim(0, 135)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_title(words["fields_chart"], loc="left", fontsize=10)
    return _svg(fig, salt)


def _class_colour(klass, classes) -> str:
    labels = [c.label for c in classes]
    return CLASS_COLOURS[labels.index(klass) % len(CLASS_COLOURS)] if klass in labels else "#999999"


def index_chart(pages, classes, lang: str, salt: str) -> str:
    plt = _pyplot()
    ordered = [p for p in pages if p.result.index is not None]
    fig, ax = plt.subplots(figsize=(7.2, 0.3 * len(ordered) + 0.9))
    ax.barh(range(len(ordered)), [_f(p.result.index) for p in ordered],
            color=[_class_colour(p.result.klass, classes) for p in ordered])
    places = ordered[0].result.framework.places if ordered else 2
    for i, p in enumerate(ordered):
        ax.text(_f(p.result.index) + 0.5, i, f"{display(p.result.index, places, fixed=True)} ({p.result.klass})",
                va="center", fontsize=8)
    ax.set_yticks(range(len(ordered)), [p.result.unit[:45] for p in ordered])
    ax.invert_yaxis()
    low = min((_f(p.result.index) for p in ordered), default=0)
    ax.set_xlim(max(0, low - 10), 105)
    ax.set_title(_WORDS[lang]["index_chart"], loc="left", fontsize=10)
    return _svg(fig, salt)


def heatmap(pages, field_ids, lang: str, salt: str) -> str:
    import numpy as np

    plt = _pyplot()
    data = np.array([[_f(p.summary.field_index(fid)) if p.summary.field_index(fid) is not None else np.nan
                      for fid in field_ids] for p in pages])
    fig, ax = plt.subplots(figsize=(7.2, 0.32 * len(pages) + 1.2))
    low = max(0, float(np.nanmin(data)) - 5) if data.size and not np.isnan(data).all() else 0
    ax.pcolormesh(np.ma.masked_invalid(data), cmap="RdYlGn", vmin=low, vmax=100,
                          edgecolors="white", linewidth=0.5)  # vector cells, no embedded picture
    ax.set_xlim(0, len(field_ids))
    ax.set_ylim(len(pages), 0)
    ax.set_xticks([j + 0.5 for j in range(len(field_ids))], [f"{_WORDS[lang]['field_short']}{fid}" for fid in field_ids])
    ax.set_yticks([i + 0.5 for i in range(len(pages))], [p.result.unit[:40] for p in pages])
    for i in range(len(pages)):
        for j in range(len(field_ids)):
            if not np.isnan(data[i, j]):
                ax.text(j + 0.5, i + 0.5, f"{data[i, j]:.0f}", ha="center", va="center", fontsize=7)
    ax.set_title(_WORDS[lang]["heatmap"], loc="left", fontsize=10)
    return _svg(fig, salt)


def classes_chart(pages, classes, lang: str, salt: str) -> str:
    plt = _pyplot()
    labels = [c.label for c in classes]
    counts = [sum(1 for p in pages if p.result.klass == lab) for lab in labels]
    fig, ax = plt.subplots(figsize=(4.5, 2.2))
    ax.bar(labels, counts, color=[_class_colour(lab, classes) for lab in labels])
    for i, n in enumerate(counts):
        ax.text(i, n, str(n), ha="center", va="bottom")
    ax.set_title(_WORDS[lang]["classes_chart"], loc="left", fontsize=10)
    ax.set_yticks([])
    return _svg(fig, salt)


def build(results, lang: str = "vi", locale: str = "en", previous=None) -> str:
    """The report as HTML text. ``results``: scored units (one framework); ``previous``: (by code,
    by name) of an earlier rank CSV."""
    import jinja2

    from . import __version__
    from .plan import opportunities
    from .rank import apply_previous, by_unit, ranking_of

    words = _WORDS[lang]
    # one unit over several years: its latest year is its page and its row of the ranking, the year
    # before is its year-over-year view (a unit is never ranked against itself)
    groups = by_unit(results)
    current = [group[-1] for group in groups]
    before = {id(group[-1]): group[-2] for group in groups if len(group) > 1}
    summaries = [summarize(r) for r in current]
    ranking = ranking_of(summaries)
    if previous is not None:
        apply_previous(ranking, *previous)
    by_summary = {id(s): r for s, r in zip(summaries, current)}
    pages = []
    for row in ranking.rows:
        result = by_summary[id(row.summary)]
        pages.append(UnitPage(result, row.summary, row.rank, row.rank_change if ranking.has_previous else None,
                              before.get(id(result))))
    fw = results[0].framework
    places = fw.places
    classes = fw.header.classes
    several = len(pages) > 1

    def num(v):
        return display(v, places, locale) if v is not None else ""

    def idx(v):
        return display(v, places, locale, fixed=True) if v is not None else "–"

    n = 0

    def salt():
        nonlocal n
        n += 1
        return f"parcli-{n}"

    overview = {}
    if several:
        overview = {
            "index_chart": index_chart(pages, classes, lang, salt()),
            "heatmap": heatmap(pages, ranking.field_ids, lang, salt()),
            "classes_chart": classes_chart(pages, classes, lang, salt()),
        }
    unit_views = []
    for page in pages:
        r = page.result
        leaves = sorted((lf for lf in r.leaves if lf.points is not None and lf.max > lf.points),
                        key=lambda lf: (-(lf.max - lf.points), lf.node.id))[:10]
        claims = [w for w in r.warnings if w.code == "claim"]
        steps = opportunities(r).changes[:5]
        yoy = []
        if page.previous is not None:
            before = {f.id: f for f in page.previous.fields}
            for f in r.fields:
                b = before.get(f.id)
                if b is not None and b.index is not None and f.index is not None:
                    yoy.append({"id": f.id, "title": f.node.label(lang), "before": idx(b.index), "after": idx(f.index),
                                "delta": display(f.index - b.index, places, locale, fixed=True)})
        unit_views.append({
            "name": r.unit, "year": r.year, "code": r.code, "index": idx(r.index), "klass": r.klass or "–",
            "points": num(r.points), "max": num(r.max),
            "rank": words["rank_of"].format(rank=page.rank, count=len(pages)) if several and page.rank else "",
            "change": page.change,
            "chart": field_chart(r, lang, salt()),
            "lost": [{"id": lf.node.id, "title": lf.node.label(lang), "max": num(lf.max), "points": num(lf.points),
                      "lost": num(lf.max - lf.points)} for lf in leaves],
            "claims": [warning_text(w, lang) for w in claims],
            "steps": [{"id": ch.leaf.id, "title": ch.leaf.label(lang), "gain": num(ch.gain)} for ch in steps],
            "yoy_title": words["yoy"].format(year=page.previous.year) if page.previous is not None else "",
            "yoy": yoy,
            "previous_index": idx(page.previous.index) if page.previous is not None else "",
            "previous_year": page.previous.year if page.previous is not None else "",
        })
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    template = env.get_template("report.html.j2")
    return template.render(
        lang=lang, words=words, L=lambda key: label(key, lang), several=several,
        framework_title=fw.title(lang), provenance=provenance_line(fw, lang), status=fw.status,
        ranking=[{"rank": row.rank, "unit": row.summary.unit, "index": idx(row.summary.index),
                  "klass": row.summary.klass or "–", "change": row.rank_change if ranking.has_previous else None}
                 for row in ranking.rows],
        has_previous=ranking.has_previous, overview=overview, units=unit_views,
        tool=f"parcli {__version__}", count=len(pages),
    )
