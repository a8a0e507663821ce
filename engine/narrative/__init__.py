"""Narrative case files (IMR case layout, or a whole letter) into case facts, with provenance.

`extract_case(text)` returns the `Case` and what it could not read; `extract_yaml(text)` prints the facts
as YAML for a reviewer to correct and evaluate (`mtus evaluate facts.yaml`): the round trip loses nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from engine.facts import Case, DisputedItem, Findings, TreatmentCourse
from engine.narrative import summary as sm
from engine.narrative.requests import parse_request
from engine.narrative.sections import split
from engine.narrative.textnum import find_dates
from engine.vocab import (
    DRUG_SERVICES,
    INJECTION_SERVICES,
    SURGICAL_ANCILLARY_SERVICES,
    VISIT_THERAPY_SERVICES,
    Service,
)

__all__ = ["Extraction", "extract_case", "extract_yaml"]

#: The presumptive postsurgical physical medicine period for surgeries the Postsurgical Treatment Guidelines do
#: not list: six months (postsurgical-2009#general; verified from a secondary summary only).
POSTSURGICAL_PERIOD_DAYS = 183

#: Opioids within three months of a surgery are post-operative ("up to three (3) months ... for more extensive
#: surgical procedures", opioids-2016#acute-postoperative, verified in IMR letters).
POSTOPERATIVE_OPIOID_DAYS = 91

_REMAINDER_PATTERNS = {**{k: p for k, p in sm.KINDS},
                       Service.opioid: r"norco|hydrocodone|tramadol|ultram|opioid|oxycodone|percocet",
                       Service.nsaid: r"voltaren|diclofenac|ibuprofen|motrin|naproxen|nsaid|meloxicam",
                       Service.topical_analgesic: r"cream|gel|patch|topical|compound"}


@dataclass
class Extraction:
    """The case read from text, and notes on what was not understood."""

    case: Case
    notes: list[str] = field(default_factory=list)


#: drug kinds that accompany another drug in the same request: the first item of the leader kind
COMPANIONS = {Service.laxative: Service.opioid, Service.ppi: Service.nsaid}




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


def _link_ancillaries(items: list[DisputedItem]) -> list[DisputedItem]:
    surgeries = [i for i, it in enumerate(items, 1) if it.service is Service.surgery]
    items = _link_companions(items)
    if not surgeries:
        # sedation or a facility for an injection follows the injection it serves
        injections = [i for i, it in enumerate(items, 1) if it.service in INJECTION_SERVICES]
        return [it.model_copy(update={"follows_surgery": injections[0]})
                if injections and it.service is Service.surgical_facility else it for it in items]
    out = []
    for n, it in enumerate(items, 1):
        surgery_regions = {bp.region for bp in items[surgeries[0] - 1].body_parts}
        if it.service is Service.dme and (re.search(r"sling|immobilizer|abduction|cold|cryo", it.text, re.I) or (
                it.modality == "brace" and {bp.region for bp in it.body_parts} & surgery_regions)):
            it = it.model_copy(update={"service": Service.postop_dme})
        serves = (it.service in SURGICAL_ANCILLARY_SERVICES or (it.postoperative and it.service is not Service.surgery)) \
            and it.accompanies is None
        if serves and n not in surgeries:
            it = it.model_copy(update={"follows_surgery": surgeries[0]})
        out.append(it)
    return out


def _fill_dates(parts: Any) -> None:
    """Without header dates, read the injury date from the summary and take the latest dated report as the
    request date (the request follows the last report the summary cites)."""
    if parts.injury is None:
        m = re.search(r"(?:industrial |work[- ]related )?injury(?: on| of)?,?\s*(?:on\s+)?(.{6,20})",
                      parts.summary, re.I)
        if m:
            found = find_dates(m.group(1))
            parts.injury = found[0][0] if found else None
    if parts.ur_date is None:
        dates = [d for d, _ in find_dates(parts.summary) if parts.injury is None or d >= parts.injury]
        if dates:
            parts.request = max(dates)


def _unique_studies(studies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[Any, Any]] = set()
    out = []
    for st in studies:
        if (st["service"], st["region"]) not in seen:
            seen.add((st["service"], st["region"]))
            out.append(st)
    return out


def extract_case(text: str, default_id: str = "case") -> Extraction:
    """Read a narrative case or letter. Raises ValueError when it has no summary or no disputed items."""
    parts = split(text)
    _fill_dates(parts)
    as_of = parts.ur_date or parts.request
    sents = sm.sentences(parts.summary)
    found = sm.Found()
    sm.demographics(found, sents)
    sm.diagnoses(found, sents)
    sm.treatment_history(found, sents)
    sm.clinical_findings(found, sents)
    sm.medications(found, sents, as_of)
    sm.partial_certification(found, sents, _REMAINDER_PATTERNS)
    notes: list[str] = []
    items = []
    case_regions = sm.body_parts(found, sents)
    for line in parts.items:
        item = parse_request(line)
        if item.service is None:
            notes.append(f"request not recognized: {line!r}")
        if item.service in found.remainder_kinds or (
                item.service in DRUG_SERVICES and re.match(r"^\s*(?:two|three|\d+) refills? of\b", line, re.I)):
            item = item.model_copy(update={"remainder": True})
        if re.match(r"^\s*(?:remaining|continuation)\b", line, re.I):
            item = item.model_copy(update={"remainder": True})
        items.append(item)
    items = _link_ancillaries(items)
    if any(it.service is Service.epidural_steroid_injection and re.search(
            r"\b(?:repeat|additional|another|second|third|series|two|three)\b", it.text, re.I) for it in items) and \
            not any(c.kind is Service.epidural_steroid_injection for c in found.history):
        found.history.append(TreatmentCourse(kind=Service.epidural_steroid_injection,
                                             improvement_note="the request is for a repeat injection"))
    findings: dict[str, Any] = {k.removeprefix("findings."): v for k, v in found.values.items()
                                if k.startswith("findings.")}
    tests = [d for d in found.values.get("drug_test_dates", []) if as_of and 0 <= (as_of - d).days <= 365]
    if tests:
        findings["drug_tests_past_year"] = len(tests)
    done = found.values.get("surgery_done_date")
    if done and as_of and 0 <= (as_of - done).days <= POSTOPERATIVE_OPIOID_DAYS:
        items = [it.model_copy(update={"postoperative": True}) if it.service is Service.opioid else it for it in items]
    if done and as_of and 0 <= (as_of - done).days <= POSTSURGICAL_PERIOD_DAYS:
        # therapy within the postsurgical physical medicine period after a surgery already performed
        findings.update(surgery_approved=True, surgery_date=done)
        items = [it.model_copy(update={"postoperative": True})
                 if it.service in (Service.physical_therapy, Service.occupational_therapy) else it for it in items]
    surgeries = [i for i in items if i.service is Service.surgery]
    if surgeries:
        findings.pop("surgery_approved", None)  # the surgery is itself in dispute
        findings.update(sm.surgery_kind(surgeries[0].text))
    case = Case(
        case_id=parts.case_id or default_id,
        dates={"injury": parts.injury, "ur_decision": parts.ur_date, "request": parts.request},
        patient={"age": found.age, "sex": found.sex},
        diagnoses=found.diagnoses,
        body_parts=case_regions,
        history=found.history,
        findings=Findings(**findings),
        regional_findings=[{"field": f, "half": h, "value": v} for (f, h), v in sorted(found.regional.items())]
        if len({h for (_, h) in found.regional}) > 1 or any(h != "any" for (_, h) in found.regional) else [],
        prior_studies=_unique_studies(found.studies),
        medications=found.medications,
        medications_known=bool(found.values.get("medications_known")),
        items=items,
        conflicts=found.conflicts,
        provenance=found.provenance,
    )
    return Extraction(case, notes)


def extract_yaml(text: str, default_id: str = "case") -> str:
    """The extracted facts as YAML (with a header comment listing what was not understood)."""
    ex = extract_case(text, default_id)
    data = ex.case.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("items", [])
    head = "# facts read by `mtus extract`; correct them, then run `mtus evaluate` on this file\n"
    head += "".join(f"# note: {n}\n" for n in ex.notes)
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
