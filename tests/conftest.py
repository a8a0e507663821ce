"""Shared fixtures: the repository root on sys.path and one compiled Engine per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
SHARED = ROOT.parent / "shared"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine import Engine  # noqa: E402


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The bundled rules, loaded, checked and compiled once for the whole session."""
    return Engine()
