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
from engine import Engine, parse_case_yaml
from engine.backend_durable import _QuietHost
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
        for stage, _ in e.compiled.stages:
            assert e._backend.live_facts(stage) == 0


@pytest.fixture
def failing_action(monkeypatch: pytest.MonkeyPatch) -> None:
    """durable_rules actions that raise for the acupuncture course rule, as a bug in an action would."""
    original = _QuietHost.get_action

    def get_action(self: _QuietHost, name: str) -> Any:
        action = original(self, name)
        if not name.startswith("ACU-COURSE__"):
            return action

        def broken(c: Any) -> None:
            raise RuntimeError("an action failed")
        return broken

    monkeypatch.setattr(_QuietHost, "get_action", get_action)


@pytest.mark.usefixtures("failing_action")
def test_an_exception_inside_durable_rules_is_the_items_error(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    eng = Engine()  # built with the failing action
    monkeypatch.setattr(engine_pkg, "Engine", lambda *a, **k: eng)
    path = tmp_path / "two-items.yaml"
    path.write_text(TWO_ITEMS, encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "--format", "json", str(path)])
    assert result.exit_code == 5, result.output
    mri, acupuncture = json.loads(result.stdout)["items"]
    assert mri["decision"] == "overturn" and mri.get("error") is None
    assert acupuncture["decision"] == "not_covered" and acupuncture["rules"] == []
    assert "durable_rules action failed" in acupuncture["error"] and "Traceback" not in acupuncture["error"]
    assert f"{path}: item 2: the engine could not evaluate it" in result.stderr
    # the engine is sound afterwards: the next case's other items are decided as before
    again = eng.evaluate(parse_case_yaml(TWO_ITEMS))
    assert [i.decision for i in again.items] == ["overturn", "not_covered"]
    for stage, _ in eng.compiled.stages:
        assert eng._backend.live_facts(stage) == 0


def test_an_error_of_the_durable_core_is_the_items_error(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """As durable_rules' C core raises it (`Could not assert fact, error code: 204`), for one item only."""
    real = engine._backend._host.assert_fact

    def assert_fact(ruleset: str, fact: dict[str, Any]) -> Any:
        if fact.get("item", {}).get("service") == "acupuncture":
            raise Exception("Could not assert fact, error code: 204")
        return real(ruleset, fact)

    monkeypatch.setattr(engine._backend._host, "assert_fact", assert_fact)
    mri, acupuncture = engine.evaluate(parse_case_yaml(TWO_ITEMS)).items
    assert mri.decision == "overturn" and mri.error is None
    assert acupuncture.decision == "not_covered" and acupuncture.error and "204" in acupuncture.error
