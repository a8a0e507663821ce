"""The seventh round's review fixes that a decision case cannot state alone (a decision case says which rules
decided, not which did not apply). Cases are the ones written for them in `tests/cases`, from the guideline's
words."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from engine import Engine
from engine.casetests import load_case_tests
from engine.facts import Case, DisputedItem, TreatmentCourse
from engine.view import (
    DiagnosisFacts,
    _course_weeks,
    _dx,
    _topical_patch,
    build_view,
    per_day_bounds,
    spinal_levels,
)
from engine.vocab import LONG_ACTING_OPIOID

CASES = Path(__file__).resolve().parent / "cases"


def _considered(engine: Engine, file: str, name: str) -> list[str]:
    tests = {t.name: t for _, t, _ in load_case_tests(CASES / file) if t is not None}
    case = Case.model_validate({"case_id": "t", **tests[name].facts})
    item = engine.evaluate(case, explain=True).items[0]
    return [c.rule for c in item.criteria or []]


@pytest.mark.parametrize("name", [
    "a weaning step after ten days on the opioid without benefit is not supported by the taper criterion",
    "a weaning step when how long the opioid was taken is not documented is judged by the four A's",
])
def test_the_taper_criterion_does_not_apply_to_short_or_unknown_use(engine: Engine, name: str) -> None:
    # Opioids 2016 §4.1: "never be abruptly discontinued in any patient who has been treated for longer than two (2)
    # weeks": the two weeks are where the criterion applies (OPI-DEF-TAPER's `when`), not what it requires
    rules = _considered(engine, "opioids/review-sixth-audit.yaml", name)
    assert "OPI-TAPER" not in rules
    assert "OPI-MAINTENANCE" in rules


def test_the_taper_criterion_applies_after_more_than_two_weeks(engine: Engine) -> None:
    rules = _considered(engine, "opioids/sixth-audit.yaml",
                        "a taper after fifteen days on the opioid is longer than two weeks (boundary)")
    assert "OPI-TAPER" in rules
    assert "OPI-MAINTENANCE" not in rules


def _course(**kw: object) -> TreatmentCourse:
    return TreatmentCourse.model_validate({"kind": "psychotherapy", **kw})


AS_OF = dt.date(2017, 1, 25)


@pytest.mark.parametrize(("course", "expected"), [
    # dated at both ends: its span
    ({"start": "2016-12-28", "end": "2017-01-25"}, (4.0, 4.0)),
    # an end after the evaluation date is clipped at it
    ({"start": "2017-01-11", "end": "2017-03-08"}, (2.0, 2.0)),
    # a course that starts after the evaluation date has given no weeks
    ({"start": "2017-02-01", "end": "2017-03-01"}, (0.0, 0.0)),
    # no end: the length is unknown, at most the time since its start
    ({"start": "2016-12-28"}, (None, 4.0)),
    # no end, weeks stated: those weeks, no more than can have run by the evaluation date
    ({"start": "2016-09-01", "weeks": 2}, (2.0, 2.0)),
    ({"start": "2017-01-11", "weeks": 6}, (2.0, 2.0)),
    ({"weeks": 6}, (6.0, 6.0)),
    # a count of sessions states no weeks
    ({"sessions": 6, "start": "2016-12-14"}, (None, 6.0)),
    ({"sessions": 6}, (None, None)),
])
def test_cbt_weeks_by_the_evaluation_date(course: dict[str, object], expected: tuple[float | None, ...]) -> None:
    assert _course_weeks([_course(**course)], AS_OF) == expected


def test_cbt_weeks_of_several_courses() -> None:
    dated = _course(start="2016-10-05", end="2016-10-19")
    open_ended = _course(start="2017-01-11")
    assert _course_weeks([dated, open_ended], AS_OF) == (None, 4.0)
    assert _course_weeks([dated, _course(weeks=3)], AS_OF) == (5.0, 5.0)
    assert _course_weeks([], AS_OF) == (None, None)


@pytest.mark.parametrize("order", [["cervical", "lumbar"], ["lumbar", "cervical"]])
def test_any_lumbar_region_of_an_item_is_read_whatever_its_place(order: list[str]) -> None:
    case = Case.model_validate({"case_id": "t", "items": [
        {"text": "fusion", "service": "surgery", "body_parts": [{"region": r} for r in order]}]})
    item = build_view(case, 0, AS_OF).item
    assert item.region == order[0]
    assert item.low_back is True


def test_a_fusion_with_a_lumbar_region_is_the_low_back_fusion_rule_alone(engine: Engine) -> None:
    # ACOEM 2004 ch. 12's fusion sentence (SURG-SPINE-FUSION) for any fusion that takes in the low back; the
    # referral criteria (SURG-SPINE) take a fusion only when no region is lumbar
    file = "surgery/cervical-fusion.yaml"
    rules = _considered(engine, file,
                        "a fusion of the neck and the low back for degenerative disease, neck written first")
    assert "SURG-SPINE-FUSION" in rules
    assert "SURG-SPINE" not in rules
    rules = _considered(engine, file,
                        "a fusion of the neck at two levels is judged by the neck chapter's referral criteria")
    assert "SURG-SPINE" in rules
    assert "SURG-SPINE-FUSION" not in rules


# --- the second review of the seventh round: diagnosis readers and directions ------------------------------------

def _dx_of(*diagnoses: str) -> DiagnosisFacts:
    return _dx(Case.model_validate({"case_id": "t", "items": [{"text": "x"}],
                                    "diagnoses": [{"text": d} for d in diagnoses]}))


@pytest.mark.parametrize(("diagnoses", "field", "expected"), [
    # an exclusion ends at a dash, a period or a colon, not only at a comma
    (("Lumbar radiculopathy - fracture ruled out",), "neuritis", True),
    (("Lumbar radiculopathy - fracture ruled out",), "fracture", False),
    (("Post-laminectomy syndrome. Infection ruled out.",), "failed_back_surgery", True),
    (("Lumbar strain without radiculopathy. Knee arthritis",), "arthritis", True),
    # a doubt ends at "and"/"with", and a doubt written after its condition makes that condition uncertain
    (("L4-5 disc extrusion with probable L5 radiculopathy and foot drop",), "progressive_neuro_deficit", True),
    (("L4-5 disc extrusion with probable L5 radiculopathy and foot drop",), "radiculopathy", False),
    (("Lumbar radiculopathy (probable)",), "radiculopathy", False),
    (("Lumbar radiculopathy, probable",), "radiculopathy", False),
    (("Lumbar radiculopathy, probable",), "radiculopathy_suspected", True),
    (("Lumbar strain, possibly radiculopathy",), "radiculopathy", False),
    # the cuff and the tear in one clause; a thickness after the tear
    (("Right shoulder impingement, rotator cuff tendinosis, SLAP tear",), "shoulder_cuff_tear", False),
    (("Right rotator cuff tear, partial thickness",), "shoulder_cuff_tear", False),
    (("Right rotator cuff tear, partial thickness",), "shoulder_impingement", True),
    (("Rotator cuff tear (partial)",), "shoulder_impingement", True),
    (("Small full-thickness supraspinatus tear",), "shoulder_impingement", True),
    (("Small full-thickness supraspinatus tear",), "shoulder_cuff_tear", False),
    (("Full-thickness supraspinatus tear, right shoulder",), "shoulder_cuff_tear", True),
    # a progressive deficit: not negated, not resolved or improving, not any "progressive ... weakness"
    (("Non-progressive weakness of the left leg",), "progressive_neuro_deficit", False),
    (("Not progressive neurologic deficit",), "progressive_neuro_deficit", False),
    (("L4-5 disc extrusion", "Left foot drop, resolved"), "progressive_neuro_deficit", False),
    (("Foot drop, improving",), "progressive_neuro_deficit", False),
    (("Progressive disc degeneration with weakness",), "progressive_neuro_deficit", False),
    (("Progressive motor weakness of the left leg",), "progressive_neuro_deficit", True),
    (("Left foot drop",), "progressive_neuro_deficit", True),
])
def test_the_diagnosis_readers_after_the_second_review(diagnoses: tuple[str, ...], field: str,
                                                       expected: bool) -> None:
    assert getattr(_dx_of(*diagnoses), field) is expected


def test_the_most_units_a_day_is_never_taken_from_the_fewest() -> None:
    only_min = DisputedItem(text="Norco 10/325 1-2 every 4 hours #180", service="opioid", per_day_min=6)
    only_max = DisputedItem(text="Lorazepam 0.5 mg 1 at bedtime #28", service="benzodiazepine", per_day_max=1)
    assert per_day_bounds(only_min) == (6, None)
    assert per_day_bounds(only_max) == (1, 1)


def test_a_flector_patch_is_a_patch() -> None:
    assert _topical_patch(DisputedItem(text="Flector 1.3% #60, 1 twice a day", service="topical_analgesic"))


@pytest.mark.parametrize(("text", "levels"), [
    ("Bilateral transforaminal epidural steroid injections at L3-4, L4-5 and L5-S1", 3),
    ("Lumbar ESI L4-5 and L5-S1", 2),
    ("L4-L5 and L5-S1 epidural", 2),
    ("Bilateral L5 and S1 transforaminal ESI", 2),
    ("Cervical interlaminar ESI C6-7", 1),
    ("C5/6 ESI", 1),
    ("ESI at two levels", 2),
    ("Lumbar epidural steroid injection", None),
    # second review: a range counts each segment it spans; a root in a note is no level of its own
    ("TFESI L3-S1", 3),
    ("L4-S1 ESI", 2),
    ("Cervical interlaminar ESI at C6-7 (C7 radiculopathy)", 1),
])
def test_the_spinal_levels_a_request_names(text: str, levels: int | None) -> None:
    assert spinal_levels(text) == levels


@pytest.mark.parametrize(("text", "long_acting"), [
    ("Tramadol ER 100 mg #30", True),
    ("oxycodone 10 mg ER #60", True),
    ("OxyContin 10 mg #60", True),
    ("MS-Contin 15 mg #60", True),
    ("Fentanyl 25 mcg/hr patch #10", True),
    ("Embeda 20 mg #60", True),
    ("Norco 5/325 #30, as started in the ER", False),
    ("Tramadol 50 mg #60; labs: Cr 1.2", False),
    ("Nucynta 50 mg #60", False),
])
def test_a_long_acting_opioid_by_its_form_or_brand(text: str, long_acting: bool) -> None:
    assert bool(re.search(LONG_ACTING_OPIOID, text, re.I)) is long_acting


@pytest.mark.parametrize("text", [
    "Lumbar sprain. Rule out radiculopathy",
    "Lumbar sprain - rule out radiculopathy",
    "Lumbar sprain: possible radiculopathy",
])
def test_a_doubt_after_a_period_dash_or_colon_is_not_established(text: str) -> None:
    dx = _dx_of(text)
    assert dx.radiculopathy is False and dx.radiculopathy_suspected is True


def test_only_an_analgesic_that_helps_is_a_response_to_other_treatment(engine: Engine) -> None:
    def case(other: dict[str, object]) -> Case:
        return Case.model_validate({
            "case_id": "c", "dates": {"injury": "2014-06-09", "request": "2017-02-13"},
            "diagnoses": [{"text": "Primary osteoarthritis of the left knee"}],
            "medications": [{"name": "Acetaminophen 500 mg", "generic": "acetaminophen",
                             "drug_class": "medication_other", "response": False}, other],
            "medications_known": True,
            "items": [{"text": "Capsaicin 0.025% cream 60 g, apply three times a day", "service": "topical_analgesic",
                       "drug": "capsaicin", "ingredients": ["capsaicin"], "quantity": 1, "per_day_min": 3,
                       "per_day_max": 3}]})
    ppi = {"name": "Omeprazole 20 mg", "generic": "omeprazole", "drug_class": "ppi", "response": True}
    nsaid = {"name": "Ibuprofen 600 mg", "generic": "ibuprofen", "drug_class": "nsaid", "response": True}
    assert engine.evaluate(case(ppi)).items[0].decision == "overturn"
    assert engine.evaluate(case(nsaid)).items[0].decision == "uphold"
