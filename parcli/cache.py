"""A cache of checked frameworks, so that scoring one unit does not check its framework again.

Checking a framework file takes pydantic and its schema machinery, which costs more than
all the rest of ``parcli score``. A framework that passed its checks is kept here, named
by the sha256 of its file's bytes (so any edit of the file misses the cache) and by the
version of parcli and of the code its objects come from. The next run reads the file's
bytes, hashes them and rebuilds the checked framework from the entry.

Where: ``PARCLI_CACHE_DIR`` if set (``off`` turns the cache off), else
``%LOCALAPPDATA%\\parcli\\cache`` on Windows, ``$XDG_CACHE_HOME/parcli`` or
``~/.cache/parcli`` elsewhere.

What makes an entry trustworthy (a cache never runs code or changes a result):

- an entry is plain data: built-ins only (text, whole numbers, booleans, lists and mappings,
  numbers as text), written by ``marshal`` and read back only after its HMAC matched; the
  framework is rebuilt from it through the constructors of its own types, a rule only as one
  of the registered rule kinds, and any other type in it is refused. Nothing is unpickled,
  imported or evaluated.
- an entry is used only when its HMAC-SHA256, under a key of this user's kept beside the
  entries (``key``, mode 0600, made on first use from ``os.urandom``), matches what it
  says: the sha256 of the framework file, parcli's version and the code stamp. An entry
  written by anyone without the key, damaged, truncated or copied from another framework
  is ignored and the file is checked again.
- on POSIX, a cache folder that is not owned by this user, or that group or others may
  write into, is not used at all; entries and the key are read only when they are regular
  files of this user (never through a symlink, never a FIFO or a device: nothing blocks),
  and only up to a bound (a few times the framework file's size).

A cache that cannot be read or written is ignored: it never changes a result or stops a run.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
from dataclasses import fields as dataclass_fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import __version__
from .domain import Adjustment, Adjustments, ClassBand, Framework, Header, Node, Provenance
from .inputs.files import sha256_hex

FORMAT = 2  # bump when the entry layout changes (2: marshal of built-ins with an HMAC; 1 was a pickle)
KEY_NAME = "key"
KEY_SIZE = 32
MAGIC = b"parcli-framework-cache\n"
# An entry is at most this many times its framework file's size, plus a little: the JSON of a
# checked framework repeats each id a few times (parent, field, criterion) but never more.
SIZE_FACTOR = 16
SIZE_SLACK = 64 * 1024
_POSIX = os.name == "posix"
_DIR_FD = _POSIX and os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd


def directory() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get("PARCLI_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "parcli" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "parcli"


def _code_stamp() -> str:
    """Changes whenever the modules that define the cached types change (a new install, an edit)."""
    here = Path(__file__).parent
    stamp = 0
    for path in (here / "domain.py", here / "cache.py", here / "rules"):
        try:
            if path.is_dir():
                with os.scandir(path) as entries:
                    stamp ^= sum(e.stat().st_mtime_ns for e in entries if e.name.endswith(".py"))
            else:
                stamp ^= path.stat().st_mtime_ns
        except OSError:
            return ""
    return f"py{sys.version_info[0]}{sys.version_info[1]}.{stamp:x}"  # marshal's format is Python's


def _entry_name(sha256: str, stamp: str) -> str:
    return f"framework-{sha256}-{__version__}-{FORMAT}-{stamp}.entry"


def _bound(source_size: int) -> int:
    return SIZE_FACTOR * max(0, source_size) + SIZE_SLACK


# --- the folder, the key and bounded reads --------------------------------------


class _Folder:
    """The cache folder, opened once and checked: on POSIX its entries are opened relative to
    the folder's descriptor, so the folder cannot be swapped between the check and the read."""

    def __init__(self, path: Path, fd: int | None):
        self.path = path
        self.fd = fd

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def _where(self, name: str) -> tuple[str, dict]:
        if self.fd is not None:
            return name, {"dir_fd": self.fd}
        return str(self.path / name), {}

    def read(self, name: str, limit: int) -> bytes | None:
        """The bytes of a regular file of this user's, at most ``limit`` of them; None for anything
        else (missing, a symlink, a FIFO, a device, a folder, someone else's, too big)."""
        where, kw = self._where(name)
        try:
            info = os.stat(where, follow_symlinks=False, **kw)
            if not _own_regular(info) or info.st_size > limit:
                return None
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
            fd = os.open(where, flags, **kw)
        except (OSError, ValueError):
            return None
        try:
            opened = os.fstat(fd)
            if (not _own_regular(opened) or opened.st_size > limit
                    or (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino)):
                return None
            chunks = []
            left = limit + 1
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            data = b"".join(chunks)
            return data if len(data) <= limit else None
        except OSError:
            return None
        finally:
            os.close(fd)


def _own_regular(info: os.stat_result) -> bool:
    if not stat.S_ISREG(info.st_mode):
        return False
    return not _POSIX or info.st_uid == os.geteuid()


def _trusted(info: os.stat_result) -> bool:
    """A folder of this user's that nobody else may write into (POSIX; on Windows the per-user
    profile folder's permissions hold, and the key's HMAC still does)."""
    if not stat.S_ISDIR(info.st_mode):
        return False
    if not _POSIX:
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _open_folder(path: Path) -> _Folder | None:
    """The folder if it can be trusted, else None."""
    try:
        if _DIR_FD:
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
            try:
                ok = _trusted(os.fstat(fd))
            except OSError:
                ok = False
            if not ok:
                os.close(fd)
                return None
            return _Folder(path, fd)
        return _Folder(path, None) if _trusted(os.stat(path)) else None
    except (OSError, ValueError):
        return None


def _key(folder: _Folder, create: bool) -> bytes | None:
    """This user's key for the cache's HMACs (made on first use when ``create``)."""
    key = folder.read(KEY_NAME, KEY_SIZE)
    if key is not None and len(key) == KEY_SIZE:
        return key
    if not create:
        return None
    from .report.files import replace_file

    fresh = os.urandom(KEY_SIZE)
    try:  # a damaged key (or none) is replaced: it only makes the old entries miss
        replace_file(folder.path / KEY_NAME, lambda fh: fh.write(fresh), 0o600)
    except Exception:
        return None
    key = folder.read(KEY_NAME, KEY_SIZE)  # another run may have written its key at the same time
    return key if key is not None and len(key) == KEY_SIZE else None


_INNER = bytes(0x36 for _ in range(64))
_OUTER = bytes(0x5C for _ in range(64))


def _mac(key: bytes, sha256: str, stamp: str, payload: bytes) -> bytes:
    """HMAC-SHA256 (RFC 2104) of what an entry says and holds, as hex; with the sha256 the loader
    already has (the hmac module would import OpenSSL's hashlib on every run: 4 ms)."""
    head = f"{sha256}|{__version__}|{FORMAT}|{stamp}\n".encode("ascii")
    key = key.ljust(64, b"\0")  # a key of 32 bytes: never above the block size
    inner = bytes.fromhex(sha256_hex(bytes(k ^ p for k, p in zip(key, _INNER, strict=True)) + head + payload))
    return sha256_hex(bytes(k ^ p for k, p in zip(key, _OUTER, strict=True)) + inner).encode("ascii")


def _same(a: bytes, b: bytes) -> bool:
    """Equal, in a time that does not depend on where they differ."""
    if len(a) != len(b):
        return False
    diff = 0
    for x, y in zip(a, b, strict=True):
        diff |= x ^ y
    return diff == 0


# --- plain data, and the framework rebuilt from it ------------------------------


def _plain(value):
    """A value of a checked framework as plain data (text, whole numbers, booleans, None, lists and
    tagged mappings); anything else raises (the framework is not cached)."""
    cls = value.__class__
    if value is None or cls is str or cls is bool or cls is int:
        return value
    if cls is Decimal:
        return {"d": str(value)}
    if cls is list:
        return [_plain(v) for v in value]
    if cls is tuple:
        return {"t": [_plain(v) for v in value]}
    if cls is dict:
        if not all(k.__class__ is str for k in value):
            raise TypeError("a mapping with keys that are not text")
        return {"m": [[k, _plain(v)] for k, v in value.items()]}
    module = getattr(cls, "__module__", "")
    if hasattr(cls, "__dataclass_fields__") and module.startswith("parcli.rules."):
        return {"c": f"{module}:{cls.__qualname__}", "f": _fields(value)}
    raise TypeError(f"{cls.__name__} is not kept in a framework cache")


def _fields(value) -> dict:
    """A dataclass's constructor arguments as plain data (its class variables are not fields)."""
    return {f.name: _plain(getattr(value, f.name)) for f in dataclass_fields(value) if f.init}


def _built(data):
    """The value :func:`_plain` made, rebuilt: only built-ins, decimals and the dataclasses of the
    rule kinds' modules already loaded (looked up, never imported), through their constructors;
    any other type in an entry (a float, bytes, a code object) is refused."""
    cls = data.__class__
    if cls is list:
        return [_built(v) for v in data]
    if cls is not dict:
        if data is None or cls is str or cls is bool or cls is int:
            return data
        raise TypeError(f"{cls.__name__} is not kept in a framework cache")
    if "d" in data:
        return Decimal(data["d"])
    if "t" in data:
        return tuple(_built(v) for v in data["t"])
    if "m" in data:
        return {k: _built(v) for k, v in data["m"]}
    module, _, name = data["c"].partition(":")
    cls = _dataclass(module, name)
    return cls(**{k: _built(v) for k, v in data["f"].items()})


def _dataclass(module: str, name: str) -> type:
    owner = sys.modules.get(module) if module.startswith("parcli.rules.") else None
    cls = owner.__dict__.get(name) if owner is not None and "." not in name else None
    if not isinstance(cls, type) or cls.__module__ != module or "__dataclass_fields__" not in cls.__dict__:
        raise ValueError(f"{module}:{name} is not a rule's type")
    if cls.__dict__["__dataclass_params__"].init is False:
        raise ValueError(f"{module}:{name} has no constructor")
    return cls


def _framework_data(fw: Framework) -> dict:
    """The checked framework as built-ins only (what marshal writes)."""
    h = fw.header
    nodes: list[list[Any]] = []
    for n in fw.nodes.values():
        rule = None
        if n.rule is not None:
            rule = [n.rule.kind, _fields(n.rule)]
        nodes.append([n.id, n.kind, n.title, n.title_en, str(n.max), list(n.path), n.parent, n.field, n.criterion,
                      rule, n.source, n.documents, list(n.children)])
    for row in nodes:
        if any(p.__class__ not in (str, int) for p in row[5]):
            raise TypeError("a node path holds something other than keys and indices")
    return {
        "sha256": fw.sha256,
        "header": [h.id, h.title, h.title_en, h.level, h.basis, h.version, h.provenance.status, h.provenance.note,
                   str(h.total), h.places, [[c.label, str(c.min)] for c in h.classes]],
        "adjustments": None if h.adjustments is None else
        [str(h.adjustments.cap), [[a.kind, str(a.max), a.title, a.title_en] for a in h.adjustments.items]],
        "nodes": nodes,
        "fields": [n.id for n in fw.fields],
        "leaves": [n.id for n in fw.leaves],
    }


def _text(value) -> str:
    if value.__class__ is not str:
        raise TypeError("expected text")
    return value


def _maybe_text(value) -> str | None:
    return None if value is None else _text(value)


def _adjustments(data) -> Adjustments | None:
    if data is None:
        return None
    cap, items = data
    return Adjustments(tuple(Adjustment(_text(kind), Decimal(_text(amax)), _maybe_text(title), _maybe_text(title_en))
                             for kind, amax, title, title_en in items), Decimal(_text(cap)))


def _rebuild(data: dict, sha256: str, source_path: str) -> Framework:
    """The checked framework, rebuilt through its types' constructors (a rule as a registered kind)."""
    from .rules import REGISTRY

    if data["sha256"] != sha256:
        raise ValueError("an entry of another framework file")
    (hid, title, title_en, level, basis, version, status, note, total, places, classes) = data["header"]
    if places.__class__ is not int:
        raise TypeError("places")
    header = Header(_text(hid), _text(title), _maybe_text(title_en), _text(level), _maybe_text(basis),
                    _text(version), Provenance(_text(status), _text(note)), Decimal(_text(total)), places,
                    tuple(ClassBand(_text(label), Decimal(_text(low))) for label, low in classes),
                    _adjustments(data.get("adjustments")))
    nodes: dict[str, Node] = {}
    for (nid, kind, ntitle, ntitle_en, nmax, path, parent, field, criterion, rule, source, documents,
         children) in data["nodes"]:
        checked_rule = None
        if rule is not None:
            rule_kind, values = rule
            cls = REGISTRY[_text(rule_kind)]
            checked_rule = cls(**{k: _built(v) for k, v in values.items()})
            if checked_rule.kind != rule_kind:
                raise ValueError("a rule of another kind")
        node = Node(_text(nid), _text(kind), _text(ntitle), _maybe_text(ntitle_en), Decimal(_text(nmax)),
                    tuple(path), _maybe_text(parent), _text(field), _maybe_text(criterion), checked_rule,
                    _maybe_text(source), _maybe_text(documents), [_text(c) for c in children])
        nodes[node.id] = node
    fields = [nodes[i] for i in data["fields"]]
    leaves = [nodes[i] for i in data["leaves"]]
    for node in leaves:
        node.scorer = node.leaf_rule.scorer(node.max)
    return Framework(header, source_path, sha256, nodes, fields, leaves)


# --- load and save ----------------------------------------------------------------


def load(sha256: str, source_path: str, source_size: int) -> Framework | None:
    """The checked framework whose file (of ``source_size`` bytes) has this sha256, or None."""
    folder_path = directory()
    stamp = _code_stamp()
    if folder_path is None or not stamp or len(sha256) != 64:
        return None
    folder = _open_folder(folder_path)
    if folder is None:
        return None
    with folder:
        raw = folder.read(_entry_name(sha256, stamp), _bound(source_size))
        if raw is None:
            return None
        key = _key(folder, create=False)
    if key is None or not raw.startswith(MAGIC):
        return None
    mac, sep, payload = raw[len(MAGIC):].partition(b"\n")
    if not sep or not _same(mac, _mac(key, sha256, stamp, payload)):
        return None  # not written by this user's parcli for this file: ignored, never trusted
    try:
        return _rebuild(marshal.loads(payload), sha256, source_path)
    except Exception:  # an entry of an older layout that kept its name: check the file instead
        return None


def save(fw: Framework, source_size: int) -> None:
    """Keep a checked framework for the next run; silently nothing when that is not possible."""
    folder_path = directory()
    stamp = _code_stamp()
    if folder_path is None or not stamp or len(fw.sha256) != 64:
        return
    try:
        payload = marshal.dumps(_framework_data(fw))
    except Exception:
        return
    try:
        if not folder_path.is_dir():
            folder_path.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder_path, 0o700)
    except OSError:
        return
    folder = _open_folder(folder_path)
    if folder is None:
        return
    with folder:
        key = _key(folder, create=True)
    if key is None:
        return
    data = MAGIC + _mac(key, fw.sha256, stamp, payload) + b"\n" + payload
    if len(data) > _bound(source_size):
        return
    from .report.files import replace_file

    try:
        replace_file(folder_path / _entry_name(fw.sha256, stamp), lambda fh: fh.write(data), 0o600)
    except Exception:
        return
