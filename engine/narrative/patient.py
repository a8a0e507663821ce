"""Who the worker is and what they are treated for: age, sex, diagnoses, the body parts the case concerns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from engine.facts import BodyPart, Diagnosis
from engine.narrative.context import is_other_source
from engine.narrative.evidence import Reading
from engine.narrative.requests import find_regions
from engine.narrative.text import Text


@dataclass
class Patient:
    """What the patient reader found."""

    age: int | None = None
    sex: str | None = None
    diagnoses: list[Diagnosis] = field(default_factory=list)


_AGE = re.compile(r"\b(\d{2})[- ]year[- ]old\b(?:\s+(?:\w+\s+)?(male|female|man|woman|gentleman|lady))?", re.I)


def read_patient(text: Text, reading: Reading) -> Patient:
    """Age and sex ("a 51 year old female", "a now 58-year-old male"), then the diagnoses."""
    out = Patient()
    for pos, s in list(text.numbered())[:6]:
        m = _AGE.search(s)
        if m and out.age is None and 14 <= int(m.group(1)) <= 110:  # the ages a case may hold (`Patient`)
            out.age = int(m.group(1))
            reading.add("patient.age", out.age, s, "patient", position=pos)
            if m.group(2):
                out.sex = "female" if m.group(2).lower() in ("female", "woman", "lady") else "male"
                reading.add("patient.sex", out.sex, s, "patient", position=pos)
    if out.sex is None:
        whole = " ".join(text.sentences)
        he = len(re.findall(r"\b(?:he|his|him)\b", whole, re.I))
        she = len(re.findall(r"\b(?:she|her|hers)\b", whole, re.I))
        if he != she and max(he, she) >= 2:
            out.sex = "male" if he > she else "female"
    out.diagnoses = read_diagnoses(text, reading)
    return out


#: How a summary introduces its diagnoses, one phrasing per row; the diagnoses follow the match.
DX_INTROS: tuple[str, ...] = (
    r"\bdiagnos(?:ed|es|is)\b(?:\s+(?:were|was|include[sd]?|including|as|of|with|are|is|documented as|listed as|"
    r"has been|have been|included|having|that include))+:?",           # "The diagnoses include", "diagnosed as having"
    r"\bhas (?:had )?diagnos(?:is|es) (?:that )?(?:include|of)",         # "has diagnosis that include", "has had diagnoses of"
    r"\b(?:gave|given) (?:the (?:applicant|patient|injured worker) )?(?:a )?diagnos(?:is|es) of",
    r"\b(?:undergoing|receiving) treatment for",                      # "is undergoing treatment for"
    r"\b(?:is|was|has been|had been) (?:being |currently )?treated for(?: the diagnos[ie]s of)?",
    r"\bbeing treated for(?: the diagnos[ie]s of)?",
    r"\b(?:working |current |final |discharge )?diagnos(?:es|is)\s*:",   # "Diagnoses: 1. Cervical strain. 2. ..."
)
_DX_INTRO = re.compile("|".join(f"(?:{p})" for p in DX_INTROS), re.I)
#: where the list of diagnoses ends
_DX_END = re.compile(r"\.\s|;\s(?=[A-Z])|\bAccording to\b|\bPer\b|\.\"?$")
_DX_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=[a-z])|;\s*")
#: a piece that only qualifies the diagnosis before it, one phrasing a row ("fracture, mildly displaced", "fracture of
#: the distal radius, closed, initial encounter", "radiculopathy, lumbar region", "meniscus tear, posterior horn",
#: "complex regional pain syndrome, type I, of the left upper limb"): ICD-10 writes a diagnosis with such commas
QUALIFIERS: tuple[str, ...] = (
    r"status post", r"s/p", r"secondary to", r"due to", r"with", r"without", r"mildly", r"moderately", r"severely",
    r"mild", r"moderate", r"severe", r"likely", r"which", r"initial encounter", r"subsequent encounter", r"sequela",
    r"unspecified", r"not elsewhere", r"closed", r"open", r"displaced", r"nondisplaced", r"non-displaced",
    r"(?:initial|subsequent|routine)\b", r"type\s+\w+", r"grade\s+\w+", r"stage\s+\w+", r"of\s", r"in\s",
    r"at\s", r"involving", r"(?:left|right|bilateral)(?:\s+side)?\s*$", r"(?:\w+\s+)?region\s*$",
    r"(?:\w+\s+)?levels?\b", r"(?:anterior|posterior)\s+horn", r"(?:acute|chronic)\s*$", r"(?:left|right)\s+"
    r"(?:upper|lower)\s+(?:limb|extremity)\s*$", r"(?:upper|lower)\s+(?:limb|extremity)\s*$",
)
_QUALIFIER = re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in QUALIFIERS) + r")", re.I)
_UNCERTAIN = re.compile(r"(?:rule out|r/o|possible|probable|suspected|questionable)\b", re.I)
#: a complaint the claim is for, used only when no diagnosis is stated ("filed a claim for chronic low back pain")
_CLAIM = re.compile(r"\bclaim for ([^.]*?)(?:\s+(?:reportedly|allegedly|associated|sustained|attributed)\b|[.;]|$)",
                    re.I)


def introduces_diagnoses(sentence: str) -> bool:
    """Whether the sentence lists the diagnoses (a diagnosis is not an exam finding: the rules read diagnosis
    groups for it)."""
    return _DX_INTRO.search(sentence) is not None


#: a lone modifier that shares the head noun after "and" with the next word: "left and right sided sciatica",
#: "cervical and lumbar radiculopathy" are one diagnosis each
_SHARED_MODIFIER = re.compile(r"^(?:left|right|bilateral|upper|lower|cervical|thoracic|lumbar|lumbosacral|acute|chronic|"
                              r"medial|lateral|anterior|posterior)$", re.I)


def _pieces(body: str) -> list[str]:
    out: list[str] = []
    if ";" in body:
        # a list whose entries are separated by semicolons keeps its commas inside each diagnosis
        return [p for p in (re.sub(r"^and\s+", "", e.strip(" .\"'[]")) for e in re.split(r";\s*", body))
                if 2 < len(p) < 160]
    joined = ""
    chunks = re.split(f"({_DX_SPLIT.pattern})", body)
    for i in range(0, len(chunks), 2):
        piece = chunks[i].strip(" .\"'[]")
        after = chunks[i + 1] if i + 1 < len(chunks) else ""
        if not piece:
            continue
        if _SHARED_MODIFIER.match(piece) and re.fullmatch(r"\s+and\s+", after):
            joined += piece + " and "   # "left and right sided sciatica": the modifier waits for its noun
            continue
        piece, joined = joined + piece, ""
        if out and _QUALIFIER.match(piece):
            out[-1] = f"{out[-1]}, {piece}"
        elif out and _UNCERTAIN.match(out[-1]) and len(out[-1].split()) <= 3:
            out[-1] = f"{out[-1]} and {piece}"  # "rule out cervical and lumbar disc herniation" is one uncertainty
        else:
            out.append(piece)
    return [p for p in _share_head(out) if 2 < len(p) < 160]


#: a body part a complaint list names before the noun it shares ("neck, low back, and bilateral wrist pain")
_BODY_WORD = re.compile(r"^(?:(?:chronic|acute|left|right|bilateral|low|lower|upper|mid)\s+){0,3}(?:neck|back|spine|"
                        r"shoulders?|knees?|wrists?|elbows?|hips?|ankles?|hands?|feet|foot|arms?|legs?|lumbar|cervical|"
                        r"thoracic|lumbosacral|groin|head|chest|abdomen|abdominal)$", re.I)
#: the noun such a list shares
_HEAD_NOUN = re.compile(r"\b(pain|complaints|strains?|sprains?|sprain/strain|injur(?:y|ies)|tendinitis|arthritis|"
                        r"contusions?)$", re.I)


def _share_head(pieces: list[str]) -> list[str]:
    """A list of body parts sharing the last piece's noun gives that noun to each: "chronic neck, low back, and
    bilateral wrist pain" is neck pain, low back pain and wrist pain, not "chronic neck" and "low back"."""
    head = _HEAD_NOUN.search(pieces[-1]) if len(pieces) > 1 else None
    if head is None or not all(_BODY_WORD.search(p) for p in pieces[:-1]):
        return pieces
    return [f"{p} {head.group(1)}" for p in pieces[:-1]] + [pieces[-1]]


def read_diagnoses(text: Text, reading: Reading) -> list[Diagnosis]:
    """The diagnoses as the summary lists them ("diagnosed with X, Y and Z", "being treated for ...", "gave a
    diagnosis of"). A diagnosis the record writes as uncertain ("rule out CRPS", "possible radiculopathy") is kept
    as written; the rules' diagnosis groups do not count it as established."""
    out: list[Diagnosis] = []
    seen: set[str] = set()
    for pos, s in text.numbered():
        m = _DX_INTRO.search(s)
        if not m:
            continue
        rest = s[m.end():].strip()
        if re.match(r"\(?1[.)]\s", rest):  # a numbered list: its entries, each ending at the next number
            found = [p for e in re.split(r"\s*\(?\b\d{1,2}[.)]\s+", rest) if e.strip() for p in _pieces(e.strip(" ."))]
        else:
            found = _pieces(_DX_END.split(rest)[0])
        for piece in found:
            if piece.lower() not in seen:
                seen.add(piece.lower())
                out.append(Diagnosis(text=piece))
        if found:
            reading.add("diagnoses", None, s, "patient", position=pos)
    if not out:
        for pos, s in text.numbered():
            m2 = _CLAIM.search(s)
            if m2 and not is_other_source(s):
                for piece in _pieces(m2.group(1)):
                    out.append(Diagnosis(text=piece))
                reading.add("diagnoses", None, s, "patient", position=pos)
                break
    return out


def read_regions(text: Text, diagnoses: list[Diagnosis]) -> list[BodyPart]:
    """Body regions named in the first sentences (the complaint and the diagnoses)."""
    return find_regions(" ".join(text.sentences[:4] + [d.text for d in diagnoses]))
