"""Semantic checks: a loaded document → a checked framework or unit, or problems.

Shape comes from :mod:`model` (pydantic, imported only here and only when a framework is
checked or a unit file is not valid: a valid unit file's keys are checked by hand, the
same as the model would); everything that needs more than one
value is checked here: ids, sums, rule parameters, classes, and each unit's
evidence against the rules of its framework. Every problem carries its
``file:line:col``; all problems of a file are collected, not just the first.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .domain import (
    ADJUSTMENT_KINDS,
    FRAMEWORK_SCHEMA,
    UNIT_SCHEMA,
    Adjustment,
    Adjustments,
    ClassBand,
    Framework,
    Header,
    Node,
    Provenance,
    Unit,
    UnitHeader,
)
from .errors import Problem
from .hints import curly_hint, near_top_key, unknown_top_key
from .i18n import N_, tr
from .inputs.yaml import Document, Located
from .rules import KINDS, Evidence, parse_evidence
from .values import describe_value

ZERO = Decimal(0)


def pydantic_problems(doc: Located, exc) -> list[Problem]:
    """Pydantic errors as ``file:line:col: message`` problems, named by the node's id where there is one."""
    out = []
    errors = exc.errors(include_url=False)
    # a misspelled top-level key ("evidense") is reported once, as unknown with its likely name,
    # not also as the required key it was meant to be
    meant = {near_top_key(e["loc"][0]) for e in errors
             if e["type"] in ("extra_forbidden", "unexpected_keyword_argument") and len(e["loc"]) == 1}
    for err in errors:
        if err["type"] == "missing" and len(err["loc"]) == 1 and err["loc"][0] in meant:
            continue
        loc = tuple("schema" if p == "schema_" else p for p in err["loc"])
        # a discriminated union adds the rule's kind after "rule"; keep only what is in the file
        path = tuple(p for i, p in enumerate(loc) if not (i and loc[i - 1] == "rule" and p in _UNION_TAGS))
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        etype = err["type"]
        msg = _PYDANTIC.get(etype, _other)(err) if etype != "value_error" else msg
        key = False
        named = False  # the message names where it is (no "rule.bands[0]:" before it)
        if etype == "missing":
            missing = path[-1]
            path = path[:-1]
            if missing == "rule":
                msg = tr("no rule; give it one, e.g. rule: {{kind: yes_no}}")
            elif missing == "measure" and path[-1:] == ("rule",):
                msg = tr("a bands rule names its measure: add measure: percent, count or value")
                named = True
            else:
                msg = tr("missing required key {key!r}", key=missing)
        elif etype in ("extra_forbidden", "unexpected_keyword_argument"):
            msg = (_unknown_top(path) if len(path) == 1
                   else tr("unknown key {key!r}; remove it or check its spelling", key=path[-1]))
            key = True
        elif etype == "union_tag_invalid":
            msg = tr("unknown rule kind; use one of {kinds}", kinds=", ".join(KINDS))
        elif etype == "union_tag_not_found":
            msg = tr("a rule needs a kind")
        node_id, rest = _named(doc.data, path)
        where = "" if named else _dotted(rest[:-1] if key else rest)
        text = f"{where}: {msg}" if where else msg
        out.append(doc.problem(path, f"{node_id}: {text}" if node_id else text, key=key))
    return out


def _unknown_top(path: tuple) -> str:
    """An unknown top-level key, with the key it was likely meant to be."""
    return unknown_top_key(path[-1])


def _other(err: dict) -> str:
    """A pydantic finding parcli has no words of its own for: named by the value, never by
    pydantic's English."""
    return tr("{what} is not a value this key takes; parcli schema shows what it takes",
              what=describe_value(err.get("input")))


_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def _literal(err: dict) -> str:
    """The values a key takes, listed in parcli's words (pydantic joins the last with its English " or ")."""
    expected = str((err.get("ctx") or {}).get("expected", ""))
    values = [f"'{v}'" for v in _QUOTED.findall(expected)]
    if len(values) > 1:
        expected = ", ".join(values[:-1]) + tr(" or ") + values[-1]
    elif values:
        expected = values[0]
    return tr("expected one of {expected}, got {what}", expected=expected, what=describe_value(err.get("input")))


def _got(msgid: str):
    """A pydantic finding said as ``msgid`` with the value it got."""
    return lambda e: tr(msgid, what=describe_value(e.get("input")))


_MAPPING = N_("expected a mapping (key: value lines), got {what}")
_NUMBER = N_("expected a number, got {what}")
_WHOLE = N_("expected a whole number, got {what}")
_BOOL = N_("expected true or false, got {what}")

# pydantic's own messages, in the catalogue's words (the rest: _other, which names the value)
_PYDANTIC = {
    "dict_type": _got(_MAPPING),
    "model_type": _got(_MAPPING),
    "model_attributes_type": _got(_MAPPING),
    "dataclass_type": _got(_MAPPING),
    "dataclass_exact_type": _got(_MAPPING),
    "list_type": _got(N_("expected a list (lines starting with -), got {what}")),
    "string_type": _got(N_("expected text, got {what}; put it in quotes")),
    "literal_error": _literal,
    "enum": _literal,
    "too_short": lambda e: tr("must not be empty"),
    "bool_type": _got(_BOOL),
    "bool_parsing": _got(_BOOL),
    "int_type": _got(_WHOLE),
    "int_parsing": _got(_WHOLE),
    "int_from_float": _got(_WHOLE),
    "decimal_type": _got(_NUMBER),
    "decimal_parsing": _got(_NUMBER),
    "float_type": _got(_NUMBER),
    "float_parsing": _got(_NUMBER),
    "missing": lambda e: "",  # replaced below
    "extra_forbidden": lambda e: "",
    "unexpected_keyword_argument": lambda e: "",
    "union_tag_invalid": lambda e: "",
    "union_tag_not_found": lambda e: "",
}

_UNION_TAGS = frozenset(KINDS)
_NODE_LISTS = frozenset(("fields", "criteria", "subcriteria"))


def _named(data: Any, path: tuple) -> tuple[str | None, tuple]:
    """The id of the deepest framework node on ``path`` and the rest of the path below it."""
    node_id, rest_at = None, 0
    value = data
    for i, step in enumerate(path):
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            break
        if (isinstance(step, int) and i and path[i - 1] in _NODE_LISTS and isinstance(value, dict)
                and isinstance(value.get("id"), str)):
            node_id, rest_at = value["id"], i + 1
    return node_id, path[rest_at:] if node_id else path


def _dotted(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


# --- framework -------------------------------------------------------------


def _shape(doc: Located, model, schema_id: str, keys: str):
    """A document's shape through its pydantic model: (model instance or None, problems)."""
    data = doc.data
    if not isinstance(data, dict):
        kind = schema_id.split("/")[1]
        message = (tr("a {kind} file is a mapping of keys ({keys}), not a list", kind=kind, keys=keys)
                   if isinstance(data, list) else
                   tr("a {kind} file is a mapping of keys ({keys}), not a single value", kind=kind, keys=keys))
        return None, [doc.problem((), message)]
    schema = data.get("schema")
    if schema != schema_id:
        return None, [_schema_problem(doc, schema, schema_id)]
    from pydantic import ValidationError

    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, pydantic_problems(doc, exc)


def check_framework(doc: Document, sha256: str = "") -> tuple[Framework | None, list[Problem]]:
    from .model import FrameworkFile

    fw, problems = _shape(doc, FrameworkFile, FRAMEWORK_SCHEMA, "schema, id, fields …")
    if fw is None:
        return None, problems
    problems = []
    nodes: dict[str, Node] = {}
    fields: list[Node] = []
    leaves: list[Node] = []

    def say(node_id: str, path: tuple, message: str) -> None:
        problems.append(doc.problem(path, f"{node_id}: {message}"))

    def add(node: Node) -> None:
        if node.id in nodes:
            say(node.id, node.path + ("id",), tr("duplicate id; ids must be unique"))
        else:
            nodes[node.id] = node
        if node.max <= 0:
            say(node.id, node.path + ("max",), tr("max must be above 0, got {max}", max=node.max))

    def extends(child: str, parent: str, path: tuple) -> None:
        if not (child.startswith(parent + ".") and len(child) > len(parent) + 1):
            say(child, path + ("id",), tr("id must extend its parent's id {parent!r} (e.g. {parent}.1)", parent=parent))

    def check_sum(node: Node, parts: list[Decimal]) -> None:
        total = sum(parts, ZERO)
        if total != node.max:
            say(node.id, node.path + ("max",),
                tr("max is {max} but its children sum to {total}", max=node.max, total=total))

    def leaf(node: Node, rule) -> None:
        leaves.append(node)
        for sub, message in rule.check(node.max):
            say(node.id, node.path + ("rule",) + sub, message)

    for fi, f in enumerate(fw.fields):
        fnode = Node(f.id, "field", f.title, f.title_en, f.max, ("fields", fi), None, f.id, None)
        if "." in f.id:
            say(f.id, fnode.path + ("id",), tr("a field id has no dot"))
        add(fnode)
        fields.append(fnode)
        for ci, c in enumerate(f.criteria):
            cpath = fnode.path + ("criteria", ci)
            extends(c.id, f.id, cpath)
            cnode = Node(c.id, "criterion", c.title, c.title_en, c.max, cpath, f.id, f.id, c.id,
                         documents=c.documents)
            add(cnode)
            fnode.children.append(c.id)
            if c.subcriteria is not None:
                if c.rule is not None:
                    say(c.id, cpath + ("rule",),
                        tr("a criterion with sub-criteria takes no rule; put rules on its sub-criteria"))
                if c.source is not None:
                    say(c.id, cpath + ("source",),
                        tr("a criterion with sub-criteria takes no source; put source on each sub-criterion"))
                if not c.subcriteria:
                    say(c.id, cpath + ("subcriteria",), tr("subcriteria is empty"))
                for si, s in enumerate(c.subcriteria):
                    spath = cpath + ("subcriteria", si)
                    extends(s.id, c.id, spath)
                    snode = Node(s.id, "subcriterion", s.title, s.title_en, s.max, spath, c.id, f.id, c.id,
                                 rule=s.rule, source=s.source, documents=s.documents)
                    add(snode)
                    cnode.children.append(s.id)
                    leaf(snode, s.rule)
                check_sum(cnode, [s.max for s in c.subcriteria])
            elif c.rule is None:
                say(c.id, cpath, tr("no rule; a criterion needs either sub-criteria or a rule"))
            else:
                cnode.rule = c.rule
                cnode.source = c.source or "assessment"
                leaf(cnode, c.rule)
        check_sum(fnode, [c.max for c in f.criteria])
    total = sum((f.max for f in fw.fields), ZERO)
    if total != fw.total:
        problems.append(doc.problem(("total",), tr("total is {total} but the fields sum to {sum}", total=fw.total,
                                                   sum=total)))
    previous = None
    labels: set[str] = set()
    for ki, band in enumerate(fw.classes):
        if previous is not None and band.min >= previous:
            problems.append(doc.problem(("classes", ki, "min"), tr("classes go from the highest min to the lowest")))
        if band.label in labels:
            problems.append(doc.problem(("classes", ki, "label"),
                                        tr("duplicate class label {label!r}", label=band.label)))
        if not ZERO <= band.min <= 100:
            problems.append(doc.problem(("classes", ki, "min"),
                                        tr("a class min is an index in [0, 100], got {min}", min=band.min)))
        labels.add(band.label)
        previous = band.min
    adjustments = _framework_adjustments(doc, fw.adjustments, problems)
    if adjustments is not None:  # the ids of the bonus and penalty rows of a form, and of their lines in diff
        for node_id in nodes:
            if node_id.casefold() in ADJUSTMENT_KINDS:
                problems.append(doc.problem(("adjustments",), tr(
                    "{id!r} is both a node's id and the id of a row of bonus or penalty points in the form; give the "
                    "node another id", id=node_id)))
    if problems:
        return None, _in_order(problems)
    for node in leaves:
        node.scorer = node.leaf_rule.scorer(node.max)
    header = Header(fw.id, fw.title, fw.title_en, fw.level, fw.basis, fw.version,
                    Provenance(fw.provenance.status, fw.provenance.note), fw.total, fw.places,
                    tuple(ClassBand(c.label, c.min) for c in fw.classes), adjustments)
    return Framework(header, doc.file, sha256, nodes, fields, leaves), []


def _framework_adjustments(doc: Located, given, problems: list[Problem]) -> Adjustments | None:
    """A framework's ``adjustments`` (DESIGN §12a), checked: each max and the cap above 0."""
    if given is None:
        return None
    items = []
    for kind in ADJUSTMENT_KINDS:
        item = getattr(given, kind)
        if item is None:
            continue
        if item.max <= 0:
            problems.append(doc.problem(("adjustments", kind, "max"),
                                        f"adjustments.{kind}: " + tr("max must be above 0, got {max}", max=item.max)))
        items.append(Adjustment(kind, item.max, item.title, item.title_en))
    if not items:
        problems.append(doc.problem(("adjustments",), tr("adjustments declare neither bonus nor penalty; give "
                                                         "bonus: {{max: 5}}, penalty: {{max: 5}} or both, or "
                                                         "remove adjustments")))
    if not ZERO < given.cap <= 100:  # an index above 100 is no index: rank files and readers refuse it
        problems.append(doc.problem(("adjustments", "cap"),
                                    "adjustments.cap: " + tr("the cap of the index is above 0 and at most 100, "
                                                             "got {cap}", cap=given.cap)))
    return Adjustments(tuple(items), given.cap)


def _schema_problem(doc: Located, schema: Any, wanted: str) -> Problem:
    if schema is None:
        return doc.problem((), tr("missing 'schema: {schema}' at the top of the file", schema=wanted))
    kind = wanted.split("/")[1]
    if isinstance(schema, str) and schema.startswith(f"parcli/{kind}/"):
        return doc.problem(("schema",), tr("schema {schema!r} is not supported; this parcli reads {wanted}",
                                           schema=schema, wanted=wanted))
    return doc.problem(("schema",), tr("schema {schema!r} is not a {kind} file; expected {wanted}", schema=schema,
                                       kind=kind, wanted=wanted))


# --- unit ----------------------------------------------------------------


_UNIT_KEYS = frozenset(("schema", "unit", "code", "year", "framework", "evidence", "adjustments"))
_UNIT_REQUIRED = frozenset(("schema", "unit", "year", "framework", "evidence"))


def _plain_unit_header(data: Any) -> UnitHeader | None:
    """A valid unit file's keys, checked by hand as :class:`parcli.model.UnitFile` would accept
    them; None for anything else (then the model says what is wrong)."""
    if data.__class__ is not dict or data.get("schema") != UNIT_SCHEMA:
        return None
    keys = data.keys()
    if not (_UNIT_REQUIRED <= keys <= _UNIT_KEYS):
        return None
    unit, code, year, ref, evidence = (data["unit"], data.get("code"), data["year"], data["framework"],
                                       data["evidence"])
    if unit.__class__ is not str or ref.__class__ is not str:
        return None
    if code is not None:
        if code.__class__ is Decimal and code == code.to_integral_value():
            code = str(int(code))
        elif code.__class__ is not str:
            return None
    if year.__class__ is not Decimal or year != year.to_integral_value():
        return None
    if evidence is not None and evidence.__class__ is not dict:
        return None
    adjustments = data.get("adjustments")
    if adjustments is not None and adjustments.__class__ is not dict:
        return None
    return UnitHeader(unit, code, int(year), ref, evidence, adjustments)


def unit_header(doc: Located) -> tuple[UnitHeader | None, list[Problem]]:
    """The unit file's shape (header keys), before its framework is known."""
    header = _plain_unit_header(doc.data)
    if header is None:
        from .model import UnitFile

        checked, problems = _shape(doc, UnitFile, UNIT_SCHEMA, "schema, unit, year, framework, evidence")
        if checked is None:
            return None, problems
        header = UnitHeader(checked.unit, checked.code, checked.year, checked.framework, checked.evidence,
                            checked.adjustments)
    if not 1990 <= header.year <= 2100:
        return None, [doc.problem(("year",), tr("year {year} is outside 1990–2100", year=header.year))]
    return header, []


_SUGGESTIONS = 20  # unknown ids that get a "did you mean"; the rest are named plainly


def check_unit(doc: Located, header: UnitHeader, fw: Framework) -> tuple[Unit | None, list[Problem]]:
    """Check a unit's evidence against its framework."""
    problems: list[Problem] = []
    evidence: dict[str, Evidence] = {}
    na: set[str] = set()
    nodes = fw.nodes
    raw_evidence = header.evidence or {}
    unknown = 0
    for key, raw in raw_evidence.items():
        node = nodes.get(key)
        if node is None:
            unknown += 1
            near = fw.nearest(key) if unknown <= _SUGGESTIONS else []  # bounded: "did you mean" is costly
            message = (tr("unknown id {id!r}: framework {framework} has no such node; did you mean {near}?",
                          id=key, framework=fw.id, near=tr(" or ").join(repr(n) for n in near)) if near else
                       tr("unknown id {id!r}: framework {framework} has no such node", id=key, framework=fw.id))
            problems.append(doc.problem(("evidence", key), message + curly_hint(key), key=True))
            continue
        rule = node.rule
        if rule is None:
            if raw is None:
                continue
            if isinstance(raw, dict) and raw.get("na") is True and set(raw) <= {"na", "note", "documents"}:
                na.add(key)
                continue
            problems.append(doc.problem(("evidence", key), tr("{id} is a {level}; it takes only {{na: true}} (not "
                                                              "applicable); evidence goes on its leaves {leaves}",
                                                              id=key, level=tr(node.kind),
                                                              leaves=_few(fw.leaves_under(key)))))
            continue
        ev, found = parse_evidence(rule, node.max, raw)
        if found:
            for sub, msg in found:
                problems.append(doc.problem(("evidence", key) + sub, f"{key}: {msg}"))
        if ev is not None:
            if ev.na:
                na.add(key)
            evidence[key] = ev
    # evidence under a node that is not applicable
    if na:
        for key in list(evidence) + list(na):
            for anc in fw.ancestors(key):
                if anc in na:
                    problems.append(doc.problem(("evidence", key), tr("{id} is under {parent}, which is not "
                                                                      "applicable (na); remove one of the two",
                                                                      id=key, parent=anc), key=True))
                    break
    adjustments = unit_adjustments(doc, header.adjustments, fw, problems)
    if problems:
        return None, _in_order(problems)
    return Unit(header.unit, header.code, header.year, header.framework, doc.file, evidence, frozenset(na),
                adjustments), []


_ADJUSTMENT_KEYS = ("points", "claimed", "note", "documents")


def unit_adjustments(doc: Located, raw: dict | None, fw: Framework,
                     problems: list[Problem]) -> dict[str, Evidence]:
    """A unit's ``adjustments`` (bonus, penalty) checked against its framework's: each as a manual
    leaf of that max takes it (``points`` the appraised or given points, ``claimed`` the unit's own,
    ``note``, ``documents``); problems are added to ``problems`` at their place."""
    out: dict[str, Evidence] = {}
    if not raw:
        return out
    declared = fw.header.adjustments
    if declared is None:
        problems.append(doc.problem(("adjustments",), tr("framework {framework} declares no bonus or penalty "
                                                         "points; remove adjustments", framework=fw.id), key=True))
        return out
    from .rules.manual import ManualRule

    rule = ManualRule(kind="manual")
    for kind, value in raw.items():
        item = declared.get(kind) if isinstance(kind, str) else None
        if item is None:
            names = ", ".join(a.kind for a in declared.items)
            problems.append(doc.problem(("adjustments", kind), tr("adjustments: unknown key {key!r}; framework "
                                                                  "{framework} declares {names}", key=kind,
                                                                  framework=fw.id, names=names), key=True))
            continue
        if value is None:
            continue
        if not isinstance(value, dict):
            problems.append(doc.problem(("adjustments", kind), f"adjustments.{kind}: " + tr(
                "expected {{points: , claimed: , note: , documents: []}}, got {what}", what=describe_value(value))))
            continue
        extra = [k for k in value if k not in _ADJUSTMENT_KEYS]
        if extra:
            problems.append(doc.problem(("adjustments", kind, extra[0]), f"adjustments.{kind}: " + tr(
                "unknown key {key!r}; an adjustment takes points, claimed, note and documents", key=extra[0]),
                key=True))
            continue
        ev, found = parse_evidence(rule, item.max, value)
        for sub, msg in found:
            problems.append(doc.problem(("adjustments", kind) + sub, f"adjustments.{kind}: {msg}"))
        if ev is not None and not found:
            out[kind] = ev
    return out


def _in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.col))


def strict_problems(file: str, missing: list[str]) -> list[Problem]:
    """In strict mode every leaf without evidence is an error."""
    return [Problem(file, 0, 0, tr("leaf {id} has no evidence (every leaf needs evidence in strict mode)", id=leaf_id))
            for leaf_id in missing]


def _few(nodes: list[Node]) -> str:
    ids = [n.id for n in nodes]
    return ", ".join(ids[:4]) + (" …" if len(ids) > 4 else "")
