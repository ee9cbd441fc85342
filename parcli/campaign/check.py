"""``campaign check``: the store verified. SQLite's own integrity check; every received file present in
received/ with its sha256; files there without a record (left by a kill before the record committed)
named as harmless leftovers; and received/ replayed in the recorded order into a fresh in-memory store,
which must equal the stored state."""

from __future__ import annotations

import hashlib
import sqlite3

from ..i18n import tr
from . import db


def verify(op) -> tuple[list[str], list[str]]:
    """(what was verified, what failed), in words."""
    from .cycle import replay

    said: list[str] = []
    failed: list[str] = []
    conn = op.conn
    try:
        found = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return said, [tr("campaign.db is damaged ({why}); restore it from a backup", why=db.reason(exc))]
    if found != ["ok"]:
        return said, [tr("campaign.db is damaged: {why}; restore it from a backup", why="; ".join(found[:5]))]
    said.append(tr("SQLite integrity: ok"))
    folder = op.folder / db.RECEIVED
    recorded = [row[0] for row in conn.execute("SELECT sha256 FROM files ORDER BY seq")]
    bad = 0
    for sha in recorded:
        path = folder / f"{sha}.xlsx"
        if not path.is_file():
            failed.append(tr("received/{sha}.xlsx is missing: the file recorded then is gone; restore received/ "
                             "from a backup", sha=sha))
            bad += 1
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            failed.append(tr("received/{sha}.xlsx was changed: its bytes no longer have that sha256; restore it from "
                             "a backup", sha=sha))
            bad += 1
    if not bad:
        said.append(tr("{count} received file(s) present, each with its sha256", count=len(recorded)))
    known = set(recorded)
    for path in sorted(folder.glob("*.xlsx")) if folder.is_dir() else []:
        if path.stem not in known:
            said.append(tr("received/{name}: a file without a record (a receive stopped before it finished); "
                           "harmless: nothing reads it, and receiving it again records it", name=path.name))
    if bad:
        return said, failed
    fresh, stored = replay(op)
    for table in ("files", "vals", "totals"):
        if fresh[table] != stored[table]:
            a, b = fresh[table], stored[table]
            first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            failed.append(tr("replaying received/ gives another {table} than the store holds (first difference at "
                             "row {row}: {fresh} replayed, {stored} stored)", table=table, row=first + 1,
                             fresh=a[first] if first < len(a) else "–", stored=b[first] if first < len(b) else "–"))
    if not failed:
        said.append(tr("replaying received/ in order rebuilds exactly the stored state ({count} file(s))",
                       count=len(recorded)))
    return said, failed
