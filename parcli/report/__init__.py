"""Outputs: tables (rich), CSV, JSON, XLSX, YAML and HTML, and the number formats people see.

Only this package formats numbers for people. Inside, every number is an exact
Decimal; here it is rounded half-up for display, or written exactly (JSON, CSV).

:data:`WRITERS` is the one table of the file formats parcli writes: the suffixes that
choose each, the module of its writer, and what it writes. Every ``-o`` is read through
it (:func:`writer_for`), and the command line's help and messages name the suffixes it
allows (:func:`suffix_list`). This module stays light for that: the number formats
(:func:`exact`, :func:`display`, which need the engine) load when first used.
"""

from __future__ import annotations

from enum import Enum
from importlib import import_module
from pathlib import Path
from typing import NamedTuple

from .. import __version__
from ..errors import UsageError
from ..i18n import tr

TOOL = "parcli"

# What a command writes (a writer declares which of these it can write):
RESULTS = "results"    # every leaf of every unit (export)
RANKING = "ranking"    # one row per unit (rank -o)
UNIT = "unit"          # one unit's evidence (convert, plan --apply)
TEMPLATE = "template"  # a blank unit to fill (template -o)
REPORT = "report"      # the page for leaders (report -o)


class FileFormat(str, Enum):
    """The file formats parcli writes, chosen by an output's suffix; each has one writer."""

    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    yaml = "yaml"
    html = "html"

    @classmethod
    def for_path(cls, path: Path) -> FileFormat | None:
        return _BY_SUFFIX.get(path.suffix.lower())

    @property
    def suffixes(self) -> tuple[str, ...]:
        return WRITERS[self].suffixes

    def writes(self, what: str) -> bool:
        return what in WRITERS[self].writes

    def writer(self, lang: str = "vi", locale: str = "en") -> Writer:
        """This format's writer (its module is imported only now: openpyxl is slow to import).
        ``lang`` is for what people read (XLSX headers, forms, templates; CSV and JSON stay English);
        ``locale`` for the numbers of formats that follow it (CSV with ``vi``: what a vi-VN spreadsheet opens)."""
        entry = WRITERS[self]
        writer = getattr(import_module(entry.module, __name__), entry.name)()
        writer.lang = lang
        writer.locale = locale
        return writer


class WriterEntry(NamedTuple):
    suffixes: tuple[str, ...]  # the first is the one help and messages name
    module: str
    name: str
    writes: frozenset[str]


WRITERS: dict[FileFormat, WriterEntry] = {
    FileFormat.csv: WriterEntry((".csv",), ".csvout", "CsvWriter", frozenset({RESULTS, RANKING})),
    FileFormat.json: WriterEntry((".json",), ".jsonout", "JsonWriter", frozenset({RESULTS})),
    FileFormat.xlsx: WriterEntry((".xlsx",), ".xlsx", "XlsxWriter", frozenset({RESULTS, RANKING, UNIT, TEMPLATE})),
    FileFormat.yaml: WriterEntry((".yaml", ".yml"), ".unitfile", "YamlWriter", frozenset({UNIT, TEMPLATE})),
    FileFormat.html: WriterEntry((".html", ".htm"), ".htmlout", "HtmlWriter", frozenset({REPORT})),
}
_BY_SUFFIX = {suffix: fmt for fmt, entry in WRITERS.items() for suffix in entry.suffixes}
# ``-o -`` (standard output) has no suffix: it takes the text format of what is written.
_STDOUT = {RESULTS: FileFormat.csv, RANKING: FileFormat.csv, UNIT: FileFormat.yaml, TEMPLATE: FileFormat.yaml,
           REPORT: FileFormat.html}


def suffixes(what: str) -> list[str]:
    """Every suffix that ``-o`` takes for ``what``, in the table's order."""
    return [s for fmt, entry in WRITERS.items() if what in entry.writes for s in entry.suffixes]


def suffix_list(what: str, words: str | None = None, besides: tuple[FileFormat, ...] = ()) -> str:
    """The suffixes ``-o`` takes for ``what`` (the formats ``besides`` left out), as people read a list:
    ".csv, .json or .xlsx". ``words``: the word for "or" (the command line's help is English; messages
    pass ``tr(" or ")``)."""
    names = [entry.suffixes[0] for fmt, entry in WRITERS.items() if what in entry.writes and fmt not in besides]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (words or " or ") + names[-1]


def writer_for(output: Path, what: str, lang: str = "vi", locale: str = "en") -> Writer:
    """The writer that ``output``'s suffix chooses for ``what``; any other suffix is a usage error
    (exit 2) naming the suffixes allowed. A stream without a suffix (``-`` for standard output,
    ``/dev/stdout``, a FIFO) takes the text format of ``what``."""
    fmt = FileFormat.for_path(output) if str(output) != "-" else None
    if fmt is None and _is_stream(output):
        fmt = _STDOUT[what]
    if fmt is None or not fmt.writes(what):
        raise UsageError(f"{output}: " + tr("{what} is written as {suffixes}; this name ends in {suffix!r}",
                                            what=_what(what), suffixes=suffix_list(what, tr(" or ")),
                                            suffix=output.suffix or tr("(no suffix)")))
    return fmt.writer(lang, locale)


def _is_stream(output: Path) -> bool:
    import os
    import stat

    if str(output) == "-":
        return True
    if output.suffix:
        return False
    try:
        mode = os.stat(output).st_mode  # through symlinks: /dev/stdout is a device or a pipe
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _what(what: str) -> str:
    return {RESULTS: tr("an export"), RANKING: tr("a ranking"), UNIT: tr("a unit"), TEMPLATE: tr("a template"),
            REPORT: tr("a report")}[what]


class Writer:
    """Writes to a binary file handle in one format. A format writes what its entry in
    :data:`WRITERS` declares, and has the method of each: :meth:`results`, :meth:`ranking`,
    :meth:`unit`, :meth:`template`, :meth:`report`."""

    name = ""
    lang = "vi"
    locale = "en"
    ranking_shows_leaves = False  # its ranking also shows every unit's leaves (needs the full summaries)
    ranks_results = False  # its results also rank the units (a workbook's ranking sheet)

    def _not_written(self, what: str):
        return UsageError(tr("{what} is written as {suffixes}", what=_what(what),
                             suffixes=suffix_list(what, tr(" or "))))

    def results(self, fh, summaries) -> None:
        """Every unit's leaves (export)."""
        raise self._not_written(RESULTS)

    def one(self, fh, summary) -> None:
        """One unit's result (score --format)."""
        self.results(fh, [summary])

    def ranking(self, fh, ranking, leaves=()) -> None:
        """A ranking, one row per unit (rank); ``leaves``: the units' full summaries, when
        :attr:`ranking_shows_leaves`."""
        raise self._not_written(RANKING)

    def unit(self, fh, unit, fw, ref: str, source: str = "") -> None:
        """One checked unit (``ref``: its framework as the written file names it; ``source``: where it came from)."""
        raise self._not_written(UNIT)

    def template(self, fh, fw, ref: str, year: int | None = None) -> None:
        """A blank unit of framework ``fw`` that validates as it is."""
        raise self._not_written(TEMPLATE)

    def report(self, fh, collected, previous=None, tick=None) -> None:
        """The page for leaders of scored units, as :func:`parcli.htmlreport.collect` reduced them
        (``previous``: an earlier ranking read by :func:`parcli.inputs.ranking.read_previous`; ``tick``: called
        as each unit's page is written)."""
        raise self._not_written(REPORT)


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
    status = _STATUS[lang if lang in _STATUS else "vi"][fw.status]
    word = "bộ tiêu chí" if lang == "vi" else "framework"
    line = f"{word} {fw.id} v{fw.version} · sha256 {fw.sha256[:12]} · {status}"
    return f"{TOOL} {__version__} · {line}" if tool else line


_STATUS = {
    "vi": {"reconstructed": "TÁI DỰNG (không phải số liệu chính thức)", "official": "chính thức",
           "custom": "tự xây dựng"},
    "en": {"reconstructed": "RECONSTRUCTED (not the official annex)", "official": "official", "custom": "custom"},
}


_WARNINGS = {
    "en": {
        "missing": "{n} leaves have no evidence and score 0: {shown}",
        "more": " and {n} more",
        "claim": "{leaf}: {given} points claimed, the evidence supports {supported}",
        "override": "{leaf}: {given} points given override the {supported} computed",
        "claim_bonus": "bonus: {given} points claimed, {supported} appraised",
    },
    "vi": {
        "missing": "{n} tiêu chí chưa có số liệu, được 0 điểm: {shown}",
        "more": " và {n} tiêu chí khác",
        "claim": "{leaf}: tự chấm {given} điểm, số liệu chỉ đạt {supported} điểm",
        "override": "{leaf}: điểm thẩm định {given} thay cho {supported} điểm tính được",
        "claim_bonus": "điểm thưởng: tự chấm {given} điểm, được thẩm định {supported} điểm",
    },
}


def warning_text(w, lang: str = "en") -> str:
    """A score warning in the user's language (English in JSON)."""
    from .numbers import exact

    words = _WARNINGS.get(lang, _WARNINGS["en"])
    if w.code == "missing":
        ids = w.ids
        shown = ", ".join(ids[:8]) + (words["more"].format(n=len(ids) - 8) if len(ids) > 8 else "")
        return words["missing"].format(n=len(ids), shown=shown)
    return words[w.code].format(leaf=w.leaf, given=exact(w.given), supported=exact(w.supported))


LABELS = {
    "vi": {
        "id": "Mã",
        "title": "Nội dung",
        "max": "Điểm tối đa",
        "points": "Điểm đạt",
        "lost": "Điểm mất",
        "status": "Trạng thái",
        "claimed": "Tự đánh giá",
        "index": "Chỉ số (%)",
        "rank": "Xếp hạng",
        "unit": "Đơn vị",
        "class": "Xếp loại",
        "total": "Tổng điểm",
        "applicable_max": "Điểm tối đa áp dụng",
        "bonus": "Điểm thưởng",
        "penalty": "Điểm trừ",
        "change": "Thay đổi",
        "warnings": "Cảnh báo",
        "warning": "cảnh báo",
        "scored": "đã chấm",
        "missing": "thiếu",
        "na": "không áp dụng",
        "override": "thẩm định",
        "field": "Lĩnh vực",
        "criterion": "Tiêu chí",
        "subcriterion": "Tiêu chí thành phần",
        "source": "Nguồn điểm",
        "rule": "Cách chấm",
        "documents": "Tài liệu kiểm chứng",
        "path": "Vị trí",
        "children": "Nội dung con",
        "assessment": "đánh giá, thẩm định",
        "survey": "điều tra xã hội học",
        "impact": "chỉ tiêu kinh tế – xã hội",
        "level": "Cấp",
        "basis": "Căn cứ",
        "version": "Phiên bản",
        "provenance": "Nguồn gốc",
        "counts": "Lĩnh vực / tiêu chí / TCTP",
        "survey_points": "Điểm điều tra",
        "year": "Năm",
        "previous": "Hạng trước",
        "leaf": "Tiêu chí",
        "reason": "Căn cứ chấm",
        "measure": "Đơn vị đo",
        "frameworks": "Các bộ tiêu chí có sẵn trong parcli",
        "level_province": "cấp tỉnh",
        "level_ministry": "cấp bộ",
        "level_department": "cấp sở, ban, ngành",
        "level_district": "cấp huyện",
        "level_commune": "cấp xã",
        "level_other": "khác",
        "status_reconstructed": "tái dựng (không phải số liệu chính thức)",
        "status_official": "chính thức",
        "status_custom": "tự xây dựng",
        "code": "Mã đơn vị",
        "item": "Mục",
        "index_change": "Thay đổi chỉ số",
        "sheet_rank": "Xếp hạng",
        "sheet_leaves": "Chi tiết tiêu chí",
        "sheet_about": "Thông tin",
        "tool": "Công cụ",
        "framework": "Bộ tiêu chí",
        "sha256": "SHA-256 của tệp bộ tiêu chí",
        "note": "Ghi chú",
        "units": "Số đơn vị",
        "form_sheet": "Tự đánh giá",
        "form_help_sheet": "Hướng dẫn",
        "form_title": "Phiếu tự đánh giá",
        "form_unit": "Tên đơn vị",
        "form_code": "Mã đơn vị",
        "form_value": "Giá trị",
        "form_done": "Đã thực hiện",
        "form_of": "Tổng số",
        "form_na": "Không áp dụng",
        "form_claimed": "Điểm tự chấm",
        "form_points": "Điểm thẩm định",
        "form_note": "Giải trình",
        "yes": "Có",
        "no": "Không",
    },
    "en": {
        "id": "ID",
        "title": "Title",
        "max": "Max",
        "points": "Points",
        "lost": "Lost",
        "status": "Status",
        "claimed": "Claimed",
        "index": "Index (%)",
        "rank": "Rank",
        "unit": "Unit",
        "class": "Class",
        "total": "Points",
        "applicable_max": "Applicable max",
        "bonus": "Bonus",
        "penalty": "Penalty",
        "change": "Change",
        "warnings": "Warnings",
        "warning": "warning",
        "scored": "scored",
        "missing": "missing",
        "na": "not applicable",
        "override": "override",
        "field": "Field",
        "criterion": "Criterion",
        "subcriterion": "Sub-criterion",
        "source": "Source",
        "rule": "Rule",
        "documents": "Documents",
        "path": "Path",
        "children": "Children",
        "assessment": "assessment (appraised)",
        "survey": "survey",
        "impact": "socio-economic impact",
        "level": "Level",
        "basis": "Basis",
        "version": "Version",
        "provenance": "Provenance",
        "counts": "Fields / criteria / sub-criteria",
        "survey_points": "Survey points",
        "year": "Year",
        "previous": "Previous rank",
        "leaf": "Leaf",
        "reason": "Reason",
        "measure": "Measure",
        "frameworks": "Frameworks shipped with parcli",
        "level_province": "province",
        "level_ministry": "ministry",
        "level_department": "department",
        "level_district": "district",
        "level_commune": "commune",
        "level_other": "other",
        "status_reconstructed": "reconstructed (not the official annex)",
        "status_official": "official",
        "status_custom": "custom",
        "code": "Code",
        "item": "Item",
        "index_change": "Index change",
        "sheet_rank": "Ranking",
        "sheet_leaves": "Leaves",
        "sheet_about": "About",
        "tool": "Tool",
        "framework": "Framework",
        "sha256": "SHA-256 of the framework file",
        "note": "Note",
        "units": "Units",
        "form_sheet": "Self-assessment",
        "form_help_sheet": "Instructions",
        "form_title": "Self-assessment form",
        "form_unit": "Unit name",
        "form_code": "Unit code",
        "form_value": "Value",
        "form_done": "Done",
        "form_of": "Of",
        "form_na": "Not applicable",
        "form_claimed": "Claimed points",
        "form_points": "Appraised points",
        "form_note": "Note",
        "yes": "Yes",
        "no": "No",
    },
}


def label(key: str, lang: str) -> str:
    return LABELS.get(lang, LABELS["vi"]).get(key, key)
