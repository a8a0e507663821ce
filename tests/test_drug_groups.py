"""Drug groups within a class (engine/vocab.py) agree with the reader's drug table (engine/narrative/drugs.py)."""

from __future__ import annotations

from engine.narrative.drugs import DRUGS
from engine.vocab import NEUROPATHIC_ANTIDEPRESSANTS, Service


def test_first_line_neuropathic_antidepressants_are_antidepressants_in_the_drug_table() -> None:
    classes = {generic: cls for generic, cls in DRUGS.values()}
    for generic in NEUROPATHIC_ANTIDEPRESSANTS:
        assert classes.get(generic, Service.antidepressant) is Service.antidepressant, generic


def test_ssris_and_other_antidepressants_are_not_first_line_for_neuropathic_pain() -> None:
    # CPMTG: tricyclics first-line for neuropathic pain, SNRIs an option; SSRIs not for chronic pain
    assert {"amitriptyline", "nortriptyline", "duloxetine", "venlafaxine"} <= NEUROPATHIC_ANTIDEPRESSANTS
    assert not {"sertraline", "fluoxetine", "citalopram", "escitalopram", "paroxetine", "bupropion",
                "trazodone"} & NEUROPATHIC_ANTIDEPRESSANTS
