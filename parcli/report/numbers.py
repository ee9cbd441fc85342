"""Numbers for people and for files: exact text of a Decimal, and the rounded display."""

from __future__ import annotations

from decimal import Decimal

from ..engine import Index, round_index


def exact(value: Decimal) -> str:
    """A Decimal as plain text with no exponent and no trailing zeros: 0.374, 100, 2.5.

    A rounded index keeps its places (86.70), as published.
    """
    if isinstance(value, Index):
        return f"{value:f}"
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def display(value: Decimal | None, places: int, locale: str = "en", fixed: bool = False) -> str:
    """Rounded half-up to ``places`` for people; ``fixed`` keeps trailing zeros (indices)."""
    if value is None:
        return ""
    q: Decimal = round_index(value, places)
    if q == 0:
        q = abs(q)  # never "-0" (a small loss that rounds to nothing)
    text = f"{q:,f}" if fixed else f"{_trim(q):,f}"
    if locale == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _trim(q: Decimal) -> Decimal:
    if q == q.to_integral_value():
        return q.quantize(Decimal(1))
    return q.normalize()
