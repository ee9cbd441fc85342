"""The survey definition (``parcli/survey/v1``), checked with every problem at file:line:col.

::

    schema: parcli/survey/v1
    id: hb-mdhl-2023
    title: Khảo sát mức độ hài lòng 2023
    framework: hoa-binh-test.yaml      # a shipped id, or a path relative to this file
    unit: ma_don_vi                    # the column holding the code of the unit rated
    units: {SNV: Sở Nội vụ}            # optional: the codes the answers may name
    scale:
      min: 1
      max: 5
      satisfied: [4, 5]                # measure share: the answers that count as satisfied
      missing: [0, 9, "Không ý kiến"]  # codes that mean no answer (a blank cell is no answer too)
      labels: {1: Rất không hài lòng, 5: Rất hài lòng}   # optional; a cell may hold the label
    method: mean                       # every level: mean (of the level below) | pooled (every answer of the level)
    # or per level, a level left out taking mean:
    # method: {element: pooled, part: mean, overall: mean}
    measure: share                     # share (of satisfied answers) | mean (answers rescaled to 0-100)
    parts:
      - id: DV
        title: Dịch vụ hành chính công
        elements:
          - id: TC
            title: Tiếp cận dịch vụ
            items:
              - {id: Q1, column: "Câu 1", title: ...}   # column defaults to id
    targets: {overall: "3.1"}          # overall | a part id | an element id → a leaf of the framework
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..errors import InputError, Problem
from ..i18n import tr, trp
from . import SURVEY_SCHEMA

METHODS = ("mean", "pooled")
LEVELS = ("element", "part", "overall")  # the levels whose method a definition chooses (an item is a rate)
MEASURES = ("share", "mean")
OVERALL = "overall"
SCALE = "scale"  # the definition's key (a word shared with a rule kind's name, nothing more)
_TOP = ("schema", "id", "title", "title_en", "framework", "unit", "units", "scale", "method", "measure", "parts",
        "targets")
_REQUIRED = ("schema", "id", "title", "framework", "unit", "scale", "parts")
MAX_ITEMS = 2000


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    column: str
    title: str
    element: str
    part: str


@dataclass(frozen=True, slots=True)
class Element:
    id: str
    title: str
    part: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Part:
    id: str
    title: str
    elements: tuple[Element, ...]


@dataclass(frozen=True, slots=True)
class Scale:
    min: int
    max: int
    satisfied: frozenset[int]
    missing: frozenset[str]  # as cell text, normalised (see :func:`cell_key`)
    labels: dict[int, str]
    missing_shown: tuple[str, ...] = ()  # as the definition writes them

    def values(self) -> range:
        return range(self.min, self.max + 1)


@dataclass(frozen=True, slots=True)
class Methods:
    """The method of each level: ``mean`` (of the level below: an element of its item rates, a part of its
    elements, the overall index of the parts) or ``pooled`` (every answer of the level's items taken
    together, whatever the levels below use)."""

    element: str = "mean"
    part: str = "mean"
    overall: str = "mean"

    def of(self, level: str) -> str:
        return str(getattr(self, level))

    @property
    def uniform(self) -> str | None:
        """The one method of every level, or None when the levels differ."""
        return self.element if self.element == self.part == self.overall else None


@dataclass(frozen=True, slots=True)
class Definition:
    file: str
    sha256: str
    id: str
    title: str
    title_en: str | None
    framework: str
    unit_column: str
    units: dict[str, str] | None
    scale: Scale
    method: Methods
    measure: str
    parts: tuple[Part, ...]
    targets: dict[str, tuple[str, tuple[int, int]]]  # key → (leaf id, (line, col) of the value)

    @property
    def elements(self) -> list[Element]:
        return [e for p in self.parts for e in p.elements]

    @property
    def items(self) -> list[Item]:
        return [i for e in self.elements for i in e.items]

    def label(self, lang: str) -> str:
        return (self.title_en or self.title) if lang == "en" else self.title


def cell_key(text: str) -> str:
    """A cell's text as answers are matched: NFC, spaces at both ends removed, case folded."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.strip().casefold()


def code_key(text: str) -> str:
    """A unit code as it is matched: NFC, spaces at both ends removed (case kept)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.strip()


def _whole(value: Any) -> int | None:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return None


def _shown(value: Any) -> str:
    """A value of the file as a message quotes it: a number as written, not as Python's Decimal."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return value if isinstance(value, str) else str(value)


def _code_text(value: Any) -> str | None:
    """A missing code or label key as cell text: a whole number or a string."""
    number = _whole(value)
    if number is not None:
        return str(number)
    if isinstance(value, str) and value.strip():
        return value
    return None


class _Checker:
    def __init__(self, doc):
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path, message: str, key: bool = False) -> None:
        self.problems.append(self.doc.problem(tuple(path), message, key=key))

    def mapping(self, value, path, keys: tuple[str, ...], required: tuple[str, ...], what: str) -> dict | None:
        if not isinstance(value, dict):
            self.add(path, tr("{what} is a mapping of keys ({keys})", what=what, keys=", ".join(required)))
            return None
        for k in value:
            if k not in keys:
                self.add((*path, k), tr("unknown key {key!r} in {what}; the keys are {keys}", key=k, what=what,
                                        keys=", ".join(keys)), key=True)
        for k in required:
            if k not in value:
                self.add(path, tr("{what} lacks the key {key!r}", what=what, key=k))
        return value

    def text(self, value, path, what: str) -> str | None:
        if isinstance(value, bool) or value is None:
            self.add(path, tr("{what} is text", what=what))
            return None
        if isinstance(value, Decimal):
            value = format(value, "f") if _whole(value) is not None else None
            if value is None:
                self.add(path, tr("{what} is text", what=what))
                return None
        if not isinstance(value, str) or not value.strip():
            self.add(path, tr("{what} is text", what=what))
            return None
        if not value.isprintable():
            self.add(path, tr("{what} holds a control character", what=what))
            return None
        return value.strip()


def read_definition(doc) -> Definition:
    """The checked definition of a loaded YAML document (:class:`parcli.inputs.yaml.Document`);
    :class:`InputError` with every problem found."""
    c = _Checker(doc)
    data = c.mapping(doc.data, (), _TOP, _REQUIRED, tr("a survey definition"))
    if data is None:
        raise InputError(tr("invalid survey definition"), c.problems)
    if "schema" in data and data["schema"] != SURVEY_SCHEMA:
        c.add(("schema",), tr("schema is {expected!r} for a survey definition", expected=SURVEY_SCHEMA))
    ident = c.text(data.get("id"), ("id",), "id") if "id" in data else None
    title = c.text(data.get("title"), ("title",), "title") if "title" in data else None
    title_en = c.text(data.get("title_en"), ("title_en",), "title_en") if "title_en" in data else None
    framework = c.text(data.get("framework"), ("framework",), "framework") if "framework" in data else None
    unit_column = c.text(data.get("unit"), ("unit",), "unit") if "unit" in data else None
    units = _units(c, data["units"]) if "units" in data else None
    scale = _scale(c, data[SCALE], data.get("measure", "share")) if SCALE in data else None
    method = _methods(c, data["method"]) if "method" in data else Methods()
    measure = _choice(c, data.get("measure", "share"), ("measure",), MEASURES)
    parts = _parts(c, data["parts"], unit_column) if "parts" in data else ()
    targets = _targets(c, data["targets"], parts) if "targets" in data else {}
    if c.problems:
        raise InputError(tr("invalid survey definition"), c.problems)
    assert ident and title and framework and unit_column and scale  # noqa: S101 - every problem was raised above
    return Definition(doc.file, doc.sha256, ident, title, title_en, framework, unit_column, units, scale, method,
                      measure, parts, targets)


def _choice(c: _Checker, value, path, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        c.add(path, tr("{key} is one of {allowed}, got {value!r}", key=path[-1], allowed=" | ".join(allowed),
                       value=_shown(value)))
        return allowed[0]
    return value


def _methods(c: _Checker, value) -> Methods:
    """``method: mean|pooled`` (every level) or ``method: {element: .., part: .., overall: ..}`` (a level left
    out: mean)."""
    if not isinstance(value, dict):
        if value not in METHODS:
            c.add(("method",), tr("method is one of {allowed} (every level), or a mapping of levels ({levels}) to "
                                  "one of them, got {value!r}", allowed=" | ".join(METHODS),
                                  levels=", ".join(LEVELS), value=_shown(value)))
            return Methods()
        return Methods(value, value, value)
    chosen: dict[str, str] = {}
    for level, method in value.items():
        if level not in LEVELS:
            c.add(("method", level), tr("{level!r} is not a level of the survey's method; the levels are {levels} "
                                        "(an item is always a rate)", level=level, levels=", ".join(LEVELS)),
                  key=True)
        elif method not in METHODS:
            c.add(("method", level), tr("the method of the {level} level is one of {allowed}, got {value!r}",
                                        level=level, allowed=" | ".join(METHODS), value=_shown(method)))
        else:
            chosen[level] = method
    return Methods(**chosen)


def _units(c: _Checker, value) -> dict[str, str] | None:
    if not isinstance(value, dict) or not value:
        c.add(("units",), tr("units maps each unit code to its name, e.g. {{SNV: Sở Nội vụ}}"))
        return None
    out = {}
    for code, name in value.items():
        if not code.strip() or not code.isprintable():
            c.add(("units", code), tr("a unit code is printable text"), key=True)
            continue
        text = c.text(name, ("units", code), tr("the name of unit {code}", code=code))
        key = code_key(code)
        if key in out:
            c.add(("units", code), tr("the unit code {code!r} is given twice", code=key), key=True)
        out[key] = text or ""
    return out


def _scale(c: _Checker, value, measure) -> Scale | None:
    data = c.mapping(value, ("scale",), ("min", "max", "satisfied", "missing", "labels"), ("min", "max"),
                     "scale")
    if data is None:
        return None
    low = _whole(data.get("min"))
    high = _whole(data.get("max"))
    if "min" in data and low is None:
        c.add(("scale", "min"), tr("min is a whole number, e.g. 1"))
    if "max" in data and high is None:
        c.add(("scale", "max"), tr("max is a whole number, e.g. 5"))
    if low is None or high is None:
        return None
    if not -1000 <= low < high <= 1000:
        c.add(("scale", "max"), tr("the scale goes from min to a greater max, within -1000 to 1000 (got {low} to "
                                   "{high})", low=low, high=high))
        return None
    satisfied: set[int] = set()
    if "satisfied" in data:
        raw = data["satisfied"]
        if not isinstance(raw, list) or not raw:
            c.add(("scale", "satisfied"), tr("satisfied is a list of answers, e.g. [4, 5]"))
        else:
            for i, v in enumerate(raw):
                number = _whole(v)
                if number is None or not low <= number <= high:
                    c.add(("scale", "satisfied", i), tr("a satisfied answer is on the scale {low} to {high}, got "
                                                        "{value}", low=low, high=high, value=_shown(v)))
                elif number in satisfied:
                    c.add(("scale", "satisfied", i), tr("the answer {value} is listed twice", value=number))
                else:
                    satisfied.add(number)
            if len(satisfied) == high - low + 1:
                c.add(("scale", "satisfied"), tr("every answer of the scale counts as satisfied: the share would "
                                                 "always be 100"))
    elif measure == "share":
        c.add(("scale",), tr("scale lacks the key 'satisfied' (the answers that count as satisfied, e.g. [4, 5]), "
                             "which measure: share needs"))
    labels: dict[int, str] = {}
    seen_labels: dict[str, int] = {}
    if "labels" in data:
        raw = data["labels"]
        if not isinstance(raw, dict):
            c.add(("scale", "labels"), tr("labels maps answers to their words, e.g. {{1: Rất không hài lòng}}"))
        else:
            for k, v in raw.items():
                number = _whole(Decimal(k)) if k.lstrip("-").isdigit() else None
                if number is None or not low <= number <= high:
                    c.add(("scale", "labels", k), tr("a label belongs to an answer on the scale {low} to {high}, "
                                                     "got {value!r}", low=low, high=high, value=k), key=True)
                    continue
                text = c.text(v, ("scale", "labels", k), tr("the label of {value}", value=number))
                if text is None:
                    continue
                if cell_key(text) in seen_labels:
                    c.add(("scale", "labels", k), tr("the label {label!r} is given to two answers", label=text))
                seen_labels[cell_key(text)] = number
                labels[number] = text
    missing: set[str] = set()
    shown: list[str] = []
    if "missing" in data:
        raw = data["missing"]
        if not isinstance(raw, list):
            raw = [raw]
        for i, v in enumerate(raw):
            text = _code_text(v)
            path = ("scale", "missing", i) if isinstance(data["missing"], list) else ("scale", "missing")
            if text is None:
                c.add(path, tr("a missing code is a whole number or text, got {value!r}", value=_shown(v)))
                continue
            number = _whole(v)
            if number is not None and low <= number <= high:
                c.add(path, tr("the missing code {value} is an answer of the scale {low} to {high}", value=number,
                               low=low, high=high))
            elif cell_key(text) in seen_labels:
                c.add(path, tr("the missing code {value!r} is the label of an answer", value=text))
            if cell_key(text) not in missing:
                shown.append(text)
            missing.add(cell_key(text))
    return Scale(low, high, frozenset(satisfied), frozenset(missing), labels, tuple(shown))


def _parts(c: _Checker, value, unit_column: str | None) -> tuple[Part, ...]:
    if not isinstance(value, list) or not value:
        c.add(("parts",), tr("parts is a list of parts, each with id, title and elements"))
        return ()
    ids: dict[str, tuple] = {}
    item_ids: dict[str, tuple] = {}
    columns: dict[str, tuple] = {}
    parts = []
    count = 0

    def unique(seen: dict, key: str, path: tuple, what: str) -> None:
        if key in seen:
            line, col = c.doc.locate(seen[key])
            c.add(path, tr("the {what} {id!r} is given twice (first at line {line})", what=what, id=key, line=line))
        else:
            seen[key] = path

    def group(raw, path: tuple, what: str, children: str, children_message: str, overall_message: str):
        """A part or an element: its checked id and title, and its raw children (elements or items)."""
        node = c.mapping(raw, path, ("id", "title", "title_en", children), ("id", "title", children), what)
        if node is None:
            return None, None, []
        ident = c.text(node.get("id"), (*path, "id"), "id") if "id" in node else None
        title = c.text(node.get("title"), (*path, "title"), "title") if "title" in node else None
        if ident == OVERALL:
            c.add((*path, "id"), overall_message)
        elif ident:
            unique(ids, ident, (*path, "id"), trp("survey", "part or element id"))
        below = node.get(children)
        if children in node and (not isinstance(below, list) or not below):
            c.add((*path, children), children_message)
            below = []
        return ident, title, below or []

    for p, raw_part in enumerate(value):
        ppath = ("parts", p)
        pid, ptitle, raw_elements = group(
            raw_part, ppath, trp("survey", "a part"), "elements",
            tr("elements is a list of elements, each with id, title and items"),
            tr("{id!r} names the overall index; give the part another id", id=OVERALL))
        elements = []
        for e, raw_element in enumerate(raw_elements):
            epath = (*ppath, "elements", e)
            eid, etitle, raw_items = group(
                raw_element, epath, trp("survey", "an element"), "items",
                tr("items is a list of questions, each {{id, column, title}}"),
                tr("{id!r} names the overall index; give the element another id", id=OVERALL))
            items = []
            for i, raw_item in enumerate(raw_items):
                ipath = (*epath, "items", i)
                if isinstance(raw_item, str):
                    raw_item = {"id": raw_item}
                item = c.mapping(raw_item, ipath, ("id", "column", "title", "title_en"), ("id",),
                                 trp("survey", "an item"))
                if item is None:
                    continue
                iid = c.text(item.get("id"), (*ipath, "id"), "id") if "id" in item else None
                column = (c.text(item.get("column"), (*ipath, "column"), "column") if "column" in item else iid)
                ititle = (c.text(item.get("title"), (*ipath, "title"), "title") if "title" in item else column)
                if iid:
                    unique(item_ids, iid, (*ipath, "id"), trp("survey", "item id"))
                if column:
                    where = (*ipath, "column") if "column" in item else (*ipath, "id")
                    if unit_column is not None and column == unit_column:
                        c.add(where, tr("the column {column!r} is the unit's column", column=column))
                    unique(columns, column, where, trp("survey", "column"))
                count += 1
                if iid and column and eid and pid:
                    items.append(Item(iid, column, ititle or column, eid, pid))
            if eid and etitle:
                elements.append(Element(eid, etitle, pid or "", tuple(items)))
        if pid and ptitle:
            parts.append(Part(pid, ptitle, tuple(elements)))
    if count > MAX_ITEMS:
        c.add(("parts",), tr("the survey has {count} items; parcli reads at most {limit}", count=count,
                             limit=MAX_ITEMS))
    return tuple(parts)


def _targets(c: _Checker, value, parts: tuple[Part, ...]) -> dict[str, tuple[str, tuple[int, int]]]:
    if not isinstance(value, dict):
        c.add(("targets",), tr("targets maps overall, a part id or an element id to a leaf of the framework, e.g. "
                               "{{overall: \"3.3.1\"}}"))
        return {}
    known = {OVERALL} | {p.id for p in parts} | {e.id for p in parts for e in p.elements}
    out = {}
    for key, leaf in value.items():
        if key not in known:
            c.add(("targets", key), tr("{key!r} is not overall, a part or an element of this survey", key=key),
                  key=True)
            continue
        if isinstance(leaf, Decimal) and _whole(leaf) is None:  # 3.1 unquoted: YAML read a number
            c.add(("targets", key), tr("the target leaf of {key} is written as the number {value}; a leaf id is "
                                       "text: write it in quotes, {key}: \"{value}\"", key=key, value=_shown(leaf)))
            continue
        text = c.text(leaf, ("targets", key), tr("the target leaf of {key}", key=key))
        if text is not None:
            out[key] = (text, c.doc.locate(("targets", key)))
    return out


def partial_targets(doc) -> tuple[str | None, dict[str, tuple[str, tuple[int, int]]]]:
    """The framework and the targets a definition names, read as far as they can be when other keys of it have
    problems (:func:`read_definition` says those): so that the targets' leaves are checked in the same run."""
    c = _Checker(doc)
    data = doc.data
    if not isinstance(data, dict) or "targets" not in data:
        return None, {}
    framework = c.text(data.get("framework"), ("framework",), "framework") if "framework" in data else None
    unit_column = c.text(data.get("unit"), ("unit",), "unit") if "unit" in data else None
    parts = _parts(c, data["parts"], unit_column) if "parts" in data else ()
    return framework, _targets(c, data["targets"], parts)


def check_targets(definition: Definition, fw) -> list[Problem]:
    """Problems of the targets against the framework they name: a leaf that is not in it, that is not a
    leaf, or whose rule does not take a percent; the same leaf named twice."""
    return target_problems(definition.file, definition.targets, fw)


def target_problems(file: str, targets: dict[str, tuple[str, tuple[int, int]]], fw) -> list[Problem]:
    """:func:`check_targets` of targets read from ``file``."""
    problems = []
    seen: dict[str, str] = {}
    for key, (leaf_id, (line, col)) in targets.items():
        node = fw.nodes.get(leaf_id)
        if node is None:
            near = fw.nearest(leaf_id)
            hint = tr("; did you mean {ids}?", ids=", ".join(near)) if near else ""
            problems.append(Problem(file, line, col, tr(
                "{leaf}: no such node in the framework {framework}", leaf=leaf_id, framework=fw.id) + hint))
        elif not node.is_leaf:
            problems.append(Problem(file, line, col, tr(
                "{leaf} is not a leaf of {framework} (it has sub-criteria); name the leaf that takes the survey's "
                "percent", leaf=leaf_id, framework=fw.id)))
        elif node.rule.measure != "percent":
            problems.append(Problem(file, line, col, tr(
                "{leaf} ({title}) does not take a percent, so the survey's index cannot be written into it; "
                "target a leaf whose rule takes {{percent: }} (e.g. kind: linear)", leaf=leaf_id,
                title=node.title)))
        elif leaf_id in seen:
            problems.append(Problem(file, line, col, tr(
                "{leaf} is the target of {one} already", leaf=leaf_id, one=seen[leaf_id])))
        seen.setdefault(leaf_id, key)
    return problems
