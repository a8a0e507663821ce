"""Request wordings common in IMR disputes that the vocabulary did not read (docs/audit/procedures.md and drugs.md,
"Coverage additions, second probe"): each line maps to the service kind (and finer kind) its rules read."""

from __future__ import annotations

import pytest

from engine.narrative.requests import parse_request


@pytest.mark.parametrize("line,service,modality", [
    # studies and tests
    ("Discogram L3-L4, L4-L5, L5-S1", "diagnostic_other", "discography"),
    ("CT discogram at L4-5", "diagnostic_other", "discography"),
    ("Myelogram of the lumbar spine", "diagnostic_other", "myelography"),
    ("CT myelogram of the lumbar spine", "ct", None),
    ("Arthrogram of the right wrist", "diagnostic_other", "arthrography"),
    ("MR arthrogram of the left shoulder", "mri", None),
    ("DEXA scan", "diagnostic_other", "bone_density"),
    ("Quantitative sensory testing", "diagnostic_other", "qst"),
    ("Complete blood count, comprehensive metabolic panel", "diagnostic_other", "lab"),
    ("Liver and kidney function tests", "diagnostic_other", "lab"),
    ("Serum drug levels", "diagnostic_other", "lab_other"),
    ("Blood draw for liver function", "diagnostic_other", "lab"),
    ("Surface EMG", "diagnostic_other", "surface_emg"),
    ("EMG/NCV of the bilateral lower extremities", "emg_ncs", "emg+ncs"),
    ("Pre-operative labs: CBC, BMP, PT/PTT", "preop_lab", "coagulation"),
    # injections
    ("Selective nerve root block right L5", "epidural_steroid_injection", None),
    ("B12 shots", "injection_other", "vitamin_b"),
    ("Subacromial injection of the left shoulder", "injection_other", "corticosteroid"),
    ("Subacromial PRP injection", "injection_other", "biologic"),
    # surgery
    ("Right lateral epicondylar release", "surgery", None),
    ("Cubital tunnel release, left elbow", "surgery", None),
    ("Plantar fascia release", "surgery", None),
    ("Right shoulder manipulation under anesthesia", "surgery", None),
    ("Kyphoplasty T12", "surgery", "vertebral_augmentation"),
    ("Hardware removal, lumbar spine", "surgery", "hardware_removal"),
    ("Removal of lumbar hardware", "surgery", "hardware_removal"),
    ("Intrathecal pump trial", "surgery", "drug_delivery_system"),
    # surgical ancillaries
    ("Polar Care unit purchase", "cold_therapy_unit", "purchase"),
    ("DVT prophylaxis compression device", "postop_dme", None),
    ("Lumbar brace post-op", "postop_dme", None),
    ("Abduction pillow sling", "postop_dme", "sling"),
    # therapies and programs
    ("Pool therapy x 8", "physical_therapy", "aquatic"),   # the finer kind the rules read (as the view named it)
    ("Electroacupuncture 6 sessions", "acupuncture", None),
    ("Osteopathic manipulative treatment 4 visits", "chiropractic", None),
    ("Group therapy 6 sessions", "psychotherapy", None),
    ("Spine surgeon consultation", "surgical_consult", None),
    ("Second opinion orthopedic surgeon", "surgical_consult", None),
    ("Housekeeping services 4 hours a week", "home_health", None),
    ("Inversion table", "traction", None),
    # equipment
    ("TENS unit supplies: electrodes and batteries", "supplies", None),
    ("TENS unit 30 day trial", "tens_unit", "trial"),
    ("Massage chair", "dme", None),
    ("Massage therapy 6 sessions", "massage", None),
    ("Stationary bicycle", "dme", "exercise_equipment"),
    ("Shoe inserts", "dme", "foot_orthotic"),
    ("Custom orthotics bilateral feet", "dme", "foot_orthotic"),
    ("Wrist orthosis", "dme", "brace"),
    ("Heel cups", "dme", "brace"),
    ("Walking boot", "dme", "brace"),
    ("Elbow strap for lateral epicondylitis", "dme", "brace"),
    ("Compression stockings", "dme", None),
    ("Raised toilet seat", "dme", None),
    ("Ergonomic chair", "dme", "ergonomic"),
    ("Lumbar-sacral orthosis", "dme", "brace"),
    ("Knee sleeve", "dme", "brace"),
    ("Adjustable bed", "dme", "hospital_bed"),
    ("Electrical muscle stimulator", "electrical_stimulation", None),
    # second round of the probe, IMR-style wordings
    ("Right knee total arthroplasty with 3 day inpatient stay", "surgery", None),
    ("Associated surgical service: 2 day inpatient stay", "surgical_facility", None),
    ("Right ankle ORIF", "surgery", None),
    ("Multidisciplinary pain program evaluation", "functional_restoration", None),
    ("Neurosurgical consultation", "surgical_consult", None),
    ("Toxicology consultation", "specialist_consult", None),
    ("Quantitative confirmatory drug testing", "urine_drug_test", None),
    ("Neuropsychological testing", "psych_evaluation", None),
    ("Pain psychology 6 sessions", "psychotherapy", None),
    ("Pain psychology consultation", "psych_evaluation", None),
    ("Right greater trochanteric bursa injection", "injection_other", "corticosteroid"),
    ("Left first dorsal compartment injection", "injection_other", "corticosteroid"),
    ("Trigger finger injection, right ring finger", "injection_other", "corticosteroid"),
    ("Right carpal tunnel injection", "injection_other", "corticosteroid"),
    ("Left knee aspiration and injection", "injection_other", None),
])
def test_probe_request_kinds(line, service, modality):
    item = parse_request(line)
    assert item.service is not None and item.service.value == service and item.modality == modality


@pytest.mark.parametrize("line,service,drug,modality", [
    ("Maxalt 10mg #12", "medication_other", "rizatriptan", None),
    ("Relpax 40mg #6", "medication_other", "eletriptan", None),
    ("Cialis 5mg #30", "medication_other", "tadalafil", None),
    ("Nuvigil 150mg #30", "medication_other", "armodafinil", None),
    ("Narcan 4mg nasal spray #2", "medication_other", "naloxone", None),
    ("Lovenox 40mg #10", "medication_other", "enoxaparin", None),
    ("Chantix 1mg #60", "medication_other", "varenicline", None),
    ("Glucosamine sulfate 500mg #90", "medication_other", "glucosamine", None),
    ("Fiorinal with codeine #30", "opioid", "butalbital/codeine", None),
    ("Fioricet #30", "medication_other", "butalbital", None),
    ("Theramine #120", "medication_other", "theramine", "medical_food"),
    ("Sentra PM #60", "medication_other", "sentra", "medical_food"),
    ("Trepadone #120", "medication_other", "trepadone", "medical_food"),
    ("Tramadol extended release 100mg #30", "opioid", "tramadol", None),
    ("Embeda 30mg #60", "opioid", "morphine", None),
    ("Arymo ER 15mg #60", "opioid", "morphine", None),
    ("Zubsolv 5.7mg/1.4mg #30", "opioid", "buprenorphine", None),
    ("Zipsor 25mg #60", "nsaid", "diclofenac", None),
    ("Lorzone 750mg #60", "muscle_relaxant", "chlorzoxazone", None),
    ("Horizant 600mg #60", "anticonvulsant", "gabapentin enacarbil", None),
])
def test_probe_drug_requests(line, service, drug, modality):
    item = parse_request(line)
    assert item.service is not None and item.service.value == service
    assert item.drug == drug and item.modality == modality


def test_dendracin_is_a_salicylate_topical():
    item = parse_request("Dendracin lotion 120ml")
    assert item.service is not None and item.service.value == "topical_analgesic"
    assert item.ingredients == ["methyl salicylate", "menthol", "capsaicin"]  # a compound (drugs.TOPICAL_PRODUCTS)


@pytest.mark.parametrize("line", ["Mentherm ointment 120 gm", "Methoderm gel 240 gm", "Exoten-C lotion 113.4 gm"])
def test_salicylate_topicals_by_brand(line):
    item = parse_request(line)
    assert item.service is not None and item.service.value == "topical_analgesic"
    assert "methyl salicylate" in item.ingredients
