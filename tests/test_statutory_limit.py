"""The statutory visit cap (Labor Code §4604.5, LC-CAP-24) is a limit, not a medical criterion: being within
24 visits never shows that therapy is medically necessary. Its rule has no end date, so where no guideline
rule applies (before the 2009 text, or in the ACOEM era from 2017-12-01) it is the only rule left; the item
is then not covered (or upheld when the cap is exceeded), never overturned on the statute alone.
"""

from __future__ import annotations

from engine import Engine
from engine.facts import Case

STATUTE_ONLY = "an overturn must rest on a guideline criterion, not only on the statutory visit cap"


def _pt_case(request: str, injury: str) -> Case:
    return Case.model_validate({
        "case_id": "KNOWN",
        "dates": {"injury": injury, "request": request},
        "diagnoses": [{"text": "Lumbar strain"}],
        "history": [{"kind": "physical_therapy", "sessions": 4, "functional_improvement": True}],
        "items": [{"text": "Physical therapy x6 lumbar", "service": "physical_therapy", "quantity": 6}],
    })


def test_acoem_era_physical_therapy_is_not_overturned_on_the_statute(engine: Engine) -> None:
    item = engine.evaluate(_pt_case("2018-02-14", "2017-06-06")).items[0]
    assert item.decision == "not_covered", STATUTE_ONLY
    assert "ACOEM" in (item.reason or "")


def test_physical_therapy_before_2009_is_not_overturned_on_the_statute(engine: Engine) -> None:
    item = engine.evaluate(_pt_case("2008-05-20", "2007-11-01")).items[0]
    assert item.decision == "not_covered", STATUTE_ONLY


def test_exceeding_the_statutory_cap_still_upholds(engine: Engine) -> None:
    case = _pt_case("2018-02-14", "2017-06-06")
    history = [case.history[0].model_copy(update={"sessions": 22})]
    item = engine.evaluate(case.model_copy(update={"history": history})).items[0]
    assert item.decision == "uphold" and item.rules == ["LC-CAP-24"]
