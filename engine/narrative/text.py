"""The clinical summary as the readers see it: sentences in order, the case's dates, and which half of the body
a sentence concerns."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from engine.limits import MAX_SENTENCE_CHARS


def sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping abbreviations and decimals together; a run of text longer than any
    sentence (`MAX_SENTENCE_CHARS`) is read in pieces, so that reading time stays linear in the text's length."""
    protected = re.sub(r"\b(Dr|Mr|Mrs|Ms|vs|e\.g|i\.e|approx|No|Nos)\.", lambda m: m.group(0).replace(".", "§"), text)
    # the numbers of a numbered list ("Diagnoses: 1. Cervical strain. 2. Lumbar strain.") keep the list one sentence
    protected = re.sub(r"(?:^|(?<=[:;.]\s))(\d{1,2})\.(?=\s+[A-Z])", r"\1§", protected)
    # a sentence ends at its stop, or at the quotation mark that closes a quotation ending the sentence
    # ('a diagnosis of "lumbar strain." On a later visit ...')
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d]))\s+(?=[A-Z(\"'\u201c])", protected)
    return [piece for p in parts if p.strip() for piece in _pieces(p.replace("§", ".").strip())]


def _pieces(sentence: str) -> list[str]:
    out = []
    while len(sentence) > MAX_SENTENCE_CHARS:
        cut = sentence.rfind(" ", MAX_SENTENCE_CHARS // 2, MAX_SENTENCE_CHARS)
        cut = cut if cut > 0 else MAX_SENTENCE_CHARS
        out.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [*out, sentence] if sentence else out


_UPPER_WORDS = re.compile(
    r"\bcervical|\bneck\b|spurling|tinel|phalen|durkan|\bc[2-8]\b|\bc[2-7]-[c]?[3-8t]1?\b|\barms?\b|\bhands?\b|finger|"
    r"\bdigits?\b|\bgrip|wrist|elbow|shoulder|upper extremit|carpal|ulnar|median nerve|trapezi|biceps|triceps|deltoid",
    re.I)
_LOWER_WORDS = re.compile(
    r"lumb|low(?:er)? back|straight[- ]leg|\bslr\b|\bl[1-5]\b|\bl[1-5]-[l]?[1-5s]1?\b|\bs1\b|\blegs?\b|\bfeet\b|"
    r"\bfoot\b|\bknees?\b|\bhips?\b|sciatic|lower extremit|thigh|calf|ankle|toe|\behl\b|dorsiflex|plantar ?flex|"
    r"quadricep|hamstring|gluteal|buttock|sacr", re.I)


def body_half(sentence: str) -> str:
    """`upper`, `lower` or `any`: which half of the body a sentence's finding concerns."""
    up = _UPPER_WORDS.search(sentence) is not None
    low = _LOWER_WORDS.search(sentence) is not None
    return "upper" if up and not low else ("lower" if low and not up else "any")


@dataclass
class Text:
    """The summary's sentences and the dates that place the case in time."""

    sentences: list[str]
    as_of: dt.date | None = None
    injury: dt.date | None = None
    _index: dict[int, int] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, summary: str, as_of: dt.date | None = None, injury: dt.date | None = None) -> Text:
        """Split a summary into its sentences."""
        return cls(sentences(summary), as_of, injury)

    def numbered(self) -> Iterator[tuple[int, str]]:
        """(position, sentence) in order."""
        return enumerate(self.sentences)

    def matching(self, pattern: re.Pattern[str] | str) -> Iterator[tuple[int, str]]:
        """(position, sentence) for every sentence that contains the pattern."""
        rx = re.compile(pattern, re.I) if isinstance(pattern, str) else pattern
        for i, s in enumerate(self.sentences):
            if rx.search(s):
                yield i, s
