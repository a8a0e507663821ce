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


@pytest.mark.parametrize("sentence", [
    "UR denied 03/09/2016.",
    "UR non-cert 3/9/2016.",
    "UR non-certified 3-9-2016, recommending a trial of therapy first.",
    "Utilization review upheld 03/09/2016.",
])
def test_ur_verb_written_right_before_its_date(sentence: str):
    c = _case("A 44 yo male welder, DOI 1/5/2015, has neck pain. RFA 03/01/2016: MRI of the cervical spine. "
              + sentence)
    assert c.dates.ur_decision == dt.date(2016, 3, 9)
    assert c.dates.request == dt.date(2016, 3, 1)
    assert c.dates.injury == dt.date(2015, 1, 5)


@pytest.mark.parametrize("opening,injury", [
    ("This 61 y.o. woman (DOI: 07-02-2013) has knee pain.", dt.date(2013, 7, 2)),
    ("A 38-year-old carpenter injured 9/14/2012 when he fell from scaffolding has back pain.", dt.date(2012, 9, 14)),
    ("A 38-year-old carpenter, date of injury 2012-09-14, has back pain.", dt.date(2012, 9, 14)),
    ("A 38-year-old carpenter injured on 14 September 2012 has back pain.", dt.date(2012, 9, 14)),
])
def test_injury_dates_as_notes_write_them(opening: str, injury: dt.date):
    c = _case(opening + " Request dated 02/01/2016 for an MRI. UR denied on 02/10/2016.")
    assert c.dates.injury == injury
    assert c.dates.request == dt.date(2016, 2, 1)


def test_iso_dates_in_the_header():
    c = extract_case("Case Number: X-1\nDate of Injury: 2015-01-05\nUR Denial Date: 2016-03-09\n\n"
                     "CLINICAL CASE SUMMARY\nA 40 year old man has low back pain.\n\n"
                     "DISPUTED ITEMS\nMRI of the lumbar spine\n", "t").case
    assert (c.dates.injury, c.dates.ur_decision) == (dt.date(2015, 1, 5), dt.date(2016, 3, 9))


def test_the_injury_date_does_not_stand_in_for_the_request():
    c = _case("A 50 year old cook slipped and fell at work on 03/15/2016. She has knee pain. "
              "UR non-certified the request on 02/02/2018.")
    assert c.dates.injury == dt.date(2016, 3, 15)
    assert c.dates.request is None


def test_iso_dates_and_year_ranges():
    from engine.narrative.textnum import find_dates
    assert find_dates("PT in 2015-2016") == []
    assert [d for d, _ in find_dates("seen on 2018-03-07.")] == [dt.date(2018, 3, 7)]


# review of this session's changes: a wrong UR date would set the date the case is judged by, and with it the era
def test_an_earlier_review_is_not_the_one_in_dispute():
    c = _case("The injured worker is a 45 year old man injured on 01/05/2015. A prior utilization review dated "
              "05/01/2016 certified six sessions of physical therapy. The request for authorization dated "
              "08/10/2016 was for an MRI of the neck. On 08/20/2016, utilization review non-certified the MRI.",
              "MRI of the cervical spine")
    assert c.dates.ur_decision == dt.date(2016, 8, 20)
    assert c.dates.request == dt.date(2016, 8, 10)


def test_a_review_dated_before_the_request_is_an_earlier_one():
    c = _case("The injured worker is a 45 year old man injured on 01/05/2015. UR on 03/09/2016 non-certified an "
              "MRI of the neck. The RFA dated 08/10/2016 requested the MRI again.", "MRI of the cervical spine")
    assert c.dates.ur_decision is None
    assert c.dates.request == dt.date(2016, 8, 10)


def test_a_later_flare_is_not_the_injury():
    c = _case("The injured worker is a 50 year old man with an industrial injury to the neck in 2012. He had a "
              "flare after he strained his neck lifting a box on 07/01/2015.", "Norco 10/325 mg #20")
    assert c.dates.injury is None


def test_the_injuring_event_in_the_opening_dates_the_injury():
    c = _case("A 38 year old warehouse worker slipped and fell at work on 03/14/2016, landing on his right knee. "
              "He has had six sessions of physical therapy.", "MRI of the right knee")
    assert c.dates.injury == dt.date(2016, 3, 14)


def test_an_event_later_in_the_summary_is_not_the_injury():
    c = _case("The injured worker is a 50 year old woman with chronic low back pain. She has had physical therapy "
              "and chiropractic care. Her pain increased after she fell at home on 05/02/2016.")
    assert c.dates.injury is None


def test_an_earlier_injury_is_not_the_claims():
    c = _case("The injured worker is a 45 year old man. He had a prior injury on 03/04/2010 to the same knee. He "
              "sustained an industrial injury on 09/01/2017 when he fell from a ladder.", "MRI of the right knee")
    assert c.dates.injury == dt.date(2017, 9, 1)


@pytest.mark.parametrize("injury,rfa,ur", [
    # each format once for each date: day-month-abbreviated-year, year first with slashes, ordinal "of"
    ("The date of injury is 3-Mar-15.", "The RFA is dated 04-May-16.", "The UR determination was dated 12-May-16."),
    ("DOI: 2015/03/03.", "RFA received 2016/05/04.", "UR non-certification 2016/05/12."),
    ("He was injured at work on March 3rd, 2015.", "A request for authorization was submitted on 4th of May 2016.",
     "Utilization review denied the request on May 12th, 2016."),
    ("Date of injury: 03 March 2015.", "Request date: 04 May 2016.", "UR date: 12 May 2016."),
])
def test_date_formats_summaries_use(injury: str, rfa: str, ur: str):
    c = _case(f"The injured worker is a 45-year-old man with low back pain. {injury} He has had physical "
              f"therapy. {rfa} {ur}")
    assert (c.dates.injury, c.dates.request, c.dates.ur_decision) == (
        dt.date(2015, 3, 3), dt.date(2016, 5, 4), dt.date(2016, 5, 12))


@pytest.mark.parametrize("sentence", [
    "His injury occurred on 03/03/2015.",
    "The industrial injury was on 3/3/2015.",
    "He injured his back while lifting on or about March 3, 2015.",
    "He sustained an industrial injury on or about 03/03/2015.",
])
def test_injury_dated_by_its_verb(sentence: str):
    c = _case(f"The injured worker is a 45-year-old man with low back pain. {sentence} "
              "Request dated 05/04/2016 for an MRI. UR denied on 05/12/2016.")
    assert c.dates.injury == dt.date(2015, 3, 3)


def test_a_year_first_date_is_no_month_first_date():
    # "2016/05/04" is 4 May 2016; its last two groups are not read as a month-first "05/04" of another year
    from engine.narrative.textnum import find_dates
    assert [d for d, _ in find_dates("seen 2016/05/04 and 2016.05.12")] == [dt.date(2016, 5, 4), dt.date(2016, 5, 12)]
