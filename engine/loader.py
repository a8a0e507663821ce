"""Stage 1 of 4 (load → check → compile → evaluate): YAML files into strict models, with locations.

Every problem is collected as a `Diagnostic` with `file:line`; one bad file never hides another's problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.diagnostics import Diagnostic, Location
from engine.inputs import InputError, read_text
from engine.limits import DEFAULT_LIMITS, Limits
from engine.ruleschema import Guideline, Rule, RuleFile, RuleFileHeader
from engine.sources import rule_files, source_digest
from engine.yamlio import LineMap, YamlError, load_with_lines


@dataclass(frozen=True)
class LocatedRule:
    """A rule with where it was written."""

    rule: Rule
    file: str
    line: int
    #: the line of every node of the file; None for a rule set restored from its serialized form, which was
    #: checked before it was written (its rules keep their own line)
    lines: LineMap | None = field(compare=False, repr=False)
    base: tuple[Any, ...] = field(compare=False, default=())

    def line_of(self, *loc: Any) -> int:
        """Line of a node inside this rule (`loc` relative to the rule)."""
        if self.lines is None:
            return self.line
        return self.lines.line_of((*self.base, *loc))


@dataclass
class Loaded:
    """What the load stage produced: models, the text they came from, and every problem found."""

    guidelines: dict[str, Guideline] = field(default_factory=dict)
    guideline_files: dict[str, str] = field(default_factory=dict)
    rules: list[LocatedRule] = field(default_factory=list)
    topics: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    digest: str = ""


def _display(path: Path, root: Path | None) -> str:
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def _schema_errors(exc: ValidationError, file: str, lines: LineMap, base: tuple[Any, ...] = ()) -> list[Diagnostic]:
    out = []
    for err in exc.errors():
        loc = (*base, *err["loc"])
        shown = ".".join(str(p) for p in loc) or "(top level)"
        msg = err["msg"]
        hint = ""
        if err["type"] == "extra_forbidden":
            msg = f"unknown key `{loc[-1]}`"
            hint = "check the spelling; see the rule format in README.md"
        elif err["type"] == "missing":
            msg = f"missing required key `{loc[-1]}`"
        out.append(Diagnostic(Location(file, lines.line_of(loc)), "MTUS-E002", f"`{shown}`: {msg}", hint=hint))
    return out


def _read(path: Path, shown: str, loaded: Loaded, limits: Limits) -> tuple[Any, LineMap] | None:
    """Read and parse one file safely (`engine.inputs`, `engine.yamlio`); a problem is a diagnostic."""
    diags = loaded.diagnostics
    try:
        text = read_text(path, limits, shown)
    except InputError as exc:
        code = "MTUS-E020" if exc.limit else "MTUS-E015"
        diags.append(Diagnostic(Location(shown, exc.line), code, f"cannot read file: {exc.message}"))
        return None
    try:
        return load_with_lines(text, limits)
    except YamlError as exc:
        if exc.limit:
            diags.append(Diagnostic(Location(shown, exc.line), "MTUS-E020", f"over a safety limit: {exc}",
                                    hint="a rule or guideline file needs neither deep nesting nor many aliases"))
        else:
            diags.append(Diagnostic(Location(shown, exc.line), "MTUS-E001", f"invalid YAML: {exc}",
                                    hint="fix the indentation or quoting near this line"))
    return None


def load_guidelines(directory: Path, loaded: Loaded, root: Path | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
    """Read every `*.yaml` in `directory` into `loaded.guidelines`."""
    for path in sorted(directory.glob("*.yaml")):
        shown = _display(path, root)
        parsed = _read(path, shown, loaded, limits)
        if parsed is None:
            continue
        data, lines = parsed
        try:
            doc = Guideline.model_validate(data)
        except ValidationError as exc:
            loaded.diagnostics.extend(_schema_errors(exc, shown, lines))
            continue
        if doc.id in loaded.guidelines:
            loaded.diagnostics.append(Diagnostic(Location(shown, lines.line_of(("id",))), "MTUS-E016",
                                                 f"guideline id `{doc.id}` is also defined in "
                                                 f"`{loaded.guideline_files[doc.id]}`"))
            continue
        loaded.guidelines[doc.id] = doc
        loaded.guideline_files[doc.id] = shown


def load_rule_file(path: Path, loaded: Loaded, root: Path | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
    """Read one rules file into `loaded.rules`; a rule with schema errors is reported and skipped."""
    shown = _display(path, root)
    parsed = _read(path, shown, loaded, limits)
    if parsed is None:
        return
    data, lines = parsed
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        try:
            RuleFile.model_validate(data)
        except ValidationError as exc:
            loaded.diagnostics.extend(_schema_errors(exc, shown, lines))
        return
    header = {k: v for k, v in data.items() if k != "rules"}
    try:
        loaded.topics[RuleFileHeader.model_validate(header).topic] = shown
    except ValidationError as exc:
        loaded.diagnostics.extend(_schema_errors(exc, shown, lines))
    for i, raw in enumerate(data["rules"]):
        try:
            rule = Rule.model_validate(raw)
        except ValidationError as exc:
            loaded.diagnostics.extend(_schema_errors(exc, shown, lines, ("rules", i)))
            continue
        line = lines.line_of(("rules", i))
        loaded.rules.append(LocatedRule(rule, shown, line, lines, ("rules", i)))
        for copy in rule.version_copies():
            loaded.rules.append(LocatedRule(copy, shown, line, lines, ("rules", i)))


def load(rule_paths: list[Path], guideline_dir: Path, root: Path | None = None,
         limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Load guidelines and rules (files or directories of `*.yaml`), each file within `limits`."""
    loaded = Loaded()
    load_guidelines(guideline_dir, loaded, root, limits)
    files = rule_files(rule_paths)
    present = []
    for f in files:
        if not f.exists():
            loaded.diagnostics.append(Diagnostic(Location(_display(f, root)), "MTUS-E015", "no such file"))
            continue
        present.append(f)
        load_rule_file(f, loaded, root, limits)
    try:
        loaded.digest = source_digest(present, guideline_dir, limits.max_file_bytes)
    except OSError as exc:  # unreadable or too large: already reported (MTUS-E015, MTUS-E020) by the reader
        loaded.digest = f"unreadable: {exc}"
    return loaded
