"""Rules and the engine, on real files written to disk and loaded the normal way."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcli.engine import round_index, score
from parcli.errors import InputError
from parcli.rules.bands import BandsRule
from parcli.store import Store
from tests.rules.helpers import rule

D = Decimal


def run(unit_path):
    unit, fw = Store().unit(unit_path)
    return score(fw, unit)


def leaf(result, leaf_id):
    return next(x for x in result.leaves if x.id == leaf_id)


@pytest.mark.parametrize("value, points", [
    ("true", "1"), ("false", "0"), ("{value: true}", "1"),
])
def test_yes_no(unit_file, value, points):
    assert leaf(run(unit_file(f'"1.1.1": {value}')), "1.1.1").points == D(points)


@pytest.mark.parametrize("value, points", [
    ("{percent: 90.01}", "2"), ("{percent: 90}", "1"),  # gt: the threshold itself is not above
    ("{percent: 70}", "1"), ("{percent: 69.99}", "0"),  # gte: the threshold itself holds
    ("{percent: 100}", "2"), ("{percent: 0}", "0"),
    ("{done: 9, of: 10}", "1"), ("{done: 91, of: 100}", "2"), ("{done: 7, of: 10}", "1"),
])
def test_bands_boundaries(unit_file, value, points):
    assert leaf(run(unit_file(f'"1.1.2": {value}')), "1.1.2").points == D(points)


@pytest.mark.parametrize("value, points", [("a", "1"), ("b", "0.5"), ("c", "0"), ("{value: b, claimed: 1}", "0.5")])
def test_choice(unit_file, value, points):
    assert leaf(run(unit_file(f'"1.1.3": {value}')), "1.1.3").points == D(points)


@pytest.mark.parametrize("value, points", [
    ("{percent: 40}", "1"), ("{percent: 80}", "2"), ("{percent: 100}", "2"),  # capped at full_at
    ("{done: 1, of: 3}", "0.833333333333"),  # 2 × 33.33…/80, rounded half-up at 12 places
    ("{percent: 0}", "0"),
])
def test_linear(unit_file, value, points):
    assert leaf(run(unit_file(f'"1.2": {value}')), "1.2").points == D(points)


def test_scale_per_item_deduction_manual(unit_file):
    r = run(unit_file('''
        "2.1.1": {value: 3.74}
        "2.1.2": {count: 3}
        "2.1.3": {count: 1}
        "2.1.4": {points: 0.75}
    '''))
    assert leaf(r, "2.1.1").points == D("0.748")
    assert leaf(r, "2.1.2").points == D("0.75")
    assert leaf(r, "2.1.3").points == D("0.5")
    assert leaf(r, "2.1.4").points == D("0.75")
    assert leaf(r, "2.1.4").status == "scored"


def test_caps_and_floors(unit_file):
    r = run(unit_file('''
        "2.1.1": {value: 5}
        "2.1.2": {count: 100}
        "2.1.3": {count: 100}
    '''))
    assert leaf(r, "2.1.1").points == D(1)
    assert leaf(r, "2.1.2").points == D(1)
    assert leaf(r, "2.1.3").points == D(0)


def test_missing_scores_zero_and_is_reported(unit_file):
    r = run(unit_file('"1.1.1": true\n"1.1.2":'))
    assert leaf(r, "1.1.2").status == "missing"
    assert leaf(r, "1.1.2").points == 0
    assert "1.1.2" in r.missing and "2.1.4" in r.missing
    assert r.warnings[0].code == "missing"
    assert r.max == D(10)


def test_nodes_whose_leaves_are_all_missing_are_missing(unit_file):
    r = run(unit_file('"1.1.1": true\n"1.2": {na: true}'))
    status = {n.id: n.status for n in r.fields + r.criteria}
    # 1.1 has one leaf with evidence; 1.2 is na; field 2 and criterion 2.1 have no evidence at all
    assert status == {"1": "scored", "1.1": "scored", "1.2": "na", "2": "missing", "2.1": "missing"}
    blank = run(unit_file(""))
    assert {n.status for n in blank.fields + blank.criteria} == {"missing"}
    mixed = run(unit_file('"2": {na: true}'))
    assert [f.status for f in mixed.fields] == ["missing", "na"]


def test_na_reduces_applicable_max_at_every_level(unit_file):
    r = run(unit_file('''
        "1.1.1": true
        "1.2": {na: true, note: không áp dụng}
        "2": {na: true}
    '''))
    assert r.max == D(4)
    assert r.points == D(1)
    assert r.index == D("25.00")
    field2 = next(f for f in r.fields if f.id == "2")
    assert field2.status == "na" and field2.index is None
    assert leaf(r, "2.1.1").status == "na" and leaf(r, "2.1.1").points is None
    assert leaf(r, "1.2").status == "na"


def test_all_na_unit_has_no_index(unit_file):
    r = run(unit_file('"1": {na: true}\n"2": {na: true}'))
    assert r.max == 0 and r.index is None and r.klass is None


def test_override_and_claims(unit_file):
    r = run(unit_file('''
        "1.1.2": {percent: 75, points: 2, note: "Hội đồng thẩm định nâng điểm"}
        "1.1.1": {value: false, claimed: 1}
        "1.1.3": {value: a, claimed: 1}
    '''))
    lr = leaf(r, "1.1.2")
    assert lr.status == "override" and lr.points == D(2) and lr.computed == D(1)
    codes = [w.code for w in r.warnings]
    assert "override" in codes
    claims = [w for w in r.warnings if w.code == "claim"]
    assert [w.leaf for w in claims] == ["1.1.1"]


def test_sums_are_exact(unit_file):
    # 0.1-style sums that float would get wrong
    r = run(unit_file('''
        "2.1.1": {value: 0.5}
        "2.1.2": {count: 1}
        "2.1.4": {points: 0.2}
    '''))
    assert leaf(r, "2.1.1").points == D("0.1")
    assert r.points == D("0.55")
    assert isinstance(r.points, Decimal)
    assert all(isinstance(x.points, Decimal) for x in r.leaves if x.points is not None)


def test_index_rounds_half_up_and_class_reads_the_rounded_index():
    assert round_index(D("89.995"), 2) == D("90.00")
    assert round_index(D("86.665"), 2) == D("86.67")
    assert round_index(D("97.6845"), 3) == D("97.685")


def test_class_boundary_on_rounded_index(unit_file, write, mini):
    # 7.9995 / 10 → 79.995 % → displayed 80.00 → class Tốt (min 80)
    r = run(unit_file('''
        "1.1.1": true
        "1.1.2": {percent: 95}
        "1.1.3": a
        "1.2": {percent: 80}
        "2.1.1": {value: 4.9975}
        "2.1.2": {count: 4}
        "2.1.3": {count: 2}
        "2.1.4": {points: 0}
    '''))
    assert r.points == D("7.9995")
    assert r.index == D("80.00")
    assert r.klass == "Tốt"


# --- properties --------------------------------------------------------------

percent = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False)
counts = st.integers(min_value=0, max_value=10**6)


@settings(max_examples=60, deadline=None)
@given(p=percent, p2=percent, c1=counts, c2=counts,
       v=st.decimals(min_value=0, max_value=5, places=2), of=st.integers(1, 1000), data=st.data())
def test_points_within_bounds_and_index_within_0_100(tmp_path_factory, p, p2, c1, c2, v, of, data):
    from tests.conftest import MINI_FRAMEWORK

    folder = tmp_path_factory.mktemp("prop")
    (folder / "mini.yaml").write_text(MINI_FRAMEWORK, encoding="utf-8")
    done = data.draw(st.integers(0, of))
    na = data.draw(st.sampled_from(["", '"1.2": {na: true}', '"2.1": {na: true}']))
    evidence = [
        f'"1.1.1": {data.draw(st.sampled_from(["true", "false"]))}',
        f'"1.1.2": {{percent: {p}}}',
        f'"1.1.3": {data.draw(st.sampled_from(["a", "b", "c"]))}',
        f'"2.1.2": {{count: {c1}}}',
        f'"2.1.3": {{count: {c2}}}',
    ]
    if "1.2" not in na:
        evidence.append(f'"1.2": {{done: {done}, of: {of}}}')
    if "2.1" not in na:
        evidence += [f'"2.1.1": {{value: {v}}}', f'"2.1.4": {{points: {p2 / 100}}}']
    else:
        evidence = [e for e in evidence if not e.startswith('"2.1')]
    if na:
        evidence.append(na)
    text = ("schema: parcli/unit/v1\nunit: P\nyear: 2021\nframework: mini.yaml\nevidence:\n"
            + "".join(f"  {e}\n" for e in evidence))
    (folder / "u.yaml").write_text(text, encoding="utf-8")
    r = run(folder / "u.yaml")
    for x in r.leaves:
        if x.points is not None:
            assert 0 <= x.points <= x.max
    assert 0 <= r.points <= r.max
    assert r.index is not None and 0 <= r.index <= 100
    assert r.points == sum((f.points for f in r.fields), D(0))


def test_invalid_unit_raises_with_every_problem(unit_file):
    path = unit_file('''
        "1.1.9": true
        "1.1.2": {percent: 120}
        "1.1.3": d
    ''')
    with pytest.raises(InputError) as info:
        Store().unit(path)
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 3
    assert any(":7:3: unknown id '1.1.9'" in m and "'1.1.1'" in m for m in messages)
    assert any(":8:22:" in m and "percent: 120 is above 100" in m for m in messages)
    assert any(":9:12:" in m and "not an option" in m for m in messages)


def test_ratios_meet_band_thresholds_exactly():
    r = rule("{kind: bands, measure: percent, bands: [{gte: 50, points: 1}, {points: 0}]}")
    assert isinstance(r, BandsRule)
    assert r.select_ratio(D("0.999999"), D(2)).points == 0  # just below a half, however it divides
    assert r.select_ratio(D(1), D(2)).points == 1
    assert r.select_ratio(D(1), D(3)).points == 0


def test_linear_thirds_are_exact_at_twelve_places(cli, write, mini):
    from parcli.engine import score
    from parcli.store import Store

    fw = write("lin.yaml", """
        schema: parcli/framework/v1
        id: lin
        title: Lin
        version: "1"
        level: other
        provenance: {status: custom, note: t}
        total: 3
        fields:
          - {id: "1", title: F, max: 3, criteria: [{id: "1.1", title: C, max: 3, rule: {kind: linear}}]}
        """)
    unit = write("u3.yaml", 'schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: lin.yaml\n'
                            'evidence: {"1.1": {done: 1, of: 3}}\n')
    del fw
    checked, framework = Store().unit(unit)
    assert score(framework, checked).points == 1  # 3 x 1/3, not 0.9999999999999999999999999999


def test_minus_zero_never_shows(cli, write):
    unit = write("z.yaml", 'schema: parcli/unit/v1\nunit: Z\nyear: 2021\nframework: province-2020\n'
                           'evidence:\n  "3.2.1": {percent: -0.0}\n')
    for fmt in ("table", "json", "csv"):
        out = cli("score", unit, "-f", fmt, "--lang", "en").stdout
        assert "-0 " not in out and "-0," not in out and "-0\n" not in out and '"-0' not in out
