"""`mtus batch` and `Engine.evaluate_many`: one record per case in input order, error records, resume after a kill,
exit codes, the CSV form, and the same records whether cases run here or in worker processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

import engine.batch as batch_mod
from cli import main
from engine import Engine, Limits, parse_case_yaml, read_case
from engine.batch import BatchError, run
from engine.render import case_json

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
GOOD = TESTS / "fixtures" / "case-pt-acupuncture.yaml"
CRPS = TESTS / "fixtures" / "case-crps.json"
NARRATIVE = ROOT / "examples" / "narrative-case.txt"
#: `mtus` from this source tree (whatever is installed), as a process of its own
MTUS = [sys.executable, str(ROOT / "cli.py")]


def copies(folder: Path, n: int, start: int = 0) -> list[str]:
    """`n` copies of the fixture case with their own ids, in files named so that name order is input order."""
    base = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    names = []
    for k in range(start, start + n):
        name = f"c{k:05d}.yaml"
        (folder / name).write_text(yaml.safe_dump({**base, "case_id": f"COPY-{k:05d}"}), encoding="utf-8")
        names.append(name)
    return names


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder of good and bad cases in nested folders, with files that are not cases."""
    cases = tmp_path / "cases"
    (cases / "2016" / "q4").mkdir(parents=True)
    (cases / ".hidden").mkdir()
    (cases / "a-good.yaml").write_bytes(GOOD.read_bytes())
    (cases / "b-bad-yaml.yaml").write_text("case_id: x\nitems: [\n", encoding="utf-8")
    (cases / "2016" / "c-crps.json").write_bytes(CRPS.read_bytes())
    (cases / "2016" / "d-unknown-field.yaml").write_text(
        GOOD.read_text(encoding="utf-8").replace("red_flags: false", "red_flag: false"), encoding="utf-8")
    (cases / "2016" / "q4" / "e-narrative.txt").write_bytes(NARRATIVE.read_bytes())
    (cases / "2016" / "q4" / "f-not-utf8.yaml").write_bytes(b"case_id: \xff\xfe\n")
    (cases / "g-no-items.txt").write_text("CLINICAL CASE SUMMARY\nA worker hurt her back.\n", encoding="utf-8")
    (cases / "notes.md").write_text("not a case", encoding="utf-8")
    (cases / ".hidden" / "x.yaml").write_bytes(GOOD.read_bytes())
    return cases


#: input order: paths below the folder, sorted as text (as `find | sort` lists them); hidden files and other
#: suffixes are not cases
EXPECTED_ORDER = ["2016/c-crps.json", "2016/d-unknown-field.yaml", "2016/q4/e-narrative.txt",
                  "2016/q4/f-not-utf8.yaml", "a-good.yaml", "b-bad-yaml.yaml", "g-no-items.txt"]


def test_one_record_per_case_in_input_order_with_error_records(engine: Engine, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = run(engine, mixed, out)
    got = records(out)
    assert [r["source"] for r in got] == [str(mixed / name) for name in EXPECTED_ORDER]
    assert [r["index"] for r in got] == list(range(len(EXPECTED_ORDER)))
    status = {Path(r["source"]).name: r for r in got}
    assert status["a-good.yaml"]["status"] == "ok"
    assert status["a-good.yaml"]["case_id"] == "FIX-0001"
    # the record carries the same result as evaluating the case alone
    assert status["a-good.yaml"]["result"] == case_json(engine.evaluate(read_case(GOOD)))
    assert status["e-narrative.txt"]["status"] == "ok" and status["e-narrative.txt"]["case_id"] == "EX-0001"
    errors = {name: r["error"] for name, r in status.items() if r["status"] == "error"}
    assert set(errors) == {"b-bad-yaml.yaml", "d-unknown-field.yaml", "f-not-utf8.yaml", "g-no-items.txt"}
    assert errors["b-bad-yaml.yaml"]["kind"] == "invalid" and "line 3" in errors["b-bad-yaml.yaml"]["message"]
    assert errors["d-unknown-field.yaml"]["kind"] == "invalid"
    assert "findings.red_flag" in errors["d-unknown-field.yaml"]["message"]
    assert "unknown field" in errors["d-unknown-field.yaml"]["message"]
    assert errors["f-not-utf8.yaml"]["kind"] == "unreadable"
    assert errors["g-no-items.txt"]["kind"] == "invalid"
    assert summary.cases == 7 and len(summary.errors) == 4
    assert sum(summary.decisions.values()) == sum(len(r["result"]["items"]) for r in got if r["status"] == "ok")


def test_a_too_large_case_and_an_engine_failure_are_the_case_s_own(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    copies(cases, 3)
    limits = Limits(max_file_bytes=(cases / "c00000.yaml").stat().st_size + 100)
    big = cases / "c00001.yaml"
    big.write_text(big.read_text(encoding="utf-8") + "#" * 200 + "\n", encoding="utf-8")
    real = engine.evaluate

    def evaluate(case: Any, **kw: Any) -> Any:
        if case.case_id == "COPY-00002":
            raise RuntimeError("simulated engine bug")
        return real(case, **kw)

    monkeypatch.setattr(engine, "evaluate", evaluate)
    out = tmp_path / "out.jsonl"
    run(engine, cases, out, limits=limits)
    got = records(out)
    assert [r["status"] for r in got] == ["ok", "error", "error"]
    assert got[1]["error"]["kind"] == "too_large" and "--max-file-size" in got[1]["error"]["message"]
    # an exception's message may quote the case: the record names its type only, unless asked (--debug)
    assert got[2]["error"]["kind"] == "internal" and "RuntimeError" in got[2]["error"]["message"]
    assert "simulated engine bug" not in out.read_text(encoding="utf-8")
    assert got[2]["case_id"] == "COPY-00002"
    debug_out = tmp_path / "debug.jsonl"
    run(engine, cases, debug_out, limits=limits, debug=True)
    error = records(debug_out)[2]["error"]
    assert "simulated engine bug" in error["message"] and "Traceback" in error["traceback"]


def test_jsonl_input_names_each_line(engine: Engine, tmp_path: Path) -> None:
    good = json.dumps(parse_case_yaml(GOOD.read_text(encoding="utf-8")).model_dump(mode="json"))
    src = tmp_path / "cases.jsonl"
    src.write_text(f"{good}\n\n{{not json\n{json.dumps({'case_id': 'X', 'items': 'no'})}\n{good}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run(engine, src, out)
    got = records(out)
    assert [r["source"] for r in got] == [f"{src}:1", f"{src}:3", f"{src}:4", f"{src}:5"]
    assert [r["status"] for r in got] == ["ok", "error", "error", "ok"]
    assert "invalid JSON" in got[1]["error"]["message"]
    assert got[2]["case_id"] == "X" and "`items`" in got[2]["error"]["message"]


def test_worker_processes_write_the_same_records(engine: Engine, mixed: Path, tmp_path: Path) -> None:
    copies(mixed, 40)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(engine, mixed, one, jobs=1)
    run(engine, mixed, two, jobs=2, chunksize=3)
    assert one.read_bytes() == two.read_bytes()


def test_csv_is_one_row_per_case_with_a_header(engine: Engine, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    run(engine, mixed, out, "csv")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("index,source,case_id,status")
    assert len(lines) == 1 + len(EXPECTED_ORDER)
    fmt = batch_mod.record_format("csv")
    good = fmt.read(lines[1 + EXPECTED_ORDER.index("a-good.yaml")] + "\n")
    assert good.ok and good.case_id == "FIX-0001"
    assert list(good.items) == [(i.service, i.decision) for i in engine.evaluate(read_case(GOOD)).items]
    bad = fmt.read(lines[1 + EXPECTED_ORDER.index("b-bad-yaml.yaml")] + "\n")
    assert not bad.ok and "line 3" in bad.error


# --- resume --------------------------------------------------------------------------------------------------


def test_resume_cuts_a_torn_line_and_writes_nothing_twice(engine: Engine, mixed: Path, tmp_path: Path) -> None:
    copies(mixed, 10)
    clean = tmp_path / "clean.jsonl"
    run(engine, mixed, clean)
    lines = clean.read_text(encoding="utf-8").splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_text("".join(lines[:6]) + lines[6][: len(lines[6]) // 2], encoding="utf-8")  # killed mid-write
    summary = run(engine, mixed, out, resume=True)
    assert out.read_bytes() == clean.read_bytes()
    assert summary.carried == 6 and summary.cases == len(lines)


def test_resume_csv(engine: Engine, mixed: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.csv"
    run(engine, mixed, clean, "csv")
    lines = clean.read_text(encoding="utf-8").splitlines(keepends=True)
    out = tmp_path / "out.csv"
    out.write_text("".join(lines[:4]), encoding="utf-8")
    run(engine, mixed, out, "csv", resume=True, jobs=2)
    assert out.read_bytes() == clean.read_bytes()


def test_resume_refuses_another_rule_set_or_a_foreign_file(engine: Engine, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run(engine, mixed, out)
    text = out.read_text(encoding="utf-8")
    out.write_text(text.replace(engine.hash, "0" * 64), encoding="utf-8")
    with pytest.raises(BatchError, match="another rule set"):
        run(engine, mixed, out, resume=True)
    lines = text.splitlines(keepends=True)
    out.write_text(lines[0] + "this is not a record\n" + "".join(lines[1:]), encoding="utf-8")
    with pytest.raises(BatchError, match=r"out.jsonl:2: not a `jsonl` batch record"):
        run(engine, mixed, out, resume=True)


def test_resume_after_a_kill_mid_run(tmp_path: Path) -> None:
    """A real `mtus batch` process killed while writing, then resumed: every case once, as a clean run has it."""
    cases = tmp_path / "cases"
    cases.mkdir()
    n = 600
    copies(cases, n)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([*MTUS, "batch", str(cases), "-o", str(out)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.stat().st_size > 0 and out.read_bytes().count(b"\n") >= 30:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    _, stderr = proc.communicate()
    assert out.exists(), stderr.decode()
    done = out.read_bytes().count(b"\n")
    if done >= n:
        pytest.skip("the batch finished before it could be killed (an unusually fast machine)")
    resumed = subprocess.run([*MTUS, "batch", str(cases), "-o", str(out), "--resume"],
                             capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert f"({done} kept from the earlier run)" in resumed.stderr
    got = records(out)
    assert [r["source"] for r in got] == [str(cases / f"c{k:05d}.yaml") for k in range(n)]
    assert all(r["status"] == "ok" for r in got)


# --- the command: exit codes, usage ------------------------------------------------------------------------------


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["batch", *[str(a) for a in args]], catch_exceptions=False)


@pytest.mark.usefixtures("cli_uses_session_engine")
def test_exit_codes(mixed: Path, tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    copies(good, 3)
    ok = invoke(good, "-o", tmp_path / "good.jsonl")
    assert ok.exit_code == 0, ok.stderr
    assert "3 case(s): 3 decided, 0 failed" in ok.stderr
    bad = invoke(mixed, "-o", tmp_path / "mixed.jsonl")
    assert bad.exit_code == 1
    assert "4 failed" in bad.stderr and "b-bad-yaml.yaml: invalid: line 3" in bad.stderr
    again = invoke(good, "-o", tmp_path / "good.jsonl")
    assert again.exit_code == 2 and "--resume" in again.stderr
    assert invoke(tmp_path / "missing").exit_code == 2
    assert invoke(good, "--resume").exit_code == 2
    resumed = invoke(good, "-o", tmp_path / "good.jsonl", "--resume")
    assert resumed.exit_code == 0 and "(3 kept from the earlier run); 0 evaluated" in resumed.stderr
    resumed_bad = invoke(mixed, "-o", tmp_path / "mixed.jsonl", "--resume")
    assert resumed_bad.exit_code == 1  # the failed cases of the earlier run still fail the batch


@pytest.mark.usefixtures("cli_uses_session_engine")
def test_records_go_to_standard_output_without_a_progress_bar(mixed: Path) -> None:
    result = invoke(mixed, "--format", "csv")
    assert result.exit_code == 1
    rows = result.stdout.splitlines()
    assert rows[0].startswith("index,source") and len(rows) == 1 + len(EXPECTED_ORDER)
    assert "\r" not in result.stderr  # not a terminal: no progress bar


# --- Engine.evaluate_many ----------------------------------------------------------------------------------------


def test_evaluate_many_keeps_order_here_and_in_processes(engine: Engine, tmp_path: Path) -> None:
    cases = [read_case(p) for p in [GOOD, CRPS, NARRATIVE, ROOT / "examples" / "knee-mri-and-surgery.yaml"]] * 5
    serial = [engine.evaluate(c).model_dump(mode="json") for c in cases]
    assert [r.model_dump(mode="json") for r in engine.evaluate_many(cases)] == serial
    assert [r.model_dump(mode="json") for r in engine.evaluate_many(cases, jobs=2, chunksize=3)] == serial


def test_evaluate_many_with_spawned_workers(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers that start fresh (spawn, as on macOS and Windows) get the engine by pickling its rule set."""
    import multiprocessing

    import engine.parallel as parallel

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    cases = [read_case(GOOD), read_case(CRPS)] * 3
    serial = [engine.evaluate(c).model_dump(mode="json") for c in cases]
    assert [r.model_dump(mode="json") for r in engine.evaluate_many(cases, jobs=2, chunksize=2)] == serial


def test_structured_cases_do_not_import_the_narrative_reader() -> None:
    code = ("import sys, engine\nfrom pathlib import Path\n"
            f"engine.Engine().evaluate(engine.read_case(Path({str(GOOD)!r})))\n"
            "assert 'engine.narrative' not in sys.modules, 'the narrative reader was imported'\n"
            f"engine.read_case(Path({str(NARRATIVE)!r}))\n"
            "assert 'engine.narrative' in sys.modules\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr


def _die_on_three(_state: object, item: int) -> int:
    if item == 3:
        os._exit(1)  # a worker that dies, as a crash in a C extension would
    return item


def test_a_dead_worker_is_reported_not_hidden() -> None:
    from engine.parallel import WorkerError, ordered_map

    with pytest.raises(WorkerError, match="a worker process died"):
        list(ordered_map(_die_on_three, None, range(8), jobs=2, chunksize=1))


def test_the_progress_bar_redraws_one_line() -> None:
    import io

    from engine.batch import Finished, Summary
    from engine.progress import ProgressBar

    stream = io.StringIO()
    bar, summary = ProgressBar(stream), Summary()
    for k in range(4):
        summary.add(Finished(f"c{k}", "", None, k != 2, (("mri", "uphold"),), "invalid: x" if k == 2 else ""))
        summary.seconds = 1.0 + k
        bar._last = 0.0  # redraw every case here
        bar.update(summary, 4)
    bar.close()
    last = stream.getvalue().split("\r")[-1]
    assert last.startswith("[" + "#" * 30 + "] 4/4 cases") and "1 error(s)" in last and last.endswith("\x1b[K\n")
