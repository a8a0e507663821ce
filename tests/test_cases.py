"""File-driven decision cases: every case of every `tests/cases/**/*.yaml`, one test each.

The runner is `engine.casetests`, the same one `mtus test` uses, so these files double as examples of
the case-test format. Test ids are `<file>::<case name>` with the file relative to tests/cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import Engine
from engine.casetests import CaseTest, find_case_tests, load_case_tests, run_one

CASES = Path(__file__).resolve().parent / "cases"
TOPICS = ("physical-medicine", "manual-therapy", "acupuncture", "statutory-cap")


def _collect() -> list[tuple[str, CaseTest | None, str]]:
    out = []
    for path in find_case_tests([CASES]):
        shown = path.relative_to(CASES).as_posix()
        for name, test, error in load_case_tests(path):
            _, _, case_name = name.rpartition("::")
            out.append((f"{shown}::{case_name}" if test is not None else shown, test, error))
    return out


COLLECTED = _collect()


@pytest.mark.parametrize(("test", "error"), [(t, e) for _, t, e in COLLECTED],
                         ids=[i for i, _, _ in COLLECTED])
def test_case(engine: Engine, test: CaseTest | None, error: str) -> None:
    assert test is not None, error
    message = run_one(engine, test)
    assert message == "", message


def test_every_topic_has_cases() -> None:
    for topic in TOPICS:
        files = list((CASES / topic).glob("*.yaml"))
        assert files, f"no case files for topic {topic} under {CASES / topic}"


def test_all_three_decisions_are_exercised() -> None:
    decisions = {e.decision for _, t, _ in COLLECTED if t is not None for e in t.expect}
    assert decisions == {"overturn", "uphold", "not_covered"}


def test_case_names_are_unique_per_file() -> None:
    ids = [i for i, t, _ in COLLECTED if t is not None]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_runner_reports_a_wrong_expectation(engine: Engine) -> None:
    """The runner is not vacuous: a case expecting the wrong decision, rule or missing word fails."""
    test = CaseTest.model_validate({
        "name": "deliberately wrong",
        "facts": {"dates": {"injury": "2016-01-04", "request": "2016-09-01"},
                  "findings": {"home_exercise_program": True},
                  "history": [{"kind": "acupuncture", "sessions": 0}],
                  "items": [{"text": "Acupuncture x6", "service": "acupuncture", "quantity": 6}]},
        "expect": [{"decision": "uphold", "rules": ["NO-SUCH-RULE"], "missing": ["zebra"],
                    "service": "chiropractic"}],
    })
    message = run_one(engine, test)
    assert "expected uphold, got overturn" in message
    assert "NO-SUCH-RULE" in message
    assert "zebra" in message
    assert "service acupuncture" in message


def test_runner_reports_item_count_and_bad_facts(engine: Engine) -> None:
    base = {"dates": {"request": "2016-09-01"},
            "items": [{"text": "Acupuncture x6", "service": "acupuncture", "quantity": 6}]}
    two = CaseTest.model_validate({"name": "two", "facts": base,
                                   "expect": [{"decision": "uphold"}, {"decision": "uphold"}]})
    assert "expected 2 item(s), got 1" in run_one(engine, two)
    bad = CaseTest.model_validate({"name": "bad", "facts": {**base, "colour": "red"},
                                   "expect": [{"decision": "uphold"}]})
    assert run_one(engine, bad).startswith("bad facts")


def test_broken_case_file_is_one_failing_entry(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("cases:\n  - name: no expectations\n    facts: {}\n", encoding="utf-8")
    entries = list(load_case_tests(broken))
    assert len(entries) == 1
    name, test, error = entries[0]
    assert test is None
    assert name == str(broken)
    assert "cannot load test file" in error
