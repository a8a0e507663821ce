"""A pain drug the record says was stopped is pain medication stopped (findings.pain_medication_reduced)."""
from __future__ import annotations

import pytest

from engine.narrative import extract_case


def _case(sentence: str):
    text = ("CLINICAL CASE SUMMARY\n\nThe injured worker is a 50 year old man injured on 01/05/2014. "
            f"{sentence} Medications include ibuprofen 800 mg. Utilization review dated 03/09/2016 non-certified "
            "the request.\n\nDISPUTED ITEMS\nIbuprofen 800 mg #60\n")
    return extract_case(text, "t").case


@pytest.mark.parametrize("sentence", [
    "He was taken off Norco in 2014.",
    "He was previously on Soma, which was discontinued due to sedation.",
    "He previously used Neurontin, discontinued for dizziness.",
    "He discontinued Percocet in 2013.",
])
def test_stopped_pain_drug(sentence: str):
    c = _case(sentence)
    assert c.findings.pain_medication_reduced is True
    assert [m.generic for m in c.medications] == ["ibuprofen"]  # the stopped drug is not a current one
    assert "findings.pain_medication_reduced" in c.provenance


def test_a_plan_to_stop_a_drug_is_not_a_drug_stopped():
    c = _case("The physician recommends that Norco be discontinued next month.")
    assert c.findings.pain_medication_reduced is None
