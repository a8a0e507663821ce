#!/usr/bin/env python3
"""List the narrative reader's findings disagreements on the TRAINING reading corpus (tests/reading_train) only.

    python tools/train_reading_diff.py [--family findings] [--case t001]

Compares `python cli.py extract <id>.txt` with `<id>.yaml` the way `tools/holdout_reading.py` scores findings
(each key over the union of keys either side sets) and prints one line per disagreeing key: case, key, what the
reader said, what the expected file says. It refuses any directory other than tests/reading_train: the held-out
corpus (tests/reading_holdout) is scored only in totals, by `tools/holdout_reading.py`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from holdout_reading import extract  # noqa: E402

TRAIN = (ROOT / "tests" / "reading_train").resolve()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=TRAIN)
    ap.add_argument("--case", action="append", default=[], help="only these case ids (repeatable)")
    args = ap.parse_args(argv)
    if args.dir.resolve() != TRAIN:
        print("refused: this lister reads tests/reading_train only (the held-out corpus stays unseen)",
              file=sys.stderr)
        return 2
    n = 0
    for cf in sorted(TRAIN.glob("*.yaml")):
        if args.case and cf.stem not in args.case:
            continue
        want = yaml.safe_load(cf.read_text()) or {}
        got = extract(cf.with_suffix(".txt"))
        gf, wf = got.get("findings") or {}, want.get("findings") or {}
        for key in sorted(set(gf) | set(wf)):
            if gf.get(key) != wf.get(key):
                n += 1
                print(f"{cf.stem}\t{key}\tgot={gf.get(key)!r}\twant={wf.get(key)!r}")
    print(f"disagreements={n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
