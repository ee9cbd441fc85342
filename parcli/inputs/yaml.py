"""The one YAML loader of parcli.

Every file (framework, unit, rank CSV aside) is read here and nowhere else:

- safe by construction: PyYAML only *composes* nodes (libyaml's C parser when
  present, the pure-Python one otherwise); the values are built by
  :func:`_build` below, which knows nothing but mappings, sequences and plain
  scalars. Any explicit tag (``!!python/object``, ``!foo``) is an error, so
  nothing is ever executed. Anchors and aliases are refused (no alias bombs).
- YAML 1.2 core scalars: ``true``/``false`` (not ``yes``/``on``), ``null``/``~``,
  integers and floats built as :class:`~decimal.Decimal` from their own text,
  never through float; finite and below 10**12 in magnitude.
- mapping keys are kept as the scalar's own text (``2.10`` stays ``"2.10"``);
  a duplicate key is an error at the line of the second.
- strings are NFC-normalised.
- the node tree is kept beside the values so that any later error can be placed
  at ``file:line:col`` (:meth:`Document.locate`).
- limits: file size (20 MB by default, ``PARCLI_MAX_BYTES``), nesting depth.

The loader subclasses PyYAML's classes and never changes PyYAML's globals.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import InputError, Problem, input_error
from ..hints import yaml_syntax
from ..i18n import tr
from .files import decode, read_bytes, sha256_hex

try:  # libyaml's C parser: several times faster than the pure-Python one
    from yaml._yaml import CParser as _CParser  # what yaml.CSafeLoader is built on

    HAVE_C = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CParser = None  # type: ignore[assignment, misc]
    HAVE_C = False

MAX_DEPTH = 32
NUMBER_LIMIT = Decimal(10) ** 12
# libyaml composes recursively in C; far beyond this depth it overflows the C
# stack, so a file that *could* nest deeper is measured first (see _depth_guard).
_C_SAFE_DEPTH = 5000

# A node without an explicit tag gets its kind's class name as tag (see _FastComposer);
# an explicit tag is always "!…" or "tag:…", so the two never meet.
_SCALAR = "ScalarNode"
_MAPPING = "MappingNode"
_SEQUENCE = "SequenceNode"
_STR_TAG = "tag:yaml.org,2002:str"

_NULLS = frozenset(["", "~", "null", "Null", "NULL"])
_TRUES = frozenset(["true", "True", "TRUE"])
_FALSES = frozenset(["false", "False", "FALSE"])
_NONFINITE = frozenset(
    f"{sign}{word}"
    for sign in ("", "+", "-")
    for word in (".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN")
)
_YAML11_BOOLS = frozenset(
    w for word in ("yes", "no", "on", "off", "y", "n") for w in (word, word.capitalize(), word.upper())
)
# YAML 1.2 core schema: integers and floats (an integer is a float without "." or exponent)
_NUMBER = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NUMERIC_START = frozenset("0123456789+-.")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")




def _mixin_resolve(self, kind, value, implicit):
    # Resolve nothing implicitly: _Builder decides what a plain scalar is.
    return kind.__name__


def _no_path_resolvers(self, *args):
    return None


if HAVE_C:

    class _FastComposer(_CParser, yaml.resolver.BaseResolver):
        """libyaml parser and composer; tags resolved by parcli, not PyYAML.

        The composer calls ``resolve(kind, value, implicit)`` for every node and
        ``descend_resolver``/``ascend_resolver`` around every collection; here
        they do the least possible (no regex per scalar, as PyYAML's resolver does).
        """

        resolve = _mixin_resolve
        descend_resolver = _no_path_resolvers
        ascend_resolver = _no_path_resolvers


class _PureComposer(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.resolver.BaseResolver,
):
    """The pure-Python fallback, used when libyaml is missing."""

    resolve = _mixin_resolve

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)


class Located(Protocol):
    """What the checks need of a document: its values, and problems placed in it. A YAML file
    (:class:`Document`) or a filled form read as one (``parcli.inputs.form.FormDocument``)."""

    file: str
    data: Any

    def problem(self, path, message: str, key: bool = False, severity: str = "error") -> Problem: ...


@dataclass(slots=True)
class Document:
    """A loaded YAML file: its values, and its nodes for error positions."""

    file: str
    data: Any
    root: Any
    sha256: str = ""  # of the file's bytes, when read from a file
    size: int = 0  # the file's size in bytes, with sha256
    keys: dict = field(default_factory=dict)  # id(large mapping node) -> {key: (key node, value node)}

    def locate(self, path: tuple | list, key: bool = False) -> tuple[int, int]:
        """The 1-based ``(line, col)`` of the node at ``path``.

        ``path`` holds mapping keys (text) and sequence indices. Where the path
        leaves the tree, the position of the deepest node reached is returned.
        With ``key=True`` the position of the last key itself is returned.
        """
        node = self.root
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for i, step in enumerate(path):
            last = i == len(path) - 1
            if isinstance(node, MappingNode):
                pair = self._pair(node, str(step))
                if pair is None:
                    return (mark.line + 1, mark.column + 1)
                k, v = pair
                mark = k.start_mark if (key and last) else v.start_mark
                node = v
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
                mark = node.start_mark
            else:
                break
        return (mark.line + 1, mark.column + 1)

    def _pair(self, node, step: str):
        """The (key node, value node) of ``step`` in a mapping node: a scan for small mappings, an
        index built once for large ones (50,000 problems in a 50,000-key mapping stay linear)."""
        if len(node.value) <= 16:
            for k, v in node.value:
                if isinstance(k, ScalarNode) and _nfc(k.value) == step:
                    return k, v
            return None
        index = self.keys.get(id(node))
        if index is None:
            index = {}
            for k, v in node.value:
                if isinstance(k, ScalarNode):
                    index.setdefault(_nfc(k.value), (k, v))
            self.keys[id(node)] = index
        return index.get(step)

    def problem(self, path, message: str, key: bool = False, severity: str = "error") -> Problem:
        line, col = self.locate(path, key=key)
        return Problem(self.file, line, col, message, severity)


def _nfc(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)




def load_file(path: str | Path, display: str | None = None, digest: bool = True) -> Document:
    """Read, decode and parse one YAML file: the one way a file becomes a :class:`Document`.

    With ``digest`` the document's ``sha256`` is that of the file's bytes (frameworks
    are named by it; unit files, read by the thousand, need none).
    """
    name = display if display is not None else str(path)
    raw = read_bytes(path, name)
    doc = load_text(decode(raw, name), name)
    if digest:
        doc.sha256 = sha256_hex(raw)
        doc.size = len(raw)
    return doc


def load_text(text: str, name: str = "<text>") -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`InputError`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    composer_cls = _FastComposer if HAVE_C else _PureComposer
    if HAVE_C:
        _depth_guard(text, name)
    composer = None
    try:
        composer = composer_cls(text)  # the pure-Python reader checks every character here
        root = composer.get_single_node()
    except (yaml.YAMLError, RecursionError) as exc:
        # Whatever the parser's own limits (libyaml >= 0.2.5 stops at 1,000 levels with a
        # message of its own; the pure-Python composer recurses), nesting beyond parcli's
        # limit is parcli's message, at the first collection that goes too deep.
        _refuse_deep(text, name, composer_cls)
        if isinstance(exc, RecursionError):
            raise input_error(name, 0, 0, tr("nesting deeper than {depth} levels", depth=MAX_DEPTH)) from None
        raise _syntax_error(exc, text, name) from None
    finally:
        dispose = getattr(composer, "dispose", None)
        if dispose:
            dispose()
    if root is None:
        raise input_error(name, 0, 0, tr("the file has no content (only comments or blank lines)"))
    builder = _Builder(name, check_aliases="*" in text)
    data = builder.build(root, 0)
    return Document(name, data, root)


def _syntax_error(exc: Exception, text: str, name: str) -> InputError:
    """A parser's error as parcli's message, in the chosen language, at its line and column."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return input_error(name, *yaml_syntax(exc.problem or "", exc.context or "", text, line, col))
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow (the pure reader)
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return input_error(name, *yaml_syntax("control characters are not allowed", "", text, line, col))
    return input_error(name, *yaml_syntax(_one_line(exc), "", text, 0, 0))


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _depth_guard(text: str, name: str) -> None:
    """Refuse pathological nesting before libyaml's recursive composer sees it.

    Every nesting level needs one of ``[{-:?``; when the file holds fewer than
    the C composer can safely take, there is nothing to measure. Otherwise
    the depth is measured on the event stream, stopping at the limit.
    """
    bound = 0
    for ch in "[{-:?":
        bound += text.count(ch)
        if bound > _C_SAFE_DEPTH:
            break
    else:
        return
    _refuse_deep(text, name, _FastComposer)


def _refuse_deep(text: str, name: str, parser_cls) -> None:
    """Raise parcli's nesting message at the first collection nested deeper than
    :data:`MAX_DEPTH`; return when the text nests no deeper, or breaks first.

    The depth is followed on the event stream. A parser that gives up first (libyaml
    >= 0.2.5 stops at 1,000 levels while it scans ahead through ``[[[[…``) leaves the
    rest to :func:`_deep_flow`, which follows the flow brackets after the last event.
    """
    parser = None
    depth = 0
    last = 0
    try:
        parser = parser_cls(text)
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    _too_deep(name, mark.line if mark else 0, mark.column if mark else 0)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            last = event.end_mark.index
    except (yaml.YAMLError, RecursionError):
        if parser is not None:
            _deep_flow(text, name, last, depth)
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


class _FlowScanner(yaml.reader.Reader, yaml.scanner.Scanner):
    """PyYAML's pure-Python scanner alone: tokens, no nesting limit, no recursion."""

    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)


def _deep_flow(text: str, name: str, start: int, depth: int) -> None:
    """Follow ``[`` and ``{`` from the first one at or after ``start`` (``depth`` levels
    deep already); raise the nesting message where they go deeper than the limit."""
    begin = min((i for i in (text.find("[", start), text.find("{", start)) if i >= 0), default=-1)
    if begin < 0:
        return
    try:
        scanner = _FlowScanner(text[begin:])
        while True:
            token = scanner.get_token()
            if token is None or isinstance(token, yaml.StreamEndToken):
                return
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                depth += 1
                if depth > MAX_DEPTH:
                    at = begin + token.start_mark.index
                    line = text.count("\n", 0, at)
                    _too_deep(name, line, at - (text.rfind("\n", 0, at) + 1))
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                depth -= 1
    except yaml.YAMLError:
        return


def _too_deep(name: str, line: int, col: int):
    """The nesting message at a 0-based line and column."""
    raise input_error(name, line + 1, col + 1, tr("nesting deeper than {depth} levels", depth=MAX_DEPTH))


_MISS = object()
# Control characters that quoted text can hold through escapes; tab and line breaks are fine.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_PLACES = 6  # decimal places a number in a file may carry
_CACHE_SIZE = 4096
# plain scalar text -> its value (None, bool, Decimal or str: all immutable); only
# texts that resolved without error are stored
_PLAIN_CACHE: dict[str, Any] = {}


class _Builder:
    """Turns composed nodes into plain values: dict, list, str, Decimal, bool, None."""

    __slots__ = ("name", "seen")

    def __init__(self, name: str, check_aliases: bool = True):
        self.name = name
        # Aliases need "*" in the text; without one there is nothing to look for.
        self.seen: set[int] | None = set() if check_aliases else None

    def fail(self, node, message: str) -> InputError:
        mark = node.start_mark
        return input_error(self.name, mark.line + 1, mark.column + 1, message)

    def build(self, node, depth: int):
        seen = self.seen
        if seen is not None:
            ident = id(node)
            if ident in seen:
                raise self.fail(node, tr("anchors and aliases (&name / *name) are not supported; write the value out"))
            seen.add(ident)
        cls = node.__class__
        if cls is ScalarNode:
            tag = node.tag
            if tag != _SCALAR:
                if tag == _STR_TAG:
                    return self.text(node, node.value)
                raise self.fail(node, tr("tags such as {tag!r} are not allowed; remove the tag", tag=tag))
            if node.style:
                return self.text(node, node.value)
            return self.plain(node)
        if depth >= MAX_DEPTH:
            raise self.fail(node, tr("nesting deeper than {depth} levels", depth=MAX_DEPTH))
        if cls is MappingNode:
            if node.tag != _MAPPING:
                raise self.fail(node, tr("tags such as {tag!r} are not allowed; remove the tag", tag=node.tag))
            out: dict[str, Any] = {}
            build = self.build
            cache = _PLAIN_CACHE
            depth += 1
            for knode, vnode in node.value:
                if knode.__class__ is not ScalarNode:
                    raise self.fail(knode, tr("a mapping key must be plain text, not a list or mapping"))
                ktag = knode.tag
                if ktag != _SCALAR and ktag != _STR_TAG:
                    raise self.fail(knode, tr("tags such as {tag!r} are not allowed; remove the tag", tag=ktag))
                key = knode.value
                if knode.style:
                    key = self.text(knode, key)
                elif not key.isascii():
                    key = unicodedata.normalize("NFC", key)
                elif key == "<<" and not knode.style:
                    raise self.fail(knode, tr("merge keys (<<) are not supported; write the values out"))
                if key in out:
                    raise self.fail(knode, tr("duplicate key {key!r}; each key may appear once", key=key))
                if seen is None:
                    # The common cases, without a call to build(). Plain scalars repeat from
                    # file to file ("true", "0.5", "kip_thoi"), so their values are cached.
                    vcls = vnode.__class__
                    if vcls is ScalarNode and vnode.tag == _SCALAR and not vnode.style:
                        text = vnode.value
                        value = cache.get(text, _MISS)
                        if value is _MISS:
                            value = self.cached_plain(vnode)
                        out[key] = value
                        continue
                    if vcls is MappingNode and vnode.tag == _MAPPING and depth < MAX_DEPTH:
                        inner = self.flat_mapping(vnode)
                        if inner is not None:
                            out[key] = inner
                            continue
                out[key] = build(vnode, depth)
            return out
        if node.tag != _SEQUENCE:
            raise self.fail(node, tr("tags such as {tag!r} are not allowed; remove the tag", tag=node.tag))
        return [self.build(item, depth + 1) for item in node.value]

    def text(self, node, value: str) -> str:
        """A quoted scalar: its escapes (\\x01, \\e) may make control characters, which are refused."""
        bad = CONTROL.search(value)
        if bad:
            raise self.fail(node, tr("a control character ({char}) in text; remove it (only tab and line breaks "
                                     "are allowed)", char=f"U+{ord(bad.group(0)):04X}"))
        return value if value.isascii() else unicodedata.normalize("NFC", value)

    def cached_plain(self, node):
        value = self.plain(node)
        cache = _PLAIN_CACHE
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[node.value] = value
        return value

    def flat_mapping(self, node):
        """A mapping of plain ASCII keys to plain scalars (an evidence value), or None."""
        out = {}
        cache = _PLAIN_CACHE
        for knode, vnode in node.value:
            if (knode.__class__ is not ScalarNode or vnode.__class__ is not ScalarNode
                    or knode.tag != _SCALAR or vnode.tag != _SCALAR or vnode.style):
                return None
            key = knode.value
            if key in out or not key.isascii() or key == "<<":
                return None
            text = vnode.value
            value = cache.get(text, _MISS)
            if value is _MISS:
                value = self.cached_plain(vnode)
            out[key] = value
        return out

    def plain(self, node):
        value = node.value
        if value in _NULLS:
            return None
        first = value[0]
        if first in _NUMERIC_START:
            if _NUMBER.fullmatch(value):
                try:
                    number = Decimal(value)
                except ArithmeticError:  # an exponent beyond any decimal's range
                    if "e-" in value.lower():
                        raise self.fail(node, tr("the number {value} has more than {places} decimal places",
                                                 value=shortened(value), places=MAX_PLACES)) from None
                    raise self.fail(node, tr("the number {value} is too large (the limit is 10^12 in magnitude)",
                                             value=shortened(value))) from None
            elif _OCT.fullmatch(value):
                number = Decimal(int(value[2:], 8))
            elif _HEX.fullmatch(value):
                number = Decimal(int(value[2:], 16))
            elif value in _NONFINITE:
                raise self.fail(node, tr("{name} is not a finite number", name=value))
            else:
                return _nfc(value)
            if not -NUMBER_LIMIT < number < NUMBER_LIMIT:
                raise self.fail(node, tr("the number {value} is too large (the limit is 10^12 in magnitude)",
                                         value=shortened(value)))
            if number and decimal_places(number) > MAX_PLACES:
                raise self.fail(node, tr("the number {value} has more than {places} decimal places",
                                         value=shortened(value), places=MAX_PLACES))
            if not number:
                number = Decimal(0)  # 0.000, -0 and 0e-999 are all 0
            return number
        if value in _TRUES:
            return True
        if value in _FALSES:
            return False
        return value if value.isascii() else unicodedata.normalize("NFC", value)


def read_number(text: str, places: int = 12) -> Decimal:
    """A number read back from a file parcli wrote (result JSON, rank CSV), with a YAML file's limits:
    finite, below 10^12 in magnitude, at most ``places`` decimal places (computed points carry 12);
    ValueError with what is wrong otherwise."""
    text = text.strip()
    if len(text) > 64:
        raise ValueError(tr("the number {value} is too long", value=text))
    try:
        number = Decimal(text)
    except ArithmeticError:
        raise ValueError(tr("{value!r} is not a number", value=text)) from None
    if not number.is_finite():
        raise ValueError(tr("{name} is not a finite number", name=text))
    if not -NUMBER_LIMIT < number < NUMBER_LIMIT:
        raise ValueError(tr("the number {value} is too large (the limit is 10^12 in magnitude)", value=shortened(text)))
    if number and decimal_places(number) > places:
        raise ValueError(tr("the number {value} has more than {places} decimal places", value=shortened(text),
                            places=places))
    return number if number else Decimal(0)


def decimal_places(number: Decimal) -> int:
    """Decimal places a number carries once trailing zeros are dropped (97.3000 has 1), without
    arithmetic (1e-99999999999999999999 is beyond any context's exponent range)."""
    sign, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0:  # "n", "N", "F": NaN and infinity, refused before
        return 0
    zeros = 0
    for d in reversed(digits):
        if d:
            break
        zeros += 1
    return max(0, -(exponent + zeros))


def shortened(text: str, limit: int = 40) -> str:
    """What a message quotes of a value: at most ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_yaml11_bool(value: Any) -> bool:
    """``yes``/``no``/``on``/``off``: booleans in YAML 1.1, text in YAML 1.2."""
    return isinstance(value, str) and value in _YAML11_BOOLS
