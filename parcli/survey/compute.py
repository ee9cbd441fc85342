"""Survey indices from the answers: exact where the published method is exact, with their uncertainty.

The method (a reconstruction that reproduces published figures; the official SIPAS formula of
QĐ 1001/QĐ-BNV was not available):

- item rate = 100 × satisfied answers / answers given (``measure: share``), or
  100 × mean of (answer − min) / (max − min) (``measure: mean``); no answer is left out;
- the method of each level (``method: mean|pooled`` for every level, or per level): ``mean``:
  element = mean of its item rates, part = mean of its elements, overall = mean of the parts;
  ``pooled``: the level = the rate of every answer of its items taken together (whatever the
  levels below use); a level whose items have no answer in a unit has no index there, and a mean
  is taken over the indices that exist (said as a warning);
- computed exactly (fractions) and rounded half-up to 2 decimals only for what is published.

Uncertainty: an item rate (share) gets the Wilson 95 % interval; every index (and a ``mean`` item)
gets a percentile bootstrap over the unit's respondents (the classic one, each level by its own
method): :data:`RESAMPLES` resamples of its rows with replacement, drawn by numpy's exact bounded
integers from PCG64 seeded with (:data:`SEED`, CRC-32 of the unit code), so the same answers in the
same order always give the same intervals (whatever the threads). Units whose published overall
intervals overlap are not separable by the survey: parcli's addition, part of no published SIPAS
method.
"""

from __future__ import annotations

import math
import os
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from ..engine import round_index
from ..i18n import N_

SEED = 2024
RESAMPLES = 2000
PLACES = 2
Z95 = Decimal("1.959963984540054235524594430520551527955")  # the 0.975 quantile of the standard normal
_Z95_FLOAT = float(Z95)
MISSING = -32768  # an answer matrix's "no answer"
_CELLS_PER_CHUNK = 4_000_000  # resample weights built at once: memory stays bounded for a unit of any size
_DRAWS_PER_BLOCK = 100_000  # draws counted at once (their counts: 800 kB)


@dataclass(frozen=True, slots=True)
class Interval:
    index: Decimal | None
    low: Decimal | None
    high: Decimal | None
    n: int


@dataclass(slots=True)
class ItemResult:
    id: str
    element: str
    n: int
    satisfied: int | None  # share: satisfied answers; mean: None
    rate: Decimal | None
    low: Decimal | None
    high: Decimal | None
    exact: Fraction | None = None


@dataclass(slots=True)
class LevelResult:
    id: str
    parent: str | None  # an element's part
    n: int
    index: Decimal | None
    low: Decimal | None
    high: Decimal | None
    exact: Fraction | None = None


@dataclass(slots=True)
class UnitResult:
    code: str
    name: str | None
    n: int
    overall: LevelResult
    parts: list[LevelResult]
    elements: list[LevelResult]
    items: list[ItemResult]
    not_separable: list[str] = field(default_factory=list)
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (message id, values)


@dataclass(slots=True)
class Survey:
    definition: Any
    units: list[UnitResult]
    respondents: int
    resamples: int
    seed: int = SEED


def published(value: Fraction | None) -> Decimal | None:
    """An index as published: rounded half-up to 2 decimals."""
    if value is None:
        return None
    if value >= 0:  # (every rate is) in whole hundredths, half-up, by integers
        hundredths, rest = divmod(value.numerator * 10**PLACES, value.denominator)
        return round_index(Decimal(hundredths + (2 * rest >= value.denominator)).scaleb(-PLACES), PLACES)
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    return round_index(exact, PLACES)


def _float_published(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return round_index(Decimal(repr(float(value))), PLACES)


def wilson(satisfied: int, n: int) -> tuple[Decimal | None, Decimal | None]:
    """The Wilson 95 % interval of a share, in percent, rounded half-up to 2 decimals: :func:`wilson_exact`'s
    bounds, reckoned in floats where a bound is far from a half-hundredth (float's error is below 1e-9 there,
    the margin 1e-6), exactly where it is near."""
    if n <= 0:
        return None, None
    p = satisfied / n
    z2 = _Z95_FLOAT * _Z95_FLOAT
    centre = p + z2 / (2 * n)
    spread = _Z95_FLOAT * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    denominator = 1 + z2 / n
    bounds = []
    for value in (max(0.0, (centre - spread) / denominator) * 10_000,  # in hundredths of a percent
                  min(1.0, (centre + spread) / denominator) * 10_000):
        cents = math.floor(value)
        part = value - cents
        if abs(part - 0.5) < 1e-6:
            return wilson_exact(satisfied, n)
        bounds.append(round_index(Decimal(cents + (part > 0.5)).scaleb(-PLACES), PLACES))
    return bounds[0], bounds[1]


def wilson_exact(satisfied: int, n: int) -> tuple[Decimal | None, Decimal | None]:
    """The Wilson 95 % interval of a share, in percent, rounded half-up to 2 decimals, reckoned in 50 digits."""
    if n <= 0:
        return None, None
    with localcontext() as ctx:
        ctx.prec = 50
        p = Decimal(satisfied) / n
        z2 = Z95 * Z95
        centre = p + z2 / (2 * n)
        spread = Z95 * (p * (1 - p) / n + z2 / (4 * n * n)).sqrt()
        denominator = 1 + z2 / n
        low = max(Decimal(0), (centre - spread) / denominator) * 100
        high = min(Decimal(1), (centre + spread) / denominator) * 100
    return round_index(low, PLACES), round_index(high, PLACES)


def _mean(values: list[Fraction | None]) -> Fraction | None:
    """The mean of the values that exist (a level without answers is left out), None when none does."""
    present = [v for v in values if v is not None]
    return sum(present, Fraction(0)) / len(present) if present else None


class Computer:
    """Indices of one definition; :meth:`unit` computes one unit from its answer matrix."""

    def __init__(self, definition, resamples: int = RESAMPLES, seed: int = SEED):
        import numpy as np

        self.np = np
        self.d = definition
        self.resamples = resamples
        self.seed = seed
        scale = definition.scale
        self.share = definition.measure == "share"
        method = definition.method
        self.pooled_element = method.element == "pooled"
        self.pooled_part = method.part == "pooled"
        self.pooled_overall = method.overall == "pooled"
        self.span = scale.max - scale.min
        items = definition.items
        self.item_ids = [i.id for i in items]
        position = {i.id: k for k, i in enumerate(items)}
        self.element_items = [[position[i.id] for i in e.items] for e in definition.elements]
        element_position = {e.id: k for k, e in enumerate(definition.elements)}
        self.part_elements = [[element_position[e.id] for e in p.elements] for p in definition.parts]
        self.part_items = [[position[i.id] for e in p.elements for i in e.items] for p in definition.parts]
        # the items are the elements' in order, the elements the parts': each level's items follow one another
        levels = [*self.element_items, *self.part_items]
        assert all(idx == list(range(idx[0], idx[0] + len(idx))) for idx in levels)  # noqa: S101
        # satisfied answers (share) or the answer's distance from min (mean), by answer value
        self.lut = np.zeros(scale.max - scale.min + 1, dtype=np.float32)
        for v in scale.values():
            self.lut[v - scale.min] = (1.0 if v in scale.satisfied else 0.0) if self.share else (v - scale.min)

    # --- exact -----------------------------------------------------------------------------------------------

    def unit(self, code: str, name: str | None, answers) -> UnitResult:
        """One unit's result from its answers: an (n × items) integer matrix, :data:`MISSING` for no answer."""
        np = self.np
        d = self.d
        scores, answered = self.tables(answers)
        counts = answered.sum(axis=0).tolist()
        sums = [int(v) for v in scores.astype(np.float64).sum(axis=0).tolist()]  # satisfied, or distance from min
        warnings: list[tuple[str, dict[str, Any]]] = []
        item_exact: list[Fraction | None] = []
        for k, item in enumerate(d.items):
            if counts[k] == 0:
                item_exact.append(None)
                warnings.append((N_("item {item} has no answer in unit {code}: the indices above it leave it out"),
                                 {"item": item.id, "code": code}))
            elif self.share:
                item_exact.append(Fraction(100 * sums[k], counts[k]))
            else:
                item_exact.append(Fraction(100 * sums[k], counts[k] * self.span))

        def pooled_rate(idx: list[int]) -> Fraction | None:
            n = sum(counts[k] for k in idx)
            if n == 0:
                return None
            return Fraction(100 * sum(sums[k] for k in idx), n * (1 if self.share else self.span))

        element_exact: list[Fraction | None] = []
        for idx in self.element_items:
            if self.pooled_element:
                element_exact.append(pooled_rate(idx))
            else:
                element_exact.append(_mean([item_exact[k] for k in idx]))
        part_exact: list[Fraction | None] = []
        for p, idx in enumerate(self.part_elements):
            if self.pooled_part:
                part_exact.append(pooled_rate(self.part_items[p]))
            else:
                part_exact.append(_mean([element_exact[k] for k in idx]))
        if self.pooled_overall:
            overall_exact = pooled_rate(list(range(len(self.item_ids))))
        else:
            overall_exact = _mean(part_exact)
        for message, values, ids in (
                (N_("the element {id} has no answer in unit {code}: the indices above it leave it out"),
                 element_exact, [e.id for e in d.elements]),
                (N_("the part {id} has no answer in unit {code}: the overall index leaves it out"),
                 part_exact, [p.id for p in d.parts])):
            for value, ident in zip(values, ids, strict=True):
                if value is None:
                    warnings.append((message, {"id": ident, "code": code}))

        given_any: dict[tuple[int, ...], int] = {}  # respondents who answered some item of a level
        if len(answers):
            for groups in (self.element_items, self.part_items):  # each level's items at once
                found = np.logical_or.reduceat(answered, [idx[0] for idx in groups], axis=1).sum(axis=0).tolist()
                given_any.update((tuple(idx), int(count)) for idx, count in zip(groups, found, strict=True))

        def respondents(idx: list[int]) -> int:
            known = given_any.get(tuple(idx))
            if known is not None:
                return known
            return int(answered[:, idx].any(axis=1).sum()) if idx else 0

        boot = self.bootstrap(code, scores, answered.astype(np.float32))
        items = []
        for k, item in enumerate(d.items):
            if self.share:
                low, high = wilson(sums[k], counts[k])
            else:
                low, high = boot["items"][k]
            items.append(ItemResult(item.id, item.element, counts[k], sums[k] if self.share else None,
                                    published(item_exact[k]), low, high, item_exact[k]))
        def level(ident: str, parent: str | None, idx: list[int], exact: Fraction | None, bounds) -> LevelResult:
            return LevelResult(ident, parent, respondents(idx), published(exact), bounds[0], bounds[1], exact)

        elements = [level(e.id, e.part, self.element_items[k], element_exact[k], boot["elements"][k])
                    for k, e in enumerate(d.elements)]
        parts = [level(p.id, None, self.part_items[k], part_exact[k], boot["parts"][k]) for k, p in enumerate(d.parts)]
        overall = level("overall", None, list(range(len(self.item_ids))), overall_exact, boot["overall"])
        return UnitResult(code, name, int(len(answers)), overall, parts, elements, items, warnings=warnings)

    # --- the bootstrap ---------------------------------------------------------------------------------------

    def tables(self, answers):
        """(scores, answered) of an answer matrix: per respondent and item, 1 for a satisfied answer (share)
        or the answer's distance from min (mean), else 0; and whether an answer was given."""
        np = self.np
        answered = answers != MISSING
        safe = np.where(answered, answers - self.d.scale.min, 0).astype(np.intp)
        return self.lut[safe] * answered, answered  # float32 of small whole numbers: sums exact below 2**24

    def draws(self, code: str, n: int):
        """The unit's resamples, chunk after chunk (at most :data:`_CELLS_PER_CHUNK` draws each): an array
        (resamples × n) of the respondents drawn, uniformly with replacement (numpy's exact bounded integers),
        by the unit's own generator, PCG64 seeded with (seed, CRC-32 of the code): the same code and n always
        draw the same resamples."""
        np = self.np
        rng = np.random.default_rng([self.seed, zlib.crc32(code.encode("utf-8"))])
        kind = np.uint16 if n < 2**16 else np.int64
        chunk = max(1, _CELLS_PER_CHUNK // n)
        for start in range(0, self.resamples, chunk):
            yield rng.integers(0, n, size=(min(chunk, self.resamples - start), n), dtype=kind)

    def bootstrap(self, code: str, scores, answered) -> dict[str, Any]:
        """Percentile intervals (2.5 %, 97.5 %) of every level over resamples of the unit's respondents."""
        np = self.np
        n, width = answered.shape
        none = (None, None)
        empty = {"items": [none] * width, "elements": [none] * len(self.element_items),
                 "parts": [none] * len(self.part_elements), "overall": none}
        if n == 0 or self.resamples == 0:
            return empty
        # One column per item packs both sums: answered + K × score, K above any sum of answers (n), so that
        # each resample's sums come out of one matrix product exactly (whole numbers within the float's digits).
        k = float(n + 1)
        top = n + n * max(1, self.span) * k
        kind = np.float32 if top < 2**24 else np.float64
        table = (answered + scores.astype(np.float64) * k).astype(kind)  # n × items
        packed = np.empty((self.resamples, width), dtype=np.float64)
        block = max(1, min(64, _DRAWS_PER_BLOCK // n))  # counts of a few resamples at once: they fit the cache
        offsets = (np.arange(block, dtype=np.intp) * n)[:, None]
        done = 0
        for picks in self.draws(code, n):
            # how often each respondent is drawn in each resample: a block's draws counted at once, each
            # resample's shifted to its own n bins
            rows = len(picks)
            weights = np.empty((rows, n), dtype=kind)
            for at in range(0, rows, block):
                drawn = picks[at:at + block].astype(np.intp)
                drawn += offsets[:len(drawn)]
                weights[at:at + block] = np.bincount(drawn.ravel(), minlength=len(drawn) * n).reshape(len(drawn), n)
            packed[done:done + rows] = weights @ table
            done += rows
        got = np.floor(packed / k)
        given = packed - got * k
        scale = 100.0 if self.share else 100.0 / self.span
        answered_any = given > 0
        rates = np.where(answered_any, got * scale / np.where(answered_any, given, 1), np.nan)

        def pooled(idx: list[int]):
            total = given[:, idx].sum(axis=1)
            return np.where(total > 0, got[:, idx].sum(axis=1) * scale / np.where(total > 0, total, 1), np.nan)

        # each level by its own method, as the exact indices are (:meth:`unit`)
        element_stats = [pooled(idx) if self.pooled_element else _nanmean(np, rates[:, idx])
                         for idx in self.element_items]
        element_matrix = np.stack(element_stats, axis=1)
        part_stats = [pooled(self.part_items[q]) if self.pooled_part else _nanmean(np, element_matrix[:, idx])
                      for q, idx in enumerate(self.part_elements)]
        overall_stat = (pooled(list(range(width))) if self.pooled_overall
                        else _nanmean(np, np.stack(part_stats, axis=1)))
        stats = np.column_stack([rates, *element_stats, *part_stats, overall_stat])
        bounds = _percentiles(np, stats)
        pairs = [(None, None) if np.isnan(low) else (_float_published(low), _float_published(high))
                 for low, high in bounds.T.tolist()]
        e, p = len(self.element_items), len(self.part_elements)
        return {"items": pairs[:width], "elements": pairs[width:width + e], "parts": pairs[width + e:width + e + p],
                "overall": pairs[-1]}


def _nanmean(np, values):
    """The mean of each row over its numbers (a resample without an answer to some item leaves it out); NaN for a
    row without any: numpy's nanmean, without its warning (the bootstrap runs in threads, and warnings' filters
    are the process's)."""
    missing = np.isnan(values)
    count = np.sum(~missing, axis=1, dtype=np.intp)
    total = np.sum(np.where(missing, 0.0, values), axis=1)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _percentiles(np, stats):
    """The 2.5 % and 97.5 % quantiles of each column (numpy's linear method) over its numbers; NaN for a column
    without any (an index no resample has)."""
    empty = np.isnan(stats).all(axis=0)
    if empty.any():
        stats = stats.copy()
        stats[:, empty] = 0.0
    if np.isnan(stats).any():  # a resample without an answer to some item: those resamples left out there
        bounds = np.nanquantile(stats, [0.025, 0.975], axis=0)
    else:
        bounds = np.quantile(stats, [0.025, 0.975], axis=0)  # every level of the unit at once
    bounds[:, empty] = np.nan
    return bounds


def not_separable(units: list[UnitResult]) -> None:
    """Fill each unit's ``not_separable``: the units whose published overall interval overlaps its own."""
    shown = [u for u in units if u.overall.low is not None and u.overall.high is not None]
    shown.sort(key=lambda u: u.overall.low)  # type: ignore[arg-type, return-value]
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            if b.overall.low > a.overall.high:  # type: ignore[operator]
                break
            a.not_separable.append(b.code)
            b.not_separable.append(a.code)
    order = {u.code: k for k, u in enumerate(units)}
    for u in units:
        u.not_separable.sort(key=order.__getitem__)


def survey(definition, grouped, resamples: int = RESAMPLES, seed: int = SEED, workers: int | None = None) -> Survey:
    """Every unit's result: ``grouped`` is a list of (code, name, answer matrix) in output order.

    Units are computed side by side on up to ``workers`` threads (default: the processors, at most 4): numpy
    draws, counts and multiplies without holding the interpreter; each unit has its own generator, so the
    results are the same whatever the threads."""
    computer = Computer(definition, resamples, seed)
    if workers is None:
        workers = min(4, os.cpu_count() or 1)
    workers = max(1, min(workers, len(grouped)))
    if workers == 1 or not resamples:
        units = [computer.unit(code, name, matrix) for code, name, matrix in grouped]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(workers) as pool:
            units = list(pool.map(lambda unit: computer.unit(*unit), grouped))
    not_separable(units)
    return Survey(definition, units, sum(u.n for u in units), resamples, seed)
