"""parcli's JSON text (report/jsonout.dumps) is the standard encoder's, with every Decimal an exact number."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from parcli.report import exact
from parcli.report.jsonout import dumps

texts = st.text(st.characters(blacklist_characters="\x00"))  # (the test marks Decimals with NUL)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    texts, st.decimals(allow_nan=False, allow_infinity=False, places=6))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.tuples(inner, inner),
    st.dictionaries(st.one_of(texts, st.integers()), inner, max_size=5)), max_leaves=40)


def standard(value):
    """The value as the standard encoder would take it: Decimals as a marked text, every key as str(key)."""
    if isinstance(value, Decimal):
        return "\x00" + exact(value) + "\x00"
    if isinstance(value, dict):
        return {str(k): standard(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [standard(v) for v in value]
    return value


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from([2, 0, 4]))
def test_dumps_writes_what_the_standard_encoder_writes(value, indent):
    expected = json.dumps(standard(value), ensure_ascii=False, indent=indent)
    expected = expected.replace('"\\u0000', "").replace('\\u0000"', "")  # a marked Decimal: its number bare
    assert dumps(value, indent) == expected
