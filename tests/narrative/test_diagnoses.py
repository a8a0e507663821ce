"""How summaries list diagnoses: one diagnosis is never split inside itself (an ICD title's site or side after a
comma, a code in parentheses, "muscle, fascia and tendon"), codes stay with their text, numbered lists and
"Diagnoses:" are read, and a region list shares its condition. Each phrasing written for the project."""

from __future__ import annotations

import pytest

from engine import extract_case

HEADER = "Case Number: D-1\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n"


def diagnoses(sentence: str) -> list[str]:
    text = f"{HEADER}\nCLINICAL CASE SUMMARY\nThe injured worker is a 50 year old male. {sentence}\n\n" \
           "DISPUTED ITEMS\nPhysical therapy x 6\n"
    return [d.text for d in extract_case(text).case.diagnoses]


@pytest.mark.parametrize("sentence,expected", [
    # the site or side an ICD title writes after a comma stays with it
    ("The diagnoses were M51.26 other intervertebral disc displacement, lumbar region, and M75.41 impingement "
     "syndrome of right shoulder.",
     ["M51.26 other intervertebral disc displacement, lumbar region", "M75.41 impingement syndrome of right shoulder"]),
    ("She was diagnosed with disc degeneration, lumbar region; neck sprain, initial encounter; and chronic pain "
     "syndrome.", ["disc degeneration, lumbar region", "neck sprain, initial encounter", "chronic pain syndrome"]),
    ("The current diagnoses are strain of muscle, fascia and tendon of lower back, initial encounter (S39.012A), "
     "and radiculopathy, lumbar region (M54.16).",
     ["strain of muscle, fascia and tendon of lower back, initial encounter (S39.012A)",
      "radiculopathy, lumbar region (M54.16)"]),
    ("Diagnoses included cervical disc displacement, C5-6, with radiculopathy and carpal tunnel syndrome, bilateral.",
     ["cervical disc displacement, C5-6, with radiculopathy", "carpal tunnel syndrome, bilateral"]),
    ("He has been diagnosed with fracture of the left distal radius, closed, and complex regional pain syndrome of "
     "the left upper limb.",
     ["fracture of the left distal radius, closed", "complex regional pain syndrome of the left upper limb"]),
    ("The diagnoses have included lumbago; sciatica, right side; and myofascial pain.",
     ["lumbago", "sciatica, right side", "myofascial pain"]),
    ("Diagnoses include M54.16 (lumbar radiculopathy, L5), M54.2 (cervicalgia).",
     ["M54.16 (lumbar radiculopathy, L5)", "M54.2 (cervicalgia)"]),
    ("He is being treated for sprain of wrist and/or hand, and lumbago and left and right sided sciatica.",
     ["sprain of wrist and/or hand", "lumbago", "left and right sided sciatica"]),
    # a code before its text or after it stays with it
    ("Diagnoses: M54.5, low back pain; M51.16, lumbar disc disorder with radiculopathy.",
     ["M54.5 low back pain", "M51.16 lumbar disc disorder with radiculopathy"]),
    ("The diagnoses include lumbar strain, S39.012A, and cervical strain, S13.4XXA.",
     ["lumbar strain, S39.012A", "cervical strain, S13.4XXA"]),
    ("The diagnoses include 722.10, lumbar disc displacement, and 724.4, lumbosacral neuritis.",
     ["722.10 lumbar disc displacement", "724.4 lumbosacral neuritis"]),
    # a side that begins the next diagnosis is not a qualifier of the one before
    ("The diagnoses include lumbar radiculopathy, L4-5 disc protrusion, and right shoulder impingement.",
     ["lumbar radiculopathy", "L4-5 disc protrusion", "right shoulder impingement"]),
    ("The diagnoses were unspecified fracture of right femur; nondisplaced fracture of the right fibula.",
     ["unspecified fracture of right femur", "nondisplaced fracture of the right fibula"]),
    # how the list is introduced
    ("Diagnoses: Displacement of lumbar disc without myelopathy (722.10); Lumbosacral neuritis (724.4).",
     ["Displacement of lumbar disc without myelopathy (722.10)", "Lumbosacral neuritis (724.4)"]),
    ("The patient's diagnoses are as follows: cervical strain, lumbar strain, and right knee contusion.",
     ["cervical strain", "lumbar strain", "right knee contusion"]),
    ("Diagnoses: 1. Lumbar sprain/strain (S39.012A). 2. Cervical radiculopathy (M54.12). He returned to work.",
     ["Lumbar sprain/strain (S39.012A)", "Cervical radiculopathy (M54.12)"]),
    ("The diagnoses include 1) lumbar disc protrusion, L4-5, 2) lumbar radiculopathy, and 3) right knee sprain.",
     ["lumbar disc protrusion, L4-5", "lumbar radiculopathy", "right knee sprain"]),
    ('He was being treated for "lumbar pain with radiculopathy." On a later visit he reported neck pain.',
     ["lumbar pain with radiculopathy"]),
    # regions listed before one condition share it
    ("The diagnoses are documented as lumbar, hip, and neck strain.", ["lumbar strain", "hip strain", "neck strain"]),
    ("The diagnoses include neck and left shoulder pain and lumbar radiculopathy.",
     ["neck pain", "left shoulder pain", "lumbar radiculopathy"]),
])
def test_diagnoses_are_split_between_diagnoses_only(sentence, expected):
    assert diagnoses(sentence) == expected


def coded(sentence: str) -> list[tuple[str, str | None]]:
    text = f"{HEADER}\nCLINICAL CASE SUMMARY\nThe injured worker is a 50 year old male. {sentence}\n\n" \
           "DISPUTED ITEMS\nPhysical therapy x 6\n"
    return [(d.text, d.icd10) for d in extract_case(text).case.diagnoses]


@pytest.mark.parametrize("sentence,expected", [
    # the headings notes write over their diagnoses (`patient.DX_HEADINGS`)
    ("Dx: cervical sprain; right wrist tendinitis. PT x 6 completed.", ["cervical sprain", "right wrist tendinitis"]),
    ("ASSESSMENT: 1. Lateral epicondylitis, left elbow. 2. Ulnar neuritis, left. PLAN: brace.",
     ["Lateral epicondylitis, left elbow", "Ulnar neuritis, left"]),
    ("Impression: right knee medial meniscus tear. Plan: arthroscopy.", ["right knee medial meniscus tear"]),
    ("Working diagnosis: chronic lumbar radiculitis.", ["chronic lumbar radiculitis"]),
    ("Assessment/Plan: left ankle sprain. Continue home exercise.", ["left ankle sprain"]),
    # the verb with the physician as its subject
    ("The orthopedist diagnosed de Quervain's tenosynovitis of the right wrist.",
     ["de Quervain's tenosynovitis of the right wrist"]),
    # an uncertainty written after a comma stays with its diagnosis
    ("Assessment: cervical radiculopathy, probable; myofascial pain.", ["cervical radiculopathy, probable",
                                                                      "myofascial pain"]),
])
def test_diagnosis_headings_and_prose(sentence, expected):
    assert diagnoses(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # a study's impression is the study's result, not the diagnoses
    "MRI impression: small disc protrusion at L5-S1.",
    # a diagnosis made passively names it with "with" (read) or names a time (not a diagnosis)
    "He was diagnosed in 2015 after the fall.",
])
def test_not_diagnosis_headings(sentence):
    assert diagnoses(sentence) == []


@pytest.mark.parametrize("sentence,expected", [
    ("Dx: lumbar strain (S39.012A), sciatica, left.", [("lumbar strain (S39.012A)", "S39.012A"),
                                                      ("sciatica, left", None)]),
    ("Assessment: 1) Left knee osteoarthritis M17.12. 2) Knee effusion.",
     [("Left knee osteoarthritis M17.12", "M17.12"), ("Knee effusion", None)]),
    ("Diagnoses: M54.16 lumbar radiculopathy.", [("M54.16 lumbar radiculopathy", "M54.16")]),
    # ICD-9 codes and spinal levels are no ICD-10 code
    ("Diagnoses: lumbar disc displacement (722.10); disc protrusion L4-5.",
     [("lumbar disc displacement (722.10)", None), ("disc protrusion L4-5", None)]),
])
def test_icd10_code_written_with_a_diagnosis(sentence, expected):
    assert coded(sentence) == expected


def opening(sentence: str) -> list[str]:
    text = f"{HEADER}\nCLINICAL CASE SUMMARY\n{sentence} Exam shows tenderness.\n\n" \
           "DISPUTED ITEMS\nPhysical therapy x 6\n"
    return [d.text for d in extract_case(text).case.diagnoses]


@pytest.mark.parametrize("sentence,expected", [
    # with no diagnoses introduced, the condition the opening sentence gives the worker
    ("The applicant is a 58-year-old female clerk with left carpal tunnel syndrome after years of typing.",
     ["left carpal tunnel syndrome"]),
    ("This 47-year-old man has chronic neck pain with cervical spondylosis and right C6 radiculopathy.",
     ["cervical spondylosis", "right C6 radiculopathy"]),
    # a complaint alone, or an uncertain condition, is not a diagnosis
    ("The applicant is a 39-year-old nurse with low back pain since lifting a patient.", []),
    ("The applicant is a 39-year-old nurse with possible lumbar radiculopathy.", []),
])
def test_opening_condition_without_introduced_diagnoses(sentence, expected):
    assert opening(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    # the abbreviation without its colon, and a SOAP note's "A:" line
    ("Dx L4-5 disc herniation with right sciatica. Meds: none.", ["L4-5 disc herniation with right sciatica"]),
    ("Dx of right shoulder impingement. Pain 5/10.", ["right shoulder impingement"]),
    ("S: knee pain 6/10.\nO: medial joint line tenderness.\nA: Right knee medial meniscus tear; obesity.\nP: PT.",
     ["Right knee medial meniscus tear", "obesity"]),
])
def test_shorthand_diagnosis_headings(sentence, expected):
    assert diagnoses(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # "A" in a sentence that is no SOAP heading, "Dx" as the subject of a verb
    "Q&A: he asked about surgery.",
    "The Dx was not documented.",
])
def test_not_shorthand_diagnosis_headings(sentence):
    assert diagnoses(sentence) == []


@pytest.mark.parametrize("sentence,expected", [
    # the age written as shorthand
    ("47 yo M mechanic with right lateral epicondylitis since 2019.", ["right lateral epicondylitis"]),
    ("Pt is a 39 y/o F with L ankle sprain after a fall.", ["L ankle sprain"]),
    # the condition an injury caused, named after "sustaining"/"sustained", up to its treatment
    ("A 61-year-old welder slipped on oil on 2/2/2016, sustaining a left distal radius fracture treated with a cast.",
     ["left distal radius fracture"]),
    # the complaint's condition in parentheses
    ("The applicant is a 52-year-old cook with right wrist pain (de Quervain tenosynovitis) since 2018.",
     ["de Quervain tenosynovitis"]),
    # a condition shown on a study is named up to the study
    ("The worker is a 41-year-old driver with an L5-S1 disc extrusion on MRI of 2017.", ["L5-S1 disc extrusion"]),
    # a condition the worker later developed
    ("The applicant is a 44-year-old guard. He has since developed anxiety disorder and insomnia.",
     ["anxiety disorder"]),
    # a parenthesis with no condition, a symptom developed, are still nothing
    ("The applicant is a 44-year-old guard with neck pain (since 2015).", []),
    ("The applicant is a 44-year-old guard. He has since developed heartburn.", []),
])
def test_condition_of_the_worker_introduced(sentence, expected):
    assert opening(sentence) == expected
