"""Chart geometry shared by the plain-text and terminal renderers: where bars start and end."""

from __future__ import annotations

from typing import NamedTuple

from briefing.core.blocks import Chart
from briefing.render.cells import cell_len

MIN_BAR_AREA = 6


class ChartRow(NamedTuple):
    label: str
    negative: int  # cells of bar left of the axis
    positive: int  # cells of bar right of the axis
    value: str


class ChartLayout(NamedTuple):
    """Columns: label, left (negative) area, axis, right (positive) area, value."""

    heading: str
    label_width: int
    left_width: int
    right_width: int
    value_width: int
    rows: tuple[ChartRow, ...]


def chart_heading(chart: Chart) -> str:
    if chart.title and chart.unit:
        return f"{chart.title} ({chart.unit})"
    return chart.title or (f"({chart.unit})" if chart.unit else "")


def layout_chart(chart: Chart, width: int) -> ChartLayout:
    """Scale the bars so the widest row fills `width` cells; negatives grow left of the axis."""
    values = [bar.shown for bar in chart.bars]
    value_width = max(cell_len(value) for value in values)
    label_width = max(cell_len(bar.label) for bar in chart.bars)
    label_width = min(label_width, max(4, (width - value_width - 3 - MIN_BAR_AREA)))
    area = max(MIN_BAR_AREA, width - label_width - value_width - 3)
    most_negative = max((-bar.value for bar in chart.bars if bar.value < 0), default=0.0)
    most_positive = max((bar.value for bar in chart.bars if bar.value > 0), default=0.0)
    span = most_negative + most_positive
    left_width = 0 if span == 0 else round(area * most_negative / span)
    if most_negative:
        left_width = max(1, left_width)
    if most_positive:
        left_width = min(left_width, area - 1)
    right_width = area - left_width
    rows = []
    for bar in chart.bars:
        cells = 0 if span == 0 else round(abs(bar.value) * area / span)
        if bar.value != 0:
            cells = max(1, cells)  # a small value still shows
        negative = min(cells, left_width) if bar.value < 0 else 0
        positive = min(cells, right_width) if bar.value > 0 else 0
        rows.append(ChartRow(bar.label, negative, positive, bar.shown))
    return ChartLayout(chart_heading(chart), label_width, left_width, right_width, value_width, tuple(rows))
