"""Metamorphic tests of the reader: two phrasings of one statement read the same facts.

Each test states one fact in several ways a summary may write it, on short texts written for the project, and
checks that every phrasing reads as the plain one does (`tools/perturb.py` found the phrasings that did not).
"""

from __future__ import annotations

import pytest

from engine import extract_case
from engine.narrative.text import sentences

HEADER = "Case Number: T-1\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n"
OPENING = "The applicant is a 45-year-old woman with chronic low back pain after a lifting injury."


def case(summary: str, items: str = "MRI of the lumbar spine") -> str:
    return f"{HEADER}\nCLINICAL CASE SUMMARY\n{OPENING} {summary}\n\nDISPUTED ITEMS\n{items}\n"


def read(summary: str, items: str = "MRI of the lumbar spine"):
    return extract_case(case(summary, items)).case


def meds(summary: str) -> set[str]:
    return {m.generic for m in read(summary).medications}


def courses(summary: str) -> dict[str, int | None]:
    return {h.kind.value: h.sessions for h in read(summary).history}


# --- medications -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("phrasing", [
    "Zanaflex was added to the regimen.",
    "Tizanidine has been added for spasm.",
    "The applicant's pain regimen includes Zanaflex.",
    "Current medicines include Zanaflex.",
])
def test_a_drug_added_or_in_a_regimen_is_taken(phrasing):
    assert meds("Current medications include Zanaflex 4 mg.") == {"tizanidine"}
    assert meds(phrasing) == {"tizanidine"}


@pytest.mark.parametrize("phrasing", ["Zanaflex was discontinued.", "The applicant is allergic to Zanaflex.",
                                      "Zanaflex was tried in the past."])
def test_a_drug_stopped_tried_or_refused_is_not_taken(phrasing):
    assert meds(phrasing) == set()


def test_a_drug_the_provider_added_is_not_a_drug_added_to_a_list_of_findings():
    """"added" alone is no cue: the provider "added that" the worker is on a drug is read by other words."""
    assert meds("The provider added that the examination was unchanged.") == set()


# --- courses of therapy ----------------------------------------------------------------------------------


@pytest.mark.parametrize("phrasing,kind", [
    ("The applicant had six occupational therapy sessions.", "occupational_therapy"),
    ("The applicant has received 6 hand therapy sessions thus far.", "occupational_therapy"),
    ("The applicant completed 6 sessions of occupational therapy.", "occupational_therapy"),
])
def test_therapy_sessions_qualified_by_another_therapy_are_not_physical_therapy(phrasing, kind):
    assert courses(phrasing) == {kind: 6}


def test_unqualified_therapy_sessions_are_physical_therapy():
    assert courses("The applicant had 6 therapy sessions.") == {"physical_therapy": 6}


@pytest.mark.parametrize("phrasing", [
    "The applicant had physical therapy on 8 occasions.",
    "The applicant has gone to physical therapy 8 times.",
    "The applicant has attended 8 physical therapy appointments.",
])
def test_a_course_counted_in_occasions_or_times_reads_as_sessions(phrasing):
    assert courses("The applicant has completed 8 sessions of physical therapy.") == {"physical_therapy": 8}
    assert courses(phrasing) == {"physical_therapy": 8}


def test_times_a_week_is_a_frequency_not_a_count():
    assert courses("The applicant attends physical therapy 3 times a week.") == {"physical_therapy": None}


# --- findings --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("phrasing", [
    "Hypoesthesia was noted in the left L5 dermatome.",
    "There was hypesthesia over the left lateral calf.",
    "Hypoalgesia to pinprick was present in the left L5 distribution.",
])
def test_decreased_sensation_in_one_word_is_a_focal_deficit(phrasing):
    plain = read("Sensation was decreased in the left L5 dermatome.").findings.focal_neuro_deficit
    assert plain is True
    assert read(phrasing).findings.focal_neuro_deficit is True


@pytest.mark.parametrize("date", ["01/05/2016", "January 5, 2016", "1/5/16", "1-5-2016"])
def test_a_date_is_no_strength_grade(date):
    """"1/5/16" holds "1/5": a date written short is no motor grade, however the date is written."""
    c = read(f"On {date}, the applicant returned to regular work. Range of motion of the lumbar spine was full.")
    assert c.findings.objective_functional_deficit is not True
    assert read("Hip flexion strength was 4/5 on the left.").findings.objective_functional_deficit is True


@pytest.mark.parametrize("close", ['"', "\u201d"])
def test_a_sentence_ends_after_a_closing_quotation_mark(close):
    """A sentence that ends with a quotation ends with it: the next sentence is read on its own, as it is when the
    quotation is not closed at the stop."""
    opening = "\u201c" if close == "\u201d" else '"'
    quoted = sentences(f"The diagnosis was {opening}lumbar strain.{close} On 3/1/2016, the applicant returned.")
    plain = sentences("The diagnosis was lumbar strain. On 3/1/2016, the applicant returned.")
    assert len(quoted) == len(plain) == 2
    assert quoted[1] == plain[1]


# --- the outcome of conservative care --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["PT", "physiotherapy", "chiropractic manipulation", "occupational therapy"])
def test_care_that_failed_is_read_whatever_the_therapy_is_called(name):
    plain = read("She tried physical therapy in the past with no improvement.").findings.failed_conservative_care
    assert plain is True
    assert read(f"She tried {name} in the past with no improvement.").findings.failed_conservative_care is True


@pytest.mark.parametrize("name", ["PT", "physiotherapy"])
def test_care_that_helped_is_read_whatever_the_therapy_is_called(name):
    plain = read("She reported good relief from the physical therapy.").findings.failed_conservative_care
    assert plain is False
    assert read(f"She reported good relief from the {name}.").findings.failed_conservative_care is False


# --- lists written one entry a line ----------------------------------------------------------------------


@pytest.mark.parametrize("block", [
    "Medications:\nZanaflex 4 mg\nPrilosec 20 mg\n\nOn 5/1/2016, the request for an MRI was submitted.",
    "Current medications:\n1. Zanaflex 4 mg\n2. Prilosec 20 mg\n\nOn 5/1/2016, the request for an MRI was submitted.",
    "Medications:\nZanaflex 4 mg\nPrilosec 20 mg\nOn 5/1/2016, the provider noted that the request for an MRI of the "
    "lumbar spine was submitted to the claims administrator.",
])
def test_a_list_one_entry_a_line_reads_as_the_same_list_in_a_sentence(block):
    """The entries of a list written one a line end where their lines end: the sentence after the list (here about a
    request, where drugs are not read as taken) does not swallow them."""
    plain = meds("Current medications include Zanaflex 4 mg and Prilosec 20 mg. On 5/1/2016, the request for an MRI "
                 "was submitted.")
    assert plain == {"tizanidine", "omeprazole"}
    assert meds(block) == plain


def test_a_wrapped_line_of_prose_after_a_colon_is_not_a_list():
    from engine.narrative.sections import join_lines
    wrapped = ("The provider noted the following:\nthe applicant has ongoing pain radiating into the left leg, with "
               "numbness and\ntingling.")
    assert join_lines(wrapped) == ("The provider noted the following: the applicant has ongoing pain radiating into "
                                   "the left leg, with numbness and tingling.")


# --- the worker's own denial, and courses counted as a course ----------------------------------------------


@pytest.mark.parametrize("lead", ["", "It was reported that ", "On 4/2/2016, it was noted that "])
def test_the_workers_denial_is_the_workers_whatever_leads_the_sentence(lead):
    """"It was reported that the applicant denied ..." is the worker's denial, not a request denied by a reviewer:
    read as the plain denial is."""
    sentence = "the applicant denied taking Zanaflex." if lead else "The applicant denied taking Zanaflex."
    assert meds(lead + sentence) == set()


@pytest.mark.parametrize("sentence", ["The applicant was seen and denied any numbness.",
                                      "She was examined and denies tingling."])
def test_a_worker_who_was_seen_and_denied_a_symptom_is_no_reviewer(sentence):
    from engine.narrative.context import is_other_source
    assert not is_other_source(sentence)


@pytest.mark.parametrize("sentence", ["The request was denied.", "The applicant was denied the surgery.",
                                      "It was denied by the claims administrator."])
def test_a_request_denied_is_still_a_reviewers_word(sentence):
    from engine.narrative.context import is_other_source
    assert is_other_source(sentence)


@pytest.mark.parametrize("phrasing", ["The applicant had completed a 12-session course of physical therapy.",
                                      "The applicant completed a twelve-visit trial of physical therapy."])
def test_a_course_counted_as_an_n_session_course(phrasing):
    assert courses("The applicant had completed 12 sessions of physical therapy.") == {"physical_therapy": 12}
    assert courses(phrasing) == {"physical_therapy": 12}


@pytest.mark.parametrize("date", ["3-4-16", "03/04/2016", "March 4, 2016"])
def test_a_studys_result_is_read_however_its_date_is_written(date):
    """A result a few words after the study's name stays in reach when the date between them is written long."""
    c = read(f"The CT scan of the lumbar spine obtained on {date}, revealed no fracture.")
    assert c.findings.imaging_surgical_lesion is False


# --- shorthand -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("plain,short", [
    ("An MRI of the lumbar spine on 3/4/2016 showed a disc bulge without nerve root compression.",
     "An MRI of the lumbar spine on 3/4/2016 showed a disc bulge w/o nerve root compression."),
    ("She returned to work with restrictions.", "She returned to work w/ restrictions."),
    ("Lumbar range of motion was full.", "Lumbar ROM was full."),
    ("She had full range of motion of the lumbar spine.", "She had full ROM of the lumbar spine."),
])
def test_shorthand_reads_as_its_words(plain, short):
    assert read(short).findings == read(plain).findings


# --- prior studies ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["Lumbar MRI 10/18/2015 - L4-5 disc protrusion.",
                                     "Lumbar MRI 10/18/2015 \u2013 L4-5 disc protrusion."])
def test_a_study_heading_with_a_dash_reads_as_with_a_colon(heading):
    plain = read("Lumbar MRI 10/18/2015: L4-5 disc protrusion.").prior_studies
    assert [(s.service.value, s.region.value) for s in plain] == [("mri", "lumbar")]
    assert read(heading).prior_studies == plain


def test_a_study_heading_with_a_dash_that_plans_is_no_study_done():
    assert read("Lumbar MRI 7/18/2016 - to be scheduled.").prior_studies == []


# --- exam signs written other ways -----------------------------------------------------------------------


@pytest.mark.parametrize("plain,other", [
    ("Straight leg raise was positive on the left.", "SLR (+) on the left."),
    ("Straight leg raise was positive on the left.", "Straight leg raise: + on the left."),
    ("Straight leg raise was positive on the left.", "Lasegue's sign was positive on the left."),
    ("Straight leg raise was negative bilaterally.", "SLR (-) bilaterally."),
    ("Straight leg raise was negative bilaterally.", "Straight leg raise: - bilaterally."),
    ("Spurling's test was negative.", "Spurling's (-)."),
])
def test_a_tests_result_written_as_a_sign_or_by_another_name(plain, other):
    assert read(plain).findings.radicular_signs is not None
    assert read(other).findings.radicular_signs == read(plain).findings.radicular_signs


@pytest.mark.parametrize("other", [
    "Hyporeflexia was noted at the left ankle.",
    "Areflexia was noted at the left Achilles.",
    "Sensory examination revealed decreased light touch in the left L5 distribution.",
    "Pinprick was diminished over the left lateral calf.",
])
def test_reflexes_and_sensation_reduced_in_other_words(other):
    assert read("The left ankle reflex was diminished.").findings.focal_neuro_deficit is True
    assert read(other).findings.focal_neuro_deficit is True


def test_light_touch_intact_is_no_deficit():
    assert read("Light touch sensation was intact.").findings.focal_neuro_deficit is False


# --- care and drugs stated as not had --------------------------------------------------------------------


@pytest.mark.parametrize("other", ["Physical therapy has not been tried.", "Physical therapy was never attempted.",
                                   "Physical therapy sessions have not yet been started."])
def test_a_therapy_not_received_reads_the_same_with_the_negation_after_it(other):
    assert courses("The applicant has not had physical therapy.") == {"physical_therapy": 0}
    assert courses(other) == {"physical_therapy": 0}


def test_a_therapy_not_helpful_was_received():
    assert courses("Physical therapy has not been helpful.") == {"physical_therapy": None}


@pytest.mark.parametrize("other", ["Current medications: None.", "The applicant does not take any medications.",
                                   "The applicant denies medication use."])
def test_no_medications_stated_other_ways(other):
    plain = read("The applicant is not taking any medications.")
    assert plain.medications_known is True and plain.medications == []
    c = read(other)
    assert c.medications_known is True and c.medications == []


@pytest.mark.parametrize("lead", ["It was reported that ", "It was noted that ", "It was documented that "])
def test_a_therapy_not_received_reads_the_same_when_attributed_to_the_record(lead):
    assert courses(lead + "the applicant has not had chiropractic.") == courses(
        "The applicant has not had chiropractic.") == {"chiropractic": 0}


@pytest.mark.parametrize("silence", ["No prior chiropractic care was documented.",
                                     "There is no documentation of prior chiropractic.",
                                     "It was noted that no chiropractic was documented."])
def test_the_records_silence_is_still_no_course_refused(silence):
    assert courses(silence) == {}


@pytest.mark.parametrize("other", ["An MRI of the lumbar spine has not been performed.",
                                   "An MRI of the lumbar spine was never obtained."])
def test_a_study_not_done_reads_the_same_with_the_negation_after_it(other):
    assert read("The applicant has not had an MRI of the lumbar spine.").prior_studies == []
    assert read(other).prior_studies == []


def test_a_negative_study_was_done():
    studies = read("An MRI of the lumbar spine on 2/1/2016 was negative.").prior_studies
    assert [(s.service.value, s.region.value) for s in studies] == [("mri", "lumbar")]
