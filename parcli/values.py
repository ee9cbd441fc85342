"""The checks of single values that the file models use (:mod:`parcli.shapes` wraps them
as pydantic types), and :func:`describe_value` for messages. Plain Python: no pydantic.

Values arrive from :mod:`parcli.inputs.yaml` as ``str``, ``Decimal``, ``bool``, ``None``,
``dict`` and ``list``; the validators below accept exactly those, so a number
written as a string, or a string where a number belongs, is an error.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .hints import number_text_hint
from .i18n import tr


def describe_value(value: Any) -> str:
    """A value as a person would name it in a message: "the number 3", "a list"."""
    if value is None:
        return tr("nothing (an empty value)")
    if isinstance(value, bool):
        return tr("the boolean {value}", value=str(value).lower())
    if isinstance(value, (Decimal, int)):
        return tr("the number {value}", value=value)
    if isinstance(value, str):
        return tr("the text {value!r}", value=value)
    if isinstance(value, dict):
        return tr("a mapping")
    if isinstance(value, list):
        return tr("a list")
    return type(value).__name__


def as_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        if isinstance(value, str):
            raise ValueError(number_text_hint(value)
                             or tr("expected a number, got the text {value!r}; write it without quotes", value=value))
        raise ValueError(tr("expected a number, got {what}", what=describe_value(value)))
    return Decimal(value)


def as_text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(tr("expected text, got {what}; put it in quotes", what=describe_value(value)))
    return value


def as_id(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(tr("an id is text; write it in quotes, e.g. id: \"{value}\"", value=value))
    if not value.strip():
        raise ValueError(tr("an id cannot be empty"))
    return value


def as_whole(value: Any, example: str = "2021") -> Any:
    """A whole number (``example``: the one a message shows, a year unless said otherwise)."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise ValueError(tr("expected a whole number such as {example}, got {what}", example=example,
                            what=describe_value(value)))
    if value != int(value):
        raise ValueError(tr("expected a whole number, got {value}", value=value))
    return int(value)


def as_code(value: Any) -> Any:
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool) and value == int(value):
        return str(int(value))
    return as_text(value)


def as_places(value: Any) -> Any:
    value = as_whole(value, "2")
    if value not in (2, 3):
        raise ValueError(tr("places is 2 or 3 (decimals shown for every index), got {value}", value=value))
    return value
