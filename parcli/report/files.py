"""Writing output files: atomically, and never over an input."""

from __future__ import annotations

import errno
import os
import signal
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
    """Refuse an output that is one of the inputs, a folder, in a missing folder, or a name the file
    system cannot hold."""
    if is_stdout(output):
        return
    try:
        _check_output(output, inputs)
    except OSError as exc:
        raise UsageError(_cannot_write(output, exc)) from None


def _check_output(output: Path, inputs: Iterable[Path]) -> None:
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{output}: " + tr("the folder {folder} does not exist; create it first", folder=parent))
    if output.is_dir():
        raise UsageError(f"{output}: " + tr("is a folder; give a file name such as {example}",
                                            example=output / "out.csv"))
    if output.exists():
        for src in inputs:
            try:
                if src.exists() and os.path.samefile(src, output):
                    raise UsageError(f"{output}: " + tr("is one of the input files; choose another output name"))
            except OSError:
                continue


def short_name(path) -> str:
    """A file name as a message shows it: at most about 80 characters (its start and its end)."""
    text = str(path)
    return text if len(text) <= 80 else f"{text[:48]}…{text[-28:]}"


def _cannot_write(output: Path, exc: OSError) -> str:
    """One line: why ``output`` cannot be written (a name too long for the file system says so)."""
    if exc.errno == errno.ENAMETOOLONG:
        return f"{short_name(output)}: " + tr("the name is too long for the file system ({length:,} characters, "
                                              "or a folder name in it); choose a shorter name",
                                              length=len(str(output)))
    return f"{short_name(output)}: " + tr("cannot write the file: {why}", why=os_reason(exc))


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
        raise UsageError(_cannot_write(output, exc)) from None
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
        raise UsageError(_cannot_write(output, exc)) from None


_HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class _signals_held:
    """Hold Ctrl+C, SIGTERM and SIGHUP back while a temporary file is being created (POSIX); they are
    delivered, as usual, as soon as the file is known and its removal on failure is armed."""

    def __enter__(self):
        self.old = None
        if hasattr(signal, "pthread_sigmask"):
            self.old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        return self

    def __exit__(self, *exc):
        if self.old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.old)
        return False


def replace_file(output: Path, write: Callable[[IO[bytes]], object], mode: int | None = None) -> None:
    """Write a new file through a temporary one in the same folder and rename it over ``output``
    (with ``mode``, else the umask's); on any failure the temporary file is removed."""
    parent = output.parent if str(output.parent) else Path(".")
    tmp = None
    try:  # Ctrl+C, SIGTERM and SIGHUP arrive as KeyboardInterrupt (parcli.cli.main): the file is removed below
        with _signals_held():  # until tmp names it, a signal would leave a file no one knows the name of
            fd, tmp = tempfile.mkstemp(prefix=".parcli-", suffix=".part", dir=parent)  # short: any name fits
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
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
