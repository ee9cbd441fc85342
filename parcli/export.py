"""``parcli export``: score units and write CSV, JSON or XLSX atomically."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from .errors import UsageError
from .report import FileFormat, write_results
from .report.files import check_output, write_atomic


def output_kind(output: Path) -> FileFormat:
    fmt = FileFormat.for_path(output)
    if fmt is None:
        raise UsageError(f"{output}: unknown output type {output.suffix or '(none)'!r}; use .csv, .json or .xlsx")
    return fmt


def export_units(units: list[Path], output: Path, strict: bool, score_files):
    """Write every unit's result to ``output``; return the number of units and their frameworks."""
    check_output(output, units)
    kind = output_kind(output)
    count = 0
    frameworks: dict[str, object] = {}

    def results():
        nonlocal count
        for result in score_files(units, strict):
            count += 1
            fw = result.framework
            if fw.source_path not in frameworks:
                check_output(output, [Path(fw.source_path)])
                frameworks[fw.source_path] = fw
            yield result

    def write(fh: IO[bytes]) -> None:
        write_results(kind, fh, results())

    write_atomic(output, write)
    return count, list(frameworks.values())
