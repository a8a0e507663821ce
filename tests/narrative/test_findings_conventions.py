"""Whole case texts written for the project, each read for the findings conventions of branch findA: the work status
a longer phrasing states, an activity a treatment makes possible, a complaint at the latest visit, anticoagulants on
the list, a count kept with its own entry, a past surgery written as "a history of", the wrist's first dorsal
compartment, today's pain score, a drug test dated by month."""
from __future__ import annotations

import datetime as dt

from engine.facts import Case
from engine.narrative import extract_case
from engine.vocab import Region, Service


def _case(summary: str, items: str) -> Case:
    return extract_case(f"CLINICAL CASE SUMMARY\n\n{summary}\n\nDISPUTED ITEMS\n{items}\n", "t").case


OPIOID_CASE = (
    "The injured worker is a 58 year old woman injured on 02/14/2011 lifting boxes. She has chronic low back pain. "
    "She has had physical therapy x 10 visits and one lumbar trigger point injection. Her medications are "
    "Percocet 5/325 mg three times a day, meloxicam 15 mg daily and Coumadin 5 mg daily for a prior pulmonary "
    "embolism. A urine drug screen from 01/2016 was consistent. At the visit of 04/04/2016 she rated her pain 9/10 "
    "without medications and 6/10 with them, and today rates it 7/10. She states that with the medications she is "
    "able to cook and do her own laundry. She is not currently working. A request dated 04/08/2016 was for "
    "Percocet 5/325 mg #90. Utilization review dated 04/15/2016 non-certified the request.")


def test_opioid_case_findings() -> None:
    c = _case(OPIOID_CASE, "Percocet 5/325 mg #90")
    assert c.findings.work_status == "off_work"              # not the "currently working" it holds
    assert c.findings.functional_improvement is True          # cooking and laundry made possible by the drugs
    assert c.findings.symptoms_persist is True                # a complaint at the latest visit
    assert c.findings.pain_score == 7.0                       # today's score, not the first written
    assert c.findings.drug_tests_past_year == 1               # dated by month and year
    assert {m.generic for m in c.medications} >= {"oxycodone", "meloxicam", "warfarin"}
    courses = {h.kind: h.sessions for h in c.history}
    assert courses[Service.physical_therapy] == 10            # the 10 is the therapy's
    assert courses[Service.trigger_point_injection] == 1      # and one injection, its own count
    for path in ("findings.work_status", "findings.functional_improvement", "findings.symptoms_persist"):
        assert path in c.provenance                          # each read from a sentence of the text


WRIST_CASE = (
    "The injured worker is a 47 year old man injured on 06/01/2014. He has a history of a right carpal tunnel "
    "release on 09/09/2014. He now complains of radial-sided right wrist pain. Diagnosis: right de Quervain's "
    "tenosynovitis. Examination showed a positive Finkelstein test. He is working modified duty. The request for "
    "authorization dated 03/03/2016 was for a right first dorsal compartment release. Utilization review dated "
    "03/10/2016 non-certified the request.")


def test_wrist_case_history_and_region() -> None:
    c = _case(WRIST_CASE, "Right first dorsal compartment release")
    surgery = next(h for h in c.history if h.kind is Service.surgery)
    assert surgery.sessions == 1 and surgery.start == dt.date(2014, 9, 9)   # "a history of" a dated release
    assert [bp.region for bp in c.items[0].body_parts] == [Region.wrist]
    assert c.findings.symptoms_persist is True
    assert c.findings.work_status == "modified_duty"


def test_resolved_complaint_and_full_duty() -> None:
    c = _case("The injured worker is a 33 year old man injured on 05/05/2015. In June he complained of left ankle "
              "pain. At the visit of 09/09/2015 he reported that the ankle pain had resolved. He denies numbness. He "
              "has returned to full duty without restrictions. The request dated 09/12/2015 was for physical therapy "
              "x 6 for the left ankle. Utilization review dated 09/19/2015 non-certified the request.",
              "Physical therapy x 6 for the left ankle")
    assert c.findings.symptoms_persist is False               # the latest visit: resolved
    assert c.findings.work_status == "full_duty"
