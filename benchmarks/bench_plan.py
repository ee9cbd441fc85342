"""How long ``parcli plan`` takes on the 102-leaf provincial framework (issue 11: under 1 s), and
``plan --effort`` on a generated framework of 2,000 leaves with 10 bands each (issue 20: under 10 s).

Each case runs as a new process (as a user runs it) beside ``parcli score`` of the same unit,
alternating, median of ``--repeat`` runs; the ratio to ``score`` is printed with the times.
The large case runs ``--large-repeat`` times (default 3) with three effort files: one weight for
every leaf (by kind), a weight of 1 to 5 for each leaf by id, and weights with two decimals.

    python benchmarks/bench_plan.py [--repeat 7] [--leaves 2000] [--large-repeat 3]

Exit 1 when a plan of the provincial framework takes 1 s or more, or a large plan 10 s or more.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "examples" / "bac-ninh-2021.yaml"


def timed(cmd: list[str], env: dict, timeout: float | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-1000:]}")
    return time.perf_counter() - start


def large_case(work: Path, leaves: int, seed: int = 20) -> tuple[Path, dict[str, Path]]:
    """A framework of ``leaves`` leaves (10 fields of ``leaves / 200`` criteria of 20 sub-criteria),
    each a rate in 10 bands; a unit with random rates; three effort files."""
    rnd = random.Random(seed)
    per_field = max(1, leaves // 10)
    per_criterion = 20 if per_field >= 20 else per_field
    criteria = max(1, per_field // per_criterion)
    leaf_max = 1
    total = 10 * criteria * per_criterion * leaf_max
    bands = ", ".join(f"{{gte: {10 * k}, points: {k / 10}}}" for k in range(10, 0, -1)) + ", {points: 0}"
    lines = ["schema: parcli/framework/v1", "id: large", "title: Large", "version: '1'", "level: other",
             "provenance: {status: custom, note: generated}", f"total: {total}", "places: 2", "fields:"]
    unit = ["schema: parcli/unit/v1", "unit: Large unit", "year: 2021", "framework: large.yaml", "evidence:"]
    ids = []
    for f in range(1, 11):
        lines += [f"  - id: '{f}'", f"    title: Field {f}", f"    max: {criteria * per_criterion * leaf_max}",
                  "    criteria:"]
        for c in range(1, criteria + 1):
            lines += [f"      - id: '{f}.{c}'", f"        title: Criterion {f}.{c}",
                      f"        max: {per_criterion * leaf_max}", "        subcriteria:"]
            for s in range(1, per_criterion + 1):
                lid = f"{f}.{c}.{s}"
                ids.append(lid)
                lines.append(f"          - {{id: '{lid}', title: Leaf {lid}, max: {leaf_max}, "
                             f"rule: {{kind: bands, measure: percent, bands: [{bands}]}}}}")
                unit.append(f"  '{lid}': {{percent: {rnd.randint(0, 60)}}}")
    (work / "large.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = work / "large-unit.yaml"
    path.write_text("\n".join(unit) + "\n", encoding="utf-8")
    efforts = {"one weight": "bands: 2\n",
               "weights 1-5 by id": "".join(f"'{lid}': {rnd.randint(1, 5)}\n" for lid in ids),
               "weights with 2 decimals": "".join(f"'{lid}': {rnd.randint(50, 300) / 100}\n" for lid in ids)}
    files = {}
    for name, text in efforts.items():
        files[name] = work / f"effort-{len(files)}.yaml"
        files[name].write_text(text, encoding="utf-8")
    return path, files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--leaves", type=int, default=2000, help="leaves of the generated framework (default 2000)")
    ap.add_argument("--large-repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120, help="give up a large run after this many seconds")
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
    ok = worst < 1

    unit, efforts = large_case(work, args.leaves)
    timed(parcli + ["score", str(unit), "-f", "json"], env)  # the framework checked and cached once
    index = _index(parcli + ["score", str(unit), "-f", "json"], env)
    print(f"generated: {args.leaves} leaves x 10 bands, index now {index}; plan --effort, median of "
          f"{args.large_repeat} runs (target < 10 s)")
    for gain in ("5", "20"):
        for name, path in efforts.items():
            runs = []
            for _ in range(max(1, args.large_repeat)):
                cmd = parcli + ["plan", str(unit), "--gain", gain, "--effort", str(path), "-f", "json"]
                try:
                    runs.append(timed(cmd, env, args.timeout))
                except subprocess.TimeoutExpired:
                    runs.append(float("inf"))
                    break
            t = statistics.median(runs)
            ok &= t < 10
            text = f"{t:6.2f} s" if t != float("inf") else f"> {args.timeout:.0f} s"
            verdict = "ok" if t < 10 else "ABOVE TARGET"
            print(f"  --gain {gain:>2} --effort ({name}){'':{28 - len(name)}} {text}  {verdict}")
    return 0 if ok else 1


def _index(cmd: list[str], env: dict) -> str:
    import json

    proc = subprocess.run(cmd, env=env, capture_output=True)
    return str(json.loads(proc.stdout)["index"])


if __name__ == "__main__":
    sys.exit(main())
