"""Case facts: what a reviewer knows about one case, as strict pydantic models.

Every fact that a record may not state is optional, and `None` means *unknown*, never *no*: a rule that
needs an unknown fact reports the documentation that is missing instead of failing quietly. Unknown
fields, wrong types and impossible values are validation errors that name the field path.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from engine.vocab import Laterality, Region, Service

NonNeg = Annotated[int, Field(ge=0)]
NonNegF = Annotated[float, Field(ge=0)]


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
                    raise ValueError(f"dates.{name} ({value}) is before dates.injury ({self.injury})")
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
    functional_improvement: bool | None = Field(
        None, description="objective functional improvement documented (8 CCR §9792.20): True, False or unknown"
    )
    improvement_note: str | None = Field(None, description="what the improvement (or its absence) was")
    postsurgical: bool = False

    @model_validator(mode="after")
    def _dates(self) -> TreatmentCourse:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
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
    pain_score: Annotated[float, Field(ge=0, le=10)] | None = Field(None, description="current pain 0-10")
    functional_improvement: bool | None = Field(
        None, description="objective functional improvement from the current treatment overall"
    )
    home_exercise_program: bool | None = Field(None, description="a home exercise program is in place")
    neuropathic_pain: bool | None = None
    muscle_spasm: bool | None = None
    acute_exacerbation: bool | None = None
    gi_risk: bool | None = Field(None, description="GI risk factor (ulcer, bleed, anticoagulant, dyspepsia)")
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
    injection_relief_percent: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None, description="pain relief from the prior injection, in percent"
    )
    injection_relief_weeks: NonNegF | None = Field(None, description="how long the prior injection's relief lasted")
    cardiac_risk: bool | None = Field(None, description="cardiac risk factors (coronary disease, heart failure, "
                                      "arrhythmia, diabetes, hypertension)")
    bleeding_risk: bool | None = Field(None, description="anticoagulant use or a bleeding disorder")
    sitting_standing_intolerance: bool | None = Field(None, description="symptoms worsened by sitting or standing")
    surgery_arthroscopic: bool | None = Field(None, description="the index surgery is arthroscopic")
    surgery_open: bool | None = Field(None, description="the index surgery is open (not arthroscopic)")
    surgery_procedure: str | None = Field(
        None, description="the index procedure: meniscectomy, shoulder_labral_repair, rotator_cuff_repair, "
        "carpal_tunnel_release, acl_reconstruction, spinal_fusion, arthroplasty, other"
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
    # physical medicine family (acupuncture indication, 8 CCR §9792.24.1)
    pain_medication_reduced: bool | None = Field(
        None, description="pain medication has been reduced or stopped, is being tapered, or is not tolerated "
        "(side effects, intolerance, contraindication); False when the record says the worker tolerates and "
        "continues the same medication"
    )


class Medication(_Strict):
    """A drug the worker currently takes."""

    name: str = Field(min_length=1, description="as written (brand or generic)")
    generic: str | None = None
    drug_class: Service | None = None
    strength_mg: NonNegF | None = None
    since: dt.date | None = Field(None, description="first documented prescription")
    response: bool | None = Field(None, description="documented benefit of this drug: relief and function (True), "
                                  "none (False), or not documented")


class DisputedItem(_Strict):
    """One requested service in dispute, as written plus its structured reading."""

    text: str = Field(min_length=1, description="the request exactly as written")
    service: Service | None = Field(None, description="None when the request is not recognized")
    modality: str | None = Field(None, description="finer kind, e.g. `infrared`, `labs-cbc`")
    quantity: NonNeg | None = Field(None, description="sessions, units or tablets requested")
    frequency_per_week: NonNegF | None = None
    duration_weeks: NonNegF | None = None
    body_parts: list[BodyPart] = Field(default_factory=list)
    drug: str | None = Field(None, description="generic drug name(s), `+`-joined for compounds")
    ingredients: list[str] = Field(default_factory=list, description="generic ingredients of a topical product")
    rental_days: NonNeg | None = Field(None, description="days of rental, for equipment")
    strength_mg: NonNegF | None = None
    per_day_min: NonNegF | None = Field(None, description="fewest units a day the directions allow")
    per_day_max: NonNegF | None = Field(None, description="most units a day the directions allow")
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
    `any` (not tied to a body part). A finding of the neck does not support a request for the low back."""

    field: str = Field(description="a `findings` field, e.g. `radicular_signs`")
    half: Literal["upper", "lower", "any"]
    value: bool

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
                    raise ValueError(f"items.{n - 1}.{name}: no other item number {ref} in this case")
                if ref is not None and (self.items[ref - 1].follows_surgery or self.items[ref - 1].accompanies):
                    raise ValueError(f"items.{n - 1}.{name}: item {ref} itself follows another item")
        return self
