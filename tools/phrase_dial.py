#!/usr/bin/env python3
"""How the narrative reader reads phrasings written blind to it (tests/narrative/phrases_blind), a dial.

    python tools/phrase_dial.py [--show] [--mark REASON] [FILE ...]

The reader's own phrase tables pass by construction: they were written with it. Rows written by someone who
never read the reader measure how its phrasings carry over to wording nobody tuned on. For each file and each
kind of row (affirmed, negated, possible, other_source, count) it prints how many rows the reader reads as
written; `--show` lists the rows it misreads and what it got. A row marked `open:` is a known miss, counted
as a miss. `--mark REASON` writes `open: REASON` into every misread row that has no mark yet (the first-contact
triage state, so that the test suite can run the file: `tests/narrative/test_phrases.py::test_blind_phrase`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.narrative.phrasetable import BLIND, load_table, row_failures  # noqa: E402


def mark_open(path: Path, rows: set[int], reason: str) -> None:
    """Insert `open: <reason>` under the given 1-based rows of a table (rows are top-level `- ` list items)."""
    out, n = [], 0
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        out.append(line)
        if line.startswith("- "):
            n += 1
            if n in rows:
                out.append(f"  open: {json.dumps(reason)}\n")   # a JSON string is a YAML string, quotes escaped
    path.write_text("".join(out), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="tables to score (default: every file in phrases_blind)")
    ap.add_argument("--show", action="store_true", help="list the misread rows")
    ap.add_argument("--mark", metavar="REASON", help="mark every misread, unmarked row `open: REASON`")
    args = ap.parse_args(argv)
    files = [f.resolve() for f in args.files] or sorted(BLIND.glob("*.yaml"))
    total: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    for f in files:
        rows = load_table(f)
        by_kind: Counter[str] = Counter()
        ok_kind: Counter[str] = Counter()
        to_mark: set[int] = set()
        for i, row in enumerate(rows, 1):
            kind = str(row.get("kind", "?"))
            failures = row_failures(row)
            by_kind[kind] += 1
            if not failures and not row.get("open"):
                ok_kind[kind] += 1
            elif args.show:
                said = "; ".join(failures) or "read (open mark stale)"
                print(f"  {f.stem}:{i} [{kind}] {row['text']!r}\n      {said}"
                      + (f"  (open: {row['open']})" if row.get("open") else ""))
            if failures and not row.get("open"):
                to_mark.add(i)
        if args.mark and to_mark:
            mark_open(f, to_mark, args.mark)
        parts = " ".join(f"{k} {ok_kind[k]}/{by_kind[k]}" for k in sorted(by_kind))
        n, ok = sum(by_kind.values()), sum(ok_kind.values())
        print(f"{f.stem:28} {ok:4}/{n:<4} {ok / max(n, 1):.3f}   {parts}")
        total.update(by_kind)
        agree.update(ok_kind)
    n, ok = sum(total.values()), sum(agree.values())
    print(f"{'ALL':28} {ok:4}/{n:<4} {ok / max(n, 1):.3f}   "
          + " ".join(f"{k} {agree[k]}/{total[k]}" for k in sorted(total)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
