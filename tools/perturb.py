#!/usr/bin/env python3
"""Metamorphic test of the narrative reader: rewrite case summaries without changing what they say, and count how
often the facts read change when they should not (or do not change as they should).

    python tools/perturb.py [FILES...] [--shared ../shared] [--kinds K1,K2] [--variants N] [--show-failures]

With no FILES it reads the EVEN half of the development case texts (`tools/dials.half_of`): the odd half is
held out and is never read here. Only the CLINICAL CASE SUMMARY is rewritten (the header and the DISPUTED
ITEMS are kept), except by `laterality`, which swaps left and right everywhere.

Each transformation kind returns rewritten summaries, each with the change it must cause in the facts: none
for most ("Norco" -> "hydrocodone/APAP", "12 sessions" -> "twelve visits", a date written another way), or a
known substitution (one NSAID for another changes that medication's generic name and nothing else). The facts
are compared family by family as `tools/dials.py` compares them (medications by generic name, history by kind
and count, findings by value, prior studies by kind and region, the three dates, the items, whether diagnoses
were read). A failure is a family whose facts differ from what the rewrite should give.

The table counts, per kind and family, the rewrites tried and the failures. Failures are signs that a reader
keys on one phrasing: fix them as general conventions (tables of phrasings), never by fitting to a case.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from dials import half_of  # noqa: E402

from engine.caseio import CaseError  # noqa: E402
from engine.narrative import extract_case  # noqa: E402
from engine.narrative.drugs import DRUGS  # noqa: E402

FAMILIES = ("medications", "history", "findings", "prior_studies", "dates", "items", "diagnoses")
#: families of the table: the seven, and the one finding a `finding_stated` rewrite states
COLUMNS = (*FAMILIES, "finding")

# --- the facts, as the dials compare them --------------------------------------------------------------------


def project(facts: dict[str, Any]) -> dict[str, Any]:
    """The compared view of a case's facts, one entry per family."""
    items = []
    for it in facts.get("items") or []:
        regions = tuple(sorted({bp.get("region") for bp in it.get("body_parts") or []}))
        items.append((it.get("service"), it.get("quantity"), bool(it.get("remainder")), it.get("follows_surgery"),
                      regions))
    return {
        "medications": frozenset(str(m.get("generic") or m.get("name")).lower()
                                 for m in facts.get("medications") or []),
        "history": {h.get("kind"): h.get("sessions") for h in facts.get("history") or []},
        "findings": {k: v for k, v in (facts.get("findings") or {}).items()},
        "prior_studies": frozenset((s.get("service"), s.get("region")) for s in facts.get("prior_studies") or []),
        "dates": {k: str((facts.get("dates") or {}).get(k)) for k in ("injury", "request", "ur_decision")},
        "items": tuple(items),
        "diagnoses": bool(facts.get("diagnoses")),
    }


def read(text: str) -> dict[str, Any] | None:
    """The compared facts the reader gives for one case text (None when it refuses the text)."""
    try:
        case = extract_case(text).case
    except (CaseError, ValueError):
        return None
    return project(case.model_dump(mode="json", exclude_defaults=True))


def diff(a: Any, b: Any) -> str:
    """A short account of how two values of one family differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        keys = sorted({k for k in set(a) | set(b) if a.get(k) != b.get(k)}, key=str)
        return "; ".join(f"{k}: {a.get(k, 'absent')} -> {b.get(k, 'absent')}" for k in keys)
    if isinstance(a, frozenset) and isinstance(b, frozenset):
        return f"lost {sorted(a - b, key=str)} gained {sorted(b - a, key=str)}"
    return f"{a} -> {b}"


# --- rewriting -----------------------------------------------------------------------------------------------


@dataclass
class Rewrite:
    """One rewritten summary and how its facts must differ from the original's."""

    summary: str
    what: str
    #: generic name -> generic name: the medication the rewrite replaced by another
    meds: dict[str, str] = field(default_factory=dict)
    #: families the rewrite may change in ways this tool cannot predict (not compared)
    skip: frozenset[str] = frozenset()
    #: rewrite the whole case text, not only the summary
    whole: bool = False
    #: medications (generic), history courses (kind: sessions) and studies (service, region) the rewrite adds
    added_meds: frozenset[str] = frozenset()
    added_history: dict[str, int] = field(default_factory=dict)
    added_studies: frozenset[tuple[str, str]] = frozenset()
    #: findings the rewrite states (compared one by one, as family `finding`)
    added_findings: dict[str, Any] = field(default_factory=dict)


Kind = Callable[[str, random.Random], Iterator[Rewrite]]
KINDS: dict[str, Kind] = {}
#: summary -> generic names of the drugs its case's disputed items name (set by `run` before rewriting)
DISPUTED_DRUGS: dict[str, set[str]] = {}


def kind(name: str) -> Callable[[Kind], Kind]:
    def register(f: Kind) -> Kind:
        KINDS[name] = f
        return f
    return register


def _cased(like: str, word: str) -> str:
    """`word` with the capitalization of `like`."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _replace_word(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<![\w/-]){re.escape(old)}(?![\w/-])", lambda m: _cased(m.group(0), new), text, flags=re.I)


#: names of the same drug a summary may write, one group a row (brand and generic, as prescribers write them)
SAME_DRUG: tuple[tuple[str, ...], ...] = (
    ("Norco", "hydrocodone/APAP", "hydrocodone-acetaminophen", "Vicodin", "hydrocodone"),
    ("Naprosyn", "naproxen", "Anaprox DS", "naproxen sodium"),
    ("Motrin", "ibuprofen", "Advil"),
    ("Mobic", "meloxicam"), ("Celebrex", "celecoxib"), ("Voltaren", "diclofenac"), ("Relafen", "nabumetone"),
    ("Flexeril", "cyclobenzaprine", "Fexmid"), ("Zanaflex", "tizanidine"), ("Robaxin", "methocarbamol"),
    ("Soma", "carisoprodol"), ("Skelaxin", "metaxalone"),
    ("Prilosec", "omeprazole"), ("Protonix", "pantoprazole"), ("Nexium", "esomeprazole"),
    ("Ultram", "tramadol"), ("Percocet", "oxycodone/acetaminophen"), ("OxyContin", "oxycodone ER"),
    ("Neurontin", "gabapentin"), ("Lyrica", "pregabalin"), ("Cymbalta", "duloxetine"), ("Elavil", "amitriptyline"),
    ("Ambien", "zolpidem"), ("Xanax", "alprazolam"), ("Valium", "diazepam"),
)
#: drugs of one class and form that may stand for each other (the rewrite expects the generic to change with it)
SAME_CLASS: dict[str, tuple[str, ...]] = {
    "nsaid": ("naproxen", "ibuprofen", "meloxicam", "diclofenac", "nabumetone", "etodolac"),
    "muscle_relaxant": ("cyclobenzaprine", "tizanidine", "methocarbamol", "metaxalone", "orphenadrine"),
    "ppi": ("omeprazole", "pantoprazole", "esomeprazole", "lansoprazole"),
}


def _drug_words(summary: str) -> list[str]:
    """The drug names a summary writes, as written (longest first where they overlap)."""
    names = sorted(DRUGS, key=len, reverse=True)
    rx = re.compile(r"(?<![\w/-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w/-])", re.I)
    return list(dict.fromkeys(m.group(1) for m in rx.finditer(summary)))


@kind("drug_same")
def drug_same(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A drug's brand name for its generic or back (`Norco` -> `hydrocodone/APAP`): no change."""
    for written in _drug_words(summary):
        group = next((g for g in SAME_DRUG if written.lower() in {n.lower() for n in g}), None)
        if group:
            other = rng.choice([n for n in group if n.lower() != written.lower()])
            yield Rewrite(_replace_word(summary, written, other), f"{written} -> {other}")


#: drugs most often compounded into a topical cream: not swapped for a drug taken by mouth
_TOPICAL_OFTEN = frozenset({"ketoprofen", "flurbiprofen", "diclofenac", "baclofen", "cyclobenzaprine"})


@kind("drug_class")
def drug_class(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A drug for another of its class and form (`Motrin` -> `naproxen`): that medication's generic changes. A drug
    the disputed items name is left alone (a drug first prescribed and disputed is the item, not a medication)."""
    words = _drug_words(summary)
    disputed = DISPUTED_DRUGS.get(summary, set())
    present = {DRUGS[w.lower()][0] for w in words} | disputed
    for written in words:
        generic, cls = DRUGS[written.lower()]
        if generic in _TOPICAL_OFTEN or generic in disputed:
            continue
        choices = [g for g in SAME_CLASS.get(cls.value, ()) if g not in present]
        if not choices:
            continue
        other = rng.choice(choices)
        spellings = [w for w in words if DRUGS[w.lower()][0] == generic]
        out = summary
        for w in spellings:
            out = _replace_word(out, w, other)
        yield Rewrite(out, f"{'/'.join(spellings)} -> {other}", meds={generic: other})


_DOSE = re.compile(r"(?<![\w/.])(\d+(?:\.\d+)?)(?=\s*(?:mg|mcg|milligrams?)\b)|"
                   r"(?<=mg #)(\d+)\b|(?<=mg, #)(\d+)\b|(?<=mg\s#)(\d+)\b", re.I)


@kind("dose")
def dose(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """Every strength and dispensed quantity of a drug another number (`600 mg` -> `800 mg`, `#60` -> `#90`)."""
    if not _DOSE.search(summary):
        return

    def new(m: re.Match[str]) -> str:
        n = float(m.group(0).strip())
        k = rng.choice((0.5, 2, 1.5, 3))
        v = n * k
        return (" " if m.group(0).startswith(" ") else "") + (str(int(v)) if v == int(v) else f"{v:g}")
    yield Rewrite(_DOSE.sub(new, summary), "strengths and quantities changed")


_LIST = re.compile(
    r"(?P<head>(?:(?:The|His|Her) )?(?:\w+'s )?(?:current )?(?:medications?|meds)(?: list)?"
    r"(?: (?:included|includes|include|were|are|consisted of|comprised))?:?)\s+(?P<body>[^.]+?)\.(?=\s|$)",
    re.I)


def _split_list(body: str) -> list[str] | None:
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", body) if p.strip()]
    if len(parts) < 2 or not all(_drug_words(p) and p.lower().startswith(_drug_words(p)[0].lower()) for p in parts):
        return None
    return parts


@kind("med_list")
def med_list(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A comma list of drugs as a numbered list, or as a "Medications:" block one drug a line, and a block of
    one drug a line back to a comma list: no change."""
    for m in _LIST.finditer(summary):
        parts = _split_list(m.group("body"))
        if not parts:
            continue
        numbered = "Current medications: " + " ".join(f"{i}. {p}." for i, p in enumerate(parts, 1))
        block = "\nMedications:\n" + "\n".join(parts) + "\n\n"
        lines = "\nCurrent medications:\n" + "\n".join(f"{i}. {p}" for i, p in enumerate(parts, 1)) + "\n\n"
        head = m.group("head")
        commas = f"{head} {', '.join(parts[:-1])}, and {parts[-1]}."
        for form, what in ((numbered, "numbered list"), (block, "one a line"), (lines, "numbered, one a line"),
                           (commas, "comma list")):
            if form != m.group(0):
                yield Rewrite(summary[:m.start()] + form + summary[m.end():], what)


_MALE = (("he", "she"), ("him", "her"), ("his", "her"), ("himself", "herself"), ("male", "female"), ("man", "woman"),
         ("gentleman", "lady"), ("mr.", "ms."))


@kind("sex")
def sex(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """The worker's sex the other way throughout (`he` -> `she`, `his` -> `her`): no change in the compared facts."""
    words = re.findall(r"[a-z.]+", summary.lower())
    if words.count("he") + words.count("male") >= words.count("she") + words.count("female"):
        table = dict(_MALE)
    else:
        # her: "her pain" -> "his pain", "told her." -> "told him."
        table = {f: m for m, f in _MALE if f != "her"}

    def swap(m: re.Match[str]) -> str:
        w = m.group(0)
        low = w.lower()
        if low == "her" and "her" not in table:
            nxt = summary[m.end():m.end() + 12]
            new = "his" if re.match(r"\s+[a-z]", nxt) and not re.match(
                r"\s+(?:to|and|or|with|that|in|on|for|at|as|of|from|by|if|was|is)\b", nxt) else "him"
            return _cased(w, new)
        return _cased(w, table[low]) if low in table else w
    keys = sorted(set(table) | ({"her"} if "her" not in table else set()), key=len, reverse=True)
    rx = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w])", re.I)
    yield Rewrite(rx.sub(swap, summary), "he <-> she")


_SENT = re.compile(r"(?<=[.!?])\s+(?=On |In |At |During )")
_ANAPHOR = re.compile(r"\b(?:same (?:date|day|visit)|that (?:date|day|visit|time|report)|this (?:visit|date|report)|"
                      r"subsequent\w*|later|then|thereafter|also|again|afterwards?|previous\w*|prior|earlier)\b", re.I)


@kind("reorder")
def reorder(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """Two neighbouring dated sentences ("On 11/8/2016, ...") in the other order, when neither refers to the other
    ("the same date", "subsequently", "also"): no change."""
    starts = [0, *(m.end() for m in _SENT.finditer(summary))]
    spans = list(itertools.pairwise([*starts, len(summary)]))
    pairs = []
    for (a, b), (c, d) in itertools.pairwise(spans):
        s1, s2 = summary[a:b].strip(), summary[c:d].strip()
        if (re.match(r"On ", s1) and re.match(r"On ", s2) and not _ANAPHOR.search(s1 + " " + s2)
                and s1.endswith(".") and s2.endswith(".") and len(s1) < 600 and len(s2) < 600):
            pairs.append((a, b, c, d))
    for a, b, c, d in rng.sample(pairs, min(2, len(pairs))):
        s1, s2 = summary[a:b].strip(), summary[c:d].strip()
        yield Rewrite(summary[:a] + s2 + " " + s1 + " " + summary[d:], "two dated sentences swapped")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DATE = re.compile(r"\b(?P<m>\d{1,2})[/-](?P<d>\d{1,2})[/-](?P<y>\d{4}|\d{2})\b|"
                   r"\b(?P<mon>" + "|".join(_MONTHS) + r")\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4})\b")


@kind("date_format")
def date_format(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """Every date written in another common format (01/05/2016, January 5, 2016, 1/5/16, 1-5-2016): no change."""
    if not _DATE.search(summary):
        return
    for fmt in ("{m:02d}/{d:02d}/{y}", "{mon} {d}, {y}", "{m}/{d}/{yy:02d}", "{m}-{d}-{y}"):
        def swap(m: re.Match[str], fmt: str = fmt) -> str:
            if m.group("m"):
                mm, d, y = int(m.group("m")), int(m.group("d")), int(m.group("y"))
                y = y + 2000 if y < 100 else y
            else:
                mm, d, y = _MONTHS.index(m.group("mon")) + 1, int(m.group("d2")), int(m.group("y2"))
            if not (1 <= mm <= 12 and 1 <= d <= 31):
                return m.group(0)
            return fmt.format(m=mm, d=d, y=y, yy=y % 100, mon=_MONTHS[mm - 1])
        out = _DATE.sub(swap, summary)
        if out != summary:
            yield Rewrite(out, f"dates as {fmt}")


#: names of one therapy: any may stand for any other
THERAPY_NAMES: tuple[tuple[str, ...], ...] = (
    ("physical therapy", "PT", "physiotherapy"),
    ("chiropractic manipulative therapy", "chiropractic treatment", "chiropractic manipulation"),
    ("acupuncture", "acupuncture therapy"),
)


@kind("therapy_name")
def therapy_name(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """"physical therapy" -> "PT" or "physiotherapy" (and the like): no change."""
    for group in THERAPY_NAMES:
        for name in group:
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", summary, re.I if name != "PT" else 0):
                other = rng.choice([n for n in group if n != name])
                rx = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I if name != "PT" else 0)
                yield Rewrite(rx.sub(lambda m, o=other: o if o == "PT" else _cased(m.group(0), o), summary),
                              f"{name} -> {other}")
                break


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
_COUNT = re.compile(r"\b(\d{1,2})\s+(sessions?|visits?|treatments?)\b", re.I)


@kind("session_words")
def session_words(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """"12 sessions" -> "twelve visits", "6 visits" -> "six treatments": no change."""
    if not _COUNT.search(summary):
        return

    def swap(m: re.Match[str]) -> str:
        n = int(m.group(1))
        num = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else m.group(1)
        unit = rng.choice([u for u in ("session", "visit", "treatment") if not m.group(2).lower().startswith(u)])
        return f"{num} {unit}{'s' if n != 1 else ''}"
    yield Rewrite(_COUNT.sub(swap, summary), "counts in words, another unit")


_THERAPY = r"(?:physical therapy|chiropractic(?: (?:care|manipulation|treatment|therapy))?|acupuncture|PT|" \
           r"occupational therapy)"
_COURSE = re.compile(rf"\b(?P<verb>completed|attended|undergone|underwent|received|had)\s+(?:a total of\s+)?"
                     rf"(?P<n>\d{{1,2}}|{'|'.join(_NUMBER_WORDS[1:])})\s+(?:(?:prior|previous)\s+)?"
                     rf"(?:sessions?|visits?|treatments?)\s+of\s+(?P<kind>{_THERAPY})\b", re.I)
_COURSE2 = re.compile(rf"\b(?P<verb>completed|attended|undergone|underwent|received|had)\s+(?P<n>\d{{1,2}})\s+"
                      rf"(?P<kind>{_THERAPY})\s+(?:sessions?|visits?|treatments?)\b", re.I)


@kind("course_phrase")
def course_phrase(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """"completed 6 sessions of chiropractic" <-> "had 6 chiropractic treatments": no change."""
    def one(m: re.Match[str]) -> str:
        verb = "had" if m.group("verb").lower() != "had" else "completed"
        if m.re is _COURSE:
            return f"{verb} {m.group('n')} {m.group('kind')} treatments"
        return f"{verb} {m.group('n')} sessions of {m.group('kind')}"
    for rx in (_COURSE, _COURSE2):
        if rx.search(summary):
            yield Rewrite(rx.sub(one, summary), "course phrased the other way")


@kind("laterality")
def laterality(text: str, rng: random.Random) -> Iterator[Rewrite]:
    """Left and right swapped throughout the case, items too: no change."""
    if re.search(r"\b(?:left|right)\b", text, re.I):
        out = re.sub(r"\b(left|right)\b",
                     lambda m: _cased(m.group(0), "right" if m.group(0).lower() == "left" else "left"), text,
                     flags=re.I)
        yield Rewrite(out, "left <-> right", whole=True)


#: a phrase and the abbreviation or other name clinicians write for it; either may stand for the other
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("lumbar spine", "L-spine"), ("lumbar spine", "lumbosacral spine"), ("cervical spine", "C-spine"),
    ("straight leg raise", "SLR"), ("straight leg raising", "SLR"), ("range of motion", "ROM"),
    ("tenderness to palpation", "TTP"), ("bilateral lower extremities", "BLE"), ("lower extremity", "LE"),
    ("upper extremity", "UE"), ("magnetic resonance imaging", "MRI"), ("electromyography", "EMG"),
    ("nerve conduction studies", "NCS"), ("nerve conduction study", "NCS"), ("temporarily totally disabled", "TTD"),
    ("temporary total disability", "TTD"), ("home exercise program", "HEP"), ("epidural steroid injection", "ESI"),
    ("activities of daily living", "ADLs"), ("deep tendon reflexes", "DTRs"), ("low back pain", "LBP"),
    ("transcutaneous electrical nerve stimulation", "TENS"), ("urine drug screen", "UDS"),
    ("anti-inflammatory medications", "NSAIDs"), ("status post", "s/p"), ("history of", "h/o"),
    ("with", "w/"), ("without", "w/o"), ("times", "x"),
)


@kind("abbreviation")
def abbreviation(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A phrase for its abbreviation or back, everywhere in the summary ("straight leg raise" -> "SLR", "L-spine" ->
    "lumbar spine"): no change."""
    for long, short in ABBREVIATIONS:
        for a, b in ((long, short), (short, long)):
            rx = re.compile(rf"(?<![\w/-]){re.escape(a)}(?![\w/-])", 0 if a.isupper() else re.I)
            if rx.search(summary) and not (a in ("with", "times", "x") and rng.random() < 0.7):
                yield Rewrite(rx.sub(lambda m, b=b: b if b.isupper() or "/" in b else _cased(m.group(0), b), summary),
                              f"{a} -> {b}")


#: dosing instructions as prescriptions write them
SIGS: tuple[str, ...] = ("b.i.d.", "t.i.d. p.r.n.", "q.h.s.", "every 6 hours as needed", "q.8h.", "daily",
                         "p.r.n. pain", "1 tab PO BID", "#60")


@kind("sig")
def sig(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """Dosing instructions after each strength of a drug ("Norco 10/325 mg" -> "Norco 10/325 mg q.6h. p.r.n."): no
    change."""
    rx = re.compile(r"\b(\d+(?:\.\d+)?(?:/\d+)?\s*(?:mg|mcg))\b(?!\s*(?:[a-z]\.|daily|twice|once|every|#))", re.I)
    if rx.search(summary):
        for _ in range(2):
            yield Rewrite(rx.sub(lambda m: f"{m.group(1)} {rng.choice(SIGS)}", summary), "dosing instructions added")


@kind("paren_name")
def paren_name(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A drug named with its other name in parentheses ("Flexeril" -> "Flexeril (cyclobenzaprine)"): no change."""
    for written in _drug_words(summary):
        group = next((g for g in SAME_DRUG if written.lower() in {n.lower() for n in g}), None)
        if group:
            other = next(n for n in group if n.lower() != written.lower())
            yield Rewrite(_replace_word(summary, written, f"{written} ({other})"), f"{written} ({other})")


#: ways a summary attributes a statement to the record; what follows is the statement unchanged
WRAPPERS: tuple[str, ...] = ("The treating physician noted that ", "It was documented that ",
                             "The attending provider reported that ", "Per the progress note, ",
                             "According to the treating physician, ", "The records indicate that ")
_SUBJECT = re.compile(r"(?<=[.!?]\s)(The applicant|The patient|The injured worker|He|She)\b")


@kind("attribution")
def attribution(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """Sentences about the worker attributed to the record ("The applicant is on Norco." -> "The treating
    physician noted that the applicant is on Norco."): no change."""
    spots = list(_SUBJECT.finditer(summary))
    if not spots:
        return
    for _ in range(3):
        chosen = {m.start() for m in spots if rng.random() < 0.5}
        out, last = [], 0
        for m in spots:
            if m.start() in chosen:
                subject = m.group(1)[0].lower() + m.group(1)[1:]
                out.append(summary[last:m.start()] + rng.choice(WRAPPERS) + subject)
                last = m.end()
        out.append(summary[last:])
        yield Rewrite("".join(out), "statements attributed to the record")


_NEXT = re.compile(r"\.\s+(?=(?:The applicant|The patient|He|She|The injured worker)\b)")


@kind("join")
def join(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """Two sentences about the worker joined into one with a semicolon ("... on Norco. The applicant is off work." ->
    "... on Norco; the applicant is off work."): no change."""
    spots = list(_NEXT.finditer(summary))
    for m in rng.sample(spots, min(3, len(spots))):
        rest = summary[m.end():]
        yield Rewrite(summary[:m.start()] + "; " + rest[0].lower() + rest[1:], "two sentences joined by ';'")


#: regions with the words the reader's region table gives them; a rewrite swaps one for another everywhere
_REGIONS = (("knee", "shoulder"), ("shoulder", "knee"), ("wrist", "ankle"), ("ankle", "wrist"))


@kind("region")
def region(text: str, rng: random.Random) -> Iterator[Rewrite]:
    """One limb joint for another throughout the case (`knee` <-> `shoulder`): the items' regions, prior studies and
    region-bound findings follow the region, so only medications, history, dates and diagnoses are compared."""
    for a, b in _REGIONS:
        if re.search(rf"\b{a}s?\b", text, re.I) and not re.search(rf"\b{b}s?\b", text, re.I):
            out = re.sub(rf"\b{a}(s?)\b", lambda m, b=b: _cased(m.group(0), b) + m.group(1), text, flags=re.I)
            yield Rewrite(out, f"{a} -> {b}", whole=True,
                          skip=frozenset({"items", "prior_studies", "findings"}))
            return


#: sentences about nothing the facts hold
IRRELEVANT: tuple[str, ...] = (
    "The applicant was accompanied to the visit by a family member.",
    "The note was dictated and later transcribed.",
    "The applicant's blood pressure was recorded.",
    "The applicant reported enjoying gardening on weekends.",
    "The office visit lasted about twenty minutes.",
)


@kind("insert")
def insert(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """An irrelevant sentence before a sentence that opens a new report ("On 11/8/2016, ..."): no change."""
    spots = [m.start() for m in re.finditer(r"(?<=[.!?]\s)(?=On )|(?<=[.!?]  )(?=On )", summary)]
    for at in rng.sample(spots, min(2, len(spots))):
        yield Rewrite(summary[:at] + rng.choice(IRRELEVANT) + " " + summary[at:], "irrelevant sentence added")


# --- statements added in many phrasings: the fact each states must be read, whatever the phrasing ---------------

#: ways a summary says a drug is taken now ({d}: the drug as written, {s}: its strength)
MED_NOW: tuple[str, ...] = (
    "Current medications include {d} {s}.",
    "The applicant is taking {d} {s} daily.",
    "{D} {s} was continued.",
    "The applicant remains on {d}.",
    "{D} was refilled.",
    "Medications: {d} {s}, one tablet twice daily.",
    "The applicant uses {d} as needed.",
    "The applicant reported ongoing use of {d}.",
    "The applicant's medication regimen consists of {d} {s}.",
    "The applicant has been maintained on {d}.",
    "The applicant continues to take {d} {s} twice a day.",
    "{D} {s} twice daily was renewed.",
    "Meds: {d} {s}.",
    "The applicant is currently prescribed {d}.",
    "The applicant takes {d} {s} at night.",
    "Present medications are {d} {s}.",
    "The applicant's medication profile lists {d} {s}.",
    "The applicant has been using {d} since the injury.",
    "The applicant is on {d} {s} three times daily.",
    "The applicant was given a refill of {d}.",
    "{D} was added to the regimen.",
    "The applicant's pain regimen includes {d} {s}.",
    "{D} {s} is being prescribed.",
    "Drugs: {d} {s}.",
    "Current medicines include {d}.",
    "{D} {s} #60 was dispensed.",
    "The applicant reports that {d} {s} is helpful.",
    "The applicant has been on {d} for several months.",
    "The applicant was placed on {d}.",
    "The attending provider renewed {d}.",
    "The treating provider refilled {d} {s}.",
    "Prescriptions for {d} were issued.",
    "The applicant was kept on {d}.",
    "The applicant's medication list comprised {d} {s}.",
    "The applicant was asked to continue {d}.",
    "The applicant reported that {d} was attenuating the pain.",
    "The applicant remained dependent on {d}.",
    "The applicant was using {d} {s} on an as-needed basis.",
    "{D} {s} 1 tablet by mouth twice daily.",
)
#: ways a summary says a drug is not taken now
MED_NOT_NOW: tuple[str, ...] = (
    "{D} was discontinued.",
    "The applicant previously tried {d} without benefit.",
    "The applicant stopped taking {d} because of drowsiness.",
    "{D} was tried in the past.",
    "The applicant is allergic to {d}.",
    "The applicant no longer takes {d}.",
    "The applicant was weaned off {d}.",
    "The applicant denied taking {d}.",
    "{D} was stopped owing to side effects.",
    "The applicant had a failed trial of {d}.",
)
#: drugs to state (a muscle relaxant or a stomach protectant: no finding turns on them), as written, with a strength
MED_SAMPLES: tuple[tuple[str, str], ...] = (
    ("Zanaflex", "4 mg"), ("tizanidine", "4 mg"), ("Robaxin", "750 mg"), ("methocarbamol", "500 mg"),
    ("Prilosec", "20 mg"), ("omeprazole", "20 mg"), ("Protonix", "40 mg"), ("Skelaxin", "800 mg"),
)


#: how a summary opens a sentence about one report ({date}); the stated sentence follows, its "The" lowered
LEADS: tuple[str, ...] = ("", "On {date}, ", "In a progress note dated {date}, ", "At the visit of {date}, ",
                          "Per a report dated {date}, ", "It was reported that ")


def _end(summary: str, sentence: str, rng: random.Random | None = None) -> str:
    """The summary with the sentence added: at its end, or (with `rng`) with a dated lead, at the end or before a
    sentence that opens another report."""
    if rng is None:
        return summary.rstrip() + " " + sentence + "\n"
    lead = rng.choice(LEADS).format(date=STUDY_DATE.get(summary, "10/18/2016"))
    if lead and re.match(r"(?:The|An?) ", sentence):
        sentence = sentence[0].lower() + sentence[1:]
    elif lead and not re.match(r"(?:The|An?) ", sentence):
        lead = ""
    sentence = lead + sentence
    spots = [m.start() for m in re.finditer(r"(?<=[.!?]\s)(?=On )", summary)]
    if spots and rng.random() < 0.5:
        at = rng.choice(spots)
        return summary[:at] + sentence + " " + summary[at:]
    return summary.rstrip() + " " + sentence + "\n"


def _new_drugs(summary: str, rng: random.Random, k: int) -> list[tuple[str, str, str]]:
    present = {DRUGS[w.lower()][0] for w in _drug_words(summary)} | DISPUTED_DRUGS.get(summary, set())
    fresh = [(w, st, DRUGS[w.lower()][0]) for w, st in MED_SAMPLES if DRUGS[w.lower()][0] not in present]
    return rng.sample(fresh, min(k, len(fresh)))


def _fill(template: str, written: str, strength: str) -> str:
    return template.format(d=written, D=written[:1].upper() + written[1:], s=strength).replace(" .", ".")


@kind("med_stated")
def med_stated(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A sentence stating a drug taken now, in one of `MED_NOW`'s phrasings, at the summary's end: the drug is
    read as a medication, and nothing else changes."""
    for template in rng.sample(MED_NOW, len(MED_NOW)):
        for written, strength, generic in _new_drugs(summary, rng, 1):
            sentence = _fill(template, written, strength)
            yield Rewrite(_end(summary, sentence, rng), sentence, added_meds=frozenset({generic}))


@kind("med_not_taken")
def med_not_taken(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A sentence saying a drug is not taken (stopped, tried before, allergy), in one of `MED_NOT_NOW`'s phrasings:
    no medication is added (findings on failed drug trials may change, so they are not compared)."""
    for template in rng.sample(MED_NOT_NOW, len(MED_NOT_NOW)):
        for written, strength, _ in _new_drugs(summary, rng, 1):
            sentence = _fill(template, written, strength)
            yield Rewrite(_end(summary, sentence, rng), sentence, skip=frozenset({"findings"}))


#: ways a summary states a completed course of a therapy ({k}: the therapy, {n}: the count in digits, {w}: in words)
COURSE_DONE: tuple[str, ...] = (
    "The applicant has completed {n} sessions of {k}.",
    "The applicant has had {n} {k} visits to date.",
    "{K} x {n} was completed.",
    "The applicant attended {w} ({n}) sessions of {k}.",
    "Prior treatment included {n} sessions of {k}.",
    "The applicant underwent {n} {k} treatments.",
    "{W} sessions of {k} were completed.",
    "The applicant has received {n} {k} sessions thus far.",
    "To date, the applicant has attended {n} visits of {k}.",
    "Treatment to date has included {k} ({n} sessions).",
    "The applicant had {w} {k} sessions.",
    "The applicant has undergone {n} sessions of {k} to date.",
    "The applicant reported completing {n} sessions of {k}.",
    "The applicant has attended {n} {k} appointments.",
    "The applicant had {k} on {n} occasions.",
    "The applicant has had {n} visits of {k}.",
    "{K}: {n} sessions completed.",
    "The applicant was treated with {n} sessions of {k}.",
    "The applicant has gone to {k} {n} times.",
    "The applicant had received {n} sessions of {k} through the date of the request.",
    "The applicant had had {n} prior sessions of {k}.",
    "The applicant had completed a {n}-session course of {k}.",
    "The applicant has had {n} sessions of {k} over the course of the claim.",
    "The applicant had {w} ({n}) {k} treatments.",
    "{K}: {n} sessions.",
    "Prior {k} ({n} sessions) was reportedly unsuccessful.",
)
#: therapies, as written, and the history kind each is
COURSE_KINDS: tuple[tuple[str, str], ...] = (
    ("physical therapy", "physical_therapy"), ("PT", "physical_therapy"), ("physiotherapy", "physical_therapy"),
    ("chiropractic", "chiropractic"), ("chiropractic manipulation", "chiropractic"), ("acupuncture", "acupuncture"),
    ("occupational therapy", "occupational_therapy"), ("hand therapy", "occupational_therapy"),
)


@kind("course_stated")
def course_stated(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A sentence stating a completed course of a therapy the summary does not name, in one of `COURSE_DONE`'s
    phrasings: history gains that kind with that count (findings on the course's result are not compared)."""
    for template in rng.sample(COURSE_DONE, len(COURSE_DONE)):
        fresh = [(w, kd) for w, kd in COURSE_KINDS if kd not in COURSE_ABSENT.get(summary, set())]
        if not fresh:
            return
        written, kd = rng.choice(fresh)
        n = rng.choice((4, 6, 8, 12))
        sentence = template.format(k=written, K=written[:1].upper() + written[1:], n=n, w=_NUMBER_WORDS[n],
                                   W=_NUMBER_WORDS[n].capitalize())
        yield Rewrite(_end(summary, sentence, rng), sentence, added_history={kd: n}, skip=frozenset({"findings"}))


#: ways a summary states a therapy not received ({k}, {K}: the therapy)
COURSE_NONE: tuple[str, ...] = (
    "The applicant has not had {k}.", "The applicant has never had {k}.", "There has been no prior {k}.",
    "The applicant did not receive {k}.", "{K} has not been tried.", "{K} was never attempted.",
    "The applicant has yet to attend {k}.", "No {k} to date.",
)


@kind("course_none")
def course_none(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A sentence stating a therapy the summary does not name was never received, in one of `COURSE_NONE`'s
    phrasings: history gains that kind with zero sessions."""
    for template in rng.sample(COURSE_NONE, len(COURSE_NONE)):
        fresh = [(w, kd) for w, kd in COURSE_KINDS if kd not in COURSE_ABSENT.get(summary, set())
                 and not re.search(rf"\b{re.escape(w)}\b", summary, re.I)]
        if not fresh:
            return
        written, kd = rng.choice(fresh)
        sentence = template.format(k=written, K=written[:1].upper() + written[1:])
        yield Rewrite(_end(summary, sentence, rng), sentence, added_history={kd: 0}, skip=frozenset({"findings"}))


#: ways a summary states a study not done ({t}: the study, {r}: the region)
STUDY_NONE: tuple[str, ...] = (
    "The applicant has not had an {t} of the {r}.", "An {t} of the {r} has not been performed.",
    "An {t} of the {r} was never obtained.", "No {t} of the {r} has been obtained.",
    "The applicant has never had an {t} of the {r}.",
)


@kind("study_none")
def study_none(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A sentence stating a study of a region the summary does not name was not done, in one of `STUDY_NONE`'s
    phrasings: no study is added."""
    for template in rng.sample(STUDY_NONE, len(STUDY_NONE)):
        fresh = [x for x in STUDY_SAMPLES if not re.search(rf"\b{x[3]}", summary, re.I)]
        if not fresh:
            return
        t, _, written, _ = rng.choice(fresh)
        sentence = template.format(t=t, r=written)
        yield Rewrite(_end(summary, sentence, rng), sentence, skip=frozenset({"findings", "items"}))


#: ways a summary states a prior study ({r}: the region as written, {t}: the study as written, {date})
STUDY_DONE: tuple[str, ...] = (
    "An {t} of the {r} dated {date} showed mild degenerative changes.",
    "A {r} {t} performed on {date} revealed mild degenerative changes.",
    "{T} of the {r} on {date} demonstrated mild degenerative changes.",
    "The applicant underwent an {t} of the {r} on {date}, which showed mild degenerative changes.",
    "{T} of the {r} ({date}): mild degenerative changes.",
    "Prior imaging included an {t} of the {r}.",
    "The applicant had an {t} of the {r} on {date}.",
    "An {t} of the {r} was obtained on {date} and showed mild degenerative changes.",
    "The {date} {r} {t} was notable for mild degenerative changes.",
    "The applicant has had a prior {t} of the {r}.",
    "Diagnostic studies have included an {t} of the {r}.",
    "The {t} of the {r} from {date} was reviewed and showed mild degenerative changes.",
    "{T} imaging of the {r} of {date} was notable for mild degenerative changes.",
    "The applicant had undergone {t} imaging of the {r} on {date}.",
    "{T} of the {r} was performed on {date}.",
    "An {t} of the {r} had been obtained.",
    "A {date} {t} of the {r} was reportedly unremarkable.",
    "{T} {r} ({date}): no acute findings.",
)
STUDY_SAMPLES: tuple[tuple[str, str, str, str], ...] = (
    ("MRI", "mri", "lumbar spine", "lumbar"), ("MRI", "mri", "cervical spine", "cervical"),
    ("MRI", "mri", "left knee", "knee"), ("MRI", "mri", "right shoulder", "shoulder"),
)


@kind("study_stated")
def study_stated(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """A sentence stating a study done, of a region the summary's studies do not cover, in one of `STUDY_DONE`'s
    phrasings: prior studies gain it (findings on its result are not compared)."""
    for template in rng.sample(STUDY_DONE, len(STUDY_DONE)):
        fresh = [x for x in STUDY_SAMPLES if (x[1], x[3]) not in STUDIES_ON_RECORD.get(summary, set())
                 and not re.search(rf"\b{x[3]}", summary, re.I)]
        if not fresh:
            return
        t, svc, written, reg = rng.choice(fresh)
        date = STUDY_DATE.get(summary, "10/18/2016")
        sentence = template.format(t=t, T=t, r=written, date=date)
        yield Rewrite(_end(summary, sentence, rng), sentence, added_studies=frozenset({(svc, reg)}),
                      skip=frozenset({"findings", "items"}))


#: ways a summary states an exam finding: (finding, value, phrasing)
FINDING_STATED: tuple[tuple[str, Any, str], ...] = (
    ("radicular_signs", True, "Straight leg raise was positive on the left."),
    ("radicular_signs", True, "Positive straight leg raising test on the right at 40 degrees."),
    ("radicular_signs", True, "SLR positive bilaterally."),
    ("radicular_signs", True, "Seated straight leg raise reproduced radiating pain into the left foot."),
    ("radicular_signs", True, "Spurling's maneuver was positive on the right."),
    ("radicular_signs", True, "There was a positive Spurling sign on the left."),
    ("radicular_signs", True, "Straight leg raising elicited radicular pain on the right."),
    ("radicular_signs", True, "SLR (+) on the left."),
    ("radicular_signs", True, "Straight leg raise: + on the left."),
    ("radicular_signs", True, "Lasegue's sign was positive on the left."),
    ("radicular_signs", False, "SLR (-) bilaterally."),
    ("radicular_signs", False, "Straight leg raise: negative bilaterally."),
    ("radicular_signs", False, "Straight leg raise was negative bilaterally."),
    ("radicular_signs", False, "Negative straight leg raise bilaterally."),
    ("radicular_signs", False, "SLR negative bilaterally."),
    ("radicular_signs", False, "Spurling's test was negative."),
    ("muscle_spasm", True, "Paraspinal muscle spasm was noted on exam."),
    ("muscle_spasm", True, "There was paravertebral spasm on examination."),
    ("muscle_spasm", True, "Spasms were palpated in the lumbar paraspinals."),
    ("focal_neuro_deficit", True, "Sensation was diminished in the left L5 dermatome."),
    ("focal_neuro_deficit", True, "Decreased sensation to light touch was noted in the left lateral calf."),
    ("focal_neuro_deficit", True, "The left Achilles reflex was absent."),
    ("focal_neuro_deficit", True, "Hypoesthesia was noted in the right C6 dermatome."),
    ("focal_neuro_deficit", True, "Diminished pinprick sensation was noted over the dorsum of the left foot."),
    ("focal_neuro_deficit", True, "Extensor hallucis longus strength was 4/5 on the left."),
    ("focal_neuro_deficit", True, "Hyporeflexia was noted at the left ankle."),
    ("focal_neuro_deficit", True, "Sensory examination revealed decreased light touch in the left L5 distribution."),
    ("focal_neuro_deficit", True, "Pinprick was diminished over the left lateral calf."),
    ("focal_neuro_deficit", False, "Light touch sensation was intact."),
    ("focal_neuro_deficit", False, "Neurologic examination was normal."),
    ("focal_neuro_deficit", False, "Sensation was intact to light touch throughout."),
    ("focal_neuro_deficit", False, "Deep tendon reflexes were 2+ and symmetric."),
    ("entrapment_signs", True, "Tinel's sign was positive at the right wrist."),
    ("entrapment_signs", True, "Positive Phalen's test bilaterally."),
    ("entrapment_signs", True, "Phalen's maneuver was positive on the left."),
    ("entrapment_signs", False, "Tinel's and Phalen's tests were negative."),
    ("work_status", "off_work", "The applicant was placed off of work."),
    ("work_status", "off_work", "The applicant remains off work."),
    ("work_status", "off_work", "The applicant is on temporary total disability."),
    ("work_status", "off_work", "The applicant was kept on TTD."),
    ("work_status", "off_work", "The applicant has not worked since the injury."),
    ("work_status", "off_work", "Work status: TTD."),
    ("work_status", "off_work", "The applicant was deemed temporarily totally disabled."),
    ("work_status", "modified_duty", "The applicant was returned to modified duty."),
    ("work_status", "modified_duty", "Work status: modified duty with a 10-pound lifting limit."),
    ("work_status", "modified_duty", "The applicant is working with restrictions."),
    ("work_status", "modified_duty", "The applicant returned to light duty."),
    ("work_status", "full_duty", "The applicant returned to full duty."),
    ("work_status", "full_duty", "The applicant is working regular duty."),
    ("work_status", "full_duty", "The applicant continues to work without restrictions."),
    ("pain_score", 7.0, "Pain was rated 7/10."),
    ("pain_score", 7.0, "The applicant rated pain at 7 out of 10."),
    ("pain_score", 7.0, "Pain level: 7/10."),
    ("pain_score", 7.0, "Pain is 7 on a scale of 0 to 10."),
    ("pain_score", 7.0, "VAS pain score was 7/10."),
    ("pain_score", 7.0, "The applicant reported pain of 7/10 in the low back."),
    ("home_exercise_program", True, "The applicant performs a home exercise program."),
    ("home_exercise_program", True, "The applicant is doing home exercises daily."),
    ("home_exercise_program", True, "The applicant is compliant with a home exercise program."),
    ("home_exercise_program", True, "The applicant continues a home exercise regimen."),
    ("muscle_spasm", False, "No spasm was noted."),
    ("muscle_spasm", False, "There was no paraspinal muscle spasm."),
    ("trigger_points", True, "Trigger points with a twitch response were palpated in the trapezius."),
    ("trigger_points", True, "Taut bands with referred pain were noted in the upper trapezius."),
    ("trigger_points", False, "No trigger points were noted."),
    ("red_flags", False, "No red flags were noted."),
    ("red_flags", False, "The applicant denied bowel or bladder incontinence, fever, or weight loss."),
)


@kind("finding_stated")
def finding_stated(summary: str, rng: random.Random) -> Iterator[Rewrite]:
    """An exam finding the summary does not state, in one of `FINDING_STATED`'s phrasings: that finding is read
    with that value (other findings are not compared: the sentence may state more than one)."""
    for name, value, sentence in rng.sample(FINDING_STATED, len(FINDING_STATED)):
        if name in FINDINGS_ON_RECORD.get(summary, set()):
            continue
        yield Rewrite(_end(summary, sentence, rng), sentence, added_findings={name: value},
                      skip=frozenset({"findings"}))


#: per summary: the history kinds its reading has, its studies, a date for a new study (set by `run`)
COURSE_ABSENT: dict[str, set[str]] = {}
STUDIES_ON_RECORD: dict[str, set[tuple[str, str]]] = {}
STUDY_DATE: dict[str, str] = {}
FINDINGS_ON_RECORD: dict[str, set[str]] = {}


# --- running -------------------------------------------------------------------------------------------------

_SUMMARY = re.compile(r"(CLINICAL CASE SUMMARY\s*\n)(.*?)(\n\s*DISPUTED ITEMS\b)", re.S)


def expected(orig: dict[str, Any], rw: Rewrite) -> dict[str, Any]:
    """The compared facts the rewritten text must give."""
    return {**orig, "medications": frozenset(rw.meds.get(m, m) for m in orig["medications"]) | rw.added_meds,
            "history": {**orig["history"], **rw.added_history},
            "prior_studies": orig["prior_studies"] | rw.added_studies}


@dataclass
class Failure:
    case: str
    kind: str
    family: str
    what: str
    detail: str


def run(files: list[Path], kinds: list[str], variants: int) -> tuple[Counter[tuple[str, str]],
                                                                        Counter[tuple[str, str]], list[Failure]]:
    tried: Counter[tuple[str, str]] = Counter()
    failed: Counter[tuple[str, str]] = Counter()
    failures: list[Failure] = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        m = _SUMMARY.search(text)
        if not m:
            continue
        orig = read(text)
        if orig is None:
            continue
        DISPUTED_DRUGS[m.group(2)] = {DRUGS[w.lower()][0] for w in _drug_words(text[m.end(2):])}
        COURSE_ABSENT[m.group(2)] = set(orig["history"])
        STUDIES_ON_RECORD[m.group(2)] = set(orig["prior_studies"])
        FINDINGS_ON_RECORD[m.group(2)] = set(orig["findings"])
        injury = re.search(r"Date of Injury:\s*(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if injury:
            STUDY_DATE[m.group(2)] = f"{injury.group(1)}/{min(28, int(injury.group(2)) + 1)}/{injury.group(3)}"
        for name in kinds:
            seed = int(hashlib.sha256(f"{path.stem}:{name}".encode()).hexdigest()[:12], 16)
            rng = random.Random(seed)
            source = text if name in ("laterality", "region") else m.group(2)
            for n, rw in enumerate(KINDS[name](source, rng)):
                if n >= variants:
                    break
                new_text = rw.summary if rw.whole else text[:m.start(2)] + rw.summary + text[m.end(2):]
                got = read(new_text)
                want = expected(orig, rw)
                for key, value in rw.added_findings.items():
                    tried[(name, "finding")] += 1
                    if got is None or got["findings"].get(key) != value:
                        failed[(name, "finding")] += 1
                        failures.append(Failure(path.stem, name, "finding", rw.what, "reader refused the text"
                                                if got is None else f"{key}: {got['findings'].get(key, 'absent')}"))
                for fam in FAMILIES:
                    if fam in rw.skip:
                        continue
                    tried[(name, fam)] += 1
                    if got is None or got[fam] != want[fam]:
                        failed[(name, fam)] += 1
                        why = "reader refused the text" if got is None else diff(want[fam], got[fam])
                        failures.append(Failure(path.stem, name, fam, rw.what, why))
    return tried, failed, failures


def table(tried: Counter[tuple[str, str]], failed: Counter[tuple[str, str]], kinds: list[str]) -> str:
    lines = [f"{'kind':15s} " + " ".join(f"{f[:11]:>11s}" for f in COLUMNS) + f" {'ALL':>11s}"]
    for k in [*kinds, "ALL"]:
        cells = []
        for fam in [*COLUMNS, "ALL"]:
            keys = [(kk, ff) for kk in (kinds if k == "ALL" else [k]) for ff in (COLUMNS if fam == "ALL" else [fam])]
            n, bad = sum(tried[x] for x in keys), sum(failed[x] for x in keys)
            cells.append(f"{bad:>4d}/{n:<4d}  " if n else f"{'-':>7s}    ")
        lines.append(f"{k:15s} " + " ".join(f"{c:>11s}" for c in cells))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="case texts (default: the even half of the development set)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of: {', '.join(KINDS)}")
    ap.add_argument("--variants", type=int, default=3, help="rewrites per case and kind, at most")
    ap.add_argument("--show-failures", action="store_true", help="each failure: case, kind, family, what changed")
    a = ap.parse_args()
    kinds = [k for k in a.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        ap.error(f"unknown kinds: {', '.join(unknown)}")
    files = a.files
    if not files:
        cases = a.shared / "imr-dev" / "cases"
        if not cases.is_dir():
            print(f"no development cases at {cases} (pass --shared or FILES)", file=sys.stderr)
            return 2
        files = sorted(cases.glob("*.txt"))
    # the odd half of the development letters is held out: never read, whatever the arguments
    files = [p for p in files if not (re.fullmatch(r"CM\d{2}-\d+", p.stem) and half_of(p.stem) == "odd")]
    tried, failed, failures = run(files, kinds, a.variants)
    if a.show_failures:
        for f in failures:
            print(f"{f.case} {f.kind:14s} {f.family:13s} [{f.what}] {f.detail}")
        print()
    print(f"{len(files)} case texts; failures/rewrites per kind and fact family\n")
    print(table(tried, failed, kinds))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)

