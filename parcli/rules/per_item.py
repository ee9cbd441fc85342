"""``per_item``: ``each`` points per item, up to the max. Evidence: ``{count}``."""

from __future__ import annotations

from typing import ClassVar, Literal

from ..values import Num
from .base import RuleBase, check_each, register


@register
class PerItemRule(RuleBase):
    kind: Literal["per_item"]
    each: Num
    measure: ClassVar[str] = "count"
    WORDS: ClassVar[dict[str, str]] = {
        "vi": "{each} điểm mỗi lần, tối đa {max}",
        "en": "{each} points per item, at most {max}",
    }

    def check(self, leaf_max):
        return check_each(self.each)

    def scorer(self, leaf_max):
        each = self.each
        return lambda ev: min(leaf_max, ev.amount * each)

    def reason(self, leaf_max, ev) -> str:
        return f"{ev.amount} × {self.each}"

    def word_values(self):
        return {"each": self.each}
