"""parcli export: CSV, JSON and XLSX of many units, formulas neutralised, inputs and old files never
lost."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from tests.conftest import EXAMPLES

DEPARTMENTS = sorted((EXAMPLES / "departments").glob("*.yaml"))

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert not text.startswith("sep=")
    return list(csv.reader(io.StringIO(text)))


def test_export_csv(cli, tmp_path):
    out = tmp_path / "all.csv"
    files = sorted(EXAMPLES.glob("*.yaml"))
    run = cli("export", *files, "-o", out)
    assert run.exit_code == 0, run.all
    rows = read_csv(out)
    assert rows[0] == ["unit", "code", "year", "framework", "field", "criterion", "leaf", "title", "max",
                       "points", "lost", "status", "claimed", "note"]
    leaves = {"province-2017": 83, "province-2020": 106, "province-2022": 91}  # rows per unit: its leaves
    expected = sum(leaves[yaml_framework(f)] for f in files)
    assert len(rows) == 1 + expected
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["framework"] == "province-2017@2017.1"  # the first file: bac-kan-2017
    Decimal(first["max"]), Decimal(first["points"])  # numbers stay numbers
    assert "Tỉnh Bắc Ninh" in {r[0] for r in rows}


def test_export_neutralises_formulas(cli, write, mini, tmp_path):
    path = write("evil.yaml", """
        schema: parcli/unit/v1
        unit: "=HYPERLINK(\\"http://x\\")"
        code: "+84"
        year: 2021
        framework: mini.yaml
        evidence:
          "1.1.1": {value: true, note: "@SUM(A1)"}
          "1.1.2": {percent: 50, note: "-1+2"}
          "1.1.3": {value: a, note: "\\tTab"}
    """)
    out = tmp_path / "evil.csv"
    assert cli("export", path, "-o", out).exit_code == 0
    rows = read_csv(out)
    body = rows[1:]
    assert all(r[0] == "'=HYPERLINK(\"http://x\")" for r in body)
    assert all(r[1] == "'+84" for r in body)
    notes = {r[6]: r[13] for r in body}
    assert notes["1.1.1"] == "'@SUM(A1)" and notes["1.1.2"] == "'-1+2" and notes["1.1.3"] == "'\tTab"
    assert rows[1][8] == "1"  # numbers untouched


def test_export_refuses_to_overwrite_an_input(cli, unit_file):
    path = unit_file('"1.1.1": true')
    before = path.read_bytes()
    run = cli("export", path, "-o", path)
    assert run.exit_code == 2
    assert "is one of the input files" in run.stderr
    assert path.read_bytes() == before


def test_export_into_missing_folder(cli, tmp_path):
    run = cli("export", BAC_NINH, "-o", tmp_path / "nope" / "x.csv")
    assert run.exit_code == 2 and "does not exist" in run.stderr


def test_failed_export_keeps_the_old_file(cli, tmp_path, unit_file):
    out = tmp_path / "keep.csv"
    out.write_bytes(b"old contents")
    bad = unit_file('"1.1.1": 5', name="bad.yaml")
    run = cli("export", BAC_NINH, bad, "-o", out)
    assert run.exit_code == 1
    assert out.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["keep.csv", "bad.yaml", "mini.yaml"])


def yaml_framework(path):
    return next(line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("framework:"))


def test_export_json_list(cli, tmp_path):
    out = tmp_path / "all.json"
    assert cli("export", *DEPARTMENTS[:3], "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"), parse_float=Decimal)
    assert isinstance(data, list) and len(data) == 3
    assert all(d["schema"] == "parcli/result/v1" for d in data)
    assert [d["unit"] for d in data] == [json.loads(cli("score", f, "-f", "json").stdout)["unit"]
                                         for f in DEPARTMENTS[:3]]


def test_export_xlsx_reads_back(cli, tmp_path, write, mini):
    """A workbook for people: ranking, leaves and about sheets, headers in the language, number
    formats with the framework's places, frozen header, autofilter, exact numbers, neutralised text."""
    import openpyxl

    evil = write("evil.yaml", 'schema: parcli/unit/v1\nunit: "=1+1"\ncode: "@x"\nyear: 2021\n'
                              'framework: mini.yaml\nevidence:\n  "1.1.1": {value: true, note: "-2"}\n')
    out = tmp_path / "all.xlsx"
    run = cli("export", *DEPARTMENTS, evil, "-o", out)
    assert run.exit_code == 2 and "different frameworks" in run.stderr and not out.exists()
    out2 = tmp_path / "dept.xlsx"
    assert cli("export", *DEPARTMENTS, "-o", out2, "--lang", "vi").exit_code == 0
    wb = openpyxl.load_workbook(out2)
    assert wb.sheetnames == ["Xếp hạng", "Chi tiết tiêu chí", "Thông tin"]
    ranking, leaves = wb["Xếp hạng"], wb["Chi tiết tiêu chí"]
    assert ranking.freeze_panes == "C3" and leaves.freeze_panes == "G3"  # under the title line and the header
    assert ranking.auto_filter.ref.startswith("A2:") and leaves.auto_filter.ref.startswith("A2:")
    assert ranking["A1"].value.startswith("Xếp hạng · Chỉ số cải cách hành chính các sở")
    head = [c.value for c in ranking[2]]
    assert head[:8] == ["Xếp hạng", "Đơn vị", "Mã đơn vị", "Năm", "Tổng điểm", "Điểm tối đa áp dụng",
                        "Chỉ số (%)", "Xếp loại"]
    assert head[8] == "1. Công tác chỉ đạo, điều hành cải cách hành chính (%)"
    assert ranking.max_row == 2 + len(DEPARTMENTS)
    assert [ranking.cell(row=i, column=1).value for i in range(3, 6)] == [1, 2, 3]
    units = {ranking.cell(row=i, column=2).value for i in range(3, ranking.max_row + 1)}
    assert "Ban Dân tộc tỉnh" in units  # Vietnamese intact
    assert isinstance(ranking["G3"].value, (int, float)) and ranking["G3"].number_format == "0.000"  # 3 places
    assert ranking.column_dimensions["B"].width >= 20
    from parcli.store import Store

    assert leaves.max_row == 2 + len(Store().framework("department-example").leaves) * len(DEPARTMENTS)
    about = {r[0]: r[1] for r in wb["Thông tin"].iter_rows(min_row=3, values_only=True)}
    assert about["Bộ tiêu chí"].startswith("department-example") and len(about["SHA-256 của tệp bộ tiêu chí"]) == 64
    assert about["Nguồn gốc"] == "tự xây dựng" and about["Công cụ"].startswith("parcli ")
    english = tmp_path / "en.xlsx"
    assert cli("export", *DEPARTMENTS, "-o", english, "--lang", "en").exit_code == 0
    assert openpyxl.load_workbook(english).sheetnames == ["Ranking", "Leaves", "About"]
    # formula-like text is neutralised in XLSX too (control characters never get this far: refused on reading)
    out3 = tmp_path / "evil.xlsx"
    assert cli("export", evil, "-o", out3, "--lang", "en").exit_code == 0
    wb = openpyxl.load_workbook(out3)
    assert wb["Ranking"]["B3"].value == "'=1+1" and wb["Ranking"]["C3"].value == "'@x"
    assert wb["Ranking"]["B3"].data_type == "s"
    note = [r for r in wb["Leaves"].iter_rows(min_row=3, values_only=True) if r[4] == "1.1.1"][0][11]
    assert note == "'-2"


def test_a_failed_xlsx_export_prints_one_message_and_no_ignored_exception(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "x.xlsx"
    proc = subprocess.run([sys.executable, "-m", "parcli", "export", str(EXAMPLES / "bac-ninh-2021.yaml"),
                           str(EXAMPLES / "departments" / "so-y-te.yaml"), "-o", str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2
    assert "các đơn vị dùng những bộ tiêu chí khác nhau" in proc.stderr  # Vietnamese by default
    assert "Exception ignored" not in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []
