"""Rich tables for people."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import display, label, provenance_line

_STATUS_STYLE = {"scored": "", "missing": "yellow", "na": "dim", "override": "cyan"}


def console(stream=None) -> Console:
    """A console that never truncates when the output is not a terminal."""
    stream = stream or sys.stdout
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    if is_tty:
        return Console(file=stream, highlight=False)
    return Console(file=stream, width=160, highlight=False, color_system=None, soft_wrap=False)


def score_table(result, depth: str = "all", lang: str = "vi", locale: str = "en") -> Table:
    fw = result.framework
    places = fw.places
    has_claims = any(leaf.claimed is not None for leaf in result.leaves)

    def num(v):
        return display(v, places, locale)

    def idx(v):
        return display(v, places, locale, fixed=True)

    table = Table(title=f"{result.unit} · {result.year} · {fw.title(lang)}", title_justify="left",
                  caption=provenance_line(fw, lang), caption_justify="left", show_lines=False)
    table.add_column(label("id", lang), no_wrap=True)
    table.add_column(label("title", lang), overflow="fold", ratio=1, min_width=24)
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
            "" if na else num(f.max - f.points), "", idx(f.index), f.status, style="bold")
        if depth == "field":
            continue
        for cid in f.node.children:
            c = crit_by_id[cid]
            cleaves = leaves_by_criterion.get(cid, [])
            if c.node.is_leaf:  # a criterion scored directly
                leaf = cleaves[0]
                row(leaf.id, "  " + leaf.node.label(lang), num(leaf.max), num(leaf.points), num(leaf.lost),
                    num(leaf.claimed), idx(c.index), leaf.status)
                continue
            cna = c.status == "na"
            row(c.id, "  " + c.node.label(lang), num(c.node.max if cna else c.max), "" if cna else num(c.points),
                "" if cna else num(c.max - c.points), "", idx(c.index), c.status)
            if depth == "criterion":
                continue
            for leaf in cleaves:
                row(leaf.id, "    " + leaf.node.label(lang), num(leaf.max), num(leaf.points), num(leaf.lost),
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
    out.print(score_table(result, depth, lang, locale))
    for line in summary_lines(result, lang, locale):
        out.print(line, markup=False)
    for w in result.warnings:
        err.print(f"{label('warning', lang)}: {w.message}", markup=False, style="yellow")
