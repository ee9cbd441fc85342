"""File arguments: folders and patterns as lists of files, the way Windows users give them."""

from __future__ import annotations

import glob
import os
from pathlib import Path

from .errors import InputError
from .i18n import tr

UNIT_SUFFIXES = (".yaml", ".yml", ".xlsx")  # unit files and filled forms
LOCK_PREFIXES = ("~$", ".~lock")  # Excel's and LibreOffice's lock files beside an open workbook
_MAGIC = frozenset("*?[")


def expand(names: list[str], repeated: list[Path] | None = None) -> list[Path]:
    """Each name as it is, or a folder's unit files (sorted), or a pattern's matches (sorted, lock
    files left out as in folders).

    The same file counts once, however often it is named (twice, through a link, or through
    overlapping folders and patterns: ``"deep/**/**/*.yaml"`` matches a file once per way down):
    files are told apart by their resolved identity, and each later name of a file already taken
    goes to ``repeated`` (once per file) when given. A folder or a pattern that yields no file is an
    error: an empty run would look like success.
    """
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

    for name in names:
        if os.path.isdir(name):
            found = sorted(p for p in Path(name).iterdir() if p.suffix.lower() in UNIT_SUFFIXES and p.is_file()
                           and not p.name.startswith(LOCK_PREFIXES))
            if not found:
                raise InputError(f"{name}: " + tr("the folder holds no .yaml or .xlsx file"))
            for path in found:
                take(path)
        elif _MAGIC.intersection(name) and not os.path.exists(name):
            found = sorted(Path(p) for p in glob.glob(name, recursive=True)
                           if os.path.isfile(p) and not os.path.basename(p).startswith(LOCK_PREFIXES))
            if not found:
                raise InputError(f"{name}: " + tr("no file matches this pattern"))
            for path in found:
                take(path)
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
