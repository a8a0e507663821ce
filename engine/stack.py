"""durable_rules' 64-entry evaluation stack: how many entries an item can need, computed from the compiled rules.

durable_rules matches a fact by walking its alpha network depth first with a fixed stack of 64 entries
(`MAX_STACK_SIZE`, events.c `handleAlpha`); at each node it pushes every child whose test the fact passes, and
a rule set whose walk needs a 65th entry fails the fact with `Could not assert fact, error code: 303`. The
network is built as rete.c builds it (`createAlpha`, `findAlpha`, `linkAlpha`): an `$and` is a chain of tests,
a test equal to a sibling's is shared, and every `$or` gets its own forward node, which each branch that
matches pushes again.

`stack_bound` is an upper bound of the entries an item of one service on one day can need: every test on
another fact is assumed to pass, except that the children pushed at one node must agree on each fact (present
or absent, and one value for equality tests), and the child explored first is the one whose subtree needs the
most. Measured against durable_rules itself (`python bench/bench_stack.py`) on the rulesets the engine runs (the
deciding stage split by service kind), the bound was never below the real need; a bundled physical therapy item
needs up to 20 entries, bounded by 28, an MRI 30, bounded by 39. `overflows` first takes one bound over every
service and day a ruleset receives, and looks service by service and day by day only when that one is over.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

#: events.c: `#define MAX_STACK_SIZE 64` (durable_rules 2.0.28); one more entry fails with error code 303
MAX_STACK_SIZE = 64


@dataclass(eq=False)
class _Node:
    prop: str
    op: str
    value: Any  # the operand, hashable: as written for a scalar, its JSON for an object or array
    forward: bool = False
    operand: Any = None
    tests: list[_Node] = field(default_factory=list)  # conjunctive children, pushed when their test passes
    absent: list[_Node] = field(default_factory=list)  # `$nex` and forward children, pushed when the fact lacks it
    shared: dict[tuple[str, str, type, Any], _Node] = field(default_factory=dict)  # the children above, by test


def _find(parent: _Node, prop: str, op: str, value: Any) -> _Node:
    kind = type(value)
    text = json.dumps(value, sort_keys=True) if kind is dict or kind is list else value
    key = (prop, op, kind, text)  # `1`, `1.0` and `true` are different tests
    node = parent.shared.get(key)
    if node is None:
        node = parent.shared[key] = _Node(prop, op, text, operand=value)
        (parent.absent if op == "$nex" else parent.tests).append(node)
    return node


def _create(parent: _Node, expr: dict[str, Any]) -> _Node:
    ((key, value),) = expr.items()
    if key == "$and":
        node = parent
        for part in value:
            node = _create(node, part)
        return node
    if key == "$or":
        forward = _Node("$forward", "$nex", "", forward=True)
        for part in value:
            _create(parent, part).absent.append(forward)
        return forward
    if key in ("$iany", "$iall"):  # the array's own tests run inside its node, not on the stack
        ((prop, _),) = value.items()
        return _find(parent, prop, key, value)
    if key.startswith("$"):
        ((prop, operand),) = value.items()
        return _find(parent, prop, key, operand)
    return _find(parent, key, "$eq", value)


def network(rules: dict[str, dict[str, Any]]) -> _Node:
    """The alpha network of one compiled ruleset (its root)."""
    root = _Node("", "", None)
    for rule in rules.values():
        _create(root, rule["all"][0]["m"])
    return root


_DAY_TEST = {"$gte": lambda d, v: d >= v, "$gt": lambda d, v: d > v, "$lte": lambda d, v: d <= v,
             "$lt": lambda d, v: d < v, "$eq": lambda d, v: d == v, "$neq": lambda d, v: d != v}


def _passes(node: _Node, service: str | None, day: int | None) -> bool:
    """Whether the test can pass for an item of `service` on `day` (tests of other facts, of the service when `service`
    is None and of the date when `day` is None: assumed to)."""
    if node.forward:
        return True
    value = node.operand
    if isinstance(value, dict):  # compared with another fact (`$m`)
        return True
    if node.prop == "kind":
        return bool(node.op == "$eq" and value == "item")
    if node.prop == "item.service" and node.op in ("$eq", "$neq") and service is not None:
        return bool((value == service) == (node.op == "$eq"))
    if node.prop == "as_of_day" and node.op in _DAY_TEST and day is not None:
        return bool(_DAY_TEST[node.op](day, value))
    return True


def _alternatives(children: list[_Node]) -> list[list[list[_Node]]]:
    """The children, grouped by the fact they test, each group as the sets of children that can pass together."""
    groups: dict[Any, dict[Any, list[_Node]]] = {}
    for child in children:
        if child.forward:
            groups[id(child)] = {"always": [child]}
            continue
        group = groups.setdefault(child.prop, {})
        if child.op == "$nex":
            group.setdefault("absent", []).append(child)
        elif child.op == "$eq" and not isinstance(child.operand, dict):
            group.setdefault(("eq", type(child.operand), child.value), []).append(child)
        else:
            group.setdefault("present", []).append(child)
    out = []
    for group in groups.values():
        if "always" in group:
            out.append([group["always"]])
            continue
        present = group.get("present", [])
        values = [members + present for key, members in group.items() if isinstance(key, tuple)]
        out.append(([group["absent"]] if "absent" in group else []) + (values or [present]))
    return out


def stack_bound(root: _Node, service: str | None, day: int | None) -> int:
    """An upper bound of the stack entries an item of `service` on day number `day` needs (see the docstring); with
    `service` or `day` None, of any service or on any day (every such test passing, though an item has one service:
    a bound of their bounds, as more children passing never lowers it)."""
    memo: dict[int, int] = {}

    def need(node: _Node) -> int:
        if id(node) in memo:
            return memo[id(node)]
        children = [c for c in (*node.absent, *node.tests) if _passes(c, service, day)]
        if len(children) <= 1:  # most nodes of a chain of tests: no alternatives to weigh
            best = max(1, need(children[0])) if children else 0
            memo[id(node)] = best
            return best
        groups = _alternatives(children)
        widest = [max(len(s) for s in sets) for sets in groups]
        total = sum(widest)
        best = total
        for sets, width in zip(groups, widest, strict=True):
            for members in sets:
                pushed = total - width + len(members)
                for child in members:
                    best = max(best, pushed - 1 + need(child))
        memo[id(node)] = best
        return best

    return need(root)


def _tests(root: _Node) -> list[_Node]:
    """Every node of the network, once."""
    seen: dict[int, _Node] = {}
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) not in seen:
            seen[id(node)] = node
            todo.extend((*node.tests, *node.absent))
    return list(seen.values())


def days_to_try(nodes: list[_Node]) -> list[int]:
    """One day number for each different set of the date tests that pass: the bound changes only there."""
    tests = sorted({(n.op, n.operand) for n in nodes if n.prop == "as_of_day" and n.op in _DAY_TEST
                    and isinstance(n.operand, int)})
    seen: dict[tuple[bool, ...], int] = {}
    for day in sorted({d for _, c in tests for d in (c - 1, c, c + 1)} or {0}):
        seen.setdefault(tuple(bool(_DAY_TEST[op](day, c)) for op, c in tests), day)
    return sorted(seen.values())


def _services(nodes: list[_Node], services: list[str] | None) -> list[str]:
    if services is not None:
        return services
    named = sorted({n.operand for n in nodes if n.prop == "item.service" and isinstance(n.operand, str)})
    return [*named, "(any other service)"]


def bounds(rules: dict[str, dict[str, Any]], services: list[str] | None = None) -> list[tuple[str, int, int]]:
    """(service, day number, bound) for every service and every day on which the bound can change. `services`: the
    kinds whose items the ruleset receives (a ruleset of one service kind); by default every kind a rule names, and
    the services no rule names, which share one bound (that of a service named by none)."""
    root = network(rules)
    nodes = _tests(root)
    days = days_to_try(nodes)
    return [(service, day, stack_bound(root, service, day)) for service in _services(nodes, services) for day in days]


def overflows(rules: dict[str, dict[str, Any]], services: list[str] | None = None) -> list[tuple[str, int, int]]:
    """(service, day number, bound) wherever an item could need more than `MAX_STACK_SIZE` entries (`bounds`). A
    ruleset whose bound over all its services and days fits is not looked at service by service and day by day."""
    root = network(rules)
    kinds: list[str | None] = [*services] if services is not None else [None]
    if all(stack_bound(root, service, None) <= MAX_STACK_SIZE for service in kinds):
        return []
    return [(service, day, bound) for service, day, bound in bounds(rules, services) if bound > MAX_STACK_SIZE]
