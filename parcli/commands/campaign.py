"""``parcli campaign …``: the yearly appraisal cycle (DESIGN §12), one folder per campaign.

Subcommands: init, forms, receive, appraise, explain, status, results, minutes, report, log, check. Each prints
what it did, one line per file, and exits 1 if anything was refused or failed its check.
"""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
import contextlib
import os
from pathlib import Path
from typing import Annotated

import typer
import typer.core

from ..errors import InputError, UsageError
from ..helptext import TranslatedHelp, format_subcommands
from ..i18n import tr
from .common import Command, Lang, LangOpt, err, guarded, warn


class Group(TranslatedHelp, typer.core.TyperGroup):
    """campaign's subcommands, their help in the chosen language like every command's."""

    def format_commands(self, ctx, formatter) -> None:
        format_subcommands(self, ctx, formatter)


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, pretty_exceptions_show_locals=False,
                  rich_markup_mode=None, no_args_is_help=True, cls=Group,
                  help="The yearly appraisal cycle: init, forms, receive, appraise, explain, status, results, minutes, "
                  "report, log, check.")

DirArg = Annotated[Path, typer.Argument(metavar="DIR", help="The campaign's folder.")]


def _who() -> str:
    return os.environ.get("USERNAME") or os.environ.get("USER") or "officer"


def _open(folder: Path):
    from ..campaign.cycle import open_campaign

    return open_campaign(folder)


def _write(path: Path, data: bytes, force: bool = False) -> None:
    from ..report.files import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    def put(fh) -> None:
        fh.write(data)

    write_atomic(path, put, force)


def _quoted(path: Path) -> str:
    """A path as a command line takes it in every shell (cmd, PowerShell, bash): in double quotes when it has a
    space."""
    text = str(path)
    return f'"{text}"' if any(ch.isspace() for ch in text) else text


def _say(line: str) -> None:
    """One line on standard output; the names in it (a received file's, chosen by its sender) cannot write into
    the terminal (control characters shown)."""
    from .common import printable

    typer.echo(printable(line))


def _send(op, action: str, detail: tuple[str, dict], books, force: bool = False) -> int:
    """Write each (path, bytes, rows) of ``books`` (rows None: not said), say it, then log ``action`` with
    ``detail`` (a key of the log's details and its values, ``count`` added); how many."""
    from ..campaign import db
    from ..campaign.clock import iso, now

    count = 0
    for path, data, rows in books:
        _write(path, data, force)
        count += 1
        _say(tr("wrote {file}", file=path) if rows is None else tr("wrote {file} ({count} rows)", file=path,
                                                                    count=rows))
    with db.transaction(op.conn):
        db.log(op.conn, iso(now()), _who(), action, detail=db.detail(detail[0], count=count, **detail[1]))
    return count


WorkbooksForceOpt = Annotated[bool, typer.Option("--force", help="Replace workbooks written before (parcli never "
                                                "overwrites them otherwise: someone may have been filling them in).")]


def _unwritten(paths, force: bool) -> None:
    """Refuse before writing anything when a workbook of ``paths`` is there already (unless --force), naming
    every such file: an officer or an appraiser may have been filling it in."""
    from ..errors import Problem

    there = [p for p in paths if p.exists()]
    if there and not force:
        raise InputError("", [Problem(str(p), 0, 0, tr("written before; parcli does not replace a workbook that may "
                                                        "have been filled in (use --force to replace it)"))
                              for p in there])


def _lines(draw) -> None:
    """A table drawn for standard output's width (``COLUMNS`` when set), in colour on a terminal."""
    import sys

    from ..report.grid import colors, width_of

    sys.stdout.write("\n".join(draw(width_of(sys.stdout), colors(sys.stdout))) + "\n")


@app.command(cls=Command)
@guarded
def init(
    folder: DirArg,
    framework: Annotated[str, typer.Option("--framework", metavar="F", help="A shipped framework id or the path of "
                                                                              "a framework file.")],
    year: Annotated[int, typer.Option("--year", metavar="Y", min=1990, max=2200, help="The year assessed.")],
    units: Annotated[Path | None, typer.Option("--units", metavar="FILE", help="The units: a .csv or .xlsx of "
                                                  "code,name[,group].")] = None,
    lang: LangOpt = Lang.vi,
) -> None:
    """Start a campaign in DIR: a commented campaign.yaml and the empty store; never over an existing campaign."""
    from ..campaign.clock import now
    from ..campaign.config import FILE, member_problems
    from ..campaign.cycle import start
    from ..campaign.db import DB, RECEIVED
    from ..campaign.init import campaign_yaml
    from ..inputs.campaign import read_units
    from ..store import Store

    for name in (FILE, DB):
        if (folder / name).exists():
            raise InputError(str(folder / name) + ": " + tr("a campaign is there already; parcli never starts a "
                                                            "campaign over another (use another folder)"))
    fw = Store().framework(framework, Path("."))
    ref = framework
    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        ref = os.path.relpath(Path(framework).resolve(), folder.resolve()).replace("\\", "/")
    members = read_units(units) if units is not None else None
    if members:
        problems = member_problems(members, str(units))
        if problems:  # said before anything is written: no half campaign is left behind
            raise InputError("invalid units", problems)
    text = campaign_yaml(fw, ref, year, members, folder.resolve().name)
    folder.mkdir(parents=True, exist_ok=True)
    before = {p.name for p in folder.iterdir()}
    _write(folder / FILE, text.encode("utf-8"))
    try:
        op = start(folder, now(), _who())
    except BaseException:  # what this run wrote is taken back: init can be run again
        for name in (FILE, DB, DB + "-wal", DB + "-shm", RECEIVED):
            if name not in before:
                with contextlib.suppress(OSError):
                    (folder / name).rmdir() if name == RECEIVED else (folder / name).unlink(missing_ok=True)
        raise
    op.close()
    _say(tr("started the campaign in {folder}: edit {file} (units, appraisers, deadlines), then run parcli campaign "
            "forms {folder}", folder=_quoted(folder), file=folder / FILE))


@app.command(cls=Command)
@guarded
def forms(folder: DirArg, force: WorkbooksForceOpt = False, lang: LangOpt = Lang.vi) -> None:
    """Write one self-assessment form per unit into out/forms/, its name, code and year filled and locked."""
    from ..campaign.cycle import form_book

    op = _open(folder)
    try:
        _unwritten([folder / "out" / "forms" / f"{code}.xlsx" for code in op.camp.units], force)
        if not _send(op, "forms", ("forms", {}), ((folder / "out" / "forms" / f"{code}.xlsx",
                                                     form_book(op, code, lang.value), None)
                                                    for code in op.camp.units), force):
            _say(tr("{file} names no unit: no form was written; add the units to its groups", file=folder /
                    "campaign.yaml"))
    finally:
        op.close()


@app.command(cls=Command)
@guarded
def receive(
    folder: DirArg,
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Workbooks sent back, folders of them, or "
                                               "quoted patterns such as \"mail/*.xlsx\".")],
    concise: Annotated[bool, typer.Option("--concise", help="One line per problem.")] = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Take back workbooks parcli sent: each checked (campaign, recipient, stage, deadline, read-only cells,
    values) and stored, or refused saying why."""
    from ..campaign import db
    from ..commands.common import file_args

    op = _open(folder)
    paths = file_args(files, workbooks_only=True)
    said: list[tuple[bool, str]] = []  # (to stderr, line): said once the run is committed
    try:
        with db.transaction(op.conn, op.folder):  # every file of the run in one transaction: as before or as after
            refused = _receive_all(op, paths, said)
    finally:
        op.close()
    for to_err, line in said:
        if to_err:
            err(line)
        else:
            _say(line)
    if refused:
        raise typer.Exit(1)


def _receive_all(op, paths, said: list) -> int:
    """Each file received into the open transaction, what happened to it said into ``said``; the count refused."""
    import sys

    from ..campaign.clock import local_text, now, parse_local
    from ..campaign.config import stage_words
    from ..campaign.cycle import receive as take
    from ..i18n import language
    from ..inputs.files import read_bytes
    from .common import problem_lines

    refused = 0
    taken: dict[tuple, list] = {}  # (sender, stage) -> the files of this run accepted for it, in order
    for path in paths:
        try:
            raw = read_bytes(path, str(path))
        except InputError as exc:
            refused += 1
            said.extend((True, line) for line in exc.lines())
            continue
        outcome = take(op, raw, str(path), now(), "")
        if outcome.status == "same":
            when = parse_local(outcome.before or "")
            said.append((False, tr("{file}: the same file was received on {at} ({sender}, {stage}); nothing to do",
                                   file=path, at=local_text(when) if when else outcome.before, sender=outcome.sender,
                                   stage=stage_words(outcome.stage, language()))))
        elif outcome.status == "accepted":
            line = tr("{file}: received from {sender} ({stage}), {rows} rows", file=path, sender=outcome.sender,
                      stage=stage_words(outcome.stage, language()), rows=outcome.rows)
            if outcome.superseded:
                line += "; " + tr("it replaces the file received before ({sha})", sha=outcome.superseded[:12])
            said.append((False, line))
            if outcome.stage == "self_assessment" and not outcome.rows:  # the form as parcli sent it, unfilled
                said.append((True, tr("warning:") + " " + tr(
                    "{file}: the form from {sender} is empty: no leaf has evidence or is marked not applicable. It "
                    "was received and scores 0 until {sender} sends the filled form (a newer file before the deadline "
                    "replaces it); if it was sent by mistake, ask {sender} for the filled one", file=path,
                    sender=outcome.sender)))
            taken.setdefault((outcome.sender, outcome.stage), []).append(path)
        else:
            refused += 1
            said.append((True, tr("{file}: refused:", file=path)))
            said.extend((True, "  " + line) for line in problem_lines(outcome.problems, sys.stderr, True))
    for (sender, stage), files in taken.items():  # "SYT (1).xlsx" sorts before "SYT.xlsx": the order may not be
        if len(files) > 1:                          # the order they were sent in
            said.append((True, tr("warning:") + " " + tr(
                "{sender} sent {count} files for {stage} in this run; the last one taken is current: {file}. Check "
                "that it is the newest: the files were taken in the order of their names, not of their sending",
                sender=sender, count=len(files), stage=stage_words(stage), file=files[-1])))
    return refused


@app.command(cls=Command)
@guarded
def appraise(
    folder: DirArg,
    round_: Annotated[int, typer.Option("--round", metavar="1|2", min=1, max=2, help="The round: 1, or 2 after the "
                                        "explanations.")],
    force: WorkbooksForceOpt = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Write one workbook per appraiser into out/appraisal-N/: a row per unit and leaf of the share."""
    from ..campaign.cycle import appraisal_book, appraisal_items, unit_state

    op = _open(folder)
    try:
        _unwritten([folder / "out" / f"appraisal-{round_}" / f"{a.code}.xlsx" for a in op.camp.appraisers], force)
        states = {code: unit_state(op, code) for code in op.camp.units}

        def books():
            for a in op.camp.appraisers:
                items = appraisal_items(op, a.code, round_, states)
                yield (folder / "out" / f"appraisal-{round_}" / f"{a.code}.xlsx",
                       appraisal_book(op, a.code, round_, lang.value, items), len(items))

        _send(op, "appraise", ("round", {"round": round_}), books(), force)
    finally:
        op.close()


@app.command(cls=Command)
@guarded
def explain(folder: DirArg, force: WorkbooksForceOpt = False, lang: LangOpt = Lang.vi) -> None:
    """Write one workbook per unit asked to explain into out/explanation/: its leaves with the appraisers' points
    and reason."""
    from ..campaign.cycle import explanation_book, explanation_items

    op = _open(folder)
    try:
        asked = {code: items for code in op.camp.units if (items := explanation_items(op, code))}
        _unwritten([folder / "out" / "explanation" / f"{code}.xlsx" for code in asked], force)

        def books():
            for code, items in asked.items():
                yield (folder / "out" / "explanation" / f"{code}.xlsx",
                       explanation_book(op, code, lang.value, items), len(items))

        if not _send(op, "explain", ("workbooks", {}), books(), force):
            _say(tr("no unit was asked to explain anything (Explanation requested: Yes in round 1)"))
    finally:
        op.close()


@app.command(cls=Command)
@guarded
def status(
    folder: DirArg,
    format_: Annotated[str, typer.Option("--format", metavar="table|json", help="table (default) or json.")] = "table",
    lang: LangOpt = Lang.vi,
) -> None:
    """Where every unit and appraiser stands: stage, last file and when, deadline, leaves to appraise,
    explanations."""
    from ..campaign.clock import now
    from ..campaign.cycle import status as state_of

    if format_ not in ("table", "json"):
        raise UsageError("--format: " + tr("choose table or json"))
    op = _open(folder)
    try:
        data = state_of(op, now())
    finally:
        op.close()
    if format_ == "json":
        import json

        typer.echo(json.dumps({"schema": "parcli/campaign-status/v1", **data}, ensure_ascii=False, indent=1))
        return
    from ..report.campaign import status_lines

    _lines(lambda width, color: status_lines(data, lang.value, width, color))


@app.command(cls=Command)
@guarded
def results(
    folder: DirArg,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write the results here (.csv, .xlsx, .json or .html) instead of "
        "printing a table.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output even if it is read-only.")] = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """The final points (the last appraisal, else the computed points), ranked per group as rank ranks, with the
    self-assessed total beside the appraised one."""
    from ..campaign.cycle import final_unit, summaries, unit_state
    from ..rank import ranking_of
    from ..report import RANKING, REPORT, RESULTS, format_for, provenance_line, writer_for

    op = _open(folder)
    try:
        groups = summaries(op)
        rankings = {}
        for g in op.camp.groups:
            found = groups[g.id]
            ranking = ranking_of([s for s, _claimed, _index in found])
            own = {s.code: (claimed, index) for s, claimed, index in found}
            ranking.has_self = True
            for row in ranking.rows:  # the self-assessed total and index beside the appraised ones
                row.self_points, row.self_index = own.get(row.code, (None, None))
            rankings[g.id] = ranking
        if output is None:
            from ..report.campaign import results_lines
            from ..report.grid import wrap

            for g in op.camp.groups:
                _lines(lambda width, color, g=g: [*results_lines(rankings[g.id], lang.value, "en", width, color),
                                                  *wrap(provenance_line(g.fw, lang.value), width)])
            return
        fmt = format_for(output)
        what = {"csv": RANKING, "xlsx": RANKING, "json": RESULTS, "html": REPORT}.get(fmt) if fmt else None
        if what is None:
            raise UsageError(f"{output}: " + tr("results are written as .csv, .xlsx, .json or .html"))
        writer = writer_for(output, what, lang.value)
        from ..report.files import check_output, write_atomic

        for g in op.camp.groups:
            target = output if len(op.camp.groups) == 1 else output.with_name(f"{output.stem}-{g.id}{output.suffix}")
            check_output(target, [Path(g.fw.source_path), folder / "campaign.yaml", folder / "campaign.db"])
            if what == RANKING:
                ranking = rankings[g.id]

                def put_ranking(fh, ranking=ranking) -> None:
                    writer.ranking(fh, ranking, [])

                write_atomic(target, put_ranking, force)
            else:
                from ..engine import score
                from ..summary import summarize

                full = [score(g.fw, final_unit(op, state, "final")) for state in
                        (unit_state(op, m.code) for m in g.units) if state.received]
                if what == RESULTS:
                    def put_results(fh, full=full) -> None:
                        writer.results(fh, [summarize(r) for r in full])

                    write_atomic(target, put_results, force)
                else:
                    from ..htmlreport import collect

                    if not full:  # the report of no unit: said, not "internal error: StopIteration"
                        if len(op.camp.groups) == 1:
                            raise InputError(str(folder) + ": " + tr("no unit's file was received yet: nothing to "
                                                                     "write"))
                        warn(tr("group {group}: no unit's file was received yet: {file} is not written",
                                group=g.id, file=target))
                        continue
                    collected = collect(iter(full), lang.value, None)

                    def put_report(fh, collected=collected) -> None:
                        writer.report(fh, collected, None, None)

                    write_atomic(target, put_report, force)
            err(provenance_line(g.fw, lang.value))
            err(tr("wrote {file} ({count} unit(s))", file=target, count=len(rankings[g.id].rows)))
    finally:
        op.close()


ForceOpt = Annotated[bool, typer.Option("--force", help="Replace papers written before (parcli never overwrites "
                                        "them otherwise: they may have been edited in Word).")]


def _papers(folder: Path, codes: list[str] | None):
    from ..campaign.clock import now
    from ..campaign.cycle import papers_of

    op = _open(folder)
    try:
        for code in codes or ():
            if code not in op.camp.units:
                raise UsageError("CODE: " + tr("no unit has the code {code}", code=code))
        return op, papers_of(op, codes, now())
    except BaseException:
        op.close()
        raise


def _fresh(paths, force: bool) -> None:
    """Refuse before writing anything when a paper is there already (unless --force)."""
    there = [p for p in paths if p.exists()]
    if there and not force:
        raise InputError(str(there[0]) + ": " + tr("written before; parcli does not replace a paper that may have "
                                                   "been edited (use --force to replace it)"))


def _written(op, action: str, paths) -> None:
    from ..campaign import db
    from ..campaign.clock import iso, now

    for path in paths:
        _say(tr("wrote {file}", file=path))
    with db.transaction(op.conn):
        db.log(op.conn, iso(now()), _who(), action, detail=db.detail("files", count=len(paths)))


@app.command(cls=Command)
@guarded
def minutes(
    folder: DirArg,
    codes: Annotated[list[str] | None, typer.Argument(metavar="[CODE...]", help="Only these units (default: every "
                                                      "unit whose file was received).")] = None,
    force: ForceOpt = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Write the minutes of appraisal of each unit into out/minutes/CODE.docx: its totals, every leaf the appraisal
    changed with the reasons and the unit's explanation, the signature blocks."""
    from ..report.docx import write_minutes

    op, (papers, _report) = _papers(folder, codes)
    try:
        if not papers:
            raise InputError(str(folder) + ": " + tr("no unit's file was received yet: nothing to write"))
        paths = [folder / "out" / "minutes" / f"{m.unit_code}.docx" for m in papers]
        _fresh(paths, force)
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        for m, path in zip(papers, paths, strict=True):
            write_minutes(m, path, lang.value, force=force)
        _written(op, "minutes", paths)
    finally:
        op.close()


@app.command(cls=Command)
@guarded
def report(folder: DirArg, force: ForceOpt = False, lang: LangOpt = Lang.vi) -> None:
    """Write the council's consolidated report (out/report.docx) and the publication table (out/publication.docx
    and out/publication.xlsx), per group, ranked as results ranks."""
    from ..report.docx import write_council_report, write_publication, write_publication_xlsx

    op, (papers, council) = _papers(folder, None)
    try:
        if not papers:
            raise InputError(str(folder) + ": " + tr("no unit's file was received yet: nothing to write"))
        out = folder / "out"
        paths = [out / "report.docx", out / "publication.docx", out / "publication.xlsx"]
        _fresh(paths, force)
        out.mkdir(parents=True, exist_ok=True)
        write_council_report(council, paths[0], lang.value, force=force)
        write_publication(council, paths[1], lang.value, force=force)
        write_publication_xlsx(council, paths[2], lang.value, force=force)
        _written(op, "report", paths)
    finally:
        op.close()


@app.command(cls=Command)
@guarded
def log(
    folder: DirArg,
    unit: Annotated[str | None, typer.Option("--unit", metavar="CODE", help="Only what concerns this unit.")] = None,
    lang: LangOpt = Lang.vi,
) -> None:
    """The action log: who did what, when, with which file (sha256)."""
    from ..campaign.cycle import actions
    from ..report.campaign import log_lines

    op = _open(folder)
    try:
        if unit is not None and unit not in op.camp.units:
            raise UsageError("--unit: " + tr("no unit has the code {code}", code=unit))
        rows = actions(op, unit)
    finally:
        op.close()
    _lines(lambda width, color: log_lines(rows, lang.value, width, color))


@app.command(cls=Command)
@guarded
def check(folder: DirArg, lang: LangOpt = Lang.vi) -> None:
    """Verify the store: SQLite's integrity, every received file against its sha256, and that replaying
    received/ in order rebuilds exactly the stored state."""
    from ..campaign.check import verify

    op = _open(folder)
    try:
        lines, failed = verify(op)
    finally:
        op.close()
    for line in lines:
        _say(line)
    if failed:
        for line in failed:
            err(line)
        raise typer.Exit(1)

