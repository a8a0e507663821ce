"""A count written as a bound is a lower bound (`TreatmentCourse.sessions_at_least`), never an exact count: "at
least 12" is 12 or more, "more than 24" is 25 or more (`history.LOWER_BOUNDS`)."""

from __future__ import annotations

import pytest

from engine.narrative import extract_case

CASE = """CLINICAL CASE SUMMARY
The injured worker is a 50 year old male injured on 01/05/2015. {sentence}

DISPUTED ITEMS
Physical therapy x6 lumbar spine
"""


@pytest.mark.parametrize(("sentence", "kind", "sessions", "at_least"), [
    ("He has completed more than 24 sessions of physical therapy.", "physical_therapy", None, 25),
    ("He attended physical therapy x more than 24 visits.", "physical_therapy", None, 25),
    ("He has had in excess of 30 chiropractic treatments.", "chiropractic", None, 31),
    ("She has had at least 12 sessions of chiropractic care.", "chiropractic", None, 12),
    ("She has completed a minimum of 6 acupuncture visits.", "acupuncture", None, 6),
    ("He has had 12 sessions of physical therapy.", "physical_therapy", 12, None),
])
def test_a_bound_is_a_lower_bound(sentence: str, kind: str, sessions: int | None, at_least: int | None) -> None:
    (course,) = extract_case(CASE.format(sentence=sentence)).case.history
    assert (course.kind.value, course.sessions, course.sessions_at_least) == (kind, sessions, at_least)
