"""Nothing received is lost or changed unseen: the store's transactions, a kill at any moment, two
commands at once, a damaged or foreign store, a framework changed after the start, and workbooks
that are not what they say."""

from __future__ import annotations

import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime

import pytest
from openpyxl import load_workbook

from parcli.campaign import db
from parcli.campaign.check import verify
from parcli.campaign.clock import VIETNAM
from parcli.campaign.cycle import appraisal_book, appraisal_items, open_campaign, receive
from parcli.errors import InputError
from tests.campaign.helpers import EXAMPLE_OF, filled_form, new_campaign, parcli

AT = datetime(2025, 10, 2, 9, 0, tzinfo=VIETNAM)


def edited(raw: bytes, change) -> bytes:
    wb = load_workbook(io.BytesIO(raw))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_same_file_twice_is_a_no_op_and_a_newer_one_replaces_the_older(tmp_path):
    op = new_campaign(tmp_path / "c")
    first = filled_form(op, "SYT")
    assert receive(op, first, "SYT.xlsx", AT).status == "accepted"
    again = receive(op, first, "SYT-copy.xlsx", AT)
    assert again.status == "same" and again.sender == "SYT"
    newer = filled_form(op, "SYT", "so-y-te")  # written again: other bytes (openpyxl's times), same cells
    newer = edited(newer, lambda wb: wb.worksheets[0].__setitem__("K9", "ghi chú mới") or None)
    found = receive(op, newer, "SYT-2.xlsx", AT)
    assert found.status == "accepted" and found.superseded is not None
    files = op.conn.execute("SELECT name, current FROM files ORDER BY seq").fetchall()
    assert files == [("SYT.xlsx", 0), ("SYT-2.xlsx", 1)]  # the older kept, superseded
    assert len(list((tmp_path / "c" / "received").glob("*.xlsx"))) == 2
    said, failed = verify(op)
    assert not failed, failed


def test_workbooks_that_are_not_what_they_say_are_refused(tmp_path):
    op = new_campaign(tmp_path / "c")
    raw = filled_form(op, "SYT")

    def meta(key, value):
        def change(wb):
            ws = wb["parcli"]
            for row in ws.iter_rows():
                if row[0].value == key:
                    row[1].value = value
        return change

    other = receive(op, edited(raw, meta("campaign", "so-nganh-2024")), "x.xlsx", AT)
    assert other.status == "refused" and "belongs to the campaign 'so-nganh-2024'" in other.problems[0].message
    wrong = receive(op, edited(raw, meta("recipient", "TGV1")), "x.xlsx", AT)
    assert wrong.status == "refused" and "not a unit of this campaign" in wrong.problems[0].message
    stage = receive(op, edited(raw, meta("stage", "appraisal_1")), "x.xlsx", AT)
    assert stage.status == "refused" and "not a stage of its kind" in stage.problems[0].message
    swapped = receive(op, edited(raw, meta("recipient", "STC")), "x.xlsx", AT)  # SYT's form sent as STC's
    assert swapped.status == "refused" and "read-only cell" in swapped.problems[0].message
    assert "Sở Tài chính" in swapped.problems[0].message or "STC" in swapped.problems[0].message
    forged = receive(op, edited(raw, meta("digest", "0" * 64)), "x.xlsx", AT)
    assert forged.status == "refused" and "were changed" in forged.problems[0].message
    assert op.conn.execute("SELECT count(*) FROM files").fetchone()[0] == 0
    assert op.conn.execute("SELECT count(*) FROM actions WHERE what = 'refused'").fetchone()[0] == 5


def test_an_appraisers_workbook_written_before_the_unit_sent_a_newer_form_is_stale(tmp_path):
    op = new_campaign(tmp_path / "c")
    assert receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT).status == "accepted"
    book = appraisal_book(op, "TGV1", 1, "vi", appraisal_items(op, "TGV1", 1))
    assert receive(op, filled_form(op, "SYT", "so-tai-chinh"), "SYT-2.xlsx", AT).status == "accepted"
    later = datetime(2025, 11, 10, 9, 0, tzinfo=VIETNAM)
    stale = receive(op, book, "TGV1.xlsx", later)
    assert stale.status == "refused"
    assert "when this workbook was written" in stale.problems[0].message
    assert "appraise --round 1" in stale.problems[0].message


def test_a_framework_changed_after_the_start_is_refused_naming_both_hashes(tmp_path):
    from tests.conftest import ROOT

    folder = tmp_path / "c"
    folder.mkdir()
    framework = (ROOT / "criteria" / "department-example.yaml").read_text(encoding="utf-8")
    (folder / "fw.yaml").write_text(framework, encoding="utf-8")
    from tests.campaign.helpers import YEAR_YAML

    op = new_campaign(folder, YEAR_YAML.replace("framework: department-example", "framework: fw.yaml"))
    pinned = op.meta["framework:so"]
    op.close()
    (folder / "fw.yaml").write_text(framework.replace('version: "2021.1"', 'version: "2021.2"'), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        open_campaign(folder)
    message = caught.value.problems[0].message
    assert pinned in message and "changed since the campaign started" in message
    ran = parcli("campaign", "status", folder)
    assert ran.code == 1 and pinned in ran.stderr


def test_a_damaged_or_foreign_store_is_a_clear_message(tmp_path):
    op = new_campaign(tmp_path / "c")
    op.close()
    store = tmp_path / "c" / "campaign.db"
    for name in ("campaign.db-wal", "campaign.db-shm"):
        (tmp_path / "c" / name).unlink(missing_ok=True)
    store.write_bytes(b"this is not SQLite at all" * 100)
    ran = parcli("campaign", "status", tmp_path / "c")
    assert ran.code == 1 and "not a campaign store, or a damaged one" in ran.stderr
    other = sqlite3.connect(store.with_name("other.db"))
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    store.unlink()
    store.with_name("other.db").rename(store)
    ran = parcli("campaign", "check", tmp_path / "c")
    assert ran.code == 1 and "not a campaign store of this parcli" in ran.stderr
    (tmp_path / "d").mkdir()
    ran = parcli("campaign", "status", tmp_path / "d")
    assert ran.code == 1 and "is not a campaign" in ran.stderr


def test_check_names_a_received_file_changed_or_missing_and_a_leftover(tmp_path):
    op = new_campaign(tmp_path / "c")
    assert receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT).status == "accepted"
    received = tmp_path / "c" / "received"
    (received / ("f" * 64 + ".xlsx")).write_bytes(b"left by a kill")
    said, failed = verify(op)
    assert not failed and any("without a record" in line for line in said)
    stored = next(p for p in received.glob("*.xlsx") if p.stem != "f" * 64)
    stored.write_bytes(stored.read_bytes() + b"x")
    said, failed = verify(op)
    assert failed and "was changed" in failed[0]
    stored.unlink()
    said, failed = verify(op)
    assert failed and "is missing" in failed[0]


def four_forms(tmp_path):
    """A new campaign and the four units' filled forms in a folder (its store closed)."""
    op = new_campaign(tmp_path / "c")
    forms = tmp_path / "forms"
    forms.mkdir(exist_ok=True)
    for code in EXAMPLE_OF:
        (forms / f"{code}.xlsx").write_bytes(filled_form(op, code))
    op.close()
    return forms


def test_two_commands_at_once_wait_for_each_other(tmp_path):
    """A command holding the store's write lock makes another one wait (busy timeout), not fail."""
    forms = four_forms(tmp_path)
    holder = db.connect(tmp_path / "c" / "campaign.db")
    holder.execute("BEGIN IMMEDIATE")
    env = {**os.environ, "PARCLI_LANG": "en", "PARCLI_NOW": "2025-10-02T09:00"}
    proc = subprocess.Popen([sys.executable, "-m", "parcli", "campaign", "receive", str(tmp_path / "c"), str(forms)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(3)
    assert proc.poll() is None  # waiting for the lock
    holder.execute("COMMIT")
    holder.close()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, out + err
    assert out.count("received from") == 4


@pytest.mark.slow  # 16 processes, killed at random moments
def test_a_kill_at_any_moment_leaves_the_store_as_before_or_as_after(tmp_path):
    forms = four_forms(tmp_path)
    env = {**os.environ, "PARCLI_LANG": "en", "PARCLI_NOW": "2025-10-02T09:00"}
    args = [sys.executable, "-m", "parcli", "campaign", "receive", str(tmp_path / "c"), str(forms)]
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "parcli", "campaign", "status", str(tmp_path / "c")], env=env,
                   capture_output=True, check=True)
    started = time.monotonic() - start  # how long parcli takes to start here
    rnd = random.Random(22)
    kills = 0
    for _ in range(16):
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rnd.uniform(0, started * 2.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        op = open_campaign(tmp_path / "c")
        try:
            said, failed = verify(op)
            assert not failed, failed
            for seq, sha in op.conn.execute("SELECT seq, sha256 FROM files"):
                assert (tmp_path / "c" / "received" / f"{sha}.xlsx").is_file()
                assert op.conn.execute("SELECT count(*) FROM vals WHERE file = ?", (seq,)).fetchone()[0] > 0
                assert op.conn.execute("SELECT count(*) FROM totals").fetchone()[0] >= 1
            recorded = op.conn.execute("SELECT count(*) FROM files").fetchone()[0]
        finally:
            op.close()
        if recorded == 4:  # every file in: start again from an empty store for the next kill
            for name in ("campaign.db", "campaign.db-wal", "campaign.db-shm"):
                (tmp_path / "c" / name).unlink(missing_ok=True)
            for path in (tmp_path / "c" / "received").glob("*"):
                path.unlink()
            (tmp_path / "c" / "campaign.yaml").unlink()
            four_forms(tmp_path)  # the new store has a new key: its forms are new
    assert kills >= 4
    ran = subprocess.run(args, capture_output=True, text=True, env=env)
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_the_workbooks_print_and_lock_like_the_form(tmp_path):
    op = new_campaign(tmp_path / "c")
    receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT)
    wb = load_workbook(io.BytesIO(appraisal_book(op, "TGV1", 1, "vi", appraisal_items(op, "TGV1", 1))))
    ws = wb.worksheets[0]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$5:$5" and ws.protection.sheet
    heads = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
    assert not ws.cell(6, heads["Điểm thẩm định"]).protection.locked
    assert ws.cell(6, heads["Điểm tự chấm"]).protection.locked and ws.cell(6, heads["Mã tiêu chí"]).protection.locked
    assert wb["parcli"].sheet_state == "hidden"
    from parcli.campaign.cycle import form_book

    form = load_workbook(io.BytesIO(form_book(op, "STC", "vi"))).worksheets[0]
    assert form["B2"].value == "Sở Tài chính" and form["B3"].value == "STC" and form["B2"].protection.locked


def test_the_policy_for_missing_documents(tmp_path):
    from tests.campaign.helpers import YEAR_YAML

    op = new_campaign(tmp_path / "a", YEAR_YAML.replace("missing_documents: none", "missing_documents: explain"))
    receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT)
    items = appraisal_items(op, "TGV1", 1)
    assert items and all(i.request_default == (i.evidence is not None and not i.evidence.na
                                               and not i.evidence.documents) for i in items)
    wb = load_workbook(io.BytesIO(appraisal_book(op, "TGV1", 1, "vi", items)))
    ws = wb.worksheets[0]
    heads = {ws.cell(5, c).value: c for c in range(1, ws.max_column + 1)}
    assert any(ws.cell(r, heads["Yêu cầu giải trình"]).value == "Có" for r in range(6, ws.max_row + 1))
    op.close()
    op = new_campaign(tmp_path / "z", YEAR_YAML.replace("missing_documents: none", "missing_documents: zero"))
    receive(op, filled_form(op, "SYT"), "SYT.xlsx", AT)
    items = appraisal_items(op, "TGV1", 1)
    book = appraisal_book(op, "TGV1", 1, "vi", items)
    found = receive(op, book, "TGV1.xlsx", datetime(2025, 11, 10, 9, 0, tzinfo=VIETNAM))
    assert found.status == "accepted", found.problems
    zeroed = op.conn.execute("SELECT count(*) FROM vals WHERE stage = 'appraisal_1' AND appraised = '0' AND reason "
                             "LIKE '%missing_documents: zero%'").fetchone()[0]
    bare = sum(1 for i in items if i.evidence is not None and not i.evidence.na and not i.evidence.documents
               and (i.computed or 0) > 0)
    assert zeroed == bare > 0


def test_a_blank_form_is_received_with_a_warning_and_a_filled_one_without(tmp_path):
    op = new_campaign(tmp_path / "c")
    filled = tmp_path / "SYT-filled.xlsx"
    filled.write_bytes(filled_form(op, "SYT"))
    op.close()
    assert parcli("campaign", "forms", str(tmp_path / "c"), now="2025-10-02T09:00").code == 0
    blank = tmp_path / "c" / "out" / "forms" / "STC.xlsx"  # sent back as parcli wrote it
    ran = parcli("campaign", "receive", str(tmp_path / "c"), str(blank), now="2025-10-02T10:00")
    assert ran.code == 0, ran.all
    assert "received from STC" in ran.stdout and "0 rows" in ran.stdout
    assert "warning:" in ran.stderr and "the form from STC is empty" in ran.stderr, ran.all
    ran = parcli("campaign", "receive", str(tmp_path / "c"), str(filled), now="2025-10-02T10:00")
    assert ran.code == 0 and "received from SYT" in ran.stdout and "empty" not in ran.all, ran.all
    ran = parcli("campaign", "receive", str(tmp_path / "c"), str(blank), now="2025-10-02T10:00", lang="vi")
    assert ran.code == 0 and "STC" in ran.stdout  # the same file again: a no-op, no new warning
    assert "để trống" not in ran.all, ran.all


@pytest.mark.parametrize("given", ["2025-13-45T08:00", "tomorrow", "2025-11-04"])
def test_a_parcli_now_that_is_not_a_date_time_is_an_error_not_the_real_clock(tmp_path, given):
    new_campaign(tmp_path / "c").close()
    ran = parcli("campaign", "status", str(tmp_path / "c"), now=given)
    assert ran.code == 1 and f"PARCLI_NOW is set to {given!r}, which is not a date-time" in ran.stderr, ran.all
    ran = parcli("campaign", "status", str(tmp_path / "c"), now=given, lang="vi")
    assert ran.code == 1 and "không phải một ngày giờ" in ran.stderr, ran.all
    assert parcli("campaign", "status", str(tmp_path / "c"), now="2025-10-02T09:00").code == 0
