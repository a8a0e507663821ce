"""Diagnosis groups the review of the fifth audit widened (engine/view.py `_DX_PATTERNS`): a psychological diagnosis
of any kind (`dx.psych_condition`, the indication of PSYCH-EVAL and PSYCH-TREATMENT and the referral sentence's
psychosocial factors) and extreme obesity as diagnoses write it (`dx.severe_obesity`, PM-AQUATIC). Diagnoses are
written for these tests."""
from __future__ import annotations

import pytest

from engine.facts import Case
from engine.view import DiagnosisFacts, _dx


def _facts(text: str) -> DiagnosisFacts:
    case = Case.model_validate({"case_id": "t", "items": [{"text": "Request"}], "diagnoses": [{"text": text}]})
    return _dx(case)


@pytest.mark.parametrize("text", [
    "Major depressive disorder, single episode", "Generalized anxiety disorder", "Adjustment disorder with anxiety",
    "Posttraumatic stress disorder", "PTSD", "Post-traumatic stress disorder, chronic", "Panic disorder",
    "Somatic symptom disorder with predominant pain", "Pain disorder associated with psychological factors",
    "Acute stress disorder", "Pain disorder",
])
def test_a_psychological_diagnosis_is_read(text: str) -> None:
    assert _facts(text).psych_condition is True


@pytest.mark.parametrize("text", [
    "Lumbar strain", "Post-traumatic headache", "Chronic pain syndrome", "Insomnia", "Myofascial pain disorder",
])
def test_other_diagnoses_are_not_psychological(text: str) -> None:
    assert _facts(text).psych_condition is False


def test_depression_keeps_its_own_scope() -> None:
    # the antidepressant and partial-hospitalization rules read dx.depression, which PTSD does not widen
    assert _facts("Posttraumatic stress disorder").depression is False


@pytest.mark.parametrize("text", [
    "Morbid obesity", "Morbid (severe) obesity due to excess calories", "Obesity, morbid", "Obesity (BMI 42)",
    "Obesity, BMI of 40.5", "Class III obesity",
])
def test_extreme_obesity_is_read(text: str) -> None:
    assert _facts(text).severe_obesity is True


@pytest.mark.parametrize("text", ["Obesity", "Obesity, BMI 32", "Overweight, BMI 39.9"])
def test_lesser_obesity_is_not(text: str) -> None:
    assert _facts(text).severe_obesity is False
