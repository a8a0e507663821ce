"""Phrase tables compiled: the readers keep their phrasings as tuples of patterns, one phrasing a row, so that a new
wording is a new row, never a longer expression; `any_of` turns such a table into the one pattern a reader searches."""

from __future__ import annotations

import re
from collections.abc import Iterable


def any_of(rows: Iterable[str], flags: int = re.I) -> re.Pattern[str]:
    """One pattern matching any row of a phrase table (each row a group of its own, so alternations stay inside it)."""
    return re.compile("|".join(f"(?:{p})" for p in rows), flags)
