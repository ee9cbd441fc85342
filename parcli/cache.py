"""A cache of checked frameworks, so that scoring one unit does not check its framework again.

Checking a framework file takes pydantic and its schema machinery, which costs more than
all the rest of ``parcli score``. A framework that passed its checks is kept here, named
by the sha256 of its file's bytes (so any edit of the file misses the cache) and by the
version of parcli and of the code its objects come from. The next run reads the file's
bytes, hashes them and loads the checked framework.

Where: ``PARCLI_CACHE_DIR`` if set (``off`` turns the cache off), else
``%LOCALAPPDATA%\\parcli\\cache`` on Windows, ``$XDG_CACHE_HOME/parcli`` or
``~/.cache/parcli`` elsewhere. A cache that cannot be read or written is ignored: it
never changes a result or stops a run. Entries are read back with an unpickler that
builds only parcli's own types and decimals, so a file put there by someone else cannot
run code.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
from pathlib import Path

from . import __version__
from .domain import Framework

FORMAT = 1  # bump when the pickled types change shape


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
    for path in (here / "domain.py", here / "rules"):
        try:
            if path.is_dir():
                with os.scandir(path) as entries:
                    stamp ^= sum(e.stat().st_mtime_ns for e in entries if e.name.endswith(".py"))
            else:
                stamp ^= path.stat().st_mtime_ns
        except OSError:
            return ""
    return f"{stamp:x}"


def _entry(sha256: str) -> Path | None:
    folder = directory()
    stamp = _code_stamp()
    if folder is None or not stamp or len(sha256) != 64:
        return None
    return folder / f"framework-{sha256}-{__version__}-{FORMAT}-{stamp}.pickle"


class _OwnTypes(pickle.Unpickler):
    """Builds parcli's own classes and decimals, nothing else."""

    def find_class(self, module: str, name: str):
        if module == "decimal" and name == "Decimal":
            return super().find_class(module, name)
        if (module == "parcli" or module.startswith("parcli.")) and not name.startswith("_"):
            cls = super().find_class(module, name)
            if isinstance(cls, type):
                return cls
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a framework cache")


def load(sha256: str, source_path: str) -> Framework | None:
    """The checked framework whose file has this sha256, or None."""
    entry = _entry(sha256)
    if entry is None:
        return None
    try:
        with open(entry, "rb") as fh:
            fw = _OwnTypes(io.BytesIO(fh.read())).load()
    except Exception:  # missing, unreadable, damaged or foreign: check the file instead
        return None
    if not isinstance(fw, Framework) or fw.sha256 != sha256:
        return None
    fw.source_path = source_path
    for node in fw.leaves:
        node.scorer = node.rule.scorer(node.max)
    return fw


def save(fw: Framework) -> None:
    """Keep a checked framework for the next run; silently nothing when that is not possible."""
    entry = _entry(fw.sha256)
    if entry is None:
        return
    scorers = [node.scorer for node in fw.leaves]
    try:
        for node in fw.leaves:
            node.scorer = None  # functions are rebuilt on load
        data = pickle.dumps(fw, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    finally:
        for node, scorer in zip(fw.leaves, scorers):
            node.scorer = scorer
    from .report.files import replace_file

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        replace_file(entry, lambda fh: fh.write(data))
    except Exception:
        return
