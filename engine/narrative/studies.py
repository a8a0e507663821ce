"""Studies already done (imaging, electrodiagnostics) and what they showed: a surgical lesion, corroboration of
the clinical finding, or a negative read."""

from __future__ import annotations

import re

from engine.facts import PriorStudy
from engine.narrative.context import affirmed, is_other_source
from engine.narrative.evidence import Reading
from engine.narrative.history import REQUEST_CUE
from engine.narrative.requests import find_regions
from engine.narrative.text import Text, body_half
from engine.narrative.textnum import find_dates
from engine.vocab import Service

_IMAGING = re.compile(r"\b(?:mri|mr arthrogram|ct|cat scan|x-?rays?|radiographs?|imaging|ultrasound|emg|ncs|ncv|"
                      r"study|studies)\b", re.I)
#: a lesion of the kind surgery treats
_LESION = re.compile(
    r"full[- ]thickness (?:\w+ ){0,3}tear|complete tear|(?:disc|disk) (?:extrusion|sequestration|fragment)|"
    r"extruded|free fragment|herniat\w*[^.]{0,60}(?:compress\w*|imping\w*|displac\w*|effac\w*)|"
    r"(?:nerve root|thecal sac|cord) (?:compression|impingement|displacement)|menisc\w* tear\w*|"
    r"tear\w* (?:of|in|involving) the (?:[\w-]+ ){0,5}menisc\w*|torn menisc\w*|bucket[- ]handle|"
    r"(?:radial|complex|horizontal|oblique) tear|displaced fracture|retracted|severe (?:foraminal|canal|central) "
    r"stenosis|(?:acl|ligament) (?:tear|rupture)", re.I)
_STUDY_WORDS = [(Service.mri, r"\bmri\b|\bmr arthrogram|magnetic resonance"),
                (Service.ct, r"\bct\b|cat scan|computed tomograph"),
                (Service.emg_ncs, r"\bemg\b|\bncs\b|\bncv\b|electromyograph|nerve conduction|electrodiagnostic")]
_REPORTED = re.compile(r"\b(?:revealed|showed|shows|demonstrated|noted|indicated|impression|dated|performed|"
                       r"was (?:negative|normal|unremarkable)|were (?:negative|normal))\b", re.I)
_PLANNED = re.compile(r"\b(?:request\w*|rfa|recommend\w*|plan\w*|would like|order\w*|to rule out|pending)\b", re.I)
_RESULT = re.compile(r"reveal|show|demonstrat|impression|finding|noted|indicat", re.I)
_NEGATIVE_READ = re.compile(r"(?:mri|imaging|study|read|report|radiolog\w*)[^.]{0,60}\b(?:negative|normal|unremarkable|"
                            r"no (?:evidence of )?(?:\w+ ){0,2}(?:tear|lesion|abnormalit\w*|fracture|herniation))\b",
                            re.I)
_ABNORMAL = re.compile(r"(?:reveal|show|demonstrat|impression|finding|noted|indicat)\w*[^.]{0,80}?(herniat\w*|protrusion|"
                       r"bulg\w*|stenosis|tear|narrowing|impingement|compression|fracture)", re.I)
_EDX = r"(?:\bemg\b|\bncs\b|\bncv\b|electromyograph\w*|nerve conduction|electrodiagnostic)"
_EDX_POSITIVE = re.compile(rf"{_EDX}[^.]{{0,80}}?(?:demonstrat|reveal|show|consistent with|confirm|positive for|"
                           rf"indicat)\w*[^.]{{0,60}}?(neuropathy|radiculopathy|entrapment|carpal tunnel|cubital tunnel|"
                           rf"denervation)", re.I)
_EDX_NEGATIVE = re.compile(rf"{_EDX}[^.]{{0,60}}\b(?:normal|negative|unremarkable)\b", re.I)


def read_prior_studies(text: Text, reading: Reading) -> list[PriorStudy]:
    """Studies already done: a past-tense report (revealed, showed, dated) naming the study and its region."""
    out: list[PriorStudy] = []
    seen: set[tuple[Service, object]] = set()
    for pos, s in text.matching(_REPORTED):
        if REQUEST_CUE.search(s) or re.search(r"\border\w*|\bcertif", s, re.I):
            continue
        for service, pattern in _STUDY_WORDS:
            m = re.search(pattern, s, re.I)
            if not m:
                continue
            regions = find_regions(s[m.start():m.start() + 80])
            dates = [d for d, _ in find_dates(s)]
            for bp in regions[:1]:
                if (service, bp.region) not in seen:
                    seen.add((service, bp.region))
                    out.append(PriorStudy(service=service, region=bp.region, date=dates[0] if dates else None))
                reading.add("prior_studies", None, s, "studies", position=pos)
    return out


def read_study_results(text: Text, reading: Reading) -> None:
    """Imaging that shows a surgical lesion or corroborates the exam (True), or a negative read (False); an
    electrodiagnostic study that confirms a nerve lesion (True) or is normal (False)."""
    for pos, s in text.matching(_IMAGING):
        if _PLANNED.search(s) and not _RESULT.search(s):
            continue
        half = body_half(s)

        def add(path: str, value: bool, s: str = s, pos: int = pos, half: str = half) -> None:
            reading.add(path, value, s, "studies", half=half, position=pos)

        m = _LESION.search(s)
        if m and affirmed(s, m.start(), m.end()) is not False:
            add("findings.imaging_surgical_lesion", True)
            add("findings.imaging_corroboration", True)
        elif _NEGATIVE_READ.search(s):
            add("findings.imaging_surgical_lesion", False)
        else:
            m2 = _ABNORMAL.search(s)
            if m2 and affirmed(s, m2.start(1), m2.end(1)) is not False:
                add("findings.imaging_corroboration", True)
    for pos, s in text.numbered():
        if is_other_source(s):
            continue
        m = _EDX_POSITIVE.search(s)
        if m and affirmed(s, m.start(1), m.end(1)) is not False:
            reading.add("findings.electrodiagnostic_corroboration", True, s, "studies", position=pos)
        elif _EDX_NEGATIVE.search(s):
            reading.add("findings.electrodiagnostic_corroboration", False, s, "studies", position=pos)
