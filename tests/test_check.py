"""`briefing check`'s size and figure rules, rule by rule (the command itself: tests/test_cli.py)."""

from __future__ import annotations

import re
import string

from hypothesis import given
from hypothesis import strategies as st

from briefing.check import CheckOptions, check_deck, figures
from briefing.core.loader import load_deck, load_text
from briefing.render.frame import content_size
from briefing.render.rich import SlideRenderer, measure
from tests.conftest import DECKS

WIDE = DECKS / "wide.md"


def findings_at(deck, size=(80, 24), source=None):
    return [str(f) for f in check_deck(deck, CheckOptions(size=size, source=source))]


# -- size -------------------------------------------------------------------------------------


def test_a_cjk_line_is_measured_as_the_show_wraps_it():
    line = "这是一个很长的中文句子用来测试检查工具是否正确地测量宽字符的显示宽度并且按照渲染器的方式换行测试"
    assert len(line) == 48
    deck = load_text(f"# 中文\n\n{line}\n")
    assert findings_at(deck) == []
    width, _ = content_size(80, 24)
    rows, widest = measure(SlideRenderer().render(deck.slides[0].blocks), width)
    assert widest <= width and rows == 2 + 1 + 2  # title and rule, a blank, two wrapped lines


def test_the_wide_deck_has_exactly_the_findings_it_should():
    out = findings_at(load_deck(WIDE))
    assert out == [
        f"{WIDE}:13: error: slide 2: a table is 133 columns wide even with its cells wrapped; "
        "80\u00d724 leaves room for 74 (the show scrolls it sideways)",
        f"{WIDE}:35: error: slide 4: a code line is 96 columns wide; "
        "80\u00d724 leaves room for 74 (the show scrolls it sideways)",
    ]


def test_a_table_that_fits_once_its_cells_wrap_is_not_reported():
    text = WIDE.read_text().split("# Results that wrap")[1].split("---")[0]
    assert findings_at(load_text("# Results that wrap" + text)) == []


def test_at_200_columns_the_wide_deck_fits():
    assert findings_at(load_deck(WIDE), size=(200, 50)) == []


def test_code_inside_a_list_is_found_at_its_line(tmp_path):
    code = "x = " + "1 + " * 30 + "1"
    path = tmp_path / "nested.md"
    path.write_text(f"# Nested\n\n- an item\n\n  ```\n  {code}\n  ```\n")
    assert findings_at(load_deck(path)) == [
        f"{path}:6: error: slide 1: a code line is 129 columns wide; "
        "80\u00d724 leaves room for 74 (the show scrolls it sideways)"
    ]


# -- figures ----------------------------------------------------------------------------------


def test_scale_letters_stay_with_their_figure():
    assert figures("It raised $1.2M, then $5bn, then 10k more and 3B later.") == [
        "$1.2M",
        "$5bn",
        "10k",
        "3B",
    ]


def test_list_labels_are_not_figures():
    assert figures("Point 5") == []
    assert figures("Step 12:") == []
    assert figures("Point 5: it fell 13% in 2024") == ["13%", "2024"]
    assert figures("Nvidia 13 times") == ["13"]  # followed by more words: a count
    assert figures("Sold 500 units") == ["500"]  # a count, not a label


def test_a_figure_written_with_a_scale_letter_matches_the_words_in_the_source():
    deck = load_text("# Money\n\nIt raised $1.2M and $5bn.\n\n- Point 5\n- Point 6\n")
    source = "It raised $1.2 million, and later $5 billion."
    assert findings_at(deck, source=source) == []
    assert [f for f in findings_at(deck, source="It raised $1.3 million.") if "figure" in f] == [
        "<text>:1: error: figure '$1.2M' on slide 1 does not occur in the source",
        "<text>:1: error: figure '$5bn' on slide 1 does not occur in the source",
    ]


amounts = st.builds(
    lambda whole, fraction: f"{whole:,}" + (f".{fraction}" if fraction is not None else ""),
    st.integers(0, 10**9),
    st.none() | st.integers(0, 99),
)
scales = st.sampled_from(["", "%", " %", "k", "K", "M", "m", "bn", "B", "tn", " thousand", " million", " billion"])


@given(st.booleans(), amounts, scales, st.sampled_from(["", ".", ",", ";", ")", " in total"]))
def test_a_figure_is_found_whole_wherever_it_stands(dollar, amount, scale, after):
    figure = ("$" if dollar else "") + amount + scale
    assert figures(f"It was {figure}{after}") == [figure]


# [A-Z][a-z]{1,9}, drawn as two parts (cheaper than from_regex)
capitalised = st.builds(
    str.__add__, st.sampled_from(string.ascii_uppercase), st.text(string.ascii_lowercase, min_size=1, max_size=9)
)


@given(capitalised, st.integers(0, 99), st.sampled_from(["", ":", "."]))
def test_a_capitalised_word_and_a_small_number_is_a_label(word, number, after):
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    if re.fullmatch(months, word):
        return  # "May 5" is a date
    assert figures(f"{word} {number}{after}") == []


def test_a_header_only_table_too_wide_is_found_at_its_line(tmp_path):
    path = tmp_path / "header.md"
    header = " | ".join(f"Column {n}" for n in range(1, 13))
    path.write_text(f"# Header\n\nColumn 1 is the first.\n\n| {header} |\n|{'---|' * 12}\n")
    (finding,) = findings_at(load_deck(path))
    assert finding.startswith(f"{path}:5: error: slide 1: a table is ")
