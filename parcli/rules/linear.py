"""``linear``: points in proportion to a rate, full at ``full_at`` percent.
points = max × min(1, percent / full_at). Evidence: ``{percent}`` or ``{done, of}``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from ..i18n import tr
from .base import HUNDRED, RuleBase, register, shown

if TYPE_CHECKING:  # resolved by pydantic when a framework is validated (parcli.shapes)
    from ..shapes import Num

ONE = Decimal(1)


@register
@dataclass(frozen=True, kw_only=True)
class LinearRule(RuleBase):
    kind: Literal["linear"]
    ORDER: ClassVar[int] = 40  # where it stands when kinds are listed
    full_at: Num = HUNDRED
    measure: ClassVar[str] = "percent"
    WORDS: ClassVar[dict[str, str]] = {
        "vi": "{max} × tỷ lệ / {full_at}% (tối đa {max})",
        "en": "{max} × share / {full_at}% (at most {max})",
    }

    # For the benchmark and tests: a rule of this kind for a leaf of max 1, and random evidence for it.
    EXAMPLE: ClassVar[str] = "{kind: linear, full_at: 80}"

    @staticmethod
    def sample(rnd) -> str:
        return f"{{percent: {rnd.randint(0, 100)}}}"

    def check(self, leaf_max):
        if not 0 < self.full_at <= 100:
            return [(("full_at",), tr("full_at is a percent in (0, 100], got {value}", value=self.full_at))]
        return []

    def scorer(self, leaf_max):
        full_at = self.full_at
        return lambda ev: leaf_max * min(ONE, ev.amount / full_at)

    def reason(self, leaf_max, ev) -> str:
        return f"{shown(ev)} of {self.full_at}%"

    def word_values(self):
        return {"full_at": self.full_at}
