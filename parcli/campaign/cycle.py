"""The yearly cycle of a campaign (DESIGN §12): what goes out, what comes back, the state of
every unit and appraiser, the final points and the results. No printing, no argument parsing;
the store is :mod:`parcli.campaign.db`.

- :func:`start`: the store of a new campaign (its key, its frameworks pinned by sha256).
- :func:`open_campaign`: campaign.yaml and its store together, the frameworks checked against
  their pins.
- :func:`form_book`, :func:`appraisal_book`, :func:`explanation_book`: the workbooks to send,
  each with its identity and digest.
- :func:`receive`: one received workbook checked and recorded (or refused, saying why).
- :func:`unit_state`, :func:`final_unit`, :func:`status`, :func:`summaries`, :func:`leaf_record`:
  what the store holds, as plain data.
- :func:`replay`: received/ in the recorded order into a fresh store (``campaign check``).
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..i18n import tr
from . import db
from .clock import ROUND, iso, local_text
from .config import Campaign, load, stage_words
from .values import cells_text, dec, digest, digest_of, from_json, same_digest, to_json, undec

KINDS_OF_STAGE = {"self_assessment": "form", "appraisal_1": "appraisal", "explanation": "explanation",
                  "appraisal_2": "appraisal"}
STAGE_OF = {("form", 0): "self_assessment", ("appraisal", 1): "appraisal_1", ("explanation", 0): "explanation",
            ("appraisal", 2): "appraisal_2"}
OUT = {"self_assessment": "forms", "appraisal_1": "appraisal-1", "explanation": "explanation",
       "appraisal_2": "appraisal-2"}


class Opened:
    """A campaign's configuration and its store, open together."""

    def __init__(self, camp: Campaign, conn: sqlite3.Connection, meta: dict[str, str]):
        self.camp = camp
        self.conn = conn
        self.meta = meta

    @property
    def key(self) -> str:
        return self.meta["key"]

    @property
    def folder(self) -> Path:
        return self.camp.folder

    def close(self) -> None:
        self.conn.close()


def start(folder: Path, at: datetime, who: str) -> Opened:
    """The store of a new campaign in ``folder`` (campaign.yaml already there): a new secret key, every
    group's framework pinned by its sha256."""
    import secrets  # here: only a new campaign needs it (and it imports random)

    camp = load(folder)
    meta = {"campaign": camp.id, "key": secrets.token_hex(32), "created": iso(at)}
    for g in camp.groups:
        meta[f"framework:{g.id}"] = g.fw.sha256
    conn = db.create(folder / db.DB, meta)
    (folder / db.RECEIVED).mkdir(exist_ok=True)
    with db.transaction(conn):
        db.log(conn, iso(at), who, "init", detail=camp.id)
    return Opened(camp, conn, meta)


def open_campaign(folder: Path, store=None) -> Opened:
    """campaign.yaml and campaign.db of ``folder``; a store of another campaign, or a framework whose
    sha256 changed since the campaign started, is refused with what to do."""
    camp = load(folder, store)
    conn = db.open_store(folder)
    try:
        meta = db.meta(conn)
    except sqlite3.Error as exc:
        conn.close()
        if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == sqlite3.SQLITE_ERROR:  # its meta table is not parcli's
            raise InputError(str(folder / db.DB) + ": " + tr(
                "not a campaign store, or a damaged one ({why}); restore it from a backup",
                why=db.reason(exc))) from None
        raise db.store_error(folder / db.DB, exc) from None
    key = meta.get("key")
    if meta.get("campaign") == camp.id and not (isinstance(key, str) and len(key) == 64 and key.isascii()
                                                 and all(ch in "0123456789abcdef" for ch in key)):
        conn.close()
        raise InputError(str(folder / db.DB) + ": " + tr("the store of the campaign {id!r} lacks its secret key, or "
                                                         "holds a damaged one: the workbooks it sent cannot be "
                                                         "checked; restore the store from a backup", id=camp.id))
    if meta.get("campaign") != camp.id:
        conn.close()
        raise InputError(str(folder / db.DB) + ": " + tr("this store belongs to the campaign {found!r}, but "
                                                         "campaign.yaml is {id!r}; put each campaign in its own "
                                                         "folder", found=meta.get("campaign"), id=camp.id))
    problems = []
    for g in camp.groups:
        pinned = meta.get(f"framework:{g.id}")
        if pinned is None:
            problems.append(Problem(str(folder / "campaign.yaml"), 0, 0, tr(
                "group {group} was not in the campaign when it started; a campaign's groups are fixed at init: start "
                "a new campaign for it", group=g.id)))
        elif pinned != g.fw.sha256:
            problems.append(Problem(str(folder / "campaign.yaml"), 0, 0, tr(
                "group {group}: the framework {framework} changed since the campaign started (sha256 {pinned} then, "
                "{now} now); every unit of a campaign is scored on one framework: put the file back as it was "
                "(its sha256 {pinned})", group=g.id, framework=g.framework, pinned=pinned, now=g.fw.sha256)))
    if problems:
        conn.close()
        raise InputError("framework changed", problems)
    op = Opened(camp, conn, meta)
    adjusted = {m.code for g in camp.groups if g.fw.header.adjustments is not None for m in g.units}
    if adjusted:  # a store from before bonus and penalty (schema 1) holds no adjustments in its totals yet
        stale = sorted({unit for (unit,) in conn.execute("SELECT unit FROM totals WHERE adjust = '{}'")} & adjusted)
        if stale:
            with db.transaction(conn):
                for code in stale:
                    _totals(op, unit_state(op, code))
    return op


# --- what a unit holds ---------------------------------------------------------


@dataclass(slots=True)
class LeafState:
    """One leaf of one unit: the current self-assessment and every round's decision."""

    evidence: Any = None  # Evidence of the current self-assessment (None: missing)
    raw: Any = None  # the same in unit-file form
    claimed: Decimal | None = None
    computed: Decimal | None = None
    r1: tuple | None = None  # (points given or None, reason, explanation requested) when appraised in round 1
    explanation: tuple | None = None  # (text, added documents)
    r2: tuple | None = None  # (points given or None, reason)


@dataclass(slots=True)
class UnitState:
    code: str
    name: str
    group: str
    fw: Any
    received: bool = False  # a current self-assessment
    na: set[str] = field(default_factory=set)
    leaves: dict[str, LeafState] = field(default_factory=dict)
    scored: Any = None  # the self-assessment's engine result, when already at hand (a form just read)
    adjustments: dict[str, LeafState] = field(default_factory=dict)  # bonus / penalty, kept like leaves


@dataclass(frozen=True, slots=True)
class AdjustmentNode:
    """A bonus or penalty (DESIGN §12a) where a leaf's node stands in a workbook's row: its ``id`` is its kind;
    ``rule`` None (an adjustment is appraised like a manual leaf of its max)."""

    item: Any  # the framework's :class:`parcli.domain.Adjustment`
    rule: None = None

    @property
    def id(self) -> str:
        return self.item.kind

    @property
    def max(self) -> Decimal:
        return self.item.max

    def label(self, lang: str) -> str:
        from ..inputs.campaign import adjustment_id

        return self.item.label(lang) or adjustment_id(self.item.kind, lang)


def adjustment_nodes(fw) -> list[AdjustmentNode]:
    """The bonus and penalty a framework declares, in its order (none: an empty list)."""
    declared = fw.header.adjustments
    return [AdjustmentNode(item) for item in declared.items] if declared is not None else []


def _manual():
    from ..rules.manual import ManualRule

    return ManualRule(kind="manual")


def own_points(ev) -> Decimal | None:
    """A bonus's or penalty's points as the unit gives them (its ``points``; a claim alone gives none, as
    ``parcli score`` scores it: the claim is the unit's self-assessment, shown beside them)."""
    if ev is None:
        return None
    return ev.points


def unit_state(op: Opened, code: str) -> UnitState:
    """What the store holds for unit ``code`` (current files only)."""
    from ..rules import parse_evidence

    camp = op.camp
    member = camp.units[code]
    group = camp.group(member.group)
    fw = group.fw
    state = UnitState(code, member.name, group.id, fw)
    kinds = {node.id: node for node in adjustment_nodes(fw)}
    rows = op.conn.execute(
        "SELECT v.leaf, v.stage, v.evidence, v.claimed, v.computed, v.appraised, v.reason, v.requested, "
        "v.explanation, v.documents FROM vals v JOIN files f ON f.seq = v.file WHERE v.unit = ? AND f.current = 1 "
        "ORDER BY f.seq", (code,))
    for leaf, stage, evidence, claimed, computed, appraised, reason, requested, explanation, documents in rows:
        adjustment = kinds.get(leaf)
        if stage == "self_assessment":
            state.received = True
            raw = from_json(evidence) if evidence is not None else None
            if adjustment is not None:
                ls = state.adjustments.setdefault(leaf, LeafState())
                ls.raw = raw
                ls.evidence = parse_evidence(_manual(), adjustment.max, raw)[0] if raw is not None else None
                ls.claimed, ls.computed = undec(claimed), undec(computed)
                continue
            if isinstance(raw, dict) and raw.get("na") is True:
                state.na.add(leaf)
            node = fw.nodes.get(leaf)
            if node is None or not node.is_leaf:
                continue
            ls = state.leaves.setdefault(leaf, LeafState())
            ls.raw = raw
            ls.evidence = parse_evidence(node.rule, node.max, raw)[0] if raw is not None else None
            ls.claimed, ls.computed = undec(claimed), undec(computed)
            continue
        ls = (state.leaves if adjustment is None else state.adjustments).setdefault(leaf, LeafState())
        if stage == "appraisal_1":
            ls.r1 = (undec(appraised), reason, bool(requested))
        elif stage == "explanation":
            ls.explanation = (explanation, documents)
        elif stage == "appraisal_2":
            ls.r2 = (undec(appraised), reason)
    return state


def final_points(ls: LeafState) -> tuple[Decimal | None, str]:
    """A leaf's final points and where they come from: ``appraisal_2``, ``appraisal_1`` (points the
    appraisers gave) or ``computed`` (None: the leaf has no evidence and no appraisal). A bonus's or
    penalty's ``computed`` points are the unit's own (:func:`own_points`)."""
    if ls.r2 is not None and ls.r2[0] is not None:
        return ls.r2[0], "appraisal_2"
    if ls.r1 is not None and ls.r1[0] is not None:
        return ls.r1[0], "appraisal_1"
    return ls.computed, "computed"


def final_unit(op: Opened, state: UnitState, stage: str = "final"):
    """The unit as a checked :class:`parcli.domain.Unit` at ``stage``: ``self_assessment`` (the current
    self-assessment as sent) or ``final`` (the appraisers' points as overrides where they gave any)."""
    from ..domain import Unit
    from ..rules import Evidence

    evidence = {}
    for leaf, ls in state.leaves.items():
        ev = ls.evidence
        if stage == "final":
            points, source = final_points(ls)
            if source != "computed":
                ev = replace(ev, points=points) if ev is not None else Evidence(points=points)
        if ev is not None:
            evidence[leaf] = ev
    for node_id in state.na:
        if node_id not in evidence:
            evidence[node_id] = Evidence(na=True)
    adjustments = {}
    for kind, ls in state.adjustments.items():  # final: the last appraisal, else the unit's own points
        ev = ls.evidence
        if stage == "final":
            points = final_points(ls)[0]
            if points is not None:
                ev = replace(ev, points=points) if ev is not None else Evidence(points=points)
        if ev is not None:
            adjustments[kind] = ev
    year = op.camp.year
    return Unit(state.name, state.code, year, state.fw.id, f"{state.code}", evidence, frozenset(state.na),
                adjustments)


def _totals(op: Opened, state: UnitState) -> None:
    """The unit's rows of ``totals``: its self-assessment's and its final totals, and its counts."""
    from ..engine import score

    conn = op.conn
    conn.execute("DELETE FROM totals WHERE unit = ?", (state.code,))
    if not state.received:
        return
    none = LeafState()
    shares: dict[str, list[int]] = {}  # appraiser -> [rows round 1, appraised, rows round 2, appraised]
    kinds = [node.id for node in adjustment_nodes(state.fw)]
    for app in op.camp.appraisers:
        share = app.leaves.get(state.group, ())
        mine = [node for node in state.fw.leaves if node.id in share] if share else []
        if state.na:
            mine = [node for node in mine if not _na_under(state, node)]
        theirs = [kind for kind in kinds if kind in app.adjustments.get(state.group, ())]
        if mine or theirs:
            got = [state.leaves.get(node.id, none) for node in mine]
            got += [state.adjustments.get(kind, none) for kind in theirs]
            asked = [ls for ls in got if ls.r1 is not None and ls.r1[2]]
            shares[app.code] = [len(got), sum(1 for ls in got if ls.r1 is not None), len(asked),
                                sum(1 for ls in asked if ls.r2 is not None)]
    to_appraise = sum(s[0] - s[1] for s in shares.values())
    every = [*state.leaves.values(), *state.adjustments.values()]
    requested = [ls for ls in every if ls.r1 is not None and ls.r1[2]]
    answered = sum(1 for ls in requested if ls.explanation is not None)
    claimed = None
    appraised = any(ls.r1 is not None or ls.r2 is not None for ls in every)
    shares_json = to_json(shares)
    result = None
    fields_json = None
    for stage in ("self_assessment", "final"):
        if result is None and state.scored is not None:
            result = state.scored
        elif result is None or appraised:  # not yet appraised: the final totals are the self-assessment's
            result = score(state.fw, final_unit(op, state, stage))
            fields_json = None
        if claimed is None:  # the self-assessed total: the points claimed, else those the evidence computes
            claimed = self_assessed(result)
        if fields_json is None:  # the same result for both stages: its fields written once
            fields_json = to_json([[f.id, dec(f.max), dec(f.points), dec(f.index), f.status]  # index: None when na
                                   for f in result.fields])
        adjust = to_json({a.kind: [dec(self_adjustment(state.adjustments.get(a.kind, none))), dec(a.points),
                                   a.status] for a in result.adjustments})
        conn.execute("INSERT INTO totals (unit, stage, points, max, idx, klass, claimed, fields, to_appraise, "
                     "requested, answered, shares, adjust) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (state.code, stage, dec(result.points), dec(result.max),
                      f"{result.index:f}" if result.index is not None else None, result.klass, dec(claimed),
                      fields_json, to_appraise, len(requested), answered, shares_json, adjust))


def self_adjustment(ls: LeafState) -> Decimal | None:
    """A bonus's or penalty's self-assessed points: the unit's claim, else the points it gave (as a leaf's
    self-assessed points are its claim, else its computed points)."""
    return ls.claimed if ls.claimed is not None else ls.computed


def self_assessed(result) -> Decimal:
    """A unit's self-assessed total: each applicable leaf's claimed points, else the points its evidence
    computes (a unit that types no claim claims what its evidence gives)."""
    return sum((leaf.claimed if leaf.claimed is not None else leaf.points
                for leaf in result.leaves if leaf.points is not None), Decimal(0))


# --- what goes out ----------------------------------------------------------------


@dataclass(slots=True)
class AppraisalItem:
    """One row of an appraisers' or explanation workbook: a leaf of a unit with what is known of it."""

    unit: str
    unit_name: str
    node: Any
    evidence: Any
    computed: Decimal | None
    r1_points: Decimal | None = None
    r1_reason: str | None = None
    explanation: str | None = None
    added: str | None = None
    appraiser: str | None = None
    request_default: bool = False


def _item(op: Opened, state: UnitState, node, round_: int) -> AppraisalItem:
    """The row of a leaf's ``node``, or of a bonus's or penalty's (an :class:`AdjustmentNode`)."""
    adjustment = isinstance(node, AdjustmentNode)
    ls = (state.adjustments if adjustment else state.leaves).get(node.id, LeafState())
    item = AppraisalItem(state.code, state.name, node, ls.evidence, ls.computed)
    if ls.r1 is not None:
        item.r1_points = ls.r1[0] if ls.r1[0] is not None else ls.computed
        item.r1_reason = ls.r1[1]
    if ls.explanation is not None:
        item.explanation, item.added = ls.explanation
    owner = op.camp.adjuster(state.group, node.id) if adjustment else op.camp.owner(state.group, node.id)
    item.appraiser = owner.name if owner is not None else None
    ev = ls.evidence
    item.request_default = (round_ == 1 and op.camp.policy == "explain" and ev is not None and not ev.na
                            and not ev.documents and (not adjustment or _unbacked_bonus(node, ls)))
    return item


def _unbacked_bonus(node, ls: LeafState) -> bool:
    """A bonus the unit claims points of (without documents: the policy of missing documents applies to it; a
    penalty is never the unit's to back)."""
    return node.id == "bonus" and (ls.computed or 0) > 0


def appraisal_items(op: Opened, code: str, round_: int, states: dict[str, UnitState] | None = None) -> list:
    """The rows of appraiser ``code``'s workbook of ``round_``: every unit with a self-assessment and every
    leaf of the share (round 2: the leaves whose explanation was requested), in framework order."""
    camp = op.camp
    app = camp.appraiser(code)
    assert app is not None, code
    items = []
    for g in camp.groups:
        share = app.leaves.get(g.id, frozenset())
        if not share and not app.adjustments.get(g.id):
            continue
        for member in g.units:
            state = states[member.code] if states is not None else unit_state(op, member.code)
            if not state.received:
                continue
            for node in g.fw.leaves:
                if node.id not in share or node.id in _na_under(state, node):
                    continue
                ls = state.leaves.get(node.id)
                if round_ == 2 and not (ls is not None and ls.r1 is not None and ls.r1[2]):
                    continue
                items.append(_item(op, state, node, round_))
            for adj in adjustment_nodes(g.fw):  # the bonus and penalty of the share, after the unit's leaves
                ls = state.adjustments.get(adj.id)
                if adj.id not in app.adjustments.get(g.id, ()) or (
                        round_ == 2 and not (ls is not None and ls.r1 is not None and ls.r1[2])):
                    continue
                items.append(_item(op, state, adj, round_))
    return items


def _adjustment_of(fw, cell: str) -> AdjustmentNode | None:
    """The bonus or penalty of ``fw`` a row's Leaf ID cell names (None: a leaf's id, or nothing declared)."""
    from ..inputs.campaign import adjustment_kind

    if cell in fw.nodes:
        return None
    kind = adjustment_kind(cell)
    return next((node for node in adjustment_nodes(fw) if node.id == kind), None) if kind else None


def _na_under(state: UnitState, node) -> set[str]:
    """The leaf's id when it or its criterion or field is not applicable for this unit."""
    if state.na and (node.id in state.na or node.criterion in state.na or node.field in state.na):
        return {node.id}
    return set()


def explanation_items(op: Opened, code: str, state: UnitState | None = None) -> list:
    """The rows of unit ``code``'s explanation workbook: its leaves whose explanation was requested."""
    state = state or unit_state(op, code)
    out = []
    for node in state.fw.leaves:
        ls = state.leaves.get(node.id)
        if ls is not None and ls.r1 is not None and ls.r1[2]:
            out.append(_item(op, state, node, 0))
    for adj in adjustment_nodes(state.fw):
        ls = state.adjustments.get(adj.id)
        if ls is not None and ls.r1 is not None and ls.r1[2]:
            out.append(_item(op, state, adj, 0))
    return out


def identity_rows(op: Opened, recipient: str, stage: str, cells: dict[tuple, str]) -> list[tuple[str, str]]:
    ident = [op.camp.id, recipient, stage, str(ROUND[stage])]
    return [("campaign", ident[0]), ("recipient", recipient), ("stage", stage), ("round", ident[3]),
            ("digest", digest(op.key, ident, cells))]


_NODE_CELLS: dict[tuple[str, str], dict[tuple, str]] = {}
_NODE_TEXT: dict[tuple[str, str], str] = {}  # the digest's text of those (:func:`_form_digest`)
_UNIT_KEYS = (("", "unit"), ("", "code"), ("", "year"))


def form_cells(fw, member, year: int, lang: str) -> dict[tuple, str]:
    """The read-only cells of a unit's form as the digest sees them (:func:`parcli.inputs.campaign.form_readonly`)."""
    from ..inputs.campaign import canon

    nodes = _NODE_CELLS.get((fw.sha256, lang))
    if nodes is None:  # the framework's rows: the same in every unit's form
        from ..inputs.form import adjustment_title

        nodes = _NODE_CELLS[(fw.sha256, lang)] = {}
        for node in fw.in_order():
            nodes[(node.id, "title")] = canon(node.label(lang))
            nodes[(node.id, "max")] = canon(node.max)
        for adj in adjustment_nodes(fw):  # the bonus and penalty rows, after the leaves
            nodes[(adj.id, "title")] = canon(adjustment_title(adj.item, lang))
            nodes[(adj.id, "max")] = canon(adj.max)
    cells = {("", "unit"): canon(member.name), ("", "code"): canon(member.code), ("", "year"): canon(year)}
    cells.update(nodes)
    return cells


def _form_digest(op: Opened, recipient: str, fw, lang: str, cells: dict[tuple, str]) -> str:
    """:func:`digest` of a unit's form whose read-only cells are ``cells`` (:func:`form_cells`): the text of the
    framework's rows worked out once (the unit's cells, keyed ``("", …)``, come before every row's)."""
    ident = [op.camp.id, recipient, "self_assessment", str(ROUND["self_assessment"])]
    key = (fw.sha256, lang)
    rows = _NODE_TEXT.get(key)
    if rows is None:
        nodes = _NODE_CELLS.get(key)
        if nodes is None or any(not node_id for node_id, _ in nodes):  # an empty id would sort among the unit's
            return digest(op.key, ident, cells)
        rows = _NODE_TEXT[key] = cells_text(nodes)
    unit = {k: cells[k] for k in _UNIT_KEYS if k in cells}
    if len(unit) + len(_NODE_CELLS[key]) != len(cells):  # not the cells form_cells gives
        return digest(op.key, ident, cells)
    return digest_of(op.key, ident, [cells_text(unit), rows])


def framework_ref(fw) -> str:
    """How a campaign's form names its framework: the shipped id, else the file's name alone."""
    from ..store import shipped

    path = shipped().get(fw.id)
    if path is not None and Path(fw.source_path).resolve() == path.resolve():
        return fw.id
    return Path(fw.source_path).name


def form_book(op: Opened, code: str, lang: str) -> bytes:
    """The self-assessment form of unit ``code``: its name, code and year filled and locked, the campaign's
    identity in the hidden sheet."""
    from ..report.form import write_form

    member = op.camp.units[code]
    fw = op.camp.group(member.group).fw
    cells = form_cells(fw, member, op.camp.year, lang)
    return write_form(fw, framework_ref(fw), lang, None, op.camp.year, recipient=(member.code, member.name),
                      identity=identity_rows(op, code, "self_assessment", cells))


def _cells_of(values_by_row: list[dict], keys: tuple[str, ...], unit: str | None) -> dict[tuple, str]:
    from ..inputs.campaign import canon

    cells = {}
    for values in values_by_row:
        ident = (values["unit"] if unit is None else unit, values["leaf"])
        for key in keys:
            cells[(*ident, key)] = canon(values.get(key))
    return cells


def appraisal_book(op: Opened, code: str, round_: int, lang: str, items: list) -> bytes:
    from ..inputs.campaign import ROUND1, ROUND2_EXTRA
    from ..report.campaign import appraisal_values, write_appraisal

    stage = f"appraisal_{round_}"
    places = max((g.fw.places for g in op.camp.groups), default=2)
    keys = ROUND1 + (ROUND2_EXTRA if round_ == 2 else ())
    cells = _cells_of([appraisal_values(i, lang, places, round_) for i in items], keys, None)
    app = op.camp.appraiser(code)
    assert app is not None, code
    return write_appraisal(items, round_, lang, places, (app.code, app.name),
                           local_text(op.camp.deadline(stage, code)), identity_rows(op, code, stage, cells))


def explanation_book(op: Opened, code: str, lang: str, items: list) -> bytes:
    from ..inputs.campaign import EXPLANATION_COLUMNS
    from ..report.campaign import explanation_values, write_explanation

    cells = _cells_of([explanation_values(i, lang) for i in items], EXPLANATION_COLUMNS, code)
    member = op.camp.units[code]
    return write_explanation(items, lang, (member.code, member.name),
                             local_text(op.camp.deadline("explanation", code)),
                             identity_rows(op, code, "explanation", cells))


# --- what comes back ------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    """What happened to one received file."""

    file: str
    status: str  # accepted | same | refused
    sha256: str
    sender: str | None = None
    stage: str | None = None
    round: int = 0
    problems: list[Problem] = field(default_factory=list)
    superseded: str | None = None  # the sha256 of the file this one replaced
    rows: int = 0
    before: str | None = None  # same: when it was received


class Refused(Exception):
    def __init__(self, problems: list[Problem], sender=None, stage=None):
        super().__init__("refused")
        self.problems = problems
        self.sender = sender
        self.stage = stage


def _refuse(where: str, message: str, sender=None, stage=None) -> Refused:
    return Refused([Problem(where, 0, 0, message)], sender, stage)


def receive(op: Opened, raw: bytes, name: str, at: datetime, who: str = "", enforce: bool = True,
            at_text: str | None = None, keep: bool = True) -> Outcome:
    """Check one received workbook and record it (its file into received/ first, then its rows, the
    affected units' totals and the action, in one transaction); or refuse it, saying why and what to do.
    ``enforce`` false (replaying the store) skips the deadlines: the file was accepted then; ``keep`` false
    writes nothing into received/ (the file is there already)."""
    sha = hashlib.sha256(raw).hexdigest()
    conn = op.conn
    found = conn.execute("SELECT received_at, sender, stage FROM files WHERE sha256 = ?", (sha,)).fetchone()
    if found is not None:
        return Outcome(name, "same", sha, found[1], found[2], before=found[0])
    try:
        parsed = _parse(op, raw, name, at, enforce)
    except Refused as exc:
        if enforce:
            with db.transaction(conn):
                db.log(conn, iso(at), who or exc.sender or "?", "refused", None, sha,
                       f"{name}: {exc.problems[0].message if exc.problems else ''}"[:2000])
        return Outcome(name, "refused", sha, exc.sender, exc.stage, problems=exc.problems)
    except InputError as exc:
        problems = exc.problems or [Problem(name, 0, 0, exc.message)]
        if enforce:
            with db.transaction(conn):
                db.log(conn, iso(at), who or "?", "refused", None, sha, f"{name}: {problems[0].message}"[:2000])
        return Outcome(name, "refused", sha, problems=problems)
    sender, stage, kind, rows, units, prebuilt = parsed
    when = at_text or iso(at)
    base = Path(name).name
    round_ = ROUND[stage]
    batch = conn.in_transaction
    if keep:
        db.store_file(op.folder, sha, raw, sync=not batch)
    with db.transaction(conn):
        older = conn.execute("SELECT seq, sha256 FROM files WHERE sender = ? AND stage = ? AND round = ? AND "
                             "current = 1", (sender, stage, round_)).fetchone()
        if older is not None:
            conn.execute("UPDATE files SET current = 0 WHERE seq = ?", (older[0],))
            for (unit,) in conn.execute("SELECT DISTINCT unit FROM vals WHERE file = ?", (older[0],)).fetchall():
                units.add(unit)
        cur = conn.execute("INSERT INTO files (sha256, name, received_at, sender, kind, stage, round, current) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, 1)", (sha, base, when, sender, kind, stage, round_))
        seq = cur.lastrowid
        if all(row[5:] == _NO_DECISION for row in rows):  # a form's rows: the rest NULL, fewer values to bind
            conn.executemany("INSERT INTO vals (file, unit, leaf, stage, round, evidence, claimed, computed) VALUES "
                             "(?, ?, ?, ?, ?, ?, ?, ?)", [(seq, row[0], row[1], stage, round_, row[2], row[3], row[4])
                                                          for row in rows])
        else:
            conn.executemany("INSERT INTO vals (file, unit, leaf, stage, round, evidence, claimed, computed, "
                             "appraised, reason, requested, explanation, documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                             "?, ?, ?, ?)", [(seq, *row[:2], stage, round_, *row[2:]) for row in rows])
        for unit in sorted(units):
            if prebuilt is not None and prebuilt.code == unit and conn.execute(
                    "SELECT 1 FROM vals v JOIN files f ON f.seq = v.file WHERE v.unit = ? AND f.current = 1 AND "
                    "v.stage != 'self_assessment' LIMIT 1", (unit,)).fetchone() is None:
                _totals(op, prebuilt)  # a form of a unit not yet appraised: its state is the form itself
            else:
                _totals(op, unit_state(op, unit))
        if older is None:
            detail = db.detail("received", file=base, stage=stage)
        else:
            detail = db.detail("replaces", file=base, stage=stage, older=older[1][:12])
        db.log(conn, when, who or sender, "received", sender if kind != "appraisal" else None, sha,
               detail)
        if kind == "appraisal":
            for unit in sorted(units):
                given = _adjustments_decided(op, unit, rows)
                db.log(conn, when, who or sender, "appraised", unit, sha,
                       db.detail("appraised_adjust", stage=stage, appraiser=sender, given=given) if given
                       else db.detail("appraised", stage=stage, appraiser=sender))
    return Outcome(name, "accepted", sha, sender, stage, round_, superseded=older[1] if older is not None else None,
                   rows=len(rows))


def _adjustments_decided(op: Opened, unit: str, rows: list[tuple]) -> str:
    """The bonus and penalty points an appraisal gave ``unit``, for the log, named as ``covers`` names them:
    ``"bonus 0.5; penalty 1"`` (empty: none)."""
    kinds = {node.id for node in adjustment_nodes(op.camp.group_of(unit).fw)}
    given = [f"{row[1]} {row[5]}" for row in rows if row[0] == unit and row[1] in kinds and row[5] is not None]
    return "; ".join(given)


_NO_DECISION = (None,) * 5  # a row's appraised, reason, requested, explanation and documents when it has none


def _parse(op: Opened, raw: bytes, name: str, at: datetime, enforce: bool):
    """A received workbook's identity, deadline and cells checked: ``(sender, stage, kind, rows, units)``."""
    from ..inputs.campaign import identity, open_book

    book = open_book(raw, name)
    ident = identity(book, name)
    camp = op.camp
    if not ident.has_identity:
        raise _refuse(name, tr("this form has no campaign's identity (it was made by parcli template or convert, "
                               "not for this campaign); send the unit its own form from out/forms/ (parcli campaign "
                               "forms) and copy the values into it"))
    if ident.get("campaign") != camp.id:
        raise _refuse(ident.where.get("campaign", name), tr(
            "this workbook belongs to the campaign {found!r}, not to {id!r}; receive it in its own campaign's folder",
            found=ident.get("campaign"), id=camp.id))
    recipient, stage, round_text = ident.get("recipient"), ident.get("stage"), ident.get("round")
    expected_stage = STAGE_OF.get((ident.kind, int(round_text) if round_text.isdigit() else -1))
    if expected_stage is None or expected_stage != stage:
        raise _refuse(ident.where.get("stage", name), tr(
            "the workbook says stage {stage!r}, round {round!r}, which is not a stage of its kind; the hidden sheet "
            "was changed: send the workbook parcli wrote in out/ again", stage=stage, round=round_text), recipient)
    is_unit = ident.kind in ("form", "explanation")
    if (is_unit and recipient not in camp.units) or (not is_unit and camp.appraiser(recipient) is None):
        raise _refuse(ident.where.get("recipient", name), tr(
            "the workbook is for {code!r}, who is not a {who} of this campaign; the stage {stage} expects a workbook "
            "of a {who} named in campaign.yaml", code=recipient, who=tr("unit") if is_unit else tr("appraiser"),
            stage=stage_words(stage)), recipient, stage)
    if enforce:
        deadline = camp.deadline(stage, recipient)
        if at > deadline:
            raise _refuse(name, tr(
                "{code}'s {stage} closed at {deadline} (Vietnam time); this file came at {now}. To accept it, extend "
                "the deadline in campaign.yaml: extensions: {{{code}: {{{key}: {later}}}}}, then receive it again",
                code=recipient, stage=stage_words(stage), key=stage, deadline=local_text(deadline), now=local_text(at),
                later=_later(at)), recipient, stage)
    prebuilt = None
    if ident.kind == "form":
        rows, units, prebuilt = _form(op, book, ident, name, recipient)
    elif ident.kind == "appraisal":
        rows, units = _appraisal(op, book, ident, name, recipient, ROUND[stage])
    else:
        rows, units = _explanation(op, book, ident, name, recipient)
    return recipient, stage, ident.kind, rows, units, prebuilt


def _later(at: datetime) -> str:
    """A time a little after ``at`` for the extension a message proposes: the next full hour."""
    from datetime import timedelta

    nxt = (at + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    return nxt.strftime("%Y-%m-%dT%H:%M")


def _twice(sheet, recipient: str, stage: str) -> None:
    """A row's identity (unit, leaf) given on two rows of a workbook: refused naming both rows' cells."""
    first: dict[tuple[str, str], int] = {}
    for row in sheet.rows:
        seen = first.setdefault(row.key, row.row)
        if seen != row.row:
            unit, leaf = row.key
            raise _refuse(sheet.cell(row.row, "leaf"), tr(
                "unit {unit}, leaf {leaf} has two rows, {first} and {second}; keep one of them (a workbook holds "
                "each unit's leaf once)", unit=unit, leaf=leaf, first=sheet.cell(seen, "leaf").rsplit(":", 1)[-1],
                second=sheet.cell(row.row, "leaf").rsplit(":", 1)[-1]), recipient, stage)


def _check_cells(op: Opened, ident, found: dict[tuple, str], expected: dict[tuple, str], where: dict[tuple, tuple],
                 heads: dict[str, str], name: str, recipient: str, stage: str, again: str,
                 expected_digest=None) -> None:
    """The digest of the cells found against the workbook's; the first changed read-only cell named; a
    workbook written before the store changed (same digest, other values now) refused as stale.
    ``where``: each cell's (sheet, row, column); ``expected_digest``: a function giving the digest of
    ``expected``, which is the digest of ``found`` when the cells found are those expected (the common case)."""
    from ..inputs.campaign import cell_name

    ident_list = [op.camp.id, recipient, stage, str(ROUND[stage])]
    if expected_digest is not None and found == expected:
        intact = same_digest(expected_digest(), ident.get("digest"))
        if intact:
            return
    else:
        intact = same_digest(digest(op.key, ident_list, found), ident.get("digest"))
    if intact and all(expected.get(k, v) == v for k, v in found.items()):
        return
    for key in sorted(set(found) | set(expected), key=lambda k: (where.get(k, ("", 10**7, 0))[1:], k)):
        if key in found and key in expected and found[key] != expected[key]:
            cell = cell_name(*where[key]) if key in where else "?"
            subject = " ".join(k for k in key[:-1] if k) or recipient  # a form's unit cells: the unit's own
            if intact:
                raise _refuse(f"{name}:{cell}", tr(
                    "{subject} ({header}) was {then!r} when this workbook was written and is {now!r} now: the store "
                    "changed since; {again}", subject=subject, header=heads.get(key[-1], key[-1]),
                    then=found[key], now=expected[key], again=again), recipient, stage)
            raise _refuse(f"{name}:{cell}", tr(
                "{subject} ({header}) is a read-only cell: it was {then!r} and is {now!r}; put it back, or {again}",
                subject=subject, header=heads.get(key[-1], key[-1]), then=expected[key], now=found[key],
                again=again), recipient, stage)
    if not intact:
        missing = [k for k in expected if k not in found and (k[0], k[1]) in {(f[0], f[1]) for f in found}]
        raise _refuse(name, tr("the workbook's read-only cells or hidden sheet were changed{more}; {again}",
                               more=(": " + ", ".join(" ".join(missing[0][:-1]).split()) if missing else ""),
                               again=again), recipient, stage)


def _form(op: Opened, book, ident, name: str, recipient: str):
    from ..checks import check_unit, unit_header
    from ..inputs.campaign import form_readonly, form_readonly_is
    from ..inputs.form import OpenedForm, form_label, open_form_book, read_cells

    camp = op.camp
    member = camp.units[recipient]
    fw = camp.group(member.group).fw
    opened = open_form_book(book, name)  # the same reader as every form: by id, by header, in the form's words
    doc = read_cells(OpenedForm(opened.doc, book, opened.hints), fw)
    lang = doc.lang
    grid = book.grid(doc.sheet)
    expected = form_cells(fw, member, camp.year, lang)
    where: dict[tuple, tuple] = {}
    if form_readonly_is(doc, grid, doc.meta, expected):  # as parcli wrote them: nothing to name
        found = expected
    else:
        found, where = form_readonly(doc, grid, doc.meta)
    heads = {"unit": form_label("form_unit", lang), "code": form_label("form_code", lang),
             "year": form_label("year", lang), "title": form_label("title", lang), "max": form_label("max", lang)}
    _check_cells(op, ident, found, expected, where, heads, name, recipient, "self_assessment",
                 tr("use the form parcli wrote: out/forms/{code}.xlsx", code=recipient),
                 lambda: _form_digest(op, recipient, fw, lang, expected))
    header, problems = unit_header(doc)  # a form reads as a unit file
    if header is None:
        raise Refused(problems, recipient, "self_assessment")
    unit, problems = check_unit(doc, header, fw)
    if unit is None:
        raise Refused(problems, recipient, "self_assessment")
    from ..engine import score

    result = score(fw, unit)
    problems = []
    rows = []
    computed = {leaf.id: leaf for leaf in result.leaves}
    for node_id, ev in unit.evidence.items():
        if ev.points is None:
            continue
        node = fw.nodes[node_id]
        if node.is_leaf and not node.rule.TAKES_POINTS:
            problems.append(doc.problem(("evidence", node_id, "points"), tr(
                "{id}: the column {header} is for the appraisers; leave it empty in the self-assessment",
                id=node_id, header=form_label("form_points", lang))))
    if problems:
        raise Refused(problems, recipient, "self_assessment")
    from ..report.unitfile import raw_value

    state = UnitState(recipient, member.name, member.group, fw, True, set(unit.na), scored=result)
    evidence, na, leaves = unit.evidence, unit.na, state.leaves
    for node in _order(fw):
        node_id = node.id
        given = evidence.get(node_id)
        if given is None and node_id not in na:
            continue
        value = raw_value(given) if given is not None else {"na": True}
        claimed = given.claimed if given is not None else None
        if node.is_leaf:
            leaf = computed.get(node_id)
            points = leaf.computed if leaf is not None and leaf.computed is not None else (
                leaf.points if leaf is not None and leaf.status != "na" else None)
            points_text = dec(points)
            leaves[node_id] = LeafState(given, value, claimed, undec(points_text))
        else:
            points_text = None
        rows.append((recipient, node_id, to_json(value), dec(claimed), points_text, None, None, None, None, None))
    for kind, given in unit.adjustments.items():  # bonus and penalty: rows like a leaf's, under their kind
        value, own = raw_value(given), own_points(given)
        rows.append((recipient, kind, to_json(value), dec(given.claimed), dec(own), None, None, None, None, None))
        state.adjustments[kind] = LeafState(given, value, given.claimed, undec(dec(own)))
    return rows, {recipient}, state


_ORDERS: dict[str, list] = {}


def _order(fw) -> list:
    """The framework's nodes in its order (:meth:`in_order`), listed once per framework."""
    found = _ORDERS.get(fw.sha256)
    if found is None:
        found = _ORDERS[fw.sha256] = list(fw.in_order())
    return found


def _appraisal(op: Opened, book, ident, name: str, recipient: str, round_: int):
    from ..inputs.campaign import ROUND1, ROUND2_EXTRA, head, number_cell, read_sheet, text_cell, yes_no_cell
    from ..report.campaign import appraisal_values

    camp = op.camp
    app = camp.appraiser(recipient)
    assert app is not None, recipient
    sheet = read_sheet(book, ident, name)
    stage = f"appraisal_{round_}"
    _twice(sheet, recipient, stage)
    lang = sheet.lang
    places = max((g.fw.places for g in camp.groups), default=2)
    keys = ROUND1 + (ROUND2_EXTRA if round_ == 2 else ())
    for key in (*keys, "points", "reason", *(("request",) if round_ == 1 else ())):
        if key not in sheet.columns:
            raise _refuse(f"{name}:{sheet.name}", tr("the column {header!r} is missing; do not rename or delete the "
                                                     "column headers", header=head(key, lang)), recipient, stage)
    problems: list[Problem] = []
    states: dict[str, UnitState] = {}
    found: dict[tuple, str] = {}
    expected: dict[tuple, str] = {}
    where: dict[tuple, tuple] = {}
    items: dict[tuple, AppraisalItem] = {}
    from ..inputs.campaign import canon

    for row in sheet.rows:
        unit, leaf = row.key
        for key in keys:
            found[(unit, leaf, key)] = canon(row.values.get(key))
            where[(unit, leaf, key)] = (sheet.name, row.row, sheet.columns[key])
        member = camp.units.get(unit)
        adj = _adjustment_of(camp.group(member.group).fw, leaf) if member is not None else None
        in_share = member is not None and (leaf in app.leaves.get(member.group, ()) if adj is None
                                           else adj.id in app.adjustments.get(member.group, ()))
        if in_share:
            state = states.get(unit) or states.setdefault(unit, unit_state(op, unit))
            ls = state.leaves.get(leaf) if adj is None else state.adjustments.get(adj.id)
            in_share = state.received and (adj is not None or not _na_under(state, state.fw.nodes[leaf])) and (
                round_ == 1 or (ls is not None and ls.r1 is not None and ls.r1[2]))
        if not in_share:
            raise _refuse(sheet.cell(row.row, "leaf"), tr(
                "unit {unit}, leaf {leaf} is not in {code}'s share for round {round} (campaign.yaml gives each "
                "appraiser their fields): remove the row, or use the workbook parcli wrote", unit=unit, leaf=leaf,
                code=recipient, round=round_), recipient, stage)
        state = states[unit]
        item = _item(op, state, state.fw.nodes[leaf] if adj is None else adj, round_)
        items[row.key] = item
        values = appraisal_values(item, lang, places, round_)
        for key in keys:
            expected[(unit, leaf, key)] = canon(values.get(key))
    heads = {key: head(key, lang) for key in keys}
    _check_cells(op, ident, found, expected, where, heads, name, recipient, stage,
                 tr("write the appraisers' workbooks again (parcli campaign appraise --round {round}) and use "
                    "out/{folder}/{code}.xlsx", round=round_, folder=OUT[stage], code=recipient))
    rows = []
    for row in sheet.rows:
        item = items[row.key]
        node = item.node
        points = number_cell(sheet, row, "points", problems, states[item.unit].fw.places)
        before = len(problems)
        reason = text_cell(sheet, row, "reason", problems)
        bad_reason = len(problems) != before
        request = yes_no_cell(sheet, row, "request", problems) if round_ == 1 else None
        if bad_reason:  # a reason that cannot be kept is said, not asked for again
            continue
        if points is not None and not 0 <= points <= node.max:
            problems.append(sheet.problem(row.row, "points", tr("unit {unit}, {id}: {points} points is outside 0 "
                                                                "to {max}", unit=item.unit, id=row.key[1],
                                                                points=canon(points), max=canon(node.max))))
            continue
        ev = item.evidence
        if (points is None and round_ == 1 and camp.policy == "zero" and ev is not None and not ev.na
                and not ev.documents and (item.computed or 0) > 0
                and (not isinstance(node, AdjustmentNode) or node.id == "bonus")):
            points = Decimal(0)
            reason = reason or tr("no documents (policy: missing_documents: zero)")
        claimed = ev.claimed if ev is not None else None
        if points is not None and claimed is not None and points != claimed and not reason:
            problems.append(sheet.problem(row.row, "reason", tr(
                "unit {unit}, {id}: {points} points differ from the {claimed} claimed: write the reason in {header}",
                unit=item.unit, id=row.key[1], points=canon(points), claimed=canon(claimed),
                header=head("reason", lang))))
        elif points is not None and claimed is None and points != (item.computed or 0) and not reason:
            problems.append(sheet.problem(row.row, "reason", tr(
                "unit {unit}, {id}: {points} points differ from the {computed} computed (the unit claimed none): "
                "write the reason in {header}", unit=item.unit, id=row.key[1], points=canon(points),
                computed=canon(item.computed or 0), header=head("reason", lang))))
        rows.append((item.unit, node.id, None, None, None, dec(points), reason,
                     (1 if request else 0) if round_ == 1 else None, None, None))
    if problems:
        raise Refused(problems, recipient, stage)
    return rows, {r[0] for r in rows}


def _explanation(op: Opened, book, ident, name: str, recipient: str):
    from ..inputs.campaign import EXPLANATION_COLUMNS, canon, head, read_sheet, text_cell
    from ..report.campaign import explanation_values

    sheet = read_sheet(book, ident, name, unit=recipient)
    lang = sheet.lang
    for key in (*EXPLANATION_COLUMNS, "explanation", "added"):
        if key not in sheet.columns:
            raise _refuse(f"{name}:{sheet.name}", tr("the column {header!r} is missing; do not rename or delete the "
                                                     "column headers", header=head(key, lang)), recipient,
                          "explanation")
    _twice(sheet, recipient, "explanation")
    state = unit_state(op, recipient)
    found: dict[tuple, str] = {}
    expected: dict[tuple, str] = {}
    where: dict[tuple, tuple] = {}
    rows = []
    problems: list[Problem] = []
    for row in sheet.rows:
        leaf = row.key[1]
        adj = _adjustment_of(state.fw, leaf)
        ls = state.leaves.get(leaf) if adj is None else state.adjustments.get(adj.id)
        if ls is None or ls.r1 is None or not ls.r1[2]:
            raise _refuse(sheet.cell(row.row, "leaf"), tr(
                "leaf {leaf}: no explanation of it was requested from {code}; remove the row, or use the workbook "
                "parcli wrote", leaf=leaf, code=recipient), recipient, "explanation")
        values = explanation_values(_item(op, state, state.fw.nodes[leaf] if adj is None else adj, 0), lang)
        for key in EXPLANATION_COLUMNS:
            found[(recipient, leaf, key)] = canon(row.values.get(key))
            expected[(recipient, leaf, key)] = canon(values.get(key))
            where[(recipient, leaf, key)] = (sheet.name, row.row, sheet.columns[key])
        rows.append((recipient, leaf if adj is None else adj.id, None, None, None, None, None, None,
                     text_cell(sheet, row, "explanation", problems), text_cell(sheet, row, "added", problems)))
    _check_cells(op, ident, found, expected, where, {k: head(k, lang) for k in EXPLANATION_COLUMNS}, name,
                 recipient, "explanation", tr("write the explanation workbooks again (parcli campaign explain) and "
                                              "use out/explanation/{code}.xlsx", code=recipient))
    if problems:
        raise Refused(problems, recipient, "explanation")
    return rows, {recipient}


# --- what the store says -----------------------------------------------------------


def replay(op: Opened) -> tuple[dict, dict]:
    """received/ in the recorded order into a fresh in-memory store: (its state, the stored state)."""
    conn = db.connect(":memory:")
    for statement in db.SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(op.meta.items()))
    fresh = Opened(op.camp, conn, op.meta)
    from .clock import parse_local

    for sha, name, received_at in op.conn.execute("SELECT sha256, name, received_at FROM files ORDER BY seq"):
        raw = (op.folder / db.RECEIVED / f"{sha}.xlsx").read_bytes()
        at = parse_local(received_at)
        assert at is not None, received_at
        receive(fresh, raw, name, at, enforce=False, at_text=received_at, keep=False)
    return db.state_rows(conn), db.state_rows(op.conn)


def counts(op: Opened) -> dict[str, Any]:
    return {"files": op.conn.execute("SELECT count(*) FROM files").fetchone()[0]}


def current_stage(op: Opened, code: str, at: datetime) -> str | None:
    """The first stage whose deadline for ``code`` has not passed (None: every stage has closed)."""
    from .clock import STAGES

    for stage in STAGES:
        if at <= op.camp.deadline(stage, code):
            return stage
    return None


def status(op: Opened, at: datetime) -> dict[str, Any]:
    """Where every unit and appraiser stands (plain data; the status table and its JSON show it)."""
    from .clock import STAGES, deadline_state

    camp, conn = op.camp, op.conn
    last: dict[str, tuple] = {}
    for sender, name, received_at, stage in conn.execute(
            "SELECT sender, name, received_at, stage FROM files ORDER BY seq"):
        last[sender] = (name, received_at, stage)
    totals = {unit: (to_appraise, requested, answered) for unit, to_appraise, requested, answered in conn.execute(
        "SELECT unit, to_appraise, requested, answered FROM totals WHERE stage = 'final'")}
    done = {(sender, stage) for sender, stage in conn.execute("SELECT DISTINCT sender, stage FROM files")}

    def where(code: str, kinds: tuple[str, ...]) -> dict[str, Any]:
        stage = current_stage(op, code, at)
        shown = stage
        if stage is not None and stage not in kinds:  # the next stage this member acts in
            later = [s for s in STAGES[STAGES.index(stage):] if s in kinds]
            shown = later[0] if later else None
        if shown is None:
            return {"stage": None, "deadline": None, "deadline_state": "closed", "days": None}
        deadline = camp.deadline(shown, code)
        state, days = deadline_state(deadline, at)
        return {"stage": shown, "deadline": iso(deadline), "deadline_state": state, "days": days,
                "sent": (code, shown) in done}

    units = []
    for g in camp.groups:
        for m in g.units:
            file = last.get(m.code)
            t = totals.get(m.code)
            units.append({"code": m.code, "name": m.name, "group": g.id,
                          **where(m.code, ("self_assessment", "explanation")),
                          "last_file": file[0] if file else None, "last_received": file[1] if file else None,
                          "received": t is not None,
                          "to_appraise": t[0] if t else None, "requested": t[1] if t else 0,
                          "answered": t[2] if t else 0})
    shares: dict[str, list[int]] = {}
    for (found,) in conn.execute("SELECT shares FROM totals WHERE stage = 'final'"):
        for code, counts in from_json(found).items():
            sums = shares.setdefault(code, [0, 0, 0, 0])
            for i, n in enumerate(counts):
                sums[i] += int(n)
    appraisers = []
    for a in camp.appraisers:
        file = last.get(a.code)
        info = where(a.code, ("appraisal_1", "appraisal_2"))
        round_ = 2 if info["stage"] == "appraisal_2" else 1
        rows1, done1, rows2, done2 = shares.get(a.code, [0, 0, 0, 0])
        left = rows1 - done1 if round_ == 1 else rows2 - done2
        appraisers.append({"code": a.code, "name": a.name, **info, "round": round_,
                           "last_file": file[0] if file else None, "last_received": file[1] if file else None,
                           "to_appraise": left})
    return {"campaign": camp.id, "now": iso(at), "units": units, "appraisers": appraisers}


def summaries(op: Opened, stage: str = "final") -> dict[str, list]:
    """Every group's units with a self-assessment as :class:`parcli.summary.Summary` rows read from the
    totals (``final``: the appraised points; ``self_assessment``: as the units sent them), and beside
    each its self-assessed total (``claimed``) and the self-assessed index: on the same applicable max
    (na is the unit's), with the unit's own bonus and penalty under a framework that declares them."""
    from ..summary import FrameworkInfo

    out: dict[str, list] = {}
    rows = {unit: row for unit, *row in op.conn.execute(
        "SELECT unit, points, max, idx, klass, claimed, fields, adjust FROM totals WHERE stage = ?", (stage,))}
    for g in op.camp.groups:
        info = FrameworkInfo.of(g.fw)
        titles = {f.id: f.title for f in g.fw.fields}
        declared = g.fw.header.adjustments
        found = []
        for m in g.units:
            row = rows.get(m.code)
            if row is None:
                continue
            try:
                found.append(_summary(op, g, info, titles, declared, m, row))
            except (ArithmeticError, ValueError, TypeError, KeyError, AttributeError):
                raise InputError(str(op.folder / db.DB) + ": " + tr(
                    "the store's totals of unit {unit} are damaged (not the numbers parcli wrote); run parcli "
                    "campaign check, which names what differs, then restore the store from a backup",
                    unit=m.code)) from None
        out[g.id] = found
    return out


def _summary(op: Opened, g, info, titles: dict, declared, m, row: tuple) -> tuple:
    """One unit's :class:`parcli.summary.Summary` from its row of the totals, its self-assessed total and index."""
    from ..engine import index_of, round_index
    from ..summary import AdjustLine, NodeLine, Summary

    points, top, idx, klass, claimed, fields, adjust = row
    lines = [NodeLine(fid, titles.get(fid, ""), Decimal(fmax), Decimal(fpoints),
                      round_index(Decimal(findex), g.fw.places) if findex is not None else None, status)
             for fid, fmax, fpoints, findex, status in from_json(fields)]
    own = Decimal(claimed) if claimed is not None else None
    adjusted = own
    adjustments = []
    for kind, (mine, given, status) in from_json(adjust).items():
        item = declared.get(kind) if declared is not None else None
        if item is None:
            continue
        adjustments.append(AdjustLine(kind, item.max, Decimal(given), status,
                                      Decimal(mine) if mine is not None else None, title=item.title))
        if adjusted is not None and mine is not None:
            adjusted += Decimal(mine) if kind == "bonus" else -Decimal(mine)
    s = Summary(info, m.name, m.code, op.camp.year, Decimal(points), Decimal(top),
                round_index(Decimal(idx), g.fw.places) if idx is not None else None, klass, lines,
                file=m.code, adjustments=adjustments)
    self_index = (index_of(adjusted, s.max, g.fw.places, declared.cap if declared is not None else None)
                  if adjusted is not None and s.max else None)
    return s, own, self_index


def leaf_record(op: Opened, codes: list[str] | None = None) -> list[dict[str, Any]]:
    """Per unit, every leaf's claimed, round 1 and final points with the reasons and the unit's
    explanation, and the unit's totals (plain data, for the minutes of issue 23); under a framework with
    bonus and penalty, ``adjustments`` holds each the same way (``claimed`` the unit's claim, ``computed``
    its own points: given, else claimed) and ``bonus`` / ``penalty`` are the final points."""
    from ..engine import score

    out = []
    for code in codes or list(op.camp.units):
        state = unit_state(op, code)
        if not state.received:
            out.append({"code": code, "name": state.name, "group": state.group, "received": False, "leaves": []})
            continue
        result = score(state.fw, final_unit(op, state, "final"))
        self_result = score(state.fw, final_unit(op, state, "self_assessment"))
        claimed_total = self_assessed(self_result)
        leaves = []

        def record(ls: LeafState, **known) -> dict[str, Any]:
            r1 = None
            if ls.r1 is not None:
                r1 = ls.r1[0] if ls.r1[0] is not None else ls.computed
            known.update({"claimed": ls.claimed, "computed": ls.computed, "round1": r1,
                          "round1_reason": ls.r1[1] if ls.r1 else None,
                          "explanation_requested": bool(ls.r1 and ls.r1[2]),
                          "explanation": ls.explanation[0] if ls.explanation else None,
                          "added_documents": ls.explanation[1] if ls.explanation else None,
                          "round2": ls.r2[0] if ls.r2 else None, "round2_reason": ls.r2[1] if ls.r2 else None})
            known["final"], known["final_from"] = known.pop("points"), final_points(ls)[1]
            return known

        for leaf in result.leaves:
            leaves.append(record(state.leaves.get(leaf.id, LeafState()), id=leaf.id, title=leaf.node.title,
                                 title_en=leaf.node.title_en, max=leaf.max, status=leaf.status, points=leaf.points))
        adjustments = [record(state.adjustments.get(a.kind, LeafState()), kind=a.kind, title=a.item.title,
                              title_en=a.item.title_en, max=a.max, status=a.status, points=a.points)
                       for a in result.adjustments]
        out.append({"code": code, "name": state.name, "group": state.group, "received": True,
                    "framework": {"id": state.fw.id, "version": state.fw.version, "sha256": state.fw.sha256},
                    "claimed": claimed_total, "self_assessed": self_result.points, "points": result.points,
                    "max": result.max, "index": result.index, "class": result.klass, "leaves": leaves,
                    "adjustments": adjustments, "bonus": result.bonus, "penalty": result.penalty})
    return out


def actions(op: Opened, unit: str | None = None) -> list[tuple]:
    """The action log (at, who, what, unit, sha256, detail), oldest first; ``unit``: its actions only."""
    if unit is None:
        return list(op.conn.execute("SELECT at, who, what, unit, sha256, detail FROM actions ORDER BY id"))
    return list(op.conn.execute("SELECT a.at, a.who, a.what, a.unit, a.sha256, a.detail FROM actions a "
                                "WHERE a.unit = ? OR (a.unit IS NULL AND a.sha256 IN (SELECT f.sha256 FROM files f "
                                "JOIN vals v ON v.file = f.seq WHERE v.unit = ?)) ORDER BY a.id", (unit, unit)))


def round_reasons(first: str | None, second: str | None) -> tuple[str, ...]:
    """The appraisers' reasons of a leaf, round by round, as the minutes show them: a round-2 reason says its
    round ("Vòng 1: … / Vòng 2: …" in one cell), a round-1 reason alone needs no label."""
    if not second:
        return (first,) if first else ()
    return (*((tr("Round {n}: {reason}", n=1, reason=first),) if first else ()),
            tr("Round {n}: {reason}", n=2, reason=second))


def papers_of(op: Opened, codes: list[str] | None, at) -> tuple[list, Any]:
    """The minutes of the received units among ``codes`` (every unit when None) and the council's report of
    the whole campaign, from :func:`leaf_record` (plain data from :mod:`parcli.paperwork`), dated ``at``.

    A leaf is adjusted when its final points differ from the unit's own (its claimed points, else its
    computed ones); its reasons are the rounds' reasons; the round-1 total is counted when any leaf was
    appraised in round 1 (every other leaf at its own points). A bonus or penalty is listed the same way
    (the unit's own: its claim, else the points it gave, else 0), after the leaves; the totals carry the
    final bonus and penalty and the unit's own."""
    from ..paperwork import AdjustedLeaf, Issuer, Minutes, Signer, Totals, council_report_from, english_titles
    from ..summary import FrameworkInfo

    camp = op.camp
    place = camp.issuer.get("place", "").strip() or "........"  # none given: dots, written in by hand
    issuer = Issuer(camp.issuer.get("agency", ""), place, camp.issuer.get("parent") or None)
    signers = tuple(Signer(a.name) for a in camp.appraisers)
    date = at.date()
    wanted = set(codes) if codes else None
    minutes: dict[str, Minutes] = {}
    for rec in leaf_record(op):
        if not rec["received"]:
            continue
        group = camp.group(rec["group"])
        english = english_titles(group.fw)  # every row's English title, or every row's own
        adjusted = []
        r1_total, any_r1 = Decimal(0), False
        for leaf in rec["leaves"]:
            own = leaf["claimed"] if leaf["claimed"] is not None else leaf["computed"]
            if leaf["round1"] is not None:
                any_r1 = True
            first = leaf["round1"] if leaf["round1"] is not None else own
            r1_total += first or Decimal(0)
            if leaf["final"] == own:
                continue
            reasons = round_reasons(leaf["round1_reason"], leaf["round2_reason"])
            adjusted.append(AdjustedLeaf(leaf["id"], leaf["title"], leaf["max"], own, leaf["round1"], leaf["final"],
                                         reasons, leaf["explanation"] or None,
                                         leaf["title_en"] if english else None))
        changed, own_of = [], {}
        for adj in rec["adjustments"]:
            own = adj["claimed"] if adj["claimed"] is not None else (adj["computed"] or Decimal(0))
            own_of[adj["kind"]] = own
            if adj["final"] != own:
                reasons = round_reasons(adj["round1_reason"], adj["round2_reason"])
                changed.append(AdjustedLeaf(adj["kind"], adj["title"] or "", adj["max"], own, adj["round1"],
                                            adj["final"], reasons, adj["explanation"] or None,
                                            adj["title_en"] if english else None))
        totals = Totals(rec["claimed"], r1_total if any_r1 else None, rec["points"], rec["max"], rec["index"],
                        rec["class"], rec["bonus"], rec["penalty"], own_of.get("bonus"), own_of.get("penalty"))
        group_title = group.title if len(camp.groups) > 1 else ""  # one group: the minutes need not name it
        minutes[rec["code"]] = Minutes(camp.title, camp.year, issuer, date, rec["code"], rec["name"], group_title,
                                       totals, tuple(adjusted), signers, Signer(rec["name"]), group.fw.places,
                                       FrameworkInfo.of(group.fw), adjustments=tuple(changed))
    report = council_report_from(camp.title, camp.year, issuer, date,
                                 [(g.id, g.title, [minutes[m.code] for m in g.units if m.code in minutes])
                                  for g in camp.groups])
    chosen = [minutes[c] for c in camp.units if c in minutes and (wanted is None or c in wanted)]
    return chosen, report
