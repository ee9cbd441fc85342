"""``parcli plan`` for people (a table) and for scripts (JSON ``parcli/plan/v1``, CSV)."""

from __future__ import annotations

from decimal import Decimal

from .. import __version__
from ..i18n import LANGUAGES, N_, NC_, NP_, say, text
from . import LABELS, TOOL, display, label
from .unitfile import raw_value

PLAN_SCHEMA = "parcli/plan/v1"
CSV_COLUMNS = ["leaf", "title", "from", "to", "points_before", "points_after", "gain", "index_gain"]


def _totals(result) -> dict:
    return {"points": result.points, "max": result.max, "index": result.index, "class": result.klass}


def _flow(value) -> str:
    """An evidence value in unit-file flow form: {done: 60, of: 78}, true, kip_thoi."""
    import json

    from . import exact

    def one(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, Decimal):
            return exact(v)
        if isinstance(v, list):
            return "[" + ", ".join(one(x) for x in v) + "]"
        if isinstance(v, str):
            return v if v.replace("_", "").isalnum() and v.isascii() else json.dumps(v, ensure_ascii=False)
        return str(v)

    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {one(v)}" for k, v in value.items()) + "}"
    return one(value)


def _from(change):
    return raw_value(change.before) if change.before is not None else None


POINTS_WORDS = NC_("evidence", "{points} points")


def evidence_words(leaf, ev, lang: str = "vi", locale: str = "en") -> str:
    """An evidence value as a person reads it, never in unit-file (YAML) form: "1480/1520 (97,37 %)",
    "92,2 %", "Có", an option by its title, "3", "4,2 điểm/5", "1,5 điểm" (points given), "không áp dụng"."""
    from ..i18n import text
    from ..rules.base import MEASURE_UNIT
    from . import display, exact

    if ev is None:
        return "–"
    if ev.na:
        return label("na", lang)

    def number(v):
        words = exact(v)
        return words.replace(".", ",") if locale == "vi" else words

    def percent(v, fixed=False):
        return display(v, 2, locale, fixed=fixed) + {"vi": " %"}.get(locale, "%")  # vi-VN writes "97,37 %"

    rule = leaf.rule
    if ev.form == "bool":
        return label("yes" if ev.amount else "no", lang)
    if ev.form == "option":
        return rule.title(ev.amount, lang) if rule is not None and hasattr(rule, "title") else str(ev.amount)
    if ev.form == "ratio":
        share = f" ({percent(ev.done * 100 / ev.of, fixed=True)})" if ev.of else ""
        return f"{number(ev.done)}/{number(ev.of)}{share}"
    if ev.form == "percent":
        return percent(ev.amount)
    if ev.form in ("count", "value"):
        unit = rule.unit(lang) if rule is not None else ""
        generic = MEASURE_UNIT.get(ev.form)
        if generic is not None and unit == text(generic, lang if lang in ("vi", "en") else "vi", "measure unit"):
            unit = ""  # "3", not "3 số lượng"
        return f"{number(ev.amount)} {unit}".rstrip()
    if ev.points is not None:
        return text(POINTS_WORDS, lang if lang in ("vi", "en") else "vi", "evidence").format(points=number(ev.points))
    return "–"


def plan_object(plan) -> dict:
    before = plan.before
    fw = before.framework
    changes = plan.changes if plan.reached else plan.best_changes
    return {
        "schema": PLAN_SCHEMA,
        "tool": {"name": TOOL, "version": __version__},
        "unit": before.unit,
        "framework": {"id": fw.id, "version": fw.version, "sha256": fw.sha256},
        "target": None if plan.target is None else {"index": plan.target},
        "reached": plan.reached if plan.target is not None else None,
        "before": _totals(before),
        "after": _totals(plan.after) if plan.after is not None and plan.target is not None else None,
        "best": _totals(plan.best) if plan.best is not None else None,
        "changes": [
            {"leaf": ch.leaf.id, "title": ch.leaf.title, "from": _from(ch), "to": raw_value(ch.after),
             "points_before": ch.points_before, "points_after": ch.points_after, "gain": ch.gain}
            for ch in changes
        ],
        "not_plannable": [{"leaf": x.leaf.id, "lost": x.lost, "why": x.why} for x in plan.not_plannable],
    }


def plan_rows(plan):
    changes = plan.changes if plan.reached else plan.best_changes
    for ch in changes:
        yield [ch.leaf.id, ch.leaf.title, _flow(_from(ch)) if ch.before is not None else "",
               _flow(raw_value(ch.after)), ch.points_before, ch.points_after, ch.gain, plan.index_gain(ch)]


_WHY = {"survey": LABELS["survey"], "impact": LABELS["impact"],
        "override": NP_("why not planned", "overridden by the appraisers"),
        "adjustment": NP_("why not planned", "bonus or penalty: the appraisers' decision")}


def _why_words(lost, lang: str) -> str:
    """Why a leaf's lost points are not planned, in ``lang``: the rule's own words when its kind holds
    its leaves (the appraisers' points), else the source's or the override's."""
    rule = lost.leaf.rule
    if rule is not None and rule.PLAN_HOLD is not None and lost.why == rule.PLAN_HOLD:
        return text(rule.HOLD_WORDS, lang if lang in LANGUAGES else "vi", "why not planned")
    entry = _WHY.get(lost.why)
    return lost.why if entry is None else say(entry, lang if lang in LANGUAGES else "en")


_WORDS: dict[str, str | tuple[str, str]] = {
    "title": N_("Improvement plan"),
    "opportunities": N_("Lost points the unit can win back (next step, largest gain first)"),
    "from": NP_("column", "Now"),
    "to": NP_("column", "Change to"),
    "gain": NP_("column", "Gain"),
    "index_gain": NP_("column", "Index gain"),
    "before": NP_("column", "Now"),
    "after": NP_("column", "After the plan"),
    "target": NP_("column", "Target"),
    "lost": NP_("column", "Lost"),
    "why": NP_("column", "Why"),
    "not_plannable": N_("Lost points the plan cannot act on"),
    "unreachable": N_("The target {target} cannot be reached: the most is {best} (every leaf below at its best)."),
    "reached": N_("The target is already reached."),
    "total_lost": N_("Total lost points the plan cannot act on: {lost} ({share} index points)"),
}


def plan_tables(plan, lang: str = "vi", locale: str = "en"):
    """The tables and lines of a plan, in the chosen language."""
    from .table import Table, short_label

    words = {key: say(entry, lang if lang in LANGUAGES else "en") for key, entry in _WORDS.items()}
    before = plan.before
    places = before.framework.places

    def num(v):
        return display(v, places, locale)

    def idx(v):
        return display(v, places, locale, fixed=True) if v is not None else "–"

    out = []
    head = Table()
    head.add_column("", no_wrap=True)
    head.add_column(label("index", lang), justify="right", no_wrap=True)
    head.add_column(label("class", lang), no_wrap=True)
    head.add_row(words["before"], idx(before.index), before.klass or "–")
    if plan.target is not None:
        head.add_row(words["target"], idx(plan.target), "")
        shown = plan.after if plan.reached else plan.best
        if shown is not None:
            head.add_row(words["after"], idx(shown.index), shown.klass or "–")
    out.append(head)
    changes = plan.changes if plan.reached else plan.best_changes
    if changes:
        title = words["opportunities"] if plan.target is None else ""
        t = Table(title=title or None, title_justify="left")
        t.add_column(label("id", lang), no_wrap=True)
        t.add_column(label("title", lang), overflow="fold", ratio=1)
        t.add_column(words["from"], overflow="fold")
        t.add_column(words["to"], overflow="fold")
        t.add_column(words["gain"], justify="right", no_wrap=True, short=short_label("gain", lang))
        t.add_column(words["index_gain"], justify="right", no_wrap=True, short=short_label("index_gain", lang))
        for ch in changes:
            t.add_row(ch.leaf.id, ch.leaf.label(lang), evidence_words(ch.leaf, ch.before, lang, locale),
                      evidence_words(ch.leaf, ch.after, lang, locale), num(ch.gain), num(plan.index_gain(ch)))
        out.append(t)
    if plan.not_plannable:
        t = Table(title=words["not_plannable"], title_justify="left")
        t.add_column(label("id", lang), no_wrap=True)
        t.add_column(label("title", lang), overflow="fold", ratio=1)
        t.add_column(words["lost"], justify="right", no_wrap=True, short=short_label("lost", lang))
        t.add_column(words["why"], no_wrap=True)
        for x in plan.not_plannable:
            t.add_row(x.leaf.id, x.leaf.label(lang), num(x.lost), _why_words(x, lang))
        out.append(t)
    lines = []
    if plan.target is not None and not plan.reached and plan.best is not None:
        lines.append(words["unreachable"].format(target=idx(plan.target), best=idx(plan.best.index)))
    elif plan.target is not None and not plan.changes:
        lines.append(words["reached"])
    if plan.not_plannable:
        total = sum((x.lost for x in plan.not_plannable), Decimal(0))
        share = total * 100 / before.max if before.max else Decimal(0)
        lines.append(words["total_lost"].format(lost=num(total), share=idx(share)))
    return f"{words['title']} · {before.unit} · {before.year}", out, lines

