"""Case facts: what a reviewer knows about one case, as strict pydantic models.

Every fact that a record may not state is optional, and `None` means *unknown*, never *no*: a rule that
needs an unknown fact reports the documentation that is missing instead of failing quietly. Unknown
fields, wrong types and impossible values are validation errors that name the field path.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from engine.limits import MAX_FACT_NUMBER, MIN_FACT_FRACTION, fact_number_problem
from engine.vocab import MODALITIES, Laterality, Region, Service


def _holdable(value: float) -> float:
    if value == 0 or MIN_FACT_FRACTION <= abs(value) <= MAX_FACT_NUMBER:  # nearly every value: at once
        return value
    problem = fact_number_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


#: a decimal the rules engine holds exactly, with room for the arithmetic of derived facts (`engine.limits`)
Holdable = AfterValidator(_holdable)
#: an integer within the bound needs nothing more (pydantic checks the bound itself, without a Python call)
NonNeg = Annotated[int, Field(ge=0, le=MAX_FACT_NUMBER)]
NonNegF = Annotated[float, Field(ge=0, le=MAX_FACT_NUMBER, allow_inf_nan=False), Holdable]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_assignment=True)


class Dates(_Strict):
    """The dates that fix the case in time."""

    injury: dt.date | None = Field(None, description="date of injury (DOI)")
    request: dt.date | None = Field(
        None, description="date of the request for authorization; selects the guideline version in force"
    )
    ur_decision: dt.date | None = Field(
        None, description="date of the utilization-review decision; used for the version when `request` is unknown"
    )
    onset: dt.date | None = Field(
        None, description="onset of the symptoms, when the record gives one earlier than the injury date (a "
        "cumulative trauma claim): guideline windows (weeks of symptoms, chronic at 3 months) count from it"
    )

    @model_validator(mode="after")
    def _order(self) -> Dates:
        if self.injury:
            for name in ("request", "ur_decision"):
                value = getattr(self, name)
                if value is not None and value < self.injury:
                    raise ValueError(f"dates.{name} is before dates.injury")
        return self


class Patient(_Strict):
    """Who the injured worker is, as far as the guidelines care."""

    age: Annotated[int, Field(ge=14, le=110)] | None = Field(None, description="age in years")
    sex: Literal["male", "female"] | None = None


class Diagnosis(_Strict):
    """One diagnosis as the record writes it."""

    text: str = Field(min_length=1, description="the diagnosis as written")
    icd10: str | None = Field(None, pattern=r"^[A-TV-Z][0-9][0-9AB](\.?[0-9A-Z]{1,4})?$")


class BodyPart(_Strict):
    """A body region, with its side where the record gives one."""

    region: Region
    side: Laterality | None = None


class TreatmentCourse(_Strict):
    """Treatment of one kind already received (for example 12 sessions of physical therapy)."""

    kind: Service
    modality: str | None = Field(
        None, description="finer kind, as on a disputed item (e.g. `sacroiliac`, `sympathetic_block`); None when the "
                          "record does not say which injection or treatment of the kind it was"
    )
    sessions: NonNeg | None = Field(None, description="sessions completed; None when the record does not say")
    sessions_at_least: NonNeg | None = Field(
        None, description="a lower bound when the record says 'at least N' (then `sessions` is unknown)"
    )
    sessions_reported: list[NonNeg] = Field(
        default_factory=list,
        description="every count the record gives, when it gives more than one (see `conflicts`)",
    )
    body_parts: list[BodyPart] = Field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    weeks: NonNegF | None = Field(
        None, description="the course's length in weeks as the record states it ('six weeks of CBT'); None when not "
                          "stated (a count of sessions alone states no weeks)"
    )
    functional_improvement: bool | None = Field(
        None, description="objective functional improvement documented (8 CCR §9792.20): True, False or unknown"
    )
    improvement_note: str | None = Field(None, description="what the improvement (or its absence) was")
    postsurgical: bool = False

    @model_validator(mode="after")
    def _dates(self) -> TreatmentCourse:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end is before start")
        return self


class Findings(_Strict):
    """Clinical findings; each is True, False (documented absent) or None (not documented)."""

    objective_functional_deficit: bool | None = Field(None, description="objective functional deficits on exam")
    red_flags: bool | None = Field(None, description="red flags (fracture, tumor, infection, cauda equina, ...)")
    focal_neuro_deficit: bool | None = Field(None, description="focal neurologic deficit on exam")
    radicular_signs: bool | None = Field(None, description="radicular signs on exam (SLR, Spurling, dermatomal)")
    entrapment_signs: bool | None = Field(None, description="peripheral nerve entrapment signs (Tinel, Phalen)")
    failed_conservative_care: bool | None = Field(None, description="conservative care tried and failed")
    imaging_corroboration: bool | None = Field(None, description="imaging corroborates the clinical finding")
    electrodiagnostic_corroboration: bool | None = None
    prior_imaging_same_region: bool | None = Field(None, description="the requested study was already done")
    surgery_planned: bool | None = None
    surgery_approved: bool | None = Field(None, description="the index surgery was authorized")
    surgery_date: dt.date | None = None
    surgical_candidate: bool | None = Field(None, description="surgery is being considered for the region")
    work_status: Literal["full_duty", "modified_duty", "off_work"] | None = None
    pain_score: Annotated[float, Field(ge=0, le=10), Holdable] | None = Field(None, description="current pain 0-10")
    functional_improvement: bool | None = Field(
        None, description="objective functional improvement from the current treatment overall"
    )
    home_exercise_program: bool | None = Field(None, description="a home exercise program is in place")
    reduced_weight_bearing: bool | None = Field(
        None, description="the record gives a reason exercise should be done with reduced weight bearing (extreme "
        "obesity, a non- or partial-weight-bearing restriction); False when it says land-based exercise is tolerated"
    )
    neuropathic_pain: bool | None = None
    muscle_spasm: bool | None = None
    acute_exacerbation: bool | None = None
    gi_risk: bool | None = Field(
        None, description="a gastrointestinal risk factor for NSAID use: a history of peptic ulcer, GI bleeding or "
        "perforation; concurrent aspirin, corticosteroid or anticoagulant; a high dose or more than one NSAID; or "
        "dyspepsia from an NSAID (age is `patient.age`)"
    )
    first_line_failed: bool | None = Field(None, description="first-line drugs (antidepressant/AED) failed")
    opioid_monitoring: bool | None = Field(None, description="the 4 A's / UDT / CURES documented")
    pain_relief_documented: bool | None = Field(None, description="quantified pain relief from the drug")
    knee_mechanical_signs: bool | None = Field(None, description="effusion, locking, instability, McMurray")
    homebound: bool | None = None
    ottawa_signs: bool | None = Field(
        None, description="after ankle or foot trauma: malleolar, navicular or fifth metatarsal bone tenderness, or "
        "inability to bear weight for four steps"
    )
    knee_instability: bool | None = Field(
        None, description="knee instability: giving way, a positive Lachman, drawer or pivot shift, ligament tear"
    )
    knee_acute_signs: bool | None = Field(
        None, description="after knee trauma: effusion within 24 hours, unable to bear weight, flexion under 90 "
        "degrees, or a positive Lachman or drawer test"
    )
    drug_tests_past_year: NonNeg | None = Field(None, description="urine drug tests documented in the past year")
    imaging_surgical_lesion: bool | None = Field(
        None, description="imaging shows a definite lesion of the kind surgery treats (full-thickness tear, "
        "disc extrusion with nerve compromise, meniscal tear, displaced fracture); False when the read is negative"
    )
    aberrant_behavior: bool | None = Field(
        None, description="aberrant drug behavior: an inconsistent drug screen, early refills, lost prescriptions"
    )
    trigger_points: bool | None = Field(None, description="trigger points with a twitch response and referred pain")
    near_mmi: bool | None = Field(None, description="at or near maximal medical improvement (permanent and stationary)")
    failed_return_to_work: bool | None = Field(None, description="an attempt to return to work failed")
    weaning_plan: bool | None = Field(None, description="a plan to taper the opioid dose is documented")
    injection_relief_percent: Annotated[float, Field(ge=0, le=100), Holdable] | None = Field(
        None, description="pain relief from the prior injection, in percent"
    )
    injection_relief_weeks: NonNegF | None = Field(None, description="how long the prior injection's relief lasted")
    injection_relief_kind: Literal["epidural", "trigger_point", "sacroiliac", "facet", "neurotomy"] | None = Field(
        None, description="the kind of injection the relief (`injection_relief_percent`, `_weeks`) was stated for "
        "(`facet`: a facet injection or medial branch block; `neurotomy`: a radiofrequency ablation); a requested "
        "injection of another kind does not take that relief as its own. None when the record does not name the kind"
    )
    cardiac_risk: bool | None = Field(None, description="cardiac risk factors (coronary disease, heart failure, "
                                      "arrhythmia, diabetes, hypertension)")
    bleeding_risk: bool | None = Field(None, description="anticoagulant use or a bleeding disorder")
    sitting_standing_intolerance: bool | None = Field(None, description="symptoms worsened by sitting or standing")
    surgery_arthroscopic: bool | None = Field(None, description="the index surgery is arthroscopic")
    surgery_open: bool | None = Field(None, description="the index surgery is open (not arthroscopic)")
    surgery_procedure: str | None = Field(
        None, description="the index procedure: meniscectomy, shoulder_labral_repair, rotator_cuff_repair, "
        "carpal_tunnel_release, acl_reconstruction, spinal_fusion, arthroplasty, hernia_repair, fracture_fixation "
        "(open reduction, internal fixation, pinning), other"
    )
    surgery_complex: bool | None = Field(
        None, description="the index surgery is a repair, reconstruction, fusion or arthroplasty"
    )
    symptoms_persist: bool | None = Field(
        None, description="the complaint or deficit persists at the latest visit (False: it has resolved)"
    )
    injection_planned: bool | None = Field(
        None, description="an injection (epidural, facet, joint or soft tissue) is planned or requested"
    )
    # --- imaging and electrodiagnostics family (docs/audit/imaging.md) ---
    tissue_insult_signs: bool | None = Field(
        None, description="objective exam signs of a specific structural lesion, or of neurovascular compromise, "
        "in the body part to be studied (the ACOEM 'physiologic evidence of tissue insult or neurovascular "
        "dysfunction'): weakness or a positive provocative test that points to one lesion (drop-arm, empty-can, "
        "Hawkins or Neer impingement sign, O'Brien, apprehension or relocation test; McMurray; Finkelstein; "
        "snuffbox tenderness), or edema, cyanosis, pallor or Raynaud's phenomenon of the limb. Pain, tenderness "
        "or reduced motion alone are not; False when the exam documents such tests as negative"
    )
    objective_insult_signs: bool | None = Field(
        None, description="the ACOEM shoulder and neck chapters' 'physiologic evidence of tissue insult or "
        "neurovascular dysfunction' as the chapters' own examples show it (weakness from a large rotator cuff tear, "
        "edema, cyanosis, Raynaud's phenomenon): objective weakness a structural lesion causes (a positive drop-arm, "
        "lift-off or belly-press test; rotator cuff weakness), objective ligament laxity or a tendon rupture (Lachman, "
        "drawer, pivot-shift, valgus or varus stress, Thompson), or edema, cyanosis, pallor or Raynaud's phenomenon of "
        "the limb. Pain a maneuver provokes (impingement signs, O'Brien, apprehension, Speed's) is not: it is "
        "`tissue_insult_signs`, which includes these and the provocative tests"
    )
    new_findings_since_study: bool | None = Field(
        None, description="since the prior study of the same region, signs or symptoms are new or significantly "
        "worse (a new or progressive neurologic deficit, a new injury, a new exam finding); False when the record "
        "says they are unchanged or stable since that study"
    )
    sleep_disorder_signs: bool | None = Field(
        None, description="a sleep disorder other than insomnia is suspected: witnessed apneas or loud snoring "
        "with daytime sleepiness, excessive daytime somnolence, cataplexy, or periodic limb movements in sleep"
    )
    insomnia_refractory: bool | None = Field(
        None, description="insomnia persists despite both behavioral intervention (sleep hygiene, cognitive "
        "behavioral therapy for insomnia) and sleep-promoting medication; False when it responded to either"
    )
    insomnia_months: NonNegF | None = Field(
        None, description="how long the insomnia complaint has lasted, in months"
    )
    # surgery family (referral and perioperative)
    diagnostic_uncertainty: bool | None = Field(
        None, description="the record states that the diagnosis is uncertain or complex and that the referral or "
        "consultation is to clarify it (symptoms the working diagnosis does not explain, equivocal or conflicting "
        "findings, a differential diagnosis still open); False when it states the diagnosis is established"
    )
    medical_comorbidity: bool | None = Field(
        None, description="a chronic medical condition that bears on surgical risk and pre-operative testing: "
        "diabetes, hypertension, heart, lung, kidney or liver disease, anemia or a blood disorder, or long-term use "
        "of a drug that affects electrolytes, kidney function or clotting (diuretics, ACE inhibitors, "
        "anticoagulants); False when the record states no significant past medical history"
    )
    fusion_risk_factors: bool | None = Field(
        None, description="a risk factor for a failed spinal fusion: a prior failed fusion (pseudarthrosis), a "
        "fusion of more than one level, grade III or worse spondylolisthesis, current smoking, diabetes, kidney "
        "disease, alcoholism or significant osteoporosis; False when the record states none of these"
    )
    # procedures family (injections, equipment and programs, levels of care, separately requested tests)
    injection_medication_reduced: bool | None = Field(
        None, description="after the prior injection the worker used less pain medication (fewer tablets, a lower "
        "dose, a drug stopped); False when the record says medication use did not change or rose"
    )
    myelopathy_signs: bool | None = Field(
        None, description="signs of spinal cord compromise on exam: hyperreflexia, Hoffmann or Babinski sign, "
        "clonus, spastic or ataxic gait, a sensory level, or bowel or bladder dysfunction from the cord"
    )
    cardiac_symptoms: bool | None = Field(
        None, description="symptoms that point to the heart: chest pain, palpitations, syncope or near-syncope, "
        "dyspnea on exertion, or an irregular pulse found on exam"
    )
    hospital_stay_days: NonNeg | None = Field(
        None, description="length in days of the inpatient hospital stay (for a surgery or trauma) that the "
        "requested facility care would follow"
    )
    days_since_discharge: NonNeg | None = Field(
        None, description="days from that hospital discharge to the request (0 when requested at discharge)"
    )
    unable_to_self_care: bool | None = Field(
        None, description="since the injury or surgery the worker cannot walk household distances or do basic "
        "self-care (bathing, dressing, toileting, eating) without another person's help"
    )
    daily_skilled_care_needed: bool | None = Field(
        None, description="the worker needs skilled nursing or skilled therapy daily (at least five days a week) "
        "that home health or outpatient care cannot give (wound care, IV drugs, daily rehabilitation)"
    )
    intensive_rehab_tolerance: bool | None = Field(
        None, description="the worker can take part in, and is expected to benefit from, an intensive program of "
        "several therapy disciplines (about three hours a day); False when too frail or not able to take part"
    )
    severe_psychiatric_symptoms: bool | None = Field(
        None, description="psychiatric symptoms severe enough that inpatient psychiatric care would otherwise be "
        "needed: suicidal ideation, psychosis, or inability to function at home or care for oneself"
    )
    equipment_medical_need: bool | None = Field(
        None, description="the record gives a medical reason for the requested equipment tied to the injury (a "
        "deficit the device addresses: cannot walk safely without the aid, cannot be positioned in an ordinary "
        "bed); False when the only reason given is not medical (convenience, stairs at home)"
    )
    cannot_self_transport: bool | None = Field(
        None, description="a disability from the injury prevents the worker from driving or using public transport "
        "alone; False when the worker drives or travels alone"
    )
    gym_equipment_needed: bool | None = Field(
        None, description="the physician names equipment the exercise program needs that a home program lacks"
    )
    medically_supervised_exercise: bool | None = Field(
        None, description="the requested gym or pool exercise will be monitored and administered by a medical "
        "professional (a therapist); False when it is self-directed"
    )
    conflicting_work_reports: bool | None = Field(
        None, description="medical reports conflict on the worker's fitness for work or on work restrictions"
    )
    motivated_to_change: bool | None = Field(
        None, description="the worker is documented as motivated to change and to take part in a functional "
        "restoration program (willing to forgo secondary gains); False when the record says otherwise"
    )
    # --- drugs family ---
    first_line_analgesic_tried: bool | None = Field(
        None, description="a first-line analgesic (an NSAID or acetaminophen) has been tried, now or before, for this "
        "pain: True when the record names one taken for it; False when it says none was tried; else not documented"
    )
    # physical medicine family (acupuncture indication, 8 CCR §9792.24.1)
    pain_medication_reduced: bool | None = Field(
        None, description="pain medication has been reduced or stopped, is being tapered, or is not tolerated "
        "(side effects, intolerance, contraindication); False when the record says the worker tolerates and "
        "continues the same medication"
    )
    # coverage additions (sacroiliac joint blocks, ODG hip and pelvis)
    sacroiliac_positive_tests: NonNeg | None = Field(
        None, description="how many sacroiliac joint provocation tests the examination documents as positive (FABER "
        "or Patrick's, Gaenslen's, thigh thrust, compression, distraction, sacral thrust); entered by a reviewer, "
        "the narrative reader does not count them"
    )


def drug_benefit(stated: bool | None, relief: bool | None, function: bool | None) -> bool | None:
    """A drug's benefit as the CPMTG asks it of a drug continued (`Medication.response`), settled from what the record
    says: False when it denies a benefit, pain relief or function; True when it documents both relief and function
    (8 CCR 9792.20(e)); else unknown. The one rule the reader and the derived facts share."""
    if stated is False or relief is False or function is False:
        return False
    return True if relief and function else None


class Medication(_Strict):
    """A drug the worker currently takes."""

    name: str = Field(min_length=1, description="as written (brand or generic)")
    generic: str | None = Field(None, description="the generic name, lower case; for a combination analgesic, its "
                                "opioid or principal drug alone (Norco and Percocet: hydrocodone, oxycodone), as the "
                                "morphine-equivalent table and the reader name it")
    drug_class: Service | None = None
    strength_mg: NonNegF | None = None
    per_day_max: NonNegF | None = Field(
        None, description="most units a day its directions allow ('1 tablet every 6 hours' is 4); None when not given"
    )
    since: dt.date | None = Field(None, description="first documented prescription")
    response: bool | None = Field(None, description="documented benefit of this drug: relief and function (True), "
                                  "none (False), or not documented; `pain_relief` and `functional_benefit` give "
                                  "each part")
    pain_relief: bool | None = Field(None, description="pain relief documented from this drug (True), none (False), "
                                     "or not documented")
    functional_benefit: bool | None = Field(
        None, description="functional improvement documented from this drug (8 CCR 9792.20: activities of daily "
        "living, work, tolerance of activity) (True), none (False), or not documented"
    )
    newly_prescribed: bool = Field(
        False, description="prescribed at the latest visit (the treatment plan), not yet taken: an initiation, not a "
        "continuation"
    )
    # --- drugs family ---
    relief_percent: Annotated[float, Field(ge=0, le=100), Holdable] | None = Field(
        None, description="pain reduction the record attributes to this drug, in percent of the pain without it "
        "(8/10 without and 4/10 with it: 50); not documented when relief is given only for all medications together"
    )


class DisputedItem(_Strict):
    """One requested service in dispute, as written plus its structured reading."""

    text: str = Field(min_length=1, description="the request exactly as written")
    service: Service | None = Field(None, description="None when the request is not recognized")
    modality: str | None = Field(None, description="finer kind of the service; the rules compare it with these "
                                 "values (any other is kept, but no rule reads it): " + ", ".join(MODALITIES))
    quantity: NonNeg | None = Field(None, description="sessions, units or tablets requested")
    frequency_per_week: NonNegF | None = None
    duration_weeks: NonNegF | None = None
    body_parts: list[BodyPart] = Field(default_factory=list)
    drug: str | None = Field(None, description="generic drug name(s), `+`-joined for compounds")
    ingredients: list[str] = Field(default_factory=list, description="generic ingredients of a topical product")
    rental_days: NonNeg | None = Field(None, description="days of rental, for equipment")
    strength_mg: NonNegF | None = None
    per_day_min: NonNegF | None = Field(None, description="fewest units a day the directions allow (tablets; for a "
                                        "topical, patches or applications); 'as needed' directions are read at "
                                        "their stated rate ('1 at bedtime as needed' is 1, '1-2 every 6 hours as "
                                        "needed' is 4), as reviewers count days of supply")
    per_day_max: NonNegF | None = Field(None, description="most units a day the directions allow (tablets; for a "
                                        "topical, patches or applications)")
    postoperative: bool = Field(False, description="requested for after a surgery")
    follows_surgery: int | None = Field(
        None, ge=1, description="1-based number of the surgery item in this case that this ancillary item serves"
    )
    accompanies: int | None = Field(
        None, ge=1, description="1-based number of the item this one accompanies and follows (a laxative with "
        "the opioid it treats the side effect of, a PPI with its NSAID)"
    )
    additional: bool = Field(False, description="the request says 'additional' / 'continued'")
    remainder: bool = Field(
        False, description="UR certified part of the original request and this item is the part still in dispute"
    )
    certified_part_response: bool | None = Field(
        None, description="for a remainder: the documented response to the part already certified"
    )
    retrospective: bool = False
    already_authorized: bool | None = Field(
        None, description="the same service was already authorized and has not been used yet: a duplicate request"
    )


class RegionalFinding(_Strict):
    """A finding documented for one half of the body: `upper` (neck and arms), `lower` (low back and legs), or
    `any` (not tied to a body part), and for one region when the record ties it to one. A finding of the neck does
    not support a request for the low back."""

    field: str = Field(description="a `findings` field, e.g. `radicular_signs`")
    half: Literal["upper", "lower", "any"]
    value: bool
    region: Region | None = Field(
        None, description="the one region the record ties the finding to, when it ties it to one (a surgery planned "
        "for the shoulder, a fracture of the foot): it then bears on requests for that region (or the whole limb) "
        "only, not on the rest of its half"
    )

    @model_validator(mode="after")
    def _known_field(self) -> RegionalFinding:
        if self.field not in Findings.model_fields:
            raise ValueError(f"`{self.field}` is not a findings field")
        return self


class PriorStudy(_Strict):
    """A diagnostic study already done (an MRI of the lumbar spine on 10/18/2016)."""

    service: Service
    region: Region | None = None
    date: dt.date | None = None


class Conflict(_Strict):
    """Two statements of one fact disagree: both values are kept, and the one used is explained."""

    field: str
    values: list[Any]
    used: Any
    reason: str


class Case(_Strict):
    """One IMR case: who, when, what is documented, and which items are in dispute."""

    case_id: str = Field(min_length=1)
    dates: Dates = Field(default_factory=Dates)
    patient: Patient = Field(default_factory=Patient)
    diagnoses: list[Diagnosis] = Field(default_factory=list)
    body_parts: list[BodyPart] = Field(default_factory=list)
    history: list[TreatmentCourse] = Field(default_factory=list)
    findings: Findings = Field(default_factory=Findings)
    regional_findings: list[RegionalFinding] = Field(
        default_factory=list, description="findings tied to the upper or lower half of the body (see RegionalFinding)"
    )
    prior_studies: list[PriorStudy] = Field(default_factory=list, description="imaging and EDX already done")
    medications: list[Medication] = Field(default_factory=list)
    medications_known: bool = Field(
        False, description="the record lists the current medications, so an empty list means none"
    )
    treatments_listed: bool = Field(
        False, description="the record lists the treatment to date, so a therapy the list omits was probably not "
        "given: inferred, not documented (`history` holds only what the record states)"
    )
    items: list[DisputedItem] = Field(min_length=1)
    conflicts: list[Conflict] = Field(default_factory=list)
    provenance: dict[str, list[str]] = Field(
        default_factory=dict, description="field path -> the sentences each fact was read from"
    )

    @model_validator(mode="after")
    def _surgery_refs(self) -> Case:
        for n, item in enumerate(self.items, 1):
            for name in ("follows_surgery", "accompanies"):
                ref = getattr(item, name)
                if ref is not None and (ref > len(self.items) or ref == n):
                    raise ValueError(f"items.{n - 1}.{name}: no other item of this case has that number")
                if ref is not None and (self.items[ref - 1].follows_surgery or self.items[ref - 1].accompanies):
                    raise ValueError(f"items.{n - 1}.{name}: the item it names itself follows another item")
        return self
