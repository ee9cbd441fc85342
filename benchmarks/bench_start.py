"""How long one unit takes, against the import time of parcli's own dependencies.

Targets (issue 9): ``parcli score UNIT`` (the full table) at most 1.5 times, and
``parcli score UNIT --format json`` at most 1.2 times, the time of
``python -c "import typer, pydantic, yaml, rich"``; ``parcli --help`` at most 1.3 times
``python -c "import typer"``. Every command runs as a new process, as a user runs it,
interleaved with its baseline, and the median of ``--repeat`` runs (at least 7) is kept.

Before timing, the package is compiled to bytecode (as ``pip install`` does) and the
framework cache is warmed by one run: the first ``parcli score`` against a framework
checks it with pydantic and keeps it (:mod:`parcli.cache`); that first run is timed and
printed too, without a target.

    python benchmarks/bench_start.py [--repeat 9] [--unit examples/bac-ninh-2021.yaml]

Exit 1 when a ratio is above its target.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0,):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=9, help="runs of each command (at least 7)")
    ap.add_argument("--unit", default=str(ROOT / "examples" / "bac-ninh-2021.yaml"))
    args = ap.parse_args()
    repeat = max(7, args.repeat)

    import parcli

    compileall.compile_dir(str(Path(parcli.__file__).parent), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PARCLI_LANG", "vi")
    cache = tempfile.mkdtemp(prefix="parcli-bench-cache-")
    env["PARCLI_CACHE_DIR"] = cache
    py = sys.executable
    script = Path(py).parent / ("parcli.exe" if os.name == "nt" else "parcli")
    parcli_cmd = [str(script)] if script.exists() else [py, "-m", "parcli"]  # as a user runs it

    cold = timed(parcli_cmd + ["score", args.unit, "--format", "json"], env)  # checks and caches the framework

    pairs = {
        "score (table)": (parcli_cmd + ["score", args.unit], [py, "-c", "import typer, pydantic, yaml, rich"], 1.5),
        "score --format json": (parcli_cmd + ["score", args.unit, "--format", "json"],
                                [py, "-c", "import typer, pydantic, yaml, rich"], 1.2),
        "--help": (parcli_cmd + ["--help"], [py, "-c", "import typer"], 1.3),
    }
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in pairs}
    for _ in range(repeat):  # interleaved: each round runs every command and every baseline once
        for name, (cmd, base, _target) in pairs.items():
            times[name][0].append(timed(cmd, env))
            times[name][1].append(timed(base, env))

    print(f"median of {repeat} interleaved runs; python {sys.version.split()[0]}; unit {args.unit}")
    print(f"first run, framework checked and cached: {cold * 1000:.0f} ms (no target)")
    failed = False
    for name, (cmd_times, base_times) in times.items():
        target = pairs[name][2]
        mine, base = statistics.median(cmd_times), statistics.median(base_times)
        ratio = mine / base
        ok = ratio <= target
        failed |= not ok
        base_text = " ".join(pairs[name][1][1:])
        print(f"{name:22} {mine * 1000:6.0f} ms   baseline ({base_text}) {base * 1000:6.0f} ms   "
              f"ratio {ratio:.2f} (target ≤ {target})  {'ok' if ok else 'ABOVE TARGET'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
