"""yes_no: max or 0, from true/false."""

from __future__ import annotations

from decimal import Decimal as D

from .helpers import points, problems, reason, rule

R = rule("{kind: yes_no}")


def test_points_and_reason():
    assert points(R, "true", "1.5") == D("1.5")
    assert points(R, "false", "1.5") == 0
    assert points(R, "{value: true, claimed: 1}") == 1  # the mapping form, so a claim can go with it
    assert reason(R, "true") == "true" and reason(R, "false") == "false"


def test_wrong_evidence():
    assert problems(R, "yes") == ["'yes' is not a boolean in YAML 1.2; write true or false"]
    assert "does not fit a yes_no rule" in problems(R, "maybe")[0]
    assert "a yes_no rule does not take {percent: }" in problems(R, "{percent: 50}")[0]
    assert "a bare number does not say what it counts" in problems(R, "1")[0]


def test_words():
    assert R.measure is None and R.unit("vi") == ""
    assert R.describe(D(2), "vi") == "Có: 2 điểm; không: 0"
    assert R.describe(D(2), "en") == "Yes: 2 points; no: 0"
    assert R.form_hint() == "true | false"
