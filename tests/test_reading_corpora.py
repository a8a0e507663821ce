"""The blind-written reading corpora are well formed: every text has its expected facts, the facts validate, and the
reader accepts every text. One test for the six corpora (tests/reading_holdout and tests/reading_holdout2, held out;
tests/reading_train, tests/reading_train3, tests/reading_train4 and tests/reading_train5, for improving the reader; each
corpus's README says how it was written).

No score threshold on purpose: what the reader reads is scored by `tools/holdout_reading.py` (totals only for the
held-out corpus), not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import read_case

TESTS = Path(__file__).resolve().parent
#: corpus -> (fewest cases, whether each expected item's text is its request line as written)
CORPORA = {"reading_holdout": (30, False), "reading_holdout2": (30, True), "reading_train": (40, True),
           "reading_train3": (40, True), "reading_train4": (30, True), "reading_train5": (30, True)}
FACTS = [p for name in CORPORA for p in sorted((TESTS / name).glob("*.yaml"))]
TEXTS = [p for name in CORPORA for p in sorted((TESTS / name).glob("*.txt"))]


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.stem}"


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_is_complete(name: str) -> None:
    folder = TESTS / name
    texts, facts = sorted(folder.glob("*.txt")), sorted(folder.glob("*.yaml"))
    assert len(texts) >= CORPORA[name][0]
    assert {p.stem for p in texts} == {p.stem for p in facts}
    assert (folder / "README.md").exists(), "each corpus says how it was written"


@pytest.mark.parametrize("path", FACTS, ids=_id)
def test_expected_facts_validate(path: Path) -> None:
    case = read_case(path)
    assert case.case_id == path.stem
    assert case.items, "a case has at least one disputed item"
    text = path.with_suffix(".txt").read_text()
    # the IMR layout, or a note without the summary heading (reading_train4 has PR-2 notes and abstracts)
    assert "DISPUTED ITEMS" in text
    for item in case.items:
        assert item.service is not None, f"{item.text!r}: the expected facts name the service"
    if CORPORA[path.parent.name][1]:
        requested = [ln for ln in text.split("DISPUTED ITEMS", 1)[1].splitlines() if ln.strip()]
        assert [i.text for i in case.items] == [ln.strip() for ln in requested], "one item per request line, as written"


@pytest.mark.parametrize("path", TEXTS, ids=_id)
def test_text_reads(path: Path) -> None:
    assert read_case(path).items
