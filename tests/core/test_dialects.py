"""Other tools' decks read as their authors meant them (issue 11): small inline decks, one rule
each, with the exact slides, steps, notes and drawn text the tool would give."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.core.blocks import ListBlock, Paragraph, Rule, Table, plain
from briefing.core.dialects import NAMES
from briefing.core.dialects.detect import detect
from briefing.core.errors import DeckError
from briefing.core.loader import load_deck, load_text
from briefing.render.text import PlainText


def load(text: str, dialect: str | None = None, path: Path | str = "deck.md"):
    return load_text(text, path, dialect=dialect)


def drawn(deck) -> str:
    """Everything the audience view draws, at every step of every slide."""
    renderer = PlainText()
    lines = []
    for slide in deck.slides:
        for step in range(len(slide.steps)):
            lines += renderer.blocks(slide.blocks_until(step), 100)
    return "\n".join(lines)


def step_texts(slide) -> list[str]:
    renderer = PlainText()
    return ["\n".join(renderer.blocks(slide.blocks_until(step), 100)) for step in range(len(slide.steps))]


def titles(deck) -> list[str]:
    return [slide.title for slide in deck.slides]


def messages(deck) -> list[str]:
    return [finding.message for finding in deck.diagnostics]


# --- detection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("# A\n\n<!-- end_slide -->\n\n# B\n", "presenterm"),
        ("# A\n\n<!-- _class: lead -->\n", "marp"),
        ("# A\n\n<!-- $theme: gaia -->\n", "marp"),
        ("# A\n\n<div v-click>x</div>\n", "slidev"),
        ("# A\n\n::right::\n\nb\n", "slidev"),
        ("# A\n\n---\nlayout: center\n---\n\n# B\n", "slidev"),
        ("# A\n\ntext\n???\nnotes\n", "remark"),
        ("# A\n\n- one\n--\n- two\n", "remark"),
        ('# A\n\n<!-- .slide: data-background="red" -->\n', "reveal"),
        ("# A\n\ntext\n\nNote:\nsay this\n", "reveal"),
        ("# A\n\n^ a presenter note\n", "deckset"),
        ("theme: Fira\n\n# A\n", "deckset"),
        ("# [fit] A\n", "deckset"),
        ("% Title\n% Author\n\n# A\n\ntext\n", "pandoc"),
        ("# A\n\n::: notes\nsecret\n:::\n", "pandoc"),
        ("# A\n\n<!--config:\nincrementalLists: true\n-->\n", "patat"),
        ("# A\n\n<!-- stop -->\n\nB\n", "lookatme"),
        ("%title: T\n%author: me\n\n# A\n", "mdp"),
        ("# A\n\n-> centred <-\n\n-> also <-\n", "mdp"),
        ("# A\n\ntext\n\n---\n\n# B\n\n<!-- pause -->\n\nmore\n\n<!-- a note -->\n", "briefing"),
    ],
)
def test_a_deck_is_recognised_by_marks_only_its_tool_uses(text, name):
    assert load(text).dialect == name


@pytest.mark.parametrize(
    ("front_matter", "name"),
    [
        ("marp: true", "marp"),
        ("patat:\n  slideLevel: 2", "patat"),
        ("transition: fade", "slidev"),
        ("revealOptions:\n  transition: fade", "reveal"),
        ("styles:\n  style: monokai", "lookatme"),
        ("options:\n  end_slide_shorthand: true", "presenterm"),
        ("title: Just a title", "briefing"),
    ],
)
def test_front_matter_keys_of_one_tool_decide(front_matter, name):
    assert load(f"---\n{front_matter}\n---\n\n# A\n\ntext\n").dialect == name


def test_two_tools_in_equal_measure_read_by_briefing_rules_so_both_notes_stay_private():
    # presenterm would draw `???`; remark would draw nothing of speaker_note. Neither wins.
    text = "# A\n\nshown\n\n<!-- speaker_note: first secret -->\n\n---\n\n# B\n\nshown\n\n???\n\nsecond secret\n"
    deck = load(text)
    assert deck.dialect == "briefing"
    assert "secret" not in drawn(deck)
    assert [slide.notes_text for slide in deck.slides] == ["first secret", "second secret"]


def test_the_dialect_key_and_the_option_override_detection():
    text = "---\ndialect: presenterm\n---\n\n# A\n\ntext\n???\npunchline\n"
    deck = load(text)
    assert deck.dialect == "presenterm"
    assert "punchline" in drawn(deck)
    assert load(text, dialect="remark").dialect == "remark"
    assert load(text, dialect="remark").slides[0].notes_text == "punchline"
    assert load(text, dialect="auto").dialect == "presenterm"


def test_an_unknown_dialect_is_an_error_at_its_line():
    with pytest.raises(DeckError) as caught:
        load("---\ntitle: T\ndialect: keynote\n---\n\n# A\n")
    assert caught.value.line == 3
    assert "unknown dialect 'keynote'" in caught.value.message


def test_marks_in_fenced_code_do_not_count():
    text = "# How to write notes\n\n```markdown\n^ a Deckset note\n???\n<!-- end_slide -->\n```\n"
    assert detect([text], {}) == "briefing"


def test_notes_in_capitals_are_not_taken_for_reveal():
    deck = load("# Setup\n\nNOTE: you need `tool` installed\n\nmore text\n")
    assert deck.dialect == "briefing"
    assert "more text" in drawn(deck)


def test_every_name_is_a_dialect_and_the_cli_offers_them_all():
    from briefing.cli import DIALECTS

    assert ("auto", *NAMES) == DIALECTS
    assert NAMES[0] == "briefing"


# --- 1. notes ----------------------------------------------------------------------------------


def test_deckset_caret_paragraphs_are_notes():
    deck = load("# A\n\nShown.\n\n^ Say this\nand this.\n\n^ Second note\n")
    assert [note.text for note in deck.slides[0].notes] == ["Say this\nand this.", "Second note"]
    assert "Say" not in drawn(deck) and "Shown." in drawn(deck)


def test_reveal_note_line_makes_the_rest_of_the_slide_notes():
    deck = load("# A\n\nShown.\n\nNote:\nPrivate\n- point\n\n---\n\n# B\n\nnotes: inline one\n")
    assert deck.dialect == "reveal"
    assert deck.slides[0].notes_text == "Private\n- point"
    assert deck.slides[1].notes_text == "inline one"
    assert "Private" not in drawn(deck) and "inline" not in drawn(deck)
    assert titles(deck) == ["A", "B"]


def test_reveal_note_directly_under_text_and_not_in_code():
    deck = load("# A\n\nShown\nNotes: hidden\n\n---\n\n# B\n\n```\nNote: code\n```\n", dialect="reveal")
    assert deck.slides[0].notes_text == "hidden"
    assert "Note: code" in drawn(deck)


@pytest.mark.parametrize("dialect", [None, "briefing", "marp", "slidev", "presenterm", "pandoc"])
def test_pandoc_notes_divs_are_notes_in_every_dialect(dialect):
    text = (
        "# A\n\nShown.\n\n::: notes\nFenced **note**\n\n::: {.inner}\nnested\n:::\n:::\n\n"
        '<div class="notes">\nHTML note\n\nwith a blank line\n</div>\n\n<aside class="notes">aside</aside>\n\nEnd.\n'
    )
    deck = load(text, dialect=dialect)
    notes = deck.slides[0].notes_text
    assert "Fenced **note**" in notes and "nested" in notes
    assert "HTML note\n\nwith a blank line" in notes and "aside" in notes
    text_drawn = drawn(deck)
    for private in ("Fenced", "nested", "HTML note", "blank line", "aside"):
        assert private not in text_drawn
    assert "Shown." in text_drawn and "End." in text_drawn


def test_remark_notes_start_directly_under_text_and_end_at_a_build():
    deck = load("# A\nVisible\n???\nNote one\n--\nBuilt later\n???\nNote two\n---\n# B\n")
    assert deck.dialect == "remark"
    first = deck.slides[0]
    assert [note.text for note in first.notes] == ["Note one", "Note two"]
    assert step_texts(first)[-1].endswith("Visible\n\nBuilt later")
    assert len(first.steps) == 2


@pytest.mark.parametrize("dialect", ["presenterm", "marp", "slidev", "deckset", "pandoc"])
def test_question_marks_are_content_outside_remark_and_check_says_so(dialect):
    deck = load(
        "# Guess\n\nWho did it?\n\n???\n\n# [fit] x\n" if dialect == "deckset" else "# Guess\n\nWho did it?\n\n???\n",
        dialect=dialect,
    )
    assert "???" in drawn(deck)
    assert deck.slides[0].notes == ()
    assert any("`???` is drawn on the slide" in message and "remark" in message for message in messages(deck))


def test_notes_markers_of_other_tools_are_warned_about_where_drawn():
    deck = load("# A\n\n^ not a note here\n\ntext\n", dialect="briefing")
    assert "not a note here" in drawn(deck)
    [message] = [m for m in messages(deck) if "Deckset" in m]
    assert "`^`" in message and "dialect: deckset" in message


# --- 2. settings --------------------------------------------------------------------------------


def test_remark_properties_are_metadata_and_templates_apply():
    text = (
        "layout: true\n.footer[Company]\n\n---\n"
        "name: intro\nclass: center, middle\ncount: false\n\n# Intro\n\n---\n"
        "# Second\n\n---\n"
        "layout: false\ntemplate: intro\n\n# Third\n\n---\n"
        "exclude: true\n\n# Gone\n"
    )
    deck = load(text, dialect="remark")
    assert titles(deck) == ["Intro", "Second", "Third"]
    intro = deck.slides[0]
    assert intro.metadata["class"] == "center, middle" and intro.metadata["count"] == "false"
    text_drawn = drawn(deck)
    assert "class" not in text_drawn and "layout" not in text_drawn and "Gone" not in text_drawn
    assert step_texts(deck.slides[1])[0].startswith("Company")
    # `template: intro` brings the intro slide's content (itself templated by the layout)
    assert "Intro" in step_texts(deck.slides[2])[0] and deck.slides[2].title == "Third"
    # `class: center, middle` centres the slide (core.alignment): honoured, no finding
    assert not any("`class`" in m for m in messages(deck))
    assert any("slide property `count` is ignored" in m for m in messages(deck))
    assert not any("`name`" in m or "`layout`" in m for m in messages(deck))


def test_remark_template_content_placeholder():
    deck = load("name: frame\nlayout: true\n\n# Header\n\n{{content}}\n\nFooter\n\n---\n\nBody\n", dialect="remark")
    assert step_texts(deck.slides[0])[0].split("\n\n") == ["Header\n======", "Body", "Footer"]


def test_remark_break_comment_separates_slides():
    deck = load("# One\ntext\n<!-- break -->\n# Two\n\n???\nnote\n")
    assert deck.dialect == "remark" and titles(deck) == ["One", "Two"]


def test_remark_dashes_always_separate_and_content_classes_keep_their_text():
    deck = load("# One\nText\n---\n# Two\n.left[\n- kept\n]\n.red[inline] word\n", dialect="remark")
    assert titles(deck) == ["One", "Two"]
    assert "• kept" in drawn(deck) and "inline word" in drawn(deck)
    assert ".left" not in drawn(deck) and "]" not in drawn(deck)


def test_deckset_settings_and_commands_are_metadata():
    deck = load(
        "theme: Fira, 3\nautoscale: true\nfooter: Talk\n\n# A\n\n---\n\n"
        "[.hide-footer]\n[.background-color: #000]\n\n# B\n"
    )
    assert deck.dialect == "deckset"
    assert dict(deck.metadata) == {"theme": "Fira, 3", "autoscale": True, "footer": "Talk"}
    assert dict(deck.slides[1].metadata) == {"hide-footer": True, "background-color": "#000"}
    assert "hide-footer" not in drawn(deck) and "autoscale" not in drawn(deck)
    assert "Deckset setting `autoscale` is ignored" in messages(deck)


def test_deckset_columns_share_the_slide_equally_after_any_full_width_start():
    from briefing.core.blocks import ColumnMark

    deck = load("# A\n\n[.column]\n\nleft\n\n[.column]\n\nmiddle\n\n[.column]\n\nright\n", dialect="deckset")
    marks = [block for block in deck.slides[0].blocks if isinstance(block, ColumnMark)]
    assert [(mark.weights, mark.column) for mark in marks] == [((1, 1, 1), 0), ((1, 1, 1), 1), ((1, 1, 1), 2)]
    assert messages(deck) == []
    assert "left" in drawn(deck) and "right" in drawn(deck)


def test_mdp_header_is_title_author_and_date():
    deck = load("%title: The talk\n%author: Ada\n%date: 2024-05-01\n\n# One\n\ntext\n")
    assert deck.dialect == "mdp"
    assert deck.title == "The talk"
    assert dict(deck.metadata) == {"title": "The talk", "author": "Ada", "date": "2024-05-01"}
    assert "%" not in drawn(deck)


def test_pandoc_title_block_is_title_and_authors():
    deck = load("% The talk\n% Ada One; Bo Two\n% May 2024\n\n# One\n\ntext\n")
    assert deck.dialect == "pandoc"
    assert deck.title == "The talk"
    assert deck.metadata["author"] == ["Ada One", "Bo Two"]
    assert deck.metadata["date"] == "May 2024"
    assert "%" not in drawn(deck)


@pytest.mark.parametrize(
    ("comment", "key", "value"),
    [
        ("<!--config:\nincrementalLists: true\n-->", "config", {"incrementalLists": True}),
        ('<!-- .slide: data-background="#ff0000" -->', ".slide", 'data-background="#ff0000"'),
        (
            '<!-- .element: class="fragment" data-fragment-index="2" -->',
            ".element",
            ['class="fragment" data-fragment-index="2"'],
        ),
        ("<!-- *template: invert -->", "*template", "invert"),
        ("<!-- $theme: gaia -->", "$theme", "gaia"),
    ],
)
def test_other_tools_settings_in_comments_are_metadata_never_notes(comment, key, value):
    for dialect in (None, "briefing"):
        deck = load(f"# A\n\ntext\n\n{comment}\n", dialect=dialect)
        slide = deck.slides[0]
        assert slide.notes == ()
        assert slide.metadata[key] == value
        assert key.strip(".$*") not in drawn(deck)


def test_marp_directive_comments_are_settings_other_comments_notes():
    deck = load(
        "---\nmarp: true\n---\n\n# A\n\n<!--\npaginate: true\nfooter: Some: footer\n-->\n\n<!-- say hello -->\n"
    )
    slide = deck.slides[0]
    assert slide.metadata["paginate"] is True and slide.metadata["footer"] == "Some: footer"
    assert slide.notes_text == "say hello"
    assert "Marp directive `paginate` is ignored" in messages(deck)


# --- 3. steps and splits ------------------------------------------------------------------------


def test_slidev_clicks_count_as_the_tool_counts_them():
    text = (
        "---\ntransition: fade\n---\n\n# A\n\n<div v-click>one</div>\n\n<v-click>\n\ntwo\n\n</v-click>\n\n"
        "<p v-after>with two</p>\n\n---\n\n# B\n\n<v-clicks>\n\n- x\n- y\n- z\n\n</v-clicks>\n"
    )
    deck = load(text)
    first, second = deck.slides
    assert len(first.steps) == 3 and len(second.steps) == 4
    assert step_texts(first)[1].endswith("one")
    assert step_texts(first)[2].endswith("two\n\nwith two")
    assert step_texts(second)[1].endswith("• x") and step_texts(second)[3].endswith("• x\n• y\n• z")


def test_slidev_hidden_and_disabled_slides_are_left_out():
    text = (
        "---\ntransition: fade\n---\n\n# A\n\n---\nhide: true\n---\n\n# B\n\n"
        "---\ndisabled: true\n---\n\n# C\n\n---\n\n# D\n"
    )
    assert titles(load(text)) == ["A", "D"]


def test_slidev_dashes_under_text_before_a_yaml_block_separate():
    deck = load("---\ntransition: fade\n---\n\n# A\n\nlast line\n---\nlayout: center\n---\n\n# B\n")
    assert titles(deck) == ["A", "B"]
    assert dict(deck.slides[1].metadata) == {"layout": "center"}


def test_slidev_notes_are_the_comment_that_ends_the_slide():
    deck = load("---\ntransition: fade\n---\n\n# A\n\n<!-- not a note -->\n\ntext\n\n<!-- the note -->\n")
    assert deck.slides[0].notes_text == "the note"
    assert "not a note" not in drawn(deck)


def test_remark_builds_are_steps_of_one_slide():
    deck = load("# A\n- one\n--\n- two\n--\nThe end\n", dialect="remark")
    [slide] = deck.slides
    assert len(slide.steps) == 3
    assert step_texts(slide) == ["A\n=\n\n• one", "A\n=\n\n• one\n\n• two", "A\n=\n\n• one\n\n• two\n\nThe end"]


def test_deckset_build_lists_for_the_deck_and_off_for_a_slide():
    deck = load("build-lists: true\n\n# A\n\n- one\n- two\n\n---\n\n[.build-lists: false]\n\n# B\n\n- x\n- y\n")
    assert [len(slide.steps) for slide in deck.slides] == [3, 1]


def test_mdp_pauses_between_list_items_and_lines():
    deck = load("%title: T\n\n# A\n\nAgenda\n<br>\n* one\n<br>\n    * nested\n^\n* two\n")
    [slide] = deck.slides
    assert len(slide.steps) == 4
    assert step_texts(slide)[0].endswith("Agenda")
    assert step_texts(slide)[2].endswith("• one\n\n  • nested")


def test_marp_fragmented_lists_are_steps():
    deck = load("---\nmarp: true\n---\n\n# A\n\n* one\n* two\n\n- plain\n- list\n\n1) x\n2) y\n")
    [slide] = deck.slides
    assert len(slide.steps) == 5  # title, one, two (with the plain list), x, y


def test_pandoc_incremental_divs_and_quoted_lists():
    text = (
        "% T\n\n## A\n\n::: incremental\n- one\n- two\n:::\n\n> - q1\n> - q2\n\n"
        "::: nonincremental\n> - n1\n> - n2\n:::\n"
    )
    [slide] = load(text).slides
    assert len(slide.steps) == 5
    last = slide.blocks_until(len(slide.steps) - 1)
    assert [type(block).__name__ for block in last[1:]] == ["ListBlock", "ListBlock", "Quote"]


def test_reveal_fragments_are_steps():
    text = (
        '# A\n\nFirst\n<!-- .element: class="fragment" -->\n\n'
        '- one <!-- .element: class="fragment" -->\n- two <!-- .element: class="fragment" -->\n\n'
        '<p class="fragment">html</p>\n\nNote:\nnotes\n'
    )
    [slide] = load(text).slides
    assert len(slide.steps) == 5
    assert step_texts(slide)[1].endswith("First")
    assert step_texts(slide)[3].endswith("• one\n• two")
    assert step_texts(slide)[4].endswith("html")


def test_patat_drops_comment_only_slides_and_honours_slide_level():
    text = "---\npatat:\n  slideLevel: 1\n---\n\n# One\n\n## Sub\n\ntext\n\n# Two\n\ntext\n"
    assert titles(load(text)) == ["One", "Two"]
    ruled = "---\npatat:\n  wrap: true\n---\n\n# One\n\n---\n\n<!-- only a note -->\n\n---\n\n# Two\n"
    deck = load(ruled)
    assert titles(deck) == ["One", "Two"]


def test_patat_incremental_lists_and_the_step_after_them():
    deck = load("---\npatat:\n  incrementalLists: true\n---\n\n# A\n\n- one\n- two\n\nAfter.\n")
    assert len(deck.slides[0].steps) == 4


def test_pandoc_hr_and_headings_both_start_slides():
    deck = load("% T\n\n## A\n\ntext\n\n---\n\nmore\n\n## B\n\ntext\n")
    assert titles(deck) == ["A", "", "B"]


@pytest.mark.parametrize(
    "table",
    [
        "  Right     Left     Center\n-------     ------ ----------\n     12     12        12\n"
        "    123     123       123\n",
        "-------------------------------------\n Centered   Default\n  Header    Aligned\n"
        "----------- -------\n   First    row\n\n  Second    row\n-------------------------------------\n",
        "+-------+--------+\n| Fruit | Price  |\n+=======+========+\n| Apple | $1     |\n+-------+--------+\n",
        "-------     ------\n     12     12\n    123     123\n-------     ------\n",
    ],
    ids=["simple", "multiline", "grid", "headerless"],
)
def test_pandoc_tables_are_tables_not_separators(table):
    deck = load(f"% T\n\n# A\n\nBefore.\n\n{table}\nTable: A caption.\n\nAfter.\n")
    assert len(deck.slides) == 1
    blocks = deck.slides[0].blocks
    assert any(isinstance(block, Table) for block in blocks)
    assert any(isinstance(block, Paragraph) and plain(block.text) == "A caption." for block in blocks)
    assert "---" not in drawn(deck) and "+==" not in drawn(deck)


def test_presenterm_include_brings_the_files_content_and_slides(tmp_path):
    (tmp_path / "part.md").write_text("Included text.\n\n<!-- end_slide -->\n\n# From the file\n")
    deck_path = tmp_path / "talk.md"
    deck_path.write_text("# One\n\n<!-- include: part.md -->\n\n<!-- end_slide -->\n\n# Two\n")
    deck = load_deck(deck_path)
    assert titles(deck) == ["One", "From the file", "Two"]
    assert "Included text." in drawn(deck)
    assert deck.includes == (tmp_path / "part.md",)
    assert deck.slides[1].span.path == tmp_path / "part.md"
    assert deck.slides[0].span.path == deck_path


def test_slidev_src_brings_the_files_slides_with_the_slides_keys(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "more.md").write_text("# P1\n\n---\n\n# P2\n\n---\n\n# P3\n")
    deck_path = tmp_path / "slides.md"
    deck_path.write_text(
        "---\ntransition: fade\n---\n\n# A\n\n---\nsrc: ./pages/more.md#2-3\nclass: x\n---\n\n---\n\n# Z\n"
    )
    deck = load_deck(deck_path)
    assert titles(deck) == ["A", "P2", "P3", "Z"]
    assert deck.slides[1].metadata["class"] == "x"


@pytest.mark.parametrize("dialect", ["presenterm", "slidev"])
def test_includes_outside_the_deck_directory_are_refused(tmp_path, dialect):
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (tmp_path / "secret.md").write_text("# Secret\n")
    (deck_dir / "link.md").symlink_to(tmp_path / "secret.md")
    # (in Slidev, `/x` is from the deck's directory: `/../x` tries to climb out of it)
    absolute = str(tmp_path / "secret.md") if dialect == "presenterm" else "/../secret.md"
    for target in ("../secret.md", absolute, "link.md"):
        text = _including(dialect, target)
        path = deck_dir / "talk.md"
        path.write_text(text)
        with pytest.raises(DeckError) as caught:
            load_deck(path)
        assert caught.value.path == path and caught.value.line == _include_line(text)
        assert "outside the deck's directory" in caught.value.message


@pytest.mark.parametrize("dialect", ["presenterm", "slidev"])
def test_an_include_cycle_is_refused(tmp_path, dialect):
    (tmp_path / "a.md").write_text(_including(dialect, "b.md"))
    (tmp_path / "b.md").write_text(_including(dialect, "a.md"))
    with pytest.raises(DeckError) as caught:
        load_deck(tmp_path / "a.md")
    assert "a cycle" in caught.value.message
    assert caught.value.path == tmp_path / "b.md"


@pytest.mark.parametrize("dialect", ["presenterm", "slidev"])
def test_a_missing_include_is_an_error_finding_and_the_deck_still_opens(tmp_path, dialect):
    text = _including(dialect, "gone.md")
    (tmp_path / "talk.md").write_text(text)
    deck = load_deck(tmp_path / "talk.md")
    [finding] = [f for f in deck.diagnostics if f.severity == "error"]
    assert (finding.line, finding.message) == (_include_line(text), "cannot include gone.md: no such file")


def _including(dialect: str, target: str) -> str:
    if dialect == "presenterm":
        return f"# A\n\n<!-- include: {target} -->\n\n<!-- end_slide -->\n\n# B\n"
    return f"---\ntransition: fade\n---\n\n# A\n\n---\nsrc: {target}\n---\n"


def _include_line(text: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if "include:" in line or "src:" in line)


def test_included_files_are_part_of_the_cache_key(tmp_path, monkeypatch):
    from briefing.deck_cache import load_deck_cached

    (tmp_path / "part.md").write_text("Old text.\n")
    (tmp_path / "talk.md").write_text("# A\n\n<!-- include: part.md -->\n")
    assert "Old text." in drawn(load_deck_cached(tmp_path / "talk.md"))
    (tmp_path / "part.md").write_text("New text.\n")
    assert "New text." in drawn(load_deck_cached(tmp_path / "talk.md"))


def test_the_dialect_option_is_part_of_the_cache_key(tmp_path):
    from briefing.deck_cache import load_deck_cached

    (tmp_path / "talk.md").write_text("# A\n\nJoke?\n\n???\n\nnotes\n")
    assert load_deck_cached(tmp_path / "talk.md").dialect == "remark"
    cached = load_deck_cached(tmp_path / "talk.md", dialect="presenterm")
    assert cached.dialect == "presenterm" and "???" in drawn(cached)
    again = load_deck_cached(tmp_path / "talk.md", dialect="presenterm")
    assert list(again.slides) == list(cached.slides)


# --- 4. marks ------------------------------------------------------------------------------------


def test_deckset_fit_headings_and_image_keywords():
    deck = load("# [fit] Big words\n\n![inline fill](photos/cat.jpg) ![Dog left](dog.png)\n\n^ note\n")
    assert titles(deck) == ["Big words"]
    assert "[cat.jpg]" in drawn(deck) and "[Dog]" in drawn(deck)
    assert "[fit]" not in drawn(deck) and "inline" not in drawn(deck)


def test_marp_image_keywords_are_not_drawn_and_empty_alt_shows_the_file():
    deck = load("---\nmarp: true\n---\n\n# A\n\n![bg left:40% sepia](img/photo.jpg)\n\n![w:200 Chart](c.png)\n")
    # each stands alone in its paragraph: an image block, drawn as `[image: …]` in text
    assert "[image: photo.jpg]" in drawn(deck) and "[image: Chart]" in drawn(deck)
    assert "bg" not in drawn(deck).replace("[", " ").split() and "w:200" not in drawn(deck)


def test_an_image_without_alt_text_shows_its_file_name_everywhere():
    assert "[image: diagram.svg]" in drawn(load("# A\n\n![](figures/diagram.svg)\n"))
    assert "[diagram.svg]" in drawn(load("# A\n\nSee ![](figures/diagram.svg) here\n"))


def test_mdp_centred_lines_are_centred():
    deck = load("%title: T\n\n# A\n\n-> centred <-\n-> two *lines* <-\n\nleft\n")
    paragraph = deck.slides[0].blocks[1]
    assert isinstance(paragraph, Paragraph) and paragraph.align == "center"
    assert plain(paragraph.text) == "centred\ntwo lines"
    lines = PlainText().blocks((paragraph,), 21)
    assert lines == ["       centred", "      two lines"]


def test_pandoc_attributes_and_div_fences_are_not_drawn():
    text = (
        "% T\n\n# Title {.unnumbered #intro}\n\n:::: {.columns}\n::: "
        '{.column width="40%"}\n[Small]{.smallcaps} `x`{.python}\n:::\n::::\n'
    )
    deck = load(text)
    assert titles(deck) == ["Title"]
    assert drawn(deck).split("\n")[-1] == "Small x"
    assert ":::" not in drawn(deck) and "{" not in drawn(deck)
    assert "Pandoc attributes `{.unnumbered #intro}` are ignored" in messages(deck)
    assert 'Pandoc div `{.column width="40%"}` is ignored (its content is shown)' in messages(deck)


def test_slidev_slots_are_rules_between_parts():
    deck = load("---\ntransition: fade\n---\n\n# A\n\n::left::\n\nleft\n\n::right::\n\nright\n")
    blocks = deck.slides[0].blocks
    assert [type(block).__name__ for block in blocks] == ["Heading", "Rule", "Paragraph", "Rule", "Paragraph"]
    assert "::" not in drawn(deck)


def test_a_slot_before_any_content_draws_no_rule():
    deck = load("---\ntransition: fade\n---\n\n::left::\n\nleft\n")
    assert not any(isinstance(block, Rule) for block in deck.slides[0].blocks)


def test_raw_html_is_drawn_as_its_text_never_as_markup():
    text = (
        '# A\n\n<div align="center">\n  <h2>Sub [b]title[/b]</h2>\n  <p>Para &amp; <b>bold</b> &#27;[31m</p>\n'
        '  <ul><li>one</li><li>two</li></ul>\n  <img src="pics/chart.png" alt="">\n'
        "  <script>alert('x')</script><style>h1 { color: red }</style>\n</div>\n"
    )
    deck = load(text)
    blocks = deck.slides[0].blocks
    text_drawn = drawn(deck)
    assert "Sub [b]title[/b]" in text_drawn and "Para & bold [31m" in text_drawn
    assert "\x1b" not in text_drawn and "alert" not in text_drawn and "color" not in text_drawn
    assert any(isinstance(block, ListBlock) for block in blocks)
    assert "[chart.png]" in text_drawn
    assert [block.align for block in blocks if isinstance(block, Paragraph)] == ["center", "center"]


def test_a_comment_inside_html_is_a_note_never_drawn():
    deck = load("# A\n\n<div>shown <!-- private note --></div>\n")
    assert deck.slides[0].notes_text == "private note"
    assert "private" not in drawn(deck)


# --- 5. check ------------------------------------------------------------------------------------


def test_ignored_directives_name_their_tool():
    text = "# A\n\n<!-- font_size: 2 -->\n<!-- backgroundColor: red -->\n<!-- fg=green -->\n<!-- zap -->\n"
    deck = load(text, dialect="briefing")
    assert messages(deck) == [
        "presenterm directive `font_size` is ignored",
        "Marp directive `backgroundColor` is ignored",
        "present directive `fg` is ignored",
        "directive `zap` is ignored",
    ]


def test_honoured_settings_are_not_findings():
    deck = load("build-lists: true\nslide-dividers: #\n\n# A\n\n- x\n\n# B\n")
    assert deck.dialect == "deckset" and titles(deck) == ["A", "B"]
    assert messages(deck) == []


def test_check_reports_loader_findings_with_file_and_line(tmp_path, capsys):
    from briefing.cli import main

    path = tmp_path / "talk.md"
    path.write_text("# A\n\ntext\n\n???\n\n<!-- end_slide -->\n\n# B\n\n<!-- new_lines: 2 -->\n")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:5: warning: `???` is drawn on the slide" in out
    assert f"{path}:11: warning: presenterm command `new_lines` is ignored" in out
    assert main(["check", str(path), "--dialect", "remark"]) == 0  # the rest of it is notes


# --- the model -----------------------------------------------------------------------------------


def test_a_continued_step_replaces_the_shorter_list():
    deck = load("---\nmarp: true\n---\n\n# A\n\n* one\n* two\n* three\n")
    slide = deck.slides[0]
    assert [step.continues for step in slide.steps] == [False, False, True, True]
    assert len(slide.blocks) == 2
    assert len(slide.blocks[1].items) == 3
    assert slide.body == "# A\n\n* one\n* two\n* three"


def test_json_export_keeps_settings_in_the_slides_metadata():
    import json

    from briefing.export.json import export_json

    data = json.loads(export_json(load('# A\n\n<!-- .slide: data-state="x" -->\n', path=Path(os.devnull))))
    assert data["slides"][0]["metadata"] == {".slide": 'data-state="x"'}


# --- more of each tool's rules ------------------------------------------------------------------


def test_presenterm_end_slide_shorthand_makes_rules_separators():
    text = "---\noptions:\n  end_slide_shorthand: true\n---\n\n# A\n\n---\n\n# B\n\n<!-- end_slide -->\n\n# C\n"
    assert titles(load(text)) == ["A", "B", "C"]
    assert titles(load(text.replace("true", "false"))) == ["A", "C"]


def test_presenterm_included_file_may_not_have_front_matter(tmp_path):
    (tmp_path / "part.md").write_text("---\ntitle: x\n---\n\nText\n")
    (tmp_path / "talk.md").write_text("# A\n\n<!-- include: part.md -->\n")
    with pytest.raises(DeckError) as caught:
        load_deck(tmp_path / "talk.md")
    assert (caught.value.line, caught.value.message) == (3, "an included file may not have front matter")


def test_marp_heading_divider_starts_slides_at_headings():
    deck = load("---\nmarp: true\nheadingDivider: 2\n---\n\n# A\n\ntext\n\n## B\n\n### still B\n\n## C\n")
    assert titles(deck) == ["A", "B", "C"]


def test_lookatme_takes_a_lone_top_heading_for_the_title():
    deck = load("---\nstyles: {}\n---\n\n# Talk\n\nintro\n\n## One\n\ntext\n\n## Two\n\ntext\n")
    assert titles(deck) == ["Talk", "One", "Two"]
    assert "intro" in step_texts(deck.slides[0])[0]


def test_slidev_src_with_a_bad_range_names_the_line(tmp_path):
    (tmp_path / "more.md").write_text("# P1\n")
    (tmp_path / "slides.md").write_text("---\ntransition: fade\n---\n\n# A\n\n---\nsrc: ./more.md#two\n---\n")
    with pytest.raises(DeckError) as caught:
        load_deck(tmp_path / "slides.md")
    assert caught.value.line == 8 and "range" in caught.value.message


def test_html_tables_and_preformatted_text():
    deck = load(
        "# A\n\n<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>\n\n<pre>  x = 1\n</pre>\n"
    )
    blocks = deck.slides[0].blocks
    assert isinstance(blocks[1], Table) and [plain(cell) for cell in blocks[1].header] == ["k", "v"]
    assert "  x = 1" in drawn(deck)


@pytest.mark.parametrize("unit", ["<![", "<a ", "<a\n", '<a b="', "</", "<!--", "a<"])
def test_malformed_html_never_fails_nor_hangs(unit):
    # the standard parser raises on `<![<![` and takes quadratic time on unfinished tags;
    # (a regression here runs into the suite's timeout rather than into a timing assertion)
    text = "<div>" + unit * (200_000 // len(unit))
    deck = load(f"# A\n\n{text}\n")
    assert deck.slides[0].title == "A"
    assert "\x1b" not in drawn(deck)


HOSTILE_UNITS = [
    "![",
    "![bg ",
    "<a ",
    "<v-click ",
    ".a[",
    "<!--",
    "[.",
    "{.",
    "]{.x}",
    "Note:",
    "^ ",
    "-- --",
    "+--+",
    ":::",
    "->",
    "???",
    '<div class="notes">',
    "`",
    "::a::",
    "%",
    "<br>",
    "[fit]",
    "{{content}}",
]


@pytest.mark.parametrize("dialect", NAMES)
def test_long_runs_of_any_tools_marks_load_in_any_dialect(dialect):
    # every mark repeated along one long line, and on many short lines: all of it is read in
    # time linear in its length (a regression here runs into the suite's timeout)
    lines = ["# A", ""]
    for unit in HOSTILE_UNITS:
        lines += [unit * (30_000 // len(unit)), ""]
    lines += [unit for unit in HOSTILE_UNITS for _ in range(300)]
    deck = load("\n".join(lines) + "\n", dialect=dialect)
    assert deck.slides and "\x1b" not in drawn(deck)
