"""The compiled program: what the evaluate stage runs, as plain data that needs neither the rule models nor the
guideline catalog (so that a cached rule set starts without loading either).

- `Compiled`: the durable_rules rulesets in the order they run, and the naming protocol of their rules;
- `Card`: what the evaluator needs of each rule to decide and to write its rationale (citation, window,
  templates, thresholds);
- `Window` and `day_number`: version windows, and dates as durable_rules reads them (day numbers);
- `partition`: the rulesets the program runs as, the deciding stage split by service kind.

`engine.compiler` makes all of it from the loaded rules; `engine.ruleset` serializes it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.decision import Status

EPOCH = dt.date(1970, 1, 1)


def day_number(d: dt.date) -> int:
    """Days since 1970-01-01: durable_rules has no date type."""
    return (d - EPOCH).days


@dataclass(frozen=True)
class Window:
    """First and last request day (inclusive) on which a rule applies; None is open."""

    start: dt.date | None
    end: dt.date | None

    def contains(self, d: dt.date) -> bool:
        """Whether `d` falls in the window."""
        return (self.start is None or d >= self.start) and (self.end is None or d <= self.end)


@dataclass(frozen=True)
class Compiled:
    """The compiled program: durable rulesets in the order they run, and where each rule came from."""

    stages: list[tuple[str, dict[str, Any]]]
    derive_of: dict[str, str]
    version: str
    #: deciding rules that are not-recommended statements (met whenever they apply: status not_met)
    not_recommended: frozenset[str] = frozenset()

    @staticmethod
    def rule_of(name: str) -> str:
        """The rule id a compiled durable rule (`<id>__A`, `__T`, `__F`) comes from."""
        return name.rpartition("__")[0]

    def derived_values(self, fired: frozenset[str]) -> dict[str, bool]:
        """The derived facts a derive stage settled, from the names of the durable rules that fired."""
        out: dict[str, bool] = {}
        for name in fired:
            rule_id, _, tag = name.rpartition("__")
            out[self.derive_of[rule_id]] = tag == "T"
        return out

    def statuses(self, fired: frozenset[str]) -> dict[str, Status]:
        """Every deciding rule that applies (`<id>__A` fired), with its status: met (`__T`), not met (`__F`, or a
        not-recommended rule), or unknown (neither). The naming protocol stays inside this module and the
        compiler, which writes it."""
        out: dict[str, Status] = {}
        for name in fired:
            rule_id, _, tag = name.rpartition("__")
            if tag != "A":
                continue
            if rule_id in self.not_recommended or f"{rule_id}__F" in fired:
                out[rule_id] = "not_met"
            elif f"{rule_id}__T" in fired:
                out[rule_id] = "met"
            else:
                out[rule_id] = "unknown"
        return out

    def to_json(self) -> str:
        """Deterministic JSON of all stages (the snapshot form)."""
        return json.dumps({name: rules for name, rules in self.stages}, indent=1, sort_keys=True)


@dataclass(frozen=True)
class Card:
    """What evaluating needs of one rule, settled when the rule set is compiled."""

    id: str
    title: str
    services: tuple[str, ...]
    derive: str | None
    limit: bool
    not_recommended: bool
    #: whether the first cited document is part of the MTUS (else ODG or another non-MTUS source)
    mtus: bool
    window: Window
    #: the fields of the decision's `Citation` (document, version, section, quote or summary, page)
    citation: dict[str, Any]
    #: the guideline criterion the rule encodes, as `--explain` shows it ("quote" or our summary)
    criterion: tuple[str, ...]
    #: rationale templates by status (`met`, `not_met`, `unknown`); empty for a derive rule
    rationale: dict[str, str] = field(default_factory=dict)
    missing: str | None = None
    thresholds: dict[str, int | float] = field(default_factory=dict)

    @property
    def decides(self) -> bool:
        """Whether the rule decides items (as opposed to deriving a fact for other rules)."""
        return self.derive is None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (`from_dict` reads it back)."""
        return {"id": self.id, "title": self.title, "services": list(self.services), "derive": self.derive,
                "limit": self.limit, "not_recommended": self.not_recommended, "mtus": self.mtus,
                "window": [d.isoformat() if d else None for d in (self.window.start, self.window.end)],
                "citation": self.citation, "criterion": list(self.criterion), "rationale": self.rationale,
                "missing": self.missing, "thresholds": self.thresholds}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Card:
        """The card `to_dict` wrote."""
        start, end = (dt.date.fromisoformat(x) if x else None for x in d["window"])
        return cls(d["id"], d["title"], tuple(d["services"]), d["derive"], d["limit"], d["not_recommended"],
                   d["mtus"], Window(start, end), d["citation"], tuple(d["criterion"]), d["rationale"],
                   d["missing"], d["thresholds"])


def partition(compiled: Compiled, cards: Mapping[str, Card]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """The durable rulesets an engine runs, and the one that decides each service kind. The derive stages run as
    compiled; the deciding stage is split by the service kinds its rules read (a rule for several kinds is in each
    of theirs), so that an item is asserted only into its own kind's rules (`engine.api`) and the stack bound of
    `mtus rules check` is taken over the same rulesets (`engine.compiler.stack_problems`)."""
    rulesets = dict(compiled.stages[:-1])
    final: dict[str, str] = {}
    if compiled.stages:
        stage, rules = compiled.stages[-1]
        for name, rule in rules.items():
            for service in cards[compiled.rule_of(name)].services:
                final.setdefault(service, f"{stage}@{service}")
                rulesets.setdefault(final[service], {})[name] = rule
    return rulesets, final


@dataclass(frozen=True)
class Eras:
    """The first days of the MTUS texts the engine does not encode, for saying why a request is not covered."""

    acoem_start: dt.date | None
    formulary_start: dt.date | None
