"""choice: the points of the chosen option."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

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
    assert R.describe(D(1), "en") == "One of: kip_thoi: 1; khong_kip_thoi: 0.5; khong: 0"
    assert R.form_hint() == "kip_thoi | khong_kip_thoi | khong"


T = rule("{kind: choice, options: {kip_thoi: {points: 1, title: Kịp thời, title_en: On time}, "
         "khong_kip_thoi: {points: 0.5, title: 'Không kịp thời, còn chậm'}, khong: 0}}")


def test_options_with_titles():
    assert points(T, "kip_thoi") == 1 and points(T, "{value: khong_kip_thoi}") == D("0.5")
    assert reason(T, "kip_thoi") == "On time (kip_thoi)" and reason(T, "khong") == "khong"
    assert T.describe(D(1), "vi") == "Chọn một: Kịp thời: 1; Không kịp thời, còn chậm: 0.5; khong: 0"
    assert T.describe(D(1), "en") == "One of: On time: 1; Không kịp thời, còn chậm: 0.5; khong: 0"  # no English title
    assert T.form_hint("en") == "kip_thoi (On time) | khong_kip_thoi (Không kịp thời, còn chậm) | khong"
    assert T.titles("vi") == ["Kịp thời", "Không kịp thời, còn chậm", "khong"]
    # a form's cell names an option by its key or its title in either language, case and spacing aside
    assert T.find("kip_thoi") == T.find("Kịp thời") == T.find(" on  TIME ") == "kip_thoi"
    assert T.find("không kịp thời, còn chậm") == "khong_kip_thoi" and T.find("Kịp") is None
    assert problems(T, "som") == ["'som' is not an option of this leaf; choose one of kip_thoi (On time), "
                                  "khong_kip_thoi (Không kịp thời, còn chậm), khong"]


def test_option_shape_and_words_are_checked():
    with pytest.raises(Exception, match="titel"):
        rule("{kind: choice, options: {a: {points: 1, titel: A}}}")
    with pytest.raises(Exception, match="points"):
        rule("{kind: choice, options: {a: {title: A}}}")
    same = rule("{kind: choice, options: {a: {points: 1, title: Đạt}, b: {points: 0, title_en: đạt}}}")
    assert [m for _p, m in same.check(D(1))] == [
        "option 'b' has the same key or title as option 'a' ('đạt'); every option needs its own words"]
