"""Whole case texts written for the project, each read for the findings conventions of branch trainF: a normal
neurologic exam written "neuro intact" or "normal UE neuro exam" (also beside a joint's motion), retired and
"full time with restrictions" as work statuses, a second predicate that a negation before it does not reach
("not working and is permanent and stationary"), a pain score's change "from 8/10 to 5/10" whatever the pain is
called, a surgery's kind stated only as far as its words state it, and a surgery date written before the injury
that led to it or in a text without a UR date."""
from __future__ import annotations

import datetime as dt

from engine.facts import Case
from engine.narrative import extract_case


def _case(summary: str, items: str, header: str = "") -> Case:
    return extract_case(f"{header}CLINICAL CASE SUMMARY\n\n{summary}\n\nDISPUTED ITEMS\n{items}\n", "t").case


LOW_BACK = (
    "A 61 year old retired welder hurt his low back lifting a grate on 03/02/2014. Exam 05/05/2016: paraspinal "
    "tenderness, pain with lumbar extension and rotation, SLR negative bilaterally, neuro exam normal. He is not "
    "working and is permanent and stationary. Diclofenac has reduced the aching from 8/10 to 5/10. The physician "
    "requested 6 chiropractic visits. Utilization review dated 05/20/2016 non-certified the request.")


def test_normal_neuro_exam_status_and_pain() -> None:
    f = _case(LOW_BACK, "Chiropractic x 6 low back").findings
    assert f.focal_neuro_deficit is False      # "neuro exam normal", though the sentence names lumbar rotation
    assert f.radicular_signs is False
    assert f.work_status == "off_work"         # retired, not working
    assert f.near_mmi is True                  # the "not" of "not working" does not reach "permanent and stationary"
    assert f.pain_score == 5.0                 # the score the aching came to


NECK = (
    "A 44 year old cashier has neck and right shoulder pain since a fall on 01/10/2017. Exam: cervical spasm, "
    "cervical ROM decreased 20%, normal UE neuro exam; right shoulder abduction 150 degrees, cuff strength 5/5. "
    "She works full time with restrictions. The physician requested 8 sessions of physical therapy.")


def test_neuro_exam_beside_a_joint_and_restricted_full_time() -> None:
    f = _case(NECK, "Physical therapy x 8 neck", "UR Denial Date: 03/01/2017\n").findings
    assert f.focal_neuro_deficit is False      # "normal UE neuro exam"
    assert f.work_status == "modified_duty"    # full time, with restrictions


def test_cuff_strength_alone_states_no_neuro_exam() -> None:
    f = _case("A 50 year old painter has right shoulder pain. Exam: positive Neer, abduction to 140 degrees, cuff "
              "strength 5/5. The physician requested an MRI of the right shoulder.", "MRI right shoulder").findings
    assert f.focal_neuro_deficit is None       # a joint's strength grade is no neurologic exam


KNEE_PLAN = (
    "A 39 year old mechanic twisted his left knee on 06/06/2018. MRI left knee 07/01/2018: tear of the medial "
    "meniscus. The surgeon recommends left knee arthroscopy with partial medial meniscectomy.")


def test_arthroscopy_states_its_approach_and_the_definition_its_class() -> None:
    f = _case(KNEE_PLAN, "Left knee arthroscopy, partial medial meniscectomy",
              "UR Denial Date: 09/01/2018\n").findings
    assert f.surgery_arthroscopic is True
    assert f.surgery_procedure == "meniscectomy"
    # the schema's "open (not arthroscopic)": the approaches exclude each other
    assert f.surgery_open is False
    # a named meniscectomy is none of a repair, reconstruction, fusion or arthroplasty
    assert f.surgery_complex is False


def test_open_repair_is_open_and_complex() -> None:
    f = _case("A 55 year old roofer has a right rotator cuff tear. The surgeon recommends a right open rotator cuff "
              "repair.", "Right open rotator cuff repair", "UR Denial Date: 09/01/2018\n").findings
    assert f.surgery_open is True and f.surgery_complex is True
    assert f.surgery_arthroscopic is False
    assert f.surgery_procedure == "rotator_cuff_repair"


def test_surgery_date_before_the_injury_words_and_without_a_ur_date() -> None:
    f = _case("A 63 year old custodian is s/p left total knee arthroplasty 04/02/2019 for arthritis after a 2016 fall "
              "at work. The surgeon requested home physical therapy.", "Home physical therapy x 6 left knee").findings
    assert f.surgery_date == dt.date(2019, 4, 2)
    f = _case("A 30 year old cook cut his left index finger at work, injured on 02/02/2020, and underwent flexor "
              "tendon repair on 02/04/2020. The surgeon requested 12 occupational therapy visits.",
              "Occupational therapy x 12 left hand").findings
    assert f.surgery_date == dt.date(2020, 2, 4)   # the date after "injured on" is the injury's
