"""How long and how big the HTML report of the 17 example departments is (issue 12: < 5 s, < 3 MB).

Runs ``parcli report examples/departments -o report.html`` as a user runs it (a new process),
beside ``parcli rank`` of the same units, median of ``--repeat`` alternating runs.

    python benchmarks/bench_report.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "examples" / "departments"


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-1000:]}")
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="parcli-bench-report-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PARCLI_CACHE_DIR"] = str(work / "cache")
    script = Path(sys.executable).parent / ("parcli.exe" if os.name == "nt" else "parcli")
    parcli = [str(script)] if script.exists() else [sys.executable, "-m", "parcli"]
    out = work / "report.html"
    report_cmd = parcli + ["report", str(UNITS), "-o", str(out), "--force"]
    rank_cmd = parcli + ["rank", str(UNITS), "-o", str(work / "rank.csv")]
    timed(report_cmd, env)  # first run: matplotlib builds its font cache, the framework is cached
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
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
