"""The rule language's conditions as a tree: walking it, the fact paths it reads, and the order in which
derived facts must be settled. Shared by the check and compile stages, which depend on it and not on each
other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.ruleschema import All, AnyOf, AtLeast, Cmp, Condition, FactRef, Known, Not, Rule, Unknown


def walk(cond: Condition, loc: tuple[Any, ...]) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Every node of a condition with its location path (relative to the rule)."""
    yield cond, loc
    if isinstance(cond, All):
        for i, c in enumerate(cond.all):
            yield from walk(c, (*loc, "all", i))
    elif isinstance(cond, AnyOf):
        for i, c in enumerate(cond.any):
            yield from walk(c, (*loc, "any", i))
    elif isinstance(cond, AtLeast):
        for i, c in enumerate(cond.of):
            yield from walk(c, (*loc, "of", i))
    elif isinstance(cond, Not):
        yield from walk(cond.not_, (*loc, "not"))


def conditions(rule: Rule) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Every condition node of a rule (`when` and `require`)."""
    if rule.when is not None:
        yield from walk(rule.when, ("when",))
    if rule.require is not None:
        yield from walk(rule.require, ("require",))


def read_paths(rule: Rule) -> set[str]:
    """Every fact path a rule reads."""
    out: set[str] = set()
    for node, _ in conditions(rule):
        if isinstance(node, Cmp):
            out.add(node.fact)
            if isinstance(node.operand, FactRef):
                out.add(node.operand.fact)
        elif isinstance(node, Known):
            out.add(node.known)
        elif isinstance(node, Unknown):
            out.add(node.unknown)
    return out


def derive_order(deps: dict[str, set[str]]) -> list[list[str]]:
    """Layers of derived facts: each layer reads only facts of earlier layers. Raises on a cycle."""
    layers: list[list[str]] = []
    done: set[str] = set()
    remaining = dict(deps)
    while remaining:
        ready = sorted(n for n, d in remaining.items() if (d & set(deps)) <= done)
        if not ready:
            raise ValueError(sorted(remaining)[0])
        layers.append(ready)
        done.update(ready)
        for n in ready:
            del remaining[n]
    return layers
