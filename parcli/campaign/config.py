"""campaign.yaml (schema ``parcli/campaign/v1``, DESIGN §12): its model and its checks.

Read by parcli's YAML loader and checked like every parcli file: every problem at its
``file:line:col`` with the fix named. Group ids and unit codes are unique (codes across all
groups, appraisers included); each group's framework is a shipped id or a path relative to
campaign.yaml; every ``source: assessment`` leaf of every group is covered by exactly one
appraiser (a cover is a field, criterion or leaf id; ``covers`` a list for every group, or a
mapping group -> list), and so is every bonus and penalty its framework declares (DESIGN §12a: a
cover ``bonus`` or ``penalty``, named by itself: a field's cover never includes it); deadlines
come in the stages' order; an extension names a known code and stage and is later than that
stage's deadline; ``policy.missing_documents`` is ``explain``, ``zero`` or ``none``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..domain import ADJUSTMENT_KINDS
from ..errors import InputError, Problem
from ..i18n import NC_, text, tr
from .clock import STAGES, local_text, parse_local

# the stages and the bonus and penalty points in the reader's words (messages, the status, the log); a key of
# campaign.yaml a message tells to write stays as it is written
STAGE_WORDS = {"self_assessment": NC_("campaign stage", "self-assessment"),
               "appraisal_1": NC_("campaign stage", "appraisal, round 1"),
               "explanation": NC_("campaign stage", "explanation"),
               "appraisal_2": NC_("campaign stage", "appraisal, round 2")}
POINTS_WORDS = {"bonus": NC_("points kind", "bonus points"), "penalty": NC_("points kind", "penalty points")}


def stage_words(stage: str | None, lang: str | None = None) -> str:
    """A stage in words (``lang``: the current language when None); "–" for none, an unknown one as it is."""
    if not stage:
        return "–"
    return text(STAGE_WORDS[stage], lang, "campaign stage") if stage in STAGE_WORDS else stage


def points_words(kind: str, lang: str | None = None) -> str:
    """Bonus or penalty points in words."""
    return text(POINTS_WORDS[kind], lang, "points kind") if kind in POINTS_WORDS else kind

SCHEMA = "parcli/campaign/v1"
FILE = "campaign.yaml"
POLICIES = ("explain", "zero", "none")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
TOP_KEYS = ("schema", "id", "title", "year", "issuer", "groups", "appraisers", "deadlines", "extensions", "policy")


@dataclass(slots=True)
class Member:
    code: str
    name: str
    group: str = ""


@dataclass(slots=True)
class Group:
    id: str
    title: str
    framework: str  # as campaign.yaml names it
    units: list[Member]
    fw: Any = None  # the checked framework


@dataclass(slots=True)
class Appraiser:
    code: str
    name: str
    covers: dict[str, list[str]]  # group id -> node ids
    leaves: dict[str, frozenset[str]] = field(default_factory=dict)  # group id -> leaf ids of its share
    adjustments: dict[str, frozenset[str]] = field(default_factory=dict)  # group id -> bonus / penalty of its share


@dataclass(slots=True)
class Campaign:
    folder: Path
    id: str
    title: str
    year: int
    issuer: dict
    groups: list[Group]
    appraisers: list[Appraiser]
    deadlines: dict[str, datetime]
    extensions: dict[str, dict[str, datetime]]
    policy: str
    units: dict[str, Member] = field(default_factory=dict)  # every unit by code

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def group_of(self, code: str) -> Group:
        return self.group(self.units[code].group)

    def appraiser(self, code: str) -> Appraiser | None:
        return next((a for a in self.appraisers if a.code == code), None)

    def deadline(self, stage: str, code: str) -> datetime:
        """The deadline of ``stage`` for ``code``: its extension, else the stage's."""
        return self.extensions.get(code, {}).get(stage, self.deadlines[stage])

    def owner(self, group_id: str, leaf_id: str) -> Appraiser | None:
        """The appraiser whose share holds this leaf of this group."""
        for a in self.appraisers:
            if leaf_id in a.leaves.get(group_id, ()):
                return a
        return None

    def adjuster(self, group_id: str, kind: str) -> Appraiser | None:
        """The appraiser whose share holds the ``kind`` (bonus, penalty) of this group."""
        for a in self.appraisers:
            if kind in a.adjustments.get(group_id, ()):
                return a
        return None


def _text(value: Any) -> str | None:
    """A scalar as text: numbers keep their own text (``5.1``, ``2025``)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return value
    return None


def _said(value: Any) -> str:
    """A value of the file as messages show it: as written in YAML, never Python's repr (``Decimal('5')``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(map(_said, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_said(k)}: {_said(v)}" for k, v in value.items()) + "}"
    return str(value)


def member_problems(members: list[tuple[str, str, str]], name: str) -> list[Problem]:
    """What campaign.yaml could not hold among the units of ``campaign init --units`` (code, name, group), said
    before anything is written: a code or group id that is not a short name, a name with a control character."""
    from ..inputs.yaml import CONTROL

    out = []
    for code, unit, group in members:
        if not _CODE.fullmatch(code):
            out.append(Problem(name, 0, 0, tr("unit {code!r}: a code is 1 to 40 letters, digits, '-', '_' or '.' "
                                              "(e.g. SYT)", code=code)))
        if group and not _CODE.fullmatch(group):
            out.append(Problem(name, 0, 0, tr("unit {code!r}: its group {group!r} is not a short name of letters, "
                                              "digits, '-', '_' or '.' (e.g. so-nganh); a group's title is written "
                                              "in campaign.yaml", code=code, group=group)))
        bad = CONTROL.search(unit)
        if bad:
            out.append(Problem(name, 0, 0, tr("unit {code!r}: its name holds a control character ({char}); remove it",
                                              code=code, char=f"U+{ord(bad.group(0)):04X}")))
    return out


def load(folder: Path, store=None) -> Campaign:
    """campaign.yaml of ``folder`` read and checked, with each group's framework loaded (``store``: a
    :class:`parcli.store.Store`); every problem raises :class:`InputError` at once."""
    from ..inputs.yaml import load_file
    from ..store import Store

    path = folder / FILE
    if not path.is_file():
        raise InputError(tr("{folder} is not a campaign (it has no {file}); start one with parcli campaign init "
                            "{folder} --framework F --year Y", folder=folder, file=FILE))
    doc = load_file(path, str(path), digest=False)
    return check(doc, folder, store or Store())


def check(doc, folder: Path, store) -> Campaign:
    problems: list[Problem] = []
    data = doc.data

    def bad(where, message: str, key: bool = False) -> None:
        problems.append(doc.problem(where, message, key=key))

    if not isinstance(data, dict):
        raise InputError("invalid campaign", [doc.problem((), tr("a campaign file is a mapping of keys (schema, id, "
                                                                  "year, groups, appraisers, deadlines)"))])
    if data.get("schema") != SCHEMA:
        bad(("schema",), tr("schema must be {schema}", schema=SCHEMA))
    for key in data:
        if key not in TOP_KEYS:
            bad((key,), tr("unknown key {key!r}; a campaign file has {keys}", key=key, keys=", ".join(TOP_KEYS)),
                key=True)
    cid = _text(data.get("id"))
    if not cid or not _CODE.fullmatch(cid):
        bad(("id",), tr("id must be a short name of letters, digits, '-', '_' or '.', e.g. so-nganh-2025"))
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        bad(("title",), tr("{key} must be text", key="title"))
    year = data.get("year")
    if not isinstance(year, Decimal) or year != year.to_integral_value() or not 1990 <= year <= 2200:
        bad(("year",), tr("year must be a year such as 2025"))
        year = Decimal(0)
    issuer = data.get("issuer") or {}
    if not isinstance(issuer, dict) or not all(isinstance(v, str) for v in issuer.values()):
        bad(("issuer",), tr("issuer is a mapping of text, e.g. {{agency: SỞ NỘI VỤ TỈNH ..., place: ...}}"))
        issuer = {}

    codes: dict[str, tuple] = {}  # every code -> where it was first given

    def take_code(value, where) -> str | None:
        code = _text(value)
        if not code or not _CODE.fullmatch(code):
            bad(where, tr("a code is 1 to 40 letters, digits, '-', '_' or '.' (e.g. SYT), not {value!r}",
                          value=_said(value)))
            return None
        if code in codes:
            line, _col = doc.locate(codes[code])
            bad(where, tr("code {code} is given twice (also at line {line}); every unit and appraiser needs its "
                          "own code", code=code, line=line))
            return None
        codes[code] = where
        return code

    groups: list[Group] = []
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        bad(("groups",), tr("groups is a list of groups, each {{id, title, framework, units}}"))
        raw_groups = []
    group_ids: set[str] = set()
    for gi, g in enumerate(raw_groups):
        where = ("groups", gi)
        if not isinstance(g, dict):
            bad(where, tr("a group is a mapping {{id, title, framework, units}}"))
            continue
        for key in g:
            if key not in ("id", "title", "framework", "units"):
                bad((*where, key), tr("unknown key {key!r}; a group has {keys}", key=key,
                                      keys="id, title, framework, units"), key=True)
        gid = _text(g.get("id"))
        if not gid or not _CODE.fullmatch(gid):
            bad((*where, "id"), tr("a group's id is a short name of letters, digits, '-', '_' or '.'"))
            continue
        if gid in group_ids:
            bad((*where, "id"), tr("group {id} is given twice; each group needs its own id", id=gid))
            continue
        group_ids.add(gid)
        ref = g.get("framework")
        fw = None
        if not isinstance(ref, str) or not ref:
            bad((*where, "framework"), tr("framework is a shipped id (parcli frameworks) or a path relative to "
                                          "campaign.yaml"))
        else:
            try:
                fw = store.framework(ref, folder)
            except InputError as exc:
                from ..store import unusable

                said, below = unusable(ref, exc)
                bad((*where, "framework"), said)
                problems.extend(below)
        members: list[Member] = []
        units = g.get("units")
        if not isinstance(units, list):
            bad((*where, "units"), tr("units is a list of {{code, name}}"))
            units = []
        for ui, u in enumerate(units):
            uw = (*where, "units", ui)
            if not isinstance(u, dict) or not isinstance(u.get("name"), str) or not str(u.get("name")).strip():
                bad(uw, tr("a unit is {{code: SYT, name: Sở Y tế}}"))
                continue
            for key in u:
                if key not in ("code", "name"):
                    bad((*uw, key), tr("unknown key {key!r}; a unit has {keys}", key=key, keys="code, name"),
                        key=True)
            code = take_code(u.get("code"), (*uw, "code"))
            if code is not None:
                members.append(Member(code, u["name"].strip(), gid))
        gtitle = g.get("title")
        groups.append(Group(gid, gtitle if isinstance(gtitle, str) else gid, ref if isinstance(ref, str) else "",
                            members, fw))

    appraisers: list[Appraiser] = []
    raw_app = data.get("appraisers")
    if not isinstance(raw_app, list) or not raw_app:
        bad(("appraisers",), tr("appraisers is a list of {{code, name, covers}}"))
        raw_app = []
    for ai, a in enumerate(raw_app):
        where = ("appraisers", ai)
        if not isinstance(a, dict) or not isinstance(a.get("name"), str):
            bad(where, tr("an appraiser is {{code: TGV1, name: ..., covers: [\"1\", \"4\"]}}"))
            continue
        for key in a:
            if key not in ("code", "name", "covers"):
                bad((*where, key), tr("unknown key {key!r}; an appraiser has {keys}", key=key,
                                      keys="code, name, covers"), key=True)
        code = take_code(a.get("code"), (*where, "code"))
        covers = a.get("covers")
        by_group: dict[str, list[str]] = {}
        cover_where: dict[str, list[tuple]] = {}
        if isinstance(covers, list):
            ids = [_text(c) for c in covers]
            by_group = {g.id: [i for i in ids if i] for g in groups}
            cover_where = {g.id: [(*where, "covers", i) for i in range(len(ids)) if ids[i]] for g in groups}
        elif isinstance(covers, dict):
            for gid, ids in covers.items():
                if gid not in group_ids:
                    bad((*where, "covers", gid), tr("no group {id}; the groups are {ids}", id=gid,
                                                    ids=", ".join(sorted(group_ids))), key=True)
                    continue
                if not isinstance(ids, list):
                    bad((*where, "covers", gid), tr("covers of a group is a list of ids"))
                    continue
                by_group[gid] = [t for t in (_text(i) for i in ids) if t]
                cover_where[gid] = [(*where, "covers", gid, i) for i in range(len(ids)) if _text(ids[i])]
        else:
            bad((*where, "covers"), tr("covers is a list of field, criterion or leaf ids (every group), or a "
                                       "mapping group -> list"))
            continue
        app = Appraiser(code or "", a["name"].strip(), by_group)
        for g in groups:
            if g.fw is None:
                continue
            share: set[str] = set()
            kinds: set[str] = set()
            declared = g.fw.header.adjustments
            for node_id, cw in zip(by_group.get(g.id, []), cover_where.get(g.id, []), strict=True):
                if node_id in ADJUSTMENT_KINDS:  # the framework's bonus or penalty points (DESIGN §12a)
                    if declared is not None and declared.get(node_id) is not None:
                        kinds.add(node_id)
                        continue
                    if node_id not in g.fw.nodes:
                        bad(cw, tr("{kind}: the framework {framework} declares no {points}; remove {kind} from "
                                   "the covers", kind=node_id, points=points_words(node_id), framework=g.fw.id))
                        continue
                if node_id not in g.fw.nodes:
                    near = g.fw.nearest(node_id, 3)
                    bad(cw, tr("{id} is not a field, criterion or leaf of {framework}", id=node_id,
                               framework=g.fw.id) + ("; " + tr("nearest: {near}", near=", ".join(near))
                                                     if near else ""))
                    continue
                share.update(leaf.id for leaf in g.fw.leaves_under(node_id) if (leaf.source or "assessment")
                             == "assessment")
            app.leaves[g.id] = frozenset(share)
            app.adjustments[g.id] = frozenset(kinds)
        if code is not None:
            appraisers.append(app)

    for g in groups:  # every assessment leaf covered exactly once
        if g.fw is None:
            continue
        count: dict[str, list[str]] = {}
        for app in appraisers:
            for leaf in app.leaves.get(g.id, ()):
                count.setdefault(leaf, []).append(app.code)
        wanted = [leaf.id for leaf in g.fw.leaves if (leaf.source or "assessment") == "assessment"]
        uncovered = [leaf for leaf in wanted if leaf not in count]
        twice = [f"{leaf} ({', '.join(count[leaf])})" for leaf in wanted if len(count.get(leaf, ())) > 1]
        gi = next(i for i, x in enumerate(raw_groups) if isinstance(x, dict) and _text(x.get("id")) == g.id)
        if uncovered:
            bad(("appraisers",), tr("group {group}: {count} assessment leaves are covered by no appraiser: {ids}; "
                                    "add them (or their field or criterion) to an appraiser's covers",
                                    group=g.id, count=len(uncovered), ids=_few(uncovered)))
        if twice:
            bad(("appraisers",), tr("group {group}: leaves covered by two appraisers: {ids}; each leaf belongs to "
                                    "one appraiser", group=g.id, ids=_few(twice)))
        declared = g.fw.header.adjustments
        for item in declared.items if declared is not None else ():
            owners = [app.code for app in appraisers if item.kind in app.adjustments.get(g.id, ())]
            if not owners:
                bad(("appraisers",), tr("group {group}: the {points} of {framework} are covered by no appraiser; "
                                        "add {kind} to an appraiser's covers", group=g.id, kind=item.kind,
                                        points=points_words(item.kind), framework=g.fw.id))
            elif len(owners) > 1:
                bad(("appraisers",), tr("group {group}: the {points} ({kind}) are covered by two appraisers ({codes}); "
                                        "they belong to one appraiser", group=g.id, kind=item.kind,
                                        points=points_words(item.kind), codes=", ".join(owners)))
        del gi

    deadlines: dict[str, datetime] = {}
    raw_dl = data.get("deadlines")
    if not isinstance(raw_dl, dict):
        bad(("deadlines",), tr("deadlines is a mapping of the stages {stages} to local times such as "
                               "2025-11-03T17:00", stages=", ".join(STAGES)))
        raw_dl = {}
    for key in raw_dl:
        if key not in STAGES:
            bad(("deadlines", key), tr("unknown stage {key!r}; the stages are {stages}", key=key,
                                       stages=", ".join(STAGES)), key=True)
    previous = None
    for stage in STAGES:
        if stage not in raw_dl:
            if isinstance(data.get("deadlines"), dict):
                bad(("deadlines",), tr("deadlines has no {stage}; give it a local time such as 2025-11-03T17:00",
                                       stage=stage))
            continue
        moment = _moment(raw_dl[stage])
        if moment is None:
            bad(("deadlines", stage), tr("{value!r} is not a date and time; write it as 2025-11-03T17:00 (local "
                                         "time, Asia/Ho_Chi_Minh)", value=_said(raw_dl[stage])))
            continue
        if previous is not None and moment <= previous[1]:
            bad(("deadlines", stage), tr("{stage} ({at}) must come after {before} ({then}): the stages run in "
                                         "order", stage=stage, at=local_text(moment), before=previous[0],
                                         then=local_text(previous[1])))
        deadlines[stage] = moment
        previous = (stage, moment)

    extensions: dict[str, dict[str, datetime]] = {}
    raw_ext = data.get("extensions") or {}
    if not isinstance(raw_ext, dict):
        bad(("extensions",), tr("extensions is a mapping code -> {{stage: local time}}, e.g. "
                                "{{SYT: {{self_assessment: 2025-11-06T17:00}}}}"))
        raw_ext = {}
    for code, stages in raw_ext.items():
        if code not in codes:
            bad(("extensions", code), tr("no unit or appraiser has the code {code}", code=code), key=True)
            continue
        if not isinstance(stages, dict):
            bad(("extensions", code), tr("an extension is {{stage: local time}}, e.g. "
                                         "{{self_assessment: 2025-11-06T17:00}}"))
            continue
        for stage, value in stages.items():
            if stage not in STAGES:
                bad(("extensions", code, stage), tr("unknown stage {key!r}; the stages are {stages}", key=stage,
                                                    stages=", ".join(STAGES)), key=True)
                continue
            moment = _moment(value)
            if moment is None:
                bad(("extensions", code, stage), tr("{value!r} is not a date and time; write it as "
                                                    "2025-11-03T17:00 (local time, Asia/Ho_Chi_Minh)",
                                                    value=_said(value)))
                continue
            if stage in deadlines and moment <= deadlines[stage]:
                bad(("extensions", code, stage), tr("an extension must be later than the stage's deadline "
                                                    "({at})", at=local_text(deadlines[stage])))
                continue
            extensions.setdefault(code, {})[stage] = moment

    policy = "explain"
    raw_policy = data.get("policy") or {}
    if not isinstance(raw_policy, dict):
        bad(("policy",), tr("policy is a mapping, e.g. {{missing_documents: explain}}"))
    else:
        for key in raw_policy:
            if key != "missing_documents":
                bad(("policy", key), tr("unknown key {key!r}; a policy has {keys}", key=key,
                                        keys="missing_documents"), key=True)
        found = raw_policy.get("missing_documents", "explain")
        if found not in POLICIES:
            bad(("policy", "missing_documents"), tr("missing_documents is one of {choices}",
                                                    choices=", ".join(POLICIES)))
        else:
            policy = found
    if problems:
        raise InputError("invalid campaign", problems)
    camp = Campaign(folder, cid or "", title if isinstance(title, str) else (cid or ""), int(year), issuer, groups,
                    appraisers, deadlines, extensions, policy)
    camp.units = {m.code: m for g in groups for m in g.units}
    return camp


def _moment(value) -> datetime | None:
    return parse_local(value) if isinstance(value, str) else None


def _few(ids: list[str], n: int = 12) -> str:
    shown = ", ".join(ids[:n])
    return shown + (tr(" and {count} more", count=len(ids) - n) if len(ids) > n else "")
