"""durable_rules' 64-entry evaluation stack: what items really need, against the bound `mtus rules check` uses.

The engine runs the derive stages and, for the deciding stage, one ruleset per service kind (`engine.program.
partition`): an item is asserted into its own kind's ruleset only. Measured on those rulesets:

1. For generated items of every service, the stack entries durable_rules needs in the item's deciding ruleset
   (measured with probes, see tests/stackprobe.py), the bound of engine/stack.py, and how many compiled rules
   apply to the item; the same with the service tested before the version window (`--orders`), the compiler's
   earlier order, to show what testing the window first is worth.
2. Where the overflow comes: physical therapy rules in force on one date are copied into the physical therapy
   ruleset (thresholds nudged so no test is shared) until durable_rules fails with error code 303, printing the
   compiled rules that apply to one item, the largest measured need and the bound at each step.

    python bench/bench_stack.py            # 60 generated cases, both orders, copies up to 40
    python bench/bench_stack.py --quick    # 20 cases, three steps
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from casegen import gen_case, vocabulary
from stackprobe import Prober

import engine.compiler as compiler
from engine import Engine
from engine.compiler import compile_rule, compile_rules, rule_window
from engine.facts import Case
from engine.program import Window, day_number, partition
from engine.ruleschema import Rule
from engine.stack import MAX_STACK_SIZE, network, stack_bound

SERVICE = "physical_therapy"


def _service_first(rule: Rule, window: Window) -> list[compiler.Expr]:
    """The compiler's order before the window was tested first: discriminator, services, window."""
    parts: list[compiler.Expr] = [compiler.TRUE]
    if rule.services:
        parts.append(compiler._or([{"item.service": s.value} for s in rule.services]))
    if window.start:
        parts.append({"$gte": {"as_of_day": day_number(window.start)}})
    if window.end:
        parts.append({"$lte": {"as_of_day": day_number(window.end)}})
    return parts


@contextlib.contextmanager
def order(name: str) -> Iterator[None]:
    """Compile with the window tested first (the compiler's order) or the service first (its earlier one)."""
    real = compiler._base
    if name == "service-first":
        compiler._base = _service_first
    try:
        yield
    finally:
        compiler._base = real


def deciding(engine: Engine) -> dict[str, dict[str, Any]]:
    """The deciding ruleset of each service kind, as compiled now."""
    rulesets, final = partition(compile_rules(engine.loaded), engine.ruleset.cards)
    return {service: rulesets[name] for service, name in final.items()}


def applying(engine: Engine, rules: dict[str, Any], service: str, day: dt.date) -> int:
    """Compiled (durable) rules of a ruleset whose service and window match the item."""
    by_id = {r.id: r for r in engine.rules}
    count = 0
    for name in rules:
        rule = by_id.get(name.rpartition("__")[0])
        if rule is not None and rule.serves(service) and rule_window(rule, engine.loaded).contains(day):
            count += 1
    return count


def per_service(engine: Engine, n_cases: int, order_name: str) -> None:
    with order(order_name):
        rulesets = deciding(engine)
    probers = {s: Prober(r) for s, r in rulesets.items()}
    roots = {s: network(r) for s, r in rulesets.items()}
    rng = random.Random(64)
    vocab = vocabulary(engine.rules)
    worst: dict[str, tuple[int, int, int]] = defaultdict(lambda: (0, 0, 0))
    for _ in range(n_cases):
        data, as_of, _ = gen_case(rng.choice, vocab)
        case = Case.model_validate(data)
        for i, item in enumerate(case.items):
            service = item.service.value if item.service else None
            if service not in rulesets:
                continue
            measured = probers[service].need(engine.facts_for(case, i, as_of))
            need = MAX_STACK_SIZE + 1 if measured is None else measured  # None: it overflows
            bound = stack_bound(roots[service], service, day_number(as_of))
            count = applying(engine, rulesets[service], service, as_of)
            old = worst[service]
            worst[service] = (max(old[0], need), max(old[1], bound), max(old[2], count))
    print(f"deciding rulesets, {order_name}: most stack entries any generated item needed, of {MAX_STACK_SIZE}")
    print(f"{'service':32} {'measured':>8} {'bound':>6} {'rules':>6}")
    for service, (need, bound, count) in sorted(worst.items(), key=lambda kv: -kv[1][0])[:8]:
        print(f"{service:32} {need:8} {bound:6} {count:6}")


def overflow_point(engine: Engine, steps: list[int]) -> None:
    day = dt.date(2016, 9, 1)
    base = deciding(engine)[SERVICE]
    originals = [r for r in engine.rules if r.decides and r.serves(SERVICE)
                 and rule_window(r, engine.loaded).contains(day)]
    rng = random.Random(48)
    vocab = vocabulary(engine.rules)
    facts = []
    while len(facts) < 40:
        data, _, _ = gen_case(rng.choice, vocab)
        as_of = day + dt.timedelta(days=rng.randrange(400))
        data["dates"] = {"injury": as_of - dt.timedelta(days=rng.choice([20, 120, 800])), "request": as_of}
        for item in data["items"]:
            item["service"] = SERVICE
            item.pop("follows_surgery", None)
            item.pop("accompanies", None)
        case = Case.model_validate(data)
        facts.extend((engine.facts_for(case, i, as_of), as_of) for i in range(len(case.items)))
    print(f"\n{SERVICE} rules in force on {day}, copied into its ruleset until durable_rules overflows (error 303)")
    print(f"{'copies':>6} {'rules':>6} {'measured':>8} {'bound':>6} {'overflows':>9}")
    for k in steps:
        rules = dict(base)
        for j in range(k):
            rule = originals[j % len(originals)]
            nudged = {n: t.model_copy(update={"value": t.value + 0.001 * (j + 1)}) for n, t in rule.thresholds.items()}
            copy = rule.model_copy(update={"id": f"ZZ-COPY{j}-{rule.id}", "thresholds": nudged})
            rules.update(compile_rule(copy, rule_window(rule, engine.loaded)))
        prober, root = Prober(rules), network(rules)
        needs = [prober.need(f) for f, _ in facts]
        count = sum(1 for name in rules if name.startswith("ZZ-COPY")) + applying(engine, base, SERVICE, day)
        measured = max((n for n in needs if n is not None), default=0)
        bound = stack_bound(root, SERVICE, day_number(day))
        print(f"{k:6} {count:6} {measured:8} {bound:6} {sum(n is None for n in needs):9}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 cases and three steps, the compiler's order only")
    args = parser.parse_args()
    engine = Engine()
    for name in ["window-first"] if args.quick else ["window-first", "service-first"]:
        per_service(engine, 20 if args.quick else 60, name)
        print()
    overflow_point(engine, [0, 24, 40] if args.quick else [0, 12, 24, 30, 33, 36, 40])


if __name__ == "__main__":
    main()
