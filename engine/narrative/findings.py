"""Exam findings and other yes/no facts of the summary, as a table of phrasings read by one loop.

Each `FindingSpec` lists the phrasings that mention a finding (one short pattern per phrasing), the phrasings
that state it absent ("neurologically intact"), and the sentences it must not be read from. Whether a mention
is affirmed, negated, possible or someone else's words is `context.assertion`'s answer, never the pattern's. The
example phrasing behind each pattern is a row in `tests/narrative/phrases/findings.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.narrative.context import Assertion, assertion, is_other_source
from engine.narrative.evidence import Reading
from engine.narrative.patient import introduces_diagnoses
from engine.narrative.text import Text, body_half


@dataclass(frozen=True)
class FindingSpec:
    """How one finding is written."""

    name: str
    phrases: tuple[str, ...]
    absent: tuple[str, ...] = ()
    #: sentences matching this are not read for the finding (another finding's context)
    not_in: str | None = None
    #: sentences the `absent` phrasings must not contain (a normal exam that also reports a deficit)
    absent_unless: str | None = None
    #: phrasings that establish the finding when affirmed but whose negation says nothing about it ("no
    #: fracture" is one red flag absent, not all)
    affirm_only: tuple[str, ...] = ()
    #: phrasings whose negation states the finding absent but whose affirmation does not establish it ("no
    #: trigger points" is absent; "trigger points" without a twitch response is not the finding)
    deny_only: tuple[str, ...] = ()
    #: only sentences matching this are read for the finding (an injection named in a plan, a reason given in a
    #: sentence about equipment)
    only_in: str | None = None
    #: assertion categories read as part of the finding: a plan finding ("an injection is planned") is read
    #: from hypothetical sentences
    ignore: frozenset[Assertion] = frozenset()


#: what a plan finding reads as part of itself: the plan
PLAN = frozenset({Assertion.hypothetical})

_NUMBER_WEAK = r"(?<![\d/.])[0-4][+-]?\s*/\s*5(?![\d/])"

FINDINGS: tuple[FindingSpec, ...] = (
    FindingSpec("radicular_signs", (
        r"straight[- ]leg[- ]rais\w*(?: test)?(?: \w+){0,2} (?:was |were |is )?positive",
        r"positive (?:seated |supine )?straight[- ]leg[- ]rais\w*",
        r"positive (?:slr|spurling\S*)", r"\bslr\b(?: was)? positive",
        r"spurling\S* (?:test |sign |maneuver )?(?:was |is )?positive",
    ), absent=(
        r"(?:straight[- ]leg[- ]rais\w*|\bslr\b|spurling\S*)(?: test| sign| maneuver)?(?: \w+){0,2} "
        r"(?:was |were |is )?negative",
        r"negative (?:seated |supine )?(?:straight[- ]leg|slr|spurling)",
    )),
    FindingSpec("entrapment_signs", (
        r"positive (?:tinel\S*|phalen\S*|durkan\S*)", r"(?:tinel\S*|phalen\S*)(?: sign| test)?(?: was| were| is)? positive",
        r"numbness (?:of|in) the (?:\w+ ){0,4}(?:digits|fingers)", r"paresthesias? (?:of|in) the (?:\w+ ){0,2}hands?",
    )),
    FindingSpec("focal_neuro_deficit", (
        r"(?:decreased|diminished|reduced|absent|altered|loss of) (?:\w+ ){0,2}(?:sensation|reflex\w*)",
        r"sensation (?:was |is )?(?:decreased|diminished|reduced)",
        r"reflex\w* (?:was |were |is |are )?(?:0|1\+?|trace|diminished|decreased|absent|hypoactive)\b",
        r"foot drop", _NUMBER_WEAK, r"(?<![\d/.])[0-4]\+? out of 5", r"dermatom\w* deficit", r"myotom\w*",
        r"(?:weakness|weak) (?:of|in) the", r"motor deficit", r"neurologic(?:al)? deficit",
    ), absent=(
        r"normal (?:sensation|strength|reflexes|neurologic\w*)",
        r"neurologic(?:al)? exam\w*[^.]{0,40}\b(?:normal|intact|unremarkable|non-?focal)\b",
        r"reflexes (?:were |are )?2\+",
        r"(?:sensation|neurologic\w*|neurovascular\w*|motor and sensory|strength|reflexes)[^.]{0,40}\b(?:intact|"
        r"normal|within normal limits|5/5)\b",
        r"\bno (?:focal )?neurologic(?:al)? (?:deficits?|symptoms|findings)\b", r"neurologically intact",
        r"intact (?:motor )?(?:strength|sensation|reflexes)",
    ),
        # strength grades of a joint's movements (shoulder rotation, quadriceps) are not focal neurologic deficits
        not_in=r"^(?!.*(?:dermatom|myotom|\b[lcs]\d\b|sensation|reflex)).*(?:rotation|abduction|adduction|rotator|"
               r"supraspinatus|infraspinatus|shoulder|knee|quadriceps|hamstring|hip flex)",
        absent_unless=r"[0-4]\s*/\s*5|decreased|diminished"),
    FindingSpec("red_flags", (
        r"red flags?", r"cauda equina", r"saddle anesthesia", r"(?:bowel|bladder) (?:incontinence|dysfunction)",
        r"incontinence", r"malignan\w*", r"cancer", r"tumou?r", r"infection", r"osteomyelitis",
        r"progressive (?:neurologic\w* )?(?:deficit|weakness)", r"foot drop", r"unexplained weight loss", r"fever",
    ), affirm_only=(r"\bfractures?\b", r"gross deformity", r"dislocat\w*")),
    FindingSpec("muscle_spasm", (r"\bspasms?\b",)),
    FindingSpec("knee_mechanical_signs", (
        r"effusion", r"mcmurray\S*(?: test| sign)?(?: was)? positive", r"positive mcmurray", r"joint line tenderness",
        r"locking", r"catching", r"giving way", r"instability", r"meniscal? tear", r"meniscus tear",
        r"lachman\S*(?: test)? positive",
    )),
    FindingSpec("ottawa_signs", (
        r"(?:tender\w*|pain) (?:\w+ ){0,4}(?:malleol\w*|navicular|(?:base of the )?fifth metatarsal)",
        r"(?:unable|inability) to bear weight for (?:four|4) steps",
    )),
    FindingSpec("knee_instability", (
        r"instability", r"giving way", r"gives way",
        r"(?:lachman|anterior drawer|posterior drawer|pivot shift|valgus stress|varus stress)\S*(?: test| testing| "
        r"sign)?(?: was| were| is)? positive",
        r"positive (?:lachman|anterior drawer|posterior drawer|pivot shift)",
        r"(?:acl|mcl|lcl|pcl|cruciate|collateral) (?:ligament )?(?:tear|rupture|laxity|insufficiency)",
        r"patellar (?:instability|dislocation|subluxation)",
    )),
    FindingSpec("knee_acute_signs", (
        r"(?:unable|could not|inability) to (?:bear weight|walk)", r"non-?weight[- ]bearing",
        r"swell\w* (?:\w+ ){0,3}within (?:an hour|hours|\d+ hours)",
        r"(?:lachman|anterior drawer|posterior drawer|pivot shift)\S*(?: test| sign)?(?: was| is)? positive",
        r"positive (?:lachman|anterior drawer|posterior drawer|pivot shift)",
        r"flexion (?:\w+ ){0,3}(?:to|of) (?:[1-8]\d|\d) degrees", r"hemarthrosis",
    )),
    FindingSpec("gi_risk", (
        r"gastritis", r"dyspepsia", r"\bgerd\b", r"reflux", r"(?:peptic )?ulcer",
        r"gi (?:bleed\w*|upset|symptoms|distress)", r"gastrointestinal (?:bleed\w*|upset|symptoms|distress|issues|"
        r"complaints)", r"stomach (?:upset|pain|issues)", r"heartburn", r"anticoagula\w*", r"warfarin", r"coumadin",
        r"eliquis", r"xarelto", r"plavix", r"clopidogrel", r"h\. pylori",
    )),
    FindingSpec("neuropathic_pain", (
        r"neuropath\w*", r"burning", r"radiculopathy", r"radicular pain", r"numbness", r"tingling", r"neuralgia",
        r"allodynia", r"hyperalgesia", r"dysesthesia", r"paresthesia", r"nerve pain", r"\bcrps\b", r"complex regional",
    )),
    FindingSpec("home_exercise_program", (r"home exercise", r"\bhep\b", r"exercis\w* at home", r"home program")),
    FindingSpec("opioid_monitoring", (
        r"urine drug (?:screen|test)\w*", r"\buds\b", r"\bcures\b", r"pain (?:agreement|contract)",
        r"opioid (?:agreement|contract)", r"aberrant",
    )),
    FindingSpec("acute_exacerbation", (r"(?:acute )?exacerbation", r"flare[- ]?up")),
    FindingSpec("objective_functional_deficit", (
        r"difficult\w* (?:with )?(?:activities of daily living|adls?|walking|sitting|standing|lifting|sleeping|"
        r"performing|dressing|gripping|reaching|bending)",
        r"not tolerating", r"unable to (?:walk|sit|stand|lift|work|perform|bear weight)",
        r"(?:decreased|limited|restricted|reduced|painful) (?:[\w-]+,? (?:and )?){0,8}(?:range of motion|rom|strength|"
        r"grip|motion)",                                         # "decreased cervical, lumbar and shoulder range of motion"
        r"range of motion (?:was |is |were )?(?:noted to be )?(?:decreased|limited|restricted|reduced|painful)",
        r"pain-limited \w+", r"difficulty (?:with|performing|doing|in) ", r"antalgic", r"limp\w*",
        r"functional (?:deficits?|limitations?)", r"weakness", r"[0-4]\s*/\s*5", r"grip strength (?:was |of )?0",
    ), absent=(
        r"full range of motion", r"range of motion (?:was |is |were )?(?:noted to be )?(?:full|unrestricted|normal|"
        r"within normal limits)",
    ), absent_unless=r"(?:decreased|limited|restricted|reduced|painful) (?:[\w-]+,? (?:and )?){0,8}(?:range of motion|"
                     r"rom|motion)|[0-4]\s*/\s*5|weakness"),
    FindingSpec("bleeding_risk", (
        r"anticoagula\w*", r"warfarin", r"coumadin", r"eliquis", r"apixaban", r"xarelto", r"rivaroxaban", r"heparin",
        r"bleeding (?:disorder|tendency|history)", r"hemophilia", r"coagulopathy",
    )),
    FindingSpec("cardiac_risk", (
        r"coronary", r"heart (?:disease|failure|attack)", r"myocardial", r"\bchf\b", r"\bcad\b", r"arrhythmia",
        r"atrial fibrillation", r"diabetes", r"diabetic", r"hypertension", r"\bhtn\b", r"cardiac",
        r"(?:elevated|elevating|high|raised) blood pressure", r"blood pressure (?:was |is )?(?:elevated|elevating|high)",
    )),
    FindingSpec("sitting_standing_intolerance", (
        r"(?:worse\w*|aggravated|increased|exacerbated|pain) (?:\w+ ){0,3}(?:with|by|on) (?:prolonged )?"
        r"(?:sitting|standing)",
        r"(?:prolonged )?(?:sitting|standing)[^.]{0,45}(?:worse\w*|aggravat\w*|increas\w*|difficult|intoleran\w*|"
        r"painful)",
        r"not tolerating sitting", r"unable to (?:sit|stand) for",
    )),
    FindingSpec("homebound", (
        r"homebound", r"home[- ]bound", r"bed[- ]?bound", r"confined to (?:the )?(?:home|bed)", r"wheelchair[- ]bound",
    )),
    FindingSpec("weaning_plan", (r"\bwean\w*", r"\btaper\w*")),
    FindingSpec("aberrant_behavior", (
        r"inconsistent (?:urine drug|uds|drug screen|drug test|results?)",
        r"(?:urine drug|uds|drug) (?:screen|test)\w*[^.]{0,40}\b(?:inconsistent|positive for (?:cocaine|"
        r"methamphetamine|amphetamine|marijuana|heroin|unprescribed))",
        r"early refills?", r"lost (?:his |her )?prescription", r"aberrant (?:drug )?behavio\w*", r"doctor shopping",
        r"diversion",
    )),
    FindingSpec("trigger_points", (
        r"trigger points?[^.]{0,60}(?:twitch|referred pain|taut band)", r"twitch response", r"taut bands?",
    )),
    FindingSpec("near_mmi", (
        r"maximal medical improvement", r"maximum medical improvement", r"\bmmi\b", r"permanent and stationary",
        r"\bp&s\b",
    )),
    FindingSpec("failed_return_to_work", (
        r"(?:unsuccessful|failed) (?:attempts? (?:to|at) )?return(?:ing)? to work", r"unable to return to work",
        r"could not (?:return to|tolerate) (?:work|modified duty)",
    )),
)

_FIRST_LINE = (r"gabapentin|neurontin|lyrica|pregabalin|nortriptyline|amitriptyline|elavil|cymbalta|duloxetine|"
               r"antidepressants?|anticonvulsants?|antiepilep\w*|tricyclics?")

FINDINGS += (
    FindingSpec("first_line_failed", (
        rf"fail\w* (?:\w+ ){{0,3}}(?:trials? (?:of|with) |to respond to )?(?:\w+ ){{0,3}}(?:{_FIRST_LINE})",
        rf"(?:intoleran\w*|could not tolerate|did not tolerate)\s+(?:of |to )?(?:\w+ ){{0,2}}(?:{_FIRST_LINE})",
        rf"(?:{_FIRST_LINE})\b[^.]{{0,40}}\b(?:ineffective|not effective|not tolerated|did not help|discontinued|"
        rf"stopped)",
    )),
)

def _any(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None


def _one(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern, re.I) if pattern else None


@dataclass(frozen=True)
class _Compiled:
    spec: FindingSpec
    phrases: re.Pattern[str] | None
    absent: re.Pattern[str] | None
    affirm_only: re.Pattern[str] | None
    deny_only: re.Pattern[str] | None
    not_in: re.Pattern[str] | None
    only_in: re.Pattern[str] | None
    absent_unless: re.Pattern[str] | None


def _compile(spec: FindingSpec) -> _Compiled:
    return _Compiled(spec, _any(spec.phrases), _any(spec.absent), _any(spec.affirm_only), _any(spec.deny_only),
                     _one(spec.not_in), _one(spec.only_in), _one(spec.absent_unless))


_STATED = (Assertion.affirmed, Assertion.historical)


def _read_one(c: _Compiled, s: str) -> list[bool]:
    """The values one sentence gives one finding: each mention asks `assertion` what the sentence says of it."""
    spec, out = c.spec, []
    if (c.not_in is not None and c.not_in.search(s)) or (c.only_in is not None and not c.only_in.search(s)):
        return out

    def status(m: re.Match[str]) -> Assertion:
        return assertion(s, m.start(), m.end(), ignore=spec.ignore)

    for m in c.phrases.finditer(s) if c.phrases is not None else ():
        st = status(m)
        if st in _STATED:
            out.append(True)
        elif st is Assertion.negated:
            out.append(False)
    if c.absent is not None and not (c.absent_unless is not None and c.absent_unless.search(s)):
        # a phrasing that states the finding absent ("neurologically intact") says so when it is itself affirmed
        out += [False for m in c.absent.finditer(s) if status(m) in _STATED][:1]
    if c.affirm_only is not None and not introduces_diagnoses(s):
        out += [True for m in c.affirm_only.finditer(s) if status(m) in _STATED][:1]
    if c.deny_only is not None:
        out += [False for m in c.deny_only.finditer(s) if status(m) is Assertion.negated][:1]
    return out


_COMPILED = [_compile(spec) for spec in FINDINGS]


def read_findings(text: Text, reading: Reading) -> None:
    """Every finding of the table, from every sentence that is the record's own words."""
    for pos, s in text.numbered():
        if is_other_source(s):
            continue  # a reviewer's or claims administrator's words are not clinical findings
        half = body_half(s)
        for c in _COMPILED:
            for value in _read_one(c, s):
                reading.add(f"findings.{c.spec.name}", value, s, "findings", half=half, position=pos)
