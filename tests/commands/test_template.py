"""parcli template: a blank unit of every shipped framework that validates as it is, on standard output
or a file, never over a filled file; nothing live copied into it."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from parcli.store import Store, shipped
from tests.conftest import ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"

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


def test_a_template_copies_nothing_live(cli, tmp_path):
    """Titles, notes and documents holding line breaks and YAML stay in comments; a path with '#' and ': '
    stays one value; the blank template of the framework validates with no leaf filled."""
    folder = tmp_path / "we#ird: dir"
    folder.mkdir()
    fw = folder / "fw.yaml"
    shutil.copy(HOSTILE / "fw-injecting-titles.yaml", fw)
    out = folder / "blank.yaml"
    assert cli("template", fw, "-o", out).exit_code == 0
    run = cli("validate", out)
    assert run.exit_code == 0 and "0 of 1 scored items with evidence" in run.stdout


def test_template_year_out_of_range(cli):
    run = cli("template", "province-2020", "--year", "0")
    assert run.exit_code == 2 and "outside 1990–2100" in run.all
