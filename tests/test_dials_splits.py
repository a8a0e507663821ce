"""`tools/dials.py --splits`: the random half-splits that read the fixed halves' gap against sampling noise."""

from __future__ import annotations

from scripts import load_script


def _tool():
    return load_script("tools/dials.py", "dials")


def test_identical_letters_give_no_gap():
    tool = _tool()
    values = {f"c{i}": 0.5 for i in range(10)}
    gaps = tool.split_gaps(list(values), 5, 50, lambda cases: sum(values[c] for c in cases) / len(cases))
    assert gaps == [0.0] * 50


def test_gaps_are_sorted_seeded_and_bounded_by_the_extreme_split():
    tool = _tool()
    values = {f"c{i}": float(i) for i in range(8)}

    def mean(cases):
        return sum(values[c] for c in cases) / len(cases)

    gaps = tool.split_gaps(list(values), 4, 200, mean)
    assert gaps == sorted(gaps)
    assert gaps == tool.split_gaps(list(values), 4, 200, mean)  # seed 0: the same draw each run
    assert max(gaps) <= 4.0  # {4..7} against {0..3}: the widest split there is
    assert gaps[-1] > gaps[0]
