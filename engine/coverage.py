"""The coverage table: for each rule topic and each MTUS era, whether its services are encoded.

README.md carries this table between markers and a test regenerates it from `rules/`, so the table cannot
drift from what the engine actually decides.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from engine.compiler import rule_window
from engine.eras import eras
from engine.loader import Loaded


def _overlaps(start: dt.date | None, end: dt.date | None, era_start: dt.date, era_end: dt.date | None) -> bool:
    return (end is None or end >= era_start) and (era_end is None or start is None or start <= era_end)


def coverage_rows(loaded: Loaded) -> list[tuple[str, list[str]]]:
    """(topic title, status per era) for every rule file, sorted by topic."""
    by_file: dict[str, list[tuple[set[str], dt.date | None, dt.date | None]]] = {}
    for lr in loaded.rules:
        if not lr.rule.decides:
            continue
        w = rule_window(lr.rule, loaded)
        by_file.setdefault(lr.file, []).append(({s.value for s in lr.rule.services}, w.start, w.end))
    titles = {v: k for k, v in loaded.topics.items()}
    rows = []
    for file, entries in by_file.items():
        services = set().union(*(e[0] for e in entries))
        statuses = []
        for era in eras(loaded):
            start, end = era.start, era.end
            covered = set().union(*([e[0] for e in entries if _overlaps(e[1], e[2], start, end)] or [set()]))
            statuses.append("encoded" if covered >= services else ("partial" if covered else "not yet"))
        rows.append((titles.get(file, Path(file).stem), statuses))
    return sorted(rows)


def coverage_markdown(loaded: Loaded) -> str:
    """The table as Markdown."""
    columns = eras(loaded)
    lines = ["| topic | " + " | ".join(e.label for e in columns) + " |", "|---" * (len(columns) + 1) + "|"]
    lines += [f"| {topic} | " + " | ".join(st) + " |" for topic, st in coverage_rows(loaded)]
    return "\n".join(lines)


def unverified_markdown(loaded: Loaded) -> str:
    """Every number marked `unverified` in rules/, as a Markdown table (rule, threshold, value, note); the rules
    that copy a rule into another version (`same_in`) are shown once, under the rule's own id."""
    rows: dict[tuple[str, str], tuple[str, str]] = {}
    for lr in sorted(loaded.rules, key=lambda lr: lr.rule.id):
        for name, t in lr.rule.thresholds.items():
            if t.status != "unverified":
                continue
            base = lr.rule.id
            for other in loaded.rules:
                if other.rule.same_in and base.startswith(f"{other.rule.id}-") and other.file == lr.file:
                    base = other.rule.id
            value = f"{t.value:g}" if isinstance(t.value, float) else str(t.value)
            rows.setdefault((base, name), (value, " ".join((t.note or "").split())))
    lines = ["| rule | threshold | value | note |", "|---|---|---|---|"]
    lines += [f"| {rule} | {name} | {value} | {note} |" for (rule, name), (value, note) in sorted(rows.items())]
    return "\n".join(lines)
