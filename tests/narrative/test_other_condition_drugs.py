"""Drugs stopped together stop only the list just before the phrase; drugs for other conditions (an
antihypertensive, metformin) are taken but make no pain-medication list known and are no conservative care for
the injury. Each text written for the project."""

from __future__ import annotations

import pytest

from engine import extract_case

HEADER = "Case Number: D-1\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n"


def case(summary: str, item: str = "Physical therapy x 6"):
    text = (f"{HEADER}\nCLINICAL CASE SUMMARY\nThe applicant is a 45-year-old male with low back pain. {summary}\n\n"
            f"DISPUTED ITEMS\n{item}\n")
    return extract_case(text).case


@pytest.mark.parametrize("summary,taken", [
    ("He currently takes Norco 10/325 three times a day, and previously tried gabapentin and Lyrica; both were "
     "stopped.", ["hydrocodone"]),
    ("She takes Norco, which helps; physical therapy and chiropractic were tried, but both were stopped.",
     ["hydrocodone"]),
    ("He takes Norco and Lyrica; both were not stopped.", ["hydrocodone", "pregabalin"]),
    ("He tried gabapentin, which caused dizziness, and nortriptyline, which did not help; both were stopped. He "
     "takes Norco.", ["hydrocodone"]),
])
def test_stopped_together_stops_the_list_before_it(summary, taken):
    assert sorted(m.generic for m in case(summary).medications) == taken


@pytest.mark.parametrize("summary,taken", [
    ("He currently takes Norco, and previously tried gabapentin and Lyrica; all were stopped.", ["hydrocodone"]),
    ("Naproxen and Flexeril were prescribed in 2015 and all of them were subsequently stopped. He takes Norco.",
     ["hydrocodone"]),
])
def test_stopped_together_all_of_the_list(summary, taken):
    assert sorted(m.generic for m in case(summary).medications) == taken


def test_drugs_for_other_conditions_make_no_pain_list_known():
    import engine.view as view
    c = case("He has hypertension treated with lisinopril and diabetes on metformin.", "Norco 10/325 #60")
    assert sorted(m.generic for m in c.medications) == ["lisinopril", "metformin"]
    assert c.medications_known is False
    assert view._meds(c, c.items[0], None).same_class_current is None
    assert view._care(c, c.findings).conservative is None


def test_a_pain_drug_makes_the_list_known():
    import engine.view as view
    c = case("He takes ibuprofen.", "Norco 10/325 #60")
    assert c.medications_known is True
    assert view._meds(c, c.items[0], None).same_class_current is False
    assert view._care(c, c.findings).conservative is True
