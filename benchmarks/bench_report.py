"""How long and how big the HTML report is: the 17 example departments (issue 12: < 5 s, < 3 MB),
and many generated units (issue 20: 1,000 units in under 30 s, memory bounded).

Runs ``parcli report`` as a user runs it (a new process), beside ``parcli rank`` of the same
units, median of ``--repeat`` alternating runs. The many-units case copies
examples/bac-ninh-2021.yaml (102 leaves) ``--units`` times with other names, codes and rates,
and reports the time and the peak memory (resident set) of each run, for every count in
``--units`` (default 1000 and 5000): memory that stays nearly flat as the units grow is bounded.

    python benchmarks/bench_report.py [--repeat 5] [--units 1000 5000]

Exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "examples" / "departments"

# Runs a command and prints its own children's peak resident set (the command's), in KB.
MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "p = subprocess.run(sys.argv[1:], capture_output=True); "
           "sys.stdout.write('%d %.3f %d' % (p.returncode, time.perf_counter() - t, "
           "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); sys.stderr.buffer.write(p.stderr[-2000:])")


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-1000:]}")
    return time.perf_counter() - start


def measured(cmd: list[str], env: dict) -> tuple[float, int]:
    """Seconds and peak memory (KB) of one run (POSIX: resource.getrusage)."""
    proc = subprocess.run([sys.executable, "-c", MEASURE, *cmd], env=env, capture_output=True, text=True)
    code, seconds, peak = proc.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(cmd)} exited {code}: {proc.stderr}")
    return float(seconds), int(peak)


def generate(folder: Path, count: int, seed: int = 20) -> Path:
    """``count`` unit files of province-2020, made from the Bắc Ninh example."""
    folder.mkdir(parents=True, exist_ok=True)
    source = (ROOT / "examples" / "bac-ninh-2021.yaml").read_text(encoding="utf-8")
    rnd = random.Random(seed)
    for i in range(count):
        text = source.replace('unit: "Tỉnh Bắc Ninh"', f'unit: "Đơn vị số {i:05d}"')
        text = text.replace('code: "27"', f'code: "U{i:05d}"')
        text = re.sub(r"\{percent: [0-9.]+", lambda _m: f"{{percent: {rnd.uniform(40, 100):.1f}", text)
        (folder / f"u{i:05d}.yaml").write_text(text, encoding="utf-8")
    return folder


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--units", type=int, nargs="*", default=[1000, 5000], help="counts of generated units")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="parcli-bench-report-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PARCLI_CACHE_DIR"] = str(work / "cache")
    script = Path(sys.executable).parent / ("parcli.exe" if os.name == "nt" else "parcli")
    parcli = [str(script)] if script.exists() else [sys.executable, "-m", "parcli"]
    out = work / "report.html"
    report_cmd = parcli + ["report", str(UNITS), "-o", str(out), "--force"]
    rank_cmd = parcli + ["rank", str(UNITS), "-o", str(work / "rank.csv")]
    timed(report_cmd, env)  # first run: the framework is cached
    reports, ranks = [], []
    for _ in range(max(1, args.repeat)):
        reports.append(timed(report_cmd, env))
        ranks.append(timed(rank_cmd, env))
    t, base = statistics.median(reports), statistics.median(ranks)
    size = out.stat().st_size
    ok = t < 5 and size < 3 * 1024 * 1024
    print(f"17 departments, median of {len(reports)} runs")
    print(f"parcli report : {t:5.2f} s   (parcli rank of the same units {base:.2f} s, ratio {t / base:.1f})")
    print(f"report size   : {size / 1024:7.0f} KB")
    print(f"targets: < 5 s and < 3 MB  {'ok' if ok else 'ABOVE TARGET'}")

    for count in args.units:
        folder = generate(work / f"units-{count}", count)
        many = work / f"report-{count}.html"
        seconds, peak = measured(parcli + ["report", str(folder), "-o", str(many), "--force"], env)
        rank_seconds, rank_peak = measured(parcli + ["rank", str(folder), "-o", str(work / f"rank-{count}.csv")], env)
        fine = count > 1000 or seconds < 30
        ok &= fine
        print(f"{count} units (province-2020, 102 leaves): report {seconds:6.2f} s, peak {peak / 1024:6.0f} MB, "
              f"{many.stat().st_size / 1024 / 1024:5.1f} MB of HTML; rank {rank_seconds:.2f} s, peak "
              f"{rank_peak / 1024:.0f} MB" + ("   (target < 30 s) " + ("ok" if fine else "ABOVE TARGET")
                                                if count == 1000 else ""))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
