"""``parcli plan``: which lost points a unit can win back, and the least it takes to reach a target.

Pure: a checked framework, a checked unit and its result in; a :class:`Plan` out. The
steps of each leaf come from its rule kind (:meth:`parcli.rules.base.RuleBase.steps`).
All arithmetic on points is exact (``Fraction`` for the target's threshold).

With a target the plan is chosen in this order (DESIGN §10):

1. the fewest leaves changed: the smallest k whose k largest possible gains reach the target;
2. among the sets of k leaves, the one with the largest possible gain (the k largest,
   ties in framework order);
3. each change as small a step as still reaches the target, reduced one leaf at a time in
   framework order: afterwards no change can be replaced by a smaller step of its leaf
   (reducing a leaf only lowers the total, so an earlier leaf never becomes reducible again).

With ``effort`` (a weight per leaf id or rule kind; a step that climbs j levels of a leaf costs
j times its weight) the total weight is minimised instead, exactly: dynamic programming over
the multiple-choice knapsack of the steps, by total weight (see :func:`_cheapest`); ties go to
the larger gain, then fewer leaves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from itertools import pairwise

from .domain import Framework, Node, Unit
from .engine import MISSING, OVERRIDE, SCORED, Result, score
from .i18n import NP_, say
from .rules.base import Evidence, Step

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(slots=True)
class Change:
    leaf: Node
    before: Evidence | None
    after: Evidence
    points_before: Decimal
    points_after: Decimal

    @property
    def gain(self) -> Decimal:
        return self.points_after - self.points_before


@dataclass(slots=True)
class Lost:
    """Lost points the plan cannot act on, and why (survey, impact, manual, override)."""

    leaf: Node | AdjustmentHold
    lost: Decimal
    why: str  # survey | impact | manual | override | adjustment


@dataclass(frozen=True, slots=True)
class AdjustmentHold:
    """A bonus or a penalty in the list of lost points a plan cannot act on: outside the leaves, the
    appraisers decide it (it stands where a leaf's node stands: an id, a title, no rule)."""

    id: str  # bonus | penalty
    title: str | None
    title_en: str | None
    rule: None = None

    def label(self, lang: str) -> str:
        own = (self.title_en or self.title) if lang == "en" else self.title
        word = _ADJUSTMENT_WORDS.get(self.id)
        return own or (say(word, lang) if word is not None else self.id)


_ADJUSTMENT_WORDS = {"bonus": NP_("column", "Bonus"), "penalty": NP_("column", "Penalty")}


@dataclass(slots=True)
class Plan:
    before: Result
    target: Decimal | None  # the displayed index aimed at; None: the opportunities list
    changes: list[Change]
    not_plannable: list[Lost]
    after: Result | None = None
    reached: bool = True
    best: Result | None = None  # when the target cannot be reached: the most that can be
    best_changes: list[Change] = field(default_factory=list)

    def index_gain(self, change: Change) -> Decimal:
        return change.gain * HUNDRED / self.before.max if self.before.max else ZERO


@dataclass(slots=True)
class _Candidate:
    order: int
    leaf: Node
    ev: Evidence | None
    points: Decimal
    steps: list[Step]

    @property
    def max_gain(self) -> Decimal:
        return self.steps[-1].points - self.points


def _why(leaf: Node, status: str) -> str | None:
    """Why a leaf with lost points is not a candidate (None: it is one)."""
    if status == OVERRIDE:
        return "override"
    if leaf.leaf_rule.PLAN_HOLD is not None:  # the appraisers' points: not the unit's to change
        return leaf.leaf_rule.PLAN_HOLD
    if leaf.source in ("survey", "impact"):
        return leaf.source
    return None


def candidates(result: Result, all_sources: bool = False):
    """The leaves a plan may change (with their steps, from the evidence the result holds) and the
    lost points it cannot act on."""
    out: list[_Candidate] = []
    lost: list[Lost] = []
    for order, lr in enumerate(result.leaves):
        if lr.status not in (SCORED, MISSING, OVERRIDE) or lr.points is None or lr.points >= lr.max:
            continue
        leaf = lr.node
        why = _why(leaf, lr.status)
        if why == "override" or (why is not None and not all_sources):
            lost.append(Lost(leaf, lr.max - lr.points, why))
            continue
        ev = lr.evidence
        steps = leaf.leaf_rule.steps(leaf.max, ev, lr.points)
        if steps:
            out.append(_Candidate(order, leaf, ev, lr.points, steps))
    for adj in result.adjustments:  # a bonus below its max, a penalty above 0: the appraisers' decision
        missed = adj.max - adj.points if adj.kind == "bonus" else adj.points
        if missed > 0:
            lost.append(Lost(AdjustmentHold(adj.kind, adj.item.title, adj.item.title_en), missed, "adjustment"))
    return out, lost


def displayed(value: Decimal, places: int) -> Decimal:
    """The least index as displayed (``places`` decimals) not below ``value``: the target a plan aims
    at when it is given with more decimals than the index shows."""
    return value.quantize(Decimal(1).scaleb(-places), ROUND_CEILING)  # exponents far apart: still at once


def class_target(fw: Framework, label: str) -> Decimal | None:
    """The least index of the framework's class ``label`` (None: the framework has no such class)."""
    for band in fw.header.classes:
        if band.label == label:
            return band.min
    return None


def gained(result: Result, step: Decimal) -> Decimal:
    """The index ``step`` points above the unit's, at most 100."""
    return min(HUNDRED, (result.index or 0) + step)


def required_points(result: Result, target: Decimal) -> Fraction:
    """The least total points whose displayed index (rounded half-up) is at least ``target``."""
    places = result.framework.places
    half = Fraction(1, 2) * Fraction(10) ** -places
    return (Fraction(target) - half) * Fraction(result.max) / 100


def _merge(before: Evidence | None, step: Evidence) -> Evidence:
    """The step's measured value with the leaf's own claimed points, note and documents (the note as the
    person wrote it: the written file says what was planned in its header, in the chosen language)."""
    return replace(step, claimed=before.claimed if before else None, note=before.note if before else None,
                   documents=before.documents if before else ())


def apply(fw: Framework, unit: Unit, changes: list[Change]) -> Unit:
    """The unit with the changes made."""
    evidence = dict(unit.evidence)
    for ch in changes:
        evidence[ch.leaf.id] = ch.after
    return replace(unit, evidence=evidence)


def opportunities(result: Result, all_sources: bool = False) -> Plan:
    """No target: every candidate's next step, largest gain first (ties in framework order)."""
    cands, lost = candidates(result, all_sources)
    changes = []
    for c in cands:
        step = c.steps[0]
        if step.continuous:
            step = c.steps[-1]  # a continuous leaf's next step is all it can still win
        changes.append((c.order, Change(c.leaf, c.ev, _merge(c.ev, step.evidence), c.points, step.points)))
    changes.sort(key=lambda item: (-item[1].gain, item[0]))
    lost.sort(key=lambda x: -x.lost)
    return Plan(result, None, [ch for _o, ch in changes], lost)


def plan(fw: Framework, unit: Unit, result: Result, target: Decimal, all_sources: bool = False,
         effort: dict[str, Decimal] | None = None) -> Plan:
    """The plan that reaches ``target`` (a displayed index), or the most that can be reached."""
    cands, lost = candidates(result, all_sources)
    lost.sort(key=lambda x: -x.lost)
    need = required_points(result, target) - Fraction(result.adjusted)  # bonus − penalty count too
    if need <= 0:
        return Plan(result, target, [], lost, after=result)
    total = sum((Fraction(c.max_gain) for c in cands), Fraction(0))
    if total < need:
        best = _build(fw, unit, [(c, len(c.steps) - 1) for c in cands])
        return Plan(result, target, [], lost, reached=False, best=_rescore(fw, unit, best), best_changes=best)
    if effort is None:
        chosen = _fewest(cands, need)
    else:
        chosen = _cheapest(cands, need, effort)
    changes = _smallest(chosen, need)
    after = _rescore(fw, unit, changes)
    # the engine's index is the judge: a rounding edge at the 28th digit gets one more cent
    while after.index is None or after.index < target:
        changes = _nudge(changes)
        after = _rescore(fw, unit, changes)
    return Plan(result, target, changes, lost, after=after)


def _rescore(fw: Framework, unit: Unit, changes: list[Change]) -> Result:
    return score(fw, apply(fw, unit, changes))


def _fewest(cands: list[_Candidate], need: Fraction) -> list[tuple[_Candidate, int]]:
    ranked = sorted(cands, key=lambda c: (-c.max_gain, c.order))
    got = Fraction(0)
    chosen = []
    for c in ranked:
        chosen.append((c, len(c.steps) - 1))
        got += Fraction(c.max_gain)
        if got >= need:
            break
    return sorted(chosen, key=lambda item: item[0].order)


def weight_of(leaf: Node, effort: dict[str, Decimal]) -> Decimal:
    """A leaf's effort weight: by its id, else by its rule kind, else ``default`` (1)."""
    if leaf.id in effort:
        return effort[leaf.id]
    return effort.get(leaf.leaf_rule.kind, effort.get("default", Decimal(1)))


# The exact cheapest plan is a dynamic programme over one of two whole-number dimensions: every
# total weight up to that of a good plan, or every gain up to the one needed. At most this many
# cells x steps of work, and this many cells kept to read the plan back.
WORK_LIMIT = 400_000_000
CELLS_LIMIT = 100_000_000


def _cheapest(cands: list[_Candidate], need: Fraction, effort) -> list[tuple[_Candidate, int]]:
    """Exact minimum total weight reaching ``need``: the multiple-choice knapsack (each leaf: climb
    1..m of its steps, or not at all) solved by dynamic programming.

    Weights and gains are scaled to whole numbers exactly (by their common denominator, then
    divided by their greatest common divisor). The programme runs over the smaller of two
    dimensions: every total gain up to the one needed (:func:`by_gain`), or every total weight
    up to that of a plan that reaches it (:func:`by_weight`). Its work is cells x steps, refused
    above :data:`WORK_LIMIT` with a message (never minutes of work). Among plans of the least
    weight, the fewest leaves are preferred (exactly by gain, as a tie-break by weight), then
    earlier leaves."""
    weights = [Fraction(weight_of(c.leaf, effort)) for c in cands]
    unit = math.lcm(*(w.denominator for w in weights))
    scaled = [int(w * unit) for w in weights]
    common = math.gcd(*scaled)
    scaled = [x // common for x in scaled]
    fractions = [[Fraction(step.points - c.points) for step in c.steps] for c in cands]
    scale = math.lcm(need.denominator, *(g.denominator for gs in fractions for g in gs))
    gains = [[int(g * scale) for g in gs] for gs in fractions]
    common = math.gcd(*(g for gs in gains for g in gs))
    gains = [[g // common for g in gs] for gs in gains]
    need_units = -((-need.numerator * scale) // (need.denominator * common))  # ceil: gains are whole units
    steps = sum(len(gs) for gs in gains)
    gain_dims = (steps * (need_units + 1), len(cands) * (need_units + 1))
    limit = greedy_weight(scaled, gains, need_units)
    reach = work = cells = 0
    for w, gs in zip(scaled, gains, strict=True):
        reach = min(limit, reach + w * len(gs))
        work += len(gs) * (reach + 1)
        cells += reach + 1
    weight_dims = (work, cells)
    fits = [dims for dims in (gain_dims, weight_dims) if dims[0] <= WORK_LIMIT and dims[1] <= CELLS_LIMIT]
    if not fits:
        from .errors import InputError
        from .i18n import tr

        advice = tr("give coarser weights (a few distinct values, such as 1 to 5), plan fewer leaves (a nearer "
                    "target), or leave out --effort for the plan with the fewest changes")
        if unit > 1:  # weights with decimals multiply the total weights to try
            advice = tr("give weights with fewer decimals (whole numbers); ") + advice
        raise InputError("--effort: " + tr(
            "too many sums to find the cheapest plan exactly: {steps:,} steps of {leaves:,} leaves, tried against "
            "each of {gains:,} total gains (or {weights:,} total weights), make {cells:,} sums, above the limit of "
            "{limit:,}", steps=steps, leaves=len(cands), gains=need_units + 1, weights=limit + 1,
            cells=min(gain_dims[0], weight_dims[0]), limit=WORK_LIMIT) + "; " + advice)
    if gain_dims in fits and (weight_dims not in fits or gain_dims[0] <= weight_dims[0]):
        picked = by_gain(scaled, gains, need_units)
    else:
        picked = by_weight(scaled, gains, need_units, limit)
    return [(cands[i], level) for i, level in sorted(picked)]


def by_gain(weights: list[int], gains: list[list[int]], need: int) -> list[tuple[int, int]]:
    """``best[g]``: the least (weight, leaves) of a plan whose gain is exactly ``g``, or at least
    ``need`` in the last cell; exact for both. The (leaf, level) pairs of the plan for ``need``."""
    import numpy as np

    many = 1 << (len(weights) + 1).bit_length()  # above any number of leaves
    top = sum(w * len(gs) for w, gs in zip(weights, gains, strict=True)) * many + many
    exact_ints = top < (1 << 61)
    dtype = np.int64 if exact_ints else object
    nothing = (1 << 62) if exact_ints else top * 4  # no plan reaches this gain
    best = np.full(need + 1, nothing, dtype=dtype)
    best[0] = 0
    most = max(len(gs) for gs in gains)
    choice_type = np.uint8 if most < 255 else np.uint16 if most < 65535 else np.uint32
    choices: list = []
    capped_from: list[int | None] = []  # where a climb capped at need came from
    for w, gs in zip(weights, gains, strict=True):
        new = best.copy()
        picked = np.zeros(need + 1, dtype=choice_type)
        source = None
        for level, g in enumerate(gs):
            cost = w * (level + 1) * many + 1
            if g < need:
                came = best[:need - g] + cost
                into = new[g:need]
                better = came < into
                np.copyto(into, came, where=better)
                np.copyto(picked[g:need], level + 1, where=better)
            low = max(0, need - g)  # every gain from here on reaches need with this climb
            at = low + int(np.argmin(best[low:]))
            if best[at] + cost < new[need]:
                new[need] = best[at] + cost
                picked[need] = level + 1
                source = at
        best = new
        choices.append(picked)
        capped_from.append(source)
    out = []
    at = need
    for i in range(len(weights) - 1, -1, -1):
        level = int(choices[i][at])
        if level:
            out.append((i, level - 1))
            if at == need:
                source = capped_from[i]
                assert source is not None, "a level picked at need has its source"
                at = source
            else:
                at -= gains[i][level - 1]
    return out


def by_weight(weights: list[int], gains: list[list[int]], need: int, limit: int) -> list[tuple[int, int]]:
    """``best[w]``: the largest gain (capped at ``need``), then the fewest leaves, of a plan of total
    weight exactly ``w``, for every ``w`` up to ``limit`` (the weight of a plan that reaches
    ``need``); the least ``w`` whose plan reaches ``need`` is exact. The plan's (leaf, level) pairs."""
    import numpy as np

    many = 1 << (len(weights) + 1).bit_length()  # above any number of leaves
    exact_ints = (need + 1) * many < (1 << 61)
    dtype = np.int64 if exact_ints else object
    nothing = -(1 << 62) if exact_ints else -(need + 1) * many * 4  # no plan of this weight
    best = np.full(limit + 1, nothing, dtype=dtype)
    best[0] = 0
    most = max(len(gs) for gs in gains)
    choice_type = np.uint8 if most < 255 else np.uint16 if most < 65535 else np.uint32
    choices = []
    reach = 0
    for w, gs in zip(weights, gains, strict=True):
        reach = min(limit, reach + w * len(gs))
        size = reach + 1
        row = best[:size]
        new = row.copy()
        picked = np.zeros(size, dtype=choice_type)
        for level, g in enumerate(gs):
            shift = w * (level + 1)
            if shift >= size:
                break
            source = row[:size - shift]
            count = (-source) % many
            came = np.minimum(source + count + g * many, need * many) - count - 1  # gain capped, one leaf more
            came[source == nothing] = nothing
            into = new[shift:]
            better = came > into
            np.copyto(into, came, where=better)
            np.copyto(picked[shift:], level + 1, where=better)
        best[:size] = new
        choices.append(picked)
    threshold = need * many - many + 1  # a plan's value is this or more exactly when it reaches need
    at = next(i for i in range(limit + 1) if best[i] >= threshold) if not exact_ints else \
        int(np.flatnonzero(best >= threshold)[0])
    out = []
    for i in range(len(weights) - 1, -1, -1):
        picked = choices[i]
        level = int(picked[at]) if at < len(picked) else 0
        if level:
            out.append((i, level - 1))
            at -= weights[i] * level
    return out


def greedy_weight(weights: list[int], gains: list[list[int]], need: int) -> int:
    """The total weight of a plan that reaches ``need``: the climbs of every leaf's upper convex hull
    of (weight, gain), steepest first, until the gain reaches ``need`` (a bound for the exact search)."""
    segments = []
    for leaf, (w, gs) in enumerate(zip(weights, gains, strict=True)):
        hull = [(0, 0)]
        for level, g in enumerate(gs):
            point = (w * (level + 1), g)
            while len(hull) >= 2:
                (x1, y1), (x2, y2) = hull[-2], hull[-1]
                if (y2 - y1) * (point[0] - x1) <= (point[1] - y1) * (x2 - x1):  # hull[-1] under the chord
                    hull.pop()
                else:
                    break
            hull.append(point)
        for (x1, y1), (x2, y2) in pairwise(hull):
            segments.append((Fraction(y2 - y1, x2 - x1), leaf, x2 - x1, y2 - y1))
    segments.sort(key=lambda s: -s[0])  # stable: a leaf's own climbs stay in order (their slopes fall)
    weight = gain = 0
    for _slope, _leaf, dx, dy in segments:
        if gain >= need:
            break
        weight += dx
        gain += dy
    return weight


def _build(fw: Framework, unit: Unit, chosen) -> list[Change]:
    return [Change(c.leaf, c.ev, _merge(c.ev, c.steps[level].evidence), c.points, c.steps[level].points)
            for c, level in chosen]


def _smallest(chosen: list[tuple[_Candidate, int]], need: Fraction) -> list[Change]:
    """Each chosen leaf, in framework order, at the smallest step that still reaches ``need``."""
    steps = {c.order: c.steps[level] for c, level in chosen}
    total = sum((Fraction(steps[c.order].points - c.points) for c, _l in chosen), Fraction(0))
    for c, _level in chosen:
        others = total - Fraction(steps[c.order].points - c.points)  # the others, as already reduced
        short = need - others  # what this leaf must still win
        for step in c.steps:
            if step.continuous:
                wanted = Fraction(c.points) + short
                points = Decimal(wanted.numerator) / Decimal(wanted.denominator)
                if Fraction(points) < wanted:  # not a finite decimal: the next one up
                    points = points.next_plus()
                least = c.leaf.leaf_rule.least(c.leaf.max, c.ev, max(points, c.points))
                if least is not None and Fraction(least.points - c.points) >= short:
                    steps[c.order] = least
                    break
            elif Fraction(step.points - c.points) >= short:
                steps[c.order] = step
                break
        total = others + Fraction(steps[c.order].points - c.points)
    return [Change(c.leaf, c.ev, _merge(c.ev, steps[c.order].evidence), c.points, steps[c.order].points)
            for c, _level in chosen]


def _nudge(changes: list[Change]) -> list[Change]:
    """One cent more on the first continuous change that can take it (a rounding edge)."""
    for i, ch in enumerate(changes):
        rule = ch.leaf.leaf_rule
        least = rule.least(ch.leaf.max, ch.before, ch.points_after + Decimal("0.01"))
        if least is not None and least.points > ch.points_after:
            out = list(changes)
            out[i] = Change(ch.leaf, ch.before, _merge(ch.before, least.evidence), ch.points_before, least.points)
            return out
    raise ArithmeticError("the plan cannot be adjusted to reach the target")
