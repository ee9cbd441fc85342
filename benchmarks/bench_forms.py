"""Reading filled forms (.xlsx) against reading the same units as YAML.

Target (issue 10): ranking N forms costs at most 3 times ranking the same N units as YAML.
The units are the shipped province examples with their values varied (every leaf filled),
written once as YAML and once as forms (``parcli convert``'s writer); then
``parcli rank FOLDER -o rank.csv`` runs on each folder, as a user runs it, alternating,
median of ``--repeat`` rounds. Both rankings must be the same file.

    python benchmarks/bench_forms.py [--n 500] [--repeat 3]

Exit 1 when the ratio is above the target.
"""

from __future__ import annotations

import argparse
import compileall
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
TARGET = 3.0


def make_units(n: int, work: Path) -> tuple[Path, Path]:
    """n YAML units and the same n as forms."""
    sys.path.insert(0, str(ROOT))
    from parcli.report.form import write_form
    from parcli.store import Store

    yaml_dir, form_dir = work / "yaml", work / "forms"
    yaml_dir.mkdir()
    form_dir.mkdir()
    seeds = [p for p in sorted((ROOT / "examples").glob("*.yaml"))
             if "framework: province-2020" in p.read_text(encoding="utf-8")]  # one framework: one ranking
    rnd = random.Random(20261122)
    store = Store()
    number = re.compile(r"(\b(?:percent|value): )([0-9.]+)")
    for i in range(n):
        seed = seeds[i % len(seeds)]
        text = seed.read_text(encoding="utf-8")

        def vary(m):  # a little different from its seed, still valid
            v = float(m.group(2))
            top = 100.0 if m.group(1).startswith("percent") else 5.0
            return m.group(1) + f"{max(0.0, min(top, v - rnd.random() * 2)):.2f}"

        text = number.sub(vary, text)
        text = re.sub(r'^unit: "?([^"\n]*)"?$', lambda m, i=i: f'unit: "{m.group(1)} #{i:04d}"', text, count=1,
                      flags=re.M)
        text = re.sub(r'^code: "?([^"\n]*)"?$', f'code: "U{i:04d}"', text, count=1, flags=re.M)
        path = yaml_dir / f"u{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        unit, fw = store.unit(path)
        (form_dir / f"u{i:04d}.xlsx").write_bytes(write_form(fw, unit.framework_ref, "vi", unit=unit))
    return yaml_dir, form_dir


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500, help="units (default 500)")
    ap.add_argument("--repeat", type=int, default=3, help="alternating rounds (median)")
    args = ap.parse_args()
    import parcli

    compileall.compile_dir(str(Path(parcli.__file__).parent), quiet=1)
    work = Path(tempfile.mkdtemp(prefix="parcli-bench-forms-"))
    yaml_dir, form_dir = make_units(args.n, work)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PARCLI_CACHE_DIR"] = str(work / "cache")
    script = Path(sys.executable).parent / ("parcli.exe" if os.name == "nt" else "parcli")
    parcli_cmd = [str(script)] if script.exists() else [sys.executable, "-m", "parcli"]
    yaml_out, form_out = work / "rank-yaml.csv", work / "rank-forms.csv"
    yaml_times, form_times = [], []
    for _ in range(max(1, args.repeat)):
        yaml_times.append(timed(parcli_cmd + ["rank", str(yaml_dir), "-o", str(yaml_out)], env))
        form_times.append(timed(parcli_cmd + ["rank", str(form_dir), "-o", str(form_out)], env))
        yaml_out.unlink()
        same = yaml_out
        form_text = form_out.read_text(encoding="utf-8")
        form_out.unlink()
    timed(parcli_cmd + ["rank", str(yaml_dir), "-o", str(same)], env)
    if same.read_text(encoding="utf-8") != form_text:
        raise SystemExit("the two rankings differ")
    y, f = statistics.median(yaml_times), statistics.median(form_times)
    ratio = f / y
    print(f"{args.n} units ranked, median of {len(yaml_times)} alternating rounds; rankings identical")
    print(f"YAML units : {y:7.2f} s  ({y / args.n * 1000:.2f} ms a unit)")
    print(f"XLSX forms : {f:7.2f} s  ({f / args.n * 1000:.2f} ms a unit)")
    print(f"ratio forms / YAML: {ratio:.2f} (target ≤ {TARGET})  {'ok' if ratio <= TARGET else 'ABOVE TARGET'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
