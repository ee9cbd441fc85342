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
- ``actions``: who did what, when, to which unit, with which file (sha256); ``detail`` is a JSON object
  ``{"k": KEY, ...values}`` naming one template of :data:`DETAILS`, said in the reader's language when
  the log is shown (a detail of another shape, such as a refusal's message, is shown as it is).

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

import contextlib
import os
import sqlite3
from pathlib import Path

from ..errors import InputError, os_reason
from ..i18n import N_, NC_, tr

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

# SQLite's primary result codes (sqlite3.SQLITE_*), by what they mean for the officer
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_REASONS = {
    sqlite3.SQLITE_CORRUPT: N_("its pages are damaged"),
    sqlite3.SQLITE_NOTADB: N_("it is not an SQLite database"),
    sqlite3.SQLITE_CANTOPEN: N_("it cannot be opened"),
    sqlite3.SQLITE_READONLY: N_("it or its folder is read-only"),
    sqlite3.SQLITE_PERM: N_("permission denied"),
    sqlite3.SQLITE_FULL: N_("the disk is full"),
    sqlite3.SQLITE_IOERR: N_("an input/output error of the disk (a full disk, a removed drive, a network folder "
                             "that went away)"),
    sqlite3.SQLITE_BUSY: N_("another command held it for more than a minute"),
    sqlite3.SQLITE_LOCKED: N_("another command held it for more than a minute"),
}


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def reason(exc: sqlite3.Error) -> str:
    """Why SQLite refused, in the chosen language (never SQLite's English)."""
    found = _REASONS.get(_code(exc))  # type: ignore[arg-type]
    if found is not None:
        return tr(found)
    return tr("an SQLite error ({name})", name=getattr(exc, "sqlite_errorname", None) or type(exc).__name__)


def store_error(path, exc: sqlite3.Error) -> InputError:
    """What a store that cannot be read or written says: damaged (restore it) or not writable here (move it)."""
    if _code(exc) in _DAMAGED:
        return InputError(str(path) + ": " + tr("not a campaign store, or a damaged one ({why}); restore it from a "
                                                "backup", why=reason(exc)))
    return InputError(str(path) + ": " + tr("parcli cannot open or change the campaign's store ({why}); nothing was "
                                            "changed. Its folder must be writable, with room on the disk (parcli "
                                            "writes campaign.db-wal and campaign.db-shm beside campaign.db): free some "
                                            "room, or copy the folder to a disk you can write to", why=reason(exc)))


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
    try:
        conn = connect(path)
    except sqlite3.Error as exc:
        raise store_error(path, exc) from None
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
    except sqlite3.Error as exc:
        raise store_error(path, exc) from None
    if version in (1, VERSION) and not set(TABLES) <= names:
        conn.close()
        raise InputError(str(path) + ": " + tr("the campaign's store lacks the table(s) {tables}: it was changed by "
                                               "another program; restore it from a backup",
                                               tables=", ".join(t for t in TABLES if t not in names)))
    if version == 1:  # before bonus and penalty: the totals gain their column
        with transaction(conn):
            if conn.execute("PRAGMA user_version").fetchone()[0] == 1:  # not done by another command meanwhile
                conn.execute("ALTER TABLE totals ADD COLUMN adjust TEXT NOT NULL DEFAULT '{}'")
                conn.execute(f"PRAGMA user_version = {VERSION}")
        version = VERSION
    if version != VERSION:
        conn.close()
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
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as error:
                self._rollback()
                if _code(error) not in _REASONS:
                    raise
                raise store_error(self._name(), error) from None
            return False
        self._rollback()
        if isinstance(exc, sqlite3.Error) and _code(exc) in _REASONS:  # a full disk, a read-only folder: said;
            raise store_error(self._name(), exc) from None                # a broken constraint stays a bug
        return False

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:  # SQLite rolled back already (a full disk, an I/O error)
            pass

    def _name(self) -> str:
        return str(self.folder / DB) if self.folder is not None else DB


def meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta"))


def store_file(folder: Path, sha256: str, raw: bytes, sync: bool = True) -> Path:
    """``received/<sha256>.xlsx`` holding ``raw``, written atomically and flushed to the disk (kept
    as it is when it exists: the same bytes); ``sync`` false leaves the folder's flush to the
    transaction that records it (:class:`transaction` with ``folder``)."""
    where = os.path.join(folder, RECEIVED)  # os.path, not pathlib: a batch of forms calls this once per file
    target = os.path.join(where, f"{sha256}.xlsx")
    if os.path.exists(target):
        return Path(target)
    temp = os.path.join(where, f".{sha256}.{os.getpid()}.tmp")
    try:
        if not os.path.isdir(where):
            os.mkdir(where)
        with open(temp, "wb") as fh:
            fh.write(raw)
            fh.flush()
            if sync or not hasattr(os, "sync"):
                os.fsync(fh.fileno())
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise InputError(where + ": " + tr("cannot store the received file there ({why}); nothing was "
                                           "recorded", why=os_reason(exc))) from None
    if sync:
        sync_folder(Path(where))
    return Path(target)


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


# The details of the log, by key: stored as their key and values, said in the language of whoever reads the log.
DETAILS = {
    "received": NC_("log detail", "{file}: {stage}"),
    "replaces": NC_("log detail", "{file}: {stage}, replaces {older}"),
    "appraised": NC_("log detail", "{stage} by {appraiser}"),
    "appraised_adjust": NC_("log detail", "{stage} by {appraiser}; {given}"),
    "forms": NC_("log detail", "{count} forms"),
    "workbooks": NC_("log detail", "{count} workbooks"),
    "round": NC_("log detail", "round {round}"),
    "files": NC_("log detail", "{count} files"),
}


def detail(key: str, **values) -> str:
    """A log detail: the template ``key`` of :data:`DETAILS` and its values, as stored."""
    import json

    if key not in DETAILS:
        raise KeyError(key)
    return json.dumps({"k": key, **{name: str(value) for name, value in values.items()}}, ensure_ascii=False)


def detail_parts(stored: str | None) -> tuple[str, dict[str, str]] | None:
    """(template, values) of a stored detail written by :func:`detail`; None for any other text."""
    import json

    if not stored or not stored.startswith("{"):
        return None
    try:
        found = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(found, dict) or found.get("k") not in DETAILS:
        return None
    values = {str(k): str(v) for k, v in found.items() if k != "k"}
    return DETAILS[found["k"]], values


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
