"""Tables that fit an officer's terminal: at 80, 100 and 120 columns every id, number, rank,
class and unit name is whole, titles wrap, nothing is cut with "…"; COLUMNS is read as ASCII digits only."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from parcli.inputs.files import expand
from tests.conftest import EXAMPLES, ROOT, parcli, read_terminal

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and file names")
ODD_COLUMNS = ["²", "٣٠٠", "-5", "+80", "1e9", "9" * 5000, "99999999", "0", " ", "1_000"]
@pytest.mark.slow
@POSIX_ONLY
@pytest.mark.parametrize("value", ["²", "٣٠٠", "9" * 5000, "99999999"], ids=lambda v: repr(v[:12]))
def test_columns_on_a_terminal(tmp_path, value):
    """On a terminal Rich never reads COLUMNS itself (it failed on ``²``)."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en", "COLUMNS": value, "LINES": value,
           "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "parcli", "rank", str(EXAMPLES / "departments")],
                            stdout=slave, stderr=slave, env=env)
    os.close(slave)
    seen = read_terminal(master).decode("utf-8", "replace")
    proc.wait(timeout=120)
    assert proc.returncode == 0, seen
    assert "internal error" not in seen and "Sở Y tế" in seen
    table = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in seen.splitlines() if line.startswith(("┃", "│", "┏"))]
    assert table and max(len(line) for line in table) <= 80  # the terminal's width (none here: 80)

DEPARTMENTS = str(EXAMPLES / "departments")
WIDTHS = [80, 100, 120]


def lines_fit(text: str, width: int) -> None:
    for line in text.splitlines():
        assert len(line.rstrip()) <= width, (width, line)
    assert "…" not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_score_table_fits(cli, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    run = cli("score", EXAMPLES / "bac-ninh-2021.yaml", "--lang", "vi")
    assert run.exit_code == 0
    table = run.stdout.split("parcli ")[0]
    lines_fit(run.stdout, width)  # the table and the provenance and summary lines after it
    as_json = cli("score", EXAMPLES / "bac-ninh-2021.yaml", "-f", "json").stdout
    for leaf_id in re.findall(r'"id": "([0-9.]+)"', as_json):
        assert re.search(rf"│ {re.escape(leaf_id)} +│", table), leaf_id  # every id whole in its column
    for value in ("87.45", "11.37", "100.00", "1.63"):
        assert value in table
    assert "Chỉ số (%): 85.49" in run.stdout


@pytest.mark.parametrize("width", WIDTHS)
def test_rank_table_fits_and_says_how_to_see_hidden_fields(cli, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    run = cli("rank", DEPARTMENTS, "--lang", "en")
    assert run.exit_code == 0, run.all
    table = run.stdout.split("parcli ")[0]
    lines_fit(table, width)
    import yaml

    words = set(table.split())
    for path in expand([DEPARTMENTS]):
        name = yaml.safe_load(path.read_text(encoding="utf-8"))["unit"]
        assert set(name.split()) <= words, name  # every word of every unit name, none cut
    for label in ("Xuất", "sắc", "Tốt", "Khá"):
        assert label in words
    shown = re.findall(r"Field\s+(\d)", table)
    if len(shown) < 8:
        assert "--fields" in run.stderr and "COLUMNS" in run.stderr
    else:
        assert "--fields" not in run.stderr


def test_rank_fields_option_chooses_the_columns(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    run = cli("rank", DEPARTMENTS, "--fields", "5,6", "--lang", "en")
    assert run.exit_code == 0
    # Sở Y tế: field 5 is 96.800 and field 6 85.160; its field 2 (95.470) is not shown
    row = next(line for line in run.stdout.splitlines() if "Sở Y tế" in line)
    assert "96.800" in row.split("│")[-3] and "85.160" in row.split("│")[-2] and "95.470" not in run.stdout
    assert "--fields" not in run.stderr
    bad = cli("rank", DEPARTMENTS, "--fields", "9")
    assert bad.exit_code == 2 and "no field 9" in bad.stderr


@pytest.mark.parametrize("command", [("frameworks",), ("explain", "province-2022", "3.2.1"),
                                     ("diff", str(EXAMPLES / "bac-ninh-2020.yaml"),
                                      str(EXAMPLES / "bac-ninh-2021.yaml"))])
@pytest.mark.parametrize("width", [80, 120])
def test_other_tables_fit(cli, monkeypatch, command, width):
    monkeypatch.setenv("COLUMNS", str(width))
    run = cli(*command)
    assert run.exit_code == 0
    lines_fit(run.stdout.split("parcli 0")[0], width)


def test_piped_output_defaults_to_120_columns(cli, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    run = cli("score", EXAMPLES / "bac-ninh-2021.yaml")
    widths = [len(line) for line in run.stdout.split("parcli ")[0].splitlines()]
    assert max(widths) == 120


@pytest.mark.slow
@pytest.mark.parametrize("value", ODD_COLUMNS, ids=lambda v: repr(v[:12]))
def test_columns_is_read_as_ascii_digits_only(value):
    for args in (["score", BAC_NINH], ["rank", EXAMPLES / "departments"], ["plan", BAC_NINH]):
        run = parcli(*args, env={"COLUMNS": value, "LINES": value})
        assert run.returncode == 0, run.stderr.decode()
        widest = max(len(line) for line in run.stdout.decode().splitlines())
        assert widest <= 120  # the default width, not 300, 80 or a billion


def test_columns_in_range_is_used():
    run = parcli("rank", EXAMPLES / "departments", env={"COLUMNS": "90"})
    assert run.returncode == 0 and max(len(line) for line in run.stdout.decode().splitlines()) <= 90
