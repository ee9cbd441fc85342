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
    return f"{d:f}" if d else "0"


def undec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


_PLAIN = re.compile(r'[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029]*')  # text JSON writes as it is, between quotes


def _text(value: str) -> str:
    if _PLAIN.fullmatch(value):
        return f'"{value}"'
    return json.dumps(value, ensure_ascii=False)


_KEYS: dict[str, str] = {}  # a mapping's key -> its JSON text and the colon: the same few keys in every value


def to_json(value) -> str:
    """A unit file's value (dicts, lists, text, booleans, Decimals) as JSON, every number exact."""
    kind = value.__class__
    if kind is str:
        return _text(value)
    if kind is Decimal:
        d = value.normalize()
        return f"{d:f}" if d else "0"
    if kind is dict:
        parts = []
        for k, v in value.items():
            key = _KEYS.get(k) if k.__class__ is str else None
            if key is None:
                key = _text(str(k)) + ":"
                if k.__class__ is str and len(_KEYS) < 256:
                    _KEYS[k] = key
            vk = v.__class__
            if vk is Decimal:  # the common values at once
                d = v.normalize()
                parts.append(key + (f"{d:f}" if d else "0"))
            elif vk is str:
                parts.append(key + _text(v))
            elif vk is bool:
                parts.append(key + ("true" if v else "false"))
            else:
                parts.append(key + to_json(v))
        return "{" + ",".join(parts) + "}"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return dec(Decimal(value)) or "0"
    if value is None:
        return "null"
    if kind is list or kind is tuple:
        return "[" + ",".join(map(to_json, value)) + "]"
    raise TypeError(f"not a unit file's value: {kind.__name__}")


def from_json(text: str):
    """JSON written by :func:`to_json`, numbers as Decimal (what parcli's YAML loader gives)."""
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def digest(key_hex: str, identity: list[str], cells: dict[tuple, str]) -> str:
    """HMAC-SHA256 with the campaign's key over a workbook's identity and its read-only cells' values,
    keyed by row identity (so the order of rows does not matter)."""
    return digest_of(key_hex, identity, [cells_text(cells)])


def cells_text(cells: dict[tuple, str]) -> str:
    """The text :func:`digest` hashes of ``cells``: their ``[key, value]`` pairs in the order of their keys, as
    JSON, without the list's brackets (worked out once for the cells every workbook of a framework shares)."""
    return json.dumps(sorted([list(k), v] for k, v in cells.items()), ensure_ascii=False,
                      separators=(",", ":"))[1:-1]


def digest_of(key_hex: str, identity: list[str], texts: list[str]) -> str:
    """:func:`digest` of cells given as the :func:`cells_text` of parts of them, every key of a part before
    every key of the next (the digest of all of them together)."""
    body = ("[" + json.dumps(identity, ensure_ascii=False, separators=(",", ":")) + ",["
            + ",".join(t for t in texts if t) + "]]")
    return hmac.new(bytes.fromhex(key_hex), body.encode("utf-8"), hashlib.sha256).hexdigest()


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
