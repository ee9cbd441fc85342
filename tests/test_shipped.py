"""The shipped frameworks and examples."""

from __future__ import annotations

from decimal import Decimal
from decimal import Decimal as D

import pytest

from parcli.inputs.yaml import HAVE_C
from parcli.store import Store, criteria_dir, shipped
from tests.conftest import CRITERIA, EXAMPLES

FRAMEWORKS = sorted(CRITERIA.glob("*.yaml"))
EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.yaml"))


def test_c_parser_is_used_when_pyyaml_has_it():
    import yaml

    assert HAVE_C == yaml.__with_libyaml__


def test_shipped_frameworks_are_found():
    assert "province-2020" in shipped()
    assert criteria_dir().is_dir()


@pytest.mark.parametrize("path", FRAMEWORKS, ids=lambda p: p.name)
def test_framework_is_valid_and_named_by_its_id(path):
    fw = Store().framework_file(path)
    assert fw.id == path.stem
    assert sum((f.max for f in fw.fields), Decimal(0)) == fw.header.total
    assert fw.status in ("official", "reconstructed", "custom")
    assert fw.header.provenance.note.strip()


@pytest.mark.parametrize("path", FRAMEWORKS, ids=lambda p: p.name)
def test_every_option_has_a_title_in_both_languages(path):
    fw = Store().framework_file(path)
    choices = [leaf for leaf in fw.leaves if leaf.rule.form_cell() == "option"]
    assert choices, "every shipped framework has choice leaves"
    for leaf in choices:
        for key, option in leaf.rule.options.items():
            assert option.title and option.title_en, f"{path.name} {leaf.id}: option {key} has no title in vi and en"


def test_province_2020_structure():
    fw = Store().framework("province-2020")
    assert fw.counts() == (8, 43, 102)
    assert fw.header.total == 100
    assert fw.status == "reconstructed"
    assert [f.title for f in fw.fields] == [
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại tỉnh",
        "Cải cách thủ tục hành chính",
        "Cải cách tổ chức bộ máy hành chính nhà nước",
        "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
        "Cải cách tài chính công",
        "Hiện đại hóa hành chính",
        "Tác động của cải cách hành chính đến người dân, tổ chức và các chỉ tiêu phát triển kinh tế – xã hội của tỉnh",
    ]
    sipas = [n for n in fw.nodes.values() if "SIPAS" in n.title]
    assert len(sipas) == 1 and sipas[0].max == 10
    assert all(leaf.source == "survey" for leaf in fw.leaves_under(sipas[0].id))
    by_source = fw.points_by_source()
    assert set(by_source) == {"assessment", "survey", "impact"}
    assert sum(by_source.values()) == 100
    assert [(c.label, c.min) for c in fw.header.classes] == [("A", 90), ("B", 80), ("C", 70), ("D", 0)]
    kinds = {leaf.rule.kind for leaf in fw.leaves}
    assert kinds == {"yes_no", "choice", "bands", "linear", "scale", "per_item", "deduction", "manual"}
    assert all(leaf.documents for leaf in fw.leaves if leaf.source != "survey")


def test_province_2017_follows_the_published_figures():
    """docs/sources.md: QĐ 2948/QĐ-BNV, 8 / 38 / 81, 100 points, field maxima 10, 10, 14.5, 11, 16, 7, 16, 15.5,
    the eight field names of the 2017–2021 component rankings; every bands rule names its measure."""
    fw = Store().framework("province-2017")
    assert fw.counts() == (8, 38, 81) and fw.header.total == 100
    assert [f.max for f in fw.fields] == [D(x) for x in ("10", "10", "14.5", "11", "16", "7", "16", "15.5")]
    assert [f.title for f in fw.fields] == [f.title for f in Store().framework("province-2020").fields]
    assert fw.status == "reconstructed" and "docs/sources.md" in fw.header.provenance.note
    assert [(c.label, c.min) for c in fw.header.classes] == [("A", 80), ("B", 75), ("C", 70), ("D", 0)]
    assert all(leaf.rule.measure in ("percent", "count", "value") for leaf in fw.leaves if leaf.rule.kind == "bands")
    examples = [p for p in EXAMPLE_FILES if "framework: province-2017" in p.read_text(encoding="utf-8")]
    assert {p.name for p in examples} == {"bac-kan-2017.yaml", "bac-kan-2018.yaml"}


def test_province_2022_follows_the_published_figures():
    """docs/sources.md: 8 / 37 / 88; fields 1, 3, 4, 5, 8 = 9.5, 13, 10.5, 15, 16.5 (PAR 2024);
    fields 2 + 6 + 7 = 35.5; the four parts 61.5 appraised, 10 SIPAS, 22 survey, 6.5 impact."""
    fw = Store().framework("province-2022")
    assert fw.counts() == (8, 37, 88)
    maxima = {f.id: f.max for f in fw.fields}
    assert [maxima[i] for i in "13458"] == [Decimal("9.5"), 13, Decimal("10.5"), 15, Decimal("16.5")]
    assert maxima["2"] + maxima["6"] + maxima["7"] == Decimal("35.5")
    by_source = fw.points_by_source()
    assert by_source == {"assessment": Decimal("61.5"), "survey": 32, "impact": Decimal("6.5")}
    sipas = [n for n in fw.nodes.values() if "SIPAS" in n.title]
    assert len(sipas) == 1 and sipas[0].max == 10 and by_source["survey"] - sipas[0].max == 22
    note = fw.header.provenance.note
    assert "docs/sources.md" in note and "par-facts" not in note
    assert all(leaf.rule.measure == "percent" for leaf in fw.leaves if leaf.rule.kind == "bands")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_are_valid(cli, path):
    run = cli("validate", path)
    assert run.exit_code == 0, run.all


def test_at_least_four_province_examples():
    provincial = [p for p in EXAMPLE_FILES if "framework: province-20" in p.read_text(encoding="utf-8")]
    with_published_values = [p for p in provincial if "# published:" in p.read_text(encoding="utf-8")]
    assert len(with_published_values) >= 4
    assert any("framework: province-2022" in p.read_text(encoding="utf-8") for p in with_published_values)
    for p in provincial:  # every example says which of its values are published and which invented
        assert "invented" in p.read_text(encoding="utf-8")


def test_province_2022_structure():
    fw = Store().framework("province-2022")
    assert fw.counts() == (8, 37, 88)
    assert fw.header.total == 100 and fw.status == "reconstructed"
    assert fw.points_by_source()["survey"] == 32
    maxima = {f.id: f.max for f in fw.fields}
    assert (maxima["3"], maxima["4"], maxima["5"], maxima["8"]) == (13, Decimal("10.5"), 15, Decimal("16.5"))
    assert maxima["1"] + maxima["2"] + maxima["6"] + maxima["7"] == 45
    assert [f.title for f in fw.fields] == [
        "Công tác chỉ đạo, điều hành cải cách hành chính", "Cải cách thể chế", "Cải cách thủ tục hành chính",
        "Cải cách tổ chức bộ máy hành chính nhà nước", "Cải cách chế độ công vụ", "Cải cách tài chính công",
        "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
        "Tác động của cải cách hành chính đến phát triển kinh tế – xã hội của tỉnh"]
    assert "QĐ 876" in fw.header.provenance.note
