"""Every output of ``parcli survey``: the terminal table, JSON, CSV and the workbook.

JSON is a list, one object per unit: ``code, name, n, overall {index, low, high, n}, parts [{id, index,
low, high, n}], elements [{id, part, index, low, high, n}], items [{id, element, n, satisfied, rate, low,
high}], not_separable_from [codes]``, with the survey, the tool and the method (``status:
"reconstructed"``, ``levels {element, part, overall}``: each level's mean or pooled) in every object.
CSV: one row per unit and index (``level`` overall, part, element or item). Numbers: indices and bounds
rounded half-up to 2 decimals, as published.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .. import __version__
from ..i18n import N_, tr, trp
from ..survey import SURVEY_RESULT_SCHEMA
from ..survey.definition import LEVELS
from . import TOOL, display

# The method statement every output carries: English in JSON and CSV, the chosen language for people.
METHOD_NOTE = ("The official SIPAS formula (QĐ 1001/QĐ-BNV) was not available to parcli; this is the "
               "reconstruction that reproduces published figures (Hòa Bình 2023, QĐ 3016/QĐ-UBND): item rate = "
               "100 × satisfied / answers given, element = mean of its items, part = mean of its elements, overall "
               "= mean of the parts. Intervals: Wilson 95 % for an item rate; a percentile bootstrap over the "
               "unit's respondents for the other indices. 'Not separable' (overlapping overall intervals) is "
               "parcli's addition, part of no published SIPAS method.")
CSV_COLUMNS = ["code", "name", "level", "id", "part", "element", "n", "satisfied", "index", "low", "high"]


def method_object(result) -> dict[str, Any]:
    d = result.definition
    uniform = d.method.uniform
    levels = ("mean of items, elements, parts" if uniform == "mean" else "pooled answers at every level"
              if uniform == "pooled" else ", ".join(f"{level}: {d.method.of(level)}" for level in LEVELS))
    name = ("share of satisfied answers" if d.measure == "share" else "mean answer rescaled to 0-100") + "; " + levels
    note = METHOD_NOTE
    if uniform != "mean":  # the definition's own choice, said beside the published one (never contradicting it)
        note += (" The published reconstruction takes the mean at every level; this survey's definition chooses: "
                 + ", ".join(_LEVEL_SAID[level, d.method.of(level)] for level in LEVELS) + ".")
    return {"name": name, "status": "reconstructed", "note": note,
            "levels": {level: d.method.of(level) for level in LEVELS},
            "intervals": {"item": "wilson-95" if d.measure == "share" else "bootstrap-percentile-95",
                          "levels": "bootstrap-percentile-95", "resamples": result.resamples, "seed": result.seed}}


def _level(level) -> dict[str, Any]:
    return {"index": level.index, "low": level.low, "high": level.high, "n": level.n}


def survey_objects(result) -> list[dict[str, Any]]:
    d = result.definition
    head = {"schema": SURVEY_RESULT_SCHEMA, "tool": {"name": TOOL, "version": __version__},
            "survey": {"id": d.id, "sha256": d.sha256}, "method": method_object(result)}
    out = []
    for u in result.units:
        out.append({
            **head,
            "code": u.code,
            "name": u.name,
            "n": u.n,
            "overall": _level(u.overall),
            "parts": [{"id": p.id, **_level(p)} for p in u.parts],
            "elements": [{"id": e.id, "part": e.parent, **_level(e)} for e in u.elements],
            "items": [{"id": i.id, "element": i.element, "n": i.n, "satisfied": i.satisfied, "rate": i.rate,
                       "low": i.low, "high": i.high} for i in u.items],
            "not_separable_from": list(u.not_separable),
        })
    return out


def survey_rows(result):
    """CSV rows: one per unit and index."""
    part_of = {e.id: e.part for e in result.definition.elements}
    for u in result.units:
        o = u.overall
        yield [u.code, u.name, "overall", "overall", None, None, o.n, None, o.index, o.low, o.high]
        for p in u.parts:
            yield [u.code, u.name, "part", p.id, p.id, None, p.n, None, p.index, p.low, p.high]
        for e in u.elements:
            yield [u.code, u.name, "element", e.id, e.parent, e.id, e.n, None, e.index, e.low, e.high]
        for i in u.items:
            yield [u.code, u.name, "item", i.id, part_of[i.element], i.element, i.n, i.satisfied, i.rate, i.low,
                   i.high]


def method_lines(result, lang: str) -> list[str]:
    """What a person reads under the table: the method's status, the intervals, the pairs not separable."""
    d = result.definition
    lines = [method_line(d)]
    count = str(result.resamples)  # as --resamples takes it: 2.000 beside 99,75 would read as two
    lines.append(tr("Intervals: 95 %; Wilson for an item rate, a bootstrap over each unit's respondents ({count} "
                    "resamples, seed {seed}) for the other indices.", count=count, seed=result.seed)
                 if d.measure == "share" else
                 tr("Intervals: 95 %; a bootstrap over each unit's respondents ({count} resamples, seed {seed}).",
                    count=count, seed=result.seed))
    pairs = [(u.code, other) for u in result.units for other in u.not_separable if u.code < other]
    if pairs:
        shown = ", ".join(f"{a} ~ {b}" for a, b in pairs[:60])  # codes from the answers: not quoted, not cut
        more = tr(" and {count} more pairs", count=len(pairs) - 60) if len(pairs) > 60 else ""
        lines.append(tr("Not separable by the survey (their overall intervals overlap; parcli's addition, not part "
                        "of any published SIPAS method):") + " " + shown + more)
    elif len(result.units) > 1 and result.resamples:
        lines.append(tr("Every two units are separable by the survey: no two overall intervals overlap."))
    return lines


_LEVEL_SAID = {
    ("element", "mean"): N_("element = mean of items"),
    ("element", "pooled"): N_("element = pooled answers of its items"),
    ("part", "mean"): N_("part = mean of elements"),
    ("part", "pooled"): N_("part = pooled answers of its items"),
    ("overall", "mean"): N_("overall = mean of parts"),
    ("overall", "pooled"): N_("overall = pooled answers of every item"),
}


def method_line(d) -> str:
    """The method as a person reads it: reconstructed, and how each level was computed."""
    item = (tr("item rate = 100 × satisfied / answers given") if d.measure == "share" else
            tr("item rate = 100 × mean of (answer − min) / (max − min)"))
    steps = {level: tr(_LEVEL_SAID[level, d.method.of(level)]) for level in LEVELS}
    if d.method.uniform == "mean":
        return tr("Method: RECONSTRUCTED. The official SIPAS formula (QĐ 1001/QĐ-BNV) was not available; this is the "
                  "reconstruction that reproduces published figures (Hòa Bình 2023): {item}, {element}, {part}, "
                  "{overall}.", item=item, **steps)
    return tr("Method: RECONSTRUCTED. The official SIPAS formula (QĐ 1001/QĐ-BNV) was not available; the "
              "reconstruction that reproduces published figures (Hòa Bình 2023) takes the mean at every level; this "
              "survey's definition chooses: {item}, {element}, {part}, {overall}.", item=item, **steps)


def survey_table(result, lang: str = "vi", locale: str = "en"):
    """Units × parts: each index with its interval below it, and n."""
    from .table import Table, literal

    d = result.definition
    table = Table(title=literal(d.label(lang)), title_justify="left", show_lines=True)
    table.add_column(trp("survey", "Code"), no_wrap=True)
    table.add_column(trp("survey", "Unit"), overflow="fold", ratio=1, min_width=10)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column(trp("survey", "Overall"), justify="right", no_wrap=True)
    for p in d.parts:
        table.add_column(literal(p.id), justify="right", no_wrap=True)

    def cell(level) -> str:
        if level.index is None:
            return "–"
        shown = display(level.index, 2, locale, fixed=True)
        if level.low is None:
            return shown
        return f"{shown}\n{display(level.low, 2, locale, fixed=True)}–{display(level.high, 2, locale, fixed=True)}"

    for u in result.units:
        table.add_row(literal(u.code), literal(u.name or ""), display(Decimal(u.n), 0, locale),
                      cell(u.overall), *(cell(p) for p in u.parts))
    return table


def part_legend(result, lang: str) -> str:
    d = result.definition
    return tr("Parts: {parts}. Each cell: index (%), then its 95 % interval.",
              parts="; ".join(f"{p.id} = {p.title}" for p in d.parts))


def write_survey_workbook(fh, result, lang: str) -> None:
    """Two sheets: the units × parts summary, and every index of every unit."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    from .sheets import put_text

    d = result.definition
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet), "a new workbook opens on one worksheet"
    ws.title = trp("survey", "Summary")
    low, high = trp("survey", "low"), trp("survey", "high")
    header = [trp("survey", "Code"), trp("survey", "Unit"), "n", trp("survey", "Overall"), low, high]
    for p in d.parts:
        header += [p.id, f"{p.id} {low}", f"{p.id} {high}"]
    header.append(trp("survey", "Not separable from"))
    for k, h in enumerate(header, 1):
        put_text(ws.cell(row=1, column=k), h)
    for r, u in enumerate(result.units, 2):
        values: list[Any] = [u.code, u.name or "", u.n, u.overall.index, u.overall.low, u.overall.high]
        for p in u.parts:
            values += [p.index, p.low, p.high]
        values.append(", ".join(u.not_separable))
        for k, v in enumerate(values, 1):
            cell = ws.cell(row=r, column=k)
            if isinstance(v, str):
                put_text(cell, _sheet_text(v))
            else:
                cell.value = float(v) if v is not None and not isinstance(v, int) else v
                if v is not None and not isinstance(v, int):
                    cell.number_format = "0.00"
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(result.units) + 1}"
    for k, h in enumerate(header, 1):
        ws.column_dimensions[get_column_letter(k)].width = 30 if k == 2 else max(9, len(h) + 2)
    note_row = len(result.units) + 3
    for k, line in enumerate(method_lines(result, lang)):
        put_text(ws.cell(row=note_row + k, column=1), _sheet_text(line))
    detail = wb.create_sheet(trp("survey", "Detail"))
    detail.append(CSV_COLUMNS)
    for row in survey_rows(result):
        values = [float(v) if v is not None and not isinstance(v, (int, str)) else v for v in row]
        r = detail.max_row + 1
        for k, v in enumerate(values, 1):
            put_text(detail.cell(row=r, column=k), _sheet_text(v) if isinstance(v, str) else v)
    detail.freeze_panes = "A2"
    detail.auto_filter.ref = f"A1:{get_column_letter(len(CSV_COLUMNS))}{detail.max_row}"
    for r in detail.iter_rows(min_row=2, min_col=9, max_col=11):
        for cell in r:
            cell.number_format = "0.00"
    wb.save(fh)


def _sheet_text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("?", value)[:32_767]
