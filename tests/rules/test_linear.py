"""linear: max × min(1, percent / full_at), exact."""

from __future__ import annotations

from decimal import Decimal as D

from .helpers import points, problems, reason, rule

R = rule("{kind: linear, full_at: 80}")


def test_points():
    assert points(R, "{percent: 40}", "2") == 1
    assert points(R, "{percent: 80}", "2") == 2
    assert points(R, "{percent: 100}", "2") == 2  # capped at full_at
    assert points(R, "{percent: 0}", "2") == 0
    assert points(R, "{done: 1, of: 4}", "2") == D("0.625")
    assert points(rule("{kind: linear}"), "{percent: 50}", "3") == D("1.5")  # full_at defaults to 100


def test_reason_and_words():
    assert reason(R, "{done: 1, of: 4}", "2") == "1/4 = 25.00% of 80%"
    assert R.describe(D(2), "vi") == "2 × tỷ lệ / 80% (tối đa 2)"
    assert R.measure == "percent" and R.unit("en") == "%"


def test_wrong_evidence_and_checks():
    assert problems(R, "{count: 3}") == ["this leaf is a rate: give {percent: } or {done: , of: }, not {count: }"]
    assert problems(R, "{percent: 120}") == ["percent: 120 is above 100"]
    assert [m for _p, m in rule("{kind: linear, full_at: 0}").check(D(1))] == \
        ["full_at is a percent in (0, 100], got 0"]


def test_a_decimal_comma_gets_its_own_hint():
    assert problems(R, "{percent: 97,3}") == ["percent: '97,3' has a decimal comma; write 97.3 "
                                              "(numbers take a decimal point)"]
    assert problems(R, '{percent: "97,3"}') == ["percent: '97,3' has a decimal comma; write 97.3 "
                                                "(numbers take a decimal point)"]
