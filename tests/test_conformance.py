"""The conformance corpus (tests/conformance) must load and its facts must validate; its agreement is a dial
(`tools/conformance.py`), not a pass/fail, because each disagreement is triaged against the guideline text."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.casetests import find_case_tests, load_case_tests
from engine.facts import Case

CORPUS = Path(__file__).resolve().parent / "conformance"
FILES = find_case_tests([CORPUS])


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_conformance_file_loads(path: Path) -> None:
    for name, test, error in load_case_tests(path):
        assert test is not None, f"{name}: {error}"
        Case.model_validate({"case_id": test.name, **test.facts})
        assert test.expect, f"{name}: no expected decision"
