"""The papers of an appraisal campaign as plain data: the minutes of appraisal of one unit (biên bản
thẩm định) and the council's consolidated report with its publication table (DESIGN §12a).

Pure core: no I/O, no printing. Every number is an exact :class:`~decimal.Decimal` (an index as the
engine rounded it); :mod:`parcli.report.docx` turns these into Word documents and a workbook. The
campaign fills these classes from its store; :func:`minutes_from` fills them from what parcli has
today, two engine results of one unit (the self-assessed one and the appraised one), and
:func:`council_report_from` gathers minutes into the report of each group.

Averages of a group (:class:`GroupReport`) are those Nam Định publishes ("kết quả tự đánh giá,
chấm điểm trung bình … của khối Sở là 64,75 điểm; Hội đồng thẩm định là 62,62 điểm, đạt 89,45%"):
the mean self-assessed points, the mean appraised (final) points and the mean index. The source does
not say how its percent is taken; here it is the mean of the units' indices (as published, rounded),
which equals mean points / max when every unit has the same applicable max and stays a percent of
each unit's own max when they differ (sub-national units scored on a reduced max).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .rank import name_key
from .summary import FrameworkInfo

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who issues the paper: ``agency`` (SỞ NỘI VỤ TỈNH …), ``place`` (the place name of the date
    line), ``parent`` (the body above the agency, the first line of the heading: UBND TỈNH …)."""

    agency: str
    place: str
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Signer:
    """One signature block: the signer's ``role`` (its capacity, printed in capitals) and ``name``
    (empty: left blank to be written by hand)."""

    role: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Totals:
    """A unit's totals. ``round1`` is None when there was no round 1; ``final`` is the points after the
    last appraisal (before bonus and penalty); ``index`` and ``class_label`` as the engine computed them
    (``index`` None when nothing applies); ``bonus`` / ``penalty`` None when the framework has none, else
    the final points; ``bonus_claimed`` / ``penalty_claimed`` the unit's own (a campaign knows them; None:
    not known, the minutes show the final points alone)."""

    self_assessed: Decimal
    round1: Decimal | None
    final: Decimal
    applicable_max: Decimal
    index: Decimal | None
    class_label: str | None
    bonus: Decimal | None = None
    penalty: Decimal | None = None
    bonus_claimed: Decimal | None = None
    penalty_claimed: Decimal | None = None


@dataclass(frozen=True, slots=True)
class AdjustedLeaf:
    """A leaf whose final points differ from the unit's claim. ``round1`` None: not appraised in round 1
    (or no round 1); ``final`` None: the appraisers found it not applicable; ``claimed`` None: the unit
    claimed nothing (it said not applicable). ``reasons``: the appraisers' reasons, round by round;
    ``explanation``: the unit's explanation (giải trình), if any. A bonus or penalty changed by the
    appraisal is one too (:attr:`Minutes.adjustments`): its ``id`` is its kind, its ``title`` the
    framework's ("" when it gives none)."""

    id: str
    title: str
    max: Decimal
    claimed: Decimal | None
    round1: Decimal | None
    final: Decimal | None
    reasons: tuple[str, ...] = ()
    explanation: str | None = None
    title_en: str | None = None

    def title_for(self, lang: str) -> str:
        return (self.title_en or self.title) if lang == "en" else self.title


@dataclass(frozen=True, slots=True)
class Minutes:
    """The minutes of appraisal of one unit (biên bản thẩm định). ``framework``: what the points were
    scored against (its provenance is printed small at the foot of every page); ``places``: the decimals
    shown (the framework's); ``number``: the paper's number (Số: …) when it has one; ``adjustments``: the
    bonus and penalty whose final points differ from the unit's own, listed after the leaves. The rows
    have an English title only when every row of the framework has one (:func:`english_titles`)."""

    campaign_title: str
    year: int
    issuer: Issuer
    date: dt.date
    unit_code: str | None
    unit_name: str
    group_title: str
    totals: Totals
    leaves: tuple[AdjustedLeaf, ...]
    appraisers: tuple[Signer, ...] = ()
    unit_signer: Signer | None = None
    places: int = 2
    framework: FrameworkInfo | None = None
    number: str | None = None
    adjustments: tuple[AdjustedLeaf, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One unit in the council's report and the publication table. ``rank`` None: not ranked (no index);
    ``adjusted_leaves``: how many leaves the appraisal changed, a bonus or penalty it changed counted as one
    (the minutes list it among the leaves)."""

    rank: int | None
    code: str | None
    name: str
    self_assessed: Decimal
    final: Decimal
    applicable_max: Decimal
    index: Decimal | None
    class_label: str | None
    adjusted_leaves: int
    bonus: Decimal | None = None
    penalty: Decimal | None = None


def _mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, ZERO) / len(values) if values else None


@dataclass(frozen=True, slots=True)
class GroupReport:
    """The units of one group (ranked separately), in rank order, with the averages Nam Định publishes
    (see the module's text). The means are exact (not rounded); None when no unit has the value."""

    id: str
    title: str
    rows: tuple[ReportRow, ...]

    @property
    def mean_self_assessed(self) -> Decimal | None:
        return _mean([r.self_assessed for r in self.rows])

    @property
    def mean_final(self) -> Decimal | None:
        return _mean([r.final for r in self.rows])

    @property
    def mean_index(self) -> Decimal | None:
        return _mean([r.index for r in self.rows if r.index is not None])

    @property
    def has_bonus(self) -> bool:
        return any(r.bonus is not None or r.penalty is not None for r in self.rows)


@dataclass(frozen=True, slots=True)
class CouncilReport:
    """The consolidated report to the council (and the table the publishing decision annexes)."""

    campaign_title: str
    year: int
    issuer: Issuer
    date: dt.date
    groups: tuple[GroupReport, ...]
    places: int = 2
    frameworks: tuple[FrameworkInfo, ...] = ()
    number: str | None = None


# --- builders from what parcli has: engine results ----------------------------------------


def _leaf_points(leaf) -> Decimal | None:
    """A leaf's points as scored (None: not applicable)."""
    return leaf.points


def _self_points(leaf) -> Decimal | None:
    """What the unit claimed for a leaf: its claimed points, else the points its own evidence scores."""
    if leaf.points is None:
        return None
    return leaf.claimed if leaf.claimed is not None else leaf.points


def self_assessed_total(result) -> Decimal:
    """The self-assessed total of a unit's own result: each leaf's claimed points, else its scored points."""
    return sum((p for p in map(_self_points, result.leaves) if p is not None), ZERO)


def english_titles(framework) -> bool:
    """Whether the minutes in English may show the framework's English titles: every leaf has one, and every
    bonus or penalty that has a title. Else every row has its Vietnamese title, the framework's own words
    (an English bonus title beside Vietnamese leaf titles would mix the two in one table)."""
    adjustments = framework.header.adjustments
    return all(leaf.title_en for leaf in framework.leaves) and all(
        a.title_en for a in (adjustments.items if adjustments is not None else ()) if a.title)


def minutes_from(claimed, final, *, campaign_title: str, issuer: Issuer, date: dt.date, group_title: str = "",
                 round1=None, reasons: Mapping[str, Sequence[str]] | None = None,
                 explanations: Mapping[str, str] | None = None, appraisers: Iterable[Signer] = (),
                 unit_signer: Signer | None = None, bonus: Decimal | None = None, penalty: Decimal | None = None,
                 index: Decimal | None = None, class_label: str | None = None, number: str | None = None) -> Minutes:
    """The minutes of one unit from two engine :class:`~parcli.engine.Result` of the same framework: the
    unit's own (``claimed``: its claimed points, else what its evidence scores) and the appraised one
    (``final``); ``round1``: the result after round 1, when there was one.

    A leaf is adjusted when its final points differ from the claim (a leaf found not applicable by one
    side only included). Its reasons are ``reasons[id]``, else the appraised file's note when it differs
    from the unit's own; its explanation is ``explanations[id]``, else the unit's own note. The index and
    class are the appraised result's unless given (a campaign with bonus and penalty gives its own).
    """
    if claimed.framework.sha256 != final.framework.sha256 or (
            round1 is not None and round1.framework.sha256 != final.framework.sha256):
        raise ValueError("the results were scored against different frameworks")
    reasons = reasons or {}
    explanations = explanations or {}
    own = {leaf.id: leaf for leaf in claimed.leaves}
    first = {leaf.id: leaf for leaf in round1.leaves} if round1 is not None else {}
    adjusted = []
    english = english_titles(final.framework)
    for leaf in final.leaves:
        mine = own.get(leaf.id)
        claim = _self_points(mine) if mine is not None else None
        points = _leaf_points(leaf)
        if claim == points:
            continue
        why = tuple(reasons.get(leaf.id, ()))
        if not why and leaf.note and (mine is None or leaf.note != mine.note):
            why = (leaf.note,)
        said = explanations.get(leaf.id, mine.note if mine is not None else None)
        r1 = first.get(leaf.id)
        adjusted.append(AdjustedLeaf(leaf.id, leaf.node.title, leaf.max, claim,
                                     _leaf_points(r1) if r1 is not None else None, points, why, said or None,
                                     leaf.node.title_en if english else None))
    totals = Totals(self_assessed_total(claimed), round1.points if round1 is not None else None, final.points,
                    final.max, final.index if index is None else index,
                    final.klass if class_label is None else class_label, bonus, penalty)
    return Minutes(campaign_title, final.year, issuer, date, final.code, final.unit, group_title, totals,
                   tuple(adjusted), tuple(appraisers), unit_signer, final.framework.places,
                   FrameworkInfo.of(final.framework), number)


def row_of(minutes: Minutes, rank: int | None = None) -> ReportRow:
    """A unit's row in the council's report, from its minutes."""
    t = minutes.totals
    return ReportRow(rank, minutes.unit_code, minutes.unit_name, t.self_assessed, t.final, t.applicable_max, t.index,
                     t.class_label, len(minutes.leaves) + len(minutes.adjustments), t.bonus, t.penalty)


def ranked(rows: Iterable[ReportRow]) -> tuple[ReportRow, ...]:
    """Rows in rank order, ranked as ``parcli rank`` ranks: highest index first; equal (rounded) indices
    share a rank and the next rank skips; rows without an index last, unranked, by name."""
    rows = list(rows)
    scored = sorted((r for r in rows if r.index is not None),
                    key=lambda r: (-(r.index or ZERO), name_key(r.name), r.code or ""))
    out = []
    previous: ReportRow | None = None
    for position, row in enumerate(scored, start=1):
        rank = previous.rank if previous is not None and row.index == previous.index else position
        previous = _with_rank(row, rank)
        out.append(previous)
    out += [_with_rank(r, None) for r in sorted((r for r in rows if r.index is None),
                                                 key=lambda r: (name_key(r.name), r.code or ""))]
    return tuple(out)


def _with_rank(row: ReportRow, rank: int | None) -> ReportRow:
    from dataclasses import replace

    return replace(row, rank=rank)


def council_report_from(campaign_title: str, year: int, issuer: Issuer, date: dt.date,
                        groups: Iterable[tuple[str, str, Iterable[Minutes]]], number: str | None = None
                        ) -> CouncilReport:
    """The council's report from each group's (id, title, minutes of its units): each group ranked
    (:func:`ranked`); the places shown are the most any framework uses."""
    built = []
    frameworks: dict[str, FrameworkInfo] = {}
    places = 0
    for gid, title, minutes in groups:
        minutes = list(minutes)
        for m in minutes:
            places = max(places, m.places)
            if m.framework is not None:
                frameworks.setdefault(m.framework.key, m.framework)
        built.append(GroupReport(gid, title, ranked(row_of(m) for m in minutes)))
    return CouncilReport(campaign_title, year, issuer, date, tuple(built), places or 2, tuple(frameworks.values()),
                         number)
