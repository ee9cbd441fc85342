"""choice: the points of the chosen option."""

from __future__ import annotations

from decimal import Decimal as D

from .helpers import points, problems, reason, rule

R = rule("{kind: choice, options: {kip_thoi: 1, khong_kip_thoi: 0.5, khong: 0}}")


def test_points_and_reason():
    assert points(R, "kip_thoi") == 1
    assert points(R, "khong_kip_thoi") == D("0.5")
    assert points(R, "{value: khong, note: x}") == 0
    assert reason(R, "khong_kip_thoi") == "khong_kip_thoi"


def test_wrong_evidence():
    assert problems(R, "som") == ["'som' is not an option of this leaf; choose one of kip_thoi, khong_kip_thoi, khong"]
    assert "true/false does not fit a choice rule" in problems(R, "true")[0]
    assert "value: 'x' is not an option" in problems(R, "{value: x}")[0]
    assert "a choice rule does not take {count: }" in problems(R, "{count: 1}")[0]


def test_checks_and_words():
    bad = rule("{kind: choice, options: {a: 2, b: -1}}")
    assert [m for _p, m in bad.check(D(1))] == ["option 'a' gives 2 points, outside [0, 1] (the leaf's max)",
                                                 "option 'b' gives -1 points, outside [0, 1] (the leaf's max)"]
    assert R.describe(D(1), "en") == "One of: kip_thoi = 1, khong_kip_thoi = 0.5, khong = 0"
    assert R.form_hint() == "kip_thoi | khong_kip_thoi | khong"
