"""Snapshots of the compiled durable_rules JSON, one golden file per rules/<topic>.yaml.

A change to the compiler or to a rule changes the JSON on purpose or by accident; this test makes every
such change visible in review. Regenerate after a deliberate change with

    UPDATE_GOLDEN=1 python -m pytest tests/test_compiler_snapshots.py
"""

from __future__ import annotations

import difflib
import functools
import json
import os
from pathlib import Path
from typing import Any

import pytest

from engine import bundled_dirs, load_and_check
from engine.compiler import FALSE, TRUE, Compiled, compile_rules
from engine.diagnostics import Severity

RULES_DIR, GUIDELINES_DIR = bundled_dirs()
GOLDEN = Path(__file__).resolve().parent / "golden" / "compiled"
RULE_FILES = sorted(RULES_DIR.glob("*.yaml"))
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


#: The definitions every rule may read (`derived.chronic_pain`, ...): compiled with each topic file.
DEFINITIONS = RULES_DIR / "definitions.yaml"


@functools.cache
def compile_file(path: Path) -> Compiled:
    loaded, diagnostics = load_and_check(sorted({DEFINITIONS, path}))
    errors = [d.render() for d in diagnostics if d.severity is Severity.error]
    assert not errors, f"{path.name} does not load cleanly with the definitions:\n" + "\n".join(errors)
    return compile_rules(loaded)


def snapshot(path: Path) -> str:
    """The compiled durable rules of one file's own rules, by stage number (the shared definitions are in the
    definitions snapshot, and stage names carry a digest of the whole program)."""
    compiled = compile_file(path)
    loaded, _ = load_and_check([path])
    own = {lr.rule.id for lr in loaded.rules}
    stages = {f"stage{i}": {name: rule for name, rule in rules.items() if name.rpartition("__")[0] in own}
              for i, (_, rules) in enumerate(compiled.stages)}
    return json.dumps({k: v for k, v in stages.items() if v}, indent=1, sort_keys=True)


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_compiled_json_matches_golden(path: Path) -> None:
    actual = snapshot(path) + "\n"
    golden = GOLDEN / f"{path.stem}.json"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        assert golden.read_text(encoding="utf-8") == actual
        return
    assert golden.exists(), (
        f"no golden file {golden.relative_to(GOLDEN.parent.parent.parent)} for "
        f"rules/{path.name}; create it with UPDATE_GOLDEN=1 python -m pytest {__file__}"
    )
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = list(
            difflib.unified_diff(
                expected.splitlines(),
                actual.splitlines(),
                f"golden/{golden.name}",
                f"compiled rules/{path.name}",
                lineterm="",
                n=2,
            )
        )
        shown = "\n".join(diff[:80]) + ("\n..." if len(diff) > 80 else "")
        pytest.fail(
            f"compiled JSON of rules/{path.name} differs from its golden file ({len(diff)} diff lines).\n"
            f"If the change is intended, regenerate with UPDATE_GOLDEN=1.\n{shown}",
            pytrace=False,
        )


def test_no_stale_golden_files() -> None:
    stale = sorted({g.stem for g in GOLDEN.glob("*.json")} - {p.stem for p in RULE_FILES})
    assert not stale or UPDATE, f"golden files without a rule file (delete them): {stale}"


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_compiling_is_deterministic(path: Path) -> None:
    fresh = compile_file.__wrapped__(path)
    assert fresh.to_json() == compile_file(path).to_json()
    assert fresh.version == compile_file(path).version


def _walk(expr: Any) -> list[Any]:
    out = [expr]
    if isinstance(expr, dict):
        for v in expr.values():
            out.extend(_walk(v))
    elif isinstance(expr, list):
        for v in expr:
            out.extend(_walk(v))
    return out


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_compiled_rules_avoid_durable_traps(path: Path) -> None:
    """Every durable rule leads with the positive discriminator and holds no constant arithmetic."""
    compiled = compile_file(path)
    assert compiled.stages, f"{path.name} compiles to nothing"
    for stage, rules in compiled.stages:
        assert stage.startswith("mtus_s") and stage.endswith(compiled.version)
        for name, rule in rules.items():
            assert rule["run"] == name
            (cond,) = rule["all"]
            body = cond["m"]
            first = body["$and"][0] if "$and" in body else body
            assert first == TRUE, f"{name}: first condition is {first}, not the discriminator"
            nodes = _walk(body)
            assert not any(isinstance(n, dict) and ({"$add", "$sub", "$mul", "$div"} & set(n)) for n in nodes)
            assert body != FALSE


def test_whole_bundled_program_is_stable_json() -> None:
    loaded, _ = load_and_check()
    compiled = compile_rules(loaded)
    data = json.loads(compiled.to_json())
    assert list(data) == [name for name, _ in compiled.stages]
    names = [n for _, rules in compiled.stages for n in rules]
    assert len(names) == len(set(names))
    assert all(n.rsplit("__", 1)[1] in {"A", "T", "F"} for n in names)
