"""Readings that belong to one body part or one request, and stay with it: a surgery planned for one region, the
agent an injection line names, where orthotics go, a procedure written with its stay, and which surgery or
injection a facility serves. Every text here is written for these tests; none is taken from a letter."""

from __future__ import annotations

import pytest

from engine import Engine, extract_case
from engine.facts import Case
from engine.narrative.requests import parse_request
from engine.narrative.surgery import plan_half, plan_region
from engine.view import scoped_findings

HEADER = "Case Number: SC-1\nDate of Injury: 02/01/2016\nUR Denial Date: 10/04/2016\n"


def read(summary: str, items: str) -> Case:
    text = f"{HEADER}\nCLINICAL CASE SUMMARY\n{summary}\n\nDISPUTED ITEMS\n{items}\n"
    return extract_case(text).case


def decisions(engine: Engine, summary: str, items: str) -> list[str]:
    return [it.decision for it in engine.evaluate(read(summary, items)).items]


def regional(case: Case, field: str) -> dict[str, bool]:
    return {r.half: r.value for r in case.regional_findings if r.field == field}


# --- 1. a surgery planned for one region is no surgery considered for another --------------------------------

#: a worker with objective lumbar nerve compromise that persisted after therapy: the low back chapter's chain
#: lacks only its last link, that the worker would consider surgery (for the low back)
LOW_BACK = ("The injured worker is a 52 year old man with low back pain radiating to the right leg. On exam the "
            "straight leg raise was positive on the right and sensation was reduced over the right L5 dermatome. "
            "He completed 12 visits of physical therapy with no improvement.")


@pytest.mark.parametrize("sentence,half", [
    ("The surgeon requested authorization for a left shoulder arthroscopy.", "upper"),
    ("He is a candidate for a right knee arthroscopic meniscectomy.", "lower"),
    ("A right carpal tunnel release is planned.", "upper"),
    ("He would consider an L4-5 decompression.", "lower"),
    ("Surgery was recommended.", "any"),  # no region: the plan is for whatever the case concerns
    ("She underwent a left knee meniscectomy in 2011 and is now a candidate for an L5-S1 decompression.", "lower"),
    ("He is status post left carpal tunnel release, and his surgeon recommends a C6-7 fusion.", "upper"),
])
def test_a_plan_is_for_the_region_it_names(sentence: str, half: str) -> None:
    assert plan_half(sentence, 0) == half


@pytest.mark.parametrize("sentence,region", [
    ("The surgeon requested authorization for a left shoulder arthroscopy.", "shoulder"),
    ("He is a candidate for an arthroscopic partial meniscectomy.", "knee"),  # the procedure tells the region
    ("A C5-6 anterior cervical discectomy and fusion is planned.", "cervical"),
    ("Surgery for the neck and the right shoulder is planned.", None),       # two regions: the half only
    ("He would consider surgery for the right lower extremity symptoms.", None),  # a whole limb: the half only
    ("Surgery was recommended.", None),
    # a past operation named before the plan is not what the plan is for
    ("She underwent a left knee meniscectomy in 2011 and is now a candidate for an L5-S1 decompression.", "lumbar"),
    ("He is status post left carpal tunnel release, and his surgeon recommends a C6-7 fusion.", "cervical"),
])
def test_the_one_region_a_plan_names(sentence: str, region: str | None) -> None:
    found = plan_region(sentence, 0)
    assert (found.value if found else None) == region


def test_a_shoulder_plan_is_recorded_for_the_shoulder() -> None:
    case = read(LOW_BACK + " The surgeon requested authorization for a left shoulder arthroscopy.",
                "MRI of the lumbar spine")
    assert regional(case, "surgery_planned") == {"upper": True}
    assert {r.region.value for r in case.regional_findings if r.field == "surgery_planned" and r.region} == {
        "shoulder"}
    assert case.findings.surgery_planned is True  # the case-wide reading keeps the plan


def test_a_plan_bears_on_its_region_not_on_the_rest_of_its_half() -> None:
    case = read("The injured worker has neck pain and left shoulder pain. The surgeon requested authorization "
                "for a left shoulder arthroscopy.",
                "MRI of the cervical spine\nMRI of the left shoulder\nMRI of the left upper extremity")
    neck, shoulder, arm = (scoped_findings(case, it) for it in case.items)
    assert neck.surgery_planned is None       # a shoulder plan says nothing of surgery for the neck
    assert shoulder.surgery_planned is True
    assert arm.surgery_planned is True        # the whole limb holds the shoulder


def test_a_shoulder_plan_does_not_complete_the_low_back_chain(engine: Engine) -> None:
    summary = LOW_BACK + " The surgeon requested authorization for a left shoulder arthroscopy."
    assert decisions(engine, summary, "MRI of the lumbar spine") != ["overturn"]


def test_a_low_back_plan_completes_it(engine: Engine) -> None:
    summary = LOW_BACK + " He would consider a lumbar decompression if the study shows a surgical lesion."
    assert decisions(engine, summary, "MRI of the lumbar spine") == ["overturn"]


def test_a_plan_without_a_region_still_counts(engine: Engine) -> None:
    summary = LOW_BACK + " Surgery has been recommended."
    assert decisions(engine, summary, "MRI of the lumbar spine") == ["overturn"]


def test_a_low_back_plan_is_no_plan_for_the_neck() -> None:
    case = read("The injured worker has neck pain and low back pain. A lumbar fusion has been recommended.",
                "MRI of the cervical spine")
    assert regional(case, "surgical_candidate") == {"lower": True}


# --- 2. a site conventionally injected with a steroid is a steroid injection only when no agent is named -----

@pytest.mark.parametrize("line,modality", [
    ("Left subacromial space injection", "corticosteroid"),
    ("Injection of the left trochanteric bursa", "corticosteroid"),
    ("Trigger thumb injection, right", "corticosteroid"),
    ("Left subacromial injection with lidocaine only", None),          # an anesthetic alone
    ("Left shoulder bursa injection with bupivacaine", None),
    ("Diagnostic subacromial injection, left shoulder", None),          # a diagnostic block
    ("Left subacromial injection with Kenalog and lidocaine", "corticosteroid"),  # the steroid is named
    ("Left knee intra-articular injection of Orthovisc", "hyaluronic"),  # another agent has its own kind
    ("Right carpal tunnel injection with platelet-rich plasma", "biologic"),
    ("Right first dorsal compartment injection with dexamethasone", "corticosteroid"),  # a steroid the row names
    ("Left subacromial injection with bupivacaine and Celestone", "corticosteroid"),  # anesthetic and steroid
    ("Trigger finger injection, left ring finger, with Decadron", "corticosteroid"),
    ("Right trochanteric bursa injection with betamethasone", "corticosteroid"),
    ("Left knee intra-articular injection with Medrol and lidocaine", "corticosteroid"),  # a drug that is a steroid
])
def test_a_steroid_site_without_another_agent(line: str, modality: str | None) -> None:
    item = parse_request(line)
    assert (item.service.value if item.service else None, item.modality) == ("injection_other", modality)


# --- 3. bare "orthotics" go in the shoe only when the line names no other region --------------------------

@pytest.mark.parametrize("line,modality", [
    ("Orthotics", "foot_orthotic"),
    ("Custom orthotics, bilateral feet", "foot_orthotic"),
    ("Orthotics for both ankles", "foot_orthotic"),
    ("Custom molded orthotics for the left hand", "brace"),
    ("Orthotics for the left elbow", "brace"),
    ("Heel inserts for the right knee pain", "foot_orthotic"),  # inserts are always worn in the shoe
    ("Arch supports", "foot_orthotic"),
    ("Shoe orthoses", "foot_orthotic"),
])
def test_where_orthotics_go(line: str, modality: str) -> None:
    item = parse_request(line)
    assert (item.service.value if item.service else None, item.modality) == ("dme", modality)


# --- 4. a procedure written with its stay is the procedure; a facility serves an item of its region --------

@pytest.mark.parametrize("line,service,modality", [
    ("Removal of hardware, left wrist, with overnight stay", "surgery", "hardware_removal"),
    ("Left ankle ORIF with 1 day inpatient stay", "surgery", None),
    ("Kyphoplasty T12 with hospital stay", "surgery", "vertebral_augmentation"),
    ("Left total hip arthroplasty with a 2 day inpatient stay", "surgery", None),
    ("Left total knee arthroplasty with a 2 day inpatient hospital stay", "surgery", None),  # more than 4 words
    ("L5-S1 laminectomy with 1 to 2 days inpatient stay", "surgery", None),
    ("Right total knee replacement with 2-3 days of inpatient hospital stay", "surgery", None),
    ("L3-4 fusion with an expected 4 day length of hospital stay", "surgery", None),
    ("Left shoulder arthroscopy with possible labral repair, 1 day inpatient stay", "surgery", None),  # a comma
    ("Left knee, total knee arthroplasty with 3 day inpatient stay", "surgery", None),  # a comma before the procedure
    ("Right knee arthroscopy w/ 23 hour observation stay", "surgery", None),
    ("Lumbar decompression L4-5 with inpatient stay of 2 days", "surgery", None),
    ("Cervical epidural steroid injection with overnight stay", "surgical_facility", None),  # no surgery before it
    ("Hospital stay for the left knee", "surgical_facility", None),
    ("Overnight stay", "surgical_facility", None),                   # the stay on its own line
    ("Inpatient stay x 2 days", "surgical_facility", None),
])
def test_a_procedure_with_its_stay(line: str, service: str, modality: str | None) -> None:
    item = parse_request(line)
    assert (item.service.value if item.service else None, item.modality) == (service, modality)


def test_a_facility_serves_an_injection_of_its_region() -> None:
    case = read("The injured worker has low back pain.",
                "Right SI joint injection\nSurgical facility for the left ankle")
    assert case.items[1].follows_surgery is None  # an ankle facility does not serve a sacroiliac injection
    case = read("The injured worker has low back pain.", "Right SI joint injection\nMonitored anesthesia sedation")
    assert case.items[1].follows_surgery == 1      # a facility that names no region serves the injection


def test_an_ancillary_serves_the_surgery_of_its_region() -> None:
    case = read("The injured worker has left knee and right wrist pain.",
                "Right carpal tunnel release\nLeft knee arthroscopy\nHospital stay for the left knee\n"
                "Left knee hinged brace")
    assert case.items[2].follows_surgery == 2   # the knee's stay follows the knee surgery, not the first surgery
    assert case.items[3].follows_surgery == 2


def test_an_item_that_names_its_surgery_serves_it_whatever_its_region() -> None:
    case = read("The injured worker has right shoulder pain.",
                "Right shoulder rotator cuff repair\nAssociated surgical service: pre-operative chest x-ray\n"
                "Associated surgical service: DVT compression leg wraps")
    assert [it.follows_surgery for it in case.items[1:]] == [1, 1]


def test_a_declared_ancillary_prefers_the_surgery_of_its_region() -> None:
    case = read("The injured worker has left knee and right wrist pain.",
                "Right carpal tunnel release\nLeft knee arthroscopy\nPost-operative physical therapy for the left knee"
                " x 12\nPre-operative chest x-ray")
    assert case.items[2].follows_surgery == 2   # declared post-operative, and of the knee: the knee surgery
    assert case.items[3].follows_surgery == 1   # declared, of no surgery's region: the first surgery


def test_a_facility_with_no_surgery_of_its_region_serves_an_injection_of_it() -> None:
    case = read("The injured worker has right knee and low back pain.",
                "Right knee arthroscopy\nLumbar epidural steroid injection at L5-S1\n"
                "Monitored anesthesia care for the lumbar epidural")
    assert case.items[2].follows_surgery == 2
    case = read("The injured worker has right knee and low back pain.",
                "Right knee arthroscopy\nLumbar epidural steroid injection at L5-S1\nAnesthesia for the right knee")
    assert case.items[2].follows_surgery == 1   # a surgery of its region comes first


def test_a_device_for_another_region_is_not_post_operative() -> None:
    case = read("The injured worker has left knee and right wrist pain.",
                "Left knee arthroscopy\nRight wrist splint")
    assert (case.items[1].service.value if case.items[1].service else None) == "dme"
    assert case.items[1].follows_surgery is None


# --- 5. one home for kinds both tables name ----------------------------------------------------------------

@pytest.mark.parametrize("line,service,modality", [
    ("Myobloc 5000 units to the cervical paraspinal muscles", "injection_other", "botulinum"),
    ("Dysport injection, left trapezius", "injection_other", "botulinum"),
    ("Left stellate block under fluoroscopy", "injection_other", "sympathetic_block"),
    ("Lumbar sympathetic chain block, right", "injection_other", "sympathetic_block"),
    ("Stationary bicycle for home use", "dme", "exercise_equipment"),
    ("Home exercise kit", "dme", "exercise_equipment"),
])
def test_kinds_named_in_both_tables(line: str, service: str, modality: str) -> None:
    item = parse_request(line)
    assert (item.service.value if item.service else None, item.modality) == (service, modality)


def test_a_regional_finding_may_name_its_region() -> None:
    from engine.facts import RegionalFinding
    assert RegionalFinding(field="surgery_planned", half="upper", value=True).region is None  # as before
    tied = RegionalFinding.model_validate({"field": "surgery_planned", "half": "upper", "value": True,
                                           "region": "shoulder"})
    assert tied.region is not None and tied.region.value == "shoulder"


def test_the_planned_procedure_is_the_one_the_plan_names_not_a_past_one() -> None:
    # the past operation comes before the planning word; the plan names a spinal fusion
    case = read("The injured worker is a 47 year old woman. She had a left knee arthroscopy in 2013 and is now a "
                "candidate for an L5-S1 fusion.", "MRI of the lumbar spine")
    assert case.findings.surgery_planned is True
    assert case.findings.surgery_procedure not in (None, "meniscectomy", "knee_arthroscopy")
    assert case.findings.surgery_arthroscopic is not True  # the knee arthroscopy was the past operation


def test_a_disputed_drug_first_prescribed_now_is_the_request_not_a_medication() -> None:
    """Written for the project: the plan prescribes two drugs; one is disputed, the other not; a third is ongoing."""
    from engine import extract_case

    text = """Case Number: T-990
Date of Injury: 02/03/2016
UR Denial Date: 11/20/2016

CLINICAL CASE SUMMARY
The injured worker is a 40 year old man with a lumbar strain. Current medications include tramadol 50 mg twice
a day. On 11/01/2016 he reported low back pain rated 6/10. The plan of care included a prescription for
naproxen 550 mg twice daily and a prescription for omeprazole 20 mg daily. A request was made for naproxen
550 mg #60. Utilization review on 11/20/2016 non-certified the request.

DISPUTED ITEMS
Naproxen 550 mg #60
"""
    case = extract_case(text).case
    meds = {m.generic: m for m in case.medications}
    assert "naproxen" not in meds                      # requested and disputed: the item holds it
    assert meds["omeprazole"].newly_prescribed is True  # prescribed alongside, not disputed
    assert "tramadol" in meds and not meds["tramadol"].newly_prescribed
    assert case.items[0].drug == "naproxen"
