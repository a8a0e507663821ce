"""One Engine shared by 8 threads: the same results as a serial run, no crash, and no facts left behind."""

from __future__ import annotations

import json
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import durable_rules_engine
import pytest
from casegen import gen_case, vocabulary

from engine import Engine
from engine.backend_durable import DurableBackend
from engine.facts import Case

THREADS = 8
PER_THREAD = 200


@pytest.fixture(scope="module")
def shared_engine() -> Engine:
    """A private engine, so that the live-fact check sees only this test's evaluations."""
    return Engine()


@pytest.fixture(scope="module")
def cases(shared_engine: Engine) -> list[Case]:
    rng = random.Random(4604)
    vocab = vocabulary(shared_engine.rules)
    return [Case.model_validate(gen_case(rng.choice, vocab)[0]) for _ in range(PER_THREAD)]


def _decisions(engine: Engine, case: Case) -> list[dict[str, Any]]:
    result = engine.evaluate(case, explain=True)
    return [item.model_dump(mode="json") for item in result.items]


def test_eight_threads_equal_a_serial_run(shared_engine: Engine, cases: list[Case]) -> None:
    serial = [_decisions(shared_engine, c) for c in cases]
    decided = {i["decision"] for items in serial for i in items}
    assert decided == {"overturn", "uphold", "not_covered"}, "the cases should exercise every decision"

    start = threading.Barrier(THREADS)

    def worker(offset: int) -> list[tuple[int, list[dict[str, Any]]]]:
        start.wait()  # all threads begin together
        out = []
        for k in range(PER_THREAD):
            index = (offset * 37 + k) % len(cases)  # each thread walks the cases in its own order
            out.append((index, _decisions(shared_engine, cases[index])))
        return out

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))

    assert sum(len(r) for r in results) == THREADS * PER_THREAD
    for per_thread in results:
        for index, decisions in per_thread:
            assert decisions == serial[index], f"case {index} decided differently under threads"

    for ruleset in shared_engine._backend.names:
        assert shared_engine._backend.live_facts(ruleset) == 0, f"facts left in {ruleset}"


def test_live_facts_sees_a_fact_that_is_left_behind() -> None:
    """The live-fact probe is not vacuous: a fact asserted without retraction is counted."""
    rules = {"r": {"all": [{"m": {"$and": [{"kind": "item"}, {"$gt": {"n": 1}}]}}], "run": "r"}}
    backend = DurableBackend({"probe": rules})
    assert backend.fire("probe", {"kind": "item", "n": 5}) == {"r"}
    assert backend.live_facts("probe") == 0
    leftover = json.dumps({"kind": "item", "n": 7, "sid": "0", "id": "leftover"})
    durable_rules_engine.assert_fact(backend._handles["probe"], leftover)  # the C core, bypassing `fire`
    assert backend.live_facts("probe") == 1
    durable_rules_engine.retract_fact(backend._handles["probe"], leftover)
    assert backend.live_facts("probe") == 0


def test_fact_matching_no_rule_leaves_nothing(shared_engine: Engine) -> None:
    stage = shared_engine._final["physical_therapy"]
    assert shared_engine._backend.fire(stage, {"kind": "item", "item": {"service": "other"}}) == frozenset()
    assert shared_engine._backend.live_facts(stage) == 0
