"""The second blind-written training reading corpus is well formed: every text has its expected facts and they validate.

No score threshold on purpose: the corpus is for improving the reader (tools/holdout_reading.py --dir
tests/reading_train3); the held-out corpus checks whether an improvement generalizes (tests/reading_train3/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import read_case

TRAIN = Path(__file__).resolve().parent / "reading_train3"
TEXTS = sorted(TRAIN.glob("*.txt"))
FACTS = sorted(TRAIN.glob("*.yaml"))


def test_corpus_is_complete():
    assert len(TEXTS) == 40
    assert {p.stem for p in TEXTS} == {p.stem for p in FACTS}


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
def test_expected_facts_validate(path):
    case = read_case(path)
    assert case.case_id == path.stem
    assert case.items, "a case has at least one disputed item"
    text = path.with_suffix(".txt").read_text()
    assert text.startswith("Case Number:")
    assert "CLINICAL CASE SUMMARY" in text and "DISPUTED ITEMS" in text
    requested = [ln for ln in text.split("DISPUTED ITEMS", 1)[1].splitlines() if ln.strip()]
    assert len(requested) == len(case.items), "one expected item per requested line"
    for item, line in zip(case.items, requested, strict=True):
        assert item.service is not None, f"{item.text!r}: the expected facts name the service"
        assert item.text == line.strip(), "the item text is the request as written"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_text_reads(path):
    """The narrative reader accepts every text (what it reads is scored by the tool, not asserted here)."""
    case = read_case(path)
    assert case.items
