"""A diagnosis that names a condition only to exclude it ("lumbar strain without radiculopathy") does not give the
rules that condition (`view._dx`); the conditions it does name still count."""
from __future__ import annotations

import pytest

from engine.facts import Case
from engine.view import _dx


def _facts(*diagnoses: str):
    return _dx(Case.model_validate({"case_id": "t", "items": [{"text": "MRI of the lumbar spine"}],
                                    "diagnoses": [{"text": d} for d in diagnoses]}))


@pytest.mark.parametrize(("text", "field"), [
    ("Lumbar strain without radiculopathy", "radiculopathy"),
    ("L4-5 disc herniation, no myelopathy", "myelopathy"),
    ("Right wrist pain, negative for fracture", "fracture"),
    ("Cervical strain w/o radiculopathy", "radiculopathy"),
])
def test_an_excluded_condition_is_not_diagnosed(text: str, field: str) -> None:
    assert getattr(_facts(text), field) is False


def test_the_conditions_named_still_count() -> None:
    dx = _facts("Lumbar strain without radiculopathy", "L4-5 disc herniation, no myelopathy")
    assert dx.sprain is True and dx.disc_disorder is True
    assert _facts("Lumbar radiculopathy").radiculopathy is True


def test_an_exclusion_ends_at_the_next_condition() -> None:
    dx = _facts("Lumbar spondylosis without myelopathy and right L5 radiculopathy")
    assert dx.radiculopathy is True and dx.myelopathy is False


@pytest.mark.parametrize(("text", "field"), [
    ("CRPS ruled out", "crps"),
    ("Left foot pain, complex regional pain syndrome ruled out", "crps"),
    ("Ankle sprain with fracture excluded on x-ray", "fracture"),
    ("Cervical strain; radiculopathy has been ruled out", "radiculopathy"),
    ("Complex regional pain syndrome (ruled out)", "crps"),
])
def test_an_exclusion_after_its_condition_excludes_it(text: str, field: str) -> None:
    dx = _facts(text)
    assert getattr(dx, field) is False
    if field == "crps":
        assert dx.crps_suspected is False  # excluded, so not suspected either


def test_an_exclusion_after_its_condition_keeps_the_others() -> None:
    dx = _facts("Ankle sprain with fracture excluded on x-ray")
    assert dx.sprain is True
    # a condition still to be ruled out is suspected, not excluded
    assert _facts("Rule out CRPS").crps_suspected is True


@pytest.mark.parametrize(("text", "field"), [
    ("Lumbar sprain, rule out right L5 radiculopathy", "radiculopathy"),
    ("Knee strain with possible meniscal tear; r/o CRPS", "crps"),
    ("Cervical strain, suspected C6 radiculitis", "radiculopathy"),
])
def test_an_uncertain_condition_after_another_is_not_established(text: str, field: str) -> None:
    dx = _facts(text)
    assert getattr(dx, field) is False
    assert dx.sprain is True  # the established condition still counts


def test_an_uncertain_condition_after_another_is_still_suspected() -> None:
    assert _facts("Left ankle sprain, rule out CRPS").crps_suspected is True
