"""Coverage probe: which typical requests, in typical contexts, no encoded criterion decides (`not_covered`).

Each request line is read by the narrative request parser (so finer kinds are the reader's), placed in a small
case for every combination of era (the CPMTG 2009 and 2016 windows; the ACOEM era is not encoded), acute or
chronic pain, each common body part, and with or without a recent surgery, and evaluated. The lines that come out
`not_covered` are listed with the contexts and the engine's reason. Used by the third coverage probe
(docs/audit/drugs.md, "Coverage additions (third probe)").

    python tools/coverage_probe.py            # every not_covered line with its contexts
    python tools/coverage_probe.py --summary  # one line per request line
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine import Engine  # noqa: E402
from engine.facts import (  # noqa: E402
    BodyPart,
    Case,
    Dates,
    Diagnosis,
    Findings,
    Medication,
    TreatmentCourse,
)
from engine.narrative.requests import parse_request  # noqa: E402
from engine.vocab import Region, Service  # noqa: E402

#: region -> (words for the request line, a typical diagnosis)
REGIONS: dict[Region, tuple[str, str]] = {
    Region.lumbar: ("low back", "Lumbar strain"), Region.cervical: ("cervical spine", "Cervical strain"),
    Region.thoracic: ("thoracic spine", "Thoracic strain"),
    Region.shoulder: ("right shoulder", "Right shoulder strain"),
    Region.elbow: ("right elbow", "Right lateral epicondylitis"), Region.wrist: ("right wrist", "Right wrist sprain"),
    Region.hand: ("right hand", "Right hand pain"), Region.hip: ("left hip", "Left hip strain"),
    Region.pelvis: ("pelvis", "Pelvic pain"), Region.knee: ("left knee", "Left knee sprain"),
    Region.ankle: ("right ankle", "Right ankle sprain"), Region.foot: ("right foot", "Right foot pain"),
}
#: request lines given to a body part (`{r}`) or to the low back and knee only (no `{r}`)
TREATMENTS = [
    "Physical therapy 2x6 {r}", "Occupational therapy 2x4 {r}", "Chiropractic 2x4 {r}", "Acupuncture 2x3 {r}",
    "Aquatic therapy 2x4 {r}", "Massage therapy x6 {r}", "TENS unit purchase {r}", "TENS unit 30 day trial",
    "H-wave unit trial", "Interferential unit", "Electrical muscle stimulation {r}", "Ultrasound therapy {r}",
    "Infrared therapy {r}", "Traction unit {r}", "Hot/cold therapy {r}", "Extracorporeal shockwave therapy {r}",
    "Biofeedback x6", "Kinesio tape {r}", "Work conditioning x12",
    "MRI {r}", "CT scan {r}", "X-ray {r}", "Bone scan {r}", "Diagnostic ultrasound {r}", "MR arthrogram {r}",
    "EMG/NCS bilateral upper extremities", "EMG/NCS bilateral lower extremities", "Sleep study", "Lab work CBC, CMP",
    "X-ray pelvis", "MRI pelvis", "CT pelvis", "X-ray bilateral hips",
    "Epidural steroid injection L4-5", "Cervical epidural steroid injection C5-6", "Facet injection L4-5",
    "Radiofrequency ablation L4-5", "Trigger point injections x4 {r}", "Cortisone injection {r}",
    "Synvisc injection {r}", "PRP injection {r}", "Sacroiliac joint injection", "Hip injection",
    "Intra-articular hip steroid injection", "Genicular nerve block", "Occipital nerve block",
    "Suprascapular nerve block", "Stellate ganglion block", "Botox injection cervical",
    "Spinal cord stimulator trial",
    "Surgery {r}", "Arthroscopy {r}", "Manipulation under anesthesia {r}", "Trigger finger release right ring finger",
    "Right carpal tunnel release", "De Quervain release right wrist", "Cubital tunnel release right",
    "Right shoulder arthroscopy with subacromial decompression", "Left hip arthroscopy with labral repair",
    "Total hip arthroplasty left", "Total knee arthroplasty left", "Knee arthroscopy with meniscectomy",
    "Lumbar fusion L4-5", "Lumbar laminectomy L4-5", "Anterior cervical discectomy and fusion C5-6",
    "{r} brace", "Cane", "Front wheeled walker", "Hospital bed", "Cold therapy unit {r}", "Home exercise kit",
    "Orthopedic consultation", "Pain management consultation", "Follow-up visit", "Psychological evaluation",
    "Cognitive behavioral therapy x6", "Functional restoration program x80 hours", "Functional capacity evaluation",
    "Home health care 4 hours a day", "Gym membership x6 months", "Transportation to appointments",
    "Urine drug screen", "Weight loss program",
    "Dry needling {r}", "Iontophoresis {r}", "Paraffin wax {r}",
]
DRUGS = [
    "Norco 10/325mg #60", "Percocet 5/325mg #30 1 q6h prn", "Tramadol 50mg #60 1 bid", "Oxycontin 20mg #60",
    "Tylenol #3 #60", "Butrans 10mcg patch #4", "Methadone 10mg #60", "Tapentadol 50mg #60",
    "Naproxen 550mg #60 1 bid", "Meloxicam 15mg #30", "Celebrex 200mg #30", "Ketorolac 10mg #20",
    "Omeprazole 20mg #30", "Ranitidine 150mg #60", "Cyclobenzaprine 7.5mg #60", "Soma 350mg #60",
    "Tizanidine 4mg #60", "Baclofen 10mg #60", "Diazepam 5mg #30", "Gabapentin 600mg #90 tid", "Lyrica 75mg #60",
    "Duloxetine 60mg #30", "Amitriptyline 25mg #30", "Trazodone 50mg #30", "Zolpidem 10mg #30",
    "Lidoderm 5% patch #30", "Voltaren gel 1% 100g", "Menthoderm gel 120g", "Bengay cream 100g",
    "Compound cream flurbiprofen/lidocaine 180g", "Capsaicin cream 0.075%", "Colace 100mg #60",
    "Ondansetron 4mg #10", "Fioricet #30", "Sumatriptan 50mg #9", "Theramine #90", "Glucosamine #90",
    "Acetaminophen 500mg #100", "Medrol dose pack", "Prednisone 10mg #20", "Hydroxyzine 25mg #30",
    "Vitamin D 1000 IU #30", "B12 injection", "Toradol injection 60mg",
]
ERAS = {"2009": dt.date(2015, 6, 1), "2016": dt.date(2017, 3, 1)}


def probe_case(region: Region, line: str, era: str, chronic: bool, surgery: bool) -> Case:
    """A small case: the request in `era`, three weeks (acute) or a year (chronic, after failed therapy) from
    injury, with or without a surgery four weeks before (the request then post-operative)."""
    request = ERAS[era]
    injury = request - dt.timedelta(days=365 if chronic else 21)
    words, diagnosis = REGIONS[region]
    item = parse_request(line.format(r=words))
    findings = Findings(failed_conservative_care=True if chronic else None, objective_functional_deficit=True,
                        work_status="modified_duty", symptoms_persist=True)
    if surgery:
        findings = findings.model_copy(update={"surgery_date": request - dt.timedelta(days=28),
                                               "surgery_approved": True, "surgery_procedure": "other"})
        item = item.model_copy(update={"postoperative": True})
    history = [TreatmentCourse(kind=Service.physical_therapy, sessions=12, functional_improvement=False,
                               body_parts=[BodyPart(region=region)])] if chronic else []
    drug = line in DRUGS
    medications = [Medication(name="naproxen", generic="naproxen", drug_class=Service.nsaid, since=injury)] \
        if drug and chronic else []
    return Case(case_id="probe", dates=Dates(injury=injury, request=request), diagnoses=[Diagnosis(text=diagnosis)],
                body_parts=[BodyPart(region=region)], history=history, findings=findings, medications=medications,
                medications_known=drug, items=[item])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="one line per request line")
    args = parser.parse_args()
    engine = Engine()
    contexts: dict[tuple[str, str, str], set[str]] = collections.defaultdict(set)
    reasons: dict[tuple[str, str, str], str] = {}
    for era, chronic, surgery in itertools.product(ERAS, (False, True), (False, True)):
        tag = f"{era}/{'chronic' if chronic else 'acute'}{'/post-op' if surgery else ''}"
        for line in TREATMENTS + DRUGS:
            regions = list(REGIONS) if "{r}" in line else [Region.lumbar, Region.knee]
            for region in regions:
                case = probe_case(region, line, era, chronic, surgery)
                result = engine.evaluate(case).items[0]
                if result.decision != "not_covered":
                    continue
                item = case.items[0]
                key = (item.text if "{r}" not in line else line.format(r="<region>"), result.service,
                       item.modality or "-")
                contexts[key].add(f"{tag}/{region.value}" if "{r}" in line else tag)
                reasons[key] = result.reason or result.rationale
    for key in sorted(contexts):
        text, service, modality = key
        if args.summary:
            print(f"{text!r} [{service}/{modality}] in {len(contexts[key])} contexts")
        else:
            print(f"{text!r} [{service}/{modality}]: {reasons[key]}")
            print("    " + ", ".join(sorted(contexts[key])))


if __name__ == "__main__":
    main()
