"""Table layout, shared by the handout and the slide: whatever the cells and the width, no word
is cut, the columns line up, and a table only runs wider than asked when it cannot help it."""

from __future__ import annotations

import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from briefing.core.blocks import Span, Table
from briefing.render.cells import cell_len
from briefing.render.rich import SlideRenderer, render_lines
from briefing.render.table import layout_table, word_width
from briefing.render.text import PlainText
from tests.conftest import SLOW_EXAMPLES

numbers = st.builds(
    lambda n, d: f"{n:,}" + (f".{d}" if d is not None else ""),
    st.integers(-(10**9), 10**12),
    st.none() | st.integers(0, 99),
)
# [A-Za-z][a-z-]{0,11}, drawn as two parts: from_regex took most of each example's time
words = st.builds(
    str.__add__, st.sampled_from(string.ascii_letters), st.text(string.ascii_lowercase + "-", max_size=11)
) | st.sampled_from(["中文", "한국어", "naïve", "$465", "13%"])
cells = st.lists(numbers | words, min_size=0, max_size=3).map(" ".join)
tables = st.integers(1, 9).flatmap(
    lambda columns: st.tuples(
        st.lists(cells, min_size=columns, max_size=columns),
        st.lists(st.lists(cells, min_size=columns, max_size=columns), min_size=1, max_size=4),
        st.lists(st.sampled_from(["left", "right", "center", ""]), min_size=columns, max_size=columns),
    )
)


def block(header, rows, align) -> Table:
    inline = lambda text: (Span(text),) if text else ()  # noqa: E731
    return Table(tuple(map(inline, header)), tuple(tuple(map(inline, row)) for row in rows), tuple(align))


@settings(max_examples=SLOW_EXAMPLES)
@given(tables, st.integers(1, 200))
def test_the_layout_fits_when_it_can_and_never_goes_below_a_word(table, width):
    header, rows, _ = table
    layout = layout_table([header, *rows], width, (3, 2, 1), (1,))
    for column, size in enumerate(layout.widths):
        assert size >= max(word_width(row[column]) for row in [header, *rows])
    narrowest = sum(max(1, *(word_width(row[c]) for row in [header, *rows])) for c in range(len(header)))
    assert layout.fits == (narrowest + len(header) - 1 <= width)
    assert layout.width <= width or not layout.fits


@settings(max_examples=SLOW_EXAMPLES)
@given(tables, st.integers(4, 160))
def test_the_slide_table_keeps_every_word_whole_and_every_line_one_length(table, width):
    header, rows, align = table
    console = Console(width=width, color_system=None)
    lines = render_lines(console, SlideRenderer(highlight=False).render((block(header, rows, align),)), console.options)
    drawn = [("".join(segment.text for segment in line)) for line in lines]
    assert len({cell_len(line) for line in drawn}) == 1  # a wide table scrolls as one piece
    text = "\n".join(drawn)
    for cell in [*header, *(cell for row in rows for cell in row)]:
        for word in cell.split():
            if word.isascii():
                assert re.search(rf"(?<!\S){re.escape(word)}(?!\S)", text), (word, text)


@settings(max_examples=SLOW_EXAMPLES)
@given(tables, st.integers(20, 160))
def test_the_handout_table_lines_up_or_becomes_records(table, width):
    header, rows, align = table
    lines = PlainText().blocks((block(header, rows, align),), width)
    text = "\n".join(lines)
    for cell in [*header, *(cell for row in rows for cell in row)]:
        for word in cell.split():
            if word.isascii():
                assert re.search(rf"(?<!\S){re.escape(word)}(?!\S)", text), (word, text)
    rule = next((line for line in lines if line and set(line) <= {"\u2500", " "}), None)
    if rule is None:
        return  # records (or a table without a header): nothing to line up with
    columns = [(m.start(), m.end()) for m in re.finditer("\u2500+", rule)]
    assert all(cell_len(line) <= width for line in lines)
    for line in lines:
        for word in re.finditer(r"\S+", line):
            left, right = cell_len(line[: word.start()]), cell_len(line[: word.end()])  # in cells
            assert any(start <= left and right <= end for start, end in columns), (line, rule)
