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


_MARK = "\x00d"
_MARKED = re.compile('"\\\\u0000d([-0-9.E+]+)"')


def to_json(value) -> str:
    """A unit file's value (dicts, lists, text, booleans, Decimals) as JSON, every number exact."""
    if isinstance(value, (dict, list)):  # one json.dumps; the Decimals put in as marked text, then unmarked
        text = json.dumps(_decimals_marked(value), ensure_ascii=False, separators=(",", ":"))
        return _MARKED.sub(r"\1", text) if _MARK in text or "\\u0000d" in text else text
    return _to_json(value)


def _decimals_marked(value):
    if isinstance(value, dict):
        return {str(k): _decimals_marked(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_decimals_marked(v) for v in value]
    if isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool)):
        return _MARK + (dec(Decimal(value)) or "0")
    if isinstance(value, str) and value.startswith(_MARK):
        raise TypeError("text that starts with NUL")
    return value


def _to_json(value) -> str:
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(str(k), ensure_ascii=False) + ":" + _to_json(v)
                              for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_to_json(v) for v in value) + "]"
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (Decimal, int)):
        return dec(Decimal(value)) or "0"
    raise TypeError(f"not a unit file's value: {type(value).__name__}")


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
