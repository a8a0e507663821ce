"""Stage 2 of 4: cross-checks that one file alone cannot make (ids, citations, fact paths, types, numbers).

Each check adds diagnostics; all of them run, so a user sees every problem at once. Whether a rule fits in
durable_rules is the compiler's question (`engine.compiler.compile_problems`): this stage never reaches forward.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from engine.conditions import conditions, derive_order, read_paths
from engine.diagnostics import Diagnostic, Location, Severity
from engine.loader import Loaded, LocatedRule
from engine.ruleschema import Cmp, FactRef, Known, ThresholdRef, Unknown
from engine.view import fact_paths
from engine.vocab import MODALITIES, Service

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
#: Placeholders every rationale may use besides fact paths and thresholds.
SPECIAL_PLACEHOLDERS = frozenset({"request", "as_of", "document", "section"})


def _norm(text: str) -> str:
    return " ".join(text.split())


def _split_cite(cite: str) -> tuple[str, str]:
    doc, _, section = cite.partition("#")
    return doc, section


class _Checker:
    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.paths = fact_paths()
        self.derived = {lr.rule.derive for lr in loaded.rules if lr.rule.derive}
        self.out: list[Diagnostic] = []

    def add(self, lr: LocatedRule, loc: tuple[Any, ...], code: str, msg: str, hint: str = "",
            severity: Severity = Severity.error) -> None:
        self.out.append(Diagnostic(Location(lr.file, lr.line_of(*loc), lr.rule.id), code, msg, severity, hint))

    def run(self) -> list[Diagnostic]:
        self.guideline_quotes()
        seen: dict[str, LocatedRule] = {}
        for lr in self.loaded.rules:
            if lr.rule.id in seen:
                first = seen[lr.rule.id]
                self.add(lr, ("id",), "MTUS-E003", f"id `{lr.rule.id}` is also used at {first.file}:{first.line}",
                         hint="give every rule its own id")
            seen.setdefault(lr.rule.id, lr)
            self.citations(lr)
            self.criterion(lr)
            self.condition_nodes(lr)
            self.rationale(lr)
            self.thresholds(lr)
        self.cycles()
        return self.out

    def guideline_quotes(self) -> None:
        for gid, doc in self.loaded.guidelines.items():
            if doc.publisher in ("acoem", "odg"):
                for sid, sec in doc.sections.items():
                    if sec.quotes:
                        self.out.append(Diagnostic(
                            Location(self.loaded.guideline_files[gid]), "MTUS-E013",
                            f"section `{gid}#{sid}` quotes {doc.publisher.upper()} text",
                            hint="ACOEM and ODG prose is copyrighted: write a `summary` in our own words"))

    def _resolve(self, lr: LocatedRule, cite: str, loc: tuple[Any, ...]) -> bool:
        doc_id, section = _split_cite(cite)
        doc = self.loaded.guidelines.get(doc_id)
        if doc is None:
            self.add(lr, loc, "MTUS-E004", f"citation `{cite}`: no guideline document `{doc_id}`",
                     hint=_did_you_mean(doc_id, self.loaded.guidelines))
            return False
        if section not in doc.sections:
            self.add(lr, loc, "MTUS-E004", f"citation `{cite}`: `{doc_id}` has no section `{section}`",
                     hint=_did_you_mean(section, doc.sections))
            return False
        return True

    def citations(self, lr: LocatedRule) -> None:
        rule = lr.rule
        resolved = [c for i, c in enumerate(rule.cites) if self._resolve(lr, c, ("cites", i))]
        docs = [self.loaded.guidelines[_split_cite(c)[0]] for c in resolved]
        if docs and not any(d.mtus for d in docs):
            self.add(lr, ("cites",), "MTUS-W102", "cites only non-MTUS evidence", severity=Severity.warning,
                     hint="say in the rationale that the MTUS is silent (8 CCR §9792.21.1)")
        if docs and rule.effective is not None:
            doc = docs[0]
            lo, hi = rule.effective.from_, rule.effective.to
            if (lo and lo < doc.effective_from) or (hi and doc.effective_to and hi > doc.effective_to):
                self.add(lr, ("effective",), "MTUS-E012",
                         f"window {lo}..{hi} is outside `{doc.id}` ({doc.effective_from}..{doc.effective_to})")
        if resolved and rule.quote:
            doc_id, section = _split_cite(resolved[0])
            if rule.quote >= len(self.loaded.guidelines[doc_id].sections[section].quotes):
                self.add(lr, ("quote",), "MTUS-E002", f"`quote: {rule.quote}`: `{resolved[0]}` has fewer quotes")

    def criterion(self, lr: LocatedRule) -> None:
        """Every rule states the criterion it encodes: state text quoted as the catalog holds it, ACOEM and
        ODG in our own words, read in one of the sections the rule cites."""
        rule = lr.rule
        if not rule.criterion:
            self.add(lr, ("id",), "MTUS-E018", "the rule does not state the guideline criterion it encodes",
                     hint="add `criterion: {cite: doc#section, quote: ... | summary: ..., read_in: ...}`")
            return
        for i, part in enumerate(rule.criterion):
            loc = ("criterion", i)  # a single mapping has no index: line_of skips the part the file lacks
            if part.cite not in rule.cites:
                self.add(lr, (*loc, "cite"), "MTUS-E019",
                         f"criterion cites `{part.cite}`, which the rule does not cite",
                         hint="read the criterion in one of the rule's `cites`")
                continue
            doc_id, section_id = _split_cite(part.cite)
            doc = self.loaded.guidelines.get(doc_id)
            if doc is None or section_id not in doc.sections:
                continue  # reported by `citations`
            if part.quote is None:
                continue
            if doc.publisher in ("acoem", "odg"):
                self.add(lr, (*loc, "quote"), "MTUS-E013", f"the criterion quotes {doc.publisher.upper()} text",
                         hint="ACOEM and ODG prose is copyrighted: state the criterion as a `summary` in our own words")
                continue
            held = [_norm(q.text) for q in doc.sections[section_id].quotes]
            if not any(_norm(part.quote) in q for q in held):
                self.add(lr, (*loc, "quote"), "MTUS-E019",
                         f"the criterion's quote is not among the quotes `{part.cite}` holds in guidelines/",
                         hint="quote exactly; add the quote, with its source and status, to the catalog section first")

    def _path_ok(self, lr: LocatedRule, path: str, loc: tuple[Any, ...]) -> str | None:
        if path.startswith("derived."):
            name = path.removeprefix("derived.")
            if name not in self.derived:
                self.add(lr, loc, "MTUS-E011", f"fact `{path}` is derived by no rule",
                         hint="add a rule with `derive: " + name + "`")
                return None
            return "bool"
        kind = self.paths.get(path)
        if kind is None:
            self.add(lr, loc, "MTUS-E005", f"unknown fact `{path}`", hint=_did_you_mean(path, self.paths))
        return kind

    def condition_nodes(self, lr: LocatedRule) -> None:
        for node, loc in conditions(lr.rule):
            if isinstance(node, Known):
                self._path_ok(lr, node.known, (*loc, "known"))
            elif isinstance(node, Unknown):
                self._path_ok(lr, node.unknown, (*loc, "unknown"))
            elif isinstance(node, Cmp):
                self.comparison(lr, node, loc)

    def comparison(self, lr: LocatedRule, node: Cmp, loc: tuple[Any, ...]) -> None:
        kind = self._path_ok(lr, node.fact, (*loc, "fact"))
        op, operand = node.op, node.operand
        oploc = (*loc, op)
        if isinstance(operand, ThresholdRef):
            if operand.threshold not in lr.rule.thresholds:
                self.add(lr, oploc, "MTUS-E008", f"threshold `{operand.threshold}` is not defined",
                         hint="define it under `thresholds:` with its value, citation and status")
            operand_kind = "number"
        elif isinstance(operand, FactRef):
            operand_kind = self._path_ok(lr, operand.fact, oploc) or "?"
        elif isinstance(operand, bool):
            operand_kind = "bool"
        elif isinstance(operand, int | float):
            self.add(lr, oploc, "MTUS-E007", f"number `{operand}` compared with `{node.fact}` has no citation",
                     hint="name it under `thresholds:` and write `{threshold: name}`")
            operand_kind = "number"
        elif isinstance(operand, list):
            operand_kind = "number" if all(isinstance(x, int) for x in operand) else "str"
            if any(isinstance(x, int) and not isinstance(x, bool) for x in operand):
                self.add(lr, oploc, "MTUS-E007", f"numbers in `{operand}` have no citation",
                         hint="compare with thresholds instead")
        else:
            operand_kind = "str"
        if kind is None or operand_kind == "?":
            return
        if op in ("lt", "lte", "gt", "gte") and (kind != "number" or operand_kind != "number"):
            self.add(lr, oploc, "MTUS-E006", f"`{op}` needs numbers: `{node.fact}` is {kind}")
        elif op == "has_any" and kind != "list":
            self.add(lr, oploc, "MTUS-E006", f"`has_any` needs a list fact: `{node.fact}` is {kind}")
        elif op == "has_any":
            pass
        elif op == "is" and kind != "bool":
            self.add(lr, oploc, "MTUS-E006", f"`is` needs a yes/no fact: `{node.fact}` is {kind}")
        elif op in ("eq", "ne", "in") and kind != operand_kind:
            self.add(lr, oploc, "MTUS-E006", f"`{op}` compares {kind} fact `{node.fact}` with a {operand_kind}")
        self.vocabulary(lr, node, oploc)

    def vocabulary(self, lr: LocatedRule, node: Cmp, oploc: tuple[Any, ...]) -> None:
        """Values compared with `item.service` or `item.modality` must come from their vocabularies."""
        if node.op not in ("eq", "ne", "in"):
            return
        values = node.operand if isinstance(node.operand, list) else [node.operand]
        vocabularies: dict[str, Mapping[str, Any]] = {"item.modality": MODALITIES, "item.service": Service.__members__}
        vocab = vocabularies.get(node.fact, {})
        if not vocab:
            return
        bad = [v for v in values if isinstance(v, str) and v not in vocab]
        if bad:
            what = "modality" if node.fact == "item.modality" else "service kind(s)"
            self.add(lr, oploc, "MTUS-E014", f"unknown {what} {', '.join(f'`{b}`' for b in bad)}",
                     hint=_did_you_mean(str(bad[0]), vocab))

    def rationale(self, lr: LocatedRule) -> None:
        rule = lr.rule
        texts = []
        if rule.rationale:
            texts = [("met", rule.rationale.met), ("not_met", rule.rationale.not_met),
                     ("unknown", rule.rationale.unknown or "")]
        if rule.missing:
            texts.append(("missing", rule.missing))
        for key, text in texts:
            for name in PLACEHOLDER.findall(text):
                if name in rule.thresholds or name in SPECIAL_PLACEHOLDERS or name in self.paths:
                    continue
                loc = ("rationale", key) if key != "missing" else ("missing",)
                self.add(lr, loc, "MTUS-E009", f"placeholder `{{{name}}}` is neither a fact nor a threshold",
                         hint=_did_you_mean(name, {**self.paths, **rule.thresholds}))

    def thresholds(self, lr: LocatedRule) -> None:
        for name, t in lr.rule.thresholds.items():
            if t.cite:
                self._resolve(lr, t.cite, ("thresholds", name, "cite"))
            if t.status == "unverified":
                self.add(lr, ("thresholds", name), "MTUS-W101", f"threshold `{name}` = {t.value} is unverified",
                         severity=Severity.warning, hint="verify it from the guideline text before relying on it")

    def cycles(self) -> None:
        deps: dict[str, set[str]] = {}
        where: dict[str, LocatedRule] = {}
        for lr in self.loaded.rules:
            if lr.rule.derive:
                reads = {p.removeprefix("derived.") for p in read_paths(lr.rule) if p.startswith("derived.")}
                deps.setdefault(lr.rule.derive, set()).update(reads)
                where.setdefault(lr.rule.derive, lr)
        try:
            derive_order(deps)
        except ValueError as exc:
            name = str(exc)
            self.add(where[name], ("derive",), "MTUS-E010", f"derived fact `{name}` depends on itself")


def _did_you_mean(word: str, options: Any) -> str:
    import difflib

    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`?" if match else ""


def check(loaded: Loaded) -> list[Diagnostic]:
    """All cross-check diagnostics of a loaded rule set, sorted by location."""
    return sorted(_Checker(loaded).run())
