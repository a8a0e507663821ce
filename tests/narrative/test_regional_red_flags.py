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


# --- within one half, a red flag or sign of tissue insult is its region's: the region its sentence names ---

from engine.view import scoped_findings  # noqa: E402

LOW = """CLINICAL CASE SUMMARY
The injured worker is a 58 year old female injured on 03/02/2017 when she slipped on a wet floor. She has low back
pain and right foot pain. {finding} The right foot is tender over the midfoot.

DISPUTED ITEMS
{request}
"""


def _scoped(finding: str, request: str, field: str) -> tuple[object, list[tuple[str, str | None, bool]]]:
    case = extract_case(LOW.format(finding=finding, request=request)).case
    (item,) = case.items
    entries = [(r.half, r.region.value if r.region else None, r.value) for r in case.regional_findings
               if r.field == field]
    return getattr(scoped_findings(case, item), field), entries


def test_a_low_back_fracture_is_no_red_flag_for_a_foot_study() -> None:
    value, entries = _scoped("X-rays of the lumbar spine revealed a compression fracture of L1.",
                             "Bone scan of the right foot", "red_flags")
    assert entries == [("lower", "lumbar", True)]
    assert value is None


def test_a_low_back_fracture_is_a_red_flag_for_a_low_back_study() -> None:
    value, _ = _scoped("X-rays of the lumbar spine revealed a compression fracture of L1.",
                       "MRI of the lumbar spine", "red_flags")
    assert value is True


def test_a_foot_fracture_is_no_red_flag_for_a_low_back_study() -> None:
    value, entries = _scoped("X-rays of the right foot revealed a displaced fracture of the fifth metatarsal.",
                             "MRI of the lumbar spine", "red_flags")
    assert entries == [("lower", "foot", True)]
    assert value is None


def test_a_fracture_of_the_whole_limb_serves_a_study_of_its_parts() -> None:
    value, _ = _scoped("X-rays of the right lower extremity revealed a fracture.",
                       "Bone scan of the right foot", "red_flags")
    assert value is True


def test_a_neurologic_red_flag_is_its_half_s_wherever_it_shows() -> None:
    # a foot drop names the foot, but may come from the low back: it stays the lower half's, with no one region
    for request in ("MRI of the lumbar spine", "Bone scan of the right foot"):
        value, entries = _scoped("She has developed a progressive right foot drop.", request, "red_flags")
        assert entries == [("lower", None, True)]
        assert value is True


def test_a_red_flag_whose_sentence_names_no_region_keeps_its_half() -> None:
    # a fever names no region: it bears on every item, as before
    value, entries = _scoped("She reports a fever since the last visit.", "Bone scan of the right foot", "red_flags")
    assert value is True and all(region is None for _, region, _ in entries)


SHOULDER = """CLINICAL CASE SUMMARY
The injured worker is a 47 year old male injured on 06/11/2016 lifting boxes overhead. He has neck pain and left
shoulder pain. {finding} Cervical range of motion is reduced.

DISPUTED ITEMS
{request}
"""


def _upper(finding: str, request: str) -> object:
    case = extract_case(SHOULDER.format(finding=finding, request=request)).case
    (item,) = case.items
    return scoped_findings(case, item).objective_insult_signs


def test_a_shoulder_sign_of_tissue_insult_is_the_shoulder_s_not_the_neck_s() -> None:
    finding = "Examination of the left shoulder revealed a positive drop-arm test."
    assert _upper(finding, "MRI of the left shoulder") is True
    assert _upper(finding, "MRI of the cervical spine") is None


def test_a_vascular_sign_of_the_hand_is_its_half_s() -> None:
    # pallor and cyanosis of the hand show away from their source (the shoulder's or the neck's vessels and nerves)
    finding = "There is pallor and cyanosis of the left hand."
    assert _upper(finding, "MRI of the left shoulder") is True
