"""The defects an independent tester found in issues 18-20 (notes/fixes-18-20.md), each shown fixed
with real files: hostile and invalid fixtures, forms re-saved by LibreOffice where a form is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from parcli.errors import Problem
from parcli.report.snippet import render
from tests.conftest import ROOT
from tests.test_messages import PTY, run_on_terminal

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
SECRETS = ("AKIA-NOT-A-REAL-SECRET-4711", "hunter2", "aws_secret_access_key", "password")


# --- 1. a unit file cannot make parcli print lines of a foreign file ------------------------------------

@PTY
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_unit_naming_a_foreign_file_as_framework_never_shows_its_lines(tmp_path, lang):
    shown = run_on_terminal("score", str(HOSTILE / "unit-framework-foreign.yaml"), "--lang", lang)
    assert not any(secret in shown for secret in SECRETS), shown
    assert ("not a parcli framework file" if lang == "en" else "không phải tệp bộ tiêu chí của parcli") in shown
    assert "5 | framework: foreign-credentials.yaml" in shown  # the unit's own line is still shown
    # by absolute path, and by a path with ../ (DESIGN §4 allows both): refused the same way
    for ref in (str(HOSTILE / "foreign-credentials.yaml"), "../" + "../" * len(tmp_path.parts)
                + str(HOSTILE / "foreign-credentials.yaml").lstrip("/")):
        unit = tmp_path / "u.yaml"
        unit.write_text((HOSTILE / "unit-framework-foreign.yaml").read_text(encoding="utf-8")
                        .replace("foreign-credentials.yaml", ref), encoding="utf-8")
        shown = run_on_terminal("validate", str(unit), "--lang", lang)
        assert not any(secret in shown for secret in SECRETS), shown


def test_a_foreign_file_named_as_framework_is_refused_before_it_is_parsed(cli, tmp_path):
    # keys and YAML errors of the foreign file would quote it too: neither is read
    foreign = tmp_path / "notes.txt"
    foreign.write_text("secret_key: [AKIA-NOT-A-REAL-SECRET-4711\n  password: hunter2\n", encoding="utf-8")
    unit = tmp_path / "u.yaml"
    unit.write_text(f"schema: parcli/unit/v1\nunit: X\nyear: 2021\nframework: {foreign}\nevidence: {{}}\n",
                    encoding="utf-8")
    for args in (["score"], ["validate"], ["report", "-o", tmp_path / "r.html"]):
        run = cli(*args, unit) if len(args) == 1 else cli(args[0], unit, *args[1:])
        assert run.exit_code == 1 and "not a parcli framework file" in run.all, run.all
        assert not any(secret in run.all for secret in ("AKIA", "hunter2", "secret_key")), run.all
    run = cli("explain", foreign, "1")
    assert run.exit_code == 1 and "not a parcli framework file" in run.all and "secret_key" not in run.all


def test_the_caret_display_quotes_only_parcli_files(tmp_path):
    foreign = HOSTILE / "foreign-credentials.yaml"
    assert render([Problem(str(foreign), 2, 1, "message")], rich=True) == [f"{foreign}:2:1: message"]
    own = tmp_path / "u.yaml"  # a parcli file, with a byte-order mark as Notepad writes it
    own.write_bytes("\ufeffschema: parcli/unit/v1\nunit: X\n".encode())
    assert render([Problem(str(own), 2, 1, "message")], rich=True)[2] == "2 | unit: X"
