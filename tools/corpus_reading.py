#!/usr/bin/env python3
"""The reader measured on our own reading corpus (tests/reading_corpus), by fixed halves A and B.

Each tests/reading_corpus/<id>.txt is a short case text in the style of an IMR case summary, written by hand, and
<id>.yaml the facts the text states. The reader (`engine.extract_yaml`, what `mtus extract` prints) reads
each text and its facts are compared family by family exactly as ../shared/imr-dev/reading.py compares them:
items (service, quantity, remainder, follows_surgery, regions), findings (each key over the union of keys either
side sets), history (kind -> sessions), medications (generic names), prior studies (service, region), dates,
whether diagnoses exist.

A case is in half A when the last hex digit of sha1(id) is even, else in B: fixed, independent of the content.
Tune on A; B is the held-out check.

usage: python tools/corpus_reading.py [--corpus DIR] [--show A|B]   (--show prints A's or B's disagreements)
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import engine  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from reading_compare import compare  # noqa: E402  (the shared scorer's comparison, defined once)

CORPUS = ROOT / "tests" / "reading_corpus"


def half_of(case_id: str) -> str:
    """A when the last hex digit of sha1(case_id) is even, else B."""
    return "A" if int(hashlib.sha1(case_id.encode()).hexdigest()[-1], 16) % 2 == 0 else "B"


def read_text(path: Path) -> dict[str, Any]:
    """The reader's facts for one text: the YAML `mtus extract` prints, loaded."""
    loaded = yaml.safe_load(engine.extract_yaml(path.read_text(), default_id=path.stem, file=str(path)))
    return loaded if isinstance(loaded, dict) else {}


def measure(corpus: Path = CORPUS) -> dict[str, dict[str, Any]]:
    """Per half ('A', 'B', 'all'): cases, agree and total Counters by family, and the disagreements."""
    res: dict[str, dict[str, Any]] = {
        h: {"cases": 0, "agree": Counter(), "total": Counter(), "misses": []} for h in ("A", "B", "all")}
    for yf in sorted(corpus.glob("*.yaml")):
        want = yaml.safe_load(yf.read_text()) or {}
        got = read_text(yf.with_suffix(".txt"))
        h = half_of(yf.stem)
        rows = compare(got, want)
        for half in (h, "all"):
            r = res[half]
            r["cases"] += 1
            for fam, key, a, b in rows:
                r["total"][fam] += 1
                r["agree"][fam] += a == b
                if a != b:
                    r["misses"].append((yf.stem, fam, key, a, b))
    return res


def share(r: dict[str, Any]) -> float:
    return sum(r["agree"].values()) / max(1, sum(r["total"].values()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--show", choices=("A", "B"), help="print this half's disagreements (tune on A only)")
    args = ap.parse_args(argv)
    res = measure(args.corpus)
    fams = sorted(res["all"]["total"])
    print(f"{'family':22s} {'A':>13s} {'B':>13s} {'all':>13s}")
    for fam in fams:
        cells = []
        for h in ("A", "B", "all"):
            a, t = res[h]["agree"][fam], res[h]["total"][fam]
            cells.append(f"{a:4d}/{t:<4d}{a / t if t else 0:.2f}")
        print(f"{fam:22s} " + " ".join(f"{c:>13s}" for c in cells))
    for h in ("A", "B", "all"):
        r = res[h]
        print(f"{h}: cases={r['cases']} fields={sum(r['total'].values())} agree={sum(r['agree'].values())} "
              f"share={share(r):.3f}")
    if args.show:
        for cid, fam, key, a, b in res[args.show]["misses"]:
            print(f"  {cid} {fam} {key}: read={a!r} expected={b!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
