"""Writing output files: atomically, and never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from ..errors import UsageError
from ..i18n import tr


def check_output(output: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output that is one of the inputs, a folder, or in a missing folder."""
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{output}: " + tr("the folder {folder} does not exist; create it first", folder=parent))
    if output.is_dir():
        raise UsageError(f"{output}: " + tr("is a folder; give a file name such as {example}", example=output / "out.csv"))
    if output.exists():
        for src in inputs:
            try:
                if src.exists() and os.path.samefile(src, output):
                    raise UsageError(f"{output}: " + tr("is one of the input files; choose another output name"))
            except OSError:
                continue


def write_atomic(output: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write through a temporary file in the same folder, then rename over ``output``.

    If anything fails (or the run is interrupted) the old file stays as it was
    and the temporary file is removed.
    """
    parent = output.parent if str(output.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, output)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
