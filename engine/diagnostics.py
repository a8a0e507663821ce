"""Problems as data: a stable code, a location, a message and a hint, all collected and sorted.

Message style (after Cedar's guide): lowercase, no final period, user input in backticks, context joined
with colons, no Python class names, no line breaks; the fix goes in `hint`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.compat import StrEnum


class Severity(StrEnum):
    """`error` stops the rule set from loading; `warning` is reported and loading goes on."""

    error = "error"
    warning = "warning"


#: Every diagnostic code with what it means. Tests assert on codes, never on message text.
CODES: dict[str, str] = {
    "MTUS-E001": "the file is not valid YAML",
    "MTUS-E002": "the file does not match the schema (unknown key, wrong type, missing field)",
    "MTUS-E003": "two rules share one id",
    "MTUS-E004": "a citation names a document or section that is not in guidelines/",
    "MTUS-E005": "a condition names a fact path that case facts do not have",
    "MTUS-E006": "a comparison does not fit the type of its fact",
    "MTUS-E007": "a number is written into a condition instead of a cited threshold",
    "MTUS-E008": "a condition or rationale names a threshold the rule does not define",
    "MTUS-E009": "a rationale placeholder names an unknown fact or threshold",
    "MTUS-E010": "derived facts depend on each other in a cycle",
    "MTUS-E011": "a rule reads a derived fact that no rule derives",
    "MTUS-E012": "a rule's version window lies outside the window of the document it cites",
    "MTUS-E013": "a guideline quote comes from a copyrighted (ACOEM or ODG) document",
    "MTUS-E014": "a value compared with `item.service` or `item.modality` is not in the vocabulary",
    "MTUS-E015": "a rule file could not be read",
    "MTUS-E016": "two guideline documents share one id",
    "MTUS-E017": "a condition is too large for durable_rules to compile",
    "MTUS-E018": "a rule does not state the guideline criterion it encodes (`criterion`)",
    "MTUS-E019": "a criterion's quote is not in the catalog's quotes of its section, or it cites a section the "
                 "rule does not cite",
    "MTUS-E020": "a file is over a safety limit (its size, nesting depth or alias expansion; `engine/limits.py`)",
    "MTUS-E021": "so many rules apply to one service on one date that durable_rules could overflow its 64-entry "
                 "evaluation stack for one item (error code 303; `engine/stack.py`)",
    "MTUS-E022": "a rule's `when` can never hold, so the rule never applies (`engine/analysis.py`)",
    "MTUS-W101": "a threshold is not verified from a source",
    "MTUS-W102": "a rule cites a non-MTUS document only (ranked below the MTUS by 8 CCR §9792.21.1)",
    "MTUS-W103": "two criteria for one service can apply to the same item with opposite outcomes (never both met, or "
                 "one not recommended) and neither `when` says which applies",
    "MTUS-W104": "a rule is shadowed by another: wherever it applies the other applies and is never met when it is "
                 "not, so it never changes a decision",
    "MTUS-W105": "a rule cites a document whose time in force does not overlap the rule's window",
}


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: file and line, and the rule id where there is one."""

    file: str = ""
    line: int = 0
    rule_id: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return where or "<input>"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found while loading or checking rules."""

    location: Location
    code: str
    message: str
    severity: Severity = Severity.error
    hint: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered diagnostic code {self.code}")

    def render(self) -> str:
        """`rules/acupuncture.yaml:14: MTUS-E005: rule `ACU-2`: ... (hint: ...)`."""
        rule = f"rule `{self.location.rule_id}`: " if self.location.rule_id else ""
        text = f"{self.location}: {self.code} {self.severity}: {rule}{self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {"code": self.code, "severity": str(self.severity), "file": self.location.file,
                "line": self.location.line, "rule": self.location.rule_id, "message": self.message,
                "hint": self.hint}


class RuleSetError(Exception):
    """Raised when rules or guidelines have errors; carries every diagnostic, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        errors = [d for d in self.diagnostics if d.severity is Severity.error]
        super().__init__(f"{len(errors)} error(s) in rules: " + "; ".join(d.render() for d in errors[:3]))
