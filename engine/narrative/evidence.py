"""Evidence: what one reader read in one sentence, and the written precedence that settles each fact.

Readers never write case facts. Each emits `Evidence` records (fact path, value, sentence, reader, and the half
of the body the sentence concerns); `resolve()` settles every path by the policy in `POLICY`, as
`engine.decision.combine` settles outcomes: one place says which reading wins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from engine.narrative.context import is_other_source
from engine.narrative.tables import any_of
from engine.narrative.text import Text
from engine.narrative.textnum import MONTH_RE, MONTHS, find_dates, month_number, parse_month

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


#: paths whose fact is the reviewer's or the carrier's own act, so their words state it, False included: UR's
#: non-certification of a surgery is that surgery not authorized (`surgery.surgery_decision`)
REVIEWERS_OWN_ACT = frozenset({"findings.surgery_approved"})
#: how each path is settled when several readings disagree; a path not listed is settled by `_any_true`
POLICY: dict[str, Callable[[list[Evidence]], Any]] = {
    "findings.work_status": _latest,
    "findings.pain_score": _first,
    "findings.surgery_procedure": _first,
    "findings.surgery_date": _max,
    "findings.injection_relief_percent": _latest,  # the latest injection's (of one sentence's, the last-named)
    "findings.injection_relief_weeks": _latest,
    "findings.injection_relief_kind": _latest,
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


#: paths settled by the visit they were read at, not by where the summary writes them: the latest dated visit decides
#: (a summary may tell the visits out of order: "On 05/01 the pain had resolved. On 03/01 she reported pain 7/10")
BY_VISIT = frozenset({"findings.symptoms_persist"})
#: paths whose values one statement gives together, settled together: the latest sentence that gives any of them
#: gives them all ("60% relief for 6 weeks" and a later "50% relief" are two injections: 50%, the weeks not stated)
PAIRED: tuple[tuple[str, ...], ...] = (
    ("findings.injection_relief_percent", "findings.injection_relief_weeks", "findings.injection_relief_kind"),
)


#: what a date written just after it dates other than a visit, one a row: a study, a procedure, a review or the
#: request ("she reported pain 7/10, and the MRI of 05/20/2016 was reviewed": the visit is not 05/20/2016)
NOT_A_VISIT_DATE: tuple[str, ...] = (
    r"mri", r"x-?rays?", r"ct(?: scan)?", r"emg", r"ncv", r"ncs", r"nerve conduction \w+", r"electrodiagnostic \w+",
    r"scan", r"ultrasound", r"stud(?:y|ies)", r"imaging", r"surgery", r"operation", r"procedure", r"injections?",
    r"esi", r"block", r"ur", r"utilization review", r"review", r"determination", r"denial", r"injury", r"doi",
    r"rfa", r"request(?:ed)?", r"authori[sz]ation", r"certification",
)
_NOT_A_VISIT_DATE = re.compile(r"\b(?:" + "|".join(NOT_A_VISIT_DATE) + r")\s+(?:(?:dated|done|performed|of|on|from|"
                               r"dates?)\s+)*(?:\w+\s+)?$", re.I)


def visit_dates(text: Text) -> dict[int, dt.date]:
    """The visit each sentence reports, by position: the latest date the sentence writes (not the injury date, a
    date after the summary's own date nor a date of a study, procedure or review, `NOT_A_VISIT_DATE`), else the visit
    of the sentence before it (a summary tells one visit in several sentences); a sentence before any dated one has
    none."""
    out: dict[int, dt.date] = {}
    current: dt.date | None = None
    for pos, s in text.numbered():
        dates = [d for d, at in find_dates(s) if d != text.injury and (text.as_of is None or d <= text.as_of)
                 and not _NOT_A_VISIT_DATE.search(s[max(0, at - 40):at])]
        if dates:
            current = max(dates)
        if current is not None:
            out[pos] = current
    return out


#: exam findings a later visit's examination replaces: the latest visit's exam stands, in whichever order the summary
#: tells the visits ("SLR was positive on 02/03/2016. On 05/01/2016 it was negative": negative now); within one visit
#: the field's own policy still settles its readings (a positive SLR on the left and a negative one on the right)
BY_EXAM = frozenset({"findings.radicular_signs", "findings.focal_neuro_deficit", "findings.entrapment_signs",
                     "findings.muscle_spasm", "findings.knee_mechanical_signs", "findings.trigger_points",
                     "findings.tissue_insult_signs", "findings.pain_score", "findings.sacroiliac_positive_tests"})

#: what places a sentence at the summary's latest visit without a date, one phrasing a row
LATEST_VISIT: tuple[str, ...] = (
    r"\btoday\b", r"\bat (?:the |this )?(?:latest|most recent|current|present) (?:visit|exam\w*|evaluation|follow-?up)",
    r"\bon (?:the )?(?:latest|most recent|current) (?:visit|exam\w*|evaluation)",
)
#: what places a sentence at a visit after the one the sentence before it reports, one phrasing a row
LATER_VISIT: tuple[str, ...] = (
    r"\b(?:on|at) re-?(?:examination|evaluation|check)\b", r"\bat (?:the )?follow-?up\b", r"\bon follow-?up\b",
)
#: what places a sentence at an earlier visit than the summary's latest one, one phrasing a row
EARLIER_VISIT: tuple[str, ...] = (
    r"\b(?:at|on) (?:the |her |his )?(?:initial|first|previous|prior|last) (?:visit|exam\w*|evaluation)",
    r"\binitially\b",
)
_LATEST_VISIT, _LATER_VISIT, _EARLIER_VISIT = any_of(LATEST_VISIT), any_of(LATER_VISIT), any_of(EARLIER_VISIT)
#: a month named without a day or year ("in March"): the visit of that month
_BARE_MONTH = re.compile(r"\b(?:in|during|by) (?:early |mid-?|late )?(" + "|".join(MONTHS) + r")\b(?!\s*\d)", re.I)


def _bare_month(month: int, as_of: dt.date | None) -> dt.date | None:
    """A month written without its year: the latest such month on or before the summary's date."""
    if as_of is None:
        return None
    return dt.date(as_of.year if month <= as_of.month else as_of.year - 1, month, 1)


def visit_order(text: Text) -> dict[int, tuple[int, int, int]]:
    """The visit each sentence reports, as a key that orders visits: a dated visit (`visit_dates`, or a month the
    sentence names), a visit the sentence calls the latest ("today", "at the most recent exam", after every dated
    one), one it calls earlier ("at the initial visit", before every dated one) or one after the sentence before it
    ("on re-examination"); a sentence that says none reports the visit of the sentence before it."""
    dates = visit_dates(text)
    out: dict[int, tuple[int, int, int]] = {}
    current: tuple[int, int, int] | None = None
    previous: dt.date | None = None
    for pos, s in text.numbered():
        month = next((m for m in (_bare_month(month_number(b.group(1)), text.as_of) for b in _BARE_MONTH.finditer(s))
                      if m is not None), None)
        named = next((dt.date(*parse_month(m), 1) for m in MONTH_RE.finditer(s)), None)
        dated = dates.get(pos) if dates.get(pos) != previous else None
        if _LATEST_VISIT.search(s):
            current = (2, 0, 0)
        elif _EARLIER_VISIT.search(s):
            current = (0, 0, 0)
        elif dated or named or month:
            when = dated or named or month
            assert when is not None
            current = (1, when.toordinal(), 0)
        elif _LATER_VISIT.search(s) and current is not None:
            current = (current[0], current[1], current[2] + 1)
        previous = dates.get(pos, previous)
        if current is not None:
            out[pos] = current
    return out


def _by_exam(values: list[Evidence], order: dict[int, tuple[int, int, int]]) -> list[Evidence]:
    """The readings of the latest visit, when every reading is placed at a visit and they are at more than one;
    else all of them."""
    if not all(e.position in order for e in values) or len({order[e.position] for e in values}) < 2:
        return values
    last = max(order[e.position] for e in values)
    return [e for e in values if order[e.position] == last]


def _latest_visit(values: list[Evidence], visits: dict[int, dt.date]) -> Any:
    """The latest dated visit's reading (of its sentences, the last); a reading at no dated visit only when none is."""
    dated = [e for e in values if e.position in visits]
    if not dated:
        return _latest(values)
    return max(dated, key=lambda e: (visits[e.position], e.position)).value


def resolve(evidence: list[Evidence], visits: dict[int, dt.date] | None = None) -> Any:
    """The value of one path from its readings, by `POLICY` (None when no reading has a value). A reviewer's,
    UR's or the claims administrator's words say what the record lacks, not what the patient lacks: they never
    set a finding to False."""
    valued = [e for e in evidence if e.value is not None and not (
        e.value is False and is_other_source(e.sentence) and e.path not in REVIEWERS_OWN_ACT)]
    if not valued:
        return None
    ordered = sorted(valued, key=lambda e: e.position)
    if visits and valued[0].path in BY_VISIT:
        return _latest_visit(ordered, visits)
    return POLICY.get(valued[0].path, _any_true)(ordered)


def _paired(reading: Reading) -> dict[str, list[Evidence]]:
    """The readings of each `PAIRED` path that count: those of the latest sentence giving any path of the pair."""
    out: dict[str, list[Evidence]] = {}
    for paths in PAIRED:
        evs = [e for p in paths for e in reading.of(p) if e.value is not None and not is_other_source(e.sentence)]
        if evs:
            last = max(e.position for e in evs)
            out.update({p: [e for e in evs if e.path == p and e.position == last] for p in paths})
    return out


def resolve_findings(reading: Reading, visits: dict[int, dt.date] | None = None,
                     exams: dict[int, tuple[int, int, int]] | None = None
                     ) -> tuple[dict[str, Any], dict[tuple[str, str, str], bool]]:
    """Every `findings.*` value, and the regional readings of the fields whose body part matters, keyed by field,
    half and region ("" when the reading is tied to no one region). `visits` (`visit_dates`) settles the `BY_VISIT`
    paths by the visit they were read at; `exams` (`visit_order`) keeps, of a `BY_EXAM` path, the latest visit's
    readings."""
    values: dict[str, Any] = {}
    regional: dict[tuple[str, str, str], bool] = {}
    paired = _paired(reading)
    for path in reading.paths("findings."):
        name = path.removeprefix("findings.")
        evs = reading.of(path)
        if exams and path in BY_EXAM:
            valued = [e for e in evs if e.value is not None and not (e.value is False and is_other_source(e.sentence))]
            evs = _by_exam(valued, exams) if valued else evs
        value = resolve(paired.get(path, evs), visits)
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
