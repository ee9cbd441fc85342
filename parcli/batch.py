"""Scoring many unit files: streaming, one framework load per process, optional worker processes.

Each unit is loaded, checked, scored and reduced to a summary :class:`~parcli.rank.Row`
at once; its document and leaves are dropped before the next file is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Problem
from .rank import Row, summarize


@dataclass(slots=True, frozen=True)
class FrameworkInfo:
    """What a ranking needs to know of a framework (picklable, small)."""

    id: str
    version: str
    sha256: str
    status: str
    places: int
    title: str
    title_en: str | None
    fields: tuple[tuple[str, str, str | None], ...]  # (id, title, title_en)

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def title_for(self, lang: str) -> str:
        return (self.title_en or self.title) if lang == "en" else self.title


def info_of(fw) -> FrameworkInfo:
    return FrameworkInfo(fw.id, fw.version, fw.sha256, fw.status, fw.places, fw.file.title, fw.file.title_en,
                         tuple((f.id, f.title, f.title_en) for f in fw.fields))


class _Worker:
    """Per-process state: the store (frameworks loaded once) and the frameworks already reported."""

    store = None
    classes = None
    strict = False
    seen: set[str] = set()


def _init(classes, strict) -> None:
    from .store import Store

    _Worker.store = Store()
    _Worker.classes = classes
    _Worker.strict = strict
    _Worker.seen = set()


def _one(path: str) -> tuple[str, Row | None, list[Problem], FrameworkInfo | None]:
    from .checks import strict_problems
    from .engine import score

    try:
        unit, fw = _Worker.store.unit(path)
    except InputError as exc:
        return path, None, exc.problems or [Problem(path, 0, 0, exc.message)], None
    result = score(fw, unit, _Worker.classes)
    if _Worker.strict and result.missing:
        return path, None, strict_problems(path, result.missing), None
    info = None
    key = f"{fw.id}@{fw.version}"
    if key not in _Worker.seen:
        _Worker.seen.add(key)
        info = info_of(fw)
    return path, summarize(result, path), [], info


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
    return _one(path)


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
    with ctx.Pool(jobs, initializer=_init, initargs=(classes, strict)) as pool:
        for item in pool.imap(_worker_one, names, chunksize=chunk):
            if progress:
                progress()
            yield item
