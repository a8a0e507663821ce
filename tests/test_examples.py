"""The bundled examples run, the seed letter's case gets the reviewer's decision, and README stays true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine import Engine, coverage_markdown, load_and_check, parse_case_yaml, read_case, unverified_markdown

ROOT = Path(__file__).resolve().parent.parent
# the example case files (examples/ also holds a program: the Dask batch example)
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in {".yaml", ".json", ".txt"})


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_gets_cited_decisions(engine, path):
    result = engine.evaluate(read_case(path))
    assert result.items
    for item in result.items:
        assert item.decision in ("overturn", "uphold")
        assert item.citations and all(c.document and c.section for c in item.citations)
        assert item.rationale.endswith("medically necessary.")


def test_seed_case_is_overturned_as_the_reviewer_did(engine):
    result = engine.evaluate(read_case(ROOT / "examples" / "seed-physical-therapy.yaml"))
    item = result.items[0]
    assert item.decision == "overturn"
    assert "PM-CAP-MYALGIA-2009" in item.rules
    assert any(c.document == "MTUS Chronic Pain Medical Treatment 2009" for c in item.citations)
    # the 12-versus-4-or-5 conflict is recorded and explained
    assert "4 was used because" in item.rationale and result.conflicts[0]["used"] == 4


def test_seed_case_with_the_summary_count_would_be_upheld(engine):
    case = read_case(ROOT / "examples" / "seed-physical-therapy.yaml")
    history = [h.model_copy(update={"sessions": 12}) if h.kind.value == "physical_therapy" else h
               for h in case.history]
    result = engine.evaluate(case.model_copy(update={"history": history, "conflicts": []}))
    assert result.items[0].decision == "uphold"
    assert "18" in result.items[0].rationale


def test_readme_coverage_table_matches_the_rules():
    loaded, _ = load_and_check()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- coverage:start -->\n(.*?)\n<!-- coverage:end -->", readme, re.S)
    assert table, "README.md lost its coverage markers"
    assert table.group(1).strip() == coverage_markdown(loaded).strip(), (
        "README coverage table is stale: paste the output of `mtus rules coverage`")


def test_readme_case_file_example_is_valid():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(case_id: .*?)```", readme, re.S)
    assert block
    case = parse_case_yaml(block.group(1), "README.md")
    assert len(case.items) == 3


def test_readme_starts_with_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:600]
    assert "pip install . && mtus evaluate examples/" in head
    assert "python -m pytest -q" in head
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[dev]' && python -m pytest -q" in ci


def test_readme_unverified_table_matches_the_rules():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    loaded, _ = load_and_check()
    table = re.search(r"<!-- unverified:start -->\n(.*?)\n<!-- unverified:end -->", readme, re.S)
    assert table, "README.md lost its unverified-numbers markers"
    assert table.group(1).strip() == unverified_markdown(loaded).strip(), (
        "README unverified-numbers table is stale: paste the output of `mtus rules unverified`")


def test_read_case_takes_a_path_as_a_string(engine):
    # programs embedding the engine often hold paths as strings
    from_str = engine.evaluate(read_case(str(ROOT / "examples" / "seed-physical-therapy.yaml")))
    from_path = engine.evaluate(read_case(ROOT / "examples" / "seed-physical-therapy.yaml"))
    assert [i.decision for i in from_str.items] == [i.decision for i in from_path.items] == ["overturn"]
