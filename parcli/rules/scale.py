"""``scale``: a survey average on a scale ``of`` (e.g. 3.74 of 5); points = max × value / of.
Evidence: ``{value}`` in [0, of]."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from ..i18n import N_, NC_, text, tr
from .base import CENT, ZERO, Evidence, RuleBase, Step, register, shown, up_to_cent

if TYPE_CHECKING:  # resolved by pydantic when a framework is validated (parcli.shapes)
    from ..shapes import Num


@register
@dataclass(frozen=True, kw_only=True)
class ScaleRule(RuleBase):
    kind: Literal["scale"]
    ORDER: ClassVar[int] = 50  # where it stands when kinds are listed
    of: Num
    measure: ClassVar[str] = "value"
    LABEL: ClassVar[str] = NC_("rule kind", "survey scale")
    WORDS: ClassVar[str] = N_("{max} × survey score / {of}")
    UNIT: ClassVar[str] = NC_("measure unit", "points/{of}")

    # For the benchmark and tests: a rule of this kind for a leaf of max 1, and random evidence for it.
    EXAMPLE: ClassVar[str] = "{kind: scale, of: 5}"

    @staticmethod
    def sample(rnd) -> str:
        return f"{{value: {rnd.randint(100, 500) / 100}}}"

    def value_bounds(self):
        return ZERO, self.of

    def unit(self, lang: str) -> str:
        return text(self.UNIT, lang if lang in ("vi", "en") else "vi", "measure unit").format(
            of=f"{self.of.normalize():f}")

    def check(self, leaf_max):
        if self.of <= 0:
            return [(("of",), tr("of must be above 0, got {value}", value=self.of))]
        return []

    def scorer(self, leaf_max):
        of = self.of
        return lambda ev: leaf_max * ev.amount / of

    def reason(self, leaf_max, ev) -> str:
        return f"{shown(ev)} / {self.of}"

    def word_values(self):
        return {"of": self.of}

    def steps(self, leaf_max, ev, points):
        if points >= leaf_max:
            return []
        return [Step(Evidence("value", self.of), leaf_max, continuous=True)]

    def least(self, leaf_max, ev, points):
        if points > leaf_max:
            return None
        value = min(up_to_cent(points * self.of / leaf_max), self.of)
        entry = Evidence("value", value)
        got = self.points_of(leaf_max, entry)
        while got < points and value < self.of:
            value = min(value + CENT, self.of)
            entry = Evidence("value", value)
            got = self.points_of(leaf_max, entry)
        return Step(entry, got, continuous=True) if got >= points else None
