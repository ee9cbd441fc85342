"""``threshold``: the leaf's max from a rate of ``at`` percent on, else 0. Evidence: ``{percent}`` or
``{done, of}``.

Not a shipped kind: tests/rules/test_new_kind.py puts this module into a copy of the package's
parcli/rules/ (what adding a kind is) and shows it working in every command."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from ..i18n import N_, NC_, tr
from .base import ZERO, Evidence, RuleBase, Step, register, shown

if TYPE_CHECKING:  # resolved by pydantic when a framework is validated (parcli.shapes)
    from ..shapes import Num


@register
@dataclass(frozen=True, kw_only=True)
class ThresholdRule(RuleBase):
    kind: Literal["threshold"]
    at: Num
    ORDER: ClassVar[int] = 90  # after every shipped kind
    measure: ClassVar[str] = "percent"
    LABEL: ClassVar[str] = NC_("rule kind", "threshold")
    WORDS: ClassVar[str] = N_("{max} points from {at}% on; below it 0")
    EXAMPLE: ClassVar[str] = "{kind: threshold, at: 80}"

    @staticmethod
    def sample(rnd) -> str:
        return f"{{percent: {rnd.randint(0, 100)}}}"

    def check(self, leaf_max):
        if not 0 < self.at <= 100:
            return [(("at",), tr("full_at is a percent in (0, 100], got {value}", value=self.at))]
        return []

    def scorer(self, leaf_max):
        at = self.at
        return lambda ev: leaf_max if ev.amount >= at else ZERO

    def reason(self, leaf_max, ev) -> str:
        return f"{shown(ev)} {'≥' if ev.amount >= self.at else '<'} {self.at}%"

    def word_values(self):
        return {"at": self.at}

    def steps(self, leaf_max, ev, points):
        if points >= leaf_max:
            return []
        if ev is not None and ev.form == "ratio":  # the least done of the same of
            from .base import whole_up

            done = whole_up(self.at * ev.of / 100)
            return [Step(Evidence("ratio", done * 100 / ev.of, done, ev.of), leaf_max)]
        return [Step(Evidence("percent", self.at), leaf_max)]
