"""Disputed items whose reading needs more than a phrase row: the body part a device names by where it is worn
(`requests.WORN_ON`), and the split of a request UR certified in part (`certification.CERTIFIED_SPLIT`). Texts
written for the project."""

from __future__ import annotations

import pytest

from engine import extract_case
from engine.narrative.certification import disputed_part
from engine.narrative.requests import find_regions, parse_request

HEADER = "Case Number: W-1\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n"


def case(summary: str, items: str):
    text = f"{HEADER}\nCLINICAL CASE SUMMARY\nThe injured worker is a 44 year old male. {summary}\n\n" \
           f"DISPUTED ITEMS\n{items}\n"
    return extract_case(text).case


def regions(item) -> list[tuple[str, str | None]]:
    return [(bp.region.value, bp.side.value if bp.side else None) for bp in item.body_parts]


@pytest.mark.parametrize("summary,line,want", [
    ("She has bilateral plantar fasciitis.", "Custom foot inserts, bilateral", [("foot", "bilateral")]),
    ("She has plantar fasciitis.", "Custom orthotics, right", [("foot", "right")]),
    # a boot is worn on the ankle or the foot: the one the case concerns
    ("He sprained his left ankle stepping off a curb.", "Air boot, left", [("ankle", "left")]),
    ("He fractured the fifth metatarsal of his right foot.", "CAM walker boot", [("foot", None)]),
    # a region the line names wins over the device's
    ("He has a left ankle sprain.", "Custom orthotics for the left ankle", [("ankle", "left")]),
    # neither device: nothing is inferred
    ("She has right hip osteoarthritis.", "Front-wheeled walker", []),
])
def test_worn_device_names_its_part(summary: str, line: str, want: list[tuple[str, str | None]]) -> None:
    assert regions(case(summary, line).items[0]) == want


def test_wheeled_is_no_heel() -> None:
    assert find_regions("front wheeled walker") == []
    assert [bp.region.value for bp in find_regions("heel pain and heel cups")] == ["foot"]


@pytest.mark.parametrize("text,want", [
    ("Acupuncture 12 visits (4 certified; 8 non-certified)", (8, 12)),
    ("Massage 10 sessions (4 approved, 6 denied)", (6, 10)),
    ("UR certified 6 PT visits and non-certified the remaining 6.", (6, 12)),
    ("UR approved two (2) visits and denied four (4).", (4, 6)),
    ("Post-op PT 12 visits, 4 remaining", (4, 12)),
    ("Physical therapy 8 sessions (remaining 2)", (2, 8)),
    ("UR on 04/03/2017 certified 2 visits and denied 4.", (4, 6)),
    # no split of one request's count
    ("UR certified the surgery and denied the brace.", (None, None)),
    ("Physical therapy 12 visits", (None, None)),
])
def test_disputed_part(text: str, want: tuple[int | None, int | None]) -> None:
    assert disputed_part(text) == want


@pytest.mark.parametrize("line,qty", [
    ("TENS electrodes x 3 months", 3),             # a supply period stands as the amount of supplies
    ("H-wave unit x 3 months", None),              # a period of a device is no count
    ("Gym membership x 12 months", None),
    ("Acupuncture x 6", 6),
    ("Skilled nursing facility x 10 days", 10),     # days of a stay are its quantity
    ("Functional restoration program 80 hours", 80),
    ("Functional restoration program 6 hours per day", None),
    ("Chiropractic, remaining 3 of 9", 3),
])
def test_counts_and_periods(line: str, qty: int | None) -> None:
    assert parse_request(line).quantity == qty


def test_inferred_region_is_marked_in_provenance() -> None:
    c = case("She has bilateral plantar fasciitis.", "Custom orthotics, bilateral\nPhysical therapy 2x3 left foot")
    assert any(s.startswith("inferred") for s in c.provenance["items.0.body_parts"])
    assert "items.1.body_parts" not in c.provenance  # written on its line: read, not inferred


@pytest.mark.parametrize("text,want", [
    ("UR approved 4 of the 10 requested visits.", (6, 10)),
    ("Four of the ten requested visits were certified.", (6, 10)),
    ("Acupuncture was certified x 4 and denied x 6.", (6, 10)),
    ("He has completed 4 of 10 authorized visits.", (None, None)),
])
def test_disputed_part_of_a_total(text: str, want: tuple[int | None, int | None]) -> None:
    assert disputed_part(text) == want
