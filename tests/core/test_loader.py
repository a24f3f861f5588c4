"""The loader: separators, front matter, notes, pauses, spans, directories and bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.core.blocks import Chart, CodeBlock
from briefing.core.errors import DeckError
from briefing.core.loader import load_deck
from tests.conftest import deny_reading


def write(tmp_path: Path, text: str, name: str = "deck.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def titles(deck) -> list[str]:
    return [slide.title for slide in deck.slides]


# --- separators ------------------------------------------------------------------------------


def test_thematic_breaks_split_slides(tmp_path):
    deck = load_deck(write(tmp_path, "# One\n\ntext\n\n---\n\n# Two\n\n***\n\n# Three\n"))
    assert titles(deck) == ["One", "Two", "Three"]
    assert [slide.number for slide in deck.slides] == [1, 2, 3]


def test_dashes_in_a_code_fence_do_not_split(tmp_path):
    deck = load_deck(write(tmp_path, "# One\n\n```\n---\n```\n\n---\n\n# Two\n"))
    assert titles(deck) == ["One", "Two"]
    assert "```\n---\n```" in deck.slides[0].body


def test_a_title_line_above_dashes_is_a_setext_heading(tmp_path):
    deck = load_deck(write(tmp_path, "Title\n---\n\nbody\n"))
    assert titles(deck) == ["Title"]


def test_leading_separator_does_not_swallow_the_first_slide(tmp_path):
    deck = load_deck(write(tmp_path, "---\n# One\n\nfirst\n\n---\n\n# Two\n"))
    assert titles(deck) == ["One", "Two"]
    assert deck.metadata == {}


def test_trailing_separator_makes_no_empty_slide(tmp_path):
    deck = load_deck(write(tmp_path, "# One\n\n---\n\n# Two\n\n---\n"))
    assert titles(deck) == ["One", "Two"]


def test_empty_slide_in_the_middle_is_kept(tmp_path):
    deck = load_deck(write(tmp_path, "# One\n\n---\n\n---\n\n# Three\n"))
    assert len(deck.slides) == 3
    assert deck.slides[1].blocks == ()


def test_file_without_separators_or_headings_is_one_slide(tmp_path):
    deck = load_deck(write(tmp_path, "just a paragraph\n\nand another\n"))
    assert len(deck.slides) == 1
    assert deck.slides[0].title == ""


def test_title_is_first_heading_of_any_level(tmp_path):
    deck = load_deck(write(tmp_path, "intro text\n\n### Deep title\n\n# Later\n\n---\n\nSetext\n===\n"))
    assert titles(deck) == ["Deep title", "Setext"]


# --- front matter ----------------------------------------------------------------------------


def test_front_matter_known_and_unknown_keys(tmp_path):
    text = "---\ntitle: Talk\nduration: 20m\ncolour: red\n---\n\n# One\n"
    deck = load_deck(write(tmp_path, text))
    assert deck.title == "Talk"
    assert deck.duration == 1200
    assert deck.metadata["colour"] == "red"
    [finding] = deck.diagnostics
    assert (finding.line, finding.severity) == (4, "warning")
    assert "colour" in finding.message


def test_front_matter_closed_by_dots(tmp_path):
    deck = load_deck(write(tmp_path, "---\ntitle: Dots\n...\n\n# One\n"))
    assert deck.title == "Dots"
    assert titles(deck) == ["One"]


def test_front_matter_dates_become_iso_strings(tmp_path):
    deck = load_deck(write(tmp_path, "---\ndate: 2025-01-27\n---\n# One\n"))
    assert deck.metadata["date"] == "2025-01-27"


def test_bad_yaml_is_an_error_at_its_line(tmp_path):
    path = write(tmp_path, "---\ntitle: ok\nauthor: [unclosed\nmore: x\n---\n# One\n")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert caught.value.path == path
    assert caught.value.line in (3, 4, 5)
    assert str(caught.value).startswith(f"{path}:{caught.value.line}: front matter is not valid YAML")


def test_unclosed_front_matter_is_an_error(tmp_path):
    path = write(tmp_path, "---\ntitle: Never closed\n\n# One\n")
    with pytest.raises(DeckError, match="front matter is not closed"):
        load_deck(path)


def test_yaml_alias_bomb_is_refused(tmp_path):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [{', '.join([f'*{previous}'] * 10)}]\n"
    bomb += "---\n# One\n"
    with pytest.raises(DeckError, match="too large"):
        load_deck(write(tmp_path, bomb))


def test_front_matter_of_a_later_file_belongs_to_its_slide(tmp_path):
    write(tmp_path, "---\ntitle: Deck\n---\n# One\n", "1-a.md")
    write(tmp_path, "---\nlayout: center\n---\n# Two\n", "2-b.md")
    deck = load_deck(tmp_path)
    assert deck.title == "Deck"
    assert dict(deck.slides[1].metadata) == {"layout": "center"}
    assert deck.diagnostics == ()  # later files' keys are slide settings, not deck keys


# --- notes and pauses ------------------------------------------------------------------------


def test_comment_notes_keep_markdown_and_lines(tmp_path):
    text = "# One\n\nbody\n\n<!--\nSay **this**.\n\n- and that\n-->\n"
    slide = load_deck(write(tmp_path, text)).slides[0]
    [note] = slide.notes
    assert note.text == "Say **this**.\n\n- and that"
    assert (note.span.start, note.span.end) == (5, 9)
    assert "Say" not in slide.body


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- fg=green bg=black -->",
        "<!-- backgroundColor: beige -->",
        "<!--fit-->",
        "<!-- column_layout: [1, 1] -->",
        "<!-- _class: lead -->",
        '<!-- header: "x y" -->',
        "<!-- jump_to_middle -->",
        "<!--config: {a: 1} -->",
        "<!-- -->",
    ],
)
def test_directives_are_not_notes(tmp_path, comment):
    slide = load_deck(write(tmp_path, f"# One\n\n{comment}\n\ntext\n")).slides[0]
    assert slide.notes == ()
    assert comment not in slide.body


@pytest.mark.parametrize(
    "comment, note",
    [
        ("<!-- Source: Bloomberg and BBC -->", "Source: Bloomberg and BBC"),
        ("<!-- Remember to smile. -->", "Remember to smile."),
        ("<!-- TODO -->", "TODO"),
    ],
)
def test_prose_comments_are_notes(tmp_path, comment, note):
    slide = load_deck(write(tmp_path, f"# One\n\n{comment}\n")).slides[0]
    assert slide.notes_text == note


def test_pauses_of_every_kind_make_cumulative_steps(tmp_path):
    text = "# One\n\nA\n\n<!-- pause -->\n\nB\n\n. . .\n\nC\n\n<!-- stop -->\n\nD\n"
    slide = load_deck(write(tmp_path, text)).slides[0]
    assert len(slide.steps) == 4
    shown = [len(slide.blocks_until(k)) for k in range(4)]
    assert shown == [2, 3, 4, 5]  # the heading and A first, then one block per step


def test_pause_before_any_content_or_at_the_end_adds_no_empty_step(tmp_path):
    text = "<!-- pause -->\n\n# One\n\nA\n\n<!-- pause -->\n<!-- pause -->\n\nB\n\n<!-- pause -->\n"
    slide = load_deck(write(tmp_path, text)).slides[0]
    assert [bool(step.blocks) for step in slide.steps] == [True, True]


# --- directories and spans -------------------------------------------------------------------


def test_directory_in_natural_order_each_file_a_new_slide(tmp_path):
    write(tmp_path, "# Ten\n", "10-ten.md")
    write(tmp_path, "# Two\n\n---\n\n# Two b\n", "2-two.md")
    write(tmp_path, "# One\n", "1-one.md")
    write(tmp_path, "not a slide", "notes.txt")
    write(tmp_path, "# Hidden\n", ".#lock.md")
    deck = load_deck(tmp_path)
    assert titles(deck) == ["One", "Two", "Two b", "Ten"]
    assert [slide.span.path.name for slide in deck.slides] == ["1-one.md", "2-two.md", "2-two.md", "10-ten.md"]
    assert [(s.span.start, s.span.end) for s in deck.slides] == [(1, 1), (1, 1), (5, 5), (1, 1)]


def test_spans_are_one_based_and_inclusive(tmp_path):
    text = "---\ntitle: T\n---\n\n# One\n\nline six\n\n---\n\n# Two\nline twelve\n"
    deck = load_deck(write(tmp_path, text))
    assert [(s.span.start, s.span.end) for s in deck.slides] == [(5, 7), (11, 12)]


def test_chart_fence_becomes_a_chart_and_bad_chart_is_reported(tmp_path):
    text = "# C\n\n```chart\ntitle: Moves\nunit: %\nA: -13\nB: 4\n```\n\n---\n\n```chart\nA: lots\n```\n"
    deck = load_deck(write(tmp_path, text))
    [chart] = [b for b in deck.slides[0].blocks if isinstance(b, Chart)]
    assert [(bar.label, bar.value) for bar in chart.bars] == [("A", -13.0), ("B", 4.0)]
    assert (chart.title, chart.unit) == ("Moves", "%")
    assert isinstance(deck.slides[1].blocks[0], CodeBlock)
    [finding] = deck.diagnostics
    assert (finding.line, finding.severity) == (13, "error")


def test_unclosed_fence_and_comment_are_reported_not_fatal(tmp_path):
    deck = load_deck(write(tmp_path, "# A\n\n```\ncode\n"))
    assert [(f.line, f.message) for f in deck.diagnostics] == [(3, "code fence is never closed")]
    deck = load_deck(write(tmp_path, "# A\n\n<!-- never closed\n\n---\n\n# B\n"))
    assert len(deck.slides) == 1
    assert "never closed" in deck.diagnostics[0].message


# --- clean text ------------------------------------------------------------------------------


def test_control_characters_never_reach_the_model(tmp_path):
    text = (
        '---\ntitle: "T\x1b]0;pwned\x07"\n---\n# Ti\x1b[31mtle\x9b\n\nbo\x00dy\x7f \u202eevil\n\n<!--\nno\x1bte\n-->\n'
    )
    path = tmp_path / "deck.md"
    path.write_bytes(text.encode("utf-8"))
    deck = load_deck(path)
    slide = deck.slides[0]
    exposed = [deck.title, slide.title, slide.body, slide.notes_text]
    for value in exposed:
        assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in value)
        assert "\u202e" not in value
    assert slide.title == "Ti[31mtle"
    assert slide.notes_text == "note"


# --- bad input -------------------------------------------------------------------------------


def test_missing_path(tmp_path):
    with pytest.raises(DeckError, match="no such file or directory"):
        load_deck(tmp_path / "nope.md")


def test_directory_without_markdown(tmp_path):
    (tmp_path / "readme.txt").write_text("x")
    with pytest.raises(DeckError, match=r"no Markdown \(\.md\) files"):
        load_deck(tmp_path)


def test_invalid_utf8_reports_the_line(tmp_path):
    path = tmp_path / "deck.md"
    path.write_bytes(b"# One\n\nfine\n\xff\xfe broken\n")
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert str(caught.value) == f"{path}:4: not valid UTF-8 (byte 0xff)"


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, "# One\n")
    deny_reading(monkeypatch, path)
    with pytest.raises(DeckError, match="cannot read: Permission denied"):
        load_deck(path)


def test_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(DeckError, match="not a regular file"):
        load_deck(fifo)
    write(tmp_path, "# Real\n", "real.md")
    assert titles(load_deck(tmp_path)) == ["Real"]  # a FIFO in a directory is skipped
