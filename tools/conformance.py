#!/usr/bin/env python3
"""Score the rules on a conformance corpus: decision cases written from the guideline criteria by an author who
never read `rules/`, so agreement measures whether the rules say what the criteria say, not what we meant.

    python tools/conformance.py --check            # format and facts only; prints no decision
    python tools/conformance.py                    # agreement by file, overall balanced accuracy and kappa
    python tools/conformance.py --show [FILE ...]  # each disagreement with the rules that decided it

A disagreement is a question, not a verdict: the author may have read a criterion differently, or the rule may
differ from its paragraph. Triage each against the guideline text (tests/conformance/README.md).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from pydantic import ValidationError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from engine import Engine  # noqa: E402
from engine.casetests import CaseTest, find_case_tests, load_case_tests  # noqa: E402
from engine.facts import Case  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from dials import score as dials_score  # noqa: E402

DECISIONS = ("overturn", "uphold", "not_covered")


def _case(test: CaseTest) -> Case:
    return Case.model_validate({"case_id": test.name, **test.facts})


def check(files: list[Path]) -> int:
    """Load every file and validate every case's facts; print problems only."""
    bad = 0
    n = 0
    for f in files:
        for name, test, error in load_case_tests(f):
            if test is None:
                print(f"{name}: {error}")
                bad += 1
                continue
            n += 1
            try:
                _case(test)
            except ValidationError as exc:
                bad += 1
                print(f"{name}: bad facts: {exc}")
    print(f"cases={n} problems={bad}")
    return 1 if bad else 0


def balanced(confusion: Counter[tuple[str, str]]) -> tuple[float, float]:
    """Balanced accuracy and Cohen's kappa over the items expected overturn or uphold (a `not_covered` answer
    counts as a miss of either class), by the dials' own scoring (`tools/dials.score`)."""
    kept: Counter[tuple[str, str]] = Counter({k: v for k, v in confusion.items() if k[0] in ("overturn", "uphold")})
    if not kept:
        return 0.0, 0.0
    figures = dials_score(kept)
    return figures["balanced"], figures["kappa"]


def score(files: list[Path], show: bool, root: Path) -> int:
    engine = Engine()
    confusion: Counter[tuple[str, str]] = Counter()
    for f in files:
        agree = total = 0
        for name, test, error in load_case_tests(f):
            if test is None:
                print(f"{name}: {error}")
                continue
            try:
                result = engine.evaluate(_case(test), as_of=test.as_of)
            except ValidationError as exc:
                print(f"{name}: bad facts: {exc}")
                continue
            for n, (exp, got) in enumerate(zip(test.expect, result.items, strict=False), 1):
                total += 1
                confusion[(exp.decision, got.decision)] += 1
                if exp.decision == got.decision:
                    agree += 1
                elif show:
                    print(f"- {f.relative_to(root).as_posix()} :: {test.name} (item {n})\n"
                          f"    expected {exp.decision}, got {got.decision} by {', '.join(got.rules) or '-'}\n"
                          f"    {got.reason or got.rationale[:300]}")
            if len(test.expect) != len(result.items):
                print(f"{name}: expected {len(test.expect)} item(s), got {len(result.items)}")
        print(f"{f.relative_to(root).as_posix():60s} {agree:4d}/{total:<4d} {agree / total if total else 0:.2f}")
    bal, kappa = balanced(confusion)
    items = sum(confusion.values())
    agree_all = sum(c for (e, g), c in confusion.items() if e == g)
    print("expected -> got: " + ", ".join(f"{e}->{g} {c}" for (e, g), c in sorted(confusion.items())))
    print(f"items={items} agree={agree_all} share={agree_all / items if items else 0:.3f} "
          f"balanced={bal:.3f} kappa={kappa:.3f}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=str(ROOT / "tests" / "conformance"))
    ap.add_argument("--check", action="store_true", help="validate format and facts only; print no decision")
    ap.add_argument("--show", action="store_true", help="print each disagreement")
    ap.add_argument("files", nargs="*", help="only these files (default: every *.yaml under --dir)")
    args = ap.parse_args()
    root = Path(args.dir).resolve()
    files = [Path(f).resolve() for f in args.files] if args.files else find_case_tests([root])
    if args.check:
        return check(files)
    return score(files, args.show, root)


if __name__ == "__main__":
    sys.exit(main())
