"""Decisions as text a reviewer reads (the IMR letter's decision section), Markdown, or JSON."""

from __future__ import annotations

import json
import textwrap

from engine.decision import CaseResult, Citation, ItemResult

WORD = {"overturn": "Overturned", "uphold": "Upheld", "not_covered": "Not covered (for physician review)"}


def cite_line(citations: list[Citation]) -> str:
    """`Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.`"""
    if not citations:
        return "No encoded guideline applies."
    mtus = [c for c in citations if c.mtus]
    other = [c for c in citations if not c.mtus]
    parts = []
    by_doc: dict[str, list[str]] = {}
    for c in mtus:
        by_doc.setdefault(c.document, []).append(c.section)
    if by_doc:
        parts.append("Decision based on " + ", and ".join(
            f"{doc}, Section(s): {', '.join(secs)}" for doc, secs in by_doc.items()) + ".")
    for c in other:
        parts.append(f"Decision based on {c.document}, {c.section} (non-MTUS evidence).")
    return " ".join(parts)


def _wrap(label: str, text: str, indent: str = "") -> str:
    return textwrap.fill(f"{label}{text}", width=100, subsequent_indent=indent)


def item_text(item: ItemResult, explain: bool) -> str:
    """One item in the letter's layout."""
    lines = [f"{item.request}:  {WORD[item.decision]}", "", _wrap("MTUS guideline: ", cite_line(item.citations)), ""]
    lines.append(_wrap("Decision rationale: ", item.rationale))
    quotes = [c for c in item.citations if c.quote]
    for c in quotes:
        lines.append(_wrap(f'  "{c.quote}" ', f"({c.document}, {c.section})"))
    if item.missing:
        lines.append("Documentation that would meet the guideline:")
        lines.extend(f"  - {m}" for m in item.missing)
    if explain and item.criteria:
        lines.append("Criteria considered:")
        for cr in item.criteria:
            lines.append(f"  [{cr.status}] {cr.rule}: {cr.title} ({cr.citation.document}, {cr.citation.section})")
            lines.extend(_wrap("      guideline: ", " ".join(text.split()), " " * 17) for text in cr.guideline)
            for ch in cr.checks:
                lines.append(f"      {ch.fact} = {_v(ch.observed)}  {ch.op} {_v(ch.expected)}  -> {ch.result}")
    return "\n".join(lines)


def _v(value: object) -> str:
    return "unknown" if value is None else json.dumps(value) if not isinstance(value, str) else value


def case_text(result: CaseResult, explain: bool = False) -> str:
    """A whole case in the letter's layout."""
    head = [f"Case {result.case_id}", f"Guideline version as of: {result.as_of or 'unknown'}; "
            f"rule set {result.ruleset_version} (sha256 {result.ruleset_hash[:12]})", "",
            "IMR ISSUES, DECISIONS AND RATIONALES", ""]
    body = "\n\n".join(item_text(i, explain) for i in result.items)
    return "\n".join(head) + body + "\n"


def case_markdown(result: CaseResult, explain: bool = False) -> str:
    """A whole case as Markdown."""
    out = [f"## Case {result.case_id}", "",
           f"*As of {result.as_of or 'unknown'}; rule set `{result.ruleset_version}`*", ""]
    for item in result.items:
        out += [f"### {item.request}: **{WORD[item.decision]}**", "", f"*{cite_line(item.citations)}*", "",
                item.rationale, ""]
        for c in item.citations:
            if c.quote:
                out += [f"> {c.quote}", f"> — {c.document}, {c.section}", ""]
        if item.missing:
            out += ["Documentation that would meet the guideline:", ""] + [f"- {m}" for m in item.missing] + [""]
        if explain and item.criteria:
            out += ["| rule | status | citation |", "|---|---|---|"]
            out += [f"| {c.rule} | {c.status} | {c.citation.document}, {c.citation.section} |" for c in item.criteria]
            out.append("")
    return "\n".join(out)


def case_json(result: CaseResult, explain: bool = False) -> dict[str, object]:
    """The stable JSON contract (plus added fields); `criteria` only with explain."""
    data = result.model_dump(mode="json", exclude_none=False)
    for item in data["items"]:
        if not explain:
            item.pop("criteria", None)
    return data
