"""Request lines ("Physical therapy 2 times a week for 6 weeks, lumbar") into structured disputed items.

`VOCABULARY` is the documented mapping from request wording to service kinds: an ordered list of
(pattern, service, modality), first match wins, so specific wordings (pre-op labs, post-op therapy, topical
creams) come before general ones (labs, therapy, the drug inside the cream). A line that matches nothing
keeps its place with `service = None` and is reported `not_covered`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from engine.facts import BodyPart, DisputedItem
from engine.narrative.drugs import find_drug, topical_ingredients
from engine.narrative.tables import any_of
from engine.narrative.textnum import NUM, holdable, to_int, to_number
from engine.vocab import (
    AQUATIC,
    DRUG_SERVICES,
    INJECTION_SERVICES,
    LOWER_LIMB,
    SLING,
    SPINE,
    UPPER_LIMB,
    VISIT_THERAPY_SERVICES,
    Laterality,
    Region,
    Service,
    topical_form,
)

S = Service
PREOP = r"(?:pre-?\s?op(?:erative)?|associated surgical service|peri-?operative)"
#: a request line for a product applied to the skin: a topical form, a pad or transdermal system, a compound, or a
#: strength written as a percentage ("Lidocaine 5%")
_TOPICAL_FORM = topical_form("pad", "transdermal", r"compound(?:ed)?") + r"|\d\s?%"
#: finer kinds named in both tables (`VOCABULARY` gives the service, `_MODALITIES` the kind): one home each
BOTULINUM = r"\bbotox\b|\bbotulinum\b|\bmyobloc\b|\bdysport\b|\bxeomin\b"
SYMPATHETIC_BLOCK = r"\bstellate\b|\bsympathetic (?:nerve |chain |ganglion )?blocks?\b|\bsgb\b"
EXERCISE_EQUIPMENT = (r"\bhome exercise (?:kit|equipment)\b|\bexercise (?:kit|equipment|ball|bike|bicycle|machine)\b|"
                      r"\btheraband|\bresistance bands?\b|\btreadmill\b|\bstationary (?:bike|bicycle|cycle)\b|"
                      r"\belliptical\b")
#: the surgery vocabulary: a line naming one of these asks for the procedure (one home for every row that needs it)
SURGERY_WORDS = (
    r"\barthroscop|\bmeniscectomy\b|\bdecompression\b|\bacromioplasty\b|\bfusion\b|\blaminectomy\b|"
    r"\bdiscectomy\b|\bmicrodiscectomy\b|\blaminotomy\b|\barthroplasty\b|\breplacement\b|\brepair\b|"
    r"\b(?:carpal tunnel|trigger finger|de quervain\S*) release\b|\breconstruction\b|\bsurgery\b|\bosteotomy\b|"
    r"\bforaminotomy\b|\bdebridement\b|\bexcision\b|\btenotomy\b|\bsynovectomy\b|"
    r"\b(?:tunnel|fascia|epicondyl\w*|lateral|tendon|nerve|compartment|capsular) release\b|"
    r"\bchondroplasty\b|\btransposition\b|"
    r"\bfasciotomy\b|\bfasciectomy\b|\btenodesis\b|\bbursectomy\b|\borif\b|\bopen reduction\b|"
    r"\binternal fixation\b")
#: a stay, as a request line writes it ("overnight stay", "3 day inpatient hospital stay", "length of stay")
STAY = re.compile(r"\b(?:inpatient|hospital|overnight|observation|post-?op(?:erative)?) stay\b|"
                  r"\blength of (?:\w+ )?stay\b", re.I)
#: where a procedure written with its stay ends: a "with", a "w/" or a comma, anywhere before the stay
#: ("... with a 3 day inpatient hospital stay", "... with possible rotator cuff repair, 1 day inpatient stay")
STAY_JOIN = re.compile(r"\s*(?:,|\bwith\b|\bw/)", re.I)
#: what a procedure is done under: its anesthesia, sedation or image guidance ("L4-5 ESI with monitored anesthesia
#: care", "knee arthroscopy under general anesthesia", "facet injection under fluoroscopy"); on a line of its own
#: it is the facility's service, which follows the procedure it serves
ANESTHETIC = re.compile(r"\b(?:monitored |general |local )?an(?:a)?esthesia\b|\bmac\b|"
                        r"\b(?:iv |intravenous |conscious |moderate )?sedation\b|\bfluoroscop\w*|"
                        r"\b(?:image|imaging|ultrasound|ct) guid(?:ance|ed)\b", re.I)
#: where a procedure written with what it is done under ends: as STAY_JOIN, or "under"
ANESTHETIC_JOIN = re.compile(r"\s*(?:,|\bwith\b|\bw/|\bunder\b|\busing\b)", re.I)
#: what a procedure is written with, where the text before it ends, and which kinds of procedure it comes with (a
#: stay comes with a surgery; anesthesia, sedation and guidance with a surgery or an injection); see `classify`
WITH_PROCEDURE: tuple[tuple[re.Pattern[str], re.Pattern[str], frozenset[Service]], ...] = (
    (STAY, STAY_JOIN, frozenset({Service.surgery})),
    (ANESTHETIC, ANESTHETIC_JOIN, frozenset({Service.surgery, *INJECTION_SERVICES})),
)

VOCABULARY: list[tuple[str, Service, str | None]] = [
    # surgical ancillaries, named by their prefix
    (rf"{PREOP}.*\b(?:ekg|ecg|electrocardiogram)\b", S.preop_ekg, None),
    (rf"{PREOP}.*\bchest x-?ray|{PREOP}.*\bcxr\b", S.preop_chest_xray, None),
    (rf"{PREOP}.*\bclearance\b|\bmedical clearance\b", S.preop_clearance, None),
    (rf"{PREOP}.*\b(?:labs?|cbc|cmp|bmp|chem|pt/ptt|ptt|inr|ua|urinalysis|panel)\b", S.preop_lab, "labs"),
    (rf"{PREOP}.*\b(?:cold therapy|vascutherm|cryo|ice machine|game ready|polar care)", S.cold_therapy_unit, None),
    (rf"{PREOP}.*\b(?:(?:ultra)?sling|brace|wraps?|pad|crutch|walker|tens|ems|immobilizer|compression|cane)\b",
     S.postop_dme, None),
    (r"\b(?:brace|sling|immobilizer|splint|walker|crutch\w*|boot|lso|tlso|collar)\b.*\bpost-?\s?op(?:erative(?:ly)?)?\b|"
     r"\babduction (?:pillow|sling)\b|\bsling with (?:an )?abduction\b|"
     r"\bdvt\b.*\b(?:device|unit|pump|machine|boots?|sleeves?|compression)\b|\bdeep vein thrombosis\b.*\bdevice\b|"
     r"\b(?:sequential|intermittent pneumatic|pneumatic) compression\b", S.postop_dme, None),
    (r"\bmanipulation under (?:general )?an(?:a)?esthesia\b|\bmua\b", S.surgery, None),
    (r"\bassist(?:ant|ing)?\b.*\b(?:surgeon|pa|physician)\b|\bpa assist|\bsurgical assist", S.surgical_assistant,
     None),
    # procedures family, before the facility, home-health, epidural, injection and therapy wordings that would
    # otherwise take them ("adhesiolysis with sedation", "skilled nursing facility", "inpatient rehabilitation")
    (r"\badhesiolysis\b|\blysis of (?:epidural )?adhesions?\b|\bracz\b|\bepidural neuroplasty\b|"
     r"\bhypertonic saline\b|\bhyaluronidase\b", S.adhesiolysis, None),
    (r"\bskilled nursing (?:facility|home|unit)\b|\bsnf\b|\bnursing (?:home|facility)\b|\bsub-?acute (?:rehab|care)|"
     r"\btransitional care unit\b", S.skilled_nursing_facility, None),
    (r"\binpatient rehab\w*|\bacute rehab\w* (?:facility|unit|hospital|admission|stay)\b|\birf\b|"
     r"\brehabilitation (?:facility|hospital|unit) (?:admission|stay)\b", S.inpatient_rehabilitation, None),
    (r"\bpartial hospitali[sz]ation\b|\bphp\b|\bday hospital\b", S.partial_hospitalization, None),
    (r"\bcomputeri[sz]ed\b.*\b(?:muscle|strength|range of motion|rom|flexibility)\b|"
     r"\b(?:muscle|strength|range of motion|rom)\b.*\bcomputeri[sz]ed\b|"
     r"\b(?:range of motion|rom|muscle strength|manual muscle) test(?:ing|s)?\b", S.computerized_testing, None),
    (r"\bevoked potential|\bd?sseps?\b|\bvep\b|\bbaep\b|\bbaer\b", S.evoked_potentials, None),
    (r"\b(?:ekg|ecg|electrocardiogra\w*)\b", S.ecg, None),
    (r"\b(?:inpatient|hospital|length of) stay\b|\bovernight stay\b|\banesthesia\b|\bsedation\b|\bfluoroscop\w*|"
     r"\bsurgical (?:facility|center)\b|\boutpatient surgery center\b", S.surgical_facility, None),
    (r"\bcontinuous passive motion\b|\bcpm\b|\bbone (?:growth )?stimulator\b|"
     r"\bpost-?\s?op\w*\b.*\b(?:brace|sling|immobilizer|splint|walker|crutch\w*|boot|lso|tlso|collar|pillow)",
     S.postop_dme, None),
    (r"\b(?:cold therapy unit|vascutherm|cryotherapy unit|game ready|polar care|cryo-?cuff|ice machine)\b",
     S.cold_therapy_unit, None),
    (r"\bhome (?:health|aide|care|attendant)\b|\bcaregiver\b|\bhome assistance\b|\bin-?home\b|\bskilled nurs|"
     r"\bnurs(?:e|ing) visits?\b|\bhousekeep\w*|\bhomemaker\b|\bchore services?\b", S.home_health, None),
    (r"\bpost-?\s?op\w*\b.*\b(?:occupational therapy|hand therapy|\bot\b)", S.occupational_therapy, "postoperative"),
    (r"\bsleep study\b|\bpolysomnogra", S.diagnostic_other, "sleep_study"),
    # evaluations and consultations
    (r"^\s*(?:initial |re-?)?exam\b|\bre-?exam\b|\bphysical exam\b", S.office_visit, None),
    (r"\b(?:neuro-?)?surg(?:ery|ical|eon)\b.*\b(?:evaluation|consult(?:ation)?|referral|opinion)\b|"
     r"\b(?:evaluation|consult(?:ation)?|second opinion)\b.*\b(?:neuro-?)?surg(?:eon|ery|ical)\b", S.surgical_consult,
     None),
    (r"\bfunctional capacity\b|\bfce\b", S.functional_capacity_evaluation, None),
    (r"\bfunctional restoration\b|\bfrp\b|\bchronic pain program\b|\bhelp program\b|"
     r"\b(?:multi|inter)-?disciplinary (?:pain )?(?:program|rehabilitation|management program)", S.functional_restoration,
     None),
    (r"\b(?:neuro-?)?psych\w*\b.*\b(?:evaluation|testing|assessment|consult)", S.psych_evaluation, None),
    (r"\bpsychotherap|\bcognitive behavio|\bcbt\b|\bpsycholog\w* (?:treatment|sessions|visits|counsel\w*|therapy)|"
     r"\bgroup (?:psycho)?therapy\b|\bgroup counsel\w*|\bpain psychology\b", S.psychotherapy, None),
    # diagnostics
    (r"\bdiscogra\w*|\bdiscography\b", S.diagnostic_other, "discography"),
    (r"\b(?:mri|mr arthrogram|magnetic resonance|mra)\b", S.mri, None),
    (r"\bsurface (?:emg|electromyograph\w*)|\bsemg\b", S.diagnostic_other, "surface_emg"),
    (r"\b(?:emg|ncs|ncv|electromyogra(?:m|ph)|nerve conduction|electrodiagnostic)", S.emg_ncs, None),
    (r"\b(?:eeg|electroencephalogra)", S.eeg, None),
    (r"\bbone scan\b", S.bone_scan, None),
    (r"\bct\b|\bcat scan\b|computed tomograph", S.ct, None),
    (r"\bx-?rays?\b|\bradiograph", S.xray, None),
    (r"\bmyelogra", S.diagnostic_other, "myelography"),
    (r"\barthrogra", S.diagnostic_other, "arthrography"),
    (r"\bdexa\b|\bdxa\b|\bbone density\b|\bbone densitometry\b", S.diagnostic_other, "bone_density"),
    (r"\bquantitative sensory\b|\bqst\b", S.diagnostic_other, "qst"),
    (r"\burine drug|\bdrug screen|\budt\b|\btoxicology\b(?! consult)|\burine tox|\bdrug test|"
     r"\bconfirmatory (?:drug )?test", S.urine_drug_test, None),
    (r"\bgenetic (?:testing|tests?|screen\w*)\b|\bpharmacogen\w*|\bgenotyp\w*|\bcyp ?450\b|\bcyp2d6\b|"
     r"\bdna (?:testing|test)\b", S.diagnostic_other, "genetic_test"),
    (r"\bimpedance imaging\b|\btpii\b", S.diagnostic_other, "tpii"),
    (r"\bthermograph", S.diagnostic_other, "thermography"),
    # blood count and chemistry (liver and renal function): the monitoring the NSAID section names; other labs apart
    (r"\b(?:cbc|complete blood count|cmp|bmp|comprehensive metabolic|basic metabolic|metabolic panel|lfts?|"
     r"(?:liver|hepatic|renal|kidney) (?:function|panel)|chem(?:istry)? (?:panel|profile))\b", S.diagnostic_other, "lab"),
    (r"\b(?:blood (?:work|tests?|draw)|lab(?:s|oratory)? (?:tests?|work|studies|panel)|serum (?:drug )?levels?|"
     r"hemoglobin a1c|a1c)\b", S.diagnostic_other, "lab_other"),
    # injections and procedures
    (r"\bpost-?injection (?:physical )?(?:therapy|pt)\b", S.physical_therapy, "post_injection"),
    (r"\bepidural\b|\b(?:tf)?esis?\b|\btransforaminal\b|\bselective nerve root\b|\bsnrb\b|\bnerve root blocks?\b",
     S.epidural_steroid_injection, None),
    (r"\bradiofrequency\b|\brfa\b|\bneurotomy\b|\brhizotomy\b", S.radiofrequency_ablation, None),
    (r"\bfacet\b|\bmedial branch\b", S.facet_injection, None),
    # botulinum toxin before trigger points ("Botox trigger point injections" is a botulinum toxin request), and
    # whether or not the line says "injection" ("Botox 200 units")
    (BOTULINUM, S.injection_other, "botulinum"),
    (r"\btrigger point injection|\btpi\b", S.trigger_point_injection, None),
    # a sympathetic block, also when the line lacks "block" ("stellate ganglion under fluoroscopy")
    (SYMPATHETIC_BLOCK, S.injection_other, "sympathetic_block"),
    (r"\b(?:toradol|ketorolac)\b", S.nsaid, "injection"),
    (r"\binjections?\b|\bblocks?\b|\bshots?\b", S.injection_other, None),
    (r"\bspinal cord stimulat|\bdorsal column stimulat|\bscs\b", S.surgery, "spinal_cord_stimulator"),
    (r"\bketamine\b", S.injection_other, "ketamine"),
    (r"\bkinesio|\bk-?tape\b|\btaping\b", S.supplies, "tape"),
    # post-operative therapy before plain therapy
    (r"\bpost-?\s?op\w*\b.*\b(?:physical therapy|pt|therapy)\b", S.physical_therapy, "postoperative"),
    # topical products before the drug named inside them
    (r"\blidoderm\b|\bsalonpas\b|\bflector\b|\bterocin\b", S.topical_analgesic, None),
    # medical foods, named by brand (their rules read the finer kind, not a drug)
    (r"\bmedical foods?\b|\btheramine\b|\bsentra\b|\btrepadone\b|\bgabadone\b|\bpercura\b|\bhypertensa\b",
     S.medication_other, "medical_food"),
    # physical medicine
    (r"\b(?:electro-?)?acupuncture\b", S.acupuncture, None),
    (r"\bh-?wave\b", S.h_wave, None),
    (r"\b(?:tens|h-?wave|interferential|ems|muscle stimulator)(?: unit)? (?:supplies|electrodes|patches|pads|batter(?:y|ies))\b",
     S.supplies, None),
    (r"\btens\b(?! sessions)|\btranscutaneous electrical", S.tens_unit, None),
    (r"\belectrical (?:muscle )?stimulation\b|\be-?stim\b|\bems\b|\bneurostimulation\b|\binterferential\b|"
     r"\b(?:electrical |neuromuscular )?muscle stimulator\b|\bnmes\b",
     S.electrical_stimulation, None),
    (r"\bultrasound\b.*\b(?:times|x|week|sessions?|visits?)\b|\bpulsed ultrasound\b|\bultrasound therapy\b",
     S.ultrasound_therapy, None),
    (r"\bultrasound\b|\bsonogra", S.diagnostic_other, "ultrasound"),
    (r"\binfrared\b|\blaser\b", S.infrared_laser_therapy, None),
    (r"\btraction\b|\bspinolator\b|\bdecompression therapy\b|\binversion table\b", S.traction, None),
    (r"\bice\b|\bheat\b|\bhot/cold\b|\bhot packs?\b|\bcold packs?\b", S.heat_cold_therapy, None),
    (r"\bbiofeedback\b", S.biofeedback, None),
    (r"\bshock ?wave\b|\beswt\b", S.shockwave_therapy, None),
    (r"\bmassage (?:chair|table|cushion|device|machine|unit)\b|\bjacuzzi\b|\bhot tub\b|\bsauna\b", S.dme, None),
    (r"\bmassage\b|\bmyofascial release\b", S.massage, None),
    (r"\bchiro\w*|\bmanipulati(?:on|ve)\b|\bmanual therapy\b|\bmobilization\b|\bomt\b", S.chiropractic, None),
    (r"\boccupational therapy\b|(?<!/)\bot\b(?!/)|\bhand therapy\b", S.occupational_therapy, None),
    (r"\bphysical therapy\b|\bphysiotherapy\b|\bpt\b|\bpt/ot\b|\btherapeutic exercise|\baquatic therapy\b|"
     r"\bwork (?:hardening|conditioning)\b|\brehab\w*\b|\baqua(?:tic)? therapy\b|\b(?:pool|water) (?:therapy|exercise)\b",
     S.physical_therapy, None),
    # surgery; procedures with criteria of their own (not the chapters' general referral criteria) by finer kind
    (r"\bkyphoplasty\b|\bvertebroplasty\b|\bvertebral augmentation\b", S.surgery, "vertebral_augmentation"),
    (r"\bhardware (?:removal|extraction)\b|\bremoval of (?:the )?(?:\w+ )?hardware\b", S.surgery, "hardware_removal"),
    (r"\bintrathecal (?:pump|drug delivery|morphine pump)|\bimplantable (?:drug|pump|infusion)|\bpain pump\b|\bidds\b",
     S.surgery, "drug_delivery_system"),
    (SURGERY_WORDS, S.surgery, None),
    # visits
    (r"\bconsult(?:ation)?\b|\breferral\b|\bevaluat(?:e|ion)\b.*\b(?:with|by)\b|\bspecialist\b", S.specialist_consult,
     None),
    (r"\b(?:office )?visits?\b|\bexam\b|\bre-?exam\b|\bre-?evaluation\b|\bfollow[- ]?up\b|\bevaluation\b",
     S.office_visit, None),
    # equipment, home and other services
    (r"\bhome (?:health|aide|care|attendant)\b|\bcaregiver\b|\bhome assistance\b|\bin-?home\b", S.home_health, None),
    (r"\bgym\b|\bpool membership\b|\bymca\b", S.gym_membership, None),
    (r"\btransportation\b|\btransport\b", S.transportation, None),
    (r"\bhospital bed\b|\bwheelchairs?\b|\bwalkers?\b|\bcanes?\b|\bbraces?\b|\bsupports?\b|\bsplints?\b|\borthotic|"
     r"\bpillow\b|\bmattress\b|\bworkstation\b|\bchair\b|\bdesk\b|\bcommode\b|\bscooter\b|\bshower\b|"
     r"\bsling\b|\bultrasling\b|\bimmobilizer\b|\bcollar\b|\bcrutch|\binserts?\b|\binsoles?\b|\bheel (?:cups?|lifts?)\b|"
     r"\barch supports?\b|\bboot\b|\bstrap\b|\bcounterforce\b|\bcompression (?:stockings|hose|garments?|sleeves?)\b|"
     r"\btoilet seat\b|\bgrab bars?\b|\b(?:tub|bath) bench\b|\breacher\b|\bgrabber\b|\brecliner\b|\blift chair\b|"
     r"\borthos[ie]s\b|\b(?:knee|elbow|neoprene) sleeve\b|\b(?:adjustable|electric) bed\b",
     S.dme, None),
    (r"\bweight (?:loss|reduction|management)\b|\bnutrition(?:al|ist) (?:program|counsel)", S.weight_loss, None),
    (EXERCISE_EQUIPMENT, S.dme, "exercise_equipment"),
    (r"\bgloves\b|\bwipes\b|\bbandages?\b|\bdressings?\b|\bsupplies\b|\belectrodes\b|\bbatter(?:y|ies)\b",
     S.supplies, None),
]
_COMPILED = [(re.compile(p, re.I), s, m) for p, s, m in VOCABULARY]

REGIONS: list[tuple[str, Region]] = [
    (r"lumbo-?sacral|lumbar|low(?:er)? back|\blso\b|\btlso\b|\bl[1-5](?:[-/][l]?[1-5s]1?)?\b|\bl5-s1\b|\bsacroiliac|\bsi joint|"
     r"\bl-spine\b|\bl/s\b|\bls spine\b|\blbp\b|thoraco-?lumbar", Region.lumbar),
    (r"\bs1\b", Region.lumbar),  # the first sacral root or level ("S1 radiculopathy"), read with the low back
    (r"cervical|cervico|\bneck\b|\bc[2-7](?:[-/]c?[2-7t]1?)?\b|\bc-spine\b|\bc/s\b", Region.cervical),
    # the neck's muscles a request names for trigger points or dry needling ("bilateral trapezius")
    (r"trapezi|levator scapulae?|sternocleidomastoid|scalenes?\b", Region.cervical),
    (r"thoracic|thoraco|mid[- ]back|upper back|\bt\d{1,2}\b|\bt-spine\b|\bt/s\b", Region.thoracic),
    (r"shoulder|rotator cuff|\bslap\b|labr|acromio|subacromial", Region.shoulder),
    (r"elbow|epicondyl", Region.elbow),
    (r"wrist|carpal|forearm|\bradius\b|\bulnar? styloid|\bdistal ulna\b", Region.wrist),
    # the wrist's tendon compartments and their disorders ("first dorsal compartment release", de Quervain's)
    (r"\b(?:first|1st|dorsal) (?:dorsal )?compartment|de quervain", Region.wrist),
    (r"\bhands?\b|fingers?|thumb", Region.hand),
    (r"\bhips?\b|groin|trochanter", Region.hip),
    (r"pelvi", Region.pelvis),
    (r"\bknees?\b|menisc|\bacl\b|patell", Region.knee),
    # the knee's parts as study reports name them ("medial compartment narrowing", "lateral femoral condyle")
    (r"\bmedial compartment\b|\btibiofemoral\b|\bfemoral condyles?\b|\btibial plateau\b", Region.knee),
    (r"\bleg\b|lower leg|calf|tibia|femur", Region.leg),
    (r"ankle|achilles", Region.ankle),
    (r"\bfoot\b|\bfeet\b|\bheels?\b|plantar|\btoes?\b", Region.foot),  # a heel, not a "wheeled" walker
    (r"\bhead\b|brain|cranial", Region.head),
    (r"abdom", Region.abdomen),
    (r"\bchest\b", Region.chest),
    (r"upper extremit|\barms?\b|\bue\b|\brue\b|\blue\b|\bbue\b|\bues\b", Region.upper_extremity),
    (r"lower extremit|\ble\b|\brle\b|\blle\b|\bble\b|\bles\b", Region.lower_extremity),
    # the back, not the upper or mid back (thoracic) and not "back to work"
    (r"(?<!upper )(?<!mid )(?<!mid-)\bback\b(?!\s+(?:to|on|in|at|from|into)\b)", Region.lumbar),
    (r"\bspine\b", Region.lumbar),  # a spine named with no other level is the low back
]
_ANY_REGION = re.compile("|".join(f"(?:{p})" for p, _ in REGIONS))

#: how a side is written before its region ("left", "lt.", "bilateral", "both", "b/l", "right and left"), nearest
#: first; a one-letter side ("R knee", "L shoulder") counts only written right before the region word
SIDES: tuple[tuple[str, Laterality], ...] = (
    (r"\b(?:bilateral(?:ly)?|bilat|both|b/l|bue|ble|bil)\b|\b(?:left|right) and (?:left|right)\b|"
     r"\b(?:lt|rt)\.? (?:and|&) (?:lt|rt)\b", Laterality.bilateral),
    (r"\b(?:left|lt)\b", Laterality.left),
    (r"\b(?:right|rt)\b", Laterality.right),
)
_LETTER_SIDE = {"l": Laterality.left, "r": Laterality.right}
#: a side written after its region, up to two words later: "knee brace, left", "wrist splint (right)"
_SIDE_AFTER = re.compile(r"^(?:\s+[a-z/]+){0,2}?\s*[,(-]\s*(?:on the\s+|of the\s+)?(?P<s>bilateral(?:ly)?|left and right|right and left|left|right|lt|rt)\b"
                         r"(?:\s+side)?\)?(?P<rest>[^,;]{0,25})|"
                         r"^(?:\s+[a-z0-9/-]+){0,2}?\s+(?P<s2>bilateral(?:ly)?|left|right)(?:\s+side)?(?P<rest2>)\s*(?:[,;)]|$)")


def _side_before(before: str) -> Laterality | None:
    """The side written nearest before a region word: the last side word in `before` ("right shoulder and left
    knee": the knee is left), a one-letter side only right before it."""
    letter = re.search(r"(?<![/\w])([lr])\.?\s*$", before)
    if letter:
        return _LETTER_SIDE[letter.group(1)]
    best: tuple[int, Laterality] | None = None
    for pattern, side in SIDES:
        for m in re.finditer(pattern, before):
            if best is None or m.end() > best[0] or (m.end() == best[0] and side is Laterality.bilateral):
                best = (m.end(), side)
    return best[1] if best else None


def _side_of(low: str, m: re.Match[str], region: Region | None = None) -> Laterality | None:
    word = m.group(0)
    if word in ("bue", "ble", "ues", "les") or re.search(r"\b(?:bue|ble)\b", word):
        return Laterality.bilateral
    if word in ("lue", "lle"):
        return Laterality.left
    if word in ("rue", "rle"):
        return Laterality.right
    before = low[max(0, m.start() - 30):m.start()]
    # a side word before the region, but not one that belongs to another region written between them, unless
    # the two regions share it ("left shoulder and elbow")
    last_region = None
    for other in _ANY_REGION.finditer(before):
        if other.end() < len(before) - 1:
            last_region = other
    # the spine has no side of its own to share: "left knee and low back" is a left knee and the low back
    shared = region not in SPINE and last_region is not None and re.fullmatch(r"\s*(?:and|&|,|/)\s*(?:the\s+)?", before[last_region.end():])
    side = _side_before(before[last_region.end():] if last_region and not shared else before)
    if side is not None:
        return side
    after = _SIDE_AFTER.match(low[m.end():m.end() + 60])
    if after and not _ANY_REGION.search(after.group("rest") or ""):
        word = after.group("s") or after.group("s2")
        return (Laterality.bilateral if word.startswith("bilateral") or " and " in word else
                Laterality.left if word in ("left", "lt") else Laterality.right)
    return None


#: names of a service or a specialist that hold a body word but name no region of the request ("post-operative
#: hand therapy" after a wrist release is the wrist's), one a row
NOT_A_REGION: tuple[str, ...] = (r"\bhand (?:therap\w*|surg\w*|specialist|clinic)\b",)
_NOT_A_REGION = any_of(NOT_A_REGION)


def find_regions(text: str, text_order: bool = False) -> list[BodyPart]:
    """Body regions named in `text`, each with the side written with it (before it: "left knee", "R shoulder",
    "bilateral upper extremities"; or just after it: "knee brace, left"); a region named twice takes the side of
    the first mention that has one. In `REGIONS`' order, or with `text_order` in the order the text first names
    each ("cervical and lumbar spine": the neck first), as a request line's regions are listed."""
    out: list[BodyPart] = []
    first: list[int] = []
    seen: set[Region] = set()
    low = text.lower()
    for pattern, region in REGIONS:
        if region in seen:
            continue
        if pattern == r"\bspine\b" and seen & {Region.cervical, Region.thoracic}:
            continue
        matches = list(re.finditer(pattern, low))
        if not matches:
            continue
        sides = [_side_of(low, m, region) for m in matches]
        side = next((s for s in sides if s is not None), None)
        if {Laterality.left, Laterality.right} <= set(sides):
            side = Laterality.bilateral  # "right upper extremity and left upper extremity"
        out.append(BodyPart(region=region, side=side))
        first.append(matches[0].start())
        seen.add(region)
    return [bp for _, bp in sorted(zip(first, out, strict=True), key=lambda p: p[0])] if text_order else out


#: treatments given to a body part: a request for one that names no region is for the case's region
REGIONAL_TREATMENTS = VISIT_THERAPY_SERVICES | {
    S.massage, S.electrical_stimulation, S.ultrasound_therapy, S.infrared_laser_therapy, S.traction,
    S.shockwave_therapy,
}
#: devices worn on the operated part (a sling, a brace): after a surgery they are for its region
_WORN = re.compile(r"sling|brace|splint|immobili[sz]er|collar|orthosis|\bboot\b|\blso\b|\btlso\b|\bcast\b", re.I)
#: regions that are where a spinal complaint is felt, not a region of their own: the leg with the low back
_RADIATION = {Region.lumbar: {Region.leg, Region.lower_extremity},
              Region.cervical: {Region.upper_extremity}}
#: regions no physical treatment of this kind is for
_NOT_TREATED = {Region.head, Region.abdomen, Region.chest, Region.other}


def treated_region(case_regions: list[BodyPart]) -> BodyPart | None:
    """The one body region a case concerns, leaving out where a spinal complaint radiates (the leg with the low
    back, the arm with the neck) and regions no physical treatment is for; None when it concerns several."""
    regions = {bp.region for bp in case_regions}
    keep = [bp for bp in case_regions if bp.region not in _NOT_TREATED and not any(
        bp.region in _RADIATION.get(spine, set()) for spine in regions)]
    # a whole limb named beside a part of it is that part ("right wrist fracture, right upper extremity pain")
    limb = {Region.upper_extremity: UPPER_LIMB, Region.lower_extremity: LOWER_LIMB}
    keep = [bp for bp in keep if not (bp.region in limb and regions & (limb[bp.region] - {bp.region}))]
    return keep[0] if len({bp.region for bp in keep}) == 1 else None


#: devices that name the body part they are worn on, one a row: (pattern, the regions it may be worn on, the usual
#: first); a line that names the device and no region is for that part ("Custom orthotics, bilateral" are the
#: feet's, "CAM walker boot, right" the right ankle's or foot's, whichever the case concerns)
WORN_ON: tuple[tuple[str, tuple[Region, ...]], ...] = (
    (r"\borthotics?\b|\borthoses\b|\binsoles?\b|\bshoe inserts?\b|\barch supports?\b|\bheel (?:cups?|lifts?)\b",
     (Region.foot,)),
    (r"\b(?:cam|walker|walking|fracture|air) boot\b|\bcam walker\b", (Region.ankle, Region.foot)),
)
_WORN_ON = [(re.compile(p, re.I), regions) for p, regions in WORN_ON]


def _side_in(low: str) -> Laterality | None:
    """The one side a line writes ("Custom orthotics, bilateral", "CAM walker boot, right"), None when it writes none
    or more than one."""
    sides = {side for pattern, side in SIDES if re.search(pattern, low)}
    return sides.pop() if len(sides) == 1 else None


def worn_on(text: str, case_regions: list[BodyPart]) -> list[BodyPart]:
    """The body part a device a line names is worn on (`WORN_ON`), with the side the line writes: of the regions
    the device may be worn on, the one the case concerns, else the usual one; none when the line names no such
    device."""
    case = {bp.region for bp in case_regions}
    for rx, regions in _WORN_ON:
        if rx.search(text):
            region = next((r for r in regions if r in case), regions[0])
            return [BodyPart(region=region, side=_side_in(text.lower()))]
    return []


def inherit_regions(items: list[DisputedItem], case_regions: list[BodyPart]) -> list[DisputedItem]:
    """Regions for items that name none: a treatment given to a body part (therapy, manipulation, a modality)
    is for the surgery it follows, else for the case's one region; a device worn after a surgery (sling, brace)
    is for the operated region. Drugs, tests, equipment and services of the whole person name their own or none."""
    single = treated_region(case_regions)
    out = []
    for it in items:
        surgery = items[it.follows_surgery - 1] if it.follows_surgery else None
        if surgery is not None and it.body_parts:
            # a region the operated one, written without its side, is the operated side ("post-op knee brace")
            sides = {bp.region: bp.side for bp in surgery.body_parts}
            it = it.model_copy(update={"body_parts": [
                bp if bp.side is not None or sides.get(bp.region) is None else BodyPart(region=bp.region,
                                                                                       side=sides[bp.region])
                for bp in it.body_parts]})
        if not it.body_parts and it.service is not None:
            if surgery is not None and surgery.body_parts and (
                    it.service in REGIONAL_TREATMENTS or _WORN.search(it.text)):
                it = it.model_copy(update={"body_parts": list(surgery.body_parts)})
            elif surgery is None and single is not None and it.service in REGIONAL_TREATMENTS:
                it = it.model_copy(update={"body_parts": [single]})
            elif worn_on(it.text, case_regions):
                it = it.model_copy(update={"body_parts": worn_on(it.text, case_regions)})
        out.append(it)
    return out


def classify(text: str) -> tuple[Service | None, str | None]:
    """The service kind (and finer modality) of a request line, by the vocabulary."""
    low = text.lower()
    for companion, joins, procedures in WITH_PROCEDURE:
        found = companion.search(low)
        if not found:
            continue
        # a procedure written with what comes with it (its stay, its anesthesia or guidance) is the procedure:
        # "hardware removal right ankle with overnight stay", "L4-5 ESI with monitored anesthesia"; that service
        # alone, or written before the procedure it is for ("anesthesia for the epidural"), is the facility's. The
        # procedure is the text before the first join ahead of it that reads as one of the accepted kinds.
        for join in joins.finditer(low, 0, found.start()):
            if join.start() > 0:
                service, modality = classify(low[:join.start()])
                if service in procedures:
                    return service, modality
    topical = re.search(_TOPICAL_FORM, low) is not None
    for regex, service, modality in _COMPILED:
        if regex.search(low):
            drug = find_drug(low)
            if (topical and service in (S.topical_analgesic,)) or (topical and drug and service in (
                    S.surgery, S.office_visit, S.dme, S.supplies, S.specialist_consult, S.injection_other)):
                return S.topical_analgesic, None
            return service, modality
    drug = find_drug(low)
    if drug and drug[2] is S.opioid:
        return S.opioid, ("transdermal" if topical else None)  # a fentanyl or buprenorphine patch is an opioid
    if topical and (topical_ingredients(low) or drug):
        return S.topical_analgesic, None
    if drug:
        return drug[2], None
    return None, None


#: how a request writes visits a week, one phrasing per row ("2 times a week", "2x/wk", "twice weekly", "1 x week")
FREQUENCY: tuple[str, ...] = (
    rf"(?P<f>{NUM})\s*(?:x|times?|visits?|sessions?|treatments?)?\s*(?:a|per|/|each|every)\s*(?:week|wk)\b",
    rf"(?P<f>{NUM})\s*(?:x|times?|visits?|sessions?|treatments?)?\s*weekly\b",
    rf"(?P<f>{NUM})\s*(?:x|times?)\s*(?:week|wk)\b",
    rf"(?P<f>{NUM})\s*days?\s*(?:a|per|/|each|every)\s*(?:week|wk)\b",       # "5 days/week" (home health)
)
#: how a request writes its weeks ("for 6 weeks", "x 6 wks", "over six weeks", "for the next 4 weeks")
DURATION: tuple[str, ...] = (
    rf"(?:for|x|times|over|during)\s*(?:a (?:total|period) of\s*|the next\s*)?(?P<d>{NUM})\s*(?:weeks?|wks?)\b",
    rf"(?:week|wk)\s*[,;]\s*(?P<d>{NUM})\s*(?:weeks?|wks?)\b",                 # "1-2x/week, 6 weeks"
)
#: a visits-a-week by weeks pair written with no unit ("2x6", "2 x 6", "2 times 8", "3 x 4 weeks")
PAIR = r"\b(?P<f>\d+)\s*(?:x|times)\s*(?P<d>\d+)\b(?!\s*(?:mg|%|mcg|ml|days?|months?|hours?|hrs?|units?|views?))"
#: the unit words a count of visits is written with
_VISITS = r"(?:sessions|visits|treatments|appointments|classes)"
#: one of them, written right after its count ("1 session", "one visit"; "6 month follow-up visit" is no count)
_VISIT = r"(?:session|visit|treatment|appointment|class)"
#: what a number after "x" may measure that is no count of visits or units: weeks of a course, a period of months
#: or years ("TENS supplies x 3 months", "gym membership x 6 months"), refills
_NOT_A_COUNT = r"(?:weeks?|wks?|months?|mos?\b|years?|yrs?\b|refills?)"
#: how a request writes its total count of visits or units, one phrasing per row, first match wins
COUNT: tuple[str, ...] = (
    rf"(?P<n>{NUM})\s*(?:-|to)\s*(?P<n2>\d+)\s*(?:additional\s+|more\s+)?{_VISITS}",  # "12-18 sessions": the most
    rf"(?P<n>{NUM})\s+(?:of|out of)\s+(?:the\s+)?\d+\s+(?:[a-z/-]+\s+){{0,3}}?{_VISITS}\b",  # "remaining 6 of 12 visits"
    rf"\bremaining\s+(?P<n>{NUM})\s+(?:of|out of)\s+(?:the\s+)?\d+\b",          # "Acupuncture, remaining 6 of 10"
    rf"(?P<n>{NUM})\s+(?:additional\s+|more\s+|further\s+)?(?:[a-z/-]+\s+){{0,4}}?{_VISITS}\b",  # "8 PT visits"
    rf"(?P<n>{NUM})\s+(?:additional\s+|more\s+)?{_VISIT}\b",                 # "1 session", "one visit"
    rf"(?<![\w/-])(?P<n>{NUM})\s+(?:additional\s+|more\s+)?(?:[a-z-]+\s+){{0,3}}?(?:injections|blocks|shots)\b",  # "3 injections"
    rf"\((?P<n>\d+)\)\s*(?:additional\s+)?{_VISITS}",                          # "(6) sessions"
    rf"{_VISITS}\s*(?:x|times|#|:)\s*(?P<n>\d+)",                              # "visits x 6", "sessions: 6"
    r"\b(?:qty|quantity|number)\s*(?:of\s*(?:sessions|visits)\s*)?[:.#]?\s*(?P<n>\d+)",  # "QTY: 12", "quantity 12"
    r"\((?P<n>\d+)\)\s*$",                                                     # "... for 2 weeks (4)"
    rf"(?:times|x)\s*(?P<n>{NUM})\b(?!\s*(?:a|per)\s*week)(?!\s*{_NOT_A_COUNT})",  # "x 6", "x 10 days"
    r"#\s*(?P<n>\d+)",                                                          # "Acupuncture #8"
    r"(?<![\w(])\((?P<n>\d{1,2})\)(?!\s*(?:mg|%|ml|mcg))",                     # "Trigger point injections (4) to"
)
_FREQ_RE = [re.compile(p) for p in FREQUENCY]
_DUR_RE = [re.compile(p) for p in DURATION]


def _first(patterns: list[re.Pattern[str]], low: str) -> re.Match[str] | None:
    found = [m for m in (p.search(low) for p in patterns) if m]
    return min(found, key=lambda m: m.start()) if found else None


def _upper_of_ranges(low: str) -> str:
    """A range of visits, times or weeks as its upper end: "2-3 times a week for 4-6 weeks", "two to three times
    a week" are read at the most they ask for, as a count range is ("12-18 sessions" is 18)."""
    def upper(m: re.Match[str]) -> str:
        a, b = to_number(m.group(1)), to_number(m.group(2))
        return m.group(2) if a is not None and b is not None and b > a else m.group(0)
    return re.sub(rf"\b({NUM})\s*(?:-|to)\s*({NUM})(?=\s*(?:x\b|times?\b|visits?\b|sessions?\b|weeks?\b|wks?\b|"
                  r"/\s*w))", upper, low)


def _phases(low: str) -> list[tuple[float, float]]:
    """(visits a week, weeks) of each phase of a stepped request, in order; one phase when it is not stepped."""
    freqs = sorted({m.start(): to_number(m.group("f")) for rx in _FREQ_RE for m in rx.finditer(low)}.items())
    durs = sorted({m.start(): to_number(m.group("d")) for rx in _DUR_RE for m in rx.finditer(low)}.items())
    pairs: list[tuple[float | None, float | None]] = []
    if len(freqs) >= 2 and len(freqs) == len(durs) and re.search(r"\b(?:then|followed by|and|plus)\b", low):
        pairs = [(f, d) for (_, f), (_, d) in zip(freqs, durs, strict=True)]
    elif not freqs and not durs:
        # "2x4 for the neck and 2x4 for the low back"
        pairs = [(to_number(m.group("f")), to_number(m.group("d"))) for m in re.finditer(PAIR, low)]
    if len(pairs) < 2:
        return []
    return [(f, d) for f, d in pairs if f is not None and d is not None] if all(
        f is not None and d is not None for f, d in pairs) else []


def parse_quantity(text: str) -> tuple[int | None, float | None, float | None]:
    """(quantity, frequency per week, duration in weeks) as written."""
    low = re.sub(r"\b(?:twice|once|thrice)\b", lambda m: {"twice": "2 times", "once": "1 time", "thrice": "3 times"}[
        m.group(0)], text.lower())
    low = _upper_of_ranges(low)
    phases = _phases(low)
    if len(phases) > 1:
        # "2 times a week for 3 weeks, then 1 time a week for 3 weeks": the visits add up, and so do the weeks
        # of phases in turn; courses for two regions at once ("2x4 for the neck and 2x4 for the back") run together
        weeks = [d for _, d in phases]
        in_turn = re.search(r"\bthen\b|\bfollowed by\b", low) is not None
        return round(sum(f * d for f, d in phases)), phases[0][0], sum(weeks) if in_turn else max(weeks)
    freq = dur = None
    m = _first(_FREQ_RE, low)
    if m:
        freq = to_number(m.group("f"))
    m2 = _first(_DUR_RE, low)
    if m2:
        dur = to_number(m2.group("d"))
    m3 = re.search(PAIR, low)
    if m3 and (freq is None or dur is None) and not (m and m.start() <= m3.start() < m.end()):
        # "2x6", "3 x 4 weeks": the first number is a week's visits, the second the weeks
        pair_f, pair_d = float(m3.group("f")), float(m3.group("d"))
        if freq is None and (dur is None or dur == pair_d):
            freq, dur = pair_f, pair_d
            low = low[:m3.start()] + " " + low[m3.end():]
    qty: int | None = None
    if m or m2:
        # drop the frequency and duration phrases so that their numbers are not read as a total
        for rx in (*_FREQ_RE, *_DUR_RE):
            low = rx.sub(" ", low)
    parts = re.findall(rf"(?:^|\band\b)\s*(?P<n>{NUM})\s+(?:[a-z/-]+\s+){{0,3}}?{_VISITS}\b", low)
    if len(parts) > 1 and m is None and m2 is None:
        values = [to_int(x) for x in parts]
        if all(v is not None for v in values):
            return sum(v for v in values if v is not None), None, None  # "two sessions for A and eight for B"
    for p in COUNT:
        m4 = re.search(p, low)
        if m4:
            n2 = m4.groupdict().get("n2")
            value = to_int(n2) if n2 else to_int(m4.group("n"))
            if value is not None:
                qty = value
                break
    if qty is None and freq is not None and dur is not None:
        qty = round(freq * dur)
    return qty, freq, dur


#: "N times a day" in its spellings: "three times a day", "3 times per day", "three times daily", "3x/day", "3x daily"
_TIMES_A_DAY = r"(?:\s*times|\s*x)\s*(?:a |per |each |/\s*)?(?:day|daily|d)\b"
#: how often a day directions give a drug, one spelling a row (dotted Latin abbreviations as well: "t.i.d."); the rows
#: are tried in order, so "three times daily" is 3 before "daily" is 1
_PER_DAY_WORDS: list[tuple[str, int]] = [
    (rf"\b(?:four|4){_TIMES_A_DAY}", 4), (r"\bq\.?i\.?d\b", 4),
    (rf"\b(?:three|3){_TIMES_A_DAY}", 3), (r"\bt\.?i\.?d\b", 3),
    (rf"\b(?:two|2){_TIMES_A_DAY}|\btwice (?:a |per |each )?(?:day|daily)\b", 2), (r"\bb\.?i\.?d\b", 2),
    (rf"\b(?:one|1){_TIMES_A_DAY}|\bonce (?:a |per |each )?(?:day|daily)\b|\bdaily\b|\bevery day\b", 1),
    (r"\bq\.?d\b|\bq\.?h\.?s\b|\bh\.?s\.(?!\w)|\bat bedtime\b|\bat night\b|\bnightly\b|\bevery (?:night|"
     r"evening|morning)\b|\beach (?:night|evening|morning)\b", 1),
]
#: an application worn for some hours and left off for some ("one patch 12 hours on and 12 hours off", "12 on/12 off"):
#: one application for each on-and-off cycle
_ON_OFF = re.compile(r"\b(\d+)\s*(?:hours?|hrs?|h)?\s+on\b[^.;]{0,12}?\b(\d+)\s*(?:hours?|hrs?|h)?\s+off\b|"
                     r"\b(\d+)\s*(?:hours?|hrs?|h)?\s*on\s*/\s*(\d+)\s*(?:hours?|hrs?|h)?\s*off\b")
#: a stated most a day, which caps what the directions allow ("one tab q4-6h prn (max 4/day)", "not to exceed 3 a day")
_STATED_MAX = re.compile(r"\b(?:max(?:imum)?|not to exceed|no more than|up to)\.?\s*(?:of\s+)?(\d+)\s*"
                         r"(?:tabs?|tablets?|caps?|capsules?|pills?|patch(?:es)?|doses?)?\s*(?:/\s*|per |a |in a |each )"
                         r"(?:day|24 hours?)\b")


def parse_directions(text: str) -> tuple[float | None, float | None]:
    """(fewest, most) units a day from directions: "1-2 tabs every 4-6 hrs" -> (4, 12); a most a day the directions
    state ("max 4/day") caps the most."""
    low, high = _directions(text)
    cap = _STATED_MAX.search(text.lower())
    if cap:
        most = float(cap.group(1))
        high = most if high is None else min(high, most)
        low = None if low is None else min(low, high)
    return low, high


def _directions(text: str) -> tuple[float | None, float | None]:
    low = text.lower()
    units = (r"(?P<u1>\d+|one|two|three)(?:\s*(?:-|to|or)\s*(?P<u2>\d+|two|three))?\s*"
             r"(?:tabs?|tablets?|caps?|capsules?|pills?|patch(?:es)?)")
    m = re.search(rf"(?:{units}[^,;#]{{0,30}}?)?(?:every|q)\s*(?P<h1>\d+)(?:\s*(?:-|to)\s*(?P<h2>\d+))?\s*"
                  r"(?:hours?|hrs?|h)\b", low)
    if m:
        u1 = to_number(m.group("u1") or "1") or 1.0
        u2 = to_number(m.group("u2") or "") or u1
        h1 = float(m.group("h1"))
        h2 = float(m.group("h2") or h1)
        if h1 > 0 and h2 > 0:
            return u1 * 24 / max(h1, h2), u2 * 24 / min(h1, h2)
    m2 = re.search(rf"{units}", low)
    low_units = (to_number(m2.group("u1")) if m2 else None) or 1.0
    high_units = (to_number(m2.group("u2")) if m2 and m2.group("u2") else None) or low_units
    cycle = _ON_OFF.search(low)
    if cycle:
        on, off = (float(g) for g in (cycle.groups()[:2] if cycle.group(1) else cycle.groups()[2:]))
        if on + off > 0 and 24 % (on + off) == 0:
            return low_units * 24 / (on + off), high_units * 24 / (on + off)
    for pattern, per_day in _PER_DAY_WORDS:
        if re.search(pattern, low):
            return low_units * per_day, high_units * per_day
    return None, None


#: drugs taken by mouth (a topical's request names ingredients instead of one drug)
_SYSTEMIC_DRUGS = DRUG_SERVICES - {S.topical_analgesic}

#: the sites conventionally injected with a steroid: a subacromial space, a joint, a bursa, a trigger finger, the
#: first dorsal compartment (de Quervain's), the carpal tunnel, a tendon sheath
STEROID_SITES = (r"intra-?articular|subacromial|\bbursa\b|\bbursal\b|trigger finger|trigger thumb|dorsal compartment|"
                 r"de quervain|carpal tunnel|tendon sheath")
#: a steroid injected, by class or name ("Kenalog", "Depo-Medrol", "Celestone", "dexamethasone")
CORTICOSTEROIDS = (r"cortico|steroid|cortisone|kenalog|triamcinolone|\bmedrol\b|depo-?medrol|methylprednisolone|solu-?medrol|"
                   r"dexamethasone|decadron|betamethasone|celestone|hydrocortisone|prednisolone|aristospan|"
                   r"zilretta")
#: what a line may inject instead of a steroid: a local anesthetic alone, a diagnostic block, saline
_NON_STEROID_AGENT = (r"\blidocaine\b|\bxylocaine\b|\bbupivacaine\b|\bmarcaine\b|\bropivacaine\b|\bnaropin\b|"
                      r"\banesthetic\b|\bdiagnostic\b|\bsaline\b")
#: "orthotics" with no word of where they go
BARE_ORTHOTICS = r"\borthotics\b"

#: a pre-operative blood count, and a chemistry panel (electrolytes, creatinine), as request lines write them
BLOOD_COUNT = r"\bcbc\b|complete blood count|\bhemoglobin\b|\bhematocrit\b|\bh\s?&\s?h\b"
CHEMISTRY = (r"\bcmp\b|\bbmp\b|\bchem(?:istry|istries)?\b|\bchem[- ]?\d+\b|metabolic panel|\belectrolytes?\b|"
             r"\bcreatinine\b|\bbun\b|\brenal (?:function|panel)\b")

#: finer kinds of some services, by wording: (service, pattern, modality); first match per service wins
_MODALITIES: list[tuple[Service, str, str]] = [
    # aquatic therapy is filed as physical therapy (the CPMTG's aquatic entry decides it beside the visit numbers); the
    # view named it from the line (`view._modality`), the reader now names it too
    (S.physical_therapy, AQUATIC, "aquatic"),
    (S.preop_lab, r"\bpt/ptt\b|\bptt\b|\binr\b|coagulation|\bpt/inr\b", "coagulation"),
    (S.dme, r"pillow", "pillow"),
    (S.dme, EXERCISE_EQUIPMENT, "exercise_equipment"),
    (S.dme, r"workstation|\bdesk\b|(?<!massage )(?<!lift )(?<!shower )\bchair\b|ergonomic|keyboard", "ergonomic"),
    (S.postop_dme, r"bone (?:growth )?stimulator", "bone_stimulator"),
    (S.preop_lab, r"\burinalysis\b|\bua\b", "urinalysis"),
    # a blood count and a chemistry panel have different indications (odg#preoperative-lab-testing): a line asking
    # for both is both; either alone is itself
    (S.preop_lab, rf"(?:{BLOOD_COUNT}).*(?:{CHEMISTRY})|(?:{CHEMISTRY}).*(?:{BLOOD_COUNT})", "cbc+chemistry"),
    (S.preop_lab, BLOOD_COUNT, "cbc"),
    (S.preop_lab, CHEMISTRY, "chemistry"),
    # a sling after surgery (odg#abduction-sling): the ODG's sling criterion is for slings, not for all equipment
    (S.postop_dme, SLING, "sling"),
    (S.injection_other, r"platelet[- ]rich|\bprp\b|stem cell|prolotherapy", "biologic"),
    (S.injection_other, r"synvisc|hyaluron|visco|orthovisc|euflexxa|supartz|gel-?one|monovisc", "hyaluronic"),
    (S.injection_other, BOTULINUM, "botulinum"),
    (S.injection_other, SYMPATHETIC_BLOCK, "sympathetic_block"),
    (S.injection_other, r"sacroiliac|\bsi[- ]joint|\bsij\b", "sacroiliac"),
    (S.injection_other, r"vitamin b|\bb-?12\b|\bb complex\b|cyanocobalamin|methylcobalamin", "vitamin_b"),
    (S.injection_other, CORTICOSTEROIDS, "corticosteroid"),
    # the sites conventionally injected with a steroid, when the line names no drug (`_SITE_ROWS`)
    (S.injection_other, STEROID_SITES, "corticosteroid"),
    (S.dme, r"\binserts?\b|\binsoles?\b|arch supports?|(?:foot|shoe) orthos[ie]s", "foot_orthotic"),
    # bare "orthotics" for the foot, when the line names no other region (`_SITE_ROWS`)
    (S.dme, BARE_ORTHOTICS, "foot_orthotic"),
    (S.dme, r"brace|support|splint|orthosis|orthotic|immobilizer|collar|sling|heel cup|heel lift|"
     r"\bboot\b|\bstrap\b|counterforce|\bsleeve\b", "brace"),
    (S.dme, r"hospital bed|mattress|adjustable bed|electric bed", "hospital_bed"),
    (S.dme, r"wheelchair|walker|\bcane\b|crutch|scooter", "mobility"),
    (S.supplies, r"gloves|wipes|pads|diapers|disposable", "disposable"),
]


def _names_an_agent(low: str) -> bool:
    """The line names what is injected instead of a steroid: a drug other than a steroid, or a local anesthetic or
    diagnostic block ("with Marcaine" alone is no steroid injection; a steroid named makes it one)."""
    drug = find_drug(low)
    if re.search(CORTICOSTEROIDS, low) or (drug is not None and re.search(CORTICOSTEROIDS, drug[0] + " " + drug[1])):
        return False
    return drug is not None or re.search(_NON_STEROID_AGENT, low) is not None


def _names_other_region(low: str) -> bool:
    """The line names a region other than the foot or ankle ("custom orthotics for the right wrist")."""
    return any(bp.region not in (Region.foot, Region.ankle) for bp in find_regions(low))


def _after_a_procedure(low: str) -> bool:
    """A therapy line for after a surgery or an injection: that finer kind is more telling than the pool."""
    return re.search(r"\bpost-?\s?op|\bpost-?injection\b|\bpostsurg", low) is not None


#: rows that tell a kind by where the line says it goes, which hold only when the line says nothing more telling:
#: a site conventionally injected with a steroid is a steroid injection only when no other agent is named; bare
#: "orthotics" is a foot orthotic only when the line names no other region
_SITE_ROWS: dict[str, Callable[[str], bool]] = {STEROID_SITES: _names_an_agent, BARE_ORTHOTICS: _names_other_region,
                                               AQUATIC: _after_a_procedure}


def _modality(service: Service | None, low: str, modality: str | None) -> str | None:
    if service is S.emg_ncs:
        emg = bool(re.search(r"\bemg\b|electromyogra(?:m|ph)", low))
        ncs = bool(re.search(r"\bncs\b|\bncv\b|nerve conduction", low))
        return "emg+ncs" if emg and ncs else ("emg" if emg else "ncs")
    for svc, pattern, name in _MODALITIES:
        if svc is service and re.search(pattern, low):
            unless = _SITE_ROWS.get(pattern)
            if unless is not None and unless(low):
                continue
            return name
    if service in (S.tens_unit, S.h_wave, S.dme, S.cold_therapy_unit, S.postop_dme):
        if re.search(r"\btrial\b|\brental\b|\brent\b|\bone[- ]month\b|\b30[- ]days?\b", low):
            return "trial" if service in (S.tens_unit, S.h_wave) else (modality or "trial")
        if re.search(r"\bpurchase\b|\bbuy\b", low):
            return "purchase"
    return modality


def _drug_fields(service: Service | None, low: str, modality: str | None) -> tuple[str | None, list[str], str | None]:
    """(drug, topical ingredients, modality) of a medication request."""
    if service is S.topical_analgesic:
        ingredients = topical_ingredients(low)
        modality = "patch" if re.search(r"patch|lidoderm|pad\b", low) else (modality or "cream")
        if len(ingredients) > 1 or "compound" in low:
            modality = "compound"
        return ("+".join(ingredients) if ingredients else None), ingredients, modality
    found = find_drug(low)
    if found and service in _SYSTEMIC_DRUGS:
        if "suspension" in low or "oral liquid" in low:
            modality = "oral_suspension"
        return found[1], [], modality
    return None, [], modality


#: how a drug request writes the units to dispense, one phrasing per row, first match wins
DRUG_COUNT: tuple[str, ...] = (
    r"\b(?:qty|quantity|disp(?:ense)?)\s*[:.#]?\s*(?P<n>\d+)",                              # "QTY: 60", "disp 60"
    rf"\b(?P<n>{NUM})\s*(?:tablets|tabs|capsules|caps|pills|patches|lozenges|grams|gm|g|ml|tubes?|bottles?|"
    r"box(?:es)?|vials?|units)\b(?!\s*(?:(?:a|per|each)\s*day|daily|nightly|bid|tid|qid|q\.?\d|qhs|every|"
    r"twice|three times|four times|once|at bedtime|by mouth|orally|po\b|prn|as needed))",  # "60 tablets", not "2 tabs bid"
    r"(?<![\w(])\((?P<n>\d+)\)(?!\s*(?:mg|%|ml|mcg|refills?))",                          # "Flexeril 7.5mg (60)"
)
#: refills written after the fill ("with 2 refills", "x 2 refills", "+1 refill", "refills: 2", "RF x2")
REFILLS = (rf"(?:(?:with|w/|x|\+|plus|and|,)\s*|(?<=\d)\s+)(?P<r>{NUM})\s*(?:refills?|rf)\b|"
           r"\b(?:refills?|rf)\s*[:x#]?\s*(?P<r2>\d+)\b")


def drug_quantity(low: str) -> int | None:
    """Units to dispense: "#60", "60 tablets", "qty 60", "(60)"; "two refills of ... #90" is 180 (the refills in
    dispute) and "#90 with 2 refills" is 270 (the fill and its refills)."""
    counts = re.findall(r"(?<!tylenol )(?<!tylenol)#\s*(\d+)", low)
    qty = int(counts[-1]) if counts else None
    if qty is None:
        for p in DRUG_COUNT:
            m = re.search(p, low)
            if m and to_int(m.group("n")) is not None:
                qty = to_int(m.group("n"))
                break
    refills = re.match(rf"^\s*(?P<n>{NUM})\s+refills?\s+of\b", low)
    times = to_int(refills.group("n")) if refills else None
    if qty is not None and times:
        return qty * times  # the disputed refills, each of the stated quantity
    after = re.search(REFILLS, low)
    extra = to_int(after.group("r") or after.group("r2")) if after else None
    if qty is not None and extra:
        qty *= 1 + extra  # the fill and each refill of the stated quantity
    return qty


#: services whose quantity is days (of a stay): the rules compare the days requested with the days the ODG sets
_DAY_SERVICES = frozenset({S.skilled_nursing_facility, S.inpatient_rehabilitation, S.surgical_facility,
                           S.partial_hospitalization})
#: supplies requested for a period ("TENS supplies x 3 months"): the months of supply stand as the amount the request
#: states, which the supplies rule (SUPPLIES-SPECIFIED, `known: item.quantity`) asks for; whether a supply period
#: states the amount is the rule's question, left to it (a period is otherwise no count: `_NOT_A_COUNT`)
_SUPPLY_SERVICES = frozenset({S.supplies})
_SUPPLY_MONTHS = rf"(?:x|for)\s*(?P<n>{NUM})\s*(?:months?|mos?)\b"
#: programs requested by the hour: their quantity is the hours written ("Functional restoration program 80 hours");
#: hours a day are no total ("4 hours per day")
_HOUR_SERVICES = frozenset({S.functional_restoration})
_HOURS = rf"(?P<n>{NUM})[- ]?(?:hours?|hrs?)\b(?!\s*(?:a|per|/|each)\s*(?:day|week|wk)\b)"
#: how a rental period is written, one phrasing per row ("14 days rental", "rental for 2 weeks", "1 month rental")
RENTAL: tuple[str, ...] = (
    rf"(?P<n>{NUM})[- ]?(?P<u>days?|weeks?|months?)\s*(?:rental|rent|trial)",
    rf"(?:rental|rent)\w*\s*(?:for|x|of|period of)?\s*(?:a\s+)?(?P<n>{NUM})\s*(?P<u>days?|weeks?|months?)\b",
    r"(?:rental|rent)\w*\s*(?:for|x|of)?\s*(?:a\s+)?(?P<u>month|week)\b",
)
#: days in a rental period's unit (a month's rental is billed as 30 days)
_RENTAL_DAYS = {"day": 1, "week": 7, "month": 30}


def rental_days(low: str) -> int | None:
    """Days of a rental or trial period, as written."""
    for p in RENTAL:
        m = re.search(p, low)
        if m:
            n = to_int(m.group("n")) if "n" in m.groupdict() and m.group("n") else 1
            unit = _RENTAL_DAYS[m.group("u").rstrip("s")]
            return None if n is None else n * unit
    return None


#: combination products whose strengths are written "a/b/... mg" with the drug the rules dose (the opioid) not
#: first: how to pick its figure. Otherwise the first figure is the drug's ("Norco 10/325 mg").
STRENGTH_OF: dict[str, Callable[[list[float]], float]] = {
    # butalbital/acetaminophen (or aspirin)/caffeine/codeine 50/325/40/30 mg: the codeine is last
    "butalbital/codeine": lambda figures: figures[-1],
    # acetaminophen with codeine, written either way round (300/30 or 30/300 mg): the codeine is the smaller
    "codeine": min,
}


def unit_strength(drug: str | None, low: str) -> float | None:
    """The strength in mg of a drug request's unit: of its opioid in a combination written "a/b/... mg"."""
    m = re.search(r"(\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)*)\s*mg", low)
    if not m:
        return None
    figures = [float(f) for f in re.split(r"\s*/\s*", m.group(1))]
    pick = STRENGTH_OF.get(drug or "")
    return pick(figures) if pick and len(figures) > 1 else figures[0]


def parse_request(text: str) -> DisputedItem:
    """One request line as a disputed item (service None when not recognized)."""
    clean = " ".join(text.split())
    service, modality = classify(clean)
    low = clean.lower()
    qty, freq, dur = parse_quantity(clean)
    drug, ingredients, modality = _drug_fields(service, low, modality)
    strength = unit_strength(drug, low)
    per_day: tuple[float | None, float | None] = (None, None)
    if service in DRUG_SERVICES:
        freq = dur = None
        qty = drug_quantity(low)
        per_day = parse_directions(clean)
        mcg = re.search(r"(\d+(?:\.\d+)?)\s*(?:mcg|µg|micrograms?)\b", low)
        if strength is None and mcg:
            strength = float(mcg.group(1)) / 1000  # a patch's or spray's strength, in mg
    elif qty is None:
        lead = re.match(rf"^\s*(?:associated surgical service:\s*)?(?P<n>{NUM})\s+(?!(?:times?|x|phase|level|"
                        rf"views?|part|months?|weeks?|years?)\b)[a-z]", low)
        qty = to_int(lead.group("n")) if lead else None  # "2 leg wraps" (a count the line states, never assumed)
    post = bool(re.search(r"\bpost-?\s?op", low)) or modality == "postoperative"
    modality = _modality(service, low, modality)
    if service in (S.office_visit, S.specialist_consult, S.surgical_consult) and qty is None and \
            re.search(r"\bfollow[- ]?up\b|\bvisit\b|\bconsult|\bexam(?:ination)?\b|\bevaluation\b|\bre-?evaluation\b|"
                      r"\bassessment\b|\breferral\b", low) and \
            not re.search(r"\b(?:visits|exams|examinations|evaluations|consultations|sessions|assessments|referrals)\b|"
                          r"\b(?:and|&|/) ?treat", low):
        qty = 1  # "follow-up visit in 4 weeks", "initial exam", "spine surgery evaluation": one visit ("evaluate and
        # treat" asks for the visits the treatment takes, a number it does not state)
    rental = rental_days(low)
    if qty is None and service in _DAY_SERVICES:
        stay = re.search(rf"(?P<n>{NUM})[- ]?(?:days?|nights?)\b", low)
        qty = to_int(stay.group("n")) if stay else None  # "inpatient rehabilitation 10 days": days of the stay
    if qty is None and service in _SUPPLY_SERVICES:
        months = re.search(_SUPPLY_MONTHS, low)
        qty = to_int(months.group("n")) if months else None  # "TENS supplies x 3 months": the months of supply
    if qty is None and service in _HOUR_SERVICES:
        hours = re.search(_HOURS, low)
        qty = to_int(hours.group("n")) if hours else None  # "functional restoration program 80 hours"
    qty, rental = (None if holdable(n) is None else n for n in (qty, rental))  # a number no request means
    return DisputedItem(
        text=clean, service=service, modality=modality, quantity=qty, frequency_per_week=holdable(freq),
        duration_weeks=holdable(dur), body_parts=find_regions(_NOT_A_REGION.sub(" ", clean), text_order=True), drug=drug, strength_mg=holdable(strength),
        per_day_min=holdable(per_day[0]), per_day_max=holdable(per_day[1]), ingredients=ingredients,
        rental_days=rental,
        postoperative=post,
        additional=bool(re.search(r"\badditional\b|\bcontinu|\bmore\b|\bremaining\b|\bfurther\b", low)),
        retrospective=bool(re.search(r"\bretro", low)),
    )
