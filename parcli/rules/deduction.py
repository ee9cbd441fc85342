"""``deduction``: the max less ``each`` per violation, not below 0. Evidence: ``{count}``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR
from typing import TYPE_CHECKING, ClassVar, Literal

from ..i18n import N_, NC_
from .base import MANY_STEPS, ZERO, Evidence, RuleBase, Step, check_each, register, shown

if TYPE_CHECKING:  # resolved by pydantic when a framework is validated (parcli.shapes)
    from ..shapes import Num


@register
@dataclass(frozen=True, kw_only=True)
class DeductionRule(RuleBase):
    kind: Literal["deduction"]
    ORDER: ClassVar[int] = 70  # where it stands when kinds are listed
    each: Num
    measure: ClassVar[str] = "count"
    LABEL: ClassVar[str] = NC_("rule kind", "deduction")
    WORDS: ClassVar[str] = N_("{max} minus {each} per violation, not below 0")

    # For the benchmark and tests: a rule of this kind for a leaf of max 1, and random evidence for it.
    EXAMPLE: ClassVar[str] = "{kind: deduction, each: 0.5}"

    @staticmethod
    def sample(rnd) -> str:
        return f"{{count: {rnd.randint(0, 3)}}}"

    def check(self, leaf_max):
        return check_each(self.each)

    def scorer(self, leaf_max):
        each = self.each
        return lambda ev: max(ZERO, leaf_max - ev.amount * each)

    def reason(self, leaf_max, ev) -> str:
        return f"{leaf_max} − {shown(ev)} × {self.each}"

    def word_values(self):
        return {"each": self.each}

    def steps(self, leaf_max, ev, points):
        count = ev.amount if ev is not None and ev.form == "count" else None
        if count is None:  # no evidence yet: the best case is no violation
            return [Step(Evidence("count", ZERO), leaf_max)] if points < leaf_max else []
        # counts from (max / each) up all give 0 points: start below them
        count = min(count, (leaf_max / self.each).to_integral_value(ROUND_CEILING))
        if count > MANY_STEPS:  # one continuous step: least() gives the count for fewer points
            return [Step(Evidence("count", ZERO), leaf_max, continuous=True)] if points < leaf_max else []
        out = []
        while count > 0:
            count -= 1
            got = self.points_of(leaf_max, Evidence("count", count))
            if got > points:
                out.append(Step(Evidence("count", count), got))
                points = got
        return out

    def least(self, leaf_max, ev, points):
        if points > leaf_max:
            return None
        now = ev.amount if ev is not None and ev.form == "count" else None
        count = ((leaf_max - points) / self.each).to_integral_value(ROUND_FLOOR)
        while count > 0 and self.points_of(leaf_max, Evidence("count", count)) < points:
            count -= 1  # a rounding edge of the division
        if now is not None:
            count = min(count, now)
        return Step(Evidence("count", count), self.points_of(leaf_max, Evidence("count", count)), continuous=True)
