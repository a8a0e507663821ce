"""The history reading corpus (tests/reading_history) is well formed: every text has its expected history, and each
history entry validates against the case schema. It does not run the reader; the corpus holds history only (see
its README), so it is not a full case corpus for tests/test_reading_corpora.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.facts import TreatmentCourse

FOLDER = Path(__file__).resolve().parent / "reading_history"
FACTS = sorted(FOLDER.glob("*.yaml"))


def test_corpus_is_complete() -> None:
    texts = sorted(FOLDER.glob("*.txt"))
    assert len(texts) >= 40
    assert {p.stem for p in texts} == {p.stem for p in FACTS}
    assert (FOLDER / "README.md").exists()


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
def test_history_validates(path: Path) -> None:
    doc = yaml.safe_load(path.read_text())
    assert set(doc) == {"case_id", "history"} and doc["case_id"] == path.stem
    for entry in doc["history"]:
        TreatmentCourse.model_validate(entry)
    text = path.with_suffix(".txt").read_text()
    assert "CLINICAL CASE SUMMARY" in text and "DISPUTED ITEMS" in text
    assert 80 <= len(text.split()) <= 250
