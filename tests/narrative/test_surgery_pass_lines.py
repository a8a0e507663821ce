"""Request lines the surgery family's third audit reads by kind: a pre-operative blood count and a chemistry panel
have different ODG indications (a line asking for both is both), and a sling after surgery is the ODG sling
sentence's item, where other post-operative equipment (a CPM unit, a TENS unit) is not. Lines written for these
tests."""

from __future__ import annotations

import pytest

from engine.narrative.requests import parse_request


@pytest.mark.parametrize(("line", "service", "modality"), [
    ("Pre-op labs: CBC", "preop_lab", "cbc"),
    ("Pre-op labs: CMP", "preop_lab", "chemistry"),
    ("Pre-op BMP", "preop_lab", "chemistry"),
    ("Pre-op chem panel", "preop_lab", "chemistry"),
    ("Pre-operative CBC and BMP", "preop_lab", "cbc+chemistry"),
    ("Pre-op labs: CMP, CBC", "preop_lab", "cbc+chemistry"),
    ("Pre-op labs", "preop_lab", "labs"),
    ("Pre-op labs: PT/PTT", "preop_lab", "coagulation"),
    ("Pre-operative urinalysis", "preop_lab", "urinalysis"),
    ("Associated surgical service: Ultrasling", "postop_dme", "sling"),
    ("Post-op abduction pillow sling", "postop_dme", "sling"),
    ("Post-op shoulder immobilizer", "postop_dme", "sling"),
    ("Post-op shoulder CPM unit", "postop_dme", None),
    ("Associated surgical service: EMS/TENS unit", "postop_dme", None),
    ("Bone growth stimulator", "postop_dme", "bone_stimulator"),
])
def test_the_kind_of_a_preop_lab_or_postop_item(line: str, service: str, modality: str | None) -> None:
    item = parse_request(line)
    assert item.service is not None and item.service.value == service
    assert item.modality == modality
