"""Resident memory after 10,000 and after 100,000 evaluations in one process.

Per-case state (durable_rules facts, sessions) must be cleaned up after every evaluation, so the RSS after
100k evaluations should stay near the RSS after 10k: the printed ratio must be close to 1.0.

    python bench/bench_memory.py            # 10,000 and 100,000 evaluations
    python bench/bench_memory.py --quick    # 1,000 and 10,000
"""

from __future__ import annotations

import argparse
import gc
import time

from cases import bench_cases

from engine import Engine


def rss_kib() -> int:
    """VmRSS of this process in KiB, from /proc/self/status (Linux)."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 evaluations")
    args = parser.parse_args()
    first, second = (1_000, 10_000) if args.quick else (10_000, 100_000)

    engine = Engine()
    cases = bench_cases()
    for case in cases:  # warm-up: imports, caches, first allocations
        engine.evaluate(case)
    gc.collect()
    print(f"rss after warm-up ({len(cases)} evaluations): {rss_kib()} KiB")

    done = 0
    readings = {}
    start = time.perf_counter()
    for target in (first, second):
        while done < target:
            engine.evaluate(cases[done % len(cases)])
            done += 1
        gc.collect()
        readings[target] = rss_kib()
        print(
            f"rss after {target} evaluations: {readings[target]} KiB "
            f"({time.perf_counter() - start:.1f} s elapsed)"
        )
    live = sum(engine._backend.live_facts(stage) for stage, _ in engine.compiled.stages)
    print(f"live durable facts after {second} evaluations: {live}")
    print(f"rss ratio {second}/{first}: {readings[second] / readings[first]:.3f}")


if __name__ == "__main__":
    main()
