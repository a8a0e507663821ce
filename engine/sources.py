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


class SourceTooLarge(OSError):
    """A rule or guideline file is over the size limit: it has no digest (the loader reports it, MTUS-E020)."""


def source_digest(files: list[Path], guideline_dir: Path, max_bytes: int | None = None) -> str:
    """SHA-256 of the rule files and the guideline catalog, names and contents: the rule set's identity, carried
    by every result (`ruleset_hash`) and keying the compiled-rule cache. Files are read in pieces, no further than
    `max_bytes` each (a file over it raises `SourceTooLarge`). Raises OSError for a missing file."""
    hasher = hashlib.sha256()
    for f in [*files, *sorted(guideline_dir.glob("*.yaml"))]:
        hasher.update(f.name.encode() + b"\0")
        size = 0
        with open(f, "rb") as handle:
            while chunk := handle.read(1 << 20):
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise SourceTooLarge(f"{f} is over {max_bytes} bytes")
                hasher.update(chunk)
    return hasher.hexdigest()
