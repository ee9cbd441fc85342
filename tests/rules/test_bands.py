"""bands: the first band that holds; the rule names its measure; points and reason from one selection."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from .helpers import points, problems, reason, rule

RATE = rule("{kind: bands, measure: percent, bands: [{gt: 90, points: 2}, {gte: 70, points: 1}, {points: 0}]}")
COUNT = rule("{kind: bands, measure: count, bands: [{gte: 5, points: 1}, {gte: 2, points: 0.5}]}")
VALUE = rule("{kind: bands, measure: value, bands: [{gte: 4.5, points: 1}, {gt: 3, points: 0.5}, {points: 0}]}")


@pytest.mark.parametrize("raw, expected", [
    ("{percent: 90.01}", "2"), ("{percent: 90}", "1"),  # gt: the threshold itself is not above
    ("{percent: 70}", "1"), ("{percent: 69.99}", "0"),  # gte: the threshold itself holds
    ("{percent: 100}", "2"), ("{percent: 0}", "0"),
    ("{done: 9, of: 10}", "1"), ("{done: 91, of: 100}", "2"), ("{done: 7, of: 10}", "1"),
])
def test_rate_bands(raw, expected):
    assert points(RATE, raw, "2") == D(expected)


def test_count_and_value_bands():
    assert points(COUNT, "{count: 5}") == 1
    assert points(COUNT, "{count: 4}") == D("0.5")
    assert points(COUNT, "{count: 1}") == 0  # no catch-all band: below every band is 0
    assert points(VALUE, "{value: 4.5}") == 1
    assert points(VALUE, "{value: 3}") == 0
    assert points(VALUE, "{value: 3.01}") == D("0.5")


def test_reason_comes_from_the_band_that_gave_the_points():
    assert reason(RATE, "{done: 60, of: 78}", "2") == "60/78 = 76.92% ≥ 70"
    assert reason(RATE, "{percent: 95}", "2") == "95% > 90"
    assert reason(RATE, "{percent: 10}", "2") == "10%: other"
    assert reason(COUNT, "{count: 1}") == "1: below every band"
    # for every value, the band named in the reason is the band whose points were given
    for x in range(0, 101):
        text = reason(RATE, f"{{percent: {x}}}", "2")
        got = points(RATE, f"{{percent: {x}}}", "2")
        assert ("> 90" in text) == (got == 2) and ("≥ 70" in text) == (got == 1)


@pytest.mark.parametrize("r, raw, fragment", [
    (RATE, "{count: 12}", "this leaf is a rate: give {percent: } or {done: , of: }, not {count: }"),
    (RATE, "{value: 97.3}", "this leaf is a rate: give {percent: } or {done: , of: }, not {value: }"),
    (COUNT, "{percent: 50}", "this leaf is a count: give {count: }, not {percent: }"),
    (COUNT, "{done: 1, of: 2}", "this leaf is a count: give {count: }, not {done: , of: }"),
    (VALUE, "{count: 3}", "this leaf is a value: give {value: }, not {count: }"),
    (RATE, "true", "true/false does not fit a bands rule"),
    (COUNT, "{count: 1.5}", "a count is a whole number"),
])
def test_evidence_of_another_measure_is_refused(r, raw, fragment):
    assert any(fragment in m for m in problems(r, raw, "2"))


def test_framework_checks():
    def found(text, leaf_max="1"):
        return [m for _p, m in rule(text).check(D(leaf_max))]

    assert found("{kind: bands, measure: percent, bands: [{gte: 90, points: 2.5}, {points: 0}]}", "1.5") == \
        ["band points 2.5 are above the leaf's max 1.5"]
    assert found("{kind: bands, measure: percent, bands: [{gte: 50, points: 1}, {gte: 90, points: 0.5}]}") == \
        ["bands go from the highest threshold to the lowest"]
    assert found("{kind: bands, measure: percent, bands: [{points: 0}, {gte: 90, points: 1}]}") == \
        ["a band without gt/gte catches the rest, so it must be the last"]
    assert found("{kind: bands, measure: count, bands: [{gt: 5, gte: 5, points: 1}]}") == \
        ["a band takes gt or gte, not both"]


def test_measure_is_required_and_shown():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        rule("{kind: bands, bands: [{points: 0}]}")
    assert RATE.unit("vi") == "%" and COUNT.unit("vi") == "số lượng" and VALUE.unit("en") == "value"
    assert RATE.form_hint() == "{percent: } | {done: , of: }"
    assert COUNT.form_hint() == "{count: }"
    assert RATE.describe(D(2), "vi") == "trên 90: 2; từ 70 trở lên: 1; còn lại: 0"
    assert RATE.describe(D(2), "en") == "above 90: 2; 70 or more: 1; otherwise: 0"
