"""Evaluations per second: the durable_rules backend against the pure-Python reference evaluator.

Both decide the same deciding rules on the same precomputed fact dicts (one per disputed item) in the same
process; the ratio is reference speed over durable speed. Whole-case `Engine.evaluate` speed (facts,
durable, rationale) is printed as well.

    python bench/bench_speed.py            # 20,000 item evaluations per evaluator
    python bench/bench_speed.py --quick    # 2,000
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from typing import Any

from cases import bench_cases

from engine import Engine
from engine.compiler import rule_window
from engine.reference import rule_status
from engine.view import as_of_date


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 evaluations per evaluator")
    args = parser.parse_args()
    n = 2_000 if args.quick else 20_000

    engine = Engine()
    cases = bench_cases()
    facts: list[tuple[dict[str, Any], dt.date]] = []
    for case in cases:
        when = as_of_date(case)
        assert when is not None
        for i, item in enumerate(case.items):
            if item.service is not None:
                facts.append((engine.facts_for(case, i, when), when))

    # the reference needs the rules that match service and window; index them once, as durable's network does
    by_service: dict[str, list[Any]] = {}
    for rule in engine.rules:
        if rule.decides:
            window = rule_window(rule, engine.loaded)
            for s in rule.services:
                by_service.setdefault(s.value, []).append((rule, window))

    def reference(fact: dict[str, Any], when: dt.date) -> dict[str, str]:
        out = {}
        for rule, window in by_service.get(fact["item"]["service"], ()):
            if window.contains(when):
                status = rule_status(rule, fact)
                if status is not None:
                    out[rule.id] = status
        return out

    mismatches = sum(engine.statuses(f) != reference(f, w) for f, w in facts)
    print(f"item facts: {len(facts)} from {len(cases)} cases; durable/reference disagreements: {mismatches}")

    def rate(fn: Any) -> float:
        start = time.perf_counter()
        for k in range(n):
            fact, when = facts[k % len(facts)]
            fn(fact, when)
        return n / (time.perf_counter() - start)

    rate(lambda f, w: engine.statuses(f))  # warm-up, both
    rate(reference)
    durable = rate(lambda f, w: engine.statuses(f))
    python = rate(reference)
    print(f"durable_rules backend: {durable:,.0f} item evaluations/s")
    print(f"pure-Python reference: {python:,.0f} item evaluations/s")
    print(f"ratio reference/durable: {python / durable:.2f}")

    m = max(1, n // 10)
    start = time.perf_counter()
    for k in range(m):
        engine.evaluate(cases[k % len(cases)])
    whole = m / (time.perf_counter() - start)
    items = sum(len(c.items) for c in cases) / len(cases)
    print(f"Engine.evaluate: {whole:,.0f} cases/s ({items:.2f} items per case)")


if __name__ == "__main__":
    main()
