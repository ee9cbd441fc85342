"""Value types shared by the file models (:mod:`parcli.model`) and the rule kinds (:mod:`parcli.rules`).

Values arrive from :mod:`parcli.loader` as ``str``, ``Decimal``, ``bool``, ``None``,
``dict`` and ``list``; the validators below accept exactly those, so a number
written as a string, or a string where a number belongs, is an error.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, WithJsonSchema


def describe_value(value: Any) -> str:
    """A value as a person would name it in a message: "the number 3", "a list"."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (Decimal, int)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        if isinstance(value, str):
            raise ValueError(f"expected a number, got the text {value!r}; write it without quotes")
        raise ValueError(f"expected a number, got {describe_value(value)}")
    return Decimal(value)


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {describe_value(value)}; put it in quotes")
    return value


def _id(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"an id is text; write it in quotes, e.g. id: \"{value}\"")
    if not value.strip():
        raise ValueError("an id cannot be empty")
    return value


def _whole(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise ValueError(f"expected a whole number such as 2021, got {describe_value(value)}")
    if value != int(value):
        raise ValueError(f"expected a whole number, got {value}")
    return int(value)


def _code(value: Any) -> Any:
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool) and value == int(value):
        return str(int(value))
    return _text(value)


def _places(value: Any) -> Any:
    value = _whole(value)
    if value not in (2, 3):
        raise ValueError(f"places is 2 or 3 (decimals shown for every index), got {value}")
    return value


Num = Annotated[Decimal, BeforeValidator(_number), WithJsonSchema({"type": "number"})]
Text = Annotated[str, BeforeValidator(_text)]
Id = Annotated[str, BeforeValidator(_id)]
Whole = Annotated[int, BeforeValidator(_whole), WithJsonSchema({"type": "integer"})]
Places = Annotated[int, BeforeValidator(_places), WithJsonSchema({"enum": [2, 3]})]
Code = Annotated[str, BeforeValidator(_code), WithJsonSchema({"type": ["string", "integer"]})]


class Strict(BaseModel):
    """A file model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
