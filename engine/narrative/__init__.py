"""Narrative case files (IMR case layout, or a whole letter) into case facts, with provenance.

`extract_case(text)` returns the `Case` and what it could not read; `extract_yaml(text)` prints the facts
as YAML for a reviewer to correct and evaluate (`mtus evaluate facts.yaml`): the round trip loses nothing.
The steps and their order are `engine.narrative.assemble.STEPS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from pydantic import ValidationError

from engine.caseio import CaseError, Problem, validation_problems
from engine.facts import Case
from engine.narrative.assemble import run

__all__ = ["Extraction", "extract_case", "extract_yaml"]


@dataclass
class Extraction:
    """The case read from text, and notes on what was not understood."""

    case: Case
    notes: list[str] = field(default_factory=list)


def extract_case(text: str, default_id: str = "case", file: str = "<input>") -> Extraction:
    """Read a narrative case or letter. Raises `CaseError` (a ValueError) when it has no summary or no disputed
    items, or when what it reads is outside what a case may hold."""
    try:
        state = run(text, default_id)
    except ValidationError as exc:  # a reading no case may hold: say which field, never the text
        raise CaseError(file, validation_problems(exc)) from exc
    except ValueError as exc:
        raise CaseError(file, [Problem(0, str(exc))]) from exc
    assert state.case is not None
    return Extraction(state.case, state.notes)


def extract_yaml(text: str, default_id: str = "case", file: str = "<input>") -> str:
    """The extracted facts as YAML (with a header comment listing what was not understood)."""
    ex = extract_case(text, default_id, file)
    data = ex.case.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("items", [])
    head = "# facts read by `mtus extract`; correct them, then run `mtus evaluate` on this file\n"
    head += "".join(f"# note: {n}\n" for n in ex.notes)
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
