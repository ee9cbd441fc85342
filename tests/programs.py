"""The test that is running, so that the helpers starting another program (LibreOffice, Chromium,
poppler: tests/office.py, tests/browser.py) can refuse a test that lacks the ``external`` marker:
``pytest -m "not external"`` then never starts one (conftest.py records the test)."""

from __future__ import annotations

import pytest

_running: list[pytest.Item] = []


def running(item: pytest.Item | None) -> None:
    """conftest.py: ``item`` starts (None: it ended)."""
    _running.clear()
    if item is not None:
        _running.append(item)


def external(program: str) -> None:
    """Fails the running test when it starts ``program`` without being marked ``external``."""
    if _running and _running[0].get_closest_marker("external") is None:
        pytest.fail(f"{_running[0].nodeid} runs {program}: mark it @pytest.mark.external "
                    "(pyproject.toml registers the markers)")
