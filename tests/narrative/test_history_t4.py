"""Whole case texts written for the project, each read for the history conventions of branch t4: visits attended
after an authorization, an evaluation stated with its result, a nursing-facility stay, a past operation named with
its year in a diagnosis line, a second predicate after "and" that a negation before it does not reach, and the relief
of the latest of two injections."""
from __future__ import annotations

from engine.facts import Case
from engine.narrative import extract_case
from engine.vocab import Service


def _case(summary: str, items: str) -> Case:
    return extract_case(f"CLINICAL CASE SUMMARY\n\n{summary}\n\nDISPUTED ITEMS\n{items}\n", "t").case


def _courses(c: Case) -> dict[Service, tuple[int | None, int | None]]:
    return {h.kind: (h.sessions, h.sessions_at_least) for h in c.history}


def test_attended_after_authorized() -> None:
    c = _case("The worker is a 44 year old warehouse clerk who hurt her right wrist on 03/02/2017. She was authorized "
              "for 12 sessions of occupational therapy but attended only 5 before moving away. She still reports "
              "wrist pain 5/10.", "Occupational therapy 2x4 right wrist")
    assert _courses(c)[Service.occupational_therapy] == (5, None)   # the 5 attended, not the 12 authorized


def test_authorized_then_completed_keeps_completed_count() -> None:
    c = _case("The worker is a 51 year old driver with neck pain since 06/01/2016. He completed 8 sessions of physical "
              "therapy, and 4 more were authorized. Pain is 6/10.", "Physical therapy x 6 cervical")
    assert _courses(c)[Service.physical_therapy] == (8, None)


def test_evaluation_stated_with_its_result_was_given() -> None:
    c = _case("The worker is a 47 year old roofer injured on 09/09/2015 with low back pain and leg pain. A "
              "psychological evaluation cleared him for surgery. Pain is 7/10.",
              "L4-5 decompression")
    assert _courses(c)[Service.psych_evaluation] == (1, None)       # "a" evaluation, its result stated


def test_evaluation_recommended_for_is_a_plan() -> None:
    c = _case("The worker is a 39 year old cook with chronic neck pain since 01/05/2016 and low mood. A psychological "
              "evaluation recommended by the treating physician was not authorized. Pain is 6/10.",
              "Psychological evaluation")
    assert Service.psych_evaluation not in _courses(c)


def test_nursing_facility_stay_is_a_course() -> None:
    c = _case("The worker is a 70 year old janitor who had a right total knee arthroplasty on 01/10/2018. He spent "
              "10 days in a skilled nursing facility and was then discharged home. He walks with a walker.",
              "Home health aide 4 hours/day x 2 weeks")
    assert Service.skilled_nursing_facility in _courses(c)
    assert _courses(c)[Service.skilled_nursing_facility] == (None, None)   # days are no count of sessions


def test_operation_with_year_in_a_diagnosis_line() -> None:
    c = _case("The worker is a 55 year old mechanic with chronic low back pain since a 2009 lifting injury. "
              "Diagnoses: lumbar radiculopathy; post-laminectomy syndrome (L4-5 laminectomy 2012). He takes "
              "Norco 10/325 mg three times a day. Pain is 7/10.", "Norco 10/325 mg #90")
    courses = _courses(c)
    assert courses[Service.surgery] == (None, 1)      # a past operation named without its full date: at least one
    assert c.findings.surgery_procedure is None       # a past operation is not the index surgery of a drug request


def test_negation_does_not_reach_a_second_predicate() -> None:
    c = _case("The worker is a 36 year old nurse aide with right knee pain since 04/04/2017. She completed 6 sessions "
              "of physical therapy without lasting improvement and received a cortisone injection to the right knee "
              "in June 2017 that gave her 3 weeks of relief. Pain is 5/10.", "Right knee MRI")
    assert _courses(c)[Service.injection_other] == (1, None)
    # (its relief is read only for a requested injection of its kind: an MRI is requested here)


def test_relief_of_the_latest_injection() -> None:
    c = _case("The worker is a 48 year old teacher with low back pain and sciatica since 02/02/2012. She had a lumbar "
              "epidural steroid injection in 2013 with about 60% relief lasting 3 months, and a second lumbar epidural "
              "injection in 2014 with no relief. Pain is 6/10.", "Lumbar epidural steroid injection L4-5")
    assert c.findings.injection_relief_percent == 0.0
    assert c.findings.injection_relief_weeks is None   # the 3 months were the earlier injection's


def test_named_drug_lets_him_work() -> None:
    c = _case("The worker is a 52 year old welder with chronic low back pain since 05/05/2014. He takes naproxen "
              "500 mg twice a day. Naproxen lets him work a full shift. Pain is 4/10.", "Naproxen 500 mg #60")
    assert c.findings.functional_improvement is True     # an activity the named drug makes possible


def test_can_walk_with_the_medication() -> None:
    c = _case("The worker is a 61 year old laborer with chronic neck pain since 07/07/2013. Pain is 6/10 with "
              "medication and 9/10 without; she can walk to the store with the medication but not without it.",
              "Tramadol 50 mg #60")
    assert c.findings.functional_improvement is True


def test_cannot_with_the_medication_is_no_improvement() -> None:
    c = _case("The worker is a 61 year old laborer with chronic neck pain since 07/07/2013. Even with the medication "
              "she can not sleep through the night. Pain is 8/10.", "Tramadol 50 mg #60")
    assert c.findings.functional_improvement is not True


def test_back_to_regular_work() -> None:
    c = _case("The worker is a 33 year old stocker with low back pain since 01/03/2015. After 8 chiropractic visits "
              "he is back to regular work as of 02/01/2015 and lifts 50 lb. Pain is 2/10.",
              "Chiropractic 1x4 lumbar")
    assert c.findings.functional_improvement is True
    assert c.findings.work_status == "full_duty"
