"""Small pure parts of the core: comment rules, durations, charts, sanitising."""

from __future__ import annotations

import pytest

from briefing.core.chart import ChartError, parse_chart
from briefing.core.comments import classify, split_comments
from briefing.core.duration import parse_duration
from briefing.core.items import Kind
from briefing.core.sanitize import clean_text, is_clean


@pytest.mark.parametrize(
    "inner, kind",
    [
        (" pause ", Kind.PAUSE),
        ("stop", Kind.PAUSE),
        (" end_slide ", Kind.END_SLIDE),
        (" speaker_note: hi ", Kind.NOTE),
        (" fg=white bg=red ", Kind.DIRECTIVE),
        (" column: 0 ", Kind.DIRECTIVE),
        ("fit", Kind.DIRECTIVE),
        (" Use comments in your markdown! ", Kind.NOTE),
        ("\nfit\n", Kind.NOTE),
        (" https://example.com/x ", Kind.NOTE),
    ],
)
def test_comment_classification(inner, kind):
    assert classify(inner).kind is kind


def test_split_comments_refuses_mixed_html():
    assert split_comments("<!-- a --> <!-- b -->") == [" a ", " b "]
    assert split_comments("<div>x</div>") is None
    assert split_comments("<!-- a --> trailing") is None


@pytest.mark.parametrize(
    "value, seconds",
    [
        ("20m", 1200),
        ("35min", 2100),
        ("1h 30m", 5400),
        ("1h and 30 minutes", 5400),
        (45, 2700),
        ("90s", 90),
        ("20:00", 1200),
        ("1:00:00", 3600),
        ("15", 900),
        ("soon", None),
        (None, None),
        (True, None),
        ("0m", None),
        ("-5", None),
    ],
)
def test_durations(value, seconds):
    assert parse_duration(value) == seconds


def test_chart_values_as_people_write_them():
    chart = parse_chart("title: T\nunit: %\nA: -13%\nB: $465 billion\nC: 2,000\nD: 3.4\n")
    assert [bar.value for bar in chart.bars] == [-13, 465e9, 2000, 3.4]
    assert [bar.shown for bar in chart.bars] == ["-13%", "$465 billion", "2,000", "3.4"]


@pytest.mark.parametrize("body, offset", [("A: 1\nB: many\n", 2), ("no colon\n", 1), ("", 0)])
def test_chart_errors_name_the_line(body, offset):
    with pytest.raises(ChartError) as caught:
        parse_chart(body)
    assert caught.value.offset == offset


def test_clean_text_keeps_tabs_newlines_and_printables():
    assert clean_text("a\tb\r\nc\rd\x1b[2J\x07\x9b\u202ee") == "a\tb\nc\nd[2Je"
    assert is_clean("plain\ttext\n") and not is_clean("\x1b")
