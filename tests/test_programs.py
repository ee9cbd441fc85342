"""The guard of tests/programs.py: a test that starts another program must carry the ``external``
marker, so that ``pytest -m "not external"`` never starts LibreOffice, Chromium or poppler."""

from __future__ import annotations

import pytest

from tests.programs import external


def test_an_unmarked_test_that_starts_a_program_fails():
    with pytest.raises(pytest.fail.Exception, match=r"test_programs\.py::test_an_unmarked.* runs LibreOffice: mark it"):
        external("LibreOffice")


@pytest.mark.external
def test_a_marked_test_may_start_one():
    external("LibreOffice")  # no failure: the marker is there
