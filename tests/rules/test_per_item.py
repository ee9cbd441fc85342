"""per_item: each point per item, up to the max."""

from __future__ import annotations

from decimal import Decimal as D

from .helpers import points, problems, reason, rule

R = rule("{kind: per_item, each: 0.25}")


def test_points_and_reason():
    assert points(R, "{count: 3}") == D("0.75")
    assert points(R, "{count: 4}") == 1
    assert points(R, "{count: 9}") == 1  # capped at the max
    assert points(R, "{count: 0}") == 0
    assert reason(R, "{count: 3}") == "3 × 0.25"


def test_wrong_evidence_and_checks():
    assert problems(R, "{count: 1.5}") == ["count: a count is a whole number, got 1.5"]
    assert problems(R, "{count: -1}") == ["count: -1 is below 0"]
    assert problems(R, "{percent: 5}") == ["this leaf is a count: give {count: }, not {percent: }"]
    assert [m for _p, m in rule("{kind: per_item, each: 0}").check(D(1))] == ["each must be above 0, got 0"]
    assert R.unit("vi") == "số lượng"
    assert R.describe(D(1), "vi") == "0.25 điểm mỗi lần, tối đa 1"
