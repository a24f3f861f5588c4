"""Columns, alignment and code walk-throughs as the loader reads them (issue 12 §2, §3)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.check import check_deck
from briefing.core.alignment import Alignment, slide_alignment
from briefing.core.blocks import CodeBlock, ColumnMark, Heading, Paragraph, Rule, Span
from briefing.core.code_info import parse_info
from briefing.core.column_groups import ColumnGroup, group_columns
from briefing.core.loader import load_text
from briefing.render.columns import GAP, MIN_COLUMN, column_widths
from tests.conftest import SLOW_EXAMPLES


def messages(deck) -> list[str]:
    return [finding.message for finding in deck.diagnostics]


def placed(deck, index: int) -> Alignment:
    slide = deck.slides[index]
    return slide_alignment(slide.metadata, slide.blocks, first=index == 0, deck_metadata=deck.metadata)


def texts(blocks) -> list[str]:
    return ["".join(span.text for span in block.text) for block in blocks if isinstance(block, (Paragraph, Heading))]


# --- columns ----------------------------------------------------------------------------------

PRESENTERM = """# Cols

<!-- column_layout: [2, 1] -->
<!-- column: 0 -->

Left

<!-- column: 1 -->

Right

<!-- reset_layout -->

Under
"""


def test_presenterm_columns_are_marks_and_no_finding():
    deck = load_text(PRESENTERM, dialect="presenterm")
    blocks = deck.slides[0].blocks
    assert [block for block in blocks if isinstance(block, ColumnMark)] == [
        ColumnMark((2, 1), 0),
        ColumnMark((2, 1), 1),
        ColumnMark(),
    ]
    parts = group_columns(blocks)
    assert len(parts) == 3 and isinstance(parts[1], ColumnGroup)
    assert [texts(column) for column in parts[1].columns] == [["Left"], ["Right"]]
    assert texts(parts[2]) == ["Under"]
    assert messages(deck) == []
    assert deck.slides[0].body == "# Cols\n\nLeft\n\nRight\n\nUnder"


def test_briefing_decks_read_presenterm_columns_too():
    deck = load_text(PRESENTERM, dialect="briefing")
    assert any(isinstance(block, ColumnMark) for block in deck.slides[0].blocks)
    assert messages(deck) == []


def test_a_column_outside_the_layout_is_a_finding_not_a_crash():
    deck = load_text(
        "# A\n\n<!-- column: 0 -->\n\nx\n\n<!-- column_layout: [1] -->\n<!-- column: 5 -->\n", dialect="presenterm"
    )
    assert not any(isinstance(block, ColumnMark) for block in deck.slides[0].blocks)
    assert messages(deck) == [
        "`column: 0` comes before any `column_layout`: ignored",
        "`column: 5` names no column of the layout [1]",
    ]


def test_other_tools_keep_reading_column_comments_as_directives():
    deck = load_text(PRESENTERM, dialect="marp")
    assert not any(isinstance(block, ColumnMark) for block in deck.slides[0].blocks)


SLIDEV = "# Title\n\n---\nlayout: two-cols\n---\n\n# Left\n\nl\n\n::right::\n\n# Right\n\nr\n"


def test_slidev_two_cols_splits_at_the_right_slot():
    deck = load_text(SLIDEV)
    assert deck.dialect == "slidev"
    parts = group_columns(deck.slides[1].blocks)
    assert len(parts) == 1 and isinstance(parts[0], ColumnGroup)
    assert parts[0].names == ("left", "right")
    assert [texts(column) for column in parts[0].columns] == [["Left", "l"], ["Right", "r"]]
    assert messages(deck) == []


def test_slidev_two_cols_header_keeps_the_header_full_width():
    text = "# T\n\n---\nlayout: two-cols-header\n---\n\n# Head\n\n::left::\n\nl\n\n::right::\n\nr\n"
    parts = group_columns(load_text(text).slides[1].blocks)
    assert texts(parts[0]) == ["Head"] and isinstance(parts[1], ColumnGroup)


def test_a_slot_on_another_layout_is_still_a_rule_and_a_finding():
    text = "# T\n\n---\nlayout: default\n---\n\n# Head\n\nl\n\n::right::\n\nr\n"
    deck = load_text(text)
    assert Rule() in deck.slides[1].blocks
    assert any("is drawn as a rule" in message for message in messages(deck))


blocks = st.lists(
    st.one_of(
        st.builds(lambda t: Paragraph((Span(t),)), st.text(max_size=3)),
        st.builds(
            ColumnMark,
            st.lists(st.integers(1, 5), max_size=3).map(tuple),
            st.integers(0, 4),
            st.sampled_from(["", "x"]),
        ),
    ),
    max_size=12,
)


@settings(max_examples=SLOW_EXAMPLES)
@given(blocks)
def test_grouping_keeps_every_block_in_order_of_columns(sequence):
    parts = group_columns(sequence)
    kept = []
    for part in parts:
        if isinstance(part, ColumnGroup):
            assert len(part.columns) == len(part.weights) == len(part.names)
            kept += [block for column in part.columns for block in column]
        else:
            kept += list(part)
    assert sorted(map(repr, kept)) == sorted(repr(b) for b in sequence if not isinstance(b, ColumnMark))


@settings(max_examples=SLOW_EXAMPLES)
@given(st.lists(st.integers(1, 100), min_size=1, max_size=12), st.integers(1, 400))
def test_columns_share_the_width_or_stack(weights, width):
    widths = column_widths(weights, width)
    if widths is not None:
        assert sum(widths) + GAP * (len(weights) - 1) == width
        assert min(widths) >= MIN_COLUMN


def test_columns_stack_below_the_narrowest_column():
    assert column_widths((1, 1, 1), 74) is None  # 80 columns: three would be 22 cells wide
    assert column_widths((1, 1, 1), 100) == [31, 31, 32]
    assert column_widths((2, 1), 74) == [47, 24]


def test_check_measures_overflow_per_column():
    items = "\n".join(f"- item {n}" for n in range(30))
    text = f"# Tall\n\n<!-- column_layout: [1, 1] -->\n<!-- column: 0 -->\n\n{items}\n\n<!-- column: 1 -->\n\nshort\n"
    found = [str(f.message) for f in check_deck(load_text(text, dialect="presenterm"))]
    assert found == [
        "slide 1: column 1 of 2 is 30 rows tall, 33 with the rest of the slide; 80\u00d724 leaves room for 20"
    ]


# --- alignment ----------------------------------------------------------------------------------


def test_presenterm_alignment_and_jump_to_middle():
    deck = load_text(
        "# A\n\ntext\n\ntext\n\n<!-- end_slide -->\n\n<!-- alignment: center -->\n\nx\n\n"
        "<!-- end_slide -->\n\n<!-- jump_to_middle -->\n\ny\n"
    )
    assert deck.dialect == "presenterm"
    assert [placed(deck, i) for i in range(3)] == [Alignment(), Alignment(True, False), Alignment(False, True)]
    assert messages(deck) == []


def test_remark_marp_and_slidev_centre_their_way():
    remark = load_text("# A\n\ntext\n\nmore text\n\n---\nclass: center, middle\n\n# B\n\n???\nnote\n", dialect="remark")
    assert placed(remark, 1) == Alignment(True, True) and messages(remark) == []
    marp = load_text("---\nmarp: true\n---\n\n# A\n\n- x\n- y\n\n---\n\n<!-- _class: lead -->\n\n# B\n")
    assert placed(marp, 1) == Alignment(True, True) and messages(marp) == []
    invert = load_text("---\nmarp: true\n---\n\n# A\n\n---\n\n<!-- _class: invert -->\n\n# B\n")
    assert placed(invert, 1) == Alignment() and messages(invert) == ["Marp directive `_class` is ignored"]
    slidev = load_text("# A\n\n- x\n- y\n\n---\nlayout: center\n---\n\n# B\n\n- z\n")
    assert placed(slidev, 1) == Alignment(True, True)


def test_a_marp_class_holds_from_its_slide_on_and_an_underscored_one_for_its_slide_only():
    body = "# A\n\n- x\n- y\n\n---\n\n<!-- class: lead -->\n\n# B\n\n- z\n\n---\n\n# C\n\n- w\n\n---\n\n"
    body += "<!-- _class: invert -->\n\n# D\n\n- v\n\n---\n\n# E\n\n- u\n"
    deck = load_text("---\nmarp: true\n---\n\n" + body)
    centred, plain_ = Alignment(True, True), Alignment()
    assert [placed(deck, i) for i in range(5)] == [plain_, centred, centred, plain_, centred]
    everywhere = load_text("---\nmarp: true\nclass: lead\n---\n\n# A\n\n- x\n- y\n\n---\n\n# B\n\n- z\n")
    assert [placed(everywhere, i) for i in range(2)] == [centred, centred]


def test_a_title_slide_is_centred_unless_the_front_matter_says_not():
    assert placed(load_text("# Talk\n\nBy Ada\n\n---\n\n# Next\n"), 0) == Alignment(True, True)
    assert placed(load_text("# Talk\n\n## Sub\n\nBy Ada\n"), 0) == Alignment(True, True)
    assert placed(load_text("# Talk\n\nOne\n\nTwo\n"), 0) == Alignment()  # two lines: content
    assert placed(load_text("# Talk\n\n- a list\n"), 0) == Alignment()
    assert placed(load_text("# Talk\n\n" + "long " * 30 + "\n"), 0) == Alignment()
    off = load_text("---\ncenter_title_slide: false\n---\n\n# Talk\n\nBy Ada\n")
    assert placed(off, 0) == Alignment() and messages(off) == []
    assert placed(load_text("# Talk\n\n---\n\n# Next\n"), 1) == Alignment()  # only the first slide


# --- code walk-through --------------------------------------------------------------------------


def test_presenterm_groups_are_steps_and_content_after_stays():
    deck = load_text("# Code\n\n```rust {1-2|3|all} +line_numbers\na\nb\nc\n```\n\nafter\n\n<!-- pause -->\n\nlater\n")
    slide = deck.slides[0]
    assert len(slide.steps) == 4
    codes = [next(b for b in slide.blocks_until(step) if isinstance(b, CodeBlock)) for step in range(4)]
    assert [code.highlighted for code in codes] == [frozenset({1, 2}), frozenset({3}), None, None]
    assert all(code.line_numbers for code in codes)
    assert texts(slide.blocks_until(0)) == ["Code", "after"]  # the text after the code is there
    assert texts(slide.blocks_until(3)) == ["Code", "after", "later"]
    assert slide.body.count("```rust") == 1


def test_slidev_groups_and_line_numbers():
    info = parse_info("ts {2|3-4} {lines:true}", 4)
    assert info == ("ts", ((2,), (3, 4)), True)
    assert parse_info("ts {monaco}", 4) == ("ts", (), False)
    assert parse_info("rust +exec {*|1,3}", 3) == ("rust", ((), (1, 3)), False)


def test_a_single_group_highlights_without_steps():
    slide = load_text("# C\n\n```py {2}\na\nb\n```\n").slides[0]
    assert len(slide.steps) == 1
    assert slide.blocks[1].highlighted == frozenset({2})


@given(st.text(max_size=60), st.integers(1, 50))
def test_any_info_string_reads_within_the_block(info, lines):
    parsed = parse_info(info, lines)
    assert all(1 <= line <= lines for group in parsed.highlights for line in group)
    assert len(parsed.highlights) <= 100


@settings(max_examples=SLOW_EXAMPLES)
@given(st.lists(st.lists(st.integers(0, 10**8), max_size=3), max_size=5), st.integers(1, 30))
def test_any_ranges_are_clamped_to_the_block(groups, lines):
    spec = "|".join(",".join(f"{n}-{n + 5}" for n in group) or "all" for group in groups)
    parsed = parse_info("py {" + spec + "}", lines)
    assert len(parsed.highlights) == len(groups)
    assert all(1 <= line <= lines for group in parsed.highlights for line in group)
