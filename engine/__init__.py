"""mtus-engine: California MTUS guidelines as YAML rules, compiled to durable_rules, deciding IMR items.

    from engine import Engine, read_case
    result = Engine().evaluate(read_case(Path("examples/seed-physical-therapy.yaml")))
    for item in result.items:
        print(item.request, item.decision, item.citations[0].document)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine import compat as _compat  # noqa: F401  (first: Python 3.10 gets enum.StrEnum before anything needs it)
from engine.api import Engine
from engine.caseio import CaseError, Problem, extract_text_case, parse_case_yaml, read_case, read_case_text
from engine.decision import CaseResult, Citation, Criterion, ItemResult
from engine.diagnostics import CODES, Diagnostic, RuleSetError
from engine.facts import Case, DisputedItem, Findings, TreatmentCourse
from engine.inputs import InputError
from engine.limits import DEFAULT_LIMITS, Limits
from engine.ruleset import RuleSet, bundled_dirs, load_and_check
from engine.vocab import Region, Service

if TYPE_CHECKING:
    from engine.casetests import find_case_tests, run_case_tests
    from engine.coverage import coverage_markdown, unverified_markdown
    from engine.narrative import extract_case, extract_yaml

__version__ = "0.1.0"

#: imported on first use, so that evaluating a structured case loads neither the narrative reader nor the rule
#: models and checks (a cached rule set needs none of them)
_LAZY = {"extract_case": "engine.narrative", "extract_yaml": "engine.narrative",
         "find_case_tests": "engine.casetests", "run_case_tests": "engine.casetests",
         "coverage_markdown": "engine.coverage", "unverified_markdown": "engine.coverage"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'engine' has no attribute {name!r}")


__all__ = [
    "CODES",
    "DEFAULT_LIMITS",
    "Case",
    "CaseError",
    "CaseResult",
    "Citation",
    "Criterion",
    "Diagnostic",
    "DisputedItem",
    "Engine",
    "Findings",
    "InputError",
    "ItemResult",
    "Limits",
    "Problem",
    "Region",
    "RuleSet",
    "RuleSetError",
    "Service",
    "TreatmentCourse",
    "__version__",
    "bundled_dirs",
    "coverage_markdown",
    "extract_case",
    "extract_text_case",
    "extract_yaml",
    "find_case_tests",
    "load_and_check",
    "parse_case_yaml",
    "read_case",
    "read_case_text",
    "run_case_tests",
    "unverified_markdown",
]
