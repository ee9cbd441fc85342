"""Writing outputs (parcli/report/files.py, parcli/commands/common.py): atomic replacement, signals,
devices, read-only and full disks, names too long: the old file is kept and the message is one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from parcli.errors import InputError
from parcli.report.files import write_atomic
from tests.conftest import EXAMPLES, ROOT, parcli

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and file names")
@pytest.mark.slow
@POSIX_ONLY
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
@pytest.mark.parametrize("command", ["report", "export"])
def test_a_signal_during_a_write_leaves_the_old_file_and_no_part(tmp_path, signum, command):
    units = many_units(tmp_path / "units", 400)
    out = tmp_path / "out" / ("r.html" if command == "report" else "x.xlsx")
    out.parent.mkdir()
    out.write_bytes(b"the old file")
    args = [command, units, "-o", out, "--force"]
    proc = subprocess.Popen([sys.executable, "-m", "parcli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en"})
    deadline = time.monotonic() + 240
    while not any(p.name.startswith(".parcli-") for p in out.parent.iterdir()):  # the write has begun
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.002)
    proc.send_signal(signum)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err.decode()
    assert err.decode().strip().splitlines()[-1] == "parcli: interrupted"
    assert "Traceback" not in err.decode()
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no .parcli-*.part
    assert out.read_bytes() == b"the old file"
@POSIX_ONLY
def test_signals_are_held_while_the_temporary_file_is_made(tmp_path):
    """Between creating the temporary file and arming its removal no signal is taken: it arrives
    at once after, where the file is removed."""
    from parcli.report.files import replace_file

    target = tmp_path / "t.txt"

    def write(fh):
        os.kill(os.getpid(), signal.SIGINT)  # delivered here, inside the guarded write
        time.sleep(0.05)

    with pytest.raises(KeyboardInterrupt):
        replace_file(target, write)
    assert list(tmp_path.iterdir()) == []

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def test_output_is_a_folder(cli, tmp_path):
    run = cli("export", BAC_NINH, "-o", tmp_path)
    assert run.exit_code == 2 and "is a folder" in run.stderr


def test_output_equal_to_the_framework_is_refused(cli, tmp_path, write, mini):
    unit = write("u.yaml", "schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: ./fw.csv\nevidence:\n")
    (tmp_path / "fw.csv").write_text((tmp_path / "mini.yaml").read_text())
    before = (tmp_path / "fw.csv").read_bytes()
    run = cli("export", unit, "-o", tmp_path / "fw.csv")
    assert run.exit_code == 2 and "is one of the input files" in run.stderr
    assert (tmp_path / "fw.csv").read_bytes() == before


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path):
    out = tmp_path / "out.csv"
    out.write_bytes(b"previous")

    def half_then_fail(fh):
        fh.write(b"half a file")
        raise InputError("boom")

    with pytest.raises(InputError):
        write_atomic(out, half_then_fail)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_interrupted_export_leaves_the_old_file_intact(tmp_path):
    """SIGINT in the middle of a long export: old file byte-for-byte, no temporary file."""
    units = []
    text = BAC_NINH.read_text(encoding="utf-8")
    for i in range(400):
        p = tmp_path / f"u{i:03}.yaml"
        p.write_text(text.replace('code: "27"', f'code: "{i}"'), encoding="utf-8")
        units.append(p.name)
    out = tmp_path / "out.csv"
    out.write_bytes(b"the old export\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en"}
    proc = subprocess.Popen([sys.executable, "-m", "parcli", "export", *units, "-o", "out.csv"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".parcli-*.part")):
        if proc.poll() is not None:
            break
        time.sleep(0.005)
    parts = list(tmp_path.glob(".parcli-*.part"))
    assert parts, "the export finished before it could be interrupted"
    while parts[0].exists() and parts[0].stat().st_size == 0 and time.monotonic() < deadline:
        time.sleep(0.005)  # let it write part of the file
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert b"Traceback" not in err and b"interrupted" in err
    assert out.read_bytes() == b"the old export\n"
    assert not list(tmp_path.glob(".out.csv.*"))


def test_dash_is_stdout(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = cli("template", "province-2020", "-o", "-")
    assert run.exit_code == 0 and '"1.1.1":' in run.stdout and not (tmp_path / "-").exists()
    run = cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", "-.csv")
    assert run.exit_code == 0 and (tmp_path / "-.csv").exists()  # only "-" itself means stdout


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_is_written_into_never_replaced(cli):
    before = os.stat("/dev/null")
    assert cli("template", "province-2020", "-o", "/dev/null").exit_code == 0
    assert cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", "/dev/null.csv").exit_code in (0, 2)
    after = os.stat("/dev/null")
    assert after.st_rdev == before.st_rdev and after.st_mode == before.st_mode  # still the device


def test_read_only_outputs_are_refused_and_replaced_files_keep_their_mode(cli, tmp_path):
    out = tmp_path / "old.csv"
    out.write_text("old\n")
    out.chmod(0o444)
    run = cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", out)
    assert run.exit_code == 1 and "read-only" in run.all and out.read_text() == "old\n"  # even as root
    assert cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", out, "--force").exit_code == 0
    assert (out.stat().st_mode & 0o777) == 0o444 and out.read_text() != "old\n"
    shared = tmp_path / "shared.csv"
    shared.write_text("x\n")
    shared.chmod(0o640)
    assert cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", shared).exit_code == 0
    assert (shared.stat().st_mode & 0o777) == 0o640


def test_a_long_output_name_and_a_read_only_folder(cli, tmp_path):
    long_name = tmp_path / ("x" * 240 + ".csv")
    run = cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", long_name)
    assert run.exit_code == 0, run.all
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        run = cli("export", EXAMPLES / "bac-ninh-2021.yaml", "-o", folder / "x.csv")
        if os.geteuid() != 0:
            assert run.exit_code == 2 and "cannot write the file" in run.all
        else:
            assert run.exit_code == 0  # root writes anyway; what matters: never a traceback
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_one_line(cli):
    run = cli("template", "province-2020", "-o", "/dev/full")
    assert run.exit_code == 2 and "cannot write the file" in run.all


def many_units(folder, count):
    folder.mkdir()
    text = BAC_NINH.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"u{i:04}.yaml").write_text(text.replace('unit: "Tỉnh Bắc Ninh"', f'unit: "Đơn vị {i}"')
                                              .replace('code: "27"', f'code: "U{i}"'), encoding="utf-8")
    return folder


@pytest.mark.parametrize("args", [
    ["export", BAC_NINH, "-o", "{long}.csv"],
    ["rank", BAC_NINH, "-o", "{long}.csv"],
    ["report", BAC_NINH, "-o", "{long}.html"],
    ["template", "province-2020", "-o", "{long}.yaml"],
    ["convert", BAC_NINH, "-o", "{long}.xlsx"],
    ["plan", BAC_NINH, "--target-index", "90", "--apply", "-o", "{long}.yaml"],
    ["export", BAC_NINH, "-o", "{long}/x.csv"],
    ["template", "province-2020", "-o", "{deep}/x.yaml"],
], ids=lambda a: f"{a[0]}-{a[-1][-6:]}")
def test_an_output_name_too_long_for_the_file_system_is_one_line(tmp_path, args):
    long, deep = "a" * 300, "/".join(["b" * 200] * 25)
    run = parcli(*[str(a).format(long=long, deep=deep) for a in args], cwd=tmp_path)
    err = run.stderr.decode()
    assert run.returncode == 2, err
    assert err.count("\n") == 1 and "the name is too long for the file system" in err
    assert len(err) < 300  # the name is shortened, not echoed whole
    assert list(tmp_path.iterdir()) == []
