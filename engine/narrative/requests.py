"""Request lines ("Physical therapy 2 times a week for 6 weeks, lumbar") into structured disputed items.

`VOCABULARY` is the documented mapping from request wording to service kinds: an ordered list of
(pattern, service, modality), first match wins, so specific wordings (pre-op labs, post-op therapy, topical
creams) come before general ones (labs, therapy, the drug inside the cream). A line that matches nothing
keeps its place with `service = None` and is reported `not_covered`.
"""

from __future__ import annotations

import re

from engine.facts import BodyPart, DisputedItem
from engine.narrative.drugs import find_drug, topical_ingredients
from engine.narrative.textnum import NUM, holdable, to_int, to_number
from engine.vocab import DRUG_SERVICES, Laterality, Region, Service

S = Service
_PREOP = r"(?:pre-?\s?op(?:erative)?|associated surgical service|peri-?operative)"
_TOPICAL_FORM = r"\b(?:cream|gel|patch(?:es)?|ointment|lotion|pad|topical|compound(?:ed)?|transdermal)\b|\d\s?%"

VOCABULARY: list[tuple[str, Service, str | None]] = [
    # surgical ancillaries, named by their prefix
    (rf"{_PREOP}.*\b(?:ekg|ecg|electrocardiogram)\b", S.preop_ekg, None),
    (rf"{_PREOP}.*\bchest x-?ray|{_PREOP}.*\bcxr\b", S.preop_chest_xray, None),
    (rf"{_PREOP}.*\bclearance\b|\bmedical clearance\b", S.preop_clearance, None),
    (rf"{_PREOP}.*\b(?:labs?|cbc|cmp|bmp|chem|pt/ptt|ptt|inr|ua|urinalysis|panel)\b", S.preop_lab, "labs"),
    (rf"{_PREOP}.*\b(?:cold therapy|vascutherm|cryo|ice machine|game ready|polar care)", S.cold_therapy_unit, None),
    (rf"{_PREOP}.*\b(?:(?:ultra)?sling|brace|wraps?|pad|crutch|walker|tens|ems|immobilizer|compression|cane)\b",
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
    # a named procedure "with" its stay is the procedure (the stay follows it when requested on its own line)
    (r"\b(?:arthroplasty|replacement|fusion|arthroscop\w*|repair|laminectomy|discectomy|decompression)\b.*\bwith\b.*"
     r"\b(?:inpatient|hospital) stay\b", S.surgery, None),
    (r"\b(?:inpatient|hospital|length of) stay\b|\bovernight stay\b|\banesthesia\b|\bsedation\b|"
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
    (r"\b(?:emg|ncs|ncv|electromyograph|nerve conduction|electrodiagnostic)", S.emg_ncs, None),
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
    (r"\bepidural\b|\besi\b|\btransforaminal\b|\bselective nerve root\b|\bsnrb\b|\bnerve root blocks?\b",
     S.epidural_steroid_injection, None),
    (r"\bradiofrequency\b|\brfa\b|\bneurotomy\b|\brhizotomy\b", S.radiofrequency_ablation, None),
    (r"\bfacet\b|\bmedial branch\b", S.facet_injection, None),
    # botulinum toxin before trigger points ("Botox trigger point injections" is a botulinum toxin request), and
    # whether or not the line says "injection" ("Botox 200 units")
    (r"\bbotox\b|\bbotulinum\b|\bmyobloc\b|\bdysport\b|\bxeomin\b", S.injection_other, "botulinum"),
    (r"\btrigger point injection|\btpi\b", S.trigger_point_injection, None),
    # a sympathetic block, also when the line lacks "block" ("stellate ganglion under fluoroscopy")
    (r"\bstellate ganglion\b|\bsympathetic (?:nerve |chain |ganglion )?blocks?\b|\bsgb\b", S.injection_other,
     "sympathetic_block"),
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
    (r"\barthroscop|\bmeniscectomy\b|\bdecompression\b|\bacromioplasty\b|\bfusion\b|\blaminectomy\b|"
     r"\bdiscectomy\b|\bmicrodiscectomy\b|\blaminotomy\b|\barthroplasty\b|\breplacement\b|\brepair\b|"
     r"\b(?:carpal tunnel|trigger finger|de quervain\S*) release\b|\breconstruction\b|\bsurgery\b|\bosteotomy\b|"
     r"\bforaminotomy\b|\bdebridement\b|\bexcision\b|\btenotomy\b|\bsynovectomy\b|"
     r"\b(?:tunnel|fascia|epicondyl\w*|lateral|tendon|nerve|compartment|capsular) release\b|"
     r"\bchondroplasty\b|\btransposition\b|"
     r"\bfasciotomy\b|\bfasciectomy\b|\btenodesis\b|\bbursectomy\b|\borif\b|\bopen reduction\b|"
     r"\binternal fixation\b", S.surgery, None),
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
    (r"\bhome exercise (?:kit|equipment)\b|\bexercise (?:equipment|ball|bike|bicycle|machine)\b|\btheraband|"
     r"\bresistance bands?\b|\btreadmill\b|\bstationary (?:bike|bicycle|cycle)\b|\belliptical\b", S.dme, "exercise_equipment"),
    (r"\bgloves\b|\bwipes\b|\bbandages?\b|\bdressings?\b|\bsupplies\b|\belectrodes\b|\bbatter(?:y|ies)\b",
     S.supplies, None),
]
_COMPILED = [(re.compile(p, re.I), s, m) for p, s, m in VOCABULARY]

REGIONS: list[tuple[str, Region]] = [
    (r"lumbo-?sacral|lumbar|low(?:er)? back|\blso\b|\btlso\b|\bl[1-5](?:-[l]?[1-5s]1?)?\b|\bl5-s1\b|\bsacroiliac|\bsi joint",
     Region.lumbar),
    (r"cervical|\bneck\b|\bc[2-7]\b", Region.cervical),
    (r"thoracic|mid[- ]back|upper back|\bt\d{1,2}\b", Region.thoracic),
    (r"shoulder|rotator cuff|\bslap\b|labr|acromio|subacromial", Region.shoulder),
    (r"elbow|epicondyl", Region.elbow),
    (r"wrist|carpal|forearm|\bradius\b|\bulnar? styloid|\bdistal ulna\b", Region.wrist),
    (r"\bhands?\b|fingers?|thumb", Region.hand),
    (r"\bhips?\b|groin", Region.hip),
    (r"pelvi", Region.pelvis),
    (r"\bknees?\b|menisc|\bacl\b|patell", Region.knee),
    (r"\bleg\b|lower leg|calf|tibia|femur", Region.leg),
    (r"ankle|achilles", Region.ankle),
    (r"\bfoot\b|\bfeet\b|heel|plantar|\btoes?\b", Region.foot),
    (r"\bhead\b|brain|cranial", Region.head),
    (r"abdom", Region.abdomen),
    (r"\bchest\b", Region.chest),
    (r"upper extremit|\barms?\b|\bue\b|\brue\b|\blue\b|\bbue\b", Region.upper_extremity),
    (r"lower extremit|\ble\b|\brle\b|\blle\b|\bble\b", Region.lower_extremity),
    (r"\bspine\b|\bback\b", Region.lumbar),
]


def find_regions(text: str) -> list[BodyPart]:
    """Body regions named in `text`, each with the side written just before it."""
    out: list[BodyPart] = []
    seen: set[Region] = set()
    low = text.lower()
    for pattern, region in REGIONS:
        for m in re.finditer(pattern, low):
            if region in seen:
                break
            if region is Region.lumbar and pattern.startswith(r"\bspine") and seen & {Region.cervical, Region.thoracic}:
                break
            before = low[max(0, m.start() - 25):m.start()]
            side = None
            if re.search(r"\b(?:bilateral|both|bue|ble)\b", before) or re.search(r"\b(?:bue|ble)\b", m.group(0)):
                side = Laterality.bilateral
            elif re.search(r"\bleft\b|\blt\b", before) or m.group(0) in ("lue", "lle"):
                side = Laterality.left
            elif re.search(r"\bright\b|\brt\b", before) or m.group(0) in ("rue", "rle"):
                side = Laterality.right
            out.append(BodyPart(region=region, side=side))
            seen.add(region)
            break
    return out


def classify(text: str) -> tuple[Service | None, str | None]:
    """The service kind (and finer modality) of a request line, by the vocabulary."""
    low = text.lower()
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


_FREQ = rf"(?P<f>{NUM})\s*(?:x|times?|visits?|sessions?)?\s*(?:(?:a|per|/|each)\s*(?:week|wk)|weekly)"
_DUR = rf"(?:for|x|times)\s*(?P<d>{NUM})\s*(?:weeks?|wks?)"


def parse_quantity(text: str) -> tuple[int | None, float | None, float | None]:
    """(quantity, frequency per week, duration in weeks) as written."""
    low = text.lower().replace("twice", "2 times").replace("once", "1 time").replace("thrice", "3 times")
    freq = dur = None
    m = re.search(_FREQ, low)
    if m:
        freq = to_number(m.group("f"))
    m2 = re.search(_DUR, low)
    if m2:
        dur = to_number(m2.group("d"))
    m3 = re.search(r"\b(\d+)\s*x\s*(\d+)\b(?!\s*(?:mg|%))", low)
    if freq is None and dur is None and m3:
        freq, dur = float(m3.group(1)), float(m3.group(2))
        low = low[:m3.start()] + " " + low[m3.end():]
    qty: int | None = None
    if m or m2:
        # drop the frequency and duration phrases so that their numbers are not read as a total
        low = re.sub(_FREQ, " ", low)
        low = re.sub(_DUR, " ", low)
    patterns = [
        rf"(?P<n>{NUM})\s*-\s*(?P<n2>\d+)\s*(?:additional\s+)?(?:sessions|visits|treatments)",
        rf"(?P<n>{NUM})\s+(?:additional\s+|more\s+|further\s+)?(?:[a-z/-]+\s+){{0,4}}?(?:sessions|visits|treatments)\b",
        r"(?:sessions|visits|treatments)\s*(?:x|times|#)\s*(?P<n>\d+)",
        r"\((?P<n>\d+)\)\s*$",
        rf"(?:times|x)\s*(?P<n>{NUM})\b(?!\s*(?:a|per)\s*week)(?!\s*weeks?)",
        r"#\s*(?P<n>\d+)",
    ]
    parts = re.findall(rf"(?:^|\band\b)\s*(?P<n>{NUM})\s+(?:[a-z/-]+\s+){{0,3}}?(?:sessions|visits|treatments)\b", low)
    if len(parts) > 1 and m is None and m2 is None:
        values = [to_int(x) for x in parts]
        if all(v is not None for v in values):
            return sum(v for v in values if v is not None), None, None  # "two sessions for A and eight for B"
    for p in patterns:
        m4 = re.search(p, low)
        if m4:
            n2 = m4.groupdict().get("n2")
            value = to_int(n2) if n2 else to_int(m4.group("n"))
            if value is not None:
                qty = value
                break
    if freq is None and dur is None:
        m5 = re.search(r"(?P<a>\d+)\s*times\s*(?P<b>\d+)\b(?!\s*(?:weeks?|mg))", low)
        if m5 and qty == int(m5.group("b")):
            freq, dur = float(m5.group("a")), float(m5.group("b"))
            qty = int(freq * dur)
    if qty is None and freq is not None and dur is not None:
        qty = round(freq * dur)
    return qty, freq, dur


_PER_DAY_WORDS = [(r"\b(?:four times (?:a|per) day|qid)\b", 4), (r"\b(?:three times (?:a|per) day|tid)\b", 3),
                  (r"\b(?:twice (?:a )?daily|twice (?:a|per) day|two times (?:a|per) day|bid)\b", 2),
                  (r"\b(?:once (?:a )?daily|once (?:a|per) day|daily|qd|qhs|at bedtime|every day)\b", 1)]


def parse_directions(text: str) -> tuple[float | None, float | None]:
    """(fewest, most) units a day from directions: "1-2 tabs every 4-6 hrs" -> (4, 12)."""
    low = text.lower()
    units = (r"(?P<u1>\d+|one|two|three)(?:\s*(?:-|to|or)\s*(?P<u2>\d+|two|three))?\s*"
             r"(?:tabs?|tablets?|caps?|capsules?|pills?)")
    m = re.search(rf"(?:{units}[^,;#]{{0,30}}?)?(?:every|q)\s*(?P<h1>\d+)(?:\s*(?:-|to)\s*(?P<h2>\d+))?\s*"
                  r"(?:hours?|hrs?|h)\b", low)
    if m:
        u1 = to_number(m.group("u1") or "1") or 1.0
        u2 = to_number(m.group("u2") or "") or u1
        h1 = float(m.group("h1"))
        h2 = float(m.group("h2") or h1)
        if h1 > 0 and h2 > 0:
            return u1 * 24 / max(h1, h2), u2 * 24 / min(h1, h2)
    for pattern, per_day in _PER_DAY_WORDS:
        if re.search(pattern, low):
            m2 = re.search(rf"{units}", low)
            low_units = (to_number(m2.group("u1")) if m2 else None) or 1.0
            high_units = (to_number(m2.group("u2")) if m2 and m2.group("u2") else None) or low_units
            return low_units * per_day, high_units * per_day
    return None, None


#: drugs taken by mouth (a topical's request names ingredients instead of one drug)
_SYSTEMIC_DRUGS = DRUG_SERVICES - {S.topical_analgesic}

#: finer kinds of some services, by wording: (service, pattern, modality); first match per service wins
_MODALITIES: list[tuple[Service, str, str]] = [
    (S.preop_lab, r"\bpt/ptt\b|\bptt\b|\binr\b|coagulation|\bpt/inr\b", "coagulation"),
    (S.dme, r"pillow", "pillow"),
    (S.dme, r"exercise (?:kit|equipment|ball|bike|bicycle|machine)|theraband|resistance band|treadmill|"
     r"stationary (?:bike|bicycle|cycle)|elliptical",
     "exercise_equipment"),
    (S.dme, r"workstation|\bdesk\b|(?<!massage )(?<!lift )(?<!shower )\bchair\b|ergonomic|keyboard", "ergonomic"),
    (S.postop_dme, r"bone (?:growth )?stimulator", "bone_stimulator"),
    (S.preop_lab, r"\burinalysis\b|\bua\b", "urinalysis"),
    (S.injection_other, r"platelet[- ]rich|\bprp\b|stem cell|prolotherapy", "biologic"),
    (S.injection_other, r"synvisc|hyaluron|visco|orthovisc|euflexxa|supartz|gel-?one|monovisc", "hyaluronic"),
    (S.injection_other, r"botox|botulinum|myobloc|dysport|xeomin", "botulinum"),
    (S.injection_other, r"stellate|sympathetic (?:nerve |chain |ganglion )?block|\bsgb\b", "sympathetic_block"),
    (S.injection_other, r"sacroiliac|\bsi[- ]joint|\bsij\b", "sacroiliac"),
    (S.injection_other, r"vitamin b|\bb-?12\b|\bb complex\b|cyanocobalamin|methylcobalamin", "vitamin_b"),
    # and the sites conventionally injected with a steroid: a subacromial space, a bursa, a trigger finger, the
    # first dorsal compartment (de Quervain's), the carpal tunnel
    (S.injection_other, r"cortico|steroid|cortisone|kenalog|depo-?medrol|triamcinolone|intra-?articular|subacromial|"
     r"\bbursa\b|\bbursal\b|trigger finger|trigger thumb|dorsal compartment|de quervain|carpal tunnel|tendon sheath",
     "corticosteroid"),
    (S.dme, r"\binserts?\b|\binsoles?\b|arch supports?|\borthotics\b|(?:foot|shoe) orthos[ie]s", "foot_orthotic"),
    (S.dme, r"brace|support|splint|orthosis|orthotic|immobilizer|collar|sling|heel cup|heel lift|"
     r"\bboot\b|\bstrap\b|counterforce|\bsleeve\b", "brace"),
    (S.dme, r"hospital bed|mattress|adjustable bed|electric bed", "hospital_bed"),
    (S.dme, r"wheelchair|walker|\bcane\b|crutch|scooter", "mobility"),
    (S.supplies, r"gloves|wipes|pads|diapers|disposable", "disposable"),
]


def _modality(service: Service | None, low: str, modality: str | None) -> str | None:
    if service is S.emg_ncs:
        emg = bool(re.search(r"\bemg\b|electromyograph", low))
        ncs = bool(re.search(r"\bncs\b|\bncv\b|nerve conduction", low))
        return "emg+ncs" if emg and ncs else ("emg" if emg else "ncs")
    for svc, pattern, name in _MODALITIES:
        if svc is service and re.search(pattern, low):
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


def drug_quantity(low: str) -> int | None:
    """Units to dispense: "#60", "60 tablets", "qty 60"; "two refills of ... #90" is 180."""
    counts = re.findall(r"(?<!tylenol )(?<!tylenol)#\s*(\d+)", low)
    qty = int(counts[-1]) if counts else None
    if qty is None:
        m = re.search(r"\b(?:qty|quantity)[:.]?\s*(\d+)|\b(\d+)\s*(?:tablets|tabs|capsules|caps|pills|patches|"
                      r"lozenges|grams|gm|g|ml)\b(?!\s*(?:a|per|each)\s*day)", low)
        qty = int(m.group(1) or m.group(2)) if m else None
    refills = re.match(rf"^\s*(?P<n>{NUM})\s+refills?\s+of\b", low)
    times = to_int(refills.group("n")) if refills else None
    if qty is not None and times:
        qty *= times  # the disputed refills, each of the stated quantity
    return qty


def parse_request(text: str) -> DisputedItem:
    """One request line as a disputed item (service None when not recognized)."""
    clean = " ".join(text.split())
    service, modality = classify(clean)
    low = clean.lower()
    qty, freq, dur = parse_quantity(clean)
    drug, ingredients, modality = _drug_fields(service, low, modality)
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:/\s*\d+\s*)?mg", low)
    strength = float(m.group(1)) if m else None
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
                        rf"views?|part)\b)[a-z]", low)
        qty = to_int(lead.group("n")) if lead else None  # "2 leg wraps" (a count the line states, never assumed)
    post = bool(re.search(r"\bpost-?\s?op", low)) or modality == "postoperative"
    modality = _modality(service, low, modality)
    if service in (S.office_visit, S.specialist_consult, S.surgical_consult) and qty is None and \
            re.search(r"\bfollow[- ]?up\b|\bvisit\b|\bconsult", low) and \
            not re.search(r"\b(?:visits|exams|consultations|sessions)\b", low):
        qty = 1  # "follow-up visit in 4 weeks": one visit
    mr = re.search(r"(\d+)[- ]days?\s*(?:rental|rent)|(?:rental|rent)\w*\s*(?:for\s*)?(\d+)\s*days?", low)
    rental = int(mr.group(1) or mr.group(2)) if mr else None
    qty, rental = (None if holdable(n) is None else n for n in (qty, rental))  # a number no request means
    return DisputedItem(
        text=clean, service=service, modality=modality, quantity=qty, frequency_per_week=holdable(freq),
        duration_weeks=holdable(dur), body_parts=find_regions(clean), drug=drug, strength_mg=holdable(strength),
        per_day_min=holdable(per_day[0]), per_day_max=holdable(per_day[1]), ingredients=ingredients,
        rental_days=rental,
        postoperative=post,
        additional=bool(re.search(r"\badditional\b|\bcontinu|\bmore\b|\bremaining\b|\bfurther\b", low)),
        retrospective=bool(re.search(r"\bretro", low)),
    )
