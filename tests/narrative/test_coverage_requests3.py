"""Request wordings the third coverage probe found unread (docs/audit/drugs.md, "Coverage additions (third
probe)"): Ben-Gay, the Chronic Pain guideline's own example of a topical salicylate, is a topical analgesic whose
ingredients are methyl salicylate and menthol, as Menthoderm's and Salonpas' are."""

from __future__ import annotations

import pytest

from engine.narrative.requests import parse_request


@pytest.mark.parametrize("line", ["Bengay cream 100 g", "Ben-Gay ointment #1", "Ben Gay cream, apply twice daily"])
def test_bengay_is_a_topical_salicylate(line: str) -> None:
    item = parse_request(line)
    assert item.service == "topical_analgesic"
    assert item.ingredients == ["methyl salicylate", "menthol"]


def test_a_line_without_the_name_is_unchanged() -> None:
    assert parse_request("Menthoderm gel 120 g").ingredients == ["methyl salicylate", "menthol"]
    assert parse_request("Gabapentin 600 mg #90").service == "anticonvulsant"


@pytest.mark.parametrize(("line", "ingredients"), [
    ("Terocin lotion 120 ml", ["lidocaine", "methyl salicylate", "capsaicin", "menthol"]),
    ("Terocin patches #30", ["lidocaine", "menthol"]),
    ("LidoPro cream 121 g", ["lidocaine", "methyl salicylate", "capsaicin", "menthol"]),
    ("Medrox patch #30", ["methyl salicylate", "menthol", "capsaicin"]),
])
def test_a_branded_compound_names_every_ingredient(line: str, ingredients: list[str]) -> None:
    # a rule for one agent (the lidocaine patch, a salicylate) must not decide a compound as if it were that agent
    item = parse_request(line)
    assert item.ingredients == ingredients and item.modality == "compound"
