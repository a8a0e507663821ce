"""Treatments other than visit therapies: one stated as not received is a stated zero ("no prior radiofrequency
ablation", "has not had CBT"; injections denied in general deny each kind of injection), one named in the singular
or given on one date is one session, and a treatment the worker "has failed" or that "helped" was received."""

from __future__ import annotations

import pytest

from engine.narrative import extract_case

CASE = """CLINICAL CASE SUMMARY
The injured worker is a 57 year old male injured on 05/03/2015. {sentence}

DISPUTED ITEMS
Physical therapy x6 lumbar spine
"""


def _history(sentence: str) -> dict[str, int | None]:
    return {c.kind.value: c.sessions for c in extract_case(CASE.format(sentence=sentence)).case.history}


@pytest.mark.parametrize(("sentence", "kind"), [
    ("There has been no prior radiofrequency ablation.", "radiofrequency_ablation"),
    ("She has not had cognitive behavioral therapy.", "psychotherapy"),
    ("No biofeedback has been done.", "biofeedback"),
    ("He has never had a psychological evaluation.", "psych_evaluation"),
    ("He was never treated with acupuncture.", "acupuncture"),
])
def test_a_treatment_stated_not_received_is_zero(sentence: str, kind: str) -> None:
    assert _history(sentence)[kind] == 0


def test_injections_denied_in_general_deny_each_kind() -> None:
    got = _history("Care has included medications; he has had no injections of any kind.")
    assert {k: got.get(k) for k in ("epidural_steroid_injection", "facet_injection", "trigger_point_injection",
                                    "injection_other")} == dict.fromkeys(
        ("epidural_steroid_injection", "facet_injection", "trigger_point_injection", "injection_other"), 0)


@pytest.mark.parametrize("sentence", [
    "There is no documentation of prior injections.",             # the record's silence: unknown
    "He reports no relief from the epidural injection given in 2016.",   # relief denied, not the injection
])
def test_silence_or_a_denied_result_is_no_zero(sentence: str) -> None:
    assert 0 not in _history(sentence).values()


@pytest.mark.parametrize(("sentence", "kind", "sessions"), [
    ("A subacromial steroid injection was given with brief relief.", "injection_other", 1),
    ("Facet blocks at L3-4 and L4-5 on 04/11/2017 gave 70% relief for a day.", "facet_injection", 1),
    ("She has failed medications and two epidural steroid injections.", "epidural_steroid_injection", 2),
    ("Prior care: 1 cortisone inj to the right shoulder, which helped briefly.", "injection_other", 1),
    ("She had trigger point injections and a carpal tunnel release on 03/02/2016.", "trigger_point_injection", None),
])
def test_a_single_injection_is_one(sentence: str, kind: str, sessions: int | None) -> None:
    assert _history(sentence)[kind] == sessions


def test_a_cue_inside_a_parenthesis_does_not_deny_what_follows() -> None:
    got = _history("She has had physical therapy (count not documented), massage and a TENS unit.")
    assert got.get("massage", "absent") is None and got.get("tens_unit", "absent") is None
