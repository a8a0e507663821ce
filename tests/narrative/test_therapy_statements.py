"""How the therapy reader (`history.read_history`) reads what a summary says of physical therapy: the abbreviation
"pt" only in its therapy sense, and a therapy stated as not given is a documented zero, while the record's silence
about it stays unknown. Texts written for the project."""

from __future__ import annotations

import pytest

from engine.narrative import extract_case
from engine.vocab import Service

CASE = """CLINICAL CASE SUMMARY
The injured worker is a 44 year old male injured on 02/03/2017 lifting a box at work. He has low back pain.
{sentence} Lumbar range of motion is reduced.

DISPUTED ITEMS
Chiropractic x 6 for the lumbar spine
"""


def _pt(sentence: str) -> list[tuple[int | None, int | None, str | None]]:
    case = extract_case(CASE.format(sentence=sentence)).case
    return [(c.sessions, c.sessions_at_least, c.improvement_note) for c in case.history
            if c.kind is Service.physical_therapy]


# --- "pt": the patient, unless written as the therapy's abbreviation ---

@pytest.mark.parametrize("sentence", [
    "The pt reports 6/10 pain with prolonged sitting.",
    "Pt was seen on 03/03/2017 and had 6 sessions of chiropractic.",
    "The pt states that the pain is worse at night.",
])
def test_pt_for_the_patient_is_no_physical_therapy(sentence: str) -> None:
    assert _pt(sentence) == []


@pytest.mark.parametrize(("sentence", "sessions"), [
    ("He has completed 8 PT visits.", 8),
    ("He has had 8 pt sessions.", 8),
    ("The pt has completed 6 pt visits.", 6),
    ("Pt tried PT x 12.", 12),
])
def test_pt_as_the_therapy_s_abbreviation_is_physical_therapy(sentence: str, sessions: int) -> None:
    assert [s for s, _, _ in _pt(sentence)] == [sessions]


def test_a_prothrombin_time_is_no_physical_therapy() -> None:
    assert _pt("Preoperative PT/PTT were within normal limits.") == []
