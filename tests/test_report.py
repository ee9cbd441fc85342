"""parcli report: one self-contained HTML page, opened in headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.browser import dom, require_chromium, screenshot
from tests.conftest import EXAMPLES

DEPARTMENTS = EXAMPLES / "departments"
BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def make(cli, tmp_path, *args, name="r.html"):
    out = tmp_path / name
    run = cli("report", *args, "-o", out)
    assert run.exit_code == 0, run.all
    return out


def not_blank(png) -> None:
    from PIL import Image

    image = Image.open(png).convert("L")
    low, high = image.getextrema()
    assert high - low > 100  # text and charts, not a blank page
    histogram = image.histogram()
    assert sum(histogram[:200]) > 0.01 * image.size[0] * image.size[1]  # a good share of ink


EXTERNAL = [
    re.compile(r"""\b(?:src|href|xlink:href)\s*=\s*["'](?!#)""", re.I),  # any reference but an in-page anchor
    re.compile(r"url\(\s*['\"]?(?!#)", re.I),
    re.compile(r"@import", re.I),
    re.compile(r"<(?:link|script|iframe|img|object|embed)\b", re.I),
]


def external_references(html: str) -> list[str]:
    without_ns = re.sub(r"""\bxmlns(?::\w+)?\s*=\s*["'][^"']*["']""", "", html)  # namespaces are names, not fetched
    found = [m.group(0) for pattern in EXTERNAL for m in pattern.finditer(without_ns)]
    found += re.findall(r"https?://[^\s\"'<>]+", without_ns)
    return found


def test_one_unit_in_chromium(cli, tmp_path):
    browser = require_chromium()
    page = make(cli, tmp_path, BAC_NINH, "--lang", "vi")
    html = page.read_text(encoding="utf-8")
    assert external_references(html) == []
    scored = json.loads(cli("score", BAC_NINH, "-f", "json").stdout)
    shown = dom(browser, page, tmp_path)
    assert shown.count("<svg") >= 1  # the field chart
    assert f'<span class="index" title="Chỉ số (%)">{scored["index"]:.2f}</span>' in shown
    assert f"Xếp loại: {scored['class']}" in shown
    assert "TÁI DỰNG" in shown  # the framework's reconstructed status, stated plainly
    not_blank(screenshot(browser, page, tmp_path / "one.png"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_seventeen_departments_in_chromium(cli, tmp_path, lang):
    browser = require_chromium()
    page = make(cli, tmp_path, DEPARTMENTS, "--lang", lang)
    html = page.read_text(encoding="utf-8")
    assert page.stat().st_size < 3 * 1024 * 1024
    assert external_references(html) == []
    shown = dom(browser, page, tmp_path)
    assert shown.count("<svg") == 3 + 17  # index chart, heat map, classes; one field chart per unit
    assert shown.count('<section class="unit"') == 17
    rank_csv = tmp_path / "rank.csv"
    assert cli("rank", DEPARTMENTS, "-o", rank_csv).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(rank_csv.read_text(encoding="utf-8-sig"))))
    cells = re.findall(r'<td class="num index">([^<]+)</td>', shown)
    assert cells == [r["index"] for r in rows]  # the ranking's numbers are rank's numbers
    assert ("Xếp hạng" if lang == "vi" else "Ranking") in shown
    assert "@page" in html and "break-before: page" in html  # A4, a page per unit
    not_blank(screenshot(browser, page, tmp_path / f"dept-{lang}.png"))


def test_two_years_and_previous_ranking(cli, tmp_path):
    before = tmp_path / "before.csv"
    assert cli("rank", EXAMPLES / "bac-ninh-2020.yaml", EXAMPLES / "cao-bang-2020.yaml", "-o", before).exit_code == 0
    page = make(cli, tmp_path, EXAMPLES / "bac-ninh-2020.yaml", BAC_NINH, "--previous", before, "--lang", "en")
    html = page.read_text(encoding="utf-8")
    assert "Compared with 2020" in html  # two years of one unit: what moved, never a ranking of it against itself
    assert 'id="ranking"' not in html
    page = make(cli, tmp_path, EXAMPLES / "bac-ninh-2020.yaml", BAC_NINH, EXAMPLES / "cao-bang-2020.yaml",
                "--previous", before, "--lang", "en", name="two.html")
    html = page.read_text(encoding="utf-8")
    assert "Compared with 2020" in html and 'id="ranking"' in html and "Change" in html


def test_report_refuses_what_it_should(cli, tmp_path):
    assert cli("report", BAC_NINH, "-o", tmp_path / "r.pdf").exit_code == 2
    mixed = cli("report", BAC_NINH, DEPARTMENTS / "so-y-te.yaml", "-o", tmp_path / "m.html")
    assert mixed.exit_code == 2 and not (tmp_path / "m.html").exists()
    page = make(cli, tmp_path, BAC_NINH)
    again = cli("report", BAC_NINH, "-o", page)
    assert again.exit_code == 1 and "--force" in again.all


def test_report_escapes_text_from_files(cli, tmp_path, write, mini):
    unit = write("evil.yaml", 'schema: parcli/unit/v1\nunit: "<script>alert(1)</script>"\nyear: 2021\n'
                              'framework: mini.yaml\nevidence: {"1.1.1": true}\n')
    page = make(cli, tmp_path, unit)
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html


HOSTILE = EXAMPLES.parent / "tests" / "fixtures" / "hostile"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dollar_signs_are_text_never_math(cli, tmp_path, lang):
    """`Tỷ lệ $\\x$ cán bộ` in a unit name, field, leaf and class titles: written as typed, in the
    ranking, every chart and every page (matplotlib's math text crashed every report on it)."""
    units = [HOSTILE / "unit-dollar-1.yaml", HOSTILE / "unit-dollar-2.yaml"]
    page = make(cli, tmp_path, *units, "--lang", lang)
    html = page.read_text(encoding="utf-8")
    assert html.count("Tỷ lệ $\\x$ cán bộ") >= 3  # the ranking, the index chart, the heat map, its page
    assert "$\\frac{a}{b}$ đơn vị $" in html
    assert ("1. Tỷ lệ $\\x$ cán bộ" if lang == "vi" else "1. Share $\\x$ of officers") in html  # a field chart
    assert "$A$" in html and "<svg" in html
    one = make(cli, tmp_path, units[0], "--lang", lang, name="one.html")  # one unit: no overview, its page
    assert "Tỷ lệ $\\x$ cán bộ" in one.read_text(encoding="utf-8")


def test_chart_text_is_escaped(cli, tmp_path, write, mini):
    unit = write("evil.yaml", 'schema: parcli/unit/v1\nunit: "</text><script>x</script>&amp;"\nyear: 2021\n'
                              'framework: mini.yaml\nevidence: {"1.1.1": true}\n')
    other = write("other.yaml", 'schema: parcli/unit/v1\nunit: "B"\nyear: 2021\n'
                                'framework: mini.yaml\nevidence: {"1.1.1": false}\n')
    html = make(cli, tmp_path, unit, other).read_text(encoding="utf-8")
    assert "<script>" not in html and "</text><script>" not in html
    assert "&lt;/text&gt;&lt;script&gt;x&lt;/script&gt;&amp;amp;" in html


def test_progress_bar_on_a_terminal_only(tmp_path):
    """Many units: a progress bar on stderr when it is a terminal (as rank's), nothing otherwise."""
    import os
    import pty
    import subprocess
    import sys

    from tests.conftest import ROOT, read_terminal

    text = (DEPARTMENTS / "so-y-te.yaml").read_text(encoding="utf-8")
    for i in range(120):
        (tmp_path / f"u{i:03}.yaml").write_text(text.replace('unit: "Sở Y tế"', f'unit: "Sở số {i}"')
                                                .replace('code: "SYT"', f'code: "S{i}"'), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": "100", "PARCLI_LANG": "en"}
    cmd = [sys.executable, "-m", "parcli", "report", ".", "-o", "r.html"]
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = read_terminal(master)
    proc.wait(timeout=300)
    assert proc.returncode == 0, seen
    assert b"report" in seen and b"%" in seen and b"wrote r.html" in seen
    quiet = subprocess.run(cmd[:-1] + ["r2.html"], cwd=tmp_path, capture_output=True, env=env, timeout=300)
    assert quiet.returncode == 0 and quiet.stderr.decode() == "wrote r2.html\n"
    assert (tmp_path / "r2.html").read_text(encoding="utf-8").count('<section class="unit"') == 120
