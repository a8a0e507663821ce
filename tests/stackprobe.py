"""The real stack need of one item, measured on durable_rules itself: how many always-pending probe entries still
fit beside the item's own walk.

A probe is a rule `{kind: item, $nex: {zprobe_N: 1}}`: its test sits on the discriminator's list of "absent"
children, which durable_rules pushes before the children it matches, so every probe waits on the stack for the
whole walk. The item's need is 64 minus the most probes that fit (found by bisection).
"""

from __future__ import annotations

import itertools
from typing import Any

from engine.backend_durable import BackendError, DurableBackend
from engine.stack import MAX_STACK_SIZE

_names = itertools.count()


class Prober:
    """Backends of one ruleset with 0..64 probes, built as needed and kept."""

    def __init__(self, rules: dict[str, dict[str, Any]]):
        self.rules = rules
        self.backends: dict[int, tuple[DurableBackend, str]] = {}

    def _backend(self, probes: int) -> tuple[DurableBackend, str]:
        if probes not in self.backends:
            rules = dict(self.rules)
            for i in range(probes):
                rules[f"zprobe{i}"] = {"all": [{"m": {"$and": [{"kind": "item"}, {"$nex": {f"zprobe_{i}": 1}}]}}],
                                       "run": f"zprobe{i}"}
            name = f"probe{next(_names)}"
            self.backends[probes] = (DurableBackend({name: rules}), name)
        return self.backends[probes]

    def fits(self, fact: dict[str, Any], probes: int) -> bool:
        backend, name = self._backend(probes)
        try:
            backend.fire(name, fact)
        except BackendError as exc:
            if "303" not in str(exc):
                raise
            return False
        return True

    def need(self, fact: dict[str, Any]) -> int | None:
        """Stack entries the fact needs; None when it overflows without any probe."""
        if not self.fits(fact, 0):
            return None
        low, high = 0, MAX_STACK_SIZE
        while low < high:
            mid = (low + high + 1) // 2
            if self.fits(fact, mid):
                low = mid
            else:
                high = mid - 1
        return MAX_STACK_SIZE - low
