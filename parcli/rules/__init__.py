"""The rule kinds, one module each, registered by kind.

Each module defines one pydantic model (the rule's YAML shape) subclassing
:class:`~parcli.rules.base.RuleBase` and registered with
:func:`~parcli.rules.base.register`: its measure, framework checks, scorer,
reason, words in vi and en and form hint live there. Adding a kind is adding a
module here (it is found and registered on import) with its test file in ``tests/rules/``.
"""

from __future__ import annotations

import os
from importlib import import_module

from .base import REGISTRY, Evidence, RuleBase, parse_evidence

# Every module of this package but the base is a rule kind; importing it registers it.
# (A listing of the folder: pkgutil would cost more than the kinds themselves on every run.)
for _name in sorted(os.listdir(__path__[0])):
    _stem, _ext = os.path.splitext(_name)
    if _ext == ".py" and _stem not in ("__init__", "base"):
        import_module(f"{__name__}.{_stem}")

# The kinds in the order people read them (each kind's ORDER), for messages, tables and the schema.
KINDS: tuple[str, ...] = tuple(sorted(REGISTRY, key=lambda kind: REGISTRY[kind].ORDER))
for _kind in KINDS:
    REGISTRY[_kind] = REGISTRY.pop(_kind)

__all__ = ["KINDS", "REGISTRY", "Evidence", "RuleBase", "parse_evidence"]
