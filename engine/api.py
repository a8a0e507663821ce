"""Stage 4 of 4: the `Engine`, which loads, checks and compiles once, then evaluates cases many times.

Thread-safe: the compiled program is immutable and the durable backend serializes its calls.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.analysis import analyze
from engine.backend_durable import BackendError, DurableBackend
from engine.checks import check
from engine.compiler import Window, compile_problems, compile_rules, day_number, rule_window, stack_problems
from engine.decision import CaseResult, CheckOut, Citation, Criterion, ItemResult, Status, combine, fill
from engine.diagnostics import Diagnostic, RuleSetError, Severity
from engine.eras import acoem_era_start, formulary_start
from engine.facts import Case, DisputedItem
from engine.limits import DEFAULT_LIMITS, Limits
from engine.loader import Loaded, load
from engine.reference import Check, rule_status
from engine.ruleschema import Rule
from engine.view import Outcome, as_of_date, build_view, to_fact
from engine.vocab import DRUG_SERVICES


def bundled_dirs() -> tuple[Path, Path]:
    """The rules and guidelines shipped with the package (installed), or beside it (source checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    if (installed / "rules").is_dir():
        return installed / "rules", installed / "guidelines"
    return here.parent / "rules", here.parent / "guidelines"


def load_and_check(rule_paths: list[Path] | None = None, guideline_dir: Path | None = None,
                   root: Path | None = None, limits: Limits = DEFAULT_LIMITS,
                   analysis: bool = False) -> tuple[Loaded, list[Diagnostic]]:
    """Load and cross-check rules; return the loaded set and every diagnostic (errors and warnings). With
    `analysis`, also what the rules mean together (`engine.analysis`: a second or two; `mtus rules check`)."""
    rules_dir, guide_dir = bundled_dirs()
    if root is None and rule_paths is None:
        root = rules_dir.parent
    loaded = load(rule_paths or [rules_dir], guideline_dir or guide_dir, root, limits)
    found = loaded.diagnostics + check(loaded)
    broken = {d.location.rule_id for d in found if d.severity is Severity.error}
    found += compile_problems(loaded, broken)
    if not any(d.severity is Severity.error for d in found):
        found += stack_problems(loaded)  # a property of the whole program: only one that compiles
        if analysis:
            found += analyze(loaded)
    return loaded, sorted(found)


@dataclass(frozen=True)
class _RuleInfo:
    rule: Rule
    window: Window
    citation: Citation
    mtus: bool


class Engine:
    """Evaluates cases against the MTUS rules: `Engine().evaluate(case)`."""

    def __init__(self, rule_paths: list[Path] | None = None, guideline_dir: Path | None = None,
                 limits: Limits = DEFAULT_LIMITS):
        loaded, diagnostics = load_and_check(rule_paths, guideline_dir, limits=limits)
        errors = [d for d in diagnostics if d.severity is Severity.error]
        if errors:
            raise RuleSetError(errors)
        self.warnings = diagnostics
        self.loaded = loaded
        self.compiled = compile_rules(loaded)
        self.version = self.compiled.version
        self.hash = loaded.digest
        self._backend = DurableBackend(dict(self.compiled.stages))
        self._final = self.compiled.stages[-1][0] if self.compiled.stages else ""
        self._derive_stages = [name for name, _ in self.compiled.stages[:-1]]
        self._info = {lr.rule.id: self._make_info(lr.rule) for lr in loaded.rules}

    def _make_info(self, rule: Rule) -> _RuleInfo:
        doc_id, _, section_id = rule.cites[0].partition("#")
        doc = self.loaded.guidelines[doc_id]
        section = doc.sections[section_id]
        quote = section.quotes[rule.quote].text if section.quotes else ""
        summary = section.summary if doc.publisher in ("acoem", "odg") else None
        page = section.page
        # the criterion the rule encodes is what its citation shows, where the rule states it
        stated = next((c for c in rule.criterion if c.cite == rule.cites[0]), None)
        if stated is not None:
            quote = stated.quote or ("" if doc.publisher in ("acoem", "odg") else quote)
            summary = stated.summary if doc.publisher in ("acoem", "odg") else summary
            page = stated.page or page
        citation = Citation(document=doc.cite_as, version=doc.version, section=section.title, quote=quote,
                            regulation=doc.regulation, mtus=doc.mtus, summary=summary, page=page)
        return _RuleInfo(rule, rule_window(rule, self.loaded), citation, doc.mtus)

    @property
    def rules(self) -> list[Rule]:
        """Every loaded rule."""
        return [i.rule for i in self._info.values()]

    def describe_rules(self) -> list[tuple[str, ...]]:
        """One row per rule: id, services, window, first citation, title."""
        rows: list[tuple[str, ...]] = []
        for info in sorted(self._info.values(), key=lambda i: i.rule.id):
            r = info.rule
            window = f"{info.window.start or '...'}..{info.window.end or '...'}"
            kind = f"derive:{r.derive}" if r.derive else ("not-recommended" if r.not_recommended else "criterion")
            rows.append((r.id, ",".join(s.value for s in r.services) or "(every item)", window, kind,
                         f"{info.citation.document} / {info.citation.section}", r.title))
        return rows

    # --- evaluation ---------------------------------------------------------------------------------------

    def evaluate(self, case: Case, as_of: dt.date | None = None, explain: bool = False) -> CaseResult:
        """Decide every disputed item of `case`; items that serve a surgery follow its decision."""
        when = as_of_date(case, as_of)
        results: dict[int, ItemResult] = {}
        def leader(i: int) -> int | None:
            return case.items[i].follows_surgery or case.items[i].accompanies

        # items that follow another item are decided after it (the case model forbids chains)
        for i in sorted(range(len(case.items)), key=lambda i: leader(i) is not None):
            ref = leader(i)
            index_outcome: Outcome | None = results[ref - 1].decision if ref is not None else None
            results[i] = self._decide(case, i, when, index_outcome, explain)
        return CaseResult(case_id=case.case_id, as_of=when.isoformat() if when else None,
                          ruleset_version=self.version, ruleset_hash=self.hash,
                          items=[results[i] for i in range(len(case.items))],
                          conflicts=[c.model_dump(mode="json") for c in case.conflicts])

    def facts_for(self, case: Case, index: int, as_of: dt.date | None,
                  index_outcome: Outcome | None = None) -> dict[str, Any]:
        """The fact dict of one item, derived facts included (what the deciding rules read)."""
        fact = to_fact(build_view(case, index, as_of, index_outcome))
        fact["kind"] = "item"
        if as_of is not None:
            fact["as_of_day"] = day_number(as_of)
        fact["derived"] = {}
        for stage in self._derive_stages:
            fact["derived"].update(self.compiled.derived_values(self._backend.fire(stage, fact)))
        return fact

    def statuses(self, fact: dict[str, Any]) -> dict[str, Status]:
        """durable_rules' verdict: status of every deciding rule that applies to the fact."""
        fired = self._backend.fire(self._final, fact) if self._final else frozenset()
        return self.compiled.statuses(fired)

    @staticmethod
    def _not_covered(item: DisputedItem, reason: str) -> ItemResult:
        return ItemResult(request=item.text, service=item.service.value if item.service else "unrecognized",
                          decision="not_covered", citations=[], rules=[], missing=[], reason=reason,
                          rationale=f"Not covered: {reason}. A physician reviewer must decide this item.")

    def _why_none(self, service: str, when: dt.date) -> str:
        for_service = [i for i in self._info.values()
                       if i.rule.decides and not i.rule.limit and any(s.value == service for s in i.rule.services)]
        if not for_service:
            return f"no encoded guideline addresses `{service}`"
        if not any(i.window.contains(when) for i in for_service):
            acoem, formulary = acoem_era_start(self.loaded), formulary_start(self.loaded)
            if acoem is not None and when >= acoem:
                drugs = f" and the MTUS Drug Formulary (from {formulary})" if formulary is not None and \
                    when >= formulary and service in {s.value for s in DRUG_SERVICES} else ""
                return (f"the MTUS in force on {when} (the ACOEM-based guidelines from {acoem}{drugs}) is not "
                        f"encoded for `{service}`; an older text is not applied in its place")
            return f"no encoded guideline for `{service}` was in force on {when}"
        return f"no encoded criterion for `{service}` applies to this item (body part or indication not addressed)"

    def _decide(self, case: Case, index: int, when: dt.date | None, index_outcome: Outcome | None,
                explain: bool) -> ItemResult:
        item = case.items[index]
        if item.service is None:
            return self._not_covered(item, "the request is not a recognized service")
        if when is None:
            return self._not_covered(item, "no request or UR date is known, so no guideline version can be chosen")
        try:
            fact = self.facts_for(case, index, when, index_outcome)
            statuses = self.statuses(fact)
        except BackendError as exc:
            # an error inside the backend is this item's, reported as such: never a decision, never a lost case
            result = self._not_covered(item, "the engine could not evaluate this item")
            return result.model_copy(update={"error": str(exc)})
        if not statuses:
            return self._not_covered(item, self._why_none(item.service.value, when))
        criteria = []
        for rule_id in sorted(statuses):
            info = self._info[rule_id]
            checks: list[Check] = []
            if explain:
                rule_status(info.rule, fact, checks)
            criteria.append(Criterion(
                rule=rule_id, title=info.rule.title, status=statuses[rule_id], mtus=info.mtus, limit=info.rule.limit,
                citation=info.citation,
                guideline=[f'"{c.quote}"' if c.quote else (c.summary or "") for c in info.rule.criterion]
                if explain else [],
                checks=[CheckOut(fact=c.fact, op=c.op, observed=c.observed, expected=c.expected,
                                 result={True: "true", False: "false", None: "unknown"}[c.result])
                        for c in checks]))
        decision, deciding = combine(criteria)
        if decision == "not_covered":
            return self._not_covered(item, self._why_none(item.service.value, when)
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

    @staticmethod
    def _placeholder_values(fact: dict[str, Any], request: str, when: dt.date) -> dict[str, Any]:
        flat: dict[str, Any] = {"request": request, "as_of": when.isoformat()}

        def walk(prefix: str, d: dict[str, Any]) -> None:
            for k, v in d.items():
                if isinstance(v, dict):
                    walk(f"{prefix}{k}.", v)
                else:
                    flat[f"{prefix}{k}"] = v
        walk("", fact)
        return flat

    def _missing(self, deciding: list[Criterion], values: dict[str, Any]) -> list[str]:
        out = []
        for c in deciding:
            rule = self._info[c.rule].rule
            if rule.missing:
                text = fill(rule.missing, {**values, **{k: t.value for k, t in rule.thresholds.items()}})
                if text not in out:
                    out.append(text)
        return out

    def _rationale(self, case: Case, service: str, decision: str, deciding: list[Criterion],
                   considered: list[Criterion], values: dict[str, Any]) -> str:
        parts = [f"The request is for {values['request']}."]
        for c in deciding:
            rule = self._info[c.rule].rule
            assert rule.rationale is not None
            template = {"met": rule.rationale.met, "not_met": rule.rationale.not_met,
                        "unknown": rule.rationale.unknown or rule.rationale.not_met}[c.status]
            thresholds = {k: t.value for k, t in rule.thresholds.items()}
            text = fill(template, {**values, **thresholds}).strip()
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


def _unique(citations: list[Citation]) -> list[Citation]:
    seen: set[tuple[str, str]] = set()
    out = []
    for c in citations:
        if (c.document, c.section) not in seen:
            seen.add((c.document, c.section))
            out.append(c)
    return out
