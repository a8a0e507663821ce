"""The same input gives byte-identical output across runs, processes and hash seeds; nothing opens a network
connection at run time; errors and logs say where and what, never the case's clinical content (unless
`--debug`); the CLI shows no traceback for a user error."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import engine.api
from cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(str(p) for p in (ROOT / "examples").glob("*") if p.suffix in (".yaml", ".txt"))  # case files
TEXT = str(ROOT / "examples" / "narrative-case.txt")
#: the commands whose output must not depend on the process
COMMANDS = [
    ["evaluate", "--format", "json", "--explain", *EXAMPLES],
    ["evaluate", "--format", "markdown", *EXAMPLES],
    ["extract", TEXT],
    ["rules", "check", "--format", "json"],
    ["rules", "list"],
]

SCRIPT = textwrap.dedent("""
    import json, sys
    network = []

    def audit(event, args):
        if event.startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.")):
            network.append(event)

    sys.addaudithook(audit)
    sys.path.insert(0, sys.argv[1])
    from click.testing import CliRunner
    import engine
    from cli import main

    shared = engine.Engine()  # one engine for the bundled rules, as a long-running embedding would hold
    engine.Engine = lambda rule_paths=None, guideline_dir=None, limits=None: shared

    outputs = [CliRunner().invoke(main, command).stdout for command in json.loads(sys.argv[2])]
    print(json.dumps({"outputs": outputs, "network": network}))
""")


@pytest.fixture(scope="module")
def runs() -> dict[str, dict[str, list[str]]]:
    """The commands in three processes at once, with different hash seeds (sets and dicts of strings iterate in
    a different order under each seed)."""
    procs = {seed: subprocess.Popen([sys.executable, "-c", SCRIPT, str(ROOT), json.dumps(COMMANDS)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    env={**os.environ, "PYTHONHASHSEED": seed})
             for seed in ("0", "1", "4604")}
    out = {}
    for seed, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr[-2000:]
        out[seed] = json.loads(stdout.splitlines()[-1])
    return out


def test_output_is_byte_identical_across_processes_and_hash_seeds(runs: dict[str, dict[str, list[str]]]) -> None:
    first, *others = runs.values()
    assert all(first["outputs"]) and len(first["outputs"]) == len(COMMANDS)
    for other in others:
        for command, a, b in zip(COMMANDS, first["outputs"], other["outputs"], strict=True):
            assert a == b, f"`mtus {' '.join(command[:3])}` differs between hash seeds"


def test_output_is_byte_identical_across_runs_in_one_process(runs: dict[str, dict[str, list[str]]]) -> None:
    for command, expected in zip(COMMANDS, runs["0"]["outputs"], strict=True):
        assert CliRunner().invoke(main, command).stdout == expected, command


def test_nothing_opens_a_network_connection(runs: dict[str, dict[str, list[str]]]) -> None:
    """Python's audit hooks see every socket a process creates or connects, whoever creates it."""
    for seed, run in runs.items():
        assert run["network"] == [], f"seed {seed}: {run['network']}"


def test_no_module_imports_a_network_library() -> None:
    sources = [*ROOT.joinpath("engine").rglob("*.py"), ROOT / "cli.py"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for lib in ("socket", "urllib", "http.client", "requests", "httpx", "aiohttp", "ftplib", "smtplib"):
            assert f"import {lib}" not in text and f"from {lib}" not in text, f"{path.name} imports {lib}"


CLINICAL = "peptic ulcer bleeding in 2014"
BAD_CASE = f"""\
case_id: PRIVATE-1
dates: {{injury: 2016-01-04, request: 2016-09-01}}
diagnoses: [{{text: "{CLINICAL}"}}]
patient: {{age: 9}}
history: [{{kind: physical_therapy, sessions: "{CLINICAL}"}}]
items: [{{text: "Celecoxib for {CLINICAL}", service: nsaid, quantity: -60}}]
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.mark.usefixtures("cli_uses_session_engine")
def test_errors_name_file_line_and_field_never_the_clinical_content(tmp_path: Path,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "private.yaml"
    path.write_text(BAD_CASE, encoding="utf-8")
    with caplog.at_level(logging.DEBUG):
        result = run("evaluate", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    for field, line in (("patient.age", 4), ("history.0.sessions", 5), ("items.0.quantity", 6)):
        assert f"{path}: line {line}: `{field}`" in result.stderr, result.stderr
    # the value, outside the file's path (a temporary path such as "pytest-60" may hold it)
    assert CLINICAL not in result.output and "-60" not in result.stderr.replace(str(path), "")
    assert CLINICAL not in caplog.text
    debug = run("--debug", "evaluate", str(path))
    assert CLINICAL in debug.stderr and "Traceback" in debug.stderr


@pytest.mark.usefixtures("cli_uses_session_engine")
def test_evaluation_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        assert run("evaluate", "--explain", *EXAMPLES).exit_code == 0
    assert caplog.records == []


USER_ERRORS = {
    "missing file": (["evaluate", "no-such-case.yaml"], 1),
    "a directory": (["evaluate", str(ROOT / "examples")], 1),
    "an empty file": (["evaluate", "{empty}"], 1),
    "an empty text": (["extract", "{empty_txt}"], 1),
    "a bad date option": (["evaluate", "--as-of", "2016-13-01", EXAMPLES[0]], 2),
    "a bad size option": (["evaluate", "--max-file-size", "lots", EXAMPLES[0]], 2),
    "broken rules": (["evaluate", "--rules", str(ROOT / "tests" / "loader_errors" / "e005_unknown_fact.yaml"),
                      EXAMPLES[0]], 3),
    "an unknown command": (["evaluat", EXAMPLES[0]], 2),
    "a missing argument": (["extract"], 2),
}


@pytest.mark.usefixtures("cli_uses_session_engine")
@pytest.mark.parametrize("name", list(USER_ERRORS))
def test_a_user_error_never_shows_a_traceback(name: str, tmp_path: Path) -> None:
    empty, empty_txt = tmp_path / "empty.yaml", tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    empty_txt.write_text("", encoding="utf-8")
    args, code = USER_ERRORS[name]
    args = [a.format(empty=empty, empty_txt=empty_txt) for a in args]
    result = run(*args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.strip(), "a user error says what is wrong"


@pytest.mark.usefixtures("cli_uses_session_engine")
def test_an_internal_error_is_told_without_a_traceback_unless_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(engine.api.Engine, "evaluate", broken)
    result = run("evaluate", EXAMPLES[0])
    assert result.exit_code == 70 and "Traceback" not in result.output
    assert "internal error (KeyError)" in result.stderr and "a bug" not in result.stderr
    debug = run("--debug", "evaluate", EXAMPLES[0])
    assert isinstance(debug.exception, KeyError)
