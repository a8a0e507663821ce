"""Reading case files: YAML/JSON facts, or narrative text (IMR case layout or a whole letter).

A bad case file raises `CaseError`, whose problems each name the line and the field path and say what is
wrong, so that a batch can report it and go on with the other cases. A problem never quotes the case's
content (its clinical facts): the offending input is kept apart, in `Problem.detail`, for `--debug`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.facts import Case
from engine.inputs import InputError, check_text, read_text
from engine.limits import DEFAULT_LIMITS, Limits
from engine.yamlio import LineMap, YamlError, load_json, load_with_lines

TEXT_SUFFIXES = {".txt", ".text"}
#: a model-level check's message that starts with the path of the field it concerns (`items.2.accompanies: ...`)
_NAMED_PATH = re.compile(r"^([a-z_]+(?:\.[a-z0-9_]+)+): (.+)$")


@dataclass(frozen=True)
class Problem:
    """One problem of a case file: its line (0 = the whole file), field path, what is wrong, and (for --debug
    only) the input it concerns."""

    line: int
    message: str
    field: str = ""
    detail: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}`{self.field}`: {self.message}" if self.field else f"{where}{self.message}"

    def debug(self) -> str:
        """The problem with the offending input (it may hold clinical content: shown only on request)."""
        return f"{self} (input: {self.detail})" if self.detail else str(self)


class CaseError(ValueError):
    """A case file cannot be read or does not validate; every problem names its line and field.

    `kind` says which (a batch's error records carry it): `unreadable` (missing, binary, not UTF-8), `too_large`
    (over a safety limit of `engine.limits`: its size, YAML nesting or alias expansion) or `invalid` (not YAML or
    JSON, or facts that do not validate)."""

    def __init__(self, file: str, problems: list[Problem] | list[str], kind: str = "invalid",
                 case_id: str | None = None):
        self.file = file
        self.kind = kind
        #: the case's `case_id`, when it was read before the problem was found (a batch's error record keeps it)
        self.case_id = case_id
        # a plain message (as callers written before `Problem` pass) is a problem of the whole file
        self.details = [p if isinstance(p, Problem) else Problem(0, p) for p in problems]
        super().__init__("; ".join(f"{file}: {p}" for p in self.details))

    @property
    def problems(self) -> list[str]:
        """The problems as `line N: `field`: message` strings."""
        return [str(p) for p in self.details]

    @classmethod
    def from_input(cls, exc: InputError, file: str) -> CaseError:
        """A file refused as it was read (`engine.inputs`): too large, or unreadable."""
        return cls(file, [Problem(exc.line, exc.message)], "too_large" if exc.limit else "unreadable")

    @classmethod
    def from_yaml(cls, exc: YamlError, file: str, what: str = "invalid YAML") -> CaseError:
        """A text that does not parse, or is over a nesting or alias limit."""
        if exc.limit:
            return cls(file, [Problem(exc.line, f"over a safety limit: {exc}")], "too_large")
        return cls(file, [Problem(exc.line, f"{what}: {exc}")])


def validation_problems(exc: ValidationError, lines: LineMap | None = None) -> list[Problem]:
    """pydantic's errors as located problems (the line from `lines`, when the facts came from a file)."""
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        msg = "unknown field" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
        named = _NAMED_PATH.match(msg)
        if named:  # a check across fields names the field it is about: locate it there
            loc = (*loc, *(int(p) if p.isdigit() else p for p in named.group(1).split(".")))
            msg = named.group(2)
        path = ".".join(str(p) for p in loc) or "(top level)"
        line = lines.line_of(loc) if lines is not None else 0
        out.append(Problem(line, msg, path, detail=repr(err.get("input"))[:200]))
    return out


def parse_case_yaml(text: str, file: str = "<input>", limits: Limits = DEFAULT_LIMITS) -> Case:
    """Validate YAML (or JSON) case facts."""
    try:
        check_text(text, file, limits)
        data, lines = load_with_lines(text, limits)
    except InputError as exc:
        raise CaseError.from_input(exc, file) from exc
    except YamlError as exc:
        raise CaseError.from_yaml(exc, file) from exc
    return parse_case_data(data, file, lines)


def parse_case_json(text: str, file: str = "<input>", limits: Limits = DEFAULT_LIMITS) -> Case:
    """Validate one case given as a JSON object (a line of a JSONL batch input), within the same limits."""
    try:
        check_text(text, file, limits)
        data = load_json(text, limits)
    except InputError as exc:
        raise CaseError.from_input(exc, file) from exc
    except YamlError as exc:
        raise CaseError.from_yaml(exc, file, "invalid JSON") from exc
    return parse_case_data(data, file)


def parse_case_data(data: Any, file: str = "<input>", lines: LineMap | None = None) -> Case:
    """Validate case facts already parsed; problems name the line when `lines` maps them."""
    if not isinstance(data, dict):
        raise CaseError(file, [Problem(1 if lines is not None else 0,
                                       "a case is a mapping with `case_id` and `items`")])
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        case_id = data.get("case_id")
        raise CaseError(file, validation_problems(exc, lines),
                        case_id=case_id if isinstance(case_id, str) else None) from exc


def extract_text_case(text: str, file: str = "<input>", default_id: str = "case",
                      limits: Limits = DEFAULT_LIMITS) -> Case:
    """Read a narrative case text into facts; a text that cannot be read is a `CaseError` like any other."""
    try:
        check_text(text, file, limits)
    except InputError as exc:
        raise CaseError.from_input(exc, file) from exc
    from engine.narrative import extract_case  # the reader is imported only for text

    return extract_case(text, default_id=default_id, file=file).case


def parse_case_text(text: str, file: str, suffix: str, default_id: str = "case",
                    limits: Limits = DEFAULT_LIMITS) -> Case:
    """A case file's text by its kind: narrative text (`.txt`) through the extractor, else YAML or JSON facts."""
    if suffix.lower() in TEXT_SUFFIXES:
        return extract_text_case(text, file, default_id, limits)
    return parse_case_yaml(text, file, limits)


def read_case_text(path: Path, limits: Limits = DEFAULT_LIMITS, shown: str | None = None) -> str:
    """The text of a case file within `limits` (`engine.inputs.read_text`); raises `CaseError`."""
    try:
        return read_text(path, limits, shown)
    except InputError as exc:
        raise CaseError.from_input(exc, shown or str(path)) from exc


def read_case(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> Case:
    """Read one case file (YAML, JSON, or narrative text by its suffix) within `limits`; raises `CaseError`.
    A path may be given as a string, as programs embedding the engine usually hold it."""
    path = Path(path)
    shown = str(path)
    return parse_case_text(read_case_text(path, limits), shown, path.suffix, path.stem, limits)
