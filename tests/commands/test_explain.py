"""parcli explain: a leaf, a field and a survey leaf in both languages; an unknown id."""

from __future__ import annotations


def test_explain_leaf_in_both_languages(cli):
    run = cli("explain", "province-2020", "3.2.1", "--lang", "vi")
    assert run.exit_code == 0
    out = run.stdout
    assert "Lĩnh vực 3. Cải cách thủ tục hành chính" in out
    assert "Tiêu chí 3.2." in out and "Tiêu chí thành phần 3.2.1." in out
    assert "trên 98: 1.5; từ 95 trở lên: 1; từ 90 trở lên: 0.5; còn lại: 0" in out
    assert "Tài liệu kiểm chứng" in out and "TÁI DỰNG" in out
    run = cli("explain", "province-2020", "3.2.1", "--lang", "en")
    assert "Field 3. Administrative procedure reform" in run.stdout
    assert "above 98: 1.5; 95 or more: 1; 90 or more: 0.5; otherwise: 0" in run.stdout
    assert "assessment" in run.stdout


def test_explain_field_and_survey_leaf(cli):
    run = cli("explain", "province-2020", "8", "--lang", "en")
    assert run.exit_code == 0
    assert "8.5 Citizens' and organisations' satisfaction" in run.stdout and "(10)" in run.stdout
    run = cli("explain", "province-2020", "8.5.1", "--lang", "en")
    assert "survey" in run.stdout


def test_explain_unknown_id(cli):
    run = cli("explain", "province-2020", "3.2.9")
    assert run.exit_code == 1
    assert "no node with id '3.2.9'; nearest: 3.2.4" in run.stderr
    assert cli("explain", "province-1999", "1").exit_code == 1
