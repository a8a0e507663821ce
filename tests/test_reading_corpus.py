"""The reading corpus (tests/reading_corpus): its expected facts are valid cases, and the measuring tool runs.

No score threshold is asserted: the corpus measures the reader, it does not gate it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from scripts import load_script

from engine.caseio import parse_case_yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "reading_corpus"
EXPECTED = sorted(CORPUS.glob("*.yaml"))


def _tool():
    return load_script("tools/corpus_reading.py", "corpus_reading")


def test_corpus_has_forty_cases_in_both_halves():
    tool = _tool()
    assert len(EXPECTED) == 40
    halves = {tool.half_of(p.stem) for p in EXPECTED}
    assert halves == {"A", "B"}


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_expected_facts_are_a_valid_case(path: Path):
    case = parse_case_yaml(path.read_text(), str(path))
    assert case.case_id == path.stem
    assert path.with_suffix(".txt").is_file()
    text = path.with_suffix(".txt").read_text()
    assert "CLINICAL CASE SUMMARY" in text and "DISPUTED ITEMS" in text
    # every disputed item of the expected facts is a line of the text's DISPUTED ITEMS section
    lines = text.split("DISPUTED ITEMS", 1)[1].strip().splitlines()
    assert [it.text for it in case.items] == lines


def test_half_assignment_is_fixed():
    tool = _tool()
    # sha1("rc001") ends in an even digit, sha1("rc003") in an odd one
    assert tool.half_of("rc001") == "A"
    assert tool.half_of("rc003") == "B"


def test_tool_measures_every_case(capsys):
    tool = _tool()
    res = tool.measure(CORPUS)
    assert res["all"]["cases"] == len(EXPECTED)
    assert res["A"]["cases"] + res["B"]["cases"] == len(EXPECTED)
    for fam in ("dates", "findings", "history", "medications", "prior_studies", "item.service"):
        assert res["all"]["total"][fam] > 0
    assert 0.0 <= tool.share(res["all"]) <= 1.0
    assert tool.main([]) == 0
    out = capsys.readouterr().out
    assert "A: cases=" in out and "B: cases=" in out and "all: cases=" in out


def test_compare_counts_like_the_shared_scorer():
    tool = _tool()
    want = yaml.safe_load("""
items: [{text: x, service: mri, body_parts: [{region: knee}]}]
findings: {pain_score: 5}
history: [{kind: physical_therapy, sessions: 12}]
medications: [{name: Norco, generic: hydrocodone}]
dates: {injury: 2015-01-02}
""")
    got = yaml.safe_load("""
items: [{text: x, service: mri, body_parts: [{region: knee}]}]
findings: {pain_score: 5, muscle_spasm: true}
history: [{kind: physical_therapy, sessions: 6}]
medications: [{name: Norco, generic: hydrocodone}, {name: Soma, generic: carisoprodol}]
dates: {injury: 2015-01-02}
""")
    rows = {(fam, key): (a, b) for fam, key, a, b in tool.compare(got, want)}
    assert rows[("findings", "pain_score")] == (5, 5)
    assert rows[("findings", "muscle_spasm")] == (True, None)
    assert rows[("history", "physical_therapy")] == (6, 12)
    assert rows[("medications", "carisoprodol")] == (True, False)
    assert rows[("dates", "injury")] == ("2015-01-02", "2015-01-02")
    assert rows[("dates", "request")] == ("None", "None")
