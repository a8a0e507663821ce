"""What Python 3.10 lacks and the engine uses: `enum.StrEnum` (3.11+), defined here once.

On 3.10 the backport is also installed as `enum.StrEnum` when absent, so that a module written for 3.11
(`from enum import StrEnum`) imports unchanged; this module is imported first by `engine/__init__.py`.
"""

from __future__ import annotations

import enum
import sys

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - exercised by the Python 3.10 run of .ci/run

    class StrEnum(str, enum.Enum):
        """Members are strings: `str(member)` and formatting give the value, as in Python 3.11."""

        def __str__(self) -> str:
            return str(self.value)

        def __format__(self, spec: str) -> str:
            return format(str(self.value), spec)

        @staticmethod
        def _generate_next_value_(name: str, start: int, count: int, last_values: list[str]) -> str:
            return name.lower()

    if not hasattr(enum, "StrEnum"):
        enum.StrEnum = StrEnum  # type: ignore[attr-defined]

__all__ = ["StrEnum"]
