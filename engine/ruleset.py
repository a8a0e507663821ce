"""The checked, compiled rule set: what an `Engine` is built from, what the cache keeps, what ships to workers.

`RuleSet.build` runs the first three stages (load → check → compile) and refuses a rule set with errors.
`to_bytes` / `from_bytes` are its one serialized form: plain JSON (rules, catalog, warnings and the compiled
durable_rules JSON) behind a header with the SHA-256 of that body, refused unless the body matches it and was
written by the same engine code. No pickled object and no durable_rules state is ever read back: a process that
receives a rule set builds its own backend from the compiled JSON.

`RuleSet.load` is `build` behind the compiled-rule cache (`engine.rulecache`), keyed by the content hash of the
rule and guideline files, their paths and the engine code; a cache that cannot be used is never an error.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine import rulecache
from engine.diagnostics import Diagnostic, Location, RuleSetError, Severity
from engine.limits import DEFAULT_LIMITS, Limits
from engine.program import Card, Compiled, Eras
from engine.sources import rule_files, source_digest

if TYPE_CHECKING:
    from engine.loader import Loaded

FORMAT = 1
_MAGIC = b"mtus-ruleset"


class RuleSetDataError(ValueError):
    """Serialized rule-set bytes that cannot be trusted: torn, altered, or written by other engine code."""


def bundled_dirs() -> tuple[Path, Path]:
    """The rules and guidelines shipped with the package (installed), or beside it (source checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    if (installed / "rules").is_dir():
        return installed / "rules", installed / "guidelines"
    return here.parent / "rules", here.parent / "guidelines"


def load_and_check(rule_paths: list[Path] | None = None, guideline_dir: Path | None = None,
                   root: Path | None = None, limits: Limits = DEFAULT_LIMITS,
                   analysis: bool = False) -> tuple[Loaded, list[Diagnostic]]:
    """Load and cross-check rules, each file within `limits`; return the loaded set and every diagnostic (errors and
    warnings). With `analysis`, also what the rules mean together (`engine.analysis`: a second or two; `mtus rules
    check`)."""
    loaded, diagnostics, _ = _checked(rule_paths, guideline_dir, root, limits, analysis)
    return loaded, diagnostics


def _checked(rule_paths: list[Path] | None, guideline_dir: Path | None, root: Path | None, limits: Limits,
             analysis: bool) -> tuple[Loaded, list[Diagnostic], tuple[Compiled, dict[str, Card]] | None]:
    """`load_and_check`, and the compiled program and cards when the rules have no errors (compiled once: the stack
    check reads them, and `RuleSet.build` keeps them)."""
    # the load, check and compile stages (and the rule models) are imported only when a rule set is not cached
    from engine.checks import check
    from engine.compiler import compile_cards, compile_problems, compile_rules, stack_problems
    from engine.loader import load

    rules_dir, guide_dir = bundled_dirs()
    if root is None and rule_paths is None:
        root = rules_dir.parent
    loaded = load(rule_paths or [rules_dir], guideline_dir or guide_dir, root, limits)
    found = loaded.diagnostics + check(loaded)
    broken = {d.location.rule_id for d in found if d.severity is Severity.error}
    found += compile_problems(loaded, broken)
    program = None
    if not any(d.severity is Severity.error for d in found):
        program = compile_rules(loaded), compile_cards(loaded)
        found += stack_problems(loaded, *program)  # a property of the whole program: only of one that compiles
        if analysis:
            from engine.analysis import analyze

            found += analyze(loaded)
    return loaded, sorted(found), program


@functools.cache
def code_digest() -> str:
    """SHA-256 of the engine modules that load, check and compile rules (every `engine/*.py`): a cached rule set
    is used only by the code that wrote it."""
    hasher = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    import pydantic

    hasher.update(f"pydantic {pydantic.VERSION} format {FORMAT}".encode())
    return hasher.hexdigest()


class RuleSet:
    """The compiled program (durable rulesets, rule cards, era dates), the warnings the check left, and the rules
    and catalog as loaded (`loaded`: for a serialized rule set, validated only when first asked for, by
    `--explain`, `Engine.rules` and tools; evaluating needs only the program)."""

    def __init__(self, compiled: Compiled, cards: dict[str, Card], eras: Eras, warnings: list[Diagnostic],
                 digest: str, loaded: Loaded | None = None, payload: dict[str, Any] | None = None,
                 origin: str = "source"):
        self.compiled = compiled
        self.cards = cards
        self.eras = eras
        self.warnings = warnings
        #: the content hash of the rule and guideline files (`ruleset_hash` in every result)
        self.digest = digest
        #: "source" (loaded from YAML) or "serialized" (from the cache, or shipped from another process)
        self.origin = origin
        self._loaded = loaded
        self._payload = payload
        self._shipped: bytes | None = None

    @property
    def loaded(self) -> Loaded:
        """The rules and catalog as loaded (line maps aside for a serialized rule set: it was checked)."""
        if self._loaded is None:
            assert self._payload is not None
            self._loaded = _loaded_from(self._payload)
        return self._loaded

    @classmethod
    def build(cls, rule_paths: list[Path] | None = None, guideline_dir: Path | None = None,
              limits: Limits = DEFAULT_LIMITS) -> RuleSet:
        """Load, check and compile; raises `RuleSetError` with every error found."""
        from engine.compiler import compile_eras

        loaded, diagnostics, program = _checked(rule_paths, guideline_dir, None, limits, False)
        errors = [d for d in diagnostics if d.severity is Severity.error]
        if errors or program is None:
            raise RuleSetError(errors)
        compiled, cards = program
        return cls(compiled, cards, compile_eras(loaded), diagnostics, loaded.digest, loaded=loaded)

    @classmethod
    def load(cls, rule_paths: list[Path] | None = None, guideline_dir: Path | None = None,
             cache: bool = True, limits: Limits = DEFAULT_LIMITS) -> RuleSet:
        """`build`, reusing the compiled-rule cache when its entry matches these files and this engine (a file over
        the size limit is never taken from the cache: the build refuses it)."""
        key = cache_key(rule_paths, guideline_dir, limits) if cache else None
        if key is not None:
            data = rulecache.read(key)
            if data is not None:
                try:
                    return cls.from_bytes(data, key=key)
                except RuleSetDataError:
                    pass  # a torn or foreign entry: rebuilt and overwritten below
        ruleset = cls.build(rule_paths, guideline_dir, limits)
        if key is not None:
            rulecache.write(key, ruleset.to_bytes(key=key))
        return ruleset

    # --- the serialized form ----------------------------------------------------------------------------------

    def to_bytes(self, key: str = "") -> bytes:
        """Header (`mtus-ruleset FORMAT SHA256`) and JSON body; `key` is the cache key it is stored under."""
        if not key and self._shipped is not None:
            return self._shipped
        loaded, compiled = self.loaded, self.compiled
        body = json.dumps({
            "format": FORMAT,
            "code": code_digest(),
            "key": key,
            "digest": self.digest,
            "compiled": {"stages": compiled.stages, "derive_of": compiled.derive_of, "version": compiled.version,
                         "not_recommended": sorted(compiled.not_recommended)},
            "cards": [card.to_dict() for card in self.cards.values()],
            "eras": [d.isoformat() if d else None for d in (self.eras.acoem_start, self.eras.formulary_start)],
            "warnings": [d.to_dict() for d in self.warnings],
            "topics": loaded.topics,
            "guideline_files": loaded.guideline_files,
            "guidelines": {k: g.model_dump(mode="json", by_alias=True) for k, g in loaded.guidelines.items()},
            "rules": [lr.rule.model_dump(mode="json", by_alias=True) for lr in loaded.rules],
            "places": [[lr.file, lr.line, list(lr.base)] for lr in loaded.rules],
        }, separators=(",", ":")).encode()
        data = b"%s %d %s\n" % (_MAGIC, FORMAT, hashlib.sha256(body).hexdigest().encode()) + body
        if not key:
            self._shipped = data
        return data

    @classmethod
    def from_bytes(cls, data: bytes, key: str | None = None) -> RuleSet:
        """The rule set `to_bytes` wrote. Raises `RuleSetDataError` unless the body matches its hash, the engine
        code is this one, and (when given) the cache key is the one it was stored under."""
        head, _, body = data.partition(b"\n")
        parts = head.split(b" ")
        if len(parts) != 3 or parts[0] != _MAGIC or parts[1] != b"%d" % FORMAT:
            raise RuleSetDataError("not a serialized rule set of this format")
        if hashlib.sha256(body).hexdigest().encode() != parts[2]:
            raise RuleSetDataError("the rule set's body does not match its hash (torn or altered)")
        try:
            payload: dict[str, Any] = json.loads(body)
        except ValueError as exc:
            raise RuleSetDataError(f"the rule set's body is not JSON: {exc}") from exc
        if payload.get("code") != code_digest():
            raise RuleSetDataError("the rule set was compiled by other engine code (another version of mtus-engine)")
        if key is not None and payload.get("key") != key:
            raise RuleSetDataError("the cache entry belongs to other rule files")
        c = payload["compiled"]
        compiled = Compiled([(name, rules) for name, rules in c["stages"]], c["derive_of"], c["version"],
                            frozenset(c["not_recommended"]))
        cards = {d["id"]: Card.from_dict(d) for d in payload["cards"]}
        acoem, formulary = (dt.date.fromisoformat(x) if x else None for x in payload["eras"])
        warnings = [Diagnostic(Location(w["file"], w["line"], w["rule"]), w["code"], w["message"],
                               Severity(w["severity"]), w["hint"]) for w in payload["warnings"]]
        ruleset = cls(compiled, cards, Eras(acoem, formulary), warnings, payload["digest"], payload=payload,
                      origin="serialized")
        if key is None:
            ruleset._shipped = data
        return ruleset


def _loaded_from(payload: dict[str, Any]) -> Loaded:
    """The loaded rules and catalog of a serialized rule set, validated by their models again."""
    from pydantic import TypeAdapter

    from engine.loader import Loaded, LocatedRule
    from engine.ruleschema import Guideline, Rule

    rules = TypeAdapter(list[Rule]).validate_python(payload["rules"])
    return Loaded(
        guidelines=TypeAdapter(dict[str, Guideline]).validate_python(payload["guidelines"]),
        guideline_files=payload["guideline_files"],
        rules=[LocatedRule(rule, file, line, None, tuple(base))
               for rule, (file, line, base) in zip(rules, payload["places"], strict=True)],
        topics=payload["topics"],
        digest=payload["digest"],
    )


def cache_key(rule_paths: list[Path] | None, guideline_dir: Path | None,
              limits: Limits = DEFAULT_LIMITS) -> str | None:
    """The cache key of these rule files (None when one cannot be read or is over the size limit: the build will
    say why)."""
    rules_dir, guide_dir = bundled_dirs()
    files = rule_files(rule_paths or [rules_dir])
    guidelines = guideline_dir or guide_dir
    try:
        digest = source_digest(files, guidelines, limits.max_file_bytes)
    except OSError:
        return None
    where = "\0".join(str(p.resolve()) for p in [*files, guidelines])
    return hashlib.sha256(f"{code_digest()}\0{where}\0{digest}".encode()).hexdigest()
