"""parcli convert: a unit file to a form and back, never over a filled form."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE_UNITS, EXAMPLES, with_its_framework
from tests.inputs.test_form import form_of, result_json

EXAMPLE_FILES = EXAMPLE_UNITS
BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


@pytest.mark.parametrize("unit", EXAMPLE_FILES, ids=lambda p: p.name)
def test_yaml_form_yaml_round_trip(cli, tmp_path, unit):
    with_its_framework(unit, tmp_path)
    form = form_of(cli, unit, tmp_path / "form.xlsx")
    back = tmp_path / "back.yaml"
    assert cli("convert", form, "-o", back).exit_code == 0
    expected = result_json(cli, unit)
    assert result_json(cli, form) == expected
    assert result_json(cli, back) == expected


def test_convert_never_replaces_a_filled_form(cli, tmp_path):
    form = form_of(cli, BAC_NINH, tmp_path / "f.xlsx")
    before = form.read_bytes()
    run = cli("convert", EXAMPLES / "bac-ninh-2020.yaml", "-o", form)
    assert run.exit_code == 1 and "--force" in run.all and form.read_bytes() == before
    assert cli("convert", EXAMPLES / "bac-ninh-2020.yaml", "-o", form, "--force").exit_code == 0
