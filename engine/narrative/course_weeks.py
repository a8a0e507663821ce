"""How long a course of treatment ran, in weeks, as the record states it (`TreatmentCourse.weeks`): "CBT for six
weeks", "completed 4 weeks of a functional restoration program", "attended a 6-week course of PT".

Only a length written in weeks is read: a count of sessions states no weeks (the field's description), and a length in
months or days is not converted (the record did not state weeks). A range ("6 to 8 weeks") gives its lower end, the
length documented. The length belongs to the treatment named right next to it: written before the name ("N weeks of",
"a N-week course of", "a N-week program"), or after it in the same clause ("for N weeks", "over N weeks", "x N weeks",
past a frequency or a body part but not past a word that starts another statement ("and", "then", "off work")).
"""

from __future__ import annotations

import re

from engine.narrative.textnum import WHOLE_NUM, to_number

#: how the record writes the unit of a length in weeks, one a row ("4 weeks", "x 2 wks", "a 6-wk course")
WEEK_UNITS: tuple[str, ...] = ("weeks", "week", "wks", "wk")
WEEK_UNIT = r"(?:" + "|".join(WEEK_UNITS) + r")\b"
#: a number of weeks, or a range of them ("6-8", "six to eight"): the first is the length documented
_WEEKS = rf"(?P<n>{WHOLE_NUM})(?:\s*(?:-|to)\s*{WHOLE_NUM})?[\s-]+{WEEK_UNIT}"
#: the words a course's name may call itself by between a length and the name ("a 6-week course of", "4 weeks of a")
COURSE_NOUNS: tuple[str, ...] = ("course", "program", "programme", "trial", "block", "series", "session", "regimen")
#: words that end a length's reach to a name: another statement starts ("6 weeks ago, then PT"), one a row
WEEKS_BREAKS: tuple[str, ...] = (
    "and", "or", "then", "but", "ago", "later", "after", "before", "since", "prior", "until", "off", "work", "was",
    "were", "is", "of no", "without", "postoperatively", "post-operatively", "following",
)
_BREAK = r"(?:" + "|".join(re.escape(w) for w in WEEKS_BREAKS) + r")\b"
#: phrasings that write the length before the treatment's name, one a row; the name follows at the row's end
_ARTICLE_AND_WORDS = rf"(?:(?:an?|the|his|her|formal|outpatient)\s+)?(?:(?!{_BREAK})[a-z-]+\s+){{0,2}}$"
WEEKS_BEFORE: tuple[str, ...] = (
    # "completed 2 of 6 weeks of the program": the weeks done, not the weeks planned
    rf"(?P<n>{WHOLE_NUM})\s+(?:out\s+)?of\s+(?:the\s+)?(?:\w+\s+)?{WHOLE_NUM}[\s-]+{WEEK_UNIT}\s+(?:of\s+)?"
    + _ARTICLE_AND_WORDS,
    # "4 weeks of a functional restoration program", "six weeks of CBT", "a 6-week course of PT", "a 6-week program"
    rf"{_WEEKS}\s+(?:(?:{'|'.join(COURSE_NOUNS)})\s+)?(?:of\s+)?" + _ARTICLE_AND_WORDS,
)
#: phrasings that write the length after the treatment's name, in its clause, one a row
WEEKS_AFTER: tuple[str, ...] = (
    # "CBT for six weeks", "PT twice a week for 6 weeks", "acupuncture x 4 weeks", "therapy over 8 weeks"
    rf"^(?P<gap>[^.;,]{{0,40}}?)\b(?:for|over|lasting|x)\s+(?:(?:about|approximately|roughly|a total of|another)\s+)?"
    rf"{_WEEKS}",
)
_BEFORE = [re.compile(p, re.I) for p in WEEKS_BEFORE]
_AFTER = [re.compile(p, re.I) for p in WEEKS_AFTER]
_GAP_BREAK = re.compile(r"\b" + _BREAK, re.I)
#: how far before a name a length may be written
_REACH = 80


def course_weeks(s: str, start: int, end: int) -> float | None:
    """The weeks the sentence `s` states for the treatment named at `start`..`end`, or None."""
    before = s[max(0, start - _REACH):start]
    for rx in _BEFORE:
        m = rx.search(before)
        if m:
            return to_number(m.group("n"))
    after = s[end:end + _REACH]
    for rx in _AFTER:
        m = rx.search(after)
        if m and not _GAP_BREAK.search(m.group("gap")):
            return to_number(m.group("n"))
    return None
