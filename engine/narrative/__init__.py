"""Narrative case files (IMR case layout, or a whole letter) into case facts, with provenance.

`extract_case(text)` returns the `Case` and what it could not read; `extract_yaml(text)` prints the facts
as YAML for a reviewer to correct and evaluate (`mtus evaluate facts.yaml`): the round trip loses nothing.
The steps and their order are `engine.narrative.assemble.STEPS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

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
    data = _dates_as_dates(ex.case.model_dump(mode="json", exclude_defaults=True),
                           ex.case.model_dump(exclude_defaults=True))
    data.setdefault("items", [])
    head = "# facts read by `mtus extract`; correct them, then run `mtus evaluate` on this file\n"
    head += "".join(f"# note: {n}\n" for n in ex.notes)
    return head + yaml.dump(data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=110)


class _PlainDumper(yaml.SafeDumper):
    """Safe YAML with no anchors or aliases: a date met twice is written twice (a case file is for people to
    correct, and the case reader refuses aliases anyway)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dates_as_dates(plain: Any, typed: Any) -> Any:
    """The JSON-mode dump with its dates put back as dates, so that YAML writes them as dates (2016-11-09), as a
    person writing a case file does, and not as quoted strings: a date then reads back as the same value
    wherever it sits (`dates`, `findings.surgery_date`, a drug test), not as a string beside a date."""
    if isinstance(typed, dt.date) and not isinstance(typed, dt.datetime):
        return typed
    if isinstance(plain, dict) and isinstance(typed, dict):
        return {k: _dates_as_dates(v, typed.get(k)) for k, v in plain.items()}
    if isinstance(plain, list) and isinstance(typed, list) and len(plain) == len(typed):
        return [_dates_as_dates(p, t) for p, t in zip(plain, typed, strict=True)]
    return plain
