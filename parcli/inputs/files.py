"""Everything about a file before its format: its bytes within the size limit, their text,
their digest, and the file arguments of a command (folders and patterns as lists of files,
the way Windows users give them).

Every reader of parcli (:mod:`parcli.inputs.yaml`, :mod:`parcli.inputs.workbook`,
:mod:`parcli.inputs.ranking`, :mod:`parcli.inputs.result`) reads a file's bytes here.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..errors import InputError, input_error, os_reason
from ..i18n import tr

try:  # CPython's own SHA-256: hashlib would load OpenSSL first, 5 ms of every run
    from _sha2 import sha256 as _sha256_impl
except ImportError:
    try:
        from _sha256 import sha256 as _sha256_impl
    except ImportError:
        from hashlib import sha256 as _sha256_impl


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex (frameworks are named by it)."""
    return _sha256_impl(data).hexdigest()


DEFAULT_MAX_BYTES = 20 * 1024 * 1024
UNIT_SUFFIXES = (".yaml", ".yml", ".xlsx")  # unit files and filled forms
LOCK_PREFIXES = ("~$", ".~lock")  # Excel's and LibreOffice's lock files beside an open workbook
_MAGIC = frozenset("*?[")


def max_bytes() -> int:
    """The file-size limit: ``PARCLI_MAX_BYTES`` or 20 MB."""
    raw = os.environ.get("PARCLI_MAX_BYTES", "")
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_MAX_BYTES
    return value if value > 0 else DEFAULT_MAX_BYTES



# The ``schema:`` line of a parcli file (unit, framework, campaign or survey definition), at the start of a
# line and unquoted or quoted: the mark of a file parcli may read as its own and quote lines of.
_SCHEMA_LINE = re.compile(rb"^(?:\xef\xbb\xbf)?[ \t]*[\"']?schema[\"']?[ \t]*:[ \t]*[\"']?"
                          rb"parcli/(unit|framework|campaign|survey)/v\d", re.M)


def parcli_kind(raw: bytes) -> str | None:
    """The kind a file's ``schema:`` line declares (``"unit"``, ``"framework"``, ``"campaign"``,
    ``"survey"``), or ``None`` for a file that is not a parcli file: parcli reads such a file as a
    framework, and quotes its lines in a problem's display, only when it declares itself one."""
    found = _SCHEMA_LINE.search(raw)
    return found.group(1).decode("ascii") if found else None


def read_bytes(path: str | Path, display: str | None = None) -> bytes:
    """Read a file's bytes, refusing directories and files above the size limit."""
    name = display if display is not None else str(path)
    limit = max_bytes()
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise input_error(name, 0, 0, tr("not a regular file (a device, pipe or socket); give the path of a "
                                              "file"))
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise input_error(
                    name, 0, 0,
                    tr("the file is {size:,} bytes, above the limit of {limit:,}; "
                       "split it, or raise the limit with PARCLI_MAX_BYTES", size=size, limit=limit),
                )
            raw = fh.read(min(size, limit) + 1)  # never a buffer of the limit's size for a small file
    except FileNotFoundError:
        raise input_error(name, 0, 0, tr("no such file; check the path")) from None
    except ValueError:  # a NUL in the path
        raise input_error(name, 0, 0, tr("the path holds a NUL character; check the path")) from None
    except IsADirectoryError:
        raise input_error(name, 0, 0, tr("is a directory, not a file; give the path of a .yaml file")) from None
    except PermissionError:
        raise input_error(name, 0, 0, tr("cannot read the file: permission denied")) from None
    except OSError as exc:
        raise input_error(name, 0, 0, tr("cannot read the file: {why}", why=os_reason(exc))) from None
    if len(raw) > limit:
        raise input_error(name, 0, 0, tr("the file is above the limit of {limit:,} bytes", limit=limit))
    return raw


def decode(raw: bytes, name: str, kind: str = "YAML") -> str:
    """UTF-8 (with or without BOM) to text; anything else is a clear error. ``kind``: the text's format, as a
    message about binary data names it (YAML, JSON, CSV)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise input_error(name, 0, 0, tr("the file is UTF-16; save it as UTF-8"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise input_error(name, line, 1, tr("the file holds binary data (a NUL byte), not {kind} text", kind=kind))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise input_error(
            name, line, col,
            tr("byte 0x{byte:02x} is not valid UTF-8; save the file as UTF-8", byte=raw[exc.start]),
        ) from None
    if not text.strip():
        raise input_error(name, 0, 0, tr("the file is empty"))
    return text



def looks_like_path(ref: str) -> bool:
    """Whether a framework reference names a file (rather than a shipped framework's id)."""
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def _other_kind(path: Path) -> str | None:
    """The kind of parcli file other than a unit that a YAML file declares in its first lines (a framework beside
    its units, a survey definition), else None (a unit, or anything the unit reader will say is not one)."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError:  # said when it is read as a unit
        return None
    kind = parcli_kind(head)
    return kind if kind not in (None, "unit") else None


_HEAD_BYTES = 4096  # where a parcli file's schema line is (a unit's, at the top, in every file parcli writes)


def expand(names: list[str], repeated: list[Path] | None = None, workbooks_only: bool = False,
           others: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Each name as it is, or a folder's unit files (sorted), or a pattern's matches (sorted, lock
    files left out as in folders).

    The same file counts once, however often it is named (twice, through a link, or through
    overlapping folders and patterns: ``"deep/**/**/*.yaml"`` matches a file once per way down):
    files are told apart by their resolved identity, and each later name of a file already taken
    goes to ``repeated`` (once per file) when given. A folder or a pattern that yields no file is an
    error: an empty run would look like success. ``workbooks_only``: a folder stands for its .xlsx files
    (``campaign receive``: the campaign's own folder holds campaign.yaml, which is no workbook). ``others`` (a
    list) asks for units: a YAML file a folder or a pattern yields that declares another kind of parcli file (the
    framework beside its units) is left out and goes to ``others`` with its kind; a file named by itself is
    always taken.
    """
    suffixes = (".xlsx",) if workbooks_only else UNIT_SUFFIXES
    out: list[Path] = []
    seen: set = set()
    again: dict = {}

    def take(path: Path) -> None:
        key = _identity(path)
        if key in seen:
            again.setdefault(key, path)
        else:
            seen.add(key)
            out.append(path)

    def pick(path: Path) -> None:  # a file a folder or a pattern yields
        kind = _other_kind(path) if others is not None else None
        if kind is None or others is None:
            take(path)
        elif _identity(path) not in seen:
            seen.add(_identity(path))
            others.append((path, kind))

    for name in names:
        if os.path.isdir(name):
            found = sorted(p for p in Path(name).iterdir() if p.suffix.lower() in suffixes and p.is_file()
                           and not p.name.startswith(LOCK_PREFIXES))
            if not found:
                raise InputError(f"{name}: " + (tr("the folder holds no .xlsx file") if workbooks_only
                                                 else tr("the folder holds no .yaml or .xlsx file")))
            for path in found:
                pick(path)
        elif _MAGIC.intersection(name) and not os.path.exists(name):
            import glob

            found = sorted(Path(p) for p in glob.glob(name, recursive=True)
                           if os.path.isfile(p) and not os.path.basename(p).startswith(LOCK_PREFIXES))
            if not found:
                raise InputError(f"{name}: " + tr("no file matches this pattern"))
            for path in found:
                pick(path)
        else:
            take(Path(name))
    if repeated is not None:
        repeated.extend(again.values())
    return out


def _identity(path: Path):
    """What tells two names of one file apart from two files: the device and inode of the file (through
    links), else its absolute, normalised path (a name that does not exist yet is reported later)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(path))
    if info.st_ino:
        return (info.st_dev, info.st_ino)
    return os.path.normcase(os.path.realpath(path))
