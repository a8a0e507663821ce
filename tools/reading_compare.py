"""The one comparison of a reading with expected facts, field family by field family, exactly as the shared scorer
(`../shared/imr-dev/reading.py`) compares them: items by position (service, quantity, remainder, follows_surgery,
regions), findings (each key over the union of keys either side sets), history (kind -> sessions, "absent" when a
kind is missing), medications (generic names), prior studies (service, region), the three dates, and whether
diagnoses exist. `tools/dials.py`, `tools/corpus_reading.py` and `tools/holdout_reading.py` each tally these rows
their own way; the comparison itself is here once."""

from __future__ import annotations

from typing import Any

ITEM_FIELDS = ("item.service", "item.quantity", "item.remainder", "item.follows_surgery", "item.regions")

#: the findings the case schema had when the corrected dev facts were made (commit f6ebedb): findings added since
#: are absent from every corrected file, so the official comparison counts each reading of them as a miss
FINDINGS_AT_CORRECTION = frozenset({
    "aberrant_behavior", "acute_exacerbation", "bleeding_risk", "cardiac_risk", "drug_tests_past_year",
    "electrodiagnostic_corroboration", "entrapment_signs", "failed_conservative_care", "failed_return_to_work",
    "first_line_failed", "focal_neuro_deficit", "functional_improvement", "gi_risk", "home_exercise_program",
    "homebound", "imaging_corroboration", "imaging_surgical_lesion", "injection_relief_percent",
    "injection_relief_weeks", "knee_acute_signs", "knee_instability", "knee_mechanical_signs", "muscle_spasm",
    "near_mmi", "neuropathic_pain", "objective_functional_deficit", "opioid_monitoring", "ottawa_signs",
    "pain_relief_documented", "pain_score", "prior_imaging_same_region", "radicular_signs", "red_flags",
    "sitting_standing_intolerance", "surgery_approved", "surgery_arthroscopic", "surgery_complex", "surgery_date",
    "surgery_open", "surgery_planned", "surgery_procedure", "surgical_candidate", "trigger_points", "weaning_plan",
    "work_status",
})

Row = tuple[str, str, Any, Any]


def items_of(d: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Each item's compared fields, in order."""
    out = []
    for it in d.get("items") or []:
        regions = sorted({bp.get("region") for bp in it.get("body_parts") or [] if isinstance(bp, dict)}, key=str)
        out.append((it.get("service"), it.get("quantity"), bool(it.get("remainder")), it.get("follows_surgery"),
                    tuple(regions)))
    return out


def history_of(d: dict[str, Any]) -> dict[Any, Any]:
    """kind -> sessions."""
    return {h.get("kind"): h.get("sessions") for h in d.get("history") or [] if isinstance(h, dict)}


def compare(got: dict[str, Any], want: dict[str, Any], *, original_fields: bool = False) -> list[Row]:
    """(family, key, got, want) for every compared field (with `original_fields`, findings added to the schema after
    the corrected dev facts were made are left out)."""
    rows: list[Row] = []
    gi, wi = items_of(got), items_of(want)
    for k in range(max(len(gi), len(wi))):
        g = gi[k] if k < len(gi) else (None,) * 5
        w = wi[k] if k < len(wi) else (None,) * 5
        for name, a, b in zip(ITEM_FIELDS, g, w, strict=True):
            rows.append((name, str(k + 1), a, b))
    gf, wf = got.get("findings") or {}, want.get("findings") or {}
    for key in sorted(set(gf) | set(wf)):
        if not original_fields or key in FINDINGS_AT_CORRECTION:
            rows.append(("findings", key, gf.get(key), wf.get(key)))
    gh, wh = history_of(got), history_of(want)
    for kind in sorted(set(gh) | set(wh), key=str):
        rows.append(("history", str(kind), gh.get(kind, "absent"), wh.get(kind, "absent")))
    gm = {str(m.get("generic") or m.get("name")).lower() for m in got.get("medications") or []}
    wm = {str(m.get("generic") or m.get("name")).lower() for m in want.get("medications") or []}
    for m in sorted(gm | wm):
        rows.append(("medications", m, m in gm, m in wm))
    gs = {(s.get("service"), s.get("region")) for s in got.get("prior_studies") or []}
    ws = {(s.get("service"), s.get("region")) for s in want.get("prior_studies") or []}
    for s in sorted(gs | ws, key=str):
        rows.append(("prior_studies", str(s), s in gs, s in ws))
    for key in ("injury", "request", "ur_decision"):
        rows.append(("dates", key, str((got.get("dates") or {}).get(key)), str((want.get("dates") or {}).get(key))))
    rows.append(("diagnoses_present", "", bool(got.get("diagnoses")), bool(want.get("diagnoses"))))
    return rows


def detail(family: str, key: str, got: Any, want: Any) -> str:
    """One disagreement as the listings print it."""
    if family.startswith("item."):
        return f"#{key} got={got} want={want}"
    return f"{key}: got={got} want={want}" if key else f"got={got} want={want}"
