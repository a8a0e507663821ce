"""Random but valid cases for the differential and thread tests: one generator, any source of choices.

`gen_case(pick, vocab)` takes `pick(options) -> one option`: hypothesis drives it with
`data.draw(st.sampled_from(options))` (so failures shrink), a seeded sweep with `random.Random(seed).choice`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from engine.checks import conditions
from engine.facts import Findings
from engine.ruleschema import Cmp, Rule
from engine.vocab import Region, Service

Pick = Callable[[Sequence[Any]], Any]

BOUNDARIES = [
    dt.date(2007, 6, 14),
    dt.date(2007, 6, 15),
    dt.date(2009, 7, 17),
    dt.date(2009, 7, 18),
    dt.date(2016, 7, 28),
    dt.date(2016, 7, 29),
    dt.date(2017, 11, 30),
    dt.date(2017, 12, 1),
]
# every 45 days from 2006 to 2019, plus every 16 days in the short 2016 window (2016-07-29..2017-11-30)
AS_OF_DATES = (
    BOUNDARIES
    + [dt.date(2006, 3, 1) + dt.timedelta(days=45 * k) for k in range(110)]
    + [dt.date(2016, 7, 30) + dt.timedelta(days=16 * k) for k in range(30)]
)
INJURY_OFFSETS = [None, 0, 20, 60, 95, 200, 400, 900, 2000, 4500, 6000]
SESSIONS = [None, 0, 1, 3, 4, 5, 6, 7, 8, 10, 12, 16, 18, 19, 20, 24, 26, 30]
QUANTITIES = [None, 0, 1, 2, 4, 6, 8, 9, 10, 12, 18, 24, 30, 60, 90, 120]
TRI = [None, True, False]
TOPIC_SERVICES = ["physical_therapy", "occupational_therapy", "chiropractic", "acupuncture"]
HISTORY_KINDS = [
    Service.physical_therapy,
    Service.occupational_therapy,
    Service.chiropractic,
    Service.acupuncture,
    Service.epidural_steroid_injection,
    Service.massage,
    Service.opioid,
]
MED_CLASSES = [
    Service.nsaid,
    Service.opioid,
    Service.muscle_relaxant,
    Service.antidepressant,
    Service.anticonvulsant,
    Service.ppi,
    Service.benzodiazepine,
    None,
]
DIAGNOSES = [
    "Lumbar sprain/strain",
    "Cervical radiculopathy",
    "CRPS type I right hand",
    "Osteoarthritis of the right knee",
    "Carpal tunnel syndrome",
    "L4-5 disc herniation",
    "Distal radius fracture",
    "Chronic pain syndrome",
    "Major depressive disorder",
    "Rotator cuff tear",
]
FINDING_FLAGS = [name for name, f in Findings.model_fields.items() if f.annotation in (bool | None,)]


def vocabulary(rules: list[Rule]) -> dict[str, list[Any]]:
    """The strings rules compare facts with, and the services rules decide: generated facts hit them."""
    out: dict[str, set[Any]] = {"services": {s.value for r in rules for s in r.services}}
    for rule in rules:
        for node, _ in conditions(rule):
            if isinstance(node, Cmp):
                values = node.operand if isinstance(node.operand, list) else [node.operand]
                out.setdefault(node.fact, set()).update(v for v in values if isinstance(v, str))
    return {k: sorted(v) for k, v in out.items()}


def gen_case(pick: Pick, strings: dict[str, list[Any]]) -> tuple[dict[str, Any], dt.date, list[str | None]]:
    """A valid case dict, the date to evaluate it on, and an index outcome per item."""
    as_of = pick(AS_OF_DATES)
    offset = pick(INJURY_OFFSETS)
    dates: dict[str, Any] = {pick(["request", "ur_decision"]): as_of}
    if offset is not None:
        dates["injury"] = as_of - dt.timedelta(days=offset)
    history = []
    for _ in range(pick([0, 1, 1, 2, 3])):
        course: dict[str, Any] = {
            "kind": pick(HISTORY_KINDS),
            "sessions": pick(SESSIONS),
            "functional_improvement": pick(TRI),
            "postsurgical": pick([False, False, True]),
        }
        history.append(course)
    findings = {name: pick(TRI) for name in FINDING_FLAGS}
    medications = [
        {
            "name": "study drug",
            "drug_class": pick(MED_CLASSES),
            "since": as_of - dt.timedelta(days=pick([3, 30, 120, 400])),
        }
        for _ in range(pick([0, 0, 1, 2]))
    ]
    # encoded services three times as likely as the others, the four core topics far more
    services = [s.value for s in Service] + 2 * strings["services"] + 6 * TOPIC_SERVICES
    items = []
    n_items = pick([1, 1, 2, 3])
    for i in range(n_items):
        item: dict[str, Any] = {
            "text": f"requested item {i + 1}",
            "service": pick([*services, None]),
            "quantity": pick(QUANTITIES),
        }
        # frequency and duration are given with or without a quantity (the quantity wins for the count)
        item["frequency_per_week"] = pick([None, None, 1, 2, 3, 4, 2.5])
        item["duration_weeks"] = pick([None, 1, 2, 3, 4, 6])
        n_regions = pick([0, 1, 1, 2])
        item["body_parts"] = [
            {"region": pick(list(Region)), "side": pick([None, "left", "right", "bilateral"])} for _ in range(n_regions)
        ]
        for flag in ("postoperative", "additional", "remainder", "retrospective"):
            item[flag] = pick([False, False, True])
        item["certified_part_response"] = pick(TRI)
        for path, field in (("item.modality", "modality"), ("item.drug", "drug")):
            if strings.get(path):
                item[field] = pick([None, *strings[path]])
        if strings.get("item.ingredients"):
            item["ingredients"] = [v for v in strings["item.ingredients"][:6] if pick([False, False, True])]
        if i > 0:
            item["follows_surgery"] = pick([None, None, 1])
        items.append(item)
    diagnoses = [{"text": pick(DIAGNOSES)} for _ in range(pick([0, 1, 1, 2]))]
    case = {
        "case_id": "GEN",
        "dates": dates,
        "patient": {"age": pick([None, 19, 44, 71])},
        "diagnoses": diagnoses,
        "history": history,
        "findings": findings,
        "medications": medications,
        "items": items,
    }
    outcomes = [pick([None, "overturn", "uphold", "not_covered"]) for _ in items]
    return case, as_of, outcomes
