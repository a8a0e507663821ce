"""Weakness of a movement one nerve root serves is a focal motor deficit, however the exam writes it
(`findings.MYOTOMAL_MOVEMENTS`); weakness of a grip is not, being as often the hand's own."""

from __future__ import annotations

import pytest

from engine.narrative import extract_case

CASE = """CLINICAL CASE SUMMARY
The injured worker is a 50 year old male injured on 01/05/2015. He has low back pain radiating to the left leg.
{sentence}

DISPUTED ITEMS
MRI of the lumbar spine
"""


@pytest.mark.parametrize(("sentence", "deficit"), [
    ("On exam, ankle dorsiflexion was weak on the left.", True),
    ("On exam, there was weakness of left ankle dorsiflexion.", True),
    ("On exam, there was weak left EHL.", True),
    ("Left ankle dorsiflexion strength was 4/5.", True),
    ("On exam, no weakness of ankle dorsiflexion was found.", False),
    ("On exam, ankle dorsiflexion was not weak.", None),
    ("Grip was weak on the right.", None),
])
def test_weakness_of_a_myotomal_movement_is_a_focal_deficit(sentence: str, deficit: bool | None) -> None:
    assert extract_case(CASE.format(sentence=sentence)).case.findings.focal_neuro_deficit is deficit
