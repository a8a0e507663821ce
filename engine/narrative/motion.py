"""Range of motion measured on examination: a motion measured short of its normal range is an objective functional
deficit (`Findings.objective_functional_deficit`), as "decreased range of motion" is when the record says it in words.

The measure is written in degrees ("lumbar flexion 40 degrees", "flex 40 deg", "knee ROM 5 to 115 degrees") or as a
share of normal ("flexion 50% of normal"). The comparison with a normal range is the reader's, not the record's words:
the reading is marked inferred in its provenance, and the normal ranges are a table (`NORMAL_MOTION`). A measure at
or above normal states nothing (only "full range of motion" states the deficit absent).
"""

from __future__ import annotations

import re

from engine.narrative.context import affirmed, is_other_source
from engine.narrative.evidence import Reading
from engine.narrative.requests import find_regions
from engine.narrative.text import Text
from engine.vocab import Region, region_half

#: the motions, one a row: the motion and its written names (the longer names of a motion come before the shorter
#: ones they hold: "external rotation" before "rotation", "dorsiflexion" before "flexion")
MOTIONS: tuple[tuple[str, str], ...] = (
    ("external_rotation", r"external rotation|\ber\b"), ("internal_rotation", r"internal rotation|\bir\b"),
    ("lateral_bending", r"lateral (?:bending|flexion|tilt)|side[- ]?bending"),
    ("dorsiflexion", r"dorsi-?flexion|\bdf\b"), ("plantar_flexion", r"plantar ?flexion|\bpf\b"),
    ("radial_deviation", r"radial deviation"), ("ulnar_deviation", r"ulnar deviation"),
    ("flexion", r"(?:forward )?flex(?:ion|ed)?\b|forward bending"), ("extension", r"extension|\bext\b"),
    ("abduction", r"abduction|\babd\b"), ("adduction", r"adduction"), ("rotation", r"rotation|\brot\b"),
    ("inversion", r"inversion"), ("eversion", r"eversion"), ("pronation", r"pronation"),
    ("supination", r"supination"),
)
#: the normal active range of each motion of a region, in degrees, one a row. The lower of the values the AMA Guides
#: (5th ed.) and the AAOS tables give, so that only a clear shortfall reads as a deficit (unverified here: taken as
#: commonly quoted, not from the tables themselves)
NORMAL_MOTION: tuple[tuple[Region, str, float], ...] = (
    (Region.lumbar, "flexion", 60), (Region.lumbar, "extension", 25), (Region.lumbar, "lateral_bending", 25),
    (Region.cervical, "flexion", 45), (Region.cervical, "extension", 45), (Region.cervical, "lateral_bending", 45),
    (Region.cervical, "rotation", 60),
    (Region.shoulder, "flexion", 160), (Region.shoulder, "abduction", 160), (Region.shoulder, "extension", 50),
    (Region.shoulder, "external_rotation", 80), (Region.shoulder, "internal_rotation", 70),
    (Region.elbow, "flexion", 140), (Region.elbow, "pronation", 70), (Region.elbow, "supination", 70),
    (Region.wrist, "flexion", 60), (Region.wrist, "extension", 60), (Region.wrist, "radial_deviation", 20),
    (Region.wrist, "ulnar_deviation", 30),
    (Region.hip, "flexion", 100), (Region.hip, "abduction", 40), (Region.hip, "adduction", 20),
    (Region.hip, "internal_rotation", 40), (Region.hip, "external_rotation", 40),
    (Region.knee, "flexion", 130),
    (Region.ankle, "dorsiflexion", 20), (Region.ankle, "plantar_flexion", 40), (Region.ankle, "inversion", 30),
    (Region.ankle, "eversion", 20),
)
_NORMAL = {(region, motion): deg for region, motion, deg in NORMAL_MOTION}
#: regions whose arc is written "from extension to flexion" ("knee ROM 5 to 115 degrees"): a start above zero is an
#: extension lag
ARC_REGIONS = frozenset({Region.knee, Region.elbow})
_MOTION = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in MOTIONS), re.I)
_DEG = r"\s*(?:degrees?|degs?\.?|°|º)"
#: the measure written after the motion's name: "flexion 40 degrees", "flex to 40 deg", "flexion is limited to 40
#: degrees", "flexion improved from 20 to 40 degrees" (the last number is the measure now)
_AFTER = re.compile(rf"^(?:\s+(?:(?!and\b|with\b)[a-z]+|\d+{_DEG}?)){{0,4}}?\s*(?:of |to |at |is |was |=\s*|:\s*)?"
                    rf"(?:approximately |about |only |~)?(?P<deg>\d{{1,3}}){_DEG}|"
                    r"^(?:\s+(?!and\b|with\b)[a-z]+){0,4}?\s*(?:of |to |at |is |was )?(?:approximately |about |only )?"
                    r"(?P<pct>\d{1,3})\s*%\s*(?:of )?(?:normal|expected|full)|"
                    # the measure over the normal the note states: "flexion 50/90" (a denominator under 10 is a
                    # strength grade, "4/5")
                    r"^\s*(?:of |is |was |=\s*|:\s*)?(?P<num>\d{1,3})\s*/\s*(?P<den>[1-9]\d{1,2})(?![\d/])", re.I)
#: a later measure written right after the first one: "improved from 30 degrees to 60 degrees" (the exam's is 60),
#: "40 -> 55 degrees"
_THEN = re.compile(rf"^\s*(?:to|->|→)\s*(?:approximately |about |only )?(?P<deg>\d{{1,3}}){_DEG}(?P<pct>\b\B)?", re.I)
#: the measure written before the motion's name: "40 degrees of flexion", "50% of normal flexion"
_BEFORE = re.compile(rf"(?P<deg>\d{{1,3}}){_DEG}\s+(?:of\s+)?(?:\w+\s+)?$|(?P<pct>\d{{1,3}})\s*%\s*of\s+(?:normal|"
                     r"expected|full)\s+(?:\w+\s+)?$", re.I)
#: an arc from extension to flexion: "ROM 5 to 115 degrees", "range of motion 0-95°"
_ARC = re.compile(rf"\b(?:range of motion|rom|arc of motion|motion)\b(?:\s+(?:was|is|of|from))*\s+(?P<lo>\d{{1,3}})"
                  rf"(?:{_DEG})?\s*(?:to|-)\s*(?P<hi>\d{{1,3}}){_DEG}", re.I)
#: a measure before an injury, or a goal, is not the exam's
_NOT_EXAM = re.compile(r"\b(?:goal|prior to (?:the )?(?:injury|surgery)|pre-?injury|pre-?op\w*|expected|target)\b",
                       re.I)


def _region(clause: str, sentence: str, case_region: Region | None) -> Region | None:
    """The one region of the table the clause names, else the sentence, else the case."""
    for text in (clause, sentence):
        named = {bp.region for bp in find_regions(text)} & {r for r, _ in _NORMAL}
        if named:
            return named.pop() if len(named) == 1 else None
    return case_region


def _clause(s: str, at: int) -> str:
    start = max(s.rfind(";", 0, at), s.rfind(".", 0, at), s.rfind(":", 0, at)) + 1
    ends = [i for i in (s.find(";", at), s.find(".", at)) if i >= 0]
    return s[start:min(ends) if ends else len(s)]


def shortfalls(s: str, case_region: Region | None = None) -> list[tuple[int, Region, str]]:
    """Each motion the sentence measures short of normal: (where, region, what was measured against what)."""
    out: list[tuple[int, Region, str]] = []
    for m in _MOTION.finditer(s):
        motion = m.lastgroup or ""
        after = _AFTER.match(s[m.end():m.end() + 60])
        before = _BEFORE.search(s[max(0, m.start() - 40):m.start()])
        found = after or before
        if not found:
            continue
        if after is not None and after.group("deg"):
            then = _THEN.match(s[m.end() + after.end():m.end() + after.end() + 30])
            found = then or found
        region = _region(_clause(s, m.start()), s, case_region)
        if found.groupdict().get("num"):
            num, den = int(found.group("num")), int(found.group("den"))
            if num < den:
                out.append((m.start(), region or Region.other, f"{m.group(0)} {num} of a stated normal {den}"))
            continue
        if found.group("pct"):
            if int(found.group("pct")) < 100:
                out.append((m.start(), region or Region.other, f"{m.group(0)} {found.group('pct')}% of normal"))
            continue
        normal = _NORMAL.get((region, motion)) if region else None
        if normal is not None and int(found.group("deg")) < normal:
            out.append((m.start(), region or Region.other,
                        f"{region.value if region else ''} {motion.replace('_', ' ')} {found.group('deg')} degrees, "
                        f"normal {normal:g}"))
    for m in _ARC.finditer(s):
        region = _region(_clause(s, m.start()), s, case_region)
        if region in ARC_REGIONS:
            lo, hi = int(m.group("lo")), int(m.group("hi"))
            normal = _NORMAL[(region, "flexion")]
            if lo > 0 or hi < normal:
                out.append((m.start(), region, f"{region.value} arc {lo} to {hi} degrees, normal 0 to {normal:g}"))
    return out


def read_measured_motion(text: Text, reading: Reading) -> None:
    """A motion the exam measures short of its normal range: an objective functional deficit (inferred)."""
    regions = {bp.region for s in text.sentences for bp in find_regions(s)} & {r for r, _ in _NORMAL}
    case_region = regions.pop() if len(regions) == 1 else None
    for pos, s in text.numbered():
        if is_other_source(s) or _NOT_EXAM.search(s):
            continue
        for at, region, why in shortfalls(s, case_region):
            # the measure's own list item is asked: a result later in an exam line ("..., negative SLR") is not its
            start = max(s.rfind(c, 0, at) for c in ",;:") + 1
            ends = [i for i in (s.find(c, at) for c in ",;") if i >= 0]
            item = s[start:min(ends) if ends else len(s)]
            head = item[:at - start + 1]        # up to the motion's name: "of normal" is no negation of it
            if affirmed(head, at - start, at - start + 1) is not True:
                continue
            half = region_half(region) if region is not Region.other else "any"
            reading.add("findings.objective_functional_deficit", True, f"{s} [inferred: {why.strip()}]", "motion",
                        position=pos, half=half)
            break
