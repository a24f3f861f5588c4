"""Standard-library names newer than the oldest Python briefing runs on (3.10)."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from typing import assert_never as assert_never
else:  # typing_extensions only where it is needed: it costs the CLI a few ms to import
    from typing_extensions import assert_never as assert_never

__all__ = ["assert_never"]
