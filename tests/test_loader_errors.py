"""A table of broken rule files (tests/loader_errors/*.yaml) and the diagnostics each must produce.

Each file starts with `# expect: MTUS-E00X[, ...]` (the exact set of codes it must report) and marks the
line where each problem is with a trailing `# <- MTUS-E00X` comment: the diagnostic must point there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine import CODES, Diagnostic, Engine, RuleSetError, load_and_check
from engine.diagnostics import Severity

TABLE = Path(__file__).resolve().parent / "loader_errors"
FILES = sorted(TABLE.glob("*.yaml"))
EXPECT = re.compile(r"^#\s*expect:\s*(.+)$")
MARK = re.compile(r"#\s*<-\s*(MTUS-[EW]\d{3})\s*$")

#: Codes a rule file can trigger; the table must cover each of them.
RULE_FILE_CODES = {
    "MTUS-E001",
    "MTUS-E002",
    "MTUS-E003",
    "MTUS-E004",
    "MTUS-E005",
    "MTUS-E006",
    "MTUS-E007",
    "MTUS-E008",
    "MTUS-E009",
    "MTUS-E010",
    "MTUS-E011",
    "MTUS-E012",
    "MTUS-E014",
    "MTUS-E017",
    "MTUS-E018",
    "MTUS-E019",
    "MTUS-W101",
    "MTUS-W102",
}
#: Codes tested below without a table file (guideline problems, unreadable files).
OTHER_CODES = {"MTUS-E013", "MTUS-E015", "MTUS-E016"}


def expected_codes(path: Path) -> set[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        m = EXPECT.match(line.strip())
        if m:
            return {c.strip() for c in m.group(1).split(",") if c.strip()}
    raise AssertionError(f"{path.name}: no leading `# expect: MTUS-...` comment")


def marked_lines(path: Path) -> set[tuple[int, str]]:
    out = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = MARK.search(line)
        if m:
            out.add((n, m.group(1)))
    return out


def diagnostics_for(path: Path) -> list[Diagnostic]:
    _, diagnostics = load_and_check([path], analysis=True)
    return diagnostics


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_broken_rule_file(path: Path) -> None:
    expected = expected_codes(path)
    assert expected <= set(CODES), f"{path.name}: unknown code in expect: {expected - set(CODES)}"
    diagnostics = diagnostics_for(path)
    found = {d.code for d in diagnostics}
    assert found == expected, "\n".join(d.render() for d in diagnostics) or "no diagnostics"
    for d in diagnostics:
        assert d.location.file == str(path), d.render()
        assert d.location.line > 0, d.render()
        assert d.message and "\n" not in d.message, d.render()
        assert d.severity is (Severity.warning if d.code.startswith("MTUS-W") else Severity.error)
    marks = marked_lines(path)
    assert {code for _, code in marks} == expected, f"{path.name}: every expected code needs a `# <-` marker"
    at = {(d.location.line, d.code) for d in diagnostics}
    assert marks == at, f"{path.name}: marked {sorted(marks)}, reported {sorted(at)}"


def test_table_covers_every_rule_file_code() -> None:
    covered = set().union(*(expected_codes(p) for p in FILES))
    assert RULE_FILE_CODES <= covered, f"no table file for {sorted(RULE_FILE_CODES - covered)}"
    assert covered | OTHER_CODES == set(CODES), (
        f"untested codes: {sorted(set(CODES) - covered - OTHER_CODES)}"
    )


def test_three_different_errors_in_one_file_are_all_reported() -> None:
    diagnostics = diagnostics_for(TABLE / "multi_three_errors.yaml")
    errors = [d for d in diagnostics if d.severity is Severity.error]
    assert len({d.code for d in errors}) == 3
    assert len({d.location.line for d in errors}) == 3


def test_problems_in_several_files_are_all_reported() -> None:
    paths = [
        TABLE / "e005_unknown_fact.yaml",
        TABLE / "e001_yaml_syntax.yaml",
        TABLE / "e008_undefined_threshold.yaml",
    ]
    _, diagnostics = load_and_check(paths)
    by_file = {d.location.file: d.code for d in diagnostics}
    assert by_file == {str(paths[0]): "MTUS-E005", str(paths[1]): "MTUS-E001", str(paths[2]): "MTUS-E008"}


def test_engine_refuses_a_broken_rule_set_with_every_error() -> None:
    with pytest.raises(RuleSetError) as info:
        Engine([TABLE / "multi_three_errors.yaml"])
    codes = {d.code for d in info.value.diagnostics}
    assert {"MTUS-E004", "MTUS-E005", "MTUS-E007"} <= codes
    assert "3 error(s)" in str(info.value)


def test_warnings_do_not_stop_loading() -> None:
    eng = Engine([TABLE / "w101_unverified_threshold.yaml"])
    assert [r.id for r in eng.rules] == ["TST-UNVERIFIED"]
    assert [d.code for d in eng.warnings] == ["MTUS-W101"]


def test_render_names_file_line_and_code() -> None:
    path = TABLE / "e007_bare_number.yaml"
    (d,) = diagnostics_for(path)
    text = d.render()
    assert text.startswith(f"{path}:{d.location.line}: MTUS-E007 error: rule `TST-BARE`: ")
    assert "hint: " in text
    assert d.to_dict()["line"] == d.location.line


def test_bundled_rules_check_clean() -> None:
    _, diagnostics = load_and_check()
    errors = [d.render() for d in diagnostics if d.severity is Severity.error]
    assert errors == []


# --- codes a rule file alone cannot trigger -----------------------------------------------------------------

GUIDELINE = """\
id: {id}
title: A test guideline
cite_as: Test guideline
version: test
mtus: {mtus}
publisher: {publisher}
effective_from: 2009-07-18
source: written for the test suite
sections:
  therapy:
    title: Therapy
{quotes}"""

QUOTES = """\
    quotes:
      - {text: "a short quoted sentence", source: test, status: verified}
"""

RULE = """\
topic: tiny
title: Tiny
rules:
  - id: TINY-ONE
    title: one rule
    services: [physical_therapy]
    cites: [testdoc#therapy]
    require: {fact: item.postoperative, is: false}
    rationale: {met: fine, not_met: not fine}
    criterion: {cite: testdoc#therapy, summary: therapy when it is not post-operative, read_in: this test}
"""


def _guideline(
    directory: Path, name: str, *, doc_id: str = "testdoc", publisher: str = "state", quotes: bool = False
) -> None:
    directory.mkdir(exist_ok=True)
    text = GUIDELINE.format(
        id=doc_id,
        mtus="true" if publisher == "state" else "false",
        publisher=publisher,
        quotes=QUOTES if quotes else "",
    )
    (directory / name).write_text(text, encoding="utf-8")


def test_e013_quote_from_a_copyrighted_guideline(tmp_path: Path) -> None:
    guides = tmp_path / "guidelines"
    _guideline(guides, "testdoc.yaml")
    _guideline(guides, "acoem.yaml", doc_id="acoem-test", publisher="acoem", quotes=True)
    rules = tmp_path / "tiny.yaml"
    rules.write_text(RULE, encoding="utf-8")
    _, diagnostics = load_and_check([rules], guides)
    assert [(d.code, Path(d.location.file).name) for d in diagnostics] == [("MTUS-E013", "acoem.yaml")]


def test_e016_duplicate_guideline_id(tmp_path: Path) -> None:
    guides = tmp_path / "guidelines"
    _guideline(guides, "a.yaml")
    _guideline(guides, "b.yaml")
    rules = tmp_path / "tiny.yaml"
    rules.write_text(RULE, encoding="utf-8")
    _, diagnostics = load_and_check([rules], guides)
    assert [(d.code, Path(d.location.file).name, d.location.line) for d in diagnostics] == [
        ("MTUS-E016", "b.yaml", 1)
    ]


def test_e015_missing_and_unreadable_rule_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"topic: x\ntitle: \xff\xfe bad bytes\n")
    _, diagnostics = load_and_check([missing, binary])
    assert sorted((d.code, d.location.file) for d in diagnostics) == [
        ("MTUS-E015", str(binary)),
        ("MTUS-E015", str(missing)),
    ]


def test_tiny_rule_set_in_a_private_guideline_dir_loads(tmp_path: Path) -> None:
    guides = tmp_path / "guidelines"
    _guideline(guides, "testdoc.yaml")
    rules = tmp_path / "tiny.yaml"
    rules.write_text(RULE, encoding="utf-8")
    eng = Engine([rules], guides)
    assert [r.id for r in eng.rules] == ["TINY-ONE"]


def test_too_large_condition_is_a_diagnostic_not_a_durable_crash() -> None:
    """durable_rules refuses such a ruleset with a bare `error code: 113`; the check names file and line."""
    path = TABLE / "e017_condition_too_large.yaml"
    with pytest.raises(RuleSetError) as info:
        Engine([path])
    (d,) = info.value.diagnostics
    assert (d.code, d.location.file, d.location.line) == ("MTUS-E017", str(path), 11)
