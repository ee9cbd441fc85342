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
    assert "8 / 43 / 102" in out and "8 / 37 / 88" in out and "8 / 38 / 81" in out
    assert "reconstructed" in out and "Quyết định 876/QĐ-BNV" in out and "Quyết định 2948/QĐ-BNV" in out
    block = out.split("│ id ")[4]  # department-example, province-2017, province-2020, province-2022
    assert "province-2022" in block and re.search(r"Survey points +│ 32 ", block)
    assert "province" in block and "reconstructed (not the official annex)" in block
