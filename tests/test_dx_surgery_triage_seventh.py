"""Diagnosis groups added by the seventh conformance triage (docs/audit/surgery.md "Conformance triage (seventh
round)"): a rotator cuff tear other than the partial or small one ACOEM 2004 ch. 9 treats like impingement
(`dx.shoulder_cuff_tear`), and the low back chapter's red flag, a progressive neurologic deficit or a foot drop
(`dx.progressive_neuro_deficit`). Diagnoses written for these tests."""
from __future__ import annotations

import pytest

from engine.facts import Case
from engine.view import DiagnosisFacts, _dx


def _facts(*texts: str) -> DiagnosisFacts:
    case = Case.model_validate({"case_id": "t", "items": [{"text": "surgery"}],
                                "diagnoses": [{"text": t} for t in texts]})
    return _dx(case)


@pytest.mark.parametrize("texts", [
    ("Full-thickness supraspinatus tear",),
    ("Complete tear of the left rotator cuff",),
    ("Right shoulder impingement syndrome", "Massive retracted rotator cuff tear"),
    ("Torn rotator cuff, right",),
    ("Right shoulder impingement with rotator cuff tear",),
])
def test_a_cuff_tear_not_named_partial_or_small_is_read(texts: tuple[str, ...]) -> None:
    assert _facts(*texts).shoulder_cuff_tear is True


@pytest.mark.parametrize("texts", [
    ("Partial-thickness articular-sided tear of the right supraspinatus",),
    ("Right shoulder impingement", "partial rotator cuff tear"),
    ("Small full-thickness tear of the supraspinatus",),
    ("Right shoulder impingement syndrome",),
    ("Right knee medial meniscus tear",),
])
def test_a_partial_or_small_tear_or_no_cuff_tear_is_not(texts: tuple[str, ...]) -> None:
    assert _facts(*texts).shoulder_cuff_tear is False


@pytest.mark.parametrize("text", [
    "Acute L4-5 disc extrusion with left L5 radiculopathy and foot drop",
    "Right drop foot",
    "Lumbar radiculopathy with progressive neurologic deficit",
    "Progressive left leg weakness",
    "Progressive motor deficit, L5",
])
def test_a_progressive_deficit_or_foot_drop_is_read(text: str) -> None:
    assert _facts(text).progressive_neuro_deficit is True


@pytest.mark.parametrize("text", [
    "L4-5 disc extrusion; residual foot drop",
    "Chronic foot drop after prior laminectomy",
    "Lumbar radiculopathy",
    "Progressive disc degeneration",
])
def test_a_residual_deficit_or_none_is_not(text: str) -> None:
    assert _facts(text).progressive_neuro_deficit is False


def test_no_diagnoses_leave_both_unknown() -> None:
    case = Case.model_validate({"case_id": "t", "items": [{"text": "surgery"}]})
    assert _dx(case).shoulder_cuff_tear is None and _dx(case).progressive_neuro_deficit is None
