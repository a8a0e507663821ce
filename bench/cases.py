"""A fixed, varied set of cases for the benchmarks (PT/OT, chiropractic, acupuncture, 2009 and 2016 dates)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine import Case  # noqa: E402

DIAGNOSES = [
    "Lumbar sprain/strain",
    "CRPS type I right hand",
    "Osteoarthritis of the left knee",
    "Cervical radiculopathy",
    None,
]
SERVICES = ["physical_therapy", "occupational_therapy", "chiropractic", "acupuncture"]
REGIONS = ["lumbar", "cervical", "knee", "hand", "shoulder"]


def bench_cases(n: int = 240) -> list[Case]:
    """`n` distinct cases, one to three items each, some facts unknown."""
    out = []
    for k in range(n):
        request = dt.date(2014, 1, 6) + dt.timedelta(days=(k * 37) % 1400)  # 2014-01 .. 2017-11
        service = SERVICES[k % len(SERVICES)]
        dx = DIAGNOSES[k % len(DIAGNOSES)]
        sessions = None if k % 11 == 0 else (k * 7) % 25
        improvement = [True, False, None][k % 3]
        items = [
            {
                "text": f"{service} x{4 + k % 6}",
                "service": service,
                "quantity": 4 + k % 6,
                "body_parts": [{"region": REGIONS[k % len(REGIONS)]}],
            }
        ]
        if k % 3 == 0:
            items.append(
                {
                    "text": "acupuncture 2x3",
                    "service": "acupuncture",
                    "frequency_per_week": 2 + k % 3,
                    "duration_weeks": 3,
                }
            )
        if k % 5 == 0:
            items.append({"text": "ergonomic chair", "service": "other"})
        out.append(
            Case.model_validate(
                {
                    "case_id": f"BENCH-{k:04d}",
                    "dates": {"injury": request - dt.timedelta(days=90 + k % 700), "request": request},
                    "diagnoses": [{"text": dx}] if dx else [],
                    "history": [
                        {"kind": service, "sessions": sessions, "functional_improvement": improvement},
                        {"kind": "acupuncture", "sessions": k % 8},
                    ],
                    "findings": {"objective_functional_deficit": True if k % 2 else None, "red_flags": False},
                    "items": items,
                }
            )
        )
    return out


_MECHANISMS = ["lifting boxes", "a fall from a ladder", "repetitive keyboard work", "pulling a pallet jack",
               "a motor vehicle accident at work"]
_REGIONS = [("lumbar spine", "low back", "lumbar sprain and lumbar radiculitis"),
            ("cervical spine", "neck", "cervical sprain and cervical radiculopathy"),
            ("right knee", "right knee", "right knee medial meniscus tear"),
            ("left shoulder", "left shoulder", "left shoulder impingement syndrome"),
            ("right wrist", "right wrist", "right carpal tunnel syndrome")]
_REQUESTS = ["Physical therapy 2 times a week for 3 weeks for the {part}",
             "Chiropractic treatment x 6 for the {part}",
             "Acupuncture 1 time a week for 6 weeks",
             "MRI of the {part} without contrast",
             "Flexeril 10mg #90",
             "Norco 10/325mg #60",
             "TENS unit purchase",
             "Naproxen 550mg #60"]


def bench_narratives(n: int = 200) -> list[str]:
    """`n` distinct narrative cases in the IMR layout (header lines, a summary in prose, disputed items)."""
    out = []
    for k in range(n):
        injury = dt.date(2014, 3, 3) + dt.timedelta(days=(k * 29) % 900)
        visit = injury + dt.timedelta(days=60 + (k * 13) % 400)
        ur = visit + dt.timedelta(days=14)
        part, complaint, dx = _REGIONS[k % len(_REGIONS)]
        sessions = (k * 5) % 20
        he, sex = ("He", "male") if k % 2 else ("She", "female")
        improved = "with documented improvement in function" if k % 3 == 0 else "without functional improvement"
        exam = ["tenderness and decreased range of motion", "a positive straight leg raise on the right",
                "decreased sensation in the C6 dermatome",
                "medial joint line tenderness and a positive McMurray"][k % 4]
        items = [_REQUESTS[(k + j * 3) % len(_REQUESTS)].format(part=part) for j in range(1 + k % 3)]
        out.append(
            f"Case Number: BN-{k:05d}\n"
            f"Date of Injury: {injury:%m/%d/%Y}\n"
            f"UR Denial Date: {ur:%m/%d/%Y}\n\n"
            "CLINICAL CASE SUMMARY\n"
            f"The injured worker is a {30 + k % 35} year old {sex} who sustained an industrial injury on "
            f"{injury:%m-%d-%Y} while {_MECHANISMS[k % len(_MECHANISMS)]}. The diagnoses include {dx}. Treatment to "
            f"date has included medications and {sessions} sessions of physical therapy {improved}. Per the "
            f"progress report dated {visit:%m-%d-%Y}, {he.lower()} reported {complaint} pain rated {3 + k % 7}/10. "
            f"Examination revealed {exam}. Current medications include Naproxen 550mg since "
            f"{injury + dt.timedelta(days=20):%m/%d/%Y}. {he} remains on modified duty.\n\n"
            "DISPUTED ITEMS\n" + "\n".join(items) + "\n"
        )
    return out


def write_case_files(folder: Path, structured: int, narrative: int) -> None:
    """The benchmark cases as files a batch reads: YAML facts and narrative text."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    base = bench_cases()
    for k in range(structured):
        case = base[k % len(base)].model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        case["case_id"] = f"BENCH-S{k:05d}"
        (folder / f"s{k:05d}.yaml").write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    texts = bench_narratives(min(narrative, 400))
    for k in range(narrative):
        (folder / f"n{k:05d}.txt").write_text(texts[k % len(texts)], encoding="utf-8")
