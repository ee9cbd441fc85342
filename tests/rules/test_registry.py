"""The registry of rule kinds: one list of kinds, every kind complete, every example valid."""

from __future__ import annotations

import random
from decimal import Decimal as D

import pytest

from parcli import checks
from parcli.rules import KINDS, REGISTRY, RuleBase, parse_evidence
from parcli.schema import json_schema

from .helpers import rule, value


def test_kinds_come_from_the_registry_in_reading_order():
    assert KINDS == ("yes_no", "choice", "bands", "linear", "scale", "per_item", "deduction", "manual")
    assert list(REGISTRY) == list(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_complete(kind):
    cls = REGISTRY[kind]
    assert issubclass(cls, RuleBase)
    for method in ("scorer", "reason"):
        assert method in vars(cls), f"{kind} does not define {method}"
    r = rule(cls.EXAMPLE)
    assert r.kind == kind
    assert r.measure in (None, "percent", "count", "value")
    assert r.check(D(1)) == []
    for lang in ("vi", "en"):
        assert r.describe(D(1), lang, str)
    assert r.form_hint()
    rnd = random.Random(kind)
    for _ in range(20):  # the kind's own sample evidence parses and scores within [0, max]
        ev, found = parse_evidence(r, D(1), value(cls.sample(rnd)))
        assert not found
        computed = r.scorer(D(1))(ev) if ev.form is not None else ev.points
        assert D(0) <= computed <= D(1)
        assert r.reason(D(1), ev)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_declares_the_contract_with_its_words_in_both_languages(kind):
    from parcli.i18n import text
    from parcli.rules.base import CELLS

    cls = REGISTRY[kind]
    assert not getattr(cls, "__abstractmethods__", None)
    for name in RuleBase.REQUIRED:
        assert hasattr(cls, name) or name in cls.__dataclass_fields__, f"{kind} does not declare {name}"
    r = rule(cls.EXAMPLE)
    assert r.label("en") == cls.LABEL and r.label("vi") not in ("", cls.LABEL), kind  # its name, translated
    assert text(cls.WORDS, "vi") != cls.WORDS, kind  # its rule in words, translated
    assert r.describe(D(1), "vi", str) != r.describe(D(1), "en", str)
    assert r.form_cell() in CELLS
    assert isinstance(cls.TAKES_POINTS, bool)
    if cls.PLAN_HOLD is not None:
        assert text(cls.HOLD_WORDS, "vi", "why not planned") != cls.HOLD_WORDS


def test_a_kind_without_the_whole_contract_is_refused():
    from dataclasses import dataclass
    from typing import ClassVar, Literal

    from parcli.rules.base import register

    @dataclass(frozen=True, kw_only=True)
    class NoLabel(RuleBase):
        kind: Literal["no_label"]
        ORDER: ClassVar[int] = 99
        measure: ClassVar[None] = None
        WORDS: ClassVar[str] = "words"
        EXAMPLE: ClassVar[str] = "{kind: no_label}"

        @staticmethod
        def sample(rnd) -> str:
            return "true"

        def reason(self, leaf_max, ev) -> str:
            return ""

    with pytest.raises(TypeError, match=r"'no_label' does not declare LABEL, scorer"):
        register(NoLabel)
    assert "no_label" not in REGISTRY


def test_the_schema_and_the_checks_know_every_kind():
    schema = json_schema("framework")
    text = str(schema)
    for kind in KINDS:
        assert f"'{kind}'" in text
    assert checks._UNION_TAGS == frozenset(KINDS)


def test_a_kind_cannot_be_registered_twice():
    from parcli.rules.base import register

    with pytest.raises(ValueError, match="registered twice"):
        register(REGISTRY["yes_no"])
