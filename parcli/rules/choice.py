"""``choice``: one option of several, each with its points. Evidence: an option key.

An option is ``key: points`` or ``key: {points, title, title_en}``; the title is what a
person reads (forms, messages, explain, template, plan), the key what a unit file holds.
A form's cell may hold the title in either language or the key (:meth:`ChoiceRule.find`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from ..i18n import N_, NC_, language, tr
from ..i18n import text as text_in
from .base import Evidence, RuleBase, Step, register

if TYPE_CHECKING:  # resolved by pydantic when a framework is validated (parcli.shapes)
    from ..shapes import Before, NonEmpty, Num, Text, WithJsonSchema


@dataclass(frozen=True, kw_only=True)
class ChoiceOption:
    """One option: its points and, for people, its title (Vietnamese) and English title."""

    __pydantic_config__ = {"extra": "forbid"}  # a misspelled 'titel' is an error, not ignored

    points: Num
    title: Text | None = None
    title_en: Text | None = None

    def label(self, key: str, lang: str) -> str:
        """What a person reads for this option in ``lang``: its title, else its key."""
        if lang == "en":
            return self.title_en or self.title or key
        return self.title or key


def as_option(value: Any) -> Any:
    """``key: 2`` is ``key: {points: 2}``."""
    return value if isinstance(value, dict) else {"points": value}


OPTION_SCHEMA = {
    "anyOf": [
        {"type": "number"},
        {"type": "object", "additionalProperties": False, "required": ["points"],
         "properties": {"points": {"type": "number"},
                        "title": {"type": "string", "description": "What a person reads (Vietnamese)"},
                        "title_en": {"type": "string", "description": "What a person reads (English)"}}},
    ],
    "description": "The option's points, or {points, title, title_en}: the title is what forms, "
                   "messages and reports show; a unit file gives the key.",
}


def fold(text: str) -> str:
    """A title or key as a reader compares it: NFC, case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@register
@dataclass(frozen=True, kw_only=True)
class ChoiceRule(RuleBase):
    kind: Literal["choice"]
    ORDER: ClassVar[int] = 20  # where it stands when kinds are listed
    options: Annotated[dict[str, Annotated[ChoiceOption, Before(as_option), WithJsonSchema(OPTION_SCHEMA)]],
                       NonEmpty]
    measure: ClassVar[None] = None
    LABEL: ClassVar[str] = NC_("rule kind", "choice")
    WORDS: ClassVar[str] = N_("One of: {options}")

    # For the benchmark and tests: a rule of this kind for a leaf of max 1, and random evidence for it.
    EXAMPLE: ClassVar[str] = ("{kind: choice, options: {tot: {points: 1, title: Tốt, title_en: Good}, "
                              "kha: {points: 0.5, title: Khá, title_en: Fair}, kem: 0}}")

    @staticmethod
    def sample(rnd) -> str:
        return rnd.choice(["tot", "kha", "kem"])

    # -- words ---------------------------------------------------------------

    def title(self, key: str, lang: str | None = None) -> str:
        """The option ``key`` as a person reads it (the current language by default)."""
        option = self.options.get(key)
        return option.label(key, lang or language()) if option is not None else key

    def titles(self, lang: str) -> list[str]:
        return [o.label(k, lang) for k, o in self.options.items()]

    def _keyed(self, lang: str) -> str:
        """Every option as a unit file gives it, with its title: kip_thoi (Kịp thời), …"""
        return ", ".join(k if o.label(k, lang) == k else f"{k} ({o.label(k, lang)})" for k, o in self.options.items())

    def find(self, text: str) -> str | None:
        """The option a form's cell names: its key, or its title in either language."""
        if text in self.options:
            return text
        return self._words.get(fold(text))

    @cached_property
    def _words(self) -> dict[str, str]:
        """Every option's key and titles, folded → its key (worked out once)."""
        words: dict[str, str] = {}
        for key, option in self.options.items():
            for text in (key, option.title or key, option.title_en or key):
                words.setdefault(fold(text), key)
        return words

    # -- evidence ------------------------------------------------------------

    def scalar(self, raw: Any):
        if isinstance(raw, str):
            if raw in self.options:
                return Evidence("option", raw), []
            return None, [((), tr("{value!r} is not an option of this leaf; choose one of {options}",
                                  value=raw, options=self._keyed(language())))]
        return super().scalar(raw)

    def forms(self):
        return ("option",)

    def form_cell(self) -> str:
        return "option"

    def expected(self) -> str:
        return tr("one of {options} or {{points: }} to override or {{na: true}}", options=self._keyed(language()))

    def form_hint(self, lang: str = "vi") -> str:
        return " | ".join(k if o.label(k, lang) == k else f"{k} ({o.label(k, lang)})" for k, o in self.options.items())

    def check(self, leaf_max):
        found = [(("options", key), tr("option {key!r} gives {points} points, outside [0, {max}] (the leaf's max)",
                                       key=key, points=o.points, max=leaf_max))
                 for key, o in self.options.items() if not 0 <= o.points <= leaf_max]
        seen: dict[str, str] = {}
        for key, option in self.options.items():  # a form's cell names an option by key or title: one reading only
            for text in {fold(key), fold(option.title or key), fold(option.title_en or key)}:
                other = seen.setdefault(text, key)
                if other != key:
                    found.append((("options", key), tr("option {key!r} has the same key or title as option {other!r} "
                                                       "({text!r}); every option needs its own words",
                                                       key=key, other=other, text=text)))
        return found

    # -- points --------------------------------------------------------------

    def scorer(self, leaf_max):
        options = {k: o.points for k, o in self.options.items()}
        return lambda ev: options[ev.amount]

    def reason(self, leaf_max, ev) -> str:
        title = self.title(ev.amount, "en")
        return ev.amount if title == ev.amount else f"{title} ({ev.amount})"

    def describe(self, leaf_max, lang="vi", fmt=str) -> str:
        words = text_in(self.WORDS, lang if lang in ("vi", "en") else "vi")
        return words.format(options="; ".join(f"{o.label(k, lang)}: {fmt(o.points)}" for k, o in self.options.items()))

    def steps(self, leaf_max, ev, points):
        best: dict = {}
        for key, option in self.options.items():  # the first option of each level, in the framework's order
            if option.points > points and option.points not in best:
                best[option.points] = key
        return [Step(Evidence("option", best[v]), v) for v in sorted(best)]
