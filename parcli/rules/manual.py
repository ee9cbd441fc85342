"""``manual``: the appraisers give the points directly. Evidence: ``{points: }``.

A form's value column gives such a leaf's points; when the appraised column beside it
holds other points, those win, shown as an override: a unit file keeps both as
``{value: 0.5, points: 0.75}`` (the value column's points, the appraised points)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, Literal

from ..i18n import N_, NC_
from .base import ZERO, Evidence, RuleBase, Step, num_text, register, up_to_cent


@register
@dataclass(frozen=True, kw_only=True)
class ManualRule(RuleBase):
    kind: Literal["manual"]
    ORDER: ClassVar[int] = 80  # where it stands when kinds are listed
    measure: ClassVar[None] = None
    LABEL: ClassVar[str] = NC_("rule kind", "appraisers' points")
    TAKES_POINTS: ClassVar[bool] = True  # the points given are its evidence, not an override
    PLAN_HOLD: ClassVar[str | None] = "manual"  # a plan leaves the appraisers' points alone (plan files say "manual")
    HOLD_WORDS: ClassVar[str | None] = NC_("why not planned", "appraisers' points")
    WORDS: ClassVar[str] = N_("Points given directly by the appraisers (0 to {max})")

    # For the benchmark and tests: a rule of this kind for a leaf of max 1, and random evidence for it.
    EXAMPLE: ClassVar[str] = "{kind: manual}"

    @staticmethod
    def sample(rnd) -> str:
        return f"{{points: {rnd.choice(['0', '0.5', '0.75', '1'])}, note: thẩm định}}"

    def expected(self) -> str:
        return "{points: } or {na: true}"

    def form_hint(self, lang: str = "vi") -> str:
        return "{points: }"

    def form_cell(self) -> str:
        return "points"

    def scalar(self, raw: Any):
        if raw.__class__ is Decimal:  # {value: 0.5}: the points a form's value column gives
            return Evidence("value", raw), []
        return super().scalar(raw)

    def scorer(self, leaf_max):
        return lambda ev: ev.amount if ev.form == "value" else (ev.points if ev.points is not None else ZERO)

    def reason(self, leaf_max, ev) -> str:
        if ev.form == "value":
            return f"value {num_text(ev.amount)}"
        return "appraiser's points"

    def steps(self, leaf_max, ev, points):
        if points >= leaf_max:
            return []
        return [Step(Evidence(points=leaf_max), leaf_max, continuous=True)]

    def least(self, leaf_max, ev, points):
        if points > leaf_max:
            return None
        value = up_to_cent(points)
        return Step(Evidence(points=min(value, leaf_max)), min(value, leaf_max), continuous=True)
