"""Which files make a rule set, and their content hash: the rule set's identity, computed without parsing them."""

from __future__ import annotations

import hashlib
from pathlib import Path


def rule_files(rule_paths: list[Path]) -> list[Path]:
    """The rule files named: files as given, directories as their `*.yaml` in name order."""
    files: list[Path] = []
    for p in rule_paths:
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return files


def source_digest(files: list[Path], guideline_dir: Path) -> str:
    """SHA-256 of the rule files and the guideline catalog, names and contents: the rule set's identity, carried
    by every result (`ruleset_hash`) and keying the compiled-rule cache. Raises OSError for a missing file."""
    hasher = hashlib.sha256()
    for f in [*files, *sorted(guideline_dir.glob("*.yaml"))]:
        hasher.update(f.name.encode() + b"\0" + f.read_bytes())
    return hasher.hexdigest()
