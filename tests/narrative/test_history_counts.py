"""How a course's count is written: a year in parentheses after the count is no count ("PT x8 (2014)"), a
compound number word is one number ("thirty-six visits"), a dash range is between digits ("10-14 visits"), a
number of courses, days or levels counts no sessions, and a count written after another treatment's name is that
treatment's ("acupuncture, chiropractic (ten visits)")."""

from __future__ import annotations

import pytest

from engine.narrative import extract_case

CASE = """CLINICAL CASE SUMMARY
The injured worker is a 41 year old female injured on 02/09/2016. {sentence}

DISPUTED ITEMS
Physical therapy x6 lumbar spine
"""


def _history(sentence: str) -> dict[str, tuple[int | None, int | None, list[int]]]:
    case = extract_case(CASE.format(sentence=sentence)).case
    return {c.kind.value: (c.sessions, c.sessions_at_least, c.sessions_reported) for c in case.history}


@pytest.mark.parametrize(("sentence", "kind", "sessions"), [
    ("Treatment to date: PT x8 (2014), medications.", "physical_therapy", 8),
    ("Prior care included chiropractic treatment (thirty-six visits) and medications.", "chiropractic", 36),
    ("She has had twenty one sessions of acupuncture.", "acupuncture", 21),
    ("Occupational therapy in 2017, 9 visits, gave her little benefit.", "occupational_therapy", 9),
    ("He has done acupuncture, 7 sessions, and a home program.", "acupuncture", 7),
])
def test_the_count_of_a_course(sentence: str, kind: str, sessions: int) -> None:
    assert _history(sentence)[kind][0] == sessions


def test_a_dash_range_keeps_both_counts_and_the_lower_one() -> None:
    assert _history("She attended physical therapy (10-14 visits) in 2016.")["physical_therapy"] == (10, None, [10, 14])


@pytest.mark.parametrize("sentence", [
    "She has had physical therapy (3 courses) without lasting benefit.",
    "He completed a 45-day trial of physical therapy at home.",
    "She has been through 2 rounds of physical therapy.",
])
def test_a_number_of_courses_or_days_is_no_count_of_sessions(sentence: str) -> None:
    assert _history(sentence)["physical_therapy"] == (None, None, [])


def test_a_count_belongs_to_the_treatment_named_next_to_it() -> None:
    got = _history("She has tried physical therapy, acupuncture (ten sessions) and medications.")
    assert got["physical_therapy"] == (None, None, [])
    assert got["acupuncture"][0] == 10


def test_had_no_other_treatment_is_no_count() -> None:
    got = _history("Conservative care has included physical therapy and a home program; she has had no surgery.")
    assert got["physical_therapy"] == (None, None, [])
