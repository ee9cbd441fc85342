"""Writing output files: atomically, and never over an input."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from ..errors import InputError, UsageError, os_reason
from ..i18n import tr


def is_stdout(output: Path) -> bool:
    """``-o -``: the output is standard output."""
    return str(output) == "-"


def check_output(output: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output that is one of the inputs, a folder, or in a missing folder."""
    if is_stdout(output):
        return
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


def write_atomic(output: Path, write: Callable[[IO[bytes]], None], force: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename over ``output``.

    If anything fails (or the run is interrupted) the old file stays as it was and the
    temporary file is removed. ``-`` is standard output; a device or a FIFO is written into,
    never replaced; a read-only file is refused unless ``force``; a replaced file keeps its mode.
    """
    if is_stdout(output):
        stream = sys.stdout.buffer
        sys.stdout.flush()
        write(stream)
        stream.flush()
        return
    try:
        info = os.stat(output)  # through symlinks: /dev/stdout is a device
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"{output}: " + tr("cannot write the file: {why}", why=os_reason(exc))) from None
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            with open(output, "wb") as fh:  # a device or a FIFO: written into, never replaced
                write(fh)
            return
        read_only = info is not None and not info.st_mode & stat.S_IWUSR  # by its mode: root too is asked
        if read_only and not force:
            raise InputError(f"{output}: " + tr("the file is read-only; it was left as it is. Pass --force to "
                                                "replace it"))
        replace_file(output, write, stat.S_IMODE(info.st_mode) if info is not None else None)
    except OSError as exc:
        raise UsageError(f"{output}: " + tr("cannot write the file: {why}", why=os_reason(exc))) from None


def replace_file(output: Path, write: Callable[[IO[bytes]], None], mode: int | None = None) -> None:
    """Write a new file through a temporary one in the same folder and rename it over ``output``
    (with ``mode``, else the umask's); on any failure the temporary file is removed."""
    parent = output.parent if str(output.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=".parcli-", suffix=".part", dir=parent)  # short: any output name fits
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)  # a replaced file keeps its mode
        os.replace(tmp, output)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
