"""template, explain, frameworks, schema, the 2022–2030 framework, languages and numbers."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
import yaml

from parcli.report import display
from parcli.store import Store, shipped
from tests.conftest import CRITERIA, EXAMPLES, INVALID

SHIPPED = sorted(shipped())


@pytest.mark.parametrize("fw_id", SHIPPED)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_template_validates_as_it_is(cli, tmp_path, fw_id, lang):
    out = tmp_path / "blank.yaml"
    run = cli("template", fw_id, "-o", out, "--lang", lang)
    assert run.exit_code == 0, run.all
    text = out.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file://") and first.endswith("unit.schema.json")
    schema_path = first.split("file://", 1)[1]
    assert json.loads(open(schema_path, encoding="utf-8").read())["title"].startswith("parcli unit file")
    fw = Store().framework(fw_id)
    for leaf in fw.leaves:
        assert re.search(rf'^  "{re.escape(leaf.id)}":', text, re.M), leaf.id
        assert leaf.label(lang) in text
    for field in fw.fields:
        assert f"{field.id}. {field.label(lang)}" in text
    run = cli("validate", out)
    assert run.exit_code == 0, run.all
    assert f"warning: {len(fw.leaves)} leaves have no evidence" in run.stdout
    assert (("TÁI DỰNG" if lang == "vi" else "RECONSTRUCTED") in text) == (fw.status == "reconstructed")


def test_template_on_stdout_and_for_a_framework_path(cli, tmp_path, mini):
    run = cli("template", mini, "--lang", "en")
    assert run.exit_code == 0
    assert '"2.1.4":    # {points: }' in run.stdout
    assert "# 1.1.2 bands · max 2" in run.stdout and "above 90: 2; 70 or more: 1; otherwise: 0" in run.stdout
    sub = tmp_path / "forms"
    sub.mkdir()
    out = sub / "unit.yaml"
    assert cli("template", mini, "-o", out).exit_code == 0
    assert 'framework: "../mini.yaml"' in out.read_text(encoding="utf-8")
    assert cli("validate", out).exit_code == 0


def test_filled_template_scores(cli, tmp_path):
    out = tmp_path / "t.yaml"
    cli("template", "province-2022", "-o", out)
    text = out.read_text(encoding="utf-8").replace('"3.2.1":    #', '"3.2.1": {percent: 99.7}    #')
    out.write_text(text, encoding="utf-8")
    run = cli("score", out, "-f", "json")
    obj = json.loads(run.stdout)
    leaf = next(x for x in obj["leaves"] if x["id"] == "3.2.1")
    assert leaf["points"] == 1.5 and leaf["status"] == "scored"


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


def test_frameworks(cli):
    run = cli("frameworks", "--lang", "en")
    assert run.exit_code == 0
    out = run.stdout
    for fw_id in SHIPPED:
        assert fw_id in out
    flat = " ".join(out.replace("│", " ").split())
    for counts in ("8 fields, 43 criteria, 106 scored items: 102 sub-criteria, 4 scored directly as criteria",
                   "8 fields, 37 criteria, 91 scored items: 88 sub-criteria, 3 scored directly as criteria",
                   "8 fields, 38 criteria, 83 scored items: 81 sub-criteria, 2 scored directly as criteria"):
        assert counts in flat, counts
    assert "reconstructed" in out and "Quyết định 876/QĐ-BNV" in out and "Quyết định 2948/QĐ-BNV" in out
    block = out.split("│ id ")[4]  # department-example, province-2017, province-2020, province-2022
    assert "province-2022" in block and re.search(r"Survey points +│ 32 ", block)
    assert "province" in block and "reconstructed (not the official annex)" in block


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


# --- schema -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["unit", "framework"])
def test_schema_command_matches_the_shipped_file(cli, kind):
    from parcli.schema import shipped_schema

    run = cli("schema", kind)
    assert run.exit_code == 0
    assert run.stdout == shipped_schema(kind).read_text(encoding="utf-8"), \
        "regenerate: parcli schema KIND > parcli/schemas/KIND.schema.json"
    assert json.loads(run.stdout)["$schema"].endswith("2020-12/schema")


def validator(kind):
    import jsonschema

    from parcli.schema import json_schema

    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


VALID = [(p, "framework") for p in sorted(CRITERIA.glob("*.yaml"))] + [
    (p, "unit") for p in sorted(EXAMPLES.rglob("*.yaml"))]


@pytest.mark.parametrize("path, kind", VALID, ids=lambda v: getattr(v, "name", v))
def test_schema_accepts_every_shipped_file(path, kind):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = list(validator(kind).iter_errors(data))
    assert not errors, [e.message for e in errors[:3]]


MALFORMED = ["unit-missing-year.yaml", "unit-extra-key.yaml", "unit-evidence-list.yaml", "unit-percent-above-100.yaml",
             "unit-negative-count.yaml", "unit-number-as-string.yaml", "unit-date-as-year.yaml",
             "unit-code-list.yaml", "unit-unknown-evidence-key.yaml", "unit-schema-v2.yaml", "unit-count-fraction.yaml",
             "fw-unknown-key.yaml", "fw-unknown-rule-kind.yaml", "fw-max-as-string.yaml", "fw-schema-v2.yaml"]


@pytest.mark.parametrize("name", MALFORMED)
def test_schema_rejects_malformed_files(name):
    data = yaml.safe_load((INVALID / name).read_text(encoding="utf-8"))
    kind = "framework" if name.startswith("fw-") else "unit"
    assert list(validator(kind).iter_errors(data)), name


# --- languages and numbers ---------------------------------------------------------


def test_locale_and_places():
    assert display(Decimal("86.665"), 2, "vi", fixed=True) == "86,67"
    assert display(Decimal("1234.5"), 2, "vi") == "1.234,5"
    assert display(Decimal("1234.5"), 2) == "1,234.5"
    assert display(Decimal("97.6845"), 3, fixed=True) == "97.685"
    assert display(Decimal("80"), 2, fixed=True) == "80.00"


def test_score_locale_vi_and_english_titles(cli):
    run = cli("score", EXAMPLES / "bac-ninh-2021.yaml", "--depth", "field", "--locale", "vi", "--lang", "vi")
    assert "Chỉ số (%): 85,49" in run.stdout and "85.49" not in run.stdout
    run = cli("score", EXAMPLES / "bac-ninh-2021.yaml", "--depth", "field", "--lang", "en")
    assert "Provincial PAR INDEX 2020–2021" in run.stdout and "Administrative procedure reform" in run.stdout
    assert "Công tác" not in run.stdout
    assert "warning: 7.2.1: 1.5 points claimed" in run.stderr
    run = cli("score", EXAMPLES / "bac-ninh-2021.yaml", "--depth", "field", "--lang", "vi")
    assert "cảnh báo: 7.2.1: tự chấm 1.5 điểm, số liệu chỉ đạt 1 điểm" in run.stderr


def test_three_decimal_framework(cli):
    run = cli("rank", *sorted((EXAMPLES / "departments").glob("*.yaml")), "--locale", "vi")
    assert re.search(r"\b9\d,\d{3}\b", run.stdout)  # e.g. 94,023


@pytest.mark.parametrize("args", [["rank", "--help"], ["diff", "--help"], ["template", "--help"],
                                  ["explain", "--help"], ["frameworks", "--help"], ["schema", "--help"]])
def test_help(cli, args):
    run = cli(*args)
    assert run.exit_code == 0 and "Usage" in run.stdout


def test_template_never_replaces_a_filled_file_without_force(cli, tmp_path):
    out = tmp_path / "keep.yaml"
    cli("template", "province-2022", "-o", out)
    filled = out.read_text(encoding="utf-8").replace('"3.2.1":    #', '"3.2.1": {percent: 99.7}    #')
    out.write_text(filled, encoding="utf-8")
    run = cli("template", "province-2022", "-o", out)
    assert run.exit_code == 1 and "exists" in run.stderr and "--force" in run.stderr
    assert out.read_text(encoding="utf-8") == filled  # untouched
    assert cli("template", "province-2022", "-o", out, "--force").exit_code == 0
    assert "99.7" not in out.read_text(encoding="utf-8")


def test_a_failed_xlsx_export_prints_one_message_and_no_ignored_exception(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "x.xlsx"
    proc = subprocess.run([sys.executable, "-m", "parcli", "export", str(EXAMPLES / "bac-ninh-2021.yaml"),
                           str(EXAMPLES / "departments" / "so-y-te.yaml"), "-o", str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2
    assert "các đơn vị dùng những bộ tiêu chí khác nhau" in proc.stderr  # Vietnamese by default
    assert "Exception ignored" not in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []
