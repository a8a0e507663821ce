"""Hostile and broken input files, written on demand (nothing large is kept in the repository).

`write_all(directory)` writes every kind once, as a YAML file and, where the kind applies to text, as a
narrative `.txt` file; `EXPECT` says what each must produce: the words of the error and whether a line is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.limits import DEFAULT_MAX_FILE_BYTES

GOOD_CASE = """\
case_id: HOSTILE-BASE
dates: {injury: 2016-01-04, request: 2016-09-01}
findings: {home_exercise_program: true}
history: [{kind: acupuncture, sessions: 0}]
items: [{text: Acupuncture x6, service: acupuncture, quantity: 6}]
"""

GOOD_TEXT = """\
Case Number: HOSTILE-TEXT
Date of Injury: 01/04/2016
UR Denial Date: 09/01/2016

CLINICAL CASE SUMMARY
The injured worker is a 44 year old female with low back pain rated 6/10. She has had no acupuncture.

DISPUTED ITEMS
Acupuncture x6 for the lumbar spine
"""


def alias_bomb() -> str:
    """Nine levels of nine aliases: 387 million nodes once expanded, from about 600 bytes."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "case_id: bomb\n" + "\n".join(lines) + "\nitems: [{text: x}]\n"


@dataclass(frozen=True)
class Kind:
    """One kind of hostile file: its bytes, the words its error must contain, and whether it names a line."""

    name: str
    data: bytes
    words: str
    line: bool
    text_too: bool  # whether it applies to a narrative text file as well as to YAML


def kinds() -> list[Kind]:
    """Every kind of hostile input."""
    padded = GOOD_CASE + "#" + "x" * DEFAULT_MAX_FILE_BYTES + "\n"
    return [
        Kind("alias-bomb", alias_bomb().encode(), "aliases expand to more than", True, False),
        Kind("deep-nesting", ("case_id: deep\nitems: " + "[" * 100_000 + "]" * 100_000 + "\n").encode(),
             "nested more than 64 levels deep", True, False),
        Kind("recursive-alias", b"case_id: a\nitems: &a [{text: x, more: *a}]\n", "refers to a node that contains it",
             True, False),
        Kind("duplicate-key", GOOD_CASE.replace("case_id: HOSTILE-BASE", "case_id: A\ncase_id: B").encode(),
             "duplicate key `case_id`", True, False),
        Kind("object-tag", b"case_id: !!python/object/apply:os.system ['echo owned']\nitems: [{text: x}]\n",
             "could not determine a constructor", True, False),
        Kind("control-character", b"case_id: a\x07\nitems: [{text: x}]\n", "unacceptable character", True, False),
        Kind("over-size-limit", padded.encode(), "over the 256 KiB limit", False, True),
        Kind("binary", b"case_id: a\x00\x01\x02\nitems: []\n", "binary data", True, True),
        Kind("not-utf8", GOOD_CASE.replace("Acupuncture x6", "Acupuncture caf\xe9 x6").encode("latin-1"),
             "not UTF-8 text: byte 0xe9", True, True),
    ]


def write_all(directory: Path) -> dict[str, Path]:
    """Write every kind as `<name>.yaml` and, where it applies, `<name>.txt`; return name -> path."""
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for k in kinds():
        out[f"{k.name}.yaml"] = directory / f"{k.name}.yaml"
        out[f"{k.name}.yaml"].write_bytes(k.data)
        if k.text_too:
            data = k.data
            if k.name == "over-size-limit":
                data = (GOOD_TEXT + "x " * (DEFAULT_MAX_FILE_BYTES // 2 + 1)).encode()
            elif k.name == "not-utf8":
                data = GOOD_TEXT.replace("6/10", "6/10 caf\xe9").encode("latin-1")
            elif k.name == "binary":
                data = GOOD_TEXT.encode() + b"\x00\x01"
            out[f"{k.name}.txt"] = directory / f"{k.name}.txt"
            out[f"{k.name}.txt"].write_bytes(data)
    return out
