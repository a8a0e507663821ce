"""Numbers and dates as IMR letters write them: "five (5)", "twelve", "10-14-2016", "10/14/16", "May 22, 2014"."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from engine.limits import fact_number_problem

WORDS = {
    "zero": 0, "no": 0, "one": 1, "a single": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "twenty-four": 24, "twenty four": 24, "thirty": 30, "forty": 40, "sixty": 60, "ninety": 90,
    "a dozen": 12, "dozen": 12, "once": 1, "twice": 2, "thrice": 3, "several": None, "a few": None, "multiple": None, "numerous": None,
}
#: the compound tens ("twenty-one" .. "ninety-nine", hyphenated or spaced), one count each
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
WORDS.update({f"{t}{sep}{u}": tv + uv for t, tv in _TENS.items() for u, uv in _UNITS.items() for sep in ("-", " ")})
WORDS.update({t: tv for t, tv in _TENS.items() if t not in WORDS})
_WORD_ALT = "|".join(sorted((re.escape(w) for w in WORDS if WORDS[w] is not None), key=len, reverse=True))
#: a number in digits or words, optionally followed by its digits in parentheses: "five (5)"
NUM = rf"(?:\d+(?:\.\d+)?|(?:{_WORD_ALT}))(?:\s*\(\d+\))?"
NUM_RE = re.compile(NUM, re.I)
#: the same, standing alone: a word not inside another word ("ten" is not in "attended"), digits not the second half
#: of a spinal level ("L4-5") nor a level's own digits ("L5", "S1", "C5-6")
WHOLE_NUM = (rf"(?:(?<![\d.])(?<![A-Za-z]\d-)(?<![CTLSctls])\d+(?:\.\d+)?|(?<![A-Za-z])(?:{_WORD_ALT})(?![A-Za-z]))"
             rf"(?:\s*\(\d+\))?")


def holdable(value: float | None) -> float | None:
    """The number, or None when no case may hold it (`engine.limits`: a 23-digit count is no count)."""
    return None if value is None or fact_number_problem(value) is not None else value


def to_number(text: str) -> float | None:
    """"5", "five", "five (5)" -> 5; None when it is not a number, or not one a case may hold."""
    t = text.strip().lower()
    m = re.search(r"\((\d+)\)", t)
    if m and not re.fullmatch(r"\d+(?:\.\d+)?", t[:m.start()].strip()):
        return holdable(float(m.group(1)))  # "five (5)"; in "12 (2015)" the digits are the number, the year another
    t = t[:m.start()].strip() if m else t
    t = re.sub(r"\s+", " ", t)
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return holdable(float(t))
    value = WORDS.get(t)
    return float(value) if value is not None else None


def to_int(text: str) -> int | None:
    """Like `to_number`, as an int."""
    v = to_number(text)
    return None if v is None else int(v)


#: the months' names and their numbers (January is 1)
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_MON_ALT = "|".join(list(MONTHS) + [m[:3] for m in MONTHS] + ["sept"])


def month_number(name: str) -> int:
    """The number of a month written in full or abbreviated ("March", "mar.", "Sept"); ValueError for no month."""
    mon = name.lower()[:3]
    for full, number in MONTHS.items():
        if full.startswith(mon) and len(mon) == 3:
            return number
    raise ValueError(f"{name!r} is no month")


#: the ways summaries write a date, one format per row: "2018-04-27" or "2018/04/27" (year first), "10-14-2016" or
#: "10/14/16" (month first, as US records write it), "May 22, 2014" or "Mar. 3rd, 2015", "22 May 2014" or "4th of May
#: 2016", "3-Mar-15" (day, month abbreviated, year)
DATE_FORMATS: tuple[str, ...] = (
    r"\b(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})\b(?![-/])",
    r"\b(?P<m>\d{1,2})[-/.](?P<d>\d{1,2})[-/.](?P<y>\d{4}|\d{2})\b",
    rf"\b(?P<mon>{_MON_ALT})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})\b",
    rf"\b(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon3>{_MON_ALT})\.?,?\s+(?P<y3>\d{{4}})\b",
    rf"\b(?P<d4>\d{{1,2}})-(?P<mon4>{_MON_ALT})-(?P<y4>\d{{4}}|\d{{2}})\b",
)
DATE_RE = re.compile("|".join(DATE_FORMATS), re.I)


def _year(y: str) -> int:
    n = int(y)
    return n + (2000 if n < 50 else 1900) if len(y) == 2 else n


def parse_date(m: re.Match[str]) -> dt.date | None:
    """A date from a `DATE_RE` match, or None when the numbers are no date."""
    try:
        if m.group("iy"):
            return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if m.group("m"):
            return dt.date(_year(m.group("y")), int(m.group("m")), int(m.group("d")))
        month = month_number(m.group("mon") or m.group("mon3") or m.group("mon4"))
        if m.group("mon4"):
            return dt.date(_year(m.group("y4")), month, int(m.group("d4")))
        if m.group("mon3"):
            return dt.date(int(m.group("y3")), month, int(m.group("d3")))
        return dt.date(int(m.group("y2")), month, int(m.group("d2")))
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[dt.date, int]]:
    """Every date in the text with its offset."""
    out = []
    for m in DATE_RE.finditer(text):
        d = parse_date(m)
        if d is not None and 1950 <= d.year <= 2100:
            out.append((d, m.start()))
    return out


def mask_dates(text: str) -> str:
    """The text with every date written as one short word ("the MRI of November 4, 2016, showed" -> "the MRI of
    DATE, showed"): a reader whose phrasings reach across a few words then reaches as far however the date is
    written (10-4-16 or October 4, 2016)."""
    return DATE_RE.sub("DATE", text)


#: the ways summaries write a month without its day, one format per row: "03/2014" or "3-2014", "June 2015" or "Jun.,
#: 2015"; never part of a full date ("03/04/2014", "June 4, 2015", "4 June 2015"). The schema's dates are days, so a
#: month is no `Dates` field; a surgery list dates an operation by it (`surgery.MONTH_DATED`)
MONTH_FORMATS: tuple[str, ...] = (
    r"(?<![\d/.-])(?P<mm>0?[1-9]|1[0-2])\s*[/-]\s*(?P<my>(?:19|20)\d\d)\b(?!\s*[-/.]\d)",
    rf"(?<!\d\s)(?<!\d)\b(?P<mname>{_MON_ALT})\.?,?\s+(?P<mny>(?:19|20)\d\d)\b",
)
MONTH_RE = re.compile("|".join(MONTH_FORMATS), re.I)


def parse_month(m: re.Match[str]) -> tuple[int, int]:
    """(year, month) from a `MONTH_RE` match."""
    if m.group("mm"):
        return int(m.group("my")), int(m.group("mm"))
    return int(m.group("mny")), month_number(m.group("mname"))


#: the words between the two dates of a period ("01/01/2014 - 03/04/2015", "January 1, 2014 through March 4, 2015"),
#: one a row
PERIOD_JOINS: tuple[str, ...] = (r"-", r"\u2013", r"\u2014", r"to", r"through", r"thru", r"until", r"till", r"and")
_PERIOD_JOIN = re.compile(r"\s*(?:" + "|".join(PERIOD_JOINS) + r")\s*", re.I)


def first_period(text: str, lead: re.Pattern[str] | None = None) -> tuple[dt.date, dt.date, str] | None:
    """The first period the text writes as two dates joined by a `PERIOD_JOINS` word, the earlier first, with the
    text before it; with `lead`, only a period whose preceding text `lead` matches in full ("from ", ": ")."""
    found = list(DATE_RE.finditer(text))
    for a, b in itertools.pairwise(found):
        d1, d2 = parse_date(a), parse_date(b)
        if d1 is None or d2 is None or not d1 < d2 or not _PERIOD_JOIN.fullmatch(text, a.end(), b.start()):
            continue
        if lead is None or lead.fullmatch(text, 0, a.start()):
            return d1, d2, text[:a.start()]
        return None
    return None


def first_date(text: str) -> dt.date | None:
    """The first date in the text, or None."""
    found = find_dates(text)
    return found[0][0] if found else None
