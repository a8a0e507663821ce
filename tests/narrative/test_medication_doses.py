"""A drug on the medication list keeps the dose written with it (its strength and the most units a day its
directions allow), read from its own entry of the list: the daily opioid total (`meds.opioid_med_per_day`) counts
an opioid taken but not requested at that dose."""

from __future__ import annotations

from engine.narrative import extract_case

CASE = """CLINICAL CASE SUMMARY
The injured worker is a 50 year old male injured on 01/05/2014. He has chronic low back pain. {meds}

DISPUTED ITEMS
Norco 10/325 mg #180, 1 tablet every 4 hours
"""


def doses(meds: str) -> dict[str, tuple[float | None, float | None]]:
    case = extract_case(CASE.format(meds=meds)).case
    return {m.generic or m.name: (m.strength_mg, m.per_day_max) for m in case.medications}


def test_each_entry_of_a_list_keeps_its_own_dose() -> None:
    got = doses("Current medications include Norco 10/325 mg one tablet every 6 hours, OxyContin 20 mg twice "
                "daily, and Soma 350 mg three times a day.")
    assert got == {"hydrocodone": (10.0, 4.0), "oxycodone": (20.0, 2.0), "carisoprodol": (350.0, 3.0)}


def test_a_drug_named_without_its_dose_has_none() -> None:
    assert doses("Current medications include OxyContin and Soma 350 mg three times a day.") == {
        "oxycodone": (None, None), "carisoprodol": (350.0, 3.0)}


def test_a_combination_on_the_list_is_dosed_by_its_opioid() -> None:
    assert doses("Medications: Tylenol with codeine 300/30 mg 1 tab every 6 hours.") == {"codeine": (30.0, 4.0)}
