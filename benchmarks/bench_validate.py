"""Validation stays linear in the file (issue 13): 100,000 unknown ids take at most 3 times as long
as 100,000 known ones.

A framework of N yes/no leaves is generated; unit A gives every leaf a value, unit B gives N ids the
framework does not have. ``parcli validate`` runs on each as a new process, alternating, median of
``--repeat`` runs. A third unit with N bad values (text where a yes/no belongs) is timed too.

    python benchmarks/bench_validate.py [--n 100000] [--repeat 3]
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

TARGET = 3.0


def framework(n: int) -> str:
    per = 100
    crits = []
    for c in range(n // per):
        subs = "".join(f'\n          - {{id: "1.{c + 1}.{s + 1}", title: L, max: 1, rule: {{kind: yes_no}}}}'
                       for s in range(per))
        crits.append(f'\n      - id: "1.{c + 1}"\n        title: C\n        max: {per}\n        subcriteria:{subs}')
    return ("schema: parcli/framework/v1\nid: big\ntitle: Big\nversion: \"1\"\nlevel: other\n"
            "provenance: {status: custom, note: benchmark}\n"
            f"total: {n}\nfields:\n  - id: \"1\"\n    title: F\n    max: {n}\n    criteria:{''.join(crits)}\n")


def unit(ids, value: str) -> str:
    lines = "\n".join(f'  "{i}": {value}' for i in ids)
    return f"schema: parcli/unit/v1\nunit: U\nyear: 2021\nframework: big.yaml\nevidence:\n{lines}\n"


def timed(cmd, env) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    n = max(100, args.n // 100 * 100)
    work = Path(tempfile.mkdtemp(prefix="parcli-bench-validate-"))
    (work / "big.yaml").write_text(framework(n), encoding="utf-8")
    known = [f"1.{c + 1}.{s + 1}" for c in range(n // 100) for s in range(100)]
    (work / "known.yaml").write_text(unit(known, "true"), encoding="utf-8")
    (work / "unknown.yaml").write_text(unit([f"9.{i}" for i in range(n)], "true"), encoding="utf-8")
    (work / "bad.yaml").write_text(unit(known, "maybe"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PARCLI_CACHE_DIR"] = str(work / "cache")
    script = Path(sys.executable).parent / ("parcli.exe" if os.name == "nt" else "parcli")
    parcli = [str(script)] if script.exists() else [sys.executable, "-m", "parcli"]
    timed(parcli + ["validate", str(work / "known.yaml")], env)  # the framework checked and cached once
    times = {"known": [], "unknown": [], "bad": []}
    for _ in range(max(1, args.repeat)):
        for name in times:
            times[name].append(timed(parcli + ["validate", "--concise", str(work / f"{name}.yaml")], env))
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["unknown"] / med["known"]
    print(f"{n:,} leaves; median of {args.repeat} runs of parcli validate")
    print(f"{n:,} known ids    : {med['known']:6.2f} s")
    print(f"{n:,} unknown ids  : {med['unknown']:6.2f} s   ratio {ratio:.2f} (target ≤ {TARGET})")
    print(f"{n:,} bad values   : {med['bad']:6.2f} s   ratio {med['bad'] / med['known']:.2f}")
    ok = ratio <= TARGET
    print("ok" if ok else "ABOVE TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
