"""Batch evaluation: every case of a folder (or of one JSONL file) into one output record per case.

The contract (`mtus batch`, README "Batch evaluation"):
- one record per input case, in input order, carrying its `source` (the file, or `FILE:LINE` in a JSONL input)
  and its `case_id`; a case that cannot be read, is invalid or too large, or that the engine fails on, yields an
  error record saying what and where, and the other cases go on. Every case is read as `mtus evaluate` reads it
  (`engine.caseio`, within the same `engine.limits`), and its error record is made from the same typed error
  (`CaseError.kind`); like every message, it names the line and field, never the case's clinical content, unless
  asked (`debug`);
- each record is one line, written whole by one write; a run that is killed leaves at most a torn last line,
  which `--resume` cuts off and redoes; it skips every case already recorded, so nothing is lost or written
  twice, and it refuses an output written with another rule set;
- cases are evaluated in worker processes (`jobs`), each with its own copy of the engine, shipped once.

Reading the input and writing records happen here, in the parent; reading a case and deciding it happen in the
workers (`evaluate_source`), which return the finished line and what the summary needs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import time
import traceback
import typing
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from engine.caseio import TEXT_SUFFIXES, CaseError, extract_text_case, parse_case_data, parse_case_json, read_case_text
from engine.decision import Decision
from engine.inputs import InputError, decode, too_large
from engine.limits import DEFAULT_LIMITS, Limits
from engine.parallel import cpu_count, ordered_map
from engine.render import case_json
from engine.yamlio import YamlError, load_with_lines

if TYPE_CHECKING:
    from engine.api import Engine
    from engine.decision import CaseResult
    from engine.facts import Case

#: suffixes of case files in a folder input (YAML, JSON, narrative text)
CASE_SUFFIXES = frozenset({".yaml", ".yml", ".json", *TEXT_SUFFIXES})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FORMATS = ("jsonl", "csv")
DECISIONS: tuple[str, ...] = typing.get_args(Decision)


class BatchError(Exception):
    """The batch cannot start or go on (bad input path, an output that cannot be resumed): a usage error."""


# --- input ------------------------------------------------------------------------------------------------------


class Source(NamedTuple):
    """One input case: where it is, and (for a JSONL input) its bytes as read by the parent, None for a line over
    the size limit (a tuple: it crosses from parent to worker)."""

    position: int  # in the input: the record's `index`
    name: str
    path: str
    suffix: str
    data: bytes | None = None
    size: int = 0  # of a JSONL line


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def discover(input_path: Path, limits: Limits = DEFAULT_LIMITS) -> list[Source] | Iterator[Source]:
    """The cases of a folder (case files below it, by path), a JSONL file (one case a line) or one case file."""
    if input_path.is_dir():
        files = sorted((p for p in input_path.rglob("*") if p.suffix.lower() in CASE_SUFFIXES and p.is_file()
                        and not _hidden(p.relative_to(input_path))), key=lambda p: p.relative_to(input_path).as_posix())
        return [Source(i, str(p), str(p), p.suffix.lower()) for i, p in enumerate(files)]
    if not input_path.exists():
        raise BatchError(f"{input_path}: no such file or folder")
    if input_path.suffix.lower() in JSONL_SUFFIXES:
        return _jsonl_sources(input_path, limits)
    if input_path.suffix.lower() in CASE_SUFFIXES:
        return [Source(0, str(input_path), str(input_path), input_path.suffix.lower())]
    raise BatchError(f"{input_path}: not a folder, a JSONL file of cases (.jsonl) or a case file "
                     f"({', '.join(sorted(CASE_SUFFIXES))})")


def _lines(path: Path, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes, size) of every non-blank line; the bytes of a line over `limit` are not kept (None),
    and it is never held whole: memory stays within the limit whatever the file holds."""
    with path.open("rb") as f:
        number = 0
        while True:
            raw = f.readline(limit + 1)
            if not raw:
                return
            number += 1
            if len(raw) > limit and not raw.endswith(b"\n"):  # over the limit: skip to the line's end
                size = len(raw)
                while raw and not raw.endswith(b"\n"):
                    raw = f.readline(1 << 20)
                    size += len(raw)
                yield number, None, size
            elif raw.strip():  # blank lines separate nothing and are no case
                yield number, raw, len(raw)


def _jsonl_sources(path: Path, limits: Limits) -> Iterator[Source]:
    for index, (number, raw, size) in enumerate(_lines(path, limits.max_file_bytes)):
        yield Source(index, f"{path}:{number}", str(path), ".jsonl", raw, size)


def count_sources(input_path: Path, limits: Limits = DEFAULT_LIMITS) -> int | None:
    """How many cases the input holds (for the progress bar), without keeping them."""
    if input_path.suffix.lower() in JSONL_SUFFIXES and input_path.is_file():
        return sum(1 for _ in _lines(input_path, limits.max_file_bytes))
    return None


# --- records ------------------------------------------------------------------------------------------------------


class Finished(NamedTuple):
    """A case done: its output line, and what the summary counts (a tuple: it crosses from worker to parent)."""

    source: str
    line: str
    case_id: str | None
    ok: bool
    items: tuple[tuple[str, str], ...] = ()  # (service, decision) per item
    error: str = ""
    ruleset_hash: str = ""
    item_errors: tuple[str, ...] = ()  # items the engine could not evaluate (`item N: ...`)


def _error(kind: str, message: str, problems: list[str] | None = None) -> dict[str, Any]:
    return {"kind": kind, "message": message, "problems": problems or [message]}


class RecordFormat:
    """How records are written and read back (JSON Lines: the whole result; CSV: one summary row per case)."""

    name = "jsonl"
    header: str | None = None

    def line(self, source: Source, case_id: str | None, result: dict[str, Any] | None,
             error: dict[str, Any] | None) -> str:
        """One record as one line, newline included."""
        record: dict[str, Any] = {"source": source.name, "index": source.position, "case_id": case_id,
                                  "status": "ok" if error is None else "error"}
        if error is None:
            record["result"] = result
        else:
            record["error"] = error
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"

    def read(self, line: str) -> Finished:
        """A record written by `line`; ValueError when it is not one."""
        record = json.loads(line)
        if not isinstance(record, dict) or "source" not in record or record.get("status") not in ("ok", "error"):
            raise ValueError("not a batch record")
        result = record.get("result") or {}
        items = tuple((i["service"], i["decision"]) for i in result.get("items", []))
        item_errors = tuple(f"item {n}: {i['error']}" for n, i in enumerate(result.get("items", []), 1)
                            if i.get("error"))
        error = record.get("error") or {}
        return Finished(record["source"], line, record.get("case_id"), record["status"] == "ok", items,
                        error.get("message", ""), result.get("ruleset_hash", ""), item_errors)


_CSV_COLUMNS = ("index", "source", "case_id", "status", "as_of", "ruleset_hash", "items", "overturn", "uphold",
                "not_covered", "services", "decisions", "error")


class CsvFormat(RecordFormat):
    """One row per case for a spreadsheet: counts per decision, and the items' services and decisions in order
    (`|`-separated); the full rationale and citations are in the JSONL format."""

    name = "csv"
    header = ",".join(_CSV_COLUMNS) + "\n"

    def line(self, source: Source, case_id: str | None, result: dict[str, Any] | None,
             error: dict[str, Any] | None) -> str:
        items = (result or {}).get("items", [])
        decisions = Counter(i["decision"] for i in items)
        row = [source.position, source.name, case_id or "", "ok" if error is None else "error",
               (result or {}).get("as_of") or "", (result or {}).get("ruleset_hash", ""), len(items),
               decisions["overturn"], decisions["uphold"], decisions["not_covered"],
               "|".join(i["service"] for i in items), "|".join(i["decision"] for i in items),
               "; ".join(error["problems"]) if error else _item_errors(items)]
        buffer = io.StringIO()
        # one physical line per record: no field keeps a line break
        csv.writer(buffer, lineterminator="\n").writerow([" ".join(str(v).splitlines()) for v in row])
        return buffer.getvalue()

    def read(self, line: str) -> Finished:
        row = next(csv.reader([line]))
        if len(row) != len(_CSV_COLUMNS) or row[3] not in ("ok", "error"):
            raise ValueError("not a batch record")
        values = dict(zip(_CSV_COLUMNS, row, strict=True))
        services = values["services"].split("|") if values["services"] else []
        decisions = values["decisions"].split("|") if values["decisions"] else []
        ok = values["status"] == "ok"
        item_errors = tuple(values["error"].split("; ")) if ok and values["error"] else ()
        return Finished(values["source"], line, values["case_id"] or None, ok,
                        tuple(zip(services, decisions, strict=False)), "" if ok else values["error"],
                        values["ruleset_hash"], item_errors)


def _item_errors(items: list[dict[str, Any]]) -> str:
    """A decided case's items the engine could not evaluate, for the CSV `error` column (`item N: ...`)."""
    return "; ".join(f"item {n}: {i['error']}" for n, i in enumerate(items, 1) if i.get("error"))


def record_format(name: str) -> RecordFormat:
    """The format named `jsonl` or `csv`."""
    return CsvFormat() if name == "csv" else RecordFormat()


# --- one case (in a worker) -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """What every worker needs: the engine (shipped once per worker), how to evaluate and write, the limits every
    case is read within, and whether error records may show the input they concern (`--debug`)."""

    engine: Engine
    as_of: dt.date | None
    format: str
    limits: Limits = DEFAULT_LIMITS
    debug: bool = False


def read_source(source: Source, limits: Limits = DEFAULT_LIMITS) -> Case:
    """The validated case of one input, read as `mtus evaluate` reads a file; raises `CaseError` (its `kind` is
    the record's error kind)."""
    if source.suffix == ".jsonl":
        if source.data is None:
            raise CaseError.from_input(InputError(source.name, 0, too_large(source.size, limits), limit=True),
                                       source.name)
        try:
            text = decode(source.data, source.name)
        except InputError as exc:
            raise CaseError.from_input(exc, source.name) from exc
        return parse_case_json(text, source.name, limits)
    path = Path(source.path)
    text = read_case_text(path, limits, source.name)
    if source.suffix in TEXT_SUFFIXES:
        try:
            return extract_text_case(text, source.name, path.stem, limits)
        except CaseError as exc:
            exc.case_id = exc.case_id or path.stem  # a text's case is named by its file
            raise
    try:
        data, lines = load_with_lines(text, limits)
    except YamlError as exc:
        raise CaseError.from_yaml(exc, source.name) from exc
    return parse_case_data(data, source.name, lines)


def _case_error(exc: CaseError, debug: bool) -> dict[str, Any]:
    problems = [p.debug() if debug else str(p) for p in exc.details]
    return _error(exc.kind, "; ".join(problems), problems)


def evaluate_source(job: Job, source: Source) -> Finished:
    """Read and decide one case; never raises: every failure is the case's error record."""
    fmt = record_format(job.format)
    error: dict[str, Any] | None
    case_id: str | None = None
    try:
        case = read_source(source, job.limits)
        case_id = case.case_id
        result: CaseResult | None = job.engine.evaluate(case, as_of=job.as_of)
        error = None
    except CaseError as exc:
        result, error, case_id = None, _case_error(exc, job.debug), exc.case_id
    except Exception as exc:  # an engine failure is this case's, never the batch's
        # its message may quote the case (a value in an exception): only the type, unless --debug
        detail = f"{type(exc).__name__}: {exc}" if job.debug else type(exc).__name__
        result, error = None, _error("internal", f"the engine failed on this case: {detail}")
        if job.debug:
            error["traceback"] = traceback.format_exc()
    data = case_json(result) if result is not None else None
    items = tuple((i.service, i.decision) for i in result.items) if result is not None else ()
    item_errors = tuple(f"item {n}: {i.error}" for n, i in enumerate(result.items, 1) if i.error) \
        if result is not None else ()
    return Finished(source.name, fmt.line(source, case_id, data, error), case_id, error is None, items,
                    "" if error is None else f"{error['kind']}: {error['message']}",
                    result.ruleset_hash if result is not None else "", item_errors)


# --- the run (in the parent) ----------------------------------------------------------------------------------------


@dataclass
class Summary:
    """What the batch did: cases, errors, items by decision and by service kind."""

    cases: int = 0
    carried: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: items of decided cases that the engine could not evaluate (each `not_covered`, with its error)
    item_errors: list[tuple[str, str]] = field(default_factory=list)
    decisions: Counter[str] = field(default_factory=Counter)
    by_service: dict[str, Counter[str]] = field(default_factory=dict)
    seconds: float = 0.0

    def report(self, out: Path | None, shown_errors: int = 20) -> str:
        """The summary printed at the end of a run."""
        new = self.cases - self.carried
        rate = f", {new / self.seconds:,.0f} cases/s" if self.seconds > 0 and new else ""
        lines = [f"{self.cases} case(s): {self.cases - len(self.errors)} decided, {len(self.errors)} failed"
                 + (f" ({self.carried} kept from the earlier run)" if self.carried else "")
                 + f"; {new} evaluated in {self.seconds:.1f} s{rate}"]
        if self.decisions:
            total = sum(self.decisions.values())
            lines.append(f"{total} item(s): " + ", ".join(f"{d} {self.decisions[d]}" for d in DECISIONS))
            width = max(len(s) for s in self.by_service)
            lines.append(f"  {'service':<{width}}  " + "  ".join(f"{d:>11}" for d in DECISIONS))
            for service in sorted(self.by_service):
                counts = self.by_service[service]
                lines.append(f"  {service:<{width}}  " + "  ".join(f"{counts[d]:>11}" for d in DECISIONS))
        if self.errors:
            lines.append(f"failed cases ({len(self.errors)}; every one has an error record"
                         + (f" in {out}" if out else "") + "):")
            lines += [f"  {source}: {message}" for source, message in self.errors[:shown_errors]]
            if len(self.errors) > shown_errors:
                lines.append(f"  ... and {len(self.errors) - shown_errors} more")
        if self.item_errors:
            lines.append(f"items the engine could not evaluate ({len(self.item_errors)}; each is not_covered, with "
                         "its error, in its case's record):")
            lines += [f"  {source}: {message}" for source, message in self.item_errors[:shown_errors]]
            if len(self.item_errors) > shown_errors:
                lines.append(f"  ... and {len(self.item_errors) - shown_errors} more")
        return "\n".join(lines)

    def add(self, done: Finished, carried: bool = False) -> None:
        """Count one record."""
        self.cases += 1
        self.carried += carried
        if not done.ok:
            self.errors.append((done.source, done.error))
        self.item_errors.extend((done.source, message) for message in done.item_errors)
        for service, decision in done.items:
            self.decisions[decision] += 1
            self.by_service.setdefault(service, Counter())[decision] += 1


def resume_state(out: Path, fmt: RecordFormat, ruleset_hash: str) -> tuple[list[Finished], int]:
    """The records already in `out` and the byte length of its whole lines (a torn last line is cut there).
    Raises BatchError when `out` holds something other than records of this format and rule set."""
    data = out.read_bytes()
    whole = data.rfind(b"\n") + 1  # a kill mid-write leaves a last line without its newline
    lines = data[:whole].decode("utf-8").splitlines(keepends=True)
    start = 0
    if fmt.header is not None and lines:
        if lines[0] != fmt.header:
            raise BatchError(f"{out}: line 1 is not the header of a `{fmt.name}` batch output; not resuming")
        start = 1
    done = []
    for number, line in enumerate(lines[start:], start + 1):
        try:
            record = fmt.read(line)
        except (ValueError, KeyError, TypeError, StopIteration) as exc:
            raise BatchError(f"{out}:{number}: not a `{fmt.name}` batch record ({exc}); not resuming") from exc
        if record.ok and record.ruleset_hash and record.ruleset_hash != ruleset_hash:
            raise BatchError(f"{out}:{number}: written with another rule set ({record.ruleset_hash[:12]}, this "
                             f"engine has {ruleset_hash[:12]}); write the rest to a new output")
        done.append(record)
    return done, whole


def run(engine: Engine, input_path: Path, out: Path | None, fmt_name: str = "jsonl", jobs: int = 1,
        resume: bool = False, as_of: dt.date | None = None, write: Callable[[str], None] | None = None,
        progress: Callable[[Summary, int | None], None] | None = None, chunksize: int | None = None,
        limits: Limits = DEFAULT_LIMITS, debug: bool = False) -> Summary:
    """Evaluate every case of `input_path` into `out` (or `write`, for standard output) and return the summary.

    Every case is read within `limits`; with `debug`, error records show the input they concern (which may be
    clinical content). Raises BatchError for a usage problem (found before any case is evaluated)."""
    fmt = record_format(fmt_name)
    sources = discover(input_path, limits)
    summary = Summary()
    finished: set[str] = set()
    fd: int | None = None
    if out is not None:
        exists = out.exists() and out.stat().st_size > 0
        if exists and not resume:
            raise BatchError(f"{out} exists: --resume to finish it, or choose another output")
        if exists:
            kept, whole = resume_state(out, fmt, engine.hash)
            for record in kept:
                summary.add(record, carried=True)
                finished.add(record.source)
            with out.open("r+b") as f:
                f.truncate(whole)  # the torn last line of a killed run, if any, is redone
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    total = len(sources) if isinstance(sources, list) else count_sources(input_path, limits)

    def emit(text: str) -> None:
        if fd is not None:
            data = text.encode("utf-8")
            while data:  # one record, one write; a short write (a full disk, a signal) goes on where it stopped
                data = data[os.write(fd, data):]
        elif write is not None:
            write(text)

    start = time.perf_counter()
    try:
        if fmt.header is not None and not finished and (fd is None or os.fstat(fd).st_size == 0):
            emit(fmt.header)
        todo = (s for s in sources if s.name not in finished)
        job = Job(engine, as_of, fmt.name, limits, debug)
        if chunksize is None:  # large enough to keep the parent's share small, small enough to balance the workers
            workers = cpu_count() if jobs == 0 else max(1, jobs)
            chunksize = max(1, min(32, (total or 0) // (workers * 8))) if total else 16
        for finished_case in ordered_map(evaluate_source, job, todo, jobs, chunksize):
            emit(finished_case.line)
            summary.add(finished_case)
            if progress is not None:
                summary.seconds = time.perf_counter() - start
                progress(summary, total)
    finally:
        summary.seconds = time.perf_counter() - start
        if fd is not None:
            os.fsync(fd)
            os.close(fd)
    return summary
