"""What a mention asserts: affirmed, negated, possible, hypothetical, historical, or someone else's words.

One implementation, in the design of ConText (Harkema et al. 2009; medspaCy's `ConTextComponent`): a table of
cue phrases, each with a category and the direction it reaches (forward over the words after it, backward over
the words before it), and scope terminators that end a cue's reach. A reader finds a target phrase ("straight leg
raise positive", "cauda equina") and asks `assertion(sentence, start, end)` what the sentence says about it.

Categories, in the order they win when several cues reach one target:
- OTHER_SOURCE: the sentence reports a reviewer's, UR's or the claims administrator's reasoning ("UR non-certified
  ... citing a lack of ...", "the records made no mention of ..."): it says what the record lacks, not what the
  patient has, so it establishes nothing (unknown);
- HYPOTHETICAL: plans, goals, conditions ("if", "would", "goal of", "to prevent");
- POSSIBLE: "rule out", "possible", "suspected", "concerned about", "question of";
- NEGATED: "no", "denies", "without", "negative for"; backward: "... was negative", "... is absent";
- HISTORICAL: "history of", "previously", "in the past";
- AFFIRMED: none of these reach the target.

medspaCy's ConText agreed with this project's earlier negation on 98% of spans of the development texts, at
+240 MB of packages and 4x the time (`../shared/design/house-review.md` §3): its design is adopted here, not the
dependency. The phrases are data: add a row, and a phrase test in `tests/narrative/phrases/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.compat import StrEnum
from engine.narrative.tables import any_of


class Assertion(StrEnum):
    """What a sentence asserts about a mention."""

    affirmed = "affirmed"
    negated = "negated"
    possible = "possible"
    hypothetical = "hypothetical"
    historical = "historical"
    other_source = "other_source"


#: the order in which categories win when several cues reach one target (first wins)
PRECEDENCE = (Assertion.other_source, Assertion.hypothetical, Assertion.possible, Assertion.negated,
              Assertion.historical)

FORWARD, BACKWARD, BOTH = "forward", "backward", "both"

#: what a reader of plans reads as part of its target (`assertion(..., ignore=PLAN)`): the plan itself
PLAN = frozenset({Assertion.hypothetical})

#: a member of the worker's family, whose history or care is not the worker's ("His mother has a history of GI
#: bleeding", "His brother had 12 sessions of acupuncture")
FAMILY_MEMBER = (r"(?:his|her|the (?:patient|worker|applicant|claimant)'s) (?:mother|father|brother|sister|parents?|"
                 r"siblings?|son|daughter|grand(?:mother|father|parents?)|aunt|uncle|cousin|wife|husband|spouse)(?:'s)?")


@dataclass(frozen=True)
class Cue:
    """A cue phrase (a regular expression over words), what it asserts, and which way it reaches."""

    phrase: str
    category: Assertion
    direction: str = FORWARD
    #: how many words the cue reaches at most (ConText's default window is about 5-8 words; lists need more)
    reach: int = 10


N, P, H, X, OS = (Assertion.negated, Assertion.possible, Assertion.hypothetical, Assertion.historical,
                 Assertion.other_source)

#: The cue table. Phrases match whole words, case-insensitively.
CUES: tuple[Cue, ...] = (
    # negation before the target ("no red flags", "denies numbness, tingling or weakness")
    Cue(r"no", N), Cue(r"not(?: yet)?", N, reach=6),          # "not yet at MMI": "yet" is no conjunction here
    Cue(r"denie[sd]|deny|denying", N), Cue(r"without", N),
    Cue(r"negative for", N), Cue(r"absent|absence of", N), Cue(r"free of", N), Cue(r"never", N),
    Cue(r"none|neither|nor", N), Cue(r"lack of|lacks|lacking", N), Cue(r"did not|does not|do not|didn't|doesn't", N),
    Cue(r"unremarkable for", N), Cue(r"ruled out|r/o'?d", N), Cue(r"resolution of|resolved", N),
    Cue(r"no evidence of|no signs? of|no sign or symptoms? of|no complaints? of", N),
    Cue(r"declined (?:to|the|an?|any|further)|refuse[sd]|refusing", N),            # "she declined the injection"
    # negation after the target ("straight leg raise was negative", "reflexes are intact")
    Cue(r"(?:was|were|is|are|remains?|remained)?\s*(?:negative(?! for)|absent|normal|intact|unremarkable|within normal "
        r"limits)", N, BACKWARD, reach=6),              # "negative for X" says so of X after it, not of the words before
    Cue(r"(?:has|have|had)?\s*resolved", N, BACKWARD, reach=4),
    Cue(r"ruled out", N, BACKWARD, reach=4),
    # "Surgery has not been discussed", "an MRI was not performed": the negation follows the target
    Cue(r"(?:has|have|had|was|were|is|are) not (?:yet )?(?:been )?(?:discussed|planned|recommended|considered|offered|"
        r"performed|done|attempted|tried|given|prescribed)", N, BACKWARD, reach=4),
    Cue(r"(?:was|were|is|are)? ?not (?:present|appreciated|elicited|seen|found|identified)", N, BACKWARD, reach=6),
    # possibility ("rule out CRPS", "possible radiculopathy", "concerned about numbness")
    Cue(r"rule out|rule-out|to rule out|r/o", P), Cue(r"possible|possibly|probable|probably", P),
    Cue(r"suspect(?:ed)?|suspicious (?:of|for)|suspicion (?:of|for)", P),
    Cue(r"concern(?:ed)? (?:about|for|of)|worried about|questionable|question of|versus|vs\.?", P),
    Cue(r"(?:may|might) (?:have|be|need|require|benefit|develop|become|undergo|warrant)|could (?:have|be)|likely", P,
        reach=5),
    # a hedge with an adverb between the modal and its verb ("may still be smoking", "may eventually need surgery")
    # or a verb of interpretation ("tender areas that may represent trigger points")
    Cue(r"(?:may|might|could) (?:still|also|eventually|ultimately|even|later)|(?:may|might|could) (?:represent|reflect|"
        r"indicate|signify)", P, reach=5),
    Cue(r"differential diagnos(?:is|es)|consider(?:ed)? (?:a )?diagnosis of", P),
    # possibility after the target ("surgery may be considered", "radiculopathy is suspected")
    # ("an arthroscopy may be scheduled if injections fail": a plan that may come, not one made)
    Cue(r"(?:may|might|could) (?:be|become) (?:considered|needed|required|indicated|warranted|an option|scheduled|"
        r"planned|performed)|"
        r"(?:is|was|are|were) (?:suspected|questionable|in question|possible|likely)", P, BACKWARD, reach=6),
    # a finding a study could not exclude ("an occult fracture could not be excluded"): kept open, not negated
    Cue(r"(?:could|can|cannot|can ?not) (?:not )?(?:be )?(?:excluded|ruled out)", P, BACKWARD, reach=6),
    Cue(r"(?:could|can) ?not (?:exclude|rule out)|cannot (?:exclude|rule out)", P),
    # hypothetical: plans, goals, conditions
    Cue(r"if|unless|in case|in the event", H), Cue(r"would|should|could", H, reach=6),
    Cue(r"goals?|aim(?:ed|s)? (?:at|to)|in order to|to prevent|to avoid|to help", H, reach=8),
    Cue(r"expect(?:ed|s)?|hope(?:s|d)?|anticipate[sd]?", H), Cue(r"will|to be (?:started|scheduled|performed)", H),
    Cue(r"(?:was|were|is|are) (?:recommended|requested|planned|proposed|ordered|prescribed) (?:to|for)", H),
    Cue(r"recommend(?:ed|s|ation)?|request(?:ed|s|ing)?|plan(?:s|ned)? (?:to|for)|proposed|pending", H, reach=8),
    Cue(r"suggest(?:ed|s|ing)?(?: (?:the )?pursuit of)?|pursu(?:e|ing|it of)|intent on|interested in", H, reach=8),
    Cue(r"risk (?:of|for)|at risk", H, reach=4),
    Cue(r"(?:progress|transition|advance|wean) to", H, reach=6),         # "progress to a home exercise program": a goal
    # a plan after the target ("an MRI was ordered", "an injection is recommended")
    Cue(r"(?:was|were|is|are|has been|have been) (?:requested|recommended|ordered|planned|proposed|expected|"
        r"anticipated)", H, BACKWARD, reach=6),
    # historical
    Cue(r"history of|h/o|past medical history|previously|in the past|prior history", X),
    Cue(r"family history", OS),
    # a family member's own history or care is not the worker's ("His mother has a history of GI bleeding", "His
    # brother's prescription was lost", "His brother had 12 sessions of acupuncture")
    Cue(FAMILY_MEMBER, OS, reach=8),
    # someone else's words: a reviewer, UR or the claims administrator, or the record's silence
    Cue(r"made no mention of|makes no mention of|did not (?:document|mention|describe|report|note|indicate)|"
        r"(?:was|were|is|are) not (?:documented|mentioned|described|reported|noted|provided|submitted|available)|"
        r"no (?:clear )?documentation (?:of|that|regarding)|lack of (?:clear )?documentation|"
        r"not clearly (?:documented|stated|described)|unclear (?:whether|if)|it is unknown", OS, BOTH, reach=14),
    # a document the record only reports ("the consultant's note, not available for review, reportedly described ...")
    Cue(r"not available for (?:our )?review", OS, BOTH, reach=14),
)

#: verbs that open a second predicate of the same subject after "and", one a row: "he completed PT without
#: improvement and received an injection" (the injection is not negated by "without"); "and is not working" keeps
#: its own negation
SECOND_PREDICATE_VERBS: tuple[str, ...] = (
    "is", "was", "are", "were", "has", "have", "had", "received", "underwent", "completed", "attended", "tried",
    "started", "began", "used",
)
#: words and marks that end a cue's reach (ConText's "terminate" category)
TERMINATORS = re.compile(
    r"[.;:]|\b(?:but|however|although|though|while|whereas|yet|except|aside from|apart from|other than|"
    r"which|who|whom|why|since|because|due to|as well as|presents? with|complains? of|reports?|reported|notes?|noted|says|said|states|stated|"
    r"demonstrat\w*|reveal\w*|show\w*|with positive|positive|negative(?! for)|"
    # a second predicate of the same subject is its own clause: "he is not working and is permanent and stationary"
    r"and (?:" + "|".join(SECOND_PREDICATE_VERBS) + r")(?! (?:not|no)\b))\b", re.I)

#: phrases that contain a cue word but assert nothing (ConText's "pseudo" cues): "not too displaced" hedges,
#: "no change in" reports a course, "not ruled out" keeps a possibility open, "laparoscopic versus open" chooses
#: an approach
PSEUDO = re.compile(r"\b(?:not (?:too|very|so|only|necessarily|much|particularly|significantly)|no (?:change|increase|"
                    r"decrease|significant change) (?:in|of)|not ruled out|not certain|"
                    # a choice of surgical approach, not a doubt about the surgery
                    r"(?:arthroscopic|laparoscopic|endoscopic|open|mini-open) (?:versus|vs\.?) (?:open|arthroscopic|"
                    r"laparoscopic|endoscopic|mini-open))\b", re.I)

_COMPILED = [(re.compile(rf"\b(?:{c.phrase})(?=\W|$)", re.I), c) for c in CUES]
_WORD = re.compile(r"\S+")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _clause_breaks(segment: str) -> bool:
    """A comma followed by a new clause ends a cue's reach; a list of short items ("no numbness, tingling or
    weakness") does not."""
    pieces = re.split(r",", segment)
    return len(pieces) > 1 and any(_words(p) > 6 or re.search(r"\b(?:is|was|were|are|has|had|have|he|she|they)\b",
                                                               p, re.I) for p in pieces[1:])


#: a target that is a clause of its own: a subject and its verb ("sensation was decreased")
_CLAUSE_TARGET = re.compile(r"\b(?:is|was|were|are|has|have|had)\b", re.I)
#: one comma and a conjunction just before the target ("..., and naproxen"), and a verb of the target's own just after
#: it ("naproxen was substituted"): a clause of its own; a list ("no numbness, tingling, and weakness were noted")
#: has two commas or more
_JOINED_CLAUSE = re.compile(r",\s*(?:and|but|so|then|and then)\s+(?:the\s+|his\s+|her\s+)?$", re.I)
_OWN_VERB = re.compile(r"\s+(?:was|were|is|are|has been|have been|had been)\b", re.I)


def _reaches_forward(sentence: str, cue_end: int, start: int, reach: int, end: int | None = None) -> bool:
    between = sentence[cue_end:start]
    if TERMINATORS.search(between) or _clause_breaks(between) or ")" in between:
        return False  # (a cue inside a parenthesis reaches nothing after it: "PT (count not documented), massage")
    if end is not None and "," in between and _CLAUSE_TARGET.search(sentence, start, end):
        return False  # "no atrophy, and sensation was decreased": the target after the comma is its own clause
    if end is not None and between.count(",") == 1 and _JOINED_CLAUSE.search(between) and _OWN_VERB.match(
            sentence, end):
        return False  # "it did not help, and naproxen was substituted": the target is the subject of a new clause
    return _words(between) <= reach


_SECOND_PREDICATE = re.compile(r"(?:" + "|".join(SECOND_PREDICATE_VERBS) + r")\b", re.I)


def _reaches_backward(sentence: str, end: int, cue_start: int, reach: int) -> bool:
    between = sentence[end:cue_start]
    if TERMINATORS.search(between) or "," in between:
        return False
    if re.search(r"\band\s*$", between) and _SECOND_PREDICATE.match(sentence, cue_start):
        return False  # "... and is expected to benefit": the cue's own verb opens a second predicate of the subject
    return _words(between) <= reach


#: a list item that states its own result ("no spasm, negative straight leg raise"): a negation before it does not flip it
#: what may follow a result word said of the words before it ("reflexes intact and symmetric", "SLR negative
#: bilaterally", "sensation normal to light touch")
_PREDICATE_TAIL = re.compile(r"\s*(?:$|[^\w\s]|(?:and|or|but|bilaterally|throughout|on|in|at|to|with|for|over|except|"
                             r"without|distally|proximally|symmetric\w*|upon|when|from|as|by|per|x|times|today|"
                             r"again|now|currently|otherwise|grossly|overall)\b|\d)", re.I)
_RESULT_WORD = re.compile(r"\b(?:negative|absent|normal|intact|unremarkable)$", re.I)
_COPULA = re.compile(r"^(?:was|were|is|are|remains?|remained|has|have|had)\b", re.I)


def _attributive(sentence: str, m: re.Match[str]) -> bool:
    """A result word used before its own noun ("intact sensation", "normal gait"), not of the words before it."""
    word = m.group(0).strip()
    return (_RESULT_WORD.search(word) is not None and not _COPULA.match(word)
            and not _PREDICATE_TAIL.match(sentence, m.end()))


_POSITIVE_ITEM = re.compile(r"(?:positive|negative)\b", re.I)


def cues_reaching(sentence: str, start: int, end: int) -> list[Cue]:
    """Every cue of the table whose reach covers the target span [start, end) of the sentence."""
    found: list[Cue] = []
    for rx, cue in _COMPILED:
        for m in rx.finditer(sentence):
            if start <= m.start() < end or (m.start() < start < m.end() and cue.direction == BACKWARD):
                continue  # a cue inside the target is part of the target ("no improvement" as one phrase)
            if m.start() < start < m.end():
                found.append(cue)  # a cue that runs into the target reaches it ("may need" before "need help")
                break
            if any(p.start() <= m.start() < p.end() for p in PSEUDO.finditer(sentence)):
                continue
            if cue.direction == BACKWARD and m.start() >= end and _attributive(sentence, m):
                continue  # "decreased motion and intact sensation": "intact" is said of the noun after it
            if cue.category is Assertion.negated and cue.direction == FORWARD and _POSITIVE_ITEM.match(
                    sentence, start) and re.search(r",|\band\b", sentence[m.end():start]):
                continue  # "an absent reflex, and a positive straight leg raise": the list's item says its result
            if cue.direction in (FORWARD, BOTH) and m.end() <= start and _reaches_forward(
                    sentence, m.end(), start, cue.reach, end):
                found.append(cue)
                break
            if cue.direction in (BACKWARD, BOTH) and m.start() >= end and _reaches_backward(
                    sentence, end, m.start(), cue.reach):
                found.append(cue)
                break
    return found


def assertion(sentence: str, start: int, end: int, *, ignore: frozenset[Assertion] = frozenset()) -> Assertion:
    """What the sentence asserts about the mention at [start, end); `ignore` drops categories a reader reads
    as part of its target (a reader of plans ignores HYPOTHETICAL)."""
    if Assertion.other_source not in ignore and is_other_source(sentence):
        return Assertion.other_source
    categories = {c.category for c in cues_reaching(sentence, start, end)} - ignore
    return next((cat for cat in PRECEDENCE if cat in categories), Assertion.affirmed)


#: Sentences that report a reviewer's, UR's or the claims administrator's words rather than the record's.
_OTHER_SOURCE_SENTENCE = re.compile(
    r"\butilization review\b|\bUR\b|\bnon-?certif\w*|\bclaims administrator\b|\breviewer\b|\bIMR\b|\bciting\b|"
    r"\brationale\b|\bfailed to (?:approve|authorize|certify)|\bnot (?:medically )?(?:necessary|supported|certified)\b|"
    r"\b(?:request\w*|treatment|services?|it|was|were)\b[^.]{0,40}\bdenied\b|\bdenial\b|\bmodified (?:the|to)\b|"
    r"\bpartially (?:approved|certified)\b|\bapproved (?:the )?request", re.I)


#: the worker denying a symptom or a drug ("the applicant denied numbness", "she was seen and denied taking Soma"):
#: a denial that is no reviewer's ("the request was denied")
_WORKER_DENIES = re.compile(r"\b(?:applicant|patient|worker|employee|claimant|he|she|they)\s+(?:\w+\s+){0,3}?"
                            r"(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )(?:denied|denies)\b", re.I)


#: a sentence that states a guideline's criterion, about patients in general, not this worker's facts ("per the
#: guidelines, trigger point injections require ...", "a PPI is recommended for patients at intermediate risk"), one
#: phrasing a row
GUIDELINE_STATEMENTS: tuple[str, ...] = (
    r"\bper (?:the )?(?:\w+ )?guidelines?\b",                         # "..., per the procedure guideline"
    r"\b(?:the )?guidelines? (?:require|state|support|recommend|indicate|suggest|allow)s?\b",
    r"\b(?:is|are) (?:only )?(?:recommended|indicated|reserved|supported) (?:\w+ )?(?:for|in) patients\b",
    r"\b(?:for|in) patients (?:with|who|at)\b",                       # "... used with caution in patients with"
    r"\brequires? documentation of\b",                                # "opioid management requires documentation of"
    r"\bas defined (?:in|by) (?:8 ccr|the (?:mtus|guidelines?)|§)",      # "functional improvement as defined in 8 CCR"
)
_GUIDELINE = any_of(GUIDELINE_STATEMENTS)


def is_other_source(sentence: str) -> bool:
    """Whether the sentence reports a reviewer's, UR's or the claims administrator's reasoning (the worker's own
    denial is not one: `_WORKER_DENIES`), or states a guideline's criterion (`GUIDELINE_STATEMENTS`)."""
    return (_OTHER_SOURCE_SENTENCE.search(_WORKER_DENIES.sub(" ", sentence)) is not None
            or _GUIDELINE.search(sentence) is not None)


def affirmed(sentence: str, start: int, end: int) -> bool | None:
    """True for an affirmed (or historical) mention, False for a negated one, None when the sentence does not
    assert it (possible, hypothetical, someone else's words)."""
    status = assertion(sentence, start, end)
    if status in (Assertion.affirmed, Assertion.historical):
        return True
    if status is Assertion.negated:
        return False
    return None
