"""Each convention of another presenter, from the project's own small fixtures."""

from __future__ import annotations

from briefing.core.loader import load_deck
from tests.conftest import CONVENTIONS


def load(name: str):
    return load_deck(CONVENTIONS / name)


def titles(deck) -> list[str]:
    return [slide.title for slide in deck.slides]


def test_presenterm_end_slide_makes_rules_content():
    deck = load("presenterm.md")
    assert titles(deck) == ["First slide", "Second slide", "Third slide"]
    assert "---" in deck.slides[1].body  # the thematic break inside slide 2 stays
    assert deck.metadata["author"] == "Someone"


def test_presenterm_speaker_notes_inline_and_yaml_block():
    deck = load("presenterm.md")
    assert [note.text for note in deck.slides[0].notes] == ["Say hello first."]
    assert [note.text for note in deck.slides[1].notes] == ["A longer note\non two lines."]


def test_presenterm_directives_are_neither_notes_nor_content():
    body = load("presenterm.md").slides[0].body
    assert "column_layout" not in body and "<!--" not in body
    assert "Left column." in body


def test_presenterm_pause_makes_steps():
    first = load("presenterm.md").slides[0]
    assert len(first.steps) == 2
    assert "Text before a pause." in first.steps[0].markdown
    assert "Text after the pause." not in first.steps[0].markdown
    assert "Text after the pause." in first.steps[1].markdown


def test_end_slide_inside_a_code_fence_is_content():
    third = load("presenterm.md").slides[2]
    assert "<!-- end_slide -->" in third.body


def test_marp_notes_directives_and_inline_comment_in_title():
    deck = load("marp.md")
    assert titles(deck) == ["Marp title", "Second", "Third"]
    assert deck.slides[0].notes_text == "A presenter note for the first slide."
    assert deck.slides[1].notes == ()  # backgroundColor and _class are directives
    assert deck.metadata["marp"] is True


def test_slidev_per_slide_yaml_is_metadata_not_content():
    deck = load("slidev.md")
    assert titles(deck) == ["Welcome", "Centred", "Plain"]
    assert dict(deck.slides[1].metadata) == {"layout": "center", "class": "text-center"}
    assert "layout" not in deck.slides[1].body
    assert deck.slides[0].notes_text == "The last comment is a note."


def test_slidev_setext_heading_after_content_is_not_metadata():
    plain = load("slidev.md").slides[2]
    assert "Not YAML\n---" in plain.body
    assert dict(plain.metadata) == {}


def test_slidev_duration_is_understood():
    assert load("slidev.md").duration == 35 * 60


def test_pandoc_slide_level_two_makes_title_slides():
    deck = load("pandoc.md")
    assert titles(deck) == ["Part one", "First slide", "Second slide", "Part two", "Third slide"]
    assert deck.metadata["title"] == "A pandoc deck"  # front matter closed by `...`


def test_pandoc_pause_and_comment_note():
    deck = load("pandoc.md")
    assert len(deck.slides[1].steps) == 2
    assert deck.slides[2].notes_text == "A note in a comment."


def test_pandoc_slide_level_one_when_level_one_has_content():
    deck = load("pandoc-level1.md")
    assert titles(deck) == ["Alpha", "Beta"]
    assert "A subheading inside beta" in deck.slides[1].body


def test_lookatme_stop_is_a_pause_and_headings_split():
    deck = load("lookatme.md")
    assert titles(deck) == ["Lookatme", "Next"]
    assert [len(slide.steps) for slide in deck.slides] == [2, 1]


def test_remark_question_marks_start_notes_to_the_end_of_the_slide():
    deck = load("remark.md")
    first = deck.slides[0]
    assert first.notes_text == "These are the notes.\n\n- with a list"
    assert "notes" not in first.body
    assert deck.slides[1].notes == ()


def test_present_directives_and_dashes_inside_fences():
    deck = load("present.md")
    assert titles(deck) == ["Present deck", "Second", ""]
    assert "fg=green" not in deck.slides[0].body
    assert deck.slides[0].notes == ()
    assert "not a separator" in deck.slides[1].body


def test_bom_and_crlf():
    deck = load("bom-crlf.md")
    assert titles(deck) == ["BOM and CRLF", "Second"]
    assert deck.slides[0].notes_text == "A note"
    assert "\r" not in deck.slides[0].body
    assert deck.slides[1].span.start == 11


def test_cr_only_line_ends():
    deck = load("cr-only.md")
    assert titles(deck) == ["CR only", "Two"]
    assert deck.slides[1].span.start == 7
