"""parcli schema: the JSON Schemas match the shipped files, accept every shipped file and reject
malformed ones."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.conftest import CRITERIA, EXAMPLE_FRAMEWORKS, EXAMPLE_UNITS, INVALID, ROOT

SURVEY = ROOT / "docs" / "survey"


@pytest.mark.parametrize("kind", ["unit", "framework", "survey"])
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


VALID = [(p, "framework") for p in [*sorted(CRITERIA.glob("*.yaml")), *EXAMPLE_FRAMEWORKS]] + [
    (p, "unit") for p in EXAMPLE_UNITS] + [(SURVEY / "hb-mdhl.yaml", "survey")]


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


@pytest.mark.parametrize(("change", "valid"), [
    (("method: mean", "method: pooled"), True),
    (("method: mean", "method: {element: pooled, overall: pooled}"), True),
    (("method: mean", "method: {}"), True),
    (("method: mean", "method: median"), False),
    (("method: mean", "method: {item: pooled}"), False),
    (("method: mean", "method: {part: average}"), False),
    (("method: mean", "method: [mean, pooled]"), False),
    (("measure: share", "measure: median"), False),
    (("satisfied: [4, 5]", "satisfied: []"), False),
    (("schema: parcli/survey/v1", "schema: parcli/survey/v2"), False),
    (('targets: {overall: "3.1"}', "targets: {overall: 3.1}"), False),
    (("        title: Tiếp cận dịch vụ\n", ""), False),
])
def test_the_survey_schema_takes_the_method_of_every_level_or_of_each(change, valid):
    """The schema agrees with parcli survey on a definition's shape: method a word or {element, part, overall}."""
    text = (SURVEY / "hb-mdhl.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    data = yaml.safe_load(text.replace(*change))
    errors = list(validator("survey").iter_errors(data))
    assert (not errors) == valid, [e.message for e in errors[:3]]
