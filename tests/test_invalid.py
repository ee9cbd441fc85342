"""Every invalid fixture ends in a clear message and exit 1 through every command."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import INVALID

EXPECTED = yaml.safe_load((INVALID / "expected.yaml").read_text(encoding="utf-8"))
# fixtures whose message under `score`/`export` differs from `validate`'s (they are not unit files)
NOT_UNITS = {name for name in EXPECTED if name.startswith("fw-")} | {
    "no-schema.yaml", "top-level-list.yaml", "top-level-scalar.yaml"}


def test_every_fixture_has_an_expectation():
    files = {p.name for p in INVALID.iterdir() if p.name != "expected.yaml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("command", ["validate", "score", "export"])
def test_invalid_fixture(cli, tmp_path, monkeypatch, name, command):
    case = EXPECTED[name]
    for key, value in (case.get("env") or {}).items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(INVALID)
    out = tmp_path / "out.csv"
    args = {"validate": ["validate", name], "score": ["score", name], "export": ["export", name, "-o", out]}[command]
    run = cli(*args)
    assert run.exit_code == case["exit"], run.all
    text = run.all
    assert "Traceback" not in text
    if command == "validate" or name not in NOT_UNITS:
        lines = [line for line in text.splitlines() if case["message"] in line]
        assert lines, text
        if case["at"] != "-":
            assert any(re.search(rf"\.yaml:{case['at']}: ", line) for line in lines), lines
    else:
        assert re.search(rf"^{re.escape(name)}(:\d+:\d+)?: ", text, re.M), text
    if command == "export":
        assert not out.exists()
        assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_speaks_vietnamese(cli, monkeypatch, name):
    """Every problem line of every fixture reads differently in vi and en: no message in one language only."""
    case = EXPECTED[name]
    for key, value in (case.get("env") or {}).items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(INVALID)
    en = cli("validate", name, "--lang", "en")
    vi = cli("validate", name, "--lang", "vi")
    assert vi.exit_code == en.exit_code == case["exit"]
    en_lines, vi_lines = en.all.splitlines(), vi.all.splitlines()
    assert len(en_lines) == len(vi_lines), (en.all, vi.all)
    for line_en, line_vi in zip(en_lines, vi_lines, strict=True):
        assert line_en != line_vi, f"English only: {line_en}"
