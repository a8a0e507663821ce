"""Drug names, brand and generic, mapped to a generic name and the service kind whose rules apply.

The table is ordered only for readability; lookups match whole words, case-insensitively.
"""

from __future__ import annotations

import re

from engine.vocab import Service

#: name as written -> (generic, class)
DRUGS: dict[str, tuple[str, Service]] = {}


def _add(cls: Service, generic: str, *names: str) -> None:
    """Map each name to its generic and class; a name already mapped elsewhere is a mistake in the table (the
    later entry would silently win), so it fails at import, where the tests see it."""
    for n in (generic, *names):
        if DRUGS.get(n, (generic, cls)) != (generic, cls):
            raise ValueError(f"drug table: {n!r} is both {DRUGS[n]} and {(generic, cls)}")
        if n != generic and n in DRUGS:
            raise ValueError(f"drug table: {n!r} is listed twice")
        DRUGS[n] = (generic, cls)


_add(Service.opioid, "hydrocodone", "norco", "vicodin", "lortab", "hydrocodone/apap", "hysingla", "zohydro")
_add(Service.opioid, "tramadol", "ultram", "ultracet", "ultram er", "tramadol er", "synapryn", "conzip")
_add(Service.opioid, "oxycodone", "percocet", "oxycontin", "roxicodone", "endocet", "xtampza")
_add(Service.opioid, "morphine", "ms contin", "kadian", "avinza")
_add(Service.opioid, "hydromorphone", "dilaudid", "exalgo")
_add(Service.opioid, "oxymorphone", "opana")
_add(Service.opioid, "tapentadol", "nucynta")
_add(Service.opioid, "codeine", "tylenol #3", "tylenol with codeine", "tylenol #4", "tylenol no. 3", "tylenol no 3",
     "tylenol no. 4", "tylenol #3 with codeine", "apap/codeine", "acetaminophen with codeine", "acetaminophen/codeine")
_add(Service.opioid, "methadone", "dolophine")
_add(Service.opioid, "fentanyl", "duragesic")
_add(Service.opioid, "buprenorphine", "butrans", "suboxone", "belbuca")
_add(Service.nsaid, "naproxen", "naprosyn", "anaprox", "anaprox ds", "naproxen sodium", "aleve")
_add(Service.nsaid, "ibuprofen", "motrin", "advil")
_add(Service.nsaid, "meloxicam", "mobic")
_add(Service.nsaid, "diclofenac", "voltaren", "arthrotec", "zorvolex", "cambia")
_add(Service.nsaid, "celecoxib", "celebrex")
_add(Service.nsaid, "nabumetone", "relafen")
_add(Service.nsaid, "etodolac", "lodine")
_add(Service.nsaid, "ketorolac", "toradol")
_add(Service.nsaid, "indomethacin", "indocin")
_add(Service.nsaid, "aspirin")
_add(Service.nsaid, "ketoprofen", "ketaprofen", "ketoprophen")  # as summaries spell it
_add(Service.nsaid, "ibuprofen/famotidine", "duexis")
_add(Service.nsaid, "naproxen/esomeprazole", "vimovo")
_add(Service.nsaid, "flurbiprofen")
_add(Service.ppi, "omeprazole", "prilosec")
_add(Service.ppi, "pantoprazole", "protonix", "pantoprazole sod")
_add(Service.ppi, "esomeprazole", "nexium")
_add(Service.ppi, "lansoprazole", "prevacid")
_add(Service.ppi, "rabeprazole", "aciphex")
_add(Service.ppi, "ranitidine", "zantac", "deprizine")
_add(Service.ppi, "famotidine", "pepcid")
_add(Service.muscle_relaxant, "cyclobenzaprine", "flexeril", "fexmid", "amrix", "tabradol")
_add(Service.muscle_relaxant, "orphenadrine", "norflex", "orphenadrine citrate")
_add(Service.muscle_relaxant, "tizanidine", "zanaflex")
_add(Service.muscle_relaxant, "methocarbamol", "robaxin")
_add(Service.muscle_relaxant, "carisoprodol", "soma")
_add(Service.muscle_relaxant, "baclofen", "lioresal")
_add(Service.muscle_relaxant, "metaxalone", "skelaxin")
_add(Service.muscle_relaxant, "chlorzoxazone", "parafon")
_add(Service.benzodiazepine, "diazepam", "valium")
_add(Service.benzodiazepine, "alprazolam", "xanax")
_add(Service.benzodiazepine, "clonazepam", "klonopin")
_add(Service.benzodiazepine, "lorazepam", "ativan")
_add(Service.benzodiazepine, "temazepam", "restoril")
_add(Service.antidepressant, "nortriptyline", "pamelor", "nortriptyline hcl")
_add(Service.antidepressant, "amitriptyline", "elavil")
_add(Service.antidepressant, "duloxetine", "cymbalta")
_add(Service.antidepressant, "venlafaxine", "effexor")
_add(Service.antidepressant, "trazodone", "desyrel")
_add(Service.antidepressant, "sertraline", "zoloft")
_add(Service.antidepressant, "fluoxetine", "prozac")
_add(Service.antidepressant, "bupropion", "wellbutrin")
_add(Service.antidepressant, "citalopram", "celexa")
_add(Service.antidepressant, "escitalopram", "lexapro")
_add(Service.anticonvulsant, "gabapentin", "neurontin", "gralise", "fanatrex")
_add(Service.anticonvulsant, "pregabalin", "lyrica")
_add(Service.anticonvulsant, "topiramate", "topamax")
_add(Service.anticonvulsant, "carbamazepine", "tegretol")
_add(Service.laxative, "docusate", "colace", "docusate sodium")
_add(Service.laxative, "senna", "senokot", "sennosides", "senna-s", "senokot-s")
_add(Service.laxative, "polyethylene glycol", "miralax")
_add(Service.laxative, "lactulose")
_add(Service.medication_other, "acetaminophen", "tylenol", "apap")
_add(Service.medication_other, "butalbital", "fioricet", "fiorinal", "esgic")
_add(Service.hypnotic, "zolpidem", "ambien", "ambien cr", "edluar", "intermezzo")
_add(Service.hypnotic, "eszopiclone", "lunesta")
_add(Service.hypnotic, "zaleplon", "sonata")
_add(Service.hypnotic, "suvorexant", "belsomra")
_add(Service.hypnotic, "ramelteon", "rozerem")
_add(Service.hypnotic, "diphenhydramine", "dicopanol")
_add(Service.medication_other, "ondansetron", "zofran")
_add(Service.medication_other, "granisetron", "kytril", "sancuso")
_add(Service.medication_other, "methylprednisolone", "medrol", "medrol dosepak", "methylpredniosone")
_add(Service.medication_other, "prednisone", "deltasone")

# --- more drugs common in workers' compensation prescribing, by class (brand names as summaries write them)
_add(Service.opioid, "hydrocodone/ibuprofen", "vicoprofen", "reprexain")
_add(Service.opioid, "levorphanol")
_add(Service.opioid, "meperidine", "demerol")
_add(Service.opioid, "pentazocine", "talwin")
_add(Service.nsaid, "oxaprozin", "daypro")
_add(Service.nsaid, "piroxicam", "feldene")
_add(Service.nsaid, "sulindac", "clinoril")
_add(Service.nsaid, "diflunisal", "dolobid")
_add(Service.nsaid, "fenoprofen", "nalfon")
_add(Service.nsaid, "salsalate")
_add(Service.nsaid, "mefenamic acid", "ponstel")
_add(Service.ppi, "dexlansoprazole", "dexilant")
_add(Service.ppi, "sucralfate", "carafate")
_add(Service.muscle_relaxant, "dantrolene", "dantrium")
_add(Service.benzodiazepine, "chlordiazepoxide", "librium")
_add(Service.benzodiazepine, "clorazepate", "tranxene")
_add(Service.antidepressant, "desvenlafaxine", "pristiq")
_add(Service.antidepressant, "mirtazapine", "remeron")
_add(Service.antidepressant, "paroxetine", "paxil")
_add(Service.antidepressant, "doxepin", "silenor")
_add(Service.antidepressant, "imipramine", "tofranil")
_add(Service.antidepressant, "milnacipran", "savella")
_add(Service.anticonvulsant, "oxcarbazepine", "trileptal")
_add(Service.anticonvulsant, "lamotrigine", "lamictal")
_add(Service.anticonvulsant, "levetiracetam", "keppra")
_add(Service.anticonvulsant, "divalproex", "depakote", "valproic acid")
_add(Service.anticonvulsant, "zonisamide", "zonegran")
_add(Service.laxative, "bisacodyl", "dulcolax")
_add(Service.laxative, "methylnaltrexone", "relistor")
_add(Service.laxative, "naloxegol", "movantik")
_add(Service.laxative, "lubiprostone", "amitiza")
_add(Service.medication_other, "buspirone", "buspar")
_add(Service.medication_other, "hydroxyzine", "vistaril", "atarax")
_add(Service.medication_other, "sumatriptan", "imitrex")
_add(Service.medication_other, "promethazine", "phenergan")
_add(Service.medication_other, "dexamethasone", "decadron")
# anticoagulants and antiplatelet drugs: no class of their own, but an NSAID's gastrointestinal and bleeding risk
# factors (`Findings.gi_risk`, `bleeding_risk`), so a list that names one must keep it
_add(Service.medication_other, "warfarin", "coumadin", "jantoven")
_add(Service.medication_other, "apixaban", "eliquis")
_add(Service.medication_other, "rivaroxaban", "xarelto")
_add(Service.medication_other, "dabigatran", "pradaxa")
_add(Service.medication_other, "edoxaban", "savaysa")
_add(Service.medication_other, "enoxaparin", "lovenox")
_add(Service.medication_other, "heparin")
_add(Service.medication_other, "clopidogrel", "plavix")
_add(Service.medication_other, "prasugrel", "effient")
_add(Service.medication_other, "ticagrelor", "brilinta")
_add(Service.medication_other, "quetiapine", "seroquel")
_add(Service.medication_other, "aripiprazole", "abilify")
_add(Service.medication_other, "modafinil", "provigil")
_add(Service.medication_other, "sildenafil", "viagra")
_add(Service.medication_other, "tamsulosin", "flomax")
_add(Service.opioid, "butalbital/codeine", "fiorinal with codeine", "fioricet with codeine")
_add(Service.opioid, "morphine", "embeda", "arymo", "arymo er", "morphabond")  # morphine products (MED as morphine)
_add(Service.opioid, "buprenorphine", "zubsolv", "bunavail")  # as suboxone
_add(Service.nsaid, "diclofenac", "zipsor", "cataflam")
_add(Service.muscle_relaxant, "chlorzoxazone", "lorzone")
_add(Service.anticonvulsant, "gabapentin enacarbil", "horizant")
_add(Service.medication_other, "cephalexin", "keflex")
_add(Service.medication_other, "rizatriptan", "maxalt", "maxalt-mlt")
_add(Service.medication_other, "eletriptan", "relpax")
_add(Service.medication_other, "zolmitriptan", "zomig")
_add(Service.medication_other, "naratriptan", "amerge")
_add(Service.medication_other, "frovatriptan", "frova")
_add(Service.medication_other, "almotriptan", "axert")
_add(Service.medication_other, "tadalafil", "cialis")
_add(Service.medication_other, "armodafinil", "nuvigil")
_add(Service.medication_other, "naloxone", "narcan", "evzio")
_add(Service.medication_other, "varenicline", "chantix")
_add(Service.medication_other, "glucosamine", "glucosamine sulfate", "glucosamine/chondroitin", "cosamin", "osteo bi-flex")
_add(Service.medication_other, "omega-3", "fish oil")
# medical foods (requests name the brand; see the medical_food wording in engine/narrative/requests.py)
_add(Service.medication_other, "theramine")
_add(Service.medication_other, "sentra", "sentra am", "sentra pm")
_add(Service.medication_other, "trepadone")
_add(Service.medication_other, "gabadone")
_add(Service.medication_other, "percura")
_add(Service.hypnotic, "doxylamine", "unisom")
_add(Service.hypnotic, "melatonin")
# drugs for other conditions a summary's medical history names ("hypertension on HCTZ", "diabetes on metformin"):
# a drug the worker takes, whatever it treats (`Medication`); no rule of ours is about them
_add(Service.medication_other, "lisinopril", "prinivil", "zestril")
_add(Service.medication_other, "losartan", "cozaar")
_add(Service.medication_other, "amlodipine", "norvasc")
_add(Service.medication_other, "metoprolol", "lopressor", "toprol", "toprol xl")
_add(Service.medication_other, "atenolol", "tenormin")
_add(Service.medication_other, "hydrochlorothiazide", "hctz", "microzide")
_add(Service.medication_other, "furosemide", "lasix")
_add(Service.medication_other, "metformin", "glucophage")
_add(Service.medication_other, "glipizide", "glucotrol")
_add(Service.medication_other, "insulin", "lantus", "humalog", "novolog")
_add(Service.medication_other, "atorvastatin", "lipitor")
_add(Service.medication_other, "simvastatin", "zocor")
_add(Service.medication_other, "rosuvastatin", "crestor")
_add(Service.medication_other, "levothyroxine", "synthroid")
# (anticoagulants and antiplatelet drugs are listed above, with the NSAID risk factors)

# --- brand, salt and combination names as medication lists write them
_add(Service.opioid, "hydrocodone", "hydrocodone bitartrate", "hydrocodone-acetaminophen", "hydrocodone/acetaminophen",
     "hydrocodone-apap", "lorcet", "xodol", "verdrocet")
_add(Service.opioid, "tramadol", "tramadol hcl", "tramadol hydrochloride", "tramadol/apap", "tramadol/acetaminophen",
     "rybix")
_add(Service.opioid, "oxycodone", "oxycodone hcl", "oxycodone hydrochloride", "oxaydo", "oxycodone/acetaminophen",
     "oxycodone-acetaminophen", "oxycodone/apap", "roxicet", "primlev", "xartemis")   # as Percocet: the opioid
_add(Service.opioid, "morphine", "morphine sulfate", "ms ir", "msir")
_add(Service.opioid, "hydromorphone", "hydromorphone hcl")
_add(Service.nsaid, "diclofenac", "diclofenac sodium", "diclofenac potassium", "voltaren xr")
_add(Service.nsaid, "naproxen", "naprosyn ds", "ec-naprosyn", "naproxen sodium cr", "naprelan")
_add(Service.nsaid, "ibuprofen", "ibu")
_add(Service.nsaid, "celecoxib")
_add(Service.nsaid, "fenoprofen", "fenortho")
_add(Service.ppi, "omeprazole", "omeprazole dr", "prilosec otc")
_add(Service.muscle_relaxant, "cyclobenzaprine", "cyclobenzaprine hcl", "cyclobenzaprine hydrochloride")
_add(Service.muscle_relaxant, "tizanidine", "tizanidine hcl")
_add(Service.anticonvulsant, "gabapentin")  # Horizant is gabapentin enacarbil, its own generic (above)
_add(Service.antidepressant, "amitriptyline", "amitriptyline hcl")
_add(Service.hypnotic, "zolpidem", "zolpidem tartrate")

#: topical ingredients (names in compounds and topical products)
TOPICAL_INGREDIENTS = {
    "lidocaine": "lidocaine", "lidoderm": "lidocaine", "capsaicin": "capsaicin", "menthol": "menthol",
    "methyl salicylate": "methyl salicylate", "salonpas": "methyl salicylate", "camphor": "camphor",
    "ketoprofen": "ketoprofen", "ketophene": "ketoprofen", "flurbiprofen": "flurbiprofen",
    "diclofenac": "diclofenac", "voltaren": "diclofenac", "flector": "diclofenac", "pennsaid": "diclofenac",
    "cyclobenzaprine": "cyclobenzaprine", "cyclophene": "cyclobenzaprine", "baclofen": "baclofen",
    "gabapentin": "gabapentin", "tramadol": "tramadol", "amitriptyline": "amitriptyline",
    "dextromethorphan": "dextromethorphan", "bupivacaine": "bupivacaine", "prilocaine": "lidocaine",
    "anecream": "lidocaine", "menthoderm": "methyl salicylate", "biofreeze": "menthol", "lidopro": "lidocaine", "terocin": "lidocaine", "ketamine": "ketamine", "dendracin": "methyl salicylate", "methoderm": "methyl salicylate", "mentherm": "methyl salicylate",
    "exoten": "methyl salicylate",
    "indomethacin": "indomethacin", "ibuprofen": "ibuprofen", "naproxen": "naproxen",
    "medrox": "methyl salicylate", "lidocaine patch": "lidocaine",
    "lidocaine ointment": "lidocaine", "zostrix": "capsaicin", "flexeril cream": "cyclobenzaprine",
    # the CPMTG's own example of a topical salicylate ("Salicylate topicals": "e.g., Ben-Gay, methyl salicylate")
    "ben-gay": "methyl salicylate", "bengay": "methyl salicylate", "ben gay": "methyl salicylate",
}

#: branded topical products that compound several ingredients: every one of them, so that a rule for one agent
#: (the salicylate, lidocaine or capsaicin entries) does not decide a compound as if it were that agent alone.
#: TOPICAL_INGREDIENTS keeps the first as the product's main ingredient (a medication list names one generic).
#: Compositions as the products' labels give them; a form with another composition has its own row.
TOPICAL_PRODUCTS: dict[str, tuple[str, ...]] = {
    "menthoderm": ("methyl salicylate", "menthol"),
    "methoderm": ("methyl salicylate", "menthol"),
    "mentherm": ("methyl salicylate", "menthol"),
    "salonpas": ("methyl salicylate", "menthol"),
    "ben-gay": ("methyl salicylate", "menthol"), "bengay": ("methyl salicylate", "menthol"),
    "ben gay": ("methyl salicylate", "menthol"),
    "dendracin": ("methyl salicylate", "menthol", "capsaicin"),
    "medrox": ("methyl salicylate", "menthol", "capsaicin"),
    "exoten": ("methyl salicylate", "menthol", "capsaicin"),
    "terocin": ("lidocaine", "methyl salicylate", "capsaicin", "menthol"),
    "terocin patch": ("lidocaine", "menthol"), "terocin patches": ("lidocaine", "menthol"),
    "lidopro": ("lidocaine", "methyl salicylate", "capsaicin", "menthol"),
}
for _name, _parts in TOPICAL_PRODUCTS.items():
    TOPICAL_INGREDIENTS.setdefault(_name, _parts[0])
    assert TOPICAL_INGREDIENTS[_name] == _parts[0], f"{_name}: main ingredient differs from its product row"

_NAME_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(n) for n in DRUGS), key=len, reverse=True)) + r")\b",
                      re.I)
#: any drug name, systemic or topical, as a whole word
DRUG_NAME_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(n) for n in {**DRUGS, **TOPICAL_INGREDIENTS}), key=len,
                                                     reverse=True)) + r")\b", re.I)
_TOPICAL_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(n) for n in TOPICAL_INGREDIENTS), key=len,
                                                   reverse=True)) + r")\b", re.I)


def find_drug(text: str) -> tuple[str, str, Service] | None:
    """The first drug named in `text`: (as written, generic, class)."""
    m = _NAME_RE.search(text)
    if not m:
        return None
    generic, cls = DRUGS[m.group(1).lower()]
    return m.group(1), generic, cls


def find_drugs(text: str) -> list[tuple[str, str, Service]]:
    """Every drug named in `text`."""
    out = []
    for m in _NAME_RE.finditer(text):
        generic, cls = DRUGS[m.group(1).lower()]
        out.append((m.group(1), generic, cls))
    return out


#: a word that may be a misspelled drug name: long enough that one slip leaves it recognizable
_LONG_WORD = re.compile(r"\b[A-Za-z]{7,}\b")
_SINGLE_NAMES = sorted(n for n in DRUGS if n.isalpha() and len(n) >= 7)


def find_misspelled(text: str) -> list[tuple[str, str, Service]]:
    """Drugs named with one slip of spelling ("Cyclobenzeprine", "Ibuprophen"): a long word that is not itself a drug
    name but differs from exactly one name by one letter changed, added, dropped or two swapped. Read only where the
    sentence is about drugs taken."""
    out = []
    for m in _LONG_WORD.finditer(text):
        w = m.group(0).lower()
        if w in DRUGS or w in TOPICAL_INGREDIENTS:
            continue
        near = [n for n in _SINGLE_NAMES if abs(len(n) - len(w)) <= 1 and n[0] == w[0] and _one_edit(w, n)]
        if len(near) == 1:
            generic, cls = DRUGS[near[0]]
            out.append((m.group(0), generic, cls))
    return out


def _one_edit(a: str, b: str) -> bool:
    """Whether two different words are one edit apart (substitution, insertion, deletion or transposition)."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


def find_topicals(text: str) -> list[tuple[str, str]]:
    """Every topical product or ingredient named in `text`: (as written, generic ingredient)."""
    return [(m.group(1), TOPICAL_INGREDIENTS[m.group(1).lower()]) for m in _TOPICAL_RE.finditer(text)]


def topical_ingredients(text: str) -> list[str]:
    """Generic ingredients of a topical product as written (brand names resolved)."""
    seen: list[str] = []
    for m in _TOPICAL_RE.finditer(text):
        name = m.group(1).lower()
        for g in TOPICAL_PRODUCTS.get(name, (TOPICAL_INGREDIENTS[name],)):
            if g not in seen:
                seen.append(g)
    return seen
