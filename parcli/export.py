"""``parcli export``: score units and write CSV, JSON or XLSX atomically."""

from __future__ import annotations

from pathlib import Path

from .report import RESULTS, writer_for
from .report.files import check_output, write_atomic
from .scoring import score_files
from .summary import FrameworkInfo, summarize


def export_units(units: list[Path], output: Path, strict: bool, lang: str = "vi", locale: str = "en",
                 force: bool = False) -> tuple[int, list[FrameworkInfo]]:
    """Write every unit's result to ``output`` in the format its suffix chooses; return the number of
    units and their frameworks. ``lang`` is for what people read (the XLSX workbook's headers; CSV and
    JSON stay English), ``locale`` for CSV's numbers."""
    check_output(output, units)
    writer = writer_for(output, RESULTS, lang, locale)
    count = 0
    frameworks: dict[str, FrameworkInfo] = {}

    def summaries():
        nonlocal count
        for result in score_files(units, strict):
            count += 1
            fw = result.framework
            info = frameworks.get(fw.source_path)
            if info is None:
                check_output(output, [Path(fw.source_path)])
                info = frameworks[fw.source_path] = FrameworkInfo.of(fw)
            yield summarize(result, info)

    write_atomic(output, lambda fh: writer.results(fh, summaries()), force)
    return count, list(frameworks.values())
