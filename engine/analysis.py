"""What the rules mean together: conditions that can never hold, rules that contradict or shadow each other, and
citations of a document not in force during the rule's window. Run by `mtus rules check`.

The questions are answered by a small exhaustive search (`Solver`) over the facts the rules read, in the rules'
own three-valued logic (a fact may be unknown). Each fact gets a finite set of values that stands for all of
its values: unknown, true and false for a yes/no fact; each number a rule compares it with and the numbers on
either side of it; each string a rule names and one that none names; for a list, whether it holds each value a
rule names. Derived facts are free yes/no facts here (their definitions are not expanded), and so are the ties
between facts that `engine/view.py` computes (the total is the prior plus the requested visits). So a finding
that something can never happen is proved; a pair the search cannot settle within its budget is not reported.

The combination policy (`engine/decision.py`) is the precedence between criteria: an unmet criterion upholds.
What it cannot resolve is reported:
- MTUS-E022, a `when` that can never hold: the rule never applies;
- MTUS-W103, two criteria for one service that read a common fact and can apply together, each can be met,
  but never both: wherever both apply the item can never be overturned, and neither `when` says which applies
  ("can apply together" holds as far as the rules' conditions tell, given the free facts above);
- MTUS-W104, a rule shadowed by another: wherever it applies the other applies too and is never met when it
  is not (a not-recommended rule whose `when` covers it, or a stricter copy), so it never changes a decision;
- MTUS-W105, a citation of a document whose time in force does not overlap the rule's window.
"""

from __future__ import annotations

import itertools
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from engine.compiler import rule_window
from engine.conditions import walk
from engine.diagnostics import Diagnostic, Location, Severity
from engine.loader import Loaded, LocatedRule
from engine.program import Window
from engine.ruleschema import All, AnyOf, Cmp, Condition, FactRef, Known, Not, Rule, ThresholdRef, Unknown
from engine.view import ItemView, group_fields

Truth = Literal[True, False, None]
_OPEN = "open"  # not settled by the values assigned so far
#: assignments tried per question before giving up on it (then nothing is reported)
BUDGET = 20_000


class Undecided(Exception):
    """The search ran out of budget."""


def _number_kind(annotation: Any) -> str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    base = args[0]
    if typing.get_origin(base) is typing.Annotated:
        base = typing.get_args(base)[0]
    return {int: "int", float: "float", bool: "bool"}.get(base, "other")


def _fact_kinds() -> dict[str, str]:
    out = {}
    for group, annotation in typing.get_type_hints(ItemView).items():
        for name, sub in group_fields(annotation).items():
            out[f"{group}.{name}"] = _number_kind(sub)
    return out


_KINDS = _fact_kinds()
_ABSENT = object()


class _Never:
    """The requirement of a not-recommended rule: never met."""


NEVER = _Never()


@dataclass(frozen=True)
class Goal:
    """A condition of a rule, and the truth values it must take (`{True}`, `{False}`, `{False, None}`, ...)."""

    rule: Rule
    cond: Condition | _Never
    want: frozenset[Truth]


def _goal(rule: Rule, cond: Condition | _Never | None, *want: Truth) -> Goal | None:
    return None if cond is None else Goal(rule, cond, frozenset(want))


class Solver:
    """Is there a case (an assignment of the facts the goals read) that meets every goal?"""

    def __init__(self, goals: list[Goal], services: frozenset[str]):
        self.goals = goals
        self.domains: dict[str, list[Any]] = {}
        self.domains["item.service"] = sorted(services)
        numbers: dict[str, set[float]] = {}
        strings: dict[str, set[str]] = {}
        members: dict[str, set[str]] = {}
        linked: set[str] = set()
        for g in goals:
            if isinstance(g.cond, _Never):
                continue
            for node, _ in walk(g.cond, ()):
                if isinstance(node, Cmp):
                    self._collect(g.rule, node, numbers, strings, members, linked)
                elif isinstance(node, Known | Unknown):
                    path = node.known if isinstance(node, Known) else node.unknown
                    self.domains.setdefault(path, [])
        for path in list(self.domains):
            if path == "item.service":
                continue
            self.domains[path] = self._domain(path, numbers, strings, members, linked)
        for path in set(numbers) | set(strings) | set(members):
            self.domains.setdefault(path, self._domain(path, numbers, strings, members, linked))
        first: dict[str, int] = {}
        for g in goals:
            if not isinstance(g.cond, _Never):
                for path in _read_order(g.cond):
                    first.setdefault(path, len(first))
        self.order = sorted(self.domains, key=lambda p: (first.get(p, len(first)), p))
        self.tests = [(_compiled(g.rule, g.cond), g.want) for g in goals]
        self.tried = 0

    @staticmethod
    def _collect(rule: Rule, node: Cmp, numbers: dict[str, set[float]], strings: dict[str, set[str]],
                 members: dict[str, set[str]], linked: set[str]) -> None:
        operand = node.operand
        if isinstance(operand, ThresholdRef):
            operand = rule.thresholds[operand.threshold].value if operand.threshold in rule.thresholds else 0
        if isinstance(operand, FactRef):
            linked.update((node.fact, operand.fact))
            numbers.setdefault(node.fact, set())
            numbers.setdefault(operand.fact, set())
            return
        values = operand if isinstance(operand, list) else [operand]
        kind = _KINDS.get(node.fact)
        if node.op == "has_any":
            members.setdefault(node.fact, set())
        elif kind in ("int", "float"):
            numbers.setdefault(node.fact, set())
        elif kind == "other" or any(isinstance(v, str) for v in values):
            strings.setdefault(node.fact, set())
        for v in values:
            if node.op == "has_any":
                members.setdefault(node.fact, set()).add(str(v))
            elif isinstance(v, bool):
                numbers.setdefault(node.fact, set())
            elif isinstance(v, int | float):
                numbers.setdefault(node.fact, set()).add(float(v))
            else:
                strings.setdefault(node.fact, set()).add(str(v))

    def _domain(self, path: str, numbers: dict[str, set[float]], strings: dict[str, set[str]],
                members: dict[str, set[str]], linked: set[str]) -> list[Any]:
        if path.startswith("derived.") or _KINDS.get(path) == "bool":
            return [None, True, False]
        if path in members:
            named = sorted(members[path])
            return [None, *(frozenset(c) for n in range(len(named) + 1) for c in itertools.combinations(named, n))]
        if path in strings:
            return [None, *sorted(strings[path]), "\0another"]
        if path in numbers:
            consts = set(numbers[path])
            for other in linked if path in linked else ():
                consts |= numbers.get(other, set())
            steps = (1.0,) if _KINDS.get(path) == "int" else ((0.125, 0.25, 0.5) if path in linked else (0.5,))
            points = {c + d * s for c in consts for s in steps for d in (-1, 0, 1)} | {0.0}
            points |= {max(points) + 10, min(points) - 10}
            return [None, *sorted(points)]
        return [None, True, False]

    # --- search ------------------------------------------------------------------------------------------

    def satisfiable(self) -> bool:
        """True when some case meets every goal; raises `Undecided` beyond the budget."""
        return self.witness() is not None

    def witness(self) -> dict[str, Any] | None:
        """Values of the facts (path -> value; None is unknown) under which every goal is met, or None when no
        case can meet them; raises `Undecided` beyond the budget."""
        env: dict[str, Any] = {}
        return dict(env) if self._search(env, 0) else None

    def _status(self, env: dict[str, Any]) -> bool | None:
        """False when a goal already fails, True when all are met, None while open."""
        done = True
        for test, want in self.tests:
            t = test(env)
            if t is _OPEN:
                done = False
            elif t not in want:
                return False
        return True if done else None

    def _search(self, env: dict[str, Any], depth: int) -> bool:
        self.tried += 1
        if self.tried > BUDGET:
            raise Undecided
        status = self._status(env)
        if status is not None:
            return status
        if depth == len(self.order):
            return False
        path = self.order[depth]
        for v in self.domains[path]:
            env[path] = v
            if self._search(env, depth + 1):
                return True
        del env[path]
        return False


Test = Callable[[dict[str, Any]], Any]
_OPEN_T: Any = _OPEN
#: compiled conditions by the identity of their rule and condition, which each entry keeps alive (so an id is
#: never reused while its entry stands); emptied when it grows large
_CACHE: dict[tuple[int, int], tuple[Rule, object, Test]] = {}


def _compiled(rule: Rule, cond: Condition | _Never) -> Test:
    """The condition as a function of a partial assignment: True, False, None (unknown) or `_OPEN`."""
    key = (id(rule), id(cond))
    if key not in _CACHE:
        if len(_CACHE) > 20_000:
            _CACHE.clear()
        _CACHE[key] = (rule, cond, _compile(rule, cond))
    return _CACHE[key][2]


def _compile(rule: Rule, cond: Condition | _Never) -> Test:
    if isinstance(cond, _Never):
        return lambda env: False
    if isinstance(cond, Known | Unknown):
        path, known = (cond.known, True) if isinstance(cond, Known) else (cond.unknown, False)

        def presence(env: dict[str, Any]) -> Any:
            v = env.get(path, _ABSENT)
            return _OPEN_T if v is _ABSENT else ((v is not None) == known)
        return presence
    if isinstance(cond, Cmp):
        return _compile_cmp(rule, cond)
    if isinstance(cond, Not):
        inner = _compile(rule, cond.not_)

        def negate(env: dict[str, Any]) -> Any:
            t = inner(env)
            return t if t is None or t is _OPEN else (not t)
        return negate
    parts = [_compile(rule, c) for c in (cond.all if isinstance(cond, All) else
                                          cond.any if isinstance(cond, AnyOf) else cond.of)]
    need = len(parts) if isinstance(cond, All) else 1 if isinstance(cond, AnyOf) else cond.at_least

    def count(env: dict[str, Any]) -> Any:
        yes = no = opened = 0
        for part in parts:
            t = part(env)
            if t is True:
                yes += 1
                if yes >= need:
                    return True
            elif t is False:
                no += 1
                if len(parts) - no < need:
                    return False
            elif t is _OPEN:
                opened += 1
        return _OPEN_T if opened else None
    return count


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda a, b: bool(a == b), "ne": lambda a, b: bool(a != b), "is": lambda a, b: bool(a == b),
    "lt": lambda a, b: bool(a < b), "lte": lambda a, b: bool(a <= b), "gt": lambda a, b: bool(a > b),
    "gte": lambda a, b: bool(a >= b), "in": lambda a, b: a in b,
    "has_any": lambda a, b: bool(set(a) & {str(v) for v in b}),
}


def _compile_cmp(rule: Rule, cond: Cmp) -> Test:
    fact, op, operand = cond.fact, cond.op, cond.operand
    if isinstance(operand, ThresholdRef):
        operand = rule.thresholds[operand.threshold].value if operand.threshold in rule.thresholds else 0
    other = operand.fact if isinstance(operand, FactRef) else None
    compare = _OPS[op]

    def test(env: dict[str, Any]) -> Any:
        left = env.get(fact, _ABSENT)
        right = env.get(other, _ABSENT) if other is not None else operand
        if left is _ABSENT or right is _ABSENT:
            return _OPEN_T
        if left is None or right is None:
            return None
        try:
            return compare(left, right)
        except TypeError:  # a type the checks already reported
            return None
    return test


def _read_order(cond: Condition) -> list[str]:
    """The facts a condition reads, in the order it reads them."""
    out: list[str] = []
    for node, _ in walk(cond, ()):
        if isinstance(node, Cmp):
            out.append(node.fact)
            if isinstance(node.operand, FactRef):
                out.append(node.operand.fact)
        elif isinstance(node, Known | Unknown):
            out.append(node.known if isinstance(node, Known) else node.unknown)
    return out


def _paths(cond: Condition) -> set[str]:
    return set(_read_order(cond))


def _service_cond(rule: Rule) -> Condition | None:
    """A rule's services as a condition on `item.service` (its first test in the compiled program)."""
    if not rule.services:
        return None
    return Cmp.model_validate({"fact": "item.service", "in": [s.value for s in rule.services]})


def _sat(goals: list[Goal | None], services: frozenset[str]) -> bool | None:
    """Whether every goal can be met at once (None: undecided within the budget)."""
    real = [g for g in goals if g is not None]
    if not services:
        return False
    try:
        return Solver(real, services).satisfiable()
    except Undecided:
        return None


def _overlap(a: Window, b: Window) -> bool:
    lo = max((d for d in (a.start, b.start) if d is not None), default=None)
    hi = min((d for d in (a.end, b.end) if d is not None), default=None)
    return lo is None or hi is None or lo <= hi


def _within(inner: Window, outer: Window) -> bool:
    start_ok = outer.start is None or (inner.start is not None and inner.start >= outer.start)
    end_ok = outer.end is None or (inner.end is not None and inner.end <= outer.end)
    return start_ok and end_ok


class _Analysis:
    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.out: list[Diagnostic] = []
        self.windows = {id(lr): rule_window(lr.rule, loaded) for lr in loaded.rules}

    def add(self, lr: LocatedRule, loc: tuple[Any, ...], code: str, message: str, hint: str,
            severity: Severity = Severity.warning) -> None:
        d = Diagnostic(Location(lr.file, lr.line_of(*loc), lr.rule.id), code, message, severity, hint)
        if d not in self.out:
            self.out.append(d)

    def services(self, lr: LocatedRule) -> frozenset[str]:
        from engine.vocab import Service

        return frozenset(s.value for s in lr.rule.services) or frozenset(s.value for s in Service)

    def run(self) -> list[Diagnostic]:
        dead = set()
        for lr in self.loaded.rules:
            self.citation_windows(lr)
            if lr.rule.when is not None and _sat([_goal(lr.rule, lr.rule.when, True)], self.services(lr)) is False:
                dead.add(id(lr))
                self.add(lr, ("when",), "MTUS-E022", "`when` can never hold: the rule never applies",
                         "compare the condition with the rule's services and thresholds", Severity.error)
        deciding = [lr for lr in self.loaded.rules if lr.rule.decides and id(lr) not in dead and not lr.rule.limit]
        for a, b in itertools.permutations(deciding, 2):
            shared = self.services(a) & self.services(b)
            if a.rule.id == b.rule.id or not shared or not _overlap(self.windows[id(a)], self.windows[id(b)]):
                continue
            self.shadowed(b, a, shared)
            if a.rule.id < b.rule.id:
                self.conflict(a, b, shared)
        return self.out

    def citation_windows(self, lr: LocatedRule) -> None:
        rule = lr.rule
        window = self.windows[id(lr)]
        cites: list[tuple[str, tuple[Any, ...]]] = [(c, ("cites", i)) for i, c in enumerate(rule.cites)]
        cites += [(c.cite, ("criterion", i, "cite")) for i, c in enumerate(rule.criterion)]
        cites += [(t.cite, ("thresholds", name, "cite")) for name, t in rule.thresholds.items() if t.cite]
        for cite, loc in cites:
            doc = self.loaded.guidelines.get(cite.partition("#")[0])
            if doc is None:
                continue  # MTUS-E004
            if not _overlap(window, Window(doc.effective_from, doc.effective_to)):
                shown = f"{window.start or '...'}..{window.end or '...'}"
                self.add(lr, loc, "MTUS-W105",
                         f"cites `{cite}`, in force {doc.effective_from}..{doc.effective_to or '...'}, outside the "
                         f"rule's window {shown}", "cite the version of the document in force when the rule applies")

    def _applies(self, lr: LocatedRule) -> list[Goal | None]:
        return [_goal(lr.rule, lr.rule.when, True), _goal(lr.rule, _service_cond(lr.rule), True)]

    @staticmethod
    def _met(lr: LocatedRule, *want: Truth) -> Goal | None:
        """The rule's requirement takes one of `want` (a not-recommended rule's is never met)."""
        return _goal(lr.rule, NEVER if lr.rule.not_recommended else lr.rule.require, *want)

    def shadowed(self, b: LocatedRule, a: LocatedRule, shared: frozenset[str]) -> None:
        """`b` is shadowed by `a`: wherever b applies, a applies, and a's status is never better than b's."""
        if not (self.services(b) <= self.services(a) and _within(self.windows[id(b)], self.windows[id(a)])):
            return
        if not self._covers(a, b):
            return
        if self.services(a) == self.services(b) and _within(self.windows[id(a)], self.windows[id(b)]) and \
                self._covers(b, a) and a.rule.id > b.rule.id:
            return  # the two shadow each other: reported once, on the later id
        self.add(b, ("id",), "MTUS-W104",
                 f"shadowed by `{a.rule.id}` ({a.file}:{a.line}): wherever this rule applies that one does, and it "
                 "is never met when this one is not, so this rule never changes a decision",
                 "remove one of them, or narrow the other's `when`")

    def _covers(self, a: LocatedRule, b: LocatedRule) -> bool:
        """No case escapes: wherever b applies, a applies (its services and window are checked by the caller),
        and a is not met when b is not met, and not met or unknown when b is unknown."""
        b_applies = self._applies(b)
        escapes = [
            [*b_applies, *self._applies(a), self._met(a, True), self._met(b, False, None)],
            [*b_applies, *self._applies(a), self._met(a, None), self._met(b, False)],
        ]
        if a.rule.when is not None:
            escapes.append([*b_applies, _goal(a.rule, a.rule.when, False, None)])
        return all(_sat(q, self.services(b)) is False for q in escapes)

    def conflict(self, a: LocatedRule, b: LocatedRule, shared: frozenset[str]) -> None:
        """Two criteria that read a common fact can both apply, each can be met there, but never both. (A
        not-recommended rule that applies with a criterion is not reported: the combination policy states that
        an unmet criterion, which a not-recommended service is, upholds; where it covers the criterion entirely,
        the criterion is shadowed.)"""
        if a.rule.not_recommended or b.rule.not_recommended:
            return
        assert a.rule.require is not None and b.rule.require is not None
        if not _paths(a.rule.require) & _paths(b.rule.require):
            return  # requirements on different facts never contradict each other
        both = [*self._applies(a), *self._applies(b)]
        if _sat([*both, self._met(a, True), self._met(b, True)], shared) is not False:
            return
        if _sat([*both, self._met(a, True)], shared) is not True or \
                _sat([*both, self._met(b, True)], shared) is not True:
            return
        self.add(b, ("id",), "MTUS-W103",
                 f"contradicts `{a.rule.id}` ({a.file}:{a.line}): both can apply to one item and either can be met, "
                 f"but never both, so where both apply the item can never be overturned",
                 "say in one `when` which of the two applies (exclude the other's case)")

def analyze(loaded: Loaded) -> list[Diagnostic]:
    """Every finding of the rule-set analysis, sorted."""
    return sorted(_Analysis(loaded).run())

