"""Who the worker is and what they are treated for: age, sex, diagnoses, the body parts the case concerns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from engine.facts import BodyPart, Diagnosis
from engine.narrative.context import Assertion, assertion
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
        if m and out.age is None:
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


#: how a summary introduces its diagnoses
_DX_INTRO = re.compile(
    r"\bdiagnos(?:ed|es|is)\b(?:\s+(?:were|was|include[sd]?|including|as|of|with|are|is|documented as|listed as|"
    r"has been|have been|included))+:?\s+(.*)", re.I)
_DX_END = re.compile(r"\.\s|;\s(?=[A-Z])|\bAccording to\b|\bPer\b")
_DX_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+(?=[a-z])|;\s*")


def read_diagnoses(text: Text, reading: Reading) -> list[Diagnosis]:
    """Diagnoses from "diagnosed with X, Y and Z" / "The diagnoses include ..."; a possible diagnosis ("rule out
    CRPS") is not a diagnosis."""
    out: list[Diagnosis] = []
    for pos, s in text.numbered():
        m = _DX_INTRO.search(s)
        if not m:
            continue
        body = _DX_END.split(m.group(1))[0]
        for piece in _DX_SPLIT.split(body):
            piece = piece.strip(" .")
            if not 2 < len(piece) < 120:
                continue
            at = s.find(piece)
            if at >= 0 and assertion(s, at, at + len(piece)) is Assertion.possible:
                continue
            if re.match(r"(?:rule out|r/o|possible|suspected|probable|questionable)\b", piece, re.I):
                continue
            out.append(Diagnosis(text=piece))
        reading.add("diagnoses", None, s, "patient", position=pos)
    return out


def read_regions(text: Text, diagnoses: list[Diagnosis]) -> list[BodyPart]:
    """Body regions named in the first sentences (the complaint and the diagnoses)."""
    return find_regions(" ".join(text.sentences[:4] + [d.text for d in diagnoses]))
