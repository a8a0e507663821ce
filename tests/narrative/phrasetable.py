"""The phrase tables' rows and how one is checked, in one place: the file-driven test (`test_phrases.py`) and the
blind phrase dial (`tools/phrase_dial.py`) both run rows through this module.

Rows live in `tests/narrative/phrases/*.yaml` (written with the reader) and `tests/narrative/phrases_blind/*.yaml`
(written blind to the reader, a first-contact measure of how its phrasings generalize). A blind row the reader
does not yet read carries `open: <why>`; the test expects it to fail until the reader is fixed and the mark removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from engine import extract_case
from engine.facts import Case

HERE = Path(__file__).resolve().parent
PHRASES = HERE / "phrases"
BLIND = HERE / "phrases_blind"
HEADER = "Case Number: P-1\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n"
DEFAULT_ITEMS = "Physical therapy 2 times a week for 3 weeks for the lumbar spine"


def load_table(path: Path) -> list[dict[str, Any]]:
    """The rows of one phrase table."""
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def load_rows(*dirs: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every row of every table in `dirs` (default: the reader's own tables), named `<file>:<row number>`."""
    rows = []
    for d in dirs or (PHRASES,):
        for f in sorted(d.glob("*.yaml")):
            prefix = f.stem if d == PHRASES else f"{d.name}/{f.stem}"
            rows += [(f"{prefix}:{i + 1}", row) for i, row in enumerate(load_table(f))]
    return rows


def read(case: Case, path: str) -> Any:
    """The value of a phrase-table path in a case (None when not documented)."""
    head, _, rest = path.partition(".")
    if head == "history":
        kind, _, field = rest.partition(".")
        kind, _, nth = kind.partition("[")        # "physical_therapy[2]": the second course of the kind
        courses = [c for c in case.history if c.kind.value == kind]
        if field == "courses":
            return len(courses)
        course = courses[int(nth.rstrip("]")) - 1] if nth and len(courses) >= int(nth.rstrip("]")) else (
            None if nth or not courses else courses[0])
        return None if course is None else (getattr(course, field) if field else True)
    if head == "medications":
        generic, _, field = rest.partition(".")
        med = next((m for m in case.medications if m.generic == generic), None)
        if field:
            return None if med is None else getattr(med, field)
        return med is not None
    if head == "diagnoses":
        return [d.text for d in case.diagnoses]
    if head == "prior_studies":
        return [f"{s.service.value}:{s.region.value if s.region else None}" for s in case.prior_studies]
    if head == "items":
        n, _, field = rest.partition(".")
        if field == "body_parts":               # a list of `region` or `region:side`, as written in order
            return [f"{b.region.value}:{b.side.value}" if b.side else b.region.value
                    for b in case.items[int(n) - 1].body_parts]
        value = getattr(case.items[int(n) - 1], field)
        return value.value if hasattr(value, "value") else value
    cur: Any = case
    for part in path.split("."):
        cur = getattr(cur, part, None)
    if hasattr(cur, "value") and not isinstance(cur, bool | int | float | str):
        return cur.value
    return cur.isoformat() if hasattr(cur, "isoformat") else cur


def row_case(row: dict[str, Any]) -> Case:
    """The case the reader takes from a row's text, wrapped in a summary with the row's items (or a PT request)."""
    items = row.get("items", DEFAULT_ITEMS)
    summary = f"The injured worker is a 45 year old male. {row['text']}"
    header = row.get("header", HEADER)
    text = f"{header}\nCLINICAL CASE SUMMARY\n{summary}\n\nDISPUTED ITEMS\n{items}\n"
    return extract_case(text).case


def row_failures(row: dict[str, Any]) -> list[str]:
    """What the reader got wrong on a row (empty when it reads the row as the row expects)."""
    case = row_case(row)
    out = []
    for path, want in (row.get("expect") or {}).items():
        got = read(case, path)
        if hasattr(want, "isoformat") or hasattr(got, "isoformat"):
            # a date is compared ISO-written, however the row writes it (2016-07-12 or "2016-07-12") and whichever
            # path gives it (`read` gives a finding's date as its ISO string, a course's or a drug's as a date)
            want, got = (str(v.isoformat()) if hasattr(v, "isoformat") else v for v in (want, got))
        if got != want:
            out.append(f"{path}: got {got!r}, want {want!r}")
    for path in row.get("unknown") or []:
        got = read(case, path)
        # a finding not documented is None, never False (False says the record states it absent)
        allowed = (None,) if path.startswith("findings.") else (None, False, [])
        if got not in allowed:
            out.append(f"{path}: got {got!r}, want not documented")
    return out
