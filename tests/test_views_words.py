"""What people need to know, said the same way everywhere (issue 25 item 4): the framework's structure in
frameworks, validate and explain; its class thresholds in frameworks, explain FRAMEWORK and the report;
--locale vi in every number of the warnings; planned and converted files marked in the chosen language."""

from __future__ import annotations

import html

from typer.testing import CliRunner

from parcli.cli import app
from tests.conftest import CRITERIA, EXAMPLES

DEPARTMENT = "42 mục chấm điểm: 41 tiêu chí thành phần và 1 tiêu chí chấm trực tiếp"
CLASSES = ["Xuất sắc: ≥ 90", "Tốt: 80 – < 90", "Khá: 70 – < 80", "Trung bình: 50 – < 70", "Yếu: < 50"]


def run(*args, lang: str = "vi"):
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2
        runner = CliRunner()
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200", "PARCLI_LANG": lang})
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout, result.stderr


def one_line(text: str) -> str:
    """A table's text with its box and wrapping removed (a value's words joined again)."""
    cells = []
    for line in text.splitlines():
        if line[:1] in "│┃":
            cells.append(" ".join(c.strip() for c in line[1:-1].split(line[0])))
        else:
            cells.append(line)
    return " ".join(" ".join(cells).split())


def test_the_same_counts_and_words_everywhere():
    frameworks, _ = run("frameworks")
    explained, _ = run("explain", "department-example")
    validated, _ = run("validate", CRITERIA / "department-example.yaml", EXAMPLES / "departments" / "so-y-te.yaml")
    for out in (frameworks, explained, validated):
        assert "8 lĩnh vực, 20 tiêu chí, " + DEPARTMENT in one_line(out)
    assert "42/42 mục chấm điểm có số liệu" in validated
    # province-2020: 102 sub-criteria and 4 criteria scored directly, 106 scored items in all
    explained, _ = run("explain", "province-2020")
    validated, _ = run("validate", CRITERIA / "province-2020.yaml", EXAMPLES / "bac-ninh-2021.yaml")
    words = "106 mục chấm điểm: 102 tiêu chí thành phần và 4 tiêu chí chấm trực tiếp"
    assert words in one_line(explained) and words in validated and "106/106 mục chấm điểm" in validated
    out, _ = run("validate", CRITERIA / "province-2020.yaml", lang="en")
    assert "106 scored items: 102 sub-criteria, 4 scored directly as criteria" in out


def test_class_thresholds_shown(tmp_path):
    for args in (("frameworks",), ("explain", "department-example")):
        out = one_line(run(*args)[0])
        assert all(c in out for c in CLASSES), out
    out = one_line(run("explain", "province-2020", "--locale", "vi")[0])
    assert "A: ≥ 90 B: 80 – < 90 C: 70 – < 80 D: < 70" in out
    report = tmp_path / "r.html"
    run("report", EXAMPLES / "departments" / "so-y-te.yaml", "-o", report)
    page = html.unescape(report.read_text(encoding="utf-8"))
    assert all(c in page for c in CLASSES)  # the legend of its colour scale


def test_locale_vi_reaches_the_warnings(tmp_path):
    _, err = run("score", EXAMPLES / "bac-ninh-2021.yaml", "--locale", "vi")
    assert "7.2.1: tự chấm 1,5 điểm, số liệu chỉ đạt 1 điểm" in err
    _, err = run("score", EXAMPLES / "bac-ninh-2021.yaml")
    assert "tự chấm 1.5 điểm" in err
    report = tmp_path / "r.html"
    run("report", EXAMPLES / "bac-ninh-2021.yaml", "-o", report, "--locale", "vi")
    assert "tự chấm 1,5 điểm" in report.read_text(encoding="utf-8")
    out, _ = run("explain", "province-2020", "3.2.1", "--locale", "vi")
    assert "trên 98: 1,5" in out and "1.5" not in out


def test_planned_and_converted_files_marked_in_the_chosen_language(tmp_path):
    planned = tmp_path / "planned.yaml"
    run("plan", EXAMPLES / "bac-ninh-2021.yaml", "--target-index", "92.5", "--apply", "-o", planned)
    head = planned.read_text(encoding="utf-8").splitlines()[:2]
    assert head[0].startswith("# Kế hoạch do parcli lập (plan --apply) từ bac-ninh-2021.yaml; kế hoạch thay đổi 16 "
                              "mục chấm điểm: 1.3.1, 1.5.2,")
    assert head[1].startswith("# parcli ") and "bộ tiêu chí province-2020" in head[1]
    form = tmp_path / "form.xlsx"
    run("convert", EXAMPLES / "bac-ninh-2021.yaml", "-o", form)
    back = tmp_path / "back.yaml"
    run("convert", form, "-o", back, "--lang", "en")
    head = back.read_text(encoding="utf-8").splitlines()[:2]
    assert head[0] == "# Converted by parcli from form.xlsx" and "framework province-2020" in head[1]
    back_vi = tmp_path / "back-vi.yaml"
    run("convert", form, "-o", back_vi)
    assert back_vi.read_text(encoding="utf-8").startswith("# Chuyển đổi bằng parcli từ form.xlsx\n# parcli")
