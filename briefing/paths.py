"""Where briefing keeps its own files, following the XDG base directory conventions."""

from __future__ import annotations

import os
from pathlib import Path


def _base(variable: str, *fallback: str) -> Path:
    return Path(os.environ.get(variable) or os.path.join(os.path.expanduser("~"), *fallback))


def cache_dir() -> Path:
    """Things that can be rebuilt: the parse cache ($XDG_CACHE_HOME/briefing)."""
    return _base("XDG_CACHE_HOME", ".cache") / "briefing"


def state_dir() -> Path:
    """Things worth keeping: recovered edits, the sync log ($XDG_STATE_HOME/briefing)."""
    return _base("XDG_STATE_HOME", ".local", "state") / "briefing"
