"""Reading case files: YAML/JSON facts, or narrative text (IMR case layout or a whole letter).

A bad case file raises `CaseError` naming the file, the line and the field path, so that a batch can report
it and go on with the other cases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.facts import Case
from engine.yamlio import LineMap, YamlError, load_with_lines

TEXT_SUFFIXES = {".txt", ".text"}


class CaseError(Exception):
    """A case file cannot be read or does not validate; the message names file, line and field."""

    def __init__(self, file: str, problems: list[str]):
        self.file = file
        self.problems = problems
        super().__init__("; ".join(f"{file}: {p}" for p in problems))


def parse_case_yaml(text: str, file: str = "<input>") -> Case:
    """Validate YAML (or JSON) case facts."""
    try:
        data, lines = load_with_lines(text)
    except YamlError as exc:
        raise CaseError(file, [f"line {exc.line}: invalid YAML: {exc}"]) from exc
    return parse_case_data(data, file, lines)


def parse_case_data(data: Any, file: str = "<input>", lines: LineMap | None = None) -> Case:
    """Validate case facts already parsed (a JSON object); problems name the line when `lines` maps them."""
    def where(loc: tuple[Any, ...]) -> str:
        return f"line {lines.line_of(loc)}: " if lines is not None else ""

    if not isinstance(data, dict):
        raise CaseError(file, [f"{where(())}a case is a mapping with `case_id` and `items`"])
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = err["loc"]
            path = ".".join(str(p) for p in loc) or "(top level)"
            msg = "unknown field" if err["type"] == "extra_forbidden" else err["msg"]
            problems.append(f"{where(tuple(loc))}`{path}`: {msg}")
        raise CaseError(file, problems) from exc


def parse_case_text(text: str, file: str, suffix: str, default_id: str = "case") -> Case:
    """A case file's text by its kind: narrative text (`.txt`) through the extractor, else YAML or JSON facts."""
    if suffix.lower() in TEXT_SUFFIXES:
        from engine.narrative import extract_case  # the reader is imported only for text

        try:
            return extract_case(text, default_id=default_id).case
        except ValueError as exc:
            raise CaseError(file, [str(exc)]) from exc
    return parse_case_yaml(text, file)


def read_case(path: Path) -> Case:
    """Read one case file; narrative text goes through the extractor."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError(shown, [f"cannot read: {exc}"]) from exc
    return parse_case_text(text, shown, path.suffix, default_id=path.stem)
