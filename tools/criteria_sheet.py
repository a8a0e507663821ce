#!/usr/bin/env python3
"""Print every rule's guideline criterion (the quote or our summary, where it was read) without its logic, as a
sheet a reviewer or a blind conformance author can write cases from: the cases then test whether each rule's
condition says what its own criterion says (issue 7: "a reviewer can check one rule against one paragraph").

    python tools/criteria_sheet.py [RULE_FILE ...]      # default: every file under rules/

Left out on purpose: `when`, `require`, thresholds, rationales and `read_in` notes (how we read the text), so that
the sheet does not carry our reading to the author.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _criteria(rule: dict[str, Any]) -> list[dict[str, Any]]:
    c = rule.get("criterion") or []
    return c if isinstance(c, list) else [c]


def sheet(path: Path) -> str:
    data = yaml.safe_load(path.read_text()) or {}
    out = [f"## {path.stem}\n"]
    for rule in data.get("rules") or []:
        services = ", ".join(rule.get("services") or []) or "(a derived fact)"
        out.append(f"### {rule.get('id')}\n- services: {services}")
        if rule.get("same_in"):
            out.append(f"- also applies in: {', '.join(map(str, (rule['same_in'] or {}).values()))}")
        for c in _criteria(rule):
            where = c.get("cite", "")
            if c.get("page"):
                where += f", p. {c['page']}"
            if c.get("quote"):
                out.append(f"- {where}: \"{' '.join(str(c['quote']).split())}\"")
            if c.get("summary"):
                out.append(f"- {where} (our words): {' '.join(str(c['summary']).split())}")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((ROOT / "rules").glob("*.yaml"))
    print("\n".join(sheet(f) for f in files))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
