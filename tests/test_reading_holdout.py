"""The held-out reading corpus is well formed: every text has its expected facts and they validate.

No score threshold on purpose: the corpus measures whether reading generalizes (tools/holdout_reading.py);
it is not a target to tune the reader on (tests/reading_holdout/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import read_case

HOLDOUT = Path(__file__).resolve().parent / "reading_holdout"
TEXTS = sorted(HOLDOUT.glob("*.txt"))
FACTS = sorted(HOLDOUT.glob("*.yaml"))


def test_corpus_is_complete():
    assert len(TEXTS) >= 30
    assert {p.stem for p in TEXTS} == {p.stem for p in FACTS}


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
def test_expected_facts_validate(path):
    case = read_case(path)
    assert case.case_id == path.stem
    assert case.items, "a case has at least one disputed item"
    text = path.with_suffix(".txt").read_text()
    assert "DISPUTED ITEMS" in text
    for item in case.items:
        assert item.service is not None, f"{item.text!r}: the expected facts name the service"
