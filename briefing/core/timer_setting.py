"""`timer:` in the front matter: when the talk timer starts.

Apart from the YAML parser (`frontmatter.py`): the show reads this from a cached deck at every
start, before its first frame, and must not import the parser to do it.
"""

from __future__ import annotations

TIMER_STARTS = ("at-launch", "on-first-key")
"""Values of `timer:`, when the talk timer starts; the first is the default."""


def timer_start(value: object) -> str | None:
    """The `timer:` value as one of TIMER_STARTS (a missing one is the default), or None if
    it is not one of them."""
    if value is None:
        return TIMER_STARTS[0]
    if isinstance(value, str) and value.strip().lower() in TIMER_STARTS:
        return value.strip().lower()
    return None
