"""One vocabulary of topical forms (`vocab.TOPICAL_FORMS`), shared by the request reader and the view, each adding the
cues of its own texts."""

from __future__ import annotations

import re

import pytest

from engine.narrative.requests import _TOPICAL_FORM
from engine.view import TOPICAL_FORM
from engine.vocab import TOPICAL_FORMS


@pytest.mark.parametrize("written", ["Ketoprofen cream", "Voltaren gel", "Lidoderm patches", "Ben-Gay ointment",
                                     "Terocin lotion", "topical diclofenac"])
def test_both_read_every_topical_form(written: str) -> None:
    assert re.search(_TOPICAL_FORM, written.lower()) and TOPICAL_FORM.search(written)
    assert any(re.fullmatch(form, w) for w in written.lower().split() for form in TOPICAL_FORMS)


def test_each_keeps_the_cues_of_its_own_texts() -> None:
    # a request line: a compound, a transdermal system, a strength in percent
    for line in ("Compounded flurbiprofen/cyclobenzaprine", "Buprenorphine transdermal", "Lidocaine 5%"):
        assert re.search(_TOPICAL_FORM, line.lower())
    # a medication list: a topical diclofenac by its brand or as a solution
    for name in ("Flector", "Pennsaid", "diclofenac sodium topical solution"):
        assert TOPICAL_FORM.search(name)
    assert not TOPICAL_FORM.search("Naproxen 550 mg tablet")
    assert not re.search(_TOPICAL_FORM, "naproxen 550 mg #60")
