"""``parcli survey DEF ANSWERS...``: survey indices from the respondents' answers, with their intervals, as
a table or a file; ``--into UNITS -o DIR`` writes every target leaf's percent into each unit."""

# No "from __future__ import annotations": typer reads the annotations (see common.py).
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError, Problem, UsageError
from ..i18n import tr
from ..report import SURVEY, suffix_list, writer_for
from .common import (
    Command,
    ConciseOpt,
    CsvLocaleOpt,
    Lang,
    LangOpt,
    Locale,
    consoles,
    err,
    file_args,
    guarded,
    typer_app,
    warn,
)

app = typer_app()


@app.command(cls=Command)
@guarded
def survey(
    definition: Annotated[Path, typer.Argument(metavar="DEF", help="The survey definition (parcli/survey/v1 YAML).")],
    answers: Annotated[list[str], typer.Argument(metavar="ANSWERS...", help="The respondents' files: .csv (UTF-8, "
                                                 "',' or ';') or .xlsx, one row per respondent; folders of "
                                                 "them and quoted patterns such as \"phieu/*.csv\" too.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE|DIR",
                                     help=f"Write the indices here ({suffix_list(SURVEY)}); with --into, the folder "
                                     "the units are written to.")
    ] = None,
    into: Annotated[
        list[str] | None, typer.Option("--into", metavar="UNITS", help="Unit files (a folder or a quoted pattern "
                                          "too; repeat --into for more) to write each target leaf's percent into, "
                                          "matched by code; needs -o DIR.")
    ] = None,
    resamples: Annotated[int, typer.Option("--resamples", min=200, max=100_000, metavar="N",
                                           help="Bootstrap resamples per unit (default 2000).")] = 2000,
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist in the output.")] = False,
    concise: ConciseOpt = False,
    lang: LangOpt = Lang.vi,
    locale: CsvLocaleOpt = Locale.en,
) -> None:
    """Survey indices from the respondents' answers, with n and 95 % intervals; their points into units.

    Example: parcli survey khao-sat.yaml phieu.csv --into hoso/ -o hoso-khao-sat/
    """
    import os

    for threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        # the bootstrap's small matrix products: on a shared machine BLAS threads only contend (set one of
        # these to choose otherwise); read when numpy is first imported, below
        os.environ.setdefault(threads, "1")
    from ..inputs.answers import read_answers
    from ..inputs.yaml import load_file
    from ..survey.compute import survey as compute
    from ..survey.definition import check_targets, partial_targets, read_definition, target_problems

    paths = _answer_files(answers)
    writer = None
    if into and output is None:
        raise UsageError(tr("--into needs -o DIR, the folder the units are written to"))
    if output is not None and not into:
        from ..report.files import check_output

        writer = writer_for(output, SURVEY, lang.value, locale.value)
        check_output(output, [definition, *paths])
    doc = load_file(definition, str(definition))
    from ..store import Store

    store = Store()
    try:
        spec = read_definition(doc)
    except InputError as exc:  # the targets' leaves checked too, so that every problem is said in one run
        ref, targets = partial_targets(doc)
        more: list[Problem] = []
        if ref is not None and targets:
            try:
                more = target_problems(doc.file, targets, store.framework(ref, definition.parent))
            except InputError:
                pass  # the framework itself is said when the definition is right
        if not more:
            raise
        raise InputError(exc.message, [*exc.problems, *more]) from None
    fw = None
    if spec.targets or into:
        try:
            fw = store.framework(spec.framework, definition.parent)
        except InputError as exc:
            from ..store import unusable

            line, col = doc.locate(("framework",))
            said, below = unusable(spec.framework, exc)
            where = Problem(str(definition), line, col, said)
            raise InputError("invalid framework reference", [where, *below]) from None
        problems = check_targets(spec, fw)
        if problems:
            raise InputError("invalid targets", problems)
    if into and not spec.targets:
        raise InputError(f"{definition}: " + tr("the definition has no targets, so --into has nothing to write; add "
                                                "targets: {{overall: LEAF}} (or a part or an element)"))
    units = _read_units(store, file_args(into, units=True), fw, spec) if into else []
    known = dict(spec.units) if spec.units is not None else None
    got = read_answers(paths, spec, known)
    for name, count in got.blank_rows:
        warn(tr("{file}: {count} blank row(s) left out (no unit code and no answer)", file=name, count=count))
    order = list(known) if known is not None else []
    position = {code: k for k, code in enumerate(order)}
    grouped = sorted(zip(got.codes, got.matrices, strict=True), key=lambda pair: position.get(pair[0], len(order)))
    names = dict(known or {})
    for unit, _path in units:
        names.setdefault(unit.code, unit.name)
    for code in order:
        if code not in got.codes:
            warn(tr("unit {code} ({name}) has no answer in these files", code=code, name=names.get(code) or "?"))
    if not grouped:
        raise InputError(tr("the files hold no answer"), [Problem(str(p), 0, 0, tr("no respondent's row"))
                                                         for p in paths])
    result = compute(spec, [(code, names.get(code), matrix) for code, matrix in grouped], resamples)
    for u in result.units:
        for message, values in u.warnings:
            warn(tr(message, **values))
    if into:
        assert fw is not None and output is not None  # noqa: S101 - both checked above
        given = {u.code for u, _path in units}
        for u in result.units:
            if u.code not in given:
                warn(tr("unit {code} has answers but no unit file among --into; its result is shown, written into "
                        "no unit", code=u.code))
        _write_into(result, units, fw, spec, output, definition, paths, force)
    if writer is not None:
        from ..report.files import write_atomic

        assert output is not None  # noqa: S101
        write_atomic(output, lambda fh: writer.survey(fh, result), force)
        from ..report.surveyout import method_lines

        for said in method_lines(result, lang.value):
            err(said)
        if str(output) != "-":
            err(tr("wrote {file} ({count} unit(s), {respondents:,} respondent(s))", file=output,
                   count=len(result.units), respondents=result.respondents))
        return
    from ..report.surveyout import method_lines, part_legend, survey_table
    from ..report.table import emit

    out, _ = consoles()
    emit(out, survey_table(result, lang.value, locale.value), part_legend(result, lang.value),
         *method_lines(result, lang.value))


def _answer_files(names: list[str]) -> list[Path]:
    """The respondents' files: each name as it is, a folder's .csv and .xlsx files (sorted), or a pattern's."""
    import os

    out: list[Path] = []
    for name in names:
        if os.path.isdir(name):
            found = sorted(p for p in Path(name).iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".xlsx")
                           and not p.name.startswith(("~$", ".~lock")))
            if not found:
                raise InputError(f"{name}: " + tr("the folder holds no .csv or .xlsx file"))
            out.extend(found)
        else:
            out.extend(file_args([name]))
    return list(dict.fromkeys(out))


def _read_units(store, paths: list[Path], fw, spec) -> list:
    """The units to write into, each checked and of the survey's framework; every problem in one run."""
    problems: list[Problem] = []
    units = []
    codes: dict[str, Path] = {}
    for path in paths:
        try:
            unit, unit_fw = store.unit(path)
        except InputError as exc:
            problems.extend(exc.problems or [Problem(str(path), 0, 0, exc.message)])
            continue
        if unit_fw.sha256 != fw.sha256:
            problems.append(Problem(str(path), 0, 0, tr(
                "the unit uses the framework {unit_fw} v{unit_version}; the survey's targets refer to {fw} "
                "v{version}", unit_fw=unit_fw.id, unit_version=unit_fw.version, fw=fw.id, version=fw.version)))
            continue
        if unit.code is None:
            problems.append(Problem(str(path), 0, 0, tr("the unit has no code, so no answer can be matched to it; "
                                                       "add code: to the unit file")))
            continue
        if unit.code in codes:
            problems.append(Problem(str(path), 0, 0, tr("the code {code} is the code of {other} too", code=unit.code,
                                                       other=codes[unit.code])))
            continue
        codes[unit.code] = path
        units.append((unit, path))
    if problems:
        raise InputError("invalid units", problems)
    return units


def _write_into(result, units, fw, spec, folder: Path, definition: Path, answers: list[Path], force: bool) -> None:
    """Each unit with answers, written to ``folder`` with the survey's percent on every target leaf."""
    from dataclasses import replace

    from ..report import UNIT
    from ..report.files import check_output
    from ..rules.base import Evidence
    from .common import framework_ref, write_new

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: " + tr("with --into, -o names a folder; this is a file"))
    by_code = {u.code: u for u in result.units}
    inputs = [definition, *answers, *(p for _u, p in units), Path(fw.source_path)]
    plans = []
    problems: list[Problem] = []
    names: dict[str, Path] = {}
    for unit, path in units:
        found = by_code.get(unit.code)
        if found is None:
            warn(tr("{file}: unit {code} has no answer in these files; it is not written", file=path,
                    code=unit.code))
            continue
        target = folder / (path.stem + ".yaml")
        if target.name in names:
            problems.append(Problem(str(path), 0, 0, tr("{other} is written to {target} too; rename one of them",
                                                        other=names[target.name], target=target)))
            continue
        names[target.name] = path
        evidence = dict(unit.evidence)
        changes = []
        for key, (leaf_id, _where) in spec.targets.items():
            level = found.overall if key == "overall" else next(
                (x for x in [*found.parts, *found.elements] if x.id == key), None)
            closed = [a for a in [leaf_id, *fw.ancestors(leaf_id)] if a in unit.na]
            if closed:
                problems.append(Problem(str(path), 0, 0, tr("{leaf} is not applicable (na) in this unit, so the "
                                                           "survey's {key} is not written into it", leaf=leaf_id,
                                                           key=key)))
                continue
            if level is None or level.index is None:
                problems.append(Problem(str(path), 0, 0, tr("unit {code} has no answer for {key}, so {leaf} cannot "
                                                           "be written", code=unit.code, key=key, leaf=leaf_id)))
                continue
            old = evidence.get(leaf_id)
            note = tr("survey of {n} questionnaires", n=level.n)
            new = Evidence("percent", level.index, note=note,
                           claimed=old.claimed if old is not None else None,
                           documents=old.documents if old is not None else ())
            if old is not None and (old.form, old.amount, old.points) != (new.form, new.amount, None):
                warn(tr("{file}: {leaf} held another value; the survey's {percent} % replaces it", file=path,
                        leaf=leaf_id, percent=level.index))
            evidence[leaf_id] = new
            changes.append(f"{leaf_id} = {level.index} %")
        plans.append((replace(unit, evidence=evidence), path, target, changes))
    if problems:
        raise InputError("units not written", problems)
    if not plans:
        raise InputError(tr("no unit has answers in these files; nothing was written"))
    folder.mkdir(parents=True, exist_ok=True)
    writer = writer_for(folder / "unit.yaml", UNIT)
    for unit, path, target, changes in plans:
        check_output(target, inputs)
        ref = framework_ref(unit.framework_ref, fw, target, writer)
        write_new(target, inputs, force, lambda fh, unit=unit, ref=ref, path=path: writer.unit(fh, unit, fw, ref,
                                                                                               str(path)))
        err(f"  {unit.code}: " + ", ".join(changes))
