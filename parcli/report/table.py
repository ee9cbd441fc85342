"""Rich tables for people."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table as _RichTable
from rich.text import Text

from . import display, label


def literal(value):
    """Text from files as it is: never read as Rich markup ("[/]", "[link=…]"), control characters shown."""
    from .snippet import visible

    return Text(visible(value, keep="\n")) if isinstance(value, str) else value


class Table(_RichTable):
    """A Rich table whose title, headers and cells are literal text (see :func:`literal`)."""

    def __init__(self, *args, title=None, **kwargs):
        super().__init__(*args, title=literal(title) if title is not None else None, **kwargs)

    def add_column(self, header="", *args, **kwargs):
        return super().add_column(literal(header), *args, **kwargs)

    def add_row(self, *cells, **kwargs):
        return super().add_row(*(literal(c) for c in cells), **kwargs)


_STATUS_STYLE = {"scored": "", "missing": "yellow", "na": "dim", "override": "cyan"}


def columns() -> int:
    """The width of output that is not a terminal: ``COLUMNS`` (ASCII digits, 20 to 10,000), else 120."""
    from .grid import env_size

    return env_size("COLUMNS", 20, 10_000) or 120


def console(stream=None) -> Console:
    """A console for stdout or stderr: the terminal's width, or ``COLUMNS`` (default 120) when piped.
    The width and height are always given, so Rich never reads ``COLUMNS`` or ``LINES`` itself
    (it would fail on ``²``, or draw for a width of a billion)."""
    from .grid import terminal_size

    stream = stream or sys.stdout
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    height = terminal_size(stream, "LINES", 2, 10_000, 25)
    if is_tty:
        return Console(file=stream, width=terminal_size(stream, "COLUMNS", 20, 10_000, 80), height=height,
                       highlight=False)
    return Console(file=stream, width=columns(), height=height, highlight=False, color_system=None,
                   soft_wrap=False)


def min_width(out: Console, renderable) -> int:
    """The narrowest a table can be drawn with every number, id and word whole."""
    from rich.measure import Measurement

    return Measurement.get(out, out.options.update(max_width=100_000), renderable).minimum


def emit(out: Console, renderable, *after: str) -> None:
    """Print a table, then plain lines (provenance). Tables wrap their text to the width; output
    that is not a terminal is widened rather than cut when a table cannot be narrower."""
    if isinstance(renderable, Table) and not any(c.width for c in renderable.columns):
        fit(out, renderable)
    if not out.is_terminal:
        out.width = max(out.width, min_width(out, renderable))
    out.print(renderable)
    for line in after:
        out.print(literal(line), markup=False, highlight=False, overflow="fold")  # wrapped at the width, as tables


def extents(out: Console, table: Table, wrap_headers: bool = True) -> list[tuple[int, int]]:
    """Each column's narrowest and widest width (numbers and words whole); number columns and
    columns that do not wrap get a fixed width. With ``wrap_headers`` a number column is as wide
    as its numbers and its header wraps ("Điểm tối đa" over two lines)."""
    from rich.measure import Measurement

    options = out.options.update(max_width=100_000)
    out_extents = []
    for column in table.columns:
        cells = [Measurement.get(out, options, cell) for cell in column.cells]
        head = Measurement.get(out, options, column.header)
        low = max([head.minimum] + [m.minimum for m in cells])
        high = max([head.maximum] + [m.maximum for m in cells])
        if column.justify == "right":
            low = high = max([low] + [m.maximum for m in cells]) if wrap_headers else high
        elif column.no_wrap:
            low = high
        if not column.ratio and low == high:
            column.width = high  # fixed: never collapsed below its numbers
        out_extents.append((low, high))
    return out_extents


def overhead(table: Table) -> int:
    """Borders and padding: one rule between columns and at each edge, one space each side of a cell."""
    return len(table.columns) + 1 + 2 * len(table.columns)


def fit(out: Console, table: Table) -> bool:
    """Size the table to the output: number columns as wide as their numbers, the text column
    (ratio 1: titles, unit names) wrapping in what is left. False when even then it is too wide."""
    flexible = [i for i, c in enumerate(table.columns) if c.ratio]
    for wrap_headers in (False, True):  # headers on one line when the table fits so
        sizes = extents(out, table, wrap_headers)
        fixed = sum(high for i, (_low, high) in enumerate(sizes) if i not in flexible)
        room = out.width - overhead(table) - fixed
        if room >= sum(sizes[i][0] for i in flexible):
            break
    for i in flexible:  # one text column per table: it takes the room left, within its own extent
        low, high = sizes[i]
        table.columns[i].width = max(low, min(high, room))
    return room >= sum(sizes[i][0] for i in flexible)


def _num_column(table: Table, header: str) -> None:
    """A column of numbers: right-aligned; the header may wrap, a number never breaks."""
    table.add_column(header, justify="right", overflow="fold")


def rank_table(ranking, lang: str = "vi", locale: str = "en", field_ids=None) -> Table:
    """The ranking; ``field_ids`` chooses the field columns (default: every field)."""
    places = ranking.places
    field_ids = ranking.field_ids if field_ids is None else field_ids

    def num(v):
        return display(v, places, locale)

    def idx(v):
        return display(v, places, locale, fixed=True)

    title = " / ".join(f.title_for(lang) for f in ranking.frameworks)
    table = Table(title=title, title_justify="left")
    _num_column(table, label("rank", lang))
    if ranking.has_previous:
        _num_column(table, label("change", lang))
    table.add_column(label("unit", lang), overflow="fold", ratio=1)
    from ..rank import adjusted

    adjust = adjusted(ranking)  # bonus and penalty columns: only when a framework declares them
    for key in ("points", "applicable_max", *(("bonus", "penalty") if adjust else ()), "index"):
        _num_column(table, label(key, lang))
    if ranking.has_previous:
        _num_column(table, "±")
    table.add_column(label("class", lang), no_wrap=True)
    for fid in field_ids:
        _num_column(table, f"{label('field', lang)} {fid}")
    for r in ranking.rows:
        cells: list[str | Text] = [str(r.rank) if r.rank is not None else "–"]
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
        cells += [s.unit, idx(s.points), num(s.max)]
        if adjust:
            for kind in ("bonus", "penalty"):
                value = s.adjustment(kind)
                cells.append(num(value) if value is not None else "–")
        cells.append(idx(s.index) if s.index is not None else "–")
        if ranking.has_previous:
            d = r.index_change
            cells.append("" if d is None else ("+" if d > 0 else "") + display(d, places, locale, fixed=True))
        cells.append(s.klass or "–")
        for fid in field_ids:
            value = s.field_index(fid)
            cells.append(idx(value) if value is not None else "–")
        table.add_row(*cells)
    return table


def fitting_rank_table(out: Console, ranking, lang: str, locale: str, wanted=None) -> tuple[Table, list[str]]:
    """The rank table with as many of the ``wanted`` field columns (default: all) as fit the
    output's width, in order, and the ids of those left out."""
    shown = list(ranking.field_ids if wanted is None else wanted)
    table = rank_table(ranking, lang, locale, shown)
    sizes = extents(out, table)
    first_field = len(table.columns) - len(shown)
    # every column before the fields at its widest, but the unit names, which wrap: at least 20
    # columns of them (or their longest word) before a field column is shown, unless asked for
    reserve = 20 if wanted is None else 0
    used = overhead(table) - 3 * len(shown)
    for i, (low, high) in enumerate(sizes[:first_field]):
        used += min(high, max(low, reserve)) if table.columns[i].ratio else high
    count = 0
    for _low, high in sizes[first_field:]:
        if used + high + 3 > out.width:  # a column: its width, a rule and two spaces
            break
        used += high + 3
        count += 1
    if count < len(shown):
        table = rank_table(ranking, lang, locale, shown[:count])
    fit(out, table)
    return table, shown[count:]


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

    frameworks = a.framework.id if diff.same_framework else f"{a.framework.id} → {b.framework.id}"
    head = Table(show_header=True, title=f"A → B · {frameworks}", title_justify="left")
    head.add_column("")
    head.add_column(label("unit", lang), ratio=1)
    head.add_column(label("year", lang), justify="right")
    head.add_column(label("points", lang), justify="right")
    head.add_column(label("applicable_max", lang), justify="right")
    kinds = ("bonus", "penalty") if a.adjustments or b.adjustments else ()  # only where a framework has them
    for kind in kinds:
        head.add_column(label(kind, lang), justify="right")
    head.add_column(label("index", lang), justify="right")
    head.add_column(label("class", lang))
    for tag, obj in (("A", a), ("B", b)):
        head.add_row(tag, obj.unit, str(obj.year), num(obj.points), num(obj.max),
                     *(num(obj.adjustment(kind)) for kind in kinds), idx(obj.index), obj.klass or "–")
    head.add_row(label("change", lang), "", "", _signed(diff.points_change, places, locale), "",
                 *("" for _kind in kinds), _signed(diff.index_change, places, locale, fixed=True), "", style="bold")

    fields = Table(title=label("field", lang), title_justify="left")
    fields.add_column(label("id", lang), no_wrap=True)
    fields.add_column(label("title", lang), ratio=1)
    fields.add_column(label("index", lang) + " A", justify="right")
    fields.add_column(label("index", lang) + " B", justify="right")
    if diff.same_framework:
        fields.add_column("Δ " + label("points", lang).lower(), justify="right")
    else:  # points of two frameworks are on different scales: the index moves, not the points
        fields.add_column("Δ " + label("index", lang), justify="right")
    fields.add_column("")
    for c in diff.fields:
        if diff.same_framework:
            delta = _signed(c.delta, places, locale)
        elif c.index_a is not None and c.index_b is not None:
            delta = _signed(c.index_b - c.index_a, places, locale, fixed=True)
        else:
            delta = "–"
        fields.add_row(c.id, c.title, idx(c.index_a), idx(c.index_b), delta, c.note)
    if not diff.same_framework:
        return [head, fields]

    leaves = Table(title=label("leaf", lang), title_justify="left")
    leaves.add_column(label("id", lang), no_wrap=True)
    leaves.add_column(label("title", lang), overflow="fold", ratio=1)
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
    table.add_column(label("id", lang), no_wrap=True)
    table.add_column(label("title", lang), overflow="fold", ratio=1)
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
    table.add_column(overflow="fold", ratio=1)
    table.add_row(label("path", lang), "\n".join(f"{'  ' * i}{label(n.kind, lang)} {n.id}. {n.label(lang)}"
                                                  for i, n in enumerate(path)))
    table.add_row(label("max", lang), fmt(node.max))
    if node.is_leaf:
        table.add_row(label("source", lang), label(node.source or "assessment", lang))
        table.add_row(label("rule", lang), f"{node.rule.label(lang)}: "
                                           f"{node.rule.describe(node.max, lang, fmt)}")
        unit = node.rule.unit(lang)
        if unit:
            table.add_row(label("measure", lang), unit)
        table.add_row("YAML", f'"{node.id}": {node.rule.form_hint(lang)}')
    if node.documents:
        table.add_row(label("documents", lang), node.documents)
    if node.children:
        table.add_row(label("children", lang), "\n".join(
            f"{c} {fw.nodes[c].label(lang)} ({fmt(fw.nodes[c].max)})" for c in node.children))
    return table


def frameworks_table(frameworks, lang: str = "vi") -> Table:
    """The shipped frameworks, one block of rows each (fits any width: values wrap)."""
    table = Table(title=label("frameworks", lang), title_justify="left", show_header=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold", ratio=1)
    for i, fw in enumerate(frameworks):
        if i:
            table.add_section()
        f, c, s = fw.counts()
        survey = fw.points_by_source().get("survey")
        table.add_row("id", fw.id, style="bold")
        table.add_row(label("title", lang), fw.title(lang))
        table.add_row(label("level", lang), label(f"level_{fw.header.level}", lang))
        if fw.header.basis:
            table.add_row(label("basis", lang), fw.header.basis)
        table.add_row(label("version", lang), fw.version)
        table.add_row(label("provenance", lang), label(f"status_{fw.status}", lang))
        table.add_row(label("counts", lang), f"{f} / {c} / {s}")
        table.add_row(label("total", lang), display(fw.header.total, 2))
        table.add_row(label("survey_points", lang), display(survey, 2) if survey else "0")
    return table
