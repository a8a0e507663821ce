"""All the performance figures of the README, measured side by side in one run, printed as one table of ratios.

    python bench/run.py            # the full run (100,000 evaluations for memory; a few minutes)
    python bench/run.py --quick    # smaller inputs (about a minute)

Rows (each against a baseline measured in this same run, on this machine, now):
1. per item: `Engine.evaluate` against the durable floor (the same facts the engine asserts, posted to the same
   compiled rulesets by the durable_rules C core alone: serialize, assert, read the fired rules, retract), the
   durable_rules Python API (`Host`) doing the same, and the pure-Python reference evaluator of the same rules;
2. `mtus batch --jobs 2` against `--jobs 1`, on structured and on narrative case files, next to what two
   processes of plain Python arithmetic gain over one on this machine at this moment (the ceiling: a shared or
   busy machine gives less than two cores);
3. cold start: `mtus evaluate` of one structured case (rule set cached) against importing the four dependencies,
   bare and as the engine uses them (pydantic defers most of its import until a first model is defined);
4. memory: resident set after 100,000 evaluations against after 10,000 (flat is 1.0), and the peak.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import durable_rules_engine as core
from cases import ROOT, bench_cases, write_case_files
from durable import engine as durable_engine

from engine import Case, Engine
from engine.compiler import rule_window
from engine.reference import evaluate as ref_evaluate
from engine.reference import rule_status
from engine.view import as_of_date

Row = tuple[str, str, str, str, str]
BIN = Path(sys.executable).parent


# --- 1. per item -------------------------------------------------------------------------------------------


def captured_stages(engine: Engine, cases: list[Case]) -> list[list[tuple[str, dict[str, Any]]]]:
    """Per item, the facts the engine asserts at each stage (as dicts), recorded from a real evaluation."""
    backend = engine._backend
    real = backend.fire_json
    items: list[list[tuple[str, dict[str, Any]]]] = []

    def record(ruleset: str, members: str) -> frozenset[str]:
        if ruleset == engine.compiled.stages[0][0]:
            items.append([])
        items[-1].append((ruleset, json.loads("{" + members + "}")))
        return real(ruleset, members)

    backend.fire_json = record  # type: ignore[method-assign]
    try:
        for case in cases:
            engine.evaluate(case)
    finally:
        backend.fire_json = real  # type: ignore[method-assign]
    return items


class Floor:
    """The same compiled rulesets in the durable_rules C core, driven with nothing around it."""

    def __init__(self, engine: Engine):
        self.handles = {}
        for name, rules in engine._rulesets.items():
            plain = {r: {k: v for k, v in body.items() if k != "run"} for r, body in rules.items()}
            self.handles[name] = core.create_ruleset(f"{name}_floor", json.dumps(plain))
        self.n = 0

    def post(self, ruleset: str, fact: dict[str, Any]) -> int:
        handle = self.handles[ruleset]
        self.n += 1
        text = json.dumps({**fact, "sid": "0", "id": f"x{self.n}"})
        code, state = core.assert_fact(handle, text)
        fired = 0
        if code == 0 and core.start_action_for_state(handle, state):
            fired = 1
            while core.complete_and_start_action(handle, state):
                fired += 1
        core.retract_fact(handle, text)
        return fired


class HostFloor:
    """The same rulesets through durable_rules' own Python API (a Host whose actions record the rule name)."""

    def __init__(self, engine: Engine):
        fired: list[str] = []

        class Host(durable_engine.Host):  # type: ignore[misc]
            def _run(self) -> None:  # no timer threads
                return None

            def get_action(self, name: str) -> Callable[[Any], None]:
                return lambda _c: fired.append(name)

        self.host = Host()
        # a copy: the Host deletes each rule's `run` from the definitions it is given
        copies = {f"{name}_host": json.loads(json.dumps(rules)) for name, rules in engine._rulesets.items()}
        self.host.set_rulesets(copies)
        self.n = 0

    def post(self, ruleset: str, fact: dict[str, Any]) -> None:
        self.n += 1
        message = {**fact, "sid": "0", "id": f"h{self.n}"}
        try:
            self.host.assert_fact(f"{ruleset}_host", message)
        except durable_engine.MessageNotHandledException:
            pass
        try:
            self.host.retract_fact(f"{ruleset}_host", message)
        except durable_engine.MessageNotHandledException:
            pass


def reference_item(engine: Engine, fact: dict[str, Any], when: dt.date, derive_layers: list[list[Any]],
                   deciding: dict[str, list[Any]]) -> dict[str, str]:
    """The item decided in pure Python: derived facts layer by layer, then every deciding rule that applies."""
    work = {**fact, "derived": {}}
    service = fact["item"].get("service")
    for layer in derive_layers:
        settled = {}
        for rule, window in layer:
            if rule.serves(service) and window.contains(when):
                value = ref_evaluate(rule, rule.when, work)
                if value is not None:
                    settled[rule.derive] = value
        work["derived"] = {**work["derived"], **settled}
    out = {}
    for rule, window in deciding.get(service, ()):
        if window.contains(when):
            status = rule_status(rule, work)
            if status is not None:
                out[rule.id] = status
    return out


def reference_program(engine: Engine) -> tuple[list[list[Any]], dict[str, list[Any]]]:
    """The rules as the reference evaluator runs them: derive rules by layer, deciding rules by service."""
    from engine.conditions import derive_order, read_paths

    rules = engine.rules
    deps = {r.derive: {p.removeprefix("derived.") for p in read_paths(r) if p.startswith("derived.")}
            for r in rules if r.derive}
    layers = [[(r, rule_window(r, engine.loaded)) for r in rules if r.derive in layer]
              for layer in derive_order(deps)]
    deciding: dict[str, list[Any]] = {}
    for r in rules:
        if r.decides:
            for s in r.services:
                deciding.setdefault(s.value, []).append((r, rule_window(r, engine.loaded)))
    return layers, deciding


def per_item(engine: Engine, rounds: int) -> tuple[list[Row], dict[str, float]]:
    cases = bench_cases()
    stages = captured_stages(engine, cases)
    items = len(stages)
    floor, host = Floor(engine), HostFloor(engine)
    whens = [as_of_date(c) for c in cases for it in c.items if it.service is not None]
    layers, deciding = reference_program(engine)
    base_facts = [{k: v for k, v in st[0][1].items() if k != "derived"} for st in stages]

    def run_engine() -> None:
        for case in cases:
            engine.evaluate(case)

    def run_floor() -> None:
        for item in stages:
            for ruleset, fact in item:
                floor.post(ruleset, fact)

    def run_host() -> None:
        for item in stages:
            for ruleset, fact in item:
                host.post(ruleset, fact)

    def run_reference() -> None:
        for fact, when in zip(base_facts, whens, strict=True):
            reference_item(engine, fact, when, layers, deciding)

    timings: dict[str, list[float]] = {"engine": [], "floor": [], "host": [], "reference": []}
    runs = {"engine": run_engine, "floor": run_floor, "host": run_host, "reference": run_reference}
    for fn in runs.values():  # warm-up
        fn()
    for _ in range(rounds):  # interleaved, so that a busy moment of the machine hits every evaluator alike
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            timings[name].append(time.perf_counter() - start)
    per = {name: items / min(ts) for name, ts in timings.items()}  # items per second, best round
    rows = [
        ("per item: Engine.evaluate, whole cases", f"{per['engine']:,.0f} items/s",
         f"durable floor {per['floor']:,.0f} items/s", f"{per['floor'] / per['engine']:.2f}x the floor's time",
         "<= 1.5x"),
        ("per item: durable_rules Python API (Host)", f"{per['host']:,.0f} items/s",
         f"durable floor {per['floor']:,.0f} items/s", f"{per['floor'] / per['host']:.2f}x the floor's time", ""),
        ("per item: pure-Python reference evaluator", f"{per['reference']:,.0f} items/s",
         f"engine {per['engine']:,.0f} items/s", f"{per['reference'] / per['engine']:.2f}x the engine's speed", ""),
    ]
    return rows, {"items": items}


# --- 2. batch --------------------------------------------------------------------------------------------------


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    return _run(cmd, env)[0]


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time, and CPU time of the process and every process it waited for (its workers)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def ceiling() -> float:
    """What two processes of plain arithmetic gain over one, here and now."""
    from concurrent.futures import ProcessPoolExecutor

    n = 6_000_000
    start = time.perf_counter()
    _spin(n)
    _spin(n)
    one = time.perf_counter() - start
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin, [1000, 1000]))  # started before timing
        start = time.perf_counter()
        list(pool.map(_spin, [n, n]))
        two = time.perf_counter() - start
    return one / two


def batch(env: dict[str, str], structured: int, narrative: int, rounds: int) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folders = {"structured": Path(tmp) / "structured", "narrative": Path(tmp) / "narrative"}
        write_case_files(folders["structured"], structured, 0)
        write_case_files(folders["narrative"], 0, narrative)
        ceilings = []
        for kind, folder in folders.items():
            count = structured if kind == "structured" else narrative
            best = {1: float("inf"), 2: float("inf")}
            cpu = {1: float("inf"), 2: float("inf")}
            for _ in range(rounds):
                for jobs in (1, 2):
                    if jobs == 2:
                        ceilings.append(ceiling())  # what two processes could gain just now
                    out = Path(tmp) / f"out-{kind}-{jobs}.jsonl"
                    out.unlink(missing_ok=True)
                    wall, used = _run([str(BIN / "mtus"), "batch", str(folder), "-o", str(out), "--jobs", str(jobs)],
                                      env)
                    best[jobs], cpu[jobs] = min(best[jobs], wall), min(cpu[jobs], used)
            rows.append((f"batch --jobs 2 vs --jobs 1: {count:,} {kind} case files", f"{count / best[2]:,.0f} cases/s",
                         f"--jobs 1: {count / best[1]:,.0f} cases/s", f"{best[1] / best[2]:.2f}x", ">= 1.7x"))
            rows.append((f"batch CPU time, all processes, --jobs 2 vs --jobs 1: {kind}", f"{cpu[2]:.1f} s",
                         f"{cpu[1]:.1f} s", f"{cpu[2] / cpu[1]:.2f}x", "the cost of the processes"))
    rows.append(("two processes vs one, plain arithmetic (this machine's ceiling now)", "", "",
                 f"{max(ceilings):.2f}x", "2.0x on 2 free cores"))
    return rows


# --- 3. cold start ---------------------------------------------------------------------------------------------


def cold_start(env: dict[str, str], runs: int) -> list[Row]:
    import compileall

    # bytecode, as an installed package has it (pip compiles on install; a source checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile the engine's modules on every start)
    compileall.compile_dir(ROOT / "engine", quiet=1)
    compileall.compile_file(ROOT / "cli.py", quiet=1)
    case = str(ROOT / "examples" / "seed-physical-therapy.yaml")
    evaluate = [str(BIN / "mtus"), "evaluate", case]
    bare = [sys.executable, "-c", "import durable_rules_engine, yaml, pydantic, click"]
    as_used = [sys.executable, "-c", "import durable_rules_engine, yaml, click\nfrom pydantic import BaseModel\n"
               "class M(BaseModel):\n    x: int\nM(x=1)"]
    with tempfile.TemporaryDirectory() as tmp:
        empty = {**env, "MTUS_CACHE_DIR": tmp}
        cold = []
        for _ in range(3):
            for entry in Path(tmp).glob("ruleset-*"):
                entry.unlink()
            cold.append(_timed(evaluate, empty))
    _timed(evaluate, env)  # the cache entry exists from here on
    t: dict[str, list[float]] = {"evaluate": [], "bare": [], "as_used": []}
    for _ in range(runs):  # interleaved
        t["evaluate"].append(_timed(evaluate, env))
        t["bare"].append(_timed(bare, env))
        t["as_used"].append(_timed(as_used, env))
    m = {k: statistics.median(v) for k, v in t.items()}
    return [
        ("cold start: mtus evaluate, one structured case", f"{m['evaluate']:.2f} s",
         f"dependency import {m['bare']:.2f} s", f"{m['evaluate'] / m['bare']:.2f}x", "< 3x"),
        ("cold start: the same, against the dependencies as used", f"{m['evaluate']:.2f} s",
         f"imports + a pydantic model {m['as_used']:.2f} s", f"{m['evaluate'] / m['as_used']:.2f}x", ""),
        ("cold start: empty cache (load, check, compile, cache)", f"{statistics.median(cold):.2f} s",
         f"cached {m['evaluate']:.2f} s", f"{statistics.median(cold) / m['evaluate']:.2f}x", ""),
    ]


# --- 4. memory -------------------------------------------------------------------------------------------------


def _status(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def memory(engine: Engine, total: int) -> list[Row]:
    if not Path("/proc/self/status").exists():
        return [("memory", "not measured (no /proc on this platform)", "", "", "")]
    cases = bench_cases()
    first = total // 10
    done = 0
    readings = {}
    for target in (first, total):
        while done < target:
            engine.evaluate(cases[done % len(cases)])
            done += 1
        gc.collect()
        readings[target] = _status("VmRSS")
    live = sum(engine._backend.live_facts(ruleset) for ruleset in engine._backend.names)
    return [
        (f"memory: resident after {total:,} evaluations vs after {first:,}", f"{readings[total] / 1024:.1f} MiB",
         f"{readings[first] / 1024:.1f} MiB", f"{readings[total] / readings[first]:.3f}", "flat (1.0)"),
        ("memory: peak resident (VmHWM) of this benchmark process", f"{_status('VmHWM') / 1024:.1f} MiB",
         f"durable facts left: {live}", "", ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs (about a minute)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "MTUS_CACHE_DIR": cache}
        os.environ["MTUS_CACHE_DIR"] = cache
        engine = Engine()
        rows: list[Row] = []
        item_rows, info = per_item(engine, rounds=3 if args.quick else 7)
        rows += item_rows
        rows += batch(env, 600 if args.quick else 8000, 80 if args.quick else 400, rounds=1 if args.quick else 3)
        rows += cold_start(env, runs=5 if args.quick else 11)
        rows += memory(engine, 10_000 if args.quick else 100_000)
    print(f"mtus-engine benchmarks, {dt.datetime.now():%Y-%m-%d %H:%M}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores; {info['items']} item facts per round")
    print()
    print("| measure | value | baseline (same run) | ratio | target |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
