"""Several engines with different rule sets in one process, used from many threads at once, decide exactly as
each does alone; an exception inside durable_rules is the error of that item, never a decision, never a lost
case, and leaves the engine sound for the next one."""

from __future__ import annotations

import json
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from casegen import gen_case, vocabulary
from click.testing import CliRunner

import engine as engine_pkg
from cli import main
from engine import Engine, backend_durable, parse_case_yaml
from engine.facts import Case

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
THREADS = 8

TWO_ITEMS = """
case_id: two-items
dates: {injury: 2016-01-01, request: 2016-06-01}
findings: {red_flags: true}
history: [{kind: acupuncture, sessions: 0}]
items:
  - {text: MRI lumbar spine, service: mri, body_parts: [{region: lumbar}]}
  - {text: Acupuncture x6, service: acupuncture, quantity: 6}
"""


@pytest.fixture(scope="module")
def engines() -> dict[str, Engine]:
    """The bundled rules, two smaller sets of topics, and the bundled rules again (a second, separate engine)."""
    def topics(*names: str) -> list[Path]:
        return [RULES / f"{n}.yaml" for n in ("definitions", *names)]

    return {
        "bundled": Engine(),
        "therapy": Engine(topics("physical-medicine", "acupuncture", "statutory-cap")),
        "imaging": Engine(topics("imaging", "electrodiagnostics")),
        "bundled again": Engine(),
    }


@pytest.fixture(scope="module")
def cases(engines: dict[str, Engine]) -> list[Case]:
    rng = random.Random(9792)
    vocab = vocabulary(engines["bundled"].rules)
    return [Case.model_validate(gen_case(rng.choice, vocab)[0]) for _ in range(60)]


def decide(engine: Engine, case: Case) -> str:
    return json.dumps(engine.evaluate(case, explain=True).model_dump(mode="json"), sort_keys=True)


def test_engines_with_different_rule_sets_differ_and_do_not_share_state(engines: dict[str, Engine],
                                                                        cases: list[Case]) -> None:
    names = {name: {stage for stage, _ in e.compiled.stages} for name, e in engines.items()}
    assert names["bundled"] == names["bundled again"]
    assert not names["bundled"] & names["therapy"] and not names["therapy"] & names["imaging"]
    serial = {name: [decide(e, c) for c in cases] for name, e in engines.items()}
    assert serial["bundled"] == serial["bundled again"]
    assert serial["bundled"] != serial["therapy"] != serial["imaging"]


def test_eight_threads_over_four_engines_equal_serial_runs(engines: dict[str, Engine], cases: list[Case]) -> None:
    serial = {name: [decide(e, c) for c in cases] for name, e in engines.items()}
    jobs = [(name, i) for name in engines for i in range(len(cases))]
    start = threading.Barrier(THREADS)

    def worker(offset: int) -> list[tuple[str, int, str]]:
        start.wait()
        order = jobs[offset::THREADS] + jobs[:offset:THREADS]
        random.Random(offset).shuffle(order)
        return [(name, i, decide(engines[name], cases[i])) for name, i in order]

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = [r for chunk in pool.map(worker, range(THREADS)) for r in chunk]
    assert len(results) >= len(jobs)
    for name, i, got in results:
        assert got == serial[name][i], f"{name}: case {i} decided differently under threads"
    for e in engines.values():
        for name in e._backend.names:  # the derive stages and every service kind's deciding ruleset
            assert e._backend.live_facts(name) == 0


@pytest.fixture
def failing_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """durable_rules' C core failing while it reports the acupuncture rules that fired, as a bug in it would: the
    action it started is never completed, which leaves that session firing nothing for every later fact."""
    real = backend_durable.core.complete_and_start_action
    acupuncture: set[int] = set()

    def complete_and_start_action(handle: int, state: int) -> Any:
        if handle in acupuncture:
            raise backend_durable.core.error("Could not complete action, error code: 1")
        return real(handle, state)

    real_create = backend_durable.core.create_ruleset

    def create_ruleset(name: str, rules: str) -> int:
        handle: int = real_create(name, rules)
        if name.endswith("@acupuncture") and not acupuncture:
            acupuncture.add(handle)  # the first build only: the one built again afterwards works
        return handle

    monkeypatch.setattr(backend_durable.core, "complete_and_start_action", complete_and_start_action)
    monkeypatch.setattr(backend_durable.core, "create_ruleset", create_ruleset)


@pytest.mark.usefixtures("failing_core")
def test_an_exception_inside_durable_rules_is_the_items_error(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    eng = Engine()
    monkeypatch.setattr(engine_pkg, "Engine", lambda *a, **k: eng)
    path = tmp_path / "two-items.yaml"
    path.write_text(TWO_ITEMS, encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "--format", "json", str(path)])
    assert result.exit_code == 5, result.output
    mri, acupuncture = json.loads(result.stdout)["items"]
    assert mri["decision"] == "overturn" and mri.get("error") is None
    assert acupuncture["decision"] == "not_covered" and acupuncture["rules"] == []
    assert "error code: 1" in acupuncture["error"] and "Traceback" not in acupuncture["error"]
    assert f"{path}: item 2: the engine could not evaluate it" in result.stderr
    # the engine is sound afterwards: the failed ruleset is built anew, and the same case is decided in full
    again = eng.evaluate(parse_case_yaml(TWO_ITEMS))
    assert [i.error for i in again.items] == [None, None]
    assert again.items[0].decision == "overturn" and again.items[1].rules
    for name in eng._backend.names:
        assert eng._backend.live_facts(name) == 0


def test_an_error_of_the_durable_core_is_the_items_error(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """As durable_rules' C core raises it (`Could not assert fact, error code: 204`), for one item only."""
    real = backend_durable.core.assert_fact

    def assert_fact(handle: int, message: str) -> Any:
        if '"service": "acupuncture"' in message:
            raise backend_durable.core.error("Could not assert fact, error code: 204")
        return real(handle, message)

    monkeypatch.setattr(backend_durable.core, "assert_fact", assert_fact)
    mri, acupuncture = engine.evaluate(parse_case_yaml(TWO_ITEMS)).items
    assert mri.decision == "overturn" and mri.error is None
    assert acupuncture.decision == "not_covered" and acupuncture.error and "204" in acupuncture.error
