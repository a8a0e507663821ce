"""durable_rules' 64-entry evaluation stack (error code 303): the bound of engine/stack.py is never below what
durable_rules itself needs, a rule set that could overflow is refused (MTUS-E021), and such a rule set really
does overflow."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from casegen import gen_case, vocabulary
from stackprobe import Prober

from engine import Engine, RuleSetError, load_and_check
from engine.backend_durable import BackendError, DurableBackend
from engine.compiler import compile_rules, day_number
from engine.facts import Case
from engine.program import partition
from engine.stack import MAX_STACK_SIZE, bounds, network, stack_bound

TOO_WIDE = Path(__file__).resolve().parent / "loader_errors" / "e021_stack_overflow.yaml"


def test_the_bound_is_never_below_the_real_need(engine: Engine) -> None:
    """Generated items of every kind, each measured with probes (tests/stackprobe.py) on the rulesets the engine
    runs: the derive stages, and the item's own kind's deciding ruleset."""
    rng = random.Random(303)
    vocab = vocabulary(engine.rules)
    rulesets, final = partition(engine.compiled, engine.ruleset.cards)
    derive = [name for name, _ in engine.compiled.stages[:-1]]
    probers = {name: Prober(rules) for name, rules in rulesets.items()}
    roots = {name: network(rules) for name, rules in rulesets.items()}
    measured = 0
    for _ in range(25):
        data, as_of, _ = gen_case(rng.choice, vocab)
        case = Case.model_validate(data)
        for i, item in enumerate(case.items):
            if item.service is None:
                continue
            fact = engine.facts_for(case, i, as_of)
            own = final.get(item.service.value)
            for name in [*derive, *([own] if own else [])]:
                need = probers[name].need(fact)
                bound = stack_bound(roots[name], item.service.value, day_number(as_of))
                assert need is not None and need <= bound, (name, item.service.value, as_of, need, bound)
                measured += 1
    assert measured > 100


def test_the_bundled_rules_fit_with_room() -> None:
    """Every ruleset the engine runs, for the services whose items it receives, on every date: within 48 of 64."""
    loaded, diagnostics = load_and_check()
    assert not [d for d in diagnostics if d.code == "MTUS-E021"]
    from engine.compiler import compile_cards

    rulesets, final = partition(compile_rules(loaded), compile_cards(loaded))
    own = {name: service for service, name in final.items()}
    for name, rules in rulesets.items():
        worst = max(bound for _, _, bound in bounds(rules, [own[name]] if name in own else None))
        assert worst <= 48, name
        # the one bound `overflows` takes first, over every service and day, is never below any day's
        assert stack_bound(network(rules), own.get(name), None) >= worst, name


def test_a_rule_set_that_could_overflow_is_refused() -> None:
    with pytest.raises(RuleSetError) as info:
        Engine([TOO_WIDE])
    (d,) = info.value.diagnostics
    assert d.code == "MTUS-E021" and d.location.rule_id == "TST-TOO-WIDE"
    assert "`mri` items" in d.message and f"of its {MAX_STACK_SIZE} evaluation-stack entries" in d.message


def test_that_rule_set_really_overflows_in_durable_rules() -> None:
    """Built without the check: an item with all 66 findings documented fails with error code 303, one with a few
    is decided. The check is not a guess."""
    loaded, _ = load_and_check([TOO_WIDE])
    ((name, rules),) = compile_rules(loaded).stages
    backend = DurableBackend({name: rules})
    paths = [c.known for c in loaded.rules[0].rule.require.any]  # type: ignore[union-attr]
    base = {"kind": "item", "as_of_day": day_number(dt.date(2017, 1, 1)), "item": {"service": "mri"}}
    few = {**base, "findings": {p.split(".")[1]: True for p in paths[:5]}}
    assert "TST-TOO-WIDE__T" in backend.fire(name, few)
    every = {**base, "findings": {p.split(".")[1]: True for p in paths}}
    with pytest.raises(BackendError, match="303"):
        backend.fire(name, every)
