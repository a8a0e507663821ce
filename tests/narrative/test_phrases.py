"""File-driven reading tests: a table of phrasings and the facts they must give (and must not).

Each `tests/narrative/phrases/<family>.yaml` holds rows:

    - text: "Straight leg raise was positive on the left at 45 degrees."
      expect: {findings.radicular_signs: true}
      unknown: [findings.focal_neuro_deficit]        # facts this phrasing must leave not documented

`text` is one or more sentences of a clinical case summary (the runner wraps them in a case with an injury on
2016-01-05, a UR decision on 2016-06-01 and a physical therapy request, unless the row gives `items`; a row that
gives `header` has those header lines instead, "" for none, so that a date the summary states is read from it). A path
names a case fact: `findings.<name>`, `dates.<name>`, `patient.<name>`, `history.<kind>.<field>` (the first course
of the kind; `history.<kind>[2].<field>` the second, `history.<kind>.courses` how many there are),
`medications.<generic>` (true when the drug is listed, false when it is not), `medications.<generic>.<field>`,
`diagnoses` (the list of texts), `prior_studies` (a list of `service:region`), `treatments_listed`,
`items.<n>.<field>` (1-based). A finding listed under `unknown` must be None (not documented), never False.
`tests/narrative/test_phrase_coverage.py` requires, for every finding, an affirmed, a negated, a possible and
an other-source row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from engine import extract_case
from engine.facts import Case

PHRASES = Path(__file__).resolve().parent / "phrases"
HEADER = "Case Number: P-1\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n"


def load_rows() -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for f in sorted(PHRASES.glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or []
        for i, row in enumerate(data):
            rows.append((f"{f.stem}:{i + 1}", row))
    return rows


ROWS = load_rows()


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
        value = getattr(case.items[int(n) - 1], field)
        return value.value if hasattr(value, "value") else value
    cur: Any = case
    for part in path.split("."):
        cur = getattr(cur, part, None)
    if hasattr(cur, "value") and not isinstance(cur, bool | int | float | str):
        return cur.value
    return cur.isoformat() if hasattr(cur, "isoformat") else cur


@pytest.mark.parametrize("row", [r for _, r in ROWS], ids=[i for i, _ in ROWS])
def test_phrase(row: dict[str, Any]) -> None:
    items = row.get("items", "Physical therapy 2 times a week for 3 weeks for the lumbar spine")
    summary = f"The injured worker is a 45 year old male. {row['text']}"
    header = row.get("header", HEADER)
    text = f"{header}\nCLINICAL CASE SUMMARY\n{summary}\n\nDISPUTED ITEMS\n{items}\n"
    case = extract_case(text).case
    for path, want in (row.get("expect") or {}).items():
        got = read(case, path)
        assert got == want, f"{path}: got {got!r}, want {want!r} in {row['text']!r}"
    for path in row.get("unknown") or []:
        got = read(case, path)
        # a finding not documented is None, never False (False says the record states it absent)
        allowed = (None,) if path.startswith("findings.") else (None, False, [])
        assert got in allowed, f"{path}: got {got!r}, want not documented in {row['text']!r}"
