"""The ```chart fence: `label: value` lines, with optional `title:` and `unit:` lines.

Values are numbers as people write them: `-13`, `3.4%`, `$465 billion`, `2,000`. A scale word
(thousand, million, billion, trillion, or k/m/bn) multiplies, so bars compare like with like.
"""

from __future__ import annotations

import re

from briefing.core.blocks import Bar, Chart

_NUMBER = re.compile(r"([-+\u2212]?)\s*\$?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(%|[^\W\d_]+)?")
_SETTINGS = ("title", "unit")
_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
}


class ChartError(ValueError):
    """A chart line that cannot be read; `offset` counts lines from the fence's first line."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset


def parse_chart(source: str) -> Chart:
    """Read a chart fence's body; raise ChartError naming the first bad line."""
    settings: dict[str, str] = {}
    bars: list[Bar] = []
    for offset, line in enumerate(source.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        label, colon, value = line.rpartition(":")
        if not colon or not label.strip():
            raise ChartError(offset, f"chart line {line.strip()!r} is not `label: value`")
        label, value = label.strip(), value.strip()
        if label.lower() in _SETTINGS and not bars and label.lower() not in settings:
            settings[label.lower()] = value
            continue
        match = _NUMBER.fullmatch(value)
        if match is None:
            raise ChartError(offset, f"chart value {value!r} for {label!r} is not a number")
        sign, digits, suffix = match.groups()
        number = float(digits.replace(",", "")) * _SCALE.get((suffix or "").lower(), 1.0)
        bars.append(Bar(label, -number if sign in ("-", "\u2212") else number, value))
    if not bars:
        raise ChartError(0, "chart has no `label: value` lines")
    return Chart(tuple(bars), settings.get("title", ""), settings.get("unit", ""))
