"""Every limit on what the engine reads, in one place: file size, YAML nesting and alias expansion, the size of a
number in case facts, and the length of a sentence the narrative reader reads.

A user's file (a case, a narrative text, a rule or guideline file, a decision-test file) may be hostile or
broken: each limit turns what would be a crash, a hang or a runaway allocation into an error that names the
file and line. `Limits` holds those a user may raise (`--max-file-size`); every command, and a batch, reads
through `engine.inputs`, which applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: 256 KiB: sixteen times the largest real IMR case text seen (15.7 KB, 63 development cases); the narrative
#: reader takes about 5 s for 256 KiB of prose on a 2-core machine (`python bench/bench_hostile.py`)
DEFAULT_MAX_FILE_BYTES = 256 * 1024
#: mappings and lists nested deeper than this are refused before PyYAML's recursive composer sees them (100,000
#: levels exhaust Python's stack); the deepest node of any rule, guideline or case file here is 12 levels down
DEFAULT_MAX_DEPTH = 64
#: YAML nodes after aliases are expanded: nine levels of nine aliases expand to 387 million nodes from a few
#: hundred bytes; the largest file here (a guideline catalog) has about 2,000 nodes
DEFAULT_MAX_NODES = 100_000

#: the largest number a case fact may hold. durable_rules reads integers as 64 bits and decimals only in plain
#: notation (`engine.backend_durable`); derived facts multiply two case numbers (mg a day = strength x units a
#: day), so keeping each within 10^6, and each non-zero decimal at least 0.01, keeps every derived number
#: between 10^-4 and 10^12, which Python writes in the plain notation durable_rules reads. No clinical count,
#: dose or duration comes near either bound.
MAX_FACT_NUMBER = 1_000_000
MIN_FACT_FRACTION = 0.01

#: the narrative reader reads a sentence at a time, and some readings cost time quadratic in a sentence's length
#: (380 KB without a full stop took 166 s); no real sentence is near this (the longest seen is 689 characters),
#: and a longer run of text is read in pieces of at most this length, cut at a space
MAX_SENTENCE_CHARS = 2_000


@dataclass(frozen=True)
class Limits:
    """The limits a caller may change (`--max-file-size`); the defaults are documented above."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_nodes: int = DEFAULT_MAX_NODES


DEFAULT_LIMITS = Limits()

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.I)
_UNIT = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """`300K`, `2MB`, `1.5M`, `4096` -> bytes (binary units). Raises ValueError with what was expected."""
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"`{text}` is not a size: write bytes, or a number with K, M or G (such as 2M)")
    size = int(float(m.group(1)) * _UNIT[m.group(2).lower()])
    if size < 1:
        raise ValueError(f"`{text}` is not a positive size")
    return size


def show_size(n: int) -> str:
    """Bytes as a short human size (`256 KiB`, `1.5 MiB`)."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= factor:
            value = n / factor
            return f"{value:.0f} {unit}" if value.is_integer() else f"{value:.1f} {unit}"
    return f"{n} bytes"


def fact_number_problem(value: float) -> str | None:
    """Why a case number is outside what the engine holds, or None when it is fine."""
    if value != value or value in (float("inf"), float("-inf")):
        return "must be a finite number"
    if abs(value) > MAX_FACT_NUMBER:
        return f"must be at most {MAX_FACT_NUMBER:,} (the engine's rules engine cannot hold larger numbers safely)"
    if isinstance(value, float) and 0 < abs(value) < MIN_FACT_FRACTION:
        return f"must be 0 or at least {MIN_FACT_FRACTION} (the engine keeps two decimal places)"
    return None
