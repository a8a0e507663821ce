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
- an action left pending or a wrong state handle crashes the process: every action started is completed or
  abandoned before the lock is released, on the handle the assertion returned.
Each ruleset is built on first use (building costs about 0.1 ms a rule), so a process builds only the rulesets
its cases need; a ruleset durable_rules refuses is a `BackendError` then (the check stage's MTUS-E017 keeps
compiled rules within what it accepts).
The durable_rules Python API (`durable.engine.Host`) remains the reference this module is measured against:
`bench/run.py` reports both.
"""

from __future__ import annotations

import itertools
import json
import threading
from typing import Any

import durable_rules_engine as core

SID = "0"
_HANDLED, _NOT_HANDLED = 0, 1


class BackendError(RuntimeError):
    """durable_rules reported an error while evaluating (never a user error)."""


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
        return self.fire_json(ruleset, json.dumps(fact)[1:-1])

    def fire_json(self, ruleset: str, members: str) -> frozenset[str]:
        """`fire` for a fact already serialized: `members` is the text of a JSON object without its braces (so
        that a fact shared by several stages is serialized once and only its stage-specific part is added)."""
        with self._lock:
            handle = self._handle(ruleset)
            message = f'{{"sid": "{SID}", "id": "f{next(self._ids)}"{", " if members else ""}{members}}}'
            try:
                code, state = core.assert_fact(handle, message)
            except core.error as exc:  # the C core's own errors ("Could not assert fact, error code: 302")
                raise BackendError(f"durable_rules could not evaluate the facts in {ruleset}: {exc}") from exc
            fired: set[str] = set()
            try:
                if code == _HANDLED:
                    self._drain(handle, state, fired)
                elif code != _NOT_HANDLED:
                    raise BackendError(f"durable_rules returned code {code} for a fact in {ruleset}")
            finally:
                code, state = core.retract_fact(handle, message)
                if code == _HANDLED:
                    self._drain(handle, state, set())  # a retraction fires nothing here; never leave one pending
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
