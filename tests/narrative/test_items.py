"""How request lines write their quantity, frequency, duration, body regions and sides, and how a case header
labels its fields: each phrasing written for the project (none copied from a letter), with the reading it must give."""

from __future__ import annotations

import pytest

from engine import extract_case
from engine.narrative.requests import parse_request

HEADER = "Case Number: I-1\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n"


def case(summary: str, items: str):
    text = f"{HEADER}\nCLINICAL CASE SUMMARY\nThe injured worker is a 50 year old female. {summary}\n\n" \
           f"DISPUTED ITEMS\n{items}\n"
    return extract_case(text).case


def regions(item) -> list[tuple[str, str | None]]:
    return [(bp.region.value, bp.side.value if bp.side else None) for bp in item.body_parts]


# --- visits: (quantity, visits a week, weeks) ---------------------------------------------------------------

@pytest.mark.parametrize("line,qty,freq,weeks", [
    # a total count, however it is written
    ("Physical therapy x 6", 6, None, None),
    ("Chiropractic care, 6 visits", 6, None, None),
    ("Six (6) sessions of physical therapy", 6, None, None),
    ("Physical therapy (6) sessions", 6, None, None),
    ("Physical therapy QTY: 12", 12, None, None),
    ("Physical therapy quantity 12", 12, None, None),
    ("Acupuncture #8", 8, None, None),
    ("Physical therapy times twelve", 12, None, None),
    ("Massage therapy, six visits", 6, None, None),
    ("Trigger point injections (4) to the trapezius", 4, None, None),
    ("Biofeedback, one session", 1, None, None),
    ("Post-operative physical therapy 8-12 sessions", 12, None, None),  # a range: the most it asks for
    # visits a week by weeks
    ("Acupuncture 2x3", 6, 2, 3),
    ("Physical therapy 2 x 6", 12, 2, 6),
    ("Physical therapy 3 x 4 weeks", 12, 3, 4),
    ("Physical therapy 2 times 6 weeks", 12, 2, 6),
    ("Spinal manipulation 1 times 8", 8, 1, 8),
    ("Physical therapy 2x/week x 3 weeks", 6, 2, 3),
    ("Physical therapy 1 x week x 6 weeks", 6, 1, 6),
    ("Physical therapy 2/wk x 6 wks", 12, 2, 6),
    ("Physical therapy twice weekly for four weeks", 8, 2, 4),
    ("Physical therapy once a week for 6 weeks", 6, 1, 6),
    ("Chiropractic treatment 2 times per week over six weeks", 12, 2, 6),
    ("Physical therapy for the next 4 weeks, 3 times a week", 12, 3, 4),
    ("Physical therapy, 2 visits/week x 4 weeks", 8, 2, 4),
    ("Physical therapy 2-3 times per week for 4-6 weeks", 18, 3, 6),   # ranges: the most
    ("Physical therapy 2-3 x week x 4-6 weeks", 18, 3, 6),
    # a stated total stands beside its frequency and weeks
    ("Physical therapy twice a week for 4 weeks (8 sessions)", 8, 2, 4),
    ("Physical therapy to the lumbar spine 2 times a week for 3 weeks (4)", 4, 2, 3),
    ("Physical therapy 12 (2x6) for the neck", 12, 2, 6),
    # phases in turn add up; courses for two regions at once add their visits
    ("Physical therapy 2 times a week for 3 weeks, then 1 time a week for 3 weeks", 9, 2, 6),
    ("Physical therapy 2x4 for the neck and 2x4 for the low back", 16, 2, 4),
    ("Physical therapy two to three times a week for four to six weeks", 18, 3, 6),
    ("Acupuncture, 1-2x/week, 6 weeks", 12, 2, 6),
    # numbers that are no count of visits
    ("X-ray of the right hand, 3 views", None, None, None),
    ("Six month follow-up visit", 1, None, None),
])
def test_visit_quantities(line, qty, freq, weeks):
    item = parse_request(line)
    assert (item.quantity, item.frequency_per_week, item.duration_weeks) == (qty, freq, weeks)


@pytest.mark.parametrize("line,qty", [
    ("Initial exam", 1),
    ("Orthopedic spine surgery evaluation for the low back", 1),
    ("Re-evaluation with the treating physician", 1),
    ("Follow-up visits x 4", 4),
    ("Orthopedic consultation and treatment", None),
    ("Referral to pain management, evaluate and treat", None),
    # a study with no count states none (not one)
    ("MRI of the lumbar spine", None),
])
def test_a_single_visit_is_one(line, qty):
    assert parse_request(line).quantity == qty


@pytest.mark.parametrize("line,qty,rental", [
    # a stay is counted in days (the rules compare them with the days the ODG sets)
    ("Inpatient rehabilitation 10 days", 10, None),
    ("Skilled nursing facility stay x 14 days", 14, None),
    ("Inpatient stay 2 days", 2, None),
    # a rental period in days, whatever unit it is written in
    ("Cold therapy unit 21 day rental", None, 21),
    ("H-wave unit 30 day trial", None, 30),
    ("Hospital bed rental for 2 months", None, 60),
    ("Hospital bed for an unspecified rental", None, None),
])
def test_days_of_a_stay_and_of_a_rental(line, qty, rental):
    item = parse_request(line)
    assert (item.quantity, item.rental_days) == (qty, rental)


# --- drugs: units to dispense -------------------------------------------------------------------------------

@pytest.mark.parametrize("line,qty", [
    ("Norco 10/325 mg, QTY: 90", 90),
    ("Gabapentin 300 mg, dispense 90", 90),
    ("Cyclobenzaprine 7.5mg (60)", 60),
    ("Tramadol ER 150mg, sixty (60) tablets", 60),
    ("Terocin patches, 1 box", 1),
    ("Tylenol #3 #60", 60),
    # refills: the fill and each refill of it; "two refills of" is the refills alone
    ("Gabapentin 300mg #90 with 2 refills", 270),
    ("Meloxicam 15mg #30, 1 refill", 60),
    ("Naproxen 550mg #60 with no refills", 60),
    ("Omeprazole DR 20mg #60 2 refills", 180),
    ("Tramadol 50mg #60, refill x 1", 120),
    ("Two refills of Naproxen 550mg #60", 120),
    # directions are not a quantity; "1 prescription" states no units to dispense
    ("Norco 10/325 mg 2 tabs daily", None),
    ("Ultram 50mg, 1-2 tablets every 6 hours", None),
    ("Tylenol No. 3, 1 tab every 6 hours", None),
    ("Gabapentin 600 mg, 1 prescription", None),
])
def test_drug_quantities(line, qty):
    assert parse_request(line).quantity == qty


# --- regions and sides --------------------------------------------------------------------------------------

@pytest.mark.parametrize("line,want", [
    ("Knee brace for the left knee", [("knee", "left")]),
    ("Hinged knee brace, left", [("knee", "left")]),
    ("Wrist splint (right)", [("wrist", "right")]),
    ("Physical therapy R knee x 8", [("knee", "right")]),
    ("Physical therapy L shoulder 2x3", [("shoulder", "left")]),
    ("PT Rt. shoulder", [("shoulder", "right")]),
    ("Physical therapy L/S 2x3", [("lumbar", None)]),
    ("X-rays of the C-spine", [("cervical", None)]),
    ("MRI of the L-spine and C-spine", [("lumbar", None), ("cervical", None)]),
    ("Physical therapy for the right shoulder and left knee", [("shoulder", "right"), ("knee", "left")]),
    ("Physical therapy for the left shoulder and elbow", [("shoulder", "left"), ("elbow", "left")]),
    # in the order the line names them (gaps3; the view's first region is the line's first)
    ("Physical therapy for the left knee and low back", [("knee", "left"), ("lumbar", None)]),
    ("Physical therapy for right and left knees", [("knee", "bilateral")]),
    ("X-rays right wrist, left hand", [("wrist", "right"), ("hand", "left")]),
    ("EMG/NCV B/L upper extremities", [("upper_extremity", "bilateral")]),
    ("EMG/NCS BLE", [("lower_extremity", "bilateral")]),
    ("NCS/EMG of the LUE", [("upper_extremity", "left")]),
    ("Physical therapy bilateral UE 2x6", [("upper_extremity", "bilateral")]),
    ("Lumbar facet blocks L4-5, L5-S1, bilateral", [("lumbar", "bilateral")]),
    ("Right L5-S1 transforaminal epidural steroid injection", [("lumbar", "right")]),
    ("Epidural steroid injection C5-6", [("cervical", None)]),
    ("Thoracolumbar brace", [("lumbar", None), ("thoracic", None)]),
    ("Physical therapy for the cervicothoracic spine", [("cervical", None), ("thoracic", None)]),
    ("EMG/NCV right upper extremity and left upper extremity", [("upper_extremity", "bilateral")]),
    ("Physical therapy to the knee, left and right", [("knee", "bilateral")]),
    ("Epidural steroid injection L4/5 right", [("lumbar", "right")]),
    ("Cervical facet injections C3-C7 bilaterally", [("cervical", "bilateral")]),
    ("Chiropractic 2x3 neck/back", [("cervical", None), ("lumbar", None)]),
    ("Physical therapy for the upper back", [("thoracic", None)]),
    ("Physical therapy for the cervical spine", [("cervical", None)]),
    ("Cortisone injection to the right greater trochanter", [("hip", "right")]),
])
def test_regions_and_sides(line, want):
    assert regions(parse_request(line)) == want


def test_a_treatment_naming_no_region_is_for_the_region_of_the_diagnoses():
    c = case("She is being treated for lumbar disc protrusion with radiculopathy. She reports numbness below the "
             "right knee.", "Physical therapy 2x3\nAcupuncture x6\nNaproxen 550mg #60\nMRI")
    assert regions(c.items[0]) == [("lumbar", None)] and regions(c.items[1]) == [("lumbar", None)]
    # drugs and studies name their own region or none
    assert c.items[2].body_parts == [] and c.items[3].body_parts == []


def test_a_complaint_that_radiates_is_still_one_region():
    c = case("She complains of low back pain radiating to the right leg.", "Chiropractic care x 6")
    assert regions(c.items[0]) == [("lumbar", None)]


def test_a_whole_limb_named_beside_a_part_of_it_is_that_part():
    c = case("She is being treated for a right wrist fracture. She has right upper extremity pain.",
             "Occupational therapy x 6")
    assert regions(c.items[0]) == [("wrist", "right")]


def test_a_case_of_several_regions_gives_none():
    c = case("The diagnoses include cervical strain, lumbar strain and right shoulder impingement.",
             "Physical therapy x 6")
    assert c.items[0].body_parts == []


def test_post_operative_therapy_and_a_sling_are_for_the_operated_region():
    c = case("The diagnoses include lumbar strain and right shoulder rotator cuff tear.",
             "Right shoulder arthroscopic rotator cuff repair\nPost-operative physical therapy x 12\n"
             "Post-operative sling\nPre-operative labs: CBC")
    assert c.items[1].follows_surgery == 1 and regions(c.items[1]) == [("shoulder", "right")]
    assert regions(c.items[2]) == [("shoulder", "right")]
    assert c.items[3].body_parts == []


def test_the_operated_region_written_without_its_side_is_the_operated_side():
    c = case("He has a left knee meniscus tear.",
             "Left knee arthroscopy with partial meniscectomy\nPost-op knee brace\nKnee immobilizer\n"
             "Post-operative physical therapy for the knee 2x6")
    assert [regions(it) for it in c.items[1:]] == [[("knee", "left")]] * 3


# --- the case header ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("header", [
    "Case No.: H-2\nDOI: 01/05/2016\nUR Decision Date: 06/01/2016\n",
    "IMR Case Number: H-2   Date of Injury/Illness: 01/05/2016   Date of UR Decision: 06/01/2016\n",
    "Case Number: H-2  Date Assigned: 07/01/2016  Date of Injury: 01/05/2016  UR Date: 06/01/2016\n",
])
def test_header_labels_as_they_are_written(header):
    text = f"{header}\nCLINICAL CASE SUMMARY\nThe injured worker is a 45 year old male.\n\n" \
           "DISPUTED ITEMS\nPhysical therapy x6\n"
    c = extract_case(text).case
    assert (c.case_id, str(c.dates.injury), str(c.dates.ur_decision)) == ("H-2", "2016-01-05", "2016-06-01")


# --- branch t3a: lines from the blind-written training texts' phrasings, written anew ------------------------

@pytest.mark.parametrize("line,qty,freq,weeks", [
    ("Home health aide 6 hours/day, 3 days/week for 2 weeks", 6, 3, 2),     # days a week by weeks
    ("Home health services 5 days per week x 3 weeks", 15, 5, 3),
    ("Acupuncture, remaining 4 of 8 sessions", 4, None, None),            # the part still in dispute
    ("Chiropractic care 2 out of 6 visits", 2, None, None),
])
def test_day_frequency_and_part_of_a_count(line, qty, freq, weeks):
    it = parse_request(line)
    assert (it.quantity, it.frequency_per_week, it.duration_weeks) == (qty, freq, weeks)


def test_remaining_part_of_a_count_is_a_remainder():
    c = case("UR certified 4 acupuncture visits.", "Acupuncture, remaining 4 of 8 sessions")
    assert c.items[0].remainder is True and c.items[0].quantity == 4


@pytest.mark.parametrize("line,expected", [
    ("Trigger point injections x 3, left upper trapezius", [("cervical", "left")]),
    ("Dry needling bilateral levator scapulae x 4", [("cervical", "bilateral")]),
    ("Hand therapy x 6 visits", []),                                   # a discipline, not the hand
    ("Occupational therapy for the right hand x 6", [("hand", "right")]),
])
def test_neck_muscles_and_service_names(line, expected):
    assert regions(parse_request(line)) == expected


def test_hand_therapy_after_a_wrist_surgery_is_the_wrist():
    c = case("She has right de Quervain tenosynovitis.",
             "Right de Quervain release\nPost-operative hand therapy x 8")
    assert regions(c.items[1]) == [("wrist", "right")]
