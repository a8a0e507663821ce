"""Dates the summary states: when the disputed request was made, and when the symptoms began.

The request date (of the Request for Authorization, RFA, or of "the request" as UR received it) picks the
guideline version in force; when the summary gives no such date, the date of service the utilization review
referenced stands in for it (the request comes from that visit), and failing that the latest date on which a
provider requested or ordered a service. Symptom onset counts only when it is earlier than the injury date (a
cumulative-trauma claim): guideline windows then count from it.
"""

from __future__ import annotations

import datetime as dt
import re

from engine.narrative.evidence import Reading
from engine.narrative.tables import any_of
from engine.narrative.text import Text
from engine.narrative.textnum import find_dates, first_period

_RFA = r"(?:request for authori[sz]ation|\brfa\b)(?: form)?"
_DATE = r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|[a-z]{3,9}\.? \d{1,2},? \d{4}|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}-[a-z]{3}-\d{2,4}"
#: phrasings that date the Request for Authorization, one per row; the date is in the same sentence
REQUEST_DATE: tuple[str, ...] = (
    rf"{_RFA}[^.]{{0,30}}\b(?:dated|received|signed|submitted|sent|on)\b",     # "The RFA form was dated 11/18/2016"
    rf"\bon [^.]{{4,22}}?,? (?:the )?{_RFA}",                                # "On 12-19-2016, the RFA requested"
    rf"\b{_RFA} (?:of|from) ",                                               # "the RFA of 11/14/2016"
    r"\bon [^.]{4,22}?,? (?:the (?:treating |primary )?(?:physician|provider) )?requested authori[sz]ation",
    r"\bon [^.]{4,22}?,? a request (?:for authori[sz]ation )?was (?:received|made|submitted)",  # "On December 13, 2016 a request was received"
    r"\bthe request was (?:received|submitted|made)\b[^.]{0,40}?\bon",       # "the request was received by UR on"
    rf"\bdate of (?:the )?(?:{_RFA}|request)\b",                              # "Date of RFA: ...", "the date of request"
    r"\brequest (?:form )?(?:was )?dated\b",                                  # "a request dated 05/09/2016"
    r"\breceived (?:a|the) request\b[^.]{0,40}?\bon\b",                      # "UR received a request ... on"
    rf"\b(?:an?|the) (?:{_DATE}) {_RFA}",                                      # "A 05/24/2016 RFA requested"
    rf"\b(?:submitted|made|sent) (?:a|an|the) (?:request|{_RFA})\b",           # "the surgeon submitted a request on X"
    rf"{_RFA}:?\s*(?=(?:{_DATE})\b)",                                          # "RFA 12-04-2020: ...", "RFA: 1/12/2018"
    rf"\b(?:request|{_RFA}) date\b",                                          # "Request date: 04 May 2016"
    # the date first, then who submitted the request: "On 05/02/2016 the treating physician submitted a request for
    # authorization"
    rf"\bon [^.]{{4,22}}?,? (?:the |a |an )?(?:treating |primary |requesting )?(?:physician|provider|doctor|surgeon|"
    rf"specialist|practitioner|office)? ?(?:submitted|made|sent) (?:a|an|the) (?:request|{_RFA})",
)
#: phrasings that date an order or a request made at a visit (used when no RFA date and no date of service UR
#: referenced is given): the request in dispute is the latest of them
ORDER_DATE: tuple[str, ...] = (
    r"\bon [^.]{4,22}?,? (?:the )?(?:treating |primary |requesting )?(?:physician|provider|doctor|surgeon|"
    r"specialist|practitioner)\b[^.]{0,20}?\b(?:requested|ordered|prescribed)\b",  # "On X, the provider requested"
    # the date written between the provider and the verb: "The treating physician, on 03/08/2017, requests"
    r"\b(?:physician|provider|doctor|surgeon|specialist|practitioner),? on [^.]{4,22}?,? (?:requests|requested|"
    r"orders|ordered|prescribes|prescribed)\b",
    r"\b(?:was|were) (?:requested|ordered) on\b",                               # "Physical therapy was requested on"
    r"\b(?:requested|ordered) [^.]{3,60}? on\b",                                # "ordered physical therapy on"
    r"\b(?:progress )?(?:report|note|evaluation|visit) (?:dated|of|on) [^.]{4,22}? (?:included|includes|"
    r"contained|made) (?:a|the) request\b",                                     # "A report dated X included a request"
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
    # the body parts between: "the onset of neck and shoulder pain on X"
    r"\bonset of (?:(?:his|her|their|the) )?(?:[a-z]+,? (?:and |or )?){1,4}?(?:symptoms|pain)\b[^.]{0,30}",
)
#: phrasings that date the utilization review's decision, one per row; the date follows the phrasing within a
#: few words ("Utilization review dated 01/28/2015", "On 02/18/2015, utilization review non-certified", "denied by
#: utilization review on 02/12/2015", "UR 07/10/2015 non-certified"). Read only when no header gives the UR date.
_UR = r"(?:utilization review|\bUR\b)"
#: the words that may name the review's paper after "UR" ("the UR denial letter of X"), one a row
UR_PAPERS: tuple[str, ...] = (
    r"decision", r"determination", r"denial", r"letter", r"denial letter", r"determination letter", r"decision letter",
    r"notice", r"report",
)
_UR_PAPER = "|".join(sorted(UR_PAPERS, key=len, reverse=True))
UR_DATE: tuple[str, ...] = (
    rf"{_UR}(?: (?:{_UR_PAPER}))?,? (?:(?:was |is )?dated|of|on)?\s*",                       # "UR dated X", "UR X"
    rf"\bon\s*(?=[^.]{{4,22}}?,? {_UR})",                                                      # "On X, UR non-certified"
    rf"\b(?:denied|non-?certified|modified|certified) by {_UR} (?:on|dated)\s*",               # "denied by UR on X"
    rf"{_UR} (?:on|dated) [^.]{{0,4}}",                                                          # "Utilization review on X"
    rf"{_UR} (?:denied|non-?certified|modified|certified)\b[^.]{{0,40}}? (?:on|dated)\s*",        # "UR denied the request on X"
    rf"{_UR} (?:denial|denied|non-?cert(?:ified|ification)?\.?|modified|certified|upheld)(?:/\w+)?:?\s*",  # "UR denied 12-14-2020"
    # the review's own word without "UR": "the request was non-certified on X" (certifying is what UR does)
    r"\bnon-?certifi(?:ed|cation) (?:on|dated|of)\s*",
)
#: a date just ahead (for a phrasing whose words before "on" may reach past another "on": "hurt on the job on X")
_DATE_AHEAD = r"(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d)"
#: phrasings that date the injury, one per row; the date follows within a few words ("sustained an industrial
#: injury on X", "date of injury of X", "was injured on X", "injured at work on X", "hurt his low back on X")
INJURY_DATE: tuple[str, ...] = (
    r"(?:industrial |work[- ]related )?injury(?: on| of| dated)?,?\s*(?:on\s+)?(?:or about\s+)?",
    # "the injury occurred on X", "the industrial injury was on X", "the date of injury is X"
    r"\binjury (?:is|was|occurred|happened|took place)(?: on)?\s+(?:or about\s+)?",
    r"\b(?:was |were )?(?:injured|hurt)\b(?: [a-z]+){0,4}? on\s+(?:or about\s+)?" + _DATE_AHEAD,   # "... on or about X"
    r"\b(?:DOI|D/I)\b:?\s*(?:of\s+|on\s+)?",                          # "DOI 08/15/2017", "(DOI: 2/14/2016)", "D/I:"
    # the injury named with a few words of its own before its date: "an injury at work on X", "injury to his low
    # back on X"
    r"\binjury(?: [a-z]+){1,4}? on\s+(?:or about\s+)?" + _DATE_AHEAD,
    r"\b(?:injured|hurt)\s+",                                           # "a 45-year-old woman injured 4/14/2017"
)
#: the words that introduce an injury written as a period ("cumulative trauma from A to B", "CT 1/1/2014 - 3/4/2015",
#: "DOI: 01/01/2014 - 03/04/2015"), one a row: a cumulative trauma claim, whose injury date is the period's end and
#: whose onset is its start (`Dates.onset` is the earlier date of a cumulative trauma claim; Labor Code §5412 dates
#: such an injury when the disability from the exposure began and was known to be work-caused, not at its start).
#: "CT" names the claim only in capitals, since "a CT of the spine" is a scan, and only right before its period.
PERIOD_INJURY: tuple[str, ...] = (
    r"\bcumulative(?:[- ]trauma)?(?: \(CT\))?(?: (?:industrial )?(?:injury|claim))?",
    r"\bcontinuous(?:[- ]trauma)?(?: \(CT\))?(?: (?:industrial )?(?:injury|claim))?",
    r"(?-i:\bCT\b)", r"\b(?:DOI|D/I)\b", r"\bdates? of (?:industrial )?injury\b", r"\binjury dates?\b",
)
_PERIOD_INJURY = [re.compile(p, re.I) for p in PERIOD_INJURY]
#: what may stand between those words and the period's first date ("from", "between", "for the period of", ": ")
_PERIOD_LEAD = re.compile(r"[\s:,()]*(?:(?:is|was|of|dated|for the period(?: of)?|during|covering|spanning)\s+)?"
                          r"(?:(?:from|between)\s+)?", re.I)
#: the farthest a period's second date may end from its first words
_PERIOD_REACH = 70


def summary_injury_period(summary: str) -> tuple[dt.date, dt.date, str] | None:
    """(onset, injury, sentence) when the summary writes the injury as a period (`PERIOD_INJURY`): a cumulative trauma
    claim, injured at the period's end, its symptoms begun at its start."""
    for row in _PERIOD_INJURY:
        for m in row.finditer(summary):
            period = first_period(summary[m.end():m.end() + _PERIOD_REACH], _PERIOD_LEAD)
            if period:
                start = summary.rfind(". ", 0, m.start()) + 1
                end = summary.find(". ", m.end())
                return period[0], period[1], summary[start:end if end >= 0 else len(summary)].strip()
    return None


#: the injuring event dated ("slipped and fell at work on X", "strained her back lifting a box on X"): read only in
#: the summary's opening sentences, where the injury is introduced, and never against an injury year stated
#: earlier (a later flare, or a fall at home, is no injury date)
INJURY_EVENT: tuple[str, ...] = (
    r"\b(?:fell|slipped|tripped|twisted|strained|sprained|struck|crushed|lifting)\b(?: [a-z]+){0,5}? on\s+",
    # the date first: "On 04/01/2016 he slipped on a wet floor at work and injured his low back"
    r"\bon\s+(?=[^.]{4,22}?,? (?:he|she|they|the (?:patient|applicant|worker|employee|injured worker)) "
    r"(?:\w+ )?(?:fell|slipped|tripped|twisted|strained|sprained|struck|was struck|crushed|injured|hurt)\b)",
)
#: an injury the summary names as another, earlier one ("a prior injury on 03/04/2010"): not the claim's
_EARLIER_INJURY = re.compile(r"\b(?:prior|previous|earlier|non-?industrial|unrelated)\s+(?:\w+\s+)?"
                             r"injur", re.I)
#: how many opening sentences may introduce the injury by its event
_OPENING = 2
#: an injury with its year ("industrial injury to the neck in 2012", "injured in March 2012")
_INJURY_YEAR = re.compile(r"\binjur\w*\b[^.]{0,60}?\b((?:19|20)\d\d)\b", re.I)
_REQUEST = any_of(REQUEST_DATE)
_SERVICE = any_of(SERVICE_DATE)
_ORDER = any_of(ORDER_DATE)
_ONSET = any_of(ONSET)
_UR_DATE = [re.compile(p, re.I) for p in UR_DATE]
_INJURY_DATE = [re.compile(p, re.I) for p in INJURY_DATE]
_INJURY_EVENT = [re.compile(p, re.I) for p in INJURY_EVENT]


def _plausible(d: dt.date, text: Text) -> bool:
    return (text.injury is None or d >= text.injury) and (text.as_of is None or d <= text.as_of)


def read_dates(text: Text, reading: Reading) -> None:
    """`dates.request` from the RFA (else the date of service UR referenced) and `dates.onset`."""
    service: list[tuple[int, str, dt.date]] = []
    ordered: list[tuple[int, str, dt.date]] = []
    for pos, s in text.numbered():
        m = _REQUEST.search(s) or _SERVICE.search(s) or _ORDER.search(s)
        # the date the phrasing dates: the first one from where the phrasing starts
        d = next((d for d, at in find_dates(s) if at >= m.start() and _plausible(d, text)), None) if m else None
        if d is not None and _REQUEST.search(s):
            reading.add("dates.request", d, s, "dates", position=pos)
        elif d is not None and _SERVICE.search(s):
            service.append((pos, s, d))
        elif d is not None:
            ordered.append((pos, s, d))
        onset = _ONSET.search(s)
        if onset:
            ds = [d for d, _ in find_dates(s[onset.start():])]
            if ds and text.injury and ds[0] < text.injury:
                reading.add("dates.onset", ds[0], s, "dates", position=pos)
    for tier in (service, ordered):
        if not reading.of("dates.request"):
            for pos, s, d in tier:
                reading.add("dates.request", d, s, "dates", position=pos)


def _dates_after(rows: list[re.Pattern[str]], text: str, reach: int = 22) -> list[tuple[dt.date, str]]:
    """Each date written right after a phrasing of `rows`, with its sentence, by table row order."""
    out: list[tuple[dt.date, str]] = []
    for row in rows:
        for m in row.finditer(text):
            found = find_dates(text[m.end():m.end() + reach])
            if found and found[0][1] <= 3:
                start = text.rfind(". ", 0, m.start()) + 1
                end = text.find(". ", m.end())
                out.append((found[0][0], text[start:end if end >= 0 else len(text)].strip()))
    return out


def _opening(summary: str) -> str:
    """The summary's first sentences, where the injury is introduced."""
    ends = [m.end() for m in re.finditer(r"\.\s", summary)]
    return summary[:ends[_OPENING - 1]] if len(ends) >= _OPENING else summary


def summary_injury_date(summary: str) -> dt.date | None:
    """The injury date the summary states ("sustained an industrial injury on X", "was injured on X"): the first
    phrasing, by table row order, that dates it; else the injuring event an opening sentence dates, unless the
    summary states an earlier injury year."""
    found = [f for f in _dates_after(_INJURY_DATE, summary) if not _EARLIER_INJURY.search(f[1])]
    if found:
        return found[0][0]
    event = _dates_after(_INJURY_EVENT, _opening(summary))
    if not event:
        return None
    years = [int(m.group(1)) for m in _INJURY_YEAR.finditer(summary)]
    return None if any(y < event[0][0].year for y in years) else event[0][0]


def summary_ur_date(summary: str) -> tuple[dt.date, str] | None:
    """The date of the utilization review in dispute, as the summary states it (used when no header line gives it):
    the latest review the summary dates, since an earlier one ("a prior utilization review dated X certified six
    sessions") is not the decision in dispute; None when a request for authorization is dated after it (that review
    was an earlier one, and the one in dispute is not dated)."""
    found = _dates_after(_UR_DATE, summary)
    if not found:
        return None
    latest = max(found, key=lambda f: f[0])
    requested = [d for d in request_phrasing_dates(summary) if d > latest[0]]
    return None if requested else latest


def request_phrasing_dates(summary: str) -> list[dt.date]:
    """The dates the summary's request phrasings give (`REQUEST_DATE`), each the first date from its phrasing."""
    out: list[dt.date] = []
    for sentence in re.split(r"(?<=\.)\s+", summary):
        m = _REQUEST.search(sentence)
        if m:
            out += [d for d, at in find_dates(sentence) if at >= m.start()][:1]
    return out
