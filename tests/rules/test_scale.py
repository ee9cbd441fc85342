"""scale: max × value / of, a survey average."""

from __future__ import annotations

from decimal import Decimal as D

from .helpers import points, problems, reason, rule

R = rule("{kind: scale, of: 5}")


def test_points_and_reason():
    assert points(R, "{value: 3.74}", "0.75") == D("0.561")
    assert points(R, "{value: 5}", "0.75") == D("0.75")
    assert points(R, "{value: 0}") == 0
    assert reason(R, "{value: 3.74}") == "3.74 / 5"


def test_wrong_evidence():
    assert problems(R, "{value: 7}") == ["value: 7 is above 5"]
    assert problems(R, "{value: -1}") == ["value: -1 is below 0"]
    assert problems(R, "{percent: 70}") == ["this leaf is a value: give {value: }, not {percent: }"]


def test_checks_and_words():
    assert [m for _p, m in rule("{kind: scale, of: 0}").check(D(1))] == ["of must be above 0, got 0"]
    assert R.unit("vi") == "điểm/5" and R.unit("en") == "points/5"
    assert R.describe(D("0.75"), "en") == "0.75 × survey score / 5"
