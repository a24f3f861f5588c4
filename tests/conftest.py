"""Shared paths and helpers for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONVENTIONS = FIXTURES / "conventions"
BUNDLED = ROOT / "slides"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def bundled_deck():
    from briefing.core.loader import load_deck

    return load_deck(BUNDLED)
