"""The eight rule kinds: which evidence each takes, and value → points.

Everything here is pure and exact (Decimal). :func:`parse_evidence` turns one
raw evidence value into an :class:`Evidence` or a list of ``(path, message)``
problems; :func:`scorer` compiles a rule (once per framework) into a function
from evidence to points; :func:`reason` says why a leaf got its points;
:func:`describe` says a rule in words; :func:`form_hint` shows the value form a
unit file takes for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .loader import is_yaml11_bool
from .model import describe_value

ZERO = Decimal(0)
HUNDRED = Decimal(100)

# Measures each rule kind accepts (besides `points` and `na`, which every leaf takes).
ACCEPTS: dict[str, tuple[str, ...]] = {
    "yes_no": ("bool",),
    "choice": ("option",),
    "bands": ("percent", "ratio", "count", "value"),
    "linear": ("percent", "ratio"),
    "scale": ("value",),
    "per_item": ("count",),
    "deduction": ("count",),
    "manual": (),
}

_FORMS = {
    "bool": "true or false",
    "option": "one option key",
    "percent": "{percent: }",
    "ratio": "{done: , of: }",
    "count": "{count: }",
    "value": "{value: }",
}
_KEYS = ("percent", "done", "of", "count", "value", "points", "na", "claimed", "note", "documents")


@dataclass(slots=True)
class Evidence:
    """One leaf's (or node's) evidence, checked against its rule."""

    measure: str | None = None  # bool | option | percent | ratio | count | value | None
    amount: Any = None  # bool, option key, or Decimal (a ratio's percent)
    done: Decimal | None = None
    of: Decimal | None = None
    points: Decimal | None = None  # an appraiser's points (manual, or an override)
    claimed: Decimal | None = None
    note: str | None = None
    documents: tuple[str, ...] = ()
    na: bool = False


def expected_forms(rule) -> str:
    forms = [_FORMS[m] for m in ACCEPTS[rule.kind]]
    if rule.kind == "choice":
        forms = ["one of " + ", ".join(rule.options)]
    forms.append("{points: }" if rule.kind == "manual" else "{points: } to override")
    forms.append("{na: true}")
    return " or ".join(forms)


def parse_evidence(rule, leaf_max: Decimal, raw: Any) -> tuple[Evidence | None, list[tuple[tuple, str]]]:
    """Check one leaf's raw value against its rule.

    Returns the evidence (``None`` when the value is empty: missing) and a list
    of problems as ``(path within the value, message)``.
    """
    cls = raw.__class__
    if cls is dict:
        if len(raw) <= 2:
            fast = _fast_mapping(rule, leaf_max, raw)
            if fast is not None:
                return fast, _NO_PROBLEMS
        return _mapping(rule, leaf_max, raw)
    if raw is None:
        return None, _NO_PROBLEMS
    kind = rule.kind
    if cls is bool:
        if kind == "yes_no":
            return Evidence("bool", raw), _NO_PROBLEMS
        return None, [((), f"true/false does not fit a {kind} rule; give {expected_forms(rule)}")]
    if cls is str:
        return _scalar_text(rule, raw)
    if cls is Decimal:
        return None, [((), f"a bare number does not say what it counts; give {expected_forms(rule)}")]
    return None, [((), f"expected {expected_forms(rule)}, got {describe_value(raw)}")]


_NO_PROBLEMS: list = []  # shared and never appended to: callers only read it
_FAST = {
    "percent": frozenset(("bands", "linear")),
    "count": frozenset(("bands", "per_item", "deduction")),
    "value": frozenset(("bands", "scale")),
}


def _fast_mapping(rule, leaf_max: Decimal, raw: dict) -> Evidence | None:
    """The common, valid one-measure forms, checked quickly; None sends the value to the full check."""
    if len(raw) == 2:
        done = raw.get("done")
        of = raw.get("of")
        if (done.__class__ is Decimal and of.__class__ is Decimal and rule.kind in ("bands", "linear")
                and 0 <= done <= of and of > 0):
            return Evidence("ratio", done * HUNDRED / of, done, of)
        return None
    ((key, v),) = raw.items()
    if v.__class__ is not Decimal:
        return None
    if key == "points":
        return Evidence(points=v) if 0 <= v <= leaf_max else None
    kinds = _FAST.get(key)
    if kinds is None or rule.kind not in kinds or v < 0:
        return None
    if key == "percent":
        return Evidence("percent", v) if v <= HUNDRED else None
    if key == "count":
        return Evidence("count", v) if v == v.to_integral_value() else None
    if rule.kind == "scale" and v > rule.of:
        return None
    return Evidence("value", v)


def _scalar_text(rule, raw: str):
    if rule.kind == "choice":
        if raw in rule.options:
            return Evidence("option", raw), []
        return None, [((), f"{raw!r} is not an option of this leaf; choose one of {', '.join(rule.options)}")]
    if rule.kind == "yes_no" and is_yaml11_bool(raw):
        return None, [((), f"{raw!r} is not a boolean in YAML 1.2; write true or false")]
    hint = ""
    try:
        Decimal(raw.strip().rstrip("%"))
        hint = "; a number must be written without quotes"
    except Exception:
        pass
    return None, [((), f"the text {raw!r} does not fit a {rule.kind} rule; give {expected_forms(rule)}{hint}")]


def _num(raw: dict, key: str, problems: list, *, low=None, high=None, whole=False) -> Decimal | None:
    v = raw[key]
    if v.__class__ is not Decimal:
        if isinstance(v, str):
            try:
                Decimal(v.strip().rstrip("%"))
                problems.append(((key,), f"{key}: {v!r} is text; write the number without quotes"))
                return None
            except Exception:
                pass
        if is_yaml11_bool(v):
            problems.append(((key,), f"{key}: {v!r} is not a number (yes/no/on/off are not booleans or numbers here)"))
            return None
        problems.append(((key,), f"{key}: expected a number, got {describe_value(v)}"))
        return None
    if whole and v != v.to_integral_value():
        problems.append(((key,), f"{key}: a count is a whole number, got {v}"))
        return None
    if low is not None and v < low:
        problems.append(((key,), f"{key}: {v} is below {low}"))
        return None
    if high is not None and v > high:
        problems.append(((key,), f"{key}: {v} is above {high}"))
        return None
    return v


_KEYSET = frozenset(_KEYS)
_AUX = frozenset(("note", "documents", "claimed", "na"))
_MEASURE_KEYS = ("percent", "done", "count", "value")


def _mapping(rule, leaf_max: Decimal, raw: dict):
    problems: list[tuple[tuple, str]] = []
    keys = raw.keys()
    unknown = keys - _KEYSET
    if unknown:
        return None, [((key,), f"unknown key {key!r}; an evidence value takes {', '.join(_KEYS)}")
                      for key in raw if key in unknown]
    ev = Evidence()
    if not keys.isdisjoint(_AUX):
        if "note" in raw:
            if raw["note"] is not None and not isinstance(raw["note"], str):
                problems.append((("note",), "note: expected text; put it in quotes"))
            else:
                ev.note = raw["note"]
        if "documents" in raw:
            docs = raw["documents"]
            if isinstance(docs, str):
                ev.documents = (docs,)
            elif isinstance(docs, list) and all(isinstance(d, str) for d in docs):
                ev.documents = tuple(docs)
            elif docs is not None:
                problems.append((("documents",), "documents: expected text or a list of texts"))
        if "claimed" in raw:
            ev.claimed = _num(raw, "claimed", problems, low=ZERO, high=leaf_max)
        if "na" in raw:
            na = raw["na"]
            if not isinstance(na, bool):
                problems.append((("na",), f"na: expected true or false, got {describe_value(na)}"))
            elif na:
                others = [k for k in raw if k not in ("na", "note", "documents")]
                if others:
                    problems.append(((others[0],), f"a not-applicable leaf takes no {others[0]!r}; "
                                                   "remove it or remove na"))
                ev.na = True
                return (None if problems else ev), problems
    measures = [k for k in _MEASURE_KEYS if k in raw]
    if "of" in raw and "done" not in raw:
        problems.append((("of",), "of: a ratio needs both done and of"))
    if "done" in raw and "of" not in raw:
        problems.append((("done",), "done: a ratio needs both done and of"))
    if len(measures) > 1:
        problems.append(((measures[1],), f"give one measure, not both {measures[0]!r} and {measures[1]!r}"))
    if problems:
        return None, problems
    if measures:
        m = measures[0]
        measure = "ratio" if m == "done" else m
        kind = rule.kind
        if measure == "value" and kind in ("yes_no", "choice"):
            # the mapping form of a scalar, so that claimed/note can go with it
            sub, subproblems = parse_evidence(rule, leaf_max, raw["value"])
            if subproblems:
                return None, [(("value",) + p, msg) for p, msg in subproblems]
            if sub is None:
                return None, [(("value",), f"value: expected {expected_forms(rule)}")]
            ev.measure, ev.amount = sub.measure, sub.amount
        elif measure not in ACCEPTS[kind]:
            return None, [((m,), f"{m}: a {kind} rule does not take {_FORMS[measure]}; give {expected_forms(rule)}")]
        elif measure == "percent":
            ev.measure, ev.amount = "percent", _num(raw, "percent", problems, low=ZERO, high=HUNDRED)
        elif measure == "ratio":
            done = _num(raw, "done", problems, low=ZERO)
            of = _num(raw, "of", problems)
            if of is not None and of <= 0:
                problems.append((("of",), f"of: must be above 0, got {of}"))
            elif done is not None and of is not None:
                if done > of:
                    problems.append((("done",), f"done ({done}) is more than of ({of})"))
                else:
                    ev.measure, ev.done, ev.of = "ratio", done, of
                    ev.amount = done * HUNDRED / of
        elif measure == "count":
            ev.measure, ev.amount = "count", _num(raw, "count", problems, low=ZERO, whole=True)
        else:  # value, for scale and bands
            high = rule.of if kind == "scale" else None
            ev.measure, ev.amount = "value", _num(raw, "value", problems, low=ZERO if kind == "scale" else None,
                                                  high=high)
    if "points" in raw:
        ev.points = _num(raw, "points", problems, low=ZERO, high=leaf_max)
    return (None if problems else ev), problems


# --- scoring ---------------------------------------------------------------


def scorer(rule, leaf_max: Decimal):
    """Compile a rule once per framework into ``f(evidence) -> points``."""
    kind = rule.kind
    if kind == "yes_no":
        return lambda ev: leaf_max if ev.amount else ZERO
    if kind == "choice":
        options = dict(rule.options)
        return lambda ev: options[ev.amount]
    if kind == "bands":
        bands = tuple((b.gt if b.gt is not None else b.gte, b.gt is not None, b.points) for b in rule.bands)

        def bands_points(ev):
            x = ev.amount
            for threshold, strict, points in bands:
                if threshold is None or (x > threshold if strict else x >= threshold):
                    return points
            return ZERO

        return bands_points
    if kind == "linear":
        full_at = rule.full_at
        one = Decimal(1)
        return lambda ev: leaf_max * min(one, ev.amount / full_at)  # max × min(1, percent / full_at)
    if kind == "scale":
        of = rule.of
        return lambda ev: leaf_max * ev.amount / of
    if kind == "per_item":
        each = rule.each
        return lambda ev: min(leaf_max, ev.amount * each)
    if kind == "deduction":
        each = rule.each
        return lambda ev: max(ZERO, leaf_max - ev.amount * each)
    return lambda ev: ev.points if ev.points is not None else ZERO  # manual


def reason(rule, leaf_max: Decimal, ev: Evidence) -> str:
    """Why a leaf got its computed points, e.g. "60/78 = 76.92% ≥ 70"."""
    kind = rule.kind
    if kind == "yes_no":
        return "true" if ev.amount else "false"
    if kind == "choice":
        return f"{ev.amount}"
    if kind == "bands":
        shown = _measure_text(ev)
        x = ev.amount
        for band in rule.bands:
            if band.gt is not None:
                if x > band.gt:
                    return f"{shown} > {band.gt}"
            elif band.gte is not None:
                if x >= band.gte:
                    return f"{shown} ≥ {band.gte}"
            else:
                return f"{shown}: other"
        return f"{shown}: below every band"
    if kind == "linear":
        return f"{_measure_text(ev)} of {rule.full_at}%"
    if kind == "scale":
        return f"{ev.amount} / {rule.of}"
    if kind == "per_item":
        return f"{ev.amount} × {rule.each}"
    if kind == "deduction":
        return f"{leaf_max} − {ev.amount} × {rule.each}"
    return "appraiser's points"


def _measure_text(ev: Evidence) -> str:
    if ev.measure == "ratio":
        return f"{ev.done}/{ev.of} = {_short(ev.amount)}%"
    if ev.measure == "percent":
        return f"{ev.amount}%"
    return f"{ev.amount}"


def _short(d: Decimal) -> str:
    q = d.quantize(Decimal("0.01"))
    return f"{q:f}"


# --- words -----------------------------------------------------------------

_WORDS = {
    "vi": {
        "yes_no": "Có: {max} điểm; không: 0",
        "choice": "Chọn một: {options}",
        "linear": "{max} × tỷ lệ / {full_at}% (tối đa {max})",
        "scale": "{max} × điểm khảo sát / {of}",
        "per_item": "{each} điểm mỗi lần, tối đa {max}",
        "deduction": "{max} trừ {each} điểm mỗi vi phạm, không dưới 0",
        "manual": "Hội đồng thẩm định chấm trực tiếp (0 đến {max})",
        "gt": "trên {t}: {p}",
        "gte": "từ {t} trở lên: {p}",
        "other": "còn lại: {p}",
    },
    "en": {
        "yes_no": "Yes: {max} points; no: 0",
        "choice": "One of: {options}",
        "linear": "{max} × share / {full_at}% (at most {max})",
        "scale": "{max} × survey score / {of}",
        "per_item": "{each} points per item, at most {max}",
        "deduction": "{max} minus {each} per violation, not below 0",
        "manual": "Points given directly by the appraisers (0 to {max})",
        "gt": "above {t}: {p}",
        "gte": "{t} or more: {p}",
        "other": "otherwise: {p}",
    },
}


def describe(rule, leaf_max: Decimal, lang: str = "vi", fmt=str) -> str:
    """The rule in words, e.g. "trên 90: 2; từ 70 trở lên: 1; còn lại: 0"."""
    w = _WORDS.get(lang, _WORDS["vi"])
    kind = rule.kind
    if kind == "bands":
        parts = []
        for b in rule.bands:
            if b.gt is not None:
                parts.append(w["gt"].format(t=fmt(b.gt), p=fmt(b.points)))
            elif b.gte is not None:
                parts.append(w["gte"].format(t=fmt(b.gte), p=fmt(b.points)))
            else:
                parts.append(w["other"].format(p=fmt(b.points)))
        return "; ".join(parts)
    if kind == "choice":
        opts = ", ".join(f"{k} = {fmt(v)}" for k, v in rule.options.items())
        return w["choice"].format(options=opts)
    return w[kind].format(
        max=fmt(leaf_max),
        full_at=fmt(getattr(rule, "full_at", HUNDRED)),
        of=fmt(getattr(rule, "of", ZERO)),
        each=fmt(getattr(rule, "each", ZERO)),
    )


def form_hint(rule) -> str:
    """The value form a unit file takes for this rule, for templates."""
    if rule.kind == "manual":
        return "{points: }"
    if rule.kind == "choice":
        return " | ".join(rule.options)
    return " | ".join(_FORMS[m] for m in ACCEPTS[rule.kind])


__all__ = [
    "ACCEPTS",
    "Evidence",
    "describe",
    "expected_forms",
    "form_hint",
    "parse_evidence",
    "reason",
    "scorer",
]
