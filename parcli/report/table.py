"""Rich tables for people."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..engine import round_index
from . import display, label, provenance_line, warning_text

_STATUS_STYLE = {"scored": "", "missing": "yellow", "na": "dim", "override": "cyan"}


def console(stream=None) -> Console:
    """A console for stdout or stderr; see :func:`emit` for output that is not a terminal."""
    stream = stream or sys.stdout
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    if is_tty:
        return Console(file=stream, highlight=False)
    return Console(file=stream, width=100, highlight=False, color_system=None, soft_wrap=False)


def emit(out: Console, renderable, *after: str) -> None:
    """Print a table, then plain lines (provenance); when the output is not a terminal,
    as wide as it needs: never truncated."""
    if not out.is_terminal:
        from rich.measure import Measurement

        wide = out.options.update(max_width=100_000)
        needed = Measurement.get(out, wide, renderable).maximum
        out.width = max(out.width, needed)
    out.print(renderable)
    for line in after:
        out.print(line, markup=False, soft_wrap=True, highlight=False)


def score_table(result, depth: str = "all", lang: str = "vi", locale: str = "en") -> Table:
    fw = result.framework
    places = fw.places
    has_claims = depth == "all" and any(leaf.claimed is not None for leaf in result.leaves)

    def num(v):
        return display(v, places, locale)

    def idx(v):
        return display(v, places, locale, fixed=True)

    def lost(mx, pts):
        # shown as the difference of the shown numbers, so that every row adds up
        if pts is None:
            return ""
        return num(round_index(mx, places) - round_index(pts, places))

    table = Table(title=f"{result.unit} · {result.year} · {fw.title(lang)}", title_justify="left")
    table.add_column(label("id", lang), no_wrap=True)
    table.add_column(label("title", lang), overflow="fold", min_width=24)
    table.add_column(label("max", lang), justify="right", no_wrap=True)
    table.add_column(label("points", lang), justify="right", no_wrap=True)
    table.add_column(label("lost", lang), justify="right", no_wrap=True)
    if has_claims:
        table.add_column(label("claimed", lang), justify="right", no_wrap=True)
    table.add_column(label("index", lang), justify="right", no_wrap=True)
    table.add_column(label("status", lang), no_wrap=True)

    crit_by_id = {c.id: c for c in result.criteria}
    leaves_by_criterion: dict[str, list] = {}
    for leaf in result.leaves:
        leaves_by_criterion.setdefault(leaf.node.criterion, []).append(leaf)

    def row(ident, title, mx, pts, lost, claimed, index, status, style=""):
        cells = [ident, title, mx, pts, lost]
        if has_claims:
            cells.append(claimed)
        cells += [index, Text(label(status, lang), style=_STATUS_STYLE.get(status, ""))]
        table.add_row(*cells, style=style)

    for f in result.fields:
        na = f.status == "na"
        row(f.id, f.node.label(lang), num(f.node.max if na else f.max), "" if na else num(f.points),
            "" if na else lost(f.max, f.points), "", idx(f.index), f.status, style="bold")
        if depth == "field":
            continue
        for cid in f.node.children:
            c = crit_by_id[cid]
            cleaves = leaves_by_criterion.get(cid, [])
            if c.node.is_leaf:  # a criterion scored directly
                leaf = cleaves[0]
                row(leaf.id, "  " + leaf.node.label(lang), num(leaf.max), num(leaf.points), lost(leaf.max, leaf.points),
                    num(leaf.claimed), idx(c.index), leaf.status)
                continue
            cna = c.status == "na"
            row(c.id, "  " + c.node.label(lang), num(c.node.max if cna else c.max), "" if cna else num(c.points),
                "" if cna else lost(c.max, c.points), "", idx(c.index), c.status)
            if depth == "criterion":
                continue
            for leaf in cleaves:
                row(leaf.id, "    " + leaf.node.label(lang), num(leaf.max), num(leaf.points), lost(leaf.max, leaf.points),
                    num(leaf.claimed), "", leaf.status, style="dim" if leaf.status == "na" else "")
    return table


def summary_lines(result, lang: str = "vi", locale: str = "en") -> list[str]:
    places = result.framework.places
    idx = display(result.index, places, locale, fixed=True) if result.index is not None else "–"
    klass = result.klass or "–"
    return [
        f"{label('total', lang)}: {display(result.points, places, locale)} / "
        f"{display(result.max, places, locale)} ({label('applicable_max', lang).lower()})",
        f"{label('index', lang)}: {idx}   {label('class', lang)}: {klass}",
    ]


def print_score(result, depth: str, lang: str, locale: str, out: Console, err: Console) -> None:
    emit(out, score_table(result, depth, lang, locale), provenance_line(result.framework, lang))
    for line in summary_lines(result, lang, locale):
        out.print(line, markup=False)
    for w in result.warnings:
        err.print(f"{label('warning', lang)}: {warning_text(w, lang)}", markup=False, style="yellow", soft_wrap=True)


def rank_table(ranking, lang: str = "vi", locale: str = "en") -> Table:
    places = ranking.places

    def num(v):
        return display(v, places, locale)

    def idx(v):
        return display(v, places, locale, fixed=True)

    title = " / ".join(f.title_for(lang) for f in ranking.frameworks)
    table = Table(title=title, title_justify="left")
    table.add_column(label("rank", lang), justify="right", no_wrap=True)
    if ranking.has_previous:
        table.add_column(label("change", lang), justify="right", no_wrap=True)
    table.add_column(label("unit", lang), overflow="fold", min_width=16)
    table.add_column(label("points", lang), justify="right", no_wrap=True)
    table.add_column(label("applicable_max", lang), justify="right", no_wrap=True)
    table.add_column(label("index", lang), justify="right", no_wrap=True)
    if ranking.has_previous:
        table.add_column("±", justify="right", no_wrap=True)
    table.add_column(label("class", lang), no_wrap=True)
    for fid in ranking.field_ids:
        table.add_column(f"{label('field', lang)} {fid}", justify="right", no_wrap=True)
    for r in ranking.rows:
        cells = [str(r.rank) if r.rank is not None else "–"]
        if ranking.has_previous:
            change = r.rank_change
            if change is None:
                cells.append(Text("–" if not r.matched else "", style="dim"))
            elif change > 0:
                cells.append(Text(f"↑{change}", style="green"))
            elif change < 0:
                cells.append(Text(f"↓{-change}", style="red"))
            else:
                cells.append("=")
        s = r.summary
        cells += [s.unit, idx(s.points), num(s.max), idx(s.index) if s.index is not None else "–"]
        if ranking.has_previous:
            d = r.index_change
            cells.append("" if d is None else ("+" if d > 0 else "") + display(d, places, locale, fixed=True))
        cells.append(s.klass or "–")
        for fid in ranking.field_ids:
            value = s.field_index(fid)
            cells.append(idx(value) if value is not None else "–")
        table.add_row(*cells)
    return table


def _signed(value, places, locale, fixed=False) -> str:
    if value is None:
        return ""
    text = display(value, places, locale, fixed=fixed)
    return ("+" + text) if value > 0 else text


def diff_tables(diff, places: int, lang: str = "vi", locale: str = "en") -> list:
    a, b = diff.a, diff.b

    def idx(v):
        return display(v, places, locale, fixed=True) if v is not None else "–"

    def num(v):
        return display(v, places, locale) if v is not None else "–"

    head = Table(show_header=True, title=f"A → B · {a.framework.id}", title_justify="left")
    head.add_column("")
    head.add_column(label("unit", lang))
    head.add_column(label("year", lang), justify="right")
    head.add_column(label("points", lang), justify="right")
    head.add_column(label("applicable_max", lang), justify="right")
    head.add_column(label("index", lang), justify="right")
    head.add_column(label("class", lang))
    for tag, obj in (("A", a), ("B", b)):
        head.add_row(tag, obj.unit, str(obj.year), num(obj.points), num(obj.max), idx(obj.index), obj.klass or "–")
    head.add_row(label("change", lang), "", "", _signed(diff.points_change, places, locale), "",
                 _signed(diff.index_change, places, locale, fixed=True), "", style="bold")

    fields = Table(title=label("field", lang), title_justify="left")
    for name, just in (("id", "left"), ("title", "left"), ("index", "right")):
        fields.add_column(label(name, lang) + (" A" if name == "index" else ""), justify=just)
    fields.add_column(label("index", lang) + " B", justify="right")
    fields.add_column("Δ " + label("points", lang).lower(), justify="right")
    fields.add_column("")
    for c in diff.fields:
        fields.add_row(c.id, c.title, idx(c.index_a), idx(c.index_b), _signed(c.delta, places, locale), c.note)

    leaves = Table(title=label("leaf", lang), title_justify="left")
    leaves.add_column(label("id", lang))
    leaves.add_column(label("title", lang), overflow="fold")
    leaves.add_column(label("max", lang), justify="right")
    leaves.add_column("A", justify="right")
    leaves.add_column("B", justify="right")
    leaves.add_column("Δ", justify="right")
    leaves.add_column("")
    for c in diff.leaves:
        leaves.add_row(c.id, c.title, num(c.max_b if c.max_b is not None else c.max_a),
                       num(c.a) if c.a_status != "na" else label("na", lang),
                       num(c.b) if c.b_status != "na" else label("na", lang),
                       _signed(c.delta, places, locale), c.note)
    return [head, fields, leaves]


def claims_table(obj, rows, places: int, lang: str = "vi", locale: str = "en") -> Table:
    def num(v):
        return display(v, places, locale) if v is not None else ""

    table = Table(title=f"{obj.unit} · {obj.year} · {label('claimed', lang)} / {label('points', lang)}",
                  title_justify="left")
    table.add_column(label("id", lang))
    table.add_column(label("title", lang), overflow="fold")
    table.add_column(label("max", lang), justify="right")
    table.add_column(label("claimed", lang), justify="right")
    table.add_column(label("points", lang), justify="right")
    table.add_column("Δ", justify="right")
    table.add_column(label("status", lang))
    for r in rows:
        diff = r.difference
        style = "red" if diff is not None and diff < 0 else ""
        table.add_row(r.id, r.title, num(r.max), num(r.claimed), num(r.points), _signed(diff, places, locale),
                      label(r.status, lang), style=style)
    return table


def explain_table(fw, node_id: str, lang: str = "vi") -> Table:
    node = fw.nodes[node_id]
    places = fw.places

    def fmt(v):
        return display(v, places)

    path = [fw.nodes[a] for a in reversed(fw.ancestors(node_id))] + [node]
    table = Table(show_header=False, title=f"{node.id} · {node.label(lang)}", title_justify="left")
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    table.add_row(label("path", lang), "\n".join(f"{'  ' * i}{label(n.kind, lang)} {n.id}. {n.label(lang)}"
                                                  for i, n in enumerate(path)))
    table.add_row(label("max", lang), fmt(node.max))
    if node.is_leaf:
        table.add_row(label("source", lang), label(node.source or "assessment", lang))
        table.add_row(label("rule", lang), f"{node.rule.kind}: {node.rule.describe(node.max, lang, fmt)}")
        unit = node.rule.unit(lang)
        if unit:
            table.add_row(label("measure", lang), unit)
        table.add_row("YAML", f'"{node.id}": {node.rule.form_hint()}')
    if node.documents:
        table.add_row(label("documents", lang), node.documents)
    if node.children:
        table.add_row(label("children", lang), "\n".join(
            f"{c} {fw.nodes[c].label(lang)} ({fmt(fw.nodes[c].max)})" for c in node.children))
    return table


def frameworks_table(frameworks, lang: str = "vi") -> Table:
    table = Table(title="parcli frameworks", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column(label("title", lang), overflow="fold")
    table.add_column(label("level", lang))
    table.add_column(label("basis", lang), overflow="fold")
    table.add_column(label("version", lang))
    table.add_column(label("provenance", lang))
    table.add_column(label("counts", lang), justify="right")
    table.add_column(label("total", lang), justify="right")
    table.add_column(label("survey_points", lang), justify="right")
    for fw in frameworks:
        f, c, s = fw.counts()
        survey = fw.points_by_source().get("survey")
        table.add_row(fw.id, fw.title(lang), fw.file.level, fw.file.basis or "", fw.version, fw.status,
                      f"{f} / {c} / {s}", display(fw.file.total, 2), display(survey, 2) if survey else "0")
    return table
