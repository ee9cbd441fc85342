"""Benchmark: `parcli rank` on N synthetic units against a bare PyYAML C-loader parse.

Generates a 100-leaf framework that uses every rule kind and N unit files against
it, then, in this one Python process, times (1) a bare `yaml.load(..., CSafeLoader)`
of every file and (2) `parcli rank` of the same files (-o to a CSV), and prints
both times, their ratio and parcli's peak memory (the process's peak RSS, read
after the ranks; with --jobs, the workers' peak too). The two alternate for
--repeat rounds and the median ratio is reported.

    python benchmarks/bench_rank.py --n 10000            # targets: ratio <= 0.8, peak <= 150 MB
    python benchmarks/bench_rank.py --n 10000 --jobs 2   # target: ratio <= 0.5
"""

from __future__ import annotations

import argparse
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

from parcli.rules import KINDS, REGISTRY  # noqa: E402  (after the path is set)


def framework_text(leaves: int = 100) -> str:
    """Ten fields, each of two criteria of five sub-criteria: 100 leaves of 1 point, every rule kind in turn."""
    out = ["schema: parcli/framework/v1", "id: bench-100", "title: Benchmark framework", "level: commune",
           'version: "1"', "provenance: {status: custom, note: synthetic benchmark framework}",
           f"total: {leaves}", "classes: [{label: A, min: 90}, {label: B, min: 80}, {label: C, min: 70}, "
           "{label: D, min: 0}]", "fields:"]
    n = 0
    for f in range(1, leaves // 10 + 1):
        out += [f'  - id: "{f}"', f"    title: Lĩnh vực {f}", "    max: 10", "    criteria:"]
        for c in (1, 2):
            out += [f'      - id: "{f}.{c}"', f"        title: Tiêu chí {f}.{c}", "        max: 5",
                    "        subcriteria:"]
            for s in range(1, 6):
                kind = KINDS[n % len(KINDS)]
                n += 1
                rule = REGISTRY[kind].EXAMPLE
                out.append(f'          - {{id: "{f}.{c}.{s}", title: "Tiêu chí thành phần {f}.{c}.{s}", max: 1, '
                           f"rule: {rule}}}")
    return "\n".join(out) + "\n"


def unit_text(i: int, rnd: random.Random, leaves: int = 100) -> str:
    lines = ["schema: parcli/unit/v1", f"unit: Xã số {i}", f'code: "{i:05}"', "year: 2024",
             "framework: bench-100.yaml", "evidence:"]
    n = 0
    for f in range(1, leaves // 10 + 1):
        for c in (1, 2):
            for s in range(1, 6):
                kind = KINDS[n % len(KINDS)]
                n += 1
                v = REGISTRY[kind].sample(rnd)
                lines.append(f'  "{f}.{c}.{s}": {v}')
    return "\n".join(lines) + "\n"


def generate(folder: Path, n: int, seed: int = 1) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench-100.yaml").write_text(framework_text(), encoding="utf-8")
    rnd = random.Random(seed)
    names = []
    for i in range(n):
        p = folder / f"u{i:05}.yaml"
        p.write_text(unit_text(i, rnd), encoding="utf-8")
        names.append(str(p))
    return names


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def bare_load(files: list[str]) -> float:
    import yaml

    start = time.perf_counter()
    for name in files:
        with open(name, "rb") as fh:
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def parcli_rank(files: list[str], out: Path, jobs: int) -> float:
    from parcli.cli import app

    start = time.perf_counter()
    try:
        app(["rank", *files, "-o", str(out), "--jobs", str(jobs)], standalone_mode=False)
    except SystemExit as exc:  # pragma: no cover
        if exc.code:
            raise
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="number of unit files (default 10000)")
    ap.add_argument("--jobs", type=int, default=1, help="parcli rank --jobs (default 1)")
    ap.add_argument("--work", type=Path, default=None, help="folder for the generated files (default: a temp dir)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of parcli and the bare load (default 3)")
    ap.add_argument("--max-ratio", type=float, default=None, help="exit 1 when parcli/bare is above this")
    ap.add_argument("--max-peak-mb", type=float, default=None, help="exit 1 when parcli's peak RSS is above this")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="parcli-bench-"))
    try:
        t0 = time.perf_counter()
        files = generate(work, args.n)
        print(f"generated {args.n} units x 100 leaves in {time.perf_counter() - t0:.1f} s ({work})")
        for name in files:  # warm the page cache for both runs alike
            Path(name).read_bytes()
        # parcli and the bare load alternate; the ratio is the median of the rounds' ratios,
        # so that a slow moment of a shared machine does not decide it
        ratios, t_parcli_all, t_bare_all = [], [], []
        peak_self = peak_children = 0.0
        for _round in range(args.repeat):
            gc.collect()
            t_parcli_all.append(parcli_rank(files, work / "rank.csv", args.jobs))
            peak_self = max(peak_self, peak_mb())
            peak_children = max(peak_children, peak_mb(resource.RUSAGE_CHILDREN))
            gc.collect()
            t_bare_all.append(bare_load(files))
            ratios.append(t_parcli_all[-1] / t_bare_all[-1])
        ratio = statistics.median(ratios)
        t_parcli, t_bare = statistics.median(t_parcli_all), statistics.median(t_bare_all)
        rows = sum(1 for _ in open(work / "rank.csv", encoding="utf-8-sig")) - 1
        print(f"bare PyYAML CSafeLoader load : {t_bare:8.2f} s")
        print(f"parcli rank --jobs {args.jobs:<2}       : {t_parcli:8.2f} s  ({rows} units ranked)")
        print(f"ratio parcli / bare          : {ratio:8.3f}  (median of {args.repeat} rounds: "
              f"{', '.join(f'{r:.3f}' for r in ratios)})")
        print(f"parcli peak memory (RSS)     : {peak_self:8.1f} MB" +
              (f"  (workers' peak: {peak_children:.1f} MB)" if args.jobs > 1 else ""))
        failed = False
        if args.max_ratio is not None and ratio > args.max_ratio:
            print(f"FAIL: ratio {ratio:.3f} above {args.max_ratio}")
            failed = True
        if args.max_peak_mb is not None and max(peak_self, peak_children) > args.max_peak_mb:
            print(f"FAIL: peak memory above {args.max_peak_mb} MB")
            failed = True
        return 1 if failed else 0
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
