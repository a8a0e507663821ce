"""Treatment already received: courses of therapy with their counts and results, and prior injections.

What the record states is kept apart from what it implies. A course the summary mentions becomes a history
entry (with its count when one is given, else unknown); a course it says was not received has zero sessions;
a therapy that a treatment-to-date list simply leaves out gets no entry at all: the list is recorded as
`treatments_listed`, and the inference that the therapy was not given is left to the rules, visibly. Visits
that were authorized, ordered or planned are not visits completed.

Counts are settled by `settle_course`: a count quoted from the treating physician's report wins over a
summary's count; otherwise the larger count is used so that a visit cap is never understated; every count the
record gives is kept (`sessions_reported`) with a `Conflict` saying which was used and why.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from engine.facts import Conflict, TreatmentCourse
from engine.narrative.context import FAMILY_MEMBER, affirmed, is_other_source
from engine.narrative.course_weeks import course_weeks
from engine.narrative.evidence import Evidence, Reading
from engine.narrative.sections import BULLET
from engine.narrative.tables import any_of
from engine.narrative.text import Text
from engine.narrative.textnum import NUM, WHOLE_NUM, find_dates, holdable, mask_dates, to_int
from engine.vocab import Service

#: words that make "therapy" another therapy than physical therapy ("occupational therapy sessions", "massage
#: therapy sessions"): the generic "therapy sessions" names physical therapy only without one of them before it
OTHER_THERAPIES: tuple[str, ...] = (
    "occupational", "hand", "massage", "aquatic", "aqua", "pool", "water", "behavioral", "behavioural", "cognitive",
    "speech", "vocational", "psycho", "psychological", "chiropractic", "manipulative", "manual", "shockwave",
    "shock wave", "laser", "light", "group", "family", "work hardening", "work conditioning",
)
_GENERIC_THERAPY = "".join(rf"(?<!\b{re.escape(w)} )" for w in OTHER_THERAPIES) + r"\btherapy sessions"
#: the abbreviation PT in its therapy sense: written in capitals ("PT", not "pt" or "Pt", the patient), or in any case
#: before a word of therapy ("pt sessions", "pt visits"); a prothrombin time (PT/PTT) is neither
PT_ABBREVIATION = (r"(?-i:\bPT\b)(?!/PTT)|\bpt\b(?=\s+(?:sessions?|visits?|therap\w*|treatments?|appointments?|"
                   r"course|program|exercises?)\b)")
#: therapies given as courses of visits, and how the summaries name them
#: forms of physical therapy named by their setting or aim (as the disputed items read them: `physical_therapy`);
#: a denial of one of them ("she has not had aquatic therapy") says nothing of physical therapy on land
PT_FORMS: tuple[str, ...] = (
    r"aqua(?:tic)? therapy", r"(?:pool|water)[- ]based therapy", r"(?:pool|water) therapy", r"work hardening",
    r"work conditioning",
)
_PT_FORM = re.compile(r"\b(?:" + "|".join(PT_FORMS) + r")\b", re.I)
KINDS: list[tuple[Service, str]] = [
    (Service.physical_therapy, r"physical therap\w*|physiotherapy|" + PT_ABBREVIATION + "|" + _GENERIC_THERAPY + "|"
                               r"physical medicine|therapeutic exercise|\b(?:" + "|".join(PT_FORMS) + r")\b"),
    (Service.occupational_therapy, r"occupational (?:\((?:hand|upper extremity)\) )?therap\w*|hand therapy|\bOT\b"),
    (Service.chiropractic, r"chiropract\w*|chirotherapy|chiro\b|manipulat\w*|manual therapy"),
    (Service.acupuncture, r"acupunctur\w*|\bacup\b"),
]

#: phrasings that make a sentence a list of the treatment to date, one a row
LIST_CUES: tuple[str, ...] = (
    r"\b(?:treatments?|therap(?:y|ies))\b[^.]{0,40}?\b(?:to date|rendered|received|tried|thus far|so far|"
    r"included|include[sd]?|consisted|has included|have included|were|was)\b",
    r"\bprior (?:relevant )?treatments?\b", r"\bpast treatments?\b", r"\bpreviously received\b",
    r"\bhas been treated with\b", r"\bhas undergone\b", r"\btreated (?:conservatively )?with\b",
    r"\btx(?: to date)?\s*:",
    r"\bprevious (?:relevant )?treatments?\b",                          # "Previous treatments: PT, ESI x 2"
    r"\b(?:prior|previous|past) conservative (?:treatments?|care|therapy|therapies|management)\b",
    r"\b(?:treatment|therapy) history\s*:",                             # "Treatment history: PT (12 sessions)"
    r"\bcare (?:to date )?(?:has |have )?(?:included|includes|consisted of)\b",   # "Conservative care has included"
    r"\bconservative (?:treatments?|care|management|measures) (?:to date )?(?:\w+ )?(?:include[sd]?|included|"
    r"consisted of|consists of)\b",
)
LIST_CUE = any_of(LIST_CUES)
#: what a guideline allows, one phrasing a row ("the guidelines allow 9 to 10 visits over 8 weeks", "per the
#: guideline, a trial of 6 visits is allowed"): the guideline's numbers, no care received
GUIDELINE_ALLOWANCE: tuple[str, ...] = (
    r"\b(?:guidelines?|mtus|odg|acoem)\b[^.;]{0,20}\b(?:allow|permit|support|recommend|suggest|indicate|endorse)\w*",
    r"\b(?:per|according to|under) (?:the )?(?:\w+ )?(?:guidelines?|mtus|odg|acoem)\b",
)
#: a sentence about a request, a plan or a review rather than care received ("referred pain" is a symptom, no
#: referral)
REQUEST_CUE = re.compile("|".join(GUIDELINE_ALLOWANCE) + "|" +
    r"\brequest|\bRFA\b|\bnon-?certif|(?<!activity )(?<!work )\bmodif(?:y|ied|ication)\b(?! (?:duty|work|activit))|"
    r"\bremaining\b|\butilization review\b|\bUR\b|\bdenial\b|\brationale\b|\bordered\b|\bsought\b|"
    r"\breferr(?:ed|al)\b(?! (?:pain|symptoms?|tenderness)\b)|\bscheduled\b|\bto be (?:started|scheduled|initiated)\b|"
    r"\bIMR\b|\bdenied\b|\bplan(?:ned|s)?\b|\bprescrib(?:es|ing)\b|\brecommend|\bwill\b|\bwould\b|\bshould\b|\bdisputed\b|\boriginal\b|"
    r"\bauthori[sz]\w*|\bapprov\w*|\bcertif\w*", re.I)
#: words that say a course was received, even in a sentence about a request
#: the passive of a word of authorization after "had", "has" or "have" ("24 visits had been certified", "have been
#: approved"): visits authorized, not received, one a row
AUTHORIZED_PASSIVE: tuple[str, ...] = (
    r"authori[sz]", r"approv", r"certif", r"request", r"deni", r"non-?certif", r"modif", r"schedul", r"plann",
    r"recommend", r"order", r"prescri", r"referr",
)
_NOT_PASSIVE = r"(?!\s+been\s+(?:" + "|".join(AUTHORIZED_PASSIVE) + r"))"
#: a count of visits just after "status post" ("S/p 10/12 approved PT sessions"): visits done, whatever word of
#: authorization follows
_STATUS_POST_COUNT = r"\b(?:s/p|status post)\s+\d{1,2}\s*(?:/|of|out of)\s*\d{1,2}\b"
RECEIVED = re.compile(r"\b(?:completed|has had|had|received|attended|underwent|gone to|went to|participated)\b"
                      + _NOT_PASSIVE + "|" + _STATUS_POST_COUNT, re.I)
#: phrasings before a therapy's name that say it was not received ("has not had PT", "never tried acupuncture"),
#: one a row (a longer phrasing before a shorter one it begins with: the first that matches is taken)
NO_COURSE_BEFORE: tuple[str, ...] = (
    r"no (?:prior |previous |formal )?trials? of",                  # "there has been no trial of a TENS unit"
    r"no", r"not had", r"not undergone", r"no (?:prior|previous|formal)",
    r"never (?:been )?(?:had|received|tried|undergone|attended|participated in|treated (?:with|by)|seen by|"
    r"been (?:treated|seen) (?:with|by))",                      # "has never been treated by a chiropractor"
    r"did not (?:attend|go|start|have|receive|try)",
    r"(?:has|have|had) not (?:yet |previously |ever |as yet )?(?:had|received|attended|started|undergone|tried|"
    r"participated in|been (?:treated|seen) by)"
    r"(?: any)?",
    r"(?:has|have|had) not (?:yet |previously |ever )?been (?:provided|given|offered|treated)(?: with)?(?: any)?",
    r"has yet to (?:start|begin|have|attend|receive|try)", r"not yet (?:started|begun|tried)",
    r"den(?:ies|ied|y)(?: (?:any|having))?(?: (?:prior|previous|past))?",     # "He denies any prior physical therapy"
)
NO_COURSE = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in NO_COURSE_BEFORE) + r")\b", re.I)
#: phrasings after a therapy's name that say it was not received ("Physical therapy has not been tried"), one a row
NO_COURSE_AFTER: tuple[str, ...] = (
    r"\s*(?:\w+\s+){0,2}?(?:has|have|had) not (?:yet |previously |ever )?been (?:tried|attempted|undertaken|started|"
    r"initiated|done|received|performed|provided|given|administered)\b",        # "PT has not been provided"
    r"\s*(?:\w+\s+){0,2}?(?:was|were) never (?:tried|attempted|undertaken|started|initiated|done|received|performed|"
    r"provided|given|administered)\b",
    r"\s*(?:\w+\s+){0,2}?(?:was|were) not (?:provided|given|administered)\b",
    r"\s*(?:\w+\s+){0,2}?(?:has|have|had) (?:never|not) been (?:tried|done|performed|given)\b",
    # a list row whose value is the absence: "Chiropractic: none", "PT: none, never authorized" (not "Acupuncture:
    # none of the 12 sessions helped", "Chiropractic: never helped much")
    r"\s*:\s*(?:none|never|not (?:done|tried|received|given|attended))(?=\s*(?:[;,.]|$))",
)
_NO_COURSE_AFTER = any_of(NO_COURSE_AFTER)
#: phrasings later in the sentence that say a therapy authorized or referred was never begun ("Acupuncture was
#: authorized for 6 visits but she did not attend any"): a stated zero, one a row; a part attended is no zero
NEVER_ATTENDED: tuple[str, ...] = (
    r"\b(?:did not|never|has not|had not|have not) (?:yet )?(?:attend|go|start|begin|receive|participate|"
    r"undergo)\w*",
    r"\bnever (?:attended|went|started|began|participated|received|underwent)\b",
)
_NEVER_ATTENDED = re.compile(
    r"[^.;]*?\bbut\s+(?:[\w']+\s+){0,3}?(?:" + "|".join(f"(?:{p})" for p in NEVER_ATTENDED) + r")"
    r"(?:\s+(?:any(?: of them)?|them|it|these|those|the (?:sessions|visits|treatments?)|therapy|treatment))?"
    r"(?:\s+(?:yet|so far|as yet))?\s*(?:[.;,]|$|\b(?:because|since|as|due to)\b)",
    re.I)
#: the record's silence about a therapy, written just before its name ("the records do not show any PT", "no
#: documentation of prior physical therapy"): unknown, not a course given nor one refused; one phrasing a row
SILENT_BEFORE: tuple[str, ...] = (
    r"\b(?:no|without|lack of|absence of) (?:\w+ )?(?:documentation|records?|mention|evidence|reports?) (?:of|for|regarding)",
    r"\b(?:records?|documentation|notes?|reports?|file|chart)\b[^.;]{0,30}\b(?:do|does|did) not (?:show|document|"
    r"indicate|mention|reflect|contain|include|describe)",
)
#: ... and just after it ("physical therapy has not been documented", "PT records were not provided")
SILENT_AFTER: tuple[str, ...] = (
    r"\s*(?:\w+\s+)?(?:has|have|had|was|were|is|are) not (?:been )?(?:documented|mentioned|specified|submitted)\b",
    r"\s+(?:records?|notes?|reports?|documentation)\s+(?:\w+\s+)?(?:has|have|had|was|were|is|are) not (?:been )?"
    r"(?:provided|submitted|available|included)\b",
)
#: the words that may stand between a silence written before a therapy and its name ("... do not show any prior PT")
_SILENT_GAP = r"(?:\s+(?:any|prior|previous|past|formal|recent|a|an|the|of|that|course|courses)\b){0,3}\s+$"
_SILENT_BEFORE = re.compile("(?:" + "|".join(f"(?:{p})" for p in SILENT_BEFORE) + ")" + _SILENT_GAP, re.I)
_SILENT_AFTER = any_of(SILENT_AFTER)
#: activities of daily living and of recreation as summaries name the ones a worker regains ("back to gardening",
#: "now does household chores"), one a row; work is read by its own rows (a return to work is fewer restrictions)
ACTIVITIES: tuple[str, ...] = (
    r"gardening", r"golf(?:ing)?", r"hiking", r"walking (?:the|his|her) dog", r"housework", r"house ?cleaning",
    r"household (?:chores|tasks|duties|activities)", r"(?:her |his )?chores", r"yard ?work", r"cooking", r"cleaning",
    r"(?:grocery )?shopping", r"driving", r"exercis(?:e|es|ing)", r"(?:the )?gym", r"swimming", r"cycling", r"biking",
    r"fishing", r"bowling", r"dancing", r"hobbies", r"sports?", r"recreational activities", r"self[- ]care",
    r"playing with (?:his|her|their) (?:children|kids|grandchildren)", r"caring for (?:his|her|their) \w+",
)
_ACTIVITY = "(?:" + "|".join(ACTIVITIES) + ")"
#: the verbs of an activity done, for "now does household chores", "now drives", one a row ("walks" only without a
#: device: "now walks with a cane" is no gain)
ACTIVITY_VERBS: tuple[str, ...] = (
    r"does", r"performs", r"completes", r"manages", r"drives", r"cooks", r"cleans", r"shops", r"gardens", r"exercises",
    r"plays", r"swims", r"golfs", r"hikes", r"vacuums", r"mows", r"bathes", r"dresses", r"showers", r"lifts",
    r"carries", r"walks(?! with)",
)
_ACTIVITY_VERB = "(?:" + "|".join(ACTIVITY_VERBS) + ")"
#: an activity the record says the worker cannot do still, after or despite the treatment ("still cannot lift a
#: gallon of milk"): the function not improved
STILL_UNABLE = r"\bstill (?:cannot|can't|can not|is unable to|unable to|is not able to|not able to)\b"
#: objective functional improvement (8 CCR §9792.20: a clinically significant improvement in activities of daily
#: living or a reduction in work restrictions), one phrasing a row
FI_PHRASES: tuple[str, ...] = (
    # an activity regained: "back to gardening", "has resumed household chores", "can lift a gallon of milk again",
    # "now does household chores"
    rf"\b(?:back to|returned to|return to|resumed|resuming|is again|again (?:enjoys|does))\s+(?:his |her |their |light |"
    rf"some |(?:\w+ )?daily )?{_ACTIVITY}\b",
    r"\b(?:can|could|is able to|was able to|able to)\s+(?!not\b)\w+(?:\s+[\w'-]+){0,6}?\s+again\b",
    rf"\bnow {_ACTIVITY_VERB}\b(?!\s+not\b)",
    r"\b(?:improved|increased|better)\s+(?:range of motion|rom|strength|function\w*|mobility|tolerance|ability|"
    r"activities of daily living|adls?)",
    r"\bfunctional (?:improvement|gains?)\b", r"\bincrease in function",
    r"\b(?:improvement|increase) in (?:\w+ ){0,2}(?:function\w*|adls?|activities of daily living|mobility|range of "
    r"motion|strength|(?:walking|sitting|standing) tolerance)",                  # "50% improvement in function"
    r"\b(?:adls?|activities of daily living|function(?:al (?:status|level|capacity))?|mobility|(?:walking|sitting|"
    r"standing) tolerance)(?: \w+){0,2} (?:has |have |had )?(?:improved|increased)\b",   # "ADLs improved with therapy"
    r"\b(?:helped|helps|has helped|have helped|improved) (?:\w+ ){0,5}?(?:improve )?(?:his |her |their |the )?"
    r"(?:overall )?(?:function(?:ing|al (?:status|level))?|adls?|activities of daily living|mobility)\b",  # "helped improve her function"
    r"\b(?:improved|increased) (?:his |her |their |the patient's )?(?:ability|capacity) to\b",   # "improved her ability to walk"
    r"\breturn(?:ed)? to (?:full |regular )?(?:work|duty)\b(?! with restrictions)",
    r"\bback to (?:full |regular |usual )?(?:work|duty)\b(?! with restrictions)",   # "back to regular work as of 2/1"
    r"\breduc\w* (?:in )?(?:work )?restrictions\b",
    r"\brestrictions (?:were |have been |had been )?(?:reduced|lifted|eased|decreased|removed)\b",
    r"\bfewer (?:work )?restrictions\b", r"\bless restrictive (?:work|duty|restrictions)\b",
    r"\b(?:lifting|weight|work) (?:restriction|limit)\w* (?:was |were |has been |have been )?(?:increased|raised)\b",
    # an ability compared with before, a few words between ("able to stand at her register longer", "walk farther")
    r"\bable to (?:walk|sit|stand|work|lift|sleep|perform)\w*\b(?: [\w']+){0,6}? (?:longer|farther|further)\b",
    r"\b(?:odi|ndi|oswestry|disability index|range of motion|rom|flexion|extension|tolerance|strength|grip)\b[^.]{0,50}"
    r"\b(?:improved|increased|decreased|went)\b[^.]{0,25}\bfrom\s+\d+",
    r"\b(?:allows?|allowed|enables?|enabled) (?:him|her|the (?:patient|applicant|injured worker)) to\b",
    r"\b(?:helps?|helped) (?:him|her|the (?:patient|applicant|injured worker)) (?:to )?(?:perform|do|complete|carry "
    r"out|function|tolerate|walk|work|sleep)\b",                           # "the medications help her perform her ADLs"
    r"\bwith (?:the |his |her )?(?:medications?|\w+),? (?:he|she|the (?:patient|applicant)) (?:is|was) able to\b",
    r"\bwith (?:the |his |her )?medications?,? (?:he|she|the (?:patient|applicant)) can\b(?! not\b)",   # "with the medications he can walk"
)
FI_POS_OBJ = any_of(FI_PHRASES)
#: a course's own measured gain, written with the measure after the verb, one a row ("PT ... improved his lifting
#: tolerance from 10 to 25 pounds", "OT ... with improved grip strength from 15 to 25 kg"): the course's functional
#: improvement (`_fi`); the overall improvement from the current treatment (`status.read_improvement`) does not
#: read it, a past course's gain being no gain from the current treatment
COURSE_FI_PHRASES: tuple[str, ...] = (
    r"\b(?:improved|increased)\s+(?:his |her |their |the patient's )?(?:[\w-]+\s+){0,2}?(?:odi|ndi|oswestry|"
    r"disability index|range of motion|rom|flexion|extension|tolerance|strength|grip|distance|endurance)\b[^.]{0,25}"
    r"\bfrom\s+\d+",
)
_COURSE_FI = any_of(COURSE_FI_PHRASES)
FI_POS_SUBJ = re.compile(r"\b(?:improv\w*|helped|helpful|benefi\w*|better|relief|progress\w*|responded)\b", re.I)
FI_NEG = re.compile(
    r"\b(?:no|without|not|minimal|little|limited|lack of|failed to|did not|does not|has not|had not)\b[^.]{0,40}?"
    r"\b(?:improv\w*|help\w*|benefi\w*|relief|progress\w*|better|effective)|\bnot helping\b|\bfailed\b|"
    r"\bunsuccessful\b|\bworse\w*\b|\bno progress\b|\bremained (?:the same|unchanged|\d)|\bunchanged\b|"
    r"\bno change\b|\bnone of which\b|" + STILL_UNABLE, re.I)
#: the record's silence: a course "not documented" is not a course not received. "Provided" is the record's word only
#: of records ("no PT notes were provided", "provided for review"): "no physical therapy has been provided" is care
#: not given
_SILENCE = re.compile(r"\b(?:documented|documentation|mentioned|noted|reported|submitted|specified)\b|"
                      r"\b(?:records?|notes?|reports?|documents?|files?)\b[^.;]{0,30}\bprovided\b|"
                      r"\bprovided (?:for|to) (?:this |the )?(?:review|reviewer)\b", re.I)
#: a statement attributed to the record ("It was reported that the applicant has not had PT"): the record speaks,
#: it is not silent
_ATTRIBUTION = re.compile(r"\b(?:documented|mentioned|noted|reported|specified|stated|indicated) that\b", re.I)
#: words that end a clause's negation: what follows them is stated on its own ("no PT, but chiropractic helped")
_CONTRAST = re.compile(r";|\b(?:but|although|though|however|whereas|while)\b", re.I)
#: operations written by their abbreviation, in capitals (`surgery.py` reads them as named procedures too), one a row
SURGERY_ABBREVIATIONS: tuple[str, ...] = ("CTR", "RCR", "ACDF", "TKA", "THA", "TKR", "THR", "ACLR")
SURGERY_ABBREVIATION = r"(?-i:\b(?:" + "|".join(SURGERY_ABBREVIATIONS) + r")\b)"
#: a course after an operation: "post-operative", "after surgery", "post CTR", "post rotator cuff repair"
_POSTSURGICAL = re.compile(r"post-?\s?op\w*|post-?surg\w*|after (?:the |his |her )?surgery|"
                           r"\bpost[- ](?:(?:a|the|his|her|left|right|l|r|bilateral)\s+){0,2}(?:[\w-]+\s+){0,2}?(?:"
                           + SURGERY_ABBREVIATION + r"|\w+ectomy|arthroscopy|repair|reconstruction|fusion|arthroplasty|"
                           r"release|decompression)\b", re.I)


#: a sentence that opens by pointing back to the event the sentence before tells ("Since then he has completed 8
#: sessions of hand therapy"), one phrasing a row: after a sentence telling an operation done, the course is
#: post-operative
SINCE_THEN: tuple[str, ...] = (r"since then", r"since that time", r"after that", r"afterwards?", r"thereafter",
                               r"following (?:it|that|this)", r"after it")
_SINCE_THEN = re.compile(r"^\W*(?:[\w-]+\s+){0,2}?(?:" + "|".join(SINCE_THEN) + r")\b", re.I)
#: an operation told as done: a verb of having it and the operation's name, in one sentence
_SURGERY_DONE = re.compile(r"\b(?:underwent|undergone|had|has had|s/p|status post)\b[^.;]{0,60}?(?:\bsurgery\b|"
                           r"arthroscop\w*|\brepair\b|reconstruction|fusion|arthroplasty|\brelease\b|decompression|"
                           r"\w+ectomy\b|" + SURGERY_ABBREVIATION + r")|\b(?:surgery|arthroscopy|repair|release|fusion|"
                           r"decompression|\w+ectomy)\b[^.;]{0,40}?\b(?:was|were) (?:performed|done)\b", re.I)


def _after_surgery_before(sentences: list[str], pos: int) -> bool:
    """A sentence opening "Since then" (`SINCE_THEN`) right after one telling an operation done."""
    return pos > 0 and bool(_SINCE_THEN.search(sentences[pos])) and bool(_SURGERY_DONE.search(sentences[pos - 1]))


@dataclass(frozen=True)
class Count:
    """One count of a course's sessions as a sentence gives it."""

    n: int
    sentence: str
    quoted: bool
    lower_bound: bool
    alternatives: tuple[int, ...]


@dataclass(frozen=True)
class CourseMention:
    """What one sentence says about a course: counts, the functional result, or that it was not received."""

    counts: tuple[Count, ...] = ()
    functional_improvement: bool | None = None
    note: str | None = None
    absent: bool = False
    postsurgical: bool = False
    modality: str | None = None
    """The finer kind the sentence names for an injection given (see `INJECTION_COURSE_KINDS`)."""
    weeks: float | None = None
    """The course's length in weeks as the sentence states it (`course_weeks`)."""
    start: dt.date | None = None
    """The date the course began, as the sentence states it (a single injection's date, "from 02/01/2016 to ...")."""
    end: dt.date | None = None
    """The date the course ended, as the sentence states it ("... to 03/15/2016")."""
    row: tuple[int, int] | None = None
    """(sentence, row) when the mention is one row of a treatment list that counts this kind in more than one row
    (`list_rows`): each such row is a course of its own."""
    further: bool = False
    """The mention is a further course its sentence sets apart from the course counted before it in the same sentence
    (`SECOND_COURSE_MARKS`): it opens a course of its own."""


#: words that make a count one of visits authorized, planned or left, not of visits done
_AUTHORIZED_COUNT = re.compile(r"\b(?:authori[sz]\w*|approv\w*|certif\w*|request\w*|remaining|scheduled|planned|"
                               r"recommend\w*|prescribed|ordered)\b", re.I)
#: words that make a further count one of visits not attended, one a row ("6 additional visits were denied", "6 more
#: were cancelled", "missed 4 more", "6 additional sessions are pending"): not added to the visits done
NOT_ATTENDED: tuple[str, ...] = (
    r"den(?:y|ied|ial)\w*", r"non-?certif\w*", r"pending", r"await\w*", r"cancel+\w*", r"miss(?:ed|es|ing)?",
    r"no-?show\w*", r"declin\w*", r"refus\w*", r"modified", r"not (?:yet )?(?:attended|done|completed|received)",
)
_NOT_ATTENDED = re.compile(r"\b(?:" + "|".join(NOT_ATTENDED) + r")\b", re.I)
#: a family member named within a few words before a treatment (`context.FAMILY_MEMBER`), with no word for the
#: worker between them ("her husband drives her to physical therapy" is the worker's therapy)
_FAMILY_BEFORE = re.compile(FAMILY_MEMBER + r"(?:\W+(?!(?:her|him|his|she|he|herself|himself|applicant|patient|"
                            r"worker|employee|claimant|IW|IE|pt)\b)\w+){0,6}?\W*$", re.I)
#: a relative clause set off by commas ("His wife, who works at the same site and was injured too, is attending
#: acupuncture"): the words a family member's own care may stand behind; it is left out before the test above
_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|whom|whose|which)\b[^,;.]{0,120},", re.I)
_DONE_COUNT = re.compile(r"\b(?:completed|attended|had|received|underwent|undergone)\b" + _NOT_PASSIVE + "|"
                         + _STATUS_POST_COUNT, re.I)


#: the units a course's count is written in, one a row ("6 sessions", "12 visits", "on 8 occasions", "4 times";
#: "3 times a week" is a frequency, no count)
SESSION_UNITS: tuple[str, ...] = (
    r"sessions?", r"visits?", r"treatments?", r"appointments?", r"occasions?",
    r"times(?! (?:a|per|each|every|weekly)\b)",
)
_UNIT = "(?:" + "|".join(SESSION_UNITS) + ")"
#: the units in which a treatment given in single visits (an injection, a block) is counted after its name, one a row
#: ("injections were given on three occasions", "the block was repeated 2 times"); "3 times a week" is a frequency
REPEAT_UNITS: tuple[str, ...] = (
    r"(?:separate )?occasions?", r"times(?! (?:a|per|each|every|weekly|daily)\b)",
)
_REPEAT_UNIT = "|".join(REPEAT_UNITS)


#: words that make a count a lower bound, and what they add to it: "at least 12" is 12 or more, "more than 24" is 25
#: or more (`TreatmentCourse.sessions_at_least`)
LOWER_BOUNDS: dict[str, int] = {
    "at least": 0, "a minimum of": 0, "more than": 1, "greater than": 1, "in excess of": 1,
}
#: words that make a count approximate: the count itself, not a bound ("approximately 20 visits" is 20 sessions, the
#: number the record gives; `TreatmentCourse.sessions_at_least` is for "at least N" only), one a row
APPROXIMATE: tuple[str, ...] = ("approximately", "approx.", "approx", "about", "around", "roughly", "~")
_LB = "|".join(re.escape(w) for w in sorted([*LOWER_BOUNDS, *APPROXIMATE], key=len, reverse=True))

#: what a number written next to a course may count other than its sessions, one a row ("3 rounds of PT", "a
#: 30-day TENS trial", "injections at 2 levels"): no count of sessions
NOT_SESSIONS: tuple[str, ...] = (
    r"courses?", r"rounds?", r"series", r"blocks? of", r"weeks?", r"wks?", r"months?", r"years?", r"days?", r"hours?",
    r"minutes?", r"levels?", r"%", r"percent",
)
_NOT_SESSIONS = re.compile(r"[\s-]*(?:" + "|".join(NOT_SESSIONS) + r")(?!\w)", re.I)


#: words that end a count's reach before the kind it counts: a count followed by "and" or "or" belongs to the entry
#: before ("physical therapy x 8 visits and one cortisone injection": the 8 is the therapy's), one a row
COUNT_BREAKS: tuple[str, ...] = ("and", "or", "plus", "then", "also", "as well as")
#: a spinal level may stand between a count and its kind ("two L5-S1 ESIs")
_FILLER = r"(?!(?:" + "|".join(COUNT_BREAKS) + r")\b)(?:[a-z-]+|[clts]\d{1,2}(?:-[clts]?\d{1,2})?)"


#: words that join one course's count to the next course of the same therapy ("8 sessions in 2012 and 6 sessions in
#: 2013", "12 visits, then 6 visits", "eight visits and then four more"), one a row
COURSE_JOINS: tuple[str, ...] = (r",", r"\band\b", r"\bthen\b", r"\bfollowed by\b", r"\bplus\b")
_COURSE_JOIN = re.compile("|".join(COURSE_JOINS), re.I)
#: a further course's count: a number of visits, or "N more" ("four more in December")
_NEXT_COUNT = re.compile(rf"(?P<n>{WHOLE_NUM})\s+(?:(?:more|additional|further)\b\s*(?:{_UNIT})?|{_UNIT})|"
                         rf"\banother\s+(?P<n2>{WHOLE_NUM})", re.I)   # "another 6 in 2015"
#: the words that state the total over the courses ("for a total of twenty-six", "(total 30)")
_TOTAL_WORDS = r"(?:\(\s*total|totall?ing|total of|in total|for a total of|a total of)\s*(?:of\s+)?"
#: the words that state a total after its count ("approximately 20 visits in all", "30 sessions altogether"), one a row
TOTAL_AFTER: tuple[str, ...] = (r"in all", r"in total", r"altogether", r"combined", r"overall", r"total")
_TOTAL_AFTER = r"[\"\u201d']?\s*,?\s+(?:" + "|".join(TOTAL_AFTER) + r")\b"


#: words that set a further count in the same sentence apart as a course of its own, a later episode of the therapy
#: (`TreatmentCourse`: one course has one start, one end and one result), one a row: a course named as another ("a
#: second course of 6 sessions"), a course that followed the first ("followed by six more in April"), another count
#: after a word of sequence ("and then another 6 in 2016"), or a clause of its own that reports further visits ("PT x 8
#: in 2/2016; an additional 6 PT visits were completed in 4/2016"). Counts joined without one of them are one course's
#: counts, added (`_continued`): "7 sessions in 2011 and 5 sessions in 2012", "6 in 2014 and another 6 in 2016",
#: "eight visits and then four more" (reading_train3's convention: one course per kind, its total); a total the record
#: states over the counts keeps them one course
SECOND_COURSE_MARKS: tuple[str, ...] = (
    r"\b(?:a|an|the)\s+(?:second|another|further|later|subsequent|repeat|new)\s+(?:course|round|trial|block)\b",
    r"\banother\s+(?:course|round|trial|block)\b",
    r"\bfollowed\s+by\b",
    r"\b(?:then|later|subsequently|thereafter)\s+(?=another\b)",
    r";\s*(?=(?:an?\s+|another\s+)?(?:additional|further|another|\w+\s+more)\b)",
)
_SECOND_COURSE = any_of(SECOND_COURSE_MARKS)
#: the further course's count, within a few words after the mark ("a second course of 6 sessions", "another 6",
#: "six more", "an additional 6 PT visits")
_MARKED_COUNT = re.compile(rf"^\W*(?:[a-z-]+\s+){{0,4}}?(?:(?P<more>another|additional|further)\s+)?(?<![/.-])"
                           rf"(?P<n>{WHOLE_NUM})\b(?!\s*(?:/|-\d|%))", re.I)
#: what makes the number after a mark a count of visits: a word of further visits before it, or after it "more" or a
#: unit of visits (past the kind's name: "6 PT visits")
_MARKED_AFTER = re.compile(rf"\s+(?:more|additional|further)\b|\s*(?:[\w-]+\s+){{0,2}}?{_UNIT}\b", re.I)


def second_courses(s: str, start: int, kind_pat: str) -> list[tuple[int, int]]:
    """Where the sentence, after the kind named at `start`, sets a further count apart as a course of its own
    (`SECOND_COURSE_MARKS`): (the mark's start, the further course's count), in order. A count that names another
    treatment, visits authorized or not attended, or a total over the courses is no further course."""
    out: list[tuple[int, int]] = []
    taken = start
    for mk in _SECOND_COURSE.finditer(s, start):
        if mk.start() < taken:
            continue  # "followed by a second course of 8 sessions": two marks of one further course
        rest = s[mk.end():]
        m = _MARKED_COUNT.match(rest)
        if not m:
            continue
        if not m.group("more") and not _MARKED_AFTER.match(rest, m.end("n")):
            continue
        n = to_int(m.group("n"))
        clause = re.split(r"[.;]", rest, maxsplit=1)[0]
        tail = rest[m.end():m.end() + 60]
        if n is None or n > 60 or _NOT_SESSIONS.match(rest, m.end("n")) or _names_other_kind(rest[:m.end()], kind_pat) \
                or _counts_other(rest, m.end("n"), kind_pat) or re.search(_TOTAL_WORDS, clause, re.I):
            continue
        if (_AUTHORIZED_COUNT.search(clause) and not _DONE_COUNT.search(clause)) or _NOT_ATTENDED.search(
                re.split(r"[,;]", rest[:m.end()] + tail)[0]):
            continue
        if re.match(r"\s*(?:of|with)\s", tail) and not re.match(rf"\s*(?:\w+\s+)?(?:of|with)\s+(?:[\w-]+\s+){{0,2}}"
                                                                 rf"(?:{kind_pat})", tail, re.I) and \
                _names_other_kind(tail, kind_pat):
            continue
        out.append((mk.start(), n))
        taken = mk.end() + m.end()
    return out


def _continued(s: str, end: int, kind_pat: str) -> list[int]:
    """The counts of further courses of the same therapy the clause lists after a count ending at `end`: each joined
    to the one before by a `COURSE_JOINS` word, in words that name no other treatment and no visits authorized."""
    out: list[int] = []
    rest = re.split(r"[.;]", s[end:], maxsplit=1)[0]
    at = 0
    for m in _NEXT_COUNT.finditer(rest):
        gap = rest[at:m.start()]
        tail = rest[m.end():m.end() + 60]
        # "... and 6 sessions of cognitive behavioral therapy": a count that names its own treatment is that one's
        names_own = re.match(r"\s*(?:of|with)\s", tail) and not re.match(rf"\s*(?:of|with)\s+(?:[\w-]+\s+){{0,2}}"
                                                                       rf"(?:{kind_pat})", tail, re.I)
        if not _COURSE_JOIN.search(gap) or _names_other_kind(gap, kind_pat) or names_own or _AUTHORIZED_COUNT.search(
                gap + re.split(r"[,;]", tail)[0]) or _NOT_ATTENDED.search(gap + re.split(r"[,;]", tail)[0]) or \
                re.search(_TOTAL_WORDS, gap, re.I):
            break
        n = to_int(m.group("n") or m.group("n2"))
        if n is None or n > 60:
            break
        out.append(n)
        at = m.end()
    return out


#: words that may stand between a word of attendance and its count ("attended only 3"), one a row
ONLY_WORDS: tuple[str, ...] = ("only", "just", "merely", "a total of")
_ONLY = "(?:" + "|".join(ONLY_WORDS) + ")"


#: a count written after a kind's name as the value of its row, one a row: "6 CBT sessions authorized, 4 attended",
#: "given at each of the last three visits", "Therapy sessions completed so far: 14 (physical therapy)". `{kind}` is
#: the kind's words, `{number}` the count; each is tried after the reader's other forms found none
COUNTS_AFTER: tuple[str, ...] = (
    r"(?:{kind})[^.]{{0,80}}?\b{number}\s+(?:(?:were|was|have been|has been)\s+)?(?:attended|completed|done|used)\b",
    r"(?:{kind})[^.;]{{0,60}}?\bat each of (?:the|his|her) (?:last|past|previous|prior|most recent)\s+{number}\s+"
    r"(?:visits|appointments|office visits)\b",
    r"(?:{kind})[^.;:]{{0,40}}:\s*{number}(?=\s*(?:\(|[,;.]|$))",
)


def _after_forms(kind_pat: str, number: str) -> list[str]:
    return [p.format(kind=kind_pat, number=number) for p in COUNTS_AFTER]


def _counts_for(s: str, kind_pat: str, *, before_only: bool = False) -> list[Count]:
    """The counts a sentence gives for one kind. With `before_only` (treatments that are not visit therapies) only a
    number written before the kind ("two cortisone injections", "6 sessions of CBT") or just after it ("TPI x 3")
    counts: "intramuscular injection, #3 sessions chiropractic" gives the injection no count."""
    out: list[Count] = []
    # a range: "12 to 16", "4 or 5", "12-16" (a dash only between digits: "twenty-four" is one number)
    number = rf"(?P<alt>{WHOLE_NUM}(?:\s+(?:or|to)\s+|(?<=\d)\s*-\s*(?=\d)))?(?P<n>{WHOLE_NUM})(?P<plus>\+)?"
    pats = [
        # "4 out of 6 authorized physical therapy sessions": the first number is the count done
        rf"(?P<n>{WHOLE_NUM})\s+(?:out\s+)?of\s+(?:the\s+)?(?:{NUM})\s+(?:\w+\s+){{0,2}}?(?:sessions?\s+of\s+)?"
        rf"(?:{kind_pat})",
        # "completed 6/12 physical therapy visits": 6 of 12
        rf"\b(?:completed|attended|had|received|finished|s/p|status post)\s+(?P<n>\d{{1,2}})\s*/\s*\d{{1,2}}\s+"
        rf"(?:\w+\s+){{0,2}}?"
        rf"(?:sessions?\s+of\s+)?(?:{kind_pat})",
        # (a number of courses, weeks or months is no count of sessions)
        rf"(?P<lb>(?:{_LB})\s*)?{number}(?!\s+(?:courses?|rounds?|series|weeks?|months?|"
        rf"years?|days?|hours?|minutes?)\b)\s*(?:additional\s+|prior\s+|previous\s+|completed\s+|"
        rf"more\s+)?(?:sessions?|visits?|treatments?)?\s*(?:of|with)?\s*(?:{_FILLER}\s+){{0,2}}?(?:{kind_pat})",
        # "a 12-session course of physical therapy", "a six-visit trial of acupuncture"
        rf"{number}[- ](?:session|visit|treatment)\s+(?:course|series|block|trial|program)\s+of\s+(?:[a-z-]+\s+){{0,2}}?"
        rf"(?:{kind_pat})",
        rf"(?:{kind_pat})[^.,;]{{0,25}}?(?:x|times|#|\()\s*(?P<lb>(?:{_LB})\s*)?{number}",
        rf"(?:{kind_pat})[^.;]{{0,30}}?(?P<lb>(?:{_LB})\s*)?{number}\s*{_UNIT}",
        rf"#\s*(?P<n>\d+)\s*(?:sessions?|visits?)\s*(?:of\s+)?(?:{kind_pat})",
        rf"(?:{kind_pat})[^.;]{{0,40}}?\b(?:totall?ing|total of|in total|for a total of)\s*{number}",
        # "authorized 12 sessions of PT, of which he has completed 6", "approved in March; she has attended 4 of them"
        rf"(?:{kind_pat})[^.]{{0,80}}?\b(?:completed|attended|had|received|used|undergone)\s+(?:{_ONLY}\s+)?(?!no\b)"
        rf"{number}"
        rf"(?!\s*(?:weeks?|months?|years?|days?|%))\b",
        # "acupuncture, with 5 of the 6 authorized visits completed": the first number is the count done
        rf"(?:{kind_pat})[^.;]{{0,60}}?\b(?P<n>{WHOLE_NUM})\s+(?:out\s+)?of\s+(?:the\s+)?(?:{NUM})\s+(?:\w+\s+){{0,2}}?"
        rf"{_UNIT}",
        *_after_forms(kind_pat, number),
    ]
    if not before_only:
        # a total stated over the courses wins over each course's count
        pats.insert(0, rf"(?:{kind_pat})[^.;]{{0,120}}?\b{_TOTAL_WORDS}{number}")
        # ... and after its count: "Prior PT: two courses, 2014 and 2015, with approximately 20 visits in all"
        pats.insert(1, rf"(?:{kind_pat})[^.;]{{0,120}}?\b(?P<lb>(?:{_LB})\s*)?{number}\s*{_UNIT}{_TOTAL_AFTER}")
    if before_only:
        # a treatment's name may carry up to three words of its own ("one greater trochanteric bursa injection"),
        # and its count may follow its site ("corticosteroid injections to the right knee x 2")
        pats = [pats[0], pats[1],
                # "authorized for six sessions of CBT and attended 4 of the 6": the part attended, before the count
                # authorized is read
                rf"(?:{kind_pat})[^.;]{{0,80}}?\b(?:completed|attended|used|had)\s+(?:{_ONLY}\s+)?(?P<n>{WHOLE_NUM})\s+"
                rf"(?:out\s+)?of\s+(?:the|them|those|\d+|{WHOLE_NUM})\b",
                pats[2].replace("{0,2}?", "{0,3}?"),
                rf"(?:{kind_pat})(?:\s*|[^.,;:()]{{0,30}}?\s)(?:x|#|\()\s*{number}",
                # "trigger point injections ... were given on three occasions": a count in occasions after the name
                rf"(?:{kind_pat})[^.;]{{0,60}}?\b{number}\s+(?:{_REPEAT_UNIT})",
                # "started cognitive behavioral therapy in August and has attended 6 sessions": the sessions attended
                rf"(?:{kind_pat})[^.;]{{0,80}}?\b(?:completed|attended|had|received)\s+(?:{_ONLY}\s+)?{number}\s+{_UNIT}",
                *_after_forms(kind_pat, number)]
    for k, p in enumerate(pats):
        for m in re.finditer(p, s, re.I):
            n = to_int(m.group("n"))
            if n is None or n > 60 or _NOT_SESSIONS.match(s, m.end("n")) or _names_other_kind(m.group(0), kind_pat):
                continue  # "3 rounds of PT", "a 30-day trial"; "chiropractic, acupuncture (twelve sessions)"
            if _ORDINAL_BEFORE.search(s[:m.start("n")]):
                continue  # "in week three of acupuncture": which week, no count of visits
            if _FREQUENCY.search(s[:m.start("n")]) or _FREQUENCY_AFTER.match(s, m.end("n")) or _counts_other(
                    s, m.end("n"), kind_pat):
                continue  # "PT 2x6" is a frequency, no count of visits done; "6 sessions of acupuncture" is not PT's
            # the words around the count, to the end of its clause: a contrast ends it ("authorized for 8 sessions
            # but attended only 3": the attendance is the 3's, not the 8's)
            near = (s[max(0, m.start() - 20):m.start()].split(";")[-1] + s[m.start():m.end()]
                    + _CONTRAST.split(re.split(r"[,;]", s[m.end():m.end() + 40])[0])[0])
            if k > 0 and _AUTHORIZED_COUNT.search(near) and not _DONE_COUNT.search(near):
                continue  # visits authorized, approved or remaining are not visits completed
            gd = m.groupdict()
            alts = [n]
            if gd.get("alt"):
                a = to_int(re.sub(r"\s*(?:\bor|\bto|-)\s*$", "", gd["alt"]))
                if a is not None:
                    alts = [a, n]
            before = s[:m.start()]
            quoted = before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")
            word = " ".join((gd.get("lb") or "").lower().split())
            lb = word in LOWER_BOUNDS or bool(gd.get("plus"))             # "20+ visits": at least 20
            if word in LOWER_BOUNDS:
                alts = [a + LOWER_BOUNDS[word] for a in alts]
            if not before_only and k > 1:  # (the two totals, first, are the sum already)
                more = sum(_continued(s, m.end(), kind_pat))   # "8 sessions in 2012 and 6 sessions in 2013": 14
                alts = [a + more for a in alts]
            out.append(Count(min(alts), s, quoted, bool(lb), tuple(alts)))
        if out:
            break
    return out


#: words that make the number after them a place in a sequence, no count ("week three of acupuncture", "day 2 of")
_ORDINAL_BEFORE = re.compile(r"(?<!\bper )(?<!\ba )(?<!\beach )(?<!\bevery )(?<!\bx )"
                             r"\b(?:week|day|month|year|phase|stage|grade|level)\s*$", re.I)
#: a number that is part of a frequency written "2x6" (times a week by weeks): no count of visits done
_FREQUENCY = re.compile(r"\d\s*x\s*$", re.I)
_FREQUENCY_AFTER = re.compile(r"\s*x\s*\d", re.I)


def _counts_other(s: str, at: int, kind_pat: str) -> bool:
    """Whether the count ending at `at` names its own treatment, another kind than this one ("physical therapy,
    which he completed, and 6 sessions of acupuncture": the 6 is the acupuncture's)."""
    m = re.match(rf"\s*(?:{_UNIT})\s+(?:of|with)\s+((?:[\w-]+\s+){{0,2}}?[\w-]+(?:\s+[\w-]+)?)", s[at:at + 80], re.I)
    if not m or re.search(kind_pat, m.group(1), re.I):
        return False
    return _names_other_kind(m.group(1), kind_pat)


def _names_other_kind(span: str, kind_pat: str) -> bool:
    """Whether the words from a kind's name to a count name another treatment: the count is then the other's
    ("chiropractic, acupuncture (twelve sessions)" counts no chiropractic)."""
    own = re.sub(kind_pat, lambda m: " " * len(m.group(0)), span, flags=re.I)
    return any(re.search(p, own, re.I) for _, p in (*KINDS, *RECEIVED_KINDS) if p != kind_pat)


#: the words that join a course's first and last dates, one a row ("from 02/01/2016 to 03/15/2016", "between ... and
#: ...", "02/01/2016 - 03/15/2016"); `{d}` stands for a date
COURSE_SPANS: tuple[str, ...] = (
    r"\bfrom\s+{d}\s+(?:to|through|thru|until|till)\s+{d}",
    r"\bbetween\s+{d}\s+and\s+{d}",
    r"{d}\s*(?:-|–|to)\s*{d}",
)
_COURSE_SPAN = re.compile("|".join(f"(?:{p})" for p in COURSE_SPANS).format(d="(?-i:DATE)"), re.I)
#: a course's one date told as its first day, one phrasing a row (the date written DATE)
COURSE_STARTED: tuple[str, ...] = (
    r"\b(?:began|begun|started|starting|commenced|initiated)\s+(?:on\s+)?(?-i:DATE)",
    r"\bstart(?:ing)? date (?:of |was |is )?(?-i:DATE)",
)
#: a course's one date told as its last day, one phrasing a row
COURSE_ENDED: tuple[str, ...] = (
    r"\b(?:the )?(?:last|final)(?: (?:one|visit|session|treatment|appointment))?,?\s+(?:on|was|dated)\s+(?-i:DATE)",
    r"\b(?:ended|finished|concluded|discharged)\s+on\s+(?-i:DATE)",
)
_COURSE_STARTED = re.compile("|".join(f"(?:{p})" for p in COURSE_STARTED), re.I)
_COURSE_ENDED = re.compile("|".join(f"(?:{p})" for p in COURSE_ENDED), re.I)


def _course_dates(s: str, kind_pat: str) -> tuple[dt.date | None, dt.date | None]:
    """The first and last dates of a course, when the sentence names no other treatment and states one span of
    dates (`COURSE_SPANS`, read with each date written as DATE); else (None, None)."""
    if _names_other_kind(s, kind_pat):
        return None, None
    masked = mask_dates(s)
    spans = list(_COURSE_SPAN.finditer(masked))
    dates = [d for d, _ in find_dates(s)]
    if len(dates) != masked.count("DATE"):
        return None, None
    if not spans and len(dates) == 1:
        # one date, told as the course's first or last day ("Chiropractic care began on DATE", "18 visits, the last
        # on DATE"): that end only
        if _COURSE_STARTED.search(masked):
            return dates[0], None
        if _COURSE_ENDED.search(masked):
            return None, dates[0]
        return None, None
    if len(spans) != 1:
        return None, None
    k = masked[:spans[0].start()].count("DATE")
    first, last = dates[k], dates[k + 1]
    return (first, last) if first <= last else (None, None)


def _fi(s: str) -> bool | None:
    """Objective functional improvement stated in a sentence about a course (True), its absence (False), or
    only subjective benefit, which is not objective functional improvement (8 CCR §9792.20): None."""
    if FI_NEG.search(s):
        return False
    if FI_POS_OBJ.search(s) or _COURSE_FI.search(s):
        return True
    return None


def _clause_at(s: str, at: int) -> str:
    """The clause of the sentence around position `at`, between semicolons (a list's row), after the sentence's label
    when it opens with one ("Plan: surgery; pre-op labs; 8 post-op OT visits": every row is the plan's)."""
    start = s.rfind(";", 0, at) + 1
    end = s.find(";", at)
    colon = s.find(":")
    label = s[:colon + 1] + " " if 0 < colon <= 40 and colon < start else ""
    return label + s[start:end if end >= 0 else len(s)]


def list_rows(s: str, rx: re.Pattern[str], pat: str) -> list[tuple[str, tuple[Count, ...]]]:
    """The rows (clauses between semicolons, `_clause_at`) of a treatment list that name this kind and count it, with
    their counts. A list names each course once, so two rows that count one kind ("Physical therapy, 24 visits in
    2015; ...; Post-operative physical therapy: 16 visits") are two courses, not two reports of one; a row about
    a request, or that counts none, is no course of its own."""
    out: list[tuple[str, tuple[Count, ...]]] = []
    seen: set[int] = set()
    for m in rx.finditer(s):
        start = s.rfind(";", 0, m.start()) + 1
        if start in seen:
            continue
        seen.add(start)
        row = _clause_at(s, m.start())
        if REQUEST_CUE.search(row) and not RECEIVED.search(row):
            continue
        counts = tuple(_counts_for(row, pat))
        if counts:
            out.append((row + _row_runs_on(s, m.start()), counts))
    return out


def _row_runs_on(s: str, at: int) -> str:
    """The clauses a bulleted row runs on into after a semicolon of its own, up to the next bullet ("- Post-operative
    PT: 16 visits; elevation improved from 100 to 150 degrees; - Medications: ..."): the row's result is there."""
    end = s.find(";", at)
    if end < 0 or not BULLET.match(s[s.rfind(";", 0, at) + 1:]):
        return ""
    more = ""
    for clause in s[end + 1:].split(";"):
        if BULLET.match(clause) or not clause.strip():
            break
        more += ";" + clause
    return more


def _read_list_rows(reading: Reading, path: str, s: str, pos: int, rx: re.Pattern[str], pat: str) -> bool:
    """The courses of a treatment list that counts one kind in more than one row (`list_rows`): a course each; False
    when the sentence is no such list."""
    rows = list_rows(s, rx, pat) if LIST_CUE.search(s) else []
    if len(rows) < 2:
        return False
    for k, (row, row_counts) in enumerate(rows):
        fi = _fi(row)
        at = rx.search(row)
        reading.add(path, CourseMention(counts=row_counts, functional_improvement=fi,
                                        note=row if fi is not None else None,
                                        weeks=course_weeks(row, at.start(), at.end()) if at else None,
                                        postsurgical=bool(_POSTSURGICAL.search(row)), row=(pos, k)),
                    row, "history", position=pos)
    return True


def _read_second_courses(reading: Reading, path: str, s: str, pos: int, rx: re.Pattern[str], pat: str,
                         after: int) -> bool:
    """The courses of one sentence that sets a further count apart after the kind named before `after` ("12 sessions of
    PT in 2015 and a second course of 6 sessions in 2016"): each its own count, result, dates and length
    (`SECOND_COURSE_MARKS`), the engine adding their sessions; False when the sentence sets none apart."""
    marks = second_courses(s, after, pat)
    if not marks or not _counts_for(s[:marks[0][0]], pat):
        return False
    cuts = [0, *(at for at, _ in marks), len(s)]
    for k in range(len(cuts) - 1):
        seg = s[cuts[k]:cuts[k + 1]]
        counts = tuple(_counts_for(seg, pat)) if k == 0 else (Count(marks[k - 1][1], seg, False, False,
                                                                    (marks[k - 1][1],)),)
        fi = _fi(seg)
        at = rx.search(seg)
        first, last = _course_dates(seg, pat)
        reading.add(path, CourseMention(counts=counts, functional_improvement=fi, note=seg if fi is not None else None,
                                        postsurgical=bool(_POSTSURGICAL.search(seg)),
                                        weeks=course_weeks(seg, at.start(), at.end()) if at else None,
                                        start=first, end=last, further=k > 0),
                    seg, "history", position=pos)
    return True


def read_history(text: Text, reading: Reading) -> None:
    """Mentions of PT, OT, chiropractic and acupuncture courses (`history.<kind>`), and whether the summary lists
    the treatment to date (`treatments_listed`)."""
    for pos, s in text.numbered():
        if LIST_CUE.search(s) and not REQUEST_CUE.search(s.split(",")[0]):
            reading.add("treatments_listed", True, s, "history", position=pos)
    sentences = [s for _, s in text.numbered()]
    for kind, pat in KINDS:
        rx = re.compile(pat, re.I)
        for pos, s in text.numbered():
            m = rx.search(s)
            if not m:
                continue
            path = f"history.{kind.value}"
            if _NEVER_ATTENDED.match(s, m.end()) and not is_other_source(s) and not _PT_FORM.fullmatch(m.group(0)):
                reading.add(path, CourseMention(absent=True), s, "history", position=pos)
                continue  # "authorized for 6 visits but she did not attend any": none received
            # a list's rows are its clauses ("Physical therapy: none, never authorized; Chiropractic: none"): a
            # request in one row says nothing of another's care
            clause = _clause_at(s, m.start()) if LIST_CUE.search(s) else s
            stated_none = bool(_NO_COURSE_AFTER.match(s, m.end()))
            if (REQUEST_CUE.search(clause) or is_other_source(s)) and not RECEIVED.search(s) and not stated_none:
                continue  # authorized, ordered, planned or disputed visits are not visits completed
            if _FAMILY_BEFORE.search(_RELATIVE_CLAUSE.sub(" ", s[max(0, m.start() - 160):m.start()])):
                continue  # "His brother had 12 sessions of acupuncture": a family member's care, not the worker's
            # a negation before the therapy's name, in its own clause: "has not had PT but chiropractic helped"
            window = _CONTRAST.split(s[max(0, m.start() - 80):m.start()])[-1]
            denied = _denial_before(window)
            if denied and _SILENCE.search(_ATTRIBUTION.sub(" ", s)):
                continue  # "no prior chiropractic care was documented": the record's silence, not care refused
            if _SILENT_BEFORE.search(s[:m.start()]) or _SILENT_AFTER.match(s, m.end()):
                continue  # "the records do not show any PT", "PT has not been documented": nor care given
            if (denied or _NO_COURSE_AFTER.match(s, m.end())) and not re.search(
                    r"\b(?:without|no)\s+(?:\w+\s+){0,2}improv", s[max(0, m.start() - 40):m.end() + 40], re.I):
                if _TIME_LIMITED_AFTER.match(s, m.end()) or _RECENT_BEFORE.search(window):
                    continue  # "no PT in the past year", "no recent acupuncture": nothing said of before (TIME_LIMITED)
                if _PT_FORM.fullmatch(m.group(0)):
                    continue  # "has not had aquatic therapy": land therapy may have been given (PT_FORMS)
                reading.add(path, CourseMention(absent=True), s, "history", position=pos)
                continue
            if _read_list_rows(reading, path, s, pos, rx, pat) or _read_second_courses(reading, path, s, pos, rx, pat,
                                                                                      m.end()):
                continue  # "PT, 24 visits in 2015; ...; post-operative PT: 16 visits": two courses, two rows
            fi = _fi(clause)   # in a treatment list, a row has its own result
            note = s if (fi is not None or FI_POS_SUBJ.search(s)) else None
            first, last = _course_dates(s, pat)
            counts = tuple(_counts_for(s, pat))
            reading.add(path, CourseMention(counts=counts, functional_improvement=fi, note=note,
                                            postsurgical=bool(_POSTSURGICAL.search(s))
                                            or _after_surgery_before(sentences, pos),
                                            weeks=course_weeks(s, m.start(), m.end()), start=first, end=last),
                        s, "history", position=pos)


#: a further course counted without naming its kind ("After the surgery he completed another 8 sessions of
#: post-operative therapy", "She later attended 6 more visits"): "another", "more" say it is of the kind the sentence
#: before counted, one phrasing a row; the count follows the phrasing
FURTHER_UNNAMED: tuple[str, ...] = (
    rf"\b(?:completed|attended|had|received|underwent|finished)\s+(?:an?other\s+)(?P<n>{WHOLE_NUM})\s+{_UNIT}"
    rf"(?:\s+of\s+(?:post-?\s?op(?:erative)?\s+|post-?surgical\s+)?therapy)?",
    rf"\b(?:completed|attended|had|received|underwent|finished)\s+(?P<n2>{WHOLE_NUM})\s+(?:more|additional|further)\s+"
    rf"{_UNIT}(?:\s+of\s+(?:post-?\s?op(?:erative)?\s+|post-?surgical\s+)?therapy)?",
)
_FURTHER_UNNAMED = [re.compile(p, re.I) for p in FURTHER_UNNAMED]


def read_further_unnamed(text: Text, reading: Reading) -> None:
    """A further course a sentence counts without naming its kind (`FURTHER_UNNAMED`), given to the one visit therapy
    the sentence before counted: a course of that kind (`settle_courses` keeps it apart as a further course)."""
    kinds = [kind for kind, _ in KINDS]
    for pos, s in text.numbered():
        if pos == 0 or any(re.search(pat, s, re.I) for _, pat in (*KINDS, *RECEIVED_KINDS)) or is_other_source(s):
            continue
        m = next((m for rx in _FURTHER_UNNAMED if (m := rx.search(s))), None)
        n = to_int(m.group("n") if m.groupdict().get("n") else m.group("n2")) if m else None
        if n is None or n > 60:
            continue
        before = [k for k in kinds if any(e.position == pos - 1 and isinstance(e.value, CourseMention)
                                          and e.value.counts for e in reading.of(f"history.{k.value}"))]
        if len(before) != 1:
            continue  # no one kind counted just before: whose course it is, the text does not say
        fi = _fi(s)
        reading.add(f"history.{before[0].value}",
                    CourseMention(counts=(Count(n, s, False, False, (n,)),), functional_improvement=fi,
                                  note=s if fi is not None else None, postsurgical=bool(_POSTSURGICAL.search(s))),
                    s, "history", position=pos)


#: a count of visits done that names no treatment, one phrasing a row ("By July she had completed 12 visits", "he
#: attended 12 of them", "of which she attended 4", "Twelve visits were completed", "a further 12 were authorized and
#: completed"): in a sentence that follows one naming a visit therapy, it counts that therapy (`read_carried_counts`)
CARRIED_COUNTS: tuple[str, ...] = (
    rf"\b(?:completed|attended|had|received|finished|been to)\s+(?:{_ONLY}\s+)?(?P<n0>{WHOLE_NUM})\s+"
    rf"(?:{_UNIT}|of\s+(?:them|those|these|the\s+\w+)|(?:of|out of)\s+(?:the\s+)?{WHOLE_NUM}\s+(?:[\w-]+\s+)?{_UNIT})\b",
    rf"\bof\s+(?:which|these|those|them)\s+(?:[\w-]+\s+){{0,2}}?(?:completed|attended|had|received)\s+"
    rf"(?:{_ONLY}\s+)?(?P<n1>{WHOLE_NUM})\b",
    rf"(?<![/-])\b(?P<n2>{WHOLE_NUM})\s+(?:{_UNIT}\s+)?(?:were|was|have been|had been)\s+(?:\w+\s+and\s+)?"
    rf"(?:completed|attended)\b",
    # "He has completed all 6.", "He went to 5.": the number alone ends the clause, the visits of the sentence before
    rf"\b(?:completed|attended|had|received|finished|been to|went to|gone to)\s+(?:all\s+|{_ONLY}\s+)?"
    rf"(?P<n3>{WHOLE_NUM})\s*(?=[.;,]|$)",
    # "The treating physician's notes document 12 completed visits."
    rf"\b(?:document\w*|show\w*|record\w*|note\w*)\s+(?P<n4>{WHOLE_NUM})\s+(?:completed|attended)\s+{_UNIT}",
)
_CARRIED_COUNTS = any_of(CARRIED_COUNTS)
#: a visit with a physician, no visit of therapy: a sentence that names one carries no therapy's count
#: (a physician's records, "the treating physician's notes document 12 completed visits", are not a visit)
_DOCTOR_VISIT = re.compile(r"\b(?:office|follow-?up|clinic|doctor|physician|surgeon|provider|dr\.?|er|emergency)\b"
                           r"(?!['\u2019]s\b)", re.I)
#: how many sentences back the therapy a count carries may be named ("She began PT in April. By July she had
#: completed 12 visits. A second course of 6 was authorized, of which she attended 4."): the sentences between
#: name no treatment
CARRY_REACH = 2
#: the therapies given in visits, whose counts a later sentence may carry
VISIT_KINDS = frozenset(k for k, _ in KINDS)


def _carried_count(s: str) -> int | None:
    """The visits done a sentence counts without naming its treatment (`CARRIED_COUNTS`, each count once, added)."""
    total, found = 0, False
    for m in _CARRIED_COUNTS.finditer(s):
        n = to_int(next(v for k, v in m.groupdict().items() if v is not None and k.startswith("n")))
        if n is None or n > 60 or _NOT_SESSIONS.match(s, m.end()):
            continue
        total, found = total + n, True
    return total if found else None


def read_carried_counts(text: Text, reading: Reading) -> None:
    """A course named in one sentence and counted in the next ("Post-operative physical therapy began on 05/16/2016.
    Sixteen visits were authorized; he attended 12 of them."): the count, in a sentence that names no treatment, is
    the course's, when the nearest sentence before it that names a treatment (at most `CARRY_REACH` back) names one
    visit therapy only. A word of a second course opens a course of its own; a word of surgery in the sentences
    carried over makes the count post-operative."""
    sentences = list(text.numbered())
    names = [{k for k, pat in KINDS if re.search(pat, s, re.I)} |
             {k for k, pat in RECEIVED_KINDS if re.search(pat, s, re.I)} for _, s in sentences]
    for pos, s in sentences:
        if names[pos] or is_other_source(s) or _DOCTOR_VISIT.search(s) or (
                REQUEST_CUE.search(s) and not RECEIVED.search(s)):
            continue
        n = _carried_count(s)
        if n is None:
            continue
        back = next((b for b in range(pos - 1, max(-1, pos - 1 - CARRY_REACH), -1) if names[b]), None)
        visits = [k for k in names[back] if k in VISIT_KINDS] if back is not None else []
        if back is None or len(visits) != 1:
            continue  # an injection named beside the therapy is not counted in visits ("8 sessions of PT and one
            # cortisone injection"), two therapies named leave the count's therapy unsaid
        kind = visits[0]
        between = " ".join(x for _, x in sentences[back:pos])   # the sentence naming the therapy and those after it
        fi = _fi(s)
        reading.add(f"history.{kind.value}",
                    CourseMention(counts=(Count(n, between + " " + s, False, False, (n,)),), functional_improvement=fi,
                                  note=s if fi is not None else None,
                                  postsurgical=bool(_POSTSURGICAL.search(between + " " + s)),
                                  further=bool(_SECOND_COURSE.search(s))),
                    s, "history", position=pos)


#: a sentence that names no treatment and says the visits authorized in the sentence before were never attended ("He
#: never attended.", "She has not yet started them."): no course received (`read_never_attended`)
_NEVER_ATTENDED_ALONE = re.compile(
    r"\b(?:" + "|".join(f"(?:{p})" for p in NEVER_ATTENDED) + r")"
    r"(?:\s+(?:any(?: of them)?|them|it|these|those|the (?:sessions|visits|treatments?)))?"
    r"(?:\s+(?:yet|so far|as yet))?\s*(?:[.;,]|$|\b(?:because|since|as|due to)\b)", re.I)


def read_never_attended(text: Text, reading: Reading) -> None:
    """Visits of one therapy authorized in one sentence and never attended by the next (`_NEVER_ATTENDED_ALONE`):
    none received, as `_NEVER_ATTENDED` reads it in one sentence."""
    sentences = list(text.numbered())
    for pos, s in sentences[1:]:
        prev = sentences[pos - 1][1]
        if any(re.search(pat, s, re.I) for _, pat in (*KINDS, *RECEIVED_KINDS)) or is_other_source(s):
            continue
        if not _NEVER_ATTENDED_ALONE.search(s) or not REQUEST_CUE.search(prev) or RECEIVED.search(prev):
            continue
        kinds = [k for k, pat in KINDS if re.search(pat, prev, re.I)]
        if len(kinds) == 1:
            reading.add(f"history.{kinds[0].value}", CourseMention(absent=True), s, "history", position=pos)


#: treatments a treatment-to-date list names without a count (other than the visit therapies) that rules read:
#: each is a course received, its count not documented (heat and ice at home are not listed: no rule reads them)
LISTED_KINDS: tuple[tuple[Service, str], ...] = (
    (Service.injection_other, r"\binjections?\b"),
    (Service.epidural_steroid_injection, r"\bepidural (?:steroid )?injections?\b|\b(?:tf)?esis?\b"),
    (Service.trigger_point_injection, r"\btrigger point injections?\b"),
    (Service.massage, r"\bmassage\b"),
    (Service.tens_unit, r"\btens\b(?: unit)?|transcutaneous (?:electrical )?nerve stim\w*"),
)


def read_listed_treatments(text: Text, reading: Reading) -> None:
    """Treatments a treatment-to-date list names ("Treatment to date has included ... injections ..."): a course
    received, its count not documented. A specific kind named (epidural, trigger point) is not also a generic
    injection."""
    for pos, s in text.numbered():
        if not LIST_CUE.search(s) or REQUEST_CUE.search(s.split(",")[0]) or is_other_source(s):
            continue
        taken: list[tuple[int, int]] = []
        for kind, pat in sorted(LISTED_KINDS, key=lambda kp: kp[0] is Service.injection_other):
            for m in re.finditer(pat, s, re.I):
                if any(a <= m.start() < b for a, b in taken) or affirmed(s, m.start(), m.end()) is not True:
                    continue
                taken.append((m.start(), m.end()))
                if _NO_COURSE_AFTER.match(s, m.end()):
                    break  # a row whose value is the absence ("Epidural injections: none"): read as a stated zero
                reading.add(f"history.{kind.value}", CourseMention(), s, "history", position=pos)
                break


#: how the record names a functional restoration program received, one a row: the Chronic Pain guideline's own names
#: for it ("Chronic pain programs (functional restoration programs)", multidisciplinary or interdisciplinary pain
#: programs) and their short forms
FRP_NAMES: tuple[str, ...] = (
    r"functional restoration", r"frp",
    r"(?:multi|inter)-?disciplinary (?:chronic )?pain (?:management |rehabilitation )?program",
    r"chronic pain (?:management |rehabilitation )?program",
)
#: treatments given other than as visit therapies, and how the summaries name them; a specific kind first, so that
#: "facet injections" is not also a generic injection (the relief an epidural gave is read by `read_injections`)
RECEIVED_KINDS: tuple[tuple[Service, str], ...] = (
    (Service.epidural_steroid_injection, r"\bepidural (?:steroid )?injections?\b|\b(?:tf)?esis?\b|\btransforaminal (?:\w+ )?"
                                         r"injections?\b|\bepidurals\b"),
    (Service.facet_injection, r"\bfacet (?:joint )?(?:injections?|blocks?)\b|\bmedial branch (?:nerve )?blocks?\b|"
                              r"\bmbbs?\b"),
    (Service.radiofrequency_ablation, r"\bradiofrequency (?:ablation|neurotomy|rhizotomy|lesioning)\b|\brhizotomy\b|"
                                      r"\brfa\b"),
    (Service.trigger_point_injection, r"\btrigger point injections?\b|\btpis?\b"),
    (Service.injection_other, r"\b(?:cortisone|steroid|corticosteroid|joint|subacromial|intra-?articular|"
                              r"viscosupplementation|synvisc|orthovisc|prp) (?:\w+ )?(?:injections?|shots?)\b|"
                              r"\b(?:stellate ganglion|sympathetic|sacroiliac(?: joint)?|si joint) blocks?\b|"
                              r"\binjections?\b|\binjs?\b"),
    (Service.psych_evaluation, r"\bpsych(?:ological|iatric)? (?:evaluation|assessment|screening|consultation)s?\b|"
                               r"\bpsych eval\b"),
    (Service.psychotherapy, r"\bpsychotherapy\b|\bcognitive[- ]behavio\w* (?:therapy|treatment)\b|\bcbt\b|"
                            r"\bpsychological (?:treatment|therapy|counseling)\b|\bcounseling\b|"
                            r"\b(?:pain )?psychology (?:sessions?|visits?|treatment)\b"),
    (Service.functional_restoration, r"\b(?:" + "|".join(FRP_NAMES) + r")\b"),
    (Service.tens_unit, r"\btens\b(?: unit)?|transcutaneous (?:electrical )?nerve stim\w*"),
    (Service.h_wave, r"\bh-?wave\b"),
    (Service.biofeedback, r"\bbiofeedback\b"),
    (Service.shockwave_therapy, r"\b(?:extracorporeal )?shock ?wave(?: therapy| treatments?)?\b|\beswt\b"),
    (Service.massage, r"\bmassage\b"),
    (Service.skilled_nursing_facility, r"\bskilled nursing (?:facility|home|unit)\b|\bsnf\b"),
    (Service.home_health, r"\bhome health (?:care|aides?|services|nursing|visits?)\b"),
)
#: finer kinds of an injection given, as the disputed items name them (`modality`), and how the summaries name them:
#: an `injection_other` course is of one of these only when the record says so (the rules on repeat blocks ask)
INJECTION_COURSE_KINDS: tuple[tuple[str, str], ...] = (
    ("sacroiliac", r"\bsacroiliac\b|\bsi[- ]joint\b|\bsij\b"),
    ("sympathetic_block", r"\bstellate\b|\bsympathetic (?:nerve |chain |ganglion )?blocks?\b|\bsgb\b"),
    ("botulinum", r"\bbotox\b|\bbotulinum\b|\bmyobloc\b|\bdysport\b|\bxeomin\b"),
    ("vitamin_b", r"\bvitamin b\b|\bb-?12\b|\bcyanocobalamin\b"),
)
_INJECTION_COURSE_RES = tuple((name, re.compile(pat, re.I)) for name, pat in INJECTION_COURSE_KINDS)


#: the words that may stand between a finer kind's name and the injection word of its phrase ("stellate ganglion
#: injection", "B12 intramuscular injection"); any other word ends the phrase
_PHRASE_JOIN = re.compile(r"[\s-]*(?:(?:ganglion|joint|nerve|chain|block|im|intramuscular)\s+)?", re.I)


def _injection_phrase_kind(s: str, start: int, end: int) -> str | None:
    """The finer kind the injection phrase at `start`..`end` names, by itself or by the words joined directly before
    it ("SI joint injection", "stellate ganglion injection"); not by words of another phrase before it ("for the SI
    joint pain he had 2 injections")."""
    named = set()
    for name, rx in _INJECTION_COURSE_RES:
        for k in rx.finditer(s, max(0, start - 30), end):
            if k.end() > start or _PHRASE_JOIN.fullmatch(s, k.end(), start):
                named.add(name)
    return named.pop() if len(named) == 1 else None


#: words that say a treatment named in a sentence was given, one phrasing a row
RECEIVED_WORDS: tuple[str, ...] = (
    r"\b(?:completed|received|attended|underwent|undergone|participated)\b", r"\b(?:has|have|had) (?:had|tried|used)\b",
    r"\b(?:had|tried|used) (?:an?|the|two|three|several|multiple|prior|previous|\d+)\b",
    r"\b(?:was|were) (?:performed|done|administered|given|tried|used)\b", r"\bstatus post\b|\bs/p\b",
    r"\b(?:prior|previous|past|last|recent) (?:\w+ ){0,3}(?:injections?|blocks?|ablation|therapy|counseling|"
    r"program|unit|sessions?)\b", r"\b(?:after|following) (?:the|an?|his|her) ",
    r"\buses (?:an? |the |his |her )?", r"\busing (?:an? |the |his |her )", r"\bhad\b" + _NOT_PASSIVE,
    r"\btrial+ed\b",                                                 # "he trialed a TENS unit in therapy"
    r"\b(?:has|have|had) failed\b",                                  # "she has failed PT and three ESIs"
    r"\b(?:produced|gave|helped|resulted in)\b",                     # "an injection on 7/30/2018 helped for a month"
    r"\b(?:on|dated) \d{1,2}[-/]\d{1,2}[-/]\d{2,4}\b",              # "a steroid injection on 07/30/2018"
    r"\bspent (?:[\w-]+ ){0,3}(?:in|at)\b",                        # "spent 2 weeks in a skilled nursing facility"
    r"\b(?:has|have|had) been through\b",                          # "she has been through PT, a TENS unit and CBT"
    r"\b(?:started|began|begun)\b",                                 # "he started CBT with a psychologist in May"
)
_RECEIVED_ANY = any_of(RECEIVED_WORDS)


#: treatments given one at a visit: one named in the singular ("an intra-articular steroid injection"), or given on
#: one date ("medial branch blocks at L4-5 and L5-S1 on 10-02-2020"), is one session
SINGLE_VISIT_KINDS = frozenset({
    Service.epidural_steroid_injection, Service.facet_injection, Service.radiofrequency_ablation,
    Service.trigger_point_injection, Service.injection_other, Service.psych_evaluation,
})
#: the kinds a denial of injections in general ("no prior injections of any kind") denies, each a stated zero
INJECTION_KINDS_DENIED = (Service.epidural_steroid_injection, Service.facet_injection,
                          Service.trigger_point_injection, Service.injection_other)
_SINGULAR_BEFORE = re.compile(r"\b(?:an?|one|single)\s+(?:[\w-]+\s+){0,4}$", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_OTHER_ITEM = re.compile(r"[,;(]|\band (?:an?|the|his|her|\w+ed)\b", re.I)
#: words between a denial and the treatment it denies: a denial of relief ("no relief from the injection") denies
#: no treatment
_DENIAL_GAP = re.compile(r"(?:\s+(?!(?:relief|benefit|improvement|response|change|help|from|with|after|of|to)\b)"
                         r"[\w-]+){0,3}\s+$", re.I)


#: what joins the entries of a list of treatments a denial reaches along, one a row
LIST_JOINS: tuple[str, ...] = (r",", r"/", r"\bor\b", r"\band\b", r"\bnor\b")
_LIST_JOIN = re.compile("|".join(LIST_JOINS), re.I)
_ANY_KIND = re.compile("|".join(f"(?:{p})" for _, p in (*KINDS, *RECEIVED_KINDS)), re.I)


def _denial_before(window: str) -> bool:
    """Whether a denial (`NO_COURSE_BEFORE`) in the words just before a treatment's name governs it: at most three
    words between, none a word of relief or result ("no PT", "has not had any formal PT"; not "with no significant
    relief, and acupuncture")."""
    for d in NO_COURSE.finditer(window):
        # a denial reaches along a list of treatments ("no PT, chiropractic or acupuncture"): the other treatments'
        # names and the words that join them stand for nothing between
        rest = _ANY_KIND.sub(" ", window[d.end():])
        if _DENIAL_GAP.fullmatch(_LIST_JOIN.sub(" ", rest)):
            return True
    return False


#: verbs by which a clause that opens with a date tells of one treatment given on it ("On 02/02/2016 he underwent
#: medial branch blocks"), one a row; a verb of report ("On 02/02/2016 he said the injections helped") is none
DATED_RECEIPT_VERBS: tuple[str, ...] = (
    r"underwent", r"received", r"had", r"(?:was|were) given", r"(?:was|were) administered",
)
_DATED_RECEIPT = re.compile(r"\b(?:" + "|".join(DATED_RECEIPT_VERBS) + r")\b", re.I)


def _one_visit(s: str, start: int, end: int) -> bool:
    """Whether a treatment's mention names one visit: in the singular after "a", "an", "one", or with one date (and
    no other year) in its clause, after its name or opening the clause before a verb of receipt."""
    if not re.search(r"s$", s[start:end], re.I) and _SINGULAR_BEFORE.search(s[max(0, start - 60):start]):
        return True
    return _visit_date(s, start, end) is not None


def _visit_date(s: str, start: int, end: int) -> dt.date | None:
    """The one date a treatment's mention is given on: the only date (and year) in its clause, written after its
    name or opening the clause before a verb of receipt ("an epidural injection on 02/01/2016 gave 60% relief",
    "On 02/02/2016, he underwent medial branch blocks"); None otherwise."""
    lo = s.rfind(";", 0, start) + 1
    hi = s.find(";", end)
    hi = len(s) if hi < 0 else hi
    if len(_YEAR.findall(s[lo:hi])) > 1:
        return None
    after, before = find_dates(s[end:min(hi, end + 80)]), find_dates(s[lo:start])
    if len(after) == 1 and not before:
        gap = s[end:end + after[0][1]]  # the date must be the treatment's own, not a next item's ("TPIs and a release on")
        return after[0][0] if len(gap.split()) <= 10 and not _OTHER_ITEM.search(gap) else None
    if len(before) == 1 and not after:
        # "On 02/02/2016, he underwent bilateral L4-L5 and L5-S1 medial branch blocks": the words after the date
        gap = re.sub(r"^\S+,?", "", s[lo + before[0][1]:start])
        ok = len(gap.split()) <= 10 and bool(_DATED_RECEIPT.search(gap)) and not re.search(r"[,;(]", gap)
        return before[0][0] if ok else None
    return None


#: a denial limited in time ("no injections in the past year", "has not had injections since 2015", "no recent
#: injections") says nothing of the treatment before it: not a stated zero (review of this session's changes)
TIME_LIMITED: tuple[str, ...] = (
    # "since this injury" is the whole claim: a stated zero still
    r"since\b(?!\s+(?:this|the industrial|the work|the date of)\s+(?:injury|accident|incident)\b)",
    r"in the (?:past|last|preceding)\b", r"within the (?:past|last)\b", r"(?:for|over) the (?:past|last)\b",
    r"this year\b", r"recently\b", r"lately\b",
)
_TIME_LIMITED_AFTER = re.compile(r"[^.;]{0,30}?\b(?:" + "|".join(TIME_LIMITED) + r")", re.I)
_RECENT_BEFORE = re.compile(r"\b(?:recent|recently)\b[\w\s-]{0,20}$", re.I)


def _denied(s: str, start: int, end: int) -> bool | None:
    """True when the sentence says the treatment at `start`..`end` was not received ("no prior radiofrequency
    ablation", "has not had CBT", "no H-wave trial has been done"); None when the record is only silent on it ("no
    documentation of prior injections"); False otherwise."""
    window = _CONTRAST.split(s[max(0, start - 80):start])[-1]
    if not _denial_before(window) and not _NO_COURSE_AFTER.match(s, end):
        return False
    if _SILENCE.search(_ATTRIBUTION.sub(" ", s)) or _SILENT_BEFORE.search(s[:start]) or _SILENT_AFTER.match(s, end):
        return None
    if _TIME_LIMITED_AFTER.match(s, end) or _RECENT_BEFORE.search(s[max(0, start - 30):start]):
        return None
    return True


#: words just before a treatment's name that make it the worker's job, not care received ("a 38 year old female home
#: health aide", "works as a massage therapist"), one a row
WORKER_JOB_BEFORE: tuple[str, ...] = (
    r"\b(?:year[- ]old|y/?o|male|female|man|woman)\s+(?:[\w-]+\s+)?$",
    r"\b(?:works?|worked|working|employed|job) as an?\s+(?:[\w-]+\s+)?$",
)
_WORKER_JOB_BEFORE = any_of(WORKER_JOB_BEFORE)
#: the job words that follow such a name ("aide", "therapist", "nurse")
_JOB_AFTER = re.compile(r"\s*(?:aides?|therapists?|nurses?|workers?|assistants?|techs?|technicians?)\b", re.I)


def for_each_kind_mention(s: str, use: Callable[[Service, str, re.Match[str]], bool]) -> None:
    """Offer `use` each mention of a treatment kind (`RECEIVED_KINDS`, in table order) that no earlier mention
    overlaps, until it takes one of that kind (returns True): the one walk the denied and the received readers
    share."""
    taken: list[tuple[int, int]] = []
    for kind, pat in RECEIVED_KINDS:
        done = False
        for m in re.finditer(pat, s, re.I):
            if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
                continue
            # every mention of a kind is taken, also after one was used: a later kind's words inside it ("one
            # cervical epidural steroid injection" after "two lumbar epidural steroid injections") are not its own
            taken.append((m.start(), m.end()))
            if _WORKER_JOB_BEFORE.search(s[max(0, m.start() - 40):m.start()]) and (
                    _JOB_AFTER.match(s, m.end()) or re.search(r"(?:aides?|therapists?)$", m.group(0), re.I)):
                continue  # the worker's job ("a female home health aide"), not care received
            done = done or use(kind, pat, m)


def read_denied_treatments(text: Text, reading: Reading) -> None:
    """Injections, blocks, ablations, psychotherapy, evaluations and home units the record says were not received:
    a stated zero each. Injections denied in general ("no prior injections") deny each kind of injection."""
    for pos, s in text.numbered():
        other = is_other_source(s)

        def deny(kind: Service, pat: str, m: re.Match[str], s: str = s, pos: int = pos, other: bool = other) -> bool:
            if other and not _NO_COURSE_AFTER.match(s, m.end()):
                return False  # a reviewer's words; a row whose value is the absence is stated, as `read_history` keeps
            if _denied(s, m.start(), m.end()) is not True:
                return False
            generic = kind is Service.injection_other and re.fullmatch(r"injs?|injections?", m.group(0), re.I)
            for k in INJECTION_KINDS_DENIED if generic else (kind,):
                reading.add(f"history.{k.value}", CourseMention(absent=True), s, "history", position=pos)
            return True

        for_each_kind_mention(s, deny)


#: verbs that state what a treatment or evaluation found or did, written just after its name ("a psychological
#: evaluation cleared him for surgery", "a psych evaluation on 05/2017 recommended CBT"): it was given, whatever the
#: sentence goes on to recommend; one a row
RESULT_VERBS: tuple[str, ...] = (
    "cleared", "recommended", "found", "diagnosed", "showed", "revealed", "concluded", "identified", "confirmed",
)
#: a date may stand between the name and the verb ("on 05/2017", "in 2015", "dated 3/1/16"); a passive participle
#: is a plan ("a psychological evaluation recommended for depression")
_RESULT_AFTER = re.compile(r"(?:\s+(?:on|in|dated)\s+[\w/-]+){0,2},?\s+(?:" + "|".join(RESULT_VERBS) + r")\b"
                           r"(?!\s+(?:by|for|to|as|at)\b)", re.I)   # "a TENS unit recommended by Dr. X" is a plan


#: the words that part one treatment's mention from the one before it in a sentence, one a row: the count written in
#: a mention's own phrase ("3 corticosteroid injections and a series of 3 hyaluronic acid injections") is that
#: mention's
MENTION_BREAKS: tuple[str, ...] = (r"[,;:(]", r"\band\b", r"\bthen\b", r"\bplus\b", r"\bas well as\b")
_MENTION_BREAK = re.compile("|".join(MENTION_BREAKS), re.I)
#: words that make a later mention part of an earlier one ("3 injections, including one to the knee"): no course of
#: its own
_PART_OF = re.compile(r"\b(?:including|included|of which|one of|among|each|both|the|that|this|these|those|which|"
                      r"same|last|latest|most recent)\b", re.I)
_OWN_NUMBER = re.compile(rf"(?P<n>{WHOLE_NUM})\s+(?:[\w-]+\s+){{0,4}}$", re.I)
_OWN_AFTER = re.compile(rf"\s*(?:x|#|times)\s*(?P<n>{WHOLE_NUM})", re.I)
#: a treatment list's row that counts its treatment after the name ("massage, 4 visits"; "TENS: 3 sessions"), not a
#: frequency ("massage, 2 visits a week")
_OWN_ROW = re.compile(rf"\s*[,:]\s*(?P<n>{WHOLE_NUM})\s+{_UNIT}\b(?!\s*(?:per|a|an|each|every|/)\s*(?:week|month|day)"
                      rf"|\s*(?:weekly|monthly|daily))", re.I)


def _kind_spans(s: str, kind: Service) -> list[tuple[int, int]]:
    """Where the sentence names treatments of `kind`, leaving out words an earlier kind of the table names ("an
    epidural steroid injection" is no generic injection)."""
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, int]] = []
    for k, pat in RECEIVED_KINDS:
        for m in re.finditer(pat, s, re.I):
            if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if k is kind:
                out.append((m.start(), m.end()))
    return sorted(out)


def _own_count(s: str, lo: int, start: int, end: int) -> int | None:
    """The count a treatment's mention carries in its own phrase: a number before its name ("3 corticosteroid
    injections", "a series of 3 ... injections") or just after it ("injections x 2"), or the singular ("a cortisone
    injection": 1); None when the phrase has none or makes it part of another mention ("the injection")."""
    breaks = list(_MENTION_BREAK.finditer(s, lo, start))
    phrase = s[breaks[-1].end() if breaks else lo:start]
    if _PART_OF.search(phrase):
        return None
    after = _OWN_AFTER.match(s, end)
    num = _OWN_NUMBER.search(phrase) or after
    if num:
        n = to_int(num.group("n"))
        return n if n is not None and 0 < n <= 20 and not _NOT_SESSIONS.match(s, num.end("n")) else None
    if not re.search(r"s$", s[start:end], re.I) and (_SINGULAR_BEFORE.search(phrase) or re.search(
            r"\banother\s+(?:[\w-]+\s+){0,4}$", phrase, re.I)):
        return 1
    return None


def _summed_mentions(s: str, kind: Service) -> Count | None:
    """Two or more mentions of one kind of treatment in a sentence, each with its own count ("a cortisone injection to
    the right elbow in 2013 ... and a left elbow injection in 2014"): separate treatments, their counts added; None
    unless every mention has its own count."""
    spans = _kind_spans(s, kind)
    if len(spans) < 2:
        return None
    owns = [_own_count(s, spans[i - 1][1] if i else 0, a, b) for i, (a, b) in enumerate(spans)]
    if any(n is None for n in owns):
        return None
    total = sum(n for n in owns if n is not None)
    return Count(total, s, False, False, (total,))


#: a treatment given once and then once more, written after its name, one phrasing a row ("radiofrequency ablation in
#: 2015 and again in 2016", "an injection in March, repeated once in June"): two given, the count the words state
REPEATED_ONCE: tuple[str, ...] = (
    r"[^.;]{0,40}?\b(?:in|on)\s+[\w/-]+(?:\s+[\w/-]+)?,?\s+and\s+again\s+(?:in|on)\b",
    r"[^.;]{0,40}?,?\s+(?:and\s+)?repeated\s+once\b",
)
_REPEATED_ONCE = any_of(REPEATED_ONCE)


def read_received_treatments(text: Text, reading: Reading) -> None:
    """Injections, blocks, ablations, psychotherapy, a functional restoration program and home units the record says
    were given ("underwent medial branch blocks", "has attended 6 sessions of cognitive behavioral therapy", "uses a
    TENS unit"), with their count when one is written: a course each. Planned, requested or authorized ones are not
    given; a treatment-to-date list is read by `read_listed_treatments`."""
    for pos, s in text.numbered():
        if is_other_source(s):
            continue
        received = (_RECEIVED_ANY.search(s) or LIST_CUE.search(s)) and not (
            REQUEST_CUE.search(s) and not RECEIVED.search(s))

        def give(kind: Service, pat: str, m: re.Match[str], s: str = s, pos: int = pos,
                 received: bool = bool(received)) -> bool:
            # a result after the name, or a count written just after it in a sentence of no request ("CBT x 10
            # sessions w/ improved coping", "TPI x1 L rhomboid 1/2016 - no benefit"): it was given
            given = _RESULT_AFTER.match(s, m.end()) is not None or (
                _OWN_AFTER.match(s, m.end()) is not None and not REQUEST_CUE.search(s))
            if _NO_COURSE_AFTER.match(s, m.end()):
                return False  # "Epidural injections: none": the stated zero is `read_denied_treatments`'
            if not (received or given) or affirmed(s, m.start(), m.end()) is not True or (not given and (
                    REQUEST_CUE.search(s[max(0, m.start() - 40):m.end() + 30]) and not RECEIVED.search(s))):
                return False
            summed = _summed_mentions(s, kind) if kind in SINGLE_VISIT_KINDS else None
            counts = (summed,) if summed else tuple(_counts_for(s, pat, before_only=True))
            row = _OWN_ROW.match(s, m.end()) if LIST_CUE.search(s[:m.start()]) else None
            if not counts and row and (n := to_int(row.group("n"))) is not None and 0 < n <= 60:
                counts = (Count(n, s, False, False, (n,)),)   # a list's row: "massage, 4 visits"
            elif not counts and _REPEATED_ONCE.match(s, m.end()):
                counts = (Count(2, s, False, False, (2,)),)   # "ablation in 2015 and again in 2016": twice
            elif not counts and kind in SINGLE_VISIT_KINDS and _one_visit(s, m.start(), m.end()):
                counts = (Count(1, s, False, False, (1,)),)
            finer = _injection_phrase_kind(s, m.start(), m.end()) if kind is Service.injection_other else None
            # a treatment given in one visit on one date began on it (`TreatmentCourse.start`)
            on = _visit_date(s, m.start(), m.end()) if kind in SINGLE_VISIT_KINDS and [
                c.n for c in counts] == [1] else None
            reading.add(f"history.{kind.value}", CourseMention(counts=counts, modality=finer, start=on,
                                                                weeks=course_weeks(s, m.start(), m.end())),
                        s, "history", position=pos)
            return True

        for_each_kind_mention(s, give)


#: words that place a course before the surgery ("12 visits of PT before the surgery", "pre-operative therapy")
_PREOPERATIVE = re.compile(r"\b(?:before|prior to|preceding) (?:the |his |her |this |that )?(?:\w+ ){0,2}?"
                           r"(?:surgery|operation|procedure|repair|release|arthroscopy|fusion)\b|\bpre-?op\w*", re.I)


#: a sentence that opens by placing itself after the surgery ("After the surgery he completed 8 sessions of
#: post-operative PT", "Post-operatively, she attended 12 visits"): what it counts follows what earlier sentences
#: counted
_OPENS_AFTER_SURGERY = re.compile(
    r"^(?:[\w-]+,?\s+){0,2}?(?:(?:after|following)\s+(?:the\s+|his\s+|her\s+|this\s+|that\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:surgery|operation|procedure|repair|release|arthroscopy|fusion|reconstruction|replacement|arthroplasty)\b|"
    r"post-?operatively\b)", re.I)


def _before_after(pre: list[Evidence], post: list[Evidence]) -> bool:
    """Whether counted mentions without a word of surgery are a course before the post-operative one, not another
    report of it: a word places them before the surgery, or every one names only years earlier than every year the
    post-operative mentions name ("24 visits in 2015" and "16 post-operative visits in 2016"), or every one is
    written before post-operative counts whose sentences open by placing them after the surgery."""
    if any(_PREOPERATIVE.search(e.sentence) for e in pre):
        return True
    if max(e.position for e in pre) < min(e.position for e in post) and all(
            _OPENS_AFTER_SURGERY.search(e.sentence) for e in post):
        return True
    pre_years = [int(y) for e in pre for y in _YEAR.findall(e.sentence)]
    post_years = [int(y) for e in post for y in _YEAR.findall(e.sentence)]
    return bool(pre_years and post_years) and max(pre_years) < min(post_years) and all(
        _YEAR.search(e.sentence) for e in pre)


#: phrasings that make a count in a later sentence a further course of the same kind, not another report of the one
#: before ("He had 12 sessions of PT in 2014. After the surgery he completed another 8 sessions."), one a row; the
#: number is the count's. Within one sentence the counts are added into one course (`_continued`), as a list's
#: rows are kept apart (`list_rows`)
FURTHER_COURSE: tuple[str, ...] = (
    rf"\banother\s+(?P<n>{WHOLE_NUM})",
    rf"(?P<n>{WHOLE_NUM})\s+(?:more|additional|further)\b",
)
_FURTHER = [re.compile(p, re.I) for p in FURTHER_COURSE]


def _further(e: Evidence) -> bool:
    """Whether the mention's count is written as a further course ("another 8", "6 more")."""
    counts = {c.n for c in e.value.counts} if isinstance(e.value, CourseMention) else set()
    return any(to_int(m.group("n")) in counts for rx in _FURTHER for m in rx.finditer(e.sentence))


def _further_courses(evidence: list[Evidence], counted: list[Evidence]) -> list[list[Evidence]] | None:
    """The mentions grouped into courses where a later sentence counts a further course (`FURTHER_COURSE`): each
    such count opens a course; a mention that counts none goes with the last course of its own kind (post-operative
    or not), else with the last; None when no later sentence counts a further course."""
    ordered = sorted(counted, key=lambda e: e.position)
    first = ordered[0].position if ordered else 0
    groups: list[list[Evidence]] = []
    for e in ordered:
        if groups and (e.value.further or (e.position > first and _further(e) and e.position > groups[-1][-1].position)):
            groups.append([e])
        elif groups:
            groups[-1].append(e)
        else:
            groups.append([e])
    if len(groups) < 2:
        return None
    for e in evidence:
        if e in counted:
            continue
        same = [g for g in groups if isinstance(e.value, CourseMention)
                and any(x.value.postsurgical == e.value.postsurgical for x in g)]
        (same or groups)[-1].append(e)
    return groups


def settle_courses(kind: Service, evidence: list[Evidence]) -> list[tuple[TreatmentCourse | None, Conflict | None]]:
    """The courses of one therapy: one (`settle_course`), or two when the record counts a course before the surgery
    and a post-operative one apart (`_before_after`): their counts are then two courses, not two reports of one, and
    the post-operative course alone is what a post-operative request is measured against."""
    counted = [e for e in evidence if isinstance(e.value, CourseMention) and e.value.counts]
    rows = [e for e in counted if e.value.row is not None]
    if len(rows) > 1 and len(rows) == len(counted):
        # the rows of one treatment list that count this kind (`list_rows`): a course each; a mention that counts
        # none goes with the last row of its own kind (post-operative or not), else with the last row
        rest = [e for e in evidence if e not in counted]
        groups: list[list[Evidence]] = [[e] for e in rows]
        for e in rest:
            same = [g for g in groups if isinstance(e.value, CourseMention)
                    and g[0].value.postsurgical == e.value.postsurgical]
            (same or groups)[-1].append(e)
        return [settle_course(kind, g) for g in groups]
    further = _further_courses(evidence, counted)
    if further:
        return [settle_course(kind, g) for g in further]
    post = [e for e in counted if e.value.postsurgical]
    pre = [e for e in counted if not e.value.postsurgical]
    if not (pre and post) or not _before_after(pre, post):
        return [settle_course(kind, evidence)]
    rest = [e for e in evidence if e not in counted]
    post_rest = [e for e in rest if isinstance(e.value, CourseMention) and e.value.postsurgical]
    pre_rest = [e for e in rest if e not in post_rest]
    return [settle_course(kind, pre + pre_rest), settle_course(kind, post + post_rest)]


def settle_course(kind: Service, evidence: list[Evidence]) -> tuple[TreatmentCourse | None, Conflict | None]:
    """One course from the mentions of one therapy, by the precedence in the module docstring."""
    mentions = [e.value for e in evidence if isinstance(e.value, CourseMention)]
    if not mentions:
        return None, None
    counts = [c for m in mentions for c in m.counts]
    fi: bool | None = None
    for m in mentions:
        if m.functional_improvement is False:
            fi = False
        elif m.functional_improvement is True and fi is None:
            fi = True
    notes = [m.note for m in mentions if m.note]
    note = notes[0][:300] if notes else None
    received = [m for m in mentions if not m.absent]
    # the dates the mentions state: the earliest start and the latest end, when they are in order
    starts = [m.start for m in received if m.start]
    ends = [m.end for m in received if m.end]
    start, end = (min(starts) if starts else None), (max(ends) if ends else None)
    if start and end and end < start:
        start = end = None
    # the finer kind only when every mention of the course names the same one: a mention naming none may be
    # another injection, and then which injection the course (its count, its result) was is not known
    finer = {m.modality for m in received}
    modality = finer.pop() if len(finer) == 1 else None
    # the longest length stated, as the larger count is (`_choose`): the course's length is not understated
    weeks = max((m.weeks for m in received if m.weeks is not None), default=None)
    if counts:
        chosen, reason = _choose(counts)
        reported = sorted({a for c in counts for a in c.alternatives})
        # post-operative by its own words or by the mention's context ("Since then ..." after an operation told)
        postsurgical = any(_POSTSURGICAL.search(c.sentence) for c in counts) or any(
            m.postsurgical for m in received if m.counts)
        course = TreatmentCourse(kind=kind, sessions=None if chosen.lower_bound else chosen.n,
                                 sessions_at_least=chosen.n if chosen.lower_bound else None,
                                 sessions_reported=reported if len(reported) > 1 else [],
                                 postsurgical=postsurgical, functional_improvement=fi, improvement_note=note,
                                 modality=modality, weeks=weeks, start=start, end=end)
        conflict = Conflict(field=f"history.{kind.value}.sessions", values=reported, used=chosen.n,
                            reason=reason) if len(reported) > 1 else None
        return course, conflict
    if received:
        return TreatmentCourse(kind=kind, functional_improvement=fi, improvement_note=note, modality=modality,
                               weeks=weeks, start=start, end=end), None
    return TreatmentCourse(kind=kind, sessions=0, improvement_note="the record says it was not received"), None


def _choose(counts: list[Count]) -> tuple[Count, str]:
    quoted = [c for c in counts if c.quoted]
    if quoted:
        c = quoted[0]
        why = "it is quoted from the treating physician's own report, which outranks a summary"
        if len(c.alternatives) > 1:
            why += f"; of the range {c.alternatives[0]}-{c.alternatives[-1]} the lower bound is the number documented"
        return c, why
    c = max(counts, key=lambda c: c.n)
    return c, "the larger documented count is used so that the visit cap is not understated"


_INJ = re.compile(r"\bepidural\w*|\b(?:tf)?esis?\b|\btransforaminal\b", re.I)
_DONE = re.compile(r"\b(?:(?:prior|previous|last) (?:\w+ ){0,2}(?:epidural|injection|esi|block|tpi)s?|had|received|underwent|given|"
                   r"status post|s/p|after the|following the|was performed|were performed|administered|"
                   # relief it gave says it was given: "an injection on 1-12-2016 provided 50% relief"
                   r"provided|gave|produced|yielded|afforded|resulted in|helped|(?:has |have )?included|"
                   # "reduced her pain by about half", "relieved the numbness for six weeks"
                   r"reduced|relieved)\b|"
                   # a count written just after the name, as a history row writes it ("TPI x1 ... - no benefit")
                   r"(?:\binjections?|\btpis?|\besis?|\bblocks?)\s*x\s*\d", re.I)
#: the words that lead how long relief lasted, one a row ("for 8 weeks", "lasting a month", "50% relief x 6 wks")
RELIEF_DURATION_LEADS: tuple[str, ...] = ("for", "lasting", "lasted", "x",
                                          # the relief's end: "relief that wore off after six weeks"
                                          r"wore off after", r"wearing off after", r"faded after")
#: (a range of lengths, "for five to six months", "for 2-3 weeks", is read at its lower end, as a course's length is)
_WEEKS = re.compile(rf"\b(?:{'|'.join(RELIEF_DURATION_LEADS)})\s+(?:about\s+|approximately\s+|roughly\s+)?({NUM})"
                    rf"(?:\s+(?:to|or)\s+{NUM}|\s*-\s*\d+)?\s+(weeks?|wks?|months?|mos?|days?)\b", re.I)
#: weeks in each unit relief is written in ("for 90 days", "for 3 months" as four weeks a month, as before)
WEEKS_PER_UNIT: dict[str, float] = {"day": 1 / 7, "week": 1.0, "wk": 1.0, "month": 4.0, "mo": 4.0}


#: the kinds of injection whose relief a rule compares (a repeat of the same injection), one a row: the kind, the
#: words that name it, and the requested service (with its finer kind) whose rule reads that relief
INJECTION_RELIEF_KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("epidural", r"epidural\w*|\b(?:tf)?esis?\b|transforaminal|interlaminar|caudal", ("epidural_steroid_injection",)),
    ("trigger_point", r"trigger[- ]points?|\btpis?\b", ("trigger_point_injection",)),
    ("sacroiliac", r"sacroiliac|\bsi[- ]joint|\bsij\b", ("injection_other:sacroiliac",)),
    # a diagnostic medial branch block precedes a neurotomy (RFA-CRITERIA); a facet injection repeats one
    ("facet", r"facet|medial[- ]branch", ("facet_injection", "radiofrequency_ablation")),
    ("neurotomy", r"radiofrequency|\brfa\b|rhizotomy|neurotomy|ablation", ("radiofrequency_ablation",)),
)
_KIND_WORDS = [(k, re.compile(p, re.I), set(services)) for k, p, services in INJECTION_RELIEF_KINDS]
#: an injection's name: "injection" alone; a "block" or "shot" only with a site or kind word just before it ("nerve
#: block", "cortisone shot": an injection; "walk 2 blocks", "a flu shot": none)
_INJ_NAME = re.compile(r"\binjections?\b|\bepidural\w*|\b(?:tf)?esis?\b|\btpis?\b|\brfa\b|\brhizotom\w+|\bneurotom\w+|"
                       r"\b(?:radiofrequency )?ablations?\b|\b(?P<bs>blocks?|shots?)\b", re.I)
#: site or kind words that make a "block" or "shot" an injection, one a row
INJECTION_SITES: tuple[str, ...] = (
    r"nerve", r"medial[- ]branch", r"facet", r"epidural", r"steroid", r"cortisone", r"corticosteroid", r"sacroiliac",
    r"si(?:[- ]joint)?", r"joint", r"stellate", r"ganglion", r"sympathetic", r"occipital", r"genicular", r"suprascapular",
    r"trigger[- ]point", r"lumbar", r"cervical", r"thoracic", r"knee", r"shoulder", r"hip", r"subacromial", r"diagnostic",
    r"intra-?articular", r"toradol", r"b12", r"[clts]\d(?:-[clts]?\d)?",
)
_SITE_BEFORE = re.compile(r"\b(?:" + "|".join(INJECTION_SITES) + r")\b(?:[\s,-]+[\w-]+){0,2}[\s-]+$", re.I)
#: what ends an injection's clause: a clause or sentence break, a joined clause, or another source of relief (a
#: drug, therapy), one a row ("lumbar ESI; Norco gives 60% relief": the 60 is Norco's)
RELIEF_CLAUSE_ENDS: tuple[str, ...] = (
    r"[;.:]", r"\bbut\b", r"\bwhile\b", r"\bwhereas\b", r"\bhowever\b", r", and\b", r"\band (?:his|her|the) \w+ (?:gives?|gave|provides?|provided)\b",
    r"\bmedications?\b", r"\bmeds\b", r"\btherapy\b", r"\bacupuncture\b", r"\bchiropractic\b", r"\bnsaids?\b",
    r"\bnorco\b", r"\bopioids?\b",
)
_RELIEF_CLAUSE_END = any_of(RELIEF_CLAUSE_ENDS)
#: a clause after a semicolon that goes on about the injections named before it, one phrasing a row ("ablation in 2015
#: and again in 2016; each gave about 60 percent relief", "...; it helped for two weeks"): the relief is theirs
RELIEF_CARRIED: tuple[str, ...] = (
    r";\s*(?:each|it|both|they|this|which)\s+(?:\w+\s+)?(?:gave|provided|helped|afforded|brought|reduced|relieved|"
    r"lasted)\b",
)
_RELIEF_CARRIED = any_of(RELIEF_CARRIED)
#: relief stated in words, one a row, with its percent ("complete relief" is 100, "no relief" is 0)
RELIEF_WORDS: tuple[tuple[str, float], ...] = (
    # ("near-complete", "almost complete" relief states no percent)
    (r"(?<!near-)(?<!near )(?<!nearly )(?<!almost )\b(?:complete|total|full|100%) (?:pain )?relief\b", 100.0), (r"\bno (?:pain )?relief\b", 0.0),
    (r"\bwithout (?:any )?(?:pain )?relief\b", 0.0), (r"\bno (?:pain )?benefit\b", 0.0),
    # relief as a share in words: "reduced his pain by about half", "cut the pain in half"
    (r"\b(?:reduc\w*|decreas\w*|lower\w*|relieved)\s+(?:(?:his|her|the|their)\s+)?(?:pain\s+)?by\s+(?:about\s+|"
     r"roughly\s+|approximately\s+|nearly\s+)?(?:one[- ])?half\b|\bcut (?:his |her |the )?pain in half\b", 50.0),
)
_RELIEF_WORDS = [(re.compile(p, re.I), v) for p, v in RELIEF_WORDS]
#: how long relief lasted, written as "N weeks of relief" or "for a month"
_WEEKS_OF = re.compile(rf"\b(?:(?P<n>{NUM})|(?P<a>an?|one))\s+(?P<u>weeks?|months?|days?)\s+of\s+(?:\w+\s+)?relief|"
                       rf"(?:for|lasting|lasted)\s+(?:about\s+|approximately\s+)?(?P<a2>an?|one)\s+(?P<u2>weeks?|months?)\b",
                       re.I)
#: relief written before the injection it came from ("60% relief from the prior ESI")
_RELIEF_FROM = re.compile(r"^[\s\w-]{0,40}?\b(?:from|after|following|with)\b(?:\s+[\w-]+){0,4}\s*$", re.I)


#: a percent as written, one form a row ("60%", "60 percent", "60 per cent")
PERCENT_FORMS: tuple[str, ...] = (r"(?P<p>\d{1,3})\s*(?:%|percent\b|per cent\b|pct\b)",)
_PERCENT = any_of(PERCENT_FORMS)


def _relief_percent(s: str) -> float | None:
    """The first relief, in percent, the clause states ("70% relief for 4 months": 70, "no relief": 0)."""
    found = [(m.start(), float(m.group("p"))) for m in _PERCENT.finditer(s) if int(m.group("p")) <= 100]
    found += [(m.start(), v) for rx, v in _RELIEF_WORDS for m in rx.finditer(s)]
    return min(found)[1] if found else None


def _weeks_per(unit: str) -> float:
    return WEEKS_PER_UNIT[unit.lower().rstrip("s")]


def _relief_weeks(s: str) -> float | None:
    """How many weeks the relief lasted ("for 3 months": 12, "2 weeks of relief": 2, "for a month": 4)."""
    found = []
    for m in _WEEKS.finditer(s):
        n = to_int(m.group(1))
        if n is not None:
            found.append((m.start(), round(n * _weeks_per(m.group(2)), 1)))
    for m in _WEEKS_OF.finditer(s):
        n = 1 if (m.group("a") or m.group("a2")) else to_int(m.group("n"))
        unit = (m.group("u") or m.group("u2")).lower()
        if n is not None:
            found.append((m.start(), round(n * _weeks_per(unit), 1)))
    return holdable(min(found)[1]) if found else None


def _injection_names(s: str) -> list[re.Match[str]]:
    """The injections a sentence names; a block or shot only with a site or kind word beside it."""
    return [m for m in _INJ_NAME.finditer(s) if not m.group("bs") or _SITE_BEFORE.search(s[max(0, m.start() - 40):m.start()])]


def _kind_of_injection(s: str, m: re.Match[str]) -> str | None:
    """The kind the injection's own phrase names (its name and the few words before it), else None."""
    phrase = s[max(0, m.start() - 40):m.end()]
    phrase = re.split(r"[,;.]|\band\b", phrase)[-1]
    for kind, rx, _ in _KIND_WORDS:
        if rx.search(phrase):
            return kind
    return None


def injection_reliefs(s: str) -> list[tuple[str | None, float | None, float | None]]:
    """Each injection the sentence names, with its kind and the relief its own clause gives it (percent, weeks):
    the relief written after the injection's name before its clause ends or another injection is named, else a
    relief written just before it that came "from" or "after" it."""
    names = _injection_names(s)
    out: list[tuple[str | None, float | None, float | None]] = []
    for i, m in enumerate(names):
        stop = names[i + 1].start() if i + 1 < len(names) else len(s)
        after = s[m.end():stop]
        end = _RELIEF_CLAUSE_END.search(after)
        if end and _RELIEF_CARRIED.match(after, end.start()):
            end = _RELIEF_CLAUSE_END.search(after, end.end())   # "...; each gave 60% relief": the clause goes on
        clause = after[:end.start()] if end else after
        pct, weeks = _relief_percent(clause), _relief_weeks(clause)
        if pct is None:
            begin = names[i - 1].end() if i else 0
            before = s[begin:m.start()]
            brk = list(_RELIEF_CLAUSE_END.finditer(before))
            before = before[brk[-1].end():] if brk else before
            rel = [r for r in re.finditer(r"\d{1,3}\s*%|\b(?:complete|total|full|no|without) (?:pain )?relief\b", before,
                                          re.I)]
            if rel and _RELIEF_FROM.match(before[rel[-1].end():]):
                pct, weeks = _relief_percent(before[rel[-1].start():]), weeks or _relief_weeks(before[rel[-1].start():])
        if pct is not None or weeks is not None:
            out.append((_kind_of_injection(s, m), pct, weeks))
    return out


def read_injections(text: Text, reading: Reading) -> None:
    """Prior epidural injections (the course mentions)."""
    for pos, s in text.numbered():
        if not _given(s):
            continue
        e = _INJ.search(s)
        name = _ESI_NAME.match(s, e.start()) if e is not None else None
        if name is not None and _NO_COURSE_AFTER.match(s, name.end()):
            continue  # "Epidural injections: none": the stated zero is `read_denied_treatments`'
        if e is not None and affirmed(s, e.start(), e.end()) is True:
            reading.add("history.epidural_steroid_injection", CourseMention(), s, "history", position=pos)


_ESI_NAME = re.compile(dict(RECEIVED_KINDS)[Service.epidural_steroid_injection], re.I)


def _given(s: str) -> bool:
    """The sentence tells of an injection given, not one requested."""
    return bool(_INJ_NAME.search(s)) and bool(_DONE.search(s) or LIST_CUE.search(s)) and not (
        REQUEST_CUE.search(s) and not re.search(r"\b(?:prior|previous|had|received|underwent|status post|s/p)\b", s, re.I))


#: the sites of injections other than the spine's, one a row: an injection a sentence names by one of them is not the
#: spinal injection named in the sentence before ("An ESI gave 60% relief. A right knee cortisone injection gave 50%
#: relief for 2 weeks": the 50% is the knee's)
OTHER_INJECTION_SITES: tuple[str, ...] = (
    r"knee", r"shoulder", r"hip", r"elbow", r"wrist", r"hand", r"fingers?", r"thumb", r"ankle", r"foot", r"heel",
    r"carpal tunnel", r"subacromial", r"trochanteric", r"bursa", r"genicular", r"occipital", r"stellate",
    r"plantar", r"tendon", r"intra-?articular", r"trigger finger",
)
_OTHER_SITE = re.compile(r"\b(?:" + "|".join(OTHER_INJECTION_SITES) + r")\b", re.I)


def read_injection_relief(text: Text, reading: Reading, requested: set[str]) -> None:
    """The relief a prior injection gave (percent and weeks), read from an injection of a kind whose relief the
    rules compare for a requested injection (`INJECTION_RELIEF_KINDS`): an epidural's, else the kind requested (a
    repeat trigger point injection reads the trigger point injections' relief). `requested` holds the requested
    injections as `service` or `service:modality`; an injection whose kind the text does not name gives none, unless
    no injection is requested."""
    wanted: set[str | None] = {"epidural", *(k for k, _, services in _KIND_WORDS if services & requested)}
    if not requested:
        # no injection requested: no request can take another kind's relief as its own, so every prior injection's
        # relief is read with its kind, or with none where the record names neither a kind nor a site (a hip joint
        # injection is not the prior injection these facts are about) (`Findings.injection_relief_kind`)
        wanted |= {k for k, _, _ in _KIND_WORDS}
    last_kind: str | None = None  # the kind of the injection last named, for "the injection gave 60% relief"
    for pos, s in text.numbered():
        named = [k for k in (_kind_of_injection(s, m) for m in _injection_names(s)) if k]
        earlier, last_kind = last_kind, (named[-1] if named else last_kind)
        if not _given(s):
            continue
        if not any(affirmed(s, m.start(), m.end()) is True for m in _injection_names(s)):
            continue
        # of one sentence's injections, the last-named one's relief; an injection the sentence does not name by kind
        # ("The injection gave 60% relief", "...; the injection gave him 60% relief") is the one named before it
        # (third review: a repeat epidural's relief is usually written so)
        # an injection named by a joint or a peripheral site ("a right knee cortisone injection") is another
        # injection, not the one named before (`OTHER_INJECTION_SITES`)
        before = earlier if not _OTHER_SITE.search(s) else None
        # (an injection named by no site or kind at all: "an injection last year helped about 40%", not "two lumbar
        # sympathetic blocks", an injection of a kind the relief facts do not compare)
        unnamed_wanted = not requested and not _OTHER_SITE.search(s) and not any(
            _SITE_BEFORE.search(s[max(0, m.start() - 40):m.start()]) for m in _injection_names(s))
        reliefs = [(pct, weeks) for kind, pct, weeks in injection_reliefs(s)
                   if (kind or (named[-1] if named else before)) in wanted
                   or (unnamed_wanted and (kind or (named[-1] if named else before)) is None)]
        if not reliefs:
            continue
        pct, weeks = reliefs[-1]
        if pct is not None:
            reading.add("findings.injection_relief_percent", pct, s, "history", position=pos)
        if weeks is not None:
            reading.add("findings.injection_relief_weeks", weeks, s, "history", position=pos)


#: an inpatient stay and its length, one phrasing a row
_STAY = (
    rf"(?:hospitali[sz]ed|admitted|inpatient|in the hospital|hospital stay|hospitalization|length of stay)[^.]{{0,40}}?"
    rf"\b(?:for|of) (?:about |approximately )?({NUM})[- ]days?",            # "was hospitalized for three days"
    rf"({NUM})[- ]days? (?:\w+ )?(?:hospital|inpatient) (?:stay|admission|hospitalization)",  # "a 4-day stay"
    rf"({NUM})[- ]days? (?:admission|hospitali[sz]ation)",                    # "after a 3-day admission"
    rf"(?:stayed|remained) (?:\w+ ){{0,3}}(?:hospital|inpatient)\w* (?:for )?({NUM}) days?",
)
_STAY_RE = any_of(_STAY)
#: the words of time that place a stay just after them in the past, one a row ("after a 3-day admission")
STAY_PAST_WORDS: tuple[str, ...] = ("after", "following", "at the end of")
_STAY_BEFORE = re.compile(r"\b(?:" + "|".join(STAY_PAST_WORDS) + r")\s+(?:an?|the|his|her)\s+$", re.I)
_ADMITTED = re.compile(r"\b(?:admitted|hospitali[sz]ed|inpatient)\b", re.I)
_DISCHARGED = re.compile(r"\bdischarged\b", re.I)
#: a request made at discharge ("home health was requested upon discharge"): no days between
_AT_DISCHARGE = re.compile(r"\b(?:at|upon|on) (?:the time of )?(?:(?:his|her) )?(?:hospital )?discharge\b", re.I)


def read_hospital_stay(text: Text, reading: Reading, request: dt.date | None) -> None:
    """The inpatient stay a requested facility or home care would follow: its length in days ("hospitalized for
    three days", "a 4-day hospital stay", admitted on one date and discharged on another), and the days from the
    discharge to the request (0 when the request is made at discharge)."""
    for pos, s in text.numbered():
        if is_other_source(s):
            continue
        for m in _STAY_RE.finditer(s):
            n = to_int(next(g for g in m.groups() if g))
            # a stay a word of time places before the request ("requested at discharge after a four-day admission")
            # is a stay that was, asserted in its own words: a plan's cue before that word does not reach it
            past = _STAY_BEFORE.search(s, 0, m.start())
            k = past.start() if past else 0
            if n is not None and affirmed(s[k:], m.start() - k, m.end() - k) is True:
                reading.add("findings.hospital_stay_days", n, s, "history", position=pos)
        dates = find_dates(s)
        admit, discharge = _ADMITTED.search(s), _DISCHARGED.search(s)
        if admit and discharge and len(dates) >= 2 and affirmed(s, admit.start(), admit.end()) is True:
            first = [d for d, at in dates if at > admit.start()]
            last = [d for d, at in dates if at > discharge.start()]
            if first and last and last[0] > first[0]:
                reading.add("findings.hospital_stay_days", (last[0] - first[0]).days, s, "history", position=pos)
        if _AT_DISCHARGE.search(s) and REQUEST_CUE.search(s):
            reading.add("findings.days_since_discharge", 0, s, "history", position=pos)
        elif discharge and affirmed(s, discharge.start(), discharge.end()) is True:
            after = [d for d, at in dates if at > discharge.start()]
            if after and request and 0 <= (request - after[0]).days <= 365:
                reading.add("findings.days_since_discharge", (request - after[0]).days, s, "history", position=pos)
