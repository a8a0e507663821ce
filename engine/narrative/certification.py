"""What utilization review already did with a request: certified part of it (the disputed item is the
remainder), or authorized the same service before, which has not been used yet (the item is a duplicate)."""

from __future__ import annotations

import re

from engine.narrative.context import is_other_source
from engine.narrative.drugs import DRUGS
from engine.narrative.evidence import Reading
from engine.narrative.history import KINDS
from engine.narrative.requests import VOCABULARY
from engine.narrative.text import Text
from engine.vocab import Service

_PARTIAL = re.compile(
    r"was the original request|authorized by the claims administrator|remaining (?:imr )?eligible portion|"
    r"partially (?:approved|certified|authorized)|(?:approved|certified|authorized)\b[^.]{0,40}?\bin part\b|"
    r"partial (?:approval|certification|authorization)\b|modified the (?:request|requested|certification)|"
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
    for pattern, service, _ in VOCABULARY:  # every other service as a request names it
        if service not in words:
            words[service] = pattern
    return words


KIND_WORDS = _kind_words()


_ORIGINAL = re.compile(r"^(?P<what>.{3,160}?)\s+(?:was|were) the original request", re.I)
_AUTHORIZED = re.compile(r"^(?P<what>.{3,160}?)\s+(?:was|were) (?:authorized|certified|approved) by the claims "
                         r"administrator", re.I)


def _kinds(phrase: str) -> set[Service]:
    return {kind for kind, pat in KIND_WORDS.items() if re.search(pat, phrase, re.I)}


def substituted_kinds(text: Text) -> set[Service]:
    """Kinds of an original request for which UR certified a different service instead ("Physical therapy x12
    was the original request. Acupuncture x6 was authorized by the claims administrator"): the disputed item
    is then the original request, not a remainder of it."""
    originals = [(pos, _kinds(m.group("what"))) for pos, s in text.numbered() if (m := _ORIGINAL.search(s))]
    authorized = [(pos, _kinds(m.group("what"))) for pos, s in text.numbered() if (m := _AUTHORIZED.search(s))]
    out: set[Service] = set()
    for pos, kinds in originals:
        after = [k for p, k in authorized if 0 < p - pos <= 2]
        if kinds and after and not (kinds & after[0]):
            out |= kinds
    return out


def read_partial_certification(text: Text, reading: Reading) -> None:
    """Service kinds whose request UR certified in part (`items.remainder.<kind>`); a substitution of another
    service is not a partial certification."""
    substituted = substituted_kinds(text)
    for pos, s in text.matching(_PARTIAL):
        if _WORK.search(s) and not _MODIFIED_REQUEST.search(s):
            continue
        for kind, pat in KIND_WORDS.items():
            if kind not in substituted and re.search(pat, s, re.I):
                reading.add(f"items.remainder.{kind.value}", True, s, "certification", position=pos)


#: phrasings that say a service was authorized and has not been used yet, one per row
AUTHORIZED_UNUSED: tuple[str, ...] = (
    # "Physical therapy was authorized on 10/2/2016 but has not yet been started"
    r"(?:authori[sz]ed|certified|approved)\b[^.]{0,60}\b(?:has|have|had) not (?:yet )?(?:been )?(?:started|scheduled|"
    r"attended|completed|performed|done|used|begun|received)",
    # "She has not yet started the previously authorized physical therapy"
    r"(?:has|have|had) not (?:yet )?(?:started|attended|begun|had|received|completed|scheduled|used) (?:the |any of the |"
    r"his |her )?(?:previously |already )?(?:authori[sz]ed|certified|approved)",
    # "the previously certified sessions are still pending"
    r"(?:authori[sz]ed|certified|approved)[^.]{0,40}\b(?:is|are|was|were|remains?) (?:still )?pending",
    # "not yet started ... already authorized"
    r"\bnot yet (?:started|attended|scheduled|begun|completed)\b[^.]{0,40}\b(?:already|previously) (?:authori[sz]ed|"
    r"certified|approved)",
)
_UNUSED = re.compile("|".join(f"(?:{p})" for p in AUTHORIZED_UNUSED), re.I)


def read_authorized_unused(text: Text, reading: Reading) -> None:
    """Service kinds already authorized and not yet used (`items.authorized.<kind>`): a request for them again
    is a duplicate. Only the record's own words count (a reviewer's reasoning is not a finding)."""
    for pos, s in text.matching(_UNUSED):
        if is_other_source(s):
            continue
        for kind, pat in KIND_WORDS.items():
            if re.search(pat, s, re.I):
                reading.add(f"items.authorized.{kind.value}", True, s, "certification", position=pos)
