"""What the engine asserts into durable_rules: one JSON object per stage, no key twice (a parser keeps one of two
and which is unspecified), and each stage sees exactly the derived facts settled by the stages before it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine import Engine, read_case

ROOT = Path(__file__).resolve().parent.parent


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), f"a key appears twice: {sorted(k for k in keys if keys.count(k) > 1)}"
    return dict(pairs)


@pytest.mark.parametrize("name", ["seed-physical-therapy.yaml", "knee-mri-and-surgery.yaml", "narrative-case.txt"])
def test_each_stage_asserts_one_object_with_the_derived_facts_settled_so_far(
        engine: Engine, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    backend = engine._backend
    real = backend.fire_json
    seen: list[tuple[str, dict[str, Any], frozenset[str]]] = []

    def fire_json(ruleset: str, members: str) -> frozenset[str]:
        fired = real(ruleset, members)
        seen.append((ruleset, json.loads("{" + members + "}", object_pairs_hook=_no_duplicates), fired))
        return fired

    monkeypatch.setattr(backend, "fire_json", fire_json)
    case = read_case(ROOT / "examples" / name)
    engine.evaluate(case)
    derive = [stage for stage, _ in engine.compiled.stages[:-1]]
    # per item: every derive stage, then the deciding rules of the item's own service kind
    per_item = len(derive) + 1
    assert len(seen) == per_item * len([i for i in case.items if i.service is not None])
    for start in range(0, len(seen), per_item):
        settled: dict[str, bool] = {}
        item = seen[start:start + per_item]
        for (ruleset, fact, fired), stage in zip(item[:-1], derive, strict=True):
            assert ruleset == stage and fact["derived"] == settled
            settled = {**settled, **engine.compiled.derived_values(fired)}
        ruleset, fact, _ = item[-1]
        assert ruleset == engine._final[fact["item"]["service"]] and fact["derived"] == settled
