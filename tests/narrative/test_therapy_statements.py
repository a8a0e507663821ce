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


# --- a therapy stated as not given is a documented zero; the record's silence stays unknown ---

NOT_GIVEN = "the record says it was not received"


@pytest.mark.parametrize("sentence", [
    "PT has not been provided.",
    "No physical therapy has been provided to date.",
    "He has not had PT.",
    "Physical therapy was not provided.",
    "He has not been given any physical therapy.",
    "It was reported that the applicant has not been provided PT.",
])
def test_a_therapy_stated_as_not_given_is_a_documented_zero(sentence: str) -> None:
    assert _pt(sentence) == [(0, None, NOT_GIVEN)]


@pytest.mark.parametrize("sentence", [
    "Physical therapy has not been documented.",
    "The records do not show any physical therapy.",
    "There is no documentation of prior physical therapy.",
    "No physical therapy records were provided.",
    "No PT notes were provided for review.",
    "PT records were not provided.",
    "There is no documentation that PT has been provided.",
])
def test_the_record_s_silence_about_a_therapy_stays_unknown(sentence: str) -> None:
    assert _pt(sentence) == []


def test_records_not_provided_do_not_undo_a_course_the_summary_states() -> None:
    assert _pt("He completed 6 sessions of PT; the PT notes were not provided.") == [(6, None, None)]


def test_a_count_not_documented_is_still_a_course_given() -> None:
    # the number of visits is what the record is silent about, not whether therapy was given
    assert _pt("The number of PT sessions completed was not documented.") == [(None, None, None)]


def test_a_zero_read_from_a_treatment_list_s_omission_stays_inferred() -> None:
    # a therapy the list of treatment to date leaves out gets no course: the list is recorded, the zero is the rules'
    case = extract_case(CASE.format(sentence="Treatment to date has included medications and acupuncture.")).case
    assert case.treatments_listed is True
    assert not [c for c in case.history if c.kind is Service.physical_therapy]


def test_a_negation_does_not_reach_across_but() -> None:
    case = extract_case(CASE.format(sentence="He has not had PT but chiropractic helped.")).case
    assert [(c.kind, c.sessions) for c in case.history] == [(Service.physical_therapy, 0), (Service.chiropractic, None)]
