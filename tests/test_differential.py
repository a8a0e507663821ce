"""Differential tests: durable_rules (the compiled program) against the pure-Python reference evaluator.

1. Generated cases (history counts, known and unknown facts, services, dates across the 2009 / 2016 /
   ACOEM windows): for every disputed item, `Engine.statuses` on `Engine.facts_for` must equal
   `reference.rule_status` over each deciding rule whose service and version window match the item
   (durable decides only those rules, so the comparison is on exactly that set).
2. Conditions written by hand and generated condition trees (all / any / at_least / not / known / unknown
   over facts that may be missing): the compiled T/F expressions, run by durable_rules, must give the
   same three-valued result as the reference.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest
from casegen import gen_case, vocabulary
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import Engine
from engine.backend_durable import BackendError, DurableBackend
from engine.checks import derive_order, read_paths
from engine.compiler import (
    MAX_DURABLE_GROUPS,
    TRUE,
    CompileError,
    Window,
    compile_rule,
    day_number,
    groups,
    rule_window,
)
from engine.facts import Case
from engine.reference import evaluate, rule_status
from engine.ruleschema import Rule
from engine.view import fact_paths

# --- the two evaluators ---------------------------------------------------------------------------


def reference_derived(engine: Engine, fact: dict[str, Any], as_of: dt.date) -> dict[str, bool]:
    """Derived facts by the reference evaluator, layer by layer, like the compiled stages."""
    derive_rules = [r for r in engine.rules if r.derive]
    deps: dict[str, set[str]] = {}
    for r in derive_rules:
        deps.setdefault(r.derive or "", set()).update(
            p.removeprefix("derived.") for p in read_paths(r) if p.startswith("derived.")
        )
    work = {**fact, "derived": {}}
    service = fact["item"].get("service")
    for layer in derive_order(deps):
        for r in derive_rules:
            if r.derive in layer and applies(engine, r, service, as_of):
                assert r.when is not None
                value = evaluate(r, r.when, work)
                if value is not None:
                    work["derived"][r.derive] = value
    return work["derived"]


def applies(engine: Engine, rule: Rule, service: str | None, as_of: dt.date) -> bool:
    return rule.serves(service) and rule_window(rule, engine.loaded).contains(as_of)


def reference_statuses(engine: Engine, fact: dict[str, Any], as_of: dt.date) -> dict[str, str]:
    service = fact["item"].get("service")
    out = {}
    for rule in engine.rules:
        if rule.decides and applies(engine, rule, service, as_of):
            status = rule_status(rule, fact)
            if status is not None:
                out[rule.id] = status
    return out


def compare_case(
    engine: Engine, case_dict: dict[str, Any], as_of: dt.date, outcomes: list[str | None]
) -> dict[str, str]:
    case = Case.model_validate(case_dict)
    seen: dict[str, str] = {}
    for i, item in enumerate(case.items):
        if item.service is None:
            continue
        outcome = outcomes[i] if item.follows_surgery is not None else None
        fact = engine.facts_for(case, i, as_of, outcome)  # type: ignore[arg-type]
        assert fact["derived"] == reference_derived(engine, fact, as_of)
        durable = engine.statuses(fact)
        reference = reference_statuses(engine, fact, as_of)
        assert durable == reference, (
            f"item {i + 1} ({item.service.value}) as of {as_of}: "
            f"durable {durable} != reference {reference}\nfact: {fact}"
        )
        seen.update(durable)
    return seen


@pytest.fixture(scope="module")
def strings(engine: Engine) -> dict[str, list[Any]]:
    return vocabulary(engine.rules)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_durable_agrees_with_reference_on_generated_cases(
    engine: Engine, strings: dict[str, list[Any]], data: st.DataObject
) -> None:
    def pick(options: Sequence[Any]) -> Any:
        return data.draw(st.sampled_from(options))

    case, as_of, outcomes = gen_case(pick, strings)
    compare_case(engine, case, as_of, outcomes)


def test_durable_agrees_with_reference_on_a_seeded_sweep(
    engine: Engine, strings: dict[str, list[Any]]
) -> None:
    """A fixed sweep of 1,500 cases that also proves the comparison is not vacuous."""
    rng = random.Random(20161017)
    statuses: Counter[str] = Counter()
    rules_seen: set[str] = set()
    for _ in range(1500):
        case, as_of, outcomes = gen_case(rng.choice, strings)
        seen = compare_case(engine, case, as_of, outcomes)
        statuses.update(seen.values())
        rules_seen.update(seen)
    assert set(statuses) == {"met", "not_met", "unknown"}, statuses
    topic_rules = {
        "PM-CAP-MYALGIA-2016",
        "PM-CAP-CRPS-2009",
        "PM-CAP-CRPS-2016",
        "PM-TRIAL-2009",
        "LC-CAP-24",
        "MT-COURSE-2016",
        "MT-SITE-2009",
        "ACU-COURSE",
        "ACU-FREQUENCY",
    }
    assert topic_rules <= rules_seen, sorted(topic_rules - rules_seen)
    # the generator knows no facts of most other topics, but it must still reach many of their rules
    deciding = {r.id for r in engine.rules if r.decides}
    assert len(rules_seen) >= 0.4 * len(deciding), sorted(deciding - rules_seen)


# --- hand-written conditions ----------------------------------------------------------------------

THRESHOLDS = {"cap": {"value": 10, "status": "verified"}, "trial": {"value": 6, "status": "verified"}}


def make_rule(require: Any, when: Any = None, rule_id: str = "TST-COND") -> Rule:
    data: dict[str, Any] = {
        "id": rule_id,
        "title": "a test condition",
        "services": ["physical_therapy"],
        "cites": ["cpmtg-2016#physical-medicine"],
        "require": require,
        "thresholds": THRESHOLDS,
        "rationale": {"met": "met", "not_met": "not met"},
    }
    if when is not None:
        data["when"] = when
    return Rule.model_validate(data)


def durable_status(backend: DurableBackend, stage: str, rule: Rule, fact: dict[str, Any]) -> str | None:
    fired = backend.fire(
        stage, {"kind": "item", **fact, "item": {"service": "physical_therapy", **fact.get("item", {})}}
    )
    if f"{rule.id}__A" not in fired:
        return None
    if f"{rule.id}__T" in fired:
        return "met"
    return "not_met" if f"{rule.id}__F" in fired else "unknown"


def backend_for(rules: list[Rule], stage: str) -> DurableBackend:
    compiled: dict[str, Any] = {}
    for rule in rules:
        compiled.update(compile_rule(rule, Window(None, None)))
    return DurableBackend({stage: compiled})


GT_TRIAL = {"fact": "prior.sessions", "gt": {"threshold": "trial"}}  # sessions > 6
FI = {"fact": "prior.functional_improvement", "is": True}
KNEE = {"fact": "item.region", "in": ["knee", "ankle"]}
TOTAL = {"fact": "prior.total_sessions", "lte": {"threshold": "cap"}}

# (condition, facts, expected status); facts missing a key leave that fact unknown
HAND_WRITTEN: list[tuple[str, Any, dict[str, Any], str]] = [
    ("cmp true", TOTAL, {"prior": {"total_sessions": 10}}, "met"),
    ("cmp false", TOTAL, {"prior": {"total_sessions": 11}}, "not_met"),
    ("cmp unknown", TOTAL, {}, "unknown"),
    ("all: true and unknown", {"all": [TOTAL, FI]}, {"prior": {"total_sessions": 4}}, "unknown"),
    ("all: false and unknown", {"all": [TOTAL, FI]}, {"prior": {"total_sessions": 40}}, "not_met"),
    (
        "all: true and true",
        {"all": [TOTAL, FI]},
        {"prior": {"total_sessions": 4, "functional_improvement": True}},
        "met",
    ),
    ("any: true and unknown", {"any": [TOTAL, FI]}, {"prior": {"total_sessions": 4}}, "met"),
    ("any: false and unknown", {"any": [TOTAL, FI]}, {"prior": {"total_sessions": 40}}, "unknown"),
    (
        "any: false and false",
        {"any": [TOTAL, FI]},
        {"prior": {"total_sessions": 40, "functional_improvement": False}},
        "not_met",
    ),
    ("not: unknown stays unknown", {"not": FI}, {}, "unknown"),
    ("not: true", {"not": FI}, {"prior": {"functional_improvement": True}}, "not_met"),
    ("not not", {"not": {"not": TOTAL}}, {"prior": {"total_sessions": 3}}, "met"),
    ("known: missing", {"known": "prior.sessions"}, {}, "not_met"),
    ("known: present zero", {"known": "prior.sessions"}, {"prior": {"sessions": 0}}, "met"),
    (
        "known: present false",
        {"known": "prior.functional_improvement"},
        {"prior": {"functional_improvement": False}},
        "met",
    ),
    ("unknown: missing", {"unknown": "prior.sessions"}, {}, "met"),
    ("unknown: present", {"unknown": "prior.sessions"}, {"prior": {"sessions": 2}}, "not_met"),
    ("not known", {"not": {"known": "prior.sessions"}}, {}, "met"),
    (
        "at_least 2 of T,U,F",
        {"at_least": 2, "of": [TOTAL, FI, KNEE]},
        {"prior": {"total_sessions": 1}, "item": {"region": "lumbar"}},
        "unknown",
    ),
    (
        "at_least 2 of T,T,U",
        {"at_least": 2, "of": [TOTAL, FI, KNEE]},
        {"prior": {"total_sessions": 1}, "item": {"region": "knee"}},
        "met",
    ),
    (
        "at_least 2 of F,U,F",
        {"at_least": 2, "of": [TOTAL, FI, KNEE]},
        {"prior": {"total_sessions": 99}, "item": {"region": "hip"}},
        "not_met",
    ),
    ("at_least 1 of U,U", {"at_least": 1, "of": [TOTAL, FI]}, {}, "unknown"),
    (
        "at_least 3 of 3 with one false",
        {"at_least": 3, "of": [TOTAL, FI, KNEE]},
        {"prior": {"total_sessions": 1, "functional_improvement": False}},
        "not_met",
    ),
    ("in: member", KNEE, {"item": {"region": "ankle"}}, "met"),
    ("in: not a member", KNEE, {"item": {"region": "lumbar"}}, "not_met"),
    (
        "fact ref: both known",
        {"fact": "prior.sessions", "lt": {"fact": "prior.total_sessions"}},
        {"prior": {"sessions": 4, "total_sessions": 10}},
        "met",
    ),
    (
        "fact ref: right side unknown",
        {"fact": "prior.sessions", "lt": {"fact": "prior.total_sessions"}},
        {"prior": {"sessions": 4}},
        "unknown",
    ),
    ("ne on unknown", {"fact": "item.region", "ne": "knee"}, {}, "unknown"),
    ("ne on known", {"fact": "item.region", "ne": "knee"}, {"item": {"region": "hip"}}, "met"),
    (
        "eq on false bool",
        {"fact": "findings.red_flags", "eq": False},
        {"findings": {"red_flags": False}},
        "met",
    ),
    (
        "is false on true",
        {"fact": "findings.red_flags", "is": False},
        {"findings": {"red_flags": True}},
        "not_met",
    ),
    (
        "float against int threshold",
        {"fact": "item.frequency_per_week", "lte": {"threshold": "trial"}},
        {"item": {"frequency_per_week": 6.0}},
        "met",
    ),
    (
        "float just over",
        {"fact": "item.frequency_per_week", "lte": {"threshold": "trial"}},
        {"item": {"frequency_per_week": 6.5}},
        "not_met",
    ),
    (
        "has_any: shares one",
        {"fact": "item.ingredients", "has_any": ["gabapentin", "baclofen"]},
        {"item": {"ingredients": ["lidocaine", "baclofen"]}},
        "met",
    ),
    (
        "has_any: shares none",
        {"fact": "item.ingredients", "has_any": ["gabapentin", "baclofen"]},
        {"item": {"ingredients": ["lidocaine"]}},
        "not_met",
    ),
    ("has_any: list unknown", {"fact": "item.ingredients", "has_any": ["gabapentin"]}, {}, "unknown"),
    (
        "nested mix",
        {
            "all": [
                {"any": [{"unknown": "dx.crps"}, {"fact": "dx.crps", "is": False}]},
                {"not": {"at_least": 2, "of": [GT_TRIAL, FI, KNEE]}},
            ]
        },
        {"prior": {"sessions": 8}, "item": {"region": "shoulder"}},
        "unknown",
    ),
]


@pytest.fixture(scope="module")
def hand_backend() -> tuple[DurableBackend, str, list[Rule]]:
    rules = [make_rule(cond, rule_id=f"TST-HAND-{i}") for i, (_, cond, _, _) in enumerate(HAND_WRITTEN)]
    return backend_for(rules, "hand_written"), "hand_written", rules


@pytest.mark.parametrize(
    ("index", "expected"),
    [(i, case[3]) for i, case in enumerate(HAND_WRITTEN)],
    ids=[case[0] for case in HAND_WRITTEN],
)
def test_hand_written_condition(
    hand_backend: tuple[DurableBackend, str, list[Rule]], index: int, expected: str
) -> None:
    backend, stage, rules = hand_backend
    _, _, facts, _ = HAND_WRITTEN[index]
    rule = rules[index]
    fact = {"kind": "item", **facts, "item": {"service": "physical_therapy", **facts.get("item", {})}}
    assert rule_status(rule, fact) == expected
    assert durable_status(backend, stage, rule, facts) == expected
    assert backend.live_facts(stage) == 0


def test_when_that_is_unknown_means_the_rule_does_not_apply() -> None:
    rule = make_rule(TOTAL, when=FI, rule_id="TST-WHEN")
    backend = backend_for([rule], "when_stage")
    for facts, expected in [
        ({}, None),
        ({"prior": {"functional_improvement": False}}, None),
        ({"prior": {"functional_improvement": True}}, "unknown"),
        ({"prior": {"functional_improvement": True, "total_sessions": 3}}, "met"),
    ]:
        fact = {"kind": "item", **facts, "item": {"service": "physical_therapy"}}
        assert rule_status(rule, fact) == expected
        assert durable_status(backend, "when_stage", rule, facts) == expected


def test_service_and_window_gate_the_compiled_rule() -> None:
    rule = make_rule(TOTAL, rule_id="TST-GATE")
    window = Window(dt.date(2016, 7, 28), dt.date(2017, 11, 30))
    backend = DurableBackend({"gate": compile_rule(rule, window)})
    base = {"kind": "item", "prior": {"total_sessions": 3}}
    inside = day_number(dt.date(2016, 7, 28))
    assert backend.fire("gate", {**base, "item": {"service": "physical_therapy"}, "as_of_day": inside}) == {
        "TST-GATE__A",
        "TST-GATE__T",
    }
    assert (
        backend.fire("gate", {**base, "item": {"service": "physical_therapy"}, "as_of_day": inside - 1})
        == set()
    )
    last = day_number(dt.date(2017, 11, 30))
    assert backend.fire("gate", {**base, "item": {"service": "physical_therapy"}, "as_of_day": last}) == {
        "TST-GATE__A",
        "TST-GATE__T",
    }
    assert (
        backend.fire("gate", {**base, "item": {"service": "physical_therapy"}, "as_of_day": last + 1})
        == set()
    )
    assert backend.fire("gate", {**base, "item": {"service": "chiropractic"}, "as_of_day": inside}) == set()


# --- generated condition trees --------------------------------------------------------------------

NUM_PATHS = ["prior.sessions", "prior.total_sessions", "item.quantity"]
BOOL_PATHS = ["findings.red_flags", "prior.functional_improvement"]
STR_PATHS = ["item.region"]
REGIONS = ["knee", "lumbar", "hand"]


def _atoms() -> st.SearchStrategy[dict[str, Any]]:
    num = st.fixed_dictionaries(
        {
            "fact": st.sampled_from(NUM_PATHS),
            "op": st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte"]),
            "rhs": st.one_of(
                st.sampled_from([{"threshold": "cap"}, {"threshold": "trial"}]),
                st.sampled_from([{"fact": p} for p in NUM_PATHS]),
                st.sampled_from([0, 6, 10]),
            ),
        }
    ).map(lambda d: {"fact": d["fact"], d["op"]: d["rhs"]})
    num_in = st.builds(
        lambda p, vs: {"fact": p, "in": vs},
        st.sampled_from(NUM_PATHS),
        st.lists(st.sampled_from([0, 3, 6, 10]), max_size=3, unique=True),
    )
    boolean = st.builds(
        lambda p, op, v: {"fact": p, op: v},
        st.sampled_from(BOOL_PATHS),
        st.sampled_from(["is", "eq", "ne"]),
        st.booleans(),
    )
    string = st.one_of(
        st.builds(
            lambda op, v: {"fact": "item.region", op: v},
            st.sampled_from(["eq", "ne"]),
            st.sampled_from(REGIONS),
        ),
        st.builds(
            lambda vs: {"fact": "item.region", "in": vs},
            st.lists(st.sampled_from(REGIONS), max_size=3, unique=True),
        ),
    )
    listy = st.builds(
        lambda vs: {"fact": "item.ingredients", "has_any": vs},
        st.lists(
            st.sampled_from(["lidocaine", "baclofen", "capsaicin"]), min_size=1, max_size=2, unique=True
        ),
    )
    presence = st.builds(
        lambda k, p: {k: p},
        st.sampled_from(["known", "unknown"]),
        st.sampled_from(NUM_PATHS + BOOL_PATHS + STR_PATHS),
    )
    return st.one_of(num, num_in, boolean, string, listy, presence)


def _tree(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    group = st.lists(children, min_size=1, max_size=3)
    return st.one_of(
        group.map(lambda cs: {"all": cs}),
        group.map(lambda cs: {"any": cs}),
        children.map(lambda c: {"not": c}),
        st.lists(children, min_size=1, max_size=4).flatmap(
            lambda cs: st.integers(1, len(cs)).map(lambda n: {"at_least": n, "of": cs})
        ),
    )


CONDITIONS = st.recursive(_atoms(), _tree, max_leaves=7)
FACTS = st.fixed_dictionaries(
    {},
    optional={
        "prior": st.fixed_dictionaries(
            {},
            optional={
                "sessions": st.sampled_from([0, 3, 6, 10, 11]),
                "total_sessions": st.sampled_from([0, 6, 10, 12]),
                "functional_improvement": st.booleans(),
            },
        ),
        "item": st.fixed_dictionaries(
            {},
            optional={
                "quantity": st.sampled_from([0, 6, 10]),
                "region": st.sampled_from([*REGIONS, "hip"]),
                "ingredients": st.lists(
                    st.sampled_from(["lidocaine", "baclofen", "menthol"]), min_size=1, max_size=2
                ),
            },
        ),
        "findings": st.fixed_dictionaries({}, optional={"red_flags": st.booleans()}),
    },
)

_counter = itertools.count()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    require=CONDITIONS, when=st.one_of(st.none(), CONDITIONS), facts=st.lists(FACTS, min_size=1, max_size=6)
)
def test_compiled_condition_trees_agree_with_reference(
    require: Any, when: Any, facts: list[dict[str, Any]]
) -> None:
    rule = make_rule(require, when=when, rule_id="TST-TREE")
    stage = f"tree_{next(_counter)}"
    try:
        backend = backend_for([rule], stage)
    except CompileError as exc:
        # too large for durable_rules: `rules check` reports it (MTUS-E017) instead of durable failing
        assert "and/or groups" in str(exc) or "at_least over" in str(exc)
        return
    for f in facts:
        fact = {"kind": "item", **f, "item": {"service": "physical_therapy", **f.get("item", {})}}
        assert durable_status(backend, stage, rule, f) == rule_status(rule, fact), f"facts {f}"
    assert backend.live_facts(stage) == 0


def test_generated_paths_are_real_fact_paths() -> None:
    """The condition-tree test reads paths that rules may really use, with their real kinds."""
    paths = fact_paths()
    assert all(paths[p] == "number" for p in NUM_PATHS)
    assert all(paths[p] == "bool" for p in BOOL_PATHS)
    assert all(paths[p] == "str" for p in STR_PATHS)


def test_group_limit_is_what_durable_rules_accepts() -> None:
    """MAX_DURABLE_GROUPS is durable_rules' real capacity: one group more and it refuses the ruleset."""

    def body(n_groups: int) -> dict[str, Any]:
        ors = [{"$or": [{f"a{i}": 1}, {f"b{i}": 2}]} for i in range(n_groups - 1)]
        return {"$and": [TRUE, *ors]}

    at_limit = body(MAX_DURABLE_GROUPS)
    assert groups(at_limit) == MAX_DURABLE_GROUPS
    backend = DurableBackend({"limit_ok": {"r": {"all": [{"m": at_limit}], "run": "r"}}})
    assert backend.fire("limit_ok", {"kind": "item", **{f"a{i}": 1 for i in range(MAX_DURABLE_GROUPS)}}) == {
        "r"
    }
    over = DurableBackend({"limit_over": {"r": {"all": [{"m": body(MAX_DURABLE_GROUPS + 1)}], "run": "r"}}})
    with pytest.raises(BackendError, match="113"):  # rulesets are built on first use
        over.fire("limit_over", {"kind": "item"})


def test_compiler_flattens_nested_groups() -> None:
    """Nested all-in-all and any-in-any compile to one group each, which keeps rules under the limit."""
    nested = {"all": [{"all": [TOTAL, {"all": [FI, GT_TRIAL]}]}, {"any": [{"any": [KNEE, FI]}, TOTAL]}]}
    rule = make_rule(nested, rule_id="TST-FLAT")
    compiled = compile_rule(rule, Window(None, None))
    body = compiled["TST-FLAT__T"]["all"][0]["m"]
    assert body["$and"][0] == TRUE
    assert not any("$and" in part for part in body["$and"])
    # one $and for everything that must hold, one $or for `any`, and inside that $or the three guarded
    # comparisons (KNEE: $and of a guard and an $or of its values; FI; TOTAL): 1 + 1 + 2 + 1 + 1
    assert groups(body) == 6
    assert [p for p in body["$and"] if "$or" in p] == [
        {
            "$or": [
                {
                    "$and": [
                        {"$ex": {"item.region": 1}},
                        {"$or": [{"item.region": "knee"}, {"item.region": "ankle"}]},
                    ]
                },
                {
                    "$and": [
                        {"$ex": {"prior.functional_improvement": 1}},
                        {"prior.functional_improvement": True},
                    ]
                },
                {"$and": [{"$ex": {"prior.total_sessions": 1}}, {"$lte": {"prior.total_sessions": 10}}]},
            ]
        }
    ]
