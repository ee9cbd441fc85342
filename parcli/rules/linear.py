"""``linear``: points in proportion to a rate, full at ``full_at`` percent.
points = max × min(1, percent / full_at). Evidence: ``{percent}`` or ``{done, of}``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal

from ..i18n import N_, NC_, tr
from .base import (
    CENT,
    HUNDRED,
    Evidence,
    RuleBase,
    Step,
    register,
    shown,
    up_to_cent,
    whole_up,
)

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
    LABEL: ClassVar[str] = NC_("rule kind", "linear")
    WORDS: ClassVar[str] = N_("{max} × share / {full_at}% (at most {max})")

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

    def _at(self, leaf_max, ev, percent: Decimal) -> Evidence:
        if ev is not None and ev.form == "ratio":
            _done, of = ev.ratio()
            done = min(whole_up(percent * of / HUNDRED), of)
            return Evidence("ratio", done * HUNDRED / of, done, of)
        return Evidence("percent", min(up_to_cent(percent), HUNDRED))

    def steps(self, leaf_max, ev, points):
        if points >= leaf_max:
            return []
        return [Step(self._at(leaf_max, ev, self.full_at), leaf_max, continuous=True)]

    def least(self, leaf_max, ev, points):
        if points > leaf_max:
            return None
        entry = self._at(leaf_max, ev, points * self.full_at / leaf_max)
        got = self.points_of(leaf_max, entry)
        while got < points:  # rounding of the last decimal: one cent (or one done) more
            if entry.form == "ratio":
                done, of = entry.ratio()
                if done >= of:
                    return None
                done += 1
                entry = Evidence("ratio", done * HUNDRED / of, done, of)
            else:  # a percent
                bigger = entry.amount + CENT
                if bigger > HUNDRED:
                    return None
                entry = Evidence("percent", bigger)
            got = self.points_of(leaf_max, entry)
        return Step(entry, got, continuous=True)
