"""File-driven decision tests: YAML files of case facts with the decisions they must get.

The same runner backs the test suite and the `mtus test` command, so a user can keep their own cases.

    cases:
      - name: an initial trial of 6 visits with no prior therapy is supported
        as_of: 2016-10-01            # optional; default is the case's request date
        facts: {...}                 # a case, as in a case file (case_id defaults to the name)
        expect:                      # one entry per disputed item, in order
          - decision: overturn
            rules: [PM-CAP-MYALGIA-2016]   # optional: these rule ids must be among those that decided
            missing: [functional]          # optional: each word must appear in some `missing` entry
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.api import Engine
from engine.caseio import CaseError, validation_problems
from engine.facts import Case
from engine.inputs import InputError
from engine.yamlio import YamlError, read_yaml


class _S(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Expect(_S):
    """What one item must get."""

    decision: Literal["overturn", "uphold", "not_covered"]
    rules: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    service: str | None = None


class CaseTest(_S):
    """One case and its expected decisions."""

    name: str
    as_of: dt.date | None = None
    facts: dict[str, Any]
    expect: list[Expect] = Field(min_length=1)


class CaseTestFile(_S):
    """A file of case tests."""

    cases: list[CaseTest] = Field(min_length=1)


@dataclass(frozen=True)
class Outcome:
    """The result of one case test."""

    name: str
    ok: bool
    message: str = ""


def find_case_tests(paths: list[Path]) -> list[Path]:
    """Every `*.yaml` under the given files or directories, sorted."""
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.rglob("*.yaml")) if p.is_dir() else [p])
    return out


def _check(test: CaseTest, result_items: list[Any]) -> str:
    if len(result_items) != len(test.expect):
        return f"expected {len(test.expect)} item(s), got {len(result_items)}"
    problems = []
    for n, (exp, got) in enumerate(zip(test.expect, result_items, strict=True), 1):
        if got.decision != exp.decision:
            problems.append(f"item {n}: expected {exp.decision}, got {got.decision} (rules {got.rules}; "
                            f"{got.reason or got.rationale[:160]})")
        missing_rules = [r for r in exp.rules if r not in got.rules]
        if missing_rules:
            problems.append(f"item {n}: missing reason(s) {', '.join(missing_rules)} (got {got.rules})")
        for word in exp.missing:
            if not any(word.lower() in m.lower() for m in got.missing):
                problems.append(f"item {n}: no `missing` entry mentions `{word}` ({got.missing})")
        if exp.service and got.service != exp.service:
            problems.append(f"item {n}: service {got.service}, expected {exp.service}")
    return "; ".join(problems)


def load_case_tests(path: Path) -> Iterator[tuple[str, CaseTest | None, str]]:
    """(test name, test, load error) for every case of a file; a broken file yields one error entry."""
    try:
        data, _ = read_yaml(path)
        tests = CaseTestFile.model_validate(data)
    except YamlError as exc:
        yield f"{path}", None, f"cannot load test file: line {exc.line}: {exc}"
        return
    except InputError as exc:
        yield f"{path}", None, f"cannot load test file: {exc.message}"
        return
    except ValidationError as exc:
        yield f"{path}", None, f"cannot load test file: {exc}"
        return
    for t in tests.cases:
        yield f"{path}::{t.name}", t, ""


def run_one(engine: Engine, test: CaseTest) -> str:
    """Run one case test; return the failure message or ''."""
    try:
        case = Case.model_validate({"case_id": test.name, **test.facts})
    except ValidationError as exc:
        return f"bad facts: {CaseError('facts', validation_problems(exc))}"
    result = engine.evaluate(case, as_of=test.as_of)
    return _check(test, result.items)


def run_case_tests(engine: Engine, files: list[Path]) -> Iterator[Outcome]:
    """Run every case of every file."""
    for f in files:
        for name, test, error in load_case_tests(f):
            if test is None:
                yield Outcome(name, False, error)
                continue
            message = run_one(engine, test)
            yield Outcome(name, not message, message)
