"""Second review of this round's reading changes: a fact is read only where the text states it. Functional
improvement from a treatment is an ability and the treatment in one clause, and not one held before the injury; a
count of visits requested, denied, pending, cancelled or missed is not added to the visits attended; an injection's
relief is the relief written after its own name in its own clause, and a walk of blocks or a flu shot is no
injection; a study on record that names no region is not made a study of the requested region."""

from __future__ import annotations

import pytest

from engine.narrative import extract_case
from engine.narrative.status import enabled_activity


@pytest.mark.parametrize("sentence", [
    "He is able to walk 2 blocks; he continues with medications.",
    "He is able to drive to appointments and is compliant with medications.",
    "Prior to the injury he was able to run daily with therapy.",
    "He was able to garden with medications before the injury, but now cannot.",
])
def test_no_functional_improvement_outside_one_clause_or_before_the_injury(sentence: str) -> None:
    assert enabled_activity(sentence) is False


@pytest.mark.parametrize("sentence", [
    "With medications he is able to mow the lawn.",
    "She is able to mow the lawn with medications.",
])
def test_an_ability_credited_to_the_treatment_in_one_clause(sentence: str) -> None:
    assert enabled_activity(sentence) is True
