"""Shared fixtures: the repository root on sys.path and one compiled Engine per test session."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the compiled-rule cache of the test run is its own (inherited by the `mtus` processes tests start), so that a
# run neither reads nor leaves entries in the user's cache; tests of the cache itself choose their own directory
_OWN_CACHE = "MTUS_CACHE_DIR" not in os.environ
if _OWN_CACHE:
    os.environ["MTUS_CACHE_DIR"] = tempfile.mkdtemp(prefix="mtus-test-cache-")

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import engine as engine_pkg  # noqa: E402
from engine import Engine  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _remove_test_cache() -> Iterator[None]:
    yield
    if _OWN_CACHE:
        shutil.rmtree(os.environ["MTUS_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The bundled rules, loaded, checked and compiled once for the whole session."""
    return Engine()


@pytest.fixture
def cli_uses_session_engine(monkeypatch: pytest.MonkeyPatch, engine: Engine) -> None:
    """`mtus` commands reuse the session's Engine for the bundled rules; `--rules` still builds a fresh one."""

    def make(rule_paths: list[Path] | None = None, guideline_dir: Path | None = None,
             limits: engine_pkg.Limits = engine_pkg.DEFAULT_LIMITS) -> Engine:
        if rule_paths is None and guideline_dir is None and limits == engine_pkg.DEFAULT_LIMITS:
            return engine
        return Engine(rule_paths, guideline_dir, limits=limits)

    monkeypatch.setattr(engine_pkg, "Engine", make)
