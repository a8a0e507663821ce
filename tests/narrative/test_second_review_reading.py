"""Second review of this round's reading changes: a fact is read only where the text states it. Functional
improvement from a treatment is an ability and the treatment in one clause, and not one held before the injury; a
count of visits requested, denied, pending, cancelled or missed is not added to the visits attended; an injection's
relief is the relief written after its own name in its own clause, and a walk of blocks or a flu shot is no
injection; a study on record that names no region is not made a study of the requested region."""

from __future__ import annotations

import pytest

from engine.narrative import extract_case
from engine.narrative.status import enabled_activity


@pytest.mark.parametrize("sentence", [
    "He is able to walk 2 blocks; he continues with medications.",
    "He is able to drive to appointments and is compliant with medications.",
    "Prior to the injury he was able to run daily with therapy.",
    "He was able to garden with medications before the injury, but now cannot.",
])
def test_no_functional_improvement_outside_one_clause_or_before_the_injury(sentence: str) -> None:
    assert enabled_activity(sentence) is False


@pytest.mark.parametrize("sentence", [
    "With medications he is able to mow the lawn.",
    "She is able to mow the lawn with medications.",
])
def test_an_ability_credited_to_the_treatment_in_one_clause(sentence: str) -> None:
    assert enabled_activity(sentence) is True


CASE = """CLINICAL CASE SUMMARY
The injured worker is a 41 year old female injured on 02/09/2016. {sentence}

DISPUTED ITEMS
{item}
"""


def _sessions(sentence: str) -> int | None:
    case = extract_case(CASE.format(sentence=sentence, item="Physical therapy x6 lumbar spine")).case
    return next(c.sessions for c in case.history if c.kind.value == "physical_therapy")


@pytest.mark.parametrize("sentence", [
    "She attended 6 physical therapy visits, and 6 additional visits were denied.",
    "She attended 6 physical therapy visits, and 6 additional sessions are pending.",
    "She attended 6 physical therapy visits, and 6 more were cancelled.",
    "She attended 6 physical therapy visits, and 6 more were requested.",
    "She attended 6 physical therapy visits, and 6 more were non-certified.",
    "She attended 6 physical therapy visits, and 6 more were authorized.",
])
def test_visits_not_attended_are_not_added(sentence: str) -> None:
    assert _sessions(sentence) == 6


def test_missed_visits_are_not_added() -> None:
    assert _sessions("She attended 6 physical therapy visits and missed 4 more.") == 6


def test_a_further_course_attended_is_still_added() -> None:
    assert _sessions("She attended 6 physical therapy visits, then 4 more in December.") == 10


def test_a_study_naming_no_region_makes_no_repeat_of_a_requested_mri() -> None:
    text = CASE.format(sentence="She has low back pain radiating to the left leg; the diagnosis is lumbar "
                                "radiculopathy. He had an MRI in 2015 which was unremarkable.",
                       item="MRI of the lumbar spine")
    case = extract_case(text).case
    assert [(p.service.value, p.region) for p in case.prior_studies] == [("mri", None)]
    assert case.findings.prior_imaging_same_region is not True


ESI = "Repeat lumbar epidural steroid injection at L5-S1"


def _relief(sentence: str, item: str = ESI) -> tuple[float | None, float | None]:
    f = extract_case(CASE.format(sentence="She has low back pain radiating to the left leg. " + sentence,
                                 item=item)).case.findings
    return f.injection_relief_percent, f.injection_relief_weeks


@pytest.mark.parametrize("sentence", [
    "He had a right shoulder subacromial injection in 2016 with 80% relief for 8 weeks.",
    "He had a trigger point injection that gave 70% relief for 6 weeks.",
    "He can walk 2 blocks with 50% relief from Norco; he had a lumbar ESI in 2016.",
    "He had a flu shot in 2016 with 50% relief.",
    "He had a lumbar ESI; Norco gives 60% relief.",
])
def test_no_epidural_relief_from_another_injection_or_source(sentence: str) -> None:
    assert _relief(sentence) == (None, None)


@pytest.mark.parametrize(("sentence", "relief"), [
    ("He had a lumbar ESI in 2016 with 60% relief for 8 weeks.", (60.0, 8.0)),
    ("He reported 60% relief from the prior lumbar ESI.", (60.0, None)),
    # the latest injection's reading wins; of one sentence's, the last-named one's percent and weeks together
    ("He had a lumbar ESI in 2015 with 70% relief. A second lumbar ESI in 2016 gave 30% relief for 2 weeks.",
     (30.0, 2.0)),
    ("He had a lumbar ESI in 2015 with 70% relief for 8 weeks, and a second ESI in 2016 with no relief.", (0.0, None)),
])
def test_an_epidurals_own_relief(sentence: str, relief: tuple[float | None, float | None]) -> None:
    assert _relief(sentence) == relief


def test_the_relief_of_the_kind_requested() -> None:
    sentence = "He had a trigger point injection that gave 70% relief for 6 weeks."
    assert _relief(sentence, "Trigger point injections x 4 to the lumbar paraspinals") == (70.0, 6.0)


# third review: an injection the next sentence (or clause) names only as "the injection" is the one named before it
@pytest.mark.parametrize("summary", [
    "He had a lumbar epidural steroid injection at L4-5 on 01/10/2017. The injection gave 60% relief for 8 weeks.",
    "He had a lumbar epidural steroid injection at L4-5 on 01/10/2017; the injection gave him 60% relief for 8 weeks.",
])
def test_the_injection_named_before_gives_its_relief(summary: str) -> None:
    c = extract_case(f"CLINICAL CASE SUMMARY\n\nThe injured worker is a 40 year old man with low back pain and "
                     f"sciatica since 2015. {summary}\n\nDISPUTED ITEMS\nLumbar epidural steroid injection L4-5\n",
                     "t").case
    assert (c.findings.injection_relief_percent, c.findings.injection_relief_weeks) == (60.0, 8.0)


def test_a_shoulder_injection_named_before_is_not_an_epidural() -> None:
    c = extract_case("CLINICAL CASE SUMMARY\n\nThe injured worker is a 40 year old man with low back pain and sciatica "
                     "since 2015. He had a right shoulder subacromial injection on 01/10/2017. The injection gave 80% "
                     "relief for 8 weeks.\n\nDISPUTED ITEMS\nLumbar epidural steroid injection L4-5\n", "t").case
    assert c.findings.injection_relief_percent is None
