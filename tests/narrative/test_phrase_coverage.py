"""The phrase table covers every yes/no finding the reader produces with an affirmed, a negated, a possible
and an other-source example (and the reader produces every finding of the case schema, or the finding is
listed below as one a reviewer enters by hand)."""

from __future__ import annotations

import typing

from engine.facts import Findings
from tests.narrative.phrasetable import PHRASES, load_rows

ROWS = load_rows(PHRASES)

#: findings the narrative reader does not produce; a reviewer enters them in the case file
NOT_READ: dict[str, str] = {}
#: findings the reader states only when affirmed: a negated example leaves them unknown (its `unknown` list)
POSITIVE_ONLY: dict[str, str] = {
    name: "a surgery's kind is stated as far as its words state it; the complement ('arthroscopy' is not open) is not"
    for name in ("surgery_arthroscopic", "surgery_open", "surgery_complex")}

KINDS = ("affirmed", "negated", "possible", "other_source")


def _bool_findings() -> list[str]:
    out = []
    for name, f in Findings.model_fields.items():
        args = typing.get_args(f.annotation)
        if bool in args:
            out.append(name)
    return sorted(out)


def test_every_finding_has_an_example_of_each_assertion() -> None:
    covered: dict[str, set[str]] = {}
    for _, row in ROWS:
        kind = row.get("kind")
        for path in (row.get("expect") or {}):
            if path.startswith("findings.") and kind:
                covered.setdefault(path.removeprefix("findings."), set()).add(kind)
        for path in row.get("unknown") or []:
            if path.startswith("findings.") and (kind in ("possible", "other_source") or (
                    kind == "negated" and path.removeprefix("findings.") in POSITIVE_ONLY)):
                covered.setdefault(path.removeprefix("findings."), set()).add(kind)
    missing = {name: sorted(set(KINDS) - covered.get(name, set()))
               for name in _bool_findings() if name not in NOT_READ and set(KINDS) - covered.get(name, set())}
    assert not missing, f"phrase rows missing (finding: kinds): {missing}"
