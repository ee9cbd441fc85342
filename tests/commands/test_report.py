"""parcli report: one self-contained HTML page, opened in headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.browser import dom, require_chromium, screenshot
from tests.conftest import EXAMPLES
from tests.test_batch import SO_Y_TE, copy_unit

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


@pytest.mark.external
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


@pytest.mark.external
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_seventeen_departments_in_chromium(cli, tmp_path, lang):
    browser = require_chromium()
    page = make(cli, tmp_path, DEPARTMENTS, "--lang", lang)
    html = page.read_text(encoding="utf-8")
    assert page.stat().st_size < 3 * 1024 * 1024
    assert external_references(html) == []
    shown = dom(browser, page, tmp_path)
    # index chart, heat map, classes; one field chart per unit; the colour legend under each coloured chart
    assert shown.count('<figure class="chart"><svg') == 3 + 17
    assert shown.count('<figure class="legend"><svg') == 2 + 17
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


@pytest.mark.slow
def test_progress_bar_on_a_terminal_only(tmp_path):
    """Many units: a progress bar on stderr when it is a terminal (as rank's), nothing otherwise."""
    import os
    import pty
    import subprocess
    import sys

    from tests.conftest import ROOT, read_terminal

    text = (DEPARTMENTS / "so-y-te.yaml").read_text(encoding="utf-8")
    for i in range(100):  # the fewest that show the bar: 2 steps a unit, a bar from 200 steps
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
    assert (tmp_path / "r2.html").read_text(encoding="utf-8").count('<section class="unit"') == 100


# --- the charts: matplotlib's, honest (issue 25 item 1) -------------------------------------


def figures(html: str, kind: str = "chart") -> list[str]:
    """The SVGs of the page's ``<figure class="kind">`` in order."""
    return re.findall(rf'<figure class="{kind}">(<svg.*?</svg>)\s*</figure>', html, re.S)


def block(html: str, start: str, end: str) -> str:
    return html[html.index(start):html.index(end, html.index(start))]


_PATH = re.compile(r'<path d="([^"]*)"[^>]*?style="([^"]*)"')


def shapes(svg: str, kind: str = "patch") -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, fill) of each path in the SVG's ``kind`` groups (matplotlib's
    Rectangle patches, QuadMesh cells, PolyCollection polygons), in drawing order."""
    out = []
    for group in re.finditer(rf'<g id="[^"]*{kind}_\d+">(.*?)</g>', svg, re.S):
        for d, style in _PATH.findall(group.group(1)):
            numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
            xs, ys = numbers[0::2], numbers[1::2]
            out.append((min(xs), min(ys), max(xs), max(ys), re.search(r"fill: ([^;]+)", style).group(1)))
    return out


def ticks(svg: str) -> list[tuple[str, float]]:
    """The x axis's tick labels and where their ticks are."""
    return [(label, float(x)) for x, label in re.findall(
        r'<g id="[^"]*xtick_\d+">\s*<g id="[^"]*line2d_\d+">.*?<use [^>]*?x="([-\d.]+)".*?<text[^>]*>([^<]*)</text>',
        svg, re.S)]


def axes_box(svg: str) -> tuple[float, float, float, float, str]:
    return shapes(svg, "patch")[1]  # the figure's background, then the axes'


def bars(svg: str) -> list[tuple[float, float, float, float, str]]:
    """The chart's bars (coloured patches inside the axes), top to bottom."""
    left = axes_box(svg)[0]
    return sorted((s for s in shapes(svg, "patch")[2:] if s[0] == left and s[4].startswith("#")), key=lambda s: s[1])


def rank_rows(cli, tmp_path, *units, name="rank.csv") -> list[dict]:
    out = tmp_path / name
    assert cli("rank", *units, "-o", out).exit_code == 0
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def test_every_chart_is_drawn_by_matplotlib(cli, tmp_path):
    """matplotlib's SVG renderer draws every chart and legend: its name in the SVG's metadata, its
    figure > axes structure, text kept as text (no glyph drawn as a path, no embedded picture)."""
    import matplotlib

    html = make(cli, tmp_path, DEPARTMENTS).read_text(encoding="utf-8")
    drawn = figures(html) + figures(html, "legend")
    assert len(drawn) == 3 + 17 + 2 + 17
    for svg in drawn:
        assert f"<dc:title>Matplotlib v{matplotlib.__version__}</dc:title>" in svg
        assert re.search(r'<g id="[^"]*figure_1">', svg)
        assert re.search(r"<text style=\"[^\"]*'DejaVu Sans', 'Segoe UI'", svg)  # svg.fonttype: none
        assert "<image" not in svg and 'id="DejaVuSans-' not in svg  # no picture, no glyph outlines
    for svg in figures(html):
        assert re.search(r'<g id="[^"]*axes_1">', svg)


def test_ids_are_unique_across_the_page(cli, tmp_path):
    """Forty inline SVGs in one page: no two elements share an id, and every reference (a clip
    path, a hatch, a marker) is to an element of its own chart."""
    html = make(cli, tmp_path, DEPARTMENTS).read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and len(ids) > 1000
    for svg in figures(html) + figures(html, "legend"):
        own = set(re.findall(r'\bid="([^"]+)"', svg))
        assert set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg)) <= own


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_index_axes_run_from_0_to_100(cli, tmp_path, lang):
    """Every index axis (the units' index chart, each unit's field chart) runs from 0 to 100 at its
    edges, and each bar is its index's share of it: 74 is drawn 74/94 of 94, never a third."""
    html = make(cli, tmp_path, DEPARTMENTS, "--lang", lang).read_text(encoding="utf-8")
    rows = rank_rows(cli, tmp_path, DEPARTMENTS)
    index_charts = figures(block(html, 'id="chart-index"', 'id="chart-heatmap"'))
    field_charts = [figures(part)[0] for part in html.split('<section class="unit"')[1:]]
    assert len(index_charts) == 1 and len(field_charts) == 17
    for svg in index_charts + field_charts:
        left, _, right, _, _ = axes_box(svg)
        shown = ticks(svg)
        assert [label for label, _ in shown] == ["0", "20", "40", "60", "80", "100"]
        assert shown[0][1] == pytest.approx(left) and shown[-1][1] == pytest.approx(right)
    left, _, right, _, _ = axes_box(index_charts[0])
    drawn = [(b[2] - b[0]) / (right - left) * 100 for b in bars(index_charts[0])]
    assert drawn == pytest.approx([float(r["index"]) for r in rows], abs=0.01)
    for svg, row in zip(field_charts, rows, strict=True):
        left, _, right, _, _ = axes_box(svg)
        wanted = [float(row[f"field_{i}"]) for i in range(1, 9) if row[f"field_{i}"]]
        assert [(b[2] - b[0]) / (right - left) * 100 for b in bars(svg)] == pytest.approx(wanted, abs=0.01)


def _class_of(index: float, classes) -> str:
    return next(label for label, low in classes if index >= low)


def heat_cells(html: str) -> list[tuple[int, int, str]]:
    """(row, column, fill) of each heat-map cell, rows and columns counted from the cells' places."""
    cells = [c for svg in figures(block(html, 'id="chart-heatmap"', 'id="chart-classes"'))
             for c in shapes(svg, "QuadMesh")]
    xs, ys = sorted({c[0] for c in cells}), sorted({c[1] for c in cells})
    return [(ys.index(c[1]), xs.index(c[0]), c[4]) for c in cells]


def test_colours_depend_only_on_the_index_and_the_classes(cli, tmp_path):
    """One fixed colour per class band of the framework, whatever units the report holds: a field
    index of 81 has the colour of its class in a report of 17 departments and in one of three
    (relative colours made 81 % green in one report and red in another); the legend says which."""
    import yaml

    framework = yaml.safe_load((EXAMPLES.parent / "criteria" / "department-example.yaml").read_text(encoding="utf-8"))
    classes = [(c["label"], c["min"]) for c in framework["classes"]]
    few = [DEPARTMENTS / "so-y-te.yaml", DEPARTMENTS / "ban-quan-ly-kkt.yaml", DEPARTMENTS / "so-van-hoa.yaml"]
    colours = {}
    for units, name in (([DEPARTMENTS], "all.html"), (few, "few.html")):
        html = make(cli, tmp_path, *units, name=name).read_text(encoding="utf-8")
        rows = rank_rows(cli, tmp_path, *units, name=name + ".csv")
        cells = heat_cells(html)
        assert len(cells) == 8 * len(rows)
        seen = {}
        for i, j, fill in cells:
            value = rows[i][f"field_{j + 1}"]
            if not value:
                assert fill == "none"  # not applicable: hatched above, no band colour
                continue
            seen.setdefault(_class_of(float(value), classes), set()).add(fill)
        assert all(len(fills) == 1 for fills in seen.values())  # one colour per class
        for label, (fill,) in seen.items():
            assert colours.setdefault(label, fill) == fill  # the same in both reports
        legend = figures(html, "legend")[0]
        entries = list(zip([s[4] for s in shapes(legend)[1:]], re.findall(r"<text[^>]*>([^<]+)</text>", legend),
                           strict=True))
        for label, fill in colours.items():
            assert any(f == fill and text.startswith(f"{label}: ") for f, text in entries), (label, entries)
    assert len(set(colours.values())) == len(colours) >= 3  # classes are told apart


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_not_applicable_fields_are_marked_and_explained(cli, tmp_path, lang):
    """Ban Dân tộc's field 3 does not apply: hatched in the heat map and on its page, written as
    such beside its bar, in the legend, and explained under the charts."""
    words = {"vi": ("không áp dụng", "Ô gạch chéo"), "en": ("not applicable", "Hatched")}[lang]
    html = make(cli, tmp_path, DEPARTMENTS, "--lang", lang).read_text(encoding="utf-8")
    heat = block(html, 'id="chart-heatmap"', 'id="chart-classes"')
    hatched = [s for svg in figures(heat) for s in shapes(svg, "PolyCollection")]
    assert len(hatched) == 1 and hatched[0][4].startswith("url(#")
    assert words[0] in figures(heat, "legend")[0] and words[1] in heat
    page = next(part for part in html.split('<section class="unit"')[1:] if "Ban Dân tộc tỉnh · 2021" in part)
    chart = figures(page)[0]
    assert f">{words[0]}</text>" in chart and any(s[4].startswith("url(#") for s in shapes(chart))
    assert words[0] in figures(page, "legend")[0] and words[1] in page
    other = next(part for part in html.split('<section class="unit"')[1:] if "Sở Y tế · 2021" in part)
    assert f">{words[0]}</text>" not in figures(other)[0] and words[1] not in other


@pytest.mark.external
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_field_names_year_and_footer(cli, tmp_path, lang):
    """The heat map's columns are explained by the fields' names; the heading has the year; the
    footer names the tool and its version once, and the framework with its provenance."""
    import yaml

    framework = yaml.safe_load((EXAMPLES.parent / "criteria" / "department-example.yaml").read_text(encoding="utf-8"))
    html = make(cli, tmp_path, DEPARTMENTS, "--lang", lang).read_text(encoding="utf-8")
    legend = re.search(r'<ol class="fields"[^>]*>(.*?)</ol>', html, re.S).group(1)
    names = [f["title"] if lang == "vi" else f["title_en"] for f in framework["fields"]]
    assert re.findall(r"<li><b>([^<]+)</b> ([^<]+)</li>", legend) == [(str(i), n) for i, n in enumerate(names, 1)]
    assert "LV1" not in html and ">F1<" not in html
    heading = re.search(r"<h1>([^<]+)</h1>", html).group(1)
    assert heading == ("Báo cáo Chỉ số cải cách hành chính năm 2021" if lang == "vi"
                       else "Public Administration Reform index report 2021")
    browser = require_chromium()
    shown = dom(browser, tmp_path / "r.html", tmp_path)
    body = re.sub(r"<[^>]+>", " ", shown[shown.index("<body"):])
    assert body.count("parcli 0.1.0") == 1
    footer = re.search(r"<footer>([^<]+)</footer>", shown).group(1)
    word = "bộ tiêu chí" if lang == "vi" else "framework"
    assert footer.startswith(("Tạo bởi parcli 0.1.0 · " if lang == "vi" else "Made by parcli 0.1.0 · ")
                             + f"{word} department-example v2021.1 · sha256 ")


def test_heading_names_every_year(cli, tmp_path):
    html = make(cli, tmp_path, EXAMPLES / "bac-ninh-2020.yaml", EXAMPLES / "cao-bang-2020.yaml", BAC_NINH,
                "--lang", "en").read_text(encoding="utf-8")
    # Bắc Ninh's page is its latest year (2021), Cao Bằng's is 2020
    assert "<h1>Public Administration Reform index report 2020, 2021</h1>" in html


@pytest.mark.external
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_seventeen_departments_print_on_at_most_21_pages(cli, tmp_path, lang):
    """Printed by Chromium on A4: the overview on at most 3 pages, then one page per unit (each
    unit's heading on its own page, in ranking order); no page ends with a heading."""
    from tests.browser import pdf_pages, print_pdf

    browser = require_chromium()
    page = make(cli, tmp_path, DEPARTMENTS, "--lang", lang)
    pages = pdf_pages(print_pdf(browser, page, tmp_path / "r.pdf"))
    units = [r["unit"] for r in rank_rows(cli, tmp_path, DEPARTMENTS)]
    first = next(n for n, text in enumerate(pages) if f"{units[0]} · 2021" in text)
    assert 1 <= first <= 3  # the overview: pages 1 to 3 at most
    assert len(pages) == first + 17 <= 21
    for n, unit in enumerate(units):
        assert f"{unit} · 2021" in pages[first + n]
        assert [u for u in units if f"{u} · 2021" in pages[first + n]] == [unit]
    html = page.read_text(encoding="utf-8")
    headings = {re.sub(r"\s+", " ", h).strip() for h in re.findall(r"<h[23][^>]*>([^<]+)</h[23]>", html)}
    for text in pages:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines and re.sub(r"\s+", " ", lines[-1]) not in headings, lines[-3:]


@pytest.mark.slow
def test_a_matplotlibrc_among_the_files_is_never_read(tmp_path):
    """matplotlib reads ./matplotlibrc when imported: a FIFO, a link to /dev/zero or a file whose
    lines write into the terminal, in the folder a user runs the report from, neither hangs it,
    nor prints, nor changes the charts."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    unit = BAC_NINH.read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PARCLI_LANG": "en"}
    for kind in ("fifo", "zero", "text"):
        folder = tmp_path / kind
        folder.mkdir()
        (folder / "unit.yaml").write_text(unit.replace("framework: province-2020", "framework: province-2020"),
                                          encoding="utf-8")
        rc = folder / "matplotlibrc"
        if kind == "fifo":
            os.mkfifo(rc)
        elif kind == "zero":
            rc.symlink_to("/dev/zero")
        else:
            rc.write_text("svg.fonttype: path\ntext.parse_math: True\n\x1b]0;owned\x07: 1\nfont.size: \x1b[2J\n",
                          encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "parcli", "report", "unit.yaml", "-o", "r.html"], cwd=folder,
                             env=env, capture_output=True, timeout=120)
        assert run.returncode == 0 and run.stderr.decode() == "wrote r.html\n", run.stderr
        html = (folder / "r.html").read_text(encoding="utf-8")
        assert "<text " in html and 'id="DejaVuSans-' not in html  # text stays text


def test_bands_without_classes_and_below_the_lowest_class(cli, tmp_path, write):
    """A framework without classes colours by fixed bands of 20 points; one whose lowest class
    starts above 0 has a band for the indices under it, named so; both in the legend, in order."""
    from tests.conftest import MINI_FRAMEWORK

    bands = {
        "plain": (MINI_FRAMEWORK.replace("classes:\n  - {label: Tốt, min: 80}\n  - {label: Khá, min: 50}\n"
                                         "  - {label: Yếu, min: 0}\n", ""),
                  ["≥ 80", "60 – &lt; 80", "40 – &lt; 60", "20 – &lt; 40", "&lt; 20", "not applicable"]),
        "high": (MINI_FRAMEWORK.replace("  - {label: Yếu, min: 0}\n", ""),
                 ["Tốt: ≥ 80", "Khá: 50 – &lt; 80", "no class: &lt; 50", "not applicable"]),
    }
    for name, (framework, legend) in bands.items():
        write(f"{name}/mini.yaml", framework)
        units = [write(f"{name}/u{i}.yaml", f'schema: parcli/unit/v1\nunit: "U{i}"\nyear: 2021\nframework: mini.yaml\n'
                                          f'evidence: {{"1.1.1": {"true" if i else "false"}}}\n') for i in range(2)]
        html = make(cli, tmp_path, *units, "--lang", "en", name=f"{name}.html").read_text(encoding="utf-8")
        assert re.findall(r"<text[^>]*>([^<]+)</text>", figures(html, "legend")[1]) == legend
        assert ('id="chart-classes"' in html) == (name == "high")  # no classes: no class distribution


def test_a_report_of_one_unit_over_two_years_shows_the_year_over_year_view(cli, tmp_path):
    out = tmp_path / "r.html"
    run = cli("report", EXAMPLES / "bac-ninh-2021.yaml", EXAMPLES / "bac-ninh-2020.yaml", "-o", out, "--lang", "en")
    assert run.exit_code == 0 and "different years" not in run.stderr, run.all
    html = out.read_text(encoding="utf-8")
    assert 'id="overview"' not in html and 'id="ranking"' not in html and "Rank 1 of" not in html
    assert html.count('<section class="unit"') == 1 and "Tỉnh Bắc Ninh · 2021" in html
    assert "Compared with 2020 (Index (%) 84.74 → 85.49)" in html
    # two units over two years: each ranked once, by its latest year, and each shows what moved
    a20 = copy_unit(SO_Y_TE, tmp_path / "a20.yaml", year=2020)
    b20 = copy_unit(EXAMPLES / "departments" / "so-noi-vu.yaml", tmp_path / "b20.yaml", year=2020)
    a21, b21 = SO_Y_TE, EXAMPLES / "departments" / "so-noi-vu.yaml"
    run = cli("report", a20, b20, a21, b21, "-o", out, "--force", "--lang", "en")
    assert run.exit_code == 0 and "different years" not in run.stderr, run.all
    html = out.read_text(encoding="utf-8")
    ranking = html[html.index('id="ranking"'):html.index("</table>", html.index('id="ranking"'))]
    assert ranking.count("<tr>") == 3 and "Rank 1 of 2" in html  # a header and two units
    assert html.count('<section class="unit"') == 2 and html.count("Compared with 2020") == 2
    # two units of different years are ranked together: said so
    run = cli("report", a21, b20, "-o", out, "--force", "--lang", "en")
    assert run.exit_code == 0 and "the units are of 2 different years" in run.stderr
