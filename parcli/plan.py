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
the multiple-choice knapsack of the steps, keeping only the states (weight, gain) not
dominated by another (the Pareto frontier); ties go to fewer leaves, then the larger gain.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from .domain import Framework, Node, Unit
from .engine import MISSING, OVERRIDE, SCORED, Result, score
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

    leaf: Node
    lost: Decimal
    why: str


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
    if leaf.rule.kind == "manual":
        return "manual"
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
        steps = leaf.rule.steps(leaf.max, ev, lr.points)
        if steps:
            out.append(_Candidate(order, leaf, ev, lr.points, steps))
    return out, lost


def required_points(result: Result, target: Decimal) -> Fraction:
    """The least total points whose displayed index (rounded half-up) is at least ``target``."""
    places = result.framework.places
    half = Fraction(1, 2) * Fraction(10) ** -places
    return (Fraction(target) - half) * Fraction(result.max) / 100


def _merge(before: Evidence | None, step: Evidence) -> Evidence:
    """The step's measured value with the leaf's own claimed points and documents; noted as planned."""
    note = "planned" if before is None or not before.note else f"{before.note} (planned)"
    return replace(step, claimed=before.claimed if before else None, note=note,
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
    need = required_points(result, target) - Fraction(result.points)
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
    return effort.get(leaf.rule.kind, effort.get("default", Decimal(1)))


def _cheapest(cands: list[_Candidate], need: Fraction, effort) -> list[tuple[_Candidate, int]]:
    """Exact minimum total weight reaching ``need``: Pareto-frontier dynamic programming over the
    multiple-choice knapsack (each leaf: climb 1..m of its steps, or not at all)."""
    # a state: (weight, gain capped at need, leaves, -gain, choices as ((order, level), ...))
    states = [(Fraction(0), Fraction(0), 0, Fraction(0), ())]
    for c in cands:
        w = Fraction(weight_of(c.leaf, effort))
        new = list(states)
        for weight, _cap, count, neg_gain, choice in states:
            gain = -neg_gain
            for level, step in enumerate(c.steps):
                g = gain + Fraction(step.points - c.points)
                new.append((weight + w * (level + 1), min(g, need), count + 1, -g, choice + ((c.order, level),)))
        states = _frontier(new)
    reached = [s for s in states if s[1] >= need]
    best = min(reached, key=lambda s: (s[0], s[2], s[3], [o for o, _l in s[4]]))
    by_order = {c.order: c for c in cands}
    return sorted(((by_order[o], level) for o, level in best[4]), key=lambda item: item[0].order)


def _frontier(states):
    """The states no other state beats on weight and capped gain (ties: fewer leaves, more gain)."""
    states.sort(key=lambda s: (s[0], -s[1], s[2], s[3], [o for o, _l in s[4]]))
    kept = []
    best_gain = None
    for s in states:
        if best_gain is None or s[1] > best_gain:
            kept.append(s)
            best_gain = s[1]
    return kept


def _build(fw: Framework, unit: Unit, chosen) -> list[Change]:
    return [Change(c.leaf, c.ev, _merge(c.ev, c.steps[level].evidence), c.points, c.steps[level].points)
            for c, level in chosen]


def _smallest(chosen: list[tuple[_Candidate, int]], need: Fraction) -> list[Change]:
    """Each chosen leaf, in framework order, at the smallest step that still reaches ``need``."""
    steps = {c.order: c.steps[level] for c, level in chosen}
    for c, _level in chosen:
        others = sum((Fraction(steps[o.order].points - o.points) for o, _l in chosen if o is not c), Fraction(0))
        short = need - others  # what this leaf must still win
        for step in c.steps:
            if step.continuous:
                wanted = Fraction(c.points) + short
                points = Decimal(wanted.numerator) / Decimal(wanted.denominator)
                if Fraction(points) < wanted:  # not a finite decimal: the next one up
                    points = points.next_plus()
                least = c.leaf.rule.least(c.leaf.max, c.ev, max(points, c.points))
                if least is not None and Fraction(least.points - c.points) >= short:
                    steps[c.order] = least
                    break
            elif Fraction(step.points - c.points) >= short:
                steps[c.order] = step
                break
    return [Change(c.leaf, c.ev, _merge(c.ev, steps[c.order].evidence), c.points, steps[c.order].points)
            for c, _level in chosen]


def _nudge(changes: list[Change]) -> list[Change]:
    """One cent more on the first continuous change that can take it (a rounding edge)."""
    for i, ch in enumerate(changes):
        rule = ch.leaf.rule
        least = rule.least(ch.leaf.max, ch.before, ch.points_after + Decimal("0.01"))
        if least is not None and least.points > ch.points_after:
            out = list(changes)
            out[i] = Change(ch.leaf, ch.before, _merge(ch.before, least.evidence), ch.points_before, least.points)
            return out
    raise ArithmeticError("the plan cannot be adjusted to reach the target")
