"""Evidence: what one reader read in one sentence, and the written precedence that settles each fact.

Readers never write case facts. Each emits `Evidence` records (fact path, value, sentence, reader, and the half
of the body the sentence concerns); `resolve()` settles every path by the policy in `POLICY`, as
`engine.decision.combine` settles outcomes: one place says which reading wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from engine.narrative.context import is_other_source

#: findings whose body part matters: a neck finding does not support a low back request, and a surgery planned
#: (or considered) for the shoulder is no surgery considered for the low back; red flags and signs of tissue insult
#: are also tied to the one region their sentence names (`findings.finding_region`)
REGIONAL_FIELDS = frozenset({"radicular_signs", "focal_neuro_deficit", "entrapment_signs", "imaging_surgical_lesion",
                             "imaging_corroboration", "objective_functional_deficit", "surgery_planned",
                             "surgical_candidate", "red_flags", "tissue_insult_signs", "objective_insult_signs"})


@dataclass(frozen=True)
class Evidence:
    """One reading: `path` (e.g. `findings.red_flags`) has `value`, read by `reader` in `sentence`."""

    path: str
    value: Any
    sentence: str
    reader: str
    half: str = "any"
    #: order of the sentence in the summary (later sentences usually report later visits)
    position: int = 0
    #: the one region the sentence ties the finding to, when it ties it to one (a surgery planned for the shoulder)
    region: str | None = None


def _any_true(values: list[Evidence]) -> Any:
    """A positive reading wins: one affirmed mention (an exam on one date) establishes the finding."""
    return True if any(e.value is True for e in values) else values[0].value


def _first(values: list[Evidence]) -> Any:
    return values[0].value


def _latest(values: list[Evidence]) -> Any:
    """The latest sentence wins: the current status is the last one the summary reports."""
    return max(values, key=lambda e: e.position).value


def _min(values: list[Evidence]) -> Any:
    return min(e.value for e in values)


def _max(values: list[Evidence]) -> Any:
    return max(e.value for e in values)


#: how each path is settled when several readings disagree; a path not listed is settled by `_any_true`
POLICY: dict[str, Callable[[list[Evidence]], Any]] = {
    "findings.work_status": _latest,
    "findings.pain_score": _first,
    "findings.surgery_procedure": _first,
    "findings.surgery_date": _max,
    "findings.injection_relief_percent": _latest,  # the latest injection's (of one sentence's, the last-named)
    "findings.injection_relief_weeks": _latest,
    "findings.drug_tests_past_year": _max,
    "findings.symptoms_persist": _latest,          # at the latest visit
    "findings.hospital_stay_days": _first,
    "findings.days_since_discharge": _min,         # the latest discharge
    "findings.insomnia_months": _max,
    "dates.request": _max,
    "dates.onset": _min,
}


@dataclass
class Reading:
    """Everything the readers found in one case text."""

    evidence: list[Evidence] = field(default_factory=list)

    def add(self, path: str, value: Any, sentence: str, reader: str, *, half: str = "any", position: int = 0,
            region: str | None = None) -> None:
        """Record one reading (a None value records provenance only)."""
        self.evidence.append(Evidence(path, value, sentence, reader, half, position, region))

    def extend(self, items: Iterable[Evidence]) -> None:
        """Record readings made elsewhere."""
        self.evidence.extend(items)

    def of(self, path: str) -> list[Evidence]:
        """The readings of one path, in sentence order."""
        return [e for e in self.evidence if e.path == path]

    def paths(self, prefix: str) -> list[str]:
        """Every path read under a prefix, in first-read order."""
        seen: dict[str, None] = {}
        for e in self.evidence:
            if e.path.startswith(prefix):
                seen.setdefault(e.path)
        return list(seen)


def resolve(evidence: list[Evidence]) -> Any:
    """The value of one path from its readings, by `POLICY` (None when no reading has a value). A reviewer's,
    UR's or the claims administrator's words say what the record lacks, not what the patient lacks: they never
    set a finding to False."""
    valued = [e for e in evidence if e.value is not None and not (e.value is False and is_other_source(e.sentence))]
    if not valued:
        return None
    return POLICY.get(valued[0].path, _any_true)(sorted(valued, key=lambda e: e.position))


def resolve_findings(reading: Reading) -> tuple[dict[str, Any], dict[tuple[str, str, str], bool]]:
    """Every `findings.*` value, and the regional readings of the fields whose body part matters, keyed by field,
    half and region ("" when the reading is tied to no one region)."""
    values: dict[str, Any] = {}
    regional: dict[tuple[str, str, str], bool] = {}
    for path in reading.paths("findings."):
        name = path.removeprefix("findings.")
        evs = reading.of(path)
        value = resolve(evs)
        if value is not None:
            values[name] = value
        if name in REGIONAL_FIELDS:
            for half, region in sorted({(e.half, e.region or "") for e in evs if isinstance(e.value, bool)}):
                regional[(name, half, region)] = any(e.value is True for e in evs
                                                     if e.half == half and (e.region or "") == region)
    return values, regional


def provenance(reading: Reading) -> dict[str, list[str]]:
    """Field path -> the sentences it was read from, for a reviewer correcting the facts."""
    out: dict[str, list[str]] = {}
    for e in reading.evidence:
        lst = out.setdefault(e.path, [])
        if e.sentence and e.sentence not in lst:
            lst.append(e.sentence)
    return out
