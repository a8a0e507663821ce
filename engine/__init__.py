"""mtus-engine: California MTUS guidelines as YAML rules, compiled to durable_rules, deciding IMR items.

    from engine import Engine, read_case
    result = Engine().evaluate(read_case(Path("examples/seed-physical-therapy.yaml")))
    for item in result.items:
        print(item.request, item.decision, item.citations[0].document)
"""

from engine.api import Engine, bundled_dirs, load_and_check
from engine.caseio import CaseError, Problem, extract_text_case, parse_case_yaml, read_case, read_case_text
from engine.casetests import find_case_tests, run_case_tests
from engine.coverage import coverage_markdown, unverified_markdown
from engine.decision import CaseResult, Citation, Criterion, ItemResult
from engine.diagnostics import CODES, Diagnostic, RuleSetError
from engine.facts import Case, DisputedItem, Findings, TreatmentCourse
from engine.inputs import InputError
from engine.limits import DEFAULT_LIMITS, Limits
from engine.narrative import extract_case, extract_yaml
from engine.vocab import Region, Service

__version__ = "0.1.0"

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
