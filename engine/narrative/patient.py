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
)
_DX_INTRO = re.compile("|".join(f"(?:{p})" for p in DX_INTROS), re.I)
#: where the list of diagnoses ends
_DX_END = re.compile(r"\.\s|;\s(?=[A-Z])|\bAccording to\b|\bPer\b|\.\"?$")
_DX_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=[a-z])|;\s*")
#: a piece that only qualifies the diagnosis before it ("fracture, mildly displaced", "contusion, status post ...")
_QUALIFIER = re.compile(r"^(?:status post|s/p|secondary to|due to|with|without|mildly|moderately|severely|mild|"
                        r"moderate|severe|likely|which|initial encounter|subsequent encounter|unspecified|"
                        r"not elsewhere)\b", re.I)
_UNCERTAIN = re.compile(r"(?:rule out|r/o|possible|probable|suspected|questionable)\b", re.I)
#: a complaint the claim is for, used only when no diagnosis is stated ("filed a claim for chronic low back pain")
_CLAIM = re.compile(r"\bclaim for ([^.]*?)(?:\s+(?:reportedly|allegedly|associated|sustained|attributed)\b|[.;]|$)",
                    re.I)


def introduces_diagnoses(sentence: str) -> bool:
    """Whether the sentence lists the diagnoses (a diagnosis is not an exam finding: the rules read diagnosis
    groups for it)."""
    return _DX_INTRO.search(sentence) is not None


def _pieces(body: str) -> list[str]:
    out: list[str] = []
    for piece in _DX_SPLIT.split(body):
        piece = piece.strip(" .\"'[]")
        if not piece:
            continue
        if out and _QUALIFIER.match(piece):
            out[-1] = f"{out[-1]}, {piece}"
        elif out and _UNCERTAIN.match(out[-1]) and len(out[-1].split()) <= 3:
            out[-1] = f"{out[-1]} and {piece}"  # "rule out cervical and lumbar disc herniation" is one uncertainty
        else:
            out.append(piece)
    return [p for p in out if 2 < len(p) < 160]


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
        body = _DX_END.split(s[m.end():].strip())[0]
        found = _pieces(body)
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
