"""Where briefing keeps its own files: the platform's places, as `platformdirs` knows them.

On Linux and the BSDs these follow the XDG base directories ($XDG_CACHE_HOME, $XDG_STATE_HOME,
read at each call); on macOS they are under ~/Library; on Windows under %LOCALAPPDATA%.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

_APP = "briefing"


def cache_dir() -> Path:
    """Things that can be rebuilt: the parse cache (Linux: $XDG_CACHE_HOME/briefing)."""
    return Path(platformdirs.user_cache_dir(_APP, appauthor=False))


def state_dir() -> Path:
    """Things worth keeping: recovered edits, the sync log (Linux: $XDG_STATE_HOME/briefing)."""
    return Path(platformdirs.user_state_dir(_APP, appauthor=False))
