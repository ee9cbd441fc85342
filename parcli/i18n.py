"""One catalogue for every text a person reads: errors, validation lines, warnings, labels, forms, reports.

gettext: the message id is the English template; its Vietnamese lives in the catalogue
``parcli/locale/vi/LC_MESSAGES/parcli.po`` (the source of truth, which translators' tools read),
compiled to ``parcli.mo`` beside it by ``scripts/catalogue.py compile``. At run time the ``.mo``
is read once, when a Vietnamese text is first wanted, by the standard library's
:class:`gettext.GNUTranslations` (no Babel at run time). Code writes
``tr("cannot read the file: {why}", why=...)``; the text comes out in the current language,
which the CLI sets from ``--lang`` (default ``vi``, or ``PARCLI_LANG``). A short word said in more
than one way has a context (``trp("column", "Points")``, :func:`NC_` in tables); a count has plural
forms (:func:`trn`, :func:`Nn_`). Templates are always formatted, so a literal brace is written twice
(``{{percent: }}``). ``tests/test_i18n.py`` extracts every marked message with Babel and fails when
one lacks its Vietnamese, or an entry of the catalogue has no use.

JSON keys, CSV columns and status values are not messages: they stay English.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

LANGUAGES = ("vi", "en")
CATALOGUE = Path(__file__).parent / "locale" / "vi" / "LC_MESSAGES" / "parcli.mo"
_state = {"lang": os.environ.get("PARCLI_LANG", "vi") if os.environ.get("PARCLI_LANG") in LANGUAGES else "vi"}
_loaded: dict[str, Any] = {}


def set_language(lang: str) -> None:
    """Choose the language of every message from now on (``vi`` or ``en``)."""
    _state["lang"] = lang if lang in LANGUAGES else "vi"


def language() -> str:
    return _state["lang"]


def _vi():
    """The Vietnamese catalogue, read from the compiled ``.mo`` the first time it is wanted."""
    found = _loaded.get("vi")
    if found is None:
        import gettext

        with open(CATALOGUE, "rb") as fh:
            found = _loaded["vi"] = gettext.GNUTranslations(fh)
    return found


def text(msgid: str, lang: str | None = None, context: str | None = None) -> str:
    """The template of ``msgid`` (with its ``context``, for a short word said in more than one way)
    in ``lang`` (default: the current language), not filled."""
    if (lang or _state["lang"]) == "vi":
        return _vi().gettext(msgid) if context is None else _vi().pgettext(context, msgid)
    return msgid


def text_n(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The template of a count's message in ``lang`` (default: the current language), for ``n``, not filled."""
    if (lang or _state["lang"]) == "vi":
        return _vi().ngettext(singular, plural, n)
    return singular if n == 1 else plural


def tr(msgid: str, /, **values) -> str:
    """``msgid`` (an English template) in the current language, filled with ``values``."""
    return _filled(text(msgid), values)


def trp(context: str, msgid: str, /, **values) -> str:
    """:func:`tr` of a message said in a ``context`` (pgettext): a short word such as "Points" is
    "Điểm đạt" as a column and "Tổng điểm" as a total."""
    return _filled(text(msgid, None, context), values)


def trn(singular: str, plural: str, n: int, /, **values) -> str:
    """:func:`tr` of a message about ``n`` things (ngettext), filled with ``values`` (and ``n``)."""
    return _filled(text_n(singular, plural, n), {"n": n, **values})


def N_(msgid: str, /) -> str:  # noqa: N802 - the gettext family's spelling
    """Mark a message kept in a table and said later through ``tr(variable)``: it is the
    message id itself (the gettext convention, so the catalogue's tests and tools find it)."""
    return msgid


def NC_(context: str, msgid: str, /) -> str:  # noqa: N802 - the gettext family's spelling
    """:func:`N_` of a message with a context, said later through ``trp(context, variable)``."""
    return msgid


def NP_(context: str, msgid: str, /) -> tuple[str, str]:  # noqa: N802 - the gettext family's spelling
    """Mark a message with a context kept in a table: the pair (context, msgid), said later through
    :func:`say`."""
    return context, msgid


def say(entry: str | tuple[str, str], lang: str | None = None) -> str:
    """The template of a table's entry (a msgid of :func:`N_`, or a pair of :func:`NP_`) in ``lang``
    (default: the current language; any other than ``en`` is Vietnamese), not filled."""
    lang = lang or _state["lang"]
    lang = lang if lang in LANGUAGES else "vi"
    if isinstance(entry, str):
        return text(entry, lang)
    return text(entry[1], lang, entry[0])


def Nn_(singular: str, plural: str, /) -> tuple[str, str]:  # noqa: N802 - the gettext family's spelling
    """:func:`N_` of a count's message: its two English forms, said later through ``trn(*variable, n)``."""
    return singular, plural


def HELP_(text: str, /) -> str:  # noqa: N802 - the gettext family's spelling
    """Mark a help text of the command line; it is the text itself. Its Vietnamese is in the catalogue
    with the context ``"help"``, a paragraph each, and :mod:`parcli.helptext` shows it when help is asked
    for (``--lang`` / ``PARCLI_LANG``)."""
    return text


QUOTE_LIMIT = 120  # characters of a value a message quotes (a 10 MB value is not echoed whole)


def _filled(template: str, values: dict) -> str:
    if values:
        values = {k: _quoted(v) for k, v in values.items()}
    return template.format(**values)


def _quoted(value):
    if isinstance(value, str) and len(value) > QUOTE_LIMIT:
        return value[: QUOTE_LIMIT - 1] + "…"
    return value
