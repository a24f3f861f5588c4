"""Talk lengths as people write them in front matter."""

from __future__ import annotations

import re

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b")
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}


def parse_duration(value: object) -> float | None:
    """Seconds in a talk length: `20m`, `35min`, `1h 30m`, `90s`, `1:30:00`, or bare minutes."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) * 60 if value > 0 else None
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text) * 60 if float(text) > 0 else None
    if re.fullmatch(r"\d+(:\d{1,2}){1,2}", text):
        seconds = 0.0
        for part in text.split(":"):
            seconds = seconds * 60 + int(part)
        # `mm:ss` reads naturally for short talks, `h:mm:ss` for long ones
        return seconds or None
    parts = list(_DURATION_PART.finditer(text))
    leftover = _DURATION_PART.sub("", text).replace("and", "").strip(" ,")
    if not parts or leftover:
        return None
    total = sum(float(m.group(1)) * _UNIT_SECONDS[m.group(2)[0]] for m in parts)
    return total or None
