"""``bands``: the first band that holds gives the points.

Bands are ``{gt: 90, points: 2}`` or ``{gte: 70, points: 1}``, highest first; a last
band without a threshold catches the rest. The rule names its ``measure``: a rate
(``percent``: ``{percent}`` or ``{done, of}``), a ``count`` or a ``value``.
Points and reason come from one selection (:meth:`BandsRule.select`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from ..i18n import N_, NC_, text, tr
from .base import (
    CENT,
    HUNDRED,
    ZERO,
    Evidence,
    Found,
    RuleBase,
    Step,
    register,
    shown,
    whole_up,
)

if TYPE_CHECKING:  # resolved by pydantic when a framework is validated (parcli.shapes)
    from ..shapes import NonEmpty, Num, WithJsonSchema


@dataclass(frozen=True, kw_only=True)
class Band:
    gte: Num | None = None
    gt: Num | None = None
    points: Num


MEASURE_SCHEMA = {
    "enum": ["percent", "count", "value"],
    "description": "The kind of number the evidence is: percent, a rate in % ({percent} or {done, of}); "
    "count (số lượng), a whole number ({count}); value (giá trị), any other number ({value}).",
}


@register
@dataclass(frozen=True, kw_only=True)
class BandsRule(RuleBase):
    kind: Literal["bands"]
    ORDER: ClassVar[int] = 30  # where it stands when kinds are listed
    measure: Annotated[Literal["percent", "count", "value"], WithJsonSchema(MEASURE_SCHEMA)]
    bands: Annotated[list[Band], NonEmpty]
    LABEL: ClassVar[str] = NC_("rule kind", "bands")
    WORDS: ClassVar[str] = N_("above {t}: {p}")  # a band above a threshold; BAND_WORDS the others
    BAND_WORDS: ClassVar[dict[str, str]] = {"gt": WORDS, "gte": N_("{t} or more: {p}"), "other": N_("otherwise: {p}")}

    # For the benchmark and tests: a rule of this kind for a leaf of max 1, and random evidence for it.
    EXAMPLE: ClassVar[str] = ("{kind: bands, measure: percent, "
                              "bands: [{gt: 90, points: 1}, {gte: 70, points: 0.5}, {points: 0}]}")

    @staticmethod
    def sample(rnd) -> str:
        return (f"{{done: {rnd.randint(0, 80)}, of: 80}}" if rnd.random() < 0.5
                else f"{{percent: {rnd.randint(0, 1000) / 10}}}")

    def check(self, leaf_max):
        found: Found = []
        previous = None
        last = len(self.bands) - 1
        for bi, band in enumerate(self.bands):
            where = ("bands", bi)
            if band.points > leaf_max:
                found.append((where + ("points",), tr("band points {points} are above the leaf's max {max}",
                                                      points=band.points, max=leaf_max)))
            elif band.points < 0:
                found.append((where + ("points",), tr("band points {points} are below 0", points=band.points)))
            if band.gt is not None and band.gte is not None:
                found.append((where, tr("a band takes gt or gte, not both")))
                continue
            threshold = band.gt if band.gt is not None else band.gte
            if threshold is None:
                if bi != last:
                    found.append((where, tr("a band without gt/gte catches the rest, so it must be the last")))
                continue
            key = (threshold, 1 if band.gt is not None else 0)
            if previous is not None and key >= previous:
                found.append((where, tr("bands go from the highest threshold to the lowest")))
            previous = key
        return found

    def select(self, x: Decimal) -> Band | None:
        """The first band that holds for ``x``; None when none does (no catch-all band)."""
        for band in self.bands:
            if band.gt is not None:
                if x > band.gt:
                    return band
            elif band.gte is not None:
                if x >= band.gte:
                    return band
            else:
                return band
        return None

    def select_ratio(self, done: Decimal, of: Decimal) -> Band | None:
        """The first band that holds for done/of, compared exactly: done × 100 against threshold × of
        (a divided ratio rounds at the 28th digit: 0.99999…9/2 must not reach 50 %)."""
        scaled = done * HUNDRED
        for band in self.bands:
            if band.gt is not None:
                if scaled > band.gt * of:
                    return band
            elif band.gte is not None:
                if scaled >= band.gte * of:
                    return band
            else:
                return band
        return None

    def chosen(self, ev: Evidence) -> Band | None:
        if ev.form == "ratio":
            return self.select_ratio(*ev.ratio())
        return self.select(ev.amount)

    def scorer(self, leaf_max):
        chosen = self.chosen

        def bands_points(ev: Evidence) -> Decimal:
            band = chosen(ev)
            return ZERO if band is None else band.points

        return bands_points

    def reason(self, leaf_max, ev) -> str:
        band = self.chosen(ev)
        text = shown(ev)
        if band is None:
            return f"{text}: below every band"
        if band.gt is not None:
            return f"{text} > {band.gt}"
        if band.gte is not None:
            return f"{text} ≥ {band.gte}"
        return f"{text}: other"

    def describe(self, leaf_max, lang="vi", fmt=str) -> str:
        w = {key: text(msgid, lang if lang in ("vi", "en") else "vi") for key, msgid in self.BAND_WORDS.items()}
        parts = []
        for b in self.bands:
            if b.gt is not None:
                parts.append(w["gt"].format(t=fmt(b.gt), p=fmt(b.points)))
            elif b.gte is not None:
                parts.append(w["gte"].format(t=fmt(b.gte), p=fmt(b.points)))
            else:
                parts.append(w["other"].format(p=fmt(b.points)))
        return "; ".join(parts)

    def _entry(self, band: Band, ev: Evidence | None) -> Evidence | None:
        """The least evidence (in the unit's own form) that the band holds; None when none can."""
        threshold = band.gt if band.gt is not None else band.gte
        if threshold is None:
            return None
        strict = band.gt is not None
        if self.measure == "percent" and ev is not None and ev.form == "ratio":
            _done, of = ev.ratio()
            done = threshold * of / HUNDRED
            done = (done.to_integral_value(ROUND_FLOOR) + 1) if strict else whole_up(done)
            if done > of:
                return None
            return Evidence("ratio", done * HUNDRED / of, done, of)
        if self.measure == "count":
            value = (threshold.to_integral_value(ROUND_FLOOR) + 1) if strict else whole_up(threshold)
            return Evidence("count", max(value, ZERO))
        value = (threshold.quantize(CENT, ROUND_FLOOR) + CENT) if strict else threshold
        if self.measure == "percent":
            return Evidence("percent", value) if ZERO <= value <= HUNDRED else None
        return Evidence("value", value)

    def steps(self, leaf_max, ev, points):
        found: dict[Decimal, Step] = {}
        for band in self.bands:
            if band.points <= points:
                continue
            entry = self._entry(band, ev)
            if entry is None:
                continue
            got = self.points_of(leaf_max, entry)
            if got > points and (got not in found or _amount(entry) < _amount(found[got].evidence)):
                found[got] = Step(entry, got)
        return [found[p] for p in sorted(found)]


def _amount(ev: Evidence) -> Decimal:
    return ev.ratio()[0] if ev.form == "ratio" else ev.amount
