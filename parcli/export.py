"""``parcli export``: score units and write CSV, JSON or XLSX atomically."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .rank import SameUnit, blank_warning, years_warning
from .report import RESULTS, writer_for
from .report.files import check_output, write_atomic
from .scoring import score_files
from .summary import FrameworkInfo, summarize


def export_units(units: list[Path], output: Path, strict: bool, lang: str = "vi", locale: str = "en",
                 force: bool = False) -> tuple[int, list[FrameworkInfo], list[str]]:
    """Write every unit's result to ``output`` in the format its suffix chooses; return the number of
    units, their frameworks and the warnings for people (a unit without evidence; units of different
    years in a format that ranks them). Two files of one unit and year are an error naming both.
    ``lang`` is for what people read (the XLSX workbook's headers; CSV and JSON stay English),
    ``locale`` for CSV's numbers."""
    check_output(output, units)
    writer = writer_for(output, RESULTS, lang, locale)
    count = 0
    frameworks: dict[str, FrameworkInfo] = {}
    warnings: list[str] = []
    years: list[tuple[int, str]] = []

    def summaries():
        nonlocal count
        seen = SameUnit()
        same = []
        try:
            for result in score_files(units, strict):
                count += 1
                fw = result.framework
                info = frameworks.get(fw.source_path)
                if info is None:
                    check_output(output, [Path(fw.source_path)])
                    info = frameworks[fw.source_path] = FrameworkInfo.of(fw)
                summary = summarize(result, info)
                problem = seen.add(summary)
                if problem is not None:
                    same.append(problem)
                warnings.extend(w for w in [blank_warning(summary)] if w)
                years.append((summary.year, summary.file))
                if not same:
                    yield summary
        except InputError as exc:  # every problem of every file, these with them
            raise InputError(exc.message, [*exc.problems, *same]) from None
        if same:
            raise InputError("two files of one unit", same)

    write_atomic(output, lambda fh: writer.results(fh, summaries()), force)
    if writer.ranks_results:
        warnings.extend(w for w in [years_warning(years)] if w)
    return count, list(frameworks.values()), warnings
