"""Exam findings and other yes/no facts of the summary, as a table of phrasings read by one loop.

Each `FindingSpec` lists the phrasings that mention a finding (one short pattern per phrasing), the phrasings
that state it absent ("neurologically intact"), and the sentences it must not (or only) be read from. Whether a
mention is affirmed, negated, possible or someone else's words is `context.assertion`'s answer, never the
pattern's; a finding that is itself a plan (an injection planned, a weaning plan, a reason for requested
equipment) reads hypothetical sentences as its own. The example phrasings are rows of
`tests/narrative/phrases/<family>.yaml` (exam, symptoms, risk, drugs, status, imaging, surgery, procedures).

Findings read elsewhere: studies and their results (`studies.py`: imaging corroboration, a surgical lesion,
electrodiagnostic corroboration, a requested study already done), surgery plans and kinds (`surgery.py`), the
outcome of care, functional improvement and relief (`status.py`), and the numbers: pain score, drug tests,
injection relief, hospital stay and days since discharge (`history.py`), months of insomnia (`status.py`), relief
per drug (`medications.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.narrative.context import PLAN, Assertion, assertion, is_other_source
from engine.narrative.drugs import DRUGS
from engine.narrative.evidence import Reading
from engine.narrative.patient import introduces_diagnoses
from engine.narrative.requests import find_regions
from engine.narrative.tables import any_of
from engine.narrative.text import Text, body_half
from engine.vocab import Region, region_half


@dataclass(frozen=True)
class FindingSpec:
    """How one finding is written."""

    name: str
    phrases: tuple[str, ...]
    absent: tuple[str, ...] = ()
    #: sentences matching this are not read for the finding (another finding's context)
    not_in: str | None = None
    #: the `absent` phrasings matching this are read in a `not_in` sentence too ("pain with lumbar rotation ..., neuro
    #: exam normal": `not_in` keeps a joint's strength grade, "cuff strength 5/5", from being the nerves' finding,
    #: not a normal neuro exam)
    absent_despite_not_in: str | None = None
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
    #: a sign found on examination: the worker's denial of a symptom ("denies weakness") does not state it absent
    exam: bool = False
    #: the finding is read only in a case whose text matches this (a knee's instability in a case about the knee:
    #: "no instability" in a shoulder case is the shoulder's)
    case_only_in: str | None = None



#: a strength grade below normal ("4/5", "4+/5"), never part of a date ("1/5/17") or a longer fraction
_NUMBER_WEAK = r"(?<![\d/.])[0-4][+-]?\s*/\s*5(?![\d/])"
#: a few words between the parts of a phrasing, never a cue word (a cue inside a phrasing would not be asked)
_CUE_WORD = r"(?:not|no|never|without|denies|may|might|could|possibl\w*|probabl\w*|questionabl\w*|if|would)\b"
#: between a test's name and its result: "test", "sign", a side or a few words ("McMurray test on the right was"),
#: never a cue word ("the Hawkins sign was possibly positive" is a hedge the assertion must see)
_TEST_TAIL = (r"(?:'s)?(?: tests?| signs?| maneuvers?| testing| reflex(?:es)?)?(?:,? (?!negative|positive|"
              + _CUE_WORD + r")\w+(?:'s?)?){0,4} (?:was |were |is |are )?")


#: a test read on each side, negative on one and positive on the other ("SLR negative on the right, positive on the
#: left", "... was negative on the right and positive on the left"): the positive side is a positive test
_SIDE = r"(?:on the )?(?:right|left|r|l|rt|lt)\b"
_OTHER_SIDE_POSITIVE = rf" {_SIDE}[,;]? (?:and |but |while )?(?:it was |was )?positive {_SIDE}"


def positive(*tests: str) -> tuple[str, ...]:
    """The phrasings of a positive test: "positive Hawkins sign", "drop arm test was positive", and the positive side
    of a test read negative on the other ("SLR negative on the right, positive on the left")."""
    names = "|".join(tests)
    return (rf"positive (?:[\w']+ ){{0,2}}(?:{names})", rf"(?:{names}){_TEST_TAIL}positive",
            rf"(?:{names}){_TEST_TAIL}negative{_OTHER_SIDE_POSITIVE}",
            # the result written first ("Positive on the right was the seated straight leg raise", "Positive at both
            # wrists were Phalen's maneuver and ...")
            rf"\bpositive (?:(?:on|at|in) (?:the )?(?:\w+ ){{0,2}})?(?:was|were) (?:the )?(?:[\w']+ ){{0,2}}(?:{names})")


def negative(*tests: str) -> tuple[str, ...]:
    """The phrasings of a negative test: "negative McMurray", "Lachman test was negative"."""
    names = "|".join(tests)
    return (rf"negative (?:[\w']+ ){{0,2}}(?:{names})", rf"(?:{names}){_TEST_TAIL}negative")


#: provocative tests that point to one lesion (ACOEM's "physiologic evidence of tissue insult"), one test a row
LESION_TESTS: tuple[str, ...] = (
    r"drop[- ]arm", r"empty[- ]can", r"jobe\S*", r"hawkins?\S*(?:[- ]kennedy)?", r"neer\S*", r"impingement",
    r"o'?brien\S*", r"apprehension", r"relocation", r"speed'?s", r"yergason\S*", r"lift[- ]off", r"belly[- ]press",
    r"cross[- ](?:arm|body)(?: adduction)?", r"crank", r"mcmurray\S*", r"apley\S*", r"thessaly", r"finkelstein\S*",
    r"lachman\S*", r"(?:anterior|posterior) drawer", r"pivot[- ]shift", r"valgus stress", r"varus stress",
    r"thompson\S*", r"squeeze", r"watson\S*", r"grind",
)
#: tests whose positive result is objective, not pain a maneuver provokes: weakness a lesion causes (the arm drops,
#: the hand cannot lift off), ligament laxity, a tendon rupture (`Findings.objective_insult_signs`)
INSULT_TESTS: tuple[str, ...] = (
    r"drop[- ]arm", r"lift[- ]off", r"belly[- ]press", r"lachman\S*", r"(?:anterior|posterior) drawer",
    r"pivot[- ]shift", r"valgus stress", r"varus stress", r"thompson\S*",
)
#: weakness that points to one lesion (the rotator cuff), not a general grade
CUFF_WEAKNESS: tuple[str, ...] = (
    r"(?:rotator cuff|supraspinatus|infraspinatus|subscapularis|external rotation) (?:weakness|strength (?:was |is |of )?"
    r"(?:\w+ ){0,2}" + _NUMBER_WEAK + ")",
    r"weakness (?:of|in|with) (?:the )?(?:\w+ )?(?:rotator cuff|supraspinatus|infraspinatus|resisted external rotation)",
    # the grade written first: "4-/5 supraspinatus strength"
    _NUMBER_WEAK + r" (?:\w+ )?(?:rotator cuff|supraspinatus|infraspinatus|subscapularis|external rotation) strength",
)
KNEE_LIGAMENT_TESTS = (r"lachman\S*", r"(?:anterior|posterior) drawer", r"pivot[- ]shift", r"valgus stress",
                       r"varus stress")
#: a Lachman test written by its grade or its endpoint ("Lachman 2+ with soft endpoint"): a positive test
LACHMAN_GRADED = (r"lachman\S*(?: test)?(?: (?:is|was))? (?:grade )?[1-3]\+?(?![\d/])(?! negative)",
                  r"lachman\S*[^.;,]{0,25}\b(?:soft|absent|no firm) end ?-?point")
MENISCAL_TESTS = (r"mcmurray\S*", r"apley\S*", r"thessaly")
ENTRAPMENT_TESTS = (r"tinel\S*", r"phalen\S*", r"durkan\S*")
RADICULAR_TESTS = (r"(?:seated |supine )?straight[- ]leg[- ]rais\w*", r"\bslr\b", r"spurling\S*",
                   r"las[e\u00e8]gue\S*")          # Lasegue's sign: the straight leg raise by its other name
CORD_TESTS = (r"hoffmann?\S*", r"babinski\S*")
#: the ways sensation is tested and named ("decreased light touch", "diminished pinprick"): a deficit of any is a
#: sensory deficit
SENSORY_MODALITIES: tuple[str, ...] = ("sensation", "light touch", "pinprick", "pin prick", "sharp/dull discrimination",
                                       "vibration sense", "vibratory sensation", "proprioception", "sensory")
_SENSORY = "|".join(re.escape(m) for m in SENSORY_MODALITIES)
#: movements a nerve root (myotome) serves, whose weakness is a focal motor deficit ("ankle dorsiflexion was weak")
MYOTOMAL_MOVEMENTS: tuple[str, ...] = (
    "ankle dorsiflexion", "dorsiflexion", "plantar flexion", "plantarflexion", "great toe extension",
    "extensor hallucis longus", "ehl", "toe extension", "eversion", "wrist extension", "finger abduction",
)  # (grip and elbow or shoulder movements are left out: their weakness is as often the joint's own)
_MYOTOMAL = "|".join(re.escape(m) for m in sorted(MYOTOMAL_MOVEMENTS, key=len, reverse=True))
#: a limb: where edema, pallor or cyanosis is tissue insult rather than a general exam line
_LIMB = r"(?:hands?|feet|foot|legs?|arms?|ankles?|wrists?|extremit\w*|limbs?|digits?|fingers?|toes?|forearms?|calf|calves)"
#: edema, cyanosis or pallor of the limb, Raynaud's phenomenon; "no clubbing, cyanosis or edema" is a general exam
#: line (affirmed only)
LIMB_VASCULAR: tuple[str, ...] = (
    rf"(?<!marrow )(?<!bone )edema (?:\w+ ){{0,3}}(?:of|in|to|about) the (?:\w+ ){{0,3}}{_LIMB}",
    rf"{_LIMB} (?:\w+ ){{0,2}}(?:edema|pallor|cyanosis)", r"cyanosis|cyanotic", r"pallor", r"raynaud\S*",
)
#: red flags of a lesion where they are found: a fracture, tumor or infection of the foot is the foot's
LOCAL_RED_FLAGS: tuple[str, ...] = (
    r"malignan\w*", r"cancer", r"tumou?r", r"infection", r"osteomyelitis", r"\bfractures?\b", r"gross deformity",
    r"dislocat\w*",
)
#: red flags of the nervous system: a foot drop or leg weakness shows in the limb and may come from the spine
NEUROLOGIC_RED_FLAGS: tuple[str, ...] = (
    r"cauda equina", r"saddle an(?:a|e)sthesia", r"(?:bowel|bladder) (?:incontinence|dysfunction)", r"incontinence",
    r"progressive (?:neurologic\w* )?(?:deficit|weakness)", r"foot drop",
    r"progressive (?:\w+ ){0,2}(?:numbness|clumsiness|weakness|deficits?|myelopathy|gait (?:disturbance|instability))",
)
#: red flags of the body as a whole
SYSTEMIC_RED_FLAGS: tuple[str, ...] = (r"unexplained weight loss", r"fever")
#: a smoker who no longer smokes, before the word ("former smoker", "quit smoking", "nonsmoker"), one a row
FORMER_SMOKER: tuple[str, ...] = ("former ", "ex-", "ex ", "non", "non-", "quit ", "stopped ", "previous ", "never ")
_NOT_SMOKING = "".join(f"(?<!{p})" for p in FORMER_SMOKER)
#: risk factors for a failed spinal fusion, one a row (`Findings.fusion_risk_factors`)
FUSION_RISKS: tuple[str, ...] = (
    r"pseudarthrosis", r"non-?union of (?:the )?(?:prior )?fusion", r"failed (?:prior |previous )?fusion",
    r"(?:multi|two|three|2|3)[- ]level (?:\w+ )?fusion", rf"{_NOT_SMOKING}\bsmok(?:es|er|ing)\b", r"tobacco use",
    r"\d+ packs? (?:per|a) day", r"diabet\w*", r"(?:kidney|renal) (?:disease|failure|insufficiency)",
    r"alcoholism", r"alcohol (?:abuse|dependence)", r"osteoporo\w*",
    r"grade (?:iii|iv|v|3|4|5) (?:\w+ )?spondylolisthesis",
)
#: first-line drugs for neuropathic pain (antidepressants, antiepileptics)
_FIRST_LINE = (r"gabapentin|neurontin|lyrica|pregabalin|nortriptyline|amitriptyline|elavil|cymbalta|duloxetine|"
               r"antidepressants?|anticonvulsants?|antiepilep\w*|tricyclics?")
#: first-line analgesics: NSAIDs and acetaminophen, by class and by name
_FIRST_ANALGESIC = (r"nsaids?|non-?steroidal anti-?inflammator\w*|anti-?inflammator\w*(?: (?:medications?|drugs?|agents?))?|"
                    r"ibuprofen|motrin|advil|naproxen|naprosyn|anaprox|aleve|meloxicam|mobic|diclofenac|voltaren|"
                    r"etodolac|lodine|celecoxib|celebrex|ketoprofen|nabumetone|relafen|indomethacin|ketorolac|"
                    r"toradol|piroxicam|feldene|acetaminophen|tylenol|paracetamol")
#: a sentence that states a plan, a request or a referral
_PLAN_WORDS = (r"\b(?:plan(?:s|ned|ning)?|recommend\w*|request\w*|propos\w*|schedul\w*|order(?:s|ed)?|"
               r"referr(?:al|ed) (?:to|for)|candidate for|would benefit|will (?:undergo|proceed|have|receive)|consider\w*|"
               r"pursu\w*|rfa|authorization)\b")
#: kinds of injection the imaging rules count (epidural, facet, joint, soft tissue)
_INJECTION = (r"(?:epidural|facet|medial branch|(?:intra-?)?articular|joint|subacromial|sacroiliac|trigger point|steroid|"
              r"cortisone|corticosteroid|tendon sheath|bursa\w*|ganglion|nerve root|selective nerve|transforaminal|"
              r"interlaminar|caudal|viscosupplement\w*|hyaluronic acid|synvisc|orthovisc|platelet[- ]rich plasma|prp)")
#: sentences about the requested equipment (a reason for it is read only there)
_EQUIPMENT = (r"\b(?:walker|rollator|cane|wheelchair|scooter|crutch\w*|hospital bed|commode|shower (?:chair|bench)|"
              r"tub bench|grab bars?|brace|orthosis|orthotics?|splint|sling|(?:patient|hoyer|stair|lift) (?:lift|chair)|"
              r"mattress|cushion|equipment|device|dme|workstation|recliner)\b")
_GYM = r"\b(?:gym|pool|aquatic|health club|fitness|membership|ymca)\b"
#: exercise equipment a physician may name, one a row
GYM_EQUIPMENT: tuple[str, ...] = (r"leg press", r"cable (?:machine|column)s?", r"(?:weight|exercise|resistance) machines?",
                                  r"squat rack", r"elliptical", r"rowing machine", r"free weights")
_GYM_EQUIPMENT = "|".join(GYM_EQUIPMENT)
_OPIOID = (r"\b(?:opioids?|opiates?|narcotics?|norco|hydrocodone|oxycodone|percocet|oxycontin|tramadol|ultram|morphine|"
           r"ms contin|methadone|fentanyl|duragesic|dilaudid|hydromorphone|tapentadol|nucynta|codeine|buprenorphine|"
           r"butrans|suboxone|medications?)\b")
_WORDS3 = rf"(?:(?!{_CUE_WORD})\w+ ){{0,3}}"
_GAP = rf"(?:(?!\b{_CUE_WORD})[^.]){{0,45}}"
_STUDY = r"(?:mri|ct|imaging|study|studies|scans?|emg|ncs|x-?rays?|films|radiographs?)"
#: anticoagulants by class word, generic and brand name, one a row: a GI and bleeding risk factor for an NSAID and a
#: medical comorbidity (`gi_risk`, `bleeding_risk`, `medical_comorbidity`)
ANTICOAGULANTS: tuple[str, ...] = (
    r"anticoagula\w*", r"blood thinners?", r"warfarin", r"coumadin", r"jantoven", r"eliquis", r"apixaban", r"xarelto",
    r"rivaroxaban", r"pradaxa", r"dabigatran", r"savaysa", r"edoxaban", r"enoxaparin", r"lovenox", r"heparin",
)
#: the parts of a limb radicular pain travels into, one a row
_LIMB_PARTS = "|".join((r"arms?", r"forearms?", r"hands?", r"thumbs?", r"fingers?", r"digits?", r"legs?", r"thighs?",
                        r"calf", r"calves", r"feet", r"foot", r"toes?", r"upper extremit\w+", r"lower extremit\w+"))
#: treatments for insomnia (hypnotics, sleep hygiene, CBT for insomnia)
_SLEEP_AIDS = (r"ambien|zolpidem|trazodone|lunesta|eszopiclone|sonata|zaleplon|restoril|temazepam|belsomra|suvorexant|"
               r"melatonin|sleep hygiene|cbt-?i")
#: a word naming a drug or the drugs: the subject of "was tapered", "was reduced"
_DRUG_WORD = (r"(?:medications?|meds|opioids?|narcotics?|analgesics?|doses?|dosages?|pills|tablets|"
              + "|".join(sorted((re.escape(n) for n in DRUGS), key=len, reverse=True)) + ")")
#: a sentence about another joint and not the knee: its drawer test, effusion or instability is not the knee's
_NOT_KNEE = (r"^(?!.*\b(?:knees?|menisc\w*|patell\w*|acl|mcl|lcl|pcl|cruciate|tibiofemoral)\b).*\b(?:ankles?|"
             r"talofibular|atfl|calcaneofibular|shoulders?|glenohumeral|elbows?|wrists?|hips?|thumbs?|fingers?)\b")

#: motions as exam notes abbreviate them ("IR limited", "abd 100"), one a row
MOTION_ABBREVIATIONS: tuple[str, ...] = (r"\bir\b", r"\ber\b", r"\babd\b", r"\badd\b", r"\bflex\b", r"\bext\b",
                                         r"\bfe\b", r"\brot\b")
_MOTION_ABBR = "|".join(MOTION_ABBREVIATIONS)
#: how much a motion is limited ("moderately reduced")
_DEGREE = r"(?:(?:mildly|moderately|markedly|severely|significantly|slightly|somewhat|very|noticeably|globally) )?"
#: a red flag named in a review of symptoms
_RED_FLAG = (r"(?:fevers?|chills|(?:unexplained )?weight loss|night sweats|incontinence|saddle an(?:a|e)sthesia|cauda "
             r"equina|bowel|bladder|(?:urinary )?retention|cancer|malignan\w*|tumou?rs?|infection|fractures?|"
             r"dislocations?|progressive (?:weakness|numbness))")
#: a case about the knee names it (a drawer test alone may be the ankle's: "positive anterior drawer" of a sprain)
_KNEE_CASE = (r"\b(?:knees?|menisc\w*|patell\w*|acl|mcl|lcl|pcl|cruciate|tibiofemoral|lachman\S*|mcmurray\S*|pivot[- ]shift|"
              r"(?:valgus|varus) stress)")
#: a sentence about the knee: its own words, or a test only the knee has
_KNEE = (r"\b(?:knees?|menisc\w*|patell\w*|acl|mcl|lcl|pcl|cruciate|tibiofemoral|lachman\S*|(?:anterior|posterior) "
         r"drawer|pivot[- ]shift|hemarthrosis|mcmurray\S*|apley\S*|thessaly|joint line|(?:valgus|varus) stress)")

#: a complaint the record reports at a visit, one phrasing a row: the complaint is present at that visit, and the latest
#: visit's reading decides `symptoms_persist` ("On 04/10/2015 he reported burning pain 8/10"; a later "the pain has
#: resolved" is False). Its negation says nothing ("denies numbness" is one symptom absent, not the complaint resolved),
#: and in one sentence a resolution stated (an `absent` row, read first) wins over it ("reported that the pain had
#: resolved")
_SYMPTOM = r"(?:pain|numbness|tingling|weakness|stiffness|swelling|instability|symptoms|complaints|paresthesias?)"
_NOT_A_COMPLAINT = r"(?![ -](?:relief|reduction|decrease|improvement|scores?|management|medications?|control|free)\b)"
#: a report of pain that is better ("reported decreased shoulder pain", "has less pain") tells of improvement, not of
#: the complaint persisting unchanged: it states no `symptoms_persist` (review of this session's changes)
_NOT_BETTER = r"(?!(?:decreas|less\b|lesser|minimal|improv|reduc|resolv|better|no\b|mild(?:er)?\b))"
COMPLAINT_AT_VISIT: tuple[str, ...] = (
    r"\bcomplain(?:s|ed|ing)? of\b", r"(?<!\w)c/o\b",                       # "c/o LBP": complains of
    rf"\b(?:reports?|reported|reporting|endorses?|endorsed|describes?|described|presents? with|presented with) "
    rf"(?:{_NOT_BETTER}[\w-]+ ){{0,4}}{_SYMPTOM}\b{_NOT_A_COMPLAINT}",
    rf"\b(?:has|have) (?:{_NOT_BETTER}[\w-]+ ){{0,3}}{_SYMPTOM}\b{_NOT_A_COMPLAINT}",
    r"\b(?:rates?|rated|rating) (?:his |her |their |the )?(?:[\w-]+ )?pain\b(?! (?:at |as )?0\s*(?:/|out of)\s*10)",
    r"\bpain (?:is|was|remains|remained|level (?:is|was)) (?:rated )?(?:at )?[1-9]\d?\s*(?:/|out of)\s*10",
)

FINDINGS: tuple[FindingSpec, ...] = (
    # --- neurologic and provocative exam signs ---
    FindingSpec("radicular_signs", (*positive(*RADICULAR_TESTS),
        r"positive (?:slr|spurling\S*)", r"\bslr\b(?: was)? positive",
        r"(?<![\w+])\+\s?(?:slr\b|straight[- ]leg)",                            # "+ SLR on the left at 40 degrees"
        r"(?:spurling\S*|straight[- ]leg[- ]rais\w*|\bslr\b)(?: \w+){0,3} (?:reproduc|elicit|provok)\w* (?:\w+ ){0,3}"
        r"(?:radiating|radicular|shooting) (?:pain|symptoms)",
        # the test sends the pain into the limb: "Spurling's reproduces pain into the right thumb"
        rf"(?:spurling\S*|straight[- ]leg[- ]rais\w*|\bslr\b)(?: (?!{_CUE_WORD})\w+){{0,3}} (?:reproduc|elicit|provok)\w* "
        rf"(?:\w+ ){{0,2}}(?:pain|symptoms|paresthesias?|numbness|tingling) (?:in|into|down|to|along) (?:the )?(?:\w+ ){{0,4}}"
        rf"(?:{_LIMB_PARTS})\b",
        r"(?:dermatomal|radicular) (?:pattern|distribution) (?:of )?(?:numbness|sensory loss|pain)",  # on exam
    ), absent=negative(*RADICULAR_TESTS), exam=True,
        deny_only=(r"radicular (?:findings|signs)",)),                       # "no radicular findings"
    FindingSpec("entrapment_signs", (*positive(*ENTRAPMENT_TESTS),
        r"positive (?:tinel\S*|phalen\S*|durkan\S*)",
        r"numbness (?:of|in) the (?:\w+ ){0,4}(?:digits|fingers)", r"paresthesias? (?:of|in) the (?:\w+ ){0,2}hands?",
    ), absent=negative(*ENTRAPMENT_TESTS), exam=True,
        deny_only=ENTRAPMENT_TESTS),                                         # "no ulnar nerve Tinel's sign"
    FindingSpec("focal_neuro_deficit", (
        r"(?:decreased|diminished|reduced|absent|altered|loss of) (?:\w+ ){0,2}(?:" + _SENSORY + r"|reflex\w*)",
        r"(?:" + _SENSORY + r") (?:sensation )?(?:was |is |were |are )?(?:decreased|diminished|reduced|absent|impaired)",
        r"sensation (?:was |is )?(?:decreased|diminished|reduced|absent|impaired|altered|lost)",
        r"\bhypo?a?esthesi\w*", r"\bhypalgesi\w*|\bhypoalgesi\w*",             # decreased sensation, in one word
        r"\bhyporeflexi\w*", r"\bareflexi\w*",                                  # reflexes decreased or absent, in one word
        r"two[- ]point discrimination (?:was |is )?(?:\w+ )?(?:diminished|decreased|impaired|abnormal|increased|widened)",
        r"(?:diminished|decreased|impaired|abnormal) two[- ]point discrimination",
        r"(?:ankle|knee) jerks? (?:was |were |is |are )?(?:absent|diminished|decreased|hypoactive|trace|1\+?)",
        r"reflex\w* (?:was |were |is |are )?(?:0|1\+?|trace|diminished|decreased|absent|hypoactive)\b",
        r"foot drop", _NUMBER_WEAK, r"(?<![\d/.])[0-4]\+? out of 5", r"dermatom\w* deficit", r"myotom\w*",
        r"(?:weakness|weak) (?:of|in) the", r"motor deficit", r"neurologic(?:al)? deficit",
        rf"\b(?:{_MYOTOMAL}) (?:strength )?(?:was |is |were |are )?(?:(?!not\b)\w+ )?(?:weak|weakened)\b",  # "EHL was weak"
        rf"\bweak(?:ness)? (?:of |in |with )?(?:the )?(?:(?:left|right|bilateral) )?(?:{_MYOTOMAL})\b",
        r"(?:motor|sensory)(?: (?:or|and|and/or) (?:motor|sensory))? (?:deficits?|loss)",   # "no motor or sensory deficits"
        r"(?:motor|sensory|reflex)(?:,? (?:(?:or|and|and/or) )?(?:motor|sensory|reflex)){1,2} (?:deficits?|loss|changes)",
    ), absent=(
        r"normal (?:sensation|strength|reflexes|neurologic\w*)",
        r"neuro(?:logic(?:al)?)? exam\w*[^.]{0,40}\b(?:normal|intact|unremarkable|non-?focal)\b",
        r"(?:normal|intact|unremarkable|non-?focal) (?:\w+ ){0,2}neuro(?:logic(?:al)?)? exam",   # "normal UE neuro exam"
        r"(?:reflexes|dtrs?) (?:were |are |was |is )?2\+",
        r"(?:sensation|sensory(?: exam\w*| testing)?|neurologic\w*|\bneuro\b|neurovascular\w*|motor(?: and sensory)?|strength|reflexes)"
        r"[^.]{0,40}\b(?:intact|"
        r"normal|within normal limits|wnl|5/5)\b",                         # WNL: within normal limits
        r"\bno (?:focal )?neurologic(?:al)? (?:deficits?|symptoms|findings)\b", r"neurologically intact",
        r"intact (?:motor )?(?:strength|sensation|reflexes)", r"\b5/5 (?:motor )?strength",
    ),
        # strength grades of a joint's movements (shoulder rotation, quadriceps) are not focal neurologic deficits
        not_in=r"^(?!.*(?:dermatom|myotom|\b[lcs]\d\b|sensation|reflex)).*(?:rotation|abduction|adduction|rotator|"
               r"supraspinatus|infraspinatus|shoulder|knee|quadriceps|hamstring|hip flex)", absent_despite_not_in=r"\bneuro",
        # a deficit of the nerves in the same sentence ("normal sensation, diminished reflexes"; not "decreased range of
        # motion"), or "normal except ..."
        absent_unless=_NUMBER_WEAK + r"|(?:decreased|diminished|reduced|absent) (?:\w+ ){0,3}(?:sensation|reflex\w*|"
                      r"strength|motor|light touch|pinprick)|(?:sensation|reflex\w*|strength)\b[^.]{0,60}\b(?:decreased|"
                      r"diminished|reduced|absent)\b(?! (?:\w+ ){0,2}(?:range|motion|rom|flexion|extension))|\bexcept\b",
        exam=True),
    FindingSpec("myelopathy_signs", (*positive(*CORD_TESTS),
        rf"(?:{'|'.join(CORD_TESTS)}){_TEST_TAIL}(?:present|upgoing)",
        r"hyper-?reflexi\w*", r"\bclonus\b", r"(?:spastic|ataxic|myelopathic|broad[- ]based) gait", r"\bspasticity\b",
        r"sensory level", r"up-?going (?:toes?|plantar\w*)", r"toes (?:were |are )?(?:up-?going|extensor)", r"extensor plantar response", r"long[- ]tract signs",
        r"(?:signs|findings) of (?:cervical |thoracic )?(?:cord compression|myelopathy)", r"myelopathic (?:signs|findings)",
    ), absent=(*negative(*CORD_TESTS), r"down-?going (?:toes?|plantar\w*)", r"flexor plantar responses?",
               r"toes (?:were |are )?(?:down-?going|flexor)", r"plantar responses? (?:were |was |are )?flexor"), exam=True),
    FindingSpec("tissue_insult_signs", (*positive(*LESION_TESTS),
        r"snuff ?box (?:tenderness|pain)", r"(?:tender\w*|pain) (?:\w+ ){0,3}(?:anatomic(?:al)? )?snuff ?box",
        *CUFF_WEAKNESS,
    ), absent=negative(*LESION_TESTS), affirm_only=LIMB_VASCULAR, exam=True),
    FindingSpec("objective_insult_signs", (*positive(*INSULT_TESTS), *CUFF_WEAKNESS),
                absent=negative(*INSULT_TESTS), affirm_only=LIMB_VASCULAR, exam=True),
    FindingSpec("knee_mechanical_signs", (*positive(*MENISCAL_TESTS, *KNEE_LIGAMENT_TESTS),   # instability: a ligament test
        *LACHMAN_GRADED,
        r"effusion", r"joint line tenderness", r"\blocking", r"catching", r"giving way", r"instability",
    ), absent=negative(*MENISCAL_TESTS), not_in=_NOT_KNEE,
        case_only_in=_KNEE_CASE),                        # a meniscal tear is a diagnosis or a study's lesion
    FindingSpec("knee_instability", (*positive(*KNEE_LIGAMENT_TESTS), *LACHMAN_GRADED,
        r"instability", r"giving way", r"gives way", r"(?:ligamentous )?laxity",
        r"(?:acl|mcl|lcl|pcl|cruciate|collateral) (?:ligament )?(?:tear|rupture|laxity|insufficiency)",
        r"patellar (?:instability|dislocation|subluxation)",
    ), absent=(*negative(*KNEE_LIGAMENT_TESTS), r"stable to (?:varus|valgus)",), not_in=_NOT_KNEE, case_only_in=_KNEE_CASE),
    FindingSpec("knee_acute_signs", (*positive(*KNEE_LIGAMENT_TESTS[:3]),
        r"(?:unable|could not|inability) to (?:bear weight|walk)", r"non-?weight[- ]bearing",
        r"swell\w* (?:\w+ ){0,3}within (?:an hour|hours|(?:\d+|one|two|three|four|five|six|a few) hours)",
        r"flexion (?:\w+ ){0,3}(?:to|of) (?:[1-8]\d|\d) degrees", r"hemarthrosis",
        r"flexion of the (?:\w+ ){0,2}knee (?:was |is )?(?:limited |restricted )?(?:to|of) (?:[1-8]\d|\d) degrees",
    ), absent=negative(*KNEE_LIGAMENT_TESTS[:3]), not_in=_NOT_KNEE,
        only_in=_KNEE),                       # lumbar flexion to 40 degrees, a foot not bearing weight: not the knee's
    FindingSpec("ottawa_signs", (
        r"(?:tender\w*|pain|\bttp\b) (?:\w+ ){0,7}(?:malleol\w*|navicular|(?:base of the )?(?:fifth|5th) metatarsal)",
        r"(?:unable|inability) to bear weight for (?:four|4) steps",
        r"(?:unable to|could not|cannot|can ?not) (?:take|walk) (?:four|4) steps",        # "could not take four steps"
        # the bone named first ("no malleolar or midfoot bone tenderness")
        r"(?:malleol\w*|navicular|(?:fifth|5th) metatarsal|midfoot)(?: (?:or|and) \w+)? (?:bone |bony )?tender\w*",
    ), absent=(r"\bable to (?:bear weight|walk|take) (?:for )?(?:four|4) steps",)),
    FindingSpec("muscle_spasm", (r"\bspasms?\b",)),
    FindingSpec("trigger_points", (
        rf"(?:trigger points?|\btps?\b){_GAP}(?:twitch|referred pain|taut band)", r"twitch response", r"taut bands?",
    ), deny_only=(r"trigger points?\b(?! injections?)",)),                      # "no trigger points were palpated"
    FindingSpec("objective_functional_deficit", (
        r"difficult\w* (?:with )?(?:activities of daily living|adls?|walking|sitting|standing|lifting|sleeping|"
        r"performing|dressing|gripping|reaching|bending)",
        r"not tolerating", r"unable to (?:walk|sit|stand|lift|work|perform|bear weight)",
        r"(?:decreased|limited|restricted|reduced|painful) (?:[\w-]+,? (?:and )?){0,8}(?:range of motion|rom|strength|"
        r"grip|motion|rotation|flexion|extension|abduction|mobility)",                                         # "decreased cervical, lumbar and shoulder range of motion"
        rf"(?:range of motion|\brom) (?:was |is |were )?(?:noted to be )?{_DEGREE}(?:decreased|limited|restricted|reduced|"
        r"painful)",
        rf"range of motion (?:of|in) the (?:\w+ ){{1,3}}(?:was |is |were )?{_DEGREE}(?:decreased|limited|restricted|reduced)",
        rf"(?:grip|grip strength|mobility|flexion|extension|abduction|rotation|motion|movements?|{_MOTION_ABBR}) "
        rf"(?:of the (?:\w+ ){{1,2}})?"
        rf"(?:was |is |were |are )?(?:noted to be )?{_DEGREE}(?:decreased|diminished|limited|reduced|restricted|weak)",
        r"pain (?:with|on) (?:\w+ ){0,2}(?:range of motion|motion|movement)",    # as "painful range of motion"
        r"unable to (?:heel|toe)[- ]walk|unable to walk on (?:his |her )?(?:heels|toes)",
        r"pain-limited \w+", r"difficulty (?:with|performing|doing|in) ", r"antalgic", r"limp\w*",
        r"functional (?:deficits?|limitations?)", r"weakness", _NUMBER_WEAK, r"grip strength (?:was |of )?0",
        # a motion measured "with pain" ("lumbar flexion to 60 degrees with pain"), as "painful range of motion"
        r"\b(?:flexion|extension|rotation|abduction|(?:range of )?motion|\brom)\b(?: [\w-]+){0,4} with pain\b",
        # a walking aid, stairs the worker cannot climb
        r"\b(?:walks|walking|ambulates?|ambulating|ambulation) (?:\w+ ){0,3}with (?:a |the |an )?(?:single[- ]point )?"
        r"(?:cane|walker|crutch\w*|rollator)",
        r"\buses? (?:a |the )?(?:cane|walker|crutch\w*|rollator) (?:to|for) (?:walk|ambulat)\w*",
        r"(?:unable to|cannot|can ?not|could not) (?:climb|negotiate|go up|manage) (?:the |any )?stairs",
    ), absent=(
        r"full (?:range of motion|rom\b)", r"(?:range of motion|\brom) (?:was |is |were )?(?:noted to be )?(?:full|unrestricted|normal|"
        r"within normal limits)",
        r"range of motion (?:of|in) the (?:\w+ ){1,3}(?:was |is |were )?(?:full|unrestricted|normal|within normal limits)",
    ), absent_unless=r"(?:decreased|limited|restricted|reduced|painful) (?:[\w-]+,? (?:and )?){0,8}(?:range of motion|"
                     r"rom|motion)|" + _NUMBER_WEAK + "|weakness", exam=True),
    # --- red flags and symptoms ---
    # one red flag denied ("no signs of infection" at a wound) is that flag absent, not all: only "no red flags" or a
    # denial of several ("denies fever, weight loss or bladder changes") states them absent
    FindingSpec("red_flags", (r"red flags?",), affirm_only=(*LOCAL_RED_FLAGS, *NEUROLOGIC_RED_FLAGS, *SYSTEMIC_RED_FLAGS),
                deny_only=(rf"{_RED_FLAG}\b[^.;]{{0,50}}\b{_RED_FLAG}",)),
    FindingSpec("neuropathic_pain", (
        r"neuropath\w*", r"burning", r"radiculopathy", r"radicular pain", r"numbness", r"tingling", r"neuralgia",
        r"allodynia", r"hyperalgesia", r"dysesthesia", r"paresthesia", r"nerve pain", r"\bcrps\b", r"complex regional",
        r"pins and needles", r"electric(?:al)?[- ](?:shock|like)", r"shooting pain", r"lancinating", r"\bsciatica\b",
    ),  # an electrodiagnostic result is `electrodiagnostic_corroboration`, not the worker's symptom
        not_in=r"\b(?:emg|ncv|ncs|nerve conduction|electrodiagnostic|electromyogra\w*)"),
    FindingSpec("acute_exacerbation", (
        r"(?:acute )?exacerbation", r"flare[- ]?ups?", r"\bflared\b", r"\bflares?\b(?![- ]?ups?)", r"acute (?:on chronic|worsening)",
        r"re-?aggravat\w*",
    )),
    FindingSpec("symptoms_persist", (
        r"continues? to (?:\w+ ){0,2}(?:complain|report|have|experience|note|endorse|describe)",
        r"continued (?:\w+ ){0,3}(?:complaints?|pain|symptoms|weakness|numbness|stiffness|instability)",
        r"\bpersist\w*", r"remains? (?:symptomatic|painful)",
        r"ongoing (?:\w+ ){0,3}(?:pain|complaints?|symptoms|issues|problems)",
        r"still (?:has|have|had|reports?|complains?|experienc\w*|notes?)",
        r"(?:currently|presently),? (?:the )?(?:\w+ ){0,3}complain\w*",   # "Currently, the injured worker complains of"
        r"\bunresolved\b", r"\bnow (?:complains?|reports?|has|rates?)\b",
        r"\bstill (?:could not|cannot|can ?not|(?:is |was )?unable to)\b",        # "he still could not bear full weight"
        r"\b(?:has|have|had) not (?:yet )?(?:fully |completely )?resolved",       # "the neck pain has not resolved"
    ), absent=(
        r"^(?:pain|symptoms|complaints) (?:have |has |had )?(?:now )?(?:completely |fully )?resolved",  # "Symptoms resolved"
        r"(?:his|her|the|all(?: of (?:his|her|the))?) (?:[\w-]+ ){0,3}?(?:pain|symptoms|complaints) (?:has |have |had )?"
        r"(?:now |since |since then |subsequently )?"
        r"(?:completely |fully )?resolved",                                  # "her symptoms have resolved"
        r"(?:is|was|now|remains) (?:asymptomatic|pain[- ]free)",
        r"no longer (?:has|had|reports?|complains?|experienc\w*) (?:of )?(?:any )?(?:\w+ ){0,2}(?:pain|symptoms)",
        r"resolution of (?:his |her |the |all )?(?:pain|symptoms)",
    ), affirm_only=COMPLAINT_AT_VISIT),
    FindingSpec("new_findings_since_study", (
        r"new(?:ly)? (?:onset (?:of )?)?(?:\w+ ){0,2}(?:numbness|weakness|tingling|deficits?|symptoms|findings|"
        r"neurologic\w*|injury|injuries|fall|trauma)",                        # "new left leg weakness", "a new injury"
        r"(?:progressive|progressing|worsening|increasing) (?:\w+ ){0,2}(?:numbness|weakness|neurologic\w*|"
        r"deficits?|symptoms)",
        rf"\b(?:worse|worsened|changed|progressed) since (?:the |his |her )?(?:prior|previous|last|earlier)? ?{_STUDY}",
        r"significant(?:ly)? (?:worse|worsen\w*)",
    ), absent=(
        rf"(?:unchanged|stable|no (?:significant )?change)[^.]{{0,30}}since (?:the |his |her )?"
        rf"(?:prior|previous|last|earlier)? ?{_STUDY}",                    # "unchanged since the prior MRI"
    )),
    FindingSpec("sitting_standing_intolerance", (
        rf"(?:worse\w*|aggravated|increased|exacerbated|pain) {_WORDS3}(?:with|by|on) (?:prolonged )?(?:sitting|standing)",
        rf"(?:prolonged )?(?:sitting|standing){_GAP}(?:worse\w*|aggravat\w*|increas\w*|difficult|intoleran\w*|painful)",
        r"not tolerating sitting", r"unable to (?:sit|stand) for",
        r"(?:difficulty|trouble|intoleran\w*) (?:with |to )?(?:prolonged |long )?(?:sitting|standing)",
        # a list of what makes it worse ("worse with extension and standing")
        r"(?:worse\w*|aggravated|increased|exacerbated) (?:with|by|on) (?:(?!not\b|no\b)[\w-]+,? (?:and |or )?){1,3}"
        r"(?:prolonged )?(?:sitting|standing)",
        r"\b(?:with|after|during) prolonged (?:sitting|standing)",     # "tingling ... with prolonged sitting"
        r"(?:cannot|can ?not|unable to|could not) (?:sit|stand) (?:for )?(?:any )?(?:longer|more) than",
        r"\b(?:can|could) (?:only|not) (?:sit|stand) (?:for )?(?:more than |longer than )?(?:\w+ ){0,2}(?:minutes?|hours?)",
        # a tolerance stated in minutes ("sitting tolerance 15 min")
        r"(?:sitting|standing) tolerance (?:(?:is|was|of) )?(?:limited|(?:about |approximately )?\d+\s*(?:min|minutes)\b)",
    ), absent=(
        r"\btolerates (?:prolonged )?(?:sitting|standing)",
        r"\bable to (?:sit|stand) (?:\w+ ){0,4}without (?:difficulty|pain|increased pain)",
        r"\bable to (?:sit|stand) (?:\w+ ){0,4}without (?:an? )?(?:increase|worsening) (?:in|of) (?:\w+ )?(?:pain|symptoms)",
    )),
    FindingSpec("cardiac_symptoms", (
        r"chest pain", r"palpitations?", r"(?:near[- ]|pre-?)?syncop\w*", r"\bfaint(?:ed|ing)\b", r"passed out",
        r"(?:dyspnea|shortness of breath) (?:on|with) exertion", r"exertional (?:dyspnea|chest pain|shortness of breath)",
        r"irregular(?:ly irregular)? (?:pulse|heart ?(?:beat|rate|rhythm)|rhythm)",
        r"(?:pulse|heart ?(?:beat|rate|rhythm)|rhythm) (?:was |is )?(?:irregular|irregularly irregular)\b",
    )),
    FindingSpec("sleep_disorder_signs", (
        r"(?:witnessed |observed )?apneas?\b", r"apneic", r"sleep apnea", r"\bosa\b", r"snor\w+",
        r"(?:excessive )?daytime (?:somnolence|sleepiness)", r"hypersomnolence", r"cataplexy", r"narcolepsy",
        r"periodic limb movements?", r"restless legs?",
        r"falls? asleep (?:\w+ ){0,3}(?:during the day|while driving|at work|during conversations?)",
    )),
    FindingSpec("insomnia_refractory", (
        r"(?:refractory|intractable|treatment[- ]resistant|persistent) insomnia",
        r"insomnia (?:\w+ ){0,3}(?:refractory|resistant|unresponsive) to",
        # "insomnia persists despite sleep hygiene and zolpidem": despite both, read where both are named
        r"(?:insomnia|difficulty (?:falling |staying )?(?:asleep|sleeping)|sleep (?:disturbance|difficult\w*|problems))"
        r"[^.]{0,60}despite",
        r"\bdespite (?:\w+ ){0,3}(?:cbt-?i?|cognitive behavio\w* therapy|sleep hygiene)\b",     # "Despite CBT for insomnia and"
        # a sleep treatment tried, then the sleep still broken: "has taken zolpidem since May, yet still wakes at night"
        rf"\b(?:{_SLEEP_AIDS})\b[^.]{{0,120}}\b(?:yet|but|still)\b[^.]{{0,20}}\b(?:wakes|waking|awakens|awakening|"
        r"(?:is |remains )?unable to (?:fall |stay )?(?:asleep|sleep)|cannot sleep|sleeps poorly|poor sleep)",
    ), absent=(
        r"(?:sleep|insomnia) (?:has |have )?(?:improved|better|resolved) (?:with|after|since)",   # "sleep improved with"
        rf"(?:{_SLEEP_AIDS})\b(?: \w+){{0,3}} (?:helps?|helped|improved|is effective|was effective)",
    ), only_in=r"insomnia|sleep"),
    FindingSpec("severe_psychiatric_symptoms", (
        r"suicid\w*", r"(?:thoughts|ideation) of (?:self[- ]harm|harming (?:him|her)self)", r"homicidal",
        r"psychos[ie]s", r"psychotic", r"hallucinations?", r"delusion\w*", r"gravely disabled",
        r"unable to (?:function|care for (?:him|her)self) (?:\w+ ){0,3}(?:because of|due to|secondary to) "
        r"(?:\w+ ){0,2}(?:depression|anxiety|psychiatric)",
    )),
    # --- medical risk ---
    FindingSpec("gi_risk", (
        r"gastritis", r"dyspepsia", r"\bgerd\b", r"reflux", r"(?:peptic )?ulcers?\b", r"perforation",
        r"gi (?:bleed\w*|upset|symptoms|distress)", r"gastrointestinal (?:bleed\w*|upset|symptoms|distress|issues|"
        r"complaints)", r"stomach (?:upset|pain|issues)", r"heartburn", *ANTICOAGULANTS,
        r"plavix", r"clopidogrel", r"h\. pylori", r"melena", r"\baspirin\b", r"prednisone",
        r"\bpud\b", r"\basa\b", r"\bgib\b", r"\bugib\b",               # peptic ulcer disease, aspirin, GI bleed
        r"(?:oral|systemic) (?:cortico)?steroids",
        r"\bupsets? (?:his |her |the |my )?stomach",                        # 'ibuprofen - "upsets his stomach"'
    ), deny_only=(
        # "no history of GI problems", "no GI history", "reports no stomach problems"
        r"\b(?:gi|gastrointestinal|stomach) (?:problems|history|issues|complaints|complications)",
    )),
    FindingSpec("bleeding_risk", (
        *ANTICOAGULANTS,
        r"bleeding (?:disorder|tendency|history)", r"hemophilia", r"coagulopathy", r"thrombocytopenia",
        r"von willebrand",
    )),
    FindingSpec("cardiac_risk", (
        r"coronary", r"heart (?:disease|failure|attack)", r"myocardial", r"\bchf\b", r"\bcad\b", r"arrhythmia",
        r"atrial fibrillation", r"diabetes", r"diabetic", r"hypertension", r"\bhtn\b", r"cardiac",
        r"(?:elevated|elevating|high|raised) blood pressure", r"blood pressure (?:was |is )?(?:elevated|elevating|high)",
    )),
    FindingSpec("medical_comorbidity", (
        r"comorbidit\w*", r"co-morbidit\w*", r"(?:chronic|significant|serious) medical (?:problems|conditions|illness\w*)",
    ), absent=(
        r"(?:past )?medical history (?:is |was )?(?:\w+ ){0,2}(?:noncontributory|non-contributory|negative|unremarkable|"
        r"none)",                                                          # "past medical history is unremarkable"
        r"\bp?mh (?:is |was )?(?:\w+ ){0,2}(?:noncontributory|non-contributory|negative|unremarkable|none|nil)\b",  # "PMH: none"
        r"no (?:significant |other |known |pertinent )?(?:past )?medical (?:history|problems|conditions|illness\w*)",
        r"otherwise (?:healthy|in good health)",
    ), affirm_only=(
        r"diabet\w*", r"hypertensi\w*", r"\bhtn\b", r"high blood pressure", r"coronary", r"heart (?:disease|failure|attack)",
        r"myocardial infarction", r"\bchf\b", r"\bcad\b", r"atrial fibrillation", r"arrhythmia", r"\bcopd\b",
        r"emphysema", r"asthma", r"(?:lung|pulmonary) disease", r"(?:kidney|renal) (?:disease|failure|insufficiency|"
        r"impairment)", r"\bckd\b", r"(?:liver|hepatic) (?:disease|failure|impairment)", r"cirrhosis", r"hepatitis",
        r"anemi\w*", r"bleeding disorder", r"coagulopathy", r"hemophilia", r"thrombocytopenia", r"diuretics?",
        r"hydrochlorothiazide", r"\bhctz\b", r"furosemide", r"lasix", r"ace inhibitors?", r"lisinopril", r"enalapril",
        *ANTICOAGULANTS,
    )),
    FindingSpec("fusion_risk_factors", (
        r"risk factors? for (?:a )?(?:failed fusion|non-?union|pseudarthrosis)",
    ), absent=(), affirm_only=FUSION_RISKS,
        # a denial of several ("no diabetes, kidney disease or osteoporosis") states them absent, as for red flags
        deny_only=(rf"(?:{'|'.join(FUSION_RISKS)})\b[^.;]{{0,50}}\b(?:{'|'.join(FUSION_RISKS)})",)),
    # the fusion requested is itself the risk when it spans more than one level ("a three-level fusion is proposed")
    FindingSpec("fusion_risk_factors", (r"(?:multi|two|three|four|2|3|4)[- ]level (?:\w+ )?fusion",), ignore=PLAN),
    # --- drugs ---
    FindingSpec("first_line_failed", (
        rf"fail\w* (?:\w+ ){{0,3}}(?:trials? (?:of|with) |to respond to )?(?:\w+ ){{0,3}}(?:{_FIRST_LINE})",
        rf"(?:intoleran\w*|could not tolerate|did not tolerate)\s+(?:of |to )?(?:\w+ ){{0,2}}(?:{_FIRST_LINE})",
        rf"(?:did not|failed to) respond (?:to )?(?:\w+ ){{0,3}}(?:{_FIRST_LINE})",     # "did not respond to a trial of"
        rf"\bno (?:\w+ )?(?:response|relief|benefit) (?:to|from|with) (?:\w+ ){{0,3}}(?:{_FIRST_LINE})",
        rf"(?:{_FIRST_LINE})\b[^.]{{0,40}}\b(?:ineffective|not effective|not tolerated|did not help|discontinued|"
        rf"stopped|d/c'?d(?!\w))",
        # a note's parenthesis after the drug: "amitriptyline (no help)", "gabapentin x 3 months (no benefit, nausea)"
        rf"(?:{_FIRST_LINE})\b[^.()]{{0,40}}\(\s*(?:no|without) (?:help|benefit|relief|improvement)\b",
    ), absent=(
        rf"(?:{_FIRST_LINE})\b(?: \w+){{0,4}} (?:helps|helped|is helpful|has been helpful|is effective|has been effective|"
        rf"provides? (?:good |significant )?relief)",                         # "gabapentin has been helpful"
        rf"(?:never|not) (?:been )?(?:tried|trialed|prescribed|taken) (?:an? |any )?(?:{_FIRST_LINE})",
    )),
    FindingSpec("first_line_analgesic_tried", (
        rf"\b(?:{_FIRST_ANALGESIC})\b",
    ), not_in=r"\b(?:plan of care|treatment plan|plan (?:included|includes)|prescription for|(?:was|were) prescribed|"
              r"dispensed|requests?|requested|recommend\w*|to start|will start|allerg\w*|contraindicat\w*|"
              r"(?:cannot|unable to) take)\b"),
    FindingSpec("opioid_monitoring", (
        r"urine (?:drug|toxicology) (?:screen|test)\w*(?:[^.]{0,40}\b(?:negative|positive|consistent|inconsistent|"
        r"appropriate))?",                                    # a negative screen is a screen done
        r"\buds\b(?:[^.]{0,40}\b(?:negative|positive|consistent|inconsistent))?", r"drug screen(?:ing)?",
        r"\bcures\b", r"prescription drug monitoring", r"\bpdmp\b", r"pain (?:agreement|contract)",
        r"opioid (?:agreement|contract)", r"(?:four|4) a'?s",
        r"(?:no |without )?(?:signs of |evidence of )?aberrant (?:drug[- ]?(?:\w+ )?)?behaviou?rs?",   # "no aberrant behavior"
    )),
    FindingSpec("aberrant_behavior", (
        r"inconsistent (?:urine drug|uds|drug screen|drug test|results?)",
        rf"(?:urine drug|uds|drug) (?:screen|test)\w*{_GAP}\b(?:inconsistent|positive for (?:cocaine|"
        r"methamphetamine|amphetamine|marijuana|heroin|unprescribed))",
        r"(?:request\w* (?:an? )?)?early refills?",                        # "requested early refills"
        r"lost (?:his |her )?prescriptions?", r"aberrant (?:drug[- ]?(?:\w+ )?)?behavio\w*",
        r"doctor shopping", r"diversion", r"drug[- ]seeking", r"(?:multiple|several) (?:prescribers|pharmacies)",
        r"(?:running|ran|runs) out (?:of (?:his |her )?\w+ )?(?:\w+ ){0,3}early",       # "ran out of Norco 10 days early"
        r"prescriptions? (?:was|were|had been|has been) [\"\u201c]?(?:lost|stolen|misplaced)",
        rf"\b(?:uds|urine drug (?:screens?|tests?)|drug screens?)\b{_GAP}?\binconsistent\b",   # "UDS 2/2017 inconsistent"
        # a prescribed drug missing from the screen ("UDS was negative for hydrocodone despite a prescription")
        r"negative for (?:\w+ ){1,3}(?:despite|although|even though) (?:\w+ ){0,3}(?:prescri\w+)",
    ), absent=(
        r"(?:urine drug|uds|drug|toxicology) (?:screens?|tests?)\w*(?: \w+){0,4} (?:was |were |is |are )?\bconsistent",
        r"\bconsistent (?:urine drug|uds|drug|toxicology) (?:screens?|tests?)",
        # a screen and its result a few words or a date apart ("Last UDS 07/2021 consistent", "UDS 2/2017 and 7/2017
        # consistent", "... positive for hydrocodone, consistent with prescribed medications")
        r"\b(?:uds|urine drug (?:screens?|tests?)|drug screens?)\b[^.;]{0,40}?(?:was |were |is |are )?\bconsistent\b",
        r"\bconsistent with (?:the |his |her )?(?:prescribed|current) (?:medications?|regimen|drugs?|opioids?|therapy)",
    )),
    FindingSpec("weaning_plan", (
        r"\b(?:wean|taper)\w*\b(?! (?:is |was )?not\b)", r"(?:reduce|decrease|lower) (?:the |his |her )?(?:\w+ ){0,2}(?:dose|dosage)",
        r"(?:reduce|decrease|lower|cut) (?:the |his |her )?(?:\w+ ){0,3}by \d+\s*(?:%|percent|mg)",  # "reduce the oxycodone by 10%"
    ), absent=(
        # "Weaning not planned at this time", "no plan to taper": read where the case is about opioids
        r"\b(?:weaning|tapering|wean|taper)\w* (?:is |was )?not (?:\w+ )?(?:planned|indicated|recommended|appropriate)",
        r"\bno (?:plan|intention) (?:\w+ ){0,2}to (?:taper|wean|reduce)",
    ), only_in=_OPIOID + r"|\bwean\w*|\btaper\w*", case_only_in=_OPIOID,
        not_in=r"\b(?:prednison\w*|medrol|methylprednisolone|dose ?pak|steroid|brace|crutch\w*|walker|sling)", ignore=PLAN),
    # --- care and its course ---
    FindingSpec("home_exercise_program", (
        r"home exercise", r"\bhep\b", r"exercis\w* at home", r"home program", r"home (?:stretching|strengthening)",
        r"independent (?:exercise|home) program", r"self[- ]directed (?:home )?exercise",
    )),
    # a reason exercise should bear less weight (the CPMTG aquatic therapy entry: "where reduced weight bearing is
    # desirable, for example extreme obesity"): a weight-bearing restriction, extreme obesity, land-based exercise
    # not tolerated; False where land-based exercise is tolerated
    FindingSpec("reduced_weight_bearing", (
        r"(?:non|partial|touch[- ]down|toe[- ]touch|protected)[- ]weight[- ]bearing", r"reduced weight[- ]bearing",
        r"(?:morbid|extreme|severe)(?:ly)? obes\w*", r"\bbmi (?:of |is |was )?(?:[4-9]\d)(?:\.\d)?\b",
        r"(?:unable to|cannot|can ?not|could not|does not|did not) tolerate land[- ]based",
        r"land[- ]based (?:\w+ ){0,2}(?:was |were |is )?(?:not tolerated|intolerable|too painful)",
        r"\b(?:nwb|pwb|ttwb|tdwb)\b",                       # non-, partial, toe-touch, touch-down weight bearing
    ), absent=(
        r"(?<!unable to )(?<!not )(?<!cannot )tolerat\w* land[- ]based", r"full[- ]weight[- ]bearing",
        r"weight[- ]bearing as tolerated", r"\b(?:fwb|wbat)\b",
    )),
    FindingSpec("homebound", (
        r"homebound", r"home[- ]bound", r"bed[- ]?bound", r"confined to (?:the )?(?:home|bed)", r"wheelchair[- ]bound",
        r"(?:unable to|cannot|can ?not|does not|do not) leave (?:the |his |her )?(?:home|house)",
    )),
    FindingSpec("near_mmi", (
        r"maximal medical improvement", r"maximum medical improvement", r"\bmmi\b", r"permanent and stationary",
        r"\bp&s\b",
    )),
    FindingSpec("failed_return_to_work", (
        r"(?:unsuccessful|failed) (?:attempts? (?:to|at) )?return(?:ing)? to work", r"unable to return to work",
        r"could not (?:return to|tolerate) (?:work|modified duty)",
        r"return to work (?:attempt|trial) (?:was )?(?:unsuccessful|failed)",
        r"(?:unable|not able) to (?:continue|sustain|tolerate) (?:\w+ ){0,2}(?:work|duty|job)",
        r"(?:unsuccessful|failed) (?:\w+ )?(?:rtw|return[- ]to[- ]work)\b",                 # "Failed RTW trial x1"
        # an attempt followed by its end ("attempted to return to work in March but had to stop")
        r"(?:attempted|tried) (?:to )?(?:return|go back) to (?:\w+ ){0,2}(?:work|duty)\b(?: \w+){0,3},? but (?:had to "
        r"stop|stopped|could not|was unable)",
    ), absent=(
        r"(?:has |had |successfully )?returned to (?:\w+ ){0,2}(?:work|duty)(?! (?:but|and then|only to))",
    )),
    FindingSpec("conflicting_work_reports", (
        r"conflicting (?:\w+ ){0,3}(?:work (?:status|restrictions)|opinions?|reports?|recommendations)",
        r"(?:work (?:status|restrictions?)|ability to work|fitness for (?:duty|work))(?: \w+){0,5} "
        r"(?:conflict\w*|inconsistent|differ\w*|disagree\w*)",
        r"disagree\w* (?:about|on|regarding|over|with) (?:\w+ ){0,4}(?:work|restrictions|duty)",
        r"(?:discrepan\w*|inconsisten\w*) (?:between|among|in) (?:\w+ ){0,6}(?:work|restrictions)",
    ), absent=(
        r"(?:agree\w*|concur\w*) (?:with |on |regarding |about )?(?:[\w']+ ){0,3}(?:work (?:status|restrictions)|ability "
        r"to work)",
    )),
    FindingSpec("motivated_to_change", (
        r"(?<!financially )\b(?:highly |very |well |strongly |quite )?motivated\b(?! by)",
        r"\bwilling(?:ness)? to (?:\w+ ){0,2}(?:participate|forgo|change|engage|take part|commit)",
        r"motivation (?:to|for) (?:\w+ ){0,2}(?:change|improve|return|participate|recover)",
        r"(?:good|strong|high|excellent) motivation",
        r"interested in (?:\w+ ){0,3}(?:functional restoration|program|returning to work|return to work)",
    ), absent=(
        r"\b(?:poor|low|little|limited) motivation", r"\bunmotivated\b", r"\bunwilling\b",
        r"(?:issues|evidence|signs) of secondary gain", r"secondary gain (?:issues|concerns|motives)",
    )),
    FindingSpec("diagnostic_uncertainty", (
        r"to (?:clarify|establish|confirm|determine|define) (?:the |a |his |her )?(?:\w+ )?(?:diagnosis|etiology|"
        r"source of (?:his |her |the )?(?:pain|symptoms))",
        r"diagnosis (?:is |was |remains )(?:still )?(?:unclear|uncertain|in question|undetermined|not (?:yet )?"
        r"(?:established|clear))",
        r"(?:unclear|uncertain|undetermined|unknown) (?:etiology|diagnosis|cause|source)",
        r"(?:etiology|cause|source) (?:of (?:[\w']+ ){1,4})?(?:is|remains) (?:still )?(?:unclear|uncertain|unknown|"
        r"undetermined)",                                                  # "the cause of his leg pain is unclear"
        r"(?:symptoms|findings|complaints) (?:\w+ ){0,3}(?:not|do not|does not|cannot be) (?:fully )?(?:explained|"
        r"explain)",
        r"(?:equivocal|conflicting|inconclusive) (?:\w+ ){0,2}(?:findings|results|studies|imaging)",
        r"(?:diagnostic|diagnosis is) (?:\w+ )?(?:dilemma|uncertainty|complex)",
        r"(?:for|to obtain|needs?|requires?) (?:further )?diagnostic clarification",
        r"(?:\bddx\b|differential diagnos\w*) (?:includes?|of|remains|is)\b",    # "DDx includes CRPS vs neuropathy"
    ), absent=(
        r"diagnosis (?:of (?:[\w']+ ){1,5})?(?:is |was |has been )(?:well[- ])?(?:established|confirmed|clear)",
    ), ignore=PLAN),
    # --- procedures: injections, levels of care, equipment and programs ---
    FindingSpec("injection_planned", (
        rf"{_INJECTION}(?: (?:and|or|\w+)){{0,3}} (?:steroid )?(?:injections?|blocks?)",   # "epidural and facet injections"
        r"\besis?\b", r"\bmbbs?\b", r"(?:cortisone|steroid|corticosteroid) shots?", r"\bcsis?\b",   # CSI: corticosteroid
    ), deny_only=(r"\binjections?\b",), only_in=_PLAN_WORDS + r"|\b(?:wants?|wish(?:es)?|declin\w*|refus\w*)\b",
        ignore=PLAN),                                  # "no injections are planned", "she does not want any injections"          # "no injections are planned"
    FindingSpec("injection_medication_reduced", (
        r"(?:decrease|decreased|reduce|reduced|less|lower|cut|cut down|cut back|stopped|discontinued|reduction in|decrease in) "
        r"(?:\w+ ){0,3}"
        r"(?:medications?|analgesics?|opioids?|narcotics?|pills|tablets|norco|intake|use|dosage|dose)",
        # a drug named ("was able to cut Flexeril to bedtime only", "reduced his Norco")
        rf"\b(?:cut|cut down on|cut back on|reduced|decreased|lowered|stopped) (?:his |her |the )?{_DRUG_WORD}\b",
        r"(?:medications?|analgesics?|opioids?|narcotics?) (?:use |intake )?(?:was |were )?(?:decreased|reduced|"
        r"lowered|stopped|discontinued)",
    ), absent=(
        r"(?:no (?:change|reduction|decrease)|did not (?:reduce|decrease|change)) (?:in |of )?(?:\w+ ){0,3}"
        r"(?:medications?|analgesics?|opioids?|intake|use)",
        r"(?:medications?|analgesics?|opioids?) (?:use |intake )?(?:was |were |remained |has remained )?(?:unchanged|the same)",
        r"(?:medications?|analgesics?|opioids?) (?:use |intake )?(?:did not|has not|had not) (?:change|decrease|go down)",
        r"increased (?:\w+ ){0,3}(?:medications?|analgesics?|opioids?|intake|use)",
    ), only_in=r"injection|\bblock|epidural|\besi\b|ablation|neurotomy|rhizotomy"),
    FindingSpec("pain_medication_reduced", (
        # "Norco was tapered", "her opioid dose was reduced"; not "sensation was decreased", "restrictions were reduced"
        rf"\b{_DRUG_WORD}(?: [\w/.#-]+){{0,3}} (?:was|were|has been|have been|had been|being) (?:tapered|weaned|reduced|"
        r"decreased|stopped|discontinued)",
        r"(?:tapering|weaning|weaned off|tapered off|cut back on|reduced (?:his|her|the) (?:use of )?|decreased "
        r"(?:his|her|the) (?:use of )?)(?:\w+ ){0,2}(?:medications?|opioids?|narcotics?|norco|\w+)",
        r"(?:medications?|analgesics?|opioids?|narcotics?) (?:use |intake |dose )?(?:has |have )?(?:been )?"
        r"(?:reduced|decreased|lowered|tapered|stopped|discontinued)",
        r"(?:unable to|cannot|could not|did not) tolerate (?:\w+ ){0,3}(?:medications?|nsaids?|opioids?|"
        r"anti-inflammator\w*|\w+)",                             # "unable to tolerate NSAIDs due to GI upset"
        r"(?:intoleran\w*|side effects?|adverse effects?) (?:to|of|from|with) (?:\w+ ){0,3}(?:medications?|nsaids?|"
        r"opioids?|\w+)",
        r"stopped (?:taking )?(?:the |his |her )?\w+ (?:due to|because of|for) (?:\w+ ){0,3}(?:dizziness|nausea|sedation|upset|side "
        r"effects?|drowsiness|constipation)",                    # "stopped gabapentin for dizziness"
    ), absent=(
        r"tolerat\w* (?:the |his |her |all )?(?:\w+ ){0,2}(?:medications?|regimen) (?:well|without (?:\w+ )?side effects)",
        r"continues? (?:on |with |to take )?(?:the )?same (?:medication )?regimen",
        r"no (?:side|adverse) effects? (?:from|of|with) (?:\w+ ){0,2}medications?",
        r"\bcontinu\w* (?:them|it|(?:the |his |her )?(?:same |current )?(?:medications?|regimen)) (?:unchanged|without change)",
    ), only_in=r"taper|wean|cut back|reduc|decreas|lower|stopp|discontinu|tolera(?:t|nt)|side effect|adverse effect|"
               r"same (?:medication )?regimen"),          # every phrasing above has one of these words: read only there
    FindingSpec("unable_to_self_care", (
        r"(?:requires?|needs?|dependent (?:on|upon)) (?:[\w']+ ){0,2}(?:assistance|help) (?:\w+ ){0,2}(?:with|for|in) "
        r"(?:\w+ ){0,3}(?:bathing|dressing|toileting|eating|feeding|self[- ]care|adls|activities of daily living|"
        r"transfers|ambulation)",
        r"\bdependent (?:with|for|in) (?:\w+ ){0,3}(?:bathing|dressing|toileting|self[- ]care|adls|activities of daily "
        r"living)",
        r"(?:unable|not able|cannot|can ?not) (?:to )?(?:bathe|dress|toilet|feed|care for (?:him|her)self|perform "
        r"(?:basic )?(?:self[- ]care|adls|activities of daily living))",
        r"(?:unable|not able|cannot|can ?not) (?:to )?(?:walk|ambulate) (?:\w+ ){0,2}(?:household distances|within the "
        r"home|in the home|around the house)",
    ), absent=(
        r"independent (?:with|in|for) (?:\w+ ){0,3}(?:adls|activities of daily living|self[- ]care|bathing|dressing)",
        r"\bable to (?:care for|take care of) (?:him|her)self", r"ambulat\w* independently",
    )),
    FindingSpec("daily_skilled_care_needed", (
        r"daily skilled",
        r"skilled (?:nursing|care|therapy|services)(?: \w+){0,4} (?:daily|every day|each day|(?:five|six|seven|5|6|7) "
        r"days (?:a|per) week)",
        r"(?:daily|twice[- ]daily) (?:\w+ ){0,2}(?:wound care|dressing changes|iv antibiotics|intravenous|infusions?)",
    ), absent=(
        r"no (?:\w+ ){0,2}skilled (?:nursing |care |therapy )?needs?",
        r"(?:does not|doesn't|did not) (?:require|need) (?:\w+ ){0,2}skilled",
        r"(?:can|could) be (?:managed|provided|given|done) (?:\w+ ){0,2}(?:by|with|through|at|in) (?:\w+ ){0,2}"
        r"(?:home health|outpatient|home)",
    )),
    FindingSpec("intensive_rehab_tolerance", (
        r"(?:\bable to|\bcan) (?:tolerate|participate in|take part in) (?:\w+ ){0,3}(?:intensive|acute|inpatient|three "
        r"hours|3 hours|multidisciplinary) (?:\w+ ){0,2}(?:rehab\w*|therapy|program)",
        r"(?:good|excellent|fair) (?:rehab(?:ilitation)? )?(?:potential|candidate) for (?:\w+ ){0,2}(?:intensive|acute|"
        r"inpatient) rehab\w*",
        r"candidate for (?:intensive |acute |inpatient )rehab\w*",
    ), absent=(
        r"too (?:frail|weak|deconditioned|ill)", r"poor rehab(?:ilitation)? potential",
        r"unable to (?:tolerate|participate in) (?:\w+ ){0,3}(?:intensive|acute|inpatient|three hours|3 hours) "
        r"(?:\w+ ){0,2}(?:rehab\w*|therapy|program)",
    ), only_in=r"rehab|therapy|program"),
    FindingSpec("equipment_medical_need", (
        r"(?:unable|cannot|can ?not|not able) (?:to )?(?:safely )?(?:walk|ambulate|stand|transfer|bear weight|get (?:in|out) "
        r"of (?:bed|a chair)|lie flat|be positioned)(?! (?:up |down )?(?:the |a flight of )?stairs)",
        r"(?:high )?(?:fall risk|risk (?:of|for) falls?|risk of falling)", r"(?:unsteady|unstable) gait",
        r"(?:poor|impaired) balance", r"balance (?:deficits?|problems|impairment)", r"non-?weight[- ]?bearing",
        r"(?:needs?|requires?|dependent on) (?:\w+ ){0,3}(?:for|to aid|to assist with) (?:ambulation|transfers|mobility|"
        r"positioning|support|stability|walking)",
    ), absent=(
        r"(?:for|because of|due to|as a matter of) (?:\w+ ){0,2}convenience",
        r"(?:walk|climb|use|negotiate|manage|go up|get up) (?:up |down )?(?:the |a flight of )?stairs",
        r"(?:stairs|steps) (?:at|in|to) (?:the |his |her )?(?:home|house|bedroom)",
    ), only_in=_EQUIPMENT, ignore=PLAN),
    FindingSpec("cannot_self_transport", (
        r"(?:unable to|cannot|can ?not|could not|not able to) drive",
        r"(?:unable to|cannot|can ?not|not able to) (?:use|take|ride) (?:the )?(?:public transport\w*|bus|train)",
        r"not (?:yet )?(?:been )?(?:cleared|allowed|permitted|released) to drive", r"restricted from driving",
    ), absent=(
        r"\b(?:drives|drove) (?:himself|herself|alone|to)", r"\bis (?:still )?driving", r"\bable to drive",
        r"(?:takes|uses|rides) (?:the )?(?:bus|train|public transport\w*)",
    )),
    FindingSpec("gym_equipment_needed", (
        r"(?:requires?|needs?|need for|access to|use of) (?:\w+ ){0,3}(?:equipment|machines?|weights|treadmill|"
        r"stationary bike|exercise bike|pool|resistance|" + _GYM_EQUIPMENT + ")",
    ), absent=(
        r"(?:can|could) be (?:done|performed|continued) (?:\w+ ){0,2}at home",
        r"(?:without|no) (?:any )?(?:special|specialized|particular|specific) equipment",
    ), only_in=_GYM + r"|home (?:exercise )?program|\bhep\b", ignore=PLAN),
    FindingSpec("medically_supervised_exercise", (
        r"(?:supervised|monitored|administered|overseen|directed) by (?:a |an |the )?(?:licensed |physical |aquatic )?"
        r"(?:therapist|physical therapist|medical professional|physician|clinician)",
        r"under (?:the )?(?:direct )?supervision of (?:a |an |the )?(?:\w+ )?(?:therapist|medical professional|physician)",
        r"(?:therapist|medically)[- ]supervised",
    ), absent=(
        r"self[- ](?:directed|guided)", r"unsupervised", r"without (?:medical |professional |therapist )?supervision",
        r"(?:exercise|work out|workouts?) (?:\w+ ){0,3}on (?:his|her) own",
    ), only_in=_GYM + r"|exercise|program", ignore=PLAN),
)


def _any(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return any_of(patterns) if patterns else None


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
#: a sentence reporting what a study showed
_STUDY_RESULT = re.compile(r"\b(?:emg|ncs|ncv|nerve conduction|electrodiagnostic|electromyogra\w*|mri|ct scan|x-?rays?|"
                           r"radiographs?)\b[^.]{0,40}\b(?:showed|shows|revealed|reveals|demonstrated|consistent with|"
                           r"positive for|impression)\b", re.I)
#: the worker denies a symptom: a history, not an examination
_DENIED = re.compile(r"\bden(?:y|ies|ied|ying)\b(?![^.;]*\b(?:exam\w*|on testing)\b)", re.I)


#: a negation written just before a phrasing that states a result ("not neurologically intact", "no normal
#: sensation"); one across a comma belongs to the list item before ("no spasm, neuro intact")
_NEGATION_BEFORE = re.compile(r"\b(?:not|no|never|without|nor)\s+(?:\w+\s+)?$", re.I)
#: a negation of the phrasing's own result word: "sensation was not intact" states no absence
_NEGATION_INSIDE = re.compile(r"\bnot (?:entirely |fully |completely )?(?:intact|normal|negative|unremarkable|"
                              r"within normal limits)\b", re.I)


def absence_stated(s: str, m: re.Match[str], status: Assertion) -> bool:
    """Whether a phrasing that states a finding absent ("sensation was normal", "Tinel's is negative") is the
    record's statement. The phrasing carries its own result, so a result word said of the next clause ("... and
    the Tinel sign was negative") or a negation that reaches it across a list ("no spasm, neuro intact") does not
    undo it; only a negation written directly before it does, and one inside it means it states no absence."""
    if _NEGATION_INSIDE.search(m.group(0)):
        return False
    if status in _STATED:
        return True
    return status is Assertion.negated and not _NEGATION_BEFORE.search(s[max(0, m.start() - 30):m.start()])


def _read_one(c: _Compiled, s: str) -> list[tuple[bool, int]]:
    """The values one sentence gives one finding, each with where it was read: each mention asks `assertion` what the
    sentence says of it."""
    spec, out = c.spec, list[tuple[bool, int]]()
    excluded = c.not_in is not None and c.not_in.search(s) is not None
    if (excluded and spec.absent_despite_not_in is None) or (c.only_in is not None and not c.only_in.search(s)):
        return out
    if spec.exam and _STUDY_RESULT.search(s):
        return out  # "EMG showed denervation in the L5 myotome" is the study's result, not an examination sign

    def status(m: re.Match[str]) -> Assertion:
        return assertion(s, m.start(), m.end(), ignore=spec.ignore)

    for m in c.phrases.finditer(s) if c.phrases is not None and not excluded else ():
        st = status(m)
        if st in _STATED:
            out.append((True, m.start()))
        elif st is Assertion.negated and not (spec.exam and _DENIED.search(s, 0, m.start())):
            out.append((False, m.start()))
    if c.absent is not None and not (c.absent_unless is not None and c.absent_unless.search(s)):
        # a phrasing that states the finding absent ("neurologically intact") says so when it is itself stated
        out += [(False, m.start()) for m in c.absent.finditer(s) if absence_stated(s, m, status(m)) and not (
            excluded and not re.search(spec.absent_despite_not_in or "", m.group(0), re.I))][:1]
    if excluded:
        return out
    if c.affirm_only is not None and not introduces_diagnoses(s):
        out += [(True, m.start()) for m in c.affirm_only.finditer(s) if status(m) in _STATED][:1]
    if c.deny_only is not None:
        out += [(False, m.start()) for m in c.deny_only.finditer(s) if status(m) is Assertion.negated][:1]
    return out


#: where a clause ends inside a sentence: "The low back showed spasm; the neck had full range of motion"
_CLAUSE = re.compile(r";|,?\s+\b(?:while|whereas|but)\b|,\s+(?:and\s+)?(?:the|his|her)\s+(?=(?:\w+\s+){0,2}(?:was|were|"
                     r"is|are|had|has|showed|revealed)\b)", re.I)


def clause_at(s: str, at: int) -> str:
    """The clause of `s` that holds the position `at`."""
    starts = [m.end() for m in _CLAUSE.finditer(s, 0, at)]
    end = _CLAUSE.search(s, at)
    return s[(starts[-1] if starts else 0):(end.start() if end else len(s))]


def half_at(s: str, at: int) -> str:
    """Which half of the body the finding read at `at` concerns: its clause's, when the clause names a body part,
    else the sentence's ("the neck had full range of motion" is the neck's, whatever else the sentence names)."""
    half = body_half(clause_at(s, at))
    return half if half != "any" else body_half(s)


def named_region(*texts: str) -> Region | None:
    """The one region the first of `texts` to name a region names (a finding's clause, then its sentence); None
    when none names one, or the first that does names several."""
    for text in texts:
        regions = {bp.region for bp in find_regions(text)}
        if regions:
            return regions.pop() if len(regions) == 1 else None
    return None


#: findings tied to the region their sentence names, not only to its half of the body: a fracture of the foot is no
#: red flag for a low back study, nor a positive drop-arm test tissue insult of the neck
BY_REGION = frozenset({"red_flags", "tissue_insult_signs", "objective_insult_signs"})
#: signs that show away from their source, tied to their half only: a neurologic or systemic red flag (a foot drop
#: may be the low back's), a vascular sign of a limb (a pale, cold hand may be the shoulder's or the neck's)
_AWAY = _any((*NEUROLOGIC_RED_FLAGS, *SYSTEMIC_RED_FLAGS, *LIMB_VASCULAR))
#: the names of exam tests, which name no body part of the worker's ("drop-arm", "cross-arm adduction")
_TEST_NAMES = _any((*LESION_TESTS, *INSULT_TESTS))


def finding_region(name: str, s: str, at: int) -> Region | None:
    """The region a finding read at `at` is tied to (`BY_REGION`): the one its clause names, else the one its
    sentence names (the names of exam tests left out), when that region is in one half of the body; None otherwise
    (the finding is its half's)."""
    if name not in BY_REGION or (_AWAY is not None and _AWAY.match(s, at)):
        return None
    if _TEST_NAMES is not None:
        s = _TEST_NAMES.sub(lambda m: " " * len(m.group(0)), s)
    region = named_region(clause_at(s, at), s)
    return region if region is not None and region_half(region) != "any" else None


_COMPILED = [_compile(spec) for spec in FINDINGS]


#: an exam line written as a heading and its result ("SLR: negative bilaterally", "Sensory: intact"): read as "SLR is
#: negative bilaterally", a heading of at most four words at the start of the sentence or of a clause
_HEADING = re.compile(r"(?:^|(?<=[;,]\s))((?:[A-Za-z][\w'/+-]*\s){0,3}[A-Za-z][\w'/+-]*)\s*:\s+(?=[\w+-])")


#: a test's result written as a sign ("SLR (+) on the left", "Spurling's (-)", "Straight leg raise: + on the left"),
#: and the word it stands for; one a row
RESULT_SIGNS: tuple[tuple[str, str], ...] = (
    (r"\(\s*\+\s*(?:ve)?\s*\)", "positive"), (r"\(\s*-\s*(?:ve)?\s*\)", "negative"),
    (r"(?<=\bis )\+(?=\s|$|[,;.])", "positive"), (r"(?<=\bis )-(?=\s|$|[,;.])", "negative"),
    (r"\bneg\b\.?", "negative"), (r"\bpos\b\.?", "positive"),           # shorthand: "SLR neg bilat", "Tinel pos"
    (r"(?<=[A-Za-z'] )\+(?=\s|[,;.]|$)", "positive"),                     # "SLR + on L at 45 deg" (not "2+")
)
_RESULT_SIGNS = [(re.compile(p, re.I), word) for p, word in RESULT_SIGNS]


def unheaded(s: str) -> str:
    """The sentence with its exam headings read as statements, and results written as signs as words."""
    s = _HEADING.sub(r"\1 is ", s)
    for rx, word in _RESULT_SIGNS:
        s = rx.sub(word, s)
    return s


def read_findings(text: Text, reading: Reading) -> None:
    """Every finding of the table, from every sentence that is the record's own words."""
    compiled = [c for c in _COMPILED if c.spec.case_only_in is None or any(
        re.search(c.spec.case_only_in, s, re.I) for s in text.sentences)]
    for pos, sentence in text.numbered():
        if is_other_source(sentence):
            continue  # a reviewer's or claims administrator's words are not clinical findings
        s = unheaded(sentence)
        for c in compiled:
            for value, at in _read_one(c, s):
                region = finding_region(c.spec.name, s, at)
                reading.add(f"findings.{c.spec.name}", value, sentence, "findings", position=pos,
                            half=half_at(s, at) if region is None else region_half(region),
                            region=None if region is None else region.value)
