"""The report's charts, drawn by matplotlib as inline SVG (DESIGN §11, issue 25 item 1).

Every chart is a :class:`matplotlib.figure.Figure` (no pyplot state) drawn by matplotlib's SVG
renderer with its text kept as text (``svg.fonttype: none``: the reader's browser renders
Vietnamese with its own fonts; no font, image or script is embedded or fetched) and
``text.parse_math`` off, so a ``$`` in a name or title is a dollar sign, never math text.
matplotlib's own defaults are used, never a ``matplotlibrc`` found in the folder or the
user's settings.

Honest charts: every index axis runs from 0 to 100; a field's or a unit's colour is the band
of the framework's classes its displayed index falls in (:class:`Scale`), the same in every
report of that framework, and each chart that uses colour has that legend; a field that is not
applicable is hatched grey and said so.

Fast for many units: this module is imported only by ``parcli report``; a unit's field chart
is one figure made once per report and updated for each unit (:class:`FieldChart`); text is
measured once per string for the whole report (matplotlib measures it again for every
drawing); long charts of many units are drawn as a series of figures of at most
:data:`ROWS` rows (memory stays bounded, and each fits a printed page).

Several SVGs in one page: every id a chart defines starts with a prefix unique in the page
(:func:`svg_of`; :func:`scoped` for a legend drawn once and shown on every page), so one chart's
clip path or hatch never stands in for another's.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import os
import re
import textwrap
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


def _import_matplotlib() -> None:
    """Import matplotlib from inside its own data folder, so that the ``matplotlibrc`` it reads
    first, from the current folder, is its own defaults: a ``matplotlibrc`` among received files
    (a FIFO, a link to /dev/zero, a file of 3 GB, lines that write into the terminal) is never
    read. What matplotlib would say on stderr (its font cache being built, a folder it cannot
    write) is not the reader's business: its log is silenced."""
    logging.getLogger("matplotlib").setLevel(logging.CRITICAL + 1)
    spec = importlib.util.find_spec("matplotlib")
    data = os.path.join(os.path.dirname(spec.origin), "mpl-data") if spec and spec.origin else None
    try:
        here = os.getcwd()
    except OSError:  # the current folder is gone: there is no matplotlibrc in it either
        here = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. pyparsing's deprecations when matplotlib loads it
        if here is None or data is None or not os.path.isdir(data):
            _load()
            return
        os.chdir(data)
        try:
            _load()
        finally:
            os.chdir(here)


def _load() -> None:
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.collections  # noqa: F401
    import matplotlib.figure  # noqa: F401


_import_matplotlib()

import matplotlib  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.backends.backend_svg import RendererSVG  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.colors import ListedColormap, to_hex, to_rgb  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402
from matplotlib.transforms import blended_transform_factory  # noqa: E402

from .numbers import display  # noqa: E402

# matplotlib's settings for every chart (over matplotlib's defaults, whatever a matplotlibrc says)
RC: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: the browser's fonts draw Vietnamese
    "svg.hashsalt": "parcli",  # ids from a fixed salt: the same units give the same file
    "text.parse_math": False,  # "$\\x$" is text, never math
    "text.usetex": False,
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Segoe UI", "Arial", "Liberation Sans"],
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#6b6b6b",
    "axes.linewidth": 0.6,
    "xtick.color": "#444444",
    "ytick.color": "#1b1b1b",
    "xtick.major.width": 0.6,
    "hatch.color": "#8c8c8c",
    "hatch.linewidth": 0.6,
}
# No date, creator URL or type URL in the SVG: nothing a reader's browser could follow
METADATA = {"Date": None, "Creator": f"Matplotlib v{matplotlib.__version__}", "Format": None, "Type": None}

WIDTH = 7.0  # inches: 672 CSS pixels, within an A4 page's printable width (14 mm margins)
ROWS = 38  # units in one index chart or heat map figure (a printed page)
NA_FACE = "#eeeeee"
NA_EDGE = "#8c8c8c"
INK = "#1b1b1b"
GRID = "#d9d9d9"
TICKS = (0, 20, 40, 60, 80, 100)
GRID_AT = (10, 20, 30, 40, 50, 60, 70, 80, 90, 100)


@contextmanager
def drawing():
    """matplotlib's defaults with :data:`RC`, while the charts are drawn (restored after)."""
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(RC)  # type: ignore[arg-type]  # rc names as str; the stubs list them as Literal
        with warnings.catch_warnings():
            # a glyph DejaVu Sans lacks only makes matplotlib's measure approximate: the browser
            # draws the text with the reader's fonts
            warnings.filterwarnings("ignore", message=r".*[Gg]lyph.*missing from", category=UserWarning)
            yield


# --- the colour scale ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Band:
    """One band of the colour scale: indices from ``low`` (included) up to the next band's."""

    name: str  # the class ("Tốt"), or "" for a band of a framework without classes
    span: str  # its indices: "80 – < 90"
    low: Decimal
    colour: str
    dark: bool  # white text reads on it

    @property
    def label(self) -> str:
        return f"{self.name}: {self.span}" if self.name else self.span


class Scale:
    """One fixed colour for each band of the framework's classes, best first. The colour of an
    index depends only on the index and the classes: the same in every report of that framework.
    A framework without classes has bands of 20 points. ``na``: the legend's words for a field
    that is not applicable (hatched grey)."""

    def __init__(self, classes, places: int, locale: str, below: str, na: str):
        bands = [(c.label, Decimal(c.min)) for c in classes]
        if not bands:
            bands = [("", Decimal(low)) for low in (80, 60, 40, 20, 0)]
        elif bands[-1][1] > 0:
            bands.append((below, Decimal(0)))  # under the lowest class
        colours = _palette(len(bands))
        out = []
        for i, (label, low) in enumerate(bands):
            above = display(bands[i - 1][1], places, locale) if i else ""
            span = (f"≥ {display(low, places, locale)}" if i == 0 else f"< {above}" if low == 0
                    else f"{display(low, places, locale)} – < {above}")
            r, g, b = to_rgb(colours[i])
            out.append(Band(label, span, low, colours[i], 0.299 * r + 0.587 * g + 0.114 * b < 0.5))
        self.bands = tuple(out)
        self.na = na
        self.locale = locale

    def band(self, index: Decimal | None) -> Band | None:
        """The band of a displayed (rounded) index; None for no index (not applicable)."""
        if index is None:
            return None
        for band in self.bands:
            if index >= band.low:
                return band
        return self.bands[-1]

    def colour(self, index: Decimal | None) -> str:
        band = self.band(index)
        return band.colour if band is not None else NA_FACE


def _palette(n: int) -> list[str]:
    """``n`` colours, best first, from ColorBrewer's red-yellow-blue (colour-blind safe): the best
    band deep blue, the worst deep red."""
    cmap = matplotlib.colormaps["RdYlBu"]
    if n == 1:
        return [to_hex(cmap(0.9))]
    return [to_hex(cmap(0.92 - 0.84 * i / (n - 1))) for i in range(n)]


# --- drawing a figure as inline SVG ------------------------------------------------------


_MEASURES: dict = {}  # (text, font, ismath) -> matplotlib's measure


class _Renderer(RendererSVG):
    """matplotlib's SVG renderer whose ids start with ``prefix`` (the ids it derives from
    ``svg.hashsalt``, which :func:`svg_of` sets to the prefix, are unique by that salt), and which
    measures each text once for the whole report (matplotlib keeps its measures per drawing: every
    unit's chart would measure every field title again)."""

    def __init__(self, width, height, out, prefix: str):
        self._prefix = prefix
        self._groups: dict[str, int] = {}
        super().__init__(width, height, out, metadata=METADATA)

    def open_group(self, s, gid=None):
        if not gid:
            self._groups[s] = n = self._groups.get(s, 0) + 1
            gid = f"{self._prefix}{s}_{n}"
        super().open_group(s, gid)

    def get_text_width_height_descent(self, s, prop, ismath):
        key = (s, prop.copy(), ismath)
        found = _MEASURES.get(key)
        if found is None:
            if len(_MEASURES) >= 20_000:  # bounded: many units' names are measured once each
                _MEASURES.clear()
            found = _MEASURES[key] = super().get_text_width_height_descent(s, prop, ismath)
        return found


_TAG = re.compile(r"<[^>]+>")
_REFERENCE = re.compile(r'\b(id="|href="#|url\(#)')


def scoped(svg: str, prefix: str) -> str:
    """``svg`` (drawn once, shown several times) with every id it defines and refers to prefixed by
    ``prefix``. Only tags are touched: matplotlib escapes ``<`` and ``>`` in text, so no name is
    ever read as a tag."""
    return _TAG.sub(lambda tag: _REFERENCE.sub(lambda m: m.group(1) + prefix, tag.group(0)), svg)


def svg_of(fig: Figure, prefix: str) -> str:
    """The figure drawn by matplotlib's SVG renderer, as an element to inline (no XML prolog), its
    ids starting with ``prefix`` (unique in the page)."""
    width, height = fig.get_size_inches()
    out = io.StringIO()
    matplotlib.rcParams["svg.hashsalt"] = prefix
    renderer = _Renderer(width * 72, height * 72, out, prefix)
    fig.draw(renderer)
    renderer.finalize()
    text = out.getvalue()
    return text[text.index("<svg"):]


def _figure(height: float, left: float, right: float, top: float, bottom: float):
    """A figure :data:`WIDTH` wide with one axes placed by its margins (inches)."""
    fig = Figure(figsize=(WIDTH, height), dpi=72)
    ax = fig.add_axes((left / WIDTH, bottom / height, 1 - (left + right) / WIDTH, 1 - (top + bottom) / height))
    return fig, ax


def _index_axis(ax, locale: str) -> None:
    """An index axis from 0 to 100: labels every 20, a light line every 10 (one collection)."""
    ax.set_xlim(0, 100)
    ax.set_xticks(TICKS, [display(Decimal(t), 0, locale) for t in TICKS])
    ax.tick_params(axis="x", length=3, labelsize=7, pad=2)
    ax.vlines(GRID_AT, 0, 1, transform=ax.get_xaxis_transform(), colors=GRID, linewidth=0.5, zorder=0)


def _labels(ax, labels: Sequence[str], at: float = 0.0) -> list:
    """Row labels left of the axes, row i's at ``i + at`` (in place of the y axis's tick labels,
    which cost more to draw again for every unit)."""
    ax.set_yticks([])
    left = blended_transform_factory(ax.transAxes, ax.transData)
    return [ax.text(-0.012, i + at, text, transform=left, ha="right", va="center", fontsize=7.5, color=INK)
            for i, text in enumerate(labels)]


def _beside(ax, rows: int) -> list:
    """A text right of the axes for each row (the words beside a bar)."""
    right = blended_transform_factory(ax.transAxes, ax.transData)
    return [ax.text(1.02, i, "", transform=right, va="center", fontsize=7.5, color=INK) for i in range(rows)]


def _wrapped(text: str, width: int, lines: int = 2) -> str:
    """``text`` in at most ``lines`` lines of about ``width`` characters (a chart's label; the
    whole text is in the page's tables)."""
    parts = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:width - 1].rstrip() + "…"
    return "\n".join(parts)


def legend_svg(scale: Scale, prefix: str, na: bool = True) -> str:
    """The colour scale's legend (its bands, and the not-applicable hatch)."""
    handles = [Patch(facecolor=b.colour, edgecolor="#555555", linewidth=0.4) for b in scale.bands]
    labels = [b.label for b in scale.bands]
    if na:
        handles.append(Patch(facecolor=NA_FACE, edgecolor=NA_EDGE, hatch="////", linewidth=0.4))
        labels.append(scale.na)
    # one row when it fits the width, else rows of equal length, read row by row
    per_row = len(labels)
    while per_row > 1 and sum(len(t) for t in labels[:per_row]) * 4.3 + per_row * 34 > WIDTH * 72:
        per_row -= 1
    rows = -(-len(labels) // per_row)
    per_row = -(-len(labels) // rows)
    order = [r * per_row + c for c in range(per_row) for r in range(rows) if r * per_row + c < len(labels)]
    fig = Figure(figsize=(WIDTH, 0.08 + 0.2 * rows), dpi=72)
    fig.legend([handles[i] for i in order], [labels[i] for i in order], loc="center left",
               bbox_to_anchor=(0.0, 0.5), ncols=per_row, frameon=False, fontsize=7.5, handlelength=1.6,
               handleheight=0.9, columnspacing=1.6, borderaxespad=0.2)
    return svg_of(fig, prefix)


# --- a unit's fields ---------------------------------------------------------------------


class FieldChart:
    """A unit's field indices as bars on 0-100, coloured by the scale, with each field's index,
    max and lost points beside it; a field that is not applicable is hatched and said so. One
    figure for every unit of the report: made once, updated for each unit."""

    ROW = 0.3
    LEFT, RIGHT, TOP, BOTTOM = 2.3, 1.75, 0.08, 0.3

    def __init__(self, fields: Sequence[tuple[str, str]], scale: Scale, value_text):
        """``fields``: (id, title) in the framework's order; ``value_text(line)``: the words beside
        a field's bar (its index, max and lost points, or not applicable)."""
        n = len(fields)
        self.scale = scale
        self.value_text = value_text
        fig, ax = _figure(self.ROW * n + self.TOP + self.BOTTOM, self.LEFT, self.RIGHT, self.TOP, self.BOTTOM)
        self.fig = fig
        rows = np.arange(n)
        self.bars = ax.barh(rows, np.zeros(n), height=0.62, edgecolor="#555555", linewidth=0.4)
        # a field that does not apply: its whole row shaded and hatched (no bar: it has no index)
        self.na = [ax.add_patch(Rectangle((0, i - 0.45), 100, 0.9, facecolor="#f6f6f6", edgecolor=NA_EDGE,
                                          hatch="////", linewidth=0)) for i in range(n)]
        _labels(ax, [_wrapped(f"{fid}. {title}", 40) for fid, title in fields])
        ax.set_ylim(n - 0.5, -0.5)
        _index_axis(ax, scale.locale)
        self.values = _beside(ax, n)

    def svg(self, lines, prefix: str) -> str:
        """The chart of one unit's field lines (a summary's ``fields``, in the framework's order)."""
        for bar, na, value, line in zip(self.bars, self.na, self.values, lines, strict=False):
            applicable = line.index is not None
            bar.set_width(float(line.index) if applicable else 0)
            bar.set_visible(applicable)
            bar.set_facecolor(self.scale.colour(line.index))
            na.set_visible(not applicable)
            value.set_text(self.value_text(line))
        return svg_of(self.fig, prefix)


# --- many units --------------------------------------------------------------------------


def series(items: Sequence, make, prefix: str) -> Iterator[str]:
    """The SVGs of ``items`` in charts of at most :data:`ROWS` rows each: ``make(rows)`` makes a
    chart of that many rows (its ``svg(part, prefix)`` draws a part); one chart serves every full
    part. The k-th SVG's ids start with ``{prefix}{k}-``."""
    chart = None
    for k, start in enumerate(range(0, len(items), ROWS), 1):
        part = items[start:start + ROWS]
        if chart is None or chart.rows != len(part):
            chart = make(len(part))
        yield chart.svg(part, f"{prefix}{k}-")


class IndexChart:
    """Units' indices as bars on 0-100 in their band's colour, in the order given, with each
    unit's index and class beside its bar. ``svg(units)``: (name, index, the words beside)."""

    ROW = 0.24

    def __init__(self, rows: int, scale: Scale):
        self.rows, self.scale = rows, scale
        fig, ax = _figure(self.ROW * rows + 0.36, 2.5, 1.2, 0.06, 0.3)
        self.fig = fig
        self.bars = ax.barh(np.arange(rows), np.zeros(rows), height=0.66, edgecolor="#555555", linewidth=0.4)
        self.names = _labels(ax, [""] * rows)
        ax.set_ylim(rows - 0.5, -0.5)
        _index_axis(ax, scale.locale)
        self.values = _beside(ax, rows)

    def svg(self, units: Sequence[tuple[str, Decimal, str]], prefix: str) -> str:
        for bar, name, value, (unit, index, words) in zip(self.bars, self.names, self.values, units, strict=False):
            bar.set_width(float(index))
            bar.set_facecolor(self.scale.colour(index))
            name.set_text(_wrapped(unit, 46))
            value.set_text(words)
        return svg_of(self.fig, prefix)


class Heatmap:
    """Units (rows) × fields (columns): each cell in its index's band colour with the index written
    in it; a field that is not applicable is hatched grey. ``svg(units)``: (name, field indices)."""

    ROW = 0.24

    def __init__(self, rows: int, field_ids: Sequence[str], scale: Scale, places: int):
        self.rows, self.scale, self.places = rows, scale, places
        m = len(field_ids)
        fig, ax = _figure(self.ROW * rows + 0.3, 2.5, WIDTH - 2.5 - min(4.3, 0.6 * m), 0.26, 0.04)
        self.fig = fig
        self.bands = list(reversed(scale.bands))  # worst first: colour number k is band k
        self.number = {b.low: k for k, b in enumerate(self.bands)}
        x, y = np.arange(m + 1), np.arange(rows + 1)
        empty = np.ma.masked_all((rows, m))
        self.cells = ax.pcolormesh(x, y, empty, cmap=ListedColormap([b.colour for b in self.bands]), vmin=-0.5,
                                   vmax=len(self.bands) - 0.5, edgecolors="#ffffff", linewidth=0.8)
        self.na = ax.add_collection(PolyCollection([], facecolors=NA_FACE, edgecolors=NA_EDGE, linewidths=0.4,
                                                   hatch="////"))
        self.texts = [[ax.text(j + 0.5, i + 0.5, "", ha="center", va="center", fontsize=7) for j in range(m)]
                      for i in range(rows)]
        ax.set_xlim(0, m)
        ax.set_ylim(rows, 0)
        ax.xaxis.tick_top()
        ax.set_xticks(np.arange(m) + 0.5, list(field_ids))
        ax.tick_params(length=0, labelsize=7.5, pad=3)
        self.names = _labels(ax, [""] * rows, at=0.5)
        for side in ("left", "bottom", "top", "right"):
            ax.spines[side].set_visible(False)

    def svg(self, units: Sequence[tuple[str, Sequence[Decimal | None]]], prefix: str) -> str:
        m = len(self.texts[0]) if self.texts else 0
        cells = np.ma.masked_all((self.rows, m))
        na = []
        for i, (unit, indices) in enumerate(units):
            self.names[i].set_text(_wrapped(unit, 46))
            for j, index in enumerate(indices):
                text = self.texts[i][j]
                band = self.scale.band(index)
                if band is None:
                    na.append(((j + 0.04, i + 0.04), (j + 0.96, i + 0.04), (j + 0.96, i + 0.96), (j + 0.04, i + 0.96)))
                    text.set_text("")
                    continue
                cells[i, j] = self.number[band.low]
                text.set_text(display(index, self.places, self.scale.locale, fixed=True))
                text.set_color("#ffffff" if band.dark else INK)
        self.cells.set_array(cells)
        self.na.set_verts(na)
        return svg_of(self.fig, prefix)


def classes_chart(counts: Sequence[tuple[Band, int]], prefix: str) -> str:
    """How many units are in each band of the classes (best first), in the band's colour."""
    n = len(counts)
    fig, ax = _figure(2.0, 0.35, WIDTH - 0.35 - min(6.3, 1.05 * n), 0.12, 0.42)
    most = max((c for _, c in counts), default=0)
    ax.bar(np.arange(n), [c for _, c in counts], width=0.66, color=[b.colour for b, _ in counts],
           edgecolor="#555555", linewidth=0.4)
    for i, (_, c) in enumerate(counts):
        ax.text(i, c, str(c), ha="center", va="bottom", fontsize=8, color=INK)
    ax.set_xticks(np.arange(n), [f"{b.name}\n{b.span}" if b.name else b.span for b, _ in counts])
    ax.tick_params(axis="x", length=0, labelsize=7.5)
    ax.set_ylim(0, max(1, most) * 1.18)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    return svg_of(fig, prefix)
