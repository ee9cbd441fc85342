"""Rich tables for people."""

from __future__ import annotations

import sys
from decimal import Decimal

from rich.console import Console
from rich.table import Table as _RichTable
from rich.text import Text

from ..i18n import N_, NC_, text
from . import class_list, display, label, structure_words
from .grid import legend_line

# Short headers of number columns ("Tối đa" for "Điểm tối đa áp dụng"): a table too wide for its
# headers on one line takes them, and a line under it gives each its long words.
SHORT_CONTEXT = "short header"
SHORT = {
    "max": NC_("short header", "Max"),
    "applicable_max": NC_("short header", "Max"),
    "points": NC_("short header", "Points"),
    "lost": NC_("short header", "Lost"),
    "claimed": NC_("short header", "Claimed"),
    "index": NC_("short header", "Index"),
    "rank": NC_("short header", "Rank"),
    "gain": NC_("short header", "Points"),
    "index_gain": NC_("short header", "Index"),
    "bonus": NC_("short header", "Bonus"),
    "penalty": NC_("short header", "Pen."),
}
TOTAL_ROW = NC_("total row", "Total")
STRUCTURE_ROW = NC_("framework row", "Structure")
CLAIMED_LEAVES = N_("{count} of {total} leaves claimed")
# why a leaf is listed in a diff although its points did not move (parcli.diff.Change.note)
DIFF_NOTES = {"became na": N_("became not applicable"), "no longer na": N_("no longer not applicable"),
              "only in B": N_("only in B"), "only in A": N_("only in A")}
COMFORTABLE = 30  # the text column's width worth keeping long headers for (other wrapping columns: 2/3 of it)


def short_label(key: str, lang: str) -> str:
    """The short header of the column ``key`` (its :func:`label` when it has none)."""
    return text(SHORT[key], lang if lang in ("vi", "en") else "vi", SHORT_CONTEXT) if key in SHORT else label(key, lang)


def literal(value):
    """Text from files as it is: never read as Rich markup ("[/]", "[link=…]"), control characters shown."""
    from .snippet import visible

    return Text(visible(value, keep="\n")) if isinstance(value, str) else value


class Table(_RichTable):
    """A Rich table whose title, headers and cells are literal text (see :func:`literal`).

    A column may have a ``short`` header: :func:`fit` takes it when the long headers do not fit on
    one line, and :attr:`legend` then holds the line that gives the long words."""

    def __init__(self, *args, title=None, **kwargs):
        super().__init__(*args, title=literal(title) if title is not None else None, **kwargs)
        self.shorts: dict[int, tuple[str, tuple[str, str]]] = {}
        self.legend = ""
        self.whole_text = False  # fit() keeps long headers only when the text column is then whole

    def add_column(self, header="", *args, short=None, means=None, **kwargs):
        """``short``: the header when the long ones do not fit; ``means``: (word, long words) the line under
        the table gives for it (default: the short header and the long one)."""
        if short is not None and short != header:
            self.shorts[len(self.columns)] = (short, means or (short, header))
        return super().add_column(literal(header), *args, **kwargs)

    def use_short_headers(self) -> bool:
        """Put the short headers in place (False when the table has none)."""
        if not self.shorts:
            return False
        for i, (short, _means) in self.shorts.items():
            self.columns[i].header = literal(short)
        self.legend = legend_line(means for _short, means in self.shorts.values())
        return True

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
    if isinstance(renderable, Table) and renderable.legend:
        after = (renderable.legend, *after)
    for line in after:  # wrapped at the width, as tables, with no space left at the end of a wrapped line
        for piece in literal(line).wrap(out, out.width, overflow="fold"):
            piece.rstrip()
            out.print(piece, markup=False, highlight=False, overflow="fold")


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
            wraps = wrap_headers and not column.no_wrap  # a header that does not wrap is whole
            low = high = max([low] + [m.maximum for m in cells]) if wraps else high
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
    """Size the table to the output: number columns as wide as their numbers, the columns of text
    (titles, unit names, evidence) wrapping their words in what is left. Long headers on one line
    when the text keeps room so, else the short headers on one line, else headers wrapped (at
    words: a header is never cut). False when even then it is too wide."""
    # (headers wrapped, the text columns at a comfortable width): long headers, then short ones
    attempts = [(False, True), (False, True), (False, False), (True, False)]
    for n, (wrap_headers, comfort) in enumerate(attempts):
        if n == 1 and not table.use_short_headers():
            continue
        sizes = extents(out, table, wrap_headers)
        flexible = [i for i, c in enumerate(table.columns) if c.ratio or sizes[i][0] < sizes[i][1]]
        fixed = sum(high for i, (_low, high) in enumerate(sizes) if i not in flexible)
        room = out.width - overhead(table) - fixed
        comfortable = {i: sizes[i][1] if table.whole_text else COMFORTABLE for i in flexible if table.columns[i].ratio}
        wanted = sum(min(high, max(low, comfortable.get(i, 2 * COMFORTABLE // 3)))
                     for i, (low, high) in enumerate(sizes) if i in flexible)
        if not comfort:
            wanted = sum(sizes[i][0] for i in flexible)
        if room >= wanted or n == len(attempts) - 1:
            break
    widths = {i: sizes[i][0] for i in flexible}
    spare = room - sum(widths.values())
    for i in flexible:  # the text column (titles, names) first up to a comfortable width, then all evenly
        if table.columns[i].ratio and spare > 0:
            add = max(0, min(spare, min(sizes[i][1], COMFORTABLE) - widths[i]))
            widths[i] += add
            spare -= add
    while spare > 0:  # the room left shared out evenly among the columns that can take more
        growing = [i for i in flexible if widths[i] < sizes[i][1]]
        if not growing:
            break
        step = max(1, spare // len(growing))
        for i in growing:
            add = min(step, sizes[i][1] - widths[i], spare)
            widths[i] += add
            spare -= add
            if spare <= 0:
                break
    for i, width in widths.items():
        table.columns[i].width = width
    return room >= sum(sizes[i][0] for i in flexible)


def _num_column(table: Table, header: str, short: str | None = None, means=None) -> None:
    """A column of numbers: right-aligned; the header may wrap (at words), a number never breaks."""
    table.add_column(header, justify="right", overflow="fold", short=short, means=means)


def _key_column(table: Table, key: str, lang: str, header: str | None = None) -> None:
    """A column of numbers headed by the label ``key`` (or ``header``), with its short header."""
    _num_column(table, header or label(key, lang), short_label(key, lang))


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
    _key_column(table, "rank", lang)
    if ranking.has_previous:
        _num_column(table, label("change", lang))
    table.add_column(label("unit", lang), overflow="fold", ratio=1)
    from ..rank import adjusted

    adjust = adjusted(ranking)  # bonus and penalty columns: only when a framework declares them
    for key in ("points", "applicable_max", *(("bonus", "penalty") if adjust else ()), "index"):
        _key_column(table, key, lang)
    if ranking.has_previous:
        _num_column(table, "±")
    table.add_column(label("class", lang), no_wrap=True)
    if ranking.has_self:
        _num_column(table, label("self_points", lang))
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
        if ranking.has_self:
            cells.append(idx(r.self_points) if r.self_points is not None else "–")
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
    first_field = len(table.columns) - len(shown)
    # every column before the fields at its widest (short headers on one line), the unit names whole
    # on one line, before a field column is shown (unless asked for: then the names wrap at words)
    table.use_short_headers()
    sizes = extents(out, table, wrap_headers=False)
    used = overhead(table) - 3 * len(shown)
    for i, (low, high) in enumerate(sizes[:first_field]):
        used += (high if wanted is None else low) if table.columns[i].ratio else high
    count = 0
    for _low, high in sizes[first_field:]:
        if used + high + 3 > out.width:  # a column: its width, a rule and two spaces
            break
        used += high + 3
        count += 1
    table = rank_table(ranking, lang, locale, shown[:count])
    table.whole_text = wanted is None
    fit(out, table)
    return table, shown[count:]


def _signed(value, places, locale, fixed=False) -> str:
    if value is None:
        return ""
    text = display(value, places, locale, fixed=fixed)
    return ("+" + text) if value > 0 else text


def _note(note: str, lang: str) -> str:
    return text(DIFF_NOTES[note], lang if lang in ("vi", "en") else "vi") if note in DIFF_NOTES else note


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
    kinds = ("bonus", "penalty") if a.adjustments or b.adjustments else ()  # only where a framework has them
    for key in ("points", "applicable_max", *kinds, "index"):
        _key_column(head, key, lang)
    head.add_column(label("class", lang))
    for tag, obj in (("A", a), ("B", b)):
        head.add_row(tag, obj.unit, str(obj.year), num(obj.points), num(obj.max),
                     *(num(obj.adjustment(kind)) for kind in kinds), idx(obj.index), obj.klass or "–")
    def moved(kind: str) -> str:
        before, after = a.adjustment(kind), b.adjustment(kind)
        return _signed(after - before, places, locale) if before is not None and after is not None else ""

    head.add_row(label("change", lang), "", "", _signed(diff.points_change, places, locale), "",
                 *(moved(kind) for kind in kinds), _signed(diff.index_change, places, locale, fixed=True), "",
                 style="bold")

    fields = Table(title=label("field", lang), title_justify="left")
    fields.add_column(label("id", lang), no_wrap=True)
    fields.add_column(label("title", lang), ratio=1)
    index_means = (short_label("index", lang), label("index", lang))
    for side in ("A", "B"):
        _num_column(fields, f"{label('index', lang)} {side}", f"{short_label('index', lang)} {side}", index_means)
    if diff.same_framework:
        _num_column(fields, "Δ " + label("points", lang).lower(), "Δ " + short_label("points", lang).lower(),
                    (short_label("points", lang), label("points", lang)))
    else:  # points of two frameworks are on different scales: the index moves, not the points
        _num_column(fields, "Δ " + label("index", lang), "Δ " + short_label("index", lang), index_means)
    fields.add_column("")
    for c in diff.fields:
        if diff.same_framework:
            delta = _signed(c.delta, places, locale)
        elif c.index_a is not None and c.index_b is not None:
            delta = _signed(c.index_b - c.index_a, places, locale, fixed=True)
        else:
            delta = "–"
        fields.add_row(c.id, c.title, idx(c.index_a), idx(c.index_b), delta, _note(c.note, lang))
    if not diff.same_framework:
        return [head, fields]

    leaves = Table(title=label("leaf", lang), title_justify="left")
    leaves.add_column(label("id", lang), no_wrap=True)
    leaves.add_column(label("title", lang), overflow="fold", ratio=1)
    _key_column(leaves, "max", lang)
    leaves.add_column("A", justify="right")
    leaves.add_column("B", justify="right")
    leaves.add_column("Δ", justify="right")
    leaves.add_column("")
    for c in diff.leaves:
        leaves.add_row(c.id, c.title, num(c.max_b if c.max_b is not None else c.max_a),
                       num(c.a) if c.a_status != "na" else label("na", lang),
                       num(c.b) if c.b_status != "na" else label("na", lang),
                       _signed(c.delta, places, locale), _note(c.note, lang))
    return [head, fields, leaves]


def claimed_rows(rows) -> list:
    """The leaves a claims table shows: those with claimed points, and those whose points were given
    over the computed ones (overridden), in framework order."""
    return [r for r in rows if r.claimed is not None or r.status == "override"]


def claims_table(obj, rows, places: int, lang: str = "vi", locale: str = "en") -> Table:
    """Claimed against supported points of the leaves with a claim (or an override), with their totals."""
    def num(v):
        return display(v, places, locale) if v is not None else ""

    table = Table(title=f"{obj.unit} · {obj.year} · {label('claimed', lang)} / {label('points', lang)}",
                  title_justify="left")
    table.add_column(label("id", lang), no_wrap=True)
    table.add_column(label("title", lang), overflow="fold", ratio=1)
    for key in ("max", "claimed", "points"):
        _key_column(table, key, lang)
    table.add_column("Δ", justify="right")
    table.add_column(label("status", lang))
    shown = claimed_rows(rows)
    for r in shown:
        diff = r.difference
        table.add_row(r.id, r.title, num(r.max), num(r.claimed), num(r.points), _signed(diff, places, locale),
                      label(r.status, lang), style="red" if r.over else "")
    claimed = [r for r in shown if r.claimed is not None]
    # the totals as the index counts them: a leaf's and the bonus's points added, the penalty's taken off; the
    # max is the claimed leaves' (a bonus or a penalty lies outside it)
    total_claimed = sum((r.sign * r.claimed for r in claimed if r.claimed is not None), Decimal(0))
    total_points = sum((r.sign * (r.points or Decimal(0)) for r in claimed), Decimal(0))
    table.add_section()
    lang = lang if lang in ("vi", "en") else "vi"
    leaves = [r for r in rows if not r.is_adjustment]
    table.add_row(text(TOTAL_ROW, lang, "total row"), text(CLAIMED_LEAVES, lang).format(
                      count=sum(1 for r in claimed if not r.is_adjustment), total=len(leaves)),
                  num(sum((r.max for r in claimed if not r.is_adjustment), Decimal(0))), num(total_claimed),
                  num(total_points), _signed(total_points - total_claimed, places, locale), "", style="bold")
    return table


def explain_table(fw, node_id: str, lang: str = "vi", locale: str = "en") -> Table:
    node = fw.nodes[node_id]
    places = fw.places

    def fmt(v):
        return display(v, places, locale)

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


def framework_rows(table: Table, fw, lang: str = "vi", locale: str = "en") -> None:
    """The rows that describe a framework (``frameworks``, ``explain FRAMEWORK``): the same words in both."""
    survey = fw.points_by_source().get("survey")
    table.add_row("id", fw.id, style="bold")
    table.add_row(label("title", lang), fw.title(lang))
    table.add_row(label("level", lang), label(f"level_{fw.header.level}", lang))
    if fw.header.basis:
        table.add_row(label("basis", lang), fw.header.basis)
    table.add_row(label("version", lang), fw.version)
    table.add_row(label("provenance", lang), label(f"status_{fw.status}", lang))
    structure = text(STRUCTURE_ROW, lang if lang in ("vi", "en") else "vi", "framework row")
    table.add_row(structure, structure_words(fw, lang))
    table.add_row(label("total", lang), display(fw.header.total, 2, locale))
    table.add_row(label("survey_points", lang), display(survey, 2, locale) if survey else "0")
    classes = class_list(fw, locale)
    if classes:
        table.add_row(label("class", lang), "\n".join(classes))


def frameworks_table(frameworks, lang: str = "vi", locale: str = "en") -> Table:
    """The shipped frameworks, one block of rows each (fits any width: values wrap)."""
    table = Table(title=label("frameworks", lang), title_justify="left", show_header=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold", ratio=1)
    for i, fw in enumerate(frameworks):
        if i:
            table.add_section()
        framework_rows(table, fw, lang, locale)
    return table


def framework_table(fw, lang: str = "vi", locale: str = "en") -> Table:
    """One framework (``explain FRAMEWORK``): what ``frameworks`` says of it, then its fields."""
    table = Table(title=f"{fw.id} · {fw.title(lang)}", title_justify="left", show_header=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold", ratio=1)
    framework_rows(table, fw, lang, locale)
    table.add_row(label("field", lang), "\n".join(
        f"{f.id} {f.label(lang)} ({display(f.max, fw.places, locale)})" for f in fw.fields))
    return table
