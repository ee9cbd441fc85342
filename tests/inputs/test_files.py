"""Files given to parcli (parcli/inputs/files.py): missing, unreadable, special, badly named: one clear
message at once."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from tests.conftest import EXAMPLES, ROOT, parcli

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and file names")
@POSIX_ONLY
def test_a_framework_file_name_that_is_not_utf8_is_refused_where_a_file_would_name_it(tmp_path):
    name = os.fsdecode(b"fw\xff.yaml")
    shutil.copy(ROOT / "criteria" / "province-2020.yaml", tmp_path / name)
    for out in ([], ["-o", "t.yaml"], ["-o", "t.xlsx"]):
        run = parcli("template", name, *out, cwd=tmp_path)
        err = run.stderr.decode()
        assert run.returncode == 2 and "fw\\xff.yaml: the framework's file name is not UTF-8 text" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("command", ["validate", "score", "export"])
def test_missing_file_and_directory(cli, tmp_path, command):
    extra = ["-o", tmp_path / "o.csv"] if command == "export" else []
    run = cli(command, tmp_path / "nope.yaml", *extra)
    assert run.exit_code == 1 and "nope.yaml: no such file" in run.all
    run = cli(command, tmp_path, *extra)
    # score takes one file; validate and export take a folder for its .yaml files, and this one has none
    expected = "is a directory" if command == "score" else "the folder holds no .yaml or .xlsx file"
    assert run.exit_code == 1 and expected in run.all


def test_unreadable_file(cli, tmp_path):
    # /proc/self/mem can be opened but not read from offset 0, even by root
    run = cli("validate", "/proc/self/mem")
    assert run.exit_code == 1 and "cannot read the file" in run.all
    if os.geteuid() != 0:
        locked = tmp_path / "locked.yaml"
        locked.write_text("a: 1\n")
        locked.chmod(0)
        run = cli("validate", locked)
        assert run.exit_code == 1 and "permission denied" in run.all


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_special_files_are_refused_at_once(cli, tmp_path, write):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    start = time.perf_counter()
    run = cli("validate", fifo)
    assert run.exit_code == 1 and "not a regular file" in run.stdout
    unit = write("f.yaml", f"schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: {fifo}\nevidence: {{}}\n")
    assert "not a regular file" in cli("validate", unit).stdout
    before = cli("rank", EXAMPLES / "bac-ninh-2021.yaml", "--previous", fifo)
    assert before.exit_code == 1 and "not a regular file" in before.stderr
    assert time.perf_counter() - start < 30  # nothing waited for a writer
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    assert cli("validate", loop).exit_code == 1


def test_a_nul_in_a_path_is_a_message(cli, write):
    unit = write("n.yaml", 'schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: "a\\0b.yaml"\nevidence: {}\n')
    run = cli("validate", unit)
    assert run.exit_code == 1 and "internal error" not in run.all
