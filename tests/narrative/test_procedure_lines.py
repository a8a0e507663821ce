"""Request lines the third procedures and drugs audits found misread: a procedure written with what it is done under
(anesthesia, sedation, image guidance) is the procedure, and that service alone is the facility's, which follows
the injection it names; a lesion compressing a nerve root, written as a verb, is a surgical lesion; a combination's
opioid strength is the opioid's figure, wherever the product writes it."""

from __future__ import annotations

import pytest

from engine.narrative import extract_case
from engine.narrative.requests import parse_request


@pytest.mark.parametrize(("line", "service"), [
    ("Lumbar epidural steroid injection L4-5 with monitored anesthesia", "epidural_steroid_injection"),
    ("Right L5-S1 transforaminal ESI under fluoroscopy", "epidural_steroid_injection"),
    ("Lumbar ESI with IV sedation", "epidural_steroid_injection"),
    ("Bilateral L4-5 facet injections under fluoroscopic guidance", "facet_injection"),
    ("Trigger point injection with ultrasound guidance", "trigger_point_injection"),
    ("Right knee arthroscopy under general anesthesia", "surgery"),
    ("Right shoulder manipulation under anesthesia", "surgery"),
    ("Monitored anesthesia care for the epidural", "surgical_facility"),
    ("Fluoroscopic guidance", "surgical_facility"),
    ("IV sedation", "surgical_facility"),
])
def test_a_procedure_with_its_anesthesia_is_the_procedure(line: str, service: str) -> None:
    assert parse_request(line).service == service


CASE = """CLINICAL CASE SUMMARY
The injured worker is a 50 year old male injured on 01/05/2016. He has low back pain radiating to the left leg.
{study}

DISPUTED ITEMS
Left L4-5 laminectomy
Left L4-5 transforaminal epidural steroid injection
Monitored anesthesia care for the epidural
Fluoroscopic guidance
"""


def test_anesthesia_naming_the_epidural_and_image_guidance_follow_the_epidural_not_the_surgery() -> None:
    items = extract_case(CASE.format(study="")).case.items
    assert [it.follows_surgery for it in items] == [None, None, 2, 2]


@pytest.mark.parametrize(("study", "lesion"), [
    ("MRI of the lumbar spine revealed a 5 mm disc protrusion at L4-5 compressing the L5 nerve root.", True),
    ("MRI of the cervical spine showed a disc osteophyte complex impinging upon the exiting C6 nerve root.", True),
    ("MRI of the lumbar spine revealed a 3 mm disc bulge at L4-5 effacing the thecal sac.", None),
])
def test_a_lesion_compressing_a_nerve_root_is_a_surgical_lesion(study: str, lesion: bool | None) -> None:
    assert extract_case(CASE.format(study=study)).case.findings.imaging_surgical_lesion is lesion


@pytest.mark.parametrize(("line", "strength"), [
    ("Fioricet with codeine 50/325/40/30mg #30", 30.0),
    ("Tylenol with codeine 300/30 mg #60", 30.0),
    ("Tylenol #3 30/300mg #60", 30.0),
    ("Norco 10/325mg #90", 10.0),
    ("Ultracet 37.5/325mg #60", 37.5),
    ("Fioricet 50/325/40 mg #30", 50.0),
])
def test_a_combination_is_dosed_by_its_opioid(line: str, strength: float) -> None:
    assert parse_request(line).strength_mg == strength
