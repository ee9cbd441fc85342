"""The command line: parse arguments, call the core, pick a format, map errors to exit codes.

Commands import the core lazily so that ``parcli --help`` stays fast.
Exit codes: 0 ok, 1 invalid input or failed check, 2 usage error.
"""

# No "from __future__ import annotations" here: typer would then evaluate every
# annotation string of every command on every run (about 8 ms).
import gc

gc.disable()  # start-up: imports make objects by the thousand and nothing to collect (see main)

import functools  # noqa: E402
import sys  # noqa: E402
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.core

from . import __version__
from .errors import InputError, ParcliError, UsageError
from .i18n import set_language, tr
from .report import RANKING, REPORT, RESULTS, TEMPLATE, UNIT, suffix_list, writer_for

gc.enable()  # imports done: a library user of this module (tests, scripts) keeps the collector

app = typer.Typer(
    name="parcli",
    help="Score Vietnam's Public Administration Reform index (PAR INDEX) and the provincial "
    "indices modelled on it: validate framework and unit files, score units, export and rank them.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _State:
    debug = False


class _PlainArgument(typer.core.TyperArgument):
    """An argument shown in help as its metavar only: no ``{units}`` or ``<list[str]>``."""

    def get_usage_pieces(self, ctx) -> list[str]:
        name = self.metavar or (self.name or "").upper()
        return [name if self.required or name.startswith("[") else f"[{name}]"]

    def display_type(self, ctx) -> None:
        return None


class _Command(typer.core.TyperCommand):
    """A command whose help names arguments plainly (newer typer versions add type labels)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is typer.core.TyperArgument:
                param.__class__ = _PlainArgument


def command():
    return app.command(cls=_Command)


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class Locale(str, Enum):
    en = "en"
    vi = "vi"


class Depth(str, Enum):
    field = "field"
    criterion = "criterion"
    all = "all"


class ScoreFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


LangOpt = Annotated[Lang, typer.Option("--lang", metavar="vi|en", envvar="PARCLI_LANG", help="Language: vi (default; or set PARCLI_LANG) or en.")]
LocaleOpt = Annotated[
    Locale, typer.Option("--locale", metavar="en|vi", help="Number format: en prints 86.67 (default), vi prints 86,67.")
]
CsvLocaleOpt = Annotated[
    Locale, typer.Option("--locale", metavar="en|vi", help="Number format: en prints 86.67 and writes CSV for scripts "
                         "(default: ',' between fields, '.' decimals); vi prints 86,67 and writes CSV as a Vietnamese "
                         "Excel or LibreOffice opens it (';' between fields, ',' decimals).")
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat leaves without evidence as errors.")]
ConciseOpt = Annotated[
    bool, typer.Option("--concise", help="One line per problem, even on a terminal (no source line and caret).")
]


def _err(line: str) -> None:
    """One line on stderr; file names in it cannot write into the terminal (control characters shown)."""
    typer.echo(_line(line), err=True)


def _line(text: str) -> str:
    if text.isprintable():
        return text
    from .report.snippet import visible

    return visible(text)


def _warn(text: str) -> None:
    """A warning line, whole (the file names in it are never cut)."""
    _err(tr("warning:") + " " + text)


def guarded(fn):
    """Turn expected errors into messages and exit codes; never show a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang")
        if lang is not None:
            set_language(lang.value)
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, BrokenPipeError):  # a closed pipe (| head): main() ends quietly
            raise
        except ParcliError as exc:
            for line in _problem_lines(exc.problems or [exc.message], sys.stderr, kwargs.get("concise", False)):
                _err(line)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _err("parcli: " + tr("interrupted"))
            raise typer.Exit(1) from None
        except Exception as exc:  # a bug: say so in one line, unless --debug
            if _State.debug:
                raise
            _err("parcli: " + tr("internal error: {error} (run with --debug for the traceback, and please report it)",
                                 error=f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"))
            raise typer.Exit(1) from None

    return wrapper


def _problem_lines(problems, stream, concise: bool) -> list[str]:
    """Problems to print: one line each; on a terminal (unless --concise) with the line of the
    file and a caret under the column."""
    from .report.snippet import render

    unique = list(dict.fromkeys(problems))
    return render(unique, rich=not concise and stream.isatty())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parcli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on internal errors.")] = False,
) -> None:
    """parcli: PAR INDEX scorecards from YAML files."""
    _State.debug = debug


# --- helpers ---------------------------------------------------------------


def _paths(names: list[str]) -> list[Path]:
    """File arguments as paths: a folder stands for its YAML files, a pattern (``"hoso/*.yaml"``,
    which Windows shells pass on unexpanded) for the files it matches."""
    # Variadic file arguments are declared as str: typer's coercion of list[Path]
    # costs about 0.1 ms per file, a second for every commune of the country.
    from .inputs.files import expand

    repeated: list[Path] = []
    paths = expand(names, repeated)
    if repeated:
        shown = ", ".join(map(str, repeated[:5])) + (tr(" and {count} more", count=len(repeated) - 5)
                                                      if len(repeated) > 5 else "")
        _warn(tr("{count} file(s) given more than once (through overlapping folders or patterns) are read once:",
                 count=len(repeated)) + " " + shown)
    return paths


def _warn_units(units, ranked) -> None:
    """Warnings of a run over many units (summaries or results): a unit without evidence; units of
    different years among those ``ranked``."""
    from .rank import blank_warning, years_warning

    lines = [*map(blank_warning, units), years_warning((s.year, s.file) for s in ranked)]
    for line in lines:
        if line:
            _warn(line)


def _consoles():
    from .report.table import console

    return console(sys.stdout), console(sys.stderr)


# --- commands ------------------------------------------------------------


@command()
@guarded
def score(
    unit: Annotated[Path, typer.Argument(metavar="UNIT", help="The unit file (YAML) to score.")],
    depth: Annotated[Depth, typer.Option("--depth", metavar="field|criterion|all", help="Rows to show: field, criterion or all.")] = Depth.all,
    fmt: Annotated[ScoreFormat, typer.Option("--format", "-f", metavar="table|json|csv", help="table (default), json or csv.")] = ScoreFormat.table,
    lang: LangOpt = Lang.vi,
    locale: CsvLocaleOpt = Locale.en,
    strict: StrictOpt = False,
    concise: ConciseOpt = False,
) -> None:
    """Score one unit: points by field, criterion and sub-criterion; total, index and class.

    Example: parcli score examples/bac-ninh-2021.yaml --depth criterion
    """
    from .report import FileFormat, provenance_line
    from .scoring import score_files

    (result,) = list(score_files([unit], strict))
    if fmt is not ScoreFormat.table:
        from .summary import summarize

        sys.stdout.flush()
        FileFormat(fmt.value).writer(locale=locale.value).one(sys.stdout.buffer, summarize(result))
        sys.stdout.flush()
        _err(provenance_line(result.framework, lang.value))
    else:
        from .report.scoretable import print_score

        print_score(result, depth.value, lang.value, locale.value, sys.stdout, sys.stderr)


@command()
@guarded
def validate(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Framework and unit files, folders of them, or quoted patterns such as "
                                        "\"hoso/*.yaml\"; the kind is read from 'schema:'.")],
    strict: StrictOpt = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Check framework and unit files; report every problem of every file as file:line:col: message.

    Exit 0 when all files are valid, 1 when any problem was found.
    """
    from .validate import validate_files

    paths = _paths(files)
    problems, summaries, failed = validate_files(paths, strict)
    for line in _problem_lines(problems, sys.stdout, concise):
        typer.echo(line)
    for line in summaries:
        typer.echo(_line(line))
    bad = sum(1 for f in failed if f)
    _err(tr("{count} file(s) checked: {valid} valid, {bad} with problems", count=len(failed), valid=len(failed) - bad,
            bad=bad))
    if bad:
        raise typer.Exit(1)


@command()
@guarded
def export(
    units: Annotated[list[str], typer.Argument(metavar="UNIT...", help="Unit files, folders of them, or quoted patterns such as "
                                        "\"hoso/*.yaml\".")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE",
                                         help=f"Output file: {suffix_list(RESULTS)}, chosen by its suffix.")],
    force: Annotated[bool, typer.Option("--force", help="Replace the output even if it is read-only.")] = False,
    strict: StrictOpt = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: CsvLocaleOpt = Locale.en,
) -> None:
    """Score units and write every leaf of every unit to a CSV, JSON or XLSX file.

    The file is written atomically: on any problem the old file stays as it was.
    """
    from .export import export_units
    from .report import provenance_line

    count, used, warnings = export_units(_paths(units), output, strict, lang.value, locale.value, force)
    for fw in used:
        _err(provenance_line(fw, lang.value))
    for warning in warnings:
        _warn(warning)
    if str(output) != "-":  # standard output: the data only
        _err(tr("wrote {file} ({count} unit(s))", file=output, count=count))


@command()
@guarded
def rank(
    units: Annotated[list[str], typer.Argument(metavar="UNIT...", help="Unit files, folders of them, or quoted patterns such as "
                                        "\"hoso/*.yaml\".")],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE",
                                     help=f"Write the ranking here ({suffix_list(RANKING)}: the workbook for people) "
                                     "instead of printing a table.")
    ] = None,
    previous: Annotated[
        Optional[Path],
        typer.Option("--previous", metavar="RANK", help="An earlier ranking (its .csv or .xlsx, written by rank or "
                     "export): adds previous_rank, rank_change and index_change."),
    ] = None,
    classes: Annotated[
        Optional[str], typer.Option("--classes", metavar="LABEL:MIN,...", help='Override the framework\'s classes, e.g. "A:90,B:80,C:70,D:0".')
    ] = None,
    allow_mixed: Annotated[
        bool, typer.Option("--allow-mixed", help="Allow units of different frameworks in one ranking.")
    ] = False,
    fields: Annotated[
        Optional[str],
        typer.Option("--fields", metavar="IDS", help='Field columns to show in the table, e.g. "1,3,5" '
                     '(default: as many as fit the width).'),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64, metavar="N", help="Worker processes, 1 to 64 (default 1).")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Replace the output even if it is read-only.")] = False,
    strict: StrictOpt = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: CsvLocaleOpt = Locale.en,
) -> None:
    """Score many units and rank them by index as displayed; ties share a rank (1, 2, 2, 4).

    Example: parcli rank examples/departments/*.yaml --previous last-year.csv
    """
    from .batch import summaries
    from .inputs.ranking import read_previous
    from .rank import apply_previous, build_ranking
    from .report import provenance_line

    units = _paths(units)
    bands = _parse_classes(classes) if classes is not None else None
    writer = None
    if output is not None:
        from .report.files import check_output

        writer = writer_for(output, RANKING, lang.value, locale.value)
        check_output(output, [*units, *([previous] if previous else [])])
    prev = read_previous(previous) if previous else None
    with _progress(len(units), tr("scoring")) as tick:
        ranking = build_ranking(summaries(units, bands, strict, jobs, tick))
    if len(ranking.frameworks) > 1 and not allow_mixed:
        names = ", ".join(info.key for info in ranking.frameworks)
        raise UsageError(tr("the units use different frameworks ({names}); their indices are not comparable. "
                            "Rank each framework separately, or pass --allow-mixed", names=names))
    if prev is not None:
        apply_previous(ranking, *prev)
    ranked = [row.summary for row in ranking.rows]
    _warn_units(ranked, ranked)
    if writer is not None:
        from .report.files import check_output, write_atomic

        leaves = []
        if writer.ranking_shows_leaves:
            from .scoring import score_files
            from .summary import summarize

            leaves = [summarize(result) for result in score_files(units, strict)]
        check_output(output, [Path(info.source_path) for info in ranking.frameworks if info.source_path])
        write_atomic(output, lambda fh: writer.ranking(fh, ranking, leaves), force)
        for info in ranking.frameworks:
            _err(provenance_line(info, lang.value))
        if str(output) != "-":  # standard output: the data only
            _err(tr("wrote {file} ({count} unit(s))", file=output, count=len(ranking.rows)))
        return
    from .report.table import emit, fitting_rank_table

    wanted = None
    if fields is not None:
        wanted = [f.strip() for f in fields.split(",") if f.strip()]
        unknown = [f for f in wanted if f not in ranking.field_ids]
        if unknown:
            raise UsageError("--fields: " + tr("no field {unknown}; the fields are {fields}", unknown=", ".join(unknown),
                                               fields=", ".join(ranking.field_ids)))
    out, _ = _consoles()
    table, hidden = fitting_rank_table(out, ranking, lang.value, locale.value, wanted)
    emit(out, table, *(provenance_line(info, lang.value) for info in ranking.frameworks))
    if hidden:
        ids = ",".join(hidden)
        _err(tr("Field indices {ids} do not fit the width and are not shown: see them with --fields {ids}, "
                "or use a wider terminal (e.g. COLUMNS=200).", ids=ids))


@command()
@guarded
def diff(
    a: Annotated[Path, typer.Argument(metavar="A", help="A unit file (YAML) or a result file (JSON), e.g. last year.")],
    b: Annotated[Optional[Path], typer.Argument(metavar="[B]", help="The unit or result to compare with A, e.g. this year.")] = None,
    claimed: Annotated[
        bool, typer.Option("--claimed", help="Compare A's claimed (self-assessed) points with the computed points.")
    ] = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: LocaleOpt = Locale.en,
) -> None:
    """Show what moved between two results: points, index, fields and leaves, biggest changes first.

    With --claimed and one unit: claimed vs computed points for every leaf.
    """
    from .diff import claims, compare
    from .inputs.result import load_result
    from .report import provenance_line
    from .report.table import claims_table, diff_tables, emit
    from .store import Store

    store = Store()
    out, _ = _consoles()
    obj_a = load_result(a, store)
    places = obj_a.framework.places
    if claimed:
        if b is not None:
            raise UsageError(tr("--claimed takes one unit: parcli diff UNIT --claimed"))
        rows = claims(obj_a)
        emit(out, claims_table(obj_a, rows, places, lang.value, locale.value),
             provenance_line(obj_a.framework, lang.value))
        over = [r for r in rows if r.difference is not None and r.difference < 0]
        _err(tr("{count} leaf(s) claimed above what the evidence supports", count=len(over)))
        return
    if b is None:
        raise UsageError(tr("diff needs two files (A and B), or one unit with --claimed"))
    result = compare(obj_a, load_result(b, store))
    for warning in result.warnings:
        _err(tr("warning: {message}", message=warning))
    tables = diff_tables(result, places, lang.value, locale.value)
    for table in tables[:-1]:
        emit(out, table)
    lines = dict.fromkeys(provenance_line(s.framework, lang.value) for s in (result.a, result.b))
    emit(out, tables[-1], *lines)


@command()
@guarded
def report(
    units: Annotated[list[str], typer.Argument(metavar="UNIT...", help="Unit files or forms, folders of them, or quoted "
                                               "patterns such as \"hoso/*.yaml\".")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE.html",
                                         help=f"The report to write ({suffix_list(REPORT)}).")],
    previous: Annotated[
        Optional[Path],
        typer.Option("--previous", metavar="RANK", help="An earlier ranking (its .csv or .xlsx, written by rank or "
                     "export): the ranking shows the changes."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the report if it exists.")] = False,
    strict: StrictOpt = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: LocaleOpt = Locale.en,
) -> None:
    """Write one HTML page for leaders: index, class, charts, the leaves that lost most, first steps.

    Self-contained (no network, font or file beside it) and printable on A4, a page per unit.
    Example: parcli report examples/departments -o bao-cao.html
    """
    writer = writer_for(output, REPORT, lang.value, locale.value)
    from .htmlreport import collect
    from .inputs.ranking import read_previous
    from .rank import by_unit, distinct_units
    from .scoring import score_files

    paths = _paths(units)
    prev = read_previous(previous) if previous is not None else None
    with _progress(2 * len(paths), tr("writing the report")) as tick:  # scoring each unit, then writing its page
        # every problem of every file, or every unit reduced to its page as it is scored
        collected = collect(score_files(paths, strict), lang.value, tick)
        if len(collected.frameworks) > 1 or any(len(shas) > 1 for shas in collected.shas.values()):
            names = ", ".join(sorted(collected.frameworks))
            raise UsageError(tr("the units use different frameworks ({names}); their indices are not comparable: "
                                "make one report per framework", names=names))
        summaries = [view.summary for view in collected.views]
        same = distinct_units(summaries)
        if same:
            raise InputError("two files of one unit", same)
        _warn_units(summaries, [group[-1] for group in by_unit(summaries)])  # a unit's latest year is ranked
        inputs = [*paths, *([previous] if previous else []),
                  *(Path(fw.source_path) for fw in collected.frameworks.values())]
        _write_new(output, inputs, force, lambda fh: writer.report(fh, collected, prev, tick))


class PlanFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@command()
@guarded
def plan(
    unit: Annotated[Path, typer.Argument(metavar="UNIT", help="The unit file (.yaml) or filled form (.xlsx).")],
    target_index: Annotated[Optional[str], typer.Option("--target-index", metavar="X",
                                                       help="Reach this displayed index, e.g. 90.")] = None,
    target_class: Annotated[Optional[str], typer.Option("--target-class", metavar="C",
                                                       help="Reach this class of the framework, e.g. A.")] = None,
    gain: Annotated[Optional[str], typer.Option("--gain", metavar="P",
                                               help="Raise the displayed index by P points, e.g. 2.5.")] = None,
    target_rank: Annotated[Optional[int], typer.Option("--target-rank", metavar="N", min=1,
                                                      help="Reach the index of the unit now at rank N (with --against).")] = None,
    against: Annotated[Optional[Path], typer.Option("--against", metavar="RANK.csv",
                                                   help="A rank CSV (parcli rank -o) for --target-rank.")] = None,
    effort: Annotated[Optional[Path], typer.Option("--effort", metavar="FILE",
                                                  help="YAML weights by leaf id or rule kind: minimise the total weight.")] = None,
    all_sources: Annotated[bool, typer.Option("--all-sources",
                                              help="Also plan survey, impact and appraisers' (manual) leaves.")] = False,
    apply_plan: Annotated[bool, typer.Option("--apply", help="Write the unit with the plan applied (with -o).")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="NEW",
                                                  help=f"Where --apply writes the planned unit: {suffix_list(UNIT)} "
                                                  "(a filled form).")] = None,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", metavar="table|json|csv",
                                            help="table (default), json or csv.")] = PlanFormat.table,
    force: Annotated[bool, typer.Option("--force", help="Replace NEW if it exists.")] = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: CsvLocaleOpt = Locale.en,
) -> None:
    """Which lost points to win back: every next step, or the fewest changes that reach a target.

    Example: parcli plan examples/bac-ninh-2021.yaml --target-class A
    """
    from .engine import score
    from .plan import opportunities
    from .plan import plan as make_plan
    from .store import Store

    writer = None
    if apply_plan and output is not None:
        writer = writer_for(output, UNIT, lang.value)
    store = Store()
    checked, fw = store.unit(unit)
    result = score(fw, checked)
    if result.index is None:
        raise InputError(f"{unit}: " + tr("every field of this unit is not applicable (na): it has no index, so "
                                          "there is no index to raise"))
    target = _plan_target(result, fw, checked, target_index, target_class, gain, target_rank, against)
    if apply_plan and (output is None or target is None):
        raise UsageError(tr("--apply needs a target and -o NEW ({suffixes})", suffixes=suffix_list(UNIT, tr(" or "))))
    if effort is not None:
        from .inputs.effort import read_effort

        weights = read_effort(effort, fw)
    else:
        weights = None
    if target is None:
        the_plan = opportunities(result, all_sources)
    else:
        the_plan = make_plan(fw, checked, result, target, all_sources, weights)
    if apply_plan and the_plan.reached:
        from .plan import apply as apply_changes

        planned = apply_changes(fw, checked, the_plan.changes)
        ref = _framework_ref(checked.framework_ref, fw, output)
        _write_new(output, [unit, Path(fw.source_path)], force,
                   lambda fh: writer.unit(fh, planned, fw, ref, unit.name))
    from .report import provenance_line

    if fmt is PlanFormat.json:
        from .report.jsonout import dumps
        from .report.planout import plan_object

        sys.stdout.write(dumps(plan_object(the_plan)) + "\n")
    elif fmt is PlanFormat.csv:
        from .report.csvout import write_rows
        from .report.planout import CSV_COLUMNS, plan_rows

        sys.stdout.flush()
        write_rows(sys.stdout.buffer, CSV_COLUMNS, plan_rows(the_plan), locale.value)
    else:
        from .report.planout import plan_tables
        from .report.table import emit

        out, _ = _consoles()
        title, tables, lines = plan_tables(the_plan, lang.value, locale.value)
        out.print(title, markup=False, highlight=False, overflow="fold")
        for table in tables[:-1]:
            emit(out, table)
        emit(out, tables[-1], *lines, provenance_line(fw, lang.value))
    if fmt is not PlanFormat.table:
        _err(provenance_line(fw, lang.value))
    if not the_plan.reached:
        raise typer.Exit(1)


def _quiet_stdout() -> None:
    """After a broken pipe or a closed stdout: no second error when Python flushes at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _decimal_option(name: str, text: str):
    from decimal import Decimal, InvalidOperation

    text = text.strip()
    if len(text) > 64:
        raise UsageError(f"{name}: " + tr("the number {value} is too long", value=text[:24] + "…"))
    try:
        value = Decimal(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise UsageError(f"{name}: " + tr("{value!r} is not a number", value=text))
    return value


def _plan_target(result, fw, unit, target_index, target_class, gain, target_rank, against):
    """The displayed index a plan aims at (None: no target), at the framework's places: a target
    with more decimals than the index shows is the next displayed index up, and said so."""
    target = _plan_target_value(result, fw, unit, target_index, target_class, gain, target_rank, against)
    if target is None:
        return None
    from decimal import ROUND_CEILING, Decimal

    shown = target.quantize(Decimal(1).scaleb(-fw.places), ROUND_CEILING)  # exponents far apart: still at once
    if shown != target and target_index is not None:
        _err(tr("note: {option} {value} is taken as {shown} (the index is shown with {places} decimals)",
                option="--target-index", value=_short_number(target), shown=shown, places=fw.places))
    return shown


def _short_number(value) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{value:.6E}"


def _plan_target_value(result, fw, unit, target_index, target_class, gain, target_rank, against):
    given = [x for x in (target_index, target_class, gain, target_rank) if x is not None]
    if len(given) > 1:
        raise UsageError(tr("give one target: --target-index, --target-class, --gain or --target-rank"))
    if target_index is not None:
        value = _decimal_option("--target-index", target_index)
        if not 0 <= value <= 100:
            raise UsageError("--target-index: " + tr("an index is in [0, 100], got {value}", value=_short_number(value)))
        return value
    if target_class is not None:
        for band in fw.header.classes:
            if band.label == target_class:
                return band.min
        raise UsageError("--target-class: " + tr("no class {label!r}; the classes are {labels}", label=target_class,
                                                 labels=", ".join(b.label for b in fw.header.classes)))
    if gain is not None:
        from decimal import Decimal

        from decimal import ROUND_CEILING

        value = _decimal_option("--gain", gain)
        if not 0 < value <= 100:
            raise UsageError("--gain: " + tr("a gain is above 0 and at most 100 index points, got {value}",
                                             value=_short_number(value)))
        step = value.quantize(Decimal(1).scaleb(-fw.places), ROUND_CEILING)
        if step != value:
            _err(tr("note: {option} {value} is taken as {shown} (the index is shown with {places} decimals)",
                    option="--gain", value=_short_number(value), shown=step, places=fw.places))
        return min(Decimal(100), (result.index or 0) + step)
    if target_rank is not None:
        if against is None:
            raise UsageError(tr("--target-rank needs --against RANK.csv (a file written by parcli rank -o)"))
        from .inputs.ranking import index_at_rank

        return index_at_rank(against, target_rank, unit.code, unit.name)
    if against is not None:
        raise UsageError(tr("--against goes with --target-rank N"))
    return None


def _parse_classes(text: str):
    """``--classes "A:90,B:80,C:70,D:0"`` → class bands, highest first."""
    from decimal import Decimal, InvalidOperation

    from .domain import ClassBand

    bands = []
    if not text.strip():
        raise UsageError("--classes: " + tr("no class given; write e.g. \"A:90,B:80,C:70,D:0\""))
    for part in text.split(","):
        label, sep, value = part.strip().rpartition(":")
        try:
            minimum = Decimal(value.strip())
        except InvalidOperation:
            minimum = None
        if not sep or not label.strip() or minimum is None or not minimum.is_finite():
            raise UsageError("--classes: " + tr("{part!r} is not LABEL:MIN; write e.g. \"A:90,B:80,C:70,D:0\"",
                                                part=part.strip()))
        if not 0 <= minimum <= 100:
            raise UsageError("--classes: " + tr("a class min is an index in [0, 100], got {min}", min=minimum))
        if any(band.label == label.strip() for band in bands):
            raise UsageError("--classes: " + tr("duplicate class label {label!r}", label=label.strip()))
        bands.append(ClassBand(label=label.strip(), min=minimum))
    for a, b in zip(bands, bands[1:]):
        if b.min >= a.min:
            raise UsageError("--classes: " + tr("classes go from the highest min to the lowest, e.g. "
                                                "\"A:90,B:80,C:70,D:0\""))
    return bands


class SchemaKind(str, Enum):
    unit = "unit"
    framework = "framework"


@command()
@guarded
def template(
    framework: Annotated[str, typer.Argument(metavar="FRAMEWORK", help="A shipped framework id (see parcli frameworks) or a file path.")],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE",
                                     help=f"Write the template here instead of to stdout: {suffix_list(TEMPLATE)} "
                                     "(the blank form).")
    ] = None,
    year: Annotated[Optional[int], typer.Option("--year", metavar="YEAR", help="The year to put in the template.")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists (it may be a filled form).")
    ] = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Print a blank unit file for a framework: every leaf with its title, max, rule and value form.

    With -o form.xlsx: the blank self-assessment form (Excel) instead. The blank file
    validates as it is (empty leaves are reported as missing).
    """
    from .store import Store

    output = output if output is not None else Path("-")
    writer = writer_for(output, TEMPLATE, lang.value)
    if year is not None and not 1990 <= year <= 2100:
        raise UsageError("--year: " + tr("year {year} is outside 1990–2100", year=year))
    fw = Store().framework(framework, Path("."))
    ref = _framework_ref(framework, fw, output)
    _write_new(output, [Path(fw.source_path)], force, lambda fh: writer.template(fh, fw, ref, year))


def _framework_ref(ref: str, fw, output: Path) -> str:
    """How a file written at ``output`` names the framework: a shipped id as it is, a path relative to it
    (to the current folder for ``-``, standard output); a form (.xlsx) names a framework file by its name
    alone (it reads only a file beside it), and when the file is not beside it yet, that is said."""
    import os

    from .store import looks_like_path

    if not looks_like_path(ref):
        return ref
    target = Path(fw.source_path).resolve()
    base = (output.parent if str(output) != "-" else Path(".")).resolve()
    if output.suffix.lower() == ".xlsx":
        relative = target.name
        if target.parent != base:
            _err(tr("warning: the form names its framework {name!r}: copy {source} beside the form (a form reads "
                    "only a shipped framework or a framework file beside it)", name=target.name,
                    source=str(target)[-100:]))
    else:
        relative = os.path.relpath(target, base)
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 in a name: no unit file or form can write it
        raise UsageError(f"{ref}: " + tr("the framework's file name is not UTF-8 text, so a unit file cannot name "
                                         "it; rename the file")) from None
    return relative


def _write_new(output: Path, inputs: list[Path], force: bool, write) -> None:
    """``write(fh)`` to ``output`` atomically; never over an input, and over an existing file only with --force."""
    import stat

    from .report.files import check_output, write_atomic

    check_output(output, inputs)  # a name the file system cannot hold is refused here
    if str(output) != "-" and output.exists() and stat.S_ISREG(output.stat().st_mode) and not force:
        raise InputError(f"{output}: " + tr("the file exists and may hold filled evidence; it was left as it is. "
                                            "Choose another name, or pass --force to replace it"))
    write_atomic(output, write, force)
    if str(output) != "-":
        _err(tr("wrote {file}", file=output))


@command()
@guarded
def convert(
    source: Annotated[Path, typer.Argument(metavar="IN", help="A unit file (.yaml) or a filled form (.xlsx).")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="OUT",
                                         help=f"The form or unit file to write: {suffix_list(UNIT)}, chosen by its "
                                         "suffix.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists (it may be a filled form).")
    ] = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Turn a unit file into a filled self-assessment form (.xlsx), or a filled form back into a unit file.

    Example: parcli convert examples/bac-ninh-2021.yaml -o bac-ninh.xlsx
    """
    from .store import Store

    writer = writer_for(output, UNIT, lang.value)
    store = Store()
    unit, fw = store.unit(source)  # checked first: a form or file with problems is not converted
    ref = _framework_ref(unit.framework_ref, fw, output)
    _write_new(output, [source, Path(fw.source_path)], force, lambda fh: writer.unit(fh, unit, fw, ref, source.name))


@command()
@guarded
def explain(
    framework: Annotated[str, typer.Argument(metavar="FRAMEWORK", help="A shipped framework id or a file path.")],
    node_id: Annotated[str, typer.Argument(metavar="ID", help="A field, criterion or sub-criterion id, e.g. 3.2.1.")],
    lang: LangOpt = Lang.vi,
) -> None:
    """Explain one node of a framework: its path, max, source, rule in words and the documents expected."""
    from .report.table import emit, explain_table
    from .store import Store

    fw = Store().framework(framework, Path("."))
    if node_id not in fw.nodes:
        near = fw.nearest(node_id, 5)
        raise InputError(f"{framework}: " + (tr("no node with id {id!r}; nearest: {near}", id=node_id,
                                                 near=", ".join(near)) if near else
                                              tr("no node with id {id!r}", id=node_id)))
    from .report import provenance_line

    out, _ = _consoles()
    emit(out, explain_table(fw, node_id, lang.value), provenance_line(fw, lang.value))


@command()
@guarded
def frameworks(lang: LangOpt = Lang.vi) -> None:
    """List the shipped frameworks: id, title, level, basis, version, provenance, counts, total and survey points."""
    from .report.table import emit, frameworks_table
    from .store import Store, shipped

    store = Store()
    loaded = [store.framework_file(path) for path in shipped().values()]
    out, _ = _consoles()
    emit(out, frameworks_table(loaded, lang.value))


@command()
@guarded
def schema(
    kind: Annotated[SchemaKind, typer.Argument(metavar="unit|framework", help="unit or framework.")],
) -> None:
    """Print the JSON Schema of unit or framework files, for editors that complete and check YAML."""
    from .schema import schema_text

    sys.stdout.write(schema_text(kind.value))


class _progress:
    """A progress bar on stderr for long runs; nothing when stderr is not a terminal."""

    def __init__(self, total: int, what: str):
        self.total = total
        self.what = what
        self.bar = None

    def __enter__(self):
        if self.total >= 200 and sys.stderr.isatty():
            from rich.progress import Progress

            self.bar = Progress(transient=True, console=_consoles()[1])
            self.bar.start()
            task = self.bar.add_task(self.what, total=self.total)
            return lambda: self.bar.advance(task)
        return None

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


class _Interrupted(KeyboardInterrupt):
    """Ctrl+C, SIGTERM or SIGHUP. A subclass, not KeyboardInterrupt itself: Python 3.11 marks a bare
    KeyboardInterrupt raised inside exec() (a dataclass being made by a lazy import) as unhandled
    and then ends the process by SIGINT even after parcli said "interrupted" and chose exit 1."""


def _stop_on_signals() -> None:
    """SIGTERM and SIGHUP (a closed terminal, ``kill``, a service stopping) end parcli as Ctrl+C does:
    as KeyboardInterrupt, so a write in progress removes its temporary file and leaves the old file
    as it was, one line says "interrupted", and the exit code is 1."""
    import signal

    def stop(signum, frame):
        raise _Interrupted

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler):  # nohup's SIG_IGN stays
                signal.signal(signum, stop)
        except (OSError, ValueError):  # not the main thread, or not allowed here
            pass


def main() -> None:
    """Console entry point: usage errors in the chosen language, never a traceback."""
    gc.freeze()  # what the imports made lives as long as the process: never traverse it again
    _stop_on_signals()
    if sys.stdout is None or sys.stderr is None:  # started with a standard stream closed (>&-)
        if sys.stderr is not None:
            from .usage import chosen_language

            set_language(chosen_language(sys.argv[1:]))
            sys.stderr.write("parcli: " + tr("standard output is closed; run parcli with an output to write to") + "\n")
        sys.exit(2)
    try:
        code = app(standalone_mode=False, prog_name="parcli")
        sys.stdout.flush()
    except SystemExit:
        raise
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        _quiet_stdout()
        sys.exit(1)
    except KeyboardInterrupt:
        _err("parcli: " + tr("interrupted"))
        sys.exit(1)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # a usage error from the parser, or a bug outside any command
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare "parcli": the help, as typer prints it
            sys.stdout.write(exc.format_message() + "\n")
            sys.exit(0)
        if hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int):
            from .usage import report

            report(exc, sys.argv[1:])
            sys.exit(exc.exit_code)
        if "--debug" in sys.argv:
            raise
        _err("parcli: " + tr("internal error: {error} (run with --debug for the traceback, and please report it)",
                             error=f"{type(exc).__name__}: {exc}"))
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
