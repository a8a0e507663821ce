"""How the worker is doing: work status, pain score, functional improvement, relief from drugs, the outcome of
conservative care as the record states it, and drug tests on record."""

from __future__ import annotations

import datetime as dt
import re

from engine.narrative.context import Assertion, affirmed, assertion, is_other_source
from engine.narrative.drugs import DRUGS
from engine.narrative.evidence import Reading
from engine.narrative.history import FI_POS_OBJ, KINDS, REQUEST_CUE, STILL_UNABLE
from engine.narrative.tables import any_of
from engine.narrative.text import Text
from engine.narrative.textnum import NUM, find_dates, month_number, to_number

#: how the record states a work status, one phrasing a row. A longer phrasing holds a shorter one of another status
#: ("not currently working" holds "currently working"): the longer is what the sentence says (`_work_statuses`)
WORK_STATUS: tuple[tuple[str, str], ...] = (
    (r"\boff (?:of )?work\b", "off_work"),
    (r"temporar\w* total(?:ly)? disab\w*", "off_work"), (r"total temporary disab\w*", "off_work"),
    (r"\bTTD\b", "off_work"), (r"permanent\w* (?:and )?total(?:ly)? disab\w*", "off_work"),
    (r"\bnot (?:currently |presently |now )?(?:working|employed)\b", "off_work"),
    (r"\bnot (?:appear|seem) to be working\b", "off_work"),
    (r"\b(?:did|does) not (?:appear|seem) that (?:\w+ ){1,3}(?:was|is) working\b", "off_work"),
    (r"\bunable to work\b", "off_work"), (r"\bhas not (?:worked|returned to work)\b", "off_work"),
    (r"\bno longer (?:working|employed)\b", "off_work"), (r"\bunemployed\b", "off_work"),
    (r"modified (?:work|duty|duties)", "modified_duty"), (r"work restrictions", "modified_duty"),
    (r"restricted (?:work|duty)", "modified_duty"), (r"light duty", "modified_duty"),
    (r"return(?:ed)? to work with restrictions", "modified_duty"), (r"\d+[- ]pound lifting", "modified_duty"),
    (r"working with (?:modification|restriction)s?", "modified_duty"), (r"part[- ]time", "modified_duty"),
    (r"lifting (?:limitation|restriction)", "modified_duty"), (r"temporar\w* partial(?:ly)? disab\w*", "modified_duty"),
    (r"\bTPD\b", "modified_duty"), (r"\bwith (?:work )?restrictions\b", "modified_duty"),  # "full time with restrictions"
    (r"\bretired\b", "off_work"),
    (r"full (?:duty|time)", "full_duty"), (r"regular (?:work|duty)", "full_duty"), (r"continues to work", "full_duty"),
    (r"currently working", "full_duty"), (r"without restrictions", "full_duty"),
    # the worker's own job ("returned to her usual job", "works his usual job")
    (r"\b(?:returned to|works?|working|back to|performing) (?:at )?(?:his |her |their |the )?(?:usual|regular|normal|"
     r"customary|same|full) (?:job|work|duties|duty|occupation)\b", "full_duty"),
    # "is returned to his usual and customary duties"
    (r"\b(?:returned to|back to) (?:his |her |their |the )?usual and customary (?:job|work|duties|duty|occupation)\b",
     "full_duty"),
)
_WORK_STATUS = [(re.compile(p, re.I), status) for p, status in WORK_STATUS]


def _work_statuses(s: str) -> list[tuple[int, str, int]]:
    """(start, status, end) of every work-status phrasing in `s`, leaving out one that lies inside a longer phrasing
    of another status ("currently working" inside "not currently working")."""
    found = sorted(((m.start(), status, m.end()) for rx, status in _WORK_STATUS for m in rx.finditer(s)),
                   key=lambda f: (f[0], -f[2]))
    return [f for f in found if not any(g is not f and g[1] != f[1] and g[0] <= f[0] and f[2] <= g[2]
                                        and g[2] - g[0] > f[2] - f[0] for g in found)]


#: work before the injury is no work status ("he worked full duty at the time of injury")
_PRE_INJURY = re.compile(r"\b(?:prior to|before|at the time of) (?:the |his |her |this )?(?:industrial |work )?"
                         r"(?:injury|accident)\b", re.I)
#: a work status is stated when affirmed or in the past; "not working" is itself a status, so negation is no cue for
#: the off-work phrasings, while a negated full or modified duty ("has not returned to full duty") states neither
_NEGATION = frozenset({Assertion.negated})
_STATED = (Assertion.affirmed, Assertion.historical)
#: "rated 7/10", "8 out of 10", "5-7 out of 10" (a range gives its upper bound: the pain reached), "0-3 of 10"
_PAIN = re.compile(r"(?<![\d/.-])(?:(\d{1,2}(?:\.\d)?)\s*(?:-|to)\s*)?(\d{1,2}(?:\.\d)?)\s*(?:/|out of|of|over|"
                   r"on a (?:pain )?scale of (?:0|1|zero|one) ?(?:-|to) ?|on a)\s*10(?![\d/])", re.I)
#: the number words a pain score may be written in, zero to ten ("rated four on a scale of zero to ten", "seven out of
#: ten"), one a row with its value
SCORE_WORDS: dict[str, int] = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                               "eight": 8, "nine": 9, "ten": 10}
_SW = "|".join(SCORE_WORDS)
#: a score written in words, its scale's words after it ("four out of ten", "four on a scale of zero to ten"): read as
#: the digits `_PAIN` reads (`score_digits`)
_SCORE_IN_WORDS = re.compile(rf"(?<![\w-])(?P<n>{_SW})\s+(?P<mid>out of|on a (?:pain )?scale (?:of|from) "
                             rf"(?:zero|one|0|1) ?(?:-|to) ?)\s*(?:ten|10)\b", re.I)


def score_digits(s: str) -> str:
    """The sentence with each pain score written in words written in digits ("rated four on a scale of zero to ten"
    -> "rated 4 on a scale of 0 to 10"), for `_PAIN`; other words are left as they are."""
    def digits(m: re.Match[str]) -> str:
        mid = re.sub(r"\bzero\b", "0", re.sub(r"\bone\b", "1", m.group("mid"), flags=re.I), flags=re.I)
        mid = mid.replace("from ", "of ")
        return f"{SCORE_WORDS[m.group('n').lower()]} {mid}{'' if mid.endswith(' ') else ' '}10"
    return _SCORE_IN_WORDS.sub(digits, s)


#: a change of the score ("a decrease in pain from 7/10 to 4/10"): the score it came to is the current one
_PAIN_NOW = re.compile(r"\b(?:pain|burning|aching|symptoms|it)\b[^.]{0,40}?\bfrom (\d{1,2})\s*(?:/|out of)?\s*(?:10)? (?:down )?to (\d{1,2}(?:\.\d)?)\s*(?:/|out "
                       r"of)\s*10(?![\d/])", re.I)
#: every name of a visit therapy, as the history reader names them ("physical therapy", "PT", "physiotherapy",
#: "chiropractic", "acupuncture", "occupational therapy"): care that failed or helped is named the same ways
_THERAPY = "|".join(f"(?:{pat})" for _, pat in KINDS)
_HYPOTHETICAL = re.compile(r"\b(?:if|would|should|goal|expect\w*|hope\w*)\b", re.I)
#: the record states no functional improvement, one phrasing a row
NO_IMPROVEMENT: tuple[str, ...] = (
    r"\bno (?:documented |objective |significant )?(?:functional )?improvement",
    r"without (?:any )?(?:objective )?functional improvement", r"function (?:was |remained |is )?unchanged",
    # the treatment itself "not helping": no benefit, so no improvement from it
    r"(?:" + _THERAPY + r"|therapy|treatment|medications?|care)\b[^.]{0,30}\b(?:(?:is|was|were|are|has been|have been) "
    r"[\"\u201c]?not (?:helping|helpful|beneficial|effective)|(?:did|does|do|has|have) not help(?:ed)?)\b",
    # "no change in his ability to walk", "no change in function is documented"
    r"\bno (?:\w+ )?change in (?:his |her |their |the )?(?:ability|function\w*|activit\w*|adls?|activities of daily "
    r"living)\b",
    r"\b(?:about|essentially|basically) (?:the same|unchanged)[\"\u201d]? (?:functionally|in function)",
    r"\bfunctionally (?:unchanged|the same|no better)\b",
    # improvement the worker feels but no function gained: "subjective improvement only", "only subjective benefit"
    r"\bsubjective (?:improvement|benefit|relief) only\b", r"\bonly (?:a )?subjective (?:improvement|benefit)\b",
    # "completed the therapy without meaningful change", as "no significant improvement"
    r"\bwithout (?:any )?(?:meaningful|significant|appreciable|measurable) (?:change|improvement|gains?)\b",
    # a change in a tolerance or ADLs named with its activity: "no change in sitting tolerance or ADLs"
    r"\bno (?:\w+ )?change in (?:his |her |their |the )?(?:\w+ )?(?:tolerance|endurance)\b",
    # an activity still not possible after or despite a treatment: "despite 8 sessions of PT she still cannot lift"
    r"\b(?:despite|after|even with|in spite of)\b[^.;]{0,80}" + STILL_UNABLE,
    STILL_UNABLE + r"[^.;]{0,80}\b(?:despite|even with|in spite of)\b",
)
_NO_FI = any_of(NO_IMPROVEMENT)
#: the drugs named as what a score is read with or without ("with medications", "w/o meds", "on Norco", "off
#: the medication")
_WITH_DRUGS = (r"(?:with(?:out)?|w/o?|on|off) (?:the |his |her )?(?:medications?|meds|"
               + "|".join(sorted((re.escape(n) for n in DRUGS), key=len, reverse=True)) + r")\b")
#: a score out of ten
_OF_TEN = r"\d+\s*(?:/|out of)\s*10"
#: how the record quantifies relief, one phrasing a row: a percent, or two scores (before and after, with and without
#: the drugs); one score alone quantifies no relief
RELIEF_STATED: tuple[str, ...] = (
    r"\b\d{1,3}\s*(?:%|percent)\s*(?:pain )?(?:relief|improvement|reduction|decrease|better)(?! in (?:\w+ )?"
    r"(?:function|adls?|activities|mobility|range|strength))",
    r"(?:reduc|decreas|improv|lower)\w*(?: \S+){0,6} pain(?: \S+){0,3}? from \d+(?:\s*(?:/|out of)\s*10)? to \d+",
    r"pain\w*(?: \S+){0,3}? (?:decreased|went|dropped|reduced|improved|fell) (?:down )?from \d+",
    r"pain\w*(?: \S+){0,3}? (?:decreases|goes|drops|comes|falls|improves) (?:down )?from \d+",   # "his pain drops from 7 to 3"
    # a drug's effect on pain as a percent ("Meds decrease pain ~50%", "reduces his pain by about 40%")
    r"(?:decreas|reduc|lower|reliev|improv)\w* (?:the |his |her |their )?pain (?:by )?(?:about |approximately |~ ?)?"
    r"\d{1,3}\s*(?:%|percent)",
    r"\bpain\b[^.]{0,30}\bfrom " + _OF_TEN + r" (?:down )?to \d+",
    r"pain (?:is |was )?(?:" + _OF_TEN + r" )?" + _WITH_DRUGS + r"[^.]{0,40}" + _OF_TEN,
    _OF_TEN + r",? " + _WITH_DRUGS + r"[^.]{0,40}?" + _OF_TEN,
    _OF_TEN + r"[^.]{0,40}?" + _OF_TEN + r",? " + _WITH_DRUGS,
    r"\b\d{1,2}\s*(?:->|-->|\u2192)\s*\d{1,2}\s*(?:/|out of)\s*10",           # "pain drops 7->4/10"
    # half in words: "cuts his pain roughly in half", "reduces the pain by about half"
    r"(?:cut|reduc|decreas|lower|reliev)\w* (?:the |his |her |their )?pain (?:\w+ )?(?:in half|by (?:about |roughly |"
    r"approximately )?(?:a )?half)",
)
_RELIEF = any_of(RELIEF_STATED)
_NO_RELIEF = re.compile(r"\bno (?:documented |quantified )?(?:pain )?relief\b|\bnot (?:been )?(?:helpful|effective)\b|"
                        r"\bnot helping\b|\bnot (?:proven )?(?:particularly )?beneficial\b", re.I)
#: a number of days short of six weeks (1 to 41): "relief for 60 days" is more than six weeks, no failure
_SHORT_DAYS = r"(?:[1-9]|[1-3]\d|4[01])(?!\d)"
#: phrasings that say conservative care failed, one a row
FAILED_CARE: tuple[str, ...] = (
    r"none of which (?:has |have )?(?:helped|produced|provided|gave|resulted)", r"temporary relief", r"short[- ]lived",
    r"\bonly (?:about |approximately )?(?:\w+ ){0,2}(?:days?|weeks?) of relief",
    # days or weeks of relief short of six weeks ("3 days of relief", "two weeks of relief"; not "12 weeks of relief")
    r"\b(?:" + _SHORT_DAYS + r"|a few|one|two|three|four|five|six|several) days of relief",
    r"\b(?:[1-5]|a few|one|two|three|four|five)(?:\s*(?:-|to)\s*[1-5])? weeks of relief", r"relief (?:that )?(?:lasted|for) only",
    r"(?:symptoms|pain) (?:returned|recurred|came back)",
    r"(?:without|with no) (?:sustained|lasting|significant|any) (?:relief|improvement|benefit)",
    # relief that lasted days, or weeks short of the six the CPMTG asks of an injection's relief before a repeat
    # ("each helping for 3-4 weeks", "30% relief for two weeks"; not "50% relief for about 6 weeks")
    r"\b(?:helping|helped|relief|reliev\w+) (?:only )?for (?:about |approximately )?(?:(?:" + _SHORT_DAYS + r"(?:\s*(?:-|to)\s*"
    + _SHORT_DAYS + r")?|a few|one|two|three|four|five|six|several) days|(?:[1-5](?:\s*(?:-|to)\s*[1-5])?|a few|one|two|three|four|five) weeks)\b",
    r"fail\w* (?:\w+ ){0,3}(?:conservative|" + _THERAPY + r"|therapy|treatment|medications|splint\w*|bracing|"
    r"injections?|activity modification)",
    r"(?:conservative (?:care|treatment|management|measures)|" + _THERAPY + r"|therapy)[^.]{0,40}(?:without (?:\w+ )?"
    r"(?:improvement|relief|benefit)|failed|not help\w*|no (?:\w+ )?(?:improvement|relief|benefit))",
    r"persist\w* (?:despite|in spite of)", r"despite (?:\w+ ){0,4}(?:treatment|therapy|medications|conservative)",
    # care failed over a stated time: "has failed more than a year of conservative care"
    r"fail\w* (?:more than |over |at least |nearly |almost )?(?:a|an|several|many|" + NUM + r") (?:years?|months?|"
    r"weeks?) of (?:\w+ )?(?:conservative|care|treatment|therapy|" + _THERAPY + r")",
    r"(?:" + _THERAPY + r"|therapy|treatment|care|sessions|injections?)\b[^.]{0,40}\b(?:not helping|not (?:proven )?"
    r"(?:particularly )?(?:beneficial|helpful|effective))",
)
#: care failed, said of the care the sentence before lists, one phrasing a row ("Conservative care has included NSAIDs
#: and physical therapy. Despite this, the leg pain persists"; "Treatments tried: NSAIDs, PT. None of these has given
#: lasting benefit")
FAILED_CARE_BEFORE: tuple[str, ...] = (
    r"\bdespite (?:this|these|that|all of this|all of these|the above|them|those)\b[^.]{0,40}\b(?:persist\w*|"
    r"continu\w*|remains?|unchanged|worse)",
    r"\bnone of (?:these|them|the above|those)(?: treatments| measures| modalities)? (?:has|have|had) (?:\w+ )?"
    r"(?:given|provided|helped|produced|brought|resulted)",
)
_FAILED_CARE = any_of(FAILED_CARE + FAILED_CARE_BEFORE)
#: care the record says is working ("six sessions of physical therapy with significant benefit"), one a row
CARE_HELPING: tuple[str, ...] = (
    r"(?:" + _THERAPY + r"|therapy|treatment|care|sessions)\w*[^.]{0,30}\bwith (?:significant|good|great|vast|marked|"
    r"some) (?:benefit|improvement|relief|results)",
    r"(?:significant|good|great|vast|marked) (?:improvement|benefit|relief)[^.]{0,20}\b(?:with|from) (?:the )?"
    r"(?:\w+ )?(?:" + _THERAPY + r"|therapy|treatment|sessions)",
    r"\b(?:improving|responding (?:well )?) (?:with|to) (?:the )?(?:\w+ )?(?:" + _THERAPY + r"|therapy|treatment|care)",
)
_CARE_HELPING = any_of(CARE_HELPING)
#: the record states no conservative care was tried yet, one phrasing a row: care not tried has not failed (False)
NO_CARE_YET: tuple[str, ...] = (
    r"\b(?:has|had|have) not (?:yet )?(?:had|tried|received|undergone|attempted) (?:any )?conservative (?:care|treatment)",
    r"\bno conservative (?:care|treatment) (?:has|have|had) (?:yet )?been (?:tried|given|attempted|provided)",
)
_NO_CARE_YET = any_of(NO_CARE_YET)
#: an activity of daily living the worker is able to do, one phrasing a row; being able to take, tolerate or afford a
#: drug, or to control pain, is no activity
NOT_ACTIVITIES = r"(?!(?:tolerate|afford|obtain|fill|take|get|reduce|decrease|control|manage|not|only|barely|hardly)\b)"
ABLE_TO: tuple[str, ...] = (
    r"(?<![\w-])able to " + NOT_ACTIVITIES + r"\w+",
    # restful sleep, an activity of daily living in the AMA Guides' list (the regulation names ADLs without listing
    # them): "with medications she sleeps through the night"
    r"\b(?:sleeps|sleeping|slept) through the night\b",
    r"\b(?:lets?|letting|permits?|permitted) (?:him|her|the (?:patient|applicant|injured worker)) (?:to )?\w+",
    r"\b(?:he|she|they|patient|applicant|worker) (?:now )?can (?:now )?" + NOT_ACTIVITIES + r"\w+",  # "she can walk"
)
_ABLE_TO = any_of(ABLE_TO)
#: the treatment the same sentence credits with it ("with medications", "the medication lets him"), one a row
BY_TREATMENT: tuple[str, ...] = (
    r"\bwith (?:the |his |her |(?:the )?current )?(?:medications?|meds|treatment|therapy|injections?|(?:pain )?"
    r"medicines?)\b",
    # a therapy named: "with physical therapy she is able to walk her dog", "since starting acupuncture"
    r"\b(?:with|since (?:starting|beginning|completing)|after (?:completing )?(?:\w+ )?(?:sessions of )?)\s*"
    r"(?:the |his |her )?(?:" + _THERAPY + r")",
    r"\b(?:medications?|meds|medicines?|treatment|therapy)\b(?= (?:lets?|permits?|permitted|allows?|allowed|enables?|"
    r"enabled)\b)",
    # a drug named: 'Naproxen "lets him work a full day"'
    r"\b(?:" + "|".join(sorted((re.escape(n) for n in DRUGS), key=len, reverse=True)) + r")\b\W{0,3}(?:lets?|permits?|"
    r"allows?|enables?)\b",
)
_BY_TREATMENT = any_of(BY_TREATMENT)
_DRUG_NAMES = "|".join(sorted((re.escape(n) for n in DRUGS), key=len, reverse=True))
#: a treatment that governs its whole clause, one a row: fronted ("She reports that with medications her pain
#: decreases ... and she is able to do light housework"), or the subject of joined verbs ("the meloxicam reduces his
#: pain ... and lets him garden"); an ability later in the clause is credited to it however far it stands
CLAUSE_TREATMENT: tuple[str, ...] = (
    r"(?:^|\bthat |\b(?:reports?|reported|states?|stated|notes?|noted),? )\s*with (?:the |his |her |(?:the )?current )?"
    r"(?:medications?|meds|treatment|therapy|(?:pain )?medicines?)\b",
    r"\b(?:" + _DRUG_NAMES + r"|medications?|meds)\b[^.;]{0,60}?\band (?:lets?|permits?|allows?|enables?) (?:him|her|"
    r"them)\b",
)
_CLAUSE_TREATMENT = any_of(CLAUSE_TREATMENT)
#: what ends the clause a governing treatment reaches, one a row (a joined "and she" does not)
HARD_BREAKS: tuple[str, ...] = (r"[;.:]", r"\bbut\b", r"\bhowever\b", r"\bwhile\b", r"\bwhereas\b", r"\balthough\b")
_HARD_BREAK = any_of(HARD_BREAKS)
#: an ability written as new ("he can now lift 30 lb", "she is now able to walk a mile"), one a row: in a sentence that
#: names the treatment, a gain from it
NEW_ABILITY: tuple[str, ...] = (
    r"\b(?:can now|now can|now (?:\w+ )?able to) " + NOT_ACTIVITIES + r"\w+",
)
_NEW_ABILITY = any_of(NEW_ABILITY)
#: a treatment named in the sentence (a course of visits, the drugs, an injection)
_TREATMENT_NAMED = re.compile(r"\b(?:" + "|".join(f"(?:{pat})" for _, pat in KINDS) + r"|therapy|treatment|visits|"
                              r"sessions|medications?|meds|injections?|blocks?|" + _DRUG_NAMES + r")\b", re.I)


def new_ability(s: str) -> bool:
    """The sentence names a treatment and an ability written as new ("He has attended 9 physical therapy visits and
    reports that he can now lift 30 lb"): an improvement in activities of daily living since the treatment."""
    if not _TREATMENT_NAMED.search(s) or _ABILITY_BEFORE.search(s):
        return False
    return any(affirmed(s, m.start(), m.end()) is True for m in _NEW_ABILITY.finditer(s))


def enabled_activity(s: str) -> bool:
    """The sentence credits a treatment with an activity the worker is able to do ("with medications she is able to do
    light housework", "able to mow the lawn with medications", "medication lets him do self care"): a clinically
    significant improvement in activities of daily living from it (8 CCR §9792.20, functional improvement)."""
    for m in _ABLE_TO.finditer(s):
        if affirmed(s, m.start(), m.end()) is not True:
            continue
        for t in _CLAUSE_TREATMENT.finditer(s, 0, m.end()):
            if t.start() < m.start() and not _HARD_BREAK.search(s, t.end(), m.start()) and not _ABILITY_BEFORE.search(s[t.start():m.end()]):
                return True
        for t in _BY_TREATMENT.finditer(s):
            lo, hi = min(m.start(), t.start()), max(m.end(), t.end())
            between = s[lo:hi]
            # one clause: no clause or sentence break between, and within a few words of each other ("able to walk
            # 2 blocks; he continues with medications", "able to drive ... and is compliant with medications": no)
            if _CLAUSE_BREAK.search(between) or len(re.findall(r"[\w'-]+", between)) > ENABLED_REACH:
                continue
            # an ability before the injury is no improvement from the treatment ("prior to the injury he was able to
            # run daily with therapy", "was able to garden with medications before the injury, but now cannot")
            clause = _clause_around(s, lo, hi)
            if _ABILITY_BEFORE.search(clause):
                continue
            return True
    return False


#: how many words may stand between the ability and the treatment credited with it, counting both
ENABLED_REACH = 12
#: what ends a clause between an ability and a treatment, one a row
CLAUSE_BREAKS: tuple[str, ...] = (r"[;.:]", r"\band (?:is|was|has|he|she|continues|remains)\b", r"\bbut\b",
                                  r"\bhowever\b", r"\bwhile\b", r"\bwhereas\b", r"\balthough\b")
_CLAUSE_BREAK = any_of(CLAUSE_BREAKS)
#: words that place an ability before the injury, one a row (the work-status reader's `_PRE_INJURY` is its own)
ABILITY_BEFORE_INJURY: tuple[str, ...] = (
    r"\b(?:prior to|before) (?:the |his |her |this |that )?(?:industrial |work(?:-related)? )?(?:injury|accident|"
    r"incident|fall|industrial)\b",
    r"\bpre-?injury\b", r"\bpreviously\b", r"\bused to\b", r"\bbut (?:now|currently|presently) (?:cannot|can't|is unable)\b",
)
_ABILITY_BEFORE = any_of(ABILITY_BEFORE_INJURY)


def _clause_around(s: str, lo: int, hi: int) -> str:
    """The sentence's clause holding s[lo:hi], with what follows up to the next semicolon or full stop."""
    start = max(s.rfind(";", 0, lo), s.rfind(".", 0, lo)) + 1
    ends = [i for i in (s.find(";", hi), s.find(".", hi)) if i >= 0]
    return s[start:min(ends) if ends else len(s)]


#: a sentence about drugs: relief read there is relief from the drug (an injection's relief is the injection's)
_ABOUT_DRUGS = re.compile(r"\b(?:medications?|meds|drugs?|analgesics?|opioids?|narcotics?|\d+ ?mg|"
                          + "|".join(sorted((re.escape(n) for n in DRUGS), key=len, reverse=True)) + r")\b", re.I)
_INJECTION = re.compile(r"\binjections?\b|\bblocks?\b|\besis?\b|\bepidural\b|\bablation\b|\brhizotomy\b", re.I)
_DRUG_TEST = re.compile(r"urine (?:drug|toxicology)|\buds\b|drug (?:screen|test)", re.I)


#: words that mark a score as today's, one a row ("rated 7/10 without medication ..., and today rates it 5/10")
CURRENT_SCORE: tuple[str, ...] = (r"today", r"currently", r"presently", r"at present", r"now", r"at this visit",
                                  r"at today's visit")
_CURRENT_BEFORE = re.compile(r"\b(?:" + "|".join(CURRENT_SCORE) + r")\b(?:[^.;,\d]{0,25})$", re.I)
_CURRENT_AFTER = re.compile(r"^\s*(?:" + "|".join(CURRENT_SCORE) + r")\b", re.I)


def _current_score(s: str) -> re.Match[str] | None:
    """Of a sentence's several pain scores, the one it marks as today's; None when it gives one score or marks none."""
    found = list(_PAIN.finditer(s))
    if len(found) < 2:
        return None
    return next((m for m in found if _CURRENT_BEFORE.search(s, 0, m.start()) or _CURRENT_AFTER.match(s[m.end():])), None)


#: a score given with the drugs the worker takes ("7/10 without medications and 4/10 with medications", "5/10 on
#: Norco"): of a sentence's scores with and without them, the current pain is the one with them. One a row, written
#: after the score or before it
WITH_DRUGS_AFTER: tuple[str, ...] = (
    r"^\s*(?:with|w/(?!o)|on) (?:the |his |her |current )?(?:medications?|meds|" + _DRUG_NAMES + r")\b",
)
WITH_DRUGS_BEFORE: tuple[str, ...] = (
    r"\b(?:with|w/(?!o)|on) (?:the |his |her |current )?(?:medications?|meds|" + _DRUG_NAMES + r"),? (?:[\w']+ ){0,4}$",
)
_WITH_AFTER = any_of(WITH_DRUGS_AFTER)
_WITH_BEFORE = any_of(WITH_DRUGS_BEFORE)
_WITHOUT_DRUGS = re.compile(r"\b(?:without|w/o|off)\b", re.I)


def _score_with_drugs(s: str) -> re.Match[str] | None:
    """Of a sentence's scores with and without the drugs, the one with them; None unless it gives both."""
    found = list(_PAIN.finditer(s))
    if len(found) < 2 or not _WITHOUT_DRUGS.search(s):
        return None
    return next((m for m in found if _WITH_AFTER.match(s[m.end():]) or _WITH_BEFORE.search(s[:m.start()])), None)


def read_work_and_pain(text: Text, reading: Reading) -> None:
    """Work status (off work, modified duty, full duty) and the first pain score given."""
    for pos, s in text.numbered():
        if is_other_source(s):
            continue
        # every status the sentence states; the last one written is the latest ("placed on modified duty, but
        # the employer could not accommodate, and he has been off work since")
        found = [(start, name) for start, name, end in _work_statuses(s)
                 if assertion(s, start, end, ignore=_NEGATION if name == "off_work" else frozenset()) in _STATED]
        if found and not _PRE_INJURY.search(s):
            reading.add("findings.work_status", found[-1][1], s, "status", position=pos)
        said = s
        s = score_digits(s)   # "rated four on a scale of zero to ten": the score in digits (the evidence as written)
        with_drugs = _score_with_drugs(s)
        m = _PAIN_NOW.search(s) or _current_score(s) or with_drugs or _PAIN.search(s)
        if m is with_drugs and with_drugs is not None:
            # the complaint is the one the sentence rates first ("7/10 without medications and 4/10 with them")
            rated = _PAIN.search(s)
            if rated is not None and float(rated.group(2)) > 0 and affirmed(s, rated.start(), rated.end()) is True:
                reading.add("findings.symptoms_persist", True, said, "status", position=pos)
        if m and float(m.group(2)) <= 10:
            reading.add("findings.pain_score", float(m.group(2)), said, "status", position=pos)
            if float(m.group(2)) > 0 and affirmed(s, m.start(), m.end()) is True:
                # a pain rated above zero at a visit is the complaint reported there ("LBP 6/10"), as a complaint is
                # (`findings.COMPLAINT_AT_VISIT`): the latest visit's reading decides `symptoms_persist`
                reading.add("findings.symptoms_persist", True, said, "status", position=pos)


def read_improvement(text: Text, reading: Reading) -> None:
    """Objective functional improvement from the current treatment (medications included), and quantified
    relief from the drugs, where the sentence asserts them (not "possible improvement", not a reviewer's words)."""
    for pos, s in text.numbered():
        if _HYPOTHETICAL.search(s) or is_other_source(s):
            continue  # a conditional or hoped-for improvement is not documented improvement
        m = FI_POS_OBJ.search(s)
        if (m and affirmed(s, m.start(), m.end()) is True) or enabled_activity(s) or new_ability(s):
            reading.add("findings.functional_improvement", True, s, "status", position=pos)
        elif _NO_FI.search(s):
            reading.add("findings.functional_improvement", False, s, "status", position=pos)
        m = _RELIEF.search(s)
        if m and affirmed(s, m.start(), m.end()) is True and _ABOUT_DRUGS.search(s) and not _INJECTION.search(s):
            reading.add("findings.pain_relief_documented", True, s, "status", position=pos)
        if _NO_RELIEF.search(s) and _ABOUT_DRUGS.search(s):
            reading.add("findings.pain_relief_documented", False, s, "status", position=pos)


def read_conservative_care(text: Text, reading: Reading) -> None:
    """The outcome of conservative care where the record states it: failed ("despite therapy", "without relief",
    "not helping") or working ("therapy with significant benefit", "vast improvement with chiropractic"). That care
    on record with a persisting complaint has failed is the rules' definition (`derived.failed_conservative_care`),
    not a reading."""
    for pos, s in text.numbered():
        if is_other_source(s):
            continue
        m = _FAILED_CARE.search(s)
        if m:
            value = affirmed(s, m.start(), m.end())
            if value is not None:
                reading.add("findings.failed_conservative_care", value, s, "status", position=pos)
        elif _CARE_HELPING.search(s) or _NO_CARE_YET.search(s):
            reading.add("findings.failed_conservative_care", False, s, "status", position=pos)


#: a date written as a month and year only ("03/2015", "March 2015"), one a row: read as the month's first day, so a
#: test is within the year only when the whole month is
MONTH_YEAR: tuple[str, ...] = (
    r"(?<![\d/-])(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)(?![\d/])",
    r"\b(?P<name>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (?:of )?(?P<y2>(?:19|20)\d\d)\b",
)
_MONTH_YEAR = any_of(MONTH_YEAR)


def month_years(s: str) -> set[dt.date]:
    """The month-and-year dates of a sentence, each as its month's first day."""
    out = set()
    for m in _MONTH_YEAR.finditer(s):
        month = int(m.group("m")) if m.group("m") else month_number(m.group("name"))
        out.add(dt.date(int(m.group("y") or m.group("y2")), month, 1))
    return out


_UDT = r"(?:urine (?:drug|toxicology) (?:screens?|tests?|testing)|uds|drug (?:screens?|tests?|testing))"
_PAST_YEAR = r"(?:in|within|during|over) the (?:past|last|prior|preceding) (?:12 months|twelve months|year)"
#: a number of drug tests the record counts within the past year, one phrasing a row ("two urine drug screens in the
#: past 12 months", "UDS x4 in the last year", "no urine drug testing ... in the past year": 0)
DRUG_TESTS_COUNTED: tuple[str, ...] = (
    rf"\b(?P<n>{NUM}) (?:random )?{_UDT}\b[^.;]{{0,30}}?\b{_PAST_YEAR}",
    rf"\b{_UDT}\s*x\s*(?P<x>\d+)\b[^.;]{{0,20}}?\b{_PAST_YEAR}",
    rf"\b(?P<no>no) (?:random )?{_UDT}\b[^.;]{{0,40}}?\b{_PAST_YEAR}",
)
_DRUG_TESTS_COUNTED = any_of(DRUG_TESTS_COUNTED)


#: other kinds of opioid monitoring a sentence may date beside a drug test, one a row: a date written after one of them
#: ("UDS on 01/10 and 07/18 were consistent, a CURES report reviewed on 08/29") is not a drug test's
OTHER_MONITORING: tuple[str, ...] = (
    r"\bcures\b", r"\bpdmp\b", r"prescription (?:drug )?monitoring", r"\b(?:opioid |pain |treatment |narcotic )?"
    r"(?:agreement|contract)\b", r"\bpill counts?\b",
)
_OTHER_MONITORING = any_of(OTHER_MONITORING)


def _drug_test_dates(s: str) -> set[dt.date]:
    """The dates a sentence writes for its drug tests: each date unless the monitoring named last before it is of
    another kind (a CURES report, an agreement)."""
    named = sorted([(m.start(), True) for m in _DRUG_TEST.finditer(s)]
                   + [(m.start(), False) for m in _OTHER_MONITORING.finditer(s)])
    out = set()
    for d, at in find_dates(s):
        before = [test for start, test in named if start < at]
        if not before or before[-1]:
            out.add(d)
    return out


def read_drug_tests(text: Text, reading: Reading) -> None:
    """Urine drug tests the record dates within the year before the request (a full date, or a month and year), or
    counts within the past year (`DRUG_TESTS_COUNTED`)."""
    dates = set()
    for pos, s in text.matching(_DRUG_TEST):
        if REQUEST_CUE.search(s) or is_other_source(s):
            continue
        counted = _DRUG_TESTS_COUNTED.search(s)
        if counted:
            n = 0 if counted.group("no") else to_number(counted.group("n") or counted.group("x"))
            if n is not None and (counted.group("no") or affirmed(s, counted.start(), counted.end()) is True):
                reading.add("findings.drug_tests_past_year", int(n), s, "status", position=pos)
                continue
        written = _drug_test_dates(s) or month_years(s)
        found = {d for d in written if text.as_of and 0 <= (text.as_of - d).days <= 365}
        if found:
            dates |= found
            reading.add("findings.drug_tests_past_year", len(dates), s, "status", position=pos)


#: how the record names a sleep complaint
_INSOMNIA = (r"(?:insomnia|difficulty (?:falling |staying )?(?:asleep|sleeping)|trouble (?:falling |staying )?"
             r"(?:asleep|sleeping)|sleep (?:disturbances?|difficult\w*|problems|issues|complaints)|(?:poor|disrupted|"
             r"interrupted) sleep|unable to sleep)")
#: how long it has lasted, one phrasing a row
_INSOMNIA_FOR = re.compile("|".join(f"(?:{p})" for p in (
    rf"{_INSOMNIA}[^.]{{0,40}}?\b(?:for|over|during|x) (?:the (?:past|last) )?(?:about |approximately |nearly |over |"
    rf"more than |at least )?(?P<n>{NUM}|a|one) (?P<unit>months?|years?|weeks?)",      # "insomnia for six months"
    rf"(?P<n2>{NUM})[- ](?P<unit2>months?|years?|weeks?)[- ](?:history of )?{_INSOMNIA}",  # "a 6-month history of"
)), re.I)
_INSOMNIA_SINCE_INJURY = re.compile(rf"{_INSOMNIA}[^.]{{0,40}}?\bsince (?:the |his |her )?(?:industrial |work )?"
                                    rf"(?:injury|accident)", re.I)
_PER_MONTH = {"week": 12 / 52, "month": 1.0, "year": 12.0}


def read_insomnia_duration(text: Text, reading: Reading) -> None:
    """How long the insomnia complaint has lasted, in months ("insomnia for the past six months", "a one-year
    history of difficulty sleeping", "trouble sleeping since the injury")."""
    for pos, s in text.numbered():
        if is_other_source(s):
            continue
        m = _INSOMNIA_FOR.search(s)
        if m and affirmed(s, m.start(), m.end()) is True:
            raw = m.group("n") or m.group("n2")
            n = 1.0 if raw.lower() in ("a", "one") else to_number(raw)
            unit = (m.group("unit") or m.group("unit2")).lower().rstrip("s")
            if n is not None:
                reading.add("findings.insomnia_months", round(n * _PER_MONTH[unit], 1), s, "status", position=pos)
                continue
        m = _INSOMNIA_SINCE_INJURY.search(s)
        if m and text.injury and text.as_of and affirmed(s, m.start(), m.end()) is True:
            months = round((text.as_of - text.injury).days / 30.44, 1)
            reading.add("findings.insomnia_months", months, s, "status", position=pos)
