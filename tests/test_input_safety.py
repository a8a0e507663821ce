"""Hostile and broken files (tests/hostile.py) through every command and the Python API: each is refused with a
clear error naming the file (and the line where there is one), a non-zero exit, no traceback, in bounded time
and memory. Numbers outside what the rules engine holds are refused at validation, with their field."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hostile import GOOD_CASE, GOOD_TEXT, kinds, write_all

import engine as engine_pkg
from cli import main
from engine import CaseError, Engine, RuleSetError, extract_text_case, parse_case_yaml, read_case
from engine.backend_durable import BackendError, DurableBackend, readable_number, unreadable_numbers
from engine.compiler import compile_rules
from engine.limits import MAX_FACT_NUMBER, Limits, parse_size

KINDS = {k.name: k for k in kinds()}
#: the rule-check code of each kind, read as a rule file
RULE_CODES = {"alias-bomb": "MTUS-E020", "deep-nesting": "MTUS-E020", "recursive-alias": "MTUS-E020",
              "over-size-limit": "MTUS-E020", "duplicate-key": "MTUS-E001", "object-tag": "MTUS-E001",
              "control-character": "MTUS-E001", "binary": "MTUS-E015", "not-utf8": "MTUS-E015"}
TEXT_KINDS = [k.name for k in kinds() if k.text_too]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("hostile"))


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def assert_clean_error(result: Result, path: Path, words: str, line: bool, code: int) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert words in result.stderr, result.stderr
    assert str(path) in result.stderr
    if line:
        assert f"{path}: line " in result.stderr, result.stderr


@pytest.mark.usefixtures("cli_uses_session_engine")
@pytest.mark.parametrize("name", list(KINDS))
def test_evaluate_refuses(files: dict[str, Path], name: str) -> None:
    path = files[f"{name}.yaml"]
    assert_clean_error(run("evaluate", path), path, KINDS[name].words, KINDS[name].line, 1)


@pytest.mark.usefixtures("cli_uses_session_engine")
@pytest.mark.parametrize("name", TEXT_KINDS)
def test_evaluate_and_extract_refuse_text(files: dict[str, Path], name: str) -> None:
    path = files[f"{name}.txt"]
    words = KINDS[name].words.replace("0xe9", "0xe9 at column")
    assert_clean_error(run("evaluate", path), path, words, KINDS[name].line, 1)
    result = run("extract", path)
    assert_clean_error(result, path, words, KINDS[name].line, 1)
    assert result.stdout == ""


@pytest.mark.parametrize("name", list(KINDS))
def test_rules_check_refuses(files: dict[str, Path], name: str) -> None:
    path = files[f"{name}.yaml"]
    result = run("rules", "check", "--format", "json", path)
    assert result.exit_code == 3 and "Traceback" not in result.output
    (d,) = json.loads(result.stdout)
    assert (d["code"], d["file"]) == (RULE_CODES[name], str(path))
    assert KINDS[name].words.split(":")[0] in d["message"]
    assert (d["line"] > 0) == KINDS[name].line


@pytest.mark.parametrize("name", list(KINDS))
def test_python_api_raises_typed_located_errors(files: dict[str, Path], name: str) -> None:
    path = files[f"{name}.yaml"]
    with pytest.raises(CaseError) as info:
        read_case(path)
    (problem,) = info.value.details
    assert info.value.file == str(path) and KINDS[name].words in problem.message
    assert (problem.line > 0) == KINDS[name].line
    with pytest.raises(RuleSetError) as rules_info:
        Engine([path])
    assert [d.code for d in rules_info.value.diagnostics] == [RULE_CODES[name]]


def test_text_given_directly_is_held_to_the_same_limits() -> None:
    with pytest.raises(CaseError, match="over the 256 KiB limit"):
        extract_text_case(GOOD_TEXT + "x" * 300_000)
    with pytest.raises(CaseError, match="over the 256 KiB limit"):
        parse_case_yaml(GOOD_CASE + "#" + "x" * 300_000)
    with pytest.raises(CaseError, match="binary data"):
        extract_text_case(GOOD_TEXT + "\0")
    assert extract_text_case(GOOD_TEXT + "x" * 300_000, limits=Limits(max_file_bytes=1_000_000)).items


@pytest.mark.usefixtures("cli_uses_session_engine")
def test_the_size_limit_can_be_raised(files: dict[str, Path]) -> None:
    path = files["over-size-limit.yaml"]
    result = run("evaluate", "--format", "json", "--max-file-size", "1M", path)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["items"][0]["decision"] == "overturn"
    assert run("evaluate", "--max-file-size", "12Q", path).exit_code == 2
    assert parse_size("300K") == 300 * 1024 and parse_size("2MB") == 2 * 1024**2 and parse_size("4096") == 4096


@pytest.mark.usefixtures("cli_uses_session_engine")
def test_debug_shows_the_traceback_and_the_input(tmp_path: Path) -> None:
    path = tmp_path / "negative.yaml"
    # a value no temporary path holds (pytest's "pytest-30" directory holds "-3")
    path.write_text(GOOD_CASE.replace("quantity: 6", "quantity: -37731"), encoding="utf-8")
    plain = run("evaluate", path)
    assert plain.exit_code == 1 and "Traceback" not in plain.output and "37731" not in plain.stderr
    debug = run("--debug", "evaluate", path)
    assert debug.exit_code == 1 and "Traceback" in debug.stderr and "(input: -37731)" in debug.stderr


def test_hostile_files_run_in_bounded_time_and_memory(files: dict[str, Path], tmp_path: Path) -> None:
    """Every command on every hostile file in one process limited to 2 GiB of address space (the alias bomb
    alone would need tens of GiB expanded, and 100,000 levels of nesting overflow the stack): each is refused
    and the process finishes. The timeout is a guard against a hang, not a measure of speed."""
    script = textwrap.dedent(f"""
        import resource, sys, json
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from click.testing import CliRunner
        import engine
        from cli import main
        shared = engine.Engine()
        engine.Engine = lambda *a, **k: shared
        codes = {{}}
        for path in {sorted(str(p) for p in files.values())!r}:
            for command in (["evaluate"], ["extract"], ["rules", "check"]):
                result = CliRunner().invoke(main, [*command, path])
                codes[" ".join(command) + " " + path] = result.exit_code
        print(json.dumps(codes))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    codes = json.loads(done.stdout.splitlines()[-1])
    assert len(codes) == 3 * len(files)
    assert all(code in (1, 3) for code in codes.values()), codes


# --- numbers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "words"), [
    ("99999999999999999999999", "less than or equal to 1000000"),
    ("1000001", "less than or equal to 1000000"),
    (".inf", "finite number"),
])
def test_a_number_the_engine_cannot_hold_is_a_located_error(value: str, words: str) -> None:
    text = GOOD_CASE.replace("quantity: 6", f"quantity: {value}").replace("service: acupuncture",
                                                                         "service: acupuncture, strength_mg: 5")
    with pytest.raises(CaseError) as info:
        parse_case_yaml(text, "case.yaml")
    (problem,) = info.value.details
    assert problem.field == "items.0.quantity" and problem.line == 5 and words in problem.message, problem


@pytest.mark.parametrize("value", ["0.0000001", "1e-7", ".nan"])
def test_a_decimal_the_engine_cannot_hold_is_a_located_error(value: str) -> None:
    with pytest.raises(CaseError) as info:
        parse_case_yaml(GOOD_CASE.replace("quantity: 6", f"quantity: 6, frequency_per_week: {value}"))
    assert [p.field for p in info.value.details] == ["items.0.frequency_per_week"]


def test_the_largest_holdable_numbers_are_decided(engine: Engine) -> None:
    case = parse_case_yaml(GOOD_CASE.replace(
        "quantity: 6", f"quantity: {MAX_FACT_NUMBER}, frequency_per_week: 0.01, duration_weeks: {MAX_FACT_NUMBER}, "
        f"strength_mg: {MAX_FACT_NUMBER}, per_day_min: 0.01, per_day_max: {MAX_FACT_NUMBER}"))
    (item,) = engine.evaluate(case).items
    assert item.error is None and item.decision == "uphold"


def test_an_enormous_number_in_a_narrative_is_not_read_as_a_count(engine: Engine) -> None:
    text = GOOD_TEXT.replace("Acupuncture x6", "Acupuncture x99999999999999999999999").replace(
        "rated 6/10.", "rated 6/10 after 99999999999999999999999 sessions of physical therapy.")
    case = extract_text_case(text)
    assert case.items[0].quantity is None
    assert all(c.sessions is None or c.sessions <= MAX_FACT_NUMBER for c in case.history)
    assert all(item.error is None for item in engine.evaluate(case).items)


#: runs that a pattern with a repeated, optional-separator group can split in exponentially many ways: a run of
#: 23 digits after "Norco 10" once held the reader for hours (`medications.DOSE_ENTRY`)
LONG_RUNS = ["9" * 200, "9 " * 100, "1/" * 100, "9." * 100, "# 9 " * 50, "10 mg " * 40, " " * 200, "x" * 200]


def test_long_runs_beside_a_drug_are_read_in_bounded_time() -> None:
    """Each run written after a drug's entry, and before a phrasing of stopping or taking it, is read (or refused as a
    text without items) in a child process. The timeout is a guard against a hang, not a measure of speed: a
    backtracking pattern would take longer than the age of the universe on these runs."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from engine import extract_text_case
        for run in {LONG_RUNS!r}:
            for sentence in ("She takes Norco 10 " + run + " mg twice a day.", "Soma 350 " + run + " was stopped.",
                             "Norco " + run + " (discontinued), naproxen " + run + " daily."):
                text = "CLINICAL CASE SUMMARY\\n" + sentence + "\\n\\nDISPUTED ITEMS\\nNorco 10/325mg #90\\n"
                assert extract_text_case(text).items[0].drug == "hydrocodone"
        print("read")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "read", done.stderr[-2000:]


def test_the_backend_refuses_numbers_it_cannot_read_with_their_path() -> None:
    assert [readable_number(x) for x in (5, 2**63 - 1, 2**63, 1e15, 1e16, 1.5e16, 1e-05, 1.5e-05, float("inf"))] == [
        True, True, False, True, False, True, False, True, False]
    assert unreadable_numbers({"item": {"quantity": 10**22, "ok": 3}, "xs": [1.0, 1e-7]}) == ["item.quantity", "xs.1"]
    rules = {"r": {"all": [{"m": {"$and": [{"kind": "item"}, {"$gt": {"n": 1}}]}}], "run": "r"}}
    backend = DurableBackend({"numbers": rules})
    with pytest.raises(BackendError, match="`n`"):
        backend.fire("numbers", {"kind": "item", "n": 1e16})
    assert backend.fire("numbers", {"kind": "item", "n": 1.5e16}) == {"r"}


def test_an_unholdable_number_that_slips_past_validation_is_the_items_error(engine: Engine) -> None:
    case = parse_case_yaml(GOOD_CASE)
    # model_copy does not validate: as if a caller built the facts by hand
    item = case.items[0].model_copy(update={"strength_mg": 1e-7, "per_day_max": 1.0})
    (result,) = engine.evaluate(case.model_copy(update={"items": [item]})).items
    assert result.decision == "not_covered" and result.error and "`item.mg_per_day`" in result.error
    assert "1e-07" not in result.error


def test_building_the_backend_leaves_the_compiled_program_intact(engine: Engine) -> None:
    """durable_rules' Host deleted the `run` key of every rule it was given; the C core is given JSON text written
    from a copy: building every ruleset, twice, leaves the program as compiled."""
    for _ in range(2):
        backend = DurableBackend(engine._rulesets)
        for name in sorted(backend.names):
            backend.fire(name, {"kind": "item"})
    assert engine.compiled.to_json() == compile_rules(engine.loaded).to_json()
    assert all("run" in rule for rules in engine._rulesets.values() for rule in rules.values())


def test_engine_and_cli_accept_limits(tmp_path: Path) -> None:
    assert engine_pkg.DEFAULT_LIMITS.max_file_bytes == 256 * 1024
    small = tmp_path / "small.yaml"
    small.write_text(GOOD_CASE, encoding="utf-8")
    with pytest.raises(CaseError, match="over the 100 bytes limit"):
        read_case(small, Limits(max_file_bytes=100))


def test_case_error_takes_plain_messages_too() -> None:
    """Callers that build a CaseError from strings (written before `Problem`) still get one problem each."""
    err = CaseError("batch.jsonl", ["line 3: invalid JSON"])
    assert err.problems == ["line 3: invalid JSON"] and err.details[0].debug() == "line 3: invalid JSON"


# --- a batch reads every case as `evaluate` does ------------------------------------------------------------

#: the error record's kind of each hostile file in a batch (`CaseError.kind`)
BATCH_KINDS = {"alias-bomb": "too_large", "deep-nesting": "too_large", "recursive-alias": "too_large",
               "over-size-limit": "too_large", "duplicate-key": "invalid", "object-tag": "invalid",
               "control-character": "invalid", "binary": "unreadable", "not-utf8": "unreadable"}


def batch_records(out: Path) -> dict[str, dict[str, object]]:
    return {Path(str(r["source"])).name: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


@pytest.mark.usefixtures("cli_uses_session_engine")
def test_a_batch_gives_each_hostile_file_its_own_located_record(files: dict[str, Path], tmp_path: Path) -> None:
    folder = files["binary.yaml"].parent
    (folder / "good.yaml").write_text(GOOD_CASE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("batch", folder, "-o", out)
    assert result.exit_code == 1 and "Traceback" not in result.output
    got = batch_records(out)
    assert got["good.yaml"]["status"] == "ok"
    for name, path in files.items():
        error = got[path.name]["error"]
        assert isinstance(error, dict) and error["kind"] == BATCH_KINDS[name.rsplit(".", 1)[0]], (name, error)
        kind = KINDS[name.rsplit(".", 1)[0]]
        words = kind.words.replace("0xe9", "0xe9 at column") if name.endswith(".txt") else kind.words
        assert words in error["message"], (name, error)
        assert ("line " in error["message"]) == kind.line, (name, error)
    # the same limit as `evaluate`, raised the same way
    again = tmp_path / "again.jsonl"
    assert run("batch", folder, "-o", again, "--max-file-size", "1M").exit_code == 1
    assert batch_records(again)["over-size-limit.yaml"]["status"] == "ok"


def test_a_jsonl_batch_holds_each_line_to_the_same_limits(engine: Engine, tmp_path: Path) -> None:
    from engine.batch import run as run_batch

    good = json.dumps({"case_id": "J-GOOD", "dates": {"injury": "2016-01-04", "request": "2016-09-01"},
                       "items": [{"text": "Acupuncture x6", "service": "acupuncture", "quantity": 6}]})
    lines = [good.encode(),
             b'{"case_id": "J-BIG", "pad": "' + b"x" * 300_000 + b'"}',
             good.replace("Acupuncture x6", "Acupuncture caf\u00e9").encode("latin-1"),
             good.encode()[:-1] + b', "note": "a\x00b"}',
             b'{"case_id": "J-DEEP", "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
             b'{"case_id": "J-DUP", "case_id": "J-DUP2", "items": []}',
             b'{"case_id": "J-NAN", "items": [{"text": "x", "quantity": NaN}]}',
             b'{"case_id": "J-HUGE", "items": [{"text": "x", "service": "acupuncture", "quantity": 1e30}]}',
             good.encode()]
    src = tmp_path / "cases.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    summary = run_batch(engine, src, out)
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in got] == [f"{src}:{n}" for n in range(1, 10)]
    kinds = [r["error"]["kind"] if r["status"] == "error" else "ok" for r in got]
    assert kinds == ["ok", "too_large", "unreadable", "unreadable", "too_large", "invalid", "invalid", "invalid",
                     "ok"]
    messages = [r["error"]["message"] for r in got if r["status"] == "error"]
    for words, message in zip(["over the 256 KiB limit", "not UTF-8 text", "binary data",
                               "nested more than 64 levels deep", "duplicate key `case_id`", "`NaN` is not a JSON",
                               "`items.0.quantity`"], messages, strict=True):
        assert words in message, message
    assert summary.cases == 9 and len(summary.errors) == 7


def test_a_batch_error_record_never_quotes_the_case_unless_asked(engine: Engine, tmp_path: Path) -> None:
    from engine.batch import run as run_batch

    folder = tmp_path / "cases"
    folder.mkdir()
    secret = "lumbar radiculopathy after a fall at work"
    (folder / "bad.yaml").write_text(GOOD_CASE.replace("findings: {home_exercise_program: true}",
                                                       f"findings: {{home_exercise_program: '{secret}'}}"),
                                     encoding="utf-8")
    plain, debug = tmp_path / "plain.jsonl", tmp_path / "debug.jsonl"
    run_batch(engine, folder, plain)
    run_batch(engine, folder, debug, debug=True)
    (record,) = batch_records(plain).values()
    assert record["status"] == "error" and "findings.home_exercise_program" in str(record["error"])
    assert secret not in plain.read_text(encoding="utf-8")
    assert secret in debug.read_text(encoding="utf-8")


@pytest.mark.usefixtures("cli_uses_session_engine")
def test_a_batch_exits_5_when_an_item_could_not_be_evaluated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine import backend_durable

    real = backend_durable.core.assert_fact

    def assert_fact(handle: int, message: str) -> object:
        if '"service": "acupuncture"' in message:
            raise backend_durable.core.error("Could not assert fact, error code: 204")
        return real(handle, message)

    monkeypatch.setattr(backend_durable.core, "assert_fact", assert_fact)
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD_CASE, encoding="utf-8")
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"out.{fmt}"
        result = run("batch", folder, "-o", out)
        assert result.exit_code == 5, result.output
        assert "items the engine could not evaluate (1" in result.stderr and "item 1: durable_rules" in result.stderr
        # a resumed run counts the kept record's item error too
        assert run("batch", folder, "-o", out, "--resume").exit_code == 5


def test_without_libyaml_the_same_files_are_refused_alike(files: dict[str, Path],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's pure-Python loader (where it was built without LibYAML) recurses in Python as it composes: nesting is
    then scanned first, and every hostile file gives the same error."""
    import yaml

    from engine import yamlio

    monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)
    monkeypatch.setattr(yamlio, "_NATIVE_DEPTH_LIMIT", False)
    for name in ("alias-bomb", "deep-nesting", "recursive-alias", "duplicate-key", "object-tag"):
        with pytest.raises(CaseError) as info:
            read_case(files[f"{name}.yaml"])
        assert KINDS[name].words in info.value.details[0].message, name
    assert parse_case_yaml(GOOD_CASE).items


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_that_reports_no_size_is_read_to_the_limit_and_no_further(tmp_path: Path) -> None:
    """A pipe (or device) says it holds 0 bytes: it is read on to the limit, and refused past it."""
    import os
    import threading

    def through_pipe(data: bytes) -> Path:
        fifo = tmp_path / f"case-{len(data)}.yaml"
        os.mkfifo(fifo)

        def write() -> None:
            with open(fifo, "wb") as f:
                try:
                    f.write(data)
                except BrokenPipeError:  # the reader stopped at the limit
                    pass
        threading.Thread(target=write, daemon=True).start()
        return fifo

    assert read_case(through_pipe(GOOD_CASE.encode())).case_id == "HOSTILE-BASE"
    with pytest.raises(CaseError, match="over the 256 KiB limit") as info:
        read_case(through_pipe(GOOD_CASE.encode() + b"#" + b"x" * 300_000 + b"\n"))
    assert info.value.kind == "too_large"
