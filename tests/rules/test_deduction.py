"""deduction: the max less each per violation, not below 0."""

from __future__ import annotations

from decimal import Decimal as D

from .helpers import points, problems, reason, rule

R = rule("{kind: deduction, each: 0.5}")


def test_points_and_reason():
    assert points(R, "{count: 0}") == 1
    assert points(R, "{count: 1}") == D("0.5")
    assert points(R, "{count: 5}") == 0  # not below 0
    assert reason(R, "{count: 1}") == "1 − 1 × 0.5"


def test_wrong_evidence_and_checks():
    assert problems(R, "{value: 1}") == ["this leaf is a count: give {count: }, not {value: }"]
    assert problems(R, "{count: -2}") == ["count: -2 is below 0"]
    assert [m for _p, m in rule("{kind: deduction, each: -1}").check(D(1))] == ["each must be above 0, got -1"]
    assert R.describe(D(1), "en") == "1 minus 0.5 per violation, not below 0"
