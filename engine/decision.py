"""A decision is one object: outcome, the rules that decided it, citations, facts used, what is missing.

The combination policy, in one place (`combine`), for the rules that apply to one item:
1. no rule applies                      -> `not_covered`: a human decides; the reason says why; the same when
                                           only legal ceilings apply and are not exceeded (the 24-visit cap
                                           shows no medical necessity by itself);
2. rules resting on non-MTUS evidence (ODG, ACOEM 3rd ed.) exist only where the MTUS is silent on the
   question they answer (8 CCR §9792.21.1), so they count like MTUS rules; rationales and citations rank
   them after the MTUS;
3. some applicable criterion is not met -> `uphold`, decided by the unmet criteria;
4. some criterion's facts are unknown   -> `uphold`: undocumented necessity is not shown, as IMR reviewers hold;
                                           `missing` says what documentation would meet the guideline;
5. every applicable criterion is met    -> `overturn`: the service is medically necessary.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field

Status = Literal["met", "not_met", "unknown"]
Decision = Literal["overturn", "uphold", "not_covered"]


class Citation(BaseModel):
    """Where a decision rests: document, version, section, and a short quote of state-published text."""

    document: str
    version: str
    section: str
    quote: str = ""
    regulation: str | None = None
    mtus: bool = True
    summary: str | None = Field(None, description="our paraphrase, for copyrighted (ACOEM/ODG) sections")
    page: str | None = Field(None, description="page or table of the section, where known")


class CheckOut(BaseModel):
    """One comparison of an explained criterion."""

    fact: str
    op: str
    observed: Any
    expected: Any
    result: Literal["true", "false", "unknown"]


class Criterion(BaseModel):
    """One rule considered for an item, with its status and (with --explain) its comparisons."""

    rule: str
    title: str
    status: Status
    mtus: bool = True
    limit: bool = False
    citation: Citation
    checks: list[CheckOut] = Field(default_factory=list)
    guideline: list[str] = Field(
        default_factory=list, description="the guideline criterion the rule encodes, as the rule states it: quotes "
        "of state-published text, our summaries of ACOEM and ODG (with --explain)"
    )


class ItemResult(BaseModel):
    """The recommendation for one disputed item (the stable JSON contract plus added fields)."""

    request: str
    service: str
    decision: Decision
    citations: list[Citation]
    rationale: str
    rules: list[str]
    missing: list[str]
    reason: str | None = Field(None, description="why an item is not_covered")
    error: str | None = Field(None, description="an engine error that kept this item from being decided (the "
                              "other items of the case are decided as usual)")
    criteria: list[Criterion] | None = Field(None, description="every criterion considered (--explain)")


class CaseResult(BaseModel):
    """All items of one case, with what is needed to replay the decision."""

    case_id: str
    as_of: str | None
    ruleset_version: str
    ruleset_hash: str
    items: list[ItemResult]
    conflicts: list[dict[str, Any]] = Field(default_factory=list)


def combine(criteria: list[Criterion]) -> tuple[Decision, list[Criterion]]:
    """Apply the combination policy; return the decision and the criteria that decided it."""
    if not criteria or all(c.limit and c.status != "not_met" for c in criteria):
        return "not_covered", []
    unmet = [c for c in criteria if c.status == "not_met"]
    unknown = [c for c in criteria if c.status == "unknown"]
    order = {True: 0, False: 1}
    unmet.sort(key=lambda c: order[c.mtus])
    unknown.sort(key=lambda c: order[c.mtus])
    match (bool(unmet), bool(unknown)):
        case (True, _):
            return "uphold", unmet  # an unmet criterion of the applicable guideline upholds the denial
        case (False, True):
            return "uphold", unknown  # necessity not documented: uphold, and say what is missing
        case _:
            return "overturn", sorted(criteria, key=lambda c: order[c.mtus])  # every applicable criterion met


_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
#: words before a count that read well without it: "from the prior {n} visits" -> "from the prior visits"
_DETERMINER = re.compile(r"\b(?:the|a|an|this|these|those|its|their|his|her)(?:\s+prior)?\s+$", re.I)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unknown(template: str, start: int, end: int) -> tuple[str, int]:
    """What an unknown value reads as where it stands, and where the rest of the template resumes.

    A count before its noun is left out after a determiner ("the prior visits") and is "an undocumented
    number of" elsewhere ("for an undocumented number of weeks"); a number in a compound ("a {n}-day stay") drops
    the compound; a percentage reads "an undocumented percentage"; a value standing alone reads "not documented".
    """
    after, before = template[end:], template[:start]
    compound = re.match(r"-[\w-]+\s?", after)
    if compound:
        return "", end + compound.end()
    if after.startswith("%"):
        noun = re.match(r"%\s+(?!(?:for|of|and|or|in|with|from|after|to|at|by)\b)[a-z]", after)
        return ("an undocumented percentage of" if noun else "an undocumented percentage"), end + 1
    if re.match(r" [a-z]", after):
        if _DETERMINER.search(before):
            return "", end + 1
        text = "an undocumented number of"
        return (text.capitalize() if not before.strip() or before.rstrip().endswith(".") else text), end
    return "not documented", end


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Fill `{path}` placeholders; an unknown value reads as its place in the sentence allows (`_unknown`)."""
    known = [values.get(m.group(1)) for m in _PLACEHOLDER.finditer(template)]
    if None not in known:  # every value known (most templates): each placeholder is its value
        shown = iter(known)
        return _PLACEHOLDER.sub(lambda _: _show(next(shown)), template)
    out: list[str] = []
    pos = 0
    for m, value in zip(_PLACEHOLDER.finditer(template), known, strict=True):
        if m.start() < pos:  # inside text an unknown value already took out
            continue
        out.append(template[pos:m.start()])
        if value is None:
            text, pos = _unknown(template, m.start(), m.end())
            out.append(text)
        else:
            out.append(_show(value))
            pos = m.end()
    out.append(template[pos:])
    return "".join(out)
