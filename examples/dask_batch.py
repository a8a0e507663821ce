"""Run a batch on a Dask distributed cluster: the same records as `mtus batch`, for data that lives in a cluster.

    pip install '.[dask]'
    python examples/dask_batch.py CASES -o results.jsonl                      # a local cluster, 2 workers
    python examples/dask_batch.py CASES -o results.jsonl --scheduler tcp://HOST:8786   # an existing cluster

CASES is a folder of case files or a JSONL file of cases, as for `mtus batch`. The engine goes to every worker
once (`client.scatter(engine, broadcast=True)`): it pickles as its compiled rule set, checked by its hash on
arrival, and each worker builds its own durable_rules backend; no durable_rules state is ever pickled. Cases go
out in chunks and the records come back in input order, each written whole, exactly as `mtus batch` writes them
(`engine.batch.evaluate_source`: an unreadable or invalid case gets an error record and the others go on).
On a cluster of several machines, case files must be readable by the workers at the same path (a shared file
system); the lines of a JSONL input travel with their tasks.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from engine import Engine
from engine.batch import Job, Source, Summary, discover, evaluate_source, record_format


def evaluate_chunk(job: Job, chunk: list[Source]) -> list[Any]:
    """One task on a worker: a chunk of cases, each to its finished record."""
    return [evaluate_source(job, source) for source in chunk]


def chunks(sources: Iterable[Source], size: int) -> Iterable[list[Source]]:
    """The input in chunks of `size` cases (a task per chunk keeps the scheduler's overhead small)."""
    it = iter(sources)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_on_dask(client: Any, engine: Engine, input_path: Path, out: Path, fmt: str = "jsonl",
                chunk_size: int = 32) -> Summary:
    """Evaluate every case of `input_path` on the cluster behind `client` into `out`; return the summary."""
    start = time.perf_counter()
    job = Job(engine, None, fmt)
    [shipped] = client.scatter([job], broadcast=True)  # once per worker, not once per task
    futures = [client.submit(evaluate_chunk, shipped, chunk, pure=False)
               for chunk in chunks(discover(input_path), chunk_size)]
    summary = Summary()
    header = record_format(fmt).header
    with out.open("w", encoding="utf-8") as f:
        if header:
            f.write(header)
        for future in futures:  # in input order, as each chunk is ready
            for finished in future.result():
                f.write(finished.line)
                summary.add(finished)
    summary.seconds = time.perf_counter() - start
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path, help="a folder of case files or a JSONL file of cases")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    parser.add_argument("--scheduler", help="address of an existing cluster's scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the local cluster")
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

    engine = Engine()
    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        # processes, one thread each: durable_rules is not thread-parallel
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        summary = run_on_dask(client, engine, args.cases, args.output, args.format)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(summary.report(args.output), file=sys.stderr)
    return 1 if summary.errors else 0


if __name__ == "__main__":
    sys.exit(main())
