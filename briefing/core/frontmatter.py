"""Front matter: the YAML block at the top of a deck, and the values briefing understands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import yaml

from briefing.core.errors import DeckError

KNOWN_KEYS = frozenset(
    {
        "title",
        "subtitle",
        "author",
        "date",
        "event",
        "source",
        "theme",
        "duration",
        "timer",
        "dialect",
        "lang",
        "center_title_slide",  # core.alignment
        "exec",  # core.runnable: how `+exec` blocks of each language run
    }
)

# A YAML alias can make a tiny document expand into a huge tree; we refuse to walk past this.
_MAX_NODES = 10_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_mapping(text: str, path: Path, first_line: int) -> Mapping[str, object]:
    """Parse a YAML block that must be a mapping; errors point at the offending line."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark is not None else 0)
        message = f"front matter is not valid YAML: {getattr(exc, 'problem', None) or 'cannot be parsed'}"
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark is not None and context_mark.line != getattr(mark, "line", None):
            message += f" ({context} that starts on line {first_line + context_mark.line})"
        raise DeckError(path, line, message) from None
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


def plain_value(value: object) -> object:
    """A JSON-compatible copy of a parsed YAML value, or None when it is too large."""
    try:
        return _plain(value, [_MAX_NODES])
    except _TooBig:
        return None


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
