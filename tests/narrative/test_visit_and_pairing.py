"""Two settling conventions of `engine.narrative.evidence`: the latest dated visit decides whether the complaint
persists, wherever the summary writes it; an injection's relief percent and weeks come from one statement."""

from __future__ import annotations

from engine import extract_case
from engine.facts import Findings

HEADER = "Case Number: V-1\nDate of Injury: 01/05/2014\nUR Denial Date: 06/01/2016\n\nCLINICAL CASE SUMMARY\n"
PT = "\n\nDISPUTED ITEMS\nPhysical therapy x 6 lumbar\n"
ESI = "\n\nDISPUTED ITEMS\nRepeat lumbar epidural steroid injection L4-5\n"


def findings(text: str, items: str = PT) -> Findings:
    return extract_case(HEADER + text + items).case.findings


def test_latest_dated_visit_decides_though_written_first() -> None:
    text = ("On 05/02/2016 she reported that her low back pain had completely resolved. "
            "On 03/01/2016 she complained of low back pain rated 7/10.")
    assert findings(text).symptoms_persist is False


def test_latest_dated_visit_decides_a_persisting_complaint() -> None:
    text = ("On 05/02/2016 she complained of low back pain rated 6/10. "
            "On 01/10/2015 her symptoms had resolved after therapy.")
    assert findings(text).symptoms_persist is True


def test_an_undated_sentence_belongs_to_the_visit_before_it() -> None:
    text = "On 03/01/2016 she complained of low back pain rated 7/10. Her pain has since resolved."
    assert findings(text).symptoms_persist is False


def test_without_dates_the_last_sentence_decides() -> None:
    assert findings("Her low back pain resolved. She now complains of low back pain.").symptoms_persist is True


def test_relief_weeks_are_not_borrowed_from_another_injection() -> None:
    text = ("A lumbar epidural steroid injection on 01/10/2015 gave 70% relief for 8 weeks. "
            "A repeat lumbar epidural steroid injection on 09/10/2015 gave 50% relief.")
    f = findings(text, ESI)
    assert f.injection_relief_percent == 50
    assert f.injection_relief_weeks is None


def test_relief_percent_and_weeks_of_one_statement() -> None:
    text = "A lumbar epidural steroid injection on 01/10/2015 gave 70% relief for 8 weeks."
    f = findings(text, ESI)
    assert (f.injection_relief_percent, f.injection_relief_weeks) == (70, 8)
