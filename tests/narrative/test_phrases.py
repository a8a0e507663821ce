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
`items.<n>.<field>` (1-based; `items.<n>.body_parts` a list of `region` or `region:side`). A finding listed under
`unknown` must be None (not documented), never False.
Tables written blind to the reader live in `phrases_blind/` (`tools/phrase_dial.py` scores them); a blind row
the reader does not yet read carries `open: <why>` and must still fail. The row machinery is `phrasetable.py`.
`tests/narrative/test_phrase_coverage.py` requires, for every finding, an affirmed, a negated, a possible and
an other-source row.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.narrative.phrasetable import BLIND, PHRASES, load_rows, row_failures

ROWS = load_rows(PHRASES)
BLIND_ROWS = load_rows(BLIND)


@pytest.mark.parametrize("row", [r for _, r in ROWS], ids=[i for i, _ in ROWS])
def test_phrase(row: dict[str, Any]) -> None:
    failures = row_failures(row)
    assert not failures, f"{failures} in {row['text']!r}"


@pytest.mark.parametrize("row", [r for _, r in BLIND_ROWS], ids=[i for i, _ in BLIND_ROWS])
def test_blind_phrase(row: dict[str, Any]) -> None:
    """A blind row is read as written, or carries `open:` and is still not read (then remove the mark)."""
    failures = row_failures(row)
    if row.get("open"):
        assert failures, f"reader now reads this open row: remove its `open:` mark ({row['text']!r})"
    else:
        assert not failures, f"{failures} in {row['text']!r}"
