"""``parcli plan UNIT``: which lost points to win back, and ``--apply`` to write the planned unit."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError, UsageError
from ..i18n import tr, trn
from ..report import PLAN, UNIT, choices, suffix_list, writer_for
from .common import (
    Command,
    ConciseOpt,
    CsvLocaleOpt,
    Lang,
    LangOpt,
    Locale,
    consoles,
    err,
    framework_ref,
    guarded,
    typer_app,
    write_new,
)

app = typer_app()


# "table" (parcli's own view), then every format of parcli.report.WRITERS that writes a plan to standard output.
FORMATS, FORMAT_METAVAR, FORMAT_HELP = choices(PLAN)
PlanFormat = Enum("PlanFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
TABLE = PlanFormat("table")

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
    from ..plan import displayed

    target = _plan_target_value(result, fw, unit, target_index, target_class, gain, target_rank, against)
    if target is None:
        return None
    shown = displayed(target, fw.places)
    if shown != target and target_index is not None:
        err(tr("note: {option} {value} is taken as {shown} (the index is shown with {places} decimals)",
               option="--target-index", value=_short_number(target), shown=shown, places=fw.places))
    return shown


def _short_number(value) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{value:.6E}"


def _plan_target_value(result, fw, unit, target_index, target_class, gain, target_rank, against):
    from ..plan import class_target, displayed, gained

    given = [x for x in (target_index, target_class, gain, target_rank) if x is not None]
    if len(given) > 1:
        raise UsageError(tr("give one target: --target-index, --target-class, --gain or --target-rank"))
    if target_index is not None:
        value = _decimal_option("--target-index", target_index)
        if not 0 <= value <= 100:
            raise UsageError("--target-index: " + tr("an index is in [0, 100], got {value}",
                                                     value=_short_number(value)))
        return value
    if target_class is not None:
        minimum = class_target(fw, target_class)
        if minimum is None:
            raise UsageError("--target-class: " + tr("no class {label!r}; the classes are {labels}", label=target_class,
                                                     labels=", ".join(b.label for b in fw.header.classes)))
        return minimum
    if gain is not None:
        value = _decimal_option("--gain", gain)
        if not 0 < value <= 100:
            raise UsageError("--gain: " + tr("a gain is above 0 and at most 100 index points, got {value}",
                                             value=_short_number(value)))
        step = displayed(value, fw.places)
        if step != value:
            err(tr("note: {option} {value} is taken as {shown} (the index is shown with {places} decimals)",
                   option="--gain", value=_short_number(value), shown=step, places=fw.places))
        return gained(result, step)
    if target_rank is not None:
        if against is None:
            raise UsageError(tr("--target-rank needs --against RANK.csv (a file written by parcli rank -o)"))
        from ..inputs.ranking import index_at_rank

        return index_at_rank(against, target_rank, unit.code, unit.name)
    if against is not None:
        raise UsageError(tr("--against goes with --target-rank N"))
    return None


def planned_mark(source: str, the_plan) -> str:
    """What a planned file says of itself, in the chosen language: where from, and the leaves changed."""
    ids = [ch.leaf.id for ch in the_plan.changes]
    shown = ", ".join(ids[:30]) + (tr(" and {count} more", count=len(ids) - 30) if len(ids) > 30 else "")
    return trn("Planned by parcli (plan --apply) from {source}; the plan changes {n} leaf: {ids}",
               "Planned by parcli (plan --apply) from {source}; the plan changes {n} leaves: {ids}",
               len(ids), source=source, ids=shown)


@app.command(cls=Command)
@guarded
def plan(
    unit: Annotated[Path, typer.Argument(metavar="UNIT", help="The unit file (.yaml) or filled form (.xlsx).")],
    target_index: Annotated[str | None, typer.Option("--target-index", metavar="X",
                                                       help="Reach this displayed index, e.g. 90.")] = None,
    target_class: Annotated[str | None, typer.Option("--target-class", metavar="C",
                                                       help="Reach this class of the framework, e.g. A.")] = None,
    gain: Annotated[str | None, typer.Option("--gain", metavar="P",
                                               help="Raise the displayed index by P points, e.g. 2.5.")] = None,
    target_rank: Annotated[int | None, typer.Option(
        "--target-rank", metavar="N", min=1,
        help="Reach the index of the unit now at rank N (with --against).")] = None,
    against: Annotated[Path | None, typer.Option("--against", metavar="RANK.csv",
                                                   help="A rank CSV (parcli rank -o) for --target-rank.")] = None,
    effort: Annotated[Path | None, typer.Option(
        "--effort", metavar="FILE", help="YAML weights by leaf id or rule kind: minimise the total weight.")] = None,
    all_sources: Annotated[bool, typer.Option(
        "--all-sources", help="Also plan survey, impact and appraisers' (manual) leaves.")] = False,
    apply_plan: Annotated[bool, typer.Option("--apply",
                                             help="Write the unit with the plan applied (with -o).")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="NEW",
                                                  help=f"Where --apply writes the planned unit: {suffix_list(UNIT)} "
                                                  "(a filled form).")] = None,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", metavar=FORMAT_METAVAR,
                                            help=FORMAT_HELP)] = TABLE,
    force: Annotated[bool, typer.Option("--force", help="Replace NEW if it exists.")] = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: CsvLocaleOpt = Locale.en,
) -> None:
    """Which lost points to win back: every next step, or the fewest changes that reach a target.

    Example: parcli plan examples/bac-ninh-2021.yaml --target-class A
    """
    from ..engine import score
    from ..plan import opportunities
    from ..plan import plan as make_plan
    from ..store import Store

    writer = None
    if output is not None:  # the suffix is checked in every case, before anything is read
        writer = writer_for(output, UNIT, lang.value)
        if not apply_plan:
            raise UsageError(tr("-o {output} writes the planned unit only with --apply: add --apply (and a target), "
                                "or leave out -o to see the plan", output=output))
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
        from ..inputs.effort import read_effort

        weights = read_effort(effort, fw)
    else:
        weights = None
    if target is None:
        the_plan = opportunities(result, all_sources)
    else:
        the_plan = make_plan(fw, checked, result, target, all_sources, weights)
    if apply_plan and the_plan.reached and output is not None and writer is not None:  # both given: checked above
        from ..plan import apply as apply_changes

        planned = apply_changes(fw, checked, the_plan.changes)
        ref = framework_ref(checked.framework_ref, fw, output, writer)
        write_new(output, [unit, Path(fw.source_path)], force,
                   lambda fh: writer.unit(fh, planned, fw, ref, planned_mark(unit.name, the_plan)))
    from ..report import provenance_line

    if fmt.value != "table":
        from ..report import writer_of

        sys.stdout.flush()
        writer_of(fmt.value, lang.value, locale.value).plan(sys.stdout.buffer, the_plan)
        sys.stdout.flush()
    else:
        from ..report.planout import plan_tables
        from ..report.table import emit

        out, _ = consoles()
        title, tables, lines = plan_tables(the_plan, lang.value, locale.value)
        out.print(title, markup=False, highlight=False, overflow="fold")
        for table in tables[:-1]:
            emit(out, table)
        emit(out, tables[-1], *lines, provenance_line(fw, lang.value))
    if fmt.value != "table":
        err(provenance_line(fw, lang.value))
    if not the_plan.reached:
        raise typer.Exit(1)
