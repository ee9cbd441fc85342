"""Hints for the mistakes people make typing YAML by hand.

Each function looks at what was written and returns the message that says how to fix
it (in the current language), or an empty result when it has no hint: a tab, an
indentation that does not line up, curly quotes, a number with ``%`` or a decimal
comma, a misspelled top-level key.
"""

from __future__ import annotations

import difflib
import re

from .i18n import N_, tr

CURLY = "“”‘’„‟«»"
_DECIMAL_COMMA = re.compile(r"\s*([-+]?[0-9]+),([0-9]+)\s*")
_PERCENT = re.compile(r"\s*([-+]?[0-9]+(?:[.,][0-9]+)?)\s*%\s*")
# The keys a unit or framework file has at its top (unknown ones get "did you mean").
TOP_KEYS = ("schema", "unit", "code", "year", "framework", "evidence",
            "id", "title", "title_en", "level", "basis", "version", "provenance",
            "total", "places", "classes", "fields")


def curly_hint(text: object) -> str:
    """``; curly quotes … `` when ``text`` holds typographic quotes, else ``""``."""
    if isinstance(text, str) and any(ch in CURLY for ch in text):
        return tr("; curly quotes (“ ” ‘ ’) are not quotes in YAML: type straight quotes \" or '")
    return ""


def number_text_hint(text: object) -> str | None:
    """The fix for a number typed as text: ``"97,3"`` (decimal comma) or ``97%``."""
    if not isinstance(text, str):
        return None
    m = _DECIMAL_COMMA.fullmatch(text)
    if m:
        return tr("{value!r} has a decimal comma; write {number} (numbers take a decimal point)",
                  value=text, number=f"{m.group(1)}.{m.group(2)}")
    m = _PERCENT.fullmatch(text)
    if m:
        return tr("{value!r} is text because of the %; write the number alone: {number}",
                  value=text, number=m.group(1).replace(",", "."))
    return None


def near_top_key(key: object, known: tuple[str, ...] = TOP_KEYS) -> str | None:
    """The top-level key ``key`` was likely meant to be, or None."""
    near = difflib.get_close_matches(str(key).lower(), known, n=1, cutoff=0.6) if isinstance(key, str) else []
    return near[0] if near else None


def unknown_top_key(key: object, known: tuple[str, ...] = TOP_KEYS) -> str:
    """An unknown key at the top of a file, with the key it was likely meant to be."""
    near = near_top_key(key, known)
    if near:
        return tr("unknown key {key!r}; did you mean {near!r}?", key=key, near=near)
    return tr("unknown key {key!r}; remove it or check its spelling", key=key)


def yaml_syntax(problem: str, context: str, text: str, line: int, col: int) -> tuple[int, int, str]:
    """A YAML syntax error (PyYAML's ``problem`` and ``context`` at 1-based ``line``:``col``)
    as (line, col, message that says what to fix)."""
    lines = text.splitlines()
    message = _yaml_message(problem, context, lines, line, col)
    if message is None:
        number, this, above = _misaligned(lines, line)
        if number:  # point at the line that is out of line, where its key starts
            return number, this, tr("line {line} starts at column {this}, but the key above it starts at column "
                                    "{above}: keys of one mapping start in the same column; indent with spaces to "
                                    "line them up", line=number, this=this, above=above)
        message = tr("the indentation does not line up: keys of one mapping start in the same column, "
                     "indented with spaces; check this line and the one above ({detail})",
                     detail=yaml_detail(problem, ""))
    return line, col, message


def _yaml_message(problem: str, context: str, lines: list[str], line: int, col: int) -> str | None:
    """The message for a syntax error; None for an indentation error (the caller places it)."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    above = lines[line - 2] if 1 < line <= len(lines) + 1 else ""
    if "'\\t'" in problem or "tab character" in problem or "\t" in here[: max(col, 1)] \
            or (not here.strip() and "\t" in above):
        return tr("a tab character: YAML indents with spaces only; replace the tab with spaces")
    if any(ch in CURLY for ch in here):
        return tr("curly quotes (“ ” ‘ ’) are not quotes in YAML: type straight quotes \" or '")
    said = _what_the_text_holds(problem, lines, line)
    if said is not None:
        return said
    if any(p in problem for p in _INDENTATION):
        return None
    return tr("not valid YAML: {detail}", detail=yaml_detail(problem, context))


# A value in quotes followed on its line by more text: a quote inside the quoted text ended it early.
_QUOTE_ENDED = re.compile(r"""^\s*(?:- +)?[^\s"'#][^#]*?:\s+("(?:\\.|[^"\\])*"|'(?:''|[^'])*')[ \t]*[^\s#,\]}]""")
_AFTER_BRACKET = re.compile(r"^\s*(?:- +)?(?:[^\s\[{#][^#]*?:\s+)?[\[{][^#]*[\]}][ \t]*[^\s#,\]}]")
_INI_SECTION = re.compile(r"^[ \t]*\[[^\]\n]+\][ \t]*$", re.M)
_INI_KEY = re.compile(r"^[ \t]*[\w.\-]+[ \t]*=", re.M)
_DOCUMENT_MARK = re.compile(r"^(?:---|\.\.\.)(?:[ \t]|$)", re.M)


def _what_the_text_holds(problem: str, lines: list[str], line: int) -> str | None:
    """A message matched on what the text really holds (not only on the parser's problem): a quote inside
    quoted text, more text after a closing bracket, an INI file; None when none of them is there."""
    text = "\n".join(lines)
    document = any(problem.startswith(p) for p in _document_problems())
    if document and _INI_SECTION.search(text) and _INI_KEY.search(text):
        return tr("this is not YAML: [section] and key = value lines are an INI file; a parcli file has "
                  "key: value lines")
    for number in (line, line - 1):  # the parser stops on the line, or at the start of the next one
        here = lines[number - 1] if 0 < number <= len(lines) else ""
        ended = _QUOTE_ENDED.match(here)
        if ended and ended.group(1).startswith("'"):
            return tr("a quote inside quoted text ends it: write '' for each ' inside single quotes, or put the "
                      "text in double quotes")
        if ended:
            return tr("a quote inside quoted text ends it: put the text in single quotes ('Sở \"Tư pháp\" tỉnh'), "
                      "or write \\\" for each quote inside double quotes")
        if _AFTER_BRACKET.match(here):
            return tr("more text after a closing bracket (] or }}): a value in [ ] or {{ }} ends there; remove the "
                      "text after it, or put the whole value in quotes")
    if document and not _DOCUMENT_MARK.search(text):
        return tr("more text after the value that the file holds ended: check this line and the one above "
                  "(a parcli file is one mapping of key: value lines)")
    return None


# The parser's problems that mean a line is out of line (the caller points at it).
_INDENTATION = ("did not find expected key", "expected <block end>", "mapping values are not allowed",
                "did not find expected '-' indicator", "could not find expected ':'",
                "mapping keys are not allowed")

# libyaml's and PyYAML's own problems (English) → parcli's words for them. Both parsers
# word them alike; PyYAML adds ", but found '…'". Matched by their start.
_PROBLEMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("did not find expected key",), N_("a key was expected here")),
    (("expected <block end>",), N_("the block should end here, but this line goes on inside it")),
    (("mapping values are not allowed", "mapping keys are not allowed"),
     N_("a ':' where no key can begin; text that holds ': ' goes in quotes")),
    (("did not find expected '-' indicator",), N_("a list item ('- ') was expected here")),
    (("could not find expected ':'",), N_("a ':' was expected after the key")),
    (("did not find expected ',' or ']'", "expected ',' or ']'"),
     N_("a list in [ ] goes on here without ',' or ']': separate its items with commas and close it with ]")),
    (("did not find expected ',' or '}'", "expected ',' or '}'"),
     N_("a mapping in {{ }} goes on here without ',' or '}}': separate its pairs with commas and close it with }}")),
    (("invalid indentation or unclosed",),
     N_("a '[' or '{{' is not closed, or a line is indented wrongly")),
    (("did not find expected node content", "expected the node content"),
     N_("a value is missing here")),
    (("found character that cannot start any token", "found character"),
     N_("this character cannot begin a value (such as @ or `): put the text in quotes")),
    (("found unexpected end of stream",),
     N_("the file ends inside a quoted text or a bracket: close it")),
    (("found unknown escape character", "found invalid Unicode character escape",
      "expected escape sequence of"),
     N_("an escape (\\) that YAML does not know in double-quoted text: write \\\\ for a backslash, or use "
     "single quotes")),
    (("found unexpected ':'",),
     N_("an unexpected ':': put text that holds ': ' in quotes")),
    (("control characters are not allowed", "unacceptable character", "special characters are not allowed",
      "invalid Unicode character"),
     N_("a control character that YAML does not allow: remove it")),
    (("exceeded maximum nesting depth",),
     N_("nested too deeply")),
    (("expected a comment or a line break", "did not find expected comment or line break"),
     N_("more text after the value on this line: quote the whole value, or start a comment with ' #'")),
    (("found unexpected document indicator", "found unexpected document separator", "expected '<document start>'",
      "did not find expected <document start>", "but found another document", "expected a single document",
      "expected nothing after STREAM-END", "expected DOCUMENT-END", "expected DOCUMENT-START"),
     N_("a second document (---) in the file: a parcli file is one document")),
    (("block sequence entries are not allowed", "sequence entries are not allowed"),
     N_("a list item ('- ') where it cannot be: check the indentation of this line")),
    (("found incompatible YAML document", "found duplicate %YAML directive", "found duplicate %TAG directive",
      "found unknown directive name", "could not find expected directive name", "did not find expected digit",
      "expected a digit", "did not find expected version number", "found extremely long version number",
      "duplicate tag handle", "found duplicate YAML directive"),
     N_("a YAML directive (a line starting with %) that parcli does not take: remove the line")),
    (("expected chomping or indentation indicators", "found an indentation indicator equal to 0",
      "expected indentation indicator"),
     N_("a block text (| or >) with something after it that YAML does not take")),
    (("did not find expected whitespace", "expected ' '"),
     N_("a space is missing here")),
    (("did not find expected alphabetic or numeric character", "expected alphabetic or numeric character"),
     N_("a malformed anchor or alias (& or *): anchors and aliases are not supported; write the value out")),
    (("found undefined alias", "found duplicate anchor"),
     N_("anchors and aliases (&name / *name) are not supported; write the value out")),
    (("did not find URI escaped octet", "did not find expected tag URI", "expected URI", "tag handle",
      "tag prefix", "tag value", "did not find expected '!'", "expected '!'", "found non-specific tag",
      "found undefined tag handle", "did not find the expected '>'", "expected '>'"),
     N_("a malformed tag (!…): tags are not allowed; remove it")),
    (("input is too long",),
     N_("the file is too long for the YAML reader")),
    (("found an incorrect leading UTF-8 octet", "found an incorrect trailing UTF-8 octet",
      "invalid leading UTF-8 octet", "invalid trailing UTF-8 octet", "incomplete UTF-8",
      "invalid length of a UTF-8 sequence"),
     N_("text that is not valid UTF-8: save the file as UTF-8")),
    (("found duplicate key",),
     N_("a key given twice: each key may appear once")),
)

def _document_problems() -> tuple[str, ...]:
    """The parser's problems that :data:`_PROBLEMS` calls a second document."""
    return next(starts for starts, said in _PROBLEMS if said.startswith("a second document"))


# … and where they were: "while parsing a flow sequence" → "in a list [ ]".
_CONTEXTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("while parsing a flow sequence",), N_("in a list [ ]")),
    (("while parsing a flow mapping",), N_("in a mapping {{ }}")),
    (("while parsing a block mapping", "while composing a mapping"), N_("in a mapping of key: value lines")),
    (("while parsing a block collection",), N_("in a list of '- ' lines")),
    (("while scanning a quoted scalar", "while scanning a double-quoted scalar", "while parsing a quoted scalar"),
     N_("in a quoted text")),
    (("while scanning a simple key",), N_("in a key")),
    (("while scanning a plain scalar",), N_("in a text")),
    (("while scanning a block scalar",), N_("in a block text after | or >")),
    (("while scanning an anchor", "while scanning an alias"), N_("in an anchor & or an alias *")),
    (("while scanning a tag", "while parsing a tag"), N_("in a tag !…")),
    (("while scanning a directive", "while scanning a %", "while parsing a %", "while parsing a tag directive",
      "while scanning a tag directive"), N_("in a directive %…")),
    (("while parsing a node", "while parsing a block node", "while parsing a flow node"), N_("in a value")),
)


def _match(text: str, table) -> str | None:
    for starts, msgid in table:
        if text.startswith(starts):
            return msgid
    return None


def yaml_detail(problem: str, context: str) -> str:
    """What the YAML parser found, in parcli's words and the chosen language: never the
    parser's own English, whichever libyaml or PyYAML wrote it."""
    found = _match(problem.strip(), _PROBLEMS)
    text = tr(found) if found else tr("the YAML syntax is broken here")
    where = _match(context.strip(), _CONTEXTS)
    return f"{text} ({tr(where)})" if where else text


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _misaligned(lines: list[str], line: int) -> tuple[int, int, int]:
    """The line near ``line`` whose indentation differs from the line above it:
    (line number, its column, the column above), or zeros."""
    for number in (line, line - 1, line + 1):
        if not 1 < number <= len(lines):
            continue
        here = lines[number - 1]
        if not here.strip() or here.lstrip().startswith("#"):
            continue
        above_no = number - 1
        while above_no >= 1 and (not lines[above_no - 1].strip() or lines[above_no - 1].lstrip().startswith("#")):
            above_no -= 1
        if above_no < 1:
            continue
        above = lines[above_no - 1]
        if above.rstrip().endswith(":"):  # a parent key: its children are indented more
            continue
        if _indent(here) != _indent(above):
            return number, _indent(here) + 1, _indent(above) + 1
    return 0, 0, 0
