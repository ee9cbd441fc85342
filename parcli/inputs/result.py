"""A result read back for ``parcli diff``: a result JSON file that ``parcli score --format json``
wrote (checked as a unit file is: numbers within a YAML file's limits, every problem said), or a
unit file scored now.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..domain import RESULT_SCHEMA
from ..errors import InputError
from ..i18n import N_, tr
from ..summary import NotAResult, Summary, from_result_object, summarize
from .files import decode, read_bytes
from .yaml import read_number

_JSON_REASONS = (  # the json module's own words → parcli's
    ("Expecting value", N_("a value is expected here")),
    ("Expecting property name", N_("a key in double quotes is expected here")),
    ("Expecting ':'", N_("a ':' is expected here")),
    ("Expecting ','", N_("a ',' is expected here")),
    ("Unterminated string", N_("a text in quotes is not closed")),
    ("Invalid control character", N_("a control character in a text")),
    ("Invalid \\u", N_("an escape (\\) that JSON does not know")),
    ("Invalid \\escape", N_("an escape (\\) that JSON does not know")),
    ("Extra data", N_("more data after the end")),
    ("Illegal trailing comma", N_("a ',' before the closing bracket")),
)


def json_reason(msg: str) -> str:
    """What the json module found, in the chosen language."""
    for start, reason in _JSON_REASONS:
        if msg.startswith(start):
            return tr(reason)
    return tr("the JSON syntax is broken here")


def load_result(path: Path, store=None) -> Summary:
    """A unit file (scored now) or a result JSON file, as a summary."""
    name = str(path)
    if path.suffix.lower() == ".json":
        text = decode(read_bytes(path, name), name, "JSON")
        try:
            obj = json.loads(text, parse_float=read_number, parse_int=read_number, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name}:{exc.lineno}:{exc.colno}: "
                             + tr("not valid JSON: {detail}", detail=json_reason(exc.msg))) from None
        except ValueError as exc:
            raise InputError(f"{name}: " + tr("not a usable parcli result: {detail}", detail=exc)) from None
        except RecursionError:
            raise InputError(f"{name}: " + tr("not a usable parcli result: {detail}",
                                              detail=tr("nested too deeply"))) from None
        if isinstance(obj, list) and len(obj) == 1:
            obj = obj[0]
        if isinstance(obj, list):
            raise InputError(f"{name}: " + tr("holds {count} results; diff compares one result with one result",
                                              count=len(obj)))
        if not isinstance(obj, dict) or obj.get("schema") != RESULT_SCHEMA:
            raise InputError(f"{name}: " + tr("not a parcli result (schema {schema}); parcli score writes one in JSON",
                                              schema=RESULT_SCHEMA))
        try:
            return from_result_object(obj, name)
        except NotAResult as exc:
            raise InputError(f"{name}: " + tr("not a usable parcli result: {detail}", detail=exc)) from None
    from ..engine import score
    from ..store import Store

    unit, fw = (store or Store()).unit(path)
    return summarize(score(fw, unit))


def _no_constant(name: str):
    raise ValueError(tr("{name} is not a finite number", name=name))
