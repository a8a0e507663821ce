"""Current drugs: which the worker takes, since when, and whether the record ties benefit to each."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from engine.facts import Medication, drug_benefit
from engine.narrative.context import Assertion, affirmed, assertion, is_other_source
from engine.narrative.drugs import DRUG_NAME_RE, find_drugs, find_misspelled, find_topicals
from engine.narrative.evidence import Reading
from engine.narrative.history import FI_POS_OBJ, STILL_UNABLE
from engine.narrative.requests import parse_directions, unit_strength
from engine.narrative.tables import any_of
from engine.narrative.text import Text
from engine.narrative.textnum import find_dates, holdable
from engine.vocab import Service, for_pain

#: phrasings that make a sentence about the drugs taken, one a row (a drug named in a sentence with none of them, a
#: request, a plan or a reviewer's words, is not read as taken)
MED_CUES: tuple[str, ...] = (
    r"\bmedications?\b", r"\bmeds\b", r"\bmedication regimen\b", r"\bpharmacolog\w*", r"\bprescriptions?\b",
    r"\btaking\b", r"\btakes\b", r"\bhas taken\b", r"\busing\b", r"\buses\b", r"\butiliz\w+",
    r"\b(?:has|had) been on\b", r"\bis on\b", r"\bremains on\b", r"\bwas on\b", r"\bstarted on\b",
    r"\b(?:had been|was|were) started\b", r"\btreated with\b", r"\bdischarged (?:home )?with\b", r"\bintroduced\b",
    r"\bsince (?:starting|beginning)\b", r"\busage\b", r"\buse of\b",
    r"\b(?:previously|already|had been|has been) prescribed\b", r"\bprescribed [^.]{0,40}\bsince\b",
    r"\bcontinue[sd]?\b", r"\brefill", r"\bcurrent(?:ly)?\b", r"\b(?:was|were|been|is|are) prescribed\b",
    r"\bongoing\b", r"\bplan (?:of care |of treatment )?(?:included|includes|consisted of)\b", r"\bdispensed\b",
    r"\b(?:controlled|managed|maintained) (?:\w+ )?(?:with|on)\b",            # "pain is controlled with Percocet"
    r"\b(?:provides?|provided|gives?|gave|with|from) (?:[\w%]+ ){0,3}(?:relief|benefit)\b",  # "Norco provides 50% relief"
    r"\brelief (?:with|from|on)\b", r"\bover[- ]the[- ]counter\b", r"\bOTC\b", r"\b(?:was|were) given\b",
    # a drug's own effect: "Norco helps reduce his pain", "Lyrica causes drowsiness", "Norco was increased"
    r"\b(?:helps?|helped|helpful|relieves?|decreases?|reduces?|improves?|allows?|enables?|causes?)\b",
    r"\b(?:increased|decreased|reduced|titrated|tapered) (?:to|from)\b",
    # a dose the worker changed or takes: "he decreased his Norco from 4 tablets a day", "2 tablets a day"
    r"\b(?:increased|decreased|reduced|lowered|cut|tapered|titrated) (?:his|her|their)\b",
    r"\b\d+ (?:tablets?|tabs?|pills?|capsules?|patch(?:es)?) (?:a|per) day\b",
    r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|milligrams?)\b",                              # a strength: "Norco 10/325 mg"
    r"(?:/\s*10|out of 10) (?:with|without)\b",                     # "7/10 with Norco and 9/10 without it"
    r"\b(?:switched|changed|transitioned) (?:\w+ )?(?:from|to)\b",
    # prescribing and using as some summaries write them: "Norco and Soma were renewed", "Tramadol was endorsed",
    # "asked to employ Mobic", "remained dependent on Norco", "Zanaflex was furnished"
    r"\brenew\w*", r"\bendorsed\b", r"\bfurnished\b", r"\bemploy\w*", r"\b(?:dependent|reliant) (?:up)?on\b",
    r"\b(?:attenuat|ameliorat)\w*", r"\b(?:beneficial|effective|efficacious)\b",
    # a drug added to what is taken, and the regimen named without "medication": "Zanaflex was added to the regimen",
    # "his pain regimen includes Norco", "current medicines include Prilosec"
    r"\b(?:was|were|has been|have been|had been) added\b", r"\bregimen\b", r"\bmedicines?\b",
)
#: a drug taken, written just before the drug's name: "off of work and on Norco"
_ON_WORD = re.compile(r"\b(?:on|using|taking|takes|uses)\s", re.I)
_ON_DRUG = re.compile(r"\b(?:on|using|taking|takes|uses)\s+(?:\w+\s+)?$", re.I)
_MED_CUE = any_of(MED_CUES)
#: a sentence that opens a list of the drugs ("Current medications:", "Medication list:", "Meds include")
_LIST_HEAD = re.compile(r"\b(?:medications?|meds|medication list|medication regimen)\b[^.:]{0,30}:|"
                        r"\b(?:medications?|meds)\b[^.]{0,20}\b(?:include[sd]?|included|consist\w*|listed|are|were)\b",
                        re.I)
#: a sentence that is one entry of such a list: a drug name first ("2. Omeprazole 20 mg daily.")
_LIST_ENTRY = re.compile(r"^\s*(?:\(?\d{1,2}[.)]\s*|[-*\u2022]\s*)?(?P<name>[A-Za-z][\w/-]*(?: [A-Za-z][\w/-]*)?)")
#: the words that say a drug was stopped, one a row: the one stop vocabulary every stop table below is built from
#: (`STOP`), each a whole word. Each reads both as a past participle ("Soma was discontinued", "both d/c'd") and as the
#: verb before the drug ("stopped Norco", "weaned himself off tramadol"); "taken off" and "came off" work or duty stop
#: no drug
STOP_VOCABULARY: tuple[str, ...] = (
    r"discontinu\w*",                           # discontinued, self-discontinued, discontinuation
    r"stopped", r"ceased", r"d/c'?d", r"dc'?d",
    r"weaned (?:\w+ )?(?:off|from)", r"tapered (?:\w+ )?off",
    r"(?:taken|came) off(?! (?:of )?(?:work|duty)\b)",
)
STOP = r"\b(?:" + "|".join(STOP_VOCABULARY) + r")(?!\w)"
#: phrasings that say a drug is no longer taken, or was only tried before; each with how far before the drug (in
#: characters) it reaches, None for the whole clause ("Previous medications included Norco and Lyrica")
PAST_CUES: tuple[tuple[str, int | None], ...] = (
    (r"\b(?:previous|prior|past|former|old|earlier) (?:\w+ )?(?:medications?|meds|prescriptions|drugs|regimen)\b", None),
    (r"\b(?:medications?|meds) (?:\w+ ){0,2}(?:previously|in the past)\b", None),
    (r"\b(?:previously|formerly) (?:\w+ ){0,2}(?:tried|trialed|taken|taking|used|using|on|prescribed)\b", None),
    (r"\b(?:has|have|had) (?:\w+ )?(?:tried|trialed|failed)\b", 60), (r"\bfailed (?:\w+ ){0,2}(?:trials? (?:of|with) )?", 40),
    (r"\btrials? (?:of|with)\b", 25), (r"\btried\b", 40),
    (STOP, None), (r"\bno longer\b", None),
    (r"\b(?:switched|changed|transitioned) (?:\w+ )?from\b", 40),
    (r"\bintoleran\w*|\bcould not tolerate\b|\bdid not tolerate\b|\bnot tolerated\b", None),
    (r"\ballerg\w*", None), (r"\bin the past\b", None), (r"\bpreviously\b", None),
)
#: phrasings that say a drug is taken now; the nearer of a past and a current phrasing decides
CURRENT_CUES: tuple[str, ...] = (
    r"\bcurrent(?:ly)?\b", r"\bnow\b", r"\bpresently\b", r"\bstill\b", r"\bcontinu\w*", r"\bremains? on\b",
    r"\bongoing\b", r"\bresumed\b", r"\b(?:switched|changed|transitioned) (?:\w+ )?to\b", r"\binstead\b",
    r"\b(?:switched|changed|transitioned) from [\w/-]+(?: [\w/-]+)? to\b",     # "switched from Norco to tramadol"
    r"\b(?:is|are) (?:taking|using|on)\b", r"\btakes\b", r"\buses\b", r"\brefill\w*", r"\bdispensed\b",
    r"\b(?:was|were) (?:prescribed|started|given)\b", r"\brenew\w*",
)
#: phrasings that stop the drugs of the list just before them, in their own clause or the clause before it ("tried
#: gabapentin, which caused dizziness, and nortriptyline, which did not help; both were stopped"), one a row; "both"
#: is the last two drugs named, and a drug the clause says is taken now ("currently takes Norco ..., and previously
#: tried gabapentin and Lyrica; both were stopped") is not of the list (`_stopped_together`)
STOPPED_TOGETHER: tuple[str, ...] = (
    r"\b(?:both|all|all of them|each|these|they)\s+(?:\w+\s+)?(?:were|was|have been|had been|has been)\s+"
    r"(?:\w+\s+)?" + STOP,
    STOP + r" (?:them|both|all of them)\b",
    # the note's shorthand, without a verb: "both d/c'd", "both discontinued"
    r"\b(?:both|all)\s+" + STOP,
)
_TOGETHER = any_of(STOPPED_TOGETHER)
#: phrasings that stop the one drug named last before them, by a pronoun ("was given naproxen previously but stopped
#: it due to GI upset", "was on tramadol until 02/2018, when it was stopped"), one a row
STOPPED_PRONOUN: tuple[str, ...] = (
    r"(?:" + STOP + r"|\bquit)\s+(?:of\s+)?(?:taking\s+|using\s+)?it\b",     # "stopped it", "weaned off of it"
    r"\bit\s+(?:was|has been|had been)\s+(?:\w+\s+)?" + STOP,
    # a drug run out of and not taken up again: "ran out of tramadol and has not refilled it"
    r"\b(?:has|have|had|did) not (?:\w+ )?(?:refilled|refill|restarted|restart|resumed|resume|renewed|renew) it\b",
)
_PRONOUN_STOP = any_of(STOPPED_PRONOUN)
#: phrasings written right after a drug's entry (its name, strength and count) that stop that drug alone ("Soma was
#: discontinued", "Norco (discontinued)", "Soma 350 (stopped 1/2016)"), one a row; they outweigh a current phrasing
#: written for another drug before it ("Norco was refilled and Soma was discontinued")
STOPPED_RIGHT_AFTER: tuple[str, ...] = (
    r"\(\s*(?:was\s+|now\s+)?(?:" + STOP + r"|no longer taking|not taking|weaned)",
    r"(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?" + STOP,
)
#: what may stand between a drug's name and what is written about it: strengths, counts and forms ("350 mg",
#: "10/325", "#90", "tablets"). Each piece takes a whole run of digits (the look-aheads), so that a long number
#: ("99999999999999999999999") is read one way only: a run that could be split anywhere made the match exponential.
DOSE_ENTRY = (r"(?:\s*(?:[\d./]+(?![\d./])(?:\s*(?:mg|mcg|%)(?!\w))?|#\s*\d+(?!\d)|(?:tablets?|tabs?|capsules?)\b))*"
              r"\s*")
_RIGHT_AFTER = re.compile(DOSE_ENTRY + "(?:" + "|".join(f"(?:{p})" for p in STOPPED_RIGHT_AFTER) + ")", re.I)
#: a parenthesis just after a drug's entry: the cues inside it belong to that drug, not to the drugs after it
_PAREN = re.compile(r"\([^()]*\)")
_DOSE_GAP = re.compile(DOSE_ENTRY, re.I)


def _mask_drug_parens(s: str) -> str:
    """The sentence with the parentheses that follow a drug's entry blanked ("Norco (discontinued), Naproxen": the
    stop is Norco's); a parenthesis after other words ("Prior medications (tried and failed): ...") is kept."""
    def blank(p: re.Match[str]) -> str:
        names = [d for d in DRUG_NAME_RE.finditer(s, 0, p.start())]
        own = names and _DOSE_GAP.fullmatch(s, names[-1].end(), p.start())
        return " " * len(p.group(0)) if own else p.group(0)
    return _PAREN.sub(blank, s)
_PAST = [(re.compile(p, re.I), reach) for p, reach in PAST_CUES]
_NOW = any_of(CURRENT_CUES)
#: a drug the latest visit prescribes ("Naprosyn was prescribed", "The treatment plan included meloxicam")
_PRESCRIBED = re.compile(r"\b(?:was|were) (?:prescribed|dispensed|given|started)\b|\bplan (?:of care |of treatment )?"
                         r"(?:included|includes|consisted of)\b|\bprescribed\b", re.I)
#: a sentence about the latest visit or its plan, one phrasing a row: a drug it starts is newly prescribed
LATEST_VISIT: tuple[str, ...] = (
    r"\bplan\b", r"\btoday(?:'s)?\b", r"\b(?:this|the current|the latest|the most recent) (?:visit|appointment|"
    r"evaluation|examination|follow-up)\b",
)
_LATEST_VISIT = any_of(LATEST_VISIT)
#: phrasings that start a drug, written just before its name, one a row ("the physician started gabapentin",
#: "Plan: begin Lyrica", "trial of Cymbalta"); in a sentence of the latest visit the drug is newly prescribed
START_CUES: tuple[str, ...] = (
    r"\bstart(?:ed|s)?\b", r"\bbegin\b|\bbegan\b", r"\binitiat(?:e|ed|es)\b", r"\b(?:a )?trials? (?:of|with)\b",
    r"\b(?:add|added|adds)\b",
)
_START = re.compile(r"(?:" + "|".join(f"(?:{p})" for p in START_CUES) + r")\s+(?:(?!and\b|or\b)[\w-]+\s+){0,2}$", re.I)
#: phrasings that start a drug, written just after its entry, one a row ("A Lidoderm patch was added today")
START_AFTER: tuple[str, ...] = (
    r"(?:was|were|has been|have been|is being) (?:added|started|begun|initiated)\b",
)
_START_AFTER = re.compile(r"^[\w/.-]*(?:\s+(?:[\d./]+\s*(?:mg|mcg|%)?|patch(?:es)?|cream|gel|tablets?|capsules?))*\s+(?:"
                          + "|".join(f"(?:{p})" for p in START_AFTER) + ")", re.I)
#: a trial the latest visit starts: not a drug tried before ("Treatment plan: trial of Cymbalta")
_TRIAL_NOW = re.compile(r"(?:" + "|".join(f"(?:{p})" for p in LATEST_VISIT) + r"|\bstart\w*|\bbegin\b|\binitiat\w*)"
                        r"[^.;]{0,30}?\btrials? (?:of|with)\b", re.I)


def _newly_prescribed(s: str, at: int) -> bool:
    """The drug named at `at` is prescribed at the latest visit: a sentence of prescribing with no word of taking it
    already, or its own clause starting it at the latest visit with no such word in that clause."""
    lo, hi = _clause(s, at)
    return (_PRESCRIBED.search(s) is not None and not _CURRENT.search(s)) or (
        _started_now(s, at) and not _CURRENT.search(s, lo, hi) and not _NOW.search(s, lo, hi))


def _started_now(s: str, at: int) -> bool:
    """The drug's clause, about the latest visit or its plan, starts the drug named at `at` (`START_CUES`); a
    clause of another time ("he started Norco in 2015; today ...") does not."""
    lo, hi = _clause(s, at)
    return _LATEST_VISIT.search(s, lo, hi) is not None and (
        _START.search(s[max(lo, at - 40):at]) is not None or _START_AFTER.search(s[at:hi]) is not None)


#: a sentence about a request or its review
_REQUESTED = re.compile(r"\brequest|\bRFA\b|\bnon-?certif|\bdenied\b|\bdenial\b|\bdisputed\b|\boriginal\b|"
                        r"\bauthori[sz]\w*|\bwould\b|\bshould\b|\bconsider", re.I)
#: words that make a sentence about a request still report current drugs
_CURRENT = re.compile(r"current|taking|has been on|continu\w*|ongoing|remains on|renew\w*|(?:has|had) been prescribed\b[^.]{0,40}"
                      r"\bsince\b", re.I)
#: a drug named just after these words is no longer taken
_STOPPED = re.compile(r"(?:" + STOP + r"|\bstop|\bstopping|switched from|changed from|"
                      r"instead of|no longer (?:taking|using|on))\s+"
                      r"(?:(?!to\b|with\b)\w+\s+){0,2}$", re.I)
#: phrasings that say the worker takes no drugs (so an empty list is known to be empty), one a row
NO_MEDICATIONS: tuple[str, ...] = (
    r"(?:not|denies|denied) (?:using|taking) any medications?", r"medications? (?:were|was) (?:stated to be )?none",
    r"no (?:current )?medications?",
    r"(?:never|not) (?:been )?(?:taken|prescribed|tried|used) (?:an? |any )?(?:anti-inflammator\w*|nsaids?|muscle "
    r"relaxants?|opioids?|narcotics?)",
    r"\b(?:medications?|meds)\s*:\s*none\b",                                   # "Current medications: None."
    r"\b(?:does|did|do) not (?:currently )?(?:take|use) any (?:\w+ )?medications?",
    r"\bden(?:ies|ied|y) (?:any )?(?:medication|drug) use\b",
)
_NONE = any_of(NO_MEDICATIONS)
_HYPOTHETICAL = re.compile(r"\b(?:if|would|should|goal|hope\w*)\b", re.I)
#: a drug's relief as a fall in the pain by a percentage, the verb before the pain: "takes her pain down by 30%",
#: "reduces his pain by about 40 percent" (group 1: the percentage)
PAIN_DOWN_BY = (r"\b(?:reduc|decreas|lower|cut|tak|bring|brought|get|got)\w* (?:his |her |their |the )?(?:[a-z]+ )?pain "
                r"(?:levels? |"
                r"scores? )?(?:down )?by (?:about |approximately |roughly |~)?(\d{1,3})\s*(?:%|percent)")
#: what a sentence naming a drug says of its benefit, one phrasing a row, kept apart as the functional-improvement test
#: asks (8 CCR 9792.20: function, not pain relief alone): pain relief, function, and benefit of either kind
DRUG_NO_RELIEF: tuple[str, ...] = (r"no (?:significant |meaningful )?relief", r"without relief")
DRUG_NO_HELP: tuple[str, ...] = (
    r"no (?:significant |meaningful )?benefit", r"without benefit", r"not (?:been )?(?:helpful|effective|helping)",
    r"did not help", r"ineffective",
    r"\b(?:does|do) not (?:really |much |seem to )?help\b", r"\b(?:doesn't|don't|didn't) (?:really |much )?help\b",
    r"\b(?:has|have|had|does|do|did) not (?:\w+ )?(?:reduc|decreas|eas|lessen|reliev|improv)\w* (?:his |her |their |the )?"
    r"(?:[a-z]+ )?pain\b",                                 # "it has not reduced her burning pain"
)
DRUG_NO_FUNCTION: tuple[str, ...] = (
    r"\b(?:no|without) (?:\w+ )?(?:functional (?:improvement|benefit|gains?)|improvement in (?:\w+ ){0,2}function\w*)",
    r"\bfunction\w* (?:has |have |had )?not improved", r"\bdid not improve (?:his |her |the )?function\w*",
    STILL_UNABLE,                                         # "on Norco she still cannot do household chores"
)
DRUG_NO_CHANGE: tuple[str, ...] = (
    r"unchanged", r"no (?:significant |meaningful )?(?:improvement|change)", r"without improvement",
)
DRUG_RELIEF: tuple[str, ...] = (
    r"\d+\s*(?:/|out of)\s*10[^.]{0,50}(?:compared (?:with|to)|down from|versus|vs\.?|from)[^.]{0,25}?"
    r"\d+\s*(?:/|out of)\s*10",
    r"(?:decreas|reduc|improv|lower|drop|went)\w* (?:\w+ ){0,4}from \d+",
    r"\d{1,3}\s*(?:%|percent) (?:\w+ )?(?:relief|reduction)", r"with (?:good|significant|meaningful) relief",
    PAIN_DOWN_BY,                                                  # "takes her pain down by 30%"
)
DRUG_OTHER_BENEFIT: tuple[str, ...] = (
    r"\d{1,3}\s*(?:%|percent) (?:\w+ )?improvement", r"able to", r"allows? (?:him|her)",
    r"helps? (?:him|her) (?:to )?(?:sleep|walk|work|function)", r"with (?:good|significant|meaningful) benefit",
)


_NO_BENEFIT = any_of(DRUG_NO_RELIEF + DRUG_NO_HELP + DRUG_NO_CHANGE)
_BENEFIT = any_of(DRUG_RELIEF + DRUG_OTHER_BENEFIT)
_NO_RELIEF = any_of(DRUG_NO_RELIEF + DRUG_NO_HELP)
_RELIEF = any_of(DRUG_RELIEF)
_NO_FUNCTION = any_of(DRUG_NO_FUNCTION + DRUG_NO_HELP)
#: function a drug gives, beside the functional-improvement phrasings of `history.FI_PHRASES`, one a row: "lets her do
#: her grocery shopping", "has returned to his usual walking routine"
DRUG_FUNCTION: tuple[str, ...] = (
    r"\blets (?:him|her|them|the (?:patient|applicant|injured worker)) (?!know\b|down\b|go\b)\w+",
    r"\b(?:returned|back) to (?:his|her|their) (?:usual|normal|regular|previous|prior|former) (?:[\w-]+ ){0,2}?"
    r"(?:routine|activities|activity|exercises?|hobbies|chores|program)\b",
)
_FUNCTION = any_of(DRUG_FUNCTION)
#: function that depends on the drug, one phrasing a row: "without it she cannot complete her shift" (the drug is what
#: lets her: function it gives, read before the no-function phrasings, which "cannot" would otherwise match)
DRUG_NEEDED_FOR: tuple[str, ...] = (
    r"\bwithout (?:it|them|this medication|the medication)\W+(?:\w+ ){0,3}?(?:cannot|can't|can not|could not|"
    r"couldn't|is unable to|was unable to|would be unable to|would not be able to|is not able to)\b",
)
_NEEDED_FOR = any_of(DRUG_NEEDED_FOR)
#: a pronoun that speaks of a drug the sentence before names ("Tramadol 50 mg twice a day. It reduces her pain by 30%")
_PRONOUN = re.compile(r"\b(?:it|its|the dose|this dose|the dosage)\b", re.I)


def pronoun_drugs(text: Text) -> dict[int, str]:
    """The drug each sentence that names none speaks of by a pronoun ("It reduces her pain by 30%", "8/10 without it
    and 6/10 with it"): the one drug the sentence before names, or speaks of in the same way; a sentence that names
    two drugs, or none and no pronoun, ends the chain."""
    out: dict[int, str] = {}
    prev: str | None = None
    for pos, s in text.numbered():
        named = {g for _, g, _ in find_drugs(s)} | {g for _, g in find_topicals(s)}
        if named:
            prev = next(iter(named)) if len(named) == 1 else None
        elif prev is not None and _PRONOUN.search(s):
            out[pos] = prev
        else:
            prev = None
    return out
#: relief a drug gives, one phrasing a row: "50% pain relief", "decreases his pain from 8/10 to 4/10"
_PERCENT_RELIEF = re.compile(r"(\d{1,3})\s*(?:%|percent)\s*(?:\w+ ){0,2}?(?:pain )?(?:relief|reduction|decrease|"
                             r"improvement|less pain)", re.I)
_PAIN_DOWN_BY = re.compile(PAIN_DOWN_BY, re.I)
_FROM_TO = re.compile(r"from (\d{1,2}(?:\.\d)?)(?:\s*(?:/|out of)\s*10)? (?:down )?to (\d{1,2}(?:\.\d)?)\s*(?:/|out of)"
                      r"\s*10", re.I)
#: a pain score, and the "with" or "without" (the drug) nearest before it: "8/10 without and 4/10 with Norco"
_SCORE = re.compile(r"(?<![\d/.])(\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*10(?![\d/])", re.I)
_WITH = re.compile(r"\bwith(out)?\b", re.I)
_MONTH_YEAR = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\s+(\d{4})", re.I)


@dataclass
class Medications:
    """The drugs read, and whether the record lists the current drugs (so an empty list means none)."""

    drugs: list[Medication] = field(default_factory=list)
    listed: bool = False


#: phrasings that date a drug's first prescription, written after the drug, one a row: "Robaxin since at least
#: 11-8-16", "first prescribed on 11/04/2015", "dispensed as early as 02/20/2016", "first documented in March 2016"
SINCE_LEADS: tuple[str, ...] = (
    r"\bsince (?:at least )?",
    r"\bfirst (?:\w+ )?(?:prescribed|dispensed|documented|noted|started|given|filled)(?: on| in)? ",
    r"\bas (?:early|far back) as ",
)
_SINCE_LEADS = [re.compile(rf"(?:[^.;]|\.(?=\d)){{0,60}}?{p}(.{{0,20}})", re.I) for p in SINCE_LEADS]


def _since(s: str, written: str, as_of: dt.date | None) -> dt.date | None:
    """The date a drug was first prescribed, from the first phrasing of `SINCE_LEADS` after its name that is
    followed by a date."""
    start = re.search(re.escape(written), s, re.I)
    if not start:
        return None
    for rx in _SINCE_LEADS:
        m = rx.match(s, start.end())
        if not m:
            continue
        ds = find_dates(m.group(1))
        since = ds[0][0] if ds else None
        if since is None:
            m2 = _MONTH_YEAR.match(m.group(1))
            if m2:
                since = dt.datetime.strptime(f"{m2.group(1)} 1 {m2.group(2)}", "%B %d %Y").date()
        if since is not None:
            return None if as_of and since > as_of else since
    return None


#: where one clause of a sentence ends: a semicolon, or a contrast ("Norco was refilled, while Soma was discontinued")
_CLAUSE_BREAK = re.compile(r";|,?\s+\b(?:but|while|whereas|although|however)\b", re.I)


def _clause(s: str, at: int) -> tuple[int, int]:
    """The clause of a sentence a drug is named in (a list's entries share one clause)."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(s, 0, at)]
    end = _CLAUSE_BREAK.search(s, at)
    return (starts[-1] if starts else 0), (end.start() if end else len(s))


def _stopped_together(s: str, m: re.Match[str], at: int) -> bool:
    """Whether the phrase `m` that stops drugs together ("both were stopped") stops the drug named at `at`: not
    negated ("both were not stopped"), and the drug one of the list just before it: in the phrase's own clause
    when that names a drug before it, else in the clause before; "both" is its last two drugs, another word the
    drugs after the last phrasing of taking or trying that stands before the last of them."""
    if re.search(r"\b(?:not|never)\b", m.group(0), re.I):
        return False
    breaks = [b for b in _CLAUSE_BREAK.finditer(s, 0, m.start())]
    lo = breaks[-1].end() if breaks else 0
    hi = m.start()
    if not _drug_mentions(s[lo:hi]):
        if not breaks:
            return False
        hi = breaks[-1].start()
        lo = breaks[-2].end() if len(breaks) > 1 else 0
    mentions = [(lo + d.start(), lo + d.end()) for d in _drug_mentions(s[lo:hi])]
    if re.search(r"\bboth\b", m.group(0), re.I):
        mentions = mentions[-2:]
    elif mentions:
        # the list is the drugs after the last phrasing of taking or trying that stands before its last drug
        cues = [c.end() for c in _NOW.finditer(s, lo, hi)] + [c.end() for rx, _ in _PAST for c in rx.finditer(s, lo, hi)]
        cut = max([c for c in cues if c <= mentions[-1][0]], default=lo)
        mentions = [d for d in mentions if d[0] >= cut]
    return any(a <= at < b for a, b in mentions)


def _stopped_by_pronoun(s: str, at: int) -> bool:
    """Whether a pronoun phrasing (`STOPPED_PRONOUN`) after the drug named at `at` stops it: the drug is the last
    one named before the phrasing, and nothing negates it ("never stopped it")."""
    for m in _PRONOUN_STOP.finditer(s, at):
        before = [d.start() for d in _drug_mentions(s[:m.start()])]
        if before and before[-1] <= at and not re.search(r"\b(?:not|never)\s+(?:\w+\s+)?$", s[:m.start()], re.I):
            return True
    return False


def no_longer_taken(s: str, at: int) -> bool:
    """The sentence says the drug named at `at` was only tried before or is no longer taken: the nearest past
    phrasing before it (within its reach) is nearer than any current phrasing, or, with none before it, a past
    phrasing follows it in the clause ("Lyrica, which was discontinued") and no current one does."""
    if any(m.start() > at and _stopped_together(s, m, at) for m in _TOGETHER.finditer(s)):
        return True
    if _stopped_by_pronoun(s, at):
        return True
    name = DRUG_NAME_RE.match(s, at)
    if name and _RIGHT_AFTER.match(s, name.end()):
        return True
    s = _mask_drug_parens(s)   # "Norco (discontinued), Naproxen": Naproxen is taken
    lo, hi = _clause(s, at)
    before: list[tuple[int, bool]] = []
    after: list[tuple[int, bool]] = []
    trials_now = {m.end() for m in _TRIAL_NOW.finditer(s, lo, hi)}
    for rx, reach in _PAST:
        for m in rx.finditer(s, lo, hi):
            if m.end() in trials_now:
                continue   # "Plan: trial of Cymbalta": a trial started now
            if m.end() <= at and (reach is None or at - m.end() <= reach):
                before.append((m.end(), True))
            elif m.start() > at and reach is None:
                after.append((m.start(), True))
    for m in _NOW.finditer(s, lo, hi):
        (before if m.end() <= at else after).append((m.end() if m.end() <= at else m.start(), False))
    if before:
        return max(before)[1]
    return bool(after) and all(past for _, past in after)


def _requested_here(s: str, at: int) -> bool:
    """In a sentence about a request that also reports drugs taken, whether the drug named at `at` is the one
    requested: the nearer of a word of request (`_REQUESTED`) and a word of taking (`_CURRENT`) before it decides,
    as past and current words do (`no_longer_taken`); with neither before it, the sentence's word of taking counts
    ("Norco, which he has been taking since 2019, is requested")."""
    requested = [m.end() for m in _REQUESTED.finditer(s, 0, at)]
    current = [m.end() for m in _CURRENT.finditer(s, 0, at)]
    return bool(requested) and max(requested) > max(current, default=-1)


def _readable(s: str) -> str:
    """What of a sentence states drugs taken: a drug requested or reviewed is not yet a drug taken (one the treatment
    plan prescribes is); in a sentence about a request or a reviewer's words, a clause past a semicolon that is
    neither states the drugs taken on its own ("Soma was d/c'd per the prior UR; she is now on Zanaflex")."""
    if (_REQUESTED.search(s) or is_other_source(s)) and not _CURRENT.search(s):
        return _own_clauses(s)
    return s


def _own_clauses(s: str) -> str:
    """The sentence with its semicolon clauses about a request or a reviewer's words blanked (kept in place, so that
    positions stay), the others kept."""
    parts = re.split(r"(;)", s)
    return "".join(p if p == ";" or not (_REQUESTED.search(p) or is_other_source(p)) else " " * len(p)
                   for p in parts)


def _drug_mentions(s: str) -> list[re.Match[str]]:
    """Where drugs are named in a sentence."""
    return list(DRUG_NAME_RE.finditer(s))


def _list_entry(s: str) -> bool:
    """A sentence that is one entry of a medication list: it opens with a drug's name."""
    m = _LIST_ENTRY.match(s)
    if not m:
        return False
    first = find_drugs(m.group("name"))
    return bool(first) or bool(find_topicals(m.group("name")))


#: a sentence that stops a drug ("Soma was discontinued", "he stopped Norco", "weaned off tramadol")
_STOP_WORDS = re.compile(STOP + r"|\bno longer\b|\b(?:switched|changed|transitioned) (?:\w+ )?from\b", re.I)


#: drug classes taken for pain: one of them stopped is pain medication stopped
PAIN_CLASSES: frozenset[Service] = frozenset({
    Service.opioid, Service.nsaid, Service.muscle_relaxant, Service.anticonvulsant, Service.antidepressant,
    Service.topical_analgesic})


def _stopped_later(text: Text) -> dict[str, int]:
    """The last sentence (by position) that says each drug was stopped; a plan or a request to stop one is not a
    drug stopped, nor is a reviewer's word."""
    out: dict[str, int] = {}
    for pos, s in text.matching(_STOP_WORDS):
        if _REQUESTED.search(s) or _HYPOTHETICAL.search(s) or is_other_source(s) or re.search(
                r"\b(?:recommend\w*|suggest\w*|plan\w*|advised|asked|to stop|to discontinue|will)\b", s, re.I):
            continue
        for written, generic, _ in find_drugs(s):
            at = s.lower().find(written.lower())
            if at >= 0 and (no_longer_taken(s, at) or _STOPPED.search(s[max(0, at - 40):at])):
                out[generic] = pos
    return out


#: the drug named last before it, taken or applied by a pronoun ("she takes it twice a day", "applies it at night")
_TAKES_IT = re.compile(r"\b(?:takes|take|took|taking|uses|use|using|applies|apply|applying)\s+(?:it|them)\b", re.I)


def _dose(s: str, at: int, generic: str) -> tuple[float | None, float | None]:
    """(strength in mg, most units a day) written with the drug named at `at`: in its own entry of the sentence,
    from its name to the next drug named or the next semicolon ("Norco 10/325 mg 1 tab q6h, Soma 350 mg tid")."""
    rest = s[at:]
    first = DRUG_NAME_RE.search(rest)
    after = DRUG_NAME_RE.search(rest, first.end()) if first else None
    own = rest[:after.start()] if after else rest
    entry = re.split(r";", own)[0]
    per_day = parse_directions(entry)[1]
    ref = _TAKES_IT.search(own, len(entry))
    if per_day is None and ref:
        # its directions in the next clause, by a pronoun: "Naproxen 550 mg was started; she takes it twice a day"
        per_day = parse_directions(re.split(r";", own[ref.start():])[0])[1]
    return unit_strength(generic, entry.lower()), per_day


#: a drug the sentences after the one that names it take up again ("Her physician restarted it", "she now tolerates it")
_TAKEN_AGAIN = re.compile(r"\b(?:restart\w*|resum\w*|now|still|continu\w*|currently)\b", re.I)
#: phrasings that put the worker on a new drug in place of the one the sentence before names, one a row ("He was on
#: Percocet until March. He was then switched to Nucynta")
SWITCHED_TO: tuple[str, ...] = (
    r"\b(?:switched|changed|transitioned|converted) (?:\w+ )?to\b", r"\bsubstituted\b", r"\breplaced\b", r"\binstead\b",
)
_SWITCHED_TO = any_of(SWITCHED_TO)


def _stopped_by_reference(text: Text) -> dict[str, int]:
    """The sentence that stops a drug the sentence before it names, by a pronoun ("Norco was prescribed. He stopped
    it in April", "It caused dizziness and was stopped") or together ("Omeprazole was prescribed with the naproxen.
    Both were stopped": the two drugs named last), unless a later sentence speaking of it takes it up again; a plan,
    a request, a hypothetical or a reviewer's words stop nothing."""
    refers = pronoun_drugs(text)
    out: dict[str, int] = {}
    before: list[str] = []
    for pos, s in text.numbered():
        named = [g for _, g, _ in find_drugs(s)] + [g for _, g in find_topicals(s)]
        idle = (_REQUESTED.search(s) or _HYPOTHETICAL.search(s) or is_other_source(s)
                or re.search(r"\b(?:recommend\w*|suggest\w*|plan\w*|advised|asked|to stop|to discontinue|will)\b", s, re.I))
        if not named and not idle:
            if pos in refers and (_STOP_WORDS.search(s) or _PRONOUN_STOP.search(s)):
                out[refers[pos]] = pos
            elif pos in refers and _TAKEN_AGAIN.search(s):
                out.pop(refers[pos], None)
            elif len(before) >= 2 and _TOGETHER.search(s):
                out.update({g: pos for g in before[-2:]})
        elif named and not idle and len(before) == 1 and before[0] not in named and _SWITCHED_TO.search(s):
            out[before[0]] = pos
        before = list(dict.fromkeys(named)) if named else before
    return out


#: a dose changed, one verb a row ("increase gabapentin to 600 mg TID", "lowered it to 2 mg at bedtime", "restarted it
#: at a lower dose, 20 mg daily"): the new dose, written after the verb, is the dose now
DOSE_CHANGE: tuple[str, ...] = (
    r"\bincreas\w*", r"\bdecreas\w*", r"\blower(?:ed|s|ing)?\b", r"\breduc\w*", r"\braised?\b", r"\btitrat\w*",
    r"\badjust\w*", r"\brestart\w*", r"\bresum\w*", r"\bchang\w*", r"\bdropped\b",
)
_DOSE_CHANGE = any_of(DOSE_CHANGE)
_NEW_DOSE = re.compile(r"(\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)*)\s*mg\b", re.I)


def _dose_changed(text: Text, name: str, generic: str, after: int) -> tuple[float | None, float | None] | None:
    """The dose a sentence after the one at `after` changes the drug to (strength in mg, most units a day), of the
    latest such sentence: one that names the drug, in the drug's own clause and entry, or speaks of it by a pronoun
    (`pronoun_drugs`); a reviewer's words, a request and a hypothetical change nothing."""
    names = re.compile(rf"\b(?:{re.escape(name)}|{re.escape(generic)})\b", re.I)
    refers = pronoun_drugs(text)
    out = None
    for pos, s in text.numbered():
        if pos <= after or is_other_source(s) or _HYPOTHETICAL.search(s) or _REQUESTED.search(s):
            continue
        m = names.search(s)
        if m:
            start = _clause(s, m.start())[0]
            nxt = DRUG_NAME_RE.search(s, m.end())
            segment = s[start:nxt.start() if nxt else len(s)]
        elif refers.get(pos) == generic:
            segment = s
        else:
            continue
        change = _DOSE_CHANGE.search(segment)
        dose = _NEW_DOSE.search(segment, change.end()) if change else None
        if dose:
            rest = segment[dose.start():]
            out = unit_strength(generic, rest.lower()), parse_directions(re.split(r";", rest)[0])[1]
    return out


def _directions_later(text: Text, generic: str) -> float | None:
    """The most a day of a drug taken by a pronoun in the sentences after the one naming it (`pronoun_drugs`)."""
    for pos, s in text.numbered():
        ref = _TAKES_IT.search(s) if pronoun_drugs(text).get(pos) == generic else None
        if ref and not (is_other_source(s) or _HYPOTHETICAL.search(s)):
            return parse_directions(re.split(r";", s[ref.start():])[0])[1]
    return None


def _stopped(text: Text) -> dict[str, int]:
    """The last sentence that stops each drug: by naming it (`_stopped_later`) or by speaking of it
    (`_stopped_by_reference`)."""
    stopped = _stopped_later(text)
    for generic, at in _stopped_by_reference(text).items():
        stopped[generic] = max(at, stopped.get(generic, at))
    return stopped


def _classes(text: Text, generic: str, at: int) -> set[Service]:
    """The classes of a drug as the sentence at `at` names it, else as the first sentence naming it does (a sentence
    that stops it by a pronoun names none)."""
    own = {cls for _, g, cls in find_drugs(text.sentences[at]) if g == generic}
    return own or next(({cls for _, g, cls in find_drugs(s) if g == generic} for s in text.sentences
                        if any(g == generic for _, g, _ in find_drugs(s))), set())


def _dose_later(text: Text, med: Medication, generic: str, first: int) -> Medication:
    """The drug with the dose the sentences after the one naming it (at `first`) give: a dose changed at a later
    visit is the dose now ("The dose was increased to 300 mg three times daily"); else directions written by a
    pronoun fill the most a day it lacks ("Norco 10/325 #120. He says he takes it four times a day")."""
    changed = _dose_changed(text, med.name, generic, first)
    if changed:
        return med.model_copy(update={"strength_mg": holdable(changed[0]), "per_day_max": holdable(changed[1])})
    if med.per_day_max is None:
        return med.model_copy(update={"per_day_max": holdable(_directions_later(text, generic))})
    return med


def read_medications(text: Text, reading: Reading) -> Medications:
    """Current drugs, with class and the first date they are documented."""
    seen: dict[str, Medication] = {}
    taken_at: dict[str, int] = {}
    first_at: dict[str, int] = {}
    in_list = False
    for pos, s in text.numbered():
        said = s
        listed_entry = in_list and _list_entry(s)
        in_list = bool(_LIST_HEAD.search(s)) or listed_entry
        if not (_MED_CUE.search(s) or listed_entry or (_ON_WORD.search(s) and any(
                _ON_DRUG.search(s[max(0, m.start() - 25):m.start()]) for m in _drug_mentions(s)))):
            continue
        s = _readable(s)
        if not s.strip():
            continue
        systemic = find_drugs(s)
        systemic += [d for d in find_misspelled(s) if d[1] not in {g for _, g, _ in systemic}]
        named = {w.lower() for w, _, _ in systemic}
        topical = [(w, g, Service.topical_analgesic) for w, g in find_topicals(s)
                   if w.lower() not in named and g not in seen and g not in {gen for _, gen, _ in systemic}]
        for written, generic, cls in systemic + topical:
            at = s.lower().find(written.lower())
            if at >= 0 and (assertion(s, at, at + len(written)) is Assertion.negated or _STOPPED.search(
                    s[max(0, at - 40):at]) or no_longer_taken(s, at) or _requested_here(s, at)):
                # not taken, stopped, or only tried before (a first-line drug failed is read in findings); or the
                # drug requested ("requests pantoprazole and continued meloxicam": the request is pantoprazole's)
                continue
            since = _since(s, written, text.as_of)
            new = _newly_prescribed(s, at)
            taken_at[generic] = pos
            if generic not in seen:
                first_at[generic] = pos
                strength, per_day = _dose(s, at, generic)
                seen[generic] = Medication(name=written, generic=generic, drug_class=cls, since=since,
                                           newly_prescribed=new, strength_mg=holdable(strength),
                                           per_day_max=holdable(per_day))
                reading.add(f"medications.{generic}", None, said, "medications", position=pos)
            else:
                update: dict[str, object] = {"newly_prescribed": seen[generic].newly_prescribed and new}
                if since and not seen[generic].since:
                    update["since"] = since
                seen[generic] = seen[generic].model_copy(update=update)
    # a drug a later sentence says was stopped is no longer taken ("Soma was subsequently discontinued")
    stopped = _stopped(text)
    for generic, at in stopped.items():
        if generic in seen and at > taken_at.get(generic, -1):
            del seen[generic]
    # a pain drug the record says was stopped ("was taken off Norco", "Neurontin, discontinued for dizziness") is
    # pain medication stopped: `findings.pain_medication_reduced`, read from the sentence that says so
    sentences = dict(text.numbered())
    for generic, at in stopped.items():
        if _classes(text, generic, at) & PAIN_CLASSES and generic not in seen:
            reading.add("findings.pain_medication_reduced", True, sentences[at], "medications", position=at)
    for generic, med in seen.items():
        med = seen[generic] = _dose_later(text, med, generic, first_at[generic])
        benefit = _drug_benefit(text, med.name, generic)
        update = {k: v for k, v in zip(("response", "pain_relief", "functional_benefit"), benefit, strict=True)
                  if v is not None}
        if update:
            med = seen[generic] = med.model_copy(update=update)
        relief = _drug_relief(text, med.name, generic, reading)
        if relief is not None:
            seen[generic] = med.model_copy(update={"relief_percent": relief})
    # a drug for another condition is taken, but makes no pain-medication list known (`drugs.for_pain`)
    out = Medications(list(seen.values()), listed=any(for_pain(m.drug_class, m.generic) for m in seen.values()))
    for pos, s in text.matching(_NONE):
        out.listed = True
        reading.add("medications", None, s, "medications", position=pos)
    return out


def _drug_benefit(text: Text, name: str, generic: str) -> tuple[bool | None, bool | None, bool | None]:
    """What the record says of one drug's benefit, in the sentences that name it: its benefit as the CPMTG asks it
    of a drug continued, relief and function (`response`), its pain relief, and its functional benefit (the 8 CCR 9792.20 phrasings of `history.FI_PHRASES`),
    each True, False (a sentence says there was none; it outweighs one that says there was) or None."""
    names = re.compile(rf"\b(?:{re.escape(name)}|{re.escape(generic)})\b", re.I)
    said: list[tuple[bool | None, bool | None, bool | None]] = []
    refers = pronoun_drugs(text)
    for pos, s in text.numbered():
        if not (names.search(s) or refers.get(pos) == generic) or _HYPOTHETICAL.search(s):
            continue
        with_without = _with_without(s)
        relieved = bool(_RELIEF.search(s) or (with_without and with_without[0] > 0))
        function = True if _NEEDED_FOR.search(s) else (
            False if _NO_FUNCTION.search(s) else (True if FI_POS_OBJ.search(s) or _FUNCTION.search(s) else None))
        said.append((False if _NO_BENEFIT.search(s) else (True if _BENEFIT.search(s) or relieved or function else None),
                     False if _NO_RELIEF.search(s) else (True if relieved else None), function))

    def settle(k: int) -> bool | None:
        values = {v[k] for v in said}
        return False if False in values else (True if True in values else None)

    relief, function = settle(1), settle(2)
    # `response` is the benefit the CPMTG asks of a drug continued: pain relief and function (8 CCR 9792.20(e)).
    # A sentence that denies any benefit, relief or function outweighs; a general word of benefit ("helps") or
    # relief alone does not document function, and leaves the record's case-wide findings to decide
    return drug_benefit(settle(0), relief, function), relief, function


def _with_without(s: str) -> tuple[float, int, int] | None:
    """Relief from the pain with and without a drug in one sentence ("8/10 without it and 4/10 with it"), and the
    span that gives it."""
    scores: dict[bool, tuple[float, int]] = {}
    for m in _SCORE.finditer(s):
        after = re.match(r"\s*(with(out)?)\b", s[m.end():], re.I)
        before = list(_WITH.finditer(s, max(0, m.start() - 50), m.start()))
        if after:
            scores.setdefault(after.group(2) is None, (float(m.group(1)), m.start()))
        elif before:
            scores.setdefault(before[-1].group(1) is None, (float(m.group(1)), m.start()))
    if False not in scores or True not in scores:
        return None
    (without, a), (with_, b) = scores[False], scores[True]
    if without <= 0 or with_ > without:
        return None
    return round((without - with_) / without * 100, 1), min(a, b), max(a, b) + 4


def _drug_relief(text: Text, name: str, generic: str, reading: Reading) -> float | None:
    """Pain relief the record attributes to this one drug, in percent: a sentence that names it and no other drug
    and gives a percentage, a fall in the pain score, or the pain with and without it. Relief given for the
    medications together is not this drug's."""
    names = re.compile(rf"\b(?:{re.escape(name)}|{re.escape(generic)})\b", re.I)
    refers = pronoun_drugs(text)
    for pos, s in text.numbered():
        own = refers.get(pos) == generic
        if not (names.search(s) or own) or _HYPOTHETICAL.search(s) or is_other_source(s) or re.search(
                r"\bmedications\b", s, re.I):
            continue
        if not own and {g for _, g, _ in find_drugs(s)} != {generic}:
            continue
        found: tuple[float, int, int] | None = None
        pct = _PERCENT_RELIEF.search(s) or _PAIN_DOWN_BY.search(s)
        drop = _FROM_TO.search(s)
        if pct and int(pct.group(1)) <= 100:
            found = float(pct.group(1)), pct.start(), pct.end()
        elif drop and 0 < float(drop.group(1)) <= 10 and float(drop.group(2)) <= float(drop.group(1)):
            a, b = float(drop.group(1)), float(drop.group(2))
            found = round((a - b) / a * 100, 1), drop.start(), drop.end()
        else:
            found = _with_without(s)
        if found is not None and affirmed(s, found[1], found[2]) is not None:
            reading.add(f"medications.{generic}.relief_percent", found[0], s, "medications", position=pos)
            return found[0]
    return None
