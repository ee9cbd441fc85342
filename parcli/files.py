"""File arguments: folders and patterns as lists of files, the way Windows users give them."""

from __future__ import annotations

import glob
import os
from pathlib import Path

from .errors import InputError
from .i18n import tr

UNIT_SUFFIXES = (".yaml", ".yml", ".xlsx")  # unit files and filled forms
_MAGIC = frozenset("*?[")


def expand(names: list[str]) -> list[Path]:
    """Each name as it is, or a folder's unit files (sorted), or a pattern's matches (sorted).

    A folder or a pattern that yields no file is an error: an empty run would look like success.
    """
    out: list[Path] = []
    for name in names:
        if os.path.isdir(name):
            found = sorted(p for p in Path(name).iterdir() if p.suffix.lower() in UNIT_SUFFIXES and p.is_file()
                           and not p.name.startswith(("~$", ".~lock")))  # Excel's and LibreOffice's lock files
            if not found:
                raise InputError(f"{name}: " + tr("the folder holds no .yaml or .xlsx file"))
            out += found
        elif _MAGIC.intersection(name) and not os.path.exists(name):
            found = sorted(Path(p) for p in glob.glob(name, recursive=True) if os.path.isfile(p))
            if not found:
                raise InputError(f"{name}: " + tr("no file matches this pattern"))
            out += found
        else:
            out.append(Path(name))
    return out
