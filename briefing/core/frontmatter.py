"""Front matter: the YAML block at the top of a deck, and the values briefing understands."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import yaml

from briefing.core.errors import DeckError

KNOWN_KEYS = frozenset(
    {"title", "subtitle", "author", "date", "event", "source", "theme", "duration"}
)

# A YAML alias can make a tiny document expand into a huge tree; we refuse to walk past this.
_MAX_NODES = 10_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_mapping(text: str, path: Path, first_line: int) -> Mapping[str, object]:
    """Parse a YAML block that must be a mapping; errors point at the offending line."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise DeckError(path, line, f"front matter is not valid YAML: {problem}") from None
    except RecursionError:
        raise DeckError(path, first_line, "front matter is nested too deeply") from None
    if data is None:
        return MappingProxyType({})
    if not isinstance(data, dict):
        raise DeckError(path, first_line, "front matter must be a mapping of `key: value` lines")
    budget = [_MAX_NODES]
    try:
        plain = {str(key): _plain(value, budget) for key, value in data.items()}
    except _TooBig:
        raise DeckError(path, first_line, "front matter is too large") from None
    return MappingProxyType(plain)


class _TooBig(Exception):
    pass


def _plain(value: object, budget: list[int]) -> object:
    """JSON-compatible copy of a YAML value (dates become ISO strings)."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    if isinstance(value, dict):
        return {str(k): _plain(v, budget) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v, budget) for v in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


_DURATION_PART = re.compile(
    r"(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b"
)
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
