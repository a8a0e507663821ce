"""A motion the exam measures short of its normal range is an objective functional deficit, read as an inference
(`engine.narrative.motion`); a measure at or above normal, a goal, or a measure before the injury states none."""

from __future__ import annotations

import pytest

from engine import extract_case
from engine.narrative.motion import NORMAL_MOTION, shortfalls
from engine.vocab import Region

HEADER = "Case Number: M-1\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n\nCLINICAL CASE SUMMARY\n"
ITEMS = "\n\nDISPUTED ITEMS\nPhysical therapy x 6\n"


def deficit(text: str) -> bool | None:
    return extract_case(HEADER + text + ITEMS).case.findings.objective_functional_deficit


@pytest.mark.parametrize("text", [
    "Lumbar: tenderness of the paraspinals, flex 40 deg, SLR negative bilaterally.",
    "Objective: cervical rotation 45 deg bilaterally, Spurling negative.",
    "Exam: lumbar flexion 50% of normal, negative SLR bilaterally.",
    "Right knee: range of motion was 5 to 115 degrees.",                  # an extension lag and short flexion
    "Right shoulder abduction was limited to 90 degrees.",
    "He had 30 degrees of ankle dorsiflexion and 20 degrees of plantar flexion.",   # the plantar flexion is short
])
def test_measured_shortfall_is_a_deficit(text: str) -> None:
    assert deficit(text) is True


def test_case_region_serves_a_sentence_that_names_none() -> None:
    text = "She has right knee pain since a fall. Exam: varus deformity, flexion 95 degrees, effusion."
    assert deficit(text) is True


@pytest.mark.parametrize("text", [
    "Lumbar flexion 70 degrees, extension 30 degrees.",                     # at or above normal
    "Since therapy his lumbar flexion improved from 20 to 70 degrees.",     # the measure now is normal
    "The goal of therapy is lumbar flexion to 60 degrees.",                 # a goal, not the exam
    "She has neck and low back pain. Flexion 30 degrees.",                  # which region's flexion is not known
])
def test_no_shortfall_states_nothing(text: str) -> None:
    assert deficit(text) is None


def test_provenance_marks_the_reading_inferred() -> None:
    case = extract_case(HEADER + "Lumbar flexion was 40 degrees." + ITEMS).case
    assert any("[inferred: lumbar flexion 40 degrees, normal 60]" in s
               for s in case.provenance["findings.objective_functional_deficit"])


def test_a_deficit_is_read_for_its_half_of_the_body() -> None:
    case = extract_case(HEADER + "Cervical rotation was 40 degrees." + ITEMS).case
    read = {(r.field, r.half, r.value) for r in case.regional_findings}
    assert ("objective_functional_deficit", "upper", True) in read


def test_every_normal_is_one_region_and_motion() -> None:
    keys = [(region, motion) for region, motion, _ in NORMAL_MOTION]
    assert len(keys) == len(set(keys))
    assert all(deg > 0 for _, _, deg in NORMAL_MOTION)


def test_shortfall_names_what_was_measured() -> None:
    [(_, region, why)] = shortfalls("Knee flexion to 100 degrees.")
    assert region is Region.knee and "100" in why
