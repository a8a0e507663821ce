"""An unknown value in a rationale or `missing` reads as its place in the sentence allows: never "from the prior
not documented visits"."""

from __future__ import annotations

import re

import pytest

from engine import Engine, parse_case_yaml
from engine.decision import fill

CASES = [
    ("objective functional improvement from the prior {prior.sessions} visits (8 CCR §9792.20)",
     "objective functional improvement from the prior visits (8 CCR §9792.20)"),
    ("The {prior.sessions} prior visits plus", "The prior visits plus"),
    ("or {findings.drug_tests_past_year} tests in the past year",
     "or an undocumented number of tests in the past year"),
    ("{prior.sessions} prior treatments are documented", "An undocumented number of prior treatments are documented"),
    ("After a {findings.hospital_stay_days}-day hospital stay", "After a hospital stay"),
    ("for this {case.age}-year-old patient.", "for this patient."),
    ("gave {p}% relief for {w} weeks.",
     "gave an undocumented percentage of relief for an undocumented number of weeks."),
    ("gave {p}% for {w} weeks.", "gave an undocumented percentage for an undocumented number of weeks."),
    ("(red flags: {findings.red_flags}; deficit: {x})", "(red flags: not documented; deficit: not documented)"),
]


@pytest.mark.parametrize(("template", "expected"), CASES)
def test_unknown_values_read_as_their_place_allows(template: str, expected: str) -> None:
    assert fill(template, {}) == expected


def test_known_values_are_filled_as_before() -> None:
    values = {"prior.sessions": 4, "p": 30.0, "w": 6, "findings.hospital_stay_days": 3, "case.age": 57,
              "findings.red_flags": False}
    assert fill("from the prior {prior.sessions} visits", values) == "from the prior 4 visits"
    assert fill("After a {findings.hospital_stay_days}-day stay; age {case.age}", values) == \
        "After a 3-day stay; age 57"
    assert fill("gave {p}% for {w} weeks (red flags: {findings.red_flags})", values) == \
        "gave 30% for 6 weeks (red flags: no)"


def test_no_bundled_template_reads_not_documented_before_a_word(engine: Engine) -> None:
    """Every rationale and `missing` text of the bundled rules, with every fact unknown."""
    broken = []
    for rule in engine.rules:
        texts = [rule.missing or ""]
        if rule.rationale:
            texts += [rule.rationale.met, rule.rationale.not_met, rule.rationale.unknown or ""]
        thresholds = {k: t.value for k, t in rule.thresholds.items()}
        for template in texts:
            text = fill(" ".join(template.split()), thresholds)
            for bad in re.findall(r"not documented [a-z]+|undocumented number of (?![a-z])|\s[,.;)]", text):
                if bad not in " ".join(template.split()):
                    broken.append(f"{rule.id}: ...{bad}...: {text}")
    assert broken == []


def test_the_missing_list_of_an_unknown_count(engine: Engine) -> None:
    """The case of the issue: prior physical therapy without a count."""
    case = parse_case_yaml("""
case_id: unknown-count
dates: {injury: 2015-01-01, request: 2016-10-01}
diagnoses: [{text: lumbar sprain}]
history: [{kind: physical_therapy}]
items: [{text: Physical therapy x6, service: physical_therapy, quantity: 6, body_parts: [{region: lumbar}]}]
""")
    (item,) = engine.evaluate(case).items
    text = item.rationale + " " + " ".join(item.missing)
    assert "not documented visits" not in text and "prior visits" in text, text


def test_an_ancillary_left_undecided_says_it_follows_the_undecided_item_it_serves() -> None:
    case = parse_case_yaml("""
case_id: hip-arthroscopy
dates: {injury: 2016-01-04, request: 2016-09-06}
diagnoses: [{text: Right hip labral tear}]
findings: {imaging_surgical_lesion: true}
items:
  - {text: Right hip arthroscopy with labral repair, service: surgery, body_parts: [{region: hip, side: right}]}
  - {text: Pre-op CBC and BMP, service: preop_lab, follows_surgery: 1}
""", "hip.yaml")
    surgery, labs = Engine().evaluate(case).items
    assert surgery.decision == labs.decision == "not_covered"
    assert "it serves item 1, which is itself left to a physician reviewer" in labs.rationale
    assert "it serves item" not in surgery.rationale
