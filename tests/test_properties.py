"""Generated inputs, valid and broken (hypothesis; examples per run in tests/profiles.py):

1. case facts, as YAML or JSON, valid or mutated (a key deleted, a wrong type, a number out of range, an
   unknown field, a bad enum value, dates out of order): each yields a decision for every item, or a typed
   `CaseError` whose every problem names a line and says what is wrong, never the offending value;
2. narrative case texts assembled from phrases and then shuffled, truncated, mixed with other languages,
   given enormous numbers and impossible dates: the reader never crashes (a text without a summary or items
   is a `CaseError`), every item is decided without an engine error, and `mtus extract`'s YAML reads back;
3. rule files mutated (keys deleted, wrong types, unknown operators, dangling citations, duplicate ids, bare
   numbers, unknown facts, broken YAML): `load_and_check` never raises, and every diagnostic has a registered
   code and a line in the file; the mutations that must break the file give an error.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml
from casegen import gen_case, vocabulary
from hostile import GOOD_TEXT
from hypothesis import event, given
from hypothesis import strategies as st
from profiles import CI_EXAMPLES, examples

from engine import CODES, CaseError, Engine, extract_text_case, extract_yaml, load_and_check, parse_case_yaml
from engine.diagnostics import Severity

ROOT = Path(__file__).resolve().parent.parent
DECISIONS = {"overturn", "uphold", "not_covered"}

# --- 1. case facts -------------------------------------------------------------------------------------------

#: values no case field accepts where a number is expected, each of which must be refused with its field
BAD_NUMBERS: list[Any] = [-1, 10**23, 1e-7, float("inf"), "twelve", [3], {"n": 3}]
NUMBER_FIELDS = [("items", "quantity"), ("items", "frequency_per_week"), ("items", "strength_mg"),
                 ("history", "sessions"), ("patient", "age"), ("findings", "pain_score"),
                 ("findings", "drug_tests_past_year"), ("items", "follows_surgery")]
WORDS_NEVER_IN_MESSAGES = ("twelve", "yesterday", "elbowz", "massage_chair", "100000000000000000000000")


def _target(case: dict[str, Any], group: str, pick: Any) -> dict[str, Any] | None:
    value = case.get(group)
    if isinstance(value, list):
        return pick(value) if value else None
    if isinstance(value, dict):
        return value
    case[group] = {}
    return case[group]


def mutate(case: dict[str, Any], kind: str, draw: Any) -> bool:
    """One change that a case file may really contain by mistake; True when it surely makes the case invalid."""
    def pick(options: list[Any]) -> Any:
        return draw(st.sampled_from(options))

    if kind == "delete":
        target = pick([case, pick(case["items"])])
        key = pick(["case_id", "items"] if target is case else ["text", "service"])
        target.pop(key, None)
        return key != "service"  # an item's service may be left out (not recognized)
    if kind == "bad number":
        group, name = pick(NUMBER_FIELDS)
        target = _target(case, group, pick)
        if target is None:
            return False
        target[name] = pick(BAD_NUMBERS)
    elif kind == "unknown field":
        target = pick([case, pick(case["items"]), case.setdefault("dates", {})])
        target[pick(["sesions", "qty", "notes_x"])] = 3
    elif kind == "wrong type":
        path = pick(["items", "findings", "dates.injury", "history", "diagnoses"])
        if path == "dates.injury":
            case.setdefault("dates", {})["injury"] = "yesterday"
        else:
            case[path] = pick(["physical therapy", 12, [1, 2]] if path != "items" else ["PT", 12, {"a": 1}])
    elif kind == "bad enum":
        item = pick(case["items"])
        if pick([True, False]):
            item["service"] = "massage_chair"
        else:
            item["body_parts"] = [{"region": "elbowz"}]
    elif kind == "dates reversed":
        dates = case.setdefault("dates", {})
        when = dates.get("request") or dates.get("ur_decision") or dt.date(2016, 1, 1)
        dates["injury"] = when + dt.timedelta(days=30)
        return bool(dates.get("request") or dates.get("ur_decision"))
    return True


@pytest.fixture(scope="module")
def vocab(engine: Engine) -> dict[str, list[Any]]:
    return vocabulary(engine.rules)


def _plain(value: Any) -> Any:
    """Enums as their values (the way a user writes them)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _dump(case: dict[str, Any], as_json: bool) -> str:
    if as_json:
        return json.dumps(_plain(case), default=str)
    return yaml.safe_dump(_plain(case), sort_keys=False, allow_unicode=True)


@examples("case facts")
@given(data=st.data())
def test_generated_case_facts_are_decided_or_refused_with_a_location(
        engine: Engine, vocab: dict[str, list[Any]], data: st.DataObject) -> None:
    def pick(options: Any) -> Any:
        return data.draw(st.sampled_from(list(options)))

    case, _, _ = gen_case(pick, vocab)
    kinds = data.draw(st.lists(st.sampled_from(["delete", "bad number", "unknown field", "wrong type", "bad enum",
                                                 "dates reversed"]), max_size=2))
    broken = False
    for kind in kinds:
        if isinstance(case.get("items"), list) and case["items"] and isinstance(case.get("dates", {}), dict):
            broken = mutate(case, kind, data.draw) or broken
    text = _dump(case, as_json=data.draw(st.booleans()))
    try:
        parsed = parse_case_yaml(text, "generated.yaml")
    except CaseError as exc:
        event("case refused with located problems")
        assert exc.file == "generated.yaml" and exc.details
        for problem in exc.details:
            assert problem.line >= 1, problem
            assert problem.message and "\n" not in problem.message
            assert "Traceback" not in problem.message and "Error" not in problem.message.split(":")[0]
            shown = str(problem)
            assert not any(word in shown for word in WORDS_NEVER_IN_MESSAGES), shown
        return
    assert not broken, f"accepted a broken case: {kinds}"
    event("case decided")
    result = engine.evaluate(parsed)
    assert len(result.items) == len(parsed.items)
    for item in result.items:
        assert item.decision in DECISIONS and item.error is None, item


# --- 2. narrative texts --------------------------------------------------------------------------------------


def _phrases() -> list[str]:
    out = []
    for path in sorted((ROOT / "tests" / "narrative" / "phrases").glob("*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(row, dict) and isinstance(row.get("text"), str):
                out.append(" ".join(row["text"].split()))
    example = (ROOT / "examples" / "narrative-case.txt").read_text(encoding="utf-8")
    summary = example.split("CLINICAL CASE SUMMARY")[1].split("DISPUTED ITEMS")[0]
    out += [s.strip() + "." for s in " ".join(summary.split()).split(". ") if s.strip()]
    return out


PHRASES = _phrases()
REQUESTS = [
    "Physical therapy 2 times a week for 3 weeks for the lumbar spine", "MRI of the lumbar spine without contrast",
    "Norco 10/325mg #90", "Acupuncture x6", "Chiropractic 1 x 6 for the neck", "Lidoderm 5% patch #30",
    "Right knee arthroscopy with partial meniscectomy", "Pre-operative CBC", "TENS unit rental for 30 days",
    "Cervical epidural steroid injection at C5-6", "Urine drug screen", "Home health aide 4 hours a day",
    "Flexeril 7.5mg #60", "Omeprazole 20mg #30", "EMG/NCV of the bilateral upper extremities",
]
FOREIGN = ["El paciente refiere dolor lumbar 8/10 desde el 12/03/2015.", "患者接受了十二次物理治疗。",
           "Пациент получил 12 сеансов физиотерапии.", "يعاني المريض من ألم في أسفل الظهر.",
           "Der Patient hatte 6 Sitzungen Physiotherapie.", "Ο ασθενής έκανε 6 συνεδρίες."]
ODD = ["99999999999999999999999", "1e308", "0.0000001", "-12", "13/45/2016", "02/30/2016", "00/00/0000",
       "February 31, 2016", "12/12/9999", "01/01/1800", "99-99-99", "x" * 3000, "#" * 50, "\t\t", "😀🔥", "\u2028"]


@st.composite
def narrative(draw: Any) -> str:
    sentences = draw(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=25))
    requests = draw(st.lists(st.sampled_from(REQUESTS), min_size=1, max_size=5))
    header = draw(st.sampled_from([
        "", "Case Number: GEN-1\nDate of Injury: 01/04/2015\nUR Denial Date: 09/01/2016\n\n",
        f"Case Number: GEN-2\nDate of Injury: {draw(st.sampled_from(ODD[4:11]))}\nUR Denial Date: 13/13/2016\n\n",
    ]))
    body = " ".join(sentences)
    for _ in range(draw(st.integers(0, 4))):
        words = body.split(" ")
        at = draw(st.integers(0, len(words)))
        insert = draw(st.one_of(st.sampled_from(ODD), st.sampled_from(FOREIGN), st.text(max_size=40),
                                st.integers(-10**30, 10**30).map(str)))
        body = " ".join([*words[:at], insert, *words[at:]])
    text = f"{header}CLINICAL CASE SUMMARY\n{body}\n\nDISPUTED ITEMS\n" + "\n".join(requests) + "\n"
    how = draw(st.sampled_from(["as is", "as is", "shuffled lines", "truncated", "no headings"]))
    if how == "shuffled lines":
        lines = text.splitlines()
        text = "\n".join(draw(st.permutations(lines)))
    elif how == "truncated":
        text = text[: draw(st.integers(0, len(text)))]
    elif how == "no headings":
        text = text.replace("CLINICAL CASE SUMMARY", "").replace("DISPUTED ITEMS", "")
    return text


@examples("narrative texts")
@given(text=st.one_of(narrative(), st.just(GOOD_TEXT)))
def test_generated_narratives_never_crash_the_reader(engine: Engine, text: str) -> None:
    try:
        case = extract_text_case(text, "generated.txt")
    except CaseError as exc:
        event("text refused (no summary or no items)")
        assert exc.file == "generated.txt" and all(p.message for p in exc.details)
        return
    event("text read and decided")
    for item in engine.evaluate(case).items:
        assert item.decision in DECISIONS and item.error is None, item
    again = parse_case_yaml(extract_yaml(text), "extracted.yaml")
    assert again.items == case.items


# --- 3. rule files -------------------------------------------------------------------------------------------

RULE_FILES = [ROOT / "rules" / f"{name}.yaml" for name in ("acupuncture", "statutory-cap", "diagnostic-tests",
                                                            "partial-certification", "manual-therapy")]
DEFINITIONS = ROOT / "rules" / "definitions.yaml"
#: mutations after which the file must have an error (the others may leave it valid: a line of YAML noise
#: inserted inside a quoted string is part of the string)
BREAKING = {"delete required", "wrong type", "unknown operator", "dangling citation", "duplicate id", "bare number",
            "unknown fact"}
MUTATIONS = sorted(BREAKING | {"delete optional", "swap values", "broken yaml"})


def _comparisons(node: Any) -> list[dict[str, Any]]:
    out = []
    if isinstance(node, dict):
        if "fact" in node and len(node) == 2:
            out.append(node)
        for v in node.values():
            out.extend(_comparisons(v))
    elif isinstance(node, list):
        for v in node:
            out.extend(_comparisons(v))
    return out


def mutate_rules(data: dict[str, Any], kind: str, draw: Any) -> bool:
    """Change one rule; False when the file offers nothing for this kind of change."""
    rules = data["rules"]
    i = draw(st.integers(0, len(rules) - 1))
    rule = rules[i]
    comparisons = _comparisons(rule.get("when")) + _comparisons(rule.get("require"))
    if kind == "delete required":
        rule.pop(draw(st.sampled_from(["id", "title", "cites"])))
    elif kind == "delete optional":
        keys = [k for k in ("when", "thresholds", "missing", "effective") if k in rule]
        if not keys:
            return False
        rule.pop(draw(st.sampled_from(keys)))
    elif kind == "wrong type":
        rule[draw(st.sampled_from(["cites", "services", "title", "require" if "require" in rule else "when"]))] = \
            draw(st.sampled_from([42, {"a": 1}, [[1]]]))
    elif kind == "unknown operator":
        if not comparisons:
            return False
        cmp = draw(st.sampled_from(comparisons))
        op = next(k for k in cmp if k != "fact")
        cmp[draw(st.sampled_from(["approx", "lteq", "matches"]))] = cmp.pop(op)
    elif kind == "dangling citation":
        rule["cites"] = [draw(st.sampled_from(["nodoc#therapy", "cpmtg-2016#no-such-section", "cpmtg-2016"])),
                         *rule.get("cites", [])[1:]]
    elif kind == "duplicate id":
        if len(rules) < 2:
            return False
        other = rules[(i + 1) % len(rules)]
        other["id"] = rule["id"]
    elif kind == "bare number":
        refs = [c for c in comparisons if any(isinstance(v, dict) and "threshold" in v for v in c.values())]
        if not refs:
            return False
        cmp = draw(st.sampled_from(refs))
        op = next(k for k in cmp if k != "fact")
        cmp[op] = draw(st.integers(0, 30))
    elif kind == "unknown fact":
        if not comparisons:
            return False
        draw(st.sampled_from(comparisons))["fact"] = draw(st.sampled_from(["prior.sesions", "item.colour", "x"]))
    elif kind == "swap values":
        if not comparisons:
            return False
        cmp = draw(st.sampled_from(comparisons))
        op = next(k for k in cmp if k != "fact")
        cmp[op] = draw(st.sampled_from([True, "knee", {"threshold": "nope"}, ["a", "b"]]))
    return True


@pytest.fixture(scope="module")
def rule_texts() -> dict[Path, dict[str, Any]]:
    return {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in RULE_FILES}


@examples("rule mutations")
@given(data=st.data())
def test_mutated_rule_files_give_coded_located_diagnostics(
        rule_texts: dict[Path, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(RULE_FILES))
    rules = copy.deepcopy(rule_texts[source])
    kind = data.draw(st.sampled_from(MUTATIONS))
    path = tmp_path_factory.mktemp("mutated") / source.name
    if kind == "broken yaml":
        text = yaml.safe_dump(rules, sort_keys=False, allow_unicode=True).splitlines()
        at = data.draw(st.integers(1, len(text) - 1))
        text.insert(at, data.draw(st.sampled_from(["  - : :", "\t- x", "rules: [", "key: 'open", "? [a", "*nope"])))
        path.write_text("\n".join(text) + "\n", encoding="utf-8")
    else:
        if not mutate_rules(rules, kind, data.draw):
            return
        path.write_text(yaml.safe_dump(rules, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _, diagnostics = load_and_check([DEFINITIONS, path], analysis=True)
    lines = len(path.read_text(encoding="utf-8").splitlines())
    for d in diagnostics:
        assert d.code in CODES and d.message and "\n" not in d.message, d.render()
        if d.location.file == str(path):
            assert 1 <= d.location.line <= lines + 1, d.render()
        else:
            assert d.location.file.endswith("definitions.yaml") and d.severity is Severity.warning, d.render()
    event(f"{kind}: {'errors' if any(d.severity is Severity.error for d in diagnostics) else 'no error'}")
    if kind in BREAKING:
        assert any(d.severity is Severity.error and d.location.file == str(path) for d in diagnostics), kind


def test_readme_states_the_ci_counts() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind, n in CI_EXAMPLES.items():
        assert re.search(rf"\b{n}\b[^|\n]*\|[^\n]*{kind}|{kind}[^\n]*\b{n}\b", text), (kind, n)


CHAIN = """\
Case Number: CHAIN-1
Date of Injury: 01/04/2016
UR Denial Date: 12/01/2016

CLINICAL CASE SUMMARY
The injured worker is a 44 year old male with right knee pain and a medial meniscus tear on MRI.

DISPUTED ITEMS
Right knee arthroscopy with partial meniscectomy
Post operative physical therapy for the right knee 2 times a week for 6 weeks
Office visit for re-evaluation
"""


def test_an_exam_with_therapy_that_follows_a_surgery_is_decided_on_its_own(engine: Engine) -> None:
    """Found by generated texts: the exam followed the therapy, which followed the surgery, and a case holds no
    chains, so the whole case was refused. The exam is now decided on its own."""
    case = extract_text_case(CHAIN, "chain.txt")
    assert [(i.follows_surgery, i.accompanies) for i in case.items] == [(None, None), (1, None), (None, None)]
    assert all(item.error is None for item in engine.evaluate(case).items)
