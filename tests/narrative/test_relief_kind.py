"""An injection's relief belongs to the kind of injection it was stated for (`Findings.injection_relief_kind`): when
an epidural and a trigger point injection are both requested, the epidural's relief is not the trigger point
injections' (`engine.view.scoped_findings`)."""

from __future__ import annotations

from engine import extract_case
from engine.facts import Case
from engine.view import scoped_findings
from engine.vocab import Service

HEADER = "Case Number: K-1\nDate of Injury: 01/05/2014\nUR Denial Date: 06/01/2016\n\nCLINICAL CASE SUMMARY\n"
BOTH = "\n\nDISPUTED ITEMS\nRepeat lumbar epidural steroid injection L4-5\nTrigger point injections x 4 lumbar\n"


def case(text: str, items: str = BOTH) -> Case:
    return extract_case(HEADER + text + items).case


def relief_for(c: Case, service: Service) -> tuple[float | None, float | None]:
    item = next(it for it in c.items if it.service is service)
    f = scoped_findings(c, item)
    return f.injection_relief_percent, f.injection_relief_weeks


def test_epidural_relief_is_the_epidurals_only() -> None:
    c = case("A lumbar epidural steroid injection on 01/10/2015 gave 60% relief for 8 weeks. "
             "Trigger point injections were also given in 2015.")
    assert c.findings.injection_relief_kind == "epidural"
    assert relief_for(c, Service.epidural_steroid_injection) == (60, 8)
    assert relief_for(c, Service.trigger_point_injection) == (None, None)


def test_trigger_point_relief_is_the_trigger_point_injections_only() -> None:
    c = case("Trigger point injections on 03/02/2015 gave 70% relief for 6 weeks. "
             "He had a lumbar epidural steroid injection in 2014.")
    assert c.findings.injection_relief_kind == "trigger_point"
    assert relief_for(c, Service.trigger_point_injection) == (70, 6)
    assert relief_for(c, Service.epidural_steroid_injection) == (None, None)


def test_relief_of_an_unnamed_kind_serves_the_request() -> None:
    c = case("He had a lumbar epidural steroid injection in 2014. The injection gave 60% relief for 8 weeks.",
             "\n\nDISPUTED ITEMS\nRepeat lumbar epidural steroid injection L4-5\n")
    assert relief_for(c, Service.epidural_steroid_injection) == (60, 8)


def test_a_medial_branch_block_serves_a_neurotomy() -> None:
    c = case("Diagnostic medial branch blocks at L4-5 on 10/02/2015 gave 80% pain relief.",
             "\n\nDISPUTED ITEMS\nRadiofrequency ablation bilateral L4-5\n")
    assert c.findings.injection_relief_kind == "facet"
    assert relief_for(c, Service.radiofrequency_ablation)[0] == 80
