"""Whole case texts written for the reader (our own words, in the layouts IMR summaries use), and the medications,
prior studies and treatment history they must give: the families the phrase tables test one sentence at a time,
read here together, where one sentence's reading can disturb another's."""

from __future__ import annotations

import pytest

from engine import extract_case

CASES = {
    "radiculopathy": ("""Case Number: T-101
Date of Injury: 03/14/2014
UR Denial Date: 09/02/2016

CLINICAL CASE SUMMARY
The patient is a 52-year-old female warehouse worker who injured her low back and right knee while lifting boxes
on 03/14/2014. She is being treated for lumbar radiculopathy and right knee internal derangement. Prior
treatment has included physical therapy, chiropractic care and acupuncture, without lasting benefit. She is
status post right knee arthroscopy in 2015. She underwent an L4-5 epidural steroid injection on 02/10/2016 with
40% relief for about six weeks. MRI of the lumbar spine dated 3/2/16 revealed a 4 mm disc protrusion at L4-5
abutting the left L5 nerve root. EMG/NCV of the bilateral lower extremities on 4/1/2016 was normal. X-rays of the
right knee showed mild medial joint space narrowing. Current medications: Norco 10/325 mg one tablet every 6
hours as needed, Neurontin 300 mg three times a day, and Prilosec 20 mg daily. She previously tried Motrin,
which caused stomach upset, and it was discontinued. On 08/20/2016 she reported low back pain rated 7/10
radiating to the left leg. Examination of the lumbar spine revealed paraspinal spasm and a positive straight
leg raise on the left at 40 degrees. The right knee showed no effusion and full range of motion. The provider
requested a lumbar epidural steroid injection at L4-5. Utilization review on 09/02/2016 non-certified the
request.

DISPUTED ITEMS
Lumbar epidural steroid injection at L4-5
""", {
        "medications": {"hydrocodone", "gabapentin", "omeprazole"},          # Motrin was tried and stopped
        "studies": {"mri:lumbar", "emg_ncs:lower_extremity", "xray:knee"},
        # a listed course without a count is a course, sessions unknown; the arthroscopy "in 2015" is at least one;
        # "an L4-5 epidural steroid injection on 02/10/2016" is one
        "history": {"physical_therapy": None, "chiropractic": None, "acupuncture": None,
                     "epidural_steroid_injection": 1, "surgery": None},
    }),
    "shoulder": ("""Case Number: T-103
Date of Injury: 07/22/2013
UR Denial Date: 01/05/2017

CLINICAL CASE SUMMARY
This case involves a now 61-year-old male with a history of an occupational claim from 07/22/2013. The
mechanism of injury was a fall from a ladder. The current diagnoses are documented as left shoulder rotator
cuff tear, cervical sprain, and lumbar degenerative disc disease. The prior treatments have included 24 sessions
of physical therapy, 6 chiropractic visits, a TENS unit, trigger point injections and a left shoulder
subacromial decompression on 06/14/2015. Diagnostic studies have included an MRI of the left shoulder on
01/10/2015, which revealed a full thickness tear of the supraspinatus, and x-rays of the cervical spine. His
medications were noted to include Percocet 5/325 mg, Celebrex 200 mg, and Ambien 10 mg. The documentation of
12/15/2016 indicated the patient had left shoulder pain rated 6/10. Physical examination of the left shoulder
revealed forward flexion to 120 degrees and a positive impingement sign. The right shoulder was nontender. The
treatment plan included continuation of Percocet and a urine drug screen.

DISPUTED ITEMS
Percocet 5/325 mg #90
""", {
        "medications": {"oxycodone", "celecoxib", "zolpidem"},
        "studies": {"mri:shoulder", "xray:cervical"},
        "history": {"physical_therapy": 24, "chiropractic": 6, "tens_unit": None, "trigger_point_injection": None,
                     "surgery": 1},
    }),
    "fusion": ("""Case Number: T-105
Date of Injury: 10/10/2012
UR Denial Date: 12/01/2016

CLINICAL CASE SUMMARY
The injured worker is a 57 year old female, who sustained an industrial injury on 10-10-2012. She reports
chronic low back pain. Diagnoses include lumbar spondylosis, lumbar radiculitis, and chronic pain syndrome.
She underwent a lumbar fusion at L4-S1 on 4-12-2014. Treatments to date include physical therapy x 30, aquatic
therapy, acupuncture x 12, lumbar epidural steroid injections, spinal cord stimulator trial, psychotherapy, and
medications. Medications: 1. Oxycontin 20 mg twice daily. 2. Oxycodone 10 mg every 6 hours as needed.
3. Cymbalta 60 mg daily. 4. Senokot. Previous medications included Norco, Lyrica and Nucynta, which were
stopped due to side effects. A CT scan of the lumbar spine dated 6-1-2015 showed solid fusion. An MRI of the
lumbar spine dated 9-9-2016 showed adjacent segment stenosis at L3-4. On 11-15-2016, she reported pain rated 8
out of 10 without medications and 5 out of 10 with medications. The treating physician prescribed Oxycontin and
oxycodone. The Utilization Review dated 12-1-2016, modified the request for Oxycontin.

DISPUTED ITEMS
Oxycontin 20 mg #60
""", {
        "medications": {"oxycodone", "duloxetine", "senna"},              # Norco, Lyrica, Nucynta were stopped
        "studies": {"ct:lumbar", "mri:lumbar"},
        "history": {"physical_therapy": 30, "acupuncture": 12, "epidural_steroid_injection": None,
                     "psychotherapy": None, "surgery": 1},
    }),
    "ankle": ("""Case Number: T-106
Date of Injury: 06/06/2016
UR Denial Date: 10/20/2016

CLINICAL CASE SUMMARY
The patient is a 29 year old female who sustained an injury to her left ankle on 06/06/2016 when she slipped
on a wet floor. Radiographs of the left ankle taken in the emergency department were negative for fracture. She
was placed in a walking boot and given crutches. She was seen by her primary treating physician on 06/10/2016
and was started on naproxen 500 mg twice daily and tramadol 50 mg as needed. She completed 6 sessions of
physical therapy with improvement in her range of motion and was able to return to full duty. A subsequent MRI
of the left ankle on 09/01/2016 showed a partial tear of the anterior talofibular ligament. On 10/05/2016, she
reported intermittent lateral ankle pain at 3/10. Exam showed mild tenderness over the ATFL with a negative
anterior drawer. She is currently working full duty. Meds include naproxen as needed. The physician requested 8
additional physical therapy sessions.

DISPUTED ITEMS
Physical therapy 8 sessions for the left ankle
""", {
        "medications": {"naproxen", "tramadol"},
        "studies": {"xray:ankle", "mri:ankle"},
        "history": {"physical_therapy": 6},
    }),
    "applicant": ("""Case Number: T-107
Date of Injury: 04/04/2014
UR Denial Date: 12/12/2016

CLINICAL CASE SUMMARY
The applicant is a 47-year-old female who has filed a claim for chronic neck, low back, and bilateral wrist pain
reportedly associated with an industrial injury of April 4, 2014. In a utilization review report dated December
12, 2016, the claims administrator failed to approve a request for Lyrica and partially approved a request for
Norco. The claims administrator referenced a December 1, 2016 progress note in its determination. The applicant's
attorney subsequently appealed. On December 1, 2016, the applicant reported 8/10 multifocal pain complaints. The
applicant was using Norco, Motrin, and Lidoderm patches, it was reported. The applicant had previously tried
Neurontin, which had proven ineffective, the treating provider reported. Lyrica was endorsed. Norco was renewed.
The applicant was not working, it was acknowledged. The applicant had had earlier physical therapy and
acupuncture, the treating provider stated. Earlier cervical MRI imaging of March 2015 was notable for multilevel
disk bulges. Electrodiagnostic testing of the bilateral upper extremities of June 2015 was consistent with mild
bilateral carpal tunnel syndrome. The applicant was status post earlier right carpal tunnel release surgery in
2015. On October 1, 2016, the applicant was described as using Norco, Soma, and Motrin. Soma was subsequently
discontinued owing to issues with sedation. Positive Tinel and Phalen signs were appreciated about the left
wrist. The neck exhibited limited range of motion; the lumbar spine was nontender.

DISPUTED ITEMS
Lyrica 75 mg #60
Norco 10/325 mg #90
""", {
        # Neurontin was tried before; Soma was used in October and later discontinued
        "medications": {"hydrocodone", "ibuprofen", "lidocaine", "pregabalin"},
        "studies": {"mri:cervical", "emg_ncs:upper_extremity"},
        "history": {"physical_therapy": None, "acupuncture": None, "surgery": None},
    }),
    "disc": ("""Case Number: T-108
Date of Injury: 09/09/2015
UR Denial Date: 01/10/2017

CLINICAL CASE SUMMARY
This case involves a now 39-year-old male with a history of an occupational claim from 09/09/2015. The mechanism
of injury was lifting a heavy pipe. His diagnoses include lumbar disc herniation with radiculopathy. Past
treatments have included medications, 18 sessions of physical therapy, 2 lumbar epidural steroid injections, and
activity modification. His surgical history included a right inguinal hernia repair in 2010. An MRI of the lumbar
spine performed on 10/20/2015 revealed a 6 mm disc extrusion at L5-S1 with compression of the left S1 nerve
root. An EMG/NCS of the lower extremities on 02/02/2016 was consistent with a left S1 radiculopathy. On
12/15/2016, he reported low back pain radiating to the left calf rated 7/10. His medications were listed as
tramadol 50 mg, naproxen 550 mg, and pantoprazole 20 mg. He had previously been prescribed Norco but stopped it
due to nausea. On examination, there was decreased sensation in the left S1 dermatome, an absent left Achilles
reflex, and a positive straight leg raise on the left at 30 degrees. The treatment plan included a left L5-S1
microdiscectomy. The patient would like to proceed with surgery.

DISPUTED ITEMS
Left L5-S1 microdiscectomy
""", {
        "medications": {"tramadol", "naproxen", "pantoprazole"},               # Norco was stopped for nausea
        "studies": {"mri:lumbar", "emg_ncs:lower_extremity"},
        "history": {"physical_therapy": 18, "epidural_steroid_injection": 2},
    }),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_text(name: str) -> None:
    text, want = CASES[name]
    case = extract_case(text).case
    assert {m.generic for m in case.medications} == want["medications"]
    assert {f"{s.service.value}:{s.region.value if s.region else None}" for s in case.prior_studies} == want["studies"]
    assert {c.kind.value: c.sessions for c in case.history} == want["history"]


def test_ankle_findings_stay_with_the_ankle() -> None:
    """An ankle's negative anterior drawer says nothing of a knee; "negative for fracture" is no red flag."""
    f = extract_case(CASES["ankle"][0]).case.findings
    assert f.knee_instability is None and f.knee_acute_signs is None
    assert f.red_flags is None


def test_a_finding_belongs_to_its_clause_body_part() -> None:
    """"The low back showed spasm; the neck had full range of motion": the full motion is the neck's, and says
    nothing of a low back request."""
    from engine.view import scoped_findings

    text = ("Case Number: T-107\nDate of Injury: 01/05/2016\nUR Denial Date: 06/01/2016\n\nCLINICAL CASE SUMMARY\n"
            "The injured worker is a 50 year old male. The low back exam showed spasm; the neck had full range of "
            "motion.\n\nDISPUTED ITEMS\nPhysical therapy 2 times a week for 3 weeks for the lumbar spine\n")
    case = extract_case(text).case
    assert scoped_findings(case, case.items[0]).objective_functional_deficit is None


def test_a_complaint_list_shares_its_noun() -> None:
    """"A claim for chronic neck, low back, and bilateral wrist pain" is three complaints, each a pain."""
    case = extract_case(CASES["applicant"][0]).case
    assert [d.text for d in case.diagnoses] == ["chronic neck pain", "low back pain", "bilateral wrist pain"]
