"""The layouts a narrative case may come in: the IMR layout (a CLINICAL CASE SUMMARY section) and a note without
that heading (a PR-2, a reviewer's abstract) whose summary is everything between its header lines and its
DISPUTED ITEMS; header dates written with or without a colon, several to a line."""

from __future__ import annotations

import datetime as dt

import pytest

from engine.narrative.sections import split

ITEMS = "\nDISPUTED ITEMS\nPhysical therapy 2x4 lumbar\n"


def test_imr_layout_is_read_as_before() -> None:
    parts = split("Case Number: T-1\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n\n"
                  "CLINICAL CASE SUMMARY\nShe has low back pain.\n" + ITEMS)
    assert (parts.case_id, parts.injury, parts.ur_date) == ("T-1", dt.date(2016, 1, 5), dt.date(2016, 6, 1))
    assert parts.summary.strip() == "She has low back pain."
    assert parts.items == ["Physical therapy 2x4 lumbar"]


def test_a_note_without_the_summary_heading_is_summarized_by_its_body() -> None:
    parts = split("Case Number: T-2\nDOI: 07/22/2013\nRFA: 05/10/2016\nUR: 05/17/2016\n\n"
                  "PR-2 PROGRESS REPORT, 05/03/2016\nS: c/o low back pain.\nO: SLR negative.\n" + ITEMS)
    assert parts.injury == dt.date(2013, 7, 22)
    assert parts.ur_date == dt.date(2016, 5, 17)
    assert parts.request == dt.date(2016, 5, 10)
    assert "c/o low back pain" in parts.summary and "SLR negative" in parts.summary
    assert "Case Number" not in parts.summary and "DOI" not in parts.summary
    assert parts.items == ["Physical therapy 2x4 lumbar"]


@pytest.mark.parametrize("line", ["DOI 09/14/2013 -- UR 01/08/2015", "DOI 09/14/2013 | UR 01/08/2015",
                                  "D/I: 09/14/2013 | UR non-cert 01/08/2015"])
def test_two_header_dates_on_one_line(line: str) -> None:
    parts = split(f"Case Number: T-3\n{line}\n\nLow back pain since the fall.\n" + ITEMS)
    assert (parts.injury, parts.ur_date) == (dt.date(2013, 9, 14), dt.date(2015, 1, 8))


def test_rfa_dated_in_the_header() -> None:
    parts = split("Case Number: T-4\nDOI: 10/10/2013\nRFA dated 03/03/2015\nUR non-cert 03/10/2015\n\n"
                  "Neck pain.\n" + ITEMS)
    assert (parts.request, parts.ur_date) == (dt.date(2015, 3, 3), dt.date(2015, 3, 10))


def test_prose_at_the_top_is_not_taken_for_header_lines() -> None:
    # the first paragraph is prose: nothing is consumed as header, and no date is taken from it as a header's
    parts = split("The injured worker was seen on 05/03/2016 after UR review of 05/17/2016 was requested.\n"
                  "He has neck pain.\n" + ITEMS)
    assert parts.ur_date is None and parts.request is None
    assert "seen on 05/03/2016" in parts.summary


def test_neither_summary_heading_nor_items_is_an_error_naming_both() -> None:
    with pytest.raises(ValueError, match=r"CLINICAL CASE SUMMARY.*DISPUTED ITEMS"):
        split("Case Number: T-5\nDOI: 01/01/2016\n\nHe has neck pain and wants therapy.\n")


def test_header_lines_and_items_with_no_summary_between_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"no summary text before DISPUTED ITEMS"):
        split("Case Number: T-6\nDOI: 01/01/2016\n\nDISPUTED ITEMS\nMRI lumbar\n")
