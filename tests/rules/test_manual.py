"""manual: the appraisers' points."""

from __future__ import annotations

from decimal import Decimal as D

from parcli.rules import parse_evidence

from .helpers import problems, rule, value

R = rule("{kind: manual}")


def test_points_come_from_the_appraisers():
    ev, found = parse_evidence(R, D(1), value("{points: 0.75, note: hội đồng}"))
    assert not found and ev.form is None and ev.points == D("0.75") and ev.note == "hội đồng"
    assert R.reason(D(1), ev) == "appraiser's points"


def test_wrong_evidence():
    assert problems(R, "{points: 2}") == ["points: 2 is above 1"]
    assert problems(R, "{count: 2}") == ["a manual rule does not take {count: }; give {points: } or {na: true}"]
    assert problems(R, "true") == ["true/false does not fit a manual rule; give {points: } or {na: true}"]


def test_words():
    assert R.measure is None and R.form_hint() == "{points: }"
    assert R.describe(D(1), "vi") == "Hội đồng thẩm định chấm trực tiếp (0 đến 1)"


def test_a_value_is_the_points_of_the_value_column_and_the_appraised_points_win():
    ev, found = parse_evidence(R, D(1), value("{value: 0.5}"))
    assert not found and ev.form == "value" and R.scorer(D(1))(ev) == D("0.5") and R.reason(D(1), ev) == "value 0.5"
    ev, found = parse_evidence(R, D(1), value("{value: 0.5, points: 0.75}"))
    assert not found and R.scorer(D(1))(ev) == D("0.5") and ev.points == D("0.75")
    assert problems(R, "{value: 1.5}") == ["value: 1.5 is above 1"]
    assert R.form_cell() == "points"
