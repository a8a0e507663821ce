"""Request wordings the third coverage probe found unread (docs/audit/drugs.md, "Coverage additions (third
probe)"): Ben-Gay, the Chronic Pain guideline's own example of a topical salicylate, is a topical analgesic whose
ingredient is methyl salicylate, as Menthoderm and Salonpas already were."""

from __future__ import annotations

import pytest

from engine.narrative.requests import parse_request


@pytest.mark.parametrize("line", ["Bengay cream 100 g", "Ben-Gay ointment #1", "Ben Gay cream, apply twice daily"])
def test_bengay_is_a_topical_salicylate(line: str) -> None:
    item = parse_request(line)
    assert item.service == "topical_analgesic"
    assert item.ingredients == ["methyl salicylate"]


def test_a_line_without_the_name_is_unchanged() -> None:
    assert parse_request("Menthoderm gel 120 g").ingredients == ["methyl salicylate"]
    assert parse_request("Gabapentin 600 mg #90").service == "anticonvulsant"
