"""campaign.yaml is checked like every parcli file: every problem at file:line:col with the fix named."""

from __future__ import annotations

from datetime import datetime

import pytest

from parcli.campaign.clock import VIETNAM, deadline_state, parse_local
from parcli.campaign.config import load
from parcli.errors import InputError
from tests.campaign.helpers import YEAR_YAML, parcli


def problems_of(tmp_path, text: str) -> list[str]:
    (tmp_path / "campaign.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(tmp_path)
    return [str(p) for p in caught.value.problems]


def test_the_example_of_the_tests_is_valid(tmp_path):
    (tmp_path / "campaign.yaml").write_text(YEAR_YAML, encoding="utf-8")
    camp = load(tmp_path)
    assert [m.code for m in camp.groups[0].units] == ["SYT", "STC", "SNV", "SXD"]
    fw = camp.groups[0].fw
    share = {leaf for a in camp.appraisers for leaf in a.leaves["so"]}
    assert share == {leaf.id for leaf in fw.leaves if (leaf.source or "assessment") == "assessment"}


def test_codes_are_unique_across_groups_and_appraisers(tmp_path):
    text = YEAR_YAML.replace("{code: SXD, name: Sở Xây dựng}", "{code: SYT, name: Sở Xây dựng}")
    found = problems_of(tmp_path, text)
    assert any(p.startswith(f"{tmp_path / 'campaign.yaml'}:13:16:") and "code SYT is given twice (also at line 10)" in p
               for p in found), found
    text = YEAR_YAML.replace("{code: TGV2,", "{code: SNV,")
    assert any("code SNV is given twice" in p for p in problems_of(tmp_path, text))


def test_every_assessment_leaf_is_covered_exactly_once(tmp_path):
    uncovered = problems_of(tmp_path, YEAR_YAML.replace('covers: ["5", "6", "7", "8"]', 'covers: ["5", "6", "8"]'))
    assert any("assessment leaves are covered by no appraiser: 7.1.1" in p for p in uncovered), uncovered
    twice = problems_of(tmp_path, YEAR_YAML.replace('covers: ["5", "6", "7", "8"]', 'covers: ["5", "6", "7", "8", '
                                                                                     '"1.1"]'))
    assert any("covered by two appraisers: 1.1.1 (TGV1, TGV2)" in p for p in twice), twice
    unknown = problems_of(tmp_path, YEAR_YAML.replace('covers: ["5", "6", "7", "8"]', 'covers: ["5", "6", "7", "8", '
                                                                                       '"9.9"]'))
    assert any(":16:" in p and "9.9 is not a field, criterion or leaf" in p for p in unknown), unknown
    mapping = YEAR_YAML.replace('covers: ["1", "2", "3", "4"]', 'covers: {so: ["1", "2", "3", "4"]}')
    (tmp_path / "campaign.yaml").write_text(mapping, encoding="utf-8")
    assert load(tmp_path).appraisers[0].covers == {"so": ["1", "2", "3", "4"]}


def test_deadlines_in_order_and_extensions_later_for_known_codes(tmp_path):
    text = YEAR_YAML.replace("appraisal_1: 2025-11-20T17:00", "appraisal_1: 2025-11-01T17:00")
    found = problems_of(tmp_path, text)
    assert any(":19:16:" in p and "must come after self_assessment" in p for p in found), found
    found = problems_of(tmp_path, YEAR_YAML.replace("extensions: {}", "extensions: {SYX: {self_assessment: "
                                                                      "2025-11-06T17:00}}"))
    assert any("no unit or appraiser has the code SYX" in p for p in found), found
    found = problems_of(tmp_path, YEAR_YAML.replace("extensions: {}", "extensions: {SYT: {self_assessment: "
                                                                      "2025-11-01T17:00}}"))
    assert any("later than the stage's deadline (2025-11-03 17:00)" in p for p in found), found
    found = problems_of(tmp_path, YEAR_YAML.replace("extensions: {}", "extensions: {SYT: {selfassessment: "
                                                                      "2025-11-06T17:00}}"))
    assert any("unknown stage 'selfassessment'" in p for p in found), found
    found = problems_of(tmp_path, YEAR_YAML.replace("explanation: 2025-11-27T17:00", "explanation: 27/11/2025"))
    assert any("is not a date and time; write it as 2025-11-03T17:00" in p for p in found), found
    found = problems_of(tmp_path, YEAR_YAML.replace("missing_documents: none", "missing_documents: maybe"))
    assert any("missing_documents is one of explain, zero, none" in p for p in found), found


def test_the_command_line_says_every_problem_with_its_place(tmp_path):
    (tmp_path / "campaign.yaml").write_text(YEAR_YAML.replace("schema: parcli/campaign/v1", "schema: x")
                                            .replace("year: 2025", "year: twenty"), encoding="utf-8")
    ran = parcli("campaign", "status", tmp_path)
    assert ran.code == 1
    assert f"{tmp_path / 'campaign.yaml'}:1:9: schema must be parcli/campaign/v1" in ran.stderr
    assert ":4:7: year must be a year such as 2025" in ran.stderr


def test_init_writes_a_file_that_validates_as_it_is(tmp_path):
    ran = parcli("campaign", "init", tmp_path / "c", "--framework", "province-2022", "--year", "2026")
    assert ran.code == 0, ran.all
    camp = load(tmp_path / "c")
    assert camp.year == 2026 and camp.units and len(camp.appraisers) == 2
    units = tmp_path / "units.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Mã", "Tên", "Nhóm"])
    wb.active.append(["X01", "Xã A", "xa"])
    wb.active.append(["P01", "Phường B", "phuong"])
    wb.save(units)
    ran = parcli("campaign", "init", tmp_path / "d", "--framework", "department-example", "--year", "2026",
                 "--units", units)
    assert ran.code == 0, ran.all
    assert [g.id for g in load(tmp_path / "d").groups] == ["xa", "phuong"]


def test_time_is_vietnam_s_all_year():
    at = parse_local("2025-11-03T17:00")
    assert at is not None and at.utcoffset().total_seconds() == 7 * 3600
    assert parse_local("2025-11-03") is None  # a date alone names no time of day
    deadline = datetime(2025, 11, 3, 17, 0, tzinfo=VIETNAM)
    assert deadline_state(deadline, datetime(2025, 11, 3, 17, 1, tzinfo=VIETNAM))[0] == "overdue"
    assert deadline_state(deadline, datetime(2025, 11, 3, 8, 0, tzinfo=VIETNAM)) == ("due", 0)
    assert deadline_state(deadline, datetime(2025, 10, 30, 8, 0, tzinfo=VIETNAM)) == ("soon", 4)
    assert deadline_state(deadline, datetime(2025, 10, 1, 8, 0, tzinfo=VIETNAM)) == ("open", 33)


@pytest.mark.parametrize("lang, title, words, foreign", [
    ("vi", "Tất cả đơn vị", ["# mỗi nhóm được xếp hạng riêng", "# cho phần đầu biên bản", "# ví dụ {SYT:"],
     ["each group is ranked", "for the minutes' heading", "e.g.", "a shipped id"]),
    ("en", "All units", ["# each group is ranked separately", "# for the minutes' heading", "# e.g. {SYT:"],
     ["mỗi nhóm", "phần đầu biên bản"]),
])
def test_init_comments_in_the_language_and_a_group_title_people_read(tmp_path, lang, title, words, foreign):
    """campaign.yaml had English comments under --lang vi (the default) and the group title "all", which the
    council's report printed as "1. all"; the file still validates as written, every line within 100 columns."""
    folder = tmp_path / "c"
    ran = parcli("campaign", "init", folder, "--framework", "department-example", "--year", "2025", "--lang", lang)
    assert ran.code == 0, ran.all
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    for word in words:
        assert word in text, (word, text)
    for word in foreign:
        assert word not in text, (word, text)
    assert all(len(line) <= 100 for line in text.splitlines()), text
    camp = load(folder)
    assert [g.title for g in camp.groups] == [title]
    assert camp.groups[0].id == "all" and camp.policy == "explain"


def test_a_late_file_is_refused_in_the_readers_words_with_the_key_to_write(tmp_path):
    """The Vietnamese refusal said "giai đoạn self_assessment của SYT đã đóng": the stage in words, its key only
    in the extension line to copy into campaign.yaml; two files of one sender in a run name the stage in words."""
    from tests.campaign.helpers import filled_form, new_campaign

    folder = tmp_path / "c"
    op = new_campaign(folder)
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "SYT.xlsx").write_bytes(filled_form(op, "SYT"))
    (mail / "SYT (1).xlsx").write_bytes(filled_form(op, "SYT", "so-tai-chinh"))
    op.close()
    late = parcli("campaign", "receive", folder, mail / "SYT.xlsx", now="2025-11-04T08:30", lang="vi")
    assert late.code == 1
    assert "giai đoạn tự đánh giá của SYT đã đóng lúc 2025-11-03 17:00" in late.stderr, late.stderr
    assert "extensions: {SYT: {self_assessment: 2025-11-04T09:00}}" in late.stderr, late.stderr
    assert late.stderr.count("self_assessment") == 1, late.stderr
    two = parcli("campaign", "receive", folder, mail, now="2025-10-20T09:00", lang="vi")
    assert two.code == 0, two.all
    assert "SYT gửi 2 tệp cho giai đoạn tự đánh giá" in two.stderr, two.stderr
    assert "self_assessment" not in two.all, two.all
