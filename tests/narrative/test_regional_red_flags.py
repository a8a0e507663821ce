"""Red flags and signs of tissue insult belong to the half of the body their sentence names (evidence.REGIONAL_FIELDS):
a fracture of the foot is a red flag for studies of the foot, not for a neck MRI (the ACOEM chapters' red flags are
each chapter's own: a serious condition of the part studied)."""

from __future__ import annotations

from engine import Engine
from engine.narrative import extract_case

CASE = """CLINICAL CASE SUMMARY
The injured worker is a 50 year old male injured on 01/05/2016 when he fell from a ladder. He has neck pain and left
foot pain. {finding} Cervical exam shows tenderness and reduced range of motion.

DISPUTED ITEMS
MRI of the cervical spine
"""


def test_a_foot_fracture_is_a_red_flag_of_the_lower_half_only() -> None:
    case = extract_case(CASE.format(
        finding="X-rays of the left foot revealed a displaced fracture of the fifth metatarsal.")).case
    assert case.findings.red_flags is True
    assert [(r.half, r.value) for r in case.regional_findings if r.field == "red_flags"] == [("lower", True)]
    (neck,) = Engine().evaluate(case).items
    assert neck.decision == "uphold"


def test_a_red_flag_of_the_neck_supports_the_neck_mri() -> None:
    case = extract_case(CASE.format(
        finding="X-rays of the cervical spine revealed a fracture of the C6 vertebral body.")).case
    (neck,) = Engine().evaluate(case).items
    assert neck.decision == "overturn" and neck.rules == ["IMG-CERVICAL"]
