"""How long ``parcli plan`` takes on the 102-leaf provincial framework (issue 11: under 1 s).

Each case runs as a new process (as a user runs it) beside ``parcli score`` of the same unit,
alternating, median of ``--repeat`` runs; the ratio to ``score`` is printed with the times.

    python benchmarks/bench_plan.py [--repeat 7]

Exit 1 when a plan takes 1 s or more.
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
UNIT = ROOT / "examples" / "bac-ninh-2021.yaml"


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-1000:]}")
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="parcli-bench-plan-"))
    effort = work / "effort.yaml"
    effort.write_text("bands: 2\nyes_no: 1\nchoice: 3\ndefault: 2\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PARCLI_CACHE_DIR"] = str(work / "cache")
    script = Path(sys.executable).parent / ("parcli.exe" if os.name == "nt" else "parcli")
    parcli = [str(script)] if script.exists() else [sys.executable, "-m", "parcli"]
    cases = {
        "score (baseline)": ["score", str(UNIT), "-f", "json"],
        "plan (opportunities)": ["plan", str(UNIT), "-f", "json"],
        "plan --target-class A": ["plan", str(UNIT), "--target-class", "A", "-f", "json"],
        "plan --target-index 92 --effort": ["plan", str(UNIT), "--target-index", "92", "--effort", str(effort),
                                            "-f", "json"],
        "plan --target-index 92.8 --all-sources": ["plan", str(UNIT), "--target-index", "92.8", "--all-sources",
                                                   "-f", "json"],
    }
    timed(parcli + cases["score (baseline)"], env)  # the framework checked and cached once
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(max(1, args.repeat)):
        for name, argv in cases.items():
            times[name].append(timed(parcli + argv, env))
    base = statistics.median(times["score (baseline)"])
    worst = 0.0
    print(f"{UNIT.name} (102 leaves), median of {args.repeat} runs each, new processes")
    for name, values in times.items():
        t = statistics.median(values)
        if name != "score (baseline)":
            worst = max(worst, t)
        print(f"{name:40} {t * 1000:7.0f} ms   ratio to score {t / base:.2f}")
    print(f"slowest plan: {worst * 1000:.0f} ms (target < 1000 ms)  {'ok' if worst < 1 else 'ABOVE TARGET'}")
    return 0 if worst < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
