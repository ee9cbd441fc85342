"""parcli validate: every file and its summary, counted by file."""

from __future__ import annotations

import shutil

from tests.conftest import EXAMPLES, parcli

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def test_validate_reports_all_files_and_summaries(cli, unit_file, write):
    good = unit_file('"1.1.1": true')
    bad = write("bad.yaml", "schema: parcli/unit/v1\nunit: X\nyear: 2021\nframework: mini.yaml\nevidence:\n"
                            "  \"9.9\": true\n  \"1.1.1\": maybe\n")
    run = cli("validate", good, bad, EXAMPLES.parent / "criteria" / "province-2020.yaml")
    assert run.exit_code == 1
    assert f"{bad}:6:3: unknown id '9.9'" in run.stdout
    assert f"{bad}:7:12: 1.1.1: the text 'maybe' does not fit a yes_no rule" in run.stdout
    assert f"{good}: ok" in run.stdout and "warning: 7 leaves have no evidence" in run.stdout
    assert ("8 fields, 43 criteria, 106 scored items: 102 sub-criteria, 4 scored directly as criteria; "
            "total 100 (reconstructed)") in run.stdout
    assert "3 files checked: 2 valid, 1 with problems" in run.stderr


def test_many_unknown_ids_stay_linear(cli, tmp_path):
    """Suggestions are bounded: 20,000 unknown ids take about as long as 20,000 known-but-bad values."""
    lines = "\n".join(f'  "8.{i}": true' for i in range(10, 20_010))
    unit = tmp_path / "unknown.yaml"
    unit.write_text(f"schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: province-2020\nevidence:\n{lines}\n",
                    encoding="utf-8")
    run = cli("validate", unit, "--concise")
    assert run.exit_code == 1
    assert run.stdout.count("has no such node") == 20_000
    assert 0 < run.stdout.count("did you mean") <= 20  # suggestions for the first 20 unknown ids at most


def test_validate_counts_files_not_arguments(tmp_path, write):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"bad{i}.yaml").write_text("schema: parcli/unit/v1\nunit: U\n", encoding="utf-8")
    shutil.copy(BAC_NINH, folder / "good.yaml")
    run = parcli("validate", folder)
    assert run.returncode == 1
    assert run.stderr.decode().splitlines()[-1] == "4 files checked: 1 valid, 3 with problems"
    run = parcli("validate", folder, BAC_NINH)
    assert run.stderr.decode().splitlines()[-1] == "5 files checked: 2 valid, 3 with problems"
