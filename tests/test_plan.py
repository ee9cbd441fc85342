"""parcli plan: hand-computed plans, the three guarantees against brute force, --apply round trips."""

from __future__ import annotations

import itertools
import textwrap
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parcli.engine import score
from parcli.plan import (
    by_gain,
    by_weight,
    candidates,
    greedy_weight,
    opportunities,
    plan,
    required_points,
    weight_of,
)
from parcli.store import Store

# Every rule kind, 10 points; classes at 90 / 70.
SMALL = """
schema: parcli/framework/v1
id: small
title: Small
version: "1"
level: other
provenance: {status: custom, note: test}
total: 10
classes: [{label: A, min: 90}, {label: B, min: 70}, {label: C, min: 0}]
fields:
  - id: "1"
    title: F1
    max: 10
    criteria:
      - id: "1.1"
        title: C1
        max: 10
        subcriteria:
          - {id: "1.1.1", title: yes-no, max: 1, rule: {kind: yes_no}}
          - {id: "1.1.2", title: choice, max: 2, rule: {kind: choice, options: {tot: 2, kha: 1, kem: 0}}}
          - {id: "1.1.3", title: bands, max: 2, rule: {kind: bands, measure: percent, bands: [{gte: 90, points: 2}, {gt: 70, points: 1}, {points: 0}]}}
          - {id: "1.1.4", title: linear, max: 1, rule: {kind: linear, full_at: 80}}
          - {id: "1.1.5", title: per item, max: 1, rule: {kind: per_item, each: 0.25}}
          - {id: "1.1.6", title: deduction, max: 1, rule: {kind: deduction, each: 0.5}}
          - {id: "1.1.7", title: survey, max: 1, source: survey, rule: {kind: scale, of: 5}}
          - {id: "1.1.8", title: manual, max: 1, rule: {kind: manual}}
"""  # noqa: E501 (a framework file's rows, one leaf a line)

SMALL_UNIT = """
schema: parcli/unit/v1
unit: U
year: 2021
framework: small.yaml
evidence:
  "1.1.1": false
  "1.1.2": kem
  "1.1.3": {done: 20, of: 30}
  "1.1.4": {percent: 40}
  "1.1.5": {count: 1}
  "1.1.6": {count: 2}
  "1.1.7": {value: 2.5}
  "1.1.8": {points: 0.5}
"""


@pytest.fixture
def small(write):
    write("small.yaml", SMALL)
    path = write("u.yaml", SMALL_UNIT)
    unit, fw = Store().unit(path)
    return fw, unit, score(fw, unit), path


def test_steps_by_kind(small):
    fw, unit, result, _ = small
    cands, lost = candidates(result)
    steps = {c.leaf.id: [(s.evidence.form, s.evidence.amount if s.evidence.form != "ratio" else s.evidence.done,
                          s.points) for s in c.steps] for c in cands}
    assert steps["1.1.1"] == [("bool", True, 1)]
    assert steps["1.1.2"] == [("option", "kha", 1), ("option", "tot", 2)]
    # 20/30 = 66.7 %: more than 70 % is 22 of 30 (73.3 %), 90 % is 27 of 30
    assert steps["1.1.3"] == [("ratio", 22, 1), ("ratio", 27, 2)]
    assert steps["1.1.4"] == [("percent", 80, 1)]
    assert steps["1.1.5"] == [("count", 2, D("0.5")), ("count", 3, D("0.75")), ("count", 4, 1)]
    assert steps["1.1.6"] == [("count", 1, D("0.5")), ("count", 0, 1)]
    assert set(steps) == {"1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6"}  # not the survey, not manual
    assert {(x.leaf.id, x.why) for x in lost} == {("1.1.7", "survey"), ("1.1.8", "manual")}


def test_hand_computed_plan(small):
    fw, unit, result, _ = small
    # now: 0 + 0 + 0 + 0.5 + 0.25 + 0 + 0.5 + 0.5 = 1.75 -> 17.50 %
    assert result.points == D("1.75") and result.index == D("17.50")
    # 50.00 displayed needs an index of 49.995 (half-up): 4.9995 of 10 points, 3.2495 more
    p = plan(fw, unit, result, D(50))
    assert required_points(result, D(50)) == Fraction(49995, 10000)
    # fewest leaves: the largest possible gains are choice 2, bands 2, then 1 (yes/no, deduction) ...
    # two leaves give 4 >= 3.2495: choice and bands; then smallest steps in framework order:
    # choice: bands at most 2, so choice needs 1.2495 -> tot (2); then bands needs 1.2495 -> 27/30 (2)
    assert [(c.leaf.id, c.points_after) for c in p.changes] == [("1.1.2", 2), ("1.1.3", 2)]
    assert p.after.index == D("57.50") and p.reached
    # a smaller target: 40.00 needs 2.2495 more: with bands at 2, choice needs 0.2495 -> kha (1);
    # then bands needs 1.2495 -> 27/30 (2)
    p = plan(fw, unit, result, D(40))
    assert [(c.leaf.id, c.after.amount if c.after.form != "ratio" else c.after.done) for c in p.changes] == \
        [("1.1.2", "kha"), ("1.1.3", 27)]


def test_linear_takes_the_least_percent(small):
    fw, unit, result, _ = small
    p = plan(fw, unit, result, D("20"))  # +0.2495 from one leaf: the largest gain first is choice (2)
    assert [(c.leaf.id, c.after.amount) for c in p.changes] == [("1.1.2", "kha")]
    # the linear leaf is the cheap one: 1.75 + x >= 1.9995, linear 0.5 -> 0.7495 needs 59.96 % of 80
    p = plan(fw, unit, result, D("20"), effort={"default": D(100), "linear": D(1)})
    (change,) = p.changes
    assert change.leaf.id == "1.1.4" and change.after.amount == D("59.96") and change.points_after == D("0.7495")
    assert p.after.index == D("20.00")


def test_unreachable_target_says_the_most(small):
    fw, unit, result, _ = small
    p = plan(fw, unit, result, D(95))
    assert not p.reached and p.best.index == D("90.00")  # survey and manual (1.5 lost) are out of reach
    p = plan(fw, unit, result, D(95), all_sources=True)
    assert p.reached and p.after.index >= 95


def test_opportunities_largest_first(small):
    fw, unit, result, _ = small
    p = opportunities(result)
    assert [c.leaf.id for c in p.changes][:2] == ["1.1.1", "1.1.2"]  # gain 1 each, framework order
    assert [c.gain for c in p.changes] == sorted((c.gain for c in p.changes), reverse=True)


# --- the guarantees against brute force ------------------------------------------------

KINDS = {
    "yes_no": "{kind: yes_no}",
    "choice": "{kind: choice, options: {a: MAX, b: HALF, c: 0}}",
    "bands": "{kind: bands, measure: count, bands: [{gte: 5, points: MAX}, {gte: 3, points: HALF}, {points: 0}]}",
    "per_item": "{kind: per_item, each: HALF}",
    "deduction": "{kind: deduction, each: HALF}",
}
VALUES = {
    "yes_no": ["true", "false"],
    "choice": ["a", "b", "c"],
    "bands": ["{count: 0}", "{count: 3}", "{count: 5}", "{count: 1}"],
    "per_item": ["{count: 0}", "{count: 1}", "{count: 2}"],
    "deduction": ["{count: 0}", "{count: 1}", "{count: 3}"],
}


@st.composite
def cases(draw):
    n = draw(st.integers(2, 5))
    leaves = []
    for _ in range(n):
        kind = draw(st.sampled_from(sorted(KINDS)))
        mx = draw(st.sampled_from([1, 2, 4]))
        value = draw(st.sampled_from(VALUES[kind] + [None]))
        weight = draw(st.sampled_from([1, 2, 3, 5]))
        leaves.append((kind, mx, value, weight))
    target = draw(st.integers(1, 100))
    return leaves, target


def build(tmp, leaves):
    total = sum(mx for _k, mx, _v, _w in leaves)
    subs = "\n".join(
        f'          - {{id: "1.1.{i + 1}", title: L{i + 1}, max: {mx}, rule: '
        f'{KINDS[k].replace("MAX", str(mx)).replace("HALF", str(D(mx) / 2))}}}'
        for i, (k, mx, _v, _w) in enumerate(leaves))
    fw_text = textwrap.dedent(f"""\
        schema: parcli/framework/v1
        id: prop
        title: Prop
        version: "1"
        level: other
        provenance: {{status: custom, note: test}}
        total: {total}
        fields:
          - id: "1"
            title: F
            max: {total}
            criteria:
              - id: "1.1"
                title: C
                max: {total}
                subcriteria:
        """) + subs + "\n"
    (tmp / "prop.yaml").write_text(fw_text, encoding="utf-8")
    ev = "\n".join(f'  "1.1.{i + 1}": {v}' for i, (_k, _m, v, _w) in enumerate(leaves) if v is not None)
    (tmp / "u.yaml").write_text("schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: prop.yaml\nevidence:"
                                + ("\n" + ev if ev else " {}") + "\n", encoding="utf-8")
    unit, fw = Store().unit(tmp / "u.yaml")
    return fw, unit, score(fw, unit)


def brute(cands, need):
    """Every combination of levels (-1: unchanged) with its leaf count, gain, cost and largest possible gain."""
    for combo in itertools.product(*[range(-1, len(c.steps)) for c in cands]):
        gain = sum((Fraction(c.steps[lv].points - c.points) for c, lv in zip(cands, combo, strict=True) if lv >= 0),
                   Fraction(0))
        yield combo, gain


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=cases())
def test_plan_guarantees_against_brute_force(tmp_path_factory, case):
    leaves, target = case
    tmp = tmp_path_factory.mktemp("prop")
    fw, unit, result = build(tmp, leaves)
    target = D(target)
    cands, _lost = candidates(result)
    need = required_points(result, target) - Fraction(result.points)
    p = plan(fw, unit, result, target)
    combos = list(brute(cands, need))
    reaching = [(combo, g) for combo, g in combos if g >= need]
    if need <= 0:
        assert p.reached and not p.changes
        return
    assert p.reached == bool(reaching)
    if not reaching:
        assert p.best.points == result.points + sum((c.max_gain for c in cands), D(0))
        return
    fewest = min(sum(1 for lv in combo if lv >= 0) for combo, _g in reaching)
    assert len(p.changes) == fewest  # 1. the fewest leaves
    by_leaf = {c.leaf.id: c for c in cands}
    chosen_max = sum((by_leaf[ch.leaf.id].max_gain for ch in p.changes), D(0))
    best_max = max(sum((c.max_gain for c in subset), D(0)) for subset in itertools.combinations(cands, fewest))
    assert chosen_max == best_max  # 2. the largest possible gain among sets of that size
    assert p.after.index >= target
    gains = {ch.leaf.id: Fraction(ch.gain) for ch in p.changes}
    for ch in p.changes:  # 3. no change can be a smaller step of its leaf
        c = by_leaf[ch.leaf.id]
        others = sum((g for lid, g in gains.items() if lid != ch.leaf.id), Fraction(0))
        smaller = [s for s in c.steps if s.points < ch.points_after]
        assert all(others + Fraction(s.points - c.points) < need for s in smaller)

    # the weighted optimum with --effort: a step climbing j levels costs j x the leaf's weight
    effort = {f"1.1.{i + 1}": D(w) for i, (_k, _m, _v, w) in enumerate(leaves)}
    p = plan(fw, unit, result, target, effort=effort)
    cost = {c.leaf.id: Fraction(weight_of(c.leaf, effort)) for c in cands}
    best_cost = min(sum((cost[c.leaf.id] * (lv + 1) for c, lv in zip(cands, combo, strict=True) if lv >= 0),
                        Fraction(0))
                    for combo, _g in reaching)
    levels = {ch.leaf.id: next(i for i, s in enumerate(by_leaf[ch.leaf.id].steps) if s.points == ch.points_after)
              for ch in p.changes}
    plan_cost = sum((cost[lid] * (lv + 1) for lid, lv in levels.items()), Fraction(0))
    assert plan_cost == best_cost and p.after.index >= target


@st.composite
def knapsacks(draw):
    """Leaves as (weight, rising gains) in whole units, and a need that some plan reaches."""
    n = draw(st.integers(1, 5))
    weights = [draw(st.integers(1, 7)) for _ in range(n)]
    gains = []
    for _ in range(n):
        levels = sorted(set(draw(st.lists(st.integers(1, 30), min_size=1, max_size=4))))
        gains.append(levels)
    need = draw(st.integers(1, sum(gs[-1] for gs in gains)))
    return weights, gains, need


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(case=knapsacks())
def test_both_exact_solvers_against_brute_force(case):
    """The two dynamic programmes of --effort (over gains and over weights) find the least total
    weight that reaches the need, as trying every combination does; over gains, also the fewest leaves."""
    weights, gains, need = case
    best = None
    for combo in itertools.product(*[range(-1, len(gs)) for gs in gains]):
        gain = sum(gs[lv] for gs, lv in zip(gains, combo, strict=True) if lv >= 0)
        if gain >= need:
            cost = sum(w * (lv + 1) for w, lv in zip(weights, combo, strict=True) if lv >= 0)
            key = (cost, sum(1 for lv in combo if lv >= 0))
            best = key if best is None or key < best else best
    limit = greedy_weight(weights, gains, need)
    assert limit >= best[0]
    for picked in (by_gain(weights, gains, need), by_weight(weights, gains, need, limit)):
        assert len({i for i, _lv in picked}) == len(picked)
        assert sum(gains[i][lv] for i, lv in picked) >= need
        assert sum(weights[i] * (lv + 1) for i, lv in picked) == best[0]
    assert len(by_gain(weights, gains, need)) == best[1]


def test_effort_refuses_weights_too_fine_to_plan_exactly(cli, small, write):
    """Points with 12 decimals and weights 18 orders of magnitude apart: no exact plan within bounds,
    said at once instead of minutes of work."""
    _fw, _unit, _result, path = small
    unit = write("fine.yaml", SMALL_UNIT.replace('"1.1.4": {percent: 40}', '"1.1.4": {percent: 33.333333}')
                 .replace('"1.1.3": {done: 20, of: 30}', '"1.1.3": {percent: 12.345678}'))
    effort = write("effort.yaml", "default: 0.000001\nyes_no: 999999999999\nchoice: 3.000007\n")
    run = cli("plan", unit, "--target-index", "90", "--effort", effort)
    assert run.exit_code == 1
    assert "--effort: too many sums to find the cheapest plan exactly" in run.stderr
    ok = cli("plan", unit, "--target-index", "90", "--effort", write("coarse.yaml", "default: 1\nyes_no: 2\n"))
    assert ok.exit_code == 0, ok.all
