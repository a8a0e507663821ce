"""A condition the record names but does not state as the worker's diagnosis gives no diagnosis: negated, denied,
another person's, past or healed, excluded by a study, written as uncertain, a worry, a diagnosis not made or
disputed. Each text written for the project."""

from __future__ import annotations

import pytest

from engine import extract_case

HEADER = "Case Number: D-1\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n"


def diagnoses(summary: str) -> list[str]:
    text = (f"{HEADER}\nCLINICAL CASE SUMMARY\n{summary} Exam shows tenderness.\n\n"
            "DISPUTED ITEMS\nPhysical therapy x 6\n")
    return [d.text for d in extract_case(text).case.diagnoses]


OPENING = "The applicant is a 45-year-old male"


@pytest.mark.parametrize("rest", [
    "with low back pain and no history of anxiety or depression.",
    "with low back pain and no history of anxiety, depression or radiculopathy.",
    "with low back pain, x-rays negative for fracture.",
    "with low back pain and a family history of rheumatoid arthritis.",
    "with low back pain and a history of a right wrist fracture in 2005, healed.",
    "with hand numbness, EMG negative for carpal tunnel syndrome.",
    "with low back pain and no evidence of radiculopathy.",
    "with neck pain concerning for cervical radiculopathy.",
    "with neck pain suggestive of cervical radiculopathy.",
    "with low back pain and denies depression.",
    "with wrist pain, fracture ruled out on x-ray.",
    "with low back pain and prior lumbar strain in 2010.",
    "with low back pain and anxiety about returning to work.",
    "with low back pain without radiculopathy.",
    "with low back pain. His wife has developed depression.",
])
def test_opening_condition_not_stated_as_the_workers(rest):
    assert diagnoses(f"{OPENING} {rest}") == []


@pytest.mark.parametrize("summary,expected", [
    ("The applicant is a 45-year-old with lumbar radiculopathy.", ["lumbar radiculopathy"]),
    (f"{OPENING} with right knee osteoarthritis.", ["right knee osteoarthritis"]),
    (f"{OPENING} with lumbar disc herniation without myelopathy.", ["lumbar disc herniation without myelopathy"]),
    (f"{OPENING}. He has since developed depression.", ["depression"]),
    (f"{OPENING}. The injured worker has developed anxiety disorder.", ["anxiety disorder"]),
    # third review: "consistent with" affirms; "a history of X" names the condition treated; the injury's year
    (f"{OPENING} with bilateral hand numbness consistent with carpal tunnel syndrome.",
     ["bilateral hand numbness consistent with carpal tunnel syndrome"]),
    (f"{OPENING} with a history of lumbar radiculopathy.", ["history of lumbar radiculopathy"]),
])
def test_opening_condition_stated(summary, expected):
    assert diagnoses(summary) == expected


def test_a_dispute_in_a_later_clause_is_not_the_diagnoses():
    text = (f"{HEADER}\nCLINICAL CASE SUMMARY\nThe applicant is a 45-year-old male. Diagnoses: lumbar radiculopathy "
            "and lumbar strain; the psyche claim is disputed by the carrier.\n\nDISPUTED ITEMS\nPhysical therapy x 6\n")
    found = [d.text for d in extract_case(text).case.diagnoses]
    assert found[:2] == ["lumbar radiculopathy", "lumbar strain"]


@pytest.mark.parametrize("sentence", [
    "The physician has not diagnosed CRPS.",
    "Dr. Smith never diagnosed radiculopathy.",
    "No dx of radiculopathy has been made.",
    "Differential dx includes carpal tunnel syndrome.",
    "The AME diagnosed lumbar radiculopathy but the PTP disagrees.",
])
def test_diagnosis_not_made(sentence):
    assert diagnoses(f"{OPENING}. {sentence}") == []


@pytest.mark.parametrize("sentence,expected", [
    ("The orthopedist diagnosed de Quervain's tenosynovitis of the right wrist.",
     ["de Quervain's tenosynovitis of the right wrist"]),
    ("Dx L4-5 disc herniation with right sciatica.", ["L4-5 disc herniation with right sciatica"]),
])
def test_diagnosis_made(sentence, expected):
    assert diagnoses(f"{OPENING}. {sentence}") == expected
