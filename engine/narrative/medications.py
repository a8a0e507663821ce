"""Current drugs: which the worker takes, since when, and whether the record ties benefit to each."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from engine.facts import Medication
from engine.narrative.context import Assertion, assertion, is_other_source
from engine.narrative.drugs import find_drugs, find_topicals
from engine.narrative.evidence import Reading
from engine.narrative.text import Text
from engine.narrative.textnum import find_dates
from engine.vocab import Service

#: a sentence about the drugs taken
_MED_CUE = re.compile(
    r"\bmedications?\b|\bmedication regimen\b|\btaking\b|\busing\b|\b(?:has|had) been on\b|"
    r"\btakes\b|\bhas taken\b|\b(?:had been|was|were) started\b|\bstarted on\b|\bis on\b|"
    r"\bremains on\b|\btreated with\b|\bdischarged (?:home )?with\b|\bintroduced\b|"
    r"\bsince (?:starting|beginning)\b|\busage\b|\buse of\b|"
    r"\b(?:previously|already|had been|has been) prescribed\b|\bprescribed [^.]{0,40}\bsince\b|"
    r"\bcontinue[sd]?\b|\brefill|\bcurrent(?:ly)?\b|\b(?:was|were|been|is|are) prescribed\b|\bongoing\b|"
    r"\bplan (?:of care |of treatment )?(?:included|includes|consisted of)\b", re.I)
#: a drug the latest visit prescribes ("Naprosyn was prescribed", "The treatment plan included meloxicam")
_PRESCRIBED = re.compile(r"\b(?:was|were) (?:prescribed|dispensed|given|started)\b|\bplan (?:of care |of treatment )?"
                         r"(?:included|includes|consisted of)\b|\bprescribed\b", re.I)
#: a sentence about a request or its review
_REQUESTED = re.compile(r"\brequest|\bRFA\b|\bnon-?certif|\bdenied\b|\bdenial\b|\bdisputed\b|\boriginal\b|"
                        r"\bauthori[sz]\w*|\bwould\b|\bshould\b|\bconsider", re.I)
#: words that make a sentence about a request still report current drugs
_CURRENT = re.compile(r"current|taking|has been on|continues|ongoing|remains on", re.I)
#: a drug named just after these words is no longer taken
_STOPPED = re.compile(r"(?:discontinu\w*|stop|stopped|stopping|switched from|changed from|weaned off|taken off|"
                      r"instead of|no longer (?:taking|using|on))\s+"
                      r"(?:\w+\s+){0,2}$", re.I)
_NONE = re.compile(
    r"not (?:using|taking) any medications?|medications? (?:were|was) (?:stated to be )?none|no (?:current )?"
    r"medications?|(?:never|not) (?:been )?(?:taken|prescribed|tried|used) (?:an? |any )?(?:anti-inflammator\w*|"
    r"nsaids?|muscle relaxants?|opioids?|narcotics?)", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:if|would|should|goal|hope\w*)\b", re.I)
_NO_BENEFIT = re.compile(
    r"unchanged|no (?:significant |meaningful )?(?:relief|benefit|improvement|change)|not (?:been )?"
    r"(?:helpful|effective|helping)|did not help|without (?:relief|benefit|improvement)|ineffective", re.I)
_BENEFIT = re.compile(
    r"\d+\s*(?:/|out of)\s*10[^.]{0,50}(?:compared (?:with|to)|down from|versus|vs\.?|from)[^.]{0,25}?"
    r"\d+\s*(?:/|out of)\s*10|(?:decreas|reduc|improv|lower|drop|went)\w* (?:\w+ ){0,4}from \d+|\d{1,3}\s*(?:%|percent) "
    r"(?:\w+ )?(?:relief|improvement|reduction)|able to|allows? (?:him|her)|helps? (?:him|her) (?:to )?"
    r"(?:sleep|walk|work|function)|with (?:good|significant|meaningful) (?:relief|benefit)", re.I)
_MONTH_YEAR = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\s+(\d{4})", re.I)


@dataclass
class Medications:
    """The drugs read, and whether the record lists the current drugs (so an empty list means none)."""

    drugs: list[Medication] = field(default_factory=list)
    listed: bool = False


def _since(s: str, written: str, as_of: dt.date | None) -> dt.date | None:
    """The date a drug was started: "Robaxin since at least 11-8-16", "since October 2016"."""
    m = re.search(rf"{re.escape(written)}[^.;]{{0,60}}?\bsince (?:at least )?(.{{0,20}})", s, re.I)
    if not m:
        return None
    ds = find_dates(m.group(1))
    since = ds[0][0] if ds else None
    if since is None:
        m2 = _MONTH_YEAR.match(m.group(1))
        if m2:
            since = dt.datetime.strptime(f"{m2.group(1)} 1 {m2.group(2)}", "%B %d %Y").date()
    return None if since and as_of and since > as_of else since


def read_medications(text: Text, reading: Reading) -> Medications:
    """Current drugs, with class and the first date they are documented."""
    seen: dict[str, Medication] = {}
    for pos, s in text.numbered():
        if not _MED_CUE.search(s):
            continue
        if (_REQUESTED.search(s) or is_other_source(s)) and not _CURRENT.search(s):
            continue  # a drug requested or reviewed is not yet a drug taken; one the treatment plan prescribes is
        systemic = find_drugs(s)
        named = {w.lower() for w, _, _ in systemic}
        topical = [(w, g, Service.topical_analgesic) for w, g in find_topicals(s)
                   if w.lower() not in named and g not in seen and g not in {gen for _, gen, _ in systemic}]
        for written, generic, cls in systemic + topical:
            at = s.lower().find(written.lower())
            if at >= 0 and (assertion(s, at, at + len(written)) is Assertion.negated or _STOPPED.search(
                    s[max(0, at - 40):at])):
                continue
            since = _since(s, written, text.as_of)
            new = _PRESCRIBED.search(s) is not None and not _CURRENT.search(s)
            if generic not in seen:
                seen[generic] = Medication(name=written, generic=generic, drug_class=cls, since=since,
                                           newly_prescribed=new)
                reading.add(f"medications.{generic}", None, s, "medications", position=pos)
            else:
                update: dict[str, object] = {"newly_prescribed": seen[generic].newly_prescribed and new}
                if since and not seen[generic].since:
                    update["since"] = since
                seen[generic] = seen[generic].model_copy(update=update)
    for generic, med in seen.items():
        response = _drug_response(text, med.name, generic)
        if response is not None:
            seen[generic] = med.model_copy(update={"response": response})
    out = Medications(list(seen.values()), listed=bool(seen))
    for pos, s in text.matching(_NONE):
        out.listed = True
        reading.add("medications", None, s, "medications", position=pos)
    return out


def _drug_response(text: Text, name: str, generic: str) -> bool | None:
    """The documented benefit of one drug: relief or function tied to it (True), no benefit (False)."""
    names = re.compile(rf"\b(?:{re.escape(name)}|{re.escape(generic)})\b", re.I)
    result: bool | None = None
    for s in text.sentences:
        if not names.search(s) or _HYPOTHETICAL.search(s):
            continue
        if _NO_BENEFIT.search(s):
            return False
        if _BENEFIT.search(s):
            result = True
    return result
