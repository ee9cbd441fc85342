"""``yes_no``: done or not; max or 0. Evidence: ``true`` / ``false``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from ..i18n import N_, NC_
from .base import ZERO, Evidence, RuleBase, Step, register


@register
@dataclass(frozen=True, kw_only=True)
class YesNoRule(RuleBase):
    kind: Literal["yes_no"]
    ORDER: ClassVar[int] = 10  # where it stands when kinds are listed
    measure: ClassVar[None] = None
    LABEL: ClassVar[str] = NC_("rule kind", "yes/no")
    WORDS: ClassVar[str] = N_("Yes: {max} points; no: 0")

    # For the benchmark and tests: a rule of this kind for a leaf of max 1, and random evidence for it.
    EXAMPLE: ClassVar[str] = "{kind: yes_no}"

    @staticmethod
    def sample(rnd) -> str:
        return rnd.choice(["true", "false"])

    def scalar(self, raw: Any):
        if isinstance(raw, bool):
            return Evidence("bool", raw), []
        return super().scalar(raw)

    def forms(self):
        return ("bool",)

    def form_hint(self, lang: str = "vi") -> str:
        return "true | false"

    def form_cell(self) -> str:
        return "bool"

    def scorer(self, leaf_max):
        return lambda ev: leaf_max if ev.amount else ZERO

    def reason(self, leaf_max, ev) -> str:
        return "true" if ev.amount else "false"

    def steps(self, leaf_max, ev, points):
        if ev is not None and ev.form == "bool" and ev.amount:
            return []
        return [Step(Evidence("bool", True), leaf_max)]
