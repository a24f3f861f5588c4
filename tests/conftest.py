"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Fuzzing: `default` fits CI (1,000 examples per property); `HYPOTHESIS_PROFILE=long` runs
# 10,000 per property. No deadline: a shared machine's hiccup is not a bug.
_FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("default", max_examples=1_000, **_FUZZ)
settings.register_profile("long", max_examples=10_000, **_FUZZ)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Before Textual is imported: no animations, so screens are the same on every run.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONVENTIONS = FIXTURES / "conventions"
BUNDLED = ROOT / "slides"
SHARED = ROOT.parent / "shared"


DECKS = FIXTURES / "decks"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Tests never read or write the user's own parse cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def bundled_deck():
    from briefing.core.loader import load_deck

    return load_deck(BUNDLED)


def deny_reading(monkeypatch, path: Path) -> None:
    """Make `path` unreadable as chmod 000 would for anyone but root (tests may run as root)."""
    real_open = os.open

    def refuse(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)


@pytest.fixture
def tmux():
    """A private tmux server (`tmux -L <unique name>`) for this test, killed at its end."""
    from tests.tmux import INSTALLED, Tmux

    if not INSTALLED:
        pytest.skip("tmux is not installed (apt-get install tmux)")
    with Tmux() as server:
        yield server
