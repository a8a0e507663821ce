"""Ordered, bounded parallel map over worker processes, each holding one copy of a shipped state (the engine).

durable_rules is not thread-parallel (its C core holds the GIL), so parallel work runs in processes. The state is
sent once per worker, by pickling (an `Engine` pickles as its serialized rule set, never as durable_rules state),
and each task carries a chunk of items. Results come back in input order, and at most a few chunks per worker are
in flight, so an input of any length streams through in bounded memory and a run killed midway has delivered a
prefix of the results.

Processes start by `fork` where the platform has it and this process runs no other thread (fast: modules are
inherited), else by `forkserver` or `spawn` (safe with threads; each worker imports the engine itself).
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

S = TypeVar("S")
A = TypeVar("A")
R = TypeVar("R")

#: chunks in flight per worker: enough to keep every worker busy while the parent writes results
AHEAD = 4

_state: Any = None


class WorkerError(RuntimeError):
    """A worker process died (killed, out of memory, a crash in a C extension): its chunk has no results."""


def cpu_count() -> int:
    """Cores this process may use (`--jobs 0`)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform != "darwin" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _init(state: Any) -> None:
    global _state
    _state = state


def _run_chunk(fn: Callable[[Any, Any], Any], chunk: list[Any]) -> list[Any]:
    return [fn(_state, item) for item in chunk]


def ordered_map(fn: Callable[[S, A], R], state: S, items: Iterable[A], jobs: int = 1,
                chunksize: int = 16) -> Iterator[R]:
    """`fn(state, item)` for every item, in input order. `jobs` <= 1 runs here; otherwise `jobs` processes
    (0: one per core). `fn` must be a module-level function and `state` picklable."""
    workers = cpu_count() if jobs == 0 else jobs
    if workers <= 1:
        for item in items:
            yield fn(state, item)
        return
    from concurrent.futures import ProcessPoolExecutor  # imported only when processes are used
    from concurrent.futures.process import BrokenProcessPool

    source = iter(items)
    pending: deque[Future[list[R]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init,
                             initargs=(state,)) as pool:
        def submit() -> bool:
            chunk = list(itertools.islice(source, chunksize))
            if chunk:
                pending.append(pool.submit(_run_chunk, fn, chunk))
            return bool(chunk)

        while len(pending) < workers * AHEAD and submit():
            pass
        while pending:
            try:
                done = pending.popleft().result()
            except BrokenProcessPool as exc:
                raise WorkerError("a worker process died (killed, out of memory, or a crash in durable_rules); "
                                  "no later case was finished") from exc
            submit()
            yield from done
