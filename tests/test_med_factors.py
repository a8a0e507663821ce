"""The morphine-equivalent conversion factors live in two places that must agree: the per-drug thresholds of
`rules/opioids.yaml` (80 mg MED divided by the factor, each with its note) and `engine/view.MED_FACTORS`, which adds
the daily MED of several opioids (a rule condition cannot multiply). A factor changed in one place fails here."""

from __future__ import annotations

import math
import re
from pathlib import Path

import yaml

from engine.view import MED_FACTORS

RULES = Path(__file__).resolve().parent.parent / "rules" / "opioids.yaml"


def _per_drug_thresholds() -> dict[str, tuple[float, str]]:
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]
    out = {}
    for rule in rules:
        m = re.fullmatch(r"OPI-MED-([A-Z]+)", rule["id"])
        if m and m.group(1) != "TOTAL":
            mg = rule["thresholds"]["mg"]
            out[m.group(1).lower()] = (mg["value"], mg["note"])
    return out


def test_every_per_drug_threshold_has_the_factor_view_uses() -> None:
    thresholds = _per_drug_thresholds()
    assert set(thresholds) == set(MED_FACTORS)
    for drug, (value, note) in thresholds.items():
        factor = MED_FACTORS[drug]
        assert value == math.floor(80 / factor + 1e-9), drug
        assert re.search(rf"conversion factor of {factor:g}\b", note), drug
