"""The hostile pass over the campaign and the survey (issue hostile): a store that cannot be read or
written is said in the officer's words (never SQLite's English, never "damaged" for a read-only
folder or a full disk), a received file that cannot be stored is refused without a traceback and
without a record, ``campaign init`` leaves nothing behind when its units cannot be held, values are
shown as written (never ``Decimal('…')``), the tables fit the width with names that have no spaces,
and answers typed decomposed (Unikey's "Unicode tổ hợp", macOS) read as the same answers."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime

import pytest
from rich.cells import cell_len

from parcli.campaign import db
from parcli.campaign.clock import VIETNAM
from parcli.campaign.cycle import receive
from parcli.errors import InputError
from tests.campaign.helpers import YEAR_YAML, filled_form, new_campaign, parcli
from tests.conftest import ROOT
from tests.test_foreign_words import FOREIGN

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SURVEY = ROOT / "docs" / "survey"
AT = datetime(2025, 10, 2, 9, 0, tzinfo=VIETNAM)
SQLITE_WORDS = ["database disk image is malformed", "file is not a database", "unable to open database file",
                "attempt to write a readonly database", "disk I/O error", "database is locked",
                "database or disk is full", "no such table"]


def foreign(text: str, lang: str = "vi") -> list[str]:
    """The libraries' own words in a message: SQLite's in any language, every library's in Vietnamese."""
    return [w for w in SQLITE_WORDS + (FOREIGN if lang == "vi" else []) if w in text]


def closed_campaign(folder):
    op = new_campaign(folder)
    receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT)
    op.close()
    for name in ("campaign.db-wal", "campaign.db-shm"):
        (folder / name).unlink(missing_ok=True)
    return folder


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_truncated_or_random_store_is_said_damaged_in_parcli_s_words(tmp_path, lang):
    folder = closed_campaign(tmp_path / "c")
    store = folder / "campaign.db"
    whole = store.read_bytes()
    store.write_bytes(whole[:10_000])
    for command in ("status", "check", "receive"):
        ran = parcli("campaign", command, folder, *([folder / "none.xlsx"] if command == "receive" else []),
                     lang=lang, now="2025-10-02T10:00")
        assert ran.code == 1, ran.all
        assert not foreign(ran.stderr, lang), ran.stderr
        assert "campaign check" not in ran.stderr  # check itself cannot open it: it is not the way out
    assert "restore it from a backup" in parcli("campaign", "status", folder).stderr
    assert "khôi phục từ bản sao lưu" in parcli("campaign", "status", folder, lang="vi").stderr
    store.write_bytes(b"\x00\x17 random bytes, not SQLite " * 2000)
    ran = parcli("campaign", "status", folder, lang=lang)
    assert ran.code == 1 and not foreign(ran.stderr, lang), ran.stderr


def test_a_dropped_table_is_named(tmp_path):
    folder = closed_campaign(tmp_path / "c")
    conn = sqlite3.connect(folder / "campaign.db")
    conn.execute("DROP TABLE totals")
    conn.commit()
    conn.close()
    ran = parcli("campaign", "check", folder)
    assert ran.code == 1
    assert "lacks the table(s) totals" in ran.stderr and "schema version" not in ran.stderr, ran.stderr


def test_a_store_that_cannot_be_written_is_not_called_damaged(tmp_path):
    """A read-only store (a write-protected USB stick, a folder shared read-only): SQLite's refusal said as what
    it is and what to do; the change rolled back. Opened read-only through SQLite itself, so that the test
    holds when it runs as root too."""
    folder = closed_campaign(tmp_path / "c")
    conn = sqlite3.connect(f"file:{folder / 'campaign.db'}?mode=ro", uri=True, isolation_level=None)
    before = conn.execute("SELECT count(*) FROM actions").fetchone()[0]
    with pytest.raises(InputError) as caught:
        with db.transaction(conn, folder):
            conn.execute("INSERT INTO actions (at, who, what) VALUES ('x', 'y', 'z')")
    message = caught.value.message
    assert "read-only" in message and "cannot open or change the campaign's store" in message, message
    assert "damaged" not in message and not foreign(message, "en"), message
    assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == before
    conn.close()


def test_a_received_file_that_cannot_be_stored_is_refused_and_nothing_recorded(tmp_path):
    """received/ is not a folder (or is read-only, or the disk is full): the run stops with the system's reason in
    parcli's words, no traceback, no record; the next receive, once the folder is back, takes the file."""
    folder = tmp_path / "c"
    op = new_campaign(folder)
    (tmp_path / "STC.xlsx").write_bytes(filled_form(op, "STC"))
    op.close()
    shutil.rmtree(folder / "received")
    (folder / "received").write_bytes(b"not a folder")
    for lang in ("en", "vi"):
        ran = parcli("campaign", "receive", folder, tmp_path / "STC.xlsx", now="2025-10-02T10:00", lang=lang)
        assert ran.code == 1 and not foreign(ran.stderr, lang), ran.all
    assert "cannot store the received file there" in parcli("campaign", "receive", folder, tmp_path / "STC.xlsx",
                                                            now="2025-10-02T10:00").stderr
    conn = sqlite3.connect(folder / "campaign.db")
    assert conn.execute("SELECT count(*) FROM files").fetchone()[0] == 0
    conn.close()
    (folder / "received").unlink()
    (folder / "received").mkdir()
    ran = parcli("campaign", "receive", folder, tmp_path / "STC.xlsx", now="2025-10-02T10:00")
    assert ran.code == 0 and "received from STC" in ran.stdout, ran.all
    assert parcli("campaign", "check", folder).code == 0


def test_values_of_campaign_yaml_are_shown_as_written(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    text = (YEAR_YAML.replace("appraisal_1: 2025-11-20T17:00", "appraisal_1: 20251120")
            .replace("{code: SXD,", "{code: 1e3,").replace("extensions: {}", "extensions: {SYT: {explanation: true}}"))
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    for lang in ("en", "vi"):
        ran = parcli("campaign", "status", folder, lang=lang)
        assert ran.code == 1 and not foreign(ran.stderr, lang), ran.stderr
    ran = parcli("campaign", "status", folder)
    assert "'20251120' is not a date and time" in ran.stderr, ran.stderr
    assert "not '1E+3'" in ran.stderr and "'true' is not a date and time" in ran.stderr, ran.stderr


def test_init_refuses_units_campaign_yaml_cannot_hold_and_writes_nothing(tmp_path):
    units = HOSTILE / "campaign-units.csv"
    for lang in ("en", "vi"):
        ran = parcli("campaign", "init", tmp_path / "c", "--framework", "department-example", "--year", "2025",
                     "--units", units, lang=lang)
        assert ran.code == 1, ran.all
        assert "\x1b" not in ran.all and "\x07" not in ran.all and not foreign(ran.stderr, lang), ran.stderr
        assert not (tmp_path / "c").exists() or not any((tmp_path / "c").iterdir())
    ran = parcli("campaign", "init", tmp_path / "c", "--framework", "department-example", "--year", "2025",
                 "--units", units)
    assert "unit 'SYT': its name holds a control character (U+001B)" in ran.stderr, ran.stderr
    assert "unit '../../etc': a code is 1 to 40 letters" in ran.stderr
    assert "unit 'SNV': its group 'Sở, ban, ngành' is not a short name" in ran.stderr
    fixed = tmp_path / "units.csv"
    fixed.write_text("code,name,group\nSYT,Sở Y tế,so\nSTC,Sở Tài chính,so\n", encoding="utf-8")
    ran = parcli("campaign", "init", tmp_path / "c", "--framework", "department-example", "--year", "2025",
                 "--units", fixed)
    assert ran.code == 0, ran.all


def test_init_takes_back_what_it_wrote_when_the_store_cannot_be_made(tmp_path):
    folder = tmp_path / "c"
    (folder / "campaign.db-wal").mkdir(parents=True)  # SQLite cannot write its journal there
    ran = parcli("campaign", "init", folder, "--framework", "department-example", "--year", "2025", lang="vi")
    assert ran.code == 1 and not foreign(ran.stderr), ran.all
    assert sorted(p.name for p in folder.iterdir()) == ["campaign.db-wal"]
    (folder / "campaign.db-wal").rmdir()
    ran = parcli("campaign", "init", folder, "--framework", "department-example", "--year", "2025")
    assert ran.code == 0, ran.all


@pytest.mark.parametrize("name", ["A" * 300, "衛生局" * 30], ids=["latin", "wide"])
@pytest.mark.parametrize("columns", [80, 100])
def test_status_and_results_fit_the_width_with_a_name_without_spaces(tmp_path, name, columns):
    folder = tmp_path / "c"
    op = new_campaign(folder, YEAR_YAML.replace("name: Sở Y tế", f"name: {name}"))
    receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT)
    op.close()
    for command in ("status", "results"):
        ran = parcli("campaign", command, folder, now="2025-10-02T10:00", columns=columns, lang="vi")
        assert ran.code == 0, ran.all
        widest = max(cell_len(line) for line in ran.stdout.splitlines())
        assert widest <= columns, (command, widest, ran.stdout)
        assert ran.stdout.count(name[0]) >= name.count(name[0])  # shown whole, folded


def survey_json(tmp_path, answers, name):
    shutil.copy(SURVEY / "hb-test.yaml", tmp_path / "hb-test.yaml")
    shutil.copy(SURVEY / "hb-mdhl.yaml", tmp_path / "hb-mdhl.yaml")
    out = tmp_path / f"{name}.json"
    ran = parcli("survey", tmp_path / "hb-mdhl.yaml", answers, "-o", out)
    assert ran.code == 0, ran.all
    return json.loads(out.read_text(encoding="utf-8"))


def test_answers_typed_decomposed_read_as_the_same_answers(tmp_path):
    nfd = survey_json(tmp_path, HOSTILE / "survey-answers-nfd.csv", "nfd")
    nfc = survey_json(tmp_path, HOSTILE / "survey-answers-nfc.csv", "nfc")
    assert nfd == nfc
    assert (HOSTILE / "survey-answers-nfd.csv").read_bytes() != (HOSTILE / "survey-answers-nfc.csv").read_bytes()


def test_answers_in_utf32_are_named_so(tmp_path):
    shutil.copy(SURVEY / "hb-test.yaml", tmp_path / "hb-test.yaml")
    for lang, said in (("en", "the file is UTF-32"), ("vi", "tệp mã hóa UTF-32")):
        ran = parcli("survey", SURVEY / "hb-mdhl.yaml", HOSTILE / "survey-answers-utf32.csv", lang=lang)
        assert ran.code == 1 and said in ran.stderr and "UTF-16" not in ran.stderr, ran.stderr


def test_a_control_character_brought_by_a_received_workbook_is_shown_not_a_crash():
    """An appraiser's reason with an escape (\\x1b) reached the store through a forged workbook: writing it into
    the unit's explanation workbook showed "internal error: IllegalCharacterError" and stopped campaign explain
    for every unit."""
    from openpyxl import Workbook

    from parcli.report.sheets import put_text

    cell = Workbook().active["A1"]
    put_text(cell, "lý do \x1b[2J\x1b]0;pwned\x07 hết")
    assert cell.value == "lý do \\x1b[2J\\x1b]0;pwned\\x07 hết"
    put_text(cell, "=HYPERLINK(\"http://x\")\nhai dòng\tvà tab")
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")\nhai dòng\tvà tab"


def test_points_typed_with_more_digits_than_a_spreadsheet_number_come_back_as_written(tmp_path):
    """An appraiser typed 0.12345678901234567891 as text: the unit's explanation workbook, returned untouched, was
    refused ("read-only cell ... was '0.12345678901234567891' and is '0.1234567890123457'"): the number had been
    written as a double. Such a number is written as text, read back as written. Since the routed round, points
    with more decimals than the framework's places (3 here) are refused at their cell; the most the places allow,
    typed as text, still comes back as written."""
    from openpyxl import load_workbook

    from tests.campaign.helpers import headers

    folder = tmp_path / "c"
    op = new_campaign(folder)
    (tmp_path / "SYT.xlsx").write_bytes(filled_form(op, "SYT"))
    op.close()
    assert parcli("campaign", "receive", folder, tmp_path / "SYT.xlsx", now="2025-10-02T09:00").code == 0
    assert parcli("campaign", "appraise", folder, "--round", "1", now="2025-11-05T09:00").code == 0
    book = folder / "out" / "appraisal-1" / "TGV1.xlsx"
    wb = load_workbook(book)
    ws = wb.worksheets[0]
    cols = headers(ws, 5)
    row = next(r for r in range(6, ws.max_row + 1) if ws.cell(r, cols["Leaf ID"]).value == "1.1.1"
               and ws.cell(r, cols["Unit code"]).value == "SYT")
    ws.cell(row, cols["Appraised points"]).value = "0.12345678901234567891"
    ws.cell(row, cols["Appraised points"]).data_type = "s"
    ws.cell(row, cols["Reason"]).value = "kế hoạch ban hành muộn"
    ws.cell(row, cols["Explanation requested"]).value = "Yes"
    wb.save(tmp_path / "TGV1.xlsx")
    ran = parcli("campaign", "receive", folder, tmp_path / "TGV1.xlsx", now="2025-11-05T10:00")
    assert ran.code == 1 and "has more than 3 decimal places" in ran.stderr, ran.all
    ws.cell(row, cols["Appraised points"]).value = "0.125"
    ws.cell(row, cols["Appraised points"]).data_type = "s"
    wb.save(tmp_path / "TGV1.xlsx")
    ran = parcli("campaign", "receive", folder, tmp_path / "TGV1.xlsx", now="2025-11-05T10:00")
    assert ran.code == 0, ran.all
    assert parcli("campaign", "explain", folder, now="2025-11-05T11:00").code == 0
    ran = parcli("campaign", "receive", folder, folder / "out" / "explanation" / "SYT.xlsx", now="2025-11-21T09:00")
    assert ran.code == 0 and "received from SYT (explanation)" in ran.stdout, ran.all


def test_a_broken_constraint_is_not_said_to_be_a_read_only_folder(tmp_path):
    """Only what the officer can act on (a full disk, a read-only folder, a damaged file) is said as such; a
    broken constraint is parcli's bug and stays one (rolled back)."""
    folder = closed_campaign(tmp_path / "c")
    conn = db.connect(folder / "campaign.db")
    with pytest.raises(sqlite3.IntegrityError):
        with db.transaction(conn, folder):
            conn.execute("INSERT INTO meta (key, value) VALUES ('campaign', 'again')")
    assert conn.execute("SELECT count(*) FROM meta WHERE key = 'campaign'").fetchone()[0] == 1
    conn.close()


def test_receive_of_a_folder_takes_its_workbooks_only(tmp_path):
    """``campaign receive DIR DIR`` (the campaign's own folder) said campaign.yaml was "a damaged zip"."""
    folder = tmp_path / "c"
    new_campaign(folder).close()
    ran = parcli("campaign", "receive", folder, folder, now="2025-10-02T09:00")
    assert ran.code == 1 and "the folder holds no .xlsx file" in ran.stderr and "zip" not in ran.stderr, ran.all
    assert "thư mục không có tệp .xlsx nào" in parcli("campaign", "receive", folder, folder, lang="vi").stderr


def test_two_files_of_one_sender_in_one_run_are_said(tmp_path):
    """Mail downloaded twice gives "SYT (1).xlsx" beside "SYT.xlsx": the run takes them in the order of their names
    (" (1)" sorts first), which may not be the order they were sent in; the officer is told which one is current."""
    from openpyxl import load_workbook

    folder = tmp_path / "c"
    op = new_campaign(folder)
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "SYT.xlsx").write_bytes(filled_form(op, "SYT"))
    op.close()
    wb = load_workbook(mail / "SYT.xlsx")
    wb.worksheets[0]["K9"] = "gửi lại"
    wb.save(mail / "SYT (1).xlsx")
    ran = parcli("campaign", "receive", folder, mail, now="2025-10-02T09:00")
    assert ran.code == 0, ran.all
    assert f"SYT sent 2 files for self-assessment in this run; the last one taken is current: {mail / 'SYT.xlsx'}" \
        in ran.stderr, ran.stderr
    ran = parcli("campaign", "receive", folder, mail / "SYT.xlsx", now="2025-10-02T09:30")
    assert "sent 2 files" not in ran.stderr


def test_a_received_file_s_name_cannot_write_into_the_terminal(tmp_path):
    """An attachment's name is chosen by its sender: "a\\x1b]0;…\\x07\\x1b[2J.xlsx" set the terminal's title and
    cleared the screen when receive said "received from …" on standard output."""
    folder = tmp_path / "c"
    op = new_campaign(folder)
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "a\x1b]0;pwned\x07\x1b[2Jb.xlsx").write_bytes(filled_form(op, "SYT"))
    (mail / "c\rd.xlsx").write_bytes(filled_form(op, "STC"))
    op.close()
    for now in ("2025-10-02T09:00", "2025-10-02T09:30"):  # received, then "the same file"
        ran = parcli("campaign", "receive", folder, mail, now=now)
        assert ran.code == 0, ran.all
        assert not any(ch in ran.all for ch in "\x1b\x07\r"), ran.all
        assert "a\\x1b]0;pwned\\x07\\x1b[2Jb.xlsx" in ran.stdout and "c\\rd.xlsx" in ran.stdout, ran.stdout


def test_init_in_a_folder_named_in_vietnamese_with_spaces(tmp_path):
    """The id was "t-ch-m-i-m-2025" (every letter with a diacritic dropped) and the command to run next was said
    unquoted, which no shell runs as meant."""
    folder = tmp_path / "Đợt chấm điểm 2025"
    ran = parcli("campaign", "init", folder, "--framework", "department-example", "--year", "2025")
    assert ran.code == 0, ran.all
    assert 'id: "Dot-cham-diem-2025"' in (folder / "campaign.yaml").read_text(encoding="utf-8")
    assert f'then run parcli campaign forms "{folder}"' in ran.stdout, ran.stdout
    assert parcli("campaign", "forms", folder).code == 0


def test_an_answer_is_a_whole_number_as_people_write_it_not_whatever_float_reads(tmp_path):
    """float() read "0_5" as 5 (a satisfied answer), "4e0" as 4, and Arabic-Indic or full-width digits as digits;
    4.0, "4,0", +4 and 05 (what spreadsheets and people write) still are answers."""
    shutil.copy(SURVEY / "hb-test.yaml", tmp_path / "hb-test.yaml")
    shutil.copy(SURVEY / "hb-mdhl.yaml", tmp_path / "hb-mdhl.yaml")
    bad = tmp_path / "bad.csv"
    bad.write_text("Mã đơn vị,Câu 1,Câu 2,Câu 3,Câu 4,Câu 5\nSNV,0_5,4e0,٥,５,1e400\n", encoding="utf-8")
    ran = parcli("survey", tmp_path / "hb-mdhl.yaml", bad)
    assert ran.code == 1
    for cell in ("'0_5'", "'4e0'", "'٥'", "'５'", "'1e400'"):
        assert f"{cell} is not on the scale" in ran.stderr, (cell, ran.stderr)
    good = tmp_path / "good.csv"
    good.write_text('Mã đơn vị,Câu 1,Câu 2,Câu 3,Câu 4,Câu 5\nSNV,4.0,"4,0",+4,05, 4 \n', encoding="utf-8")
    plain = tmp_path / "plain.csv"
    plain.write_text("Mã đơn vị,Câu 1,Câu 2,Câu 3,Câu 4,Câu 5\nSNV,4,4,4,4,4\n", encoding="utf-8")
    assert survey_json(tmp_path, good, "good") == survey_json(tmp_path, plain, "plain")


def test_results_as_html_of_a_group_with_no_unit_received(tmp_path):
    """``campaign results -o r.html`` before any unit answered was "internal error: StopIteration"."""
    folder = tmp_path / "c"
    new_campaign(folder).close()
    ran = parcli("campaign", "results", folder, "-o", tmp_path / "r.html")
    assert ran.code == 1 and "no unit's file was received yet: nothing to write" in ran.stderr, ran.all
    assert not (tmp_path / "r.html").exists()
    two = tmp_path / "two"
    text = YEAR_YAML.replace("      - {code: SNV, name: Sở Nội vụ}\n      - {code: SXD, name: Sở Xây dựng}\n",
                             "  - id: khac\n    title: Khác\n    framework: department-example\n    units:\n"
                             "      - {code: SNV, name: Sở Nội vụ}\n")
    op = new_campaign(two, text)
    receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT)
    op.close()
    ran = parcli("campaign", "results", two, "-o", tmp_path / "r.html")
    assert ran.code == 0, ran.all
    assert (tmp_path / "r-so.html").is_file() and not (tmp_path / "r-khac.html").exists()
    assert "group khac: no unit's file was received yet" in ran.stderr, ran.stderr


def test_forms_of_a_campaign_without_units_says_so(tmp_path):
    """``units: []`` in every group: forms printed nothing and exited 0, as if it had done its work."""
    folder = tmp_path / "c"
    text = YEAR_YAML.split("    units:\n")[0] + "    units: []\n" + "appraisers:" + YEAR_YAML.split("appraisers:")[1]
    new_campaign(folder, text).close()
    ran = parcli("campaign", "forms", folder)
    assert ran.code == 0 and "names no unit: no form was written" in ran.stdout, ran.all
