"""The shape of `rules/*.yaml` and `guidelines/*.yaml`, as strict pydantic models.

A typo in a rule file (`requre:`) must fail to load, so every model forbids extra keys. Conditions are a
small declarative language; nothing in a rule file is ever evaluated as Python.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from engine.vocab import Service


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- guideline catalog -------------------------------------------------------------------------------


class Quote(_Strict):
    """A short exact quote of state-published MTUS text (never ACOEM or ODG prose)."""

    text: str = Field(min_length=3, max_length=600)
    source: str = Field(min_length=3, description="where the words were read")
    status: Literal["verified", "verified-imr", "unverified"]


class Section(_Strict):
    """One citable section of a guideline document."""

    title: str
    page: str | None = None
    page_status: Literal["verified", "verified-imr", "unverified"] | None = None
    quotes: list[Quote] = Field(default_factory=list)
    summary: str | None = Field(None, description="our own words; the only text allowed for ACOEM/ODG")


class Guideline(_Strict):
    """A guideline document (or statute) that rules may cite, with its version and time in force."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    cite_as: str = Field(description="the name IMR letters use, e.g. `MTUS Chronic Pain Medical Treatment 2016`")
    version: str
    regulation: str | None = Field(None, description="e.g. `8 CCR §9792.24.2` or `Labor Code §4604.5`")
    mtus: bool = Field(description="part of the MTUS (else non-MTUS evidence, ranked below it: §9792.21.1)")
    publisher: Literal["state", "acoem", "odg", "statute"]
    effective_from: dt.date
    effective_to: dt.date | None = None
    source: str
    sections: dict[str, Section]

    @model_validator(mode="after")
    def _window(self) -> Guideline:
        if self.effective_to and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        return self


# --- conditions ----------------------------------------------------------------------------------------


class FactRef(_Strict):
    """The value of another fact, as the right-hand side of a comparison."""

    fact: str


class ThresholdRef(_Strict):
    """A named number of the rule (see `Rule.thresholds`), so that every number carries its citation."""

    threshold: str


Scalar = bool | int | float | str
Operand = FactRef | ThresholdRef | Scalar | list[str | int]
OPS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "is", "has_any")


class Cmp(_Strict):
    """Compare a fact with a constant, a threshold or another fact: `{fact: prior.sessions, lte: {threshold: cap}}`."""

    fact: str
    eq: Operand | None = None
    ne: Operand | None = None
    lt: Operand | None = None
    lte: Operand | None = None
    gt: Operand | None = None
    gte: Operand | None = None
    in_: list[str | int] | None = Field(None, alias="in")
    is_: bool | None = Field(None, alias="is")
    has_any: list[str] | None = Field(None, description="a list fact shares at least one value with these")

    @model_validator(mode="after")
    def _one_op(self) -> Cmp:
        given = [op for op in OPS if self.operand_of(op) is not None]
        if len(given) != 1:
            raise ValueError(f"a comparison needs exactly one of {', '.join(OPS)}; got {given or 'none'}")
        return self

    def operand_of(self, op: str) -> Any:
        """The operand given for `op`, or None."""
        return getattr(self, {"in": "in_", "is": "is_"}.get(op, op))

    @property
    def op(self) -> str:
        """The single operator of this comparison."""
        return next(op for op in OPS if self.operand_of(op) is not None)

    @property
    def operand(self) -> Any:
        """The single operand of this comparison."""
        return self.operand_of(self.op)


class Known(_Strict):
    """True when the fact is documented (any value)."""

    known: str


class Unknown(_Strict):
    """True when the fact is not documented."""

    unknown: str


class All(_Strict):
    """Every sub-condition holds."""

    all: list[Condition] = Field(min_length=1)


class AnyOf(_Strict):
    """At least one sub-condition holds."""

    any: list[Condition] = Field(min_length=1)


class AtLeast(_Strict):
    """At least N of the sub-conditions hold."""

    at_least: int = Field(ge=1)
    of: list[Condition] = Field(min_length=1)

    @model_validator(mode="after")
    def _n(self) -> AtLeast:
        if self.at_least > len(self.of):
            raise ValueError(f"at_least {self.at_least} of only {len(self.of)} conditions can never hold")
        return self


class Not(_Strict):
    """The sub-condition does not hold (unknown stays unknown)."""

    not_: Condition = Field(alias="not")


def _cond_tag(v: Any) -> str | None:
    if isinstance(v, dict):
        for key in ("all", "any", "at_least", "not", "known", "unknown", "fact"):
            if key in v:
                return key
        return None
    if isinstance(v, BaseModel):
        return {All: "all", AnyOf: "any", AtLeast: "at_least", Not: "not", Known: "known",
                Unknown: "unknown", Cmp: "fact"}.get(type(v))
    return None


Condition = Annotated[
    Annotated[All, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[AtLeast, Tag("at_least")]
    | Annotated[Not, Tag("not")]
    | Annotated[Known, Tag("known")]
    | Annotated[Unknown, Tag("unknown")]
    | Annotated[Cmp, Tag("fact")],
    Discriminator(
        _cond_tag,
        custom_error_type="condition",
        custom_error_message="a condition is one of all / any / at_least+of / not / known / unknown / fact+op",
    ),
]

All.model_rebuild()
AnyOf.model_rebuild()
AtLeast.model_rebuild()
Not.model_rebuild()


# --- rules -----------------------------------------------------------------------------------------------


class Threshold(_Strict):
    """A number the rule uses, with where it comes from and how well that is verified."""

    value: int | float
    cite: str | None = Field(None, description="`doc#section`; defaults to the rule's first citation")
    status: Literal["verified", "verified-imr", "unverified"]
    note: str | None = None


class Window(_Strict):
    """Dates (of the request) between which a rule applies, both inclusive."""

    from_: dt.date | None = Field(None, alias="from")
    to: dt.date | None = None


class CriterionText(_Strict):
    """The guideline criterion a rule encodes, where it was read, so one rule can be checked against one paragraph.

    State-published text (CPMTG, Acupuncture, Postsurgical, Opioids, the regulations, the Labor Code) is quoted
    exactly, and the quote must be one the catalog holds for that section (`guidelines/`), so that its source
    and verification status live in one place. ACOEM and ODG text is copyrighted: their criteria are stated
    in our own words (`summary`), never quoted."""

    cite: str = Field(description="`doc#section` the criterion was read in; one of the rule's `cites`")
    quote: str | None = Field(None, min_length=3, description="exact state-published words (in the catalog)")
    summary: str | None = Field(None, min_length=10, description="the criterion in our own words (ACOEM, ODG)")
    page: str | None = Field(None, description="page or table, where known (else the catalog section's page)")
    read_in: str = Field(min_length=3, description="where these words were read: a source, an IMR letter's quote")

    @model_validator(mode="after")
    def _one_text(self) -> CriterionText:
        if (self.quote is None) == (self.summary is None):
            raise ValueError("a criterion has exactly one of `quote` (state text) or `summary` (our words)")
        return self


class Rationale(_Strict):
    """Rationale sentences in the reviewer's style; `{path}` placeholders are filled from the facts."""

    met: str
    not_met: str
    unknown: str | None = None


class Rule(_Strict):
    """One guideline criterion (or one derived fact) with its citations and version window."""

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    title: str
    services: list[Service] = Field(
        default_factory=list, description="the service kinds it decides (`all`: every kind, for a criterion that "
        "comes before any clinical one); a `derive` rule without services derives its fact for every item (a "
        "definition, such as chronic pain)"
    )
    cites: list[str] = Field(min_length=1, description="`doc#section` ids from guidelines/")
    effective: Window | None = None
    when: Condition | None = Field(None, description="applicability: the rule applies only when this holds")
    require: Condition | None = Field(None, description="the criterion that must hold for the service")
    not_recommended: bool = Field(False, description="the guideline does not recommend the service here")
    limit: bool = Field(
        False, description="a legal ceiling (such as the 24-visit cap): unmet, it upholds; met, it shows no "
        "medical necessity, so alone it never overturns"
    )
    derive: str | None = Field(None, pattern=r"^[a-z][a-z0-9_]*$", description="assert `derived.<name>`")
    thresholds: dict[str, Threshold] = Field(default_factory=dict)
    criterion: list[CriterionText] = Field(
        default_factory=list, description="the guideline criterion this rule encodes (one or more parts)"
    )
    rationale: Rationale | None = None
    missing: str | None = Field(None, description="the documentation or change that would meet the criterion")
    quote: int = Field(0, ge=0, description="which quote of the first cited section to show")
    same_in: dict[str, str] = Field(
        default_factory=dict,
        description="the same criterion in another version: `{cpmtg-2016: cpmtg-2009}` adds a copy of the rule "
        "that cites the other document's sections of the same ids, in force in that document's window",
    )

    @field_validator("services", mode="before")
    @classmethod
    def _all_services(cls, v: Any) -> Any:
        return list(Service) if v == "all" else v

    @field_validator("criterion", mode="before")
    @classmethod
    def _criterion_list(cls, v: Any) -> Any:
        return [v] if isinstance(v, dict) else v

    @model_validator(mode="after")
    def _one_effect(self) -> Rule:
        effects = [e for e, on in (("require", self.require is not None), ("not_recommended", self.not_recommended),
                                   ("derive", self.derive is not None)) if on]
        if len(effects) != 1:
            raise ValueError(f"a rule has exactly one of require / not_recommended / derive; got {effects or 'none'}")
        if self.derive and self.when is None:
            raise ValueError("a derive rule needs `when`: the condition under which the fact is true")
        if not self.derive and self.rationale is None:
            raise ValueError("a deciding rule needs a `rationale`")
        if not self.derive and not self.services:
            raise ValueError("a deciding rule needs `services`: the service kinds it decides")
        return self

    def version_copies(self) -> list[Rule]:
        """The copies `same_in` asks for, each citing the other version (ids get its version as a suffix)."""
        out = []
        for old, new in self.same_in.items():
            def swap(cite: str, old: str = old, new: str = new) -> str:
                doc, _, section = cite.partition("#")
                return f"{new}#{section}" if doc == old else cite

            thresholds = {k: t.model_copy(update={"cite": swap(t.cite) if t.cite else None})
                          for k, t in self.thresholds.items()}
            suffix = re.sub(r"[^A-Z0-9]", "", new.rsplit("-", 1)[-1].upper()) or "V"
            criterion = [c.model_copy(update={"cite": swap(c.cite)}) for c in self.criterion]
            out.append(self.model_copy(update={"id": f"{self.id}-{suffix}", "cites": [swap(c) for c in self.cites],
                                               "thresholds": thresholds, "quote": 0, "same_in": {},
                                               "effective": None, "criterion": criterion}))
        return out

    def serves(self, service: str | None) -> bool:
        """Whether the rule reads items of this service kind (a derive rule without services reads every item)."""
        return not self.services or service in {s.value for s in self.services}

    @property
    def decides(self) -> bool:
        """Whether the rule decides items (as opposed to deriving a fact for other rules)."""
        return self.derive is None


class RuleFileHeader(_Strict):
    """The keys of a `rules/<topic>.yaml` file other than its rules."""

    topic: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str
    description: str | None = None


class RuleFile(RuleFileHeader):
    """One `rules/<topic>.yaml` file."""

    rules: list[Rule] = Field(min_length=1)
