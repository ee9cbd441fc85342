"""``plan --effort FILE``: the weights of a plan's changes, a YAML mapping of the framework's leaf ids,
rule kinds and ``default`` to weights above 0 (:func:`parcli.plan.weight_of` uses them)."""

from __future__ import annotations

import difflib
from decimal import Decimal
from pathlib import Path

from ..domain import Framework
from ..errors import InputError
from ..i18n import tr
from ..rules import REGISTRY
from ..values import describe_value
from .yaml import load_file


def read_effort(path, fw: Framework) -> dict[str, Decimal]:
    """``--effort FILE``: a YAML mapping of the framework's leaf ids, rule kinds and ``default`` to
    weights above 0; anything else is an error at its line and column."""
    name = str(path)
    doc = load_file(Path(path), name, digest=False)
    data = doc.data
    if not isinstance(data, dict):
        raise InputError(f"{name}: " + tr("an effort file maps leaf ids or rule kinds to weights, e.g. "
                                          "{{\"3.2.1\": 3, bands: 2, default: 1}}"))
    problems = []
    weights: dict[str, Decimal] = {}
    for key, value in data.items():
        text = str(key) if isinstance(key, (str, Decimal, int)) and not isinstance(key, bool) else None
        node = fw.nodes.get(text) if text is not None else None
        if text is None or (node is None and text not in REGISTRY and text != "default"):
            near = (fw.nearest(text, 1) or difflib.get_close_matches(text, [*REGISTRY, "default"], 1)) if text else []
            problems.append(doc.problem((key,), tr("{key} is not a leaf id of {framework} nor a rule kind ({kinds}) "
                                                   "nor default", key=repr(text) if text is not None
                                                   else describe_value(key),
                                                   framework=fw.id, kinds=", ".join(REGISTRY))
                                        + (tr("; did you mean {near!r}?", near=near[0]) if near else ""), key=True))
            continue
        if node is not None and not node.is_leaf:
            problems.append(doc.problem((key,), tr("{key!r} is a {kind}, not a leaf: give the weight of each of its "
                                                   "leaves", key=text, kind=tr(node.kind)), key=True))
            continue
        if value.__class__ is not Decimal or not value > 0:
            problems.append(doc.problem((key,), tr("a weight is a number above 0, got {what}",
                                                   what=describe_value(value))))
            continue
        weights[text] = value
    if problems:
        raise InputError("invalid effort file", problems)
    return weights
