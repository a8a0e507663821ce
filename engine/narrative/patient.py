"""Who the worker is and what they are treated for: age, sex, diagnoses, the body parts the case concerns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from engine.facts import BodyPart, Diagnosis
from engine.narrative.context import Assertion, assertion, is_other_source
from engine.narrative.evidence import Reading
from engine.narrative.requests import find_regions
from engine.narrative.tables import any_of
from engine.narrative.text import Text


@dataclass
class Patient:
    """What the patient reader found."""

    age: int | None = None
    sex: str | None = None
    diagnoses: list[Diagnosis] = field(default_factory=list)


_AGE = re.compile(r"\b(\d{2})[- ]year[- ]old\b(?:\s+(?:\w+\s+)?(male|female|man|woman|gentleman|lady))?", re.I)


def read_patient(text: Text, reading: Reading) -> Patient:
    """Age and sex ("a 51 year old female", "a now 58-year-old male"), then the diagnoses."""
    out = Patient()
    for pos, s in list(text.numbered())[:6]:
        m = _AGE.search(s)
        if m and out.age is None and 14 <= int(m.group(1)) <= 110:  # the ages a case may hold (`Patient`)
            out.age = int(m.group(1))
            reading.add("patient.age", out.age, s, "patient", position=pos)
            if m.group(2):
                out.sex = "female" if m.group(2).lower() in ("female", "woman", "lady") else "male"
                reading.add("patient.sex", out.sex, s, "patient", position=pos)
    if out.sex is None:
        whole = " ".join(text.sentences)
        he = len(re.findall(r"\b(?:he|his|him)\b", whole, re.I))
        she = len(re.findall(r"\b(?:she|her|hers)\b", whole, re.I))
        if he != she and max(he, she) >= 2:
            out.sex = "male" if he > she else "female"
    out.diagnoses = read_diagnoses(text, reading)
    return out


#: The headings a summary or a PR-2 note writes over its diagnoses (each followed by a colon); a study's
#: impression ("MRI impression:") is the study's result, not the diagnoses
DX_HEADINGS: tuple[str, ...] = (
    r"diagnos(?:es|is)", r"dx", r"assessments?", r"impressions?", r"(?:working|clinical|diagnostic|final|"
    r"discharge|admitting|post-?operative|pre-?operative) (?:diagnos(?:es|is)|impressions?)",
    r"assessment(?: and |\s*/\s*)plan", r"a/p", r"icd-?10(?: codes?)?",
)
#: How a summary introduces its diagnoses, one phrasing per row; the diagnoses follow the match.
DX_INTROS: tuple[str, ...] = (
    r"\bdiagnos(?:ed|es|is)\b(?:\s+(?:were|was|include[sd]?|including|as(?! follows)|of|with|are|is|documented as|listed as|"
    r"has been|have been|had been|have included|had included|included|having|that include|currently|noted as|"
    r"consist(?:ed)? of|"
    r"the following)\b)+(?:\s+as follows\b)?:?",                               # "The diagnoses include", "have included"
    # a heading of the diagnoses' own (`DX_HEADINGS`) and its colon: "Dx:", "ASSESSMENT:", "Diagnosis (ICD-10):"
    r"(?<![\w/-])(?<!MRI )(?<!CT )(?<!ray )(?<!EMG )(?<!NCV )(?<!NCS )(?:" + "|".join(DX_HEADINGS) + r")"
    r"\s*(?:\([^)]{1,20}\)\s*)?:",
    # the verb with the physician as its subject: "the treating physician diagnosed complex regional pain syndrome"
    r"(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bbeen )(?<!\bbe )\bdiagnosed\b"
    r"(?=\s+(?!with\b|as\b|by\b|in\b|on\b|at\b|after\b|and\b|or\b|\d)[A-Za-z])",
    r"\bhas (?:had )?diagnos(?:is|es) (?:that )?(?:include|of)",         # "has diagnosis that include", "has had diagnoses of"
    r"\b(?:gave|given) (?:the (?:applicant|patient|injured worker) )?(?:a )?diagnos(?:is|es) of",
    r"\b(?:undergoing|receiving) treatment for",                      # "is undergoing treatment for"
    r"\b(?:is|was|has been|had been) (?:being |currently )?treated for(?: the diagnos[ie]s of)?",
    r"\bbeing treated for(?: the diagnos[ie]s of)?",
    # the abbreviation written without its colon ("Dx L/S strain.", "Dx cervicothoracic myofascial pain syndrome")
    r"(?<![\w/-])dx\.?(?:\s+of)?(?=\s+(?!is\b|was\b|and\b|or\b)[A-Za-z])",
    # a heading's word as the sentence's subject: "The assessment was ...", "Diagnostic impressions included ..." (a
    # study's impression, "the MRI impression was", is its result, and "the impression that" is an opinion)
    r"(?<!MRI )(?<!CT )(?<!ray )(?<!EMG )(?<!NCV )(?<!NCS )(?<!study )\b(?:(?:clinical|diagnostic|working|final) )?"
    r"(?:assessments?|impressions?) (?:was|were|is|are|included|includes|include|consisted of)\b(?! that\b)",
    # a SOAP note's assessment: "A:" opening its line or sentence, in capitals (the S:, O:, A:, P: headings)
    r"(?:^|(?<=\n))(?-i:A)\s*:",
)
_DX_INTRO = any_of(DX_INTROS)
#: where the list of diagnoses ends
_DX_END = re.compile(r"\.[\"\u201d]?\s|;\s(?=(?:The|He|She|His|Her|They|It|On|In|Per|According|This|There|A|An)\b)|"
                     r"\bAccording to\b|\bPer\b|\.\"?$")
_DX_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=[a-z])|;\s*(?:and\s+)?")
#: a piece that only qualifies the diagnosis before it ("fracture, mildly displaced", "contusion, status post ...",
#: the site or side ICD titles write after a comma: "disc displacement, lumbar region", "sciatica, right side",
#: "carpal tunnel syndrome, bilateral", "fracture of radius, closed", "disc disorder, C5-6"), or its code alone
_CODE = r"(?:\s*\(?(?:[a-z]\d{2}(?:\.\w{1,4})?|\d{3}(?:\.\d{1,2})?)\)?)?\s*$"
_QUALIFIER = re.compile(r"^(?:status post|s/p|secondary to|due to|with|without|mildly|moderately|severely|mild|"
                        r"moderate|severe|likely|which|(?:suspected|possible|probable|presumed|questionable)" + _CODE + "|"
                        r"initial encounter|subsequent encounter|sequela\b|"
                        r"not elsewhere|site unspecified|unspecified site|(?:anterior|posterior) horn\b|"
                        r"(?:type|grade|stage) \w+\b|(?:of|in|at|involving) |"
                        r"(?:(?:left|right|bilateral) )?(?:upper|lower) (?:limb|extremity)" + _CODE + "|"
                        r"(?:unspecified|closed|open|displaced|nondisplaced)" + _CODE + "|"
                        r"(?:left|right|bilateral|unspecified)(?: (?:side|sides|upper limb|lower limb|leg|arm|hand|foot|"
                        r"knee|shoulder|wrist|hip|ankle|elbow))?" + _CODE + "|"
                        r"(?:lumbar|lumbosacral|cervical|cervicothoracic|thoracic|thoracolumbar|sacral|"
                        r"sacrococcygeal|occipito-atlanto-axial|multiple sites in spine|multiple) region" + _CODE + "|"
                        r"(?:at )?[ctls]\d(?:\s*-\s*[ctls]?\d)?(?: level)?" + _CODE + "|"
                        r"\(?(?:[a-z]\d{2}(?:\.\w{1,4})?|\d{3}(?:\.\d{1,2})?)\)?\s*$)", re.I)
#: a piece that is an ICD code alone ("M54.5", "(722.10)", "S39.012A")
_CODE_ONLY = re.compile(r"^\(?(?:[a-z]\d{2}(?:\.\w{1,4})?|\d{3}(?:\.\d{1,2})?)\)?$", re.I)
#: phrases whose commas and "and" are inside one diagnosis (ICD titles), kept whole before the list is split
_ONE_DIAGNOSIS = re.compile(r"muscles?,? fascia,? and tendons?|\bsprains? and strains?\b|\bjoints? and ligaments?\b|"
                            r"\bnerve roots? and plexus\b|\bmuscles? and tendons?\b|\bligaments? and muscles?\b|"
                            r"\bmuscles? and ligaments?\b|\bfascia and tendon\b|\band\s*/?\s*or\b|"
                            r"\b(?:left|right) and (?:left|right)\b", re.I)
#: a piece that is only a body region ("lumbar", "back", "left buttock"), before "and": it shares the condition
#: of the piece after it ("lumbar and hip strain" is a lumbar strain and a hip strain)
_REGION_WORDS = (r"(?:(?:chronic|acute|left|right|bilateral|lower|upper|low|mid)\s+)*(?:lumbar|lumbosacral|cervical|thoracic|back|"
                 r"neck|spine|shoulders?|elbows?|wrists?|hands?|fingers?|hips?|knees?|ankles?|feet|foot|legs?|arms?|"
                 r"thighs?|buttocks?|groin|sacroiliac)")
_BARE_REGION = re.compile(rf"^{_REGION_WORDS}$", re.I)
_LEADING_REGION = re.compile(rf"^{_REGION_WORDS}\s+(?=\S)", re.I)
_UNCERTAIN = re.compile(r"(?:rule out|r/o|possible|probable|suspected|questionable)\b", re.I)
#: a numbered list of diagnoses ("1. Lumbar strain. 2. Cervical strain.", "1) ..., 2) ...")
_NUMBERED = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+(?=[A-Za-z(])")
#: a complaint the claim is for, used only when no diagnosis is stated ("filed a claim for chronic low back pain")
_CLAIM = re.compile(r"\bclaim for ([^.]*?)(?:\s+(?:reportedly|allegedly|associated|sustained|attributed)\b|[.;]|$)",
                    re.I)


#: Phrasings that make a sentence's introduction of diagnoses no diagnosis made, one a row: a diagnosis written
#: as a differential ("Differential dx includes ..."), and one another physician disputes ("The AME diagnosed X
#: but the PTP disagrees": one source's opinion against another's). A negated introduction ("has not diagnosed",
#: "No dx of ... has been made") is read by `context.assertion`.
NOT_MADE: tuple[str, ...] = (
    r"\bdifferential\s+(?:dx|diagnos[ie]s)\b",
    r"\b(?:disagree[sd]?|dispute[sd]?|does not agree|did not agree|do not agree|contest(?:s|ed)?)\b",
)
_NOT_MADE = any_of(NOT_MADE)
#: where a later clause, about something else, begins
_LATER_CLAUSE = re.compile(r";|,\s*(?:which|that|who)\b", re.I)
#: how the sentence stands to its introduction that makes the diagnoses not stated
_INTRO_NOT_STATED = frozenset({Assertion.negated, Assertion.possible, Assertion.other_source})


def _diagnosis_made(sentence: str, m: re.Match[str]) -> bool:
    """Whether the sentence states the diagnoses its introduction `m` lists: not negated ("The physician has not
    diagnosed CRPS", "No dx of radiculopathy has been made"), not a differential, not disputed, not a reviewer's."""
    # a dispute of the diagnoses is in their own clause: not in a later one ("...; the psyche claim is disputed", ",
    # which the patient does not agree is improving")
    later = _LATER_CLAUSE.search(sentence, m.end())
    if _NOT_MADE.search(sentence[:later.start() if later else len(sentence)]):
        return False
    return assertion(sentence, m.start(), m.end()) not in _INTRO_NOT_STATED


def introduces_diagnoses(sentence: str) -> bool:
    """Whether the sentence lists the diagnoses (a diagnosis is not an exam finding: the rules read diagnosis
    groups for it)."""
    return _DX_INTRO.search(sentence) is not None


def _protect(body: str) -> str:
    """Hide the commas and "and"s that are inside one diagnosis (an ICD title, a parenthesis) from the split."""
    def hide(m: re.Match[str]) -> str:
        return re.sub(r"\band\b", "\x01", m.group(0).replace(",", "\x00"))
    body = re.sub(r"\([^()]*\)", hide, body)
    return _ONE_DIAGNOSIS.sub(hide, body)


def _shared_condition(pieces: list[str]) -> list[str]:
    """A bare region before another piece takes that piece's condition: "back", "left shoulder pain" ->
    "back pain", "left shoulder pain"."""
    out = list(pieces)
    for k in reversed(range(len(out) - 1)):  # from the last, so that "lumbar, hip, and neck strain" chains
        if _BARE_REGION.match(out[k]):
            head = _LEADING_REGION.sub("", out[k + 1])
            if head != out[k + 1]:
                out[k] = f"{out[k]} {head}"
    return out


#: pieces that only qualify the diagnosis before them, beside `_QUALIFIER`, one a row: which side is worse, an
#: episode or a remission, levels with their side, the fingers a hand diagnosis names
QUALIFYING_PIECES: tuple[str, ...] = (
    r"(?:right|left) (?:worse|greater) than (?:right|left)\b",              # "bilateral CTS, right worse than left"
    r"(?:single|recurrent) episode\b", r"(?:on|in) maintenance\b", r"in (?:early |sustained |partial |full )?remission\b",
    r"(?:[ctls]\d(?:\s*-\s*[ctls]?\d)?\s*)+(?:bilaterally|bilateral|left|right)?",  # "facet syndrome L4-5, L5-S1 bilaterally"
    r"(?:(?:left|right|bilateral)\s+)?(?:index|middle|ring|little|small|long)(?:\s+fingers?)?",  # "left middle", "ring fingers"
)
#: one of them, with the code the list may write after it ("right worse than left (G56.03)")
_QUALIFYING = re.compile("(?:" + "|".join(f"(?:{p})" for p in QUALIFYING_PIECES) + ")" + _CODE, re.I)
#: where a diagnosis list gives way to a clause about something else, one a row; each follows a comma, a semicolon
#: or "and" ("..., and the patient was prescribed tramadol", "... and was referred for therapy", "..., which were
#: treated with PT", "..., according to the treating physician")
LIST_CLAUSE_STARTS: tuple[str, ...] = (
    # a new subject and its verb
    r"(?:he|she|they|the (?:patient|injured worker|applicant|claimant|employee|worker|(?:treating |primary )?"
    r"(?:physician|provider|doctor|surgeon)))\s+(?:\w+\s+)?(?:was|were|is|are|has|have|had|\w+ed)\b",
    # ... or its verb in the present tense: "and the patient reports ongoing pain"
    r"(?:he|she|they|the (?:patient|injured worker|applicant|claimant|employee|worker))\s+(?:\w+\s+)?(?:reports|"
    r"complains|continues|states|notes|denies|remains|takes|uses|works|ambulates|describes|rates)\b",
    # the same subject's next verb: "and was referred", "and has been treated with", "and is working"
    r"(?:was|were|is|are|has|have|had)\s+(?:been\s+|also\s+|since\s+|not\s+)*(?:\w+ed|seen|given|taken|working)\b",
    r"(?:recommended|underwent|received|requested|referred|prescribed|reported|complained|continues|presented|"
    r"returned|attended|completed|reports|complains)\b",
    # a relative clause or an attribution
    r"(?:for which|which|who|whose)\b", r"(?:according to|per)\b",
)
#: a clause that begins without a comma after the last diagnosis, one a row: a relative clause with its verb ("right
#: knee sprain which were treated with therapy")
BARE_CLAUSE_STARTS: tuple[str, ...] = (
    r"(?:for which|which)\s+(?:was|were|is|are|has|have|had)\s+(?:been\s+|also\s+|not\s+)*\w+ed\b",
)
_CLAUSE_START = re.compile(r"(?:,|;|\band\b)\s*(?:" + "|".join(LIST_CLAUSE_STARTS) + r")|\s+(?:"
                           + "|".join(BARE_CLAUSE_STARTS) + ")", re.I)


def _list_only(body: str) -> str:
    """The diagnosis list, up to a clause about something else (`LIST_CLAUSE_STARTS`)."""
    cut = _CLAUSE_START.search(body)
    return body[:cut.start()] if cut else body


def _pieces(body: str) -> list[str]:
    """The diagnoses of a list: split at commas, "and" and semicolons, a piece that only qualifies the one before it
    (`_QUALIFIER`, `QUALIFYING_PIECES`) joined to it; never across a semicolon, which separates diagnoses whose
    own qualifiers follow commas ("left knee sprain, rule out ACL tear; status post meniscectomy")."""
    out: list[str] = []
    parts = re.split(f"({_DX_SPLIT.pattern})", _protect(body))
    # the separator written before each piece: a semicolon opens a diagnosis; "and" joins a qualifier as written
    seps = ["", *parts[1::2]]
    raw = [p.replace("\x00", ",").replace("\x01", "and").strip(" .\"'[]:") for p in parts[0::2]]
    kept = [(p, sep) for p, sep in zip(_shared_condition([re.sub(r"^(?:and|or)\s+", "", p) for p in raw]), seps,
                                       strict=True) if p]
    pieces = [p for p, _ in kept]
    code_first = bool(pieces) and _CODE_ONLY.match(pieces[0]) is not None
    pending = ""
    for piece, sep in kept:
        opens_entry = ";" in sep
        if code_first and _CODE_ONLY.match(piece):
            pending = f"{pending} {piece}".strip()  # "M54.5, low back pain": the code goes with the text after it
            continue
        if pending:
            out.append(f"{pending} {piece}")
            pending = ""
        elif out and not opens_entry and (_QUALIFIER.match(piece) or _QUALIFYING.fullmatch(piece)):
            joiner = " and " if re.fullmatch(r"\s+and\s+", sep) else ", "
            out[-1] = f"{out[-1]}{joiner}{piece}"
        elif out and _UNCERTAIN.match(out[-1]) and len(out[-1].split()) <= 3:
            out[-1] = f"{out[-1]} and {piece}"  # "rule out cervical and lumbar disc herniation" is one uncertainty
        else:
            out.append(piece)
    if pending and out:
        out[-1] = f"{out[-1]} {pending}"
    return [p for p in out if 2 < len(p) < 160]


def _numbered(rest: str) -> list[str] | None:
    """The entries of a numbered list that starts the text ("1. A. 2. B, C. 3. D"), each one diagnosis with its
    qualifiers; None when the text is no numbered list."""
    marks = [m for m in _NUMBERED.finditer(rest)]
    if not marks or int(marks[0].group(1)) != 1 or rest[:marks[0].start()].strip():
        return None
    entries: list[str] = []
    expected = 1
    for k, m in enumerate(marks):
        if int(m.group(1)) != expected:
            continue
        expected += 1
        nxt = next((n for n in marks[k + 1:] if int(n.group(1)) == expected), None)
        body = rest[m.end():nxt.start() if nxt else len(rest)]
        if nxt is None:
            body = _DX_END.split(body)[0]
        entries.append(re.sub(r"[\s,;]+(?:and|or)$", "", body.strip(" .;,")).strip(" .;,"))
    return entries


def read_diagnoses(text: Text, reading: Reading) -> list[Diagnosis]:
    """The diagnoses as the summary lists them ("diagnosed with X, Y and Z", "being treated for ...", "gave a
    diagnosis of", "Diagnoses: 1. X 2. Y"). A comma inside one diagnosis (an ICD title's site or side, "disc
    displacement, lumbar region"; a code in parentheses) does not split it. A diagnosis the record writes as
    uncertain ("rule out CRPS", "possible radiculopathy") is kept as written; the rules' diagnosis groups do not
    count it as established."""
    out: list[Diagnosis] = []
    seen: set[str] = set()
    sentences = text.sentences
    for pos, s in text.numbered():
        m = _DX_INTRO.search(s)
        if not m or not _diagnosis_made(s, m):
            continue
        rest = s[m.end():].strip()
        # a numbered list runs over the sentences the splitter made of it ("1." "Lumbar strain." "2. ...")
        whole = " ".join([rest, *sentences[pos + 1:pos + 12]]) if re.match(r"1[.)]", rest) else rest
        listed = _numbered(whole)
        if listed is not None:
            found = [p for entry in listed for p in _entry(entry)]
        else:
            found = _pieces(_list_only(_DX_END.split(rest)[0]))
        for piece in found:
            if piece.lower() not in seen:
                seen.add(piece.lower())
                out.append(_coded(piece))
        if found:
            reading.add("diagnoses", None, s, "patient", position=pos)
    if not out:
        out = _presenting(text, reading)
    if not out:
        for pos, s in text.numbered():
            m2 = _CLAIM.search(s)
            if m2 and not is_other_source(s):
                for piece in _pieces(m2.group(1)):
                    out.append(Diagnosis(text=piece))
                reading.add("diagnoses", None, s, "patient", position=pos)
                break
    return out


#: an ICD-10 code written with a diagnosis, in parentheses or bare (a bare one has its dot: "M16.12"), at its
#: end or its start ("Left hip osteoarthritis M16.12", "rotator cuff tear (M75.121)", "M54.5 low back pain")
_ICD10 = r"[A-TV-Z]\d[0-9AB](?:\.[0-9A-Z]{1,4}|(?<=\()(?:[0-9A-Z]{1,4})?(?=\)))"
_CODE_AT = (re.compile(rf"\s*(?:\(\s*(?:ICD-?10:?\s*)?({_ICD10})\s*\)|\b({_ICD10})(?!\w))\s*$", re.I),
            re.compile(rf"^\s*(?:\(\s*({_ICD10})\s*\)|\b({_ICD10})\b)[\s,:-]*", re.I))


def _coded(piece: str) -> Diagnosis:
    """A diagnosis as written, with the ICD-10 code written beside it also in `icd10` (the text keeps it: the
    diagnosis as written)."""
    for rx in _CODE_AT:
        m = rx.search(piece)
        rest = (piece[:m.start()] + piece[m.end():]).strip(" ,;-") if m else ""
        if m and len(rest) > 2:
            return Diagnosis(text=piece, icd10=(m.group(1) or m.group(2)).upper().replace(" ", ""))
    return Diagnosis(text=piece)


#: the nouns that make a condition a diagnosis (not a complaint: "low back pain" is the complaint)
CONDITION_NOUNS: tuple[str, ...] = (
    "osteoarthritis", "arthritis", "arthropathy", "radiculopathy", "radiculitis", "myelopathy", "neuropathy",
    "syndrome", "tear", "strain", "sprain", "fracture", "tendinitis", "tendonitis", "tendinosis", "tenosynovitis",
    "stenosis", "herniation", "protrusion", "spondylosis", "spondylolisthesis", "degenerative disc disease",
    "bursitis", "fasciitis", "impingement", "epicondylitis", "capsulitis", "contusion", "dislocation",
    "instability", "chondromalacia", "sciatica", "myofascial pain", "fibromyalgia", "neuroma", "dystrophy",
    "internal derangement", "sprain/strain", "strain/sprain", "spasm", "laceration", "concussion", "extrusion",
    "depression", "anxiety", "depressive disorder", "anxiety disorder",
)
_CONDITION = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in CONDITION_NOUNS) + r")e?s?\b", re.I)
#: how a summary writes the worker's age ("64-year-old", "62 yo", "52 y.o.", "45 y/o")
AGE_FORMS: tuple[str, ...] = (r"[- ]year[- ]old\b", r"\s*(?:yo|y\.o\.|y/o|yr old|yrs old)(?!\w)")
#: the words after which the sentence that introduces the worker names a condition, one a row: "a 64-year-old
#: janitor with right knee osteoarthritis", "fell ..., sustaining a right femoral neck fracture"
PRESENTING_CUES: tuple[str, ...] = (r"with", r"sustain(?:ed|ing)(?: an?)?", r"(?:has |had )?(?:since )?developed")
#: where the condition ends: what follows it is its cause, its time, its treatment or the study that shows it
PRESENTING_END: tuple[str, ...] = (
    r"after", r"since", r"from", r"following", r"due to", r"when", r"while", r"who", r"which", r"that", r"sustained",
    r"attributed", r"related", r"treated", r"aggravated", r"on (?:an? |the )?(?:mri|ct|x-?rays?|emg|imaging|exam\w*)",
)
_AGE_WRITTEN = r"\b(?:\d{2}|[a-z]+-[a-z]+)(?:" + "|".join(AGE_FORMS) + ")"
_TO_END = r"\s+(.+?)(?:\s+(?:" + "|".join(PRESENTING_END) + r")\b|[.;]\s|[.;]?$)"
_PRESENTING = re.compile(_AGE_WRITTEN + r".{0,90}?\b(?:" + "|".join(PRESENTING_CUES) + ")" + _TO_END, re.I)
#: who "has developed" a condition must be the worker ("His wife has developed depression" is not the worker's)
_WORKER_SUBJECT = r"\b(?:he|she|the (?:injured )?worker|the (?:patient|applicant|claimant|employee)|the injured worker) "
#: how a later sentence says the worker has a condition, one a row: "She has since developed depression and
#: anxiety", "He sustained a right shoulder full-thickness rotator cuff tear" (an injury named by its condition; "an
#: industrial injury" names none, and `_stated_condition` keeps only a condition)
WORKER_CONDITION_VERBS: tuple[str, ...] = (
    r"(?:has|have|had) (?:since |subsequently |also |now )?developed",
    r"(?:has |had )?sustained(?: an?)?",
)
_DEVELOPED = re.compile(_WORKER_SUBJECT + "(?:" + "|".join(WORKER_CONDITION_VERBS) + ")" + _TO_END, re.I)
#: Phrasings that make a condition named in the opening no diagnosis of the worker's, one a row: (phrase, where it
#: stands from the condition: "before" it within its piece, or "after" it). Negations and denials, another
#: person's or a past condition, a study that excludes it, a condition written as uncertain, and a worry that is
#: no disorder ("anxiety about returning to work").
NOT_A_DIAGNOSIS: tuple[tuple[str, str], ...] = (
    (r"\bno\b|\bnot\b|\bnever\b|\bnor\b|\bneither\b|\bnone\b", "before"),     # "no evidence of radiculopathy"
    (r"\bdenie[sd]\b|\bdeny(?:ing)?\b", "before"),                                  # "denies depression"
    (r"\bwithout\b|\bfree of\b|\babsence of\b", "before"),                       # "without radiculopathy"
    (r"\bnegative (?:for|of)\b|\bunremarkable for\b", "before"),                   # "x-rays negative for fracture"
    (r"\bruled out\b|\brule[sd]? out\b|\br/o\b", "before"),                         # "ruled out fracture"
    (r"\bfamily\b|\b(?:his|her|a) (?:wife|husband|spouse|mother|father|sister|brother|son|daughter|parents?|"
     r"siblings?)\b", "before"),                                                 # "family history of RA"
    # a past condition: "prior", "previous", "remote" ("a history of X" in an opening usually names the condition
    # treated, so it is no exclusion by itself; a healed or resolved one is excluded by the row after it)
    (r"\bprior\b|\bprevious(?:ly)?\b|\bpast\b|\bold\b|\bremote\b", "before"),
    # uncertain ("consistent with" and "compatible with" affirm a finding's diagnosis, and are no uncertainty)
    (r"\bconcern(?:ing|ed)? (?:for|about|of)\b|\bsuggestive of\b|\bsuspicious (?:for|of)\b|\bdifferential\b|"
     r"\bversus\b|\bvs\b", "before"),                                            # "concerning for radiculopathy"
    (r"^\W*(?:in (?:19|20)\d\d\W*)?(?:was|were|is|are|has been|had been|have been)?\s*(?:ruled out|excluded|"
     r"negative|absent|resolved|healed|denied)\b", "after"),                                                     # "fracture ruled out on x-ray"
    (r"^\W*(?:years ago)\b", "after"),                                              # "a lumbar strain years ago"
    (r"^\s*(?:about|regarding|over)\b", "after"),                                   # "anxiety about returning to work"
)
_NOT_DX = [(re.compile(p, re.I), where) for p, where in NOT_A_DIAGNOSIS]
_HISTORY_OF = re.compile(r"\bhistory of\b|\bh/o\b", re.I)
_DATED_PAST = re.compile(r"^\W*in (?:19|20)\d\d\b", re.I)
#: what `context.assertion` says of a condition that the sentence does not state as the worker's
_NOT_STATED = frozenset({Assertion.negated, Assertion.possible, Assertion.other_source})


def _stated_condition(piece: str, sentence: str) -> bool:
    """Whether the piece names a condition of the worker's: a condition noun that no `NOT_A_DIAGNOSIS` phrasing
    reaches (before it within the piece, or after it), and that the sentence does not negate or write as uncertain
    over a list ("no history of anxiety, depression or PTSD": `context.assertion`)."""
    at = sentence.find(piece)
    for m in _CONDITION.finditer(piece):
        before, after = piece[:m.start()], piece[m.end():]
        if any(rx.search(before if where == "before" else after) for rx, where in _NOT_DX):
            continue
        if _HISTORY_OF.search(before) and _DATED_PAST.match(after):
            continue  # "a history of a right wrist fracture in 2005": a dated past condition
        if at >= 0 and assertion(sentence, at + m.start(), at + m.end()) in _NOT_STATED:
            continue
        return True
    return False


#: "with" also joins conditions within the opening ("neck pain with cervical radiculopathy")
_WITH = re.compile(r"(?<!consistent)(?<!compatible)\s+with\s+", re.I)


def _named_in_parentheses(m: re.Match[str]) -> str:
    """A parenthesis that names the complaint's condition ("elbow pain (lateral epicondylitis)") is a piece of its
    own; another (a date, a mechanism) is dropped."""
    return f", {m.group(1)}," if _CONDITION.search(m.group(1)) else ""


def _presenting(text: Text, reading: Reading) -> list[Diagnosis]:
    """With no diagnoses introduced, the conditions the sentence that introduces the worker gives ("a 64-year-old
    janitor with right knee osteoarthritis", "62 yo F ... sustaining a fracture"), or that the summary says the
    worker developed: each named with a diagnosis noun (`CONDITION_NOUNS`), never a complaint alone and never one
    written as uncertain."""
    for pos, s in text.numbered():
        m = _PRESENTING.search(s) or _DEVELOPED.search(s)
        if not m:
            continue
        body = re.sub(r"\(([^()]*)\)", _named_in_parentheses, m.group(1))
        found = [re.sub(r"^(?:an?|the)\s+", "", p, flags=re.I) for part in _WITH.split(body) for p in _pieces(part)
                 if _stated_condition(p, s) and not _UNCERTAIN.search(p)]
        if found:
            reading.add("diagnoses", None, s, "patient", position=pos)
            return [_coded(p) for p in found]
    return []


def _entry(entry: str) -> list[str]:
    """One numbered entry: one diagnosis with its qualifiers (its commas do not split it), unless it is itself a
    list joined by semicolons."""
    parts = [p.strip(" .,") for p in re.split(r";\s*", entry)]
    return [p for p in parts if 2 < len(p) < 160]


def read_regions(text: Text, diagnoses: list[Diagnosis]) -> list[BodyPart]:
    """Body regions named in the first sentences (the complaint and the diagnoses)."""
    return find_regions(" ".join(text.sentences[:4] + [d.text for d in diagnoses]))
