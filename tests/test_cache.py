"""The cache of checked frameworks: the same results with it, without it, and with a damaged
or hostile cache; an edited framework is checked again."""

from __future__ import annotations

import pickle
import shutil

import pytest

from parcli import cache
from parcli.store import Store
from tests.conftest import EXAMPLES, MINI_FRAMEWORK

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARCLI_CACHE_DIR", str(folder))
    return folder


def entries(folder):
    return sorted(folder.glob("framework-*.pickle")) if folder.exists() else []


def test_a_checked_framework_is_kept_and_gives_the_same_result(cli, own_cache):
    first = cli("score", BAC_NINH, "-f", "json")
    assert first.exit_code == 0 and len(entries(own_cache)) == 1
    second = cli("score", BAC_NINH, "-f", "json")  # from the cache
    assert second.stdout == first.stdout
    fw = Store().framework("province-2020")
    assert fw.sha256 in entries(own_cache)[0].name
    assert all(leaf.scorer is not None for leaf in fw.leaves)


def test_the_cache_off_gives_the_same_result(cli, own_cache, monkeypatch):
    with_cache = cli("score", BAC_NINH, "-f", "json").stdout
    monkeypatch.setenv("PARCLI_CACHE_DIR", "off")
    assert cache.directory() is None
    assert cli("score", BAC_NINH, "-f", "json").stdout == with_cache


def test_a_damaged_cache_entry_is_ignored(cli, own_cache):
    expected = cli("score", BAC_NINH, "-f", "json").stdout
    (entry,) = entries(own_cache)
    entry.write_bytes(b"not a pickle at all")
    assert cli("score", BAC_NINH, "-f", "json").stdout == expected


def test_a_foreign_pickle_cannot_run_code(cli, own_cache, tmp_path):
    expected = cli("score", BAC_NINH, "-f", "json").stdout
    (entry,) = entries(own_cache)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (shutil.copy, (str(BAC_NINH), str(marker)))

    entry.write_bytes(pickle.dumps(Evil()))
    assert cli("score", BAC_NINH, "-f", "json").stdout == expected
    assert not marker.exists()


def test_an_edited_framework_is_checked_again(cli, own_cache, write):
    fw = write("mini.yaml", MINI_FRAMEWORK)
    unit = write("u.yaml", """
        schema: parcli/unit/v1
        unit: U
        year: 2021
        framework: mini.yaml
        evidence: {}
        """)
    assert cli("validate", unit).exit_code == 0
    fw.write_text(fw.read_text(encoding="utf-8").replace("total: 10", "total: 11"), encoding="utf-8")
    run = cli("validate", unit)
    assert run.exit_code == 1 and "total is 11 but the fields sum to 10" in run.all


def test_an_unwritable_cache_changes_nothing(cli, tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PARCLI_CACHE_DIR", str(blocker / "cache"))
    run = cli("score", BAC_NINH, "-f", "json")
    assert run.exit_code == 0 and '"index": 85.49' in run.stdout
