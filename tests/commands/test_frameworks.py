"""parcli frameworks: the shipped frameworks listed."""

from __future__ import annotations

import re

from parcli.store import shipped

SHIPPED = sorted(shipped())


def test_frameworks(cli):
    run = cli("frameworks", "--lang", "en")
    assert run.exit_code == 0
    out = run.stdout
    for fw_id in SHIPPED:
        assert fw_id in out
    flat = " ".join(out.replace("│", " ").split())
    for counts in ("8 fields, 43 criteria, 106 scored items: 102 sub-criteria, 4 scored directly as criteria",
                   "8 fields, 37 criteria, 91 scored items: 88 sub-criteria, 3 scored directly as criteria",
                   "8 fields, 38 criteria, 83 scored items: 81 sub-criteria, 2 scored directly as criteria"):
        assert counts in flat, counts
    assert "reconstructed" in out and "Quyết định 876/QĐ-BNV" in out and "Quyết định 2948/QĐ-BNV" in out
    block = out.split("│ id ")[4]  # department-example, province-2017, province-2020, province-2022
    assert "province-2022" in block and re.search(r"Survey points +│ 32 ", block)
    assert "province" in block and "reconstructed (not the official annex)" in block
