"""Ranking many units: summary rows, ranks with ties, classes, previous results.

Only summary rows are kept (a few numbers per unit), never every leaf of every
unit, so ranking every commune of the country stays within a small memory.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import InputError, Problem
from .i18n import N_, tr
from .loader import read_number
from .summary import FrameworkInfo, Summary


@dataclass(slots=True)
class Row:
    """One unit's summary (totals only) and its place in a ranking."""

    summary: Summary
    rank: int | None = None
    previous_rank: int | None = None
    previous_index: Decimal | None = None
    matched: bool = False

    @property
    def unit(self) -> str:
        return self.summary.unit

    @property
    def code(self) -> str | None:
        return self.summary.code

    @property
    def index(self) -> Decimal | None:
        return self.summary.index

    @property
    def rank_change(self) -> int | None:
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank

    @property
    def index_change(self) -> Decimal | None:
        if self.index is None or self.previous_index is None:
            return None
        return self.index - self.previous_index


@dataclass(slots=True)
class Ranking:
    rows: list[Row]
    field_ids: list[str]
    frameworks: list = field(default_factory=list)
    places: int = 2
    has_previous: bool = False


def name_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def assign_ranks(rows: list[Row]) -> list[Row]:
    """Highest index first; equal (rounded) indices share a rank and the next rank skips."""
    scored = sorted((r for r in rows if r.index is not None),
                    key=lambda r: (-r.index, name_key(r.unit), r.summary.file))
    unscored = sorted((r for r in rows if r.index is None), key=lambda r: (name_key(r.unit), r.summary.file))
    previous = None
    for position, row in enumerate(scored, start=1):
        if previous is not None and row.index == previous.index:
            row.rank = previous.rank
        else:
            row.rank = position
        previous = row
    return scored + unscored


RANK_COLUMNS = ["rank", "unit", "code", "year", "points", "max", "index", "class"]
PREVIOUS_COLUMNS = ["previous_rank", "rank_change", "index_change"]


def rank_header(ranking: Ranking) -> list[str]:
    head = RANK_COLUMNS + [f"field_{fid}" for fid in ranking.field_ids]
    return head + (PREVIOUS_COLUMNS if ranking.has_previous else [])


def rank_rows(ranking: Ranking):
    for r in ranking.rows:
        s = r.summary
        row = [r.rank, s.unit, s.code, s.year, s.points, s.max, s.index, s.klass]
        row += [s.field_index(fid) for fid in ranking.field_ids]
        if ranking.has_previous:
            row += [r.previous_rank, r.rank_change, r.index_change]
        yield row


# --- previous results ------------------------------------------------------


@dataclass(slots=True)
class Previous:
    rank: int | None
    index: Decimal | None


_CSV_REASONS = (  # the csv module's own words → parcli's
    ("field larger than field limit", N_("a cell longer than {limit:,} characters")),
    ("line contains NUL", N_("a NUL character (binary data)")),
    ("new-line character seen in unquoted field", N_("a line break inside a cell without quotes")),
    ("unexpected end of data", N_("the file ends inside a quoted cell")),
)


def csv_reason(exc: Exception) -> str:
    """What the csv module found, in the chosen language."""
    text = str(exc)
    for start, reason in _CSV_REASONS:
        if text.startswith(start):
            return tr(reason, limit=csv.field_size_limit())
    return tr("the CSV syntax is broken here")


def read_previous(path: Path) -> tuple[dict[str, Previous], dict[str, Previous]]:
    """An earlier rank CSV → (by code, by NFC name)."""
    from .loader import read_bytes

    name = str(path)
    raw = read_bytes(path, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: " + tr("not UTF-8 text; give a rank CSV that parcli rank wrote")) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{name}: " + tr("the file is empty; give a rank CSV that parcli rank wrote")) from None
    except csv.Error as exc:
        raise InputError(f"{name}:1:1: " + tr("not a CSV file: {detail}", detail=csv_reason(exc))) from None
    header = [h.strip() for h in header]
    missing = [c for c in ("rank", "unit", "index") if c not in header]
    if missing:
        raise InputError(f"{name}:1:1: " + tr("missing column(s) {columns}; give a rank CSV written by parcli rank",
                                              columns=", ".join(missing)))
    col = {h: i for i, h in enumerate(header)}
    by_code: dict[str, Previous] = {}
    by_name: dict[str, Previous] = {}
    problems = []
    try:
        for lineno, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                row = row + [""] * (len(header) - len(row))
            try:
                rank = int(row[col["rank"]]) if row[col["rank"]].strip() else None
                index = read_number(row[col["index"]]) if row[col["index"]].strip() else None
                if index is not None and not index.is_finite():
                    raise ValueError
            except (ValueError, InvalidOperation):
                problems.append(Problem(name, lineno, 1, tr("rank and index must be numbers")))
                continue
            entry = Previous(rank, index)
            code = row[col["code"]].strip() if "code" in col else ""
            unit = _unneutralised(row[col["unit"]])
            code = _unneutralised(code)
            if code:
                by_code[code] = entry
            by_name[name_key(unit)] = entry
    except csv.Error as exc:
        raise InputError(f"{name}: " + tr("not a CSV file: {detail}", detail=csv_reason(exc))) from None
    if problems:
        raise InputError("invalid previous ranking", problems)
    return by_code, by_name


def _unneutralised(text: str) -> str:
    """A cell as parcli wrote it, read back: only the apostrophe parcli put before formula-like text goes."""
    from .report.csvout import _DANGEROUS

    if text.startswith("'") and text[1:].startswith(_DANGEROUS):
        return text[1:]
    return text


def apply_previous(ranking: Ranking, by_code: dict[str, Previous], by_name: dict[str, Previous]) -> None:
    ranking.has_previous = True
    for row in ranking.rows:
        prev = by_code.get(row.code) if row.code else None
        if prev is None:
            prev = by_name.get(name_key(row.unit))
        if prev is not None:
            row.previous_rank, row.previous_index, row.matched = prev.rank, prev.index, True


def ranking_of(summaries) -> Ranking:
    """A ranking of full summaries (``export -o x.xlsx``): one framework's units by index."""
    infos = list({s.framework.key: s.framework for s in summaries}.values())
    field_ids = list(dict.fromkeys(fid for info in infos for fid, _title, _title_en in info.fields))
    places = max((info.places for info in infos), default=2)
    return Ranking(assign_ranks([Row(s) for s in summaries]), field_ids, infos, places)


def build_ranking(items) -> Ranking:
    """Collect rows (and every problem) from :func:`parcli.batch.summaries` into a ranking."""
    rows: list[Row] = []
    problems: list[Problem] = []
    infos: dict[str, FrameworkInfo] = {}
    for _path, row, found, info in items:
        problems.extend(found)
        if info is not None:
            infos.setdefault(info.key, info)
        if row is not None:
            rows.append(row)
    if problems:
        raise InputError("invalid input", problems)
    frameworks = list(infos.values())
    field_ids = list(dict.fromkeys(fid for info in frameworks for fid, _title, _title_en in info.fields))
    places = max((info.places for info in frameworks), default=2)
    return Ranking(assign_ranks(rows), field_ids, frameworks, places)


def index_at_rank(path: Path, rank: int, code: str | None, name: str) -> Decimal:
    """The displayed index of the unit at ``rank`` in a rank CSV, the unit itself left out
    (matched by code, else by name); equal indices share a rank."""
    from .loader import read_bytes

    text = read_bytes(path, str(path)).decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "index" not in reader.fieldnames or "unit" not in reader.fieldnames:
        raise InputError(f"{path}:1:1: " + tr("missing column(s) {columns}; give a rank CSV written by parcli rank",
                                              columns="unit, index"))
    indices = []
    for row in reader:
        unit = _unneutralised(row.get("unit") or "")
        row_code = _unneutralised(row.get("code") or "").strip()
        if (code and row_code == code) or (not (code and row_code) and name_key(unit) == name_key(name)):
            continue  # the unit itself
        try:
            indices.append(read_number(row.get("index") or ""))
        except ValueError:
            continue
    indices.sort(reverse=True)
    if not 1 <= rank <= len(indices):
        raise InputError(f"{path}: " + tr("no rank {rank}: the file ranks {count} other unit(s)", rank=rank,
                                          count=len(indices)))
    return indices[rank - 1]
