"""Values as the store keeps them: exact decimals as text, evidence in unit-file form as JSON
(numbers written exactly, read back as Decimal), and the keyed digest of a workbook."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from decimal import Decimal


def dec(value: Decimal | None) -> str | None:
    """A Decimal as the store's text (exact), None as NULL."""
    if value is None:
        return None
    d = value.normalize()
    return f"{d:f}" if d != 0 else "0"


def undec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


_PLAIN = re.compile(r'[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029]*')  # text JSON writes as it is, between quotes


def _text(value: str) -> str:
    if _PLAIN.fullmatch(value):
        return f'"{value}"'
    return json.dumps(value, ensure_ascii=False)


def to_json(value) -> str:
    """A unit file's value (dicts, lists, text, booleans, Decimals) as JSON, every number exact."""
    kind = value.__class__
    if kind is str:
        return _text(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is Decimal or kind is int:
        return dec(Decimal(value)) or "0"
    if value is None:
        return "null"
    if kind is dict:
        return "{" + ",".join(_text(str(k)) + ":" + to_json(v) for k, v in value.items()) + "}"
    if kind is list or kind is tuple:
        return "[" + ",".join(map(to_json, value)) + "]"
    raise TypeError(f"not a unit file's value: {kind.__name__}")


def from_json(text: str):
    """JSON written by :func:`to_json`, numbers as Decimal (what parcli's YAML loader gives)."""
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def digest(key_hex: str, identity: list[str], cells: dict[tuple, str]) -> str:
    """HMAC-SHA256 with the campaign's key over a workbook's identity and its read-only cells' values,
    keyed by row identity (so the order of rows does not matter)."""
    body = json.dumps([identity, sorted([list(k), v] for k, v in cells.items())], ensure_ascii=False,
                      separators=(",", ":"))
    return hmac.new(bytes.fromhex(key_hex), body.encode("utf-8"), hashlib.sha256).hexdigest()


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
