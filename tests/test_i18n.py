"""The message catalogue: every text a person reads exists in Vietnamese and English.

Texts are marked in the code (``tr``, ``trp``, ``trn``, ``N_``, ``NC_``, ``NP_``, ``Nn_``: parcli/i18n.py);
their Vietnamese is in ``parcli/locale/vi/LC_MESSAGES/parcli.po``, compiled to ``parcli.mo``. These tests
extract the marked ids with Babel, as ``scripts/catalogue.py`` does, and read the ``.po``: a text in one
language only, an entry no code uses, a fuzzy or empty translation, a placeholder in one form only or a
``.mo`` out of step with its ``.po`` fails here.
"""

from __future__ import annotations

import ast
import gettext
import importlib.util
import shutil
import string
from pathlib import Path

import pytest

import parcli
from parcli.domain import KIND_WORDS
from parcli.i18n import CATALOGUE, set_language, text, tr, trn, trp
from parcli.report import LABELS, STATUS_WORDS, label
from parcli.rules.base import MEASURE_WORD

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(parcli.__file__).parent
PO = PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "parcli.po"


def _script():
    spec = importlib.util.spec_from_file_location("catalogue_script", ROOT / "scripts" / "catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogue = _script()


def key(message) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return message.context, msgid


@pytest.fixture(scope="module")
def po():
    return catalogue.read(PO)


@pytest.fixture(scope="module")
def used():
    return {key(m): m for m in catalogue.extracted(PACKAGE) if m.id}


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_the_extraction_finds_the_code_s_messages(used):
    """The keywords are the ones the code uses: a message of each marker is found, with its context."""
    assert (None, "the file is empty") in used  # tr
    assert ("column", "Max") in used  # NP_
    assert ("rule kind", "bands") in used  # NC_
    assert (None, "{n} leaf has no evidence and scores 0: {shown}") in used  # Nn_
    assert len(used) > 500


MARKERS = {"tr": 1, "N_": 1, "trn": 1, "Nn_": 1, "trp": 2, "NC_": 2, "NP_": 2}  # the msgid's place (1-based)


def test_babel_sees_every_marked_message(used):
    """Every literal message of a marker call in the code (found by walking its syntax tree) is one Babel
    extracts: a call Babel cannot see (inside an f-string, a keyword it does not know) fails here."""
    unseen = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
                continue
            at = MARKERS[node.func.id]
            args = node.args
            if len(args) >= at and isinstance(args[at - 1], ast.Constant) and isinstance(args[at - 1].value, str):
                context = args[0].value if at == 2 and isinstance(args[0], ast.Constant) else None
                if (context, args[at - 1].value) not in used:
                    unseen.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {args[at - 1].value!r}")
    assert not unseen, "messages Babel does not extract (take the call out of the f-string):\n" + "\n".join(unseen)


def test_every_message_has_its_vietnamese_form(po, used):
    entries = {key(m): m for m in po if m.id}
    missing = [f"{sorted(m.locations)[0][0]}: {k!r}" for k, m in used.items() if k not in entries]
    assert not missing, "messages in English only (scripts/catalogue.py update, then translate):\n" + "\n".join(missing)
    untranslated = [repr(k) for k, m in entries.items()
                    if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,))]
    assert not untranslated, "empty or fuzzy translations in parcli.po:\n" + "\n".join(untranslated)


def test_every_vietnamese_message_is_used(po, used):
    unused = [repr(key(m)) for m in po if m.id and key(m) not in used]
    assert not unused, "entries of parcli.po no code uses:\n" + "\n".join(unused)


def test_both_forms_take_the_same_values(po):
    wrong = []
    for m in po:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set().union(*(fields_of(i) for i in ids))
        for s in strings:
            if fields_of(s) != wanted or s.strip() == "" or s in ids:
                wrong.append(f"{key(m)!r}: {s!r}")
    assert not wrong, "translations whose placeholders differ, or that are the English itself:\n" + "\n".join(wrong)


def test_the_shipped_mo_is_the_po_compiled():
    assert CATALOGUE.read_bytes() == catalogue.compiled(catalogue.read(PO)), \
        "parcli.mo is out of step: run python scripts/catalogue.py compile"


def test_the_compiled_catalogue_is_reproducible():
    assert catalogue.compiled(catalogue.read(PO)) == catalogue.compiled(catalogue.read(PO))
    header = gettext.GNUTranslations(open(CATALOGUE, "rb")).info()
    assert "generated-by" not in header and header["plural-forms"] == "nplurals=1; plural=0;"


def test_words_passed_through_a_variable_are_in_the_catalogue(po):
    """``tr(node.kind)``, ``tr(MEASURE_WORD[...])``, a framework's status and every label: marked, so
    extracted, and said in Vietnamese."""
    for word in (*KIND_WORDS, *MEASURE_WORD.values()):
        assert text(word, "vi") != word and po.get(word) is not None, word
    for context, word in STATUS_WORDS.values():
        assert text(word, "vi", context) != word
    for name, (context, word) in LABELS.items():
        assert label(name, "vi") == text(word, "vi", context) != word, name
        assert label(name, "en") == word


def _words_by_language(node) -> bool:
    """``"Trang" if lang == "vi" else "Page"``, or a dict ``{"vi": ..., "en": ...}`` of words."""
    if isinstance(node, ast.IfExp) and isinstance(node.test, ast.Compare):
        compared = [node.test.left, *node.test.comparators]
        return any(isinstance(c, ast.Constant) and c.value in ("vi", "en") for c in compared) and any(
            isinstance(branch, ast.Constant) and isinstance(branch.value, str) and branch.value
            for branch in (node.body, node.orelse))
    if isinstance(node, ast.Dict):
        return {"vi", "en"} <= {k.value for k in node.keys if isinstance(k, ast.Constant)}
    return False


def test_no_inline_language_choice():
    """Every word in two languages comes from the catalogue: no ``"…" if lang == "vi" else "…"`` and no
    ``{"vi": …, "en": …}`` table in the package (a framework's own titles in two languages are data)."""
    found = [f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}" for path in sorted(PACKAGE.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if _words_by_language(node)]
    assert not found, found


def test_tr_follows_the_language():
    try:
        set_language("en")
        assert tr("the file is empty") == "the file is empty"
        assert trp("total", "Points") == "Points" and trp("column", "Points") == "Points"
        assert trn("{n} leaf has no evidence and scores 0: {shown}",
                   "{n} leaves have no evidence and score 0: {shown}", 1, shown="1.1") == \
            "1 leaf has no evidence and scores 0: 1.1"
        set_language("vi")
        assert tr("the file is empty") == "tệp rỗng"
        assert (trp("column", "Points"), trp("total", "Points")) == ("Điểm đạt", "Tổng điểm")
        assert trn("{n} leaf has no evidence and scores 0: {shown}",
                   "{n} leaves have no evidence and score 0: {shown}", 3, shown="1.1, 1.2, 1.3") == \
            "3 tiêu chí chưa có số liệu, được 0 điểm: 1.1, 1.2, 1.3"
        assert tr("max must be above 0, got {max}", max=0).endswith("0")
    finally:
        set_language("vi")


# --- the workflow of scripts/catalogue.py ------------------------------------------------------


@pytest.fixture
def po_copy(tmp_path):
    copy = tmp_path / "parcli.po"
    shutil.copyfile(PO, copy)
    return copy


def test_import_py_adds_a_branch_s_block_to_the_po(po_copy, tmp_path):
    """A developer's block of messages_vi.py (keys with and without a context) goes into the .po and the
    .mo; the file is read, never run; a changed translation is replaced and said."""
    block = tmp_path / "messages_vi.py"
    block.write_text(
        'import os\nos.remove(__file__)  # never run\n'
        'VI: dict[str, str] = {\n'
        '    # --- issue-campaign ---\n'
        '    "the campaign {name} is closed": "đợt đánh giá {name} đã kết thúc",\n'
        '    "column\\x04Round": "Vòng",\n'
        '    "the file is empty": "tệp trống",\n'
        '}\n', encoding="utf-8")
    said = catalogue.import_py(block, po_copy)
    assert block.exists()
    assert said == ["'the file is empty': 'tệp rỗng' -> 'tệp trống'"]
    entries = catalogue.read(po_copy)
    assert entries.get("the campaign {name} is closed").string == "đợt đánh giá {name} đã kết thúc"
    assert entries.get("Round", "column").string == "Vòng"
    with open(po_copy.with_suffix(".mo"), "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    assert mo.gettext("the campaign {name} is closed") == "đợt đánh giá {name} đã kết thúc"
    assert mo.pgettext("column", "Round") == "Vòng"
    assert mo.gettext("the file is empty") == "tệp trống"
    assert mo.pgettext("total", "Points") == "Tổng điểm"  # the rest kept


def test_import_py_refuses_a_file_without_a_dict(tmp_path, po_copy):
    bad = tmp_path / "bad.py"
    bad.write_text("VI = dict(a=1)\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        catalogue.import_py(bad, po_copy)
    assert po_copy.read_bytes() == PO.read_bytes()


def test_update_keeps_translations_adds_new_ids_and_drops_unused(tmp_path, po_copy):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "m.py").write_text(
        'from parcli.i18n import tr, trp\n'
        'tr("the file is empty")\n'
        'trp("total", "Points")\n'
        'tr("a message nobody has translated yet")\n', encoding="utf-8")
    catalog = catalogue.update(po_copy, tmp_path / "parcli.pot", package)
    entries = {key(m): m.string or "" for m in catalog if m.id}
    assert entries == {(None, "the file is empty"): "tệp rỗng", ("total", "Points"): "Tổng điểm",
                       (None, "a message nobody has translated yet"): ""}
    header = catalogue.read(po_copy).creation_date
    assert header == catalogue.read(PO).creation_date  # an update does not change the compiled header


def test_every_help_text_has_its_vietnamese_form(po):
    """Every paragraph of every --help (scripts/catalogue.py collects them) is in the catalogue, translated."""
    missing = [p for p in catalogue.help_ids() if not (po.get(p, "help") and po.get(p, "help").string)]
    assert not missing, "help in English only:\n" + "\n".join(map(repr, missing))
