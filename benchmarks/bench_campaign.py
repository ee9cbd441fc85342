"""The campaign's speed (issue 22 item 7), as a user runs it, median of ``--repeat`` rounds.

1. ``parcli campaign receive DIR FORMS/`` of N filled forms takes at most 1.5 times
   ``parcli validate FORMS/`` of the same forms (run alternately, each receive into a fresh copy of
   the empty store).
2. ``campaign status`` and ``campaign results`` of a campaign of 3,400 units (every commune after the
   2025 merger) each take under a second. The campaign is built synthetically: 3,400 units in
   campaign.yaml; four real forms received, and their totals copied to every unit with its points
   varied, as the store holds them after a year (status and results read these summaries).

    python benchmarks/bench_campaign.py [--n 200] [--units 3400] [--repeat 3]

Exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATIO = 1.5
SECONDS = 1.0
EXAMPLES = ["so-y-te", "so-tai-chinh", "so-noi-vu", "so-xay-dung", "so-giao-duc", "so-cong-thuong"]


def campaign_yaml(codes: list[str]) -> str:
    units = "\n".join(f"      - {{code: {c}, name: Đơn vị {c}}}" for c in codes)
    return f"""schema: parcli/campaign/v1
id: bench
title: Benchmark
year: 2025
groups:
  - id: all
    title: All
    framework: department-example
    units:
{units}
appraisers:
  - {{code: TGV1, name: Tổ 1, covers: ["1", "2", "3", "4"]}}
  - {{code: TGV2, name: Tổ 2, covers: ["5", "6", "7", "8"]}}
deadlines:
  self_assessment: 2025-11-03T17:00
  appraisal_1: 2025-11-20T17:00
  explanation: 2025-11-27T17:00
  appraisal_2: 2025-12-05T17:00
policy: {{missing_documents: none}}
"""


def start(folder: Path, codes: list[str]):
    sys.path.insert(0, str(ROOT))
    from datetime import datetime

    from parcli.campaign.clock import VIETNAM
    from parcli.campaign.cycle import start as begin

    folder.mkdir(parents=True)
    (folder / "campaign.yaml").write_text(campaign_yaml(codes), encoding="utf-8")
    return begin(folder, datetime(2025, 10, 1, tzinfo=VIETNAM), "bench")


def forms(op, codes: list[str], out: Path) -> None:
    from parcli.campaign.cycle import form_cells, framework_ref, identity_rows
    from parcli.report.form import write_form
    from parcli.store import Store

    store = Store()
    out.mkdir()
    for i, code in enumerate(codes):
        unit, _ = store.unit(ROOT / "examples" / "departments" / f"{EXAMPLES[i % len(EXAMPLES)]}.yaml")
        member = op.camp.units[code]
        fw = op.camp.group(member.group).fw
        unit.name, unit.code = member.name, member.code
        (out / f"{code}.xlsx").write_bytes(write_form(
            fw, framework_ref(fw), "vi", unit, 2025, recipient=(member.code, member.name),
            identity=identity_rows(op, code, "self_assessment", form_cells(fw, member, 2025, "vi"))))


CPU: list[float] = []  # the processor time of each run, beside its wall-clock time


def timed(args: list[str], env: dict) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=env)
    took = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args[2:5])} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return took


def median_cpu(count: int) -> float:
    return statistics.median(CPU[-count:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--units", type=int, default=3400)
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    compileall.compile_dir(ROOT / "parcli", quiet=1)  # no run pays for compiling the code
    env = {**os.environ, "PARCLI_LANG": "en", "PARCLI_NOW": "2025-10-02T09:00", "COLUMNS": "120"}
    py = [sys.executable, "-m", "parcli"]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env["PARCLI_CACHE_DIR"] = str(work / "cache")
        codes = [f"U{i:04d}" for i in range(opts.n)]
        op = start(work / "empty", codes)
        forms(op, codes, work / "forms")
        op.close()
        timed([*py, "validate", str(work / "forms")], env)  # warm the framework cache
        receive_times, validate_times, receive_cpu, validate_cpu = [], [], [], []
        for r in range(opts.repeat):
            fresh = work / f"round{r}"
            shutil.copytree(work / "empty", fresh)
            validate_times.append(timed([*py, "validate", str(work / "forms")], env))
            validate_cpu.append(CPU[-1])
            receive_times.append(timed([*py, "campaign", "receive", str(fresh), str(work / "forms")], env))
            receive_cpu.append(CPU[-1])
        v, rcv = statistics.median(validate_times), statistics.median(receive_times)
        ratio = rcv / v
        cpu_ratio = statistics.median(receive_cpu) / statistics.median(validate_cpu)
        print(f"receive of {opts.n} forms: {rcv:.2f} s; validate of the same forms: {v:.2f} s; ratio {ratio:.2f} "
              f"(target ≤ {RATIO}); processor time ratio {cpu_ratio:.2f}")
        print("  each round (validate, receive): " + ", ".join(f"{a:.2f} {b:.2f}" for a, b in
                                                              zip(validate_times, receive_times, strict=True)))
        failed |= ratio > RATIO

        big = [f"X{i:05d}" for i in range(opts.units)]
        op = start(work / "big", big)
        from datetime import datetime

        from parcli.campaign.clock import VIETNAM
        from parcli.campaign.cycle import receive

        forms(op, big[:4], work / "big-forms")
        for path in sorted((work / "big-forms").glob("*.xlsx")):
            receive(op, path.read_bytes(), path.name, datetime(2025, 10, 2, tzinfo=VIETNAM))
        rows = op.conn.execute("SELECT * FROM totals ORDER BY unit, stage").fetchall()
        rnd = random.Random(22)
        copied = []
        for i, code in enumerate(big[4:]):
            for stage in (0, 1):  # the self-assessment's and the final totals of one of the four, varied
                row = list(rows[2 * (i % 4) + stage])
                row[0] = code
                for at in (2, 4):
                    if row[at] is not None:
                        row[at] = f"{max(0.0, float(row[at]) - rnd.random() * 5):.3f}"
                copied.append(row)
        with op.conn:
            op.conn.execute("BEGIN")
            op.conn.executemany(f"INSERT INTO totals VALUES ({', '.join('?' * len(rows[0]))})", copied)
            op.conn.execute("COMMIT")
        op.close()
        for what, args in (("status", ["campaign", "status", str(work / "big")]),
                           ("status --format json", ["campaign", "status", str(work / "big"), "--format", "json"]),
                           ("results -o results.csv", ["campaign", "results", str(work / "big"), "-o",
                                                        str(work / "results.csv")]),
                           ("results (table)", ["campaign", "results", str(work / "big")])):
            took = statistics.median(timed([*py, *args], env) for _ in range(opts.repeat))
            print(f"{what} of {opts.units} units: {took:.2f} s (target < {SECONDS:.0f} s); processor time "
                  f"{median_cpu(opts.repeat):.2f} s")
            failed |= took >= SECONDS
    if load_before is not None:  # other work on the machine makes every figure above longer: say how much there was
        after = os.getloadavg()
        print(f"machine load (1, 5, 15 min) before {' '.join(f'{x:.2f}' for x in load_before)}, after "
              f"{' '.join(f'{x:.2f}' for x in after)}, on {os.cpu_count()} processors")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
