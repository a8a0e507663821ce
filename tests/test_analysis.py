"""The rule-set analysis of `mtus rules check` (engine/analysis.py).

Its search is checked against the reference evaluator on generated conditions: a case it finds meets the goal
when evaluated for real, and when it finds none, no generated case does. The broken-rule table
(tests/loader_errors/e022_*, w103_*, w104_*, w105_*) covers each code; the bundled rules' findings are the
README's (reliability section)."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_differential import CONDITIONS, FACTS, REGIONS, make_rule

from engine import load_and_check
from engine.analysis import Goal, Solver, Undecided, analyze
from engine.diagnostics import Severity
from engine.reference import evaluate

README = Path(__file__).resolve().parent.parent / "README.md"
ANALYSIS_CODES = {"MTUS-E022", "MTUS-W103", "MTUS-W104", "MTUS-W105"}


def as_fact(env: dict[str, Any]) -> dict[str, Any]:
    """A solver's assignment as the fact dict the reference evaluator reads."""
    fact: dict[str, Any] = {}
    for path, value in env.items():
        if value is None:
            continue
        group, name = path.split(".", 1)
        fact.setdefault(group, {})[name] = sorted(value) if isinstance(value, frozenset) else value
    return fact


def random_fact(rng: random.Random) -> dict[str, Any]:
    """A fact from a finer grid than the solver's own values."""
    fact: dict[str, Any] = {"prior": {}, "item": {}, "findings": {}}
    for path in ("prior.sessions", "prior.total_sessions", "item.quantity"):
        if rng.random() < 0.8:
            group, name = path.split(".")
            fact[group][name] = rng.choice([-1, 0, 1, 3, 5, 6, 7, 9, 10, 11, 12, 20])
    for path in ("findings.red_flags", "prior.functional_improvement"):
        if rng.random() < 0.8:
            group, name = path.split(".")
            fact[group][name] = rng.random() < 0.5
    if rng.random() < 0.8:
        fact["item"]["region"] = rng.choice([*REGIONS, "hip"])
    if rng.random() < 0.8:
        fact["item"]["ingredients"] = rng.sample(["lidocaine", "baclofen", "capsaicin", "menthol"], rng.randint(0, 3))
    return fact


@settings(max_examples=100, deadline=None, derandomize=True)
@given(cond=CONDITIONS, want=st.sampled_from([True, False, None]), seed=st.integers(0, 2**16))
def test_the_search_agrees_with_the_reference_evaluator(cond: Any, want: bool | None, seed: int) -> None:
    rule = make_rule(cond, rule_id="TST-SOLVE")
    assert rule.require is not None
    solver = Solver([Goal(rule, rule.require, frozenset({want}))], frozenset({"physical_therapy"}))
    try:
        env = solver.witness()
    except Undecided:  # beyond the search's budget: the analysis reports nothing then, so nothing to check
        return
    if env is not None:
        assert evaluate(rule, rule.require, as_fact(env)) == want, env
    else:
        rng = random.Random(seed)
        for _ in range(60):
            fact = random_fact(rng)
            assert evaluate(rule, rule.require, fact) != want, fact


@settings(deadline=None, derandomize=True)
@given(facts=FACTS)
def test_generated_facts_are_within_the_searched_kinds(facts: dict[str, Any]) -> None:
    """The generated condition trees read only facts whose kinds the search models (numbers, yes/no, strings,
    lists), so the test above covers each kind."""
    kinds = {"prior": {"sessions", "total_sessions", "functional_improvement"},
             "item": {"quantity", "region", "ingredients"}, "findings": {"red_flags"}}
    for group, values in facts.items():
        assert set(values) <= kinds[group]


def test_each_table_file_reports_exactly_its_code() -> None:
    table = Path(__file__).resolve().parent / "loader_errors"
    for code in sorted(ANALYSIS_CODES):
        (path,) = table.glob(f"{code[5:].lower()}_*.yaml")
        _, diagnostics = load_and_check([path], analysis=True)
        assert [d.code for d in diagnostics] == [code]
        _, without = load_and_check([path])
        assert without == [], "the analysis runs only when asked"


def test_the_bundled_rules_have_no_analysis_errors() -> None:
    _, diagnostics = load_and_check(analysis=True)
    assert [d.render() for d in diagnostics if d.severity is Severity.error] == []


def test_the_readme_reports_the_bundled_findings() -> None:
    """The README lists every analysis finding on the bundled rules (code and rule), and nothing else."""
    loaded, _ = load_and_check()
    found = sorted({(d.code, d.location.rule_id) for d in analyze(loaded)})
    block = README.read_text(encoding="utf-8").split("<!-- analysis:start -->")[1].split("<!-- analysis:end -->")[0]
    listed = sorted(set(re.findall(r"\| (MTUS-[EW]\d{3}) \| `([A-Z0-9-]+)`", block)))
    assert listed == found


@pytest.mark.parametrize("code", sorted(ANALYSIS_CODES))
def test_codes_are_registered(code: str) -> None:
    from engine import CODES

    assert code in CODES
