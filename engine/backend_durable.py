"""The only module that imports durable_rules: its sharp edges are handled here and nowhere else.

What it guards against (measured in ../shared/design/durable-rules.md):
- the Host's background timer threads segfault under concurrent use: `_run` is a no-op here;
- the C core is not thread-safe across a multi-call evaluation: one lock per backend serializes them;
- `post` fires one rule only: facts are asserted, so every matching rule fires;
- a fact matching no rule raises `MessageNotHandledException`: that means "nothing fired";
- identical facts collide (`MessageObservedException`): every fact gets a unique id;
- 1,024 live sessions per ruleset: one fixed session, and each fact is retracted after use;
- errors inside actions are swallowed into the session state: actions only record a name, and the state's
  `exception` is checked after every call;
- a ruleset name can be registered once per host: names carry the compiled content hash.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

from durable import engine as durable_engine

SID = "0"


class BackendError(RuntimeError):
    """durable_rules reported an error while evaluating (never a user error)."""


class _QuietHost(durable_engine.Host):  # type: ignore[misc]
    """A Host without the timer threads, whose actions record which rule fired."""

    def __init__(self, record: Callable[[str], None]):
        self._record = record
        super().__init__()

    def _run(self) -> None:  # no timers: they crash under threads and we use none
        return None

    def get_action(self, action_name: str) -> Callable[[Any], None]:
        record = self._record

        def action(_c: Any) -> None:
            record(action_name)

        return action


class DurableBackend:
    """Evaluates facts against compiled rulesets; safe to call from many threads."""

    def __init__(self, rulesets: dict[str, dict[str, Any]]):
        self._lock = threading.Lock()
        self._fired: list[str] = []
        self._ids = itertools.count()
        self._host = _QuietHost(self._fired.append)
        if rulesets:
            self._host.set_rulesets(rulesets)
        self.names = frozenset(rulesets)

    def fire(self, ruleset: str, fact: dict[str, Any]) -> frozenset[str]:
        """Assert `fact`, return the names of the durable rules that fired, and leave no state behind."""
        with self._lock:
            self._fired.clear()
            message = {**fact, "sid": SID, "id": f"f{next(self._ids)}"}
            try:
                self._host.assert_fact(ruleset, message)
            except durable_engine.MessageNotHandledException:
                return frozenset()
            except Exception as exc:  # the C core's own errors ("Could not assert fact, error code: 204")
                raise BackendError(f"durable_rules could not evaluate the facts in {ruleset}: {exc}") from exc
            finally:
                fired = frozenset(self._fired)
                self._fired.clear()
            try:
                self._host.retract_fact(ruleset, message)
            except durable_engine.MessageNotHandledException:
                pass
            state = self._host.get_state(ruleset, SID)
            if state.get("exception"):
                error = state["exception"]
                self._host.update_state(ruleset, {"sid": SID, "exception": None})
                raise BackendError(f"durable_rules action failed in {ruleset}: {error}")
            return fired

    def live_facts(self, ruleset: str) -> int:
        """How many facts the session still holds (0 after every `fire`)."""
        with self._lock:
            try:
                return len(self._host.get_facts(ruleset, SID))
            except Exception:
                return 0
