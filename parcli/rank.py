"""Ranking many units: summary rows, ranks with ties, classes, previous results.

Only summary rows are kept (a few numbers per unit), never every leaf of every
unit, so ranking every commune of the country stays within a small memory.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import cast

from .errors import InputError, Problem
from .i18n import tr, trn
from .summary import FrameworkInfo, Summary


@dataclass(slots=True)
class Row:
    """One unit's summary (totals only) and its place in a ranking."""

    summary: Summary
    rank: int | None = None
    previous_rank: int | None = None
    previous_index: Decimal | None = None
    matched: bool = False
    self_points: Decimal | None = None  # a campaign's results: the self-assessed total beside the appraised one
    self_index: Decimal | None = None

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
    has_self: bool = False  # rows carry the self-assessed total and index (campaign results)


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
        count = trn("{count} unit", "{count} units", len(files), count=len(files))  # not in the f-string: Babel
        text = f"{year} ({count}"
        if year != largest and len(files) <= 3:
            text += ": " + ", ".join(files)
        parts.append(text + ")")
    return tr("the units are of {count} different years, their indices ranked as if of one year:",
              count=len(groups)) + " " + ", ".join(parts)


def assign_ranks(rows: list[Row]) -> list[Row]:
    """Highest index first; equal (rounded) indices share a rank and the next rank skips."""
    scored = sorted((r for r in rows if r.index is not None),
                    key=lambda r: (-cast(Decimal, r.index), name_key(r.unit), r.summary.file))
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
SELF_COLUMNS = ["self_points", "self_index"]


ADJUST_COLUMNS = ["bonus", "penalty"]  # after max, only when a unit's framework declares adjustments


def adjusted(ranking: Ranking) -> bool:
    """Whether a unit of the ranking has bonus or penalty points (its framework declares them)."""
    return any(r.summary.adjustments for r in ranking.rows)


def rank_header(ranking: Ranking) -> list[str]:
    head = RANK_COLUMNS[:6] + (ADJUST_COLUMNS if adjusted(ranking) else []) + RANK_COLUMNS[6:]
    head += [f"field_{fid}" for fid in ranking.field_ids]
    return head + (PREVIOUS_COLUMNS if ranking.has_previous else []) + (SELF_COLUMNS if ranking.has_self else [])


def rank_rows(ranking: Ranking):
    adjust = adjusted(ranking)
    for r in ranking.rows:
        s = r.summary
        row = [r.rank, s.unit, s.code, s.year, s.points, s.max]
        if adjust:
            row += [s.adjustment("bonus"), s.adjustment("penalty")]
        row += [s.index, s.klass]
        row += [s.field_index(fid) for fid in ranking.field_ids]
        if ranking.has_previous:
            row += [r.previous_rank, r.rank_change, r.index_change]
        if ranking.has_self:
            row += [r.self_points, r.self_index]
        yield row


def apply_previous(ranking: Ranking, by_code: dict, by_name: dict) -> None:
    """Each row's previous rank and index, from an earlier ranking read by
    :func:`parcli.inputs.ranking.read_previous` (matched by code, else by name)."""
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
