"""The shoulder chapter's red-flag condition, a glenohumeral dislocation or the instability after one
(`dx.shoulder_dislocation`, docs/audit/surgery.md "Fifth audit"), read from diagnoses written for these tests."""
from __future__ import annotations

import pytest

from engine.facts import Case
from engine.view import _dx


def _dislocation(text: str) -> bool | None:
    case = Case.model_validate({"case_id": "t", "items": [{"text": "Right shoulder surgery"}],
                                "diagnoses": [{"text": text}]})
    return _dx(case).shoulder_dislocation


@pytest.mark.parametrize("text", [
    "Right shoulder recurrent anterior dislocation",
    "Recurrent anterior glenohumeral dislocation",
    "Dislocation of the left shoulder",
    "Anterior labral tear (Bankart lesion), right shoulder",
    "Hill-Sachs lesion, left humeral head",
    "Status post shoulder subluxation",
])
def test_a_glenohumeral_dislocation_or_instability_is_read(text: str) -> None:
    assert _dislocation(text) is True


@pytest.mark.parametrize("text", [
    "Left shoulder AC joint dislocation",
    "Acromioclavicular dislocation of the right shoulder",
    "Right patellar dislocation",
    "Right shoulder impingement syndrome",
    "Right shoulder sprain; lumbar instability",
    "Right shoulder pain, no instability",
    # review of the fifth audit: multidirectional (atraumatic) instability follows no dislocation
    "Left shoulder multidirectional instability",
    "Multidirectional instability of the right shoulder",
    "Atraumatic shoulder instability",
])
def test_other_lesions_are_not(text: str) -> None:
    assert _dislocation(text) is False
