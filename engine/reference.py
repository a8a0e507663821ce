"""A small pure-Python evaluator of the rule language: the explanation source and the differential oracle.

durable_rules only says which rules fired. This evaluator reads the same rules against the same fact dict
and reports, for each comparison, the observed value, the threshold and the three-valued result; tests check
that its statuses equal durable_rules' on generated cases.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any, Literal

from engine.ruleschema import All, AnyOf, AtLeast, Cmp, Condition, FactRef, Known, Not, Rule, ThresholdRef, Unknown
from engine.view import lookup

Truth = Literal[True, False, None]
_OPS = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "lte": operator.le, "gt": operator.gt,
        "gte": operator.ge}


@dataclass(frozen=True)
class Check:
    """One comparison as evaluated: what was read, what it was compared with, and the result."""

    fact: str
    op: str
    observed: Any
    expected: Any
    result: Truth


def _operand(rule: Rule, operand: Any, fact: dict[str, Any]) -> Any:
    if isinstance(operand, ThresholdRef):
        return rule.thresholds[operand.threshold].value
    if isinstance(operand, FactRef):
        return lookup(fact, operand.fact)
    return operand


def evaluate(rule: Rule, cond: Condition, fact: dict[str, Any], checks: list[Check] | None = None) -> Truth:
    """Kleene three-valued truth of `cond` over `fact` (None = unknown); comparisons go to `checks`."""
    if isinstance(cond, Cmp):
        observed = lookup(fact, cond.fact)
        expected = _operand(rule, cond.operand, fact)
        result: Truth
        if observed is None or expected is None:
            result = None
        elif cond.op == "is":
            result = observed == cond.operand
        elif cond.op == "has_any":
            result = bool(set(observed) & set(expected))
        elif cond.op == "in":
            result = observed in expected
        else:
            result = bool(_OPS[cond.op](observed, expected))
        if checks is not None:
            checks.append(Check(cond.fact, cond.op, observed, expected, result))
        return result
    if isinstance(cond, Known):
        return lookup(fact, cond.known) is not None
    if isinstance(cond, Unknown):
        return lookup(fact, cond.unknown) is None
    if isinstance(cond, Not):
        inner = evaluate(rule, cond.not_, fact, checks)
        return None if inner is None else not inner
    if isinstance(cond, All):
        values = [evaluate(rule, c, fact, checks) for c in cond.all]
        return False if False in values else (None if None in values else True)
    if isinstance(cond, AnyOf):
        values = [evaluate(rule, c, fact, checks) for c in cond.any]
        return True if True in values else (None if None in values else False)
    if isinstance(cond, AtLeast):
        values = [evaluate(rule, c, fact, checks) for c in cond.of]
        yes, no = values.count(True), values.count(False)
        if yes >= cond.at_least:
            return True
        if len(values) - no < cond.at_least:
            return False
        return None
    raise TypeError(f"unknown condition {type(cond).__name__}")


def rule_status(rule: Rule, fact: dict[str, Any], checks: list[Check] | None = None) -> str | None:
    """`met` / `not_met` / `unknown` for a deciding rule that applies, None when it does not apply.

    The service and version window are assumed already matched by the caller.
    """
    if rule.when is not None and evaluate(rule, rule.when, fact, checks) is not True:
        return None
    if rule.not_recommended:
        return "not_met"
    assert rule.require is not None
    value = evaluate(rule, rule.require, fact, checks)
    return {True: "met", False: "not_met", None: "unknown"}[value]
