"""Which kind of injection a prior injection's relief was stated for (`Findings.injection_relief_kind`).

The history reader reads the relief (`history.read_injection_relief`: percent and weeks of the injection its clause
names); this reader names the kind of that same injection, from the same sentence, so that a requested injection of
another kind does not take the relief as its own (an epidural's 60% is no trigger point injection's relief). Where
the sentence does not name the kind ("the injection gave 60% relief"), none is read and the relief stays the case's.
"""

from __future__ import annotations

from engine.narrative.evidence import Reading
from engine.narrative.history import injection_reliefs

_PATHS = ("findings.injection_relief_percent", "findings.injection_relief_weeks")


def read_relief_kind(reading: Reading) -> None:
    """For each sentence the relief was read from, the kind of the injection whose clause gave that relief."""
    read: dict[int, dict[str, object]] = {}
    sentences: dict[int, str] = {}
    for path in _PATHS:
        for e in reading.of(path):
            read.setdefault(e.position, {})[path] = e.value
            sentences[e.position] = e.sentence
    for pos, values in read.items():
        pct, weeks = values.get(_PATHS[0]), values.get(_PATHS[1])
        kinds = [kind for kind, p, w in injection_reliefs(sentences[pos]) if (p, w) == (pct, weeks)]
        if kinds and kinds[-1] is not None:
            reading.add("findings.injection_relief_kind", kinds[-1], sentences[pos], "relief_kind", position=pos)
