"""``deduction``: the max less ``each`` per violation, not below 0. Evidence: ``{count}``."""

from __future__ import annotations

from typing import ClassVar, Literal

from ..values import Num
from .base import ZERO, RuleBase, check_each, register


@register
class DeductionRule(RuleBase):
    kind: Literal["deduction"]
    each: Num
    measure: ClassVar[str] = "count"
    WORDS: ClassVar[dict[str, str]] = {
        "vi": "{max} trừ {each} điểm mỗi vi phạm, không dưới 0",
        "en": "{max} minus {each} per violation, not below 0",
    }

    def check(self, leaf_max):
        return check_each(self.each)

    def scorer(self, leaf_max):
        each = self.each
        return lambda ev: max(ZERO, leaf_max - ev.amount * each)

    def reason(self, leaf_max, ev) -> str:
        return f"{leaf_max} − {ev.amount} × {self.each}"

    def word_values(self):
        return {"each": self.each}
