"""The workbooks a campaign sends (DESIGN §12), written with openpyxl: the appraisers' workbook
(one per appraiser and round) and the unit's explanation workbook; and the values of their
read-only cells, which the digest covers (the writer writes them, ``campaign receive`` computes
them again to see what changed).

Layout (:mod:`parcli.inputs.campaign`): a title, the recipient and the deadline at the top, the
headers on row 5, a row per unit and leaf below; read-only cells locked (sheet protection without
a password), input cells unlocked and shaded, with data validation (points from 0 to the leaf's
max, Có/Không); print-ready like the form (A4 landscape, fit to width, headers repeated, row
heights that fit); a hidden sheet ``parcli`` with the campaign, recipient, stage, round, language,
sheet name and digest. Text is written as text, never as a formula.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from ..campaign.config import STAGE_WORDS, stage_words
from ..i18n import NC_, text
from ..inputs.campaign import (
    ADJUSTMENT_RULES,
    APPRAISAL_INPUTS,
    APPRAISAL_SCHEMA,
    CONTEXT,
    EXPLANATION_INPUTS,
    EXPLANATION_SCHEMA,
    FIRST_ROW,
    HEADER_ROW,
    NUMBERS,
    adjustment_id,
    appraisal_columns,
    explanation_columns,
    head,
)
from ..inputs.form import META, form_label
from ..inputs.workbook import column_letters

WIDTHS = {"unit": 10, "unit_name": 18, "leaf": 9, "title": 34, "max": 7, "rule": 30, "evidence": 16, "documents": 24,
          "note": 22, "claimed": 8, "computed": 9, "r1_points": 9, "r1_reason": 22, "appraiser": 16,
          "explanation": 30, "added": 24, "points": 10, "reason": 26, "request": 11}
SHEETS = {"appraisal": NC_("campaign workbook", "Appraisal"), "explanation": NC_("campaign workbook", "Explanation")}
TITLES = {"appraisal": NC_("campaign workbook", "Appraisal of the self-assessments, round {round}"),
          "explanation": NC_("campaign workbook", "Explanation to the appraisers")}
FOR = NC_("campaign workbook", "For: {name} ({code})")
DUE = NC_("campaign workbook", "Deadline: {deadline} (Vietnam time). Fill in the shaded columns only.")
HINTS = {"appraisal": NC_("campaign workbook", "Appraised points: leave blank to keep the computed points (round 2: "
                          "the round 1 points); a reason is required where the points differ from the claim."),
         "explanation": NC_("campaign workbook", "Explain each leaf and list the documents you add, one per line.")}


def words(key: str, lang: str, **values) -> str:
    return text(key, lang, CONTEXT).format(**values)


def evidence_words(node, ev, lang: str, places: int) -> str:
    """A leaf's evidence in the form's words: Có/Không, the option's title, 85 %, 60 / 78, a count."""
    from . import display

    if ev is None:
        return ""
    if ev.na:
        return form_label("form_na", lang)
    if ev.form == "bool":
        return form_label("yes" if ev.amount else "no", lang)
    if ev.form == "option":
        return node.rule.title(ev.amount, lang)
    if ev.form == "ratio":
        return f"{display(ev.done, 6)} / {display(ev.of, 6)}"
    if ev.form == "percent":
        return f"{display(ev.amount, 6)} %"
    if ev.form in ("count", "value"):
        return display(ev.amount, 6)
    if ev.points is not None:
        return display(ev.points, places)
    return ""


def rule_words(node, lang: str, places: int) -> str:
    from . import display

    rule = node.rule
    if rule is None:  # a bonus or penalty (its row's node has no rule): what it does to the total
        return words(ADJUSTMENT_RULES[node.id], lang, max=display(node.max, places))
    unit_text = rule.unit(lang)
    return rule.describe(node.max, lang, lambda v: display(v, places)) + (f" ({unit_text})" if unit_text else "")


def row_id(node, lang: str) -> str:
    """A row's Leaf ID cell: the leaf's id, or the words of a bonus or penalty (its node has no rule)."""
    return node.id if node.rule is not None else adjustment_id(node.id, lang)


def appraisal_values(item, lang: str, places: int, round_: int) -> dict[str, Any]:
    """The read-only cells of one row of an appraisers' workbook (an ``AppraisalItem`` of
    :mod:`parcli.campaign.cycle`; a bonus's or penalty's row like a leaf's)."""
    ev = item.evidence
    values: dict[str, Any] = {
        "unit": item.unit, "unit_name": item.unit_name, "leaf": row_id(item.node, lang),
        "title": item.node.label(lang),
        "max": item.node.max, "rule": rule_words(item.node, lang, places),
        "evidence": evidence_words(item.node, ev, lang, places),
        "documents": "\n".join(ev.documents) if ev is not None else None,
        "note": ev.note if ev is not None else None,
        "claimed": ev.claimed if ev is not None else None, "computed": item.computed,
    }
    if round_ == 2:
        values.update(r1_points=item.r1_points, r1_reason=item.r1_reason, explanation=item.explanation,
                      added=item.added)
    return values


def explanation_values(item, lang: str) -> dict[str, Any]:
    """The read-only cells of one row of a unit's explanation workbook (an ``AppraisalItem``)."""
    ev = item.evidence
    return {"leaf": row_id(item.node, lang), "title": item.node.label(lang), "max": item.node.max,
            "claimed": ev.claimed if ev is not None else None, "r1_points": item.r1_points,
            "r1_reason": item.r1_reason, "appraiser": item.appraiser}


def write_appraisal(items, round_: int, lang: str, places: int, recipient: tuple[str, str], deadline: str,
                    identity: list[tuple[str, str]]) -> bytes:
    """The appraisers' workbook of one appraiser (``recipient``: code, name) for ``round_``."""
    columns = appraisal_columns(round_)
    rows = []
    for item in items:
        values = appraisal_values(item, lang, places, round_)
        if round_ == 1 and item.request_default:
            values["request"] = form_label("yes", lang)
        rows.append((item.node.max, values))
    return _write("appraisal", APPRAISAL_SCHEMA, columns, APPRAISAL_INPUTS[round_], rows, lang, recipient, deadline,
                  identity, {"round": round_})


def write_explanation(items, lang: str, recipient: tuple[str, str], deadline: str,
                      identity: list[tuple[str, str]]) -> bytes:
    """The explanation workbook of one unit: its leaves that need explaining."""
    rows = [(item.node.max, explanation_values(item, lang)) for item in items]
    return _write("explanation", EXPLANATION_SCHEMA, explanation_columns(), EXPLANATION_INPUTS, rows, lang, recipient,
                  deadline, identity, {})


def _write(kind: str, schema: str, columns, inputs, rows, lang: str, recipient, deadline: str, identity,
           fill: dict) -> bytes:
    from openpyxl import Workbook as Book
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from .sheets import height_for, print_setup, put_text

    wb = Book()
    ws = wb.active
    assert isinstance(ws, Worksheet), "a new workbook opens on one worksheet"
    ws.title = words(SHEETS[kind], lang)
    title = words(TITLES[kind], lang, **fill)
    put_text(ws["A1"], title)
    ws["A1"].font = Font(bold=True, size=13)
    put_text(ws["A2"], words(FOR, lang, name=recipient[1], code=recipient[0]))
    ws["A2"].font = Font(bold=True)
    put_text(ws["A3"], words(DUE, lang, deadline=deadline) + " " + words(HINTS[kind], lang))
    ws["A3"].font = Font(italic=True, color="606060")
    letter = {key: column_letters(i) for i, key in enumerate(columns, start=1)}
    bold = Font(bold=True)
    for key in columns:
        c = ws[f"{letter[key]}{HEADER_ROW}"]
        put_text(c, head(key, lang))
        c.font = bold
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[letter[key]].width = WIDTHS[key]
    ws.row_dimensions[HEADER_ROW].height = height_for((head(k, lang), WIDTHS[k]) for k in columns)
    unlocked = Protection(locked=False)
    shade = PatternFill("solid", fgColor="FFF8DC")
    wrap = Alignment(wrap_text=True, vertical="top")
    yes, no = form_label("yes", lang), form_label("no", lang)
    choices = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True)
    choices.showErrorMessage = True
    ws.add_data_validation(choices)
    ranges: dict[Decimal, DataValidation] = {}
    r = FIRST_ROW
    for top, values in rows:
        for key in columns:
            cell = ws[f"{letter[key]}{r}"]
            value = values.get(key)
            if key in NUMBERS and isinstance(value, Decimal) and _float_exact(value):
                cell.value = value
            elif key in NUMBERS and isinstance(value, Decimal):  # more digits than a spreadsheet's number holds:
                put_text(cell, f"{value.normalize():f}")         # text, read back as written (the digest's value)
            elif value is not None and value != "":
                put_text(cell, str(value))
            cell.alignment = wrap
            if key in inputs:
                cell.protection = unlocked
                cell.fill = shade
        if "points" in inputs:
            dv = ranges.get(top)
            if dv is None:
                dv = ranges[top] = DataValidation(type="decimal", operator="between", formula1="0",
                                                  formula2=str(top), allow_blank=True)
                dv.showErrorMessage = True
                ws.add_data_validation(dv)
            dv.add(f"{letter['points']}{r}")
        if "request" in inputs:
            choices.add(f"{letter['request']}{r}")
        height = height_for((str(values.get(k) or ""), WIDTHS[k]) for k in columns)
        if height:
            ws.row_dimensions[r].height = height
        r += 1
    ws.freeze_panes = f"{column_letters(4)}{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.formatCells = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.sort = False
    ws.protection.autoFilter = False
    ws.auto_filter.ref = f"A{HEADER_ROW}:{letter[columns[-1]]}{max(r - 1, HEADER_ROW)}"
    print_setup(ws, title, f"{HEADER_ROW}:{HEADER_ROW}", words(FOR, lang, name=recipient[1], code=recipient[0]))
    ws.print_area = f"A1:{letter[columns[-1]]}{max(r - 1, HEADER_ROW)}"
    meta = wb.create_sheet(META)
    meta.sheet_state = "hidden"
    for i, (key, value) in enumerate([("schema", schema), *identity, ("lang", lang), ("sheet", ws.title)], start=1):
        put_text(meta.cell(row=i, column=1), key)
        put_text(meta.cell(row=i, column=2), value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- terminal views -------------------------------------------------------------------

STATE_WORDS = {"overdue": NC_("deadline", "overdue"), "due": NC_("deadline", "due (≤ 1 day)"),
               "soon": NC_("deadline", "due soon ({days} days left)"), "open": NC_("deadline", "{days} days left"),
               "closed": NC_("deadline", "every stage closed")}
STATUS_HEADS = {"code": NC_("status", "Code"), "member": NC_("status", "Unit / appraiser"),
                "stage": NC_("status", "Stage"), "last": NC_("status", "Last file"),
                "deadline": NC_("status", "Deadline"), "appraise": NC_("status", "To appraise"),
                "explain": NC_("status", "Explanations (answered/asked)")}
LOG_HEADS = {"at": NC_("log", "When"), "who": NC_("log", "Who"), "what": NC_("log", "What"),
             "unit": NC_("log", "Unit"), "file": NC_("log", "File (sha256)"), "detail": NC_("log", "Detail")}
WHAT_WORDS = {"init": NC_("log action", "started the campaign"), "forms": NC_("log action", "wrote the forms"),
              "received": NC_("log action", "received"), "appraised": NC_("log action", "appraised"),
              "refused": NC_("log action", "refused"), "appraise": NC_("log action", "wrote the appraisal workbooks"),
              "explain": NC_("log action", "wrote the explanation workbooks"), "check": NC_("log action", "checked"),
              "minutes": NC_("log action", "wrote the minutes"),
              "report": NC_("log action", "wrote the council's report and the publication table")}


def _float_exact(value: Decimal) -> bool:
    """Whether a spreadsheet's number (a double) holds ``value`` exactly as its shortest decimal, as a workbook
    saved again reads it back."""
    return value.is_finite() and Decimal(repr(float(value))) == value


def deadline_words(entry: dict, lang: str) -> str:
    state = entry["deadline_state"]
    found = text(STATE_WORDS[state], lang, "deadline").format(days=entry.get("days"))
    if entry.get("deadline"):
        found += " · " + entry["deadline"][:16].replace("T", " ")
    return found


def _stage_deadline(entry: dict, lang: str) -> str:
    if entry["stage"] is None:
        return deadline_words(entry, lang)
    return f"{stage_words(entry['stage'], lang)}: {deadline_words(entry, lang)}"


def _when(text_: str | None) -> str:
    return text_[:16].replace("T", " ") if text_ else "–"


def status_lines(data: dict, lang: str, width: int, color: bool = False) -> list[str]:
    """Every unit and appraiser: stage and its deadline's state, last file and when, leaves to appraise,
    explanations answered / asked. Drawn with :mod:`parcli.report.grid` (3,400 units in a blink); fits 80
    columns (file names fold)."""
    from .grid import ID, NUM, TEXT, Column, Grid, render

    grid = Grid(data["campaign"] + " · " + _when(data["now"]),
                [Column(text(STATUS_HEADS["code"], lang, "status"), ID),
                 Column(text(STATUS_HEADS["member"], lang, "status"), TEXT, fold=True),
                 Column(text(STATUS_HEADS["stage"], lang, "status") + " · " +
                        text(STATUS_HEADS["deadline"], lang, "status"), TEXT),
                 Column(text(STATUS_HEADS["last"], lang, "status"), TEXT, fold=True),
                 Column(text(STATUS_HEADS["appraise"], lang, "status"), NUM),
                 Column(text(STATUS_HEADS["explain"], lang, "status"), NUM)])
    for u in data["units"]:
        last = f"{_when(u['last_received'])} {u['last_file']}" if u["last_file"] else "–"
        grid.add_row([u["code"], u["name"], _stage_deadline(u, lang), last,
                      str(u["to_appraise"]) if u["to_appraise"] is not None else "–",
                      f"{u['answered']}/{u['requested']}" if u["requested"] else "–"],
                     "yellow" if u["deadline_state"] in ("overdue", "due") and not u.get("sent") else "")
    for a in data["appraisers"]:
        last = f"{_when(a['last_received'])} {a['last_file']}" if a["last_file"] else "–"
        grid.add_row([a["code"], a["name"], _stage_deadline(a, lang), last,
                      str(a["to_appraise"]), ""], "cyan")
    return render(grid, width, color)


class _Blank(dict):
    """A detail's values; a value the template names but the store lacks is left blank (never an error)."""

    def __missing__(self, key: str) -> str:
        return ""


def log_lines(rows, lang: str, width: int, color: bool = False) -> list[str]:
    """The action log: when, who, what, unit, file (sha256, 12 digits), detail; at 80 columns the detail keeps
    its room (the time goes under the date, the header of who wraps)."""
    from .grid import ID, TAG, TEXT, Column, Grid, render

    grid = Grid("", [Column(text(LOG_HEADS["at"], lang, "log"), TEXT, yields=True),  # the time under the date
                     Column(text(LOG_HEADS["who"], lang, "log"), TAG),  # its header wraps: the detail keeps its room
                     Column(text(LOG_HEADS["what"], lang, "log"), TEXT),
                     Column(text(LOG_HEADS["unit"], lang, "log"), ID),
                     Column(text(LOG_HEADS["file"], lang, "log"), ID),
                     Column(text(LOG_HEADS["detail"], lang, "log"), TEXT, fold=True)])
    from ..campaign.db import detail_parts

    for at, who, what, unit, sha, detail in rows:
        parts = detail_parts(detail)
        if parts is not None:  # a template of the log's details, said in the reader's language
            template = text(parts[0], lang, "log detail")
            values = parts[1]
            if values.get("stage") in STAGE_WORDS:  # the stage in the reader's words, as the status says it
                values = {**values, "stage": stage_words(values["stage"], lang)}
            detail = template.format_map(_Blank(values))
        grid.add_row([_when(at), who, text(WHAT_WORDS[what], lang, "log action") if what in WHAT_WORDS else what,
                      unit or "", (sha or "")[:12], detail or ""], "yellow" if what == "refused" else "")
    return render(grid, width, color)[1:]  # no title line


def results_lines(ranking, lang: str, locale: str, width: int, color: bool = False) -> list[str]:
    """A group's results as ``rank`` ranks them, the self-assessed total and index beside the appraised ones;
    the bonus and penalty after the applicable max where the framework declares them (DESIGN §12a)."""
    from rich.cells import cell_len

    from ..rank import adjusted
    from . import display, label
    from .grid import NUM, TAG, TEXT, Column, Grid, render, wrap

    places = ranking.places
    kinds = ("bonus", "penalty") if adjusted(ranking) else ()

    def short(key: str) -> str | None:  # with bonus and penalty, short headers when the long ones leave no room
        return text(RESULTS_SHORT[key], lang, "short header") if kinds else None

    title = " / ".join(f.title_for(lang) for f in ranking.frameworks)

    def fixed(v):
        return display(v, places, locale, fixed=True) if v is not None else "–"

    def table(self_index: bool) -> tuple[list[str], list[str]]:
        grid = Grid(title, [Column(label("rank", lang), NUM), Column(label("unit", lang), TEXT, fold=True),
                            Column(label("total", lang), NUM),
                            Column(label("applicable_max", lang), NUM, short("applicable_max")),
                            *(Column(label(kind, lang), NUM, short(kind)) for kind in kinds),
                            Column(label("index", lang), NUM), Column(label("class", lang), TAG),
                            Column(label("self_points", lang), NUM, short("self_points")),
                            *([Column(label("self_index", lang), NUM, short("self_index"))] if self_index else [])])
        for r in ranking.rows:
            s = r.summary
            grid.add_row([str(r.rank) if r.rank is not None else "–", s.unit, fixed(s.points),
                          display(s.max, places, locale), *(fixed(s.adjustment(kind)) for kind in kinds),
                          fixed(s.index), s.klass or "–", fixed(r.self_points),
                          *([fixed(r.self_index)] if self_index else [])])
        return render(grid, width, color), [grid.legend] if grid.legend else []

    lines, legend = table(True)
    if kinds and max(cell_len(line) for line in lines) > width:  # too wide with bonus and penalty: the claimed
        lines, legend = table(False)                                # index left to the files -o writes
        legend.append(text(NC_("results", "the claimed index (%) is in the files -o writes (csv, xlsx, json, "
                               "html)"), lang, "results"))
    said = "; ".join(legend)
    return lines + (wrap(said, max(cell_len(lines[-1]), 20)) if said else [])


RESULTS_SHORT = {"applicable_max": NC_("short header", "Max"), "bonus": NC_("short header", "Bonus"),
                 "penalty": NC_("short header", "Pen."), "self_points": NC_("short header", "Claim"),
                 "self_index": NC_("short header", "Claim (%)")}
