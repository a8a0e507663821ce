"""The only module that imports durable_rules: its sharp edges are handled here and nowhere else.

What it guards against (measured in ../shared/design/durable-rules.md):
- the C core is not thread-safe across a multi-call evaluation: one lock per backend serializes them;
- `post` fires one rule only: facts are asserted, so every matching rule fires;
- a fact matching no rule is "not handled": that means "nothing fired";
- identical facts collide ("already observed"): every fact gets a unique id;
- 1,024 live sessions per ruleset: one fixed session, and each fact is retracted after use;
- the Host's Python layer (timer threads that segfault under concurrent use, a closure, a JSON round trip of
  the session state and a swallowed-exception check for every rule that fires) is not used at all: rulesets
  are created in the C core directly and the names of the rules that fired are read off the pending actions,
  which are completed at once (no Python action runs, so none can fail silently);
- an action left pending or a wrong state handle crashes the process, and an action started but not completed
  leaves the session firing nothing for every later fact (measured): every action started is completed before
  the lock is released, on the handle the assertion returned (`abandon_action` then crashes it: never used);
- an error the C core raises (`Could not assert fact, error code: 204`) is a `BackendError`, which the engine
  reports on that item alone; the ruleset it came from is then dropped and built again on its next use, so no
  session left in an unknown state decides another item;
- the Host's `set_rulesets` deleted the `run` key of every rule it was given, so a second backend built from
  the same compiled program failed: the C core is given JSON text written from a copy, never the program;
- its JSON reader takes integers as 64-bit (`atoll`, which saturates silently: a wrong number, not an error)
  and reads an exponent only after a decimal point (`1e+16` and `1e-05`, as Python prints them, fail with
  `error code: 204`; `inf` with 202): such a number is refused before it is asserted, naming its fact
  (`number_problems`), as this item's error.
Each ruleset is built on first use (building costs about 0.1 ms a rule), so a process builds only the rulesets
its cases need; a ruleset durable_rules refuses is a `BackendError` then (the check stage's MTUS-E017 keeps
compiled rules within what it accepts, and MTUS-E021 within its 64-entry evaluation stack).
The durable_rules Python API (`durable.engine.Host`) remains the reference this module is measured against:
`bench/run.py` reports both.
"""

from __future__ import annotations

import itertools
import json
import math
import threading
from typing import Any

import durable_rules_engine as core

SID = "0"
_HANDLED, _NOT_HANDLED = 0, 1
#: the integers durable_rules reads exactly (`atoll` into a signed 64-bit integer)
INT_RANGE = (-(2**63), 2**63 - 1)
#: floats Python writes without an exponent (`repr`): zero, and magnitudes from 1e-4 up to 1e16
_PLAIN_FLOATS = (1e-4, 1e16)


class BackendError(RuntimeError):
    """durable_rules reported an error while evaluating (never a user error)."""


def readable_number(value: int | float) -> bool:
    """Whether durable_rules' JSON reader reads this number as Python writes it (see the module docstring)."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return INT_RANGE[0] <= value <= INT_RANGE[1]
    if not math.isfinite(value):
        return False
    text = repr(value)
    return "e" not in text or "." in text.split("e")[0]


def unreadable_numbers(fact: Any, path: str = "") -> list[str]:
    """The paths of the numbers in `fact` that durable_rules cannot read."""
    if isinstance(fact, dict):
        return [p for k, v in fact.items() for p in unreadable_numbers(v, f"{path}.{k}" if path else str(k))]
    if isinstance(fact, list):
        return [p for i, v in enumerate(fact) for p in unreadable_numbers(v, f"{path}.{i}")]
    if isinstance(fact, int | float) and not readable_number(fact):
        return [path]
    return []


def _plain(values: Any) -> bool:
    """Whether every number among `values` (a dict's values or a list, nested) is surely readable: a quick pass
    (a float outside the plain range may still be readable, `1.5e+16`: `unreadable_numbers` then decides)."""
    for value in values:
        kind = type(value)
        if kind is dict:
            if not _plain(value.values()):
                return False
        elif kind is float:
            if not (value == 0.0 or _PLAIN_FLOATS[0] <= abs(value) < _PLAIN_FLOATS[1]):  # NaN and inf fail both
                return False
        elif kind is int:
            if not INT_RANGE[0] <= value <= INT_RANGE[1]:
                return False
        elif kind is list and not _plain(value):
            return False
    return True


def number_problems(fact: dict[str, Any]) -> str | None:
    """Why `fact` cannot be asserted, naming the fact paths of the numbers durable_rules cannot read (never their
    values), or None. A few microseconds when all is well."""
    if _plain(fact.values()):
        return None
    bad = unreadable_numbers(fact)
    if not bad:
        return None
    return (f"a number durable_rules cannot read (outside 64-bit integers or in exponent form) at "
            f"{', '.join(f'`{p}`' for p in bad)}")


def _action_name(message: str) -> str:
    """The rule name of a pending action: the first key of `{"<rule>": {"m": {...}}}`, whose names the compiler
    writes (letters, digits, `-`, `_`), so no JSON parse of the whole fact is needed."""
    return message[2:message.index('"', 2)]


class DurableBackend:
    """Evaluates facts against compiled rulesets; safe to call from many threads."""

    def __init__(self, rulesets: dict[str, dict[str, Any]]):
        self._lock = threading.Lock()
        self._ids = itertools.count()
        self._rulesets = rulesets
        self._handles: dict[str, int] = {}
        self.names = frozenset(rulesets)

    def _handle(self, name: str) -> int:
        """The ruleset's handle, building the ruleset on first use (call with the lock held)."""
        handle = self._handles.get(name)
        if handle is None:
            # the action (`run`) is the rule's own name: durable_rules reports rules by name, so none is needed
            plain = {rule: {k: v for k, v in body.items() if k != "run"} for rule, body in self._rulesets[name].items()}
            try:
                handle = self._handles[name] = core.create_ruleset(name, json.dumps(plain))
            except core.error as exc:
                raise BackendError(f"durable_rules rejected ruleset {name}: {exc}") from exc
        return handle

    def fire(self, ruleset: str, fact: dict[str, Any]) -> frozenset[str]:
        """Assert `fact`, return the names of the durable rules that fired, and leave no state behind."""
        problem = number_problems(fact)
        if problem is not None:
            raise BackendError(problem)
        return self.fire_json(ruleset, json.dumps(fact)[1:-1])

    def fire_json(self, ruleset: str, members: str) -> frozenset[str]:
        """`fire` for a fact already serialized: `members` is the text of a JSON object without its braces (so
        that a fact shared by several stages is serialized once and only its stage-specific part is added). The
        caller has checked its numbers (`number_problems`) once."""
        with self._lock:
            handle = self._handle(ruleset)
            message = f'{{"sid": "{SID}", "id": "f{next(self._ids)}"{", " if members else ""}{members}}}'
            fired: set[str] = set()
            try:
                code, state = core.assert_fact(handle, message)
                try:
                    if code == _HANDLED:
                        self._drain(handle, state, fired)
                    elif code != _NOT_HANDLED:
                        raise BackendError(f"durable_rules returned code {code} for a fact in {ruleset}")
                finally:
                    code, state = core.retract_fact(handle, message)
                    if code == _HANDLED:
                        self._drain(handle, state, set())  # a retraction fires nothing here; never leave one pending
            except core.error as exc:  # the C core's own errors ("Could not assert fact, error code: 302")
                del self._handles[ruleset]  # its session may hold a fact or a started action: built anew when next used
                raise BackendError(f"durable_rules could not evaluate the facts in {ruleset}: {exc}") from exc
            return frozenset(fired)

    @staticmethod
    def _drain(handle: int, state: int, fired: set[str]) -> None:
        """Record and complete every pending action of the session."""
        pending = core.start_action_for_state(handle, state)
        if not pending:
            return
        fired.add(_action_name(pending[1]))
        while message := core.complete_and_start_action(handle, state):
            fired.add(_action_name(message))

    def live_facts(self, ruleset: str) -> int:
        """How many facts the session still holds (0 after every `fire`)."""
        with self._lock:
            if ruleset not in self._handles:
                return 0  # never built, so never asserted into
            return len(json.loads(core.get_facts(self._handles[ruleset], SID)))
