"""Narrative case text into case facts: an ordered list of named steps, each reading one fact family.

The order is the list `STEPS`, and nothing else: a step reads only what earlier steps produced (`State`). The
readers emit evidence; `evidence.resolve` settles each fact by its written precedence; the last step builds the
`Case` with the sentences each fact came from (`provenance`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from engine.facts import Case, Conflict, DisputedItem, Findings, Medication, PriorStudy, TreatmentCourse
from engine.narrative.certification import (
    disputed_part,
    read_authorized_unused,
    read_certified_part_response,
    read_partial_certification,
)
from engine.narrative.dates import read_dates, summary_injury_date, summary_injury_period, summary_ur_date
from engine.narrative.evidence import Reading, provenance, resolve, resolve_findings, visit_dates, visit_order
from engine.narrative.findings import read_findings
from engine.narrative.history import (
    KINDS,
    LISTED_KINDS,
    RECEIVED_KINDS,
    read_carried_counts,
    read_denied_treatments,
    read_further_unnamed,
    read_history,
    read_hospital_stay,
    read_injection_relief,
    read_injections,
    read_listed_treatments,
    read_never_attended,
    read_received_treatments,
    settle_courses,
)
from engine.narrative.medications import read_medications
from engine.narrative.motion import read_measured_motion
from engine.narrative.patient import Patient, read_patient, read_regions
from engine.narrative.relief_kind import read_relief_kind
from engine.narrative.requests import PREOP, find_regions, inherit_regions, parse_request
from engine.narrative.sections import Parts, split
from engine.narrative.status import (
    read_conservative_care,
    read_drug_tests,
    read_improvement,
    read_insomnia_duration,
    read_work_and_pain,
)
from engine.narrative.studies import read_prior_studies, read_repeat_study, read_study_results
from engine.narrative.surgery import read_surgery, surgery_kind
from engine.narrative.tables import any_of
from engine.narrative.text import Text
from engine.narrative.textnum import find_dates
from engine.vocab import (
    DRUG_SERVICES,
    INJECTION_SERVICES,
    SURGICAL_ANCILLARY_SERVICES,
    VISIT_THERAPY_SERVICES,
    Service,
    regions_overlap,
)

#: drug kinds that accompany another drug in the same request: the first item of the leader kind
COMPANIONS = {Service.laxative: Service.opioid, Service.ppi: Service.nsaid}


@dataclass
class State:
    """What the steps have produced so far."""

    text: str
    default_id: str
    parts: Parts = field(default_factory=Parts)
    summary: Text = field(default_factory=lambda: Text([]))
    reading: Reading = field(default_factory=Reading)
    patient: Patient = field(default_factory=Patient)
    history: list[TreatmentCourse] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    studies: list[PriorStudy] = field(default_factory=list)
    medications: list[Medication] = field(default_factory=list)
    medications_listed: bool = False
    items: list[DisputedItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    case: Case | None = None


# --- the steps, in order -------------------------------------------------------------------------------------


def split_text(st: State) -> None:
    """Header dates, summary and request lines (a letter's decisions and rationales are dropped here)."""
    st.parts = split(st.text)


def fill_dates(st: State) -> None:
    """Without header dates, read the injury date from the summary and take the latest dated report as the
    request date (the request follows the last report the summary cites)."""
    parts = st.parts
    if parts.onset is not None:
        st.reading.add("dates.onset", parts.onset, "the header's injury period", "dates")
    if parts.injury is None:
        # an injury written as a period (a cumulative trauma claim) first: its first date is the onset, not the injury
        period = summary_injury_period(parts.summary)
        if period is not None:
            st.reading.add("dates.onset", period[0], period[2], "dates")
            parts.injury = period[1]
        else:
            parts.injury = summary_injury_date(parts.summary)
    if parts.ur_date is None:
        ur = summary_ur_date(parts.summary)
        if ur is not None and (parts.injury is None or ur[0] >= parts.injury):
            parts.ur_date = ur[0]
            st.reading.add("dates.ur_decision", ur[0], ur[1], "dates")
    if parts.ur_date is None:
        dates = [d for d, _ in find_dates(parts.summary) if parts.injury is None or d >= parts.injury]
        if dates:
            parts.request = max(dates)
    st.summary = Text.of(parts.summary, as_of=parts.ur_date or parts.request, injury=parts.injury)
    read_dates(st.summary, st.reading)
    if parts.ur_date is not None or st.reading.of("dates.request"):
        parts.request = resolve(st.reading.of("dates.request")) or parts.request
    if parts.request is None and parts.ur_date is not None and st.reading.of("dates.ur_decision"):
        # the UR date came from the summary and no phrasing dates the request: the latest date before the review
        # stands in for it (the request precedes its review), as the latest report does when no UR date is known;
        # the injury's own date is no visit's (with only that date, the request stays unknown and the UR date dates
        # the case)
        before = [d for d, _ in find_dates(parts.summary)
                  if d < parts.ur_date and (parts.injury is None or d > parts.injury)]
        parts.request = max(before) if before else None


def read_patient_step(st: State) -> None:
    """Age, sex and diagnoses."""
    st.patient = read_patient(st.summary, st.reading)


def read_history_step(st: State) -> None:
    """Courses of therapy and prior injections, each settled into one history entry."""
    read_history(st.summary, st.reading)
    read_further_unnamed(st.summary, st.reading)
    read_carried_counts(st.summary, st.reading)
    read_never_attended(st.summary, st.reading)
    read_injections(st.summary, st.reading)
    read_listed_treatments(st.summary, st.reading)
    read_received_treatments(st.summary, st.reading)
    read_denied_treatments(st.summary, st.reading)
    read_hospital_stay(st.summary, st.reading, st.parts.request or st.parts.ur_date)
    listed = [k for k, _ in LISTED_KINDS] + [k for k, _ in RECEIVED_KINDS]
    for kind in [k for k, _ in KINDS] + [k for k in dict.fromkeys(listed) if k not in dict(KINDS)]:
        for course, conflict in settle_courses(kind, st.reading.of(f"history.{kind.value}")):
            if course is not None:
                st.history.append(course)
            if conflict is not None:
                st.conflicts.append(conflict)


def read_findings_step(st: State) -> None:
    """Exam findings (the phrase table), studies and their results, surgery, work, pain and improvement."""
    read_findings(st.summary, st.reading)
    read_measured_motion(st.summary, st.reading)
    st.studies = read_prior_studies(st.summary, st.reading)
    read_study_results(st.summary, st.reading)
    read_surgery(st.summary, st.reading)
    read_work_and_pain(st.summary, st.reading)
    read_improvement(st.summary, st.reading)
    read_conservative_care(st.summary, st.reading)
    read_drug_tests(st.summary, st.reading)
    read_insomnia_duration(st.summary, st.reading)


def read_medications_step(st: State) -> None:
    """Current drugs."""
    meds = read_medications(st.summary, st.reading)
    st.medications, st.medications_listed = meds.drugs, meds.listed


#: how a request line says it is what remains of a request UR certified in part, one a row
REMAINDER_LINE: tuple[str, ...] = (
    r"\b(?:the )?(?:remaining|balance of the|rest of the) (?:\w+ ){0,2}?(?:sessions|visits|portion)\b",
    r"\bremaining (?:imr )?eligible\b",
    r"\bremaining \d+ (?:of|out of) (?:the )?\d+\b",                         # "remaining 6 of 12 visits"
)
_REMAINDER_LINE = any_of(REMAINDER_LINE)


def _part_in_dispute(item: DisputedItem, reading: Reading) -> DisputedItem:
    """A request UR certified in part is the part still in dispute (`DisputedItem.remainder`): the count its line
    writes as not certified ("12 visits (6 certified; 6 non-certified)" is 6), or, for a line that writes the
    original request's count, the count the summary's sentence of the split leaves in dispute ("12 visits" after
    "UR certified 6 and non-certified the remaining 6")."""
    d, _ = disputed_part(item.text)
    if d is not None:
        return item.model_copy(update={"remainder": True, "quantity": d})
    if item.remainder and item.service is not None and item.quantity is not None:
        for e in reading.of(f"items.disputed_part.{item.service.value}"):
            left, total = e.value
            if total is not None and item.quantity == total:
                return item.model_copy(update={"quantity": left})
    return item


def read_requests(st: State) -> None:
    """The disputed items, with the part of a request UR already certified marked as a remainder."""
    read_partial_certification(st.summary, st.reading)
    read_authorized_unused(st.summary, st.reading)
    read_certified_part_response(st.summary, st.reading)
    remainder = {Service(p.rsplit(".", 1)[1]) for p in st.reading.paths("items.remainder.")}
    authorized = {Service(p.rsplit(".", 1)[1]) for p in st.reading.paths("items.authorized.")}
    for line in st.parts.items:
        item = parse_request(line)
        if item.service is None:
            st.notes.append(f"request not recognized: {line!r}")
        if item.service in remainder or (
                item.service in DRUG_SERVICES and re.match(r"^\s*(?:two|three|\d+) refills? of\b", line, re.I)):
            item = item.model_copy(update={"remainder": True})
        if re.match(r"^\s*(?:remaining|continuation)\b", line, re.I) or _REMAINDER_LINE.search(line):
            item = item.model_copy(update={"remainder": True})
        item = _part_in_dispute(item, st.reading)
        if item.remainder and item.certified_part_response is None and item.service is not None:
            said = st.reading.of(f"items.certified_response.{item.service.value}") or st.reading.of(
                "items.certified_response")
            if said:
                # a statement that the certified part did nothing outweighs one of improvement
                item = item.model_copy(update={"certified_part_response": all(e.value for e in said)})
        if item.service in authorized and not item.remainder:
            item = item.model_copy(update={"already_authorized": True})
        if item.service in INJECTION_SERVICES - {Service.radiofrequency_ablation}:
            st.reading.add("findings.injection_planned", True, line, "requests")  # requested: an injection planned
        st.items.append(item)
    # the relief of a prior injection of the kind requested (or an epidural's): read once the requests are known
    requested = {it.service.value + (f":{it.modality}" if it.modality else "") for it in st.items
                 if it.service in INJECTION_SERVICES} | {it.service.value for it in st.items if it.service in INJECTION_SERVICES}
    read_injection_relief(st.summary, st.reading, requested)
    read_relief_kind(st.reading)


def read_repeat_studies(st: State) -> None:
    """Whether a requested study was already done (a study of the same region on record)."""
    read_repeat_study(st.summary, st.studies, st.items, st.reading)


def link_items(st: State) -> None:
    """Items that serve another item of the case follow it: an exam with its therapy, a laxative with its
    opioid, pre-operative tests with the surgery, sedation with the injection."""
    st.items = _no_chains(_link_ancillaries(st.items))
    if any(it.service is Service.epidural_steroid_injection and re.search(
            r"\b(?:repeat|additional|another|second|third|series|two|three)\b", it.text, re.I) for it in st.items) and \
            not any(c.kind is Service.epidural_steroid_injection for c in st.history):
        st.history.append(TreatmentCourse(kind=Service.epidural_steroid_injection,
                                          improvement_note="the request is for a repeat injection"))


def item_regions(st: State) -> None:
    """Items that name no region take the region they are for: the surgery they follow, or the case's one
    region (`requests.inherit_regions`): the region the diagnoses name, else the complaint's (a diagnosis says
    what is treated; a complaint also says where symptoms go, "numbness to below the knee")."""
    treated = find_regions(" ".join(d.text for d in st.patient.diagnoses))
    before = [it.body_parts for it in st.items]
    st.items = inherit_regions(st.items, treated or read_regions(st.summary, st.patient.diagnoses))
    for n, (was, it) in enumerate(zip(before, st.items, strict=True)):
        if it.body_parts != was:
            # a region the request line does not write is inferred (the surgery it follows, the case's one region,
            # the part a device is worn on): say so where a reviewer correcting the facts looks
            st.reading.add(f"items.{n}.body_parts", None, f"inferred, not written on the request line: {it.text}",
                           "requests", position=10_000 + n)


def build_case(st: State) -> None:
    """The case facts, with provenance."""
    parts, reading = st.parts, st.reading
    as_of = parts.ur_date or parts.request
    findings, regional = resolve_findings(reading, visit_dates(st.summary), visit_order(st.summary))
    items = st.items
    done = resolve(reading.of("surgery.performed_on"))
    for path in reading.paths("performed."):
        name = path.removeprefix("performed.")
        if name not in findings:
            findings[name] = resolve(reading.of(path))
    history = list(st.history)
    dated = bool(done and (as_of is None or done <= as_of))
    if done and dated:  # without a UR or request date, a date the record says was performed
        # a surgery performed: the rules compare the days since it with their cited periods (the postsurgical
        # physical medicine period, post-operative opioid use); the reader records the date, nothing more
        findings["surgery_date"] = done
        history = [c for c in history if c.kind is not Service.surgery]
        history.append(TreatmentCourse(kind=Service.surgery, sessions=1, start=done,
                                       improvement_note="a surgery performed on this date"))
    scheduled = sorted(reading.of("surgery.scheduled_on"), key=lambda e: e.position)
    if scheduled and not dated:
        # a surgery scheduled or planned on a stated date, none performed: its date (the view reads a date after the
        # as-of date as a surgery to come); the last the record states, as a rescheduled date replaces the first
        findings["surgery_date"] = scheduled[-1].value
    # the other operations a sentence dates one by one ("a laminectomy on 01/28/2016 and a fusion on 04/19/2016"): a
    # course of one each, on its date; `surgery_date` stays the one the record's dates resolve to
    others = sorted({e.value for e in reading.of("surgery.dated")
                     if dated and e.value != done and (as_of is None or e.value <= as_of)})
    full = [d for d in (done, *others) if d is not None]
    # operations a surgical history dates by month alone: a course of one each, with no start (the schema's dates are
    # days); the one a full date already records is not counted again
    monthly = {e.value for e in reading.of("surgery.month_dated")
               if not any((d.year, d.month) == e.value[:2] for d in full)}
    # every operation in the order it was done (a month-dated one by its month's first day)
    ops = [(when, TreatmentCourse(kind=Service.surgery, sessions=1, start=when,
                                  improvement_note="a surgery performed on this date")) for when in others]
    ops += [(dt.date(year, month, 1), TreatmentCourse(
        kind=Service.surgery, sessions=1, improvement_note=f"{what}: performed {year}-{month:02d}, its day not documented"))
        for year, month, what in sorted(monthly)]
    if ops:
        ops += [(c.start or dt.date.max, c) for c in history if c.kind is Service.surgery]
        history = [c for c in history if c.kind is not Service.surgery] + [c for _, c in sorted(
            ops, key=lambda o: o[0])]
    if not dated and not monthly and reading.of("history.surgery") and not any(
            c.kind is Service.surgery for c in history):
        # a surgery the record says was performed without its date ("status post left knee arthroscopy in 2015"):
        # at least one, the count not documented
        history.append(TreatmentCourse(kind=Service.surgery, sessions_at_least=1,
                                       improvement_note="a surgery performed; its date is not documented"))
    elif reading.of("surgery.none") and not any(c.kind is Service.surgery for c in history):
        # the record says no surgery was done ("PSH: denies prior surgeries"): a stated zero, as for any kind
        history.append(TreatmentCourse(kind=Service.surgery, sessions=0,
                                       improvement_note="the record says no surgery was done"))
    surgeries = [i for i in items if i.service is Service.surgery]
    if surgeries:
        findings.pop("surgery_approved", None)  # the surgery is itself in dispute
        findings.update(surgery_kind(surgeries[0].text))
    halves = {h for (_, h, _) in regional}
    st.case = Case(
        case_id=parts.case_id or st.default_id,
        dates={"injury": parts.injury, "ur_decision": parts.ur_date, "request": parts.request,
               "onset": resolve(reading.of("dates.onset"))},
        patient={"age": st.patient.age, "sex": st.patient.sex},
        diagnoses=st.patient.diagnoses,
        body_parts=read_regions(st.summary, st.patient.diagnoses),
        history=history,
        findings=Findings(**findings),
        regional_findings=[{"field": f, "half": h, "value": v, **({"region": r} if r else {})}
                           for (f, h, r), v in sorted(regional.items())]
        if len(halves) > 1 or any(h != "any" for h in halves) else [],
        prior_studies=st.studies,
        medications=current_medications(st.medications, items),
        medications_known=st.medications_listed,
        treatments_listed=any(e.value for e in reading.of("treatments_listed")),
        items=items,
        conflicts=st.conflicts,
        provenance=provenance(reading),
    )


def current_medications(medications: list[Medication], items: list[DisputedItem]) -> list[Medication]:
    """The drugs the worker takes: a drug first prescribed in the plan under review and itself in dispute is a
    request, not yet a medication (its facts are the item's); one prescribed alongside and not disputed stays,
    marked `newly_prescribed`."""
    disputed = {it.drug for it in items if it.drug}
    return [m for m in medications if not (m.newly_prescribed and m.generic in disputed)]


#: The steps, in the order they run; each reads only what the steps before it produced.
STEPS: tuple[tuple[str, Callable[[State], None]], ...] = (
    ("split", split_text),
    ("dates", fill_dates),
    ("patient", read_patient_step),
    ("history", read_history_step),
    ("findings", read_findings_step),
    ("medications", read_medications_step),
    ("requests", read_requests),
    ("repeat studies", read_repeat_studies),
    ("link items", link_items),
    ("item regions", item_regions),
    ("build case", build_case),
)


def run(text: str, default_id: str = "case") -> State:
    """Run every step on one case text."""
    st = State(text, default_id)
    for _, step in STEPS:
        step(st)
    return st


# --- linking items -------------------------------------------------------------------------------------------


def _therapy_leader(it: DisputedItem, items: list[DisputedItem]) -> int | None:
    """An exam by a therapy provider in a case that requests that therapy follows the therapy's decision."""
    if it.service is not Service.office_visit or not re.search(r"\bexam|\bevaluation|\bre-?eval", it.text, re.I):
        return None
    therapy = [n for n, other in enumerate(items, 1) if other.service in VISIT_THERAPY_SERVICES]
    if re.search(r"chiropract", it.text, re.I):
        therapy = [n for n in therapy if items[n - 1].service is Service.chiropractic] or therapy
    return therapy[0] if therapy else None


def _link_companions(items: list[DisputedItem]) -> list[DisputedItem]:
    out = []
    for it in items:
        lead_item = _therapy_leader(it, items)
        if lead_item is not None:
            out.append(it.model_copy(update={"accompanies": lead_item}))
            continue
        lead = COMPANIONS.get(it.service) if it.service else None
        leaders = [n for n, other in enumerate(items, 1) if lead and other.service is lead
                   and other.postoperative == it.postoperative]
        out.append(it.model_copy(update={"accompanies": leaders[0]}) if leaders else it)
    return out


def _no_chains(items: list[DisputedItem]) -> list[DisputedItem]:
    """An item that would follow an item that itself follows another is decided on its own: a case holds no
    chains (an exam with post-operative therapy that follows a surgery in dispute)."""
    def leads(it: DisputedItem) -> int | None:
        return it.follows_surgery or it.accompanies

    out = []
    for it in items:
        ref = leads(it)
        if ref is not None and leads(items[ref - 1]) is not None:
            it = it.model_copy(update={"follows_surgery": None, "accompanies": None})
        out.append(it)
    return out


def regions_compatible(a: DisputedItem, b: DisputedItem) -> bool:
    """Whether one item can serve the other by their regions (`vocab.regions_overlap`): a facility for an ankle
    procedure does not serve an SI joint injection."""
    return regions_overlap((bp.region for bp in a.body_parts), (bp.region for bp in b.body_parts))


#: a facility or anesthesia line that is an injection's: it names one ("anesthesia for the epidural", "sedation for
#: the block"), or it is image guidance, which injections are done under ("fluoroscopic guidance")
INJECTION_NAMED = re.compile(r"\b(?:epidural|esi|injections?|blocks?|facet|medial branch|radiofrequency|rfa|"
                             r"rhizotomy|neurotomy|trigger points?|fluoroscop\w*|guidance)\b", re.I)


def _link_ancillaries(items: list[DisputedItem]) -> list[DisputedItem]:
    surgeries = [i for i, it in enumerate(items, 1) if it.service is Service.surgery]
    items = _link_companions(items)
    if not surgeries:
        # sedation or a facility for an injection follows the injection it serves (of a compatible region)
        out = []
        for it in items:
            if it.service is Service.surgical_facility:
                served = [i for i, other in enumerate(items, 1)
                          if other.service in INJECTION_SERVICES and regions_compatible(it, other)]
                it = it.model_copy(update={"follows_surgery": served[0]}) if served else it
            out.append(it)
        return out
    out = []
    for n, it in enumerate(items, 1):
        # the first surgery of a region this item can serve; none when every surgery is of another region. An
        # item that names itself a surgery's ("associated surgical service: 2 leg wraps", "pre-op chest x-ray",
        # "post-op ...") serves one of its region when there is one, else the first whatever region it names. A
        # facility or anesthesia with no surgery of its region serves an injection of its region ("monitored
        # anesthesia care for the lumbar epidural" beside a knee arthroscopy and a lumbar epidural)
        declared = it.postoperative or re.search(PREOP, it.text, re.I) is not None
        others = [i for i in surgeries if i != n]
        served = [i for i in others if regions_compatible(it, items[i - 1])]
        if it.service is Service.surgical_facility and INJECTION_NAMED.search(it.text):
            # anesthesia or a facility that names the injection it is for serves that injection, even beside a
            # surgery of a compatible region ("monitored anesthesia care for the epidural")
            served = [i for i, other in enumerate(items, 1)
                      if other.service in INJECTION_SERVICES and regions_compatible(it, other)] or served
        if not served and it.service is Service.surgical_facility:
            served = [i for i, other in enumerate(items, 1)
                      if other.service in INJECTION_SERVICES and regions_compatible(it, other)]
        if not served and declared:
            served = others
        surgery_regions = {bp.region for bp in items[served[0] - 1].body_parts} if served else set()
        if it.service is Service.dme and served and (
                re.search(r"sling|immobilizer|abduction|cold|cryo", it.text, re.I) or (
                    it.modality == "brace" and {bp.region for bp in it.body_parts} & surgery_regions)):
            it = it.model_copy(update={"service": Service.postop_dme})
        serves = (it.service in SURGICAL_ANCILLARY_SERVICES or (it.postoperative and it.service is not Service.surgery)) \
            and it.accompanies is None
        if serves and n not in surgeries and served:
            it = it.model_copy(update={"follows_surgery": served[0]})
        out.append(it)
    return out
