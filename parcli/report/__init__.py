"""Outputs: tables (rich), CSV, JSON, XLSX, YAML and HTML, and the number formats people see.

Only this package formats numbers for people. Inside, every number is an exact
Decimal; here it is rounded half-up for display, or written exactly (JSON, CSV).

:data:`WRITERS` (:mod:`parcli.report.writer`, with the interface every writer has) is the one
table of the file formats parcli writes: the suffixes that choose each, the module of its writer,
what it writes and whether it is text for standard output. Every ``-o`` is read through it
(:func:`writer_for`), the command line's help and messages name the suffixes it allows
(:func:`suffix_list`), and ``--format`` offers its choices (:func:`choices`). This module stays
light for that: the number formats (:func:`exact`, :func:`display`, which need the engine) load
when first used.
"""

from __future__ import annotations

from .. import __version__
from ..i18n import LANGUAGES, N_, NP_, Nn_, say, text_n
from .writer import (  # noqa: F401 - the table of writers and its answers, as parcli.report has them
    METHODS,
    PLAN,
    RANKING,
    REPORT,
    RESULTS,
    SURVEY,
    TEMPLATE,
    UNIT,
    WRITERS,
    Writer,
    WriterEntry,
    choices,
    format_for,
    formats,
    not_written,
    register_writer,
    suffix_list,
    suffixes,
    titles,
    writer_for,
    writer_of,
)

TOOL = "parcli"


def __getattr__(name: str):
    """:func:`exact` and :func:`display` live in :mod:`.numbers` (they need the engine) and load when first used."""
    if name in ("exact", "display"):
        from . import numbers

        value = globals()[name] = getattr(numbers, name)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def provenance_line(fw, lang: str = "en", tool: bool = True) -> str:
    """One line naming the tool (unless ``tool`` is false), the framework and whether it is
    reconstructed."""
    status = say(_STATUS[fw.status], lang)
    word = say(NP_("provenance line", "framework"), lang)
    line = f"{word} {fw.id} v{fw.version} · sha256 {fw.sha256[:12]} · {status}"
    return f"{TOOL} {__version__} · {line}" if tool else line


# A framework's status in a sentence (validate); the provenance line says "reconstructed" louder.
STATUS_WORDS = {"official": NP_("provenance", "official"), "reconstructed": NP_("provenance", "reconstructed"),
                "custom": NP_("provenance", "custom")}
_STATUS = {**STATUS_WORDS, "reconstructed": NP_("provenance line", "RECONSTRUCTED (not the official annex)")}
STRUCTURE = N_("{fields} fields, {criteria} criteria, {leaves} scored items")
LEAVES_SPLIT = N_("{subcriteria} sub-criteria, {direct} scored directly as criteria")
LEAVES_SUBS = N_("all sub-criteria")
LEAVES_DIRECT = N_("all criteria scored directly")


def structure_words(fw, lang: str = "vi") -> str:
    """A framework's structure, in the same words in ``frameworks``, ``validate`` and ``explain``:
    "8 lĩnh vực, 20 tiêu chí, 42 mục chấm điểm: 41 tiêu chí thành phần và 1 tiêu chí chấm trực tiếp"."""
    from ..i18n import text

    lang = lang if lang in ("vi", "en") else "vi"
    fields, criteria, subs = fw.counts()
    leaves = len(fw.leaves)
    direct = leaves - subs
    head = text(STRUCTURE, lang).format(fields=fields, criteria=criteria, leaves=leaves)
    if direct and subs:
        split = text(LEAVES_SPLIT, lang).format(subcriteria=subs, direct=direct)
    else:
        split = text(LEAVES_DIRECT if direct else LEAVES_SUBS, lang)
    return f"{head}: {split}"


def class_list(fw, locale: str = "en") -> list[str]:
    """The framework's classes and their thresholds on the displayed index, best first, as the report's
    legend gives them (the same spans as its colour scale): "Xuất sắc: ≥ 90", "Tốt: 80 – < 90", …, "Yếu: < 50"."""
    from .numbers import display

    bands = list(fw.header.classes)
    parts = []
    for i, band in enumerate(bands):
        low = display(band.min, fw.places, locale)
        high = display(bands[i - 1].min, fw.places, locale) if i else ""
        span = f"≥ {low}" if i == 0 else f"< {high}" if band.min == 0 else f"{low} – < {high}"
        parts.append(f"{band.label}: {span}")
    return parts



_MISSING = Nn_("{n} leaf has no evidence and scores 0: {shown}", "{n} leaves have no evidence and score 0: {shown}")
_WARNINGS = {
    "more": N_(" and {n} more"),
    "claim": N_("{leaf}: {given} points claimed, the evidence supports {supported}"),
    "override": N_("{leaf}: {given} points given override the {supported} computed"),
    "claim_bonus": N_("bonus: {given} points claimed, {supported} appraised"),
}


def warning_text(w, lang: str = "en", locale: str = "en") -> str:
    """A score warning in the user's language (English in JSON), its numbers in ``locale`` ("1,5" in vi)."""
    from .numbers import exact as exact_text

    def exact(value) -> str:
        words = exact_text(value)
        return words.replace(".", ",") if locale == "vi" else words

    lang = lang if lang in LANGUAGES else "en"
    if w.code == "missing":
        ids = w.ids
        shown = ", ".join(ids[:8]) + (say(_WARNINGS["more"], lang).format(n=len(ids) - 8) if len(ids) > 8 else "")
        return text_n(*_MISSING, len(ids), lang).format(n=len(ids), shown=shown)
    return say(_WARNINGS[w.code], lang).format(leaf=w.leaf, given=exact(w.given), supported=exact(w.supported))


# Every label a table, a sheet, a form or a report shows, by key (its context says where it is said).
LABELS: dict[str, tuple[str, str]] = {
    "id": NP_("column", "ID"),
    "title": NP_("column", "Title"),
    "max": NP_("column", "Max"),
    "points": NP_("column", "Points"),
    "lost": NP_("column", "Lost"),
    "status": NP_("column", "Status"),
    "claimed": NP_("column", "Claimed"),
    "index": NP_("column", "Index (%)"),
    "rank": NP_("column", "Rank"),
    "unit": NP_("column", "Unit"),
    "class": NP_("column", "Class"),
    "total": NP_("total", "Points"),
    "applicable_max": NP_("column", "Applicable max"),
    "bonus": NP_("column", "Bonus"),
    "penalty": NP_("column", "Penalty"),
    "change": NP_("column", "Change"),
    "warnings": NP_("column", "Warnings"),
    "warning": NP_("status", "warning"),
    "scored": NP_("status", "scored"),
    "missing": NP_("status", "missing"),
    "na": NP_("status", "not applicable"),
    "override": NP_("status", "override"),
    "field": NP_("column", "Field"),
    "criterion": NP_("column", "Criterion"),
    "subcriterion": NP_("column", "Sub-criterion"),
    "source": NP_("column", "Source"),
    "rule": NP_("column", "Rule"),
    "documents": NP_("column", "Documents"),
    "path": NP_("column", "Path"),
    "children": NP_("column", "Children"),
    "assessment": NP_("source", "assessment (appraised)"),
    "survey": NP_("source", "survey"),
    "impact": NP_("source", "socio-economic impact"),
    "level": NP_("column", "Level"),
    "basis": NP_("column", "Basis"),
    "version": NP_("column", "Version"),
    "provenance": NP_("column", "Provenance"),
    "counts": NP_("column", "Fields / criteria / sub-criteria"),
    "survey_points": NP_("column", "Survey points"),
    "year": NP_("column", "Year"),
    "previous": NP_("column", "Previous rank"),
    "leaf": NP_("column", "Leaf"),
    "reason": NP_("column", "Reason"),
    "measure": NP_("column", "Measure"),
    "frameworks": NP_("heading", "Frameworks shipped with parcli"),
    "level_province": NP_("level", "province"),
    "level_ministry": NP_("level", "ministry"),
    "level_department": NP_("level", "department"),
    "level_district": NP_("level", "district"),
    "level_commune": NP_("level", "commune"),
    "level_other": NP_("level", "other"),
    "status_reconstructed": NP_("provenance", "reconstructed (not the official annex)"),
    "status_official": NP_("provenance", "official"),
    "status_custom": NP_("provenance", "custom"),
    "code": NP_("column", "Code"),
    "item": NP_("column", "Item"),
    "index_change": NP_("column", "Index change"),
    "sheet_rank": NP_("heading", "Ranking"),
    "sheet_leaves": NP_("heading", "Leaves"),
    "sheet_about": NP_("heading", "About"),
    "tool": NP_("column", "Tool"),
    "framework": NP_("column", "Framework"),
    "sha256": NP_("column", "SHA-256 of the framework file"),
    "note": NP_("column", "Note"),
    "units": NP_("column", "Units"),
    "form_sheet": NP_("heading", "Self-assessment"),
    "form_help_sheet": NP_("heading", "Instructions"),
    "form_title": NP_("form", "Self-assessment form"),
    "form_unit": NP_("form", "Unit name"),
    "form_code": NP_("form", "Unit code"),
    "form_value": NP_("form", "Value"),
    "form_done": NP_("form", "Done"),
    "form_of": NP_("form", "Of"),
    "form_na": NP_("form", "Not applicable"),
    "form_claimed": NP_("form", "Claimed points"),
    "form_points": NP_("form", "Appraised points"),
    "form_note": NP_("form", "Note"),
    "form_bonus": NP_("form", "Bonus points"),
    "form_penalty": NP_("form", "Penalty points"),
    "yes": NP_("form", "Yes"),
    "no": NP_("form", "No"),
    "self_points": NP_("column", "Claimed total"),
    "self_index": NP_("column", "Claimed index (%)"),
}


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` (any other than ``en`` is Vietnamese); an unknown key is itself."""
    entry = LABELS.get(key)
    return key if entry is None else say(entry, lang)
