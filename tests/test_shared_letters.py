"""The command the scorer in ../shared/imr-dev runs, on every real development case (never copied here).

`score.py` runs `mtus evaluate <case> --format json` per case and counts anything but exit 0 with one JSON
object of the right items as an error for the whole case. tests/test_imr_dev.py scores the decisions
in-process; this checks the command-line contract the scorer depends on. Skipped when ../shared is absent.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "imr-dev"
CASES = sorted((DEV / "cases").glob("*.txt")) if DEV.is_dir() else []

pytestmark = [
    pytest.mark.skipif(not CASES, reason=f"the real IMR development cases are not at {DEV} (../shared is absent)"),
    pytest.mark.usefixtures("cli_uses_session_engine"),
]


def _expected_counts() -> Counter[str]:
    with (DEV / "expected.tsv").open(encoding="utf-8", newline="") as f:
        return Counter(row["case"] for row in csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_scorer_command_gives_one_json_object_per_case(path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    assert len(data["items"]) == _expected_counts()[path.stem]
    for item in data["items"]:
        assert isinstance(item["request"], str) and item["request"]
        assert item["decision"] in ("overturn", "uphold", "not_covered")
        assert (item["decision"] == "not_covered") == (not item["rules"])
        assert all(isinstance(c["document"], str) and isinstance(c["section"], str) for c in item["citations"])
