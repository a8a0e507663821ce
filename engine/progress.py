"""A one-line progress bar for a terminal: cases done of the total, rate, time left, errors so far.

Redrawn at most ten times a second, on standard error; `mtus batch` shows it only when standard error is a
terminal and the records do not go to the same terminal.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from engine.batch import Summary

WIDTH = 30


class ProgressBar:
    """`update(summary, total)` after each case; `close()` at the end."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self._last = 0.0
        self._drawn = False

    def update(self, summary: Summary, total: int | None) -> None:
        """Redraw, unless the last redraw was under 0.1 s ago (the last case is always drawn)."""
        now = time.monotonic()
        if now - self._last < 0.1 and summary.cases != total:
            return
        self._last = now
        new = summary.cases - summary.carried
        rate = new / summary.seconds if summary.seconds > 0 else 0.0
        errors = f", {len(summary.errors)} error(s)" if summary.errors else ""
        if total:
            filled = int(WIDTH * summary.cases / total)
            left = (total - summary.cases) / rate if rate > 0 else 0.0
            line = (f"[{'#' * filled}{'.' * (WIDTH - filled)}] {summary.cases}/{total} cases, {rate:,.0f}/s, "
                    f"{left:,.0f} s left{errors}")
        else:
            line = f"{summary.cases} cases, {rate:,.0f}/s{errors}"
        self._stream.write("\r" + line + "\x1b[K")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """End the progress line."""
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
