"""Smoke test on the real IMR development cases in ../shared/imr-dev (never copied into this repository).

Every narrative case must be read, every disputed item decided (the count matching the reviewers' table),
and the CLI's JSON must hold what ../shared/imr-dev/score.py reads. Skipped when ../shared is absent.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from engine import Engine, read_case

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "imr-dev"
CASES = sorted((DEV / "cases").glob("*.txt")) if DEV.is_dir() else []

pytestmark = pytest.mark.skipif(
    not CASES, reason=f"the real IMR development cases are not at {DEV} (../shared/imr-dev is absent)")


def _expected_counts() -> Counter[str]:
    with (DEV / "expected.tsv").open(encoding="utf-8", newline="") as f:
        return Counter(row["case"] for row in csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_real_case_is_read_and_every_item_decided(engine: Engine, path: Path) -> None:
    result = engine.evaluate(read_case(path))
    assert len(result.items) == _expected_counts()[path.stem]
    for item in result.items:
        assert item.decision in ("overturn", "uphold", "not_covered")
        assert item.rationale
        assert (item.decision == "not_covered") == (not item.rules)


def test_cli_json_has_what_the_scorer_reads() -> None:
    path = CASES[0]
    result = CliRunner().invoke(main, ["evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["items"]) == _expected_counts()[path.stem]
    for item in data["items"]:
        assert isinstance(item["request"], str)
        assert item["decision"] in ("overturn", "uphold", "not_covered")
        assert all(isinstance(c["document"], str) and isinstance(c["section"], str) for c in item["citations"])
