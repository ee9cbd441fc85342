"""Outputs: tables (rich), CSV, JSON and XLSX, and the number formats people see.

Only this package formats numbers for people. Inside, every number is an exact
Decimal; here it is rounded half-up for display, or written exactly (JSON, CSV).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from importlib import import_module
from pathlib import Path

from .. import __version__
from ..engine import Index, round_index
from ..errors import UsageError
from ..i18n import tr

TOOL = "parcli"


class FileFormat(str, Enum):
    """The file formats parcli writes, chosen by an output's extension; each has one writer."""

    csv = "csv"
    json = "json"
    xlsx = "xlsx"

    @classmethod
    def for_path(cls, path: Path) -> FileFormat | None:
        return cls.__members__.get(path.suffix.lower().lstrip("."))

    def writer(self, lang: str = "vi") -> Writer:
        """This format's writer (its module is imported only now: openpyxl is slow to import).
        ``lang`` is for formats people read (XLSX headers); CSV and JSON stay English."""
        module, name = _WRITERS[self]
        writer = getattr(import_module(module, __name__), name)()
        writer.lang = lang
        return writer


_WRITERS = {
    FileFormat.csv: (".csvout", "CsvWriter"),
    FileFormat.json: (".jsonout", "JsonWriter"),
    FileFormat.xlsx: (".xlsx", "XlsxWriter"),
}


class Writer:
    """Writes summaries (:mod:`parcli.summary`) to a binary file handle in one format."""

    name = ""
    writes_rankings = False
    lang = "vi"

    def results(self, fh, summaries) -> None:
        """Every unit's leaves (export)."""
        raise UsageError(tr("results are not written as {format}", format=self.name))

    def one(self, fh, summary) -> None:
        """One unit's result (score --format)."""
        self.results(fh, [summary])

    def ranking(self, fh, ranking, leaves=()) -> None:
        """A ranking, one row per unit (rank); ``leaves``: the units' full summaries, for formats that show them."""
        raise UsageError(tr("a ranking is not written as {format}; use a .csv name", format=self.name))


def exact(value: Decimal) -> str:
    """A Decimal as plain text with no exponent and no trailing zeros: 0.374, 100, 2.5.

    A rounded index keeps its places (86.70), as published.
    """
    if isinstance(value, Index):
        return f"{value:f}"
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def display(value: Decimal | None, places: int, locale: str = "en", fixed: bool = False) -> str:
    """Rounded half-up to ``places`` for people; ``fixed`` keeps trailing zeros (indices)."""
    if value is None:
        return ""
    q = round_index(value, places)
    if q == 0:
        q = abs(q)  # never "-0" (a small loss that rounds to nothing)
    text = f"{q:,f}" if fixed else f"{_trim(q):,f}"
    if locale == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _trim(q: Decimal) -> Decimal:
    if q == q.to_integral_value():
        return q.quantize(Decimal(1))
    return q.normalize()


def provenance_line(fw, lang: str = "en") -> str:
    """One line naming the tool, the framework and whether it is reconstructed."""
    status = _STATUS[lang if lang in _STATUS else "vi"][fw.status]
    word = "bộ tiêu chí" if lang == "vi" else "framework"
    return f"{TOOL} {__version__} · {word} {fw.id} v{fw.version} · sha256 {fw.sha256[:12]} · {status}"


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
    },
    "vi": {
        "missing": "{n} tiêu chí chưa có số liệu, được 0 điểm: {shown}",
        "more": " và {n} tiêu chí khác",
        "claim": "{leaf}: tự chấm {given} điểm, số liệu chỉ đạt {supported} điểm",
        "override": "{leaf}: điểm thẩm định {given} thay cho {supported} điểm tính được",
    },
}


def warning_text(w, lang: str = "en") -> str:
    """A score warning in the user's language (English in JSON)."""
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
        "kind_yes_no": "có/không",
        "kind_choice": "chọn mức",
        "kind_bands": "theo khoảng",
        "kind_linear": "tỷ lệ thuận",
        "kind_scale": "thang điểm khảo sát",
        "kind_per_item": "cộng theo số lần",
        "kind_deduction": "trừ theo vi phạm",
        "kind_manual": "thẩm định chấm",
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
        "kind_yes_no": "yes/no",
        "kind_choice": "choice",
        "kind_bands": "bands",
        "kind_linear": "linear",
        "kind_scale": "survey scale",
        "kind_per_item": "per item",
        "kind_deduction": "deduction",
        "kind_manual": "appraisers' points",
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
