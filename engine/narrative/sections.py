"""Splitting narrative input into its parts: header dates, clinical summary, disputed items.

Two layouts are read: the IMR case layout (header lines, CLINICAL CASE SUMMARY, DISPUTED ITEMS) and a whole
determination letter, whose items come from the IMR ISSUES section. In a letter, every decision word,
guideline line and rationale is dropped here, before anything else reads the text: the engine never sees
the answer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from engine.narrative.textnum import first_date, first_period

_DECISION = re.compile(r":\s*(?:Overturned|Upheld)\s*$", re.I)


@dataclass
class Parts:
    """The pieces of a narrative case."""

    case_id: str | None = None
    injury: dt.date | None = None
    ur_date: dt.date | None = None
    request: dt.date | None = None
    onset: dt.date | None = None
    """The start of an injury period the header gives ("Date of Injury: 01/01/2014 - 03/04/2015", a cumulative trauma
    claim: the injury date is its end)."""
    summary: str = ""
    items: list[str] = field(default_factory=list)
    letter: bool = False


#: the longest line read as one entry of a list written one a line (a hard-wrapped line of prose is longer)
LIST_LINE_CHARS = 60


#: the longest heading line that opens a list written one entry a line when the line starts a paragraph ("Prior
#: treatment (per the 11/29/2016 initial comprehensive report):"); a heading is a line that ends with a colon, and
#: a longer one inside a paragraph is wrapped prose ("... summarized the treatment to date as follows:")
LIST_HEADING_CHARS = 100
#: a line that opens an entry of a bulleted list ("- Physical therapy, 24 visits", "• ESI x2"): the bullet, not
#: the line's length, says it is an entry, and the entry runs on over its wrapped lines up to the next bullet
BULLET = re.compile(r"^\s*(?:[-•*●▪–]|o(?=\s))\s+\S")
#: a run of leader dots (after a space, or five or more) or underscores between a row's label and its value
#: ("Physical therapy ........ none"), read as the colon it stands for; an ellipsis ("therapy.... none of it
#: helped") is no leader
LEADER = re.compile(r"(?<=\S)(?:\s+\.{3,}|\.{5,}|\s*_{4,})\s*(?=\S)")
#: how a line that ends a paragraph's sentence, or a heading, ends
_ENDS_SENTENCE = re.compile(r"[.:;!?]\s*$")


#: a table's row, indented, "Label: value" (a leader already read as the colon): an entry of the list even when longer
#: than a list line ("  Acupuncture: 6 visits, 2016; pain 8 -> 6, no change in function")
_LABELLED_ROW = re.compile(r"^[A-Z][\w /()&-]{1,30}:\s+\S")


def _starts_paragraph(lines: list[str], i: int) -> bool:
    """Whether line `i` opens a paragraph, a list or a sentence: the first line, after a blank line, or after a line
    that ends a sentence or a heading."""
    return i == 0 or not lines[i - 1].strip() or bool(_ENDS_SENTENCE.search(lines[i - 1]))


def end_bullets(text: str) -> str:
    """A bulleted list keeps its entries apart when the lines are joined: the last line of each entry ends with a
    semicolon, the list's last entry with a stop, unless it already ends with punctuation. A bullet opens an entry
    where a new line may start one (`_starts_paragraph`, or after another entry): a dash that opens a wrapped line
    of prose ("her pain\n- on a good day - is 4/10") is no bullet. An entry runs on over the lines after it that
    are indented or begin in lower case (a wrapped line), up to the next bullet or a blank line."""
    lines = text.split("\n")
    bullet = [False] * len(lines)
    ends: dict[int, bool] = {}
    i = 0
    while i < len(lines):
        if not (BULLET.match(lines[i]) and (_starts_paragraph(lines, i) or (i - 1) in ends)):
            i += 1
            continue
        bullet[i] = True
        j = i
        while (j + 1 < len(lines) and lines[j + 1].strip() and not BULLET.match(lines[j + 1])
               and (lines[j + 1][:1].isspace() or lines[j + 1][:1].islower())):
            j += 1
        ends[j] = j + 1 < len(lines) and bool(BULLET.match(lines[j + 1]))
        i = j + 1
    out = []
    for k, line in enumerate(lines):
        if k in ends and not re.search(r"[.;!?]\s*$", line):
            line = line.rstrip().rstrip(",:") + (";" if ends[k] else ".")
        out.append(line)
    return "\n".join(out)


def end_list_lines(text: str) -> str:
    """A list written one entry a line under a heading ("Medications:" then "Norco 10/325 mg", "Soma 350 mg") keeps
    its entries apart when the lines are joined: each short line after a heading that ends with a colon, up to a
    blank or a longer line, ends with a semicolon, the last with a stop, as the same list written in a sentence
    ends. A line that already ends with punctuation, or with a word that joins it to the next, is left alone."""
    lines = text.split("\n")
    entry = [False] * len(lines)
    in_list = False
    for i, line in enumerate(lines):
        st = line.strip()
        row = len(st) <= LIST_LINE_CHARS or (len(st) <= LIST_HEADING_CHARS and line[:1].isspace()
                                             and _LABELLED_ROW.match(st) is not None)
        if in_list and st and row and not re.search(r"[.,;:!?]$|\b(?:and|or|with|of)$", st):
            entry[i] = True
        else:
            in_list = False
        heading = re.split(r"(?<=[.!?])\s+", st)[-1]  # the last sentence of the line: "... visit. Medications:"
        if heading.endswith(":") and (len(heading) <= LIST_LINE_CHARS or (
                len(heading) <= LIST_HEADING_CHARS and heading == st and _starts_paragraph(lines, i))):
            in_list = True
    out = []
    for i, line in enumerate(lines):
        if entry[i]:
            more = i + 1 < len(lines) and entry[i + 1]
            line = line.rstrip() + (";" if more else ".")
        out.append(line)
    return "\n".join(out)


#: shorthand that stands for a word every reader reads ("pain w/o radiation", "RTW w/ restrictions"), and the word;
#: the readers' phrasings are written with the words, so the summary is read with them
SHORTHAND: tuple[tuple[str, str], ...] = (
    (r"(?<![\w/])w/o(?![\w/])", "without"),
    (r"(?<![\w/])w/\s*(?=[A-Za-z0-9])(?!c\b)", "with "),
)


def expand_shorthand(text: str) -> str:
    """The text with `SHORTHAND` written out."""
    for pattern, word in SHORTHAND:
        text = re.sub(pattern, word, text)
    return text


def join_lines(text: str) -> str:
    """Undo hard wrapping and hyphen splits: `radicul-\\nopathy` -> `radiculopathy`, `11-8- 16` -> `11-8-16` (a list
    written one entry a line keeps its entries apart: `end_list_lines`)."""
    t = re.sub(r"(\d)-\s*\n\s*(\d)", r"\1-\2", end_list_lines(end_bullets(LEADER.sub(": ", text))))
    t = re.sub(r"([a-z])-\s*\n\s*([a-z])", r"\1\2", t)
    t = re.sub(r"\s*\n\s*", " ", t)
    t = re.sub(r"(\d{1,2}-\d{1,2}-)\s+(\d{2,4})\b", r"\1\2", t)
    t = re.sub(r"\.([A-Z][a-z])", r". \1", t)
    return re.sub(r"\s{2,}", " ", t).strip()


#: how a case header labels its fields, one pattern per field (the IMR layout, and the usual abbreviations)
HEADER_LABELS = {
    "case_id": r"(?:Case (?:Number|No\.?|#)|IMR Case (?:Number|No\.?))",
    "injury": r"(?:Date of (?:Injury|Injury/Illness|Industrial Injury)|Injury Date|DOI|D/I)",
    "ur_date": r"(?:UR (?:Denial|Decision|Determination) Date|Date of (?:the )?UR (?:Denial|Decision|Determination)|"
               r"UR Date|Utilization Review (?:Denial |Decision )?Date)",
}


def _header_value(text: str, label: str) -> str | None:
    m = re.search(rf"\b{label}\s*:\s*([^\n]*?)(?=\s{{2,}}|\s*(?:Date|UR|Decision|Priority|DOI|D/I)\b|$)", text,
                  re.I | re.M)
    return m.group(1).strip() if m else None


#: labels a header line may give without a colon or with a word between ("DOI 08/19/2009 | UR 03/02/2016", "RFA
#: dated 03/03/2015", "UR non-cert 03/10/2015"), read only in the header block at the top (`_header_block`)
LOOSE_HEADER_LABELS = {
    "injury": HEADER_LABELS["injury"],
    "ur_date": r"(?:Utilization Review|UR)",
    "request": r"(?:Request for Authorization|RFA)",
}
#: what separates two header values written on one line ("DOI 09/14/2013 -- UR 01/08/2015", "DOI ... | UR ...")
_HEADER_SEPARATOR = re.compile(r"\s(?:\||--|;)\s")
#: a header line: short, and it names a header label (`HEADER_LABELS`, `LOOSE_HEADER_LABELS`)
_HEADER_LINE = re.compile("|".join(rf"\b{label}\b" for label in (*HEADER_LABELS.values(), *LOOSE_HEADER_LABELS.values())),
                          re.I)
HEADER_LINE_CHARS = 80


def _header_block(text: str) -> str:
    """The header lines at the top of a case (up to its first blank line), when every one of them is a short line
    naming a header label; "" when the text opens with anything else."""
    lines = text.strip().split("\n\n", 1)[0].splitlines()
    if lines and all(len(ln) <= HEADER_LINE_CHARS and _HEADER_LINE.search(ln) for ln in lines):
        return "\n".join(lines)
    return ""


def _loose_header_date(block: str, label: str) -> dt.date | None:
    """The first date after `label` in the header block, up to the next value on its line."""
    for line in block.splitlines():
        for part in _HEADER_SEPARATOR.split(line):
            m = re.search(rf"\b{label}\b", part, re.I)
            if m:
                return first_date(part[m.end():])
    return None


def _section(text: str, start: str, ends: list[str]) -> str | None:
    m = re.search(start, text, re.I | re.M)
    if not m:
        return None
    rest = text[m.end():]
    cut = len(rest)
    for e in ends:
        m2 = re.search(e, rest, re.M)
        if m2:
            cut = min(cut, m2.start())
    return rest[:cut]


def _letter_items(section: str) -> list[str]:
    items: list[str] = []
    pending: list[str] = []
    for raw in section.splitlines():
        line = raw.strip()
        if not line:
            pending = []
            continue
        if re.match(r"(?:Claims Administrator guideline|MAXIMUS guideline|Decision rationale|The Final Determination)",
                    line, re.I):
            pending = []
            continue
        if re.fullmatch(r"(?:Overturned|Upheld)", line, re.I) and pending and pending[-1].endswith(":"):
            items.append(" ".join(pending).rstrip(":").strip())
            pending = []
        elif _DECISION.search(line):
            items.append(" ".join([*pending, _DECISION.sub("", line)]).strip())
            pending = []
        else:
            pending.append(line)
            pending = pending[-3:]
    return items


def split(text: str) -> Parts:
    """Find the header, summary and items of a narrative case or letter. Raises ValueError if there are none."""
    parts = Parts()
    head = text[:1500]
    cn = _header_value(head, HEADER_LABELS["case_id"])
    parts.case_id = cn.split()[0] if cn else None
    for attr in ("injury", "ur_date"):
        value = _header_value(head, HEADER_LABELS[attr])
        if value:
            setattr(parts, attr, first_date(value))
    injury = _header_value(head, HEADER_LABELS["injury"])
    period = first_period(injury, re.compile(r"[\s(]*(?:CT|cumulative(?: trauma)?|continuous(?: trauma)?)?[\s:)]*",
                                             re.I)) if injury else None
    if period:
        parts.onset, parts.injury = period[0], period[1]
    block = _header_block(text)
    for attr, label in LOOSE_HEADER_LABELS.items():
        if getattr(parts, attr) is None and block:
            setattr(parts, attr, _loose_header_date(block, label))
    summary = _section(text, r"CLINICAL CASE SUMMARY", [r"\bDISPUTED ITEMS\b", r"IMR ISSUES, DECISIONS"])
    if summary is None and re.search(r"^\s*DISPUTED ITEMS\s*$", text, re.M):
        # a note without the summary heading (a PR-2, a reviewer's abstract): its summary is all it says between
        # the header lines and the items
        body = text.strip()[len(block):] if block else text
        summary = _section("\n" + body, r"\A", [r"^\s*DISPUTED ITEMS\s*$"])
    if summary is None or not summary.strip():
        raise ValueError("no CLINICAL CASE SUMMARY section, and no summary text before DISPUTED ITEMS: a narrative "
                         "case needs its clinical summary and its items (see README, case files)")
    summary = re.sub(r"^\s*The expert reviewer developed the following clinical case summary based on a "
                     r"review of the\s+case file, including all medical records:\s*", "", summary, flags=re.I)
    parts.summary = expand_shorthand(join_lines(summary))
    disputed = _section(text, r"^\s*DISPUTED ITEMS\s*$", [r"^\s*[A-Z][A-Z ,]{8,}$"])
    if disputed is not None:
        parts.items = [ln.strip(" -•*\t") for ln in disputed.splitlines() if ln.strip(" -•*\t")]
    else:
        issues = _section(text, r"IMR ISSUES, DECISIONS AND RATIONALES", [r"\Z"])
        if issues is not None:
            parts.letter = True
            parts.items = _letter_items(issues)
    if not parts.items:
        raise ValueError("no disputed items: expected a DISPUTED ITEMS section (one request per line) "
                         "or a letter's IMR ISSUES section")
    return parts
