"""The `mtus` command: a thin click layer over `engine`; no decision logic lives here.

Exit codes: 0 success; 1 a case file could not be read or validated (the other cases still get their
results); 2 usage error; 3 the rules have errors; 4 decision tests failed.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

import engine
from engine import render
from engine.batch import FORMATS, BatchError, run
from engine.parallel import WorkerError
from engine.progress import ProgressBar

EXIT_BAD_CASE, EXIT_RULES, EXIT_TESTS = 1, 3, 4


def _engine(rules: tuple[Path, ...]) -> engine.Engine:
    try:
        return engine.Engine([*rules] if rules else None)
    except engine.RuleSetError as exc:
        for d in exc.diagnostics:
            click.echo(d.render(), err=True)
        raise SystemExit(EXIT_RULES) from exc


_rules_opt = click.option("--rules", "rules", multiple=True, type=click.Path(exists=True, path_type=Path),
                          help="rule files or directories to use instead of the bundled rules")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(engine.__version__, prog_name="mtus")
def main() -> None:
    """Decision support for California workers' compensation utilization review (MTUS)."""


@main.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="list every criterion considered, with values and thresholds")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="evaluate against the guidelines in force on this date (default: the case's request date)")
@_rules_opt
def evaluate(cases: tuple[Path, ...], fmt: str, explain: bool, as_of: dt.datetime | None,
             rules: tuple[Path, ...]) -> None:
    """Recommend overturn / uphold / not_covered for every disputed item of each CASE (YAML, JSON or text)."""
    eng = _engine(rules)
    when = as_of.date() if as_of else None
    outputs: list[Any] = []
    failed = False
    for path in cases:
        try:
            result = eng.evaluate(engine.read_case(path), as_of=when, explain=explain)
        except engine.CaseError as exc:
            failed = True
            for p in exc.problems:
                click.echo(f"error: {exc.file}: {p}", err=True)
            outputs.append({"file": str(path), "error": exc.problems})
            continue
        if fmt == "json":
            outputs.append(render.case_json(result, explain))
        elif fmt == "markdown":
            outputs.append(render.case_markdown(result, explain))
        else:
            outputs.append(render.case_text(result, explain))
    if fmt == "json":
        good = [o for o in outputs if "error" not in o]
        if len(cases) == 1:
            if good:
                click.echo(json.dumps(good[0], indent=2))
        else:
            click.echo(json.dumps(outputs, indent=2))
    else:
        click.echo("\n".join(o for o in outputs if isinstance(o, str)))
    if failed:
        sys.exit(EXIT_BAD_CASE)


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="write the records here (default: standard output)")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="jsonl (one whole result per line) or csv (one summary row per case); default from the "
                   "output's suffix, else jsonl")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="worker processes (0: one per core)")
@click.option("--resume", is_flag=True, help="finish an interrupted run: keep the records in OUTPUT, do the rest")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="evaluate against the guidelines in force on this date (default: each case's request date)")
@_rules_opt
def batch(input_path: Path, out: Path | None, fmt: str | None, jobs: int, resume: bool, as_of: dt.datetime | None,
          rules: tuple[Path, ...]) -> None:
    """Evaluate every case in INPUT (a folder of case files, a JSONL file of cases, or one case file): one
    record per case, in input order, with a progress bar on a terminal and a summary at the end. Exits 1 if any
    case failed (its record says what and where; the others are done)."""
    if resume and out is None:
        raise click.UsageError("--resume needs --output: the records to keep are read from it")
    name = fmt or ("csv" if out is not None and out.suffix.lower() == ".csv" else "jsonl")
    eng = _engine(rules)
    shown = sys.stderr.isatty() and (out is not None or not sys.stdout.isatty())
    bar = ProgressBar(sys.stderr) if shown else None
    try:
        summary = run(eng, input_path, out, name, jobs, resume, as_of.date() if as_of else None,
                      write=lambda text: click.echo(text, nl=False), progress=bar.update if bar else None)
    except BatchError as exc:
        raise click.UsageError(str(exc)) from exc
    except KeyboardInterrupt:
        if bar:
            bar.close()
        click.echo("interrupted: the records written so far are kept; run again with --resume to finish",
                   err=True)
        sys.exit(130)
    except (OSError, WorkerError) as exc:  # a full disk, a worker process that died
        if bar:
            bar.close()
        what = str(exc) if isinstance(exc, WorkerError) else f"cannot go on: {exc}"
        click.echo(f"error: {what}; the records written so far are kept"
                   + ("; run again with --resume to finish" if out else ""), err=True)
        sys.exit(EXIT_BAD_CASE)
    if bar:
        bar.close()
    click.echo(summary.report(out), err=True)
    if summary.errors:
        sys.exit(EXIT_BAD_CASE)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
def extract(file: Path) -> None:
    """Print the facts read from a narrative case FILE as YAML a reviewer can correct and evaluate."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        click.echo(f"error: {file}: cannot read: {exc}", err=True)
        sys.exit(EXIT_BAD_CASE)
    try:
        click.echo(engine.extract_yaml(text, default_id=file.stem), nl=False)
    except ValueError as exc:
        click.echo(f"error: {file}: {exc}", err=True)
        sys.exit(EXIT_BAD_CASE)


@main.group()
def rules() -> None:
    """Check and list the rule set."""


@rules.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_check(paths: tuple[Path, ...], fmt: str) -> None:
    """Check rule files (default: the bundled rules); every problem with file:line, code, message, hint."""
    _, diagnostics = engine.load_and_check([*paths] if paths else None)
    errors = [d for d in diagnostics if d.severity == "error"]
    if fmt == "json":
        click.echo(json.dumps([d.to_dict() for d in diagnostics], indent=2))
    else:
        for d in diagnostics:
            click.echo(d.render())
        click.echo(f"{len(errors)} error(s), {len(diagnostics) - len(errors)} warning(s)")
    if errors:
        sys.exit(EXIT_RULES)


@rules.command("list")
@_rules_opt
def rules_list(rules: tuple[Path, ...]) -> None:
    """List every rule: id, services, version window, citation."""
    eng = _engine(rules)
    for row in eng.describe_rules():
        click.echo("  ".join(row))


@rules.command("unverified")
def rules_unverified() -> None:
    """Print every number marked unverified in the rules, as Markdown (the README's table)."""
    loaded, _ = engine.load_and_check()
    click.echo(engine.unverified_markdown(loaded))


@rules.command("coverage")
def rules_coverage() -> None:
    """Print the coverage table (topic x MTUS era x status) as Markdown."""
    loaded, _ = engine.load_and_check()
    click.echo(engine.coverage_markdown(loaded))


@main.group()
def schema() -> None:
    """Print JSON Schemas."""


@schema.command("case")
def schema_case() -> None:
    """The JSON Schema of a case file."""
    click.echo(json.dumps(engine.Case.model_json_schema(), indent=2))


@main.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_rules_opt
def test_cmd(paths: tuple[Path, ...], rules: tuple[Path, ...]) -> None:
    """Run decision-case files (YAML: facts + expected decisions) against the rules."""
    eng = _engine(rules)
    files = engine.find_case_tests([*paths] if paths else [Path("tests/cases")])
    passed = failed = 0
    for outcome in engine.run_case_tests(eng, files):
        if outcome.ok:
            passed += 1
            click.echo(f"ok    {outcome.name}")
        else:
            failed += 1
            click.echo(f"FAIL  {outcome.name}: {outcome.message}")
    click.echo(f"{passed} passed, {failed} failed")
    if failed or not passed:
        sys.exit(EXIT_TESTS)


if __name__ == "__main__":
    main()
