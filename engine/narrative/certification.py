"""What utilization review already did with a request: certified part of it (the disputed item is the
remainder)."""

from __future__ import annotations

import re

from engine.narrative.drugs import DRUGS
from engine.narrative.evidence import Reading
from engine.narrative.history import KINDS
from engine.narrative.text import Text
from engine.vocab import Service

_PARTIAL = re.compile(
    r"was the original request|authorized by the claims administrator|remaining (?:imr )?eligible portion|"
    r"partially (?:approved|certified|authorized)|modified the (?:request|requested|certification)|"
    r"(?:was|were) modified (?:to|due)|modified to (?:allow|certify|approve)|previously modified|"
    r"(?<!non-)(?<!non)certified (?:\w+ ){0,3}(?:of|out of) the|remaining (?:\d+ )?(?:sessions|visits)|"
    r"with \w+ remaining sessions", re.I)
_WORK = re.compile(r"modified (?:work|duty|duties|activit)", re.I)
_MODIFIED_REQUEST = re.compile(r"modified the|was modified|were modified", re.I)


def _kind_words() -> dict[Service, str]:
    """How a sentence names each kind of service that can be certified in part."""
    words = dict(KINDS)
    for kind in {cls for _, cls in DRUGS.values()}:
        names = "|".join(sorted((re.escape(n) for n, (_, c) in DRUGS.items() if c is kind), key=len, reverse=True))
        words[kind] = rf"\b(?:{names})\b"
    words[Service.opioid] += r"|\bopioids?\b"
    words[Service.nsaid] = words.get(Service.nsaid, r"\bnsaids?\b") + r"|\bnsaids?\b"
    words[Service.topical_analgesic] = r"cream|gel|patch|topical|compound"
    return words


KIND_WORDS = _kind_words()


def read_partial_certification(text: Text, reading: Reading) -> None:
    """Service kinds whose request UR certified in part (`items.remainder.<kind>`)."""
    for pos, s in text.matching(_PARTIAL):
        if _WORK.search(s) and not _MODIFIED_REQUEST.search(s):
            continue
        for kind, pat in KIND_WORDS.items():
            if re.search(pat, s, re.I):
                reading.add(f"items.remainder.{kind.value}", True, s, "certification", position=pos)
