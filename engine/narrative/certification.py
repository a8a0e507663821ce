"""What utilization review already did with a request: certified part of it (the disputed item is the
remainder), or authorized the same service before, which has not been used yet (the item is a duplicate)."""

from __future__ import annotations

import re

from engine.narrative.context import is_other_source
from engine.narrative.drugs import DRUGS
from engine.narrative.evidence import Reading
from engine.narrative.history import FI_POS_OBJ, KINDS
from engine.narrative.requests import VOCABULARY
from engine.narrative.tables import any_of
from engine.narrative.text import Text
from engine.narrative.textnum import NUM, to_int
from engine.vocab import Service

#: what UR did with the part it allowed, and with the part still in dispute, as summaries and request lines write it
_YES = r"(?:certified|approved|authori[sz]ed|allowed)"
_VISITS = r"(?:sessions|visits|treatments|appointments)"
_NO = r"(?:non-?certified|not certified|denied|not approved|non-?approved|not authori[sz]ed)"
#: how a request line or a sentence writes the split of a request UR certified in part, one phrasing a row: the
#: certified count `c` and the count still in dispute `d`, or the total `t` of which `c` was certified
CERTIFIED_SPLIT: tuple[str, ...] = (
    # "(6 certified; 6 non-certified)", "(6 approved, 6 denied)", "6 visits certified and 6 denied"
    rf"(?<![\d/.-])(?P<c>{NUM})\s+(?:\w+\s+)?{_YES}\s*[,;/]?\s*(?:and\s+|but\s+)?(?P<d>{NUM})\s+(?:\w+\s+)?{_NO}",
    # "UR certified 6 visits and non-certified the remaining 6", "UR certified 6 and non-certified 6"
    rf"\b{_YES}\s+(?P<c>{NUM})\s+(?:[\w/-]+\s+){{0,3}}?(?:and|but|while)\s+{_NO}\s+(?:the\s+)?(?:remaining\s+|other\s+)?"
    rf"(?P<d>{NUM})\b",
    # "12 visits, 6 remaining", "8 sessions (remaining 4)": the count still in dispute after the total
    rf"(?<![\d/.-])(?P<t>{NUM})\s+(?:[\w/-]+\s+){{0,3}}?{_VISITS}\b[^0-9]{{0,6}}?(?:(?P<d>{NUM})\s+remaining|remaining\s+(?P<d2>{NUM}))\b",
    # "UR approved 6 of the 12 requested visits"; "Six of the twelve requested visits were certified"
    rf"\b{_YES}\s+(?:only\s+)?(?P<c>{NUM})\s+(?:of|out of)\s+(?:the\s+)?(?P<t>{NUM})\b",
    rf"(?<![\d/.-])(?P<c>{NUM})\s+(?:of|out of)\s+(?:the\s+)?(?P<t>{NUM})\s+(?:[\w/-]+\s+){{0,4}}?(?:was|were)\s+{_YES}",
    # "certified x 6 and denied x 6"
    rf"\b{_YES}\s+x\s*(?P<c>{NUM})\s+(?:and|but)\s+{_NO}\s+x\s*(?P<d>{NUM})\b",
    # "12 sessions, 6 authorized, 6 remaining"
    rf"(?<![\d/.-])(?P<c>{NUM})\s+(?:\w+\s+)?{_YES}\s*[,;/]?\s*(?:and\s+)?(?P<d>{NUM})\s+remaining\b",
    # "12 visits (2x6) - remaining 6 visits", "2 remaining sessions": the count in dispute, the total not written
    rf"\bremaining\s+(?P<d>{NUM})\s+(?:[\w/-]+\s+){{0,2}}?{_VISITS}\b|(?<![\d/.-])(?P<d2>{NUM})\s+remaining\s+{_VISITS}\b",
)
_SPLIT = [re.compile(p, re.I) for p in CERTIFIED_SPLIT]


def disputed_part(text: str) -> tuple[int | None, int | None]:
    """(count still in dispute, count of the original request) from the split of a request UR certified in part
    (`CERTIFIED_SPLIT`): "12 visits (6 certified; 6 non-certified)" -> (6, 12); "remaining 6 visits" -> (6, None)
    (the original count not written); (None, None) when none is written."""
    for rx in _SPLIT:
        m = rx.search(text)
        if not m:
            continue
        groups = m.groupdict()
        d = to_int(groups.get("d") or groups.get("d2") or "")
        c = to_int(groups["c"]) if groups.get("c") else None
        total = to_int(groups["t"]) if groups.get("t") else None
        if d is None and c is not None and total is not None:
            d = total - c  # "6 of the 12": the rest is in dispute
        if d is None:
            continue
        if total is None and c is not None:
            total = c + d
        if total is None or d < total:
            return d, total
    return None, None


#: phrasings that say UR certified part of a request, one a row (the kinds it names are then remainders)
PARTIAL_CERTIFICATION: tuple[str, ...] = (
    r"was the original request", r"authorized by the claims administrator", r"remaining (?:imr )?eligible portion",
    r"partially (?:approved|certified|authorized)", r"(?:approved|certified|authorized)\b[^.]{0,40}?\bin part\b",
    r"partial (?:approval|certification|authorization)\b",
    r"modified the (?:request|requested|certification)", r"(?:was|were) modified (?:to|due)",
    r"modified to (?:allow|certify|approve)", r"previously modified",
    r"(?<!non-)(?<!non)certified (?:\w+ ){0,3}(?:of|out of) the",
    r"remaining (?:\d+ )?(?:sessions|visits)", r"with \w+ remaining sessions",
    # "UR certified 6 PT visits and non-certified the remaining 6" (the split's rows, their groups unnamed)
    *(re.sub(r"\(\?P<\w+>", "(?:", row) for row in CERTIFIED_SPLIT),
)
_PARTIAL = any_of(PARTIAL_CERTIFICATION)
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
    """Service kinds whose request UR certified in part (`items.remainder.<kind>`), and the split when the sentence
    writes it (`items.disputed_part.<kind>`: the count still in dispute and the original request's); a substitution
    of another service is not a partial certification."""
    substituted = substituted_kinds(text)
    for pos, s in text.matching(_PARTIAL):
        if _WORK.search(s) and not _MODIFIED_REQUEST.search(s):
            continue
        for kind, pat in KIND_WORDS.items():
            if kind not in substituted and re.search(pat, s, re.I):
                reading.add(f"items.remainder.{kind.value}", True, s, "certification", position=pos)
                part = disputed_part(s)
                if part[0] is not None:
                    reading.add(f"items.disputed_part.{kind.value}", part, s, "certification", position=pos)


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
_UNUSED = any_of(AUTHORIZED_UNUSED)


def read_authorized_unused(text: Text, reading: Reading) -> None:
    """Service kinds already authorized and not yet used (`items.authorized.<kind>`): a request for them again
    is a duplicate. Only the record's own words count (a reviewer's reasoning is not a finding)."""
    for pos, s in text.matching(_UNUSED):
        if is_other_source(s):
            continue
        for kind, pat in KIND_WORDS.items():
            if re.search(pat, s, re.I):
                reading.add(f"items.authorized.{kind.value}", True, s, "certification", position=pos)


#: a sentence about the part of a request UR certified, as given: "the 6 certified visits", "after the certified
#: sessions", "the approved treatments"
CERTIFIED_PART: tuple[str, ...] = (
    rf"\b(?:the|these|those|(?:after|following|with|from|since|during) (?:the )?)\s*(?:{NUM}\s+)?(?:previously )?"
    rf"{_YES}\s+(?:\w+\s+)?{_VISITS}\b",
)
_CERTIFIED_PART = any_of(CERTIFIED_PART)
#: what the certified part did, one phrasing a row (value: functional improvement documented, or none); the
#: functional-improvement phrasings of `history.FI_PHRASES` count as well
CERTIFIED_RESPONSE: tuple[tuple[str, bool], ...] = (
    (r"\bno (?:\w+ )?(?:change|improvement|benefit|gains?|progress)\b|\bdid not (?:help|improve)\b|"
     r"\bwithout (?:any )?(?:improvement|benefit|change)\b|\bunchanged\b|\bfailed to (?:help|improve)\b", False),
    # a tolerance measured against before: "he can sit for 60 minutes instead of 20", "walks 6 blocks, up from 2"
    (r"\b\d+\s*(?:minutes|min|hours?|hrs?|blocks|feet|ft|miles|pounds|lbs?)\b[^.]{0,25}?\b(?:instead of|rather than|up "
     r"from|compared (?:with|to)|versus|vs\.?)\s*\d+", True),
)
_CERTIFIED_RESPONSE = [(re.compile(p, re.I), v) for p, v in CERTIFIED_RESPONSE]


def read_certified_part_response(text: Text, reading: Reading) -> None:
    """The documented response to the part of a request UR already certified (`DisputedItem.certified_part_response`):
    a sentence about the certified visits that says what they did, none (False) before improvement (True); it is the
    response of the kind it names (`items.certified_response.<kind>`), or of every remainder when it names none
    (`items.certified_response`). A reviewer's words are not read."""
    for pos, s in text.matching(_CERTIFIED_PART):
        if is_other_source(s):
            continue
        said = [v for rx, v in _CERTIFIED_RESPONSE if rx.search(s)]
        value = False if False in said else (True if True in said or FI_POS_OBJ.search(s) else None)
        if value is None:
            continue
        kinds = [kind for kind, pat in KIND_WORDS.items() if re.search(pat, s, re.I)]
        for kind in kinds:
            reading.add(f"items.certified_response.{kind.value}", value, s, "certification", position=pos)
        if not kinds:
            reading.add("items.certified_response", value, s, "certification", position=pos)
