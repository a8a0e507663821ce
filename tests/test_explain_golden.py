"""Golden `--explain` outputs of the bundled examples: what a reviewer reads, criterion by criterion (the
guideline text each rule encodes, every comparison with its observed value). A change to a rule, a rationale or
the layout shows here in review. Regenerate after a deliberate change with

    UPDATE_GOLDEN=1 python -m pytest tests/test_explain_golden.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.txt"))
GOLDEN = Path(__file__).resolve().parent / "golden" / "explain"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def explain(path: Path) -> str:
    result = CliRunner().invoke(main, ["evaluate", str(path), "--explain"])
    assert result.exit_code == 0, result.output
    # the rule-set version and hash change with every rule edit; the golden file is about the reasoning
    return re.sub(r"rule set \S+ \(sha256 \w+\)", "rule set <version>", result.output)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_explain_matches_golden(path: Path) -> None:
    golden = GOLDEN / f"{path.name}.txt"
    actual = explain(path)
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file for {path.name}: run UPDATE_GOLDEN=1 python -m pytest {__file__}"
    assert actual == golden.read_text(encoding="utf-8"), f"--explain of {path.name} changed; review and regenerate"
