"""The engine against the real IMR development letters in ../shared (skipped when they are absent).

These are the figures the scorer in ../shared/imr-dev reports, computed in-process. The bars are the ones
the project set for narrative evaluation; the letters are read, never copied into the repository.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from engine import Engine, read_case

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "imr-dev"
pytestmark = pytest.mark.skipif(not (SHARED / "expected.tsv").exists(),
                                reason=f"real IMR letters not available at {SHARED} (../shared is outside the repo)")


def _expected() -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    with open(SHARED / "expected.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out.setdefault(row["case"], []).append(row)
    return out


def _score(folder: str) -> dict[str, float]:
    engine = Engine()
    conf: Counter[tuple[str, str]] = Counter()
    for case_id, rows in _expected().items():
        result = engine.evaluate(read_case(SHARED / folder / f"{case_id}.txt"))
        assert len(result.items) == len(rows), f"{case_id}: item count"
        for row, item in zip(sorted(rows, key=lambda r: int(r["item_no"])), result.items, strict=True):
            truth = "overturn" if row["decision"].lower().startswith("overturn") else "uphold"
            conf[(truth, item.decision)] += 1
    n = sum(conf.values())
    recall = {t: conf[(t, t)] / sum(v for (tt, _), v in conf.items() if tt == t) for t in ("overturn", "uphold")}
    po = (conf[("overturn", "overturn")] + conf[("uphold", "uphold")]) / n
    def share(index: int, label: str) -> float:
        return sum(v for k, v in conf.items() if k[index] == label) / n

    pe = sum(share(0, lab) * share(1, lab) for lab in ("overturn", "uphold"))
    return {"balanced": (recall["overturn"] + recall["uphold"]) / 2, "kappa": (po - pe) / (1 - pe),
            "not_covered": sum(v for (_, p), v in conf.items() if p == "not_covered") / n}


def test_cases_meet_the_bar():
    s = _score("cases")
    assert s["balanced"] >= 0.75 and s["kappa"] >= 0.40 and s["not_covered"] <= 0.10, s


def test_whole_letters_give_the_same_result_as_decision_free_cases():
    # a letter holds the reviewers' answers; the engine must ignore them and decide exactly as on the case
    engine = Engine()
    for case_id in _expected():
        from_case = engine.evaluate(read_case(SHARED / "cases" / f"{case_id}.txt"))
        from_letter = engine.evaluate(read_case(SHARED / "letters" / f"{case_id}.txt"))
        assert [i.decision for i in from_letter.items] == [i.decision for i in from_case.items], case_id
