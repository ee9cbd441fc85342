"""The YAML loader (parcli/inputs/yaml.py): exact numbers from text, NFC keys and positions, duplicate
keys, bombs and deep nesting refused, BOM and CRLF, control characters at their place."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from parcli.errors import InputError
from parcli.inputs import yaml as loader
from parcli.inputs.yaml import load_file, load_text
from tests.conftest import EXAMPLES

BAC_NINH = EXAMPLES / "bac-ninh-2021.yaml"


def err(text: str) -> str:
    with pytest.raises(InputError) as info:
        load_text(text, "f.yaml")
    (problem,) = info.value.problems
    return str(problem)


def test_keys_keep_their_own_text():
    doc = load_text('1.10: a\n1.1: b\n2.10: c\n"3": d\n01: e\n', "f.yaml")
    assert list(doc.data) == ["1.10", "1.1", "2.10", "3", "01"]


def test_numbers_are_decimals_built_from_text():
    data = load_text("a: 0.1\nb: 3\nc: 1e3\nd: 1.0e+3\ne: -2.50\nf: 0o17\ng: 0x1F\n", "f").data
    assert data == {"a": Decimal("0.1"), "b": Decimal(3), "c": Decimal("1e3"), "d": Decimal("1000"),
                    "e": Decimal("-2.50"), "f": Decimal(15), "g": Decimal(31)}
    assert all(isinstance(v, Decimal) for v in data.values())
    assert str(data["a"]) == "0.1"


def test_yaml_12_core_scalars():
    data = load_text("t: true\nT: True\nf: false\nn: null\nt2: ~\ne:\ny: yes\no: on\ns: '12'\nd: 2021-01-01\n",
                     "f").data
    assert data == {"t": True, "T": True, "f": False, "n": None, "t2": None, "e": None, "y": "yes", "o": "on",
                    "s": "12", "d": "2021-01-01"}


def test_duplicate_key_is_reported_at_the_second():
    assert err("a: 1\nb: 2\na: 3\n") == "f.yaml:3:1: duplicate key 'a'; each key may appear once"


def test_duplicate_key_after_text_normalisation():
    # "1.1" and "1.1" written with different Unicode forms of a title are still one key
    composed = "Tiê\u0301u"  # decomposed accent
    text = f"{composed}: 1\nTiếu: 2\n"
    assert "duplicate key" in err(text)


def test_strings_are_nfc():
    decomposed = "Ti\u00ea\u0301u chi\u0301"
    data = load_text(f"t: {decomposed}\n", "f").data
    assert data["t"] == "Tiếu chí"


def test_positions_are_kept():
    doc = load_text("a:\n  b:\n    - x\n    - {c: 1}\n", "f.yaml")
    assert doc.locate(("a", "b", 1, "c")) == (4, 11)
    assert doc.locate(("a", "b"), key=True) == (2, 3)
    assert doc.locate(("a", "nope")) == (2, 3)


@pytest.mark.parametrize("text, fragment", [
    ("a: !!python/object/apply:os.system ['echo hi']\n", "tags such as"),
    ("a: !!python/name:os.system\n", "tags such as"),
    ("a: !custom 3\n", "tags such as"),
    ("a: !!int 3\n", "tags such as"),
    ("a: &x [1, 2]\nb: *x\n", "anchors and aliases"),
    ("a: &x 1\nb: *x\n", "anchors and aliases"),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", "merge keys"),
    ("a: .inf\n", "not a finite number"),
    ("a: -.inf\n", "not a finite number"),
    ("a: .nan\n", "not a finite number"),
    ("a: 1e309\n", "too large"),
    ("a: 1000000000000\n", "too large"),
    ("a: [1, 2\n", "not valid YAML"),
    ("a: 1\n---\nb: 2\n", "not valid YAML"),
    ("# only a comment\n", "no content"),
    ("? [a, b]\n: 1\n", "mapping key must be plain text"),
])
def test_refused(text, fragment):
    assert fragment in err(text)


def test_alias_bomb_ends_fast():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    assert "anchors and aliases" in err("\n".join(lines) + "\n")


@pytest.mark.parametrize("text", ["[" * 100 + "]" * 100, "- " * 100 + "x", "[" * 50000 + "]" * 50000])
def test_deep_nesting_is_refused(text):
    assert "nesting deeper than" in err(text)


def test_bom_and_crlf_read_like_plain_files(tmp_path):
    plain = "schema: x\nevidence:\n  \"1.1\": {percent: 50}\n"
    p1 = tmp_path / "plain.yaml"
    p1.write_bytes(plain.encode())
    p2 = tmp_path / "bom.yaml"
    p2.write_bytes(b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode())
    d1, d2 = load_file(p1), load_file(p2)
    assert d1.data == d2.data
    assert d1.locate(("evidence", "1.1")) == d2.locate(("evidence", "1.1"))


@pytest.mark.parametrize("raw, fragment", [
    (b"", "empty"),
    (b"  \n\n", "empty"),
    ("a: 1\n".encode("utf-16"), "UTF-16"),
    (b"a: \x00\x01\x02", "binary data"),
    (b"a: caf\xe9\n", "not valid UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
])
def test_bad_bytes(tmp_path, raw, fragment):
    p = tmp_path / "bad.yaml"
    p.write_bytes(raw)
    with pytest.raises(InputError) as info:
        load_file(p)
    assert fragment in info.value.message


def test_size_limit(tmp_path, monkeypatch):
    p = tmp_path / "big.yaml"
    p.write_text("a: 1\n" * 100)
    monkeypatch.setenv("PARCLI_MAX_BYTES", "200")
    with pytest.raises(InputError) as info:
        load_file(p)
    assert "above the limit of 200" in info.value.message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_file(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load_file(tmp_path)


def test_pure_python_fallback_matches(monkeypatch):
    text = "a: 1.10\n\"1.10\": x\nb: [true, ~, 'q']\nc: {d: 2021}\n"
    fast = load_text(text, "f").data
    monkeypatch.setattr(loader, "HAVE_C", False)
    slow = load_text(text, "f").data
    assert fast == slow
    assert "duplicate key" in err("a: 1\na: 2\n")


def test_loader_does_not_touch_pyyaml_globals():
    import yaml

    before = dict(yaml.SafeLoader.yaml_implicit_resolvers)
    load_text("a: yes\nb: 1.5\n", "f")
    assert yaml.safe_load("a: yes") == {"a": True}
    assert yaml.SafeLoader.yaml_implicit_resolvers == before


def test_bom_and_crlf_score_exactly_like_the_plain_file(cli, tmp_path):
    text = BAC_NINH.read_text(encoding="utf-8")
    odd = tmp_path / "bac-ninh-2021.yaml"
    odd.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    plain = json.loads(cli("score", BAC_NINH, "-f", "json").stdout)
    other = json.loads(cli("score", odd, "-f", "json").stdout)
    assert plain == other


def test_control_characters_in_text_are_refused_at_their_place(cli, write):
    unit = unit_named(write, '"A\\x1b[2JB"')
    run = cli("validate", unit)
    assert run.exit_code == 1 and "u.yaml:2:7: a control character (U+001B) in text" in run.stdout
    assert "\x1b" not in run.all


def unit_named(write, name: str):
    return write("u.yaml", f"schema: parcli/unit/v1\nunit: {name}\nyear: 2021\nframework: province-2020\n"
                           'evidence:\n  "3.2.1": {percent: 97}\n')
