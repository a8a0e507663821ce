"""The MTUS eras the engine distinguishes, read from the guideline catalog: their dates live in `guidelines/`
and nowhere else.

An era is named by the documents that open it: the Chronic Pain guideline of 2009, its 2016 update (with the
Opioids guideline), and the ACOEM-based MTUS (the ACOEM Chronic Pain guideline of 2017 stands for the set
adopted together). The MTUS Drug Formulary governs drugs from its own first day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from engine.loader import Loaded

#: the catalog documents whose windows mark the eras, in order, with how the coverage table names each era
ERA_DOCUMENTS: tuple[tuple[str, str], ...] = (
    ("cpmtg-2009", "CPMTG 2009"),
    ("cpmtg-2016", "CPMTG 2016, Opioids 2016"),
    ("acoem-2017-chronic-pain", "ACOEM-based MTUS"),
)
#: the drug formulary's catalog document
FORMULARY_DOCUMENT = "mtus-formulary-2018"


@dataclass(frozen=True)
class Era:
    """One MTUS era: its name and first and last request dates (inclusive; None is open)."""

    name: str
    start: dt.date
    end: dt.date | None

    @property
    def label(self) -> str:
        """How the coverage table heads the era's column."""
        if self.end is None:
            return f"from {self.start} ({self.name})"
        return f"{self.start} .. {self.end} ({self.name})"


def eras(loaded: Loaded) -> list[Era]:
    """The eras, from the windows of their catalog documents (a private catalog may lack some)."""
    return [Era(name, doc.effective_from, doc.effective_to) for doc_id, name in ERA_DOCUMENTS
            if (doc := loaded.guidelines.get(doc_id)) is not None]


def acoem_era_start(loaded: Loaded) -> dt.date | None:
    """The first day of the ACOEM-based MTUS, whose text this project does not encode."""
    doc = loaded.guidelines.get(ERA_DOCUMENTS[-1][0])
    return doc.effective_from if doc else None


def formulary_start(loaded: Loaded) -> dt.date | None:
    """The first day of the MTUS Drug Formulary (8 CCR §§9792.27.1-9792.27.23), not encoded either."""
    doc = loaded.guidelines.get(FORMULARY_DOCUMENT)
    return doc.effective_from if doc else None
