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
