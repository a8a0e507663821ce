"""Dates a case summary states in prose when no header line gives them: the UR decision, the request, the injury."""
from __future__ import annotations

import datetime as dt

import pytest

from engine.narrative import extract_case


def _case(summary: str, item: str = "MRI of the lumbar spine"):
    return extract_case(f"CLINICAL CASE SUMMARY\n\n{summary}\n\nDISPUTED ITEMS\n{item}\n", "t").case


@pytest.mark.parametrize("sentence", [
    "Utilization review dated 03/09/2016 non-certified the request.",
    "On 03/09/2016, utilization review non-certified the MRI.",
    "The request was denied by utilization review on 03/09/2016.",
    "UR denied the request on 03/09/2016.",
    "UR 03/09/2016 non-certified the MRI.",
])
def test_ur_decision_date_read_from_the_summary(sentence: str):
    c = _case("The injured worker is a 40 year old man injured on 01/05/2015. Low back pain persists. "
              "The request for authorization dated 03/01/2016 was for an MRI of the lumbar spine. " + sentence)
    assert c.dates.ur_decision == dt.date(2016, 3, 9)
    assert c.dates.request == dt.date(2016, 3, 1)  # the RFA's date, not the latest date in the summary
    assert c.dates.injury == dt.date(2015, 1, 5)


def test_without_an_rfa_phrase_the_latest_date_before_the_review_stands_in():
    c = _case("A 50 year old woman sustained an industrial injury dated 2/2/2014. The progress note of 02/20/2016 "
              "documents back pain. Utilization review on 03/09/2016 non-certified the MRI.")
    assert c.dates.ur_decision == dt.date(2016, 3, 9)
    assert c.dates.request == dt.date(2016, 2, 20)
    assert c.dates.injury == dt.date(2014, 2, 2)


def test_surgeon_submitted_a_request_dates_the_request():
    c = _case("The worker was hurt at work on 01/05/2015. The surgeon submitted a request on 04/02/2016 for "
              "lumbar decompression. UR on 04/09/2016 denied the surgery.", "Lumbar decompression")
    assert c.dates.request == dt.date(2016, 4, 2)
    assert c.dates.ur_decision == dt.date(2016, 4, 9)
    assert c.dates.injury == dt.date(2015, 1, 5)


def test_header_ur_date_still_wins():
    text = ("Date of Injury: 01/05/2015\nUR Denial Date: 03/10/2016\n\nCLINICAL CASE SUMMARY\n\nThe worker was "
            "injured on 01/05/2015. Utilization review dated 03/09/2016 non-certified it.\n\nDISPUTED ITEMS\n"
            "MRI of the lumbar spine\n")
    c = extract_case(text, "t").case
    assert c.dates.ur_decision == dt.date(2016, 3, 10)
