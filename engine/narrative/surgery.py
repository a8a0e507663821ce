"""Surgery in the record: planned, scheduled or approved, or already performed (and when), and its kind."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from engine.narrative.context import PLAN, Assertion, affirmed, assertion, is_other_source
from engine.narrative.evidence import Reading
from engine.narrative.findings import clause_at, half_at, named_region
from engine.narrative.history import LIST_CUE, REQUEST_CUE, SURGERY_ABBREVIATION
from engine.narrative.requests import classify, find_regions
from engine.narrative.tables import any_of
from engine.narrative.text import Text
from engine.narrative.textnum import MONTH_RE, find_dates, mask_dates, parse_month
from engine.vocab import Region, Service, region_half

#: spinal fusions as records abbreviate them (anterior, transforaminal, posterior, lateral lumbar interbody fusion;
#: anterior cervical discectomy and fusion)
FUSION_ABBREVIATIONS = r"\b(?:alif|tlif|plif|xlif|olif|llif|acdf)\b"
_SURGERY = re.compile(
    r"surg(?!eons?\b)\w*|arthroscop\w*|repair|fusion|arthrodesis|decompression|meniscectomy|laminectomy|discectomy|"
    r"arthroplasty|\brelease\b|\borif\b|open reduction|\w+ectomy\b|\w+plasty\b|\w+otomy\b|pinning|reconstruct\w*|"
    + SURGERY_ABBREVIATION + "|" + FUSION_ABBREVIATIONS, re.I)
_SCHEDULED = re.compile(r"\b(?:(?:is|was|has been|had been) scheduled|scheduled for|authorized|approved|certified|"
                        r"is set for|will undergo)\b", re.I)
#: a surgery word that names something other than a surgery being planned
_NOT_A_PLAN = re.compile(r"surg\w* (?:history|evaluation|consult\w*|referral|opinion|candidacy|clearance)|"
                         r"(?:history|evaluation|consult\w*|referral) (?:\w+ ){0,3}(?:of|for|to|with) (?:an? )?"
                         r"(?:\w+ )?(?:surg\w*|orthopedic|spine)|before consideration of|prior to consideration of|"
                         r"noncontributory", re.I)
_NOT_APPROVED = re.compile(r"\b(?:not|non-?)[- ]?(?:yet |been )*(?:certified|approved|authorized)|denied", re.I)
#: "surgery was discussed" plans nothing; "awaiting authorization for the fusion" does
_PLANNED = re.compile(r"\b(?:plan(?:s|ned|ning)?\b|recommend\w*|request\w*|candidate|consider\w*|propos\w*|referr\w*|"
                      r"would benefit|need\w*|await\w*|sought|seek(?:s|ing)?)\b", re.I)
#: "surgery has not been discussed" states no plan (False); "surgery was discussed" states none either (unknown)
_DISCUSSED = re.compile(r"\bdiscuss\w*", re.I)
#: the sentence reports the surgery done, whatever it requests after it ("therapy following the release performed
#: 10/3/2016")
_DONE_DATED = re.compile(r"\b(?:performed|done|completed) (?:on )?\d|\bunderwent\b|\bstatus post\b|\bs/p\b|"
                         # time counted from the operation: "since surgery she has ...", "since the operation"
                         r"\bsince (?:the |his |her )?(?:surgery|operation)\b", re.I)
_DECLINED = re.compile(r"\bnot (?:a )?(?:surgical )?candidate|\bno surgery\b|\bnot (?:interested|want\w*)\b|"
                       r"\bdeclin\w*", re.I)
_PERFORMED = re.compile(r"\bstatus post\b|\bs/p\b|\bunderwent\b|\bpost-?operative(?:ly)?\b|\bpost-?op\b|"
                        r"\bhad (?:\w+ )?surgery|\b(?:performed|done|completed) (?:on\b|\d)", re.I)
#: the words before a named procedure that say the worker had it, one a row: "had a right carpal tunnel release", "has
#: had a lumbar fusion", "a history of C5-6 discectomy and fusion on 06/15/2012" (a past surgery, not a plan)
HAD_CUES: tuple[str, ...] = (r"had", r"has had", r"have had", r"received", r"(?:a |prior |past )?(?:surgical )?history of",
                             r"h/o", r"hx of", r"history (?:is |was )?(?:significant|notable|positive|remarkable) for")
_HAD_NAMED = re.compile(r"\b(?:" + "|".join(HAD_CUES) + r") (?:an? |the |two |prior |previous )?(?:[\w-]+ ){0,5}?(?:"
                        r"arthroscop\w*|repair|reconstruction|fusion|arthrodesis|arthroplasty|replacement|\w+ectomy|"
                        r"\w+otomy|\w+plasty|release|orif|fixation|decompression|surger(?:y|ies))\b", re.I)
_DONE = re.compile(r"\b(?:was|were) (?:performed|done|completed)\b|\bthere was an? (?:\w+ ){0,6}(?:reduction|repair|"
                   r"release|fixation|pinning|arthroscopy|surgery)\b", re.I)
#: the year a named past operation is written with, one placement a row: "L4-5 laminectomy 2012", "laminectomy in
#: 2012", "ACDF (2014)", "a 2012 laminectomy": an operation done (a plan is read before this and never reaches it).
#: Its count stays "at least one", as for any past operation without its full date
PROCEDURE_YEAR: tuple[str, ...] = (
    r"(?P<proc>{named})\w*,?\s+(?:in\s+|\(\s*)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-/])",
    r"\b(?P<year2>(?:19|20)\d\d)\s+(?:[\w-]+\s+){{0,2}}?(?P<proc2>{named})",
)
#: a named past operation dated by its month alone, one placement a row: "L4-5 laminectomy 03/2014", "Right shoulder
#: arthroscopy (June 2015)", "03/2014: L4-5 laminectomy" (a bulleted or listed surgical history). Each is one operation
#: done (a plan is read before this and never reaches it); the schema's dates are days, so it is a surgery course of
#: one with no `start`, its month in the note
MONTH_DATED: tuple[str, ...] = (
    r"(?P<proc>{named})\w*,?\s+(?:in\s+|on\s+|\(\s*|-\s+|dated\s+)?(?P<month>{month})",
    r"(?P<month2>{month})\s*[:,)-]?\s+(?:[\w-]+\s+){{0,3}}?(?P<proc2>{named})",
)
#: a named operation's own full date, written right after it, one placement a row ("an L4-5 laminectomy on
#: 01/28/2016", "a right carpal tunnel release (03/08/2016)", "fusion dated 04/19/2016"); the date is written DATE
#: (`mask_dates`). A sentence that dates two operations so tells two operations done, each on its date
PROCEDURE_DATE: tuple[str, ...] = (
    r"(?P<proc>{named})\w*,?\s+(?:(?:was\s+)?(?:performed\s+|done\s+)?(?:on|dated)\s+|\(\s*)?DATE",
)
#: a word that names an operation again, the one before it redone ("a rotator cuff repair in 2/2016 and a revision on
#: 05/03/2016"), one a row: with its own date it is one more operation
REDONE_WORDS: tuple[str, ...] = (r"revision", r"re-?operation", r"redo", r"re-?repair", r"re-?exploration")
_INJURY_EVENT = re.compile(r"\b(?:injur|accident|fell|fall)\w*", re.I)
#: events after an operation that a sentence may date beside it, one a row ("underwent a hip arthroplasty on 03/12
#: and was discharged home on 03/16"): a date written shortly after one of them is that event's, not the operation's
EVENTS_AFTER_SURGERY: tuple[str, ...] = (r"discharged", r"released (?:home|from)", r"transferred", r"seen",
                                         r"followed up", r"follow-?up", r"returned")
_EVENT_AFTER = re.compile("|".join(f"(?:\\b{p}\\b)" for p in EVENTS_AFTER_SURGERY), re.I)


def _other_event_date(s: str, at: int) -> bool:
    """The date at `at` is another event's (a discharge, a follow-up visit): its word stands shortly before it."""
    return any(0 <= at - e.end() <= 25 for e in _EVENT_AFTER.finditer(s))


def _injury_date(s: str, at: int) -> bool:
    """The date at `at` is the injury's: an injury word ("injured", "fell", "accident") is written shortly before it
    ("injured at work on 10/14/2019"); a date before the injury word, or far from it, is not ("s/p arthroplasty
    05/06/2019 for arthritis after a 2017 fall")."""
    return any(0 <= at - e.end() <= 40 for e in _INJURY_EVENT.finditer(s))


#: the phrasings that say the worker has had no surgery at all, one a row ("he has had no surgery for this injury",
#: "PSH: denies prior surgeries", "no prior surgeries"): a stated zero (`history.surgery` with no sessions). A
#: denial that names a body part ("no prior surgery to the neck") says nothing of surgery elsewhere: not read
NO_PAST_SURGERY: tuple[str, ...] = (
    r"\b(?:has|have|had) (?:had )?no (?:prior |previous |past )?(?:surger(?:y|ies)|operations?)\b",
    r"\b(?:has|have|had) not (?:had|undergone) (?:any )?(?:prior |previous |past )?(?:surger(?:y|ies)|operations?)\b",
    r"\bnever (?:had|undergone) (?:any )?(?:surger(?:y|ies)|operations?)\b",
    r"\bden(?:ies|ied|y) (?:any )?(?:prior |previous |past )?(?:surger(?:y|ies)|operations?)\b",
    r"\bno (?:prior|previous|past) (?:surger(?:y|ies)|operations?)\b(?! (?:is|are|was|were) (?:planned|scheduled))",
    r"\b(?:past surgical history|psh)\s*:\s*(?:none|negative|noncontributory)\b",
)
_NO_PAST_SURGERY = any_of(NO_PAST_SURGERY)


#: a surgery named as a procedure (not just "surgery"), whose kind a plan tells
_NAMED = re.compile(r"arthroscop|repair|reconstruct|fusion|arthrodesis|arthroplasty|replacement|\w+ectomy\b|"
                    r"\w+otomy\b|\w+plasty\b|\brelease\b|\borif\b|fixation|decompression|pinning|" + SURGERY_ABBREVIATION,
                    re.I)

_PROCEDURES = [("meniscectomy", r"menisc"), ("shoulder_labral_repair",
                                  r"bankart|labral repair|slap repair|\bslap\b|superior labr\w* anterior(?: and| to)? posterior"),
               ("rotator_cuff_repair", r"rotator cuff repair|cuff repair|\brcr\b"),
               ("acl_reconstruction", r"\bacl\b|cruciate"),
               ("carpal_tunnel_release", r"carpal tunnel release|\bctr\b"),
               ("spinal_fusion", r"fusion|arthrodesis|" + FUSION_ABBREVIATIONS),
               ("arthroplasty", r"arthroplasty|replacement|\btk[ar]\b"), ("hernia_repair", r"hernia"),
               ("fracture_fixation", r"\borif\b|open reduction|fixation|pinning")]
#: the region a named procedure is done on, when its name alone tells it (a fusion or an arthroplasty does not:
#: the sentence's region does)
PROCEDURE_REGION = {"meniscectomy": Region.knee, "acl_reconstruction": Region.knee,
                    "shoulder_labral_repair": Region.shoulder, "rotator_cuff_repair": Region.shoulder,
                    "carpal_tunnel_release": Region.wrist}
#: the plan facts that belong to a body part: a surgery planned for the shoulder is no surgery considered for the
#: low back (`evidence.REGIONAL_FIELDS`); its authorization and kind describe the index surgery, wherever it is
_PLAN_FACTS = frozenset({"findings.surgery_planned", "findings.surgical_candidate"})


#: the words that name a surgery's approach or class, one a row. The two approaches exclude each other by the
#: schema's definition ("open (not arthroscopic)"), so naming one states the other false; "complex" is a closed
#: list (repair, reconstruction, fusion, arthroplasty), so a named procedure outside it is not complex, and a
#: procedure the reader cannot name ("other") leaves it unknown
ARTHROSCOPIC_WORDS: tuple[str, ...] = (r"arthroscop", r"laparoscop", r"endoscop", r"\bscope\b")   # "L knee scope"
OPEN_WORDS: tuple[str, ...] = (r"\bopen\b", r"\borif\b")
#: `Findings.surgery_complex`: a repair, reconstruction, fusion or arthroplasty (a replacement; open reduction and
#: internal fixation repairs a fracture)
#: the schema's named procedures that are none of a repair, reconstruction, fusion or arthroplasty
NOT_COMPLEX: frozenset[str] = frozenset({"meniscectomy", "carpal_tunnel_release"})
COMPLEX_WORDS: tuple[str, ...] = (r"repair", r"reconstruct", r"fusion", r"arthrodesis", r"arthroplasty", r"replacement",
                                  r"\borif\b", r"open reduction", r"\brcr\b", r"\btk[ar]\b", FUSION_ABBREVIATIONS)
#: a procedure the plan states it will not include ("no repair or reconstruction", "without fusion"): its words tell
#: no kind
_EXCLUDED_PROCEDURE = re.compile(r"\b(?:no|without|not)\b[^,;.]*", re.I)


def surgery_kind(text: str) -> dict[str, Any]:
    """Arthroscopic, open, complex and the procedure, as far as the words of a surgery request or plan state them."""
    low = _EXCLUDED_PROCEDURE.sub(" ", text.lower())
    out: dict[str, Any] = {"surgery_procedure": next((name for name, pat in _PROCEDURES if re.search(pat, low)),
                                                     "other")}
    arthro = any(re.search(p, low) for p in ARTHROSCOPIC_WORDS)
    opened = any(re.search(p, low) for p in OPEN_WORDS)
    if arthro and opened:
        pass  # "laparoscopic versus open repair", "arthroscopic-assisted open repair": the approach is not decided
    elif arthro:  # the schema's two approaches exclude each other: "open (not arthroscopic)"
        out.update(surgery_arthroscopic=True, surgery_open=False)
    elif opened:
        out.update(surgery_open=True, surgery_arthroscopic=False)
    if any(re.search(p, low) for p in COMPLEX_WORDS):
        out["surgery_complex"] = True
    elif out["surgery_procedure"] in NOT_COMPLEX:
        out["surgery_complex"] = False  # a named procedure the definition's list leaves out
    return out


#: a limb named as a whole tells the half, not the region: surgery "for the right lower extremity symptoms" may be
#: surgery of the spine that sends them there
_WHOLE_LIMB = frozenset({Region.upper_extremity, Region.lower_extremity, Region.leg})


def _planned_words(s: str, at: int) -> tuple[int, str]:
    """The surgery word a plan governs and the words that plan it: the first surgery word after the first word of
    planning, within its clause ("he had a right knee meniscectomy in 2012 and is now a candidate for an L4-5
    decompression" plans the decompression); else the surgery word at `at` and its clause ("a right carpal tunnel
    release is planned")."""
    for cue in (_PLANNED.search(s), _SCHEDULED.search(s)):
        word = _SURGERY.search(s, cue.end()) if cue else None
        if cue and word:
            return word.start(), clause_at(s[cue.start():], word.start() - cue.start())
    return at, clause_at(s, at)


def plan_region(s: str, at: int) -> Region | None:
    """The one region a planned surgery is for: the named procedure's (a meniscectomy is the knee's), else the one
    region its clause names, else the one its sentence names; None when none or several are named, or only a
    whole limb. The procedure and clause are those of the surgery word the plan governs, not a past operation
    the sentence names before it."""
    at, planned = _planned_words(s, at)
    procedure = PROCEDURE_REGION.get(surgery_kind(planned)["surgery_procedure"])
    if procedure is not None:
        return procedure
    one = named_region(planned, clause_at(s, at), s)
    return None if one in _WHOLE_LIMB else one


def plan_half(s: str, at: int) -> str:
    """The half of the body a planned surgery is for: its region's, else that of the clause or sentence that
    plans it; `any` when neither tells."""
    region = plan_region(s, at)
    half = region_half(region) if region is not None else "any"
    return half if half != "any" else half_at(s, _planned_words(s, at)[0])


def _plan_text(s: str) -> str:
    """The words from the plan's cue on, when a surgery word follows it: the procedure a plan names, not a past
    operation written before the cue ("had a right knee meniscectomy in 2012 and is now a candidate for an L4-5
    decompression" plans a decompression); the whole sentence otherwise."""
    for cue in (_PLANNED.search(s), _SCHEDULED.search(s)):
        word = _SURGERY.search(s, cue.end()) if cue else None
        if cue and word and ";" not in s[cue.end():word.start()]:
            return s[cue.start():]   # (a surgery word past a semicolon is another clause's: "... is planned; no repair")
    return s


#: the words that date a surgery scheduled or planned, one placement a row (the date written DATE, `mask_dates`):
#: "is scheduled for DATE", "surgery set for DATE", "scheduled for an ACL reconstruction of the left knee on DATE",
#: "Date of surgery: DATE", "Surgery date: DATE". A date of a surgery only requested or denied is none of these
_BETWEEN = r"(?:(?!(?:and|but|or|was|were|is|are|seen|he|she|then)\b)[\w/-]+,?\s+){0,10}?"
SCHEDULED_DATE: tuple[str, ...] = (
    r"\b(?:scheduled|set|planned|booked|slated)\s+(?:for|on)\s+DATE",
    r"\b(?:scheduled|set|planned|booked|slated)\s+(?:for\s+)?" + _BETWEEN + r"on\s+DATE",
    r"\bdate of (?:the )?(?:surgery|operation|procedure)\s*(?::|is|will be|-)?\s*DATE",
    r"\b(?:surgery|surgical|operation|operative)\s+date\s*(?::|is|will be|-)?\s*DATE",
)
_SCHEDULED_DATE = any_of(SCHEDULED_DATE)
#: a label that dates a surgery ("Date of surgery: DATE"): with a date after the case's date, a surgery to come
_SURGERY_DATE_LABEL = any_of(SCHEDULED_DATE[2:])


#: a schedule the sentence only supposes ("may be scheduled for DATE if injections fail") dates no surgery
_SUPPOSED = re.compile(r"\b(?:may|might|could|would|if|unless|possibl[ey]|perhaps)\b", re.I)


def scheduled_dates(s: str) -> list[dt.date]:
    """The dates the sentence gives a surgery scheduled or planned (`SCHEDULED_DATE`), in order; none when it only
    supposes one."""
    if _SUPPOSED.search(s):
        return []
    masked = mask_dates(s)
    dates = [d for d, _ in find_dates(s)]
    if len(dates) != masked.count("DATE"):
        return []
    return [dates[masked[:m.end()].count("DATE") - 1] for m in _SCHEDULED_DATE.finditer(masked)]


#: the words of an authorization decision, one a row with what it decides: UR's or the carrier's non-certification or
#: denial (False), its certification or authorization (True); "partially certified" or "modified" decides neither
DECISION_WORDS: tuple[tuple[str, bool], ...] = (
    (r"non-?certified|noncertified|denied|not (?:been )?(?:certified|approved|authori[sz]ed)", False),
    (r"(?<!non-)(?<!non)(?<!partially )(?:certified|approved|authori[sz]ed)", True),
)
_DECISION = re.compile("|".join(f"(?P<d{k}>{p})" for k, (p, _) in enumerate(DECISION_WORDS)), re.I)
#: the decision's object named after it ("UR non-certified the requested lumbar fusion") or its subject before it
#: ("the request for the knee arthroscopy was denied"), up to the clause's end or start
_OBJECT_END = re.compile(r"[,;:]|\s(?:on|by|in|per|because|as|citing|due|based|and|which|noting|since|given)\s|$", re.I)
_SUBJECT_START = re.compile(r".*(?:[,;:]|\b(?:that|and|but|which|UR|review)\b)", re.I | re.S)
_PASSIVE = re.compile(r"\s(?:was|were|is|are|has|have|had)\s+(?:not\s+)?(?:yet\s+)?(?:been\s+)?$", re.I)
#: words of a request or decision written before the procedure ("the request for authorization of the"), not its own
_LEAD = re.compile(r"^\s*(?:the\s+|a\s+|an\s+)?(?:(?:requested|proposed|planned)\s+)?(?:(?:request|authorization)\s+"
                   r"(?:for|of)\s+)*(?:the\s+|an?\s+)?", re.I)
#: a clause that does not decide: a condition, a recommendation, a partial certification
_UNDECIDED = re.compile(r"\b(?:if|would|could|should|unless|until|pending|await\w*|recommend\w*|partially|"
                        r"modified)\b", re.I)
#: the procedure is the complement of another service's words ("therapy after the arthroscopy"), not the object
_COMPLEMENT = re.compile(r"\b(?:after|following|for|before|prior to|with|post-?op\w*|pre-?op\w*)\b", re.I)


def surgery_decision(s: str) -> bool | None:
    """UR's or the carrier's decision on a surgery the sentence names as the decision's object or subject: False for
    a non-certification or denial, True for a certification or authorization; None when it decides no surgery (an
    ancillary of one, a conditional, a partial certification)."""
    for m in _DECISION.finditer(s):
        value = next(v for k, (_, v) in enumerate(DECISION_WORDS) if m.group(f"d{k}"))
        before = s[:m.start()]
        passive = _PASSIVE.search(before)
        if passive:
            head = before[:passive.start()]
            start = _SUBJECT_START.match(head)
            phrase = head[start.end() if start else 0:]
            value = value and "not" not in passive.group(0).lower().split()
        else:
            rest = s[m.end():]
            phrase = rest[:_OBJECT_END.search(rest).start()]   # type: ignore[union-attr]
        phrase = phrase[_LEAD.match(phrase).end():]            # type: ignore[union-attr]
        word = _SURGERY.search(phrase)
        if (not word or _COMPLEMENT.search(phrase[:word.start()]) or classify(phrase)[0] is not Service.surgery
                or _UNDECIDED.search(s[max(0, s.rfind(";", 0, m.start()) + 1):m.start()])):
            continue
        return value
    return None


#: the words that name the insurer, whose authorization decision is its own act (UR's is `is_other_source`)
_CARRIER = re.compile(r"\b(?:carrier|insurer|insurance company|adjuster|claims (?:administrator|examiner))\b", re.I)


def _read_plan(s: str, status: Assertion, add: Callable[[str, Any], None]) -> bool:
    """What a sentence says of a surgery's authorization and plan; False when it says nothing of them."""
    if _NOT_APPROVED.search(s) and (_SCHEDULED.search(s) or _PLANNED.search(s)):
        add("findings.surgery_approved", False)  # "the surgery has not been authorized yet"
        add("findings.surgery_planned", True)
    elif status is Assertion.negated or _DECLINED.search(s):
        if not (_PLANNED.search(s) or _SCHEDULED.search(s) or _DECLINED.search(s) or _DISCUSSED.search(s)):
            return True  # "he has not had surgery"
        add("findings.surgical_candidate", False)
        add("findings.surgery_planned", False)  # "not a surgical candidate", "no surgery is planned"
    elif _SCHEDULED.search(s):
        add("findings.surgery_approved", True)
        add("findings.surgery_planned", True)
        for k, v in surgery_kind(_plan_text(s)).items():
            add(f"findings.{k}", v)
        for when in scheduled_dates(s):
            add("surgery.scheduled_on", when)   # "scheduled for 07/12/2016": the surgery's date
    elif _PLANNED.search(s):
        add("findings.surgery_planned", True)
        add("findings.surgical_candidate", True)
        if _NAMED.search(s):
            for k, v in surgery_kind(_plan_text(s)).items():
                add(f"findings.{k}", v)  # the planned procedure is the index surgery
        for when in scheduled_dates(s):
            add("surgery.scheduled_on", when)   # "planned for 07/12/2016"
    else:
        return False
    return True


def _read_decision(s: str, reading: Reading, pos: int) -> None:
    """UR's or the carrier's decision on a surgery (`surgery_decision`): its authorization. `assemble` sets it aside
    when the surgery is itself a disputed item, which IMR decides."""
    decided = surgery_decision(s) if is_other_source(s) or _CARRIER.search(s) else None
    if decided is not None:
        reading.add("findings.surgery_approved", decided, s, "surgery", position=pos)


#: what says a dated surgery did not take place on its date, one phrasing a row ("was cancelled", "postponed",
#: "rescheduled", "did not take place")
UNDONE: tuple[str, ...] = (
    r"\bcancel+(?:ed|led|lation)\b", r"\bpostpon\w*", r"\bresched\w*", r"\bdid not (?:take place|occur|happen|proceed)\b",
    r"\bnot (?:yet )?(?:been )?(?:performed|done)\b",
)
_UNDONE = any_of(UNDONE)


def _read_dated_label(s: str, status: Assertion, add: Callable[[str, Any], None], as_of: dt.date | None) -> bool:
    """A surgery date label ("Date of surgery: 08/02/2016, right shoulder arthroscopy"): with a date after the case's
    date, a surgery to come, planned on that date (its plan words, if any, read as any plan's); with a date on or
    before it, the surgery done on that date. False when the sentence has none, or the case has no date."""
    labelled = scheduled_dates(s) if as_of is not None and _SURGERY_DATE_LABEL.search(mask_dates(s)) else []
    label = [d for d in labelled if as_of is not None and d > as_of]
    if status is Assertion.possible or _DONE_DATED.search(s):
        return False
    if labelled and not label and (status is Assertion.negated or _UNDONE.search(s)):
        return True   # "Surgery date: 03/02/2016 was cancelled": no operation done, none to come
    if labelled and not label:
        # a date on or before the case's date: the surgery done on it ("Date of surgery: 03/02/2016, right shoulder
        # arthroscopy", in a summary of 06/2016), its procedure the one the sentence names
        add("history.surgery", None)
        for k, v in (surgery_kind(s) if _NAMED.search(s) else {}).items():
            add(f"performed.{k}", v)
        add("surgery.performed_on", labelled[-1])
        return True
    if not label:
        return False
    if not _read_plan(s, status, add):
        add("findings.surgery_planned", True)
        for k, v in (surgery_kind(s) if _NAMED.search(s) else {}).items():
            add(f"findings.{k}", v)
        add("surgery.scheduled_on", label[-1])
    return True


def read_surgery(text: Text, reading: Reading) -> None:
    """Surgery approved or scheduled (or not yet authorized), planned or considered (or declined, not planned), or
    performed on a date. Whether the sentence asserts the plan is `context.assertion`'s answer: "surgery may be
    considered" and "possible arthroscopy" plan nothing."""
    year_rx = re.compile("|".join(f"(?:{p.format(named=_NAMED.pattern)})" for p in PROCEDURE_YEAR), re.I)
    month = "(?:" + MONTH_RE.pattern.replace("(?P<", "(?P<_") + ")"   # the month's groups, renamed in each placement
    month_rx = [re.compile(p.format(named=_NAMED.pattern, month=month.replace("(?P<_", f"(?P<_{k}")), re.I)
                for k, p in enumerate(MONTH_DATED)]
    for pos, s in text.numbered():
        if _NO_PAST_SURGERY.search(s) and not is_other_source(s) and not find_regions(s):
            reading.add("surgery.none", True, s, "surgery", position=pos)
    for pos, s in text.matching(_SURGERY):
        had = _HAD_NAMED.search(s)
        had = had if had and affirmed(s, had.start(), had.end()) is True else None  # not "no history of surgery"
        # "Past surgical history: - L4-5 laminectomy 03/2014; - Right shoulder arthroscopy (June 2015)": operations done
        monthly = not is_other_source(s) and _month_dated(s, month_rx, text, reading, pos)
        # "Surgical history includes an L4-5 laminectomy on 01/28/2016 and an L4-5 fusion on 04/19/2016": operations
        # each written with its own date, as a surgical history lists those done (a plan is read before it is used)
        each = dated_operations(s) if not is_other_source(s) else []
        listed_dated = len(each) > 1
        _read_decision(s, reading, pos)
        if is_other_source(s) or (_NOT_A_PLAN.search(s) and not (_PERFORMED.search(s) or had or monthly
                                                                  or listed_dated)):
            continue  # UR's words; a surgical history naming no procedure, a surgical consultation, surgery deferred
        m = _SURGERY.search(s)
        assert m is not None
        half, region = plan_half(s, m.start()), plan_region(s, m.start())

        def add(path: str, value: Any, s: str = s, pos: int = pos, half: str = half,
                region: Region | None = region) -> None:
            planned = path in _PLAN_FACTS
            reading.add(path, value, s, "surgery", half=half if planned else "any", position=pos,
                        region=region.value if planned and region is not None else None)

        status = assertion(s, m.start(), m.end(), ignore=PLAN)
        if _read_dated_label(s, status, add, text.as_of):
            continue  # "Date of surgery: 08/02/2016, right shoulder arthroscopy", after the case's date
        if status is Assertion.possible or (not _DONE_DATED.search(s) and _read_plan(s, status, add)):
            continue  # "surgery may be considered", "a possible arthroscopy"; or a plan, read
        listed = LIST_CUE.search(s) is not None and not REQUEST_CUE.search(s.split(",")[0])
        year = year_rx.search(s)
        if year and affirmed(s, year.start(), year.end()) is not True:
            year = None
        if _PERFORMED.search(s) or had or year or monthly or listed_dated or (listed and re.search(r"\bsurger(?:y|ies)\b|" + _NAMED.pattern,
                                                                                          s, re.I)):
            add("history.surgery", None)
            # (a past operation known only by its year, as a diagnosis line writes it, tells the history, not which
            # surgery the request follows)
            index = _PERFORMED.search(s) or had or listed
            for k, v in (surgery_kind(s) if index and _NAMED.search(s) else {}).items():
                add(f"performed.{k}", v)  # a procedure named; "surgery" alone tells no kind
            # in a list, the date written just after the procedure; else the latest date of the sentence
            dates = [d for d, at in find_dates(s) if (not listed or 0 <= at - m.start() <= 80) and not _injury_date(s, at)
                     and not _other_event_date(s, at)]
            if dates:
                add("surgery.performed_on", max(dates))
            if listed_dated:
                for d in each:   # "a laminectomy on 01/28/2016 and a fusion on 04/19/2016": two operations
                    add("surgery.dated", d)
        elif _DONE.search(s):
            # "there was a closed reduction and percutaneous pinning ... on 11-9-2016": the date after the procedure
            add("history.surgery", None)
            after = [d for d, at in find_dates(s) if at > m.start() and not _injury_date(s, at)]
            if after:
                add("surgery.performed_on", after[0])


def dated_operations(s: str) -> list[dt.date]:
    """The full dates the sentence writes right after named operations (`PROCEDURE_DATE`, `REDONE_WORDS`), in order:
    each one operation done on its date."""
    named = _NAMED.pattern + "|" + "|".join(REDONE_WORDS)
    rx = re.compile("|".join(f"(?:{p.format(named=named)})" for p in PROCEDURE_DATE), re.I)
    masked = mask_dates(s)
    dates = [d for d, _ in find_dates(s)]
    if len(dates) != masked.count("DATE"):
        return []
    out = []
    for m in rx.finditer(masked):
        k = masked[:m.end()].count("DATE") - 1
        if affirmed(masked, m.start("proc"), m.end("proc")) is True:
            out.append(dates[k])
    return out


def _month_dated(s: str, rows: list[re.Pattern[str]], text: Text, reading: Reading, pos: int) -> bool:
    """The operations a sentence dates by month alone (`MONTH_DATED`), each read as one operation done
    (`surgery.month_dated`, (year, month, procedure)); False when it dates none, or plans one (a plan is no operation
    done), or a month is after the case's date."""
    if _PLANNED.search(s) or _SCHEDULED.search(s):
        return False
    found: dict[int, tuple[int, int, str]] = {}
    for rx in rows:
        for m in rx.finditer(s):
            proc = "proc" if m.groupdict().get("proc") else "proc2"
            at = m.start(proc)
            if at in found or affirmed(s, m.start(proc), m.end(proc)) is not True:
                continue
            sub = MONTH_RE.search(m.group(0))
            assert sub is not None
            year, month = parse_month(sub)
            if text.as_of is not None and (year, month) > (text.as_of.year, text.as_of.month):
                return False
            clause = s[s.rfind(";", 0, at) + 1:].split(";")[0]
            clause = re.sub(r"^[^:;]{0,40}:\s*", "", clause) if 0 <= clause.find(":") < at - s.rfind(";", 0, at) else clause
            found[at] = (year, month, clause.strip(" -\u2022*\t."))
    for year, month, clause in found.values():
        reading.add("surgery.month_dated", (year, month, clause), s, "surgery", position=pos)
    return bool(found)
