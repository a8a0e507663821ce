"""A user's file into text, safely: its size first, then its bytes (binary, UTF-8), each refusal with a line.

Every command (and a batch) reads cases, narrative texts, rule and guideline files and decision-test files
through `read_text`, so the limits of `engine.limits` hold everywhere alike. Messages name the file and line,
never the file's content.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine.limits import DEFAULT_LIMITS, Limits, show_size


class InputError(Exception):
    """A file cannot be read safely. `limit` is True when a safety limit (not the file's form) refused it."""

    def __init__(self, file: str, line: int, message: str, limit: bool = False):
        super().__init__(f"{file}:{line}: {message}" if line else f"{file}: {message}")
        self.file = file
        self.line = line
        self.message = message
        self.limit = limit


def too_large(size: int, limits: Limits) -> str:
    """The message for a file over the size limit."""
    return (f"the file is {show_size(size)}, over the {show_size(limits.max_file_bytes)} limit on input files "
            f"(raise it with --max-file-size)")


def decode(data: bytes, file: str) -> str:
    """UTF-8 bytes to text (a byte-order mark is dropped); binary or other encodings are refused with a line."""
    nul = data.find(b"\0")
    if nul >= 0:
        raise InputError(file, data.count(b"\n", 0, nul) + 1, "binary data (a NUL byte): not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(file, line, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column} "
                                     "(save the file as UTF-8)") from exc


def read_text(path: Path, limits: Limits = DEFAULT_LIMITS, shown: str | None = None) -> str:
    """The text of a file, read no further than the size limit allows."""
    file = shown or str(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_file_bytes:
                raise InputError(file, 0, too_large(size, limits), limit=True)
            # as much as the file holds (a buffer of the whole limit for every small file costs more than reading
            # it), and on until the limit when it holds more than it said: a pipe, a device, a file still growing
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limits.max_file_bytes + 1 - len(data))
    except OSError as exc:
        raise InputError(file, 0, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > limits.max_file_bytes:
        raise InputError(file, 0, too_large(len(data), limits), limit=True)
    return decode(data, file)


def check_text(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """The size limit for text given directly (the Python API), as for a file."""
    if 4 * len(text) > limits.max_file_bytes:  # a character is at most four bytes: a cheap test first
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > limits.max_file_bytes:
            raise InputError(file, 0, too_large(size, limits), limit=True)
    if "\0" in text:
        raise InputError(file, text.count("\n", 0, text.index("\0")) + 1, "binary data (a NUL character): not text")
