"""What every rule kind shares: the evidence a leaf holds, the contract of a rule kind
(:class:`RuleBase`, an abstract base class), the registry of kinds, and the parsing of one
evidence value against a rule.

A rule kind is one module of ``parcli/rules/``: a frozen dataclass (its YAML shape) subclassing
:class:`RuleBase` and registered with :func:`register`, which refuses a kind that does not declare
all of the contract (see :class:`RuleBase`). Nothing outside ``parcli/rules/`` names a kind: the
engine, the planner, the form and the reports ask the rule (``rule.TAKES_POINTS``,
``rule.PLAN_HOLD``, ``rule.form_cell()``, ``rule.label(lang)`` ...).
"""

from __future__ import annotations

import abc
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from ..hints import curly_hint, number_text_hint
from ..i18n import N_, NC_, text, tr
from ..inputs.yaml import is_yaml11_bool
from ..values import describe_value

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# Computed points are kept exactly when they have at most 12 decimal places, else rounded
# half-up at 12 (e.g. 1.5 × 60/78): every sum of points is then exact.
POINT_PLACES = 12
POINT_STEP = Decimal(1).scaleb(-POINT_PLACES)


def settle(points: Decimal) -> Decimal:
    """Points as the engine keeps them (rounded half-up at 12 places when they do not end)."""
    exponent = points.as_tuple().exponent  # "n", "N", "F" for NaN and infinity: left as they are
    if isinstance(exponent, int) and exponent < -POINT_PLACES:
        return points.quantize(POINT_STEP, ROUND_HALF_UP)
    return points


def up_to_cent(value: Decimal) -> Decimal:
    """The least number of 2 decimals not below ``value``."""
    return value.quantize(CENT, ROUND_CEILING)


def whole_up(value: Decimal) -> Decimal:
    return value.to_integral_value(ROUND_CEILING)

# A leaf with more points levels than this (``each: 0.000001`` of a max of 10) plans as one
# continuous step (:meth:`RuleBase.least` gives the least count), so a plan never lists millions.
MANY_STEPS = 1000

# A problem found in a rule or an evidence value: (path below it, message).
Found = list[tuple[tuple, str]]


@dataclass(slots=True)
class Evidence:
    """One leaf's (or node's) evidence, checked against its rule."""

    form: str | None = None  # bool | option | percent | ratio | count | value | None (no measured value)
    amount: Any = None  # bool, option key, or Decimal (a ratio's percent)
    done: Decimal | None = None
    of: Decimal | None = None
    points: Decimal | None = None  # an appraiser's points (manual, or an override)
    claimed: Decimal | None = None
    note: str | None = None
    documents: tuple[str, ...] = ()
    na: bool = False

    def ratio(self) -> tuple[Decimal, Decimal]:
        """A ratio's done and of (evidence of the form "ratio" has both)."""
        if self.done is None or self.of is None:
            raise ValueError(f"evidence of the form {self.form!r} is not a ratio")
        return self.done, self.of


@dataclass(frozen=True, slots=True)
class Step:
    """A change of a leaf's evidence that reaches a higher points level (``parcli plan``).

    ``continuous``: the kind takes any value up to this step (linear, scale, manual); its
    :meth:`RuleBase.least` gives the least evidence for fewer points."""

    evidence: Evidence
    points: Decimal
    continuous: bool = False


# The evidence forms of each measure, and how a unit file writes them.
FORMS_OF_MEASURE: dict[str | None, tuple[str, ...]] = {
    "percent": ("percent", "ratio"),
    "count": ("count",),
    "value": ("value",),
}
FORM_TEXT = {
    "bool": "true or false",
    "percent": "{percent: }",
    "ratio": "{done: , of: }",
    "count": "{count: }",
    "value": "{value: }",
}
def form_text(form: str) -> str:
    """An evidence form as a message writes it (``true or false`` is in the current language)."""
    return tr("true or false") if form == "bool" else FORM_TEXT[form]


# What a measure is, in a message ("this leaf is a rate: give …").
MEASURE_WORD = {"percent": N_("a rate"), "count": N_("a count"), "value": N_("a value")}
# The unit a person reads beside a measure (template, explain, form); "%" is the same in both languages.
MEASURE_UNIT = {"percent": None, "count": NC_("measure unit", "count"), "value": NC_("measure unit", "value")}
# What the value cell of a leaf's row in a form (DESIGN §9) takes, and so its data validation and how
# the form's reader reads it: yes/no (a list), one option (a list of the options' titles), the points
# themselves (0 to max), or a number of the rule's measure (its range: value_bounds()).
CELLS = ("bool", "option", "points", "percent", "count", "value")
KIND_CONTEXT = "rule kind"  # the catalogue's context of every kind's LABEL


class RuleBase(abc.ABC):
    """The contract of a rule kind. A kind is a frozen dataclass (``@dataclass(frozen=True,
    kw_only=True)``) with a ``kind`` Literal field (its id) and its YAML shape as the other fields.
    Its annotations may name ``Num``, ``NonEmpty`` and ``WithJsonSchema`` as text: pydantic
    resolves them when a framework file is validated (:func:`parcli.shapes.bind_rule_shapes`);
    scoring imports no pydantic.

    Declared by every kind (:func:`register` refuses a kind without one):

    - ``ORDER``: where it stands when kinds are listed (messages, tables, the schema);
    - ``measure``: ``percent``, ``count``, ``value`` or ``None`` (the kind of number its evidence is;
      a class variable, or a field where the framework names it);
    - ``LABEL``: its name for people, an English message with the context ``"rule kind"``
      (``NC_("rule kind", "yes/no")``), its Vietnamese in the catalogue;
    - ``WORDS``: the rule in words, an English template (``N_(...)``) filled with ``{max}`` and
      :meth:`word_values` (or :meth:`describe` overridden), its Vietnamese in the catalogue;
    - ``EXAMPLE``: a rule of this kind for a leaf of max 1 (YAML), and :meth:`sample` random evidence
      for it (the registry's tests and the benchmarks use both);
    - :meth:`scorer` and :meth:`reason` (abstract): the points, and why, from the same selection.

    With defaults a kind may change: :meth:`check` (framework checks), :meth:`scalar`,
    :meth:`forms`, :meth:`value_bounds` (the evidence it takes), :meth:`form_cell` (one of
    :data:`CELLS`), :meth:`form_hint` (templates), :meth:`steps` / :meth:`least` (plan steps),
    ``TAKES_POINTS`` (given points are its evidence, scored as such, not an override of computed
    points), ``PLAN_HOLD`` (a plan leaves its leaves alone unless ``--all-sources``: the reason's code
    in plan files, with ``HOLD_WORDS`` for people).
    """

    REQUIRED: ClassVar[tuple[str, ...]] = ("ORDER", "measure", "LABEL", "WORDS", "EXAMPLE")
    ORDER: ClassVar[int]
    LABEL: ClassVar[str]
    WORDS: ClassVar[str]
    EXAMPLE: ClassVar[str]
    TAKES_POINTS: ClassVar[bool] = False
    PLAN_HOLD: ClassVar[str | None] = None
    HOLD_WORDS: ClassVar[str | None] = None  # NC_("why not planned", ...), with PLAN_HOLD

    if TYPE_CHECKING:  # declared by each kind (a dataclass field or a class variable), for the type checker
        @property
        def kind(self) -> str: ...

        @property
        def measure(self) -> str | None: ...

    @staticmethod
    @abc.abstractmethod
    def sample(rnd) -> str:
        """Random valid evidence (YAML) for :data:`EXAMPLE` (``rnd``: a :class:`random.Random`)."""

    @abc.abstractmethod
    def scorer(self, leaf_max: Decimal) -> Callable[[Evidence], Decimal]:
        """The rule compiled once per framework: evidence -> points."""

    @abc.abstractmethod
    def reason(self, leaf_max: Decimal, ev: Evidence) -> str:
        """Why a leaf got its points, from the same selection as the points (English, as JSON keeps it)."""

    def label(self, lang: str | None = None) -> str:
        """The kind's name for people in ``lang`` (default: the current language)."""
        return text(self.LABEL, lang, KIND_CONTEXT)

    # -- evidence -----------------------------------------------------------

    def scalar(self, raw: Any) -> tuple[Evidence | None, Found]:
        """A scalar evidence value (true/false, an option key); most kinds take none."""
        what = "true/false" if isinstance(raw, bool) else describe_value(raw)
        return None, [((), tr("{what} does not fit a {kind} rule; give {expected}", what=what, kind=self.kind,
                              expected=self.expected()))]

    def value_bounds(self) -> tuple[Decimal | None, Decimal | None]:
        """The range of ``{value: }`` for kinds measured as a value."""
        return None, None

    def forms(self) -> tuple[str, ...]:
        """The evidence forms (besides points and na) this rule takes."""
        return FORMS_OF_MEASURE.get(self.measure, ())

    def expected(self) -> str:
        """Every form a value of this rule may take, for messages."""
        forms = [form_text(f) for f in self.forms()]
        forms.append(tr("{{points: }} to override"))
        forms.append("{na: true}")
        return tr(" or ").join(forms)

    def form_hint(self, lang: str = "vi") -> str:
        """The value form a unit file takes for this rule, for templates."""
        return " | ".join(FORM_TEXT[f] for f in self.forms())

    def form_cell(self) -> str:
        """What the value cell of this rule's row in a form (DESIGN §9) takes: ``bool`` (yes/no),
        ``option`` (one option), ``points`` (the points themselves), or the rule's measure; a kind
        without a measure says which."""
        if self.measure is None:
            raise TypeError(f"the rule kind {self.kind!r} has no measure: it must say its form cell (form_cell)")
        return self.measure

    def unit(self, lang: str) -> str:
        """The unit of the measure a person reads (%, số lượng, điểm/5); empty when none."""
        if self.measure == "percent":
            return "%"
        word = MEASURE_UNIT.get(self.measure or "")
        return text(word, lang if lang in ("vi", "en") else "vi", "measure unit") if word else ""

    # -- plan steps (parcli plan) ----------------------------------------------

    def points_of(self, leaf_max: Decimal, ev: Evidence) -> Decimal:
        """The points this evidence gets, exactly as the engine computes them."""
        return settle(self.scorer(leaf_max)(ev))

    def steps(self, leaf_max: Decimal, ev: Evidence | None, points: Decimal) -> list[Step]:
        """Every higher points level this leaf can reach from ``ev`` (now worth ``points``), each with
        the least evidence that reaches it, lowest first. Kinds override it."""
        return []

    def least(self, leaf_max: Decimal, ev: Evidence | None, points: Decimal) -> Step | None:
        """For continuous kinds: the least evidence worth at least ``points`` (None when none is)."""
        return None

    # -- framework checks -----------------------------------------------------

    def check(self, leaf_max: Decimal) -> Found:
        """Problems of the rule itself, as (path below ``rule``, message)."""
        return []

    # -- points -------------------------------------------------------------

    def describe(self, leaf_max: Decimal, lang: str = "vi", fmt: Callable[[Decimal], str] = str) -> str:
        """The rule in words, in ``lang``."""
        words = text(self.WORDS, lang if lang in ("vi", "en") else "vi")
        return words.format(max=fmt(leaf_max), **{k: fmt(v) for k, v in self.word_values().items()})

    def word_values(self) -> dict[str, Decimal]:
        return {}


REGISTRY: dict[str, type[RuleBase]] = {}


_KIND_LITERAL = re.compile(r"""Literal\[["'](\w+)["']\]""")


def register(cls: type[RuleBase]) -> type[RuleBase]:
    """Register a rule kind under the value of its ``kind`` literal; a kind that does not declare the
    whole contract of :class:`RuleBase` is refused (TypeError naming what it lacks)."""
    fields = getattr(cls, "__dataclass_fields__", {})
    found = _KIND_LITERAL.fullmatch(str(fields["kind"].type)) if "kind" in fields else None
    if found is None:
        raise TypeError(f"{cls.__name__}: a rule kind is a dataclass with a field kind: Literal[\"its_id\"]")
    kind = found.group(1)
    lacking = [name for name in RuleBase.REQUIRED if not hasattr(cls, name) and name not in fields]
    lacking += sorted(getattr(cls, "__abstractmethods__", ()))
    if cls.PLAN_HOLD is not None and cls.HOLD_WORDS is None:
        lacking.append("HOLD_WORDS")
    if lacking:
        raise TypeError(f"rule kind {kind!r} does not declare {', '.join(lacking)} (see parcli.rules.base.RuleBase)")
    if kind in REGISTRY:
        raise ValueError(f"rule kind {kind!r} registered twice")
    REGISTRY[kind] = cls
    return cls


# --- one evidence value ------------------------------------------------------

_NO_PROBLEMS: Found = []  # shared and never appended to: callers only read it
_KEYS = ("percent", "done", "of", "count", "value", "points", "na", "claimed", "note", "documents")
_KEYSET = frozenset(_KEYS)
_AUX = frozenset(("note", "documents", "claimed", "na"))
_MEASURE_KEYS = ("percent", "done", "count", "value")


def parse_evidence(rule: RuleBase, leaf_max: Decimal, raw: Any) -> tuple[Evidence | None, Found]:
    """Check one leaf's raw value against its rule.

    Returns the evidence (``None`` when the value is empty: missing) and a list
    of problems as ``(path within the value, message)``.
    """
    cls = raw.__class__
    if cls is Evidence:  # already checked against this rule by its reader (a form's cells)
        return raw, _NO_PROBLEMS
    if cls is dict:
        if len(raw) <= 2:
            fast = _fast_mapping(rule, leaf_max, raw)
            if fast is not None:
                return fast, _NO_PROBLEMS
        return _mapping(rule, leaf_max, raw)
    if raw is None:
        return None, _NO_PROBLEMS
    if cls is bool:
        return rule.scalar(raw)
    if cls is str:
        if is_yaml11_bool(raw) and "bool" in rule.forms():
            return None, [((), tr("{value!r} is not a boolean in YAML 1.2; write true or false", value=raw))]
        ev, found = rule.scalar(raw)
        if found and _looks_numeric(raw):
            hint = number_text_hint(raw)
            found = [(p, hint if hint else msg + tr("; a number must be written without quotes"))
                     for p, msg in found]
        elif found:
            found = [(p, msg + curly_hint(raw)) for p, msg in found]
        return ev, found
    if cls is Decimal:
        return None, [((), tr("a bare number does not say what it counts; give {expected}", expected=rule.expected()))]
    return None, [((), tr("expected {expected}, got {what}", expected=rule.expected(), what=describe_value(raw)))]


def _looks_numeric(text: str) -> bool:
    try:
        Decimal(text.strip().rstrip("%"))
    except Exception:
        return False
    return True


def _fast_mapping(rule: RuleBase, leaf_max: Decimal, raw: dict) -> Evidence | None:
    """The common, valid one-measure forms, checked quickly; None sends the value to the full check."""
    measure = rule.measure
    if len(raw) == 2:
        done = raw.get("done")
        of = raw.get("of")
        if (done.__class__ is Decimal and of.__class__ is Decimal and measure == "percent"
                and 0 <= done <= of and of > 0):
            return Evidence("ratio", done * HUNDRED / of, done, of)
        return None
    ((key, v),) = raw.items()
    if v.__class__ is not Decimal:
        return None
    if key == "points":
        return Evidence(points=v) if 0 <= v <= leaf_max else None
    if key != measure:
        return None
    if key == "percent":
        return Evidence("percent", v) if 0 <= v <= HUNDRED else None
    if key == "count":
        return Evidence("count", v) if v >= 0 and v == v.to_integral_value() else None
    low, high = rule.value_bounds()
    if (low is not None and v < low) or (high is not None and v > high):
        return None
    return Evidence("value", v)


def _num(raw: dict, key: str, problems: Found, *, low=None, high=None, whole=False) -> Decimal | None:
    v = raw[key]
    if v.__class__ is not Decimal:
        hint = number_text_hint(v)
        if hint:
            problems.append(((key,), f"{key}: {hint}"))
            return None
        if isinstance(v, str) and _looks_numeric(v):
            problems.append(((key,), f"{key}: " + tr("{value!r} is text; write the number without quotes", value=v)))
            return None
        if is_yaml11_bool(v):
            problems.append(((key,), f"{key}: " + tr("{value!r} is not a number (yes/no/on/off are not booleans "
                                                     "or numbers here)", value=v)))
            return None
        problems.append(((key,), f"{key}: " + tr("expected a number, got {what}", what=describe_value(v))))
        return None
    if whole and v != v.to_integral_value():
        problems.append(((key,), f"{key}: " + tr("a count is a whole number, got {value}", value=v)))
        return None
    if low is not None and v < low:
        problems.append(((key,), f"{key}: " + tr("{value} is below {low}", value=v, low=low)))
        return None
    if high is not None and v > high:
        problems.append(((key,), f"{key}: " + tr("{value} is above {high}", value=v, high=high)))
        return None
    return v


def _mapping(rule: RuleBase, leaf_max: Decimal, raw: dict) -> tuple[Evidence | None, Found]:
    problems: Found = []
    keys = raw.keys()
    unknown = keys - _KEYSET
    if unknown:
        return None, [_unknown_key(raw, key) for key in raw if key in unknown]
    ev = Evidence()
    if not keys.isdisjoint(_AUX):
        if "note" in raw:
            if raw["note"] is not None and not isinstance(raw["note"], str):
                problems.append((("note",), "note: " + tr("expected text; put it in quotes")))
            else:
                ev.note = raw["note"]
        if "documents" in raw:
            docs = raw["documents"]
            if isinstance(docs, str):
                ev.documents = (docs,)
            elif isinstance(docs, list) and all(isinstance(d, str) for d in docs):
                ev.documents = tuple(docs)
            elif docs is not None:
                problems.append((("documents",), "documents: " + tr("expected text or a list of texts")))
        if "claimed" in raw:
            ev.claimed = _num(raw, "claimed", problems, low=ZERO, high=leaf_max)
        if "na" in raw:
            na = raw["na"]
            if not isinstance(na, bool):
                problems.append((("na",), "na: " + tr("expected true or false, got {what}", what=describe_value(na))))
            elif na:
                others = [k for k in raw if k not in ("na", "note", "documents")]
                if others:
                    problems.append(((others[0],), tr("a not-applicable leaf takes no {key!r}; remove it or remove na",
                                                      key=others[0])))
                ev.na = True
                return (None if problems else ev), problems
    measures = [k for k in _MEASURE_KEYS if k in raw]
    if "of" in raw and "done" not in raw:
        problems.append((("of",), "of: " + tr("a ratio needs both done and of")))
    if "done" in raw and "of" not in raw:
        problems.append((("done",), "done: " + tr("a ratio needs both done and of")))
    if len(measures) > 1:
        problems.append(((measures[1],), tr("give one measure, not both {one!r} and {other!r}",
                                            one=measures[0], other=measures[1])))
    if problems:
        return None, problems
    if measures:
        key = measures[0]
        form = "ratio" if key == "done" else key
        if form == "value" and rule.measure is None:
            # the mapping form of a scalar (yes_no, choice), so that claimed/note can go with it
            sub, found = rule.scalar(raw["value"])
            if found or sub is None:
                return None, [(("value",) + p, "value: " + msg) for p, msg in found]
            if sub.form == "value":  # a number that stands for points (manual): within the leaf's max
                if _num(raw, "value", problems, low=ZERO, high=leaf_max) is None:
                    return None, problems
            ev.form, ev.amount = sub.form, sub.amount
        elif form not in rule.forms():
            return None, [((key,), _wrong_measure(rule, form))]
        elif form == "percent":
            ev.form, ev.amount = "percent", _num(raw, "percent", problems, low=ZERO, high=HUNDRED)
        elif form == "ratio":
            done = _num(raw, "done", problems, low=ZERO)
            of = _num(raw, "of", problems)
            if of is not None and of <= 0:
                problems.append((("of",), "of: " + tr("must be above 0, got {value}", value=of)))
            elif done is not None and of is not None:
                if done > of:
                    problems.append((("done",), tr("done ({done}) is more than of ({of})", done=done, of=of)))
                else:
                    ev.form, ev.done, ev.of = "ratio", done, of
                    ev.amount = done * HUNDRED / of
        elif form == "count":
            ev.form, ev.amount = "count", _num(raw, "count", problems, low=ZERO, whole=True)
        else:
            low, high = rule.value_bounds()
            ev.form, ev.amount = "value", _num(raw, "value", problems, low=low, high=high)
    if "points" in raw:
        ev.points = _num(raw, "points", problems, low=ZERO, high=leaf_max)
    return (None if problems else ev), problems


def _unknown_key(raw: dict, key: str) -> tuple[tuple, str]:
    """An unknown key (where it is, message), with the decimal-comma hint where ``{percent: 97,3}``
    split a number in two (then it points at the number)."""
    keys = list(raw)
    before = keys[keys.index(key) - 1] if keys.index(key) else None
    if key.isdigit() and raw[key] is None and before is not None and raw[before].__class__ is Decimal:
        return (before,), f"{before}: " + tr("{value!r} has a decimal comma; write {number} (numbers take a "
                                             "decimal point)", value=f"{raw[before]},{key}",
                                             number=f"{raw[before]}.{key}")
    near = difflib.get_close_matches(key, _KEYS, n=1, cutoff=0.6) if isinstance(key, str) else []
    if near:
        return (key,), tr("unknown key {key!r}; did you mean {near!r}? An evidence value takes {keys}",
                          key=key, near=near[0], keys=", ".join(_KEYS))
    return (key,), tr("unknown key {key!r}; an evidence value takes {keys}", key=key, keys=", ".join(_KEYS))


def _wrong_measure(rule: RuleBase, form: str) -> str:
    given = FORM_TEXT[form]
    if rule.measure is None:
        return tr("a {kind} rule does not take {given}; give {expected}", kind=rule.kind, given=given,
                  expected=rule.expected())
    wanted = tr(" or ").join(form_text(f) for f in rule.forms())
    return tr("this leaf is {measure}: give {wanted}, not {given}", measure=tr(MEASURE_WORD[rule.measure]),
              wanted=wanted, given=given)


def num_text(value: Decimal) -> str:
    """A number as a reason writes it, the same however it was typed: 24, 24.0 and 24.00 are "24"."""
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}"


def shown(ev: Evidence) -> str:
    """A measured value as a reason shows it: "60/78 = 76.92%", "99.7%", "3"."""
    if ev.form == "ratio":
        done, of = ev.ratio()
        return f"{num_text(done)}/{num_text(of)} = {ev.amount.quantize(Decimal('0.01')):f}%"
    if ev.form == "percent":
        return f"{num_text(ev.amount)}%"
    if ev.form in ("count", "value"):
        return num_text(ev.amount)
    return f"{ev.amount}"


def check_each(each: Decimal) -> Found:
    """``each`` (points per item or per violation) must be above 0."""
    return [] if each > 0 else [(("each",), tr("each must be above 0, got {value}", value=each))]
