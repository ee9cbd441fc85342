"""The cache of checked frameworks: the same results with it, without it, and with a damaged,
forged or hostile cache; an edited framework is checked again; nothing in a cache folder can run
code, block a run or change a result (issue 20 item 1)."""

from __future__ import annotations

import copy
import hashlib
import hmac
import marshal
import os
import pickle
import shutil
import subprocess
import sys

import pytest

from parcli import cache
from parcli.store import Store
from tests.conftest import EXAMPLES, MINI_FRAMEWORK

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"
OTHER_USER = 65534  # nobody
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="owners and modes are POSIX")
AS_ROOT = pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="chown to another user needs root")


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARCLI_CACHE_DIR", str(folder))
    return folder


def entries(folder):
    return sorted(folder.glob("framework-*.entry")) if folder.exists() else []


def fresh(ref: str = "province-2020"):
    """A framework checked from its file (the cache off)."""
    saved = os.environ.get("PARCLI_CACHE_DIR")
    os.environ["PARCLI_CACHE_DIR"] = "off"
    try:
        return Store().framework(ref)
    finally:
        os.environ["PARCLI_CACHE_DIR"] = saved


def warm(cli, folder):
    """Score once so that the cache holds province-2020; the JSON result and the entry."""
    run = cli("score", BAC_NINH, "-f", "json")
    assert run.exit_code == 0
    (entry,) = entries(folder)
    return run.stdout, entry


def test_the_entry_mac_is_hmac_sha256():
    key, payload = os.urandom(32), b"some payload"
    head = f"{'a' * 64}|{cache.__version__}|{cache.FORMAT}|stamp\n".encode()
    expected = hmac.new(key, head + payload, hashlib.sha256).hexdigest().encode()
    assert cache._mac(key, "a" * 64, "stamp", payload) == expected


def signed(folder, entry, payload: bytes) -> bytes:
    """An entry with ``payload`` and a correct HMAC under the folder's own key: what only this user's
    parcli could have written (used to show that the folder's checks hold even then)."""
    key = (folder / cache.KEY_NAME).read_bytes()
    sha256 = entry.name.split("-")[1]
    stamp = entry.name.rsplit("-", 1)[1].removesuffix(".entry")
    head = f"{sha256}|{cache.__version__}|{cache.FORMAT}|{stamp}\n".encode()
    mac = hmac.new(key, head + payload, hashlib.sha256).hexdigest().encode()
    return cache.MAGIC + mac + b"\n" + payload


def payload_of(entry) -> dict:
    raw = entry.read_bytes()
    assert raw.startswith(cache.MAGIC)
    return marshal.loads(raw[len(cache.MAGIC):].split(b"\n", 1)[1])


def plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return value is None or type(value) in (str, int, bool)


def forged(data: dict) -> bytes:
    """The entry's data with class A for an index of 0 and "official" provenance: a result changer."""
    data = copy.deepcopy(data)
    data["header"][6] = "official"
    data["header"][10] = [["A", "0"]]
    return marshal.dumps(data)


def test_a_checked_framework_is_kept_and_gives_the_same_result(cli, own_cache):
    first, entry = warm(cli, own_cache)
    second = cli("score", BAC_NINH, "-f", "json")  # from the cache
    assert second.stdout == first
    fw = Store().framework("province-2020")
    assert fw.sha256 in entry.name
    assert all(leaf.scorer is not None for leaf in fw.leaves)


def test_an_entry_is_plain_data_and_rebuilds_the_same_framework(cli, own_cache):
    _out, entry = warm(cli, own_cache)
    raw = entry.read_bytes()
    assert b"pickle" not in raw and raw.startswith(cache.MAGIC)
    assert plain(payload_of(entry))  # built-ins only
    checked = fresh()
    cached = cache.load(checked.sha256, "province-2020.yaml", 44397)
    assert cached is not None  # the entry is read back, not checked again
    assert cached is not checked and cached.header == checked.header and cached.sha256 == checked.sha256
    assert list(cached.nodes) == list(checked.nodes)
    for a, b in zip(cached.nodes.values(), checked.nodes.values(), strict=True):
        for name in ("id", "kind", "title", "title_en", "max", "path", "parent", "field", "criterion", "rule",
                     "source", "documents", "children"):
            assert getattr(a, name) == getattr(b, name), (a.id, name)
            assert type(getattr(a, name)) is type(getattr(b, name)), (a.id, name)
    assert [n.id for n in cached.leaves] == [n.id for n in checked.leaves]
    assert [n.id for n in cached.fields] == [n.id for n in checked.fields]


@POSIX_ONLY
def test_the_key_and_entries_are_the_users_alone(cli, own_cache):
    _out, entry = warm(cli, own_cache)
    key = own_cache / cache.KEY_NAME
    assert oct(key.stat().st_mode & 0o777) == "0o600" and len(key.read_bytes()) == cache.KEY_SIZE
    assert oct(entry.stat().st_mode & 0o777) == "0o600"
    assert oct(own_cache.stat().st_mode & 0o777) == "0o700"


def test_the_cache_off_gives_the_same_result(cli, own_cache, monkeypatch):
    with_cache = cli("score", BAC_NINH, "-f", "json").stdout
    monkeypatch.setenv("PARCLI_CACHE_DIR", "off")
    assert cache.directory() is None
    assert cli("score", BAC_NINH, "-f", "json").stdout == with_cache


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "old pickle"])
def test_a_damaged_cache_entry_is_ignored(cli, own_cache, damage):
    expected, entry = warm(cli, own_cache)
    raw = entry.read_bytes()
    entry.write_bytes({
        "garbage": b"not an entry at all",
        "truncated": raw[: len(raw) // 2],
        "flipped": raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:],
        "empty": b"",
        "old pickle": pickle.dumps({"a": 1}),
    }[damage])
    assert cli("score", BAC_NINH, "-f", "json").stdout == expected
    assert entry.read_bytes() == raw  # checked again and kept again


def test_a_foreign_pickle_cannot_run_code(cli, own_cache, tmp_path):
    expected, entry = warm(cli, own_cache)
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (shutil.copy, (str(BAC_NINH), str(marker)))

    entry.write_bytes(pickle.dumps(Evil()))
    assert cli("score", BAC_NINH, "-f", "json").stdout == expected
    assert not marker.exists()


def test_a_forged_entry_without_the_key_changes_nothing(cli, own_cache):
    """Class A for any index and "official" provenance, with a MAC under another key, or none."""
    expected, entry = warm(cli, own_cache)
    payload = forged(payload_of(entry))
    sha256 = entry.name.split("-")[1]
    stamp = entry.name.rsplit("-", 1)[1].removesuffix(".entry")
    head = f"{sha256}|{cache.__version__}|{cache.FORMAT}|{stamp}\n".encode()
    for mac in (hmac.new(os.urandom(32), head + payload, hashlib.sha256).hexdigest().encode(),
                hashlib.sha256(payload).hexdigest().encode(), b""):
        entry.write_bytes(cache.MAGIC + mac + b"\n" + payload)
        run = cli("score", BAC_NINH, "-f", "json")
        assert run.stdout == expected and '"class": "A"' not in run.stdout


def test_an_entry_copied_from_another_framework_is_ignored(cli, own_cache):
    expected, entry = warm(cli, own_cache)
    cli("template", "province-2017")  # a second entry, signed for province-2017's file
    (other,) = [e for e in entries(own_cache) if e != entry]
    entry.write_bytes(other.read_bytes())
    assert cli("score", BAC_NINH, "-f", "json").stdout == expected


def test_even_a_signed_entry_builds_only_rule_kinds_and_built_ins(cli, own_cache, tmp_path):
    """Defence in depth: an entry naming any other class is refused before anything is built."""
    expected, entry = warm(cli, own_cache)
    data = payload_of(entry)
    marker = tmp_path / "pwned"
    leaf = next(n for n in data["nodes"] if n[9] is not None)
    for hostile in ({"c": "os:system", "f": {"command": f"touch {marker}"}},
                    {"c": "parcli.rules.base:Evidence", "f": {}},
                    {"c": "parcli.rules.bands:BandsRule.__init__", "f": {}}):
        bad = copy.deepcopy(data)
        target = next(n for n in bad["nodes"] if n[0] == leaf[0])
        name = next(iter(target[9][1]))
        target[9][1][name] = hostile
        entry.write_bytes(signed(own_cache, entry, marshal.dumps(bad)))
        assert cli("score", BAC_NINH, "-f", "json").stdout == expected
    for other in (1.5, b"bytes", (lambda: 0).__code__, frozenset({1})):  # types marshal knows, refused
        bad = copy.deepcopy(data)
        target = next(n for n in bad["nodes"] if n[0] == leaf[0])
        target[9][1][next(iter(target[9][1]))] = other
        entry.write_bytes(signed(own_cache, entry, marshal.dumps(bad)))
        assert cli("score", BAC_NINH, "-f", "json").stdout == expected
    bad = copy.deepcopy(data)
    next(n for n in bad["nodes"] if n[0] == leaf[0])[9][0] = "os.system"
    entry.write_bytes(signed(own_cache, entry, marshal.dumps(bad)))
    assert cli("score", BAC_NINH, "-f", "json").stdout == expected
    assert not marker.exists()


@POSIX_ONLY
@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777, 0o1777])
def test_a_folder_others_may_write_into_is_not_used(cli, own_cache, mode):
    expected, entry = warm(cli, own_cache)
    entry.write_bytes(signed(own_cache, entry, forged(payload_of(entry))))
    os.chmod(own_cache, mode)
    try:
        run = cli("score", BAC_NINH, "-f", "json")
        assert run.stdout == expected and '"class": "A"' not in run.stdout
    finally:
        os.chmod(own_cache, 0o700)
    assert '"class": "A"' in cli("score", BAC_NINH, "-f", "json").stdout  # the same entry, trusted folder: used


@AS_ROOT
def test_a_folder_of_another_user_is_not_used(cli, own_cache):
    expected, entry = warm(cli, own_cache)
    entry.write_bytes(signed(own_cache, entry, forged(payload_of(entry))))
    os.chown(own_cache, OTHER_USER, -1)
    try:
        assert cli("score", BAC_NINH, "-f", "json").stdout == expected
    finally:
        os.chown(own_cache, os.geteuid(), -1)


@AS_ROOT
@pytest.mark.parametrize("what", ["entry", "key"])
def test_an_entry_or_key_of_another_user_is_not_used(cli, own_cache, what):
    expected, entry = warm(cli, own_cache)
    entry.write_bytes(signed(own_cache, entry, forged(payload_of(entry))))
    os.chown(entry if what == "entry" else own_cache / cache.KEY_NAME, OTHER_USER, -1)
    assert cli("score", BAC_NINH, "-f", "json").stdout == expected


def _run_with_timeout(folder, seconds=20):
    """``parcli score`` in a new process: a cache that blocked would hang it."""
    env = dict(os.environ, PARCLI_CACHE_DIR=str(folder), PARCLI_LANG="en")
    return subprocess.run([sys.executable, "-m", "parcli", "score", str(BAC_NINH), "-f", "json"], env=env,
                          capture_output=True, text=True, timeout=seconds)


@POSIX_ONLY
@pytest.mark.parametrize("special", ["fifo", "symlink to /dev/zero", "device", "3 GB sparse file", "folder",
                                     "symlink to a good entry"])
@pytest.mark.parametrize("what", ["entry", "key"])
def test_special_files_are_skipped_at_once(cli, own_cache, tmp_path, special, what):
    expected, entry = warm(cli, own_cache)
    good = tmp_path / "good-copy"
    shutil.copy(entry if what == "entry" else own_cache / cache.KEY_NAME, good)
    target = entry if what == "entry" else own_cache / cache.KEY_NAME
    if what == "entry":
        # the real key with a forged, correctly signed entry elsewhere: a followed symlink would change the result
        good.write_bytes(signed(own_cache, entry, forged(payload_of(entry))))
    target.unlink()
    if special == "fifo":
        os.mkfifo(target)
    elif special == "symlink to /dev/zero":
        os.symlink("/dev/zero", target)
    elif special == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(target, 0o600 | 0o020000, os.makedev(1, 5))  # the same device as /dev/zero
    elif special == "3 GB sparse file":
        with open(target, "wb") as fh:
            fh.truncate(3 * 1024 ** 3)
    elif special == "folder":
        target.mkdir()
    else:
        os.symlink(good, target)
    proc = _run_with_timeout(own_cache)  # a FIFO opened for reading without O_NONBLOCK would hang here
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == expected and '"class": "A"' not in proc.stdout


def test_an_entry_above_its_bound_is_not_read(cli, own_cache):
    expected, entry = warm(cli, own_cache)
    data = marshal.loads(forged(payload_of(entry)))
    data["header"][7] += " " * (cache.SIZE_FACTOR * 45000 + cache.SIZE_SLACK)  # the note, padded past the bound
    entry.write_bytes(signed(own_cache, entry, marshal.dumps(data)))
    assert entry.stat().st_size > cache.SIZE_FACTOR * 45000
    assert cli("score", BAC_NINH, "-f", "json").stdout == expected  # signed, but above its bound: not read


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


def test_a_damaged_key_is_replaced_and_old_entries_miss(cli, own_cache):
    expected, entry = warm(cli, own_cache)
    key = own_cache / cache.KEY_NAME
    key.write_bytes(b"short")
    assert cli("score", BAC_NINH, "-f", "json").stdout == expected  # the entry cannot be verified: checked again
    assert len(key.read_bytes()) == cache.KEY_SIZE  # and a new key made
    assert cli("score", BAC_NINH, "-f", "json").stdout == expected
