"""Time and peak memory of reading hostile inputs, as ratios to reading one ordinary case, in the same process.

Every hostile file of tests/hostile.py is read as a case (refused), and narrative texts at the size limit
(256 KiB of prose, of one run-on sentence, of a single repeated word) are read in full: the limits of
engine/limits.py are what keeps these ratios bounded.

    python bench/bench_hostile.py
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile import GOOD_TEXT, write_all

from engine import CaseError, extract_text_case, read_case
from engine.limits import DEFAULT_MAX_FILE_BYTES


def measure(work: Callable[[], object], repeat: int = 3) -> tuple[float, int]:
    """Best wall time of `repeat` untraced runs, and the peak of traced Python memory of one more run, in bytes.

    Time is taken without tracemalloc, which slows the reader about twofold and would understate the ratios.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            work()
        except CaseError:
            pass
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    try:
        work()
    except CaseError:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, peak


def at_limit(unit: str) -> str:
    head, rest = GOOD_TEXT.split("CLINICAL CASE SUMMARY\n")
    _, items = rest.split("DISPUTED ITEMS\n")
    room = DEFAULT_MAX_FILE_BYTES - len(GOOD_TEXT) - 10
    return head + "CLINICAL CASE SUMMARY\n" + unit * (room // len(unit)) + "\nDISPUTED ITEMS\n" + items


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = write_all(Path(tmp))
        base_time, base_mem = measure(lambda: extract_text_case(GOOD_TEXT), repeat=20)
        print(f"baseline: one ordinary narrative case, {base_time * 1000:.1f} ms, {base_mem / 1024:.0f} KiB")
        print(f"{'input':42} {'time x':>9} {'memory x':>9} {'time s':>8} {'peak KiB':>9}")
        for name, path in sorted(files.items()):
            t, m = measure(lambda path=path: read_case(path))
            print(f"{'refused: ' + name:42} {t / base_time:9.1f} {m / base_mem:9.1f} {t:8.3f} {m / 1024:9.0f}")
        summary = GOOD_TEXT.split("CLINICAL CASE SUMMARY\n")[1].split("DISPUTED ITEMS\n")[0]
        for label, unit in (("256 KiB of prose", summary), ("256 KiB in one run-on sentence",
                                                             "lumbar pain 6/10 and physical therapy "),
                            ("256 KiB of one repeated word", "x ")):
            text = at_limit(unit)
            t, m = measure(lambda text=text: extract_text_case(text), repeat=1)
            print(f"{'read: ' + label:42} {t / base_time:9.1f} {m / base_mem:9.1f} {t:8.3f} {m / 1024:9.0f}")


if __name__ == "__main__":
    main()
