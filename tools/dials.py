#!/usr/bin/env python3
"""The two dials, by fixed halves of the development letters: rules alone, reading alone (and narrative).

    python tools/dials.py [--shared ../shared] [--half even|odd|all] [--show-misses] [--show-reading] [--splits N]

The development letters in `../shared/imr-dev` are split into two fixed halves by the parity of the
SHA-256 of their case number (the split `../shared/hooks/before-stop` uses). Change rules and readings
while looking at one half; report both: a gap between the halves is a sign of fitting to letters.

Three figures per half:
- narrative: the engine on the decision-free case texts (reading and rules together);
- rules alone: the engine on the carefully corrected case files (`imr-dev/facts`);
- reading alone: `extract` against those corrected files, field family by field family.

This is an in-process twin of `imr-dev/score.py` and `imr-dev/reading.py` (which run the CLI once per case);
the same comparisons, so the totals agree with them, in seconds instead of minutes. Quote those scripts'
own figures in reports.

`--splits N` reads the halves' gap against chance: it draws N random half-splits of the letters and prints how
often their gap is as wide as the fixed one. With some 19 overturned items in all, a balanced-accuracy gap of 0.1
between halves is common by sampling alone; a reading gap that random splits seldom reach is fitting.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import Engine, extract_yaml, read_case  # noqa: E402
from engine.caseio import CaseError  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from reading_compare import compare as reading_compare  # noqa: E402
from reading_compare import detail  # noqa: E402


def half_of(case: str) -> str:
    """`even` or `odd`: the parity of the SHA-256 of the case number."""
    return "odd" if int(hashlib.sha256(case.encode()).hexdigest(), 16) % 2 else "even"


# --- rules (decisions) ---------------------------------------------------------------------------------


def decide(engine: Engine, path: Path) -> list[str] | None:
    try:
        return [it.decision for it in engine.evaluate(read_case(path)).items]
    except (CaseError, ValueError):
        return None


def score(conf: Counter[tuple[str, str]]) -> dict[str, float]:
    n = sum(conf.values())
    labels = ("overturn", "uphold")
    rec = {t: conf[(t, t)] / max(1, sum(v for (tt, _), v in conf.items() if tt == t)) for t in labels}
    po = sum(conf[(t, t)] for t in labels) / n
    pe = sum((sum(v for (tt, _), v in conf.items() if tt == lab) / n)
             * (sum(v for (_, pp), v in conf.items() if pp == lab) / n) for lab in labels)
    return {"items": n, "balanced": (rec["overturn"] + rec["uphold"]) / 2,
            "kappa": (po - pe) / (1 - pe) if pe < 1 else 0.0,
            "overturn_recall": rec["overturn"], "uphold_recall": rec["uphold"],
            "not_covered": sum(v for (_, p), v in conf.items() if p == "not_covered")}


def split_gaps(cases: list[str], first: int, n: int, measure: Callable[[list[str]], float]) -> list[float]:
    """Sorted |gap| in `measure` between two halves over `n` random splits of `cases` (`first` of them in one half,
    seed 0): how wide a gap sampling alone gives, so that the fixed halves' gap can be read against it."""
    rng = random.Random(0)
    cases = sorted(cases)
    gaps = []
    for _ in range(n):
        rng.shuffle(cases)
        gaps.append(abs(measure(cases[:first]) - measure(cases[first:])))
    return sorted(gaps)


def print_splits(n: int, by_case: dict[str, dict[str, list[tuple[str, str]]]],
                 fields: dict[str, tuple[int, int]]) -> None:
    """The fixed halves' gap on each dial beside the gaps of `n` random half-splits (`split_gaps`)."""
    def balanced(dial: str) -> Callable[[list[str]], float]:
        return lambda cases: score(Counter(p for c in cases for p in by_case[dial][c]))["balanced"]

    def read_share(cases: list[str]) -> float:
        return sum(fields[c][0] for c in cases) / max(1, sum(fields[c][1] for c in cases))

    cases = sorted(by_case["rules"])
    first = sum(half_of(c) == "even" for c in cases)
    print(f"\nrandom half-splits ({n}, {first} of {len(cases)} letters in the first half, seed 0)")
    print(f"{'dial':10s} {'fixed gap':>9s} {'random |gap| median':>19s} {'p90':>6s} {'share >= fixed':>14s}")
    dials = [(dial, cases, balanced(dial)) for dial in ("narrative", "rules")]
    dials.append(("reading", sorted(fields), read_share))
    for dial, pool, measure in dials:
        evens = [c for c in pool if half_of(c) == "even"]
        fixed = measure(evens) - measure([c for c in pool if half_of(c) == "odd"])
        gaps = split_gaps(pool, len(evens), n, measure)
        wide = sum(g >= abs(fixed) for g in gaps) / len(gaps)
        print(f"{dial:10s} {fixed:9.3f} {gaps[len(gaps) // 2]:19.3f} {gaps[int(len(gaps) * 0.9)]:6.3f} {wide:14.3f}")


# --- reading (facts) -----------------------------------------------------------------------------------


def compare(got: dict[str, Any], want: dict[str, Any], *, original_fields: bool = False
            ) -> list[tuple[str, bool, str]]:
    """(family, agree, detail) for every compared field (`reading_compare.compare`, the shared scorer's comparison)."""
    return [(fam, a == b, detail(fam, key, a, b))
            for fam, key, a, b in reading_compare(got, want, original_fields=original_fields)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--half", choices=("even", "odd", "all"), default=None,
                    help="show misses for this half only (figures are always printed for both)")
    ap.add_argument("--show-misses", action="store_true", help="decisions that differ from the reviewers'")
    ap.add_argument("--show-reading", action="store_true", help="fields that differ from the corrected facts")
    ap.add_argument("--splits", type=int, default=0, metavar="N",
                    help="also draw N random half-splits of the letters and print how often their balanced-accuracy "
                         "gap is as wide as the fixed halves' (sampling noise against fitting)")
    ap.add_argument("--original-fields", action="store_true",
                    help="compare only the findings the schema had when the corrected facts were made")
    a = ap.parse_args()
    dev = a.shared / "imr-dev"
    if not (dev / "expected.tsv").exists():
        print(f"no development letters at {dev} (../shared is outside the repository)", file=sys.stderr)
        return 2
    expected: dict[str, list[dict[str, str]]] = {}
    with open(dev / "expected.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            expected.setdefault(row["case"], []).append(row)
    engine = Engine()
    conf: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    by_case: dict[str, dict[str, list[tuple[str, str]]]] = {"narrative": {}, "rules": {}}
    fields: dict[str, tuple[int, int]] = {}  # case -> (fields read right, fields compared)
    agree: dict[str, Counter[str]] = {"even": Counter(), "odd": Counter()}
    total: dict[str, Counter[str]] = {"even": Counter(), "odd": Counter()}
    shown = a.half or "even"
    for case, rows in sorted(expected.items()):
        half = half_of(case)
        rows = sorted(rows, key=lambda r: int(r["item_no"]))
        truths = ["overturn" if r["decision"].lower().startswith("overturn") else "uphold" for r in rows]
        for dial, path in (("narrative", dev / "cases" / f"{case}.txt"), ("rules", dev / "facts" / f"{case}.yaml")):
            got = decide(engine, path) if path.exists() else None
            c = conf.setdefault((dial, half), Counter())
            for i, truth in enumerate(truths):
                pred = got[i] if got is not None and len(got) == len(truths) else "error"
                c[(truth, pred)] += 1
                by_case[dial].setdefault(case, []).append((truth, pred))
                if a.show_misses and pred != truth and shown in (half, "all"):
                    print(f"{dial:9s} {case} #{i + 1} {rows[i]['disputed_item'][:60]!r}: real {truth}, got {pred}")
        facts = dev / "facts" / f"{case}.yaml"
        if facts.exists():
            got_facts = yaml.safe_load(extract_yaml((dev / "cases" / f"{case}.txt").read_text(), case)) or {}
            want = yaml.safe_load(facts.read_text()) or {}
            for fam, ok, detail in compare(got_facts, want, original_fields=a.original_fields):
                fields[case] = (fields.get(case, (0, 0))[0] + ok, fields.get(case, (0, 0))[1] + 1)
                total[half][fam] += 1
                agree[half][fam] += ok
                if a.show_reading and not ok and shown in (half, "all"):
                    print(f"reading   {case} {fam:18s} {detail}")
    print(f"{'dial':10s} {'half':5s} {'items':>5s} {'balanced':>8s} {'kappa':>6s} {'ovt_rec':>7s} {'uph_rec':>7s} nc")
    for dial in ("narrative", "rules"):
        both: Counter[tuple[str, str]] = Counter()
        for half in ("even", "odd"):
            both += conf[(dial, half)]
        for half, c in (("even", conf[(dial, "even")]), ("odd", conf[(dial, "odd")]), ("all", both)):
            s = score(c)
            print(f"{dial:10s} {half:5s} {s['items']:5.0f} {s['balanced']:8.3f} {s['kappa']:6.3f} "
                  f"{s['overturn_recall']:7.3f} {s['uphold_recall']:7.3f} {s['not_covered']:.0f}")
    if a.splits:
        print_splits(a.splits, by_case, fields)
    fams = sorted(set(total["even"]) | set(total["odd"]))
    print(f"\n{'reading family':20s} {'even':>13s} {'odd':>13s} {'all':>13s}")
    for fam in [*fams, "ALL"]:
        cells = []
        for half in ("even", "odd", "all"):
            halves = ("even", "odd") if half == "all" else (half,)
            n = sum(sum(total[h].values()) if fam == "ALL" else total[h][fam] for h in halves)
            k = sum(sum(agree[h].values()) if fam == "ALL" else agree[h][fam] for h in halves)
            cells.append(f"{k:4d}/{n:<4d} {k / max(1, n):.2f}")
        print(f"{fam:20s} " + " ".join(f"{c:>13s}" for c in cells))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `dials.py | head`: the reader stopped reading, which is not an error
        sys.stderr.close()
        sys.exit(0)
