#!/usr/bin/env python3
"""Score the narrative reader on the held-out corpora (tests/reading_holdout*), field family by field family.

    python tools/holdout_reading.py [--dir tests/reading_holdout | --dir tests/reading_holdout2]
    python tools/holdout_reading.py --dir tests/reading_train --show [FAMILY ...]
    python tools/holdout_reading.py --dir tests/reading_history --half even --show history

For each <id>.yaml in the corpus it runs this checkout's `python cli.py extract <id>.txt` and compares the
facts with the expected ones exactly as `../shared/imr-dev/reading.py` does: items (service, quantity,
remainder, follows_surgery, regions, by position), findings (each key over the union of keys either side
sets), history (kind -> sessions), medications (generic names), prior studies (service, region), the three
dates, and whether diagnoses exist. Prints one line per family and a summary line
`cases= fields= agree= share=`. It prints no per-case detail on purpose: the corpus is held out (see its
README), and a list of misses is an invitation to tune the reader on it. `--show` lists the disagreements of
another directory (a training corpus) and refuses the held-out ones (`HELD_OUT`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: the held-out corpora: scored in totals only, `--show` refused (each corpus's README says why)
HELD_OUT = ("reading_holdout", "reading_holdout2")
#: corpora split in two by the parity of the SHA-256 of the case id (as the development letters are): the even
#: half is for changing the reader, the odd half is scored in totals only
SPLIT = ("reading_history",)
sys.path.insert(0, str(ROOT / "tools"))
from dials import half_of  # noqa: E402
from reading_compare import compare as reading_compare  # noqa: E402


def history_totals(facts: dict[str, Any]) -> dict[str, Any]:
    """The facts with one history entry per kind whose sessions are the courses' total, as the rules add them up
    (a kind whose courses all lack a count keeps none). A corpus that records each course apart (tests/reading_history)
    and a reader that adds them are then compared on what the rules use."""
    totals: dict[Any, Any] = {}
    for h in facts.get("history") or []:
        if not isinstance(h, dict):
            continue
        n = h.get("sessions")
        if h.get("kind") not in totals:
            totals[h.get("kind")] = n
        elif n is not None:
            totals[h.get("kind")] = (totals[h.get("kind")] or 0) + n
    return {**facts, "history": [{"kind": k, "sessions": n} for k, n in totals.items()]}


def extract(text: Path) -> dict[str, Any]:
    p = subprocess.run([sys.executable, str(ROOT / "cli.py"), "extract", str(text)],
                       capture_output=True, text=True, cwd=ROOT)
    try:
        got = yaml.safe_load(p.stdout) or {}
    except yaml.YAMLError:
        got = {}
    return got if isinstance(got, dict) else {}


def compare(got: dict[str, Any], want: dict[str, Any], agree: Counter[str], total: Counter[str],
            misses: list[tuple[str, str, Any, Any]] | None = None) -> None:
    """Tally every compared field (`reading_compare.compare`, the shared scorer's comparison) into `agree` and
    `total` by family, and the disagreements into `misses` when asked."""
    for family, key, a, b in reading_compare(got, want):
        total[family] += 1
        agree[family] += a == b
        if misses is not None and a != b:
            misses.append((family, f"item {key}" if family.startswith("item.") else key, a, b))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=ROOT / "tests" / "reading_holdout")
    ap.add_argument("--show", nargs="*", metavar="FAMILY", default=None,
                    help="list each disagreement (got / expected), optionally of these families only; "
                         "refused for the held-out corpora")
    ap.add_argument("--half", choices=("even", "odd"), default=None,
                    help="only the cases whose id's SHA-256 is even / odd (a split corpus shows only its even half)")
    args = ap.parse_args(argv)
    held_out = {(ROOT / "tests" / name).resolve(): name for name in HELD_OUT}
    if args.show is not None and args.dir.resolve() in held_out:
        name = held_out[args.dir.resolve()]
        ap.error(f"--show is refused for the held-out corpus (tests/{name}): its misses stay unseen")
    split = {(ROOT / "tests" / name).resolve(): name for name in SPLIT}
    if args.show is not None and args.dir.resolve() in split and args.half != "even":
        ap.error(f"--show needs --half even for tests/{split[args.dir.resolve()]}: its odd half stays unseen")
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    n = 0
    for cf in sorted(args.dir.glob("*.yaml")):
        if args.half and half_of(cf.stem) != args.half:
            continue
        want = yaml.safe_load(cf.read_text()) or {}
        misses: list[tuple[str, str, Any, Any]] | None = [] if args.show is not None else None
        got = extract(cf.with_suffix(".txt"))
        if args.dir.resolve() in split:
            got, want = history_totals(got), history_totals(want)
        compare(got, want, agree, total, misses)
        n += 1
        for fam, what, a, b in misses or []:
            if not args.show or any(fam.startswith(f) for f in args.show):
                print(f"{cf.stem:8s} {fam:20s} {what:28s} got={a!r} want={b!r}")
    for fam in sorted(total):
        print(f"{fam:22s} {agree[fam]:5d}/{total[fam]:<5d} {agree[fam] / total[fam]:.3f}")
    a, t = sum(agree.values()), sum(total.values())
    print(f"cases={n} fields={t} agree={a} share={a / max(1, t):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
