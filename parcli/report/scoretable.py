"""The score of one unit as people read it: the table by field, criterion and leaf, the
provenance line, the totals, the warnings. Drawn with :mod:`parcli.report.grid` (fast for
long frameworks), in the chosen language."""

from __future__ import annotations

from rich.cells import cell_len

from ..engine import round_index
from . import display, label, provenance_line, warning_text
from .grid import ID, NUM, TAG, TEXT, Column, Grid, colors, render, width_of, wrap
from .table import short_label

_STATUS_STYLE = {"scored": "", "missing": "yellow", "na": "dim", "override": "cyan"}


def score_grid(result, depth: str = "all", lang: str = "vi", locale: str = "en") -> Grid:
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

    keys = ("max", "points", "lost") + (("claimed",) if has_claims else ()) + ("index",)
    columns = [Column(label("id", lang), ID), Column(label("title", lang), TEXT)]
    columns += [Column(label(key, lang), NUM, short_label(key, lang)) for key in keys]
    columns.append(Column(label("status", lang), TAG))
    grid = Grid(f"{result.unit} · {result.year} · {fw.title(lang)}", columns)
    status_col = len(columns) - 1

    crit_by_id = {c.id: c for c in result.criteria}
    leaves_by_criterion: dict[str, list] = {}
    for leaf in result.leaves:
        leaves_by_criterion.setdefault(leaf.node.criterion, []).append(leaf)

    def row(ident, title, mx, pts, lost_, claimed, index, status, style=""):
        cells = [ident, title, mx, pts, lost_]
        if has_claims:
            cells.append(claimed)
        cells += [index, label(status, lang)]
        grid.add_row(cells, style, {status_col: _STATUS_STYLE.get(status, "")})

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
                row(leaf.id, "    " + leaf.node.label(lang), num(leaf.max), num(leaf.points),
                    lost(leaf.max, leaf.points),
                    num(leaf.claimed), "", leaf.status, style="dim" if leaf.status == "na" else "")
    return grid


def summary_lines(result, lang: str = "vi", locale: str = "en", width: int | None = None) -> list[str]:
    """The totals under the score table; bonus and penalty on one line, or a line each where that is wider
    than ``width``."""
    places = result.framework.places
    idx = display(result.index, places, locale, fixed=True) if result.index is not None else "–"
    klass = result.klass or "–"
    lines = [
        f"{label('total', lang)}: {display(result.points, places, locale)} / "
        f"{display(result.max, places, locale)} ({label('applicable_max', lang).lower()})",
        f"{label('index', lang)}: {idx}   {label('class', lang)}: {klass}",
    ]
    if result.adjustments:  # a framework with bonus and penalty points (DESIGN §12a)
        parts = []
        for adj in result.adjustments:
            own = adj.item.label(lang)
            parts.append(f"{label(adj.kind, lang)}: {display(adj.points, places, locale)} / "
                         f"{display(adj.max, places, locale)}" + (f" ({own})" if own else ""))
        joined = "   ".join(parts)
        lines[1:1] = parts if width is not None and cell_len(joined) > width else [joined]
    return lines


def print_score(result, depth: str, lang: str, locale: str, out, err) -> None:
    """The table, provenance and totals on ``out``; warnings on ``err`` (text streams)."""
    width = width_of(out)
    grid = score_grid(result, depth, lang, locale)
    lines = render(grid, width, colors(out))
    table_width = max(width, len(lines[1]))  # the box line: as wide as the table is drawn
    if grid.legend:
        lines += wrap(grid.legend, table_width)
    lines += wrap(provenance_line(result.framework, lang), table_width)
    for line in summary_lines(result, lang, locale, table_width):
        lines += wrap(line, table_width)
    out.write("\n".join(lines) + "\n")
    out.flush()
    paint_warnings = colors(err)
    for w in result.warnings:
        text = f"{label('warning', lang)}: {warning_text(w, lang, locale)}"
        for line in wrap(text, width_of(err)):
            err.write(f"\x1b[33m{line}\x1b[0m\n" if paint_warnings else line + "\n")
    err.flush()
