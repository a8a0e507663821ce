"""The `mtus` command through click's CliRunner: output formats, the JSON contract, exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import engine as engine_pkg
from cli import main

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
GOOD = FIXTURES / "case-pt-acupuncture.yaml"
CRPS = FIXTURES / "case-crps.json"
pytestmark = pytest.mark.usefixtures("cli_uses_session_engine")

BAD = {
    "unknown field": (FIXTURES / "bad-unknown-field.yaml", 6, "history.0.sesions_planned"),
    "negative sessions": (FIXTURES / "bad-negative-sessions.yaml", 5, "history.0.sessions"),
    "request before injury": (FIXTURES / "bad-request-before-injury.yaml", 2, "dates"),
}


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def evaluate_json(*args: str | Path) -> object:
    result = run("evaluate", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"mtus, version {engine_pkg.__version__}"


def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("evaluate", "extract", "rules", "schema", "test"):
        assert command in result.stdout


def test_evaluate_text() -> None:
    result = run("evaluate", GOOD)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Case FIX-0001\nGuideline version as of: 2016-10-17")
    assert "Physical therapy 2 times a week for 3 weeks, lumbar spine:  Overturned" in out
    assert "Acupuncture x10 lumbar spine:  Upheld" in out
    assert "Chiropractic x6 lumbar spine:  Upheld" in out
    flat = " ".join(out.split())  # the letter layout wraps long lines
    assert "MTUS Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment." in flat
    assert "Decision rationale: The request is for Acupuncture x10 lumbar spine." in flat
    assert "Documentation that would meet the guideline:" in out
    assert "Criteria considered:" not in out


def test_evaluate_markdown() -> None:
    result = run("evaluate", "--format", "markdown", GOOD)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("## Case FIX-0001")
    assert "### Physical therapy 2 times a week for 3 weeks, lumbar spine: **Overturned**" in out
    assert "### Acupuncture x10 lumbar spine: **Upheld**" in out
    assert "\n> " in out  # quotes of the cited text
    assert "| rule | status | citation |" not in out


def test_evaluate_markdown_explain_has_criteria_table() -> None:
    result = run("evaluate", "--format", "markdown", "--explain", GOOD)
    assert result.exit_code == 0, result.stderr
    assert "| rule | status | citation |" in result.stdout
    assert "| ACU-COURSE | not_met |" in result.stdout


def test_evaluate_explain_shows_each_comparison() -> None:
    result = run("evaluate", "--explain", GOOD)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Criteria considered:" in out
    assert "[met] PM-CAP-MYALGIA-2016" in out
    assert "prior.total_sessions = 10  lte 10  -> true" in out
    assert "[not_met] ACU-COURSE" in out
    assert "[unknown] MT-COURSE-2016" in out
    assert "prior.functional_improvement = unknown  is true  -> unknown" in out


def test_json_contract() -> None:
    data = evaluate_json(GOOD)
    assert isinstance(data, dict)
    assert data["case_id"] == "FIX-0001"
    assert data["as_of"] == "2016-10-17"
    assert {"ruleset_version", "ruleset_hash", "items"} <= set(data)
    assert [i["decision"] for i in data["items"]] == ["overturn", "uphold", "uphold"]
    for item in data["items"]:
        assert {"request", "service", "decision", "citations", "rationale", "rules", "missing"} <= set(item)
        assert "criteria" not in item
        assert isinstance(item["rationale"], str) and item["rationale"]
        assert item["rules"] and all(isinstance(r, str) for r in item["rules"])
        for c in item["citations"]:
            assert {"document", "version", "section", "quote"} <= set(c)
            assert all(isinstance(c[k], str) for k in ("document", "version", "section", "quote"))
    pt, acu, chiro = data["items"]
    assert pt["service"] == "physical_therapy"
    assert pt["request"] == "Physical therapy 2 times a week for 3 weeks, lumbar spine"
    assert set(pt["rules"]) == {"LC-CAP-24", "PM-CAP-MYALGIA-2016", "PM-TRIAL-2016"}
    assert pt["missing"] == []
    assert "MTUS Chronic Pain Medical Treatment 2016" in {c["document"] for c in pt["citations"]}
    assert acu["rules"] == ["ACU-COURSE"]
    assert acu["citations"][0]["document"] == "MTUS Acupuncture Medical Treatment 2007"
    assert acu["missing"] and "acupuncture" in acu["missing"][0]
    assert set(chiro["rules"]) == {"LC-CAP-24", "MT-COURSE-2016"}
    assert len(chiro["missing"]) == 2


def test_json_explain_adds_criteria() -> None:
    data = evaluate_json("--explain", GOOD)
    assert isinstance(data, dict)
    acu = data["items"][1]
    assert sorted(c["rule"] for c in acu["criteria"]) == ["ACU-COURSE", "ACU-INDICATION"]
    checks = acu["criteria"][0]["checks"]
    assert {"fact", "op", "observed", "expected", "result"} <= set(checks[0])
    assert {c["result"] for c in checks} <= {"true", "false", "unknown"}


def test_as_of_selects_the_guideline_version() -> None:
    current = evaluate_json(CRPS)
    assert isinstance(current, dict)
    assert current["as_of"] == "2016-10-11"
    assert current["items"][0]["decision"] == "overturn"
    assert "PM-CAP-CRPS-2016" in current["items"][0]["rules"]
    older = evaluate_json("--as-of", "2016-05-01", CRPS)
    assert isinstance(older, dict)
    assert older["as_of"] == "2016-05-01"
    assert older["items"][0]["decision"] == "uphold"
    assert older["items"][0]["rules"] == ["PM-CAP-CRPS-2009"]
    assert "MTUS Chronic Pain Medical Treatment 2009" in older["items"][0]["citations"][0]["document"]


def test_as_of_in_the_acoem_era_is_not_covered() -> None:
    data = evaluate_json("--as-of", "2018-03-01", GOOD)
    assert isinstance(data, dict)
    acu = data["items"][1]
    assert acu["decision"] == "not_covered"
    assert acu["citations"] == [] and acu["rules"] == []
    assert "2017" in acu["reason"]


def test_as_of_rejects_a_bad_date() -> None:
    result = CliRunner().invoke(main, ["evaluate", "--as-of", "2016-13-01", str(GOOD)])
    assert result.exit_code == 2
    assert "--as-of" in result.stderr


@pytest.mark.parametrize("name", list(BAD))
def test_bad_case_file(name: str) -> None:
    path, line, field = BAD[name]
    result = run("evaluate", path)
    assert result.exit_code == 1
    assert result.stdout.strip() == ""
    assert "Traceback" not in result.stderr and "Traceback" not in result.output
    assert f"error: {path}: line {line}: `{field}`" in result.stderr


def test_bad_case_messages_say_what_is_wrong() -> None:
    assert "unknown field" in run("evaluate", BAD["unknown field"][0]).stderr
    assert "greater than or equal to 0" in run("evaluate", BAD["negative sessions"][0]).stderr
    assert "before dates.injury" in run("evaluate", BAD["request before injury"][0]).stderr


def test_missing_case_file_is_exit_1() -> None:
    result = run("evaluate", FIXTURES / "no-such-case.yaml")
    assert result.exit_code == 1
    assert "no-such-case.yaml" in result.stderr
    assert "Traceback" not in result.output


def test_batch_with_one_bad_case_still_decides_the_good_ones() -> None:
    bad = BAD["negative sessions"][0]
    result = run("evaluate", "--format", "json", GOOD, bad, CRPS)
    assert result.exit_code == 1
    assert str(bad) in result.stderr
    data = json.loads(result.stdout)
    assert [d.get("case_id") for d in data] == ["FIX-0001", None, "FIX-0002"]
    assert data[1]["file"] == str(bad)
    assert "items.0" not in data[1]["error"][0] and "history.0.sessions" in data[1]["error"][0]


def test_batch_text_output_keeps_the_good_case() -> None:
    result = run("evaluate", BAD["unknown field"][0], GOOD)
    assert result.exit_code == 1
    assert "Case FIX-0001" in result.stdout
    assert "sesions_planned" in result.stderr


def test_rules_check_broken_file_exits_3_with_file_and_line() -> None:
    path = TESTS / "loader_errors" / "e005_unknown_fact.yaml"
    result = run("rules", "check", path)
    assert result.exit_code == 3
    assert f"{path}:13: MTUS-E005 error" in result.stdout
    assert "1 error(s), 0 warning(s)" in result.stdout


def test_rules_check_json() -> None:
    path = TESTS / "loader_errors" / "multi_three_errors.yaml"
    result = run("rules", "check", "--format", "json", path)
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert sorted(d["code"] for d in data) == ["MTUS-E004", "MTUS-E005", "MTUS-E007"]
    assert all(d["file"] == str(path) and d["line"] > 0 for d in data)


def test_rules_check_bundled_is_clean() -> None:
    result = run("rules", "check")
    assert result.exit_code == 0, result.stdout
    assert " 0 error(s)" in f" {result.stdout.splitlines()[-1]}"


def test_evaluate_with_broken_rules_exits_3() -> None:
    path = TESTS / "loader_errors" / "e008_undefined_threshold.yaml"
    result = run("evaluate", "--rules", path, GOOD)
    assert result.exit_code == 3
    assert f"{path}:12: MTUS-E008" in result.stderr
    assert result.stdout == ""


def test_rules_list() -> None:
    result = run("rules", "list")
    assert result.exit_code == 0
    rows = [line.split("  ") for line in result.stdout.splitlines()]
    by_id = {row[0]: row for row in rows}
    for rule_id in ("ACU-COURSE", "LC-CAP-24", "MT-SITE-2016", "PM-CAP-CRPS-2009", "PM-CAP-CRPS-2016"):
        assert rule_id in by_id
    assert by_id["PM-CAP-CRPS-2009"][2] == "2009-07-18..2016-07-28"
    assert by_id["PM-CAP-CRPS-2016"][2] == "2016-07-29..2017-11-30"
    assert by_id["MT-SITE-2016"][3] == "not-recommended"
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)


def test_schema_case_is_valid_json_schema() -> None:
    result = run("schema", "case")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["type"] == "object"
    assert {"case_id", "items"} <= set(schema["required"])
    assert {"dates", "history", "findings", "items"} <= set(schema["properties"])


def test_mtus_test_runs_the_case_files() -> None:
    result = run("test", TESTS / "cases")
    assert result.exit_code == 0, result.stdout
    last = result.stdout.splitlines()[-1]
    passed = int(last.split()[0])
    assert passed >= 40 and last.endswith(" passed, 0 failed")


def test_mtus_test_failing_case_exits_4(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        "cases:\n"
        "  - name: expects the wrong decision\n"
        "    facts:\n"
        "      dates: {injury: 2016-01-04, request: 2016-09-01}\n"
        "      findings: {home_exercise_program: true}\n"
        "      history: [{kind: acupuncture, sessions: 0}]\n"
        "      items: [{text: Acupuncture x6, service: acupuncture, quantity: 6}]\n"
        "    expect: [{decision: uphold}]\n", encoding="utf-8")
    result = run("test", wrong)
    assert result.exit_code == 4
    assert "FAIL" in result.stdout and "expected uphold, got overturn" in result.stdout
    assert result.stdout.splitlines()[-1] == "0 passed, 1 failed"


def test_duplicate_key_in_a_case_file_is_an_error() -> None:
    path = FIXTURES / "bad-duplicate-key.yaml"
    result = run("evaluate", path)
    assert result.exit_code == 1
    assert f"error: {path}: line 7: invalid YAML: duplicate key `quantity`" in result.stderr
    assert "Traceback" not in result.output


def test_evaluate_with_explicit_rules_builds_its_own_engine() -> None:
    # the shared definitions (derived facts such as the postsurgical period) come with the topic files
    rules = [TESTS.parent / "rules" / f"{topic}.yaml" for topic in ("definitions", "acupuncture", "statutory-cap")]
    result = run("evaluate", "--format", "json", "--rules", rules[0], "--rules", rules[1], "--rules", rules[2], GOOD)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    pt, acu, chiro = data["items"]
    # only the statutory cap applies to PT and chiropractic here: within it, they are not covered, not overturned
    assert pt["decision"] == "not_covered" and "legal ceiling" in pt["reason"]
    assert acu["rules"] == ["ACU-COURSE"]
    assert chiro["decision"] == "not_covered"
