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

from .errors import InputError, Problem, UsageError
from .model import ClassBand


@dataclass(slots=True)
class Row:
    """One unit's summary: what a rank table or rank CSV shows."""

    unit: str
    code: str | None
    year: int
    points: Decimal
    max: Decimal
    index: Decimal | None
    klass: str | None
    fields: dict[str, Decimal | None]
    framework: str  # id@version
    file: str = ""
    rank: int | None = None
    previous_rank: int | None = None
    previous_index: Decimal | None = None
    matched: bool = False

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
    field_titles: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    frameworks: list = field(default_factory=list)
    places: int = 2
    has_previous: bool = False


def summarize(result, file: str = "") -> Row:
    fw = result.framework
    return Row(result.unit, result.code, result.year, result.points, result.max, result.index, result.klass,
               {f.id: f.index for f in result.fields}, f"{fw.id}@{fw.version}", file)


def name_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def assign_ranks(rows: list[Row]) -> list[Row]:
    """Highest index first; equal (rounded) indices share a rank and the next rank skips."""
    scored = sorted((r for r in rows if r.index is not None), key=lambda r: (-r.index, name_key(r.unit), r.file))
    unscored = sorted((r for r in rows if r.index is None), key=lambda r: (name_key(r.unit), r.file))
    previous = None
    for position, row in enumerate(scored, start=1):
        if previous is not None and row.index == previous.index:
            row.rank = previous.rank
        else:
            row.rank = position
        previous = row
    return scored + unscored


def parse_classes(text: str) -> list[ClassBand]:
    """``"A:90,B:80,C:70,D:0"`` → class bands, highest first."""
    bands = []
    for part in text.split(","):
        label, sep, value = part.strip().rpartition(":")
        try:
            minimum = Decimal(value.strip())
        except InvalidOperation:
            minimum = None
        if not sep or not label.strip() or minimum is None or not minimum.is_finite():
            raise UsageError(f"--classes: {part.strip()!r} is not LABEL:MIN; write e.g. \"A:90,B:80,C:70,D:0\"")
        bands.append(ClassBand(label=label.strip(), min=minimum))
    for a, b in zip(bands, bands[1:]):
        if b.min >= a.min:
            raise UsageError("--classes: classes go from the highest min to the lowest, e.g. \"A:90,B:80,C:70,D:0\"")
    return bands


RANK_COLUMNS = ["rank", "unit", "code", "year", "points", "max", "index", "class"]
PREVIOUS_COLUMNS = ["previous_rank", "rank_change", "index_change"]


def rank_header(ranking: Ranking) -> list[str]:
    head = RANK_COLUMNS + [f"field_{fid}" for fid in ranking.field_ids]
    return head + (PREVIOUS_COLUMNS if ranking.has_previous else [])


def rank_rows(ranking: Ranking):
    for r in ranking.rows:
        row = [r.rank, r.unit, r.code, r.year, r.points, r.max, r.index, r.klass]
        row += [r.fields.get(fid) for fid in ranking.field_ids]
        if ranking.has_previous:
            row += [r.previous_rank, r.rank_change, r.index_change]
        yield row


# --- previous results ------------------------------------------------------


@dataclass(slots=True)
class Previous:
    rank: int | None
    index: Decimal | None


def read_previous(path: Path) -> tuple[dict[str, Previous], dict[str, Previous]]:
    """An earlier rank CSV → (by code, by NFC name)."""
    from .loader import read_bytes

    name = str(path)
    raw = read_bytes(path, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text; give a rank CSV written by parcli rank -o") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{name}: the file is empty; give a rank CSV written by parcli rank -o") from None
    except csv.Error as exc:
        raise InputError(f"{name}:1:1: not a CSV file: {exc}") from None
    header = [h.strip() for h in header]
    missing = [c for c in ("rank", "unit", "index") if c not in header]
    if missing:
        raise InputError(f"{name}:1:1: missing column(s) {', '.join(missing)}; give a rank CSV written by "
                         "parcli rank -o")
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
                index = Decimal(row[col["index"]]) if row[col["index"]].strip() else None
                if index is not None and not index.is_finite():
                    raise ValueError
            except (ValueError, InvalidOperation):
                problems.append(Problem(name, lineno, 1, "rank and index must be numbers"))
                continue
            entry = Previous(rank, index)
            code = row[col["code"]].strip() if "code" in col else ""
            unit = row[col["unit"]]
            if unit.startswith("'"):  # neutralised on the way out
                unit = unit[1:]
            if code.startswith("'"):
                code = code[1:]
            if code:
                by_code[code] = entry
            by_name[name_key(unit.strip())] = entry
    except csv.Error as exc:
        raise InputError(f"{name}: not a CSV file: {exc}") from None
    if problems:
        raise InputError("invalid previous ranking", problems)
    return by_code, by_name


def apply_previous(ranking: Ranking, by_code: dict[str, Previous], by_name: dict[str, Previous]) -> None:
    ranking.has_previous = True
    for row in ranking.rows:
        prev = by_code.get(row.code) if row.code else None
        if prev is None:
            prev = by_name.get(name_key(row.unit))
        if prev is not None:
            row.previous_rank, row.previous_index, row.matched = prev.rank, prev.index, True


def build_ranking(items, allow_mixed: bool = False) -> Ranking:
    """Collect summary rows (and every problem) from :func:`parcli.batch.summaries`."""
    rows: list[Row] = []
    problems: list[Problem] = []
    infos: dict[str, object] = {}
    for _path, row, found, info in items:
        problems.extend(found)
        if info is not None:
            infos.setdefault(info.key, info)
        if row is not None:
            rows.append(row)
    if problems:
        raise InputError("invalid input", problems)
    frameworks = list(infos.values())
    if len(frameworks) > 1 and not allow_mixed:
        names = ", ".join(frameworks_key for frameworks_key in infos)
        raise UsageError(f"the units use different frameworks ({names}); their indices are not comparable. "
                         "Rank each framework separately, or pass --allow-mixed")
    field_ids: list[str] = []
    titles: dict[str, tuple[str, str | None]] = {}
    for info in frameworks:
        for fid, title, title_en in info.fields:
            if fid not in titles:
                field_ids.append(fid)
                titles[fid] = (title, title_en)
    places = max((info.places for info in frameworks), default=2)
    return Ranking(assign_ranks(rows), field_ids, titles, frameworks, places)
