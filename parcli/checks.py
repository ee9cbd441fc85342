"""Semantic checks: a loaded document → a checked framework or unit, or problems.

Shape comes from :mod:`model` (pydantic); everything that needs more than one
value is checked here: ids, sums, rule parameters, classes, and each unit's
evidence against the rules of its framework. Every problem carries its
``file:line:col``; all problems of a file are collected, not just the first.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from .errors import Problem
from .loader import Document
from .model import FRAMEWORK_SCHEMA, UNIT_SCHEMA, FrameworkFile, UnitFile
from .rules import Evidence, parse_evidence, scorer

ZERO = Decimal(0)


@dataclass(slots=True, eq=False)
class Node:
    """A node of a checked framework: a field, a criterion or a sub-criterion."""

    id: str
    kind: str  # field | criterion | subcriterion
    title: str
    title_en: str | None
    max: Decimal
    path: tuple  # where it stands in the framework file
    parent: str | None
    field: str
    criterion: str | None
    rule: Any = None  # leaves only
    source: str | None = None
    documents: str | None = None
    children: list[str] = dc_field(default_factory=list)
    scorer: Any = None  # leaves: the rule compiled to f(evidence) -> points

    @property
    def is_leaf(self) -> bool:
        return self.rule is not None

    def label(self, lang: str) -> str:
        return (self.title_en or self.title) if lang == "en" else self.title


@dataclass(slots=True, eq=False)
class Framework:
    """A checked framework, ready for the engine."""

    file: FrameworkFile
    source_path: str
    sha256: str
    nodes: dict[str, Node]
    fields: list[Node]
    leaves: list[Node]

    @property
    def id(self) -> str:
        return self.file.id

    @property
    def version(self) -> str:
        return self.file.version

    @property
    def status(self) -> str:
        return self.file.provenance.status

    @property
    def places(self) -> int:
        return self.file.places

    def title(self, lang: str) -> str:
        return (self.file.title_en or self.file.title) if lang == "en" else self.file.title

    def counts(self) -> tuple[int, int, int]:
        """(fields, criteria, sub-criteria)."""
        criteria = sum(1 for n in self.nodes.values() if n.kind == "criterion")
        subs = sum(1 for n in self.nodes.values() if n.kind == "subcriterion")
        return len(self.fields), criteria, subs

    def points_by_source(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for leaf in self.leaves:
            out[leaf.source or "assessment"] = out.get(leaf.source or "assessment", ZERO) + leaf.max
        return out

    def nearest(self, wanted: str, n: int = 3) -> list[str]:
        return difflib.get_close_matches(wanted, list(self.nodes), n=n, cutoff=0.5)

    def ancestors(self, node_id: str) -> list[str]:
        out = []
        node = self.nodes[node_id]
        while node.parent is not None:
            out.append(node.parent)
            node = self.nodes[node.parent]
        return out

    def leaves_under(self, node_id: str) -> list[Node]:
        node = self.nodes[node_id]
        if node.is_leaf:
            return [node]
        out: list[Node] = []
        for child in node.children:
            out.extend(self.leaves_under(child))
        return out


@dataclass(slots=True, eq=False)
class Unit:
    """A checked unit file: header and evidence by node id."""

    name: str
    code: str | None
    year: int
    framework_ref: str
    file: str
    evidence: dict[str, Evidence] = dc_field(default_factory=dict)
    na: frozenset[str] = frozenset()


def pydantic_problems(doc: Document, exc: ValidationError) -> list[Problem]:
    """Pydantic errors as ``file:line:col: message`` problems."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple("schema" if p == "schema_" else p for p in err["loc"])
        # discriminated unions add the tag to the path; keep only what is in the file
        path = tuple(p for p in loc if not (isinstance(p, str) and p in _UNION_TAGS))
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        etype = err["type"]
        where = _dotted(path)
        if etype == "missing":
            msg = f"missing required key {path[-1]!r}"
            where = _dotted(path[:-1])
            path = path[:-1]
        elif etype == "extra_forbidden":
            msg = f"unknown key {path[-1]!r}; remove it or check its spelling"
            out.append(doc.problem(path, (f"{_dotted(path[:-1])}: " if len(path) > 1 else "") + msg, key=True))
            continue
        elif etype == "union_tag_invalid":
            msg = f"unknown rule kind; use one of {', '.join(_RULE_KINDS)}"
        elif etype == "union_tag_not_found":
            msg = "a rule needs a kind"
        out.append(doc.problem(path, f"{where}: {msg}" if where else msg))
    return out


_RULE_KINDS = ("yes_no", "choice", "bands", "linear", "scale", "per_item", "deduction", "manual")
_UNION_TAGS = frozenset(_RULE_KINDS)


def _dotted(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


# --- framework -------------------------------------------------------------


def _shape(doc: Document, model, schema_id: str, keys: str):
    """A document's shape through its pydantic model: (model instance or None, problems)."""
    data = doc.data
    if not isinstance(data, dict):
        kind = schema_id.split("/")[1]
        return None, [doc.problem((), f"a {kind} file is a mapping of keys ({keys}), not "
                                   f"{'a list' if isinstance(data, list) else 'a single value'}")]
    schema = data.get("schema")
    if schema != schema_id:
        return None, [_schema_problem(doc, schema, schema_id)]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, pydantic_problems(doc, exc)


def check_framework(doc: Document, sha256: str = "") -> tuple[Framework | None, list[Problem]]:
    fw, problems = _shape(doc, FrameworkFile, FRAMEWORK_SCHEMA, "schema, id, fields …")
    if fw is None:
        return None, problems
    problems = []
    nodes: dict[str, Node] = {}
    fields: list[Node] = []
    leaves: list[Node] = []

    def add(node: Node) -> None:
        if node.id in nodes:
            problems.append(doc.problem(node.path + ("id",), f"duplicate id {node.id!r}; ids must be unique"))
        else:
            nodes[node.id] = node

    def extends(child: str, parent: str, path: tuple) -> None:
        if not (child.startswith(parent + ".") and len(child) > len(parent) + 1):
            problems.append(doc.problem(path + ("id",), f"id {child!r} must extend its parent's id {parent!r} "
                                        f"(e.g. {parent}.1)"))

    def check_sum(path: tuple, what: str, node_max: Decimal, parts: list[Decimal]) -> None:
        total = sum(parts, ZERO)
        if total != node_max:
            problems.append(doc.problem(path + ("max",), f"{what} max is {node_max} but its children sum to {total}"))

    for fi, f in enumerate(fw.fields):
        fpath = ("fields", fi)
        fnode = Node(f.id, "field", f.title, f.title_en, f.max, fpath, None, f.id, None)
        if "." in f.id:
            problems.append(doc.problem(fpath + ("id",), f"a field id has no dot, got {f.id!r}"))
        add(fnode)
        fields.append(fnode)
        _positive(doc, problems, fpath, f.max)
        for ci, c in enumerate(f.criteria):
            cpath = fpath + ("criteria", ci)
            extends(c.id, f.id, cpath)
            cnode = Node(c.id, "criterion", c.title, c.title_en, c.max, cpath, f.id, f.id, c.id,
                         documents=c.documents)
            add(cnode)
            fnode.children.append(c.id)
            _positive(doc, problems, cpath, c.max)
            if c.subcriteria is not None:
                if c.rule is not None:
                    problems.append(doc.problem(cpath + ("rule",), f"criterion {c.id} has sub-criteria, so it takes "
                                                "no rule; put rules on its sub-criteria"))
                if c.source is not None:
                    problems.append(doc.problem(cpath + ("source",), f"criterion {c.id} has sub-criteria; "
                                                "put source on each sub-criterion"))
                if not c.subcriteria:
                    problems.append(doc.problem(cpath + ("subcriteria",), "subcriteria is empty"))
                for si, s in enumerate(c.subcriteria):
                    spath = cpath + ("subcriteria", si)
                    extends(s.id, c.id, spath)
                    snode = Node(s.id, "subcriterion", s.title, s.title_en, s.max, spath, c.id, f.id, c.id,
                                 rule=s.rule, source=s.source, documents=s.documents)
                    add(snode)
                    cnode.children.append(s.id)
                    leaves.append(snode)
                    _positive(doc, problems, spath, s.max)
                    _check_rule(doc, problems, spath, s.rule, s.max)
                check_sum(cpath, f"criterion {c.id}", c.max, [s.max for s in c.subcriteria])
            elif c.rule is None:
                problems.append(doc.problem(cpath, f"criterion {c.id} needs either subcriteria or a rule"))
            else:
                cnode.rule = c.rule
                cnode.source = c.source or "assessment"
                leaves.append(cnode)
                _check_rule(doc, problems, cpath, c.rule, c.max)
        check_sum(fpath, f"field {f.id}", f.max, [c.max for c in f.criteria])
    total = sum((f.max for f in fw.fields), ZERO)
    if total != fw.total:
        problems.append(doc.problem(("total",), f"total is {fw.total} but the fields sum to {total}"))
    previous = None
    labels: set[str] = set()
    for ki, band in enumerate(fw.classes):
        if previous is not None and band.min >= previous:
            problems.append(doc.problem(("classes", ki, "min"), "classes go from the highest min to the lowest"))
        if band.label in labels:
            problems.append(doc.problem(("classes", ki, "label"), f"duplicate class label {band.label!r}"))
        if not ZERO <= band.min <= 100:
            problems.append(doc.problem(("classes", ki, "min"), f"a class min is an index in [0, 100], got {band.min}"))
        labels.add(band.label)
        previous = band.min
    if problems:
        return None, _in_order(problems)
    for leaf in leaves:
        leaf.scorer = scorer(leaf.rule, leaf.max)
    return Framework(fw, doc.file, sha256, nodes, fields, leaves), []


def _positive(doc, problems, path, value: Decimal) -> None:
    if value <= 0:
        problems.append(doc.problem(path + ("max",), f"max must be above 0, got {value}"))


def _check_rule(doc: Document, problems: list[Problem], path: tuple, rule, leaf_max: Decimal) -> None:
    rpath = path + ("rule",)

    def points_ok(p: Decimal, where: tuple) -> None:
        if not ZERO <= p <= leaf_max:
            problems.append(doc.problem(rpath + where, f"points {p} outside [0, {leaf_max}] (the leaf's max)"))

    kind = rule.kind
    if kind == "choice":
        for key, p in rule.options.items():
            points_ok(p, ("options", key))
    elif kind == "bands":
        previous = None
        for bi, band in enumerate(rule.bands):
            where = ("bands", bi)
            points_ok(band.points, where + ("points",))
            if band.gt is not None and band.gte is not None:
                problems.append(doc.problem(rpath + where, "a band takes gt or gte, not both"))
                continue
            threshold = band.gt if band.gt is not None else band.gte
            if threshold is None:
                if bi != len(rule.bands) - 1:
                    problems.append(doc.problem(rpath + where, "a band without gt/gte catches the rest, "
                                                "so it must be the last"))
                continue
            key = (threshold, 1 if band.gt is not None else 0)
            if previous is not None and key >= previous:
                problems.append(doc.problem(rpath + where, "bands go from the highest threshold to the lowest"))
            previous = key
    elif kind == "linear":
        if rule.full_at <= 0 or rule.full_at > 100:
            problems.append(doc.problem(rpath + ("full_at",), f"full_at is a percent in (0, 100], got {rule.full_at}"))
    elif kind == "scale":
        if rule.of <= 0:
            problems.append(doc.problem(rpath + ("of",), f"of must be above 0, got {rule.of}"))
    elif kind in ("per_item", "deduction"):
        if rule.each <= 0:
            problems.append(doc.problem(rpath + ("each",), f"each must be above 0, got {rule.each}"))


def _schema_problem(doc: Document, schema: Any, wanted: str) -> Problem:
    if schema is None:
        return doc.problem((), f"missing 'schema: {wanted}' at the top of the file")
    kind = wanted.split("/")[1]
    if isinstance(schema, str) and schema.startswith(f"parcli/{kind}/"):
        return doc.problem(("schema",), f"schema {schema!r} is not supported; this parcli reads {wanted}")
    return doc.problem(("schema",), f"schema {schema!r} is not a {kind} file; expected {wanted}")


# --- unit ----------------------------------------------------------------


def unit_header(doc: Document) -> tuple[UnitFile | None, list[Problem]]:
    """The unit file's shape (header keys), before its framework is known."""
    header, problems = _shape(doc, UnitFile, UNIT_SCHEMA, "schema, unit, year, framework, evidence")
    if header is None:
        return None, problems
    if not 1990 <= header.year <= 2100:
        return None, [doc.problem(("year",), f"year {header.year} is outside 1990–2100")]
    return header, []


def check_unit(doc: Document, header: UnitFile, fw: Framework) -> tuple[Unit | None, list[Problem]]:
    """Check a unit's evidence against its framework."""
    problems: list[Problem] = []
    evidence: dict[str, Evidence] = {}
    na: set[str] = set()
    nodes = fw.nodes
    raw_evidence = header.evidence or {}
    for key, raw in raw_evidence.items():
        node = nodes.get(key)
        if node is None:
            near = fw.nearest(key)
            hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
            problems.append(doc.problem(("evidence", key), f"unknown id {key!r}: framework {fw.id} has no such "
                                        f"node{hint}", key=True))
            continue
        rule = node.rule
        if rule is None:
            if raw is None:
                continue
            if isinstance(raw, dict) and raw.get("na") is True and set(raw) <= {"na", "note", "documents"}:
                na.add(key)
                continue
            problems.append(doc.problem(("evidence", key), f"{key} is a {node.kind}; it takes only {{na: true}} "
                                        f"(not applicable); evidence goes on its leaves {_few(fw.leaves_under(key))}"))
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
                    problems.append(doc.problem(("evidence", key), f"{key} is under {anc}, which is not applicable "
                                                "(na); remove one of the two", key=True))
                    break
    if problems:
        return None, _in_order(problems)
    return Unit(header.unit, header.code, header.year, header.framework, doc.file, evidence, frozenset(na)), []


def _in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.col))


def strict_problems(file: str, missing: list[str]) -> list[Problem]:
    """With --strict, every leaf without evidence is an error."""
    return [Problem(file, 0, 0, f"leaf {leaf_id} has no evidence (--strict)") for leaf_id in missing]


def _few(nodes: list[Node]) -> str:
    ids = [n.id for n in nodes]
    return ", ".join(ids[:4]) + (" …" if len(ids) > 4 else "")
