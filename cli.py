"""The `mtus` command: a thin click layer over `engine`; no decision logic lives here.

Exit codes: 0 success; 1 a case file could not be read or validated (the other cases still get their
results); 2 usage error; 3 the rules have errors; 4 decision tests failed; 5 an item could not be evaluated
(an engine error, reported on that item); 70 an internal error. A user error never prints a Python
traceback, and no message quotes a case's clinical content: `--debug` adds both.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import traceback
from pathlib import Path
from typing import Any

import click

import engine
from engine import render
from engine.batch import FORMATS, BatchError, run
from engine.limits import DEFAULT_MAX_FILE_BYTES, parse_size, show_size
from engine.parallel import WorkerError
from engine.progress import ProgressBar

EXIT_BAD_CASE, EXIT_RULES, EXIT_TESTS, EXIT_ITEM_ERROR, EXIT_INTERNAL = 1, 3, 4, 5, 70


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    return bool(root is not None and root.params.get("debug"))


def _engine(rules: tuple[Path, ...], limits: engine.Limits = engine.DEFAULT_LIMITS) -> engine.Engine:
    try:
        return engine.Engine([*rules] if rules else None, limits=limits)
    except engine.RuleSetError as exc:
        for d in exc.diagnostics:
            click.echo(d.render(), err=True)
        raise SystemExit(EXIT_RULES) from exc


def _case_error(exc: engine.CaseError) -> None:
    """A bad case file on stderr: file, line, field and what is wrong (with the input itself under --debug)."""
    for p in exc.details:
        click.echo(f"error: {exc.file}: {p.debug() if _debug() else p}", err=True)
    if _debug():
        click.echo("".join(traceback.format_exception(exc)), err=True, nl=False)


def _limits(_ctx: click.Context, _param: click.Parameter, value: str | None) -> engine.Limits:
    if value is None:
        return engine.DEFAULT_LIMITS
    try:
        return engine.Limits(max_file_bytes=parse_size(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


_rules_opt = click.option("--rules", "rules", multiple=True, type=click.Path(exists=True, path_type=Path),
                          help="rule files or directories to use instead of the bundled rules")
#: one option for every command that reads a user's file (and for a batch): `engine.limits` documents the default
max_file_size = click.option(
    "--max-file-size", "limits", callback=_limits, metavar="SIZE", default=None, expose_value=True,
    help=f"refuse input files larger than SIZE (such as 512K or 2M; default {show_size(DEFAULT_MAX_FILE_BYTES)})")


class _Cli(click.Group):
    """The command group; an unexpected exception is an internal error, told without a traceback unless --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"error: internal error ({type(exc).__name__}): please report it; `mtus --debug ...` shows "
                       "the details", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(engine.__version__, prog_name="mtus")
@click.option("--debug", is_flag=True, help="show Python tracebacks and the input values that errors concern "
              "(which may be clinical content)")
def main(debug: bool) -> None:
    """Decision support for California workers' compensation utilization review (MTUS)."""


@main.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="list every criterion considered, with values and thresholds")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="evaluate against the guidelines in force on this date (default: the case's request date)")
@_rules_opt
@max_file_size
def evaluate(cases: tuple[Path, ...], fmt: str, explain: bool, as_of: dt.datetime | None,
             rules: tuple[Path, ...], limits: engine.Limits) -> None:
    """Recommend overturn / uphold / not_covered for every disputed item of each CASE (YAML, JSON or text)."""
    eng = _engine(rules, limits)
    when = as_of.date() if as_of else None
    outputs: list[Any] = []
    failed = item_failed = False
    for path in cases:
        try:
            result = eng.evaluate(engine.read_case(path, limits), as_of=when, explain=explain)
        except engine.CaseError as exc:
            failed = True
            _case_error(exc)
            outputs.append({"file": str(path), "error": exc.problems})
            continue
        for n, item in enumerate(result.items, 1):
            if item.error:
                item_failed = True
                click.echo(f"error: {path}: item {n}: the engine could not evaluate it: {item.error}", err=True)
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
    if item_failed:
        sys.exit(EXIT_ITEM_ERROR)


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
@max_file_size
def batch(input_path: Path, out: Path | None, fmt: str | None, jobs: int, resume: bool, as_of: dt.datetime | None,
          rules: tuple[Path, ...], limits: engine.Limits) -> None:
    """Evaluate every case in INPUT (a folder of case files, a JSONL file of cases, or one case file): one
    record per case, in input order, with a progress bar on a terminal and a summary at the end. Exits 1 if any
    case failed (its record says what and where; the others are done), else 5 if an item could not be
    evaluated."""
    if resume and out is None:
        raise click.UsageError("--resume needs --output: the records to keep are read from it")
    name = fmt or ("csv" if out is not None and out.suffix.lower() == ".csv" else "jsonl")
    eng = _engine(rules, limits)
    shown = sys.stderr.isatty() and (out is not None or not sys.stdout.isatty())
    bar = ProgressBar(sys.stderr) if shown else None
    try:
        summary = run(eng, input_path, out, name, jobs, resume, as_of.date() if as_of else None,
                      write=lambda text: click.echo(text, nl=False), progress=bar.update if bar else None,
                      limits=limits, debug=_debug())
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
    if summary.item_errors:
        sys.exit(EXIT_ITEM_ERROR)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@max_file_size
def extract(file: Path, limits: engine.Limits) -> None:
    """Print the facts read from a narrative case FILE as YAML a reviewer can correct and evaluate."""
    try:
        text = engine.read_case_text(file, limits)
        click.echo(engine.extract_yaml(text, default_id=file.stem, file=str(file)), nl=False)
    except engine.CaseError as exc:
        _case_error(exc)
        sys.exit(EXIT_BAD_CASE)


@main.group()
def rules() -> None:
    """Check and list the rule set."""


@rules.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@max_file_size
def rules_check(paths: tuple[Path, ...], fmt: str, limits: engine.Limits) -> None:
    """Check rule files (default: the bundled rules); every problem with file:line, code, message, hint, and what the
    rules mean together (conditions that never hold, contradictions, shadowed rules)."""
    _, diagnostics = engine.load_and_check([*paths] if paths else None, limits=limits, analysis=True)
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
@max_file_size
def test_cmd(paths: tuple[Path, ...], rules: tuple[Path, ...], limits: engine.Limits) -> None:
    """Run decision-case files (YAML: facts + expected decisions) against the rules."""
    eng = _engine(rules, limits)
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
