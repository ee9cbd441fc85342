"""The rule kinds, one module each, registered by kind.

Each module defines one pydantic model (the rule's YAML shape) subclassing
:class:`~parcli.rules.base.RuleBase` and registered with
:func:`~parcli.rules.base.register`: its measure, framework checks, scorer,
reason, words in vi and en and form hint live there. Adding a kind is adding a
module here (and importing it below) with its test file in ``tests/rules/``.
"""

from __future__ import annotations

# Importing a kind's module registers it; this order is the order people read them in.
from . import yes_no  # noqa: F401, I001
from . import choice  # noqa: F401
from . import bands  # noqa: F401
from . import linear  # noqa: F401
from . import scale  # noqa: F401
from . import per_item  # noqa: F401
from . import deduction  # noqa: F401
from . import manual  # noqa: F401
from .base import REGISTRY, Evidence, RuleBase, parse_evidence

KINDS: tuple[str, ...] = tuple(REGISTRY)  # in registration order

__all__ = ["KINDS", "REGISTRY", "Evidence", "RuleBase", "parse_evidence"]
