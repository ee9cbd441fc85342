"""``per_item``: ``each`` points per item, up to the max. Evidence: ``{count}``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING
from typing import TYPE_CHECKING, ClassVar, Literal

from ..i18n import N_, NC_
from .base import MANY_STEPS, ZERO, Evidence, RuleBase, Step, check_each, register, shown

if TYPE_CHECKING:  # resolved by pydantic when a framework is validated (parcli.shapes)
    from ..shapes import Num


@register
@dataclass(frozen=True, kw_only=True)
class PerItemRule(RuleBase):
    kind: Literal["per_item"]
    ORDER: ClassVar[int] = 60  # where it stands when kinds are listed
    each: Num
    measure: ClassVar[str] = "count"
    LABEL: ClassVar[str] = NC_("rule kind", "per item")
    WORDS: ClassVar[str] = N_("{each} points per item, at most {max}")

    # For the benchmark and tests: a rule of this kind for a leaf of max 1, and random evidence for it.
    EXAMPLE: ClassVar[str] = "{kind: per_item, each: 0.25}"

    @staticmethod
    def sample(rnd) -> str:
        return f"{{count: {rnd.randint(0, 6)}}}"

    def check(self, leaf_max):
        return check_each(self.each)

    def scorer(self, leaf_max):
        each = self.each
        return lambda ev: min(leaf_max, ev.amount * each)

    def reason(self, leaf_max, ev) -> str:
        return f"{shown(ev)} × {self.each}"

    def word_values(self):
        return {"each": self.each}

    def steps(self, leaf_max, ev, points):
        count = ev.amount if ev is not None and ev.form == "count" else ZERO
        if points >= leaf_max:
            return []
        full = self._count_for(leaf_max, leaf_max)
        if full - count > MANY_STEPS:  # one continuous step: least() gives the count for fewer points
            return [Step(Evidence("count", full), self.points_of(leaf_max, Evidence("count", full)), continuous=True)]
        out = []
        while points < leaf_max and count < full:
            count += 1
            got = self.points_of(leaf_max, Evidence("count", count))
            if got > points:
                out.append(Step(Evidence("count", count), got))
                points = got
        return out

    def _count_for(self, leaf_max, points):
        """The least count worth ``points`` or more (points up to the leaf's max)."""
        count = (points / self.each).to_integral_value(ROUND_CEILING)
        while count > 0 and self.points_of(leaf_max, Evidence("count", count - 1)) >= points:
            count -= 1  # a rounding edge of the division
        while self.points_of(leaf_max, Evidence("count", count)) < points:
            count += 1
        return count

    def least(self, leaf_max, ev, points):
        if points > leaf_max:
            return None
        count = max(self._count_for(leaf_max, points), ev.amount if ev is not None and ev.form == "count" else ZERO)
        return Step(Evidence("count", count), self.points_of(leaf_max, Evidence("count", count)), continuous=True)
