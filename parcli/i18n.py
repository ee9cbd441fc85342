"""One catalogue for every message a person reads: errors, validation lines, warnings.

gettext-style: the message id is the English template, and :data:`VI` maps it to
its Vietnamese template (see :mod:`parcli.messages_vi`). Code writes
``tr("cannot read the file: {why}", why=...)``; the text comes out in the current
language, which the CLI sets from ``--lang`` (default ``vi``, or ``PARCLI_LANG``).
Templates are always formatted, so a literal brace is written twice (``{{percent: }}``).
``tests/test_i18n.py`` fails when a message is in one language only: every
``tr("…")`` in the package needs its Vietnamese entry with the same placeholders,
and every entry needs its use.

JSON keys, CSV columns and status values are not messages: they stay English.
"""

from __future__ import annotations

import os

LANGUAGES = ("vi", "en")
_state = {"lang": os.environ.get("PARCLI_LANG", "vi") if os.environ.get("PARCLI_LANG") in LANGUAGES else "vi"}


def set_language(lang: str) -> None:
    """Choose the language of every message from now on (``vi`` or ``en``)."""
    _state["lang"] = lang if lang in LANGUAGES else "vi"


def language() -> str:
    return _state["lang"]


def text(msgid: str, lang: str | None = None, context: str | None = None) -> str:
    """The template of ``msgid`` (with its ``context``, for a short word said in more than one way)
    in ``lang`` (default: the current language), not filled."""
    if (lang or _state["lang"]) == "vi":
        from .messages_vi import VI

        return VI.get(msgid if context is None else f"{context}\x04{msgid}", msgid)
    return msgid


def tr(msgid: str, /, **values) -> str:
    """``msgid`` (an English template) in the current language, filled with ``values``."""
    template = msgid
    if _state["lang"] == "vi":
        from .messages_vi import VI

        template = VI.get(msgid, msgid)
    if values:
        values = {k: _quoted(v) for k, v in values.items()}
    return template.format(**values)


def trp(context: str, msgid: str, /, **values) -> str:
    """:func:`tr` of a message said in a ``context`` (pgettext): a short word such as "Points" is
    "Điểm đạt" as a column and "Tổng điểm" as a total."""
    template = text(msgid, None, context)
    if values:
        values = {k: _quoted(v) for k, v in values.items()}
    return template.format(**values)


def N_(msgid: str, /) -> str:
    """Mark a message kept in a table and said later through ``tr(variable)``: it is the
    message id itself (the gettext convention, so the catalogue's tests and tools find it)."""
    return msgid


def NC_(context: str, msgid: str, /) -> str:  # noqa: N802 - the gettext family's spelling
    """:func:`N_` of a message with a context, said later through ``trp(context, variable)``."""
    return msgid


def HELP_(text: str, /) -> str:  # noqa: N802 - the gettext family's spelling
    """Mark a help text of the command line; it is the text itself. Its Vietnamese is in the catalogue
    with the context ``"help"``, a paragraph each, and :mod:`parcli.helptext` shows it when help is asked
    for (``--lang`` / ``PARCLI_LANG``)."""
    return text


QUOTE_LIMIT = 120  # characters of a value a message quotes (a 10 MB value is not echoed whole)


def _quoted(value):
    if isinstance(value, str) and len(value) > QUOTE_LIMIT:
        return value[: QUOTE_LIMIT - 1] + "…"
    return value
