"""Facts from the clinical summary prose, each with the sentence it was read from.

Plain code over sentences: a finding is a pattern; its negation is a cue (no, denied, negative, without...)
in the same clause before it, or a negative word just after it. What the text does not say stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from engine.facts import Conflict, Diagnosis, Medication, TreatmentCourse
from engine.narrative.drugs import find_drugs
from engine.narrative.requests import find_regions
from engine.narrative.textnum import NUM, find_dates, to_int
from engine.vocab import Service

_NEG_BEFORE = re.compile(
    r"\b(?:no|not|denie[sd]|deny|denying|without|negative(?: for)?|absent|absence of|free of|never|none|"
    r"neither|nor|lack of|did not|does not|do not|unremarkable|ruled out|resolved)\b[^.;:]*$", re.I)
_NEG_AFTER = re.compile(r"^[^.;]{0,30}?\b(?:was|were|is|are)?\s*(?:negative|absent|normal|intact|unremarkable|"
                        r"not (?:provided|documented|available|submitted|performed|done|on file|signed))\b", re.I)
_CLAUSE_BREAK = re.compile(r"\b(?:but|however|although|though|while|whereas|yet|with positive|positive)\b", re.I)


def sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping abbreviations and decimals together."""
    protected = re.sub(r"\b(Dr|Mr|Mrs|Ms|vs|e\.g|i\.e|approx|No|Nos)\.", lambda m: m.group(0).replace(".", "§"), text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'])", protected)
    return [p.replace("§", ".").strip() for p in parts if p.strip()]


def negated(sentence: str, start: int, end: int) -> bool:
    """Whether the phrase at [start, end) is negated in its clause."""
    before = sentence[max(0, start - 60):start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    before = before[cut:]
    pieces = re.split(r"[,;]", before)
    if len(pieces) > 2 and not all(len(p.split()) <= 6 for p in pieces[1:]):
        # a new clause after a comma ends the negation's scope; a list of short items does not
        before = re.split(r"[,;]\s*(?:and|with)?\s*(?=[a-z])", before)[-1]
    if _NEG_BEFORE.search(before):
        return True
    return bool(_NEG_AFTER.match(sentence[end:end + 40]))


_UR_REASONING = re.compile(r"\bnon-?certif|\b(?:request\w*|treatment|services?|it|was|were)\b[^.]{0,40}\bdenied\b|\bdenial\b|\butilization review\b|\bUR\b|\bciting\b|"
                           r"\brationale\b|\bnot (?:medically )?(?:necessary|supported|certified)\b|\bmodified\b")

_CLAIMS = re.compile(r"claims administrator|failed to (?:approve|authorize|certify)|\b(?:approved|authorized)\b[^.]{0,20}"
                     r"\brequest", re.I)

#: findings whose body part matters: a neck finding does not support a low back request
REGIONAL_FIELDS = frozenset({"radicular_signs", "focal_neuro_deficit", "entrapment_signs", "imaging_surgical_lesion",
                             "imaging_corroboration", "objective_functional_deficit"})
_UPPER_WORDS = (r"\bcervical|\bneck\b|spurling|tinel|phalen|durkan|\bc[2-8]\b|\bc[2-7]-[c]?[3-8t]1?\b|\barms?\b|"
                r"\bhands?\b|finger|\bdigits?\b|\bgrip|wrist|elbow|shoulder|upper extremit|carpal|ulnar|median nerve|"
                r"trapezi|biceps|triceps|deltoid")
_LOWER_WORDS = (r"lumb|low(?:er)? back|straight[- ]leg|\bslr\b|\bl[1-5]\b|\bl[1-5]-[l]?[1-5s]1?\b|\bs1\b|\blegs?\b|"
                r"\bfeet\b|\bfoot\b|\bknees?\b|\bhips?\b|sciatic|lower extremit|thigh|calf|ankle|toe|\behl\b|"
                r"dorsiflex|plantar ?flex|quadricep|hamstring|gluteal|buttock|sacr")


def body_half(sentence: str) -> str:
    """`upper`, `lower` or `any`: which half of the body a sentence's finding concerns."""
    up = re.search(_UPPER_WORDS, sentence, re.I) is not None
    low = re.search(_LOWER_WORDS, sentence, re.I) is not None
    return "upper" if up and not low else ("lower" if low and not up else "any")


@dataclass
class Found:
    """Facts read from the summary, with provenance and conflicts."""

    values: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, list[str]] = field(default_factory=dict)
    history: list[TreatmentCourse] = field(default_factory=list)
    diagnoses: list[Diagnosis] = field(default_factory=list)
    medications: list[Medication] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    remainder_kinds: set[Service] = field(default_factory=set)
    regional: dict[tuple[str, str], bool] = field(default_factory=dict)
    studies: list[dict[str, Any]] = field(default_factory=list)
    age: int | None = None
    sex: str | None = None

    def note(self, path: str, sentence: str) -> None:
        """Record the sentence a fact came from."""
        lst = self.provenance.setdefault(path, [])
        if sentence not in lst:
            lst.append(sentence)

    def set(self, path: str, value: Any, sentence: str, *, prefer: bool | None = None) -> None:
        """Set a finding; a True read overrides a False read when `prefer` is True (and vice versa).

        A reviewer's reasons for denial ("citing a lack of documented ...") say what the record lacks, not what
        the patient lacks: they never set a finding to False."""
        if value is False and _UR_REASONING.search(sentence):
            return
        old = self.values.get(path)
        if old is None or (prefer is not None and value == prefer):
            self.values[path] = value
        self.note(path, sentence)
        name = path.removeprefix("findings.")
        if name in REGIONAL_FIELDS and isinstance(value, bool):
            key = (name, body_half(sentence))
            if key not in self.regional or value:
                self.regional[key] = value


def _search_all(patterns: str, sentence: str) -> list[re.Match[str]]:
    return list(re.finditer(patterns, sentence, re.I))


def finding(found: Found, path: str, sents: list[str], pattern: str, *, positive_wins: bool = True) -> None:
    """Set `findings.<path>` True for an affirmed mention, False for a negated one."""
    for s in sents:
        if _UR_REASONING.search(s) or _CLAIMS.search(s):
            continue  # a reviewer's or claims administrator's words are not clinical findings
        for m in _search_all(pattern, s):
            value = not negated(s, m.start(), m.end())
            found.set(f"findings.{path}", value, s, prefer=True if positive_wins else None)


# --- demographics ---------------------------------------------------------------------------------------

def demographics(found: Found, sents: list[str]) -> None:
    """Age and sex from "a 51 year old female" / "a now 58-year-old male"."""
    for s in sents[:6]:
        m = re.search(r"\b(\d{2})[- ]year[- ]old\b(?:\s+(?:\w+\s+)?(male|female|man|woman|gentleman|lady))?", s, re.I)
        if m and found.age is None:
            found.age = int(m.group(1))
            found.note("patient.age", s)
            if m.group(2):
                found.sex = "female" if m.group(2).lower() in ("female", "woman", "lady") else "male"
                found.note("patient.sex", s)
    if found.sex is None:
        text = " ".join(sents)
        he = len(re.findall(r"\b(?:he|his|him)\b", text, re.I))
        she = len(re.findall(r"\b(?:she|her|hers)\b", text, re.I))
        if he != she and max(he, she) >= 2:
            found.sex = "male" if he > she else "female"


def diagnoses(found: Found, sents: list[str]) -> None:
    """Diagnoses from "diagnosed with X, Y and Z" / "The diagnoses include ..."."""
    for s in sents:
        m = re.search(r"\bdiagnos(?:ed|es|is)\b(?:\s+(?:were|was|include[sd]?|including|as|of|with|are|is|"
                      r"documented as|listed as|has been|have been|included))+:?\s+(.*)", s, re.I)
        if not m:
            continue
        body = re.split(r"\.\s|;\s(?=[A-Z])|\bAccording to\b|\bPer\b", m.group(1))[0]
        for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=[a-z])|;\s*", body):
            piece = piece.strip(" .")
            if re.match(r"(?:rule out|r/o|possible|suspected|probable|questionable)\b", piece, re.I):
                continue
            if 2 < len(piece) < 120:
                found.diagnoses.append(Diagnosis(text=piece))
        found.note("diagnoses", s)


# --- treatment history --------------------------------------------------------------------------------

KINDS: list[tuple[Service, str]] = [
    (Service.physical_therapy, r"physical therap\w*|physiotherapy|\bPT\b(?!/PTT)|therapy sessions|"
                               r"physical medicine|therapeutic exercise"),
    (Service.occupational_therapy, r"occupational therap\w*|hand therapy|\bOT\b"),
    (Service.chiropractic, r"chiropract\w*|chirotherapy|chiro\b|manipulat\w*|manual therapy"),
    (Service.acupuncture, r"acupunctur\w*"),
]
_LIST_CUE = re.compile(
    r"\b(?:treatments?|therap(?:y|ies))\b[^.]{0,40}?\b(?:to date|rendered|received|tried|thus far|so far|"
    r"included|include[sd]?|consisted|has included|have included|were|was)\b|"
    r"\bprior (?:relevant )?treatments?\b|\bpast treatments?\b|\bpreviously received\b|"
    r"\bhas been treated with\b|\bhas undergone\b|\btreated (?:conservatively )?with\b", re.I)
_REQUEST_CUE = re.compile(
    r"\brequest|\bRFA\b|\bnon-?certif|(?<!activity )(?<!work )\bmodif(?:y|ied|ication)\b(?! (?:duty|work|activit))|"
    r"\bremaining\b|\butilization review\b|\bUR\b|\bdenial\b|\brationale\b|\bordered\b|\bsought\b|"
    r"\breferr(?:ed|al)\b|\bscheduled\b|\bto be (?:started|scheduled|initiated)\b|"
    r"\bIMR\b|\bdenied\b|\bplan(?:ned|s)?\b|\brecommend|\bwill\b|\bwould\b|\bshould\b|\bdisputed\b|\boriginal\b",
    re.I)
_NO_COURSE = re.compile(r"\b(?:no|not had|not undergone|never (?:had|received|tried|undergone|attended|been treated with)|did not (?:attend|go|start|have|receive)|"
                        r"(?:has|have|had) not (?:yet |previously |ever |as yet )?(?:had|received|attended|started|"
                        r"undergone|tried)(?: any)?|"
                        r"has yet to (?:start|begin|have|attend|receive)|no (?:prior|previous|formal)|"
                        r"has not (?:had|received|attended|started)|not yet (?:started|begun))\b", re.I)
_FI_POS_OBJ = re.compile(
    r"\b(?:improved|increased|better)\s+(?:range of motion|rom|strength|function\w*|mobility|tolerance|"
    r"ability|activities of daily living|adls?)|\bfunctional (?:improvement|gains?)\b|\breturn(?:ed)? to "
    r"(?:full |regular )?(?:work|duty)\b(?! with restrictions)|\breduc\w* (?:in )?(?:work )?restrictions\b|"
    r"\bable to (?:walk|sit|stand|work|lift|sleep|perform)\w*\b[^.]{0,20}\blonger\b|\bincrease in function|"
    r"\b(?:odi|ndi|oswestry|disability index|range of motion|rom|flexion|extension|tolerance|strength|grip)\b[^.]{0,50}"
    r"\b(?:improved|increased|decreased|went)\b[^.]{0,25}\bfrom\s+\d+|"
    r"\brestrictions (?:were |have been |had been )?(?:reduced|lifted|eased|decreased|removed)\b|"
    r"\b(?:allows?|allowed|enables?|enabled) (?:him|her|the (?:patient|applicant|injured worker)) to\b|"
    r"\bwith (?:the |his |her )?(?:medications?|\w+),? (?:he|she|the (?:patient|applicant)) (?:is|was) able to\b", re.I)
_FI_POS_SUBJ = re.compile(r"\b(?:improv\w*|helped|helpful|benefi\w*|better|relief|progress\w*|responded)\b", re.I)
_FI_NEG = re.compile(
    r"\b(?:no|without|not|minimal|little|limited|lack of|failed to|did not|does not|has not|had not)\b[^.]{0,40}?"
    r"\b(?:improv\w*|help\w*|benefi\w*|relief|progress\w*|better|effective)|\bnot helping\b|\bfailed\b|"
    r"\bunsuccessful\b|\bworse\w*\b|\bno progress\b|\bremained (?:the same|unchanged|\d)|\bunchanged\b|"
    r"\bno change\b|\bnone of which\b", re.I)


@dataclass
class _Count:
    n: int
    sentence: str
    quoted: bool
    lower_bound: bool
    alternatives: list[int]


def _counts_for(s: str, kind_pat: str) -> list[_Count]:
    out: list[_Count] = []
    number = rf"(?P<alt>{NUM}\s+(?:or|to|-)\s+)?(?P<n>{NUM})"
    pats = [
        rf"(?P<lb>at least\s+|approximately\s+|about\s+)?{number}\s*(?:additional\s+|prior\s+|previous\s+|completed\s+|"
        rf"more\s+)?(?:sessions?|visits?|treatments?)?\s*(?:of|with)?\s*(?:[a-z-]+\s+){{0,2}}?(?:{kind_pat})",
        rf"(?:{kind_pat})[^.,;]{{0,25}}?(?:x|times|#|\()\s*(?P<lb>at least\s+)?{number}",
        rf"(?:{kind_pat})[^.;]{{0,20}}?(?P<lb>at least\s+)?{number}\s*(?:sessions?|visits?|treatments?)",
        rf"#\s*(?P<n>\d+)\s*(?:sessions?|visits?)\s*(?:of\s+)?(?:{kind_pat})",
        rf"(?:{kind_pat})[^.;]{{0,40}}?\b(?:totall?ing|total of|in total|for a total of)\s*{number}",
    ]
    for p in pats:
        for m in re.finditer(p, s, re.I):
            n = to_int(m.group("n"))
            if n is None or n > 60:
                continue
            gd = m.groupdict()
            alts = [n]
            if gd.get("alt"):
                a = to_int(re.sub(r"\s+(?:or|to|-)\s+$", "", gd["alt"]))
                if a is not None:
                    alts = [a, n]
            before = s[:m.start()]
            quoted = before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")
            out.append(_Count(min(alts), s, quoted, bool(gd.get("lb")), alts))
        if out:
            break
    return out


def _fi(found: Found, s: str, kind_pat: str) -> tuple[bool | None, str | None]:
    if not re.search(kind_pat, s, re.I):
        return None, None
    if _FI_NEG.search(s):
        return False, s
    if _FI_POS_OBJ.search(s):
        return True, s
    if _FI_POS_SUBJ.search(s):
        return None, s  # subjective benefit is not objective functional improvement (8 CCR §9792.20)
    return None, None


def treatment_history(found: Found, sents: list[str]) -> None:
    """Courses of PT, OT, chiropractic and acupuncture: counts, functional result, documented absence."""
    list_sentences = [s for s in sents if _LIST_CUE.search(s) and not _REQUEST_CUE.search(s.split(",")[0])]
    for kind, pat in KINDS:
        mentions = [s for s in sents if re.search(pat, s, re.I)]
        counts: list[_Count] = []
        absent = False
        fi: bool | None = None
        notes: list[str] = []
        for s in mentions:
            if _REQUEST_CUE.search(s) and not re.search(r"\b(?:completed|has had|had|received|attended|"
                                                         r"underwent|gone to|authorized for|approved for)\b", s, re.I):
                continue
            m = re.search(pat, s, re.I)
            assert m is not None
            if _NO_COURSE.search(s[max(0, m.start() - 40):m.start()]) and not re.search(
                    r"\b(?:without|no)\s+(?:\w+\s+){0,2}improv", s[max(0, m.start() - 40):m.end() + 40], re.I):
                absent = True
                found.note(f"history.{kind.value}", s)
                continue
            counts.extend(_counts_for(s, pat))
            value, note = _fi(found, s, pat)
            if note:
                notes.append(note)
                found.note(f"history.{kind.value}.functional_improvement", s)
            if value is False:
                fi = False
            elif value is True and fi is None:
                fi = True
            found.note(f"history.{kind.value}", s)
        mentioned = any(not _REQUEST_CUE.search(s) or re.search(r"\b(?:completed|has had|had|received)\b", s, re.I)
                        for s in mentions)
        if counts:
            chosen, reason = _choose(counts)
            reported = sorted({a for c in counts for a in c.alternatives})
            postsurgical = any(re.search(r"post-?\s?op\w*|post-?surg\w*|after (?:the |his |her )?surgery", c.sentence,
                                         re.I) for c in counts)
            course = TreatmentCourse(kind=kind, sessions=None if chosen.lower_bound else chosen.n,
                                     postsurgical=postsurgical,
                                     sessions_at_least=chosen.n if chosen.lower_bound else None,
                                     sessions_reported=reported if len(reported) > 1 else [],
                                     functional_improvement=fi,
                                     improvement_note=notes[0][:300] if notes else None)
            found.history.append(course)
            if len(reported) > 1:
                found.conflicts.append(Conflict(field=f"history.{kind.value}.sessions", values=reported,
                                                used=chosen.n, reason=reason))
        elif mentioned and not absent:
            found.history.append(TreatmentCourse(kind=kind, sessions=None, functional_improvement=fi,
                                                 improvement_note=notes[0][:300] if notes else None))
        elif absent or (list_sentences and kind is not Service.occupational_therapy):
            why = "the record says it was not received" if absent else "the treatments to date do not include it"
            found.history.append(TreatmentCourse(kind=kind, sessions=0, improvement_note=why))
            for s in list_sentences[:1]:
                found.note(f"history.{kind.value}", s)


def _choose(counts: list[_Count]) -> tuple[_Count, str]:
    quoted = [c for c in counts if c.quoted]
    if quoted:
        c = quoted[0]
        why = "it is quoted from the treating physician's own report, which outranks a summary"
        if len(c.alternatives) > 1:
            why += f"; of the range {c.alternatives[0]}-{c.alternatives[-1]} the lower bound is the number documented"
        return c, why
    c = max(counts, key=lambda c: c.n)
    return c, "the larger documented count is used so that the visit cap is not understated"


# --- findings -------------------------------------------------------------------------------------------

#: Findings read by one pattern each: an affirmed mention is True, a negated one False.
_FINDING_PATTERNS: dict[str, str] = {
    "red_flags": (
        r"red flags?|cauda equina|saddle anesthesia|(?:bowel|bladder) (?:incontinence|dysfunction)|"
        r"incontinence|malignan\w*|cancer|tumou?r|infection|osteomyelitis|progressive (?:neurologic\w* )?"
        r"(?:deficit|weakness)|foot drop|unexplained weight loss|fever"
    ),
    "muscle_spasm": (
        r"\bspasms?\b"
    ),
    "knee_mechanical_signs": (
        r"effusion|mcmurray\S*(?: test| sign)?(?: was)? positive|positive mcmurray|joint line tenderness|"
        r"locking|catching|giving way|instability|meniscal? tear|meniscus tear|lachman\S*(?: test)? positive"
    ),
    "ottawa_signs": (
        r"(?:tender\w*|pain) (?:\w+ ){0,4}(?:malleol\w*|navicular|(?:base of the )?fifth metatarsal)|"
        r"(?:unable|inability) to bear weight for (?:four|4) steps"
    ),
    "knee_instability": (
        r"instability|giving way|gives way|(?:lachman|anterior drawer|posterior drawer|pivot shift|valgus stress|"
        r"varus stress)\S*(?: test| testing| sign)?(?: was| were| is)? positive|positive (?:lachman|anterior drawer|"
        r"posterior drawer|pivot shift)|(?:acl|mcl|lcl|pcl|cruciate|collateral) (?:ligament )?(?:tear|rupture|"
        r"laxity|insufficiency)|patellar (?:instability|dislocation|subluxation)"
    ),
    "knee_acute_signs": (
        r"(?:unable|could not|inability) to (?:bear weight|walk)|non-?weight[- ]bearing|swell\w* (?:\w+ ){0,3}within "
        r"(?:an hour|hours|\d+ hours)|(?:lachman|anterior drawer|posterior drawer|pivot shift)\S*(?: test| sign)?"
        r"(?: was| is)? positive|positive (?:lachman|anterior drawer|posterior drawer|pivot shift)|flexion "
        r"(?:\w+ ){0,3}(?:to|of) (?:[1-8]\d|\d) degrees|hemarthrosis"
    ),
    "gi_risk": (
        r"gastritis|dyspepsia|\bgerd\b|reflux|(?:peptic )?ulcer|gi (?:bleed\w*|upset|symptoms|distress)|"
        r"gastrointestinal (?:bleed\w*|upset|symptoms|distress|issues|complaints)|stomach (?:upset|pain|issues)|"
        r"heartburn|anticoagula\w*|warfarin|coumadin|eliquis|xarelto|plavix|clopidogrel|h\. pylori"
    ),
    "neuropathic_pain": (
        r"neuropath\w*|burning|radiculopathy|radicular pain|numbness|tingling|neuralgia|allodynia|hyperalgesia|"
        r"dysesthesia|paresthesia|nerve pain|\bcrps\b|complex regional"
    ),
    "home_exercise_program": (
        r"home exercise|\bhep\b|exercis\w* at home|home program"
    ),
    "opioid_monitoring": (
        r"urine drug (?:screen|test)\w*|\buds\b|\bcures\b|pain (?:agreement|contract)|opioid (?:agreement|"
        r"contract)|aberrant"
    ),
    "acute_exacerbation": (
        r"(?:acute )?exacerbation|flare[- ]?up"
    ),
    "objective_functional_deficit": (
        r"difficult\w* (?:with )?(?:activities of daily living|adls?|walking|sitting|standing|lifting|sleeping|"
        r"performing|dressing|gripping|reaching|bending)|not tolerating|unable to (?:walk|sit|stand|lift|work|"
        r"perform|bear weight)|(?:decreased|limited|restricted|reduced) (?:\w+ ){0,3}(?:range of motion|rom|"
        r"strength|grip)|range of motion (?:was |is )?(?:decreased|limited|restricted|reduced)|antalgic|"
        r"limp\w*|functional (?:deficits?|limitations?)|weakness|[0-4]\s*/\s*5"
    ),
    "bleeding_risk": (
        r"anticoagula\w*|warfarin|coumadin|eliquis|apixaban|xarelto|rivaroxaban|heparin|bleeding (?:disorder|"
        r"tendency|history)|hemophilia|coagulopathy"
    ),
    "cardiac_risk": (
        r"coronary|heart (?:disease|failure|attack)|myocardial|\bchf\b|\bcad\b|arrhythmia|atrial fibrillation|"
        r"diabetes|diabetic|hypertension|\bhtn\b|cardiac"
    ),
    "sitting_standing_intolerance": (
        r"(?:worse\w*|aggravated|increased|exacerbated|pain) (?:\w+ ){0,3}(?:with|by|on) (?:prolonged )?"
        r"(?:sitting|standing)|(?:prolonged )?(?:sitting|standing)[^.]{0,30}(?:worse\w*|aggravat\w*|increas\w*|"
        r"difficult|intoleran\w*|painful)|not tolerating sitting|unable to (?:sit|stand) for"
    ),
    "homebound": (
        r"homebound|home[- ]bound|bed[- ]?bound|confined to (?:the )?(?:home|bed)|"
        r"wheelchair[- ]bound"
    ),
}


def clinical_findings(found: Found, sents: list[str]) -> None:
    """Exam findings, red flags, surgery status, work status, pain score and more."""
    finding(found, "radicular_signs", sents,
            r"straight[- ]leg[- ]rais\w*(?: test)?(?: \w+){0,2} (?:was |were |is )?positive|positive (?:seated )?"
            r"straight[- ]leg[- ]rais\w*|positive (?:slr|spurling\S*)|spurling\S* (?:test |sign |maneuver )?"
            r"(?:was |is )?positive|\bslr\b(?: was)? positive")
    finding(found, "entrapment_signs", sents,
            r"positive (?:tinel\S*|phalen\S*|durkan\S*)|(?:tinel\S*|phalen\S*)(?: sign| test)?(?: was| were| is)? "
            r"positive|numbness (?:of|in) the (?:\w+ ){0,4}(?:digits|fingers)|paresthesias? (?:of|in) the "
            r"(?:\w+ ){0,2}hands?")
    # strength grades of a joint's movements (shoulder rotation, quadriceps) are not focal neurologic deficits
    neuro_sents = [s for s in sents if not (
        re.search(r"rotation|abduction|adduction|rotator|supraspinatus|infraspinatus|shoulder|knee|quadriceps|"
                  r"hamstring|hip flex", s, re.I)
        and not re.search(r"dermatom|myotom|\b[lcs]\d\b|sensation|reflex", s, re.I))]
    finding(found, "focal_neuro_deficit", neuro_sents,
            r"(?:decreased|diminished|reduced|absent|altered|loss of) (?:\w+ ){0,2}(?:sensation|reflex\w*)|"
            r"sensation (?:was |is )?(?:decreased|diminished|reduced)|reflex\w* (?:was |were |is |are )?(?:0|1\+?|trace|"
            r"diminished|decreased|absent|hypoactive)\b|foot drop|(?<![\d/.])[0-4][+-]?\s*/\s*5(?![\d/])|"
            r"(?<![\d/.])[0-4]\+? out of 5|dermatom\w* deficit|"
            r"myotom\w*|(?:weakness|weak) (?:of|in) the|motor deficit|neurologic(?:al)? deficit")
    for s in sents:
        if re.search(r"normal (?:sensation|strength|reflexes|neurologic\w*)|neurologic(?:al)? exam\w*[^.]{0,40}\b"
                     r"(?:normal|intact|unremarkable|non-?focal)\b|reflexes (?:were |are )?2\+|"
                     r"(?:sensation|neurologic\w*|neurovascular\w*|motor and sensory|strength|reflexes)"
                     r"[^.]{0,40}\b(?:intact|normal|within normal limits|5/5)\b|\bno (?:focal )?neurologic(?:al)?"
                     r" deficits?\b|neurologically intact", s, re.I) and not re.search(r"[0-4]\s*/\s*5|decreased|"
                                                                                  r"diminished", s, re.I):
            found.set("findings.focal_neuro_deficit", False, s)
    for name, pattern in _FINDING_PATTERNS.items():
        finding(found, name, sents, pattern)
    for s in sents:
        m = re.search(r"(?:\bemg\b|\bncs\b|\bncv\b|electromyograph\w*|nerve conduction|electrodiagnostic)[^.]{0,80}?"
                      r"(?:demonstrat|reveal|show|consistent with|confirm|positive for|indicat)\w*[^.]{0,60}?"
                      r"(neuropathy|radiculopathy|entrapment|carpal tunnel|cubital tunnel|denervation)", s, re.I)
        if m and not negated(s, m.start(1), m.end(1)):
            found.set("findings.electrodiagnostic_corroboration", True, s, prefer=True)
        elif re.search(r"(?:\bemg\b|\bncs\b|\bncv\b|electromyograph\w*|nerve conduction|electrodiagnostic)[^.]{0,60}"
                       r"\b(?:normal|negative|unremarkable)\b", s, re.I):
            found.set("findings.electrodiagnostic_corroboration", False, s)
    finding(found, "weaning_plan", sents, r"\bwean\w*|\btaper\w*")
    finding(found, "aberrant_behavior", sents,
            r"inconsistent (?:urine drug|uds|drug screen|drug test|results?)|(?:urine drug|uds|drug) (?:screen|test)\w*"
            r"[^.]{0,40}\b(?:inconsistent|positive for (?:cocaine|methamphetamine|amphetamine|marijuana|heroin|"
            r"unprescribed))|early refills?|lost (?:his |her )?prescription|aberrant (?:drug )?behavio\w*|"
            r"doctor shopping|diversion")
    finding(found, "trigger_points", sents,
            r"trigger points?[^.]{0,60}(?:twitch|referred pain|taut band)|twitch response|taut bands?")
    finding(found, "near_mmi", sents,
            r"maximal medical improvement|maximum medical improvement|\bmmi\b|permanent and stationary|\bp&s\b")
    finding(found, "failed_return_to_work", sents,
            r"(?:unsuccessful|failed) (?:attempts? (?:to|at) )?return(?:ing)? to work|unable to return to work|"
            r"could not (?:return to|tolerate) (?:work|modified duty)")
    finding(found, "first_line_failed", sents,
            r"fail\w* (?:\w+ ){0,3}(?:trials? (?:of|with) |to respond to )?(?:\w+ ){0,3}(?:gabapentin|neurontin|"
            r"lyrica|pregabalin|nortriptyline|amitriptyline|elavil|cymbalta|duloxetine|antidepressants?|"
            r"anticonvulsants?|antiepilep\w*|tricyclics?)|(?:intoleran\w*|could not tolerate|did not tolerate)\s+"
            r"(?:of |to )?(?:\w+ ){0,2}(?:gabapentin|neurontin|lyrica|pregabalin|nortriptyline|amitriptyline|cymbalta|"
            r"duloxetine|antidepressants?|anticonvulsants?)|(?:gabapentin|neurontin|lyrica|pregabalin|nortriptyline|"
            r"amitriptyline|cymbalta|duloxetine)\b[^.]{0,40}\b(?:ineffective|not effective|not tolerated|"
            r"did not help|discontinued|stopped)")
    _general_improvement(found, sents)
    for s in sents:
        m = re.search(r"(?:straight[- ]leg[- ]rais\w*|\bslr\b|spurling\S*)(?: test| sign| maneuver)?(?: \w+){0,2} "
                      r"(?:was |were |is )?negative|negative (?:seated |supine )?(?:straight[- ]leg|slr|spurling)", s, re.I)
        if m:
            found.set("findings.radicular_signs", False, s)
    _injections(found, sents)
    _drug_tests(found, sents)
    _imaging_lesion(found, sents)
    _surgery(found, sents)
    _work_and_pain(found, sents)
    _conservative(found, sents)
    _relief(found, sents)


_IMAGING = r"\b(?:mri|mr arthrogram|ct|cat scan|x-?rays?|radiographs?|imaging|ultrasound|emg|ncs|ncv|study|studies)\b"
_LESION = (r"full[- ]thickness (?:\w+ ){0,3}tear|complete tear|(?:disc|disk) (?:extrusion|sequestration|fragment)|"
           r"extruded|free fragment|herniat\w*[^.]{0,60}(?:compress\w*|imping\w*|displac\w*|effac\w*)|"
           r"(?:nerve root|thecal sac|cord) (?:compression|impingement|displacement)|menisc\w* tear\w*|"
           r"tear\w* (?:of|in|involving) the (?:[\w-]+ ){0,5}menisc\w*|torn menisc\w*|bucket[- ]handle|"
           r"(?:radial|complex|horizontal|oblique) tear|displaced fracture|retracted|severe (?:foraminal|canal|central) "
           r"stenosis|(?:acl|ligament) (?:tear|rupture)")


_STUDY_WORDS = [(Service.mri, r"\bmri\b|\bmr arthrogram|magnetic resonance"), (Service.ct, r"\bct\b|cat scan|computed tomograph"),
                (Service.emg_ncs, r"\bemg\b|\bncs\b|\bncv\b|electromyograph|nerve conduction|electrodiagnostic")]


def _prior_studies(found: Found, sents: list[str]) -> None:
    """Studies already done: a past-tense report (revealed, showed, dated) naming the study and its region."""
    for s in sents:
        if not re.search(r"\b(?:revealed|showed|shows|demonstrated|noted|indicated|impression|dated|performed|"
                         r"was (?:negative|normal|unremarkable)|were (?:negative|normal))\b", s, re.I):
            continue
        if _REQUEST_CUE.search(s) or re.search(r"\border\w*|\bcertif", s, re.I):
            continue
        for service, pattern in _STUDY_WORDS:
            m = re.search(pattern, s, re.I)
            if not m:
                continue
            regions = find_regions(s[m.start():m.start() + 80])
            dates = [d for d, _ in find_dates(s)]
            for bp in regions[:1]:
                found.studies.append({"service": service, "region": bp.region, "date": dates[0] if dates else None})
                found.note("prior_studies", s)


def _imaging_lesion(found: Found, sents: list[str]) -> None:
    """Imaging that shows a surgical lesion (True), or a negative read (False)."""
    _prior_studies(found, sents)
    for s in sents:
        if not re.search(_IMAGING, s, re.I):
            continue
        if re.search(r"\b(?:request\w*|rfa|recommend\w*|plan\w*|would like|order\w*|to rule out|pending)\b", s, re.I) \
                and not re.search(r"reveal|show|demonstrat|impression|finding|noted|indicat", s, re.I):
            continue
        m = re.search(_LESION, s, re.I)
        if m and not negated(s, m.start(), m.end()):
            found.set("findings.imaging_surgical_lesion", True, s, prefer=True)
            found.set("findings.imaging_corroboration", True, s, prefer=True)
        elif re.search(r"(?:mri|imaging|study|read|report|radiolog\w*)[^.]{0,60}\b(?:negative|normal|unremarkable|"
                       r"no (?:evidence of )?(?:\w+ ){0,2}(?:tear|lesion|abnormalit\w*|fracture|herniation))\b",
                       s, re.I):
            found.set("findings.imaging_surgical_lesion", False, s)
        else:
            m2 = re.search(r"(?:reveal|show|demonstrat|impression|finding|noted|indicat)\w*[^.]{0,80}?(herniat\w*|"
                           r"protrusion|bulg\w*|stenosis|tear|narrowing|impingement|compression|fracture)", s, re.I)
            if m2 and not negated(s, m2.start(1), m2.end(1)):
                found.set("findings.imaging_corroboration", True, s, prefer=True)


def _drug_tests(found: Found, sents: list[str]) -> None:
    """How many urine drug tests the record dates (the caller keeps those within a year of the request)."""
    dates: set[Any] = set()
    for s in sents:
        if re.search(r"urine (?:drug|toxicology)|\buds\b|drug (?:screen|test)", s, re.I) and not _REQUEST_CUE.search(s):
            for d, _ in find_dates(s):
                dates.add(d)
            if dates:
                found.note("findings.drug_tests_past_year", s)
    if dates:
        found.values["drug_test_dates"] = sorted(dates)


_INJ = r"\bepidural\w*|\besis?\b|\btransforaminal\b"


def _injections(found: Found, sents: list[str]) -> None:
    """Prior epidural injections and the relief they gave (percent and weeks)."""
    for s in sents:
        m = re.search(_INJ, s, re.I)
        if not m or (_REQUEST_CUE.search(s) and not re.search(r"\b(?:prior|previous|had|received|underwent|"
                                                                r"status post|s/p)\b", s, re.I)):
            continue
        if not re.search(r"\b(?:prior|previous|had|received|underwent|status post|s/p|last|after the|"
                         r"following the|was performed|were performed|administered)\b", s, re.I):
            continue
        if negated(s, m.start(), m.end()):
            continue
        if not any(c.kind is Service.epidural_steroid_injection for c in found.history):
            found.history.append(TreatmentCourse(kind=Service.epidural_steroid_injection))
        found.note("history.epidural_steroid_injection", s)
        pct = re.search(r"(\d{1,3})\s*%", s)
        if pct and int(pct.group(1)) <= 100:
            found.set("findings.injection_relief_percent", float(pct.group(1)), s)
        wk = re.search(rf"(?:for|lasting|lasted)\s+(?:about\s+|approximately\s+)?({NUM})\s+(weeks?|months?)", s, re.I)
        if wk:
            n = to_int(wk.group(1))
            if n is not None:
                found.set("findings.injection_relief_weeks", float(n * (4 if wk.group(2).lower().startswith("month")
                                                                         else 1)), s)


_PROCEDURES = [("meniscectomy", r"menisc"), ("shoulder_labral_repair", r"bankart|labral repair|slap repair|\bslap\b"),
               ("rotator_cuff_repair", r"rotator cuff repair|cuff repair"), ("acl_reconstruction", r"\bacl\b|cruciate"),
               ("carpal_tunnel_release", r"carpal tunnel release"), ("spinal_fusion", r"fusion|arthrodesis"),
               ("arthroplasty", r"arthroplasty|replacement"), ("hernia_repair", r"hernia"),
               ("fracture_fixation", r"\borif\b|open reduction|fixation|pinning")]


def surgery_kind(text: str) -> dict[str, Any]:
    """Arthroscopic / open / complex and the procedure, from the words of a surgery request or plan."""
    low = text.lower()
    arthro = bool(re.search(r"arthroscop|laparoscop|endoscop", low))
    opened = bool(re.search(r"\bopen\b|\borif\b|arthroplasty|replacement|fusion|laminectomy|hernia", low))
    out: dict[str, Any] = {"surgery_complex": bool(re.search(r"repair|reconstruct|fusion|arthroplasty|replacement|orif|"
                                                             r"osteotomy|laminectomy|discectomy|decompression", low))}
    out["surgery_procedure"] = next((name for name, pat in _PROCEDURES if re.search(pat, low)), "other")
    if arthro and not re.search(r"\bopen\b", low):
        out.update(surgery_arthroscopic=True, surgery_open=False)
    elif opened:
        out.update(surgery_arthroscopic=False, surgery_open=True)
    elif out["surgery_procedure"] != "other" or re.search(r"\w+ectomy|\w+otomy|\w+plasty|release|repair", low):
        out.update(surgery_arthroscopic=False)  # a named procedure without a scope is not arthroscopic
    return out


def _general_improvement(found: Found, sents: list[str]) -> None:
    """Objective functional improvement from the current treatment (medications included)."""
    for s in sents:
        if re.search(r"\b(?:if|would|should|goal|expect\w*|hope\w*)\b", s, re.I):
            continue
        m = _FI_POS_OBJ.search(s)
        if m and not negated(s, m.start(), m.end()):
            found.set("findings.functional_improvement", True, s, prefer=True)
        elif re.search(r"\bno (?:documented |objective |significant )?(?:functional )?improvement|without (?:any )?"
                       r"(?:objective )?functional improvement|function (?:was |remained |is )?unchanged", s, re.I):
            found.set("findings.functional_improvement", False, s)


def _surgery(found: Found, sents: list[str]) -> None:
    surg = (r"surg\w*|arthroscop\w*|repair|fusion|arthrodesis|decompression|meniscectomy|laminectomy|discectomy|"
            r"arthroplasty|\brelease\b|\borif\b|open reduction|\w+ectomy\b|\w+plasty\b|\w+otomy\b|pinning")
    for s in sents:
        if not re.search(surg, s, re.I):
            continue
        if re.search(r"\b(?:scheduled|scheduling|authorized|approved|certified|is set for|will undergo)\b", s, re.I) \
                and not re.search(r"\b(?:not|non-?)[- ]?(?:certified|approved|authorized)|denied", s, re.I):
            found.set("findings.surgery_approved", True, s, prefer=True)
            found.set("findings.surgery_planned", True, s, prefer=True)
            for k, v in surgery_kind(s).items():
                found.set(f"findings.{k}", v, s)
        elif re.search(r"\b(?:plan\w*|recommend\w*|request\w*|candidate|consider\w*|propos\w*|discuss\w*|"
                       r"referr\w*|would benefit|need\w*)\b", s, re.I):
            if re.search(r"\bnot (?:a )?(?:surgical )?candidate|\bno surgery\b|\bnot (?:interested|want\w*)\b|"
                         r"\bdeclin\w*", s, re.I):
                found.set("findings.surgical_candidate", False, s)
            else:
                found.set("findings.surgery_planned", True, s, prefer=True)
                found.set("findings.surgical_candidate", True, s, prefer=True)
        elif re.search(r"\bstatus post\b|\bs/p\b|\bunderwent\b|\bpost-?operative(?:ly)?\b|\bhad (?:\w+ )?surgery",
                       s, re.I):
            found.note("history.surgery", s)
            for k, v in surgery_kind(s).items():
                if f"findings.{k}" not in found.values:
                    found.set(f"findings.{k}", v, s)
            dates = [d for d, _ in find_dates(s)]
            if dates and not re.search(r"\b(?:injur|accident|fell|fall)\w*", s, re.I):
                found.values["surgery_done_date"] = max([*dates, found.values.get("surgery_done_date", dates[0])])


def _work_and_pain(found: Found, sents: list[str]) -> None:
    for s in sents:
        if re.search(r"\boff (?:of )?work\b|temporar\w* total(?:ly)? disab\w*|total temporary disab\w*|\bTTD\b|"
                     r"\bnot (?:currently )?working\b|\bunable to work\b", s, re.I):
            found.set("findings.work_status", "off_work", s)
        elif re.search(r"modified (?:work|duty|duties)|work restrictions|restricted (?:work|duty)|light duty|"
                       r"return(?:ed)? to work with restrictions|\d+[- ]pound lifting", s, re.I):
            found.set("findings.work_status", "modified_duty", s)
        elif re.search(r"full (?:duty|time)|regular (?:work|duty)|continues to work|currently working|"
                       r"without restrictions", s, re.I):
            found.set("findings.work_status", "full_duty", s)
        m = re.search(r"(?<![\d/.-])(\d{1,2}(?:\.\d)?)\s*(?:/|out of|over|on a)\s*10(?![\d/])", s, re.I)
        if m and "findings.pain_score" not in found.values and float(m.group(1)) <= 10:
            found.set("findings.pain_score", float(m.group(1)), s)


def _conservative(found: Found, sents: list[str]) -> None:
    tried = [c for c in found.history if c.sessions != 0]
    failed = [c for c in tried if c.functional_improvement is False]
    for s in sents:
        m = re.search(r"none of which (?:has |have )?(?:helped|produced|provided|gave|resulted)|temporary relief|"
                      r"short[- ]lived|(?:only |about |approximately )?(?:\w+ ){0,2}(?:days?|weeks?) of relief|"
                      r"relief (?:that )?(?:lasted|for) only|symptoms (?:returned|recurred)|without (?:sustained|"
                      r"lasting|significant|any) (?:relief|improvement|benefit)|fail\w* (?:\w+ ){0,3}(?:conservative|physical therapy|therapy|treatment|medications)|"
                     r"(?:conservative (?:care|treatment|management|measures)|physical therapy|therapy)[^.]{0,40}"
                     r"(?:without (?:\w+ )?(?:improvement|relief|benefit)|failed|not help\w*|"
                     r"no (?:\w+ )?(?:improvement|"
                     r"relief|benefit))|persist\w* (?:despite|in spite of)|despite (?:\w+ ){0,4}(?:treatment|therapy|"
                     r"medications|conservative)", s, re.I)
        if m:
            value = not negated(s, m.start(), m.end())
            found.set("findings.failed_conservative_care", value, s, prefer=True if value else None)
    if failed:
        for c in failed:
            found.set("findings.failed_conservative_care", True, c.improvement_note or "", prefer=True)
    if "findings.failed_conservative_care" not in found.values:
        tried_care = [c for c in found.history if c.sessions != 0 and c.kind in (
            Service.physical_therapy, Service.occupational_therapy, Service.chiropractic, Service.acupuncture,
            Service.epidural_steroid_injection)]
        persisting = [s for s in sents if re.search(r"persistent (?:\w+ ){0,3}(?:pain|symptoms)|(?:more|longer) than "
                                                   r"(?:\w+ ){0,2}months", s, re.I)] + [s for s in sents[-6:] if re.search(
            r"\b(?:continu\w*|persist\w*|ongoing|still|remain\w*|worse\w*|unchanged)\b[^.]{0,40}"
            r"\b(?:pain|symptoms|numbness|weakness)", s, re.I)]
        improving = any(c.functional_improvement for c in found.history) or found.values.get(
            "findings.functional_improvement") or any(re.search(r"\b(?:improving|resolved|much better|(?:significant|"
                                                                r"some|partial|gradual) (?:improvement|relief|benefit))\b",
                                                                s, re.I) for s in sents)
        if tried_care and persisting and not improving:
            # a course of conservative care was completed and the complaint persists: it failed
            found.set("findings.failed_conservative_care", True, persisting[-1])
    if "findings.failed_conservative_care" not in found.values:
        for s in sents:
            if re.search(r"\btreatment\w*\b[^.]{0,30}\b(?:included|include[sd]?|has been|consisted of)\b\s+"
                         r"(?:only\s+)?(?:oral\s+)?medications?\.?$|prior treatments? (?:were|was) not noted|"
                         r"no (?:prior |previous )?(?:conservative )?treatment", s, re.I):
                found.set("findings.failed_conservative_care", False, s)


def _relief(found: Found, sents: list[str]) -> None:
    for s in sents:
        if re.search(r"\b(?:if|would|should|goal|expect\w*|hope\w*)\b", s, re.I):
            continue  # a conditional or hoped-for relief is not documented relief
        if re.search(r"\b\d{1,3}\s*(?:%|percent)\s*(?:pain )?(?:relief|improvement|reduction|decrease|better)|"
                     r"(?:reduc|decreas|improv|lower)\w*(?: \S+){0,6} pain(?: \S+){0,3}? from \d+(?:\s*(?:/|out of)\s*10)?"
                     r" to \d+|pain\w*(?: \S+){0,3}? (?:decreased|went|dropped|reduced|improved|fell) (?:down )?from \d+|"
                     r"pain (?:is |was )?(?:\d+\s*(?:/|out of)\s*10 )?with(?:out)? (?:the )?medications?[^.]{0,40}"
                     r"\d+\s*(?:/|out of)\s*10|\d+\s*(?:/|out of)\s*10 with(?:out)? (?:the )?medications?", s, re.I):
            found.set("findings.pain_relief_documented", True, s, prefer=True)
        if re.search(r"\bno (?:documented |quantified )?(?:pain )?relief\b|\bnot (?:been )?(?:helpful|effective)\b",
                     s, re.I) and re.search(r"medication|drug|\bmg\b", s, re.I):
            found.set("findings.pain_relief_documented", False, s)


# --- medications ---------------------------------------------------------------------------------------

_MED_CUE = re.compile(r"\bmedications?\b|\bmedication regimen\b|\btaking\b|\busing\b|\b(?:has|had) been on\b|"
                      r"\btakes\b|\bhas taken\b|\b(?:had been|was|were) started\b|\bstarted on\b|\bis on\b|"
                      r"\bremains on\b|\btreated with\b|\bdischarged (?:home )?with\b|\bintroduced\b|"
                      r"\bsince (?:starting|beginning)\b|\busage\b|\buse of\b|"
                      r"\b(?:previously|already|had been|has been) prescribed\b|\bprescribed [^.]{0,40}\bsince\b|"
                      r"\bcontinue[sd]?\b|\brefill|\bcurrent(?:ly)?\b", re.I)


def _since(s: str, written: str, as_of: dt.date | None) -> dt.date | None:
    """The date a drug was started: "Robaxin since at least 11-8-16", "since October 2016"."""
    m = re.search(rf"{re.escape(written)}[^.;]{{0,60}}?\bsince (?:at least )?(.{{0,20}})", s, re.I)
    if not m:
        return None
    ds = find_dates(m.group(1))
    since = ds[0][0] if ds else None
    if since is None:
        m2 = re.match(r"(January|February|March|April|May|June|July|August|September|October|November|"
                      r"December)\s+(\d{4})", m.group(1), re.I)
        if m2:
            since = dt.datetime.strptime(f"{m2.group(1)} 1 {m2.group(2)}", "%B %d %Y").date()
    return None if since and as_of and since > as_of else since


def medications(found: Found, sents: list[str], as_of: dt.date | None) -> None:
    """Current drugs, with class and the first date they are documented."""
    seen: dict[str, Medication] = {}
    for s in sents:
        if not _MED_CUE.search(s):
            continue
        if _REQUEST_CUE.search(s) and not re.search(r"current|taking|has been on|continues", s, re.I):
            continue
        for written, generic, cls in find_drugs(s):
            pos = s.lower().find(written.lower())
            if pos >= 0 and (negated(s, pos, pos + len(written)) or re.search(
                    r"(?:discontinu\w*|stopped|switched from|changed from|weaned off|taken off|instead of)\s+(?:\w+\s+){0,2}$",
                    s[max(0, pos - 40):pos], re.I)):
                continue
            since = _since(s, written, as_of)
            if generic not in seen:
                seen[generic] = Medication(name=written, generic=generic, drug_class=cls, since=since)
                found.note(f"medications.{generic}", s)
            elif since and not seen[generic].since:
                seen[generic] = seen[generic].model_copy(update={"since": since})
    for generic, med in seen.items():
        response = _drug_response(sents, med.name, generic)
        if response is not None:
            seen[generic] = med.model_copy(update={"response": response})
    found.medications = list(seen.values())
    for s in sents:
        if re.search(r"(?:not (?:using|taking) any medications?|medications? (?:were|was) (?:stated to be )?none|"
                     r"no (?:current )?medications?|(?:never|not) (?:been )?(?:taken|prescribed|tried|used) (?:an? |any )?"
                     r"(?:anti-inflammator\w*|nsaids?|muscle relaxants?|opioids?|narcotics?))", s, re.I):
            found.values["medications_known"] = True
            found.note("medications", s)
    if found.medications:
        found.values["medications_known"] = True


def _drug_response(sents: list[str], name: str, generic: str) -> bool | None:
    """The documented benefit of one drug: relief or function tied to it (True), no benefit (False)."""
    names = rf"\b(?:{re.escape(name)}|{re.escape(generic)})\b"
    result: bool | None = None
    for s in sents:
        if not re.search(names, s, re.I) or re.search(r"\b(?:if|would|should|goal|hope\w*)\b", s, re.I):
            continue
        if re.search(r"unchanged|no (?:significant |meaningful )?(?:relief|benefit|improvement|change)|not (?:been )?"
                     r"(?:helpful|effective|helping)|did not help|without (?:relief|benefit|improvement)|ineffective", s, re.I):
            return False
        if re.search(r"\d+\s*(?:/|out of)\s*10[^.]{0,50}(?:compared (?:with|to)|down from|versus|vs\.?|from)[^.]{0,25}?"
                     r"\d+\s*(?:/|out of)\s*10|(?:decreas|reduc|improv|lower|drop|went)\w* (?:\w+ ){0,4}from \d+|\d{1,3}\s*(?:%|percent) "
                     r"(?:\w+ )?(?:relief|improvement|reduction)|able to|allows? (?:him|her)|helps? (?:him|her) (?:to )?"
                     r"(?:sleep|walk|work|function)|with (?:good|significant|meaningful) (?:relief|benefit)", s, re.I):
            result = True
    return result


# --- partial certification -------------------------------------------------------------------------------

_PARTIAL = re.compile(
    r"was the original request|authorized by the claims administrator|remaining (?:imr )?eligible portion|"
    r"partially (?:approved|certified|authorized)|modified the (?:request|requested|certification)|"
    r"(?:was|were) modified (?:to|due)|modified to (?:allow|certify|approve)|previously modified|"
    r"(?<!non-)(?<!non)certified (?:\w+ ){0,3}(?:of|out of) the|remaining (?:\d+ )?(?:sessions|visits)|"
    r"with \w+ remaining sessions", re.I)


def partial_certification(found: Found, sents: list[str], kinds_of: dict[Service, str]) -> None:
    """Service kinds whose request UR certified in part (the disputed line is the remainder)."""
    for s in sents:
        if not _PARTIAL.search(s) or (re.search(r"modified (?:work|duty|duties|activit)", s, re.I) and \
                not re.search(r"modified the|was modified|were modified", s, re.I)):
            continue
        for kind, pat in kinds_of.items():
            if re.search(pat, s, re.I):
                found.remainder_kinds.add(kind)
                found.note(f"items.remainder.{kind.value}", s)


def body_parts(found: Found, sents: list[str]) -> list[Any]:
    """Body regions named in the first sentences (the complaint and the diagnoses)."""
    text = " ".join(sents[:4] + [d.text for d in found.diagnoses])
    return find_regions(text)
