"""From case text to decision, one written case per kind of disagreement the fidelity work addressed (issue 7):
the reader states what the text says and the rule says what its guideline paragraph says. The texts are
written for these tests; none is taken from a letter."""

from __future__ import annotations

import pytest

from engine import Engine, extract_case

HEADER = "Case Number: E2E\nDate of Injury: {injury}\nUR Denial Date: {ur}\n"


def decide(engine: Engine, summary: str, items: str, injury: str = "03/01/2016", ur: str = "10/03/2016") -> list[str]:
    text = f"{HEADER.format(injury=injury, ur=ur)}\nCLINICAL CASE SUMMARY\n{summary}\n\nDISPUTED ITEMS\n{items}\n"
    result = engine.evaluate(extract_case(text).case)
    return [f"{it.decision}:{','.join(it.rules)}" for it in result.items]


CASES = [
    pytest.param(
        # alternatives stay alternatives: a failed strengthening program alone supports shoulder imaging
        "The injured worker is a 44 year old male with right shoulder pain. Treatment to date has included 12 "
        "sessions of physical therapy for strengthening without improvement. He continues to report right "
        "shoulder pain rated 6/10 with weakness on elevation.",
        "MRI of the right shoulder without contrast", ["overturn:IMG-SHOULDER"], id="shoulder-imaging-alternatives"),
    pytest.param(
        # the low back chapter is a chain: nerve compromise, failed treatment AND surgery considered
        "The injured worker is a 44 year old male with low back pain. Treatment to date has included 12 sessions "
        "of physical therapy without improvement. Straight leg raise was positive on the left. Surgery has not been "
        "discussed.",
        "MRI of the lumbar spine", ["uphold:IMG-LUMBAR"], id="lumbar-imaging-chain"),
    pytest.param(
        # a benzodiazepine needs an anxiety, insomnia or seizure indication, not muscle spasm
        "The injured worker is a 44 year old male with low back pain and muscle spasm. Medications include "
        "Valium 5mg for spasm since 09/01/2016.",
        "Valium 5mg #30, one tablet three times a day", ["uphold:BENZO-SHORT-TERM"],
        id="benzodiazepine-for-spasm"),
    pytest.param(
        # a drug request without a dose or quantity cannot be certified as written
        "The injured worker is a 44 year old male with chronic low back pain.",
        "Gabapentin", ["uphold:DRUG-REQUEST-SPECIFIED"], id="drug-without-dose-or-quantity"),
    pytest.param(
        # a course already authorized and not yet used is a duplicate
        "The injured worker is a 44 year old male with chronic low back pain. Physical therapy for 6 sessions was "
        "authorized on 09/02/2016 but has not yet been started.",
        "Physical therapy 2 times a week for 3 weeks for the lumbar spine", ["uphold:REQ-NOT-DUPLICATE"],
        id="duplicate-of-an-authorized-course"),
    pytest.param(
        # chronic pain without any prior therapy in the listed treatment: an initial course within the cap
        "The injured worker is a 44 year old male with chronic low back pain and lumbar myofascial strain. "
        "Treatment to date has included medications and activity modification. He reports pain rated 5/10 and "
        "decreased lumbar range of motion.",
        "Physical therapy 2 times a week for 3 weeks for the lumbar spine", None, id="initial-therapy-course"),
]


@pytest.mark.parametrize("summary,items,expected", CASES)
def test_from_text_to_decision(engine: Engine, summary: str, items: str, expected: list[str] | None) -> None:
    got = decide(engine, summary, items)
    if expected is None:
        assert got[0].startswith("overturn:"), got
    else:
        assert got == expected
