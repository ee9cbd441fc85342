"""Numbers for people (parcli/report/numbers.py): rounded half-up, in the locale's separators."""

from __future__ import annotations

from decimal import Decimal

from parcli.report import display


def test_locale_and_places():
    assert display(Decimal("86.665"), 2, "vi", fixed=True) == "86,67"
    assert display(Decimal("1234.5"), 2, "vi") == "1.234,5"
    assert display(Decimal("1234.5"), 2) == "1,234.5"
    assert display(Decimal("97.6845"), 3, fixed=True) == "97.685"
    assert display(Decimal("80"), 2, fixed=True) == "80.00"
