"""Stage 4 of 4: the `Engine`, which loads, checks and compiles once, then evaluates cases many times.

Thread-safe: the compiled program is immutable and the durable backend serializes its calls.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.backend_durable import BackendError, DurableBackend, number_problems
from engine.decision import CaseResult, CheckOut, Citation, Criterion, ItemResult, Status, combine, fill
from engine.facts import Case, DisputedItem
from engine.limits import DEFAULT_LIMITS, Limits
from engine.parallel import ordered_map
from engine.program import Card, day_number, partition
from engine.ruleset import RuleSet
from engine.view import CaseParts, Outcome, as_of_date, build_view, case_parts, lookup, to_fact
from engine.vocab import DRUG_SERVICES, MODALITIES

if TYPE_CHECKING:
    from engine.loader import Loaded
    from engine.ruleschema import Rule


class Engine:
    """Evaluates cases against the MTUS rules: `Engine().evaluate(case)`.

    Built from rule files (`Engine(rule_paths)`, through the compiled-rule cache) or from a `RuleSet`
    (`Engine(ruleset=...)`). It pickles as its serialized rule set, so it ships cheaply to worker processes
    (multiprocessing, Dask, Spark); each process builds its own durable_rules backend on first use.
    """

    def __init__(self, rule_paths: list[Path] | None = None, guideline_dir: Path | None = None, *,
                 ruleset: RuleSet | None = None, cache: bool = True, limits: Limits = DEFAULT_LIMITS):
        self.ruleset = ruleset if ruleset is not None else RuleSet.load(rule_paths, guideline_dir, cache=cache,
                                                                         limits=limits)
        self.warnings = self.ruleset.warnings
        self.compiled = self.ruleset.compiled
        self.version = self.compiled.version
        self.hash = self.ruleset.digest
        self._backend_lock = threading.Lock()
        self._built: DurableBackend | None = None
        self._derive_stages = [name for name, _ in self.compiled.stages[:-1]]
        self._cards = self.ruleset.cards
        self._rulesets, self._final = partition(self.compiled, self._cards)
        self._citations = {rule_id: Citation(**card.citation) for rule_id, card in self._cards.items()}
        # the deciding rules of each service kind (limits aside), for saying why none applied
        self._deciding: dict[str, list[Card]] = {}
        for card in self._cards.values():
            if card.decides and not card.limit:
                for service in card.services:
                    self._deciding.setdefault(service, []).append(card)

    @property
    def loaded(self) -> Loaded:
        """The rules and catalog as loaded (validated on first use when the rule set came from the cache)."""
        return self.ruleset.loaded

    @property
    def _backend(self) -> DurableBackend:
        """The durable_rules backend of this process, built on first use (a parent that only ships the engine to
        workers never builds one)."""
        if self._built is None:
            with self._backend_lock:
                if self._built is None:
                    self._built = DurableBackend(self._rulesets)
        return self._built

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return _restore, (self.ruleset.to_bytes(),)

    @property
    def rules(self) -> list[Rule]:
        """Every loaded rule."""
        return [lr.rule for lr in self.loaded.rules]

    def describe_rules(self) -> list[tuple[str, ...]]:
        """One row per rule: id, services, window, first citation, title."""
        rows: list[tuple[str, ...]] = []
        for card in sorted(self._cards.values(), key=lambda c: c.id):
            window = f"{card.window.start or '...'}..{card.window.end or '...'}"
            kind = f"derive:{card.derive}" if card.derive else ("not-recommended" if card.not_recommended
                                                                   else "criterion")
            citation = self._citations[card.id]
            rows.append((card.id, ",".join(card.services) or "(every item)", window, kind,
                         f"{citation.document} / {citation.section}", card.title))
        return rows

    # --- evaluation ---------------------------------------------------------------------------------------

    def evaluate_many(self, cases: Iterable[Case], as_of: dt.date | None = None, explain: bool = False,
                      jobs: int = 1, chunksize: int = 16) -> Iterator[CaseResult]:
        """`evaluate` every case, yielding results in input order as they are ready; `jobs` > 1 evaluates in that
        many worker processes (0: one per core), each with its own copy of this engine, shipped once."""
        return ordered_map(_evaluate_one, (self, as_of, explain), cases, jobs, chunksize)

    def evaluate(self, case: Case, as_of: dt.date | None = None, explain: bool = False) -> CaseResult:
        """Decide every disputed item of `case`; items that serve a surgery follow its decision."""
        when = as_of_date(case, as_of)
        parts = case_parts(case, when)
        results: dict[int, ItemResult] = {}
        def leader(i: int) -> int | None:
            return case.items[i].follows_surgery or case.items[i].accompanies

        # items that follow another item are decided after it (the case model forbids chains)
        for i in sorted(range(len(case.items)), key=lambda i: leader(i) is not None):
            ref = leader(i)
            index_outcome: Outcome | None = results[ref - 1].decision if ref is not None else None
            results[i] = self._decide(case, i, when, index_outcome, explain, parts)
        return CaseResult(case_id=case.case_id, as_of=when.isoformat() if when else None,
                          ruleset_version=self.version, ruleset_hash=self.hash,
                          items=[results[i] for i in range(len(case.items))],
                          conflicts=[c.model_dump(mode="json") for c in case.conflicts])

    def facts_for(self, case: Case, index: int, as_of: dt.date | None,
                  index_outcome: Outcome | None = None) -> dict[str, Any]:
        """The fact dict of one item, derived facts included (what the deciding rules read)."""
        return self._settle(case, index, as_of, index_outcome, None)[0]

    def _settle(self, case: Case, index: int, as_of: dt.date | None, index_outcome: Outcome | None,
                parts: CaseParts | None) -> tuple[dict[str, Any], str]:
        """The item's fact with its derived facts settled, and the JSON members the final stage reads. The fact is
        serialized once; each stage adds only the derived facts settled before it."""
        fact = to_fact(build_view(case, index, as_of, index_outcome, parts))
        fact.pop("derived", None)  # settled below, stage by stage: the members must not carry a second one
        fact["kind"] = "item"
        if as_of is not None:
            fact["as_of_day"] = day_number(as_of)
        problem = number_problems(fact)  # once per item: each stage adds only derived booleans
        if problem is not None:
            raise BackendError(problem)
        members = json.dumps(fact)[1:-1]
        derived: dict[str, bool] = {}
        settled = ""  # `derived` as JSON members
        for stage in self._derive_stages:
            fired = self._backend.fire_json(stage, f'"derived": {{{settled}}}, {members}')
            if fired:
                derived.update(self.compiled.derived_values(fired))
                settled = ", ".join(_json_pair(name, value) for name, value in derived.items())
        fact["derived"] = derived
        return fact, f'"derived": {{{settled}}}, {members}'

    def statuses(self, fact: dict[str, Any]) -> dict[str, Status]:
        """durable_rules' verdict: status of every deciding rule that applies to the fact."""
        ruleset = self._final.get(fact.get("item", {}).get("service", ""))
        return self.compiled.statuses(self._backend.fire(ruleset, fact)) if ruleset else {}

    def _final_statuses(self, service: str, members: str) -> dict[str, Status]:
        ruleset = self._final.get(service)
        return self.compiled.statuses(self._backend.fire_json(ruleset, members)) if ruleset else {}

    @staticmethod
    def _not_covered(item: DisputedItem, reason: str) -> ItemResult:
        return ItemResult(request=item.text, service=item.service.value if item.service else "unrecognized",
                          decision="not_covered", citations=[], rules=[], missing=[], reason=reason,
                          rationale=f"Not covered: {reason}. A physician reviewer must decide this item.")

    def _why_none(self, service: str, when: dt.date) -> str:
        for_service = self._deciding.get(service, [])
        if not for_service:
            return f"no encoded guideline addresses `{service}`"
        if not any(c.window.contains(when) for c in for_service):
            acoem, formulary = self.ruleset.eras.acoem_start, self.ruleset.eras.formulary_start
            if acoem is not None and when >= acoem:
                drugs = f" and the MTUS Drug Formulary (from {formulary})" if formulary is not None and \
                    when >= formulary and service in {s.value for s in DRUG_SERVICES} else ""
                return (f"the MTUS in force on {when} (the ACOEM-based guidelines from {acoem}{drugs}) is not "
                        f"encoded for `{service}`; an older text is not applied in its place")
            return f"no encoded guideline for `{service}` was in force on {when}"
        return f"no encoded criterion for `{service}` applies to this item (body part or indication not addressed)"

    def _decide(self, case: Case, index: int, when: dt.date | None, index_outcome: Outcome | None,
                explain: bool, parts: CaseParts | None = None) -> ItemResult:
        item = case.items[index]
        if item.service is None:
            return self._not_covered(item, "the request is not a recognized service")
        if when is None:
            return self._not_covered(item, "no request or UR date is known, so no guideline version can be chosen")
        try:
            fact, members = self._settle(case, index, when, index_outcome, parts)
            statuses = self._final_statuses(item.service.value, members)
        except BackendError as exc:
            # an error inside the backend is this item's, reported as such: never a decision, never a lost case
            result = self._not_covered(item, "the engine could not evaluate this item")
            return result.model_copy(update={"error": str(exc)})
        if not statuses:
            return self._not_covered(item, self._why_none(item.service.value, when)
                                     + _served_undecided(item, index_outcome) + _unknown_modality(item))
        criteria = []
        for rule_id in sorted(statuses):
            card = self._cards[rule_id]
            criteria.append(Criterion(
                rule=rule_id, title=card.title, status=statuses[rule_id], mtus=card.mtus, limit=card.limit,
                citation=self._citations[rule_id], guideline=list(card.criterion) if explain else [],
                checks=self._checks(rule_id, fact) if explain else []))
        decision, deciding = combine(criteria)
        if decision == "not_covered":
            return self._not_covered(item, self._why_none(item.service.value, when)
                                     + _served_undecided(item, index_outcome)
                                     + "; only a legal ceiling applies, and it does not show medical necessity")
        values = self._placeholder_values(fact, item.text, when)
        return ItemResult(
            request=item.text, service=item.service.value, decision=decision,
            citations=_unique([c.citation for c in deciding]),
            rationale=self._rationale(case, item.service.value, decision, deciding, criteria, values),
            rules=[c.rule for c in deciding],
            missing=self._missing(deciding, values) if decision == "uphold" else [],
            criteria=criteria if explain else None,
        )

    def _checks(self, rule_id: str, fact: dict[str, Any]) -> list[CheckOut]:
        """Every comparison of the rule as the reference evaluator reads it (for `--explain`: the rule models
        are loaded only when an explanation is asked for)."""
        from engine.reference import Check, rule_status

        rule = self._rule_models()[rule_id]
        checks: list[Check] = []
        rule_status(rule, fact, checks)
        return [CheckOut(fact=c.fact, op=c.op, observed=c.observed, expected=c.expected,
                         result={True: "true", False: "false", None: "unknown"}[c.result]) for c in checks]

    def _rule_models(self) -> dict[str, Rule]:
        models: dict[str, Rule] | None = getattr(self, "_models", None)
        if models is None:
            models = {lr.rule.id: lr.rule for lr in self.loaded.rules}
            self._models = models
        return models

    @staticmethod
    def _placeholder_values(fact: dict[str, Any], request: str, when: dt.date) -> _Placeholders:
        return _Placeholders(fact, {"request": request, "as_of": when.isoformat()})

    def _missing(self, deciding: list[Criterion], values: _Placeholders) -> list[str]:
        out = []
        for c in deciding:
            card = self._cards[c.rule]
            if card.missing:
                text = fill(card.missing, values.with_thresholds(card))
                if text not in out:
                    out.append(text)
        return out

    def _rationale(self, case: Case, service: str, decision: str, deciding: list[Criterion],
                   considered: list[Criterion], values: _Placeholders) -> str:
        parts = [f"The request is for {values['request']}."]
        for c in deciding:
            card = self._cards[c.rule]
            text = fill(card.rationale[c.status], values.with_thresholds(card)).strip()
            if text and text not in parts:
                parts.append(text)
            if not c.mtus:
                parts.append("The MTUS does not address this request, so non-MTUS evidence was consulted "
                             "(8 CCR §9792.21.1).")
        for conflict in case.conflicts:
            if service in conflict.field or conflict.field.split(".")[-1] in service:
                shown = ", ".join(map(str, conflict.values))
                parts.append(f"The record is inconsistent about {conflict.field} ({shown}); "
                             f"{conflict.used} was used because {conflict.reason}.")
        parts.append({"overturn": "The request is medically necessary.",
                      "uphold": "The request is not medically necessary."}.get(decision, ""))
        return " ".join(p for p in parts if p)


@functools.cache
def _json_pair(name: str, value: bool) -> str:
    """`"name": true` (a derived fact as JSON members; names and values repeat, so each is made once)."""
    return f"{json.dumps(name)}: {json.dumps(value)}"


def _evaluate_one(state: tuple[Engine, dt.date | None, bool], case: Case) -> CaseResult:
    engine, as_of, explain = state
    return engine.evaluate(case, as_of=as_of, explain=explain)


#: per process: rule sets restored from their serialized form (by body hash), and the engines built on them; a
#: forked child keeps the rule sets (plain data) but builds its own engines (durable_rules state is per process)
_RESTORED_RULESETS: dict[bytes, RuleSet] = {}
_RESTORED_ENGINES: dict[bytes, Engine] = {}
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_RESTORED_ENGINES.clear)


def _restore(data: bytes) -> Engine:
    """Unpickle an `Engine`: once per process for the same rule set, however many tasks carry it."""
    key = data.partition(b"\n")[0]
    engine = _RESTORED_ENGINES.get(key)
    if engine is None:
        ruleset = _RESTORED_RULESETS.get(key)
        if ruleset is None:
            ruleset = _RESTORED_RULESETS.setdefault(key, RuleSet.from_bytes(data))
        engine = _RESTORED_ENGINES.setdefault(key, Engine(ruleset=ruleset))
    return engine


class _Placeholders(Mapping[str, Any]):
    """What a rationale's `{path}` placeholders read: the request, the as-of date, the rule's thresholds, and any
    fact path of the item, looked up when a template names it (templates name a few of several hundred)."""

    def __init__(self, fact: dict[str, Any], named: dict[str, Any]):
        self._fact = fact
        self._named = named

    def with_thresholds(self, card: Card) -> _Placeholders:
        """These values, with the rule's thresholds by name."""
        return _Placeholders(self._fact, {**self._named, **card.thresholds})

    def __getitem__(self, key: str) -> Any:
        if key in self._named:
            return self._named[key]
        value = lookup(self._fact, key)
        if value is None or isinstance(value, dict):
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._named)

    def __len__(self) -> int:
        return len(self._named)


def _unique(citations: list[Citation]) -> list[Citation]:
    seen: set[tuple[str, str]] = set()
    out = []
    for c in citations:
        if (c.document, c.section) not in seen:
            seen.add((c.document, c.section))
            out.append(c)
    return out


def _unknown_modality(item: DisputedItem) -> str:
    """A case file's modality the rules never compare with (`vocab.MODALITIES`), named with the nearest known
    ones: a misspelt modality ("hyaluronic_acid") otherwise leaves its item undecided without saying why."""
    if not item.modality or item.modality in MODALITIES:
        return ""
    near = difflib.get_close_matches(item.modality, MODALITIES, n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(repr(n) for n in near)}?)" if near else ""
    return (f"; its modality {item.modality!r} is not one the rules know{hint}: "
            "`mtus schema case` lists the known modalities")


def _served_undecided(item: DisputedItem, index_outcome: Outcome | None) -> str:
    """Why an ancillary is left undecided: the item it serves is itself left to a physician reviewer."""
    served = item.follows_surgery if item.follows_surgery is not None else item.accompanies
    if served is None or index_outcome != "not_covered":
        return ""
    return f"; it serves item {served}, which is itself left to a physician reviewer, and follows that decision"

