"""campaign.db: the store of a campaign (SQLite in WAL mode) and received/, its files.

``PRAGMA user_version`` is the schema's version; foreign keys are on; a busy timeout makes two
commands at once wait for each other, and every write runs in ``BEGIN IMMEDIATE``. Tables:

- ``meta``: the campaign's id, the secret key of the workbooks' digests, each group's framework
  sha256 pinned when the campaign started;
- ``files``: every accepted file (sha256, original name, received at, sender, stage, round,
  current or superseded), in the order received (``seq``);
- ``vals``: per file, one row per unit and leaf: the evidence in unit-file form (JSON), claimed,
  computed and appraised points, reason, explanation requested, explanation, added documents;
- ``totals``: per unit and stage (``self_assessment``, ``final``) the totals, so that status and
  results read summaries, not every leaf; ``adjust`` the bonus and penalty (DESIGN §12a) as JSON
  ``{kind: [self-assessed (the claim, else the points given), points, status]}``, ``{}`` under a
  framework without them;
- ``actions``: who did what, when, to which unit, with which file (sha256).

A unit's bonus and penalty are stored like leaves, ``vals`` rows whose ``leaf`` is the kind (``bonus``,
``penalty``; a framework with adjustments has no node of that id). Schema version 1 (before
adjustments) is brought to 2 when opened: ``totals`` gains ``adjust`` (``{}``), and
:func:`parcli.campaign.cycle.open_campaign` computes again the totals of a group whose framework
declares adjustments.

A received file is written into received/ as ``<sha256>.xlsx`` (temporary file, fsync, rename)
before the transaction that records it commits: a kill leaves the store as before (the file then
is a harmless leftover that nothing reads) or as after.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import InputError
from ..i18n import tr

DB = "campaign.db"
RECEIVED = "received"
VERSION = 2
BUSY_MS = 60_000

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    received_at TEXT NOT NULL,
    sender TEXT NOT NULL,
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    round INTEGER NOT NULL,
    current INTEGER NOT NULL
);
CREATE INDEX files_sender ON files (sender, stage, round, current);
CREATE TABLE vals (
    file INTEGER NOT NULL REFERENCES files (seq),
    unit TEXT NOT NULL,
    leaf TEXT NOT NULL,
    stage TEXT NOT NULL,
    round INTEGER NOT NULL,
    evidence TEXT,
    claimed TEXT,
    computed TEXT,
    appraised TEXT,
    reason TEXT,
    requested INTEGER,
    explanation TEXT,
    documents TEXT,
    PRIMARY KEY (file, unit, leaf)
);
CREATE INDEX vals_unit ON vals (unit, stage);
CREATE TABLE totals (
    unit TEXT NOT NULL,
    stage TEXT NOT NULL,
    points TEXT NOT NULL,
    max TEXT NOT NULL,
    idx TEXT,
    klass TEXT,
    claimed TEXT,
    fields TEXT NOT NULL,
    to_appraise INTEGER NOT NULL DEFAULT 0,
    requested INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    shares TEXT NOT NULL DEFAULT '{}',
    adjust TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (unit, stage)
);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    what TEXT NOT NULL,
    unit TEXT,
    sha256 TEXT,
    detail TEXT
);
CREATE INDEX actions_unit ON actions (unit);
"""
TABLES = ("meta", "files", "vals", "totals", "actions")


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys, busy timeout."""
    conn = sqlite3.connect(str(path), timeout=BUSY_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def create(path: str | Path, meta: dict[str, str]) -> sqlite3.Connection:
    """A new store holding ``meta``; refuses a file that exists."""
    if str(path) != ":memory:" and Path(path).exists():
        raise InputError(tr("{file} exists already: a campaign is never started over another", file=path))
    conn = connect(path)
    with transaction(conn):  # the schema and the meta in one transaction: a kill leaves no half store
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
        conn.execute(f"PRAGMA user_version = {VERSION}")
    return conn


def open_store(folder: Path) -> sqlite3.Connection:
    """The store of the campaign in ``folder``; a missing, damaged or foreign file is a clear message."""
    path = folder / DB
    if not path.is_file():
        raise InputError(tr("{file} is missing: this folder holds no campaign store (start one with parcli campaign "
                            "init)", file=path))
    try:
        conn = connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise InputError(str(path) + ": " + tr("not a campaign store, or a damaged one ({why}); restore it from a "
                                               "backup, or run parcli campaign check", why=str(exc))) from None
    if version == 1 and set(TABLES) <= names:  # before bonus and penalty: the totals gain their column
        with transaction(conn):
            if conn.execute("PRAGMA user_version").fetchone()[0] == 1:  # not done by another command meanwhile
                conn.execute("ALTER TABLE totals ADD COLUMN adjust TEXT NOT NULL DEFAULT '{}'")
                conn.execute(f"PRAGMA user_version = {VERSION}")
        version = VERSION
    if version != VERSION or not set(TABLES) <= names:
        raise InputError(str(path) + ": " + tr("not a campaign store of this parcli (schema version {found}, "
                                               "expected {version}); is it another program's file?",
                                               found=version, version=VERSION))
    return conn


class transaction:  # noqa: N801 - used as a statement: with transaction(conn):
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any error): a write waits for another one. Inside a
    transaction already open (a batch of received files), it joins it. ``folder``: received/ is flushed to
    the disk (the names of the files written into it) before the commit."""

    def __init__(self, conn: sqlite3.Connection, folder: Path | None = None):
        self.conn = conn
        self.folder = folder
        self.joined = False

    def __enter__(self):
        self.joined = self.conn.in_transaction
        if not self.joined:
            self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind, exc, tb):
        if self.joined:
            return False
        if kind is None:
            if self.folder is not None:
                flush(self.folder / RECEIVED)
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
        return False


def meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta"))


def store_file(folder: Path, sha256: str, raw: bytes, sync: bool = True) -> Path:
    """``received/<sha256>.xlsx`` holding ``raw``, written atomically and flushed to the disk (kept
    as it is when it exists: the same bytes); ``sync`` false leaves the folder's flush to the
    transaction that records it (:class:`transaction` with ``folder``)."""
    target = folder / RECEIVED / f"{sha256}.xlsx"
    if target.exists():
        return target
    target.parent.mkdir(exist_ok=True)
    temp = target.with_name(f".{sha256}.{os.getpid()}.tmp")
    with open(temp, "wb") as fh:
        fh.write(raw)
        fh.flush()
        if sync or not hasattr(os, "sync"):
            os.fsync(fh.fileno())
    os.replace(temp, target)
    if sync:
        sync_folder(target.parent)
    return target


def flush(folder: Path) -> None:
    """What a batch wrote into ``folder`` flushed to the disk before its transaction commits: one ``sync()``
    where the system has it (each file was flushed as it was written elsewhere), then the folder's entries."""
    if hasattr(os, "sync"):
        os.sync()
    sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """The folder's entries (renamed files) flushed to the disk; Windows opens no folder, its rename is what
    it has."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def log(conn: sqlite3.Connection, at: str, who: str, what: str, unit: str | None = None, sha256: str | None = None,
        detail: str | None = None) -> None:
    conn.execute("INSERT INTO actions (at, who, what, unit, sha256, detail) VALUES (?, ?, ?, ?, ?, ?)",
                 (at, who, what, unit, sha256, detail))


def state_rows(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """What replaying received/ must rebuild: the files, values and totals, in a stable order."""
    return {
        "files": list(conn.execute("SELECT sha256, name, received_at, sender, kind, stage, round, current FROM files "
                                   "ORDER BY seq")),
        "vals": list(conn.execute("SELECT f.sha256, v.unit, v.leaf, v.stage, v.round, v.evidence, v.claimed, "
                                  "v.computed, v.appraised, v.reason, v.requested, v.explanation, v.documents "
                                  "FROM vals v JOIN files f ON f.seq = v.file ORDER BY f.seq, v.unit, v.leaf")),
        "totals": list(conn.execute("SELECT * FROM totals ORDER BY unit, stage")),
    }
