"""An error inside the backend is the item's: reported on it, never a decision, never a lost case."""

from __future__ import annotations

import pytest

from engine import Engine, parse_case_yaml
from engine.backend_durable import BackendError

CASE = """
case_id: two-items
dates: {injury: 2016-01-01, request: 2016-06-01}
findings: {red_flags: true}
items:
  - {text: MRI lumbar spine, service: mri, body_parts: [{region: lumbar}]}
  - {text: MRI cervical spine, service: mri, body_parts: [{region: cervical}]}
"""


def test_a_backend_error_is_reported_on_its_item_and_the_other_items_are_decided(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    case = parse_case_yaml(CASE)
    backend = engine._backend
    real = backend.fire_json

    def fire_json(ruleset: str, members: str) -> frozenset[str]:
        if '"region": "cervical"' in members:
            raise BackendError("durable_rules could not evaluate the facts: error code 204")
        return real(ruleset, members)

    monkeypatch.setattr(backend, "fire_json", fire_json)
    result = engine.evaluate(case)
    first, second = result.items
    assert first.decision == "overturn" and first.error is None
    assert second.decision == "not_covered" and second.error and "204" in second.error
    assert second.reason == "the engine could not evaluate this item"


def test_an_unknown_modality_is_named_with_the_nearest_known_one(engine: Engine) -> None:
    case = parse_case_yaml("""
case_id: modality
dates: {injury: 2015-09-21, request: 2016-11-28}
diagnoses: [{text: "severe osteoarthritis, left knee"}]
items:
  - {text: Hyaluronic acid injection left knee, service: injection_other, modality: hyaluronic_acid,
     body_parts: [{region: knee}]}
  - {text: Steroid injection left knee, service: injection_other, modality: corticosteroid,
     body_parts: [{region: knee}]}
""")
    unknown, known = engine.evaluate(case).items
    assert unknown.decision == "not_covered"
    assert "'hyaluronic_acid' is not one the rules know (did you mean 'hyaluronic'?)" in unknown.rationale
    assert "modality" not in known.rationale
