"""Request wordings for services the rules newly cover (docs/audit/procedures.md and drugs.md, "Coverage
additions"): each line maps to the service kind and finer kind the new rules read."""

from __future__ import annotations

import pytest

from engine.narrative.requests import parse_request


@pytest.mark.parametrize("line,service,modality", [
    ("Right stellate ganglion block", "injection_other", "sympathetic_block"),
    ("Left lumbar sympathetic block x3", "injection_other", "sympathetic_block"),
    ("Stellate ganglion injection under fluoroscopy", "injection_other", "sympathetic_block"),
    ("Botox 200 units to the cervical musculature", "injection_other", "botulinum"),
    ("Botulinum toxin injections for the trapezius", "injection_other", "botulinum"),
    ("Botox trigger point injections to the trapezius", "injection_other", "botulinum"),
    ("Right sacroiliac joint injection", "injection_other", "sacroiliac"),
    ("Bilateral SI joint steroid injections", "injection_other", "sacroiliac"),
    ("Vitamin B12 injections", "injection_other", "vitamin_b"),
    ("Genetic testing for opioid abuse risk", "diagnostic_other", "genetic_test"),
    ("CYP450 pharmacogenetic testing", "diagnostic_other", "genetic_test"),
    # a plain joint injection keeps its kind
    ("Intra-articular right hip injection", "injection_other", "corticosteroid"),
])
def test_new_request_kinds(line, service, modality):
    item = parse_request(line)
    assert item.service is not None and item.service.value == service and item.modality == modality


@pytest.mark.parametrize("line,drug", [
    ("Ondansetron 8mg #30", "ondansetron"),
    ("Zofran ODT 4 mg #20", "ondansetron"),
    ("Granisetron 1 mg #10", "granisetron"),
    ("Promethazine 25mg #30", "promethazine"),
])
def test_antiemetics_are_read_as_their_drug(line, drug):
    item = parse_request(line)
    assert item.service is not None and item.service.value == "medication_other" and item.drug == drug
