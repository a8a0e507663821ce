"""Stage 3 of 4: rules into plain durable_rules JSON rulesets, a pure function (snapshot-tested).

Conditions are three-valued (met / not met / unknown), durable_rules conditions are two-valued. Each
condition C therefore compiles to two durable expressions: T(C), which matches when C is surely true, and
F(C), which matches when C is surely false; when neither matches, C is unknown. A comparison is sure only
when its facts exist (unknown facts are absent from the asserted fact). T/F follow Kleene's logic:
T(all) = and T, F(all) = or F; T(not C) = F(C); at_least N of n is an `or` over the N-subsets.

Each deciding rule becomes up to three durable rules, `<id>__A` (applies), `<id>__T` (criterion met) and
`<id>__F` (not met); a `derive` rule becomes `<id>__T` / `<id>__F` (the derived fact is true / false) in an
earlier stage, so that derived facts are settled before the rules that read them. Every compiled rule starts
with the positive discriminator `{"kind": "item"}` (a rule with only negative conditions hangs durable_rules)
and every number is folded to a constant here (durable_rules never matches constant arithmetic).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from typing import Any

from engine.conditions import derive_order, read_paths
from engine.diagnostics import Diagnostic, Location
from engine.eras import acoem_era_start, formulary_start
from engine.loader import Loaded
from engine.program import EPOCH, Card, Compiled, Eras, Window, day_number, partition
from engine.ruleschema import All, AnyOf, AtLeast, Cmp, Condition, FactRef, Known, Not, Rule, ThresholdRef, Unknown
from engine.stack import MAX_STACK_SIZE, overflows
from engine.vocab import Service

Expr = dict[str, Any]
TRUE: Expr = {"kind": "item"}
FALSE: Expr = {"kind": "__never__"}
#: at_least N of n expands to C(n, N) conjunctions; keep that small enough for durable_rules' stack.
MAX_AT_LEAST_TERMS = 8
#: durable_rules keeps each rule's `$and`/`$or` groups in one sequence of 32 slots, two slots a group
#: (rete.c MAX_SEQUENCE_EXPRESSIONS); a rule with 16 groups fails `set_rulesets` with error code 113.
MAX_DURABLE_GROUPS = 15
_SERVICE_NAMES = frozenset(s.value for s in Service)

_NEG = {"eq": "ne", "ne": "eq", "lt": "gte", "gte": "lt", "lte": "gt", "gt": "lte"}
_DURABLE_OP = {"ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}


def _flatten(op: str, parts: list[Expr]) -> list[Expr]:
    """Inline nested groups of the same kind: fewer groups, same meaning (see MAX_DURABLE_GROUPS)."""
    out: list[Expr] = []
    for p in parts:
        out.extend(p[op] if len(p) == 1 and op in p else [p])
    return out


def groups(expr: Any) -> int:
    """How many `$and`/`$or` groups a durable expression holds (`$iany`/`$iall` bodies included)."""
    if isinstance(expr, dict):
        return sum((k in ("$and", "$or")) + groups(v) for k, v in expr.items())
    if isinstance(expr, list):
        return sum(groups(x) for x in expr)
    return 0


def _and(parts: list[Expr]) -> Expr:
    parts = _flatten("$and", [p for p in parts if p != TRUE])
    if any(p == FALSE for p in parts):
        return FALSE
    if not parts:
        return TRUE
    return parts[0] if len(parts) == 1 else {"$and": parts}


def _or(parts: list[Expr]) -> Expr:
    parts = _flatten("$or", [p for p in parts if p != FALSE])
    if any(p == TRUE for p in parts):
        return TRUE
    if not parts:
        return FALSE
    return parts[0] if len(parts) == 1 else {"$or": parts}


def _exists(path: str) -> Expr:
    return {"$ex": {path: 1}}


class CompileError(Exception):
    """A rule that passed the checks still cannot be compiled (a bug or an unchecked limit)."""


class _RuleCompiler:
    def __init__(self, rule: Rule):
        self.rule = rule

    def value(self, operand: Any) -> Any:
        if isinstance(operand, ThresholdRef):
            return self.rule.thresholds[operand.threshold].value
        if isinstance(operand, FactRef):
            return {"$m": operand.fact}
        return operand

    def compare(self, path: str, op: str, operand: Any) -> Expr:
        rhs = self.value(operand)
        if op == "eq":
            return {path: rhs}
        return {_DURABLE_OP[op]: {path: rhs}}

    def cmp(self, c: Cmp, positive: bool) -> Expr:
        guards = [_exists(c.fact)]
        if isinstance(c.operand, FactRef):
            guards.append(_exists(c.operand.fact))
        op = c.op
        if op == "is":
            return _and([*guards, {c.fact: c.operand if positive else not c.operand}])
        if op == "has_any":
            values = list(c.operand)
            if positive:
                return _and([*guards, {"$iany": {c.fact: _or([{"$i": v} for v in values])}}])
            return _and([*guards, {"$iall": {c.fact: _and([{"$neq": {"$i": v}} for v in values])}}])
        if op == "in":
            values = list(c.operand)
            if positive:
                return _and([*guards, _or([{c.fact: v} for v in values])])
            return _and([*guards, *[{"$neq": {c.fact: v}} for v in values]])
        return _and([*guards, self.compare(c.fact, op if positive else _NEG[op], c.operand)])

    def t(self, c: Condition) -> Expr:
        return self.expr(c, True)

    def expr(self, c: Condition, positive: bool) -> Expr:
        """T(c) when `positive`, else F(c)."""
        if isinstance(c, Cmp):
            return self.cmp(c, positive)
        if isinstance(c, Known):
            return _exists(c.known) if positive else {"$nex": {c.known: 1}}
        if isinstance(c, Unknown):
            return {"$nex": {c.unknown: 1}} if positive else _exists(c.unknown)
        if isinstance(c, Not):
            return self.expr(c.not_, not positive)
        if isinstance(c, All):
            parts = [self.expr(x, positive) for x in c.all]
            return _and(parts) if positive else _or(parts)
        if isinstance(c, AnyOf):
            parts = [self.expr(x, positive) for x in c.any]
            return _or(parts) if positive else _and(parts)
        if isinstance(c, AtLeast):
            n = len(c.of)
            if n > MAX_AT_LEAST_TERMS:
                raise CompileError(f"rule {self.rule.id}: at_least over {n} conditions (max {MAX_AT_LEAST_TERMS})")
            need = c.at_least if positive else n - c.at_least + 1
            parts = [self.expr(x, positive) for x in c.of]
            return _or([_and([parts[i] for i in combo]) for combo in itertools.combinations(range(n), need)])
        raise CompileError(f"rule {self.rule.id}: unknown condition {type(c).__name__}")


def rule_window(rule: Rule, loaded: Loaded) -> Window:
    """The rule's own window, else that of the first document it cites."""
    doc = loaded.guidelines.get(rule.cites[0].partition("#")[0])
    start = doc.effective_from if doc else None
    end = doc.effective_to if doc else None
    if rule.effective is not None:
        start = rule.effective.from_ or start
        end = rule.effective.to or end
    return Window(start, end)


def _base(rule: Rule, window: Window) -> list[Expr]:
    """The discriminator, the version window, then the services. The window comes first: rules of one window share
    its tests, so durable_rules walks only the rules in force on the item's date past them (see `stack_problems`)."""
    parts: list[Expr] = [TRUE]
    if window.start:
        parts.append({"$gte": {"as_of_day": day_number(window.start)}})
    if window.end:
        parts.append({"$lte": {"as_of_day": day_number(window.end)}})
    if rule.services:  # a derive rule without services is a definition that holds for every item
        parts.append(_or([{"item.service": s.value} for s in rule.services]))
    return parts


def _durable_rule(name: str, parts: list[Expr]) -> dict[str, Any]:
    # the discriminator goes first and stays even when _and() would drop it as "always true"
    cond = _and(parts[1:])
    body = {"$and": [TRUE, *_flatten("$and", [cond])]} if cond != TRUE else TRUE
    if cond == FALSE:
        body = {"$and": [TRUE, FALSE]}
    if groups(body) > MAX_DURABLE_GROUPS:
        raise CompileError(f"rule {name.rpartition('__')[0]}: its condition compiles to {groups(body)} and/or "
                           f"groups, more than the {MAX_DURABLE_GROUPS} durable_rules can hold in one rule")
    return {"all": [{"m": body}], "run": name}


def compile_rule(rule: Rule, window: Window) -> dict[str, dict[str, Any]]:
    """The durable_rules rules (name -> definition) for one rule."""
    rc = _RuleCompiler(rule)
    base = _base(rule, window)
    out: dict[str, dict[str, Any]] = {}
    if rule.derive:
        assert rule.when is not None
        out[f"{rule.id}__T"] = _durable_rule(f"{rule.id}__T", [*base, rc.expr(rule.when, True)])
        out[f"{rule.id}__F"] = _durable_rule(f"{rule.id}__F", [*base, rc.expr(rule.when, False)])
        return out
    applies = [*base] + ([rc.t(rule.when)] if rule.when is not None else [])
    out[f"{rule.id}__A"] = _durable_rule(f"{rule.id}__A", applies)
    if rule.require is not None:
        out[f"{rule.id}__T"] = _durable_rule(f"{rule.id}__T", [*applies, rc.expr(rule.require, True)])
        out[f"{rule.id}__F"] = _durable_rule(f"{rule.id}__F", [*applies, rc.expr(rule.require, False)])
    return out


def compile_rules(loaded: Loaded) -> Compiled:
    """Compile every loaded rule; derived facts first, in dependency layers, then the deciding rules."""
    rules = [lr.rule for lr in loaded.rules]
    deps: dict[str, set[str]] = {}
    for r in rules:
        if r.derive:
            deps.setdefault(r.derive, set()).update(
                p.removeprefix("derived.") for p in read_paths(r) if p.startswith("derived."))
    layers = derive_order(deps)
    stage_rules: list[dict[str, Any]] = [{} for _ in range(len(layers) + 1)]
    layer_of = {name: i for i, layer in enumerate(layers) for name in layer}
    for r in sorted(rules, key=lambda r: r.id):
        target = stage_rules[layer_of[r.derive]] if r.derive else stage_rules[-1]
        target.update(compile_rule(r, rule_window(r, loaded)))
    body = json.dumps(stage_rules, sort_keys=True)
    digest = hashlib.sha256(body.encode()).hexdigest()[:10]
    stages = [(f"mtus_s{i}_{digest}", rs) for i, rs in enumerate(stage_rules) if rs]
    return Compiled(stages, {r.id: r.derive for r in rules if r.derive}, digest,
                    frozenset(r.id for r in rules if r.not_recommended))


def compile_problems(loaded: Loaded, skip: set[str] | frozenset[str] = frozenset()) -> list[Diagnostic]:
    """MTUS-E017 for every rule durable_rules cannot hold (too many and/or groups), with its line, instead of a
    crash later; rules in `skip` (which already have errors) are not compiled."""
    out: list[Diagnostic] = []
    for lr in loaded.rules:
        if lr.rule.id in skip:
            continue
        try:
            compile_rule(lr.rule, rule_window(lr.rule, loaded))
        except CompileError as exc:
            loc = ("require",) if lr.rule.require is not None else ("when",)
            out.append(Diagnostic(Location(lr.file, lr.line_of(*loc), lr.rule.id), "MTUS-E017",
                                  str(exc).removeprefix(f"rule {lr.rule.id}: "),
                                  hint="split the condition: move part of it into a `derive` rule and read "
                                       "`derived.<name>`"))
    return out


def compile_card(rule: Rule, loaded: Loaded) -> Card:
    """What evaluating needs of `rule`: its window, the citation its decisions show (the criterion it states,
    where it states one for its first citation), and its templates and thresholds."""
    doc_id, _, section_id = rule.cites[0].partition("#")
    doc = loaded.guidelines[doc_id]
    section = doc.sections[section_id]
    copyrighted = doc.publisher in ("acoem", "odg")
    quote = section.quotes[rule.quote].text if section.quotes else ""
    summary = section.summary if copyrighted else None
    page = section.page
    stated = next((c for c in rule.criterion if c.cite == rule.cites[0]), None)
    if stated is not None:
        quote = stated.quote or ("" if copyrighted else quote)
        summary = stated.summary if copyrighted else summary
        page = stated.page or page
    citation = {"document": doc.cite_as, "version": doc.version, "section": section.title, "quote": quote,
                "regulation": doc.regulation, "mtus": doc.mtus, "summary": summary, "page": page}
    rationale = {}
    if rule.rationale is not None:
        rationale = {"met": rule.rationale.met, "not_met": rule.rationale.not_met,
                     "unknown": rule.rationale.unknown or rule.rationale.not_met}
    return Card(id=rule.id, title=rule.title, services=tuple(s.value for s in rule.services), derive=rule.derive,
                limit=rule.limit, not_recommended=rule.not_recommended, mtus=doc.mtus,
                window=rule_window(rule, loaded), citation=citation,
                criterion=tuple(f'"{c.quote}"' if c.quote else (c.summary or "") for c in rule.criterion),
                rationale=rationale, missing=rule.missing,
                thresholds={k: t.value for k, t in rule.thresholds.items()})


def compile_cards(loaded: Loaded) -> dict[str, Card]:
    """A card for every loaded rule, by id."""
    return {lr.rule.id: compile_card(lr.rule, loaded) for lr in loaded.rules}


def compile_eras(loaded: Loaded) -> Eras:
    """The first days of the texts not encoded (from the catalog)."""
    return Eras(acoem_era_start(loaded), formulary_start(loaded))


def stack_problems(loaded: Loaded, compiled: Compiled | None = None,
                   cards: dict[str, Card] | None = None) -> list[Diagnostic]:
    """MTUS-E021 wherever an item of one service on one date could need more of durable_rules' 64 evaluation-stack
    entries than there are (`engine.stack`), in any ruleset the engine runs (`engine.program.partition`: the derive
    stages, and the deciding stage split by service kind, where only that kind's items are asserted), located at
    the last rule, in file order, that applies to such an item: the rule whose addition made the set overflow. Run
    on a rule set without other errors."""
    compiled = compiled if compiled is not None else compile_rules(loaded)
    rulesets, final = partition(compiled, cards if cards is not None else compile_cards(loaded))
    own = {name: service for service, name in final.items()}
    out: list[Diagnostic] = []
    located = {lr.rule.id: lr for lr in loaded.rules}
    order = {lr.rule.id: n for n, lr in enumerate(loaded.rules)}
    for name, rules in rulesets.items():
        ids = sorted({compiled.rule_of(rule) for rule in rules}, key=order.__getitem__)
        for service, day, bound in overflows(rules, [own[name]] if name in own else None):
            when = EPOCH + dt.timedelta(days=day)
            applying = [i for i in ids if located[i].rule.serves(service if service in _SERVICE_NAMES else None)
                        and rule_window(located[i].rule, loaded).contains(when)]
            if not applying:
                continue
            last = located[applying[-1]]
            message = (f"{len(applying)} rules apply to `{service}` items on {when}, and durable_rules could need "
                       f"{bound} of its {MAX_STACK_SIZE} evaluation-stack entries for one item (error code 303)")
            diagnostic = Diagnostic(Location(last.file, last.line, last.rule.id), "MTUS-E021", message,
                                    hint="give rules of one service fewer alternatives (`any`), or read shared "
                                         "conditions through a `derive` rule; `python bench/bench_stack.py` "
                                         "measures the need")
            if diagnostic not in out:
                out.append(diagnostic)
    return out
