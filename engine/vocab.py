"""The closed vocabularies that case facts and rules share: service kinds, body regions, laterality.

Rules name service kinds and body regions; case files and the narrative extractor produce them. Keeping
both sides on one enum is what lets `mtus rules check` reject a rule for a service nobody can request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from engine.compat import StrEnum


class Service(StrEnum):
    """What kind of service a disputed item requests (one value per guideline topic it falls under)."""

    # physical medicine
    physical_therapy = "physical_therapy"
    occupational_therapy = "occupational_therapy"
    chiropractic = "chiropractic"
    acupuncture = "acupuncture"
    massage = "massage"
    electrical_stimulation = "electrical_stimulation"
    tens_unit = "tens_unit"
    h_wave = "h_wave"
    ultrasound_therapy = "ultrasound_therapy"
    infrared_laser_therapy = "infrared_laser_therapy"
    traction = "traction"
    heat_cold_therapy = "heat_cold_therapy"
    biofeedback = "biofeedback"
    shockwave_therapy = "shockwave_therapy"
    # diagnostics
    mri = "mri"
    ct = "ct"
    xray = "xray"
    bone_scan = "bone_scan"
    emg_ncs = "emg_ncs"
    eeg = "eeg"
    diagnostic_other = "diagnostic_other"
    # drugs
    opioid = "opioid"
    nsaid = "nsaid"
    ppi = "ppi"
    muscle_relaxant = "muscle_relaxant"
    benzodiazepine = "benzodiazepine"
    antidepressant = "antidepressant"
    anticonvulsant = "anticonvulsant"
    topical_analgesic = "topical_analgesic"
    laxative = "laxative"
    hypnotic = "hypnotic"
    medication_other = "medication_other"
    urine_drug_test = "urine_drug_test"
    # procedures
    epidural_steroid_injection = "epidural_steroid_injection"
    facet_injection = "facet_injection"
    radiofrequency_ablation = "radiofrequency_ablation"
    trigger_point_injection = "trigger_point_injection"
    injection_other = "injection_other"
    surgery = "surgery"
    # surgical ancillaries (follow the surgery they serve)
    surgical_assistant = "surgical_assistant"
    preop_clearance = "preop_clearance"
    preop_lab = "preop_lab"
    preop_ekg = "preop_ekg"
    preop_chest_xray = "preop_chest_xray"
    postop_dme = "postop_dme"
    cold_therapy_unit = "cold_therapy_unit"
    surgical_facility = "surgical_facility"
    # visits, programs, equipment
    office_visit = "office_visit"
    specialist_consult = "specialist_consult"
    surgical_consult = "surgical_consult"
    psych_evaluation = "psych_evaluation"
    psychotherapy = "psychotherapy"
    functional_restoration = "functional_restoration"
    functional_capacity_evaluation = "functional_capacity_evaluation"
    home_health = "home_health"
    gym_membership = "gym_membership"
    dme = "dme"
    transportation = "transportation"
    supplies = "supplies"
    weight_loss = "weight_loss"
    other = "other"
    # procedures family (injections, equipment and programs, services with no rule before): levels of care,
    # tests requested as separate services, and a procedure the ODG does not recommend
    adhesiolysis = "adhesiolysis"
    """percutaneous epidural adhesiolysis (lysis of epidural adhesions, Racz procedure, epidural neuroplasty)"""
    inpatient_rehabilitation = "inpatient_rehabilitation"
    """admission to an inpatient rehabilitation facility or unit (acute rehabilitation), not outpatient therapy"""
    skilled_nursing_facility = "skilled_nursing_facility"
    """a stay in a skilled nursing facility (SNF, sub-acute or transitional care), not skilled nursing at home"""
    partial_hospitalization = "partial_hospitalization"
    """a psychiatric partial hospitalization (day hospital) program"""
    computerized_testing = "computerized_testing"
    """computerized (or separately billed) muscle strength or range-of-motion testing"""
    evoked_potentials = "evoked_potentials"
    """evoked potential studies: somatosensory (SSEP, dermatomal), visual, brainstem auditory or motor"""
    ecg = "ecg"
    """an electrocardiogram requested as a diagnostic test, not as a pre-operative test (see preop_ekg)"""


#: Service kinds whose visits Labor Code §4604.5 counts toward its 24-visit caps (each kind separately).
STATUTORY_VISIT_KINDS = frozenset({Service.physical_therapy, Service.occupational_therapy, Service.chiropractic})

#: Kinds counted together as "physical medicine" when a reviewer adds prior and requested visits.
PHYSICAL_MEDICINE_KINDS = frozenset({Service.physical_therapy, Service.occupational_therapy})

# --- service groups: each defined here once and imported wherever a module needs it -------------------------

#: Prescription drugs (and drug-like requests): a fill is requested, with a dose and a quantity.
DRUG_SERVICES = frozenset({
    Service.opioid, Service.nsaid, Service.ppi, Service.muscle_relaxant, Service.benzodiazepine,
    Service.antidepressant, Service.anticonvulsant, Service.topical_analgesic, Service.laxative, Service.hypnotic,
    Service.medication_other,
})

#: aspirin, anticoagulants and antiplatelet drugs: taken with an NSAID, a gastrointestinal risk factor
#: (`Findings.gi_risk`: "concurrent aspirin, corticosteroid or anticoagulant"; mtus-facts §2.6 "Concurrent
#: anticoagulation/anti-platelet use"). A medication list that names one documents the concurrent use, as the reader
#: reads the words in the text (engine/narrative/findings.py); seventh round of conformance triage.
ANTITHROMBOTICS = frozenset({"aspirin", "warfarin", "apixaban", "rivaroxaban", "dabigatran", "edoxaban", "enoxaparin",
                             "heparin", "clopidogrel", "prasugrel", "ticagrelor"})

#: drugs for conditions other than the injury (blood pressure, diabetes, cholesterol, thyroid, anticoagulation...),
#: by generic name: taken, but no pain medication (third review: the test had been the other way round, every
#: `medication_other` drug but two analgesics, which left a class-less or steroid or medical-food entry of a saved
#: case file out of the pain-medication list). Aspirin, which may be taken for pain, is not among them.
OTHER_CONDITION_DRUGS: frozenset[str] = frozenset({
    "lisinopril", "losartan", "amlodipine", "metoprolol", "atenolol", "hydrochlorothiazide", "furosemide",
    "metformin", "glipizide", "insulin", "atorvastatin", "simvastatin", "rosuvastatin", "levothyroxine",
    "sildenafil", "tamsulosin", *(ANTITHROMBOTICS - {"aspirin"}),
})


def for_pain(drug_class: Service | None, generic: str | None) -> bool:
    """Whether a drug on the list counts as medication for the injury: every drug but one that treats another
    condition (`OTHER_CONDITION_DRUGS`, "hypertension treated with lisinopril"). Only these make the
    pain-medication list known or count as conservative care; a drug with no class counts, as it always has."""
    if drug_class not in (None, Service.medication_other):
        return True
    words = re.split(r"[\s/+-]+", (generic or "").lower())
    return not any(w in OTHER_CONDITION_DRUGS for w in words)


# --- drug groups within a class, by generic name ---------------------------------------------------------------

#: Antidepressants that are first-line agents for neuropathic pain: the tricyclics ("generally considered a
#: first-line agent", CPMTG "Antidepressants for chronic pain", quoted in an IMR letter, mtus-facts §2.10) and the
#: SNRIs (the catalog's reading of the same section, cpmtg-2016#antidepressants, and ODG: "TCA or SNRI"). SSRIs
#: (sertraline, fluoxetine, citalopram, ...), bupropion and trazodone are not among them: the CPMTG does not
#: recommend SSRIs for chronic pain, only for secondary depression (our recollection, unverified).
NEUROPATHIC_ANTIDEPRESSANTS = frozenset({
    # tricyclics
    "amitriptyline", "nortriptyline", "desipramine", "imipramine", "doxepin", "clomipramine",
    # serotonin-norepinephrine reuptake inhibitors
    "duloxetine", "venlafaxine", "desvenlafaxine", "milnacipran",
})

#: Services that serve a surgery (pre-operative tests, an assistant, the facility, post-operative equipment):
#: they are decided after the surgery they serve and follow its decision.
SURGICAL_ANCILLARY_SERVICES = frozenset({
    Service.surgical_assistant, Service.preop_clearance, Service.preop_lab, Service.preop_ekg,
    Service.preop_chest_xray, Service.postop_dme, Service.cold_therapy_unit, Service.surgical_facility,
})

#: Injection procedures (sedation or a facility requested with one follows it; adhesiolysis is an epidural
#: procedure, so its sedation follows it too).
INJECTION_SERVICES = frozenset({
    Service.epidural_steroid_injection, Service.facet_injection, Service.radiofrequency_ablation,
    Service.trigger_point_injection, Service.injection_other, Service.adhesiolysis,
})

#: Therapies given as a course of visits (the treatment-to-date lists name these).
VISIT_THERAPY_SERVICES = frozenset({
    Service.physical_therapy, Service.occupational_therapy, Service.chiropractic, Service.acupuncture,
})

#: Conservative (non-operative) care: what "failed conservative care" is judged on when a course of it is on
#: record (therapies, modalities, injections, supports and drugs; a home exercise program is a finding).
CONSERVATIVE_CARE_KINDS = frozenset({
    *VISIT_THERAPY_SERVICES, Service.massage, Service.electrical_stimulation, Service.tens_unit, Service.h_wave,
    Service.ultrasound_therapy, Service.infrared_laser_therapy, Service.traction, Service.heat_cold_therapy,
    Service.biofeedback, Service.shockwave_therapy, Service.psychotherapy, Service.dme, *INJECTION_SERVICES,
    *DRUG_SERVICES,
})

#: Imaging and electrodiagnostic studies (a repeat study of the same region is its own question).
STUDY_SERVICES = frozenset({Service.mri, Service.ct, Service.emg_ncs, Service.bone_scan})


def same_study(service: Service) -> frozenset[Service]:
    """The studies that answer the same question as `service` (an MRI repeats a CT of the region, and the reverse)."""
    cross = frozenset({Service.mri, Service.ct})
    return cross if service in cross else frozenset({service})


#: Finer kinds of a service (`item.modality`), as the request parser writes them and rules compare them. A
#: rule comparing `item.modality` with a value not listed here fails `mtus rules check` (MTUS-E014).
MODALITIES: dict[str, str] = {
    "postoperative": "therapy after a surgery", "post_injection": "therapy after an injection",
    "aquatic": "aquatic (pool) therapy",
    "emg": "EMG alone", "ncs": "nerve conduction alone", "emg+ncs": "EMG with nerve conduction",
    "trial": "a rental or home trial", "purchase": "a purchase", "patch": "a topical patch",
    "cream": "a topical cream or gel", "compound": "a compounded topical", "transdermal": "an opioid patch",
    "oral_suspension": "a compounded oral suspension", "injection": "a drug given by injection",
    "coagulation": "PT/PTT or INR", "urinalysis": "a urinalysis", "labs": "other pre-operative labs",
    "cbc": "a blood count (CBC)", "chemistry": "a chemistry panel (BMP, CMP: electrolytes, creatinine)",
    "cbc+chemistry": "a blood count with a chemistry panel", "sling": "a sling or shoulder immobilizer",
    "ergonomic": "a workstation or chair", "brace": "a brace, support, splint or sling",
    "hospital_bed": "a hospital bed or mattress", "mobility": "a wheelchair, walker, cane or crutches",
    "pillow": "a support pillow", "exercise_equipment": "exercise equipment", "disposable": "disposable supplies",
    "tape": "kinesio tape", "bone_stimulator": "a bone growth stimulator", "biologic": "PRP or stem cells",
    "hyaluronic": "viscosupplementation", "corticosteroid": "a steroid injection", "ketamine": "ketamine",
    "spinal_cord_stimulator": "a spinal cord stimulator", "tpii": "trigger point impedance imaging",
    "sympathetic_block": "a regional sympathetic block (stellate ganglion, thoracic or lumbar sympathetic)",
    "botulinum": "a botulinum toxin injection (Botox, Myobloc)", "sacroiliac": "a sacroiliac joint injection or block",
    "vitamin_b": "a vitamin B (B12, B complex) injection", "genetic_test": "genetic or pharmacogenetic testing",
    "thermography": "thermography", "sleep_study": "polysomnography", "ultrasound": "diagnostic ultrasound",
    "discography": "discography (a discogram)", "myelography": "a myelogram without CT",
    "arthrography": "an arthrogram without MR", "bone_density": "a bone density (DEXA) scan",
    "qst": "quantitative sensory testing",
    "lab": "a blood count or chemistry (liver, renal function), not pre-operative",
    "lab_other": "other blood or laboratory tests (drug levels, A1c, unspecified blood work)",
    "surface_emg": "surface electromyography",
    "medical_food": "a medical food (Theramine, Sentra, Trepadone, Gabadone)",
    "vertebral_augmentation": "kyphoplasty or vertebroplasty", "hardware_removal": "removal of implanted hardware",
    "drug_delivery_system": "an implantable (intrathecal) drug-delivery system or its trial",
    "foot_orthotic": "foot orthotics, shoe inserts, insoles or arch supports",
}


class Region(StrEnum):
    """Body regions, at the granularity of the guideline chapters (ACOEM 2004 body-part chapters)."""

    lumbar = "lumbar"
    cervical = "cervical"
    thoracic = "thoracic"
    shoulder = "shoulder"
    elbow = "elbow"
    wrist = "wrist"
    hand = "hand"
    hip = "hip"
    pelvis = "pelvis"
    knee = "knee"
    leg = "leg"
    ankle = "ankle"
    foot = "foot"
    head = "head"
    abdomen = "abdomen"
    chest = "chest"
    upper_extremity = "upper_extremity"
    lower_extremity = "lower_extremity"
    other = "other"


#: Regions of the spine, for rules that treat the spine alike.
SPINE = frozenset({Region.lumbar, Region.cervical, Region.thoracic})
UPPER_LIMB = frozenset({Region.shoulder, Region.elbow, Region.wrist, Region.hand, Region.upper_extremity})
LOWER_LIMB = frozenset({Region.hip, Region.knee, Region.leg, Region.ankle, Region.foot, Region.lower_extremity})
#: body halves a finding belongs to, by region (`engine.view.scoped_findings`)
UPPER_HALF = frozenset({Region.cervical, Region.thoracic, Region.shoulder, Region.elbow, Region.wrist, Region.hand,
                        Region.upper_extremity, Region.head})
LOWER_HALF = frozenset({Region.lumbar, Region.pelvis, Region.hip, Region.leg, Region.knee, Region.ankle, Region.foot,
                        Region.lower_extremity})
#: a region and the regions it takes in: a whole limb holds its parts; the low back and the pelvis (the sacroiliac
#: joints) are read as one
REGION_HOLDS: dict[Region, frozenset[Region]] = {
    Region.upper_extremity: UPPER_LIMB, Region.lower_extremity: LOWER_LIMB,
    Region.lumbar: frozenset({Region.pelvis}), Region.pelvis: frozenset({Region.lumbar})}


def region_half(region: Region) -> str:
    """`upper`, `lower` or `any`: the half of the body a region is in."""
    return "upper" if region in UPPER_HALF else ("lower" if region in LOWER_HALF else "any")


def regions_overlap(a: Iterable[Region], b: Iterable[Region]) -> bool:
    """Whether two sets of regions can concern the same body part: either is empty (unknown), they share a
    region, or one names a whole limb the other's region is part of."""
    ra, rb = set(a), set(b)
    if not ra or not rb or ra & rb:
        return True
    return any(y in REGION_HOLDS.get(x, ()) or x in REGION_HOLDS.get(y, ()) for x in ra for y in rb)


class Laterality(StrEnum):
    """Side of the body a finding or request concerns."""

    left = "left"
    right = "right"
    bilateral = "bilateral"


#: the dosage forms of a product applied to the skin ("Voltaren gel", "a lidocaine patch"), one a row: the one
#: vocabulary of topical forms; the request reader and the view each add the cues of their own texts to it
#: (`topical_form`)
TOPICAL_FORMS: tuple[str, ...] = ("cream", "gel", r"patch(?:es)?", "ointment", "lotion", "topical")


def topical_form(*cues: str) -> str:
    """A pattern for a topical form (`TOPICAL_FORMS`), or one of `cues`, written as a word."""
    return r"\b(?:" + "|".join((*TOPICAL_FORMS, *cues)) + r")\b"


#: An extended-release or long-acting opioid, by its form or its brand (an opioid trial starts with a short-acting
#: drug, mtus-facts §2.5; seventh round, blind conformance cases: OxyContin and tramadol ER started as trials).
LONG_ACTING_OPIOID = (r"(?:\b(?:tramadol|oxycodone|morphine|hydrocodone|oxymorphone|hydromorphone|tapentadol|nucynta|"
                      r"opana|ultram|codeine)|\d\s?mg)[\s-]?(?:er|xr|sr|xl|cr)\b|extended[- ]release|long[- ]acting|"
                      r"sustained[- ]release|controlled[- ]release|oxycontin|\bms[- ]?contin|kadian|avinza|embeda|"
                      r"nucynta er|ultram er|conzip|ryzolt|hysingla|zohydro|exalgo|xtampza|arymo|morphabond|"
                      r"duragesic|fentanyl (?:patch|transdermal)|\d\s?mcg\s?(?:/\s?h(?:r|our)?\b|per hour)|"
                      r"butrans|belbuca|methadone")


#: Drug classes that treat pain, and analgesics filed without a class (acetaminophen): the "other treatments" a
#: capsaicin request is measured against (TOP-CAPSAICIN); a PPI or a hypnotic that helps is no response of the pain.
ANALGESIC_CLASSES = frozenset({
    Service.nsaid, Service.opioid, Service.muscle_relaxant, Service.antidepressant, Service.anticonvulsant,
    Service.topical_analgesic,
})
ANALGESIC_GENERICS = frozenset({"acetaminophen", "tylenol", "paracetamol"})


#: Oral products sold in one strength only, whose name states their dose (`DRUG-REQUEST-SPECIFIED`: a request
#: names the drug's strength): the strength of the first ingredient, mg a tablet. Seventh round (a blind
#: conformance case's "Senna-S 2 tablets at bedtime #60" was read as a request without a dose).
SINGLE_STRENGTH_PRODUCTS: dict[str, float] = {
    "senna-s": 8.6, "senokot-s": 8.6, "senokot s": 8.6, "peri-colace": 8.6, "pericolace": 8.6,
}


#: a sling as request lines write it (a shoulder immobilizer, an abduction pillow): the ODG's post-operative sling
#: criterion is for these (odg#abduction-sling); the request reader names the modality from it, and the view fills
#: it in for a case file that leaves a post-operative item's modality blank
SLING = r"\bsling\b|ultra-?sling|abduction pillow|\bimmobili[sz]er\b"

#: aquatic therapy as request lines write it (pool or water therapy, aquatic physical therapy): the CPMTG's aquatic
#: therapy entry decides it beside the visit numbers (PM-AQUATIC); the view names the modality from the line, since
#: the request reader files it as physical therapy without one
AQUATIC = (r"\baqua(?:tic)?[- ]?(?:therapy|physical therapy|pt|exercises?)\b"
           r"|\b(?:pool|water)[- ]?(?:therapy|exercises?|based)\b|\bhydrotherapy\b")
