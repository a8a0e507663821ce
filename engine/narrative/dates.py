"""Dates the summary states: when the disputed request was made, and when the symptoms began.

The request date (of the Request for Authorization, RFA) picks the guideline version in force; when the
summary gives no RFA date, the date of service the utilization review referenced stands in for it (the
request comes from that visit). Symptom onset counts only when it is earlier than the injury date (a
cumulative-trauma claim): guideline windows then count from it.
"""

from __future__ import annotations

import datetime as dt
import re

from engine.narrative.evidence import Reading
from engine.narrative.text import Text
from engine.narrative.textnum import find_dates

_RFA = r"(?:request for authori[sz]ation|\brfa\b)(?: form)?"
#: phrasings that date the Request for Authorization, one per row; the date is in the same sentence
REQUEST_DATE: tuple[str, ...] = (
    rf"{_RFA}[^.]{{0,30}}\b(?:dated|received|signed|submitted|sent|on)\b",     # "The RFA form was dated 11/18/2016"
    rf"\bon [^.]{{4,22}}?,? (?:the )?{_RFA}",                                # "On 12-19-2016, the RFA requested"
    rf"\b{_RFA} (?:of|from) ",                                               # "the RFA of 11/14/2016"
    r"\bon [^.]{4,22}?,? (?:the (?:treating |primary )?(?:physician|provider) )?requested authori[sz]ation",
    r"\bon [^.]{4,22}?,? a request (?:for authori[sz]ation )?was (?:received|made|submitted)",  # "On December 13, 2016 a request was received"
    r"\bthe request was (?:received|submitted|made) on",
)
#: the date of service a utilization review referenced (used when no RFA date is given)
SERVICE_DATE: tuple[str, ...] = (
    r"referenced (?:an? |the )?[^.]{0,25}\bdate of service",
    r"date of service (?:was|of) [^.]{0,25}\breferenced",
    r"\b(?:an?|the) [^.]{4,22}? date of service (?:was|is) referenced",     # "A January 6, 2017 date of service was referenced"
)
ONSET: tuple[str, ...] = (
    r"\bcumulative(?: trauma)?[^.]{0,40}\b(?:from|beginning|starting|since)\b",
    r"\bcontinuous trauma[^.]{0,40}\b(?:from|beginning|starting|since)\b",
    r"\b(?:symptoms|pain) (?:began|started|first (?:began|started|appeared)|(?:had )?onset)\b[^.]{0,30}",
    r"\bonset of (?:symptoms|pain)\b[^.]{0,30}",
)
_REQUEST = re.compile("|".join(f"(?:{p})" for p in REQUEST_DATE), re.I)
_SERVICE = re.compile("|".join(f"(?:{p})" for p in SERVICE_DATE), re.I)
_ONSET = re.compile("|".join(f"(?:{p})" for p in ONSET), re.I)


def _plausible(d: dt.date, text: Text) -> bool:
    return (text.injury is None or d >= text.injury) and (text.as_of is None or d <= text.as_of)


def read_dates(text: Text, reading: Reading) -> None:
    """`dates.request` from the RFA (else the date of service UR referenced) and `dates.onset`."""
    service: list[tuple[int, str, dt.date]] = []
    for pos, s in text.numbered():
        m = _REQUEST.search(s) or _SERVICE.search(s)
        # the date the phrasing dates: the first one from where the phrasing starts
        d = next((d for d, at in find_dates(s) if at >= m.start() and _plausible(d, text)), None) if m else None
        if d is not None and _REQUEST.search(s):
            reading.add("dates.request", d, s, "dates", position=pos)
        elif d is not None:
            service.append((pos, s, d))
        onset = _ONSET.search(s)
        if onset:
            ds = [d for d, _ in find_dates(s[onset.start():])]
            if ds and text.injury and ds[0] < text.injury:
                reading.add("dates.onset", ds[0], s, "dates", position=pos)
    if not reading.of("dates.request"):
        for pos, s, d in service:
            reading.add("dates.request", d, s, "dates", position=pos)
