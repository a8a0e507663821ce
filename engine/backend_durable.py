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
- a ruleset name can be registered once per host: names carry the compiled content hash;
- `set_rulesets` deletes the `run` key of every rule it is given: it gets a deep copy, so the compiled program
  stays intact (a second backend built from it would otherwise fail);
- its JSON reader takes integers as 64-bit (`atoll`, which saturates silently) and reads an exponent only after
  a decimal point (`1e+16` and `1e-05`, as Python prints them, fail with `error code: 204`; `inf` with 202):
  such a number is refused here with the path of its fact, as this item's error, never asserted.
"""

from __future__ import annotations

import copy
import itertools
import math
import threading
from collections.abc import Callable
from typing import Any

from durable import engine as durable_engine

SID = "0"
#: the integers durable_rules reads exactly (`atoll` into a signed 64-bit integer)
INT_RANGE = (-(2**63), 2**63 - 1)


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
            try:
                self._host.set_rulesets(copy.deepcopy(rulesets))
            except Exception as exc:  # its limits on rule counts (error codes 106-108, 113)
                raise BackendError(f"durable_rules could not build the rule set: {exc}") from exc
        self.names = frozenset(rulesets)

    def fire(self, ruleset: str, fact: dict[str, Any]) -> frozenset[str]:
        """Assert `fact`, return the names of the durable rules that fired, and leave no state behind."""
        bad = unreadable_numbers(fact)
        if bad:
            raise BackendError(f"a number durable_rules cannot read (outside 64-bit integers or in exponent form) "
                               f"at {', '.join(f'`{p}`' for p in bad)}")
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
                error = str(state["exception"]).split(", traceback")[0]  # its traceback is for --debug, not here
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
