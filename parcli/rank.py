"""Ranking many units: summary rows, ranks with ties, classes, previous results.

Only summary rows are kept (a few numbers per unit), never every leaf of every
unit, so ranking every commune of the country stays within a small memory.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .errors import InputError, Problem
from .i18n import N_, tr
from .loader import read_number
from .report.csvout import unneutralised
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


# --- many units in one run: one file per unit and year, and what to warn of ----------


class SameUnit:
    """Finds two files of one unit and year in a run: the same code and year, or, where either has no
    code, the same name (NFC, any case) and year. :meth:`add` each summary in turn."""

    def __init__(self) -> None:
        self.by_code: dict[tuple, Summary] = {}
        self.by_name: dict[tuple, Summary] = {}  # every unit, by name (a unit without a code meets them all)
        self.uncoded: dict[tuple, Summary] = {}  # units without a code, by name

    def add(self, s: Summary) -> Problem | None:
        """A problem naming both files when ``s`` is a unit and year already added, else None."""
        named = (name_key(s.unit), s.year)
        if s.code:
            earlier = self.by_code.get((s.code, s.year)) or self.uncoded.get(named)
            self.by_code.setdefault((s.code, s.year), s)
        else:
            earlier = self.by_name.get(named)
            self.uncoded.setdefault(named, s)
        self.by_name.setdefault(named, s)
        if earlier is None:
            return None
        unit = f"{s.unit} · {s.code}" if s.code and s.code == earlier.code else s.unit
        return Problem(s.file, 0, 0, tr("the same unit and year as {other} ({unit}, {year}): one run takes one file "
                                        "of each unit and year; leave one of the two out", other=Path(earlier.file),
                                        unit=unit, year=s.year))  # a Path: a file's name is never cut


def distinct_units(summaries) -> list[Problem]:
    """Every second file of a unit and year among ``summaries`` (see :class:`SameUnit`)."""
    seen = SameUnit()
    return [p for p in map(seen.add, summaries) if p is not None]


def by_unit(items) -> list[list]:
    """Summaries or results grouped by unit (its code, else its name), each group by year (the latest
    last), the groups in the order of their first item."""
    groups: dict[tuple, list] = {}
    for item in items:
        key = ("code", item.code) if item.code else ("name", name_key(item.unit))
        groups.setdefault(key, []).append(item)
    return [sorted(group, key=lambda item: item.year) for group in groups.values()]


def blank_warning(s) -> str | None:
    """A warning naming a unit (a summary or a result) whose file holds no evidence at all (a blank
    form, an empty unit file)."""
    if not s.blank:
        return None
    return tr("{file}: no leaf has evidence (a blank form or unit file?); it counts with 0 points", file=Path(s.file))


def years_warning(years_and_files) -> str | None:
    """A warning naming the years when units of different years (``(year, file)`` pairs) are ranked
    together, and the files of the smaller groups when they are few."""
    groups: dict[int, list[str]] = {}
    for year, file in years_and_files:
        groups.setdefault(year, []).append(file)
    if len(groups) < 2:
        return None
    largest = max(groups, key=lambda y: (len(groups[y]), y))
    parts = []
    for year in sorted(groups):
        files = groups[year]
        text = f"{year} ({tr('{count} unit(s)', count=len(files))}"
        if year != largest and len(files) <= 3:
            text += ": " + ", ".join(files)
        parts.append(text + ")")
    return tr("the units are of {count} different years, their indices ranked as if of one year:",
              count=len(groups)) + " " + ", ".join(parts)


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


@dataclass(slots=True)
class RankLine:
    """One unit's line of an earlier ranking, checked."""

    unit: str
    code: str
    rank: int | None
    index: Decimal | None


def read_ranking(path: Path) -> list[RankLine]:
    """The lines of an earlier ranking (``--previous``, ``--against``): a rank CSV that ``rank -o`` wrote
    (either dialect: the default, or ``--locale vi``'s ``;`` and decimal commas), or the ranking sheet
    of a workbook that ``rank -o x.xlsx`` or ``export -o x.xlsx`` wrote (its headers in either
    language). The same checks for both: the columns rank, unit and index are there, a rank is a
    whole number from 1 (ASCII digits), an index a number in [0, 100] within a YAML file's limits, no
    CSV cell above the csv module's limit (131,072 characters); each problem at its line or cell."""
    name = str(path)
    if path.suffix.lower() == ".xlsx":
        columns, rows = _workbook_table(path, name)
    else:
        columns, rows = _csv_table(path, name)
    lines: list[RankLine] = []
    problems = []
    for where, row in rows:
        values = {key: row[i] if i < len(row) else None for key, i in columns.items()}
        if all(_blank(v) for v in values.values()):
            continue
        try:
            rank = _whole(values["rank"])
        except ValueError:
            problems.append(where("rank", tr("rank {value!r} is not a whole number from 1",
                                             value=_short_cell(_text(values["rank"]).strip()))))
            continue
        try:
            index = _number(values["index"])
        except ValueError as exc:
            problems.append(where("index", tr("index: {why}", why=exc)))
            continue
        if index is not None and not 0 <= index <= 100:
            problems.append(where("index", tr("index {value} is outside [0, 100]", value=index)))
            continue
        lines.append(RankLine(unneutralised(_text(values["unit"])), unneutralised(_text(values.get("code")).strip()),
                              rank, index))
    if problems:
        raise InputError("invalid previous ranking", problems)
    return lines


def _short_cell(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def read_previous(path: Path) -> tuple[dict[str, Previous], dict[str, Previous]]:
    """An earlier ranking (:func:`read_ranking`) → (by code, by NFC name)."""
    by_code: dict[str, Previous] = {}
    by_name: dict[str, Previous] = {}
    for line in read_ranking(path):
        entry = Previous(line.rank, line.index)
        if line.code:
            by_code[line.code] = entry
        by_name[name_key(line.unit)] = entry
    return by_code, by_name


_PREVIOUS_COLUMNS = ("rank", "unit", "code", "index")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _whole(value) -> int | None:
    """A rank: a whole number from 1 (a spreadsheet's 3.0 is 3)."""
    if _blank(value):
        return None
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise ValueError
    text = str(int(value)) if isinstance(value, float) else str(value).strip()
    if len(text) > 12 or not (text.isascii() and text.isdigit()):  # not "٣", "+3" or "3_0"
        raise ValueError
    rank = int(text)
    if rank < 1:
        raise ValueError
    return rank


def _number(value) -> Decimal | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        value = str(value)
    elif isinstance(value, float):  # a cell's double (openpyxl writes 80.24 as 80.23999999999999): 15 digits
        value = format(value, ".15g")  # give back the decimal written, for any of up to 15 digits
    number = read_number(str(value))  # ValueError saying what is wrong
    if not number.is_finite():
        raise ValueError(tr("{name} is not a finite number", name=value))
    return number


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code a spreadsheet turned into a number
    return str(value)


def _csv_table(path: Path, name: str):
    """The columns and rows of a rank CSV; a ``--locale vi`` file (``;``, decimal commas) reads as the default."""
    from .loader import read_bytes

    raw = read_bytes(path, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: " + tr("not UTF-8 text; give a rank CSV that parcli rank wrote")) from None
    first = text.split("\n", 1)[0]
    vi = ";" in first and "," not in first  # the header holds no comma of its own
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if vi else ",")
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
    columns = {key: header.index(key) for key in _PREVIOUS_COLUMNS if key in header}

    def rows():
        try:
            for row in reader:
                lineno = reader.line_num  # a quoted cell may hold line breaks: the line it ends on
                if vi:
                    row = [cell.replace(",", ".") if i in (columns["rank"], columns["index"]) else cell
                           for i, cell in enumerate(row)]
                yield (lambda key, message, line=lineno: Problem(name, line, 1, message)), row
        except csv.Error as exc:
            raise InputError(f"{name}:{reader.line_num}:1: " + tr("not a CSV file: {detail}",
                                                                  detail=csv_reason(exc))) from None

    return columns, rows()


def _workbook_table(path: Path, name: str):
    """The columns and rows of the ranking sheet of a workbook that rank or export wrote, found by its
    headers (in Vietnamese or English, or the rank CSV's own) among the first rows."""
    from .report import label
    from .workbook import read_sheet

    sheet_names = {label("sheet_rank", lang) for lang in ("vi", "en")}
    sheet, grid = read_sheet(path, lambda names: next((n for n in names if n in sheet_names), None), name)
    wanted = {key: {key, label(key, "vi"), label(key, "en")} for key in _PREVIOUS_COLUMNS}
    for top, row in enumerate(grid[:10]):
        cells = [c.strip() if isinstance(c, str) else c for c in row]
        columns = {key: next((i for i, c in enumerate(cells) if c in names), None) for key, names in wanted.items()}
        if all(columns[key] is not None for key in ("rank", "unit", "index")):
            break
    else:
        raise InputError(f"{name}:{sheet}: " + tr("no header row with the columns {columns}; give the ranking "
                                                   "workbook that parcli rank or export wrote",
                                                   columns=", ".join(f"{label(k, 'vi')} ({label(k, 'en')})"
                                                                     for k in ("rank", "unit", "index"))))
    columns = {key: i for key, i in columns.items() if i is not None}

    def rows():
        for r, row in enumerate(grid[top + 1:], start=top + 2):
            yield (lambda key, message, r=r: Problem(f"{name}:{sheet}!{_cell_name(columns[key], r)}", 0, 0, message)), row

    return columns, rows()


def _cell_name(col: int, row: int) -> str:
    """A1-style name of a 0-based column and a 1-based row."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


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
    seen = SameUnit()
    for _path, row, found, info in items:
        problems.extend(found)
        if info is not None:
            infos.setdefault(info.key, info)
        if row is not None:
            same = seen.add(row.summary)
            if same is not None:
                problems.append(same)
            rows.append(row)
    if problems:
        raise InputError("invalid input", problems)
    frameworks = list(infos.values())
    field_ids = list(dict.fromkeys(fid for info in frameworks for fid, _title, _title_en in info.fields))
    places = max((info.places for info in frameworks), default=2)
    return Ranking(assign_ranks(rows), field_ids, frameworks, places)


def index_at_rank(path: Path, rank: int, code: str | None, name: str) -> Decimal:
    """The displayed index of the unit at ``rank`` in an earlier ranking (read, and checked, as
    ``--previous`` reads it), the unit itself left out (matched by code, else by name); equal indices
    share a rank."""
    indices = []
    for line in read_ranking(path):
        if (code and line.code == code) or (not (code and line.code) and name_key(line.unit) == name_key(name)):
            continue  # the unit itself
        if line.index is not None:
            indices.append(line.index)
    indices.sort(reverse=True)
    if not 1 <= rank <= len(indices):
        raise InputError(f"{path}: " + tr("no rank {rank}: the file ranks {count} other unit(s)", rank=rank,
                                          count=len(indices)))
    return indices[rank - 1]
