"""Calling a rule kind directly, as the engine does: parse evidence, then score it."""

from __future__ import annotations

from decimal import Decimal as D

from parcli.inputs.yaml import load_text
from parcli.model import validate_rule
from parcli.rules import parse_evidence


def rule(text: str):
    """A rule from its YAML flow text, e.g. "{kind: scale, of: 5}", through its registered model."""
    return validate_rule(load_text(text).data)


def value(text: str):
    """An evidence value as the loader builds it (Decimal numbers, NFC text)."""
    return load_text(f"v: {text}").data["v"]


def points(r, raw: str, leaf_max: str = "1") -> D:
    ev, problems = parse_evidence(r, D(leaf_max), value(raw))
    assert not problems, problems
    return r.scorer(D(leaf_max))(ev)


def reason(r, raw: str, leaf_max: str = "1") -> str:
    ev, problems = parse_evidence(r, D(leaf_max), value(raw))
    assert not problems, problems
    return r.reason(D(leaf_max), ev)


def problems(r, raw: str, leaf_max: str = "1") -> list[str]:
    ev, found = parse_evidence(r, D(leaf_max), value(raw))
    assert ev is None
    return [msg for _path, msg in found]
