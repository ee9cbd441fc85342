"""Scoring many unit files: streaming, one framework load per process, optional worker processes.

Each unit is loaded, checked, scored and reduced to a summary :class:`~parcli.rank.Row`
at once; its document and leaves are dropped before the next file is read.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem
from .i18n import language
from .rank import Row
from .summary import FrameworkInfo, NodeLine, Summary, summarize

if TYPE_CHECKING:
    from .store import Store


class _Worker:
    """Per-process state: the store (frameworks loaded once) and the frameworks' infos."""

    store: Store | None = None  # set by _init
    classes = None
    strict = False
    infos: dict[str, FrameworkInfo] = {}


_STOP_SIGNALS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


@contextlib.contextmanager
def _forking():
    """Ctrl+C, SIGTERM and SIGHUP blocked while the pool forks its workers: a signal arriving then waits
    (in the parent, until the block ends; in a worker, until :func:`_init` has set it to be ignored or to
    end the worker quietly), so no worker ever shows a traceback of its start."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: workers are spawned, not forked
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _init(classes, strict, lang=None) -> None:
    from .i18n import set_language
    from .store import Store

    if lang is not None:
        set_language(lang)  # spawned workers (Windows) start without the parent's choice
    if lang is not None:  # a worker process: Ctrl+C is the parent's to report, in one line
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for name in ("SIGTERM", "SIGHUP"):  # the pool ends its workers with SIGTERM: quietly
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        if hasattr(signal, "pthread_sigmask"):  # forked with them blocked (see _forking): now they may come
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)

    _Worker.store = Store()
    _Worker.classes = classes
    _Worker.strict = strict
    _Worker.infos = {}


def _one(path: str) -> tuple[str, Row | None, list[Problem], FrameworkInfo | None]:
    """Score one file into a row; the framework's info comes with the first row of each framework."""
    from .scoring import score_file

    store = _Worker.store
    if store is None:
        raise RuntimeError("_init prepares a worker before it scores")
    result, problems = score_file(store, path, strict=_Worker.strict, classes=_Worker.classes)
    if result is None:
        return path, None, problems, None
    fw = result.framework
    new = None
    info = _Worker.infos.get(fw.sha256)
    if info is None:
        info = new = _Worker.infos[fw.sha256] = FrameworkInfo.of(fw)
    return path, Row(summarize(result, info, leaves=False)), [], new


class _no_cyclic_gc:
    """Pause the cyclic garbage collector while scoring many files.

    Loading a unit allocates many short-lived objects without reference cycles;
    reference counting frees them, and the cyclic collector's repeated passes
    over the long-lived objects (framework, summary rows) are pure overhead.
    A full collection runs at the end.
    """

    def __enter__(self):
        import gc

        self.was_enabled = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc):
        import gc

        if self.was_enabled:
            gc.enable()
        gc.collect()
        return False


def _worker_one(path: str):
    import gc

    if gc.isenabled():
        gc.disable()  # see _no_cyclic_gc: the worker process lives only for this batch
    path, row, problems, info = _one(path)
    return path, (_pack(row.summary) if row is not None else None), problems, info


def _pack(s: Summary) -> tuple:
    """A row's summary as plain values for the trip from a worker: its framework by hash, field
    titles left out (the parent has both from the framework's info)."""
    return (s.framework.sha256, s.unit, s.code, s.year, s.points, s.max, s.index, s.klass,
            tuple((f.max, f.points, f.index, f.status) for f in s.fields), s.file, s.blank)


def _unpack(packed: tuple, infos: dict[str, FrameworkInfo]) -> Row:
    sha, unit, code, year, points, top, index, klass, fields, file, blank = packed
    info = infos[sha]
    lines = [NodeLine(fid, title, *values) for (fid, title, _en), values in zip(info.fields, fields, strict=True)]
    return Row(Summary(info, unit, code, year, points, top, index, klass, lines, file=file, blank=blank))


def summaries(
    paths: Iterable[Path | str],
    classes=None,
    strict: bool = False,
    jobs: int = 1,
    progress: Callable[[], None] | None = None,
):
    """Yield ``(path, row or None, problems, framework info or None)`` for each file, in order."""
    names = [str(p) for p in paths]
    if jobs <= 1 or len(names) < 2 * jobs:
        _init(classes, strict)
        with _no_cyclic_gc():
            for name in names:
                item = _one(name)
                if progress:
                    progress()
                yield item
        return
    import multiprocessing

    chunk = max(1, min(256, len(names) // (jobs * 8)))
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    infos: dict[str, FrameworkInfo] = {}
    with _forking():  # a Ctrl+C now reaches the parent alone, once its workers ignore it
        pool = ctx.Pool(jobs, initializer=_init, initargs=(classes, strict, language()))
    with pool:
        for path, packed, problems, info in pool.imap(_worker_one, names, chunksize=chunk):
            if info is not None:
                infos.setdefault(info.sha256, info)
            row = _unpack(packed, infos) if packed is not None else None
            if progress:
                progress()
            yield path, row, problems, info
