"""``choice``: one option of several, each with its points. Evidence: an option key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from ..i18n import tr
from .base import Evidence, RuleBase, Step, register

if TYPE_CHECKING:  # resolved by pydantic when a framework is validated (parcli.shapes)
    from ..shapes import NonEmpty, Num


@register
@dataclass(frozen=True, kw_only=True)
class ChoiceRule(RuleBase):
    kind: Literal["choice"]
    ORDER: ClassVar[int] = 20  # where it stands when kinds are listed
    options: Annotated[dict[str, Num], NonEmpty]
    measure: ClassVar[None] = None
    WORDS: ClassVar[dict[str, str]] = {"vi": "Chọn một: {options}", "en": "One of: {options}"}

    # For the benchmark and tests: a rule of this kind for a leaf of max 1, and random evidence for it.
    EXAMPLE: ClassVar[str] = "{kind: choice, options: {tot: 1, kha: 0.5, kem: 0}}"

    @staticmethod
    def sample(rnd) -> str:
        return rnd.choice(["tot", "kha", "kem"])

    def scalar(self, raw: Any):
        if isinstance(raw, str):
            if raw in self.options:
                return Evidence("option", raw), []
            return None, [((), tr("{value!r} is not an option of this leaf; choose one of {options}",
                                  value=raw, options=", ".join(self.options)))]
        return super().scalar(raw)

    def forms(self):
        return ("option",)

    def expected(self) -> str:
        return tr("one of {options} or {{points: }} to override or {{na: true}}", options=", ".join(self.options))

    def form_hint(self) -> str:
        return " | ".join(self.options)

    def check(self, leaf_max):
        return [(("options", key), tr("option {key!r} gives {points} points, outside [0, {max}] (the leaf's max)",
                                      key=key, points=p, max=leaf_max))
                for key, p in self.options.items() if not 0 <= p <= leaf_max]

    def scorer(self, leaf_max):
        options = dict(self.options)
        return lambda ev: options[ev.amount]

    def reason(self, leaf_max, ev) -> str:
        return f"{ev.amount}"

    def describe(self, leaf_max, lang="vi", fmt=str) -> str:
        words = self.WORDS.get(lang) or self.WORDS["vi"]
        return words.format(options=", ".join(f"{k} = {fmt(v)}" for k, v in self.options.items()))

    def steps(self, leaf_max, ev, points):
        best: dict = {}
        for key, value in self.options.items():  # the first option of each level, in the framework's order
            if value > points and value not in best:
                best[value] = key
        return [Step(Evidence("option", best[v]), v) for v in sorted(best)]
