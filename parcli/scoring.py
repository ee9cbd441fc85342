"""Scoring files: the one way every command turns a unit file into a result.

:func:`score_file` loads and checks one unit file (and its framework, once per
:class:`~parcli.store.Store`), scores it, and turns every input error into
problems, applying strict mode; :func:`score_files` does it for many files and
raises every problem of every file together at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .checks import strict_problems
from .engine import Result, score
from .errors import InputError, Problem
from .inputs.yaml import Document
from .store import Store


def score_file(store: Store, path: str | Path, *, strict: bool = False, classes=None,
               doc: Document | None = None) -> tuple[Result | None, list[Problem]]:
    """``(result, [])``, or ``(None, problems)`` when the file or its framework is invalid."""
    try:
        unit, fw = store.unit(path, doc)
    except InputError as exc:
        return None, exc.problems or [Problem(str(path), 0, 0, exc.message)]
    result = score(fw, unit, classes)
    if strict and result.missing:
        return None, strict_problems(str(path), result.missing)
    return result, []


def score_files(paths: Iterable[str | Path], strict: bool = False, store: Store | None = None) -> Iterator[Result]:
    """Yield a result per file until a file fails; then check the rest and raise all problems at once."""
    store = store or Store()
    problems: list[Problem] = []
    for path in paths:
        result, found = score_file(store, path, strict=strict)
        problems += found
        if result is not None and not problems:
            yield result
    if problems:
        raise InputError("invalid input", problems)
