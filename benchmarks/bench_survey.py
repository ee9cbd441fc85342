"""Benchmark: `parcli survey` (with its intervals) on N respondents × 33 items against a bare csv.reader pass.

Generates a survey definition of 33 items (2 parts, 9 elements) and a CSV of N respondents rating
30 units (a timestamp column, the unit's code, 33 answers on 1-5 with some blanks and "no answer"
codes, a comment column), then, in this one Python process, times (1) a bare pass of Python's
``csv.reader`` over the file (every row built) and (2) ``parcli survey DEF ANSWERS -o out.json``, which
reads and checks every cell, computes every index exactly, the Wilson intervals and the bootstrap
(``--resamples``, default 2000, over each unit's respondents). The two alternate for --repeat rounds
and the median ratio is reported; the bootstrap's own share is timed too.

    python benchmarks/bench_survey.py                      # target: ratio <= 1.5
    python benchmarks/bench_survey.py --resamples 200      # the same with fewer resamples
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNITS = [f"S{k:02}" for k in range(30)]
ELEMENTS = [4, 4, 3, 4, 4, 3, 4, 4, 3]  # 33 items


def definition_text() -> str:
    lines = ["schema: parcli/survey/v1", "id: bench-33", "title: Benchmark survey", "framework: province-2022",
             "unit: ma_don_vi", "scale: {min: 1, max: 5, satisfied: [4, 5], missing: [0, 9]}", "parts:"]
    item = 0
    for p, elements in (("P1", ELEMENTS[:4]), ("P2", ELEMENTS[4:])):
        lines += [f"  - id: {p}", f"    title: Phần {p}", "    elements:"]
        for e, count in enumerate(elements):
            lines += [f"      - id: {p}E{e + 1}", f"        title: Yếu tố {p}.{e + 1}", "        items:"]
            for _ in range(count):
                item += 1
                lines.append(f"          - {{id: Q{item}, column: \"Câu {item}\"}}")
    return "\n".join(lines) + "\n"


def answers_text(n: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    rows = ["thoi_gian,ma_don_vi," + ",".join(f"Câu {k}" for k in range(1, 34)) + ",gop_y"]
    pool = "5555444444333221"
    for i in range(n):
        cells = [pool[rnd.randrange(16)] if rnd.random() > 0.04 else rnd.choice(("", "9", "0")) for _ in range(33)]
        rows.append(f"2024-11-{1 + i % 28:02d} 08:{i % 60:02d}," + UNITS[rnd.randrange(30)] + "," + ",".join(cells)
                    + ",")
    return "\n".join(rows) + "\n"


def bare_csv(path: Path) -> float:
    start = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as fh:
        for _row in csv.reader(fh):
            pass
    return time.perf_counter() - start


def parcli_survey(definition: Path, answers: Path, out: Path, resamples: int) -> float:
    from parcli.cli import app

    start = time.perf_counter()
    try:
        app(["survey", str(definition), str(answers), "-o", str(out), "--force", "--resamples", str(resamples),
             "--lang", "en"], standalone_mode=False)
    except SystemExit as exc:  # pragma: no cover
        if exc.code:
            raise
    return time.perf_counter() - start


def bootstrap_only(definition: Path, answers: Path, resamples: int) -> float:
    """The bootstrap alone, on the answers parcli read (its share of parcli's time)."""
    from parcli.inputs.answers import read_answers
    from parcli.inputs.yaml import load_file
    from parcli.survey.compute import Computer
    from parcli.survey.definition import read_definition

    spec = read_definition(load_file(definition))
    got = read_answers([answers], spec, None)
    computer = Computer(spec, resamples)
    start = time.perf_counter()
    for code, matrix in zip(got.codes, got.matrices, strict=True):
        scores, answered = computer.tables(matrix)
        computer.bootstrap(code, scores, answered.astype("float32"))
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=40_000, help="respondents (default 40000)")
    ap.add_argument("--resamples", type=int, default=2000, help="bootstrap resamples per unit (default 2000)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of parcli and the bare pass (default 3)")
    ap.add_argument("--max-ratio", type=float, default=None, help="exit 1 when parcli/bare is above this")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="parcli-bench-survey-"))
    try:
        definition = work / "survey.yaml"
        definition.write_text(definition_text(), encoding="utf-8")
        answers = work / "answers.csv"
        answers.write_text(answers_text(args.n), encoding="utf-8")
        print(f"generated {args.n} respondents x 33 items, {answers.stat().st_size / 1e6:.1f} MB ({work})")
        parcli_survey(definition, answers, work / "out.json", args.resamples)  # imports and page cache warm
        ratios, t_parcli_all, t_bare_all = [], [], []
        for _round in range(args.repeat):
            gc.collect()
            t_parcli_all.append(parcli_survey(definition, answers, work / "out.json", args.resamples))
            gc.collect()
            t_bare_all.append(bare_csv(answers))
            ratios.append(t_parcli_all[-1] / t_bare_all[-1])
        t_boot = statistics.median(bootstrap_only(definition, answers, args.resamples) for _ in range(args.repeat))
        ratio = statistics.median(ratios)
        t_parcli, t_bare = statistics.median(t_parcli_all), statistics.median(t_bare_all)
        print(f"bare csv.reader pass          : {t_bare:8.3f} s")
        print(f"parcli survey (-o json)       : {t_parcli:8.3f} s  (of which the bootstrap, {args.resamples} "
              f"resamples: {t_boot:.3f} s)")
        print(f"ratio parcli / bare           : {ratio:8.3f}  (median of {args.repeat} rounds: "
              f"{', '.join(f'{r:.3f}' for r in ratios)})")
        print(f"parcli peak memory (RSS)      : {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.1f} MB")
        if args.max_ratio is not None and ratio > args.max_ratio:
            print(f"FAIL: ratio {ratio:.3f} above {args.max_ratio}")
            return 1
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
