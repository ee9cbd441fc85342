"""``parcli plan`` for people (a table) and for scripts (JSON ``parcli/plan/v1``, CSV)."""

from __future__ import annotations

from decimal import Decimal

from .. import __version__
from . import TOOL, display, label
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


def value_words(leaf, raw, lang: str) -> str:
    """An evidence value as a person reads it in a plan: an option by its title, else its unit-file form."""
    value = _measured(raw)
    if isinstance(value, str) and leaf.rule is not None and leaf.rule.form_cell() == "option":
        return leaf.rule.title(value, lang)
    return _flow(value)


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


_WHY = {
    "vi": {"survey": "điều tra xã hội học", "impact": "chỉ tiêu kinh tế – xã hội",
           "override": "điểm đã được thẩm định", "adjustment": "điểm thưởng, điểm trừ do hội đồng thẩm định"},
    "en": {"survey": "survey", "impact": "socio-economic impact", "override": "overridden by the appraisers",
           "adjustment": "bonus or penalty: the appraisers' decision"},
}


def _why_words(lost, lang: str) -> str:
    """Why a leaf's lost points are not planned, in ``lang``: the rule's own words when its kind holds
    its leaves (the appraisers' points), else the source's or the override's."""
    rule = lost.leaf.rule
    if rule is not None and rule.PLAN_HOLD is not None and lost.why == rule.PLAN_HOLD:
        from ..i18n import text

        return text(rule.HOLD_WORDS, lang if lang in ("vi", "en") else "vi", "why not planned")
    return _WHY.get(lang, _WHY["en"]).get(lost.why, lost.why)


_WORDS = {
    "vi": {"title": "Kế hoạch cải thiện",
           "opportunities": "Các tiêu chí có thể gỡ điểm (bước kế tiếp, điểm tăng lớn nhất trước)",
           "from": "Hiện tại", "to": "Cần đạt", "gain": "Điểm tăng", "index_gain": "Chỉ số tăng",
           "before": "Hiện tại", "after": "Sau kế hoạch", "target": "Mục tiêu", "lost": "Điểm mất",
           "why": "Lý do", "not_plannable": "Điểm mất ngoài tầm kế hoạch",
           "unreachable": "Không đạt được mục tiêu {target}: tối đa là {best} (nếu gỡ hết các tiêu chí dưới đây).",
           "reached": "Đã đạt mục tiêu.",
           "total_lost": "Tổng điểm mất ngoài tầm kế hoạch: {lost} điểm ({share} điểm chỉ số)"},
    "en": {"title": "Improvement plan",
           "opportunities": "Lost points the unit can win back (next step, largest gain first)",
           "from": "Now", "to": "Change to", "gain": "Gain", "index_gain": "Index gain",
           "before": "Now", "after": "After the plan", "target": "Target", "lost": "Lost",
           "why": "Why", "not_plannable": "Lost points the plan cannot act on",
           "unreachable": "The target {target} cannot be reached: the most is {best} (every leaf below at its best).",
           "reached": "The target is already reached.",
           "total_lost": "Total lost points the plan cannot act on: {lost} ({share} index points)"},
}


def plan_tables(plan, lang: str = "vi", locale: str = "en"):
    """The tables and lines of a plan, in the chosen language."""
    from .table import Table

    words = _WORDS.get(lang, _WORDS["en"])
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
        t.add_column(words["gain"], justify="right", no_wrap=True)
        t.add_column(words["index_gain"], justify="right", no_wrap=True)
        for ch in changes:
            t.add_row(ch.leaf.id, ch.leaf.label(lang), value_words(ch.leaf, _from(ch), lang) if ch.before is not None
                      else "–", value_words(ch.leaf, raw_value(ch.after), lang), num(ch.gain), num(plan.index_gain(ch)))
        out.append(t)
    if plan.not_plannable:
        t = Table(title=words["not_plannable"], title_justify="left")
        t.add_column(label("id", lang), no_wrap=True)
        t.add_column(label("title", lang), overflow="fold", ratio=1)
        t.add_column(words["lost"], justify="right", no_wrap=True)
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


def _measured(value):
    """The change's new value without the note parcli adds ("planned")."""
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if k not in ("note", "documents", "claimed")}
        if list(value) == ["value"]:
            return value["value"]
    return value
