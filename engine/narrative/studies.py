"""Studies already done (imaging, electrodiagnostics) and what they showed: a surgical lesion, corroboration of
the clinical finding, or a negative read."""

from __future__ import annotations

import re

from engine.facts import BodyPart, DisputedItem, PriorStudy
from engine.narrative.context import FORWARD, Assertion, affirmed, assertion, cues_reaching, is_other_source
from engine.narrative.evidence import Reading
from engine.narrative.history import LIST_CUE, REQUEST_CUE
from engine.narrative.requests import REGIONS, find_regions
from engine.narrative.tables import any_of
from engine.narrative.text import Text, body_half
from engine.narrative.textnum import find_dates, mask_dates
from engine.vocab import LOWER_LIMB, STUDY_SERVICES, UPPER_LIMB, Region, Service, same_study

_IMAGING = re.compile(r"\b(?:mri|mr arthrogram|magnetic resonance|ct|cat scan|computed tomograph\w*|x-?rays?|"
                      r"radiographs?|imaging|ultrasound|emg|ncs|ncv|study|studies)\b", re.I)
#: a lesion of the kind surgery treats
#: lesions of the kind surgery treats, as study reports write them, one phrasing per row
LESIONS: tuple[str, ...] = (
    r"full[- ]thickness (?:\w+ ){0,3}tear|complete tear|retracted",              # a full-thickness tendon tear
    r"(?:disc|disk) (?:extrusion|sequestration|fragment)|extruded|free fragment",  # a disc beyond its space
    r"herniat\w*[^.]{0,60}(?:compress\w*|imping\w*|displac\w*|effac\w*)",        # a herniation on a nerve
    r"(?:nerve root|thecal sac|cord) (?:compression|impingement|displacement)",    # "nerve root compression"
    r"\b(?:root|neural) (?:compression|impingement)",           # the nerve unnamed: "no root compression"
    r"(?:compress|imping|displac)\w* (?:on |upon )?(?:the )?(?:[\w-]+ ){0,3}(?:nerve root|spinal cord|cord)\b",
    # ^ the same as a verb: "a protrusion compressing the L5 nerve root", "impinging upon the exiting nerve root"
    r"menisc\w* tear\w*|tear\w* (?:of|in|involving) the (?:[\w-]+ ){0,5}menisc\w*|torn menisc\w*|bucket[- ]handle",
    r"(?:radial|complex|horizontal|oblique) tear",                                 # a meniscal tear's pattern
    r"displaced fracture",
    r"severe (?:(?:central|canal|foraminal|spinal|neural|lateral|recess|bilateral|left|right|neuroforaminal) ){0,3}"
    r"stenosis",                                          # "severe central canal stenosis", "severe spinal stenosis"
    r"(?:acl|ligament) (?:tear|rupture)",
)
_LESION = re.compile("|".join(f"(?:{row})" for row in LESIONS), re.I)
#: how studies are named, one row per kind of study
STUDY_WORDS: tuple[tuple[Service, str], ...] = (
    (Service.mri, r"\bmri'?s?\b|\bmr arthrogram|magnetic resonance"),
    (Service.ct, r"\bct\b|cat scan|computed tomograph"),
    (Service.xray, r"\bx-?rays?\b|\bradiographs?\b|\bradiographic\b|\bfilms\b"),
    (Service.emg_ncs, r"\bemg\b|\bncs\b|\bncv\b|electromyogra(?:m|ph)|nerve conduction|electrodiagnostic (?:stud|test)"),
    (Service.bone_scan, r"\bbone scan\b"),
)
#: a sentence listing the studies done ("Previous diagnostic studies include x-rays and CT scan ...")
_STUDIES_LISTED = re.compile(r"\b(?:diagnostic )?(?:studies|testing|imaging)\b[^.]{0,20}\b(?:include[sd]?|included|"
                             r"has included|have included|consisted of)\b|"
                             # a list's heading: "Imaging to date:", "Prior studies:", "Diagnostics:"
                             r"\b(?:imaging|studies|diagnostics|diagnostic (?:studies|testing|imaging))(?: to date| done|"
                             r" performed| completed| on file)?\s*:", re.I)
#: a study's date as headings write it, whole or a month or year only: "3/2/16", "02/2017", "(2019)"
_STUDY_DATE = r"\(?(?:\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{1,2}/\d{4}|(?:19|20)\d\d)\b"
#: phrasings that report a study as done: its result, its date, or a past-tense verb, one a row
REPORTED: tuple[str, ...] = (
    r"\b(?:revealed|reveals|showed|shows|showing|demonstrated|demonstrates|noted|indicated|impression|dated|"
    r"performed|obtained|documented|confirmed|found|reviewed)\b",
    r"\b(?:was|were) (?:\w+ly )?(?:notable|significant|remarkable|positive|negative|reported|read|interpreted) "
    r"(?:for|as)\b",
    r"\bconsistent with\b", r"\bread as\b", r"\binterpreted as\b", r"\bhad undergone\b", r"\bunderwent\b",
    r"\b(?:was|were|been) (?:done|completed|taken)\b", r"\bwithin normal limits\b", r"\bfindings? of\b",
    r"\b(?:was|were|is|are) (?:\w+ly )?(?:negative|normal|unremarkable|abnormal)\b",   # "was reportedly negative"
    r"\b(?:earlier|prior|previous|old|recent|initial|last)\s+(?:[\w-]+\s+){0,2}(?:mri|ct|x-?rays?|radiographs?|"
    r"imaging|emg|ncs|electrodiagnostic|bone scan)\b",                       # "earlier lumbar MRI imaging"
    r"\b(?:has|have|had) (?:had|undergone|received) (?:an? |two |several |multiple |prior |previous )?",   # "has had an MRI"
    r"\b(?:had|received) (?:an?|two|several|prior|previous|repeat) ",
    r"\b(?:had|received|underwent) (?:\w+ ){0,3}?(?:mri'?s?|ct'?s?|x-?rays?|radiographs?|imaging|emg|ncs|ncv|"
    r"electrodiagnostic|bone scan)\b",                                          # "had x-rays taken of the shoulder"
    r"\b(?:per|according to|on) (?:the |a |his |her )?(?:prior |previous |recent )?(?:mri|ct|x-?rays?|emg|"
    r"radiographs?|imaging|study|studies|report)\b",
    # a study written as a heading with its date: "MRI of the right knee (1/2/2016):", "Lumbar MRI 3/2/16:", "Lumbar
    # MRI 3/2/16 - L4-5 protrusion" (a colon or a dash between the study and its result)
    r"\b(?:mri|ct|x-?rays?|radiographs?|emg|ncs|ncv|bone scan)\b[^.;:]{0,40}\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\)?\s*"
    r"(?::|-\s|\u2013|\u2014)",
    # the same with a month or a year only ("MRI lumbar 2019:", "X-ray L hip 02/2017 - narrowing", "(01/2019) show"),
    # or with its result word right after the date ("x-rays 2/10/16 normal", "xrays 1/6/16 neg for fx")
    rf"\b(?:mri|ct|x-?rays?|radiographs?|emg|ncs|ncv|bone scan)\b[^.;:]{{0,40}}?{_STUDY_DATE}\)?\s*"
    r"(?::|-\s|\u2013|\u2014|(?:was |were )?(?:normal|negative|neg\b|unremarkable|abnormal|positive|show|reveal))",
    # a result verb in the present plural ("x-rays of the knee show"), and "neg for" as notes abbreviate it
    r"\b(?:show|reveal|demonstrate|indicate)\b", r"\bneg(?:\.|ative)? for\b",
    r"(?<!\w)(?:s/p|status post)\b",                                   # "S/p C-spine MRI 1/2016": a study done
)
_REPORTED = any_of(REPORTED)
_PLANNED = re.compile(r"\b(?:request\w*|rfa|recommend\w*|plan\w*|would like|order\w*|to rule out|pending)\b", re.I)
_RESULT = re.compile(r"reveal|show|demonstrat|impression|finding|noted|indicat|:", re.I)
_NEGATIVE_READ = re.compile(r"(?:mri|imaging|study|read|report|radiolog\w*|x-?rays?|radiographs?|\bct\b)[^.]{0,60}\b(?:negative|normal|unremarkable|"
                            r"no (?:evidence of )?(?:\w+ ){0,2}(?:tear|lesion|abnormalit\w*|fracture|herniation))\b",
                            re.I)
#: a result follows a verb ("revealed") or a study written as a heading ("MRI of the lumbar spine: a 3 mm bulge")
_ABNORMAL = re.compile(r"(?:(?:reveal|show|demonstrat|impression|finding|noted|indicat)\w*|\b(?:mri|ct|x-?rays?|"
                       r"radiographs?|imaging|scan)\b[^.:;]{0,40}:)[^.]{0,80}?(herniat\w*|protrusion|"
                       r"bulg\w*|stenosis|tear|narrowing|impingement|compression|fracture|lesion)", re.I)
_NERVE_TERMS = re.compile(r"herniat|protrusion|bulg|stenosis|impingement|compression|narrowing", re.I)
#: an abnormality the report qualifies as touching no nerve: "without cord impingement", or the list that follows it
#: ("mild C6-7 disc bulge, no stenosis, no nerve root compression")
_UNCOMPRESSED = re.compile(r"^[^.;]{0,20}?\bwithout (?:\w+ ){0,3}(?:cord|nerve|root|neural|thecal)? ?(?:impingement|"
                           r"compression|narrowing|effacement)|"
                           r"^[^.;]{0,40}?,\s*(?:and )?no (?:\w+ ){0,3}(?:cord|nerve|root|neural|thecal) ?(?:\w+ )?"
                           r"(?:impingement|compression|effacement)", re.I)
#: the record says imaging (or electrodiagnostics) confirmed the clinical finding
_CONFIRMED = re.compile(r"\b(?:radiographically|radiologically) confirmed|\b(?:mri|imaging|ct)[- ](?:confirmed|proven)|"
                        r"\bconfirmed (?:by|on|with) (?:an? )?(?:mri|imaging|ct|x-?rays?)|\b(?:mri|imaging) (?:confirmed|"
                        r"corroborat\w*)", re.I)
#: the record states whether imaging matches the exam, one phrasing a row with its value ("the MRI findings do not
#: correlate with the clinical examination": False), and a study read as wholly normal shows no lesion for the
#: complaint (False, as tests/reading_train3/README.md states it; "no fracture" alone is one lesion absent and stays
#: the lesion readers')
IMAGING_MATCH: tuple[tuple[str, bool], ...] = (
    (r"\b(?:mri|imaging|ct|x-?rays?|radiographs?|study|findings)\b[^.;]{0,30}\b(?:do|does|did) not (?:correlate|match|"
     r"correspond)", False),
    (r"\b(?:not|poorly) correlat\w* with (?:the )?(?:clinical|physical|exam\w*|symptoms|complaints)", False),
    (r"\b(?:discordant|inconsistent) with (?:the )?(?:clinical|physical|exam\w*)", False),
    # ("negative for fracture" is one lesion absent, not a wholly normal read)
    (r"\b(?:mri|ct|x-?rays?|radiographs?)\b[^.;]{0,40}\b(?:was|were|is|are) (?:\w+ly )?(?:negative|normal|"
     r"unremarkable)\b(?! for)", False),
    (r"\b(?:mri|imaging|ct|findings)\b[^.;]{0,30}\bcorrelat(?:es|ed|ing) (?:well )?with (?:the )?(?:clinical|physical|"
     r"exam\w*|symptoms)", True),
)
_IMAGING_MATCH = [(re.compile(p, re.I), v) for p, v in IMAGING_MATCH]
_EDX = r"(?:\bemg\b|\bncs\b|\bncv\b|electromyogra(?:m|ph)\w*|nerve conduction|electrodiagnostic)"
_EDX_POSITIVE = re.compile(rf"{_EDX}[^.]{{0,80}}?(?:(?:demonstrat|reveal|show|consistent with|confirm|positive for|"
                           rf"indicat|(?:notable|significant|remarkable) for)\w*|:)[^.]{{0,60}}?(neuropathy|radiculopathy|entrapment|carpal tunnel|cubital tunnel|"
                           rf"denervation|\bcts\b|slowing|prolonged (?:distal )?latenc\w*)", re.I)
#: an imaging study, not an electrodiagnostic one
_IMAGING_ONLY = re.compile(r"\b(?:mri|mr arthrogram|magnetic resonance|ct|cat scan|computed tomograph\w*|x-?rays?|"
                           r"radiographs?|imaging|ultrasound)\b", re.I)
_EDX_NEGATIVE = re.compile(rf"{_EDX}[^.]{{0,60}}\b(?:normal|negative|unremarkable|no (?:electrodiagnostic )?"
                           rf"evidence of)\b", re.I)


def _region_near(s: str, at: int, end: int) -> BodyPart | None:
    """The body region written nearest to a study word: "MRI of the right shoulder", "cervical MRI"."""
    best: tuple[int, BodyPart] | None = None
    low = s.lower()
    for pattern, region in REGIONS:
        for m in re.finditer(pattern, low[max(0, at - 40):end + 120]):
            pos = max(0, at - 40) + m.start()
            if pos < at and re.search(r"[.;]|\b(?:and|with)\b", low[pos:at]):
                continue  # a region before the study word belongs to it only when written next to it
            gap = at - pos if pos < at else pos - end
            if best is None or gap < best[0]:
                # the side written before this region ("the neck and EMG of the arms": the arms', not the neck's)
                # ("cervical spine MRI": the bare word "spine" takes the region written before it)
                found = find_regions(low[max(0, pos - 25):pos + len(m.group(0))])
                side = [bp for bp in found if bp.region is region] or (found if m.group(0) in ("spine", "back") else [])
                best = (gap, side[0] if side else BodyPart(region=region))
    return best[1] if best else None


#: phrasings after a study's name that say it was not done ("An MRI of the lumbar spine has not been performed"),
#: one a row; a few words (the region) may come between
NOT_DONE_AFTER: tuple[str, ...] = (
    r"(?:has|have|had|was|were) not (?:yet |previously |ever )?(?:been )?(?:performed|done|obtained|completed|"
    r"undertaken|taken)\b",
    r"(?:was|were|has|have) never (?:been )?(?:performed|done|obtained|completed|undertaken|taken)\b",
)
_NOT_DONE_AFTER = re.compile(r"(?:\s+[\w/-]+){0,5}?\s+(?:" + "|".join(NOT_DONE_AFTER) + ")", re.I)


def _none_done(s: str, start: int, end: int) -> bool:
    """The sentence says the study was not done: a negation before it ("no prior MRI", "has not had an MRI") or a
    not-done after it ("an MRI has not been performed"), not a negative read after it ("the MRI was negative")."""
    if _NOT_DONE_AFTER.match(s, end):
        return True
    return assertion(s, start, end) is Assertion.negated and any(
        c.category is Assertion.negated and c.direction == FORWARD for c in cues_reaching(s, start, end))


#: phrasings that hedge the worker's own recollection of a study, one a row ("he believes he had an MRI", "she thinks
#: an EMG was done", "possibly had x-rays", "is not sure whether an MRI was obtained"): written a few words before the
#: study's name in its clause, they leave the study undocumented (a recollection stated without a hedge, "he recalls
#: x-rays", is a report of one)
HEDGED_RECOLLECTION: tuple[str, ...] = (
    r"\b(?:believes?|believed|thinks?|thought|suspects?|guesses)\b(?: that)?",
    r"\b(?:is|was|are|were) (?:not sure|unsure|uncertain)\b(?: (?:whether|if))?",
    r"\b(?:does|did) not (?:recall|remember) (?:whether|if)\b",
    r"\bpossibly\b", r"\bperhaps\b", r"\b(?:may|might) have (?:had|undergone|received)\b",
)
_HEDGED = re.compile(r"(?:" + "|".join(f"(?:{p})" for p in HEDGED_RECOLLECTION) + r")(?:\s+[\w/-]+){0,6}?\s*$", re.I)


def _hedged(s: str, at: int) -> bool:
    """The study named at `at` is only a hedged recollection (`HEDGED_RECOLLECTION`), in the words of its clause
    just before it."""
    lo = max(s.rfind(";", 0, at), s.rfind(",", 0, at)) + 1
    return _HEDGED.search(s[lo:at].rstrip()) is not None


def _done(s: str, start: int, end: int) -> bool:
    """The sentence states the study done (a negative read is a study done; a possible one is not)."""
    status = assertion(s, start, end)
    return status in (Assertion.affirmed, Assertion.historical) or (
        status is Assertion.negated and not _none_done(s, start, end))


#: an electrodiagnostic study tests the limbs: one read from a spinal region (its root level, "L5 radiculopathy", or
#: the spine) is of the limbs that region's roots serve, as EMG/NCV requests name them; one read from a part of a
#: limb (the site of its lesion: "moderate right carpal tunnel syndrome", "ulnar neuropathy at the elbow") is of
#: that limb
EDX_LIMB = {Region.lumbar: Region.lower_extremity, Region.cervical: Region.upper_extremity,
            **{part: Region.upper_extremity for part in UPPER_LIMB}, **{part: Region.lower_extremity for part in LOWER_LIMB}}


def read_prior_studies(text: Text, reading: Reading) -> list[PriorStudy]:
    """Studies already done: a report of one (revealed, showed, dated) or a treatment-to-date list naming it,
    with the region written next to it. "The CT report showed" refers back to a study already read."""
    out: list[PriorStudy] = []
    where: list[tuple[int, int]] = []       # (sentence, place) of each study: the list keeps the text's order
    stamps: list[str | None] = []           # the date written right after each study's name, as written
    for pos, s in text.numbered():
        listed = LIST_CUE.search(s) is not None or _STUDIES_LISTED.search(s) is not None
        if not (_REPORTED.search(s) or listed) or REQUEST_CUE.search(s) or re.search(
                r"\border\w*|\bcertif|\bto rule out\b", s, re.I):
            continue
        for service, pattern in STUDY_WORDS:
            for m in re.finditer(pattern, s, re.I):
                # a reviewer's words are not read, but a clause of the record's own in the same sentence is ("A
                # lumbar MRI showed ...; the reviewer notes ..."), and is read by itself
                own, lo = (_own_clause(s, m.start()), s.rfind(";", 0, m.start()) + 1) if is_other_source(s) else (s, 0)
                if is_other_source(own):
                    continue
                if not _done(own, m.start() - lo, m.end() - lo) or _NOT_DONE_AFTER.match(s, m.end()) or _hedged(
                        s, m.start()):
                    continue  # "no MRI", "a possible prior MRI", "he believes he had an MRI"
                region = _region_near(s, m.start(), m.end())
                if service is Service.emg_ncs and region is not None and region.region in EDX_LIMB:
                    region = BodyPart(region=EDX_LIMB[region.region])
                earlier = [st for st in out if st.service is service]
                if earlier and re.search(r"\bthe\s+$", s[max(0, m.start() - 5):m.start()], re.I) and not \
                        re.match(r"\s*(?:scan\s+)?of\b", s[m.end():], re.I):
                    continue  # "the X-rays", "The CT report": the study already read
                dates = [d for d, at in find_dates(s) if at >= m.start()]
                for part in [region, *_also_of(s, m.end(), region)]:
                    if service is Service.emg_ncs and part is not None and part.region in EDX_LIMB:
                        part = BodyPart(region=EDX_LIMB[part.region])
                    key = (service, part.region if part else None)
                    stamp = _own_date(s, m.end())
                    if any((st.service, st.region) == key and not (stamp and other and stamp != other)
                           for st, other in zip(out, stamps, strict=True)):
                        continue   # the same study named again; one of another date is another study
                    out.append(PriorStudy(service=service, region=key[1], date=dates[0] if dates else None))
                    where.append((pos, m.start()))
                    stamps.append(stamp)
                    reading.add("prior_studies", None, s, "studies", position=pos)
    out = [st for _, st in sorted(zip(where, out, strict=True), key=lambda p: p[0])]
    # a study of unknown region is dropped when the same study of a known region is on record
    return [st for st in out if st.region is not None or not any(
        o.service is st.service and o.region is not None for o in out)]


def _own_date(s: str, end: int) -> str | None:
    """The date written right after a study's name and region, before its clause or entry ends ("lumbar MRI
    03/2015; lumbar MRI 02/2016": two MRIs), as written."""
    m = re.match(rf"[^.;:()]{{0,25}}?({_STUDY_DATE})", s[end:])
    return m.group(1).strip("(") if m else None


#: where the body parts a study is "of" end: its result, its date, a clause or another study
_OBJECT_END = re.compile(r"\s(?:was|were|is|are|had|has|show\w*|reveal\w*|demonstrat\w*|dated|done|performed|"
                         r"obtained|taken|on|in|from|which|that|with|without)\b|[.;:,(]|" +
                         "|".join(p for _, p in STUDY_WORDS), re.I)


_STUDY_WORD = re.compile(r"\s*(?:" + "|".join(p for _, p in STUDY_WORDS) + ")", re.I)


def _also_of(s: str, end: int, first: BodyPart | None) -> list[BodyPart]:
    """The other parts one study is "of", joined by "and" ("x-rays of the left knee and right ankle"): each a study
    of its own region; none when the study names one part."""
    of = re.match(r"\s+(?:of|to)\s+", s[end:], re.I)
    if first is None or not of:
        return []
    rest = s[end + of.end():]
    stop = _OBJECT_END.search(rest)
    phrase = rest[:stop.start() if stop else len(rest)]
    if stop and _STUDY_WORD.match(rest, stop.start()):
        # another study named after the last "and" is that study's part ("an MRI of the cervical spine and a right
        # shoulder x-ray": the shoulder is the x-ray's)
        joins = list(re.finditer(r"\band\b|&", phrase, re.I))
        phrase = phrase[:joins[-1].start()] if joins else phrase
    if not re.search(r"\band\b|&", phrase, re.I):
        return []
    return [bp for bp in find_regions(phrase) if bp.region is not first.region]


def _own_clause(s: str, at: int) -> str:
    """The clause of a sentence, between semicolons, that holds position `at`."""
    return s[s.rfind(";", 0, at) + 1:(s.find(";", at) + 1 or len(s) + 1) - 1]


def _edx_only(s: str) -> bool:
    return re.search(_EDX, s, re.I) is not None and not _IMAGING_ONLY.search(s)


def read_imaging_match(text: Text, reading: Reading) -> None:
    """Whether the record says the imaging matches the exam, or reads a study as wholly normal (`IMAGING_MATCH`)."""
    for pos, s in text.numbered():
        if is_other_source(s) or _edx_only(s):
            continue
        for rx, stated in _IMAGING_MATCH:
            found = rx.search(s)
            if found is not None and affirmed(s, found.start(), found.end()) is True:
                reading.add("findings.imaging_corroboration", stated, s, "studies", half=body_half(s), position=pos)
                break


def read_study_results(text: Text, reading: Reading) -> None:
    """What a study showed. A lesion of the kind surgery treats (a full-thickness tear, an extruded disc with
    nerve compression) is a surgical lesion and corroborates the exam; another abnormality (a bulge, stenosis, a
    fracture) corroborates it; a lesion the report negates ("no evidence of a SLAP lesion", "a disc bulge without
    cord impingement") is False. An electrodiagnostic study that confirms a nerve lesion corroborates it (True),
    a normal one does not (False)."""
    for pos, s in text.matching(_IMAGING):
        if (_PLANNED.search(s) and not _RESULT.search(s)) or is_other_source(s) or _edx_only(s):
            continue  # a plan, UR's words, or an electrodiagnostic study (no image: its result is read below)
        half = body_half(s)

        def add(path: str, value: bool, s: str = s, pos: int = pos, half: str = half) -> None:
            reading.add(path, value, s, "studies", half=half, position=pos)

        s = mask_dates(s)  # the result is read as far from the study's name however its date is written

        for m in _LESION.finditer(s):
            value = affirmed(s, m.start(), m.end())
            if value is not None:
                add("findings.imaging_surgical_lesion", value)
                add("findings.imaging_corroboration", value)
        if _NEGATIVE_READ.search(s) and not _LESION.search(s):
            add("findings.imaging_surgical_lesion", False)
        for m in _ABNORMAL.finditer(s):
            value = affirmed(s, m.start(1), m.end(1))
            if value is True and _UNCOMPRESSED.search(s[m.end(1):]):
                value = False  # "a 2-mm disc bulge, without cord impingement or neural foraminal narrowing"
            if value is True or (value is False and _NERVE_TERMS.match(m.group(1))):
                # a negative study corroborates nothing about a nerve only when it looked at the nerve
                add("findings.imaging_corroboration", value)
    read_imaging_match(text, reading)
    for pos, s in text.matching(_CONFIRMED):
        if not is_other_source(s):
            reading.add("findings.imaging_corroboration", True, s, "studies", half=body_half(s), position=pos)
    for pos, s in text.numbered():
        if is_other_source(s):
            continue
        edx = _EDX_POSITIVE.search(s)
        if edx and affirmed(s, edx.start(1), edx.end(1)) is True:
            reading.add("findings.electrodiagnostic_corroboration", True, s, "studies", position=pos)
        elif _EDX_NEGATIVE.search(s):
            reading.add("findings.electrodiagnostic_corroboration", False, s, "studies", position=pos)


#: a study named in the record, for a statement that none was done ("no prior imaging", "has not had an MRI")
_ANY_STUDY = re.compile(r"\bimaging\b|\bdiagnostic (?:studies|testing)\b|" + "|".join(p for _, p in STUDY_WORDS), re.I)


def _kind_of(word: str) -> Service | None:
    return next((service for service, p in STUDY_WORDS if re.fullmatch(rf"(?:{p})", word, re.I)), None)


def read_repeat_study(text: Text, studies: list[PriorStudy], items: list[DisputedItem], reading: Reading) -> None:
    """Whether a requested study was already done (`prior_imaging_same_region`): a study of the same kind and region
    on record, or a request for a "repeat" study (True); the record's statement that no such study was done, "no
    prior imaging", "has never had an MRI of the lumbar spine" (False)."""
    for n, item in enumerate(items, 1):
        if item.service not in STUDY_SERVICES:
            continue
        kinds = same_study(item.service)
        regions = {bp.region for bp in item.body_parts}
        same = [p for p in studies if p.service in kinds and p.region in regions]
        if same or re.search(r"\brepeat\b", item.text, re.I):
            reading.add("findings.prior_imaging_same_region", True, item.text, "studies", position=10_000 + n)
            continue
        for pos, s in text.numbered():
            if is_other_source(s):
                continue
            for m in _ANY_STUDY.finditer(s):
                kind = _kind_of(m.group(0))
                if kind is not None and kind not in kinds:
                    continue
                region = _region_near(s, m.start(), m.end())
                if region is not None and region.region not in regions:
                    continue
                if _none_done(s, m.start(), m.end()):
                    reading.add("findings.prior_imaging_same_region", False, s, "studies", position=pos)
                    break
