"""The facts one rule sees for one disputed item, all derived facts computed here and only here.

A rule condition names paths of `ItemView` (`prior.sessions`, `case.chronic`, `findings.red_flags`). The
view is flat enough for durable_rules (scalars only, no dates: day counts instead) and its field tree is the
vocabulary `mtus rules check` validates fact paths against. `None` stays unknown: it is dropped from the
fact given to durable_rules, so a comparison on it neither holds nor fails.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from engine.facts import BodyPart, Case, DisputedItem, Findings, Medication, TreatmentCourse, drug_benefit
from engine.vocab import (
    ANALGESIC_CLASSES,
    ANALGESIC_GENERICS,
    ANTITHROMBOTICS,
    AQUATIC,
    CONSERVATIVE_CARE_KINDS,
    INJECTION_SERVICES,
    LONG_ACTING_OPIOID,
    LOWER_HALF,
    LOWER_LIMB,
    NEUROPATHIC_ANTIDEPRESSANTS,
    PHYSICAL_MEDICINE_KINDS,
    SINGLE_STRENGTH_PRODUCTS,
    SLING,
    SPINE,
    STUDY_SERVICES,
    SURGICAL_ANCILLARY_SERVICES,
    UPPER_HALF,
    UPPER_LIMB,
    VISIT_THERAPY_SERVICES,
    Laterality,
    Region,
    Service,
    for_pain,
    regions_overlap,
    same_study,
    topical_form,
)

Outcome = Literal["overturn", "uphold", "not_covered"]


# Each group of view facts is a plain frozen dataclass: built for every item, it should cost little; mypy checks
# every keyword and type where it is built, and `fact_paths` reads its fields.


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemFacts:
    """The disputed item itself."""

    service: str | None = None
    modality: str | None = None
    quantity: int | None = None
    requested_sessions: int | None = None
    frequency_per_week: float | None = None
    duration_weeks: float | None = None
    region: str | None = None
    regions: int = 0
    #: one region only (True), several (False), none known (None): a chapter's rule for one body part decides an item
    #: for that part alone, whatever the order its regions are written in
    single_region: bool | None = None
    spine: bool | None = None
    low_back: bool | None = None
    """The lumbar region is among the item's regions (review of the fifth audit: the topical NSAID entry's low back
    sentence bars the low back, not a neck and shoulder strain)."""
    upper_limb: bool | None = None
    lower_limb: bool | None = None
    bilateral: bool | None = None
    drug: str | None = None
    ingredients: list[str] | None = None
    single_ingredient: bool | None = None
    """The product has one active ingredient (the lidocaine patch, Lidoderm), not a compound of several: a
    section's entry for one agent does not decide a compound that contains it."""
    spinal_levels: int | None = None
    """How many spinal levels the request names (`spinal_levels`): "L4-5 and L5-S1" is 2, "L3-4, L4-5 and L5-S1" is
    3, "bilateral L5 and S1 transforaminal" is 2 (a side is no level); unknown when it names none."""
    counts_days: bool = False
    """The request counts its program in days or sessions ("10 additional days", "6 sessions"), not hours or weeks:
    a functional restoration program's 20 full-day sessions are counted in that unit."""
    interlaminar: bool = False
    """The request names an interlaminar approach (an epidural's level limit is one for it, two for transforaminal)."""
    long_acting: bool = False
    """The item names an extended-release or long-acting drug form or brand (`vocab.LONG_ACTING_OPIOID`), read from
    its text: what an opioid trial, which starts short-acting, reads."""
    salicylate_product: bool | None = None
    """A topical salicylate: methyl salicylate, alone or with the counter-irritants menthol or camphor that the
    salicylate rubs the CPMTG names as its example (Ben-Gay) contain, and nothing else."""
    rental_days: int | None = None
    strength_mg: float | None = None
    mg_per_day: float | None = None
    per_day_min: float | None = None
    """The fewest units a day the directions allow (tablets; for a topical, patches or applications): the item's
    `per_day_min`, or its `per_day_max` when the directions state one rate (`per_day_bounds`)."""
    days_supply: int | None = None
    """How many days the supply lasts at the fewest units a day (`per_day_min`). For a topical: the course's stated
    weeks (`duration_weeks`) when given; else patches over patches a day; a cream or gel dispensed in tubes or
    grams, with directions in applications a day, has no days of supply computed from its count (seventh round:
    2 tubes at 4 applications a day gave 0 days)."""
    postoperative: bool = False
    additional: bool = False
    remainder: bool = False
    certified_part_response: bool | None = None
    retrospective: bool = False
    repeat_study: bool | None = None
    already_authorized: bool | None = None
    follows_surgery: bool = False
    has_companion: bool = False
    companion_certified: bool | None = None
    # --- drugs family ---
    course_days: int | None = None
    """Days of use of the item's drug class the request would complete: days since a current drug of that class was
    first prescribed (0 when the medication list shows none) plus the days of supply requested."""
    topical_nsaid_course_days: int | None = None
    """Weeks of topical NSAID use the request would complete, in days: days on a current topical NSAID
    (`meds.topical_nsaid_days`) plus the days the requested supply lasts where its directions or stated duration give
    them (seventh round: a 16-week supply is not "short-term use (4-12 weeks)"); the days so far alone where they do
    not, as a gel's directions rarely give days."""
    supply_end_day_after_surgery: int | None = None
    """The day after surgery on which the requested supply runs out: days since the surgery performed plus the days
    of supply; the days of supply alone when the surgery is still to come (the item follows a surgery in dispute, or
    the surgery is scheduled, planned or approved and has no date of performance)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class CaseFacts:
    """Facts of the case as a whole, relative to the as-of date.

    Windows count from the onset of symptoms when the record gives an onset earlier than the injury date
    (`days_since_onset`, `months_since_onset`), else from the injury date; whether pain is chronic is a
    definition in `rules/definitions.yaml` (`derived.chronic_pain`), not a number here."""

    days_since_injury: int | None = None
    months_since_injury: int | None = None
    days_since_onset: int | None = None
    months_since_onset: int | None = None
    injury_on_or_after_2004: bool | None = None
    age: int | None = None
    sex: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class CareFacts:
    """Conservative care on record and how it went: the inputs of "failed conservative care".

    Each is True, False or unknown, and none reads a word such as "failed": `derived.failed_conservative_care`
    (rules/definitions.yaml) combines them as the guidelines use the phrase."""

    conservative: bool | None = None
    """True when a course of conservative care (therapy, modalities, injections, supports, drugs, a home
    exercise program) is on record; else unknown (time since injury is not care)."""
    exercise: bool | None = None
    """True when a therapy or exercise program (PT, OT, chiropractic, a home exercise program) is on record."""
    strengthening: bool | None = None
    """True when an exercise or strengthening program is on record: a course of physical or occupational therapy,
    or a home exercise program. Manipulation (chiropractic) and acupuncture are therapy but not such a program
    (ACOEM 2004: "failure to progress in a strengthening program"; docs/audit/imaging.md, sixth audit)."""
    improving: bool | None = None
    """True when objective functional improvement from the care is documented; False when its absence is."""
    other_drug_helping: bool | None = None
    """A current analgesic other than the item's own (`vocab.ANALGESIC_CLASSES`, acetaminophen by name) with its
    benefit documented (`drug_response`): True when one helps, False when every such drug on record is documented
    not to, else unknown. A worker responding to one is not a patient who "has not responded to other treatments"
    (TOP-CAPSAICIN; seventh round, blind conformance case)."""
    symptoms_persist: bool | None = None
    """True when the complaint or a deficit persists at the latest visit (stated, or shown by a current pain
    score or objective deficit); False when the record says it resolved."""
    stated_failed: bool | None = None
    """What the record itself says about the outcome of conservative care (`findings.failed_conservative_care`)."""
    days: int | None = None
    """Days since the earliest conservative care on record began (a course's start, a pain drug's first
    prescription), when every course and pain drug on record is dated and no undated home program is; else unknown.
    The guidelines' windows of conservative care ("a three- or four-week period of conservative care") read it beside
    the time since onset (fifth audit)."""
    months: int | None = None
    """`days` in calendar months."""


@dataclass(frozen=True, kw_only=True, slots=True)
class PriorFacts:
    """Treatment of the item's own kind already received (PT and OT count together)."""

    sessions: int | None = None
    sessions_min: int | None = None
    total_min: int | None = None
    any: bool | None = None
    """A course of the item's kind is on record (its count not 0): treatment already received, counted or not
    (seventh round of conformance triage: a completed home TENS trial with its dates and result, but no count of
    sessions, was not known to have been received). False when the record lists the treatment to date without it."""
    functional_improvement: bool | None = None
    total_sessions: int | None = None
    statutory_visits: int | None = None
    count_conflict: bool = False
    postsurgical: bool | None = None
    # physical medicine family: the postsurgical schedule counts only the visits given after the surgery, for a
    # request that falls in the postsurgical period whether or not it says "post-op"
    postsurgical_sessions: int | None = None
    """Visits of the item's kind group given after the surgery (courses marked `postsurgical`); unknown when
    no such course is on record or one has no count."""
    postsurgical_total: int | None = None
    """`postsurgical_sessions` plus the visits requested."""


@dataclass(frozen=True, kw_only=True, slots=True)
class HistoryFacts:
    """Other treatment already received, by kind."""

    physical_therapy_sessions: int | None = None
    chiropractic_sessions: int | None = None
    acupuncture_sessions: int | None = None
    physical_medicine: bool | None = None
    rehabilitation: bool | None = None
    """Physical rehabilitation on record: True when a course of physical or occupational therapy is (its number
    of visits given or not), False when the only such courses have no visits, unknown when none is on record."""
    cbt: bool | None = None
    cbt_weeks: float | None = None
    """Weeks of psychotherapy on record by the as-of date: each course from its start to its end (clipped at the
    as-of date), or the weeks the record states for it; unknown when no course is on record or any course's length
    is not given (a course without an end and without stated weeks has an unknown length)."""
    cbt_weeks_at_most: float | None = None
    """The most weeks of psychotherapy the courses on record can have given by the as-of date: `cbt_weeks` where
    known, a course without an end counted from its start to the as-of date; unknown when a course has no start and
    no stated weeks."""
    psych_evaluation: bool | None = None
    tens_failed: bool | None = None
    """A TENS course on record brought no functional improvement: False when one did, or when the record lists the
    treatment to date without TENS (`treatments_listed`); unknown when none is on record or its result is not given."""
    epidural_injections: bool | None = None
    injections: bool | None = None
    steroid_injection_failed: bool | None = None
    """A corticosteroid injection on record (an `injection_other` course whose modality is `corticosteroid`, or not
    stated) brought no functional improvement: the latest dated course's result, as `prior.functional_improvement`
    reads it; False when it helped; unknown when none is on record or its result is not given. The ODG's hyaluronic
    acid entry asks for a knee that has not responded to corticosteroid injections (sixth audit, conformance triage:
    any injection on record, its result unread, passed)."""
    medications: bool | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class DiagnosisFacts:
    """Diagnosis groups the guidelines distinguish, read from the diagnosis text; unknown when none is given."""

    crps: bool | None = None
    neuritis: bool | None = None
    arthritis: bool | None = None
    arthritis_not_severe: bool | None = None
    """Arthritis the diagnosis grades below severe: mild, minimal, early or moderate (not "moderate to severe"), or
    Kellgren-Lawrence grade 1 or 2. The ODG's hyaluronic acid entry is for severe knee osteoarthritis (sixth audit,
    conformance triage); a diagnosis that names no grade leaves it False (its severity is not read)."""
    tendinitis: bool | None = None
    myalgia: bool | None = None
    radiculopathy: bool | None = None
    carpal_tunnel: bool | None = None
    disc_disorder: bool | None = None
    fracture: bool | None = None
    nonunion: bool | None = None
    depression: bool | None = None
    psych_condition: bool | None = None
    """A psychological or psychiatric diagnosis: `depression`'s (depression, anxiety, an adjustment or mood
    disorder) or another one (post-traumatic stress disorder, a panic, somatic symptom or pain disorder, a
    psychiatric diagnosis). The indication of a psychological evaluation or treatment and the referral sentence's
    psychosocial factors read it (review of the fifth audit: PTSD was no psychological diagnosis to them)."""
    # imaging family (docs/audit/imaging.md): the ODG hernia imaging criteria apply to a hernia only
    hernia: bool | None = None
    # drugs family (seventh round): the CPMTG muscle relaxant entry recommends oral baclofen for spasticity and
    # spasm of multiple sclerosis or a spinal cord injury
    ms_or_spinal_cord_injury: bool | None = None
    spasticity: bool | None = None
    # physical medicine family (fifth audit): extreme obesity, the aquatic therapy entry's example of a worker for
    # whom reduced weight bearing is desirable
    severe_obesity: bool | None = None
    # surgery family
    shoulder_impingement: bool | None = None
    shoulder_dislocation: bool | None = None
    """A glenohumeral (shoulder) dislocation or subluxation, or the instability that follows one (a Bankart or
    Hill-Sachs lesion): the red-flag condition ACOEM 2004 ch. 9 names for surgical referral. Not an
    acromioclavicular separation."""
    shoulder_cuff_tear: bool | None = None
    """A rotator cuff tear (or rupture) named without "partial" or "small": the tear ACOEM 2004 ch. 9 repairs on
    its own criteria (weakness, no conservative period), not the partial or small tear it treats like impingement
    (conformance triage, seventh round)."""
    progressive_neuro_deficit: bool | None = None
    """A progressive neurologic deficit, or a foot drop, named in the diagnoses: the red-flag condition the ACOEM
    2004 low back chapter names for surgery (catalog summary); foot drop is issue 7's example (unverified against
    the chapter). Not a residual, chronic or old deficit (conformance triage, seventh round)."""
    spinal_instability: bool | None = None
    spinal_fracture: bool | None = None
    failed_back_surgery: bool | None = None
    # procedures family
    myelopathy: bool | None = None
    facet_pain: bool | None = None
    # --- drugs family ---
    anxiety: bool | None = None
    insomnia: bool | None = None
    seizure: bool | None = None
    # physical medicine family: the ODG body-part physical therapy schedules give sprains and strains their own
    # visit numbers (neck sprain 10 visits against cervicalgia 9; knee sprain against other knee diagnoses)
    sprain: bool | None = None
    """A sprain or strain (including whiplash) among the diagnoses."""
    # coverage of services the rules left uncovered: botulinum toxin is recommended for cervical dystonia (CPMTG);
    # ondansetron's acute use for gastroenteritis (ODG antiemetics)
    cervical_dystonia: bool | None = None
    """Cervical dystonia (spasmodic torticollis) among the diagnoses."""
    gastroenteritis: bool | None = None
    """Gastroenteritis among the diagnoses."""
    calcific_tendinitis: bool | None = None
    """Calcifying (calcific) tendinitis among the diagnoses (shockwave therapy of the shoulder)."""
    plantar_fasciitis: bool | None = None
    """Plantar fasciitis among the diagnoses (shockwave therapy of the foot)."""
    b12_deficiency: bool | None = None
    """Vitamin B12 deficiency (pernicious anemia) among the diagnoses: a vitamin B injection then treats the
    deficiency, which the ODG's pain entry does not address."""
    migraine: bool | None = None
    """Migraine among the diagnoses (the ODG recommends triptans for migraine sufferers)."""
    metatarsalgia: bool | None = None
    """Metatarsalgia among the diagnoses (ACOEM 2004 ch. 14: rigid orthotics for it and for plantar fasciitis)."""
    lateral_epicondylitis: bool | None = None
    """Lateral epicondylitis (epicondylalgia, tennis elbow) among the diagnoses: the elbow chapter's shockwave
    recommendation is about it, not about every elbow complaint."""
    head_injury: bool | None = None
    """A head injury among the diagnoses (a head contusion or laceration, concussion or post-concussive syndrome,
    traumatic brain injury, closed head injury, post-traumatic headache, skull fracture, intracranial hemorrhage):
    the ODG Head chapter's EEG and imaging criteria are about it (docs/audit/imaging.md, third audit)."""
    leg_nerve_entrapment: bool | None = None
    """A peripheral nerve entrapment or neuropathy of the leg among the diagnoses (tarsal tunnel syndrome, a peroneal,
    tibial, sural, saphenous or femoral nerve lesion, meralgia paresthetica): the low back chapter's EMG sentence and
    the ODG's "no nerve conduction studies" are about radiculopathy, not about these (docs/audit/imaging.md)."""
    proximal_arm: bool | None = None
    """A diagnosis of the shoulder, elbow or upper arm: a whole-arm manipulation request beside carpal tunnel
    syndrome may be for it, which the manual therapy sentence does not exclude (docs/audit/physical-medicine.md)."""
    crps_suspected: bool | None = None
    radiculopathy_suspected: bool | None = None
    """A radiculopathy diagnosed or written as one to rule out ("rule out L5 radiculopathy", "possible
    radiculitis"): what an electrodiagnostic study is asked to confirm (EDX-LOWER), where `radiculopathy` is an
    established one (seventh round: a clause of doubt no longer establishes it)."""
    """CRPS among the diagnoses, established or written as uncertain ("rule out CRPS", "possible CRPS"): the
    condition a test to confirm CRPS (a triple-phase bone scan) is for. `crps` counts established diagnoses only
    (docs/audit/imaging.md, sixth audit)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class MedicationFacts:
    """What the worker currently takes, by class, and for how long."""

    nsaid: bool | None = None
    opioid: bool | None = None
    muscle_relaxant: bool | None = None
    antidepressant_or_aed: bool | None = None
    tca_or_snri: bool | None = None
    """A tricyclic or SNRI antidepressant on record (`vocab.NEUROPATHIC_ANTIDEPRESSANTS`), the first-line
    antidepressants for neuropathic pain; unknown when an antidepressant on record has no generic name."""
    anticonvulsant: bool | None = None
    """An antiepileptic drug (AED: gabapentin, pregabalin, ...) on record."""
    same_class_weeks: int | None = None
    same_class_current: bool | None = None
    same_class_response: bool | None = None
    same_drug_response: bool | None = None
    """Documented benefit of the item's own drug (its generic) when that drug is on record and not newly prescribed:
    its stated response, unknown when none is stated; when it is not on record (another drug of the class is), the
    class's (`same_class_response`). Review of the fifth audit: the four A's read "the opioid's own benefit", and
    the class's pooled response let another opioid that does not help fail the one requested."""
    # --- drugs family ---
    same_class_days: int | None = None
    """Days since a current drug of the item's class was first prescribed; 0 when the medication list shows none."""
    same_drug_days: int | None = None
    """Days since the item's own drug (its generic) was first prescribed, as `same_class_days` counts its class; 0
    when the medication list shows the class but not that drug; unknown when a drug of the class has no generic."""
    other_same_class_drug: bool | None = None
    """Another drug of the item's class (a different generic) that the worker already takes (on record, not newly
    prescribed): a second NSAID, or cyclobenzaprine added to another muscle relaxant. False when the list shows no
    other drug of the class; unknown when the medications are not documented, the item names no drug, or a drug of
    the class on record has no generic name (sixth audit: "no duplicate NSAIDs", "addition of cyclobenzaprine to
    other agents is not recommended", mtus-facts §§2.6-2.7)."""
    same_class_relief_percent: float | None = None
    """The largest pain reduction (percent) the record attributes to a current drug of the item's class."""
    same_drug_mg_per_day: float | None = None
    """The daily dose of the item's own drug the worker takes, in mg, as the medication list writes it (its strength
    times the most units a day its directions allow, `Medication.strength_mg` x `per_day_max`); unknown when that
    drug is not on record (or only newly prescribed), when any entry of it lacks either number, or when its
    entries give different doses. Compared with `item.mg_per_day`: a request below it reduces the dose (sixth audit,
    Opioids 2016 §4.1 tapering)."""
    nsaid_response: bool | None = None
    """Documented benefit of the NSAID the worker currently takes (as `same_class_response`, for the NSAID)."""
    nsaid_ongoing: bool | None = None
    """An NSAID on record that is not newly prescribed (one the worker already takes); false when every NSAID on
    record was first prescribed in the plan under review, or none is; unknown when the medications are."""
    opioid_med_per_day: float | None = None
    """The worker's daily opioid dose in morphine-equivalent mg (MED, "patients whose dose is above 80 mg/day
    MED"): for an opioid request, its own dose (`item.mg_per_day` times its drug's factor in `MED_FACTORS`) plus
    that of each other opioid the worker takes (on record, not newly prescribed, another drug than the item's);
    for any other item, the opioids the worker takes. An opioid taken counts at the dose requested for it in this
    case (another disputed item of that drug, its strength times the most units a day its directions allow), else
    at the dose the medication list writes (`Medication.strength_mg` times `per_day_max`). Unknown when any of
    these doses or factors is (a drug without a factor, a dose without directions, an opioid on record without a
    generic name, or medications not documented); 0 when the worker takes none and the item is not an opioid."""
    opioid_med_taken_per_day: float | None = None
    """The daily MED of the other opioids the worker takes, without the item's own drug (`opioid_med_per_day` less
    the request): with a drug not yet taken (`same_drug_days` 0), the dose the worker has been on."""
    topical_nsaid_days: int | None = None
    """Days since a current topical NSAID (a topical on record whose generic is an NSAID, `TOPICAL_NSAIDS`: a
    diclofenac gel or patch) was first prescribed, newly prescribed ones aside (counted as `same_class_days` is); 0
    when the list shows none; unknown when the medications are not documented, a topical on record has no generic
    name, or no topical NSAID on record has a start date. Other topicals (a lidocaine patch) do not count: the
    topical NSAID entry's weeks are the NSAID's own course."""


@dataclass(frozen=True, kw_only=True, slots=True)
class SurgeryFacts:
    """For an item that serves a surgery: whether that surgery is certified; for any item, how long ago the
    surgery on record was performed (`days_since`, unknown when it is not yet done or has no date)."""

    days_since: int | None = None
    index_in_case: bool = False
    index_outcome: str | None = None
    certified: bool | None = None
    arthroscopic: bool | None = None
    procedure: str | None = None
    open: bool | None = None
    complex: bool | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemView:
    """Everything a rule may read about one disputed item."""

    item: ItemFacts
    case: CaseFacts
    prior: PriorFacts
    history: HistoryFacts
    dx: DiagnosisFacts
    meds: MedicationFacts
    findings: Findings
    surgery: SurgeryFacts
    care: CareFacts
    derived: dict[str, bool] = field(default_factory=dict)


#: the groups of facts a view holds, in order
_GROUPS = tuple(f.name for f in dataclasses.fields(ItemView) if f.name != "derived")


def _kind_of(annotation: Any) -> str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    base = args[0]
    if typing.get_origin(base) is typing.Annotated:
        base = typing.get_args(base)[0]
    if typing.get_origin(base) is Literal or base in (str,) or (isinstance(base, type) and issubclass(base, str)):
        return "str"
    if base is bool:
        return "bool"
    if base in (int, float):
        return "number"
    if base in (dt.date,):
        return "date"
    if typing.get_origin(base) is list:
        return "list"
    return "other"


def group_fields(group: Any) -> dict[str, Any]:
    """Field names and annotations of a view group (a dataclass here, or a pydantic model of the case facts)."""
    if isinstance(group, type) and issubclass(group, BaseModel):
        return {name: f.annotation for name, f in group.model_fields.items()}
    if dataclasses.is_dataclass(group):
        return typing.get_type_hints(group)
    return {}


def fact_paths() -> dict[str, str]:
    """Every readable fact path and its kind (`bool`, `number`, `str`); `derived.*` is checked separately."""
    out: dict[str, str] = {}
    for group, annotation in typing.get_type_hints(ItemView).items():
        for name, sub in group_fields(annotation).items():
            kind = _kind_of(sub)
            if kind != "date":
                out[f"{group}.{name}"] = kind
    return out


# --- building the view ------------------------------------------------------------------------------------

_DX_PATTERNS: dict[str, str] = {
    "crps": r"\bcrps\b|complex regional|reflex sympathetic|\brsd\b",
    "ms_or_spinal_cord_injury": r"multiple sclerosis|spinal cord injur|\bsci\b",
    "spasticity": r"spastic|spasm",
    "neuritis": r"neuralgia|neuritis|radiculitis|radiculopathy|radicular|sciatica|neuropath",
    "arthritis": r"arthritis|arthrosis|osteoarthr|degenerative joint|\bdjd\b",
    # sixth audit (conformance triage): arthritis graded below severe, which the ODG's hyaluronic acid entry excludes
    "arthritis_not_severe": r"\b(?:mild|minimal|early|moderate)\b(?![\s-]+(?:to|-)[\s-]*severe)[^;,]{0,30}?"
                            r"(?:arthritis|arthrosis|osteoarthr|degenerative joint|\bdjd\b)|"
                            r"kellgren[- ]lawrence (?:grade )?(?:1|2|i|ii)\b",
    "tendinitis": r"tendin|epicondyl|tenosynov",
    "myalgia": r"myalgia|myositis|sprain|strain|pain\b|myofascial|spasm|contusion|tendin|bursitis",
    "radiculopathy": r"radiculopathy|radiculitis|radicular|sciatica",
    "carpal_tunnel": r"carpal tunnel|\bcts\b",
    "disc_disorder": r"disc|disk|hnp|herniat|protrusion",
    "fracture": r"fracture",
    "nonunion": r"non-?union|delayed union|pseudarthrosis",
    "depression": r"depress|anxiety|adjustment disorder|mood disorder|psycholog",
    "psych_condition": r"depress|anxiety|adjustment disorder|mood disorder|psycholog|\bptsd\b|post-?traumatic stress|"
                       r"panic disorder|psychiatric|somatic symptom|somatoform|(?:^|; )pain disorder\b|"
                       r"pain disorder associated|bipolar|acute stress (?:disorder|reaction)",
    # imaging family: an abdominal wall or groin hernia ("herniated disc" does not match)
    "hernia": r"\bhernias?\b",
    # review of the fifth audit: the ICD wordings ("morbid (severe) obesity", "obesity, morbid") and a body mass
    # index of 40 or more (class III, the medical definition of extreme obesity) written in the diagnosis
    "severe_obesity": r"\b(?:morbid|severe|extreme|class (?:3|iii))(?: \(severe\))? obesity\b|\bmorbidly obese\b|"
                      r"\bobesity,? (?:morbid|severe|extreme|class (?:3|iii))\b|\bbmi\W{0,3}(?:of\W{1,2}|is\W{1,2})?"
                      r"(?:[4-9]\d)(?:\.\d+)?\b",
    # surgery family: shoulder impingement and the partial-thickness cuff tears ACOEM 2004 ch. 9 treats like it;
    # spinal instability (spondylolisthesis, pars defect, segmental instability, a failed fusion); failed back
    # surgery syndrome (persistent pain after spine surgery)
    "shoulder_impingement": r"impingement syndrome|(?:shoulder|subacromial|rotator cuff|supraspinatus|acromi\w*)[^\w;]+"
                            r"(?:\w+[^\w;]+){0,3}impingement|impingement (?:of|in) the (?:\w+ )?shoulder|subacromial "
                            r"bursitis|partial[- ]thickness (?:[\w-]+ ){0,6}(?:rotator cuff|cuff|supraspinatus|"
                            r"infraspinatus|subscapularis)|partial (?:rotator cuff|cuff|supraspinatus) tear|"
                            r"(?:rotator cuff|\bcuff\b|supraspinatus|infraspinatus|subscapularis)[^;,]*"
                            r"\b(?:tear|torn)\w*[^;]{0,4}\(?\s*(?:partial|small)\b|"
                            r"\bsmall\b[^;,]*(?:rotator cuff|\bcuff\b|supraspinatus|infraspinatus|subscapularis)"
                            r"[^;,]*\b(?:tear|torn)",
    # fifth audit (surgery): the shoulder chapter's red-flag condition "a glenohumeral dislocation", and the
    # instability that follows one (Bankart, Hill-Sachs); an acromioclavicular separation is another lesion
    # review of the fifth audit: multidirectional (atraumatic) instability follows no dislocation and is treated by
    # rehabilitation first; it is not the red flag
    "shoulder_dislocation": r"(?<!atraumatic )(?<!multidirectional )(?:shoulder|glenohumeral)"
                            r"(?:[^\w;,]+(?!acromio|ac\b|a/c\b|multi-?directional|atraumatic)\w+){0,3}?[^\w;,]+"
                            r"(?:dislocat\w*|subluxat\w*|instability)|"
                            r"(?<!acromioclavicular )(?<!ac joint )(?<!ac )(?<!multidirectional )(?<!atraumatic )"
                            r"(?:dislocat\w*|subluxat\w*|instability) of "
                            r"the (?:\w+ )?(?:shoulder|glenohumeral)|\bbankart|hill-?sachs",
    # conformance triage (seventh round): a cuff tear other than the partial or small one ch. 9 treats like
    # impingement; one diagnosis (between ";") at a time, so "impingement; partial cuff tear" is not one
    # review of the seventh round: the cuff and the tear in one clause (not "cuff tendinosis, SLAP tear"), and a
    # thickness written after the tear ("cuff tear, partial thickness", "(partial)") is the impingement pattern's
    "shoulder_cuff_tear": r"(?:^|[;,] ?)(?![^;,]*\b(?:partial|small)\b)(?=[^;,]*(?:rotator cuff|\bcuff\b|supraspinatus|"
                          r"infraspinatus|subscapularis|teres minor))[^;,]*\b(?:tear|torn|ruptur)\w*"
                          r"(?![^;]{0,4}\(?\s*(?:partial|small)\b)",
    # conformance triage (seventh round): the low back chapter's red flag "progressive neurologic deficit", and a
    # foot drop (issue 7's example of nerve compromise that needs no conservative trial); not a residual one
    # review of the seventh round: not a negated one ("non-progressive weakness") nor one resolved or improving
    "progressive_neuro_deficit": r"(?<!non-)(?<!non )(?<!not )(?:progressive (?:\w+ ){0,2}"
                                 r"(?:neurologic\w*|motor|neuro) (?:deficit|weakness|loss)|"
                                 r"progressive (?:(?:left|right|bilateral) )?(?:(?:motor|muscle|muscular|leg|arm|"
                                 r"foot|lower extremity|upper extremity|neurologic\w*) )?weakness)"
                                 r"(?![^;]*\b(?:resolved|resolving|improv\w*|recovered)\b)|"
                                 r"(?<!residual )(?<!chronic )(?<!old )(?<!history of )(?<!persistent )"
                                 r"\b(?:foot|ankle) drop\b(?![^;]*\b(?:resolved|resolving|improv\w*|recovered)\b)|"
                                 r"(?<!residual )(?<!chronic )\bdrop foot\b(?![^;]*\b(?:resolved|resolving|improv\w*|"
                                 r"recovered)\b)",
    # a dislocation of a spinal level is instability (a facet dislocation, a fracture-dislocation); the review of
    # this session's changes found SURG-SPINE-FUSION's "a dislocation is instability" unread
    "spinal_instability": r"spondylolisthesis|listhesis|(?:segmental|spinal|lumbar|cervical|thoracic|vertebral) "
                          r"instability|spondylolysis|pars (?:interarticularis )?(?:defect|fracture)|pseudarthrosis|"
                          r"(?:facet|spinal|spine|vertebral|lumbar|cervical|thoracic|\b[clt]\d+(?:-[clt]?\d+)?)"
                          r"[^;,]{0,20}\bdislocation|fracture[- ]dislocation",
    # a fracture of the spine (a vertebral, compression or burst fracture, or one a spinal level names), not a
    # fracture anywhere: SURG-SPINE-FUSION's fracture is the spine's
    "spinal_fracture": r"(?:vertebra\w*|spinal|spine|lumbar|cervical|thoracic|sacral|odontoid|"
                       r"\b[clt]\d+(?:-[clt]?\d+)?)[^;,]{0,25}\bfracture|\bfracture[^;,]{0,25}(?:vertebra\w*|spine|lumbar|cervical|thoracic|"
                       r"\b[clt]\d+\b)|compression fracture|burst fracture|chance fracture",
    "failed_back_surgery": r"failed (?:back|neck|spine|spinal|lumbar|cervical) surgery|post-?laminectomy syndrome|"
                           r"\bfbss\b|post-?surgical (?:lumbar|cervical|spine|spinal) (?:pain )?syndrome",
    # procedures family: spinal cord compromise (evoked potentials), suspected facet joint pain (facet blocks)
    "myelopathy": r"myelopath|spinal cord (?:injur|compress)|cord compression",
    "facet_pain": r"facet|zygapophys",
    # --- drugs family: indications of benzodiazepines and hypnotics ---
    "anxiety": r"anxiety|anxious|panic|generalized anxiety|\bgad\b|post-?traumatic stress|\bptsd\b",
    "insomnia": r"insomnia|sleep (?:disturbance|disorder|difficult)|difficulty sleeping|sleeplessness",
    "seizure": r"seizure|epilep|convulsi",
    # physical medicine family
    "sprain": r"\bsprain|\bstrain|whiplash",
    # coverage family; torticollis alone is not cervical dystonia: acute torticollis (wry neck) is a muscle spasm
    "cervical_dystonia": r"cervical dystonia|spasmodic torticollis",
    "gastroenteritis": r"gastroenteritis",
    "b12_deficiency": r"b-?12 deficien|cobalamin deficien|pernicious anemia",
    "calcific_tendinitis": r"calcif\w* tend\w*|calcific (?:rotator cuff|supraspinatus|deposit)",
    "plantar_fasciitis": r"plantar fasci",
    "migraine": r"migraine",
    "metatarsalgia": r"metatarsalgia",
    "lateral_epicondylitis": r"lateral epicondyl|tennis elbow",
    # imaging family, third audit: the ODG Head chapter (EEG) is about head injuries
    "head_injury": r"head (?:injur|trauma|contusion|laceration)|concussi|traumatic brain|brain injur|\btbi\b|"
                   r"post-?traumatic headache|skull fracture|intracranial (?:hemorrhage|haemorrhage|bleed|injur)|"
                   r"subdural hematoma",
    # imaging family, third audit: a nerve lesion of the leg, which the low back EMG/NCS criteria do not address
    "leg_nerve_entrapment": r"tarsal tunnel|(?:peroneal|fibular|tibial|sural|saphenous|femoral) (?:nerve|neuropath|"
                            r"neuritis|palsy|entrapment)|meralgia|lateral femoral cutaneous",
    # manual therapy, review of the third audit: a diagnosis of the shoulder, elbow or upper arm, for which a
    # whole-arm request may be made beside carpal tunnel syndrome
    "proximal_arm": r"shoulder|rotator cuff|impingement|acromio|labr(?:um|al)|bicep|tricep|humer|elbow|"
                    r"epicondyl|cubital|olecranon|upper arm",
}

_MED_CLASS = {
    Service.nsaid: "nsaid",
    Service.opioid: "opioid",
    Service.muscle_relaxant: "muscle_relaxant",
    Service.antidepressant: "antidepressant_or_aed",
    Service.anticonvulsant: "antidepressant_or_aed",
}


def as_of_date(case: Case, override: dt.date | None = None) -> dt.date | None:
    """The date whose guideline version applies: the override, else the request date, else the UR date."""
    return override or case.dates.request or case.dates.ur_decision


def _months_between(a: dt.date, b: dt.date) -> int:
    months = (b.year - a.year) * 12 + (b.month - a.month)
    return months - (1 if b.day < a.day else 0)


def requested_sessions(item: DisputedItem) -> int | None:
    """Sessions requested: the stated quantity, else frequency x duration."""
    if item.quantity is not None:
        return item.quantity
    if item.frequency_per_week is not None and item.duration_weeks is not None:
        return round(item.frequency_per_week * item.duration_weeks)
    return None


def _same_kind(item_service: Service | None) -> frozenset[Service]:
    if item_service in PHYSICAL_MEDICINE_KINDS:
        return PHYSICAL_MEDICINE_KINDS
    return frozenset({item_service}) if item_service else frozenset()


#: finer kinds of `injection_other` whose rules ask about an earlier injection of the same kind: a course of the
#: broad kind is an earlier one of these only when it is known to be (its `modality` the item's)
FINER_INJECTION_KINDS = frozenset({"sacroiliac", "sympathetic_block", "botulinum", "vitamin_b"})


def _prior(case: Case, item: DisputedItem, requested: int | None) -> PriorFacts:
    kinds = _same_kind(item.service)
    courses = [c for c in case.history if c.kind in kinds]
    if item.service is Service.injection_other and item.modality in FINER_INJECTION_KINDS:
        same = [c for c in courses if c.modality == item.modality]
        if not same and any(c.modality is None for c in courses):
            # an injection of unstated kind may or may not have been this block: whether one was given is unknown
            return PriorFacts(total_sessions=None, sessions=None)
        courses = same
    if item.postoperative:
        # post-operative therapy counts only the therapy given after the surgery
        courses = [c for c in courses if c.postsurgical]
    if not courses and case.treatments_listed and not item.postoperative:
        # the record lists the treatment to date and this kind is not among it: none received (an inference,
        # which the rules' rationales state as such)
        return PriorFacts(sessions=0, sessions_min=0, total_min=requested, any=False, total_sessions=requested,
                          statutory_visits=requested, postsurgical=False)
    if not courses:
        # no course of this kind on record: zero sessions only when the case says so, else unknown
        return PriorFacts(total_sessions=None, sessions=None)
    counts = [c.sessions for c in courses]
    sessions = sum(n for n in counts if n is not None) if all(n is not None for n in counts) else None
    minimum = sum(c.sessions if c.sessions is not None else (c.sessions_at_least or 0) for c in courses)
    # the latest dated course's result first (fifth audit): an old course that helped does not carry a later one
    fi = _improving(courses, None)
    post_counts = [c.sessions for c in courses if c.postsurgical]
    post = sum(n for n in post_counts if n is not None) if post_counts and None not in post_counts else None
    stat_courses = [c for c in case.history if c.kind == item.service and not c.postsurgical]
    stat_counts = [c.sessions for c in stat_courses]
    statutory = (sum(n for n in stat_counts if n is not None) + requested
                 if requested is not None and all(n is not None for n in stat_counts) else None)
    return PriorFacts(
        sessions=sessions,
        sessions_min=minimum,
        total_min=None if requested is None else minimum + requested,
        # a course on record is treatment already received (`TreatmentCourse`), whether or not it gives a count: a
        # home TENS trial with its dates and result, an injection without a number (seventh round of triage)
        any=(sessions > 0) if sessions is not None else True,
        functional_improvement=fi,
        total_sessions=None if sessions is None or requested is None else sessions + requested,
        statutory_visits=statutory,
        count_conflict=any(len(set(c.sessions_reported)) > 1 for c in courses),
        postsurgical=any(c.postsurgical for c in courses),
        postsurgical_sessions=post,
        postsurgical_total=None if post is None or requested is None else post + requested,
    )


def _course_span(c: TreatmentCourse, as_of: dt.date | None) -> tuple[float | None, float | None]:
    """(weeks, at most weeks) of one course by the evaluation date `as_of`. Its end is clipped at `as_of` (a course
    does not run past the date it is judged on; one that starts after it has had no weeks). A course with a start and
    an end spans them; one without an end has the weeks the record states (`weeks`, no more than it can have run by
    `as_of`), else an unknown length, at most the time from its start to `as_of` (seventh-round review: it was counted
    up to `as_of` as if known). A count of sessions states no weeks."""
    stop = min(c.end, as_of) if c.end and as_of else c.end
    if c.start and stop:
        weeks = max(0, (stop - c.start).days) / 7
        return weeks, weeks
    bound = max(0, (as_of - c.start).days) / 7 if c.start and as_of else None
    if c.weeks is not None:
        weeks = c.weeks if bound is None else min(c.weeks, bound)
        return weeks, weeks
    return None, bound


def _course_weeks(courses: list[TreatmentCourse], as_of: dt.date | None) -> tuple[float | None, float | None]:
    """(weeks, at most weeks) the courses span together (`_course_span` of each, added): the weeks unknown when there
    is no course or one's length is unknown; the bound unknown when there is none or one has no bound."""
    spans = [_course_span(c, as_of) for c in courses]
    weeks = [w for w, _ in spans]
    bounds = [b for _, b in spans]
    total = None if not spans or None in weeks else round(sum(w for w in weeks if w is not None), 1)
    most = None if not spans or None in bounds else round(sum(b for b in bounds if b is not None), 1)
    return total, most


def _tens_failed(case: Case) -> bool | None:
    """Whether TENS was tried without functional improvement (H-wave follows failed conservative care including
    TENS): a course that helped is no failure; none on record is no failure only when the treatment list is given."""
    results = [c.functional_improvement for c in case.history if c.kind == Service.tens_unit]
    if not results:
        return False if case.treatments_listed else None
    return False if True in results else (True if False in results else None)


def _steroid_injection_failed(case: Case) -> bool | None:
    """Whether the latest corticosteroid injection on record (or injection of unstated kind) brought no functional
    improvement (`HistoryFacts.steroid_injection_failed`)."""
    courses = [c for c in case.history if c.kind == Service.injection_other and c.sessions != 0
               and c.modality in (None, "corticosteroid")]
    fi = _improving(courses, None)
    return None if fi is None else not fi


def _history(case: Case, as_of: dt.date | None = None) -> HistoryFacts:
    def count(kind: Service) -> int | None:
        cs = [c.sessions for c in case.history if c.kind == kind]
        if not cs:
            return None
        return sum(n for n in cs if n is not None) if all(n is not None for n in cs) else None

    kinds = {c.kind for c in case.history if c.sessions != 0}
    pm = VISIT_THERAPY_SERVICES
    rehab = {Service.physical_therapy, Service.occupational_therapy}
    inj = INJECTION_SERVICES - {Service.radiofrequency_ablation}
    cbt_weeks, cbt_most = _course_weeks([c for c in case.history if c.kind == Service.psychotherapy], as_of)
    return HistoryFacts(
        physical_therapy_sessions=count(Service.physical_therapy),
        chiropractic_sessions=count(Service.chiropractic),
        acupuncture_sessions=count(Service.acupuncture),
        physical_medicine=True if kinds & pm else (False if {c.kind for c in case.history} & pm else None),
        rehabilitation=True if kinds & rehab else (False if {c.kind for c in case.history} & rehab else None),
        cbt=True if Service.psychotherapy in kinds else None,
        cbt_weeks=cbt_weeks,
        cbt_weeks_at_most=cbt_most,
        psych_evaluation=True if Service.psych_evaluation in kinds else None,
        tens_failed=_tens_failed(case),
        epidural_injections=(True if Service.epidural_steroid_injection in kinds else
                             (False if case.history or case.findings.failed_conservative_care is not None else None)),
        injections=True if kinds & inj else None,
        steroid_injection_failed=_steroid_injection_failed(case),
        medications=True if _pain_drugs(case) else None,
    )


def _pain_drugs(case: Case) -> list[Medication]:
    """The drugs of the pain-relevant classes (`drugs.for_pain`): a drug for another condition (lisinopril,
    metformin) is no conservative care for the injury and does not make the pain-medication list known; a case
    file that says its list is complete sets `medications_known`."""
    return [m for m in case.medications if for_pain(m.drug_class, m.generic)]


def _improving(courses: list[TreatmentCourse], current: bool | None) -> bool | None:
    """Whether the worker is improving under care: what the record says of the current treatment comes first, then
    the latest course whose result and date are given, then any course (one that helped counts). An earlier course
    that helped does not make care improving when the current treatment is documented not to (fifth audit)."""
    if current is not None:
        return current
    dated = [c for c in courses if c.functional_improvement is not None and (c.end or c.start)]
    if dated:
        return max(dated, key=lambda c: c.end or c.start or dt.date.min).functional_improvement
    fi = [c.functional_improvement for c in courses]
    return True if True in fi else (False if False in fi else None)


def _care_start(courses: list[TreatmentCourse], drugs: list[Medication], hep: bool | None) -> dt.date | None:
    """The first day of conservative care, when every course and drug on record gives its start (and no undated home
    exercise program is on record); None otherwise: an undated course may have begun earlier."""
    starts = [c.start for c in courses] + [m.since for m in drugs]
    if not starts or hep or any(d is None for d in starts):
        return None
    return min(d for d in starts if d is not None)


def _own_agents(item: DisputedItem) -> frozenset[str]:
    """The agents of the item's own drug, lower case: the `+`-joined parts of its drug and its ingredients
    ("capsaicin", "methyl salicylate"); none for an item that is not a drug."""
    parts = [p.strip().lower() for p in (item.drug or "").split("+")] + [i.lower() for i in item.ingredients]
    return frozenset(p for p in parts if p)


def _is_own_drug(m: Medication, own: frozenset[str]) -> bool:
    """Whether a drug on record contains one of the requested item's agents (`_own_agents`), by its generic or,
    without one, the name it is written with ("Capsaicin 0.075% cream")."""
    words = (m.generic or m.name).lower()
    return any(re.search(rf"\b{re.escape(a)}\b", words) for a in own)


def _care(case: Case, findings: Findings, as_of: dt.date | None = None,
          own: frozenset[str] = frozenset()) -> CareFacts:
    """The care facts of one item. A drug on record that contains the item's own drug (`own`) is not "other" care
    for the decision on that drug: a prior capsaicin prescription is no other treatment that failed before capsaicin
    (CPMTG: "patients who have not responded to or are intolerant to other treatments"; seventh-round review)."""
    courses = [c for c in case.history if c.kind in CONSERVATIVE_CARE_KINDS and c.sessions != 0]
    drugs = [m for m in _pain_drugs(case) if m.drug_class in CONSERVATIVE_CARE_KINDS and not _is_own_drug(m, own)]
    exercise = [c for c in courses if c.kind in VISIT_THERAPY_SERVICES]
    strengthening = [c for c in courses if c.kind in (Service.physical_therapy, Service.occupational_therapy)]
    hep = findings.home_exercise_program
    conservative = True if (courses or drugs or hep) else None
    improving = _improving(courses, findings.functional_improvement)
    persist = findings.symptoms_persist
    if persist is None and any(v is True for v in (findings.objective_functional_deficit, findings.radicular_signs,
                                                   findings.focal_neuro_deficit)):
        persist = True
    if persist is None and findings.pain_score is not None:
        persist = findings.pain_score > 0
    start = _care_start(courses, drugs, hep)
    since = start if start and as_of and start <= as_of else None
    analgesics = [m for m in drugs if m.drug_class in ANALGESIC_CLASSES or (
        m.drug_class in (None, Service.medication_other) and _generic_word(m.generic) in ANALGESIC_GENERICS)]
    responses = [drug_response(m) for m in analgesics]
    helping = True if True in responses else (False if responses and all(r is False for r in responses) else None)
    return CareFacts(conservative=conservative, exercise=True if (exercise or hep) else None,
                     strengthening=True if (strengthening or hep) else None, improving=improving,
                     other_drug_helping=helping,
                     symptoms_persist=persist, stated_failed=findings.failed_conservative_care,
                     days=(as_of - since).days if as_of and since else None,
                     months=_months_between(since, as_of) if as_of and since else None)


#: a diagnosis written as uncertain ("rule out CRPS", "possible radiculopathy") is not established
_UNCERTAIN_DX = re.compile(r"^\s*(?:rule[- ]out|r/o|possible|possibly|probable|suspected|questionable|query)\b", re.I)


_DX_RES = {name: re.compile(pattern) for name, pattern in _DX_PATTERNS.items()}

#: words without one of which a costly diagnosis pattern cannot match: it is not run on a text that has none
_DX_NEEDS: dict[str, tuple[str, ...]] = {
    "shoulder_cuff_tear": ("cuff", "spinatus", "subscap", "teres"),
    "progressive_neuro_deficit": ("progressive", "drop"),
}


def _dx_needs_met(name: str, text: str) -> bool:
    return any(w in text for w in _DX_NEEDS[name]) if name in _DX_NEEDS else True


#: a condition a diagnosis names only to exclude it ("lumbar strain without radiculopathy", "disc herniation, no
#: myelopathy"): the words from the exclusion to the end of its clause, or to the next condition joined by "and" or
#: "with", are not part of the diagnosis
_EXCLUDED_IN_DX = re.compile(r"\b(?:without|w/o|no|negative for|ruled out)\b(?:(?!\band\b|\bwith\b| - )[^;,.:/])*",
                             re.I)

#: the same exclusion stated after its condition ("CRPS ruled out", "fracture excluded"): the clause, from the last
#: punctuation, "and" or "with" before it, up to the exclusion, is not part of the diagnosis
_EXCLUDED_AFTER_DX = re.compile(
    r"(?:(?<=[;,(.:/])|(?<= - )|(?<=\band\b)|(?<=\bwith\b)|^)(?:(?!\band\b|\bwith\b| - )[^;,(.:/])*?\w\s*\(?\s*"
    r"(?:(?:has been|have been|was|were|is|are)\s+)?(?:ruled out|excluded)\b\)?", re.I)


#: an uncertain condition after another in one diagnosis ("lumbar sprain, rule out L5 radiculopathy", "knee strain
#: with possible meniscal tear"): the clause from the word of doubt to its end is not established (seventh round, a
#: blind conformance case; the whole diagnosis was read as radiculopathy)
_UNCERTAIN_CLAUSE = re.compile(
    r"(?:(?<=[;,(.:/])|(?<= - )|(?<=\band\b)|(?<=\bwith\b))\s*(?:rule[- ]out|r/o|possible|possibly|probable|"
    r"suspected|questionable|query)\b(?:(?!\band\b|\bwith\b| - )[^;,).:])*"
    # the doubt written after its condition, as a clause of its own ("L5 radiculopathy, probable", "(possible)")
    r"|(?:(?<=[;,.:])|^)[^;,(.:]*(?:,\s*|\(\s*)(?:possible|possibly|probable|suspected|questionable)\s*\)?"
    r"(?=\s*(?:[;,.:]|$))",
    re.I)


def _without_exclusions(text: str) -> str:
    """A diagnosis's text without the conditions it names only to exclude them (the costly backward pattern only
    where its words are)."""
    lowered = text.lower()
    if "ruled out" in lowered or "excluded" in lowered:
        text = _EXCLUDED_AFTER_DX.sub(" ", text)
    return _EXCLUDED_IN_DX.sub(" ", text)


_DOUBT_WORDS = ("rule", "r/o", "possib", "probab", "suspect", "question", "query")


def _without_doubts(text: str) -> str:
    """A diagnosis's text without its clauses of doubt (`_UNCERTAIN_CLAUSE`), scanned only where a word of doubt is."""
    lowered = text.lower()
    return _UNCERTAIN_CLAUSE.sub(" ", text) if any(w in lowered for w in _DOUBT_WORDS) else text


def _dx(case: Case) -> DiagnosisFacts:
    if not case.diagnoses:
        return DiagnosisFacts()
    text = " ; ".join(_without_exclusions(_without_doubts(d.text)) for d in case.diagnoses
                      if not _UNCERTAIN_DX.match(d.text)).lower()
    # the uncertain diagnoses too, for a test meant to confirm one (a bone scan for suspected CRPS)
    named = " ; ".join(_without_exclusions(_UNCERTAIN_DX.sub(" ", d.text)) for d in case.diagnoses).lower()
    groups = {k: _dx_needs_met(k, text) and p.search(text) is not None for k, p in _DX_RES.items()}
    return DiagnosisFacts(**groups, crps_suspected=bool(_DX_RES["crps"].search(named)),
                          radiculopathy_suspected=bool(_DX_RES["radiculopathy"].search(named)))


def _generic_word(generic: str | None) -> str:
    """The drug's generic name without its salt ("duloxetine hcl" -> "duloxetine"), lower case."""
    words = (generic or "").lower().split()
    return words[0] if words else ""


def drug_response(med: Medication) -> bool | None:
    """A drug's documented benefit as the CPMTG asks it of a drug continued, relief and function
    (`Medication.response`); when the record gives it only in parts, from them by the rule the reader uses too
    (`facts.drug_benefit`): False when relief or function is documented absent, True when both are documented,
    else unknown (seventh round of conformance triage: a case file giving
    `pain_relief` and `functional_benefit` but not `response` had no benefit of the drug)."""
    return med.response if med.response is not None else drug_benefit(None, med.pain_relief, med.functional_benefit)


def _meds(case: Case, item: DisputedItem, as_of: dt.date | None) -> MedicationFacts:
    classes = {m.drug_class for m in case.medications if m.drug_class}
    known = bool(_pain_drugs(case)) or case.medications_known
    values: dict[str, Any] = {}
    for svc, name in _MED_CLASS.items():
        # two kinds share antidepressant_or_aed: one on record makes it true, whichever comes last in the map
        values[name] = True if (svc in classes or values.get(name) is True) else (False if known else None)
    # trials of first-line drugs: a drug first prescribed with the request has had no trial yet
    tried = [m for m in case.medications if not m.newly_prescribed]
    antidepressants = [m for m in tried if m.drug_class == Service.antidepressant]
    values["tca_or_snri"] = (
        True if any(_generic_word(m.generic) in NEUROPATHIC_ANTIDEPRESSANTS for m in antidepressants)
        else None if any(not m.generic for m in antidepressants) or not known else False)
    values["anticonvulsant"] = (True if any(m.drug_class == Service.anticonvulsant for m in tried)
                                else (False if known else None))
    same = [m for m in case.medications if item.service and m.drug_class == item.service and not m.newly_prescribed]
    if same:
        values["same_class_current"] = True
        responses = [r for r in map(drug_response, same) if r is not None]
        values["same_class_response"] = (False if False in responses else True) if responses else None
        starts = [m.since for m in same if m.since]
        if starts and as_of:
            values["same_class_weeks"] = max(0, (as_of - min(starts)).days // 7)
            values["same_class_days"] = max(0, (as_of - min(starts)).days)
        reliefs = [m.relief_percent for m in same if m.relief_percent is not None]
        values["same_class_relief_percent"] = max(reliefs) if reliefs else None
        own = _generic_word(item.drug) if item.drug else ""
        mine = [m for m in same if own and _generic_word(m.generic) == own]
        values["other_same_class_drug"] = (
            True if any(own and m.generic and _generic_word(m.generic) != own for m in same)
            else None if not own or any(not m.generic for m in same) else False)
        own_responses = [r for r in map(drug_response, mine) if r is not None]
        values["same_drug_response"] = (
            ((False if False in own_responses else True) if own_responses else None) if mine
            else values["same_class_response"])
        if mine:
            doses = {m.strength_mg * m.per_day_max if m.strength_mg is not None and m.per_day_max is not None else None
                     for m in mine}
            values["same_drug_mg_per_day"] = doses.pop() if len(doses) == 1 else None
            drug_starts = [m.since for m in mine if m.since]
            values["same_drug_days"] = max(0, (as_of - min(drug_starts)).days) if drug_starts and as_of else None
        elif known and own and all(m.generic for m in same):
            values["same_drug_days"] = 0
    elif known:
        values["same_class_current"] = False
        values["same_class_days"] = 0
        values["same_drug_days"] = 0
        values["other_same_class_drug"] = False
    nsaid_responses = [r for r in (drug_response(m) for m in case.medications if m.drug_class == Service.nsaid)
                       if r is not None]
    values["nsaid_response"] = (False if False in nsaid_responses else True) if nsaid_responses else None
    values["nsaid_ongoing"] = (True if any(m.drug_class == Service.nsaid and not m.newly_prescribed
                                           for m in case.medications) else (False if known else None))
    values["opioid_med_per_day"] = _opioid_med_per_day(case, item, known)
    values["opioid_med_taken_per_day"] = _opioid_med_per_day(case, item, known, with_item=False)
    values["topical_nsaid_days"] = _topical_nsaid_days(case, known, as_of)
    return MedicationFacts(**values)


#: Morphine-equivalent conversion factors (mg of morphine a day per mg of the drug), the CDC 2016 table, not MTUS
#: text: unverified. They are the factors of the thresholds of the `OPI-MED-<drug>` rules (rules/opioids.yaml:
#: 80 mg MED / factor, each marked `unverified`), which compare the requested item alone; this copy adds up the
#: opioids taken together (`MedicationFacts.opioid_med_per_day`, `OPI-MED-TOTAL`). A drug not here (fentanyl,
#: buprenorphine, methadone, a combination) has no MED the engine knows.
MED_FACTORS: dict[str, float] = {
    "hydrocodone": 1, "oxycodone": 1.5, "morphine": 1, "tramadol": 0.1, "tapentadol": 0.4, "hydromorphone": 4,
    "oxymorphone": 3, "codeine": 0.15,
}

#: a medication list's name that says the drug is applied to the skin ("Voltaren gel 1%", "Flector patch",
#: "Pennsaid"): a diclofenac so named is a topical NSAID whatever class the list gives it
TOPICAL_FORM = re.compile(topical_form("solution", "flector", "pennsaid"), re.I)
#: NSAIDs a topical product on the medication list may name as its generic (`TOPICAL_INGREDIENTS` of the reader)
TOPICAL_NSAIDS = frozenset({"diclofenac", "ketoprofen", "flurbiprofen", "ibuprofen", "indomethacin", "naproxen"})
#: the ingredients of a topical salicylate rub (ItemFacts.salicylate_product)
SALICYLATE_RUB = frozenset({"methyl salicylate", "menthol", "camphor"})


_LEVEL_SEGMENT = re.compile(r"\b([CTL])\s?(\d{1,2})\s?[-\u2013/]\s?([CTLS])?\s?(\d{1,2})\b", re.I)
_LEVEL_ROOT = re.compile(r"\b([CTLS])\s?(\d{1,2})\b", re.I)
_LEVEL_COUNT = re.compile(r"\b(one|two|three|four|five|[1-5])[- ](?:spinal )?levels?\b", re.I)
_LEVEL_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_VERTEBRA_BASE = {"C": 0, "T": 7, "L": 19, "S": 24}
_BRACKETED = re.compile(r"\([^)]*\)")


def _vertebra(letter: str, number: int) -> int:
    """A vertebra's place down the spine (C1 is 1, T1 is 8, L1 is 20, S1 is 25)."""
    return _VERTEBRA_BASE[letter.upper()] + number


def spinal_levels(text: str) -> int | None:
    """How many spinal levels a request names: the motion segments of its segments and ranges ("L4-5" is one,
    "L5-S1" one, "L3-S1" three), and its single roots outside them and outside brackets ("C6-7 (C7
    radiculopathy)" is one), each once; or a count written out ("two levels"). None when it names none."""
    if not any(ch.isdigit() for ch in text) and "level" not in text.lower():
        return None
    counted = _LEVEL_COUNT.search(text)
    if counted:
        word = counted.group(1).lower()
        return _LEVEL_WORDS.get(word) or int(word)
    segments: set[int] = set()
    for m in _LEVEL_SEGMENT.finditer(text):
        top = _vertebra(m.group(1), int(m.group(2)))
        bottom = _vertebra(m.group(3) or m.group(1), int(m.group(4)))
        segments.update(range(top, bottom))  # a segment is named by its upper vertebra
    rest = _BRACKETED.sub(" ", _LEVEL_SEGMENT.sub(" ", text))
    roots = {_vertebra(m.group(1), int(m.group(2))) for m in _LEVEL_ROOT.finditer(rest)}
    return len(segments) + len(roots) or None


_SINGLE_STRENGTH_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(n) for n in SINGLE_STRENGTH_PRODUCTS) + r")(?![\w-])", re.I)
_LONG_ACTING_RE = re.compile(LONG_ACTING_OPIOID, re.I)
_INTERLAMINAR_RE = re.compile(r"\binter-?laminar\b|\bilesi\b|\bil\b", re.I)
_COUNTS_DAYS_RE = re.compile(r"\b(?:full[- ])?days?\b|\bsessions?\b", re.I)


def _single_strength(text: str) -> float | None:
    """The strength a product sold in one strength only states by its name (`vocab.SINGLE_STRENGTH_PRODUCTS`)."""
    m = _SINGLE_STRENGTH_RE.search(text)
    return SINGLE_STRENGTH_PRODUCTS[m.group(1).lower()] if m else None


def _daily_med(drug: str | None, strength_mg: float | None, per_day_max: float | None) -> float | None:
    """An opioid's daily MED: strength x most units a day x its drug's factor (unknown without one of them)."""
    factor = MED_FACTORS.get(_generic_word(drug))
    if factor is None or strength_mg is None or per_day_max is None:
        return None
    return strength_mg * per_day_max * factor


def _item_med(item: DisputedItem) -> float | None:
    """The requested opioid's daily MED."""
    return _daily_med(item.drug, item.strength_mg, per_day_bounds(item)[1])


def _opioid_med_per_day(case: Case, item: DisputedItem, known: bool, *, with_item: bool = True) -> float | None:
    """`MedicationFacts.opioid_med_per_day`: the item's MED (an opioid request) plus the opioids the worker takes;
    without the item's own dose (`with_item=False`), `opioid_med_taken_per_day`."""
    own = _generic_word(item.drug) if item.service is Service.opioid else None
    total = 0.0
    if own is not None and with_item:
        mine = _item_med(item)
        if mine is None:
            return None
        total = mine
    if not known:
        return None
    others = {_generic_word(m.generic) for m in case.medications
              if m.drug_class == Service.opioid and not m.newly_prescribed}
    if own:
        others.discard(own)  # (an opioid on record without a generic name stays "": its dose is unknown)
    if "" in others:  # an opioid on record without a generic name: whether it is the item's drug is not known
        return None
    for drug in sorted(others):
        # the dose taken is the one requested for that drug in this case, else the one the medication list writes
        requests = [i for i in case.items if i is not item and i.service is Service.opioid
                    and _generic_word(i.drug) == drug]
        doses = [_item_med(i) for i in requests] or [
            _medication_med(m) for m in case.medications
            if m.drug_class == Service.opioid and not m.newly_prescribed and _generic_word(m.generic) == drug]
        if not doses or None in doses:
            return None
        total += sum(d for d in doses if d is not None)
    return round(total, 2)


def _medication_med(med: Medication) -> float | None:
    """An opioid taken's daily MED as the medication list writes it."""
    return _daily_med(med.generic, med.strength_mg, med.per_day_max)


def _topical_nsaid_days(case: Case, known: bool, as_of: dt.date | None) -> int | None:
    """`MedicationFacts.topical_nsaid_days`: days on a current topical NSAID."""
    topicals = [m for m in case.medications if not m.newly_prescribed and (
        m.drug_class == Service.topical_analgesic or TOPICAL_FORM.search(m.name))]
    nsaids = [m for m in topicals if _generic_word(m.generic) in TOPICAL_NSAIDS]
    if not nsaids:
        return 0 if known and all(m.generic for m in topicals) else None
    starts = [m.since for m in nsaids if m.since]
    return max(0, (as_of - min(starts)).days) if starts and as_of else None


def _modality(item: DisputedItem) -> str | None:
    """The item's finer kind: as the case file gives it, else, for a post-operative item whose line names a sling,
    `sling` (case files written before the reader named slings left it blank; `vocab.SLING`)."""
    if item.modality is None and item.service == Service.postop_dme and re.search(SLING, item.text or "", re.I):
        return "sling"
    if item.modality is None and item.service in PHYSICAL_MEDICINE_KINDS and re.search(AQUATIC, item.text or "", re.I):
        return "aquatic"
    return item.modality


def per_day_bounds(item: DisputedItem) -> tuple[float | None, float | None]:
    """(fewest, most) units a day the item's directions allow. Directions that state one rate ("1 twice a day",
    "1 every 6 hours as needed") give it as both bounds, as the reader's `parse_directions` reads them; a case file
    that gives only one of `per_day_min` and `per_day_max` is read the same way (seventh round of conformance
    triage: a supply given `per_day_max` alone had no days of supply, so no course or post-operative length). The
    most is never taken from the fewest: "1-2 every 4 hours" written as `per_day_min: 6` alone would understate the
    dose a day, and with it the morphine equivalent (review of the seventh round)."""
    low, high = item.per_day_min, item.per_day_max
    if low is None:
        low = high
    return low, high


def _topical_patch(item: DisputedItem) -> bool:
    # a Flector (diclofenac) patch is named by its brand alone (review of the seventh round)
    return _modality(item) == "patch" or re.search(r"\bpatch(?:es)?\b|\bflector\b", item.text or "", re.I) is not None


def _days_supply(item: DisputedItem, per_day_min: float | None) -> int | None:
    """Days the requested supply lasts (`ItemFacts.days_supply`)."""
    if item.service == Service.topical_analgesic:
        if item.duration_weeks is not None:
            return int(item.duration_weeks * 7)
        if not _topical_patch(item):
            return None  # tubes or grams over applications a day: different units
    if item.quantity is None or not per_day_min:
        return None
    return int(item.quantity // per_day_min)


def _supply_end_after_surgery(case: Case, item: DisputedItem, as_of: dt.date | None, days_since: int | None,
                              days_supply: int | None) -> int | None:
    """The day after the surgery on which the requested supply runs out (see `ItemFacts`)."""
    if days_supply is None:
        return None
    done = case.findings.surgery_date
    to_come = item.follows_surgery is not None or (done is not None and as_of is not None and done > as_of) or (
        done is None and (case.findings.surgery_planned is True or case.findings.surgery_approved is True))
    if to_come:
        return days_supply
    return None if days_since is None else days_since + days_supply


def item_body_parts(case: Case, item: DisputedItem) -> list[BodyPart]:
    """The body parts a request is for: those its line names, else the case's when they are all one region.

    A request line often names no body part ("chiropractic x6", "Voltaren gel"); it then treats the injury the
    case is about. When the case's body parts are one region, that region is the request's (its sides merged:
    bilateral when they differ); with several regions, or none, the request's region stays unknown rather than a
    guess among them."""
    if item.body_parts:
        return list(item.body_parts)
    regions = {bp.region for bp in case.body_parts}
    if len(regions) != 1:
        return []
    sides = {bp.side for bp in case.body_parts if bp.side is not None}
    side = (sides.pop() if len(sides) == 1 else Laterality.bilateral) if sides else None
    return [BodyPart(region=regions.pop(), side=side)]


def item_half(item: DisputedItem) -> str | None:
    """`upper`, `lower`, or None when the item's regions are unknown or span both halves."""
    regions = {bp.region for bp in item.body_parts}
    if regions and regions <= UPPER_HALF:
        return "upper"
    if regions and regions <= LOWER_HALF:
        return "lower"
    return None


#: the kinds of prior injection whose relief a requested injection compares (`Findings.injection_relief_kind`), by the
#: item's service (or `service:modality`), one a row: a repeat compares the same injection's relief; a neurotomy
#: compares the diagnostic medial branch block's (or a prior neurotomy's)
RELIEF_KINDS_OF_ITEM: dict[str, frozenset[str]] = {
    "epidural_steroid_injection": frozenset({"epidural"}),
    "trigger_point_injection": frozenset({"trigger_point"}),
    "injection_other:sacroiliac": frozenset({"sacroiliac"}),
    "facet_injection": frozenset({"facet"}),
    "radiofrequency_ablation": frozenset({"facet", "neurotomy"}),
}
_RELIEF_FIELDS = ("injection_relief_percent", "injection_relief_weeks", "injection_relief_kind")


def _relief_of_another_kind(findings: Findings, item: DisputedItem) -> bool:
    """The record's injection relief was stated for a kind of injection other than the one this item requests."""
    kind = findings.injection_relief_kind
    if kind is None or item.service is None:
        return False
    kinds = RELIEF_KINDS_OF_ITEM.get(f"{item.service.value}:{item.modality}") or RELIEF_KINDS_OF_ITEM.get(
        item.service.value)
    return kinds is not None and kind not in kinds


def scoped_findings(case: Case, item: DisputedItem) -> Findings:
    """The case's findings as they bear on this item: its half of the body, and its kind of injection (the relief of
    an epidural is unknown for a requested trigger point injection, `RELIEF_KINDS_OF_ITEM`)."""
    findings = _scoped_by_half(case, item)
    if _relief_of_another_kind(findings, item):
        findings = findings.model_copy(update=dict.fromkeys(_RELIEF_FIELDS))
    if findings.gi_risk is None and any(_generic_word(m.generic) in ANTITHROMBOTICS for m in case.medications
                                        if not m.newly_prescribed):
        findings = findings.model_copy(update={"gi_risk": True})
    return findings




def _scoped_by_half(case: Case, item: DisputedItem) -> Findings:
    """The case's findings as they bear on this item's half of the body.

    A finding recorded only for the other half (a positive straight-leg raise for a neck MRI) is unknown here,
    not true: it says nothing about this body part. A finding the record ties to one region (a surgery planned for
    the shoulder, a fracture of the low back) is unknown for an item of another region of the same half (a neck
    MRI, a bone scan of the foot)."""
    half = item_half(item)
    if half is None or not case.regional_findings:
        return case.findings
    regions = {bp.region for bp in item.body_parts}
    updates: dict[str, Any] = {}
    for name in {r.field for r in case.regional_findings}:
        entries = [r for r in case.regional_findings if r.field == name]
        # a finding tied to one region (a surgery planned for the shoulder) bears on that region's items only
        relevant = [r.value for r in entries if r.half in (half, "any") and (
            r.region is None or regions_overlap({r.region}, regions))]
        updates[name] = (True if any(relevant) else False) if relevant else None
    return case.findings.model_copy(update=updates)


def _repeat_study(case: Case, item: DisputedItem, as_of: dt.date | None) -> bool | None:
    """Whether the requested study repeats one already done of the same region (None when not a study)."""
    if item.service not in STUDY_SERVICES:
        return None
    if re.search(r"\brepeat\b", item.text, re.I):
        return True
    regions = {bp.region for bp in item.body_parts}
    same = [p for p in case.prior_studies if p.service in same_study(item.service) and p.region in regions]
    return True if same else None


def _surgery_going_ahead(case: Case, days_since_surgery: int | None) -> bool | None:
    """For an item that serves a surgery not itself in dispute: whether that surgery goes ahead.

    What the record says of its authorization decides (`findings.surgery_approved`); a surgery already
    performed went ahead; a surgery the record plans, with no word of a denial and not among the disputed
    items, is not in question: IMR decides only the disputed ancillary, on its own criteria."""
    f = case.findings
    if f.surgery_approved is not None:
        return f.surgery_approved
    if days_since_surgery is not None:
        return True
    if (f.surgery_planned or f.surgical_candidate) and not any(i.service is Service.surgery for i in case.items):
        return True
    return None


@dataclass(frozen=True)
class CaseParts:
    """The groups of the view that depend only on the case and the as-of date: built once, shared by its items."""

    case: CaseFacts
    history: HistoryFacts
    dx: DiagnosisFacts


def case_parts(case: Case, as_of: dt.date | None) -> CaseParts:
    """The case-wide groups of every item's view."""
    injury = case.dates.injury
    onset = min(d for d in (case.dates.onset, injury) if d is not None) if (case.dates.onset or injury) else None
    facts = CaseFacts(
        days_since_injury=(as_of - injury).days if as_of and injury else None,
        months_since_injury=_months_between(injury, as_of) if as_of and injury else None,
        days_since_onset=(as_of - onset).days if as_of and onset else None,
        months_since_onset=_months_between(onset, as_of) if as_of and onset else None,
        injury_on_or_after_2004=None if injury is None else injury >= dt.date(2004, 1, 1),
        age=case.patient.age,
        sex=case.patient.sex,
    )
    return CaseParts(facts, _history(case, as_of), _dx(case))


def build_view(case: Case, index: int, as_of: dt.date | None, index_outcome: Outcome | None = None,
               parts: CaseParts | None = None) -> ItemView:
    """The facts for item `index` (0-based); `index_outcome` is the decision on the surgery it follows; `parts`
    are the case's shared groups (`case_parts`), when the caller builds several items of one case."""
    item = case.items[index]
    shared = parts or case_parts(case, as_of)
    regions = item_body_parts(case, item)
    region_set = {bp.region for bp in regions}
    requested = requested_sessions(item)
    findings = scoped_findings(case, item)
    meds = _meds(case, item, as_of)
    per_day_min, per_day_max = per_day_bounds(item)
    days_supply = _days_supply(item, per_day_min)
    done = case.findings.surgery_date
    days_since_surgery = (as_of - done).days if as_of and done and done <= as_of else None
    certified: bool | None = None
    companion: bool | None = None
    if item.accompanies is not None:
        companion = None if index_outcome in (None, "not_covered") else index_outcome == "overturn"
    if item.follows_surgery is not None:
        certified = None if index_outcome is None or index_outcome == "not_covered" else index_outcome == "overturn"
    elif item.postoperative or item.service in SURGICAL_ANCILLARY_SERVICES:
        certified = _surgery_going_ahead(case, days_since_surgery)
    return ItemView(
        item=ItemFacts(
            service=item.service.value if item.service else None,
            modality=_modality(item),
            quantity=item.quantity,
            requested_sessions=requested,
            frequency_per_week=item.frequency_per_week,
            duration_weeks=item.duration_weeks,
            region=regions[0].region.value if regions else None,
            regions=len(region_set),
            single_region=len(region_set) == 1 if region_set else None,
            spine=bool(region_set & SPINE) if regions else None,
            low_back=Region.lumbar in region_set if regions else None,
            upper_limb=bool(region_set & UPPER_LIMB) if regions else None,
            lower_limb=bool(region_set & LOWER_LIMB) if regions else None,
            bilateral=any(bp.side == Laterality.bilateral for bp in regions) if regions else None,
            drug=item.drug,
            ingredients=item.ingredients or None,
            single_ingredient=len(set(item.ingredients)) == 1 if item.ingredients else None,
            long_acting=_LONG_ACTING_RE.search(item.text) is not None,
            spinal_levels=spinal_levels(item.text),
            interlaminar=_INTERLAMINAR_RE.search(item.text) is not None,
            counts_days=_COUNTS_DAYS_RE.search(item.text) is not None,
            salicylate_product=("methyl salicylate" in item.ingredients
                                and set(item.ingredients) <= SALICYLATE_RUB) if item.ingredients else None,
            rental_days=item.rental_days,
            strength_mg=item.strength_mg if item.strength_mg is not None else _single_strength(item.text),
            mg_per_day=(item.strength_mg * per_day_max
                        if item.strength_mg is not None and per_day_max is not None else None),
            per_day_min=per_day_min,
            days_supply=days_supply,
            postoperative=item.postoperative,
            additional=item.additional,
            remainder=item.remainder,
            certified_part_response=item.certified_part_response,
            retrospective=item.retrospective,
            repeat_study=_repeat_study(case, item, as_of),
            already_authorized=item.already_authorized,
            follows_surgery=item.follows_surgery is not None,
            has_companion=item.accompanies is not None,
            companion_certified=companion,
            course_days=(meds.same_class_days + days_supply
                         if meds.same_class_days is not None and days_supply is not None else None),
            topical_nsaid_course_days=(None if meds.topical_nsaid_days is None
                                       else meds.topical_nsaid_days + (days_supply or 0)),
            supply_end_day_after_surgery=_supply_end_after_surgery(case, item, as_of, days_since_surgery, days_supply),
        ),
        case=shared.case,
        prior=_prior(case, item, requested),
        history=shared.history,
        dx=shared.dx,
        meds=meds,
        findings=findings,
        care=_care(case, findings, as_of, _own_agents(item)),
        surgery=SurgeryFacts(
            days_since=days_since_surgery, index_in_case=item.follows_surgery is not None,
            index_outcome=index_outcome if item.follows_surgery is not None else None,
            certified=certified, arthroscopic=case.findings.surgery_arthroscopic,
            procedure=case.findings.surgery_procedure, open=case.findings.surgery_open,
            complex=case.findings.surgery_complex),
    )


def to_fact(view: ItemView) -> dict[str, Any]:
    """The view as a nested dict with unknowns (None) and dates dropped: the shape durable_rules reads."""
    fact: dict[str, Any] = {}
    for name in _GROUPS:
        group = getattr(view, name)
        if isinstance(group, BaseModel):  # the case's findings
            # dates are the only non-scalar facts, and only findings hold any (durable_rules reads day counts)
            values = group.model_dump(mode="python", exclude_none=True)
            fact[name] = {k: v for k, v in values.items() if not isinstance(v, dt.date)}
        else:
            fact[name] = {f: v for f in group.__slots__ if (v := getattr(group, f)) is not None}
    fact["derived"] = dict(view.derived)
    return fact


def lookup(fact: dict[str, Any], path: str) -> Any:
    """The value at a dotted path, or None when any part is missing."""
    cur: Any = fact
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur

