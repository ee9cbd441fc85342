"""The campaign.yaml that ``campaign init`` writes: commented, and valid as it is."""

from __future__ import annotations

import json


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _ascii(text: str) -> str:
    """A folder's name without its diacritics ("Đợt chấm điểm 2025" -> "Dot cham diem 2025") for the id."""
    import unicodedata

    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def campaign_yaml(fw, ref: str, year: int, members: list[tuple[str, str, str]] | None, name: str) -> str:
    """The text of a new campaign.yaml for framework ``fw`` (named ``ref``), ``year``, the ``members``
    (code, name, group; None: one example unit) and a campaign id from the folder's ``name``; its comments, the
    title of the one group of the units given without a group in the current language (the values, which the
    minutes and the report print, in Vietnamese as offices write them)."""
    import re

    from ..i18n import tr

    def note(text: str, at: int = 0) -> str:
        """A comment, wrapped at 100 columns: a line after the first starts with "#" under the first's (at
        column ``at``)."""
        import textwrap

        lines = textwrap.wrap(" ".join(text.split()), max(40, 98 - at)) or [""]
        return ("\n" + " " * at + "# ").join(["", *lines])[1:].lstrip()

    cid = re.sub(r"[^A-Za-z0-9_.-]+", "-", _ascii(name)).strip("-.") or f"campaign-{year}"
    members = members or [("DV01", "Đơn vị mẫu (thay bằng đơn vị thật)", "")]
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, unit, group in members:
        groups.setdefault(group or "all", []).append((code, unit))
    fields = [f.id for f in fw.fields]
    half = max(1, len(fields) // 2)
    declared = fw.header.adjustments  # bonus and penalty points: covered like leaves, named by their kind
    kinds = [item.kind for item in declared.items] if declared is not None else []
    lines = [
        note(tr("A parcli campaign (đợt chấm điểm): edit the units, appraisers and deadlines, then run")),
        "#   parcli campaign forms " + tr("<this folder>"),
        note(tr("Times are local (Asia/Ho_Chi_Minh, UTC+7); a stage closes at its deadline.")),
        "schema: parcli/campaign/v1",
        f"id: {_q(cid[:40])}",
        f"title: {_q(f'Xác định Chỉ số CCHC năm {year}')}",
        f"year: {year}",
        "issuer: {agency: \"SỞ NỘI VỤ\", place: \"\"}   " + note(tr("for the minutes' heading")),
        "groups:                 " + note(tr("each group is ranked separately")),
    ]
    for gid, units in groups.items():
        title = tr("All units") if gid == "all" else gid
        lines += [f"  - id: {_q(gid)}", f"    title: {_q(title)}",
                  f"    framework: {_q(ref)}   " + note(tr("a shipped id or a path relative to this file")),
                  "    units:"]
        lines += [f"      - {{code: {_q(code)}, name: {_q(unit)}}}" for code, unit in units]
    lines += [
        "appraisers:             " + note(at=24, text=tr(
            "every assessment leaf of every group covered by exactly one appraiser (a cover is a field, criterion or "
            "leaf id; bonus and penalty where the framework declares them)")),
        f"  - {{code: TGV1, name: \"Tổ giúp việc 1\", covers: {json.dumps(fields[:half] + kinds)}}}",
    ]
    if fields[half:]:
        lines.append(f"  - {{code: TGV2, name: \"Tổ giúp việc 2\", covers: {json.dumps(fields[half:])}}}")
    lines += [
        "deadlines:",
        f"  self_assessment: {year}-11-03T17:00",
        f"  appraisal_1: {year}-11-20T17:00",
        f"  explanation: {year}-11-27T17:00",
        f"  appraisal_2: {year}-12-05T17:00",
        "extensions: {}          " + note(tr("e.g. {example}", example="{SYT: {self_assessment: "
                                            f"{year}-11-06T17:00" + "}}")),
        "policy: {missing_documents: explain}   " + note(at=39, text=tr(
            "points claimed without documents: explain (the unit is asked to explain) | zero (0 unless appraised) | "
            "none")),
    ]
    return "\n".join(lines) + "\n"
