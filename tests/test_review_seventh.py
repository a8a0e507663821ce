"""The seventh round's review fixes that a decision case cannot state alone (a decision case says which rules
decided, not which did not apply). Cases are the ones written for them in `tests/cases`, from the guideline's
words."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine import Engine
from engine.casetests import load_case_tests
from engine.facts import Case

CASES = Path(__file__).resolve().parent / "cases"


def _considered(engine: Engine, file: str, name: str) -> list[str]:
    tests = {t.name: t for _, t, _ in load_case_tests(CASES / file) if t is not None}
    case = Case.model_validate({"case_id": "t", **tests[name].facts})
    item = engine.evaluate(case, explain=True).items[0]
    return [c.rule for c in item.criteria or []]


@pytest.mark.parametrize("name", [
    "a weaning step after ten days on the opioid without benefit is not supported by the taper criterion",
    "a weaning step when how long the opioid was taken is not documented is judged by the four A's",
])
def test_the_taper_criterion_does_not_apply_to_short_or_unknown_use(engine: Engine, name: str) -> None:
    # Opioids 2016 §4.1: "never be abruptly discontinued in any patient who has been treated for longer than two (2)
    # weeks": the two weeks are where the criterion applies (OPI-DEF-TAPER's `when`), not what it requires
    rules = _considered(engine, "opioids/review-sixth-audit.yaml", name)
    assert "OPI-TAPER" not in rules
    assert "OPI-MAINTENANCE" in rules


def test_the_taper_criterion_applies_after_more_than_two_weeks(engine: Engine) -> None:
    rules = _considered(engine, "opioids/sixth-audit.yaml",
                        "a taper after fifteen days on the opioid is longer than two weeks (boundary)")
    assert "OPI-TAPER" in rules
    assert "OPI-MAINTENANCE" not in rules
