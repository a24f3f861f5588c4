"""The plain-text handout: golden files, and properties every output must have."""

from __future__ import annotations

import re

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from briefing.core.loader import load_deck, load_text
from briefing.export.text import export_text
from tests.conftest import BUNDLED, DECKS, FIXTURES


class TextSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "txt"


@pytest.fixture
def golden(snapshot):
    return snapshot.use_extension(TextSnapshot)


CASES = {
    "bundled-80": (BUNDLED, dict(width=80)),
    "bundled-80-notes": (BUNDLED, dict(width=80, notes=True)),
    "bundled-60": (BUNDLED, dict(width=60)),
    "bundled-60-notes": (BUNDLED, dict(width=60, notes=True)),
    "bundled-80-notes-ascii": (BUNDLED, dict(width=80, notes=True, ascii_only=True)),
    "elements-80-notes": (FIXTURES / "elements.md", dict(width=80, notes=True)),
    "elements-40": (FIXTURES / "elements.md", dict(width=40)),
    "elements-80-ascii": (FIXTURES / "elements.md", dict(width=80, ascii_only=True)),
    "wide-80": (DECKS / "wide.md", dict(width=80)),  # the 14-column table as records
    "wide-140-ascii": (DECKS / "wide.md", dict(width=140, ascii_only=True)),  # the table, cells wrapped
    "layout-80-notes": (DECKS / "layout.md", dict(width=80, notes=True)),  # columns, code walk-through once
    "two-cols-60-ascii": (DECKS / "two-cols.md", dict(width=60, ascii_only=True)),  # named Slidev columns
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case, golden):
    path, options = CASES[case]
    assert export_text(load_deck(path), **options) == golden


@pytest.mark.parametrize("case", sorted(CASES))
def test_output_properties(case):
    path, options = CASES[case]
    deck = load_deck(path)
    output = export_text(deck, **options)
    assert output.endswith("\n") and not output.endswith("\n\n")
    assert output == export_text(load_deck(path), **options)  # same input, same bytes
    assert all(char == "\n" or ord(char) >= 32 for char in output)
    assert not any(0x7F <= ord(char) <= 0x9F for char in output)
    if options.get("ascii_only"):
        assert output.isascii()
    width = options["width"]
    for line in output.split("\n"):
        if len(line) > width:  # only code, which is never wrapped, or an unbreakable token
            assert line.startswith("    ") or any(len(word) > width - 8 for word in line.split()), line
    for slide in deck.slides:
        assert f"{slide.number}. {slide.title}" in output.replace("\n", " ") or options.get("ascii_only")
    notes_shown = "Notes:" in output
    assert notes_shown == (bool(options.get("notes")) and any(s.notes for s in deck.slides))


def test_bundled_deck_lines_fit_the_width():
    for width in (60, 80):
        output = export_text(load_deck(BUNDLED), width=width, notes=True)
        assert max(len(line) for line in output.split("\n")) <= width


def test_elements_render_as_a_handout_should():
    output = export_text(load_deck(FIXTURES / "elements.md"), width=80, notes=True)
    flowing = " ".join(output.split())
    assert "Plain, emphasis, strong, both, struck, code, and a link <https://example.com/path>" in flowing
    assert "break follows\nand this is the line after it" in output  # hard break kept
    assert "<https://example.org>" in output
    assert "*" not in output.split("2. Lists")[0].split("Notes:")[0]  # no markup characters
    assert "• bullet one" in output and "  • nested two-a" in output
    assert " 7. ordered from seven" in output and "10. ten" in output
    assert "> A quote with style" in output and "> > And a nested quote." in output
    assert '        return f"hello {name}"' in output  # code indented, tab expanded
    assert "  │ • first point" in output  # notes marked and rendered
    left, centre, right = "Left", "Centre", "Right"
    header = next(line for line in output.split("\n") if left in line and right in line)
    assert header.index(centre) > header.index(left)
    assert "After the pause." in output  # every step is in the handout


def _table_lines(output: str, first_cell: str) -> list[str]:
    lines = output.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(first_cell))
    end = lines.index("", start)
    return lines[start:end]


@pytest.mark.parametrize("width", [140, 150, 160, 200])
def test_a_wide_table_lines_up_at_any_width_it_fits(width):
    output = export_text(load_deck(DECKS / "wide.md"), width=width)
    table = _table_lines(output, "Region")
    rule = next(line for line in table if set(line) <= {"\u2500", " "})
    columns = [(m.start(), m.end()) for m in re.finditer("\u2500+", rule)]
    assert len(columns) == 14
    for line in table:
        assert len(line) <= width
        for word in re.finditer(r"\S+", line):  # no text runs into the gap between two columns
            assert any(start <= word.start() and word.end() <= end for start, end in columns), (word, line)
    numbers = re.findall(r"\d[\d,.]*%?", "\n".join(table))
    assert "2,354,669" in numbers and "1,234,567" in numbers and "-3.4%" in "\n".join(table)


def test_a_table_too_wide_for_the_page_is_one_record_per_row():
    output = export_text(load_deck(DECKS / "wide.md"), width=80)
    assert max(len(line) for line in output.split("\n") if not line.startswith("    ")) <= 80
    assert "Region   North America\nQ1 2023  1,234,567\nQ2 2023  1,235,678\n" in output
    assert "Notes    fastest growing\n" in output


def test_ascii_spells_out_korean_and_chinese_rather_than_question_marks():
    deck = load_text("# 长句子\n\n한국어 문장입니다. Café, naïve — “quoted” …\n")
    unspellable: set[str] = set()
    output = export_text(deck, width=80, ascii_only=True, unspellable=unspellable)
    assert "1. ZhangJuZi" in output  # anyascii reads each character on its own
    assert 'HanGugEo MunJangIbNiDa. Cafe, naive -- "quoted" ...' in output
    assert "?" not in output and unspellable == set()


def test_ascii_marks_what_it_cannot_spell_and_says_which():
    deck = load_text("# Private\n\nA private-use \ue000 glyph, e\u0301 and a zero\u200bwidth space.\n")
    unspellable: set[str] = set()
    output = export_text(deck, width=80, ascii_only=True, unspellable=unspellable)
    assert "A private-use ? glyph, e and a zerowidth space." in output
    assert unspellable == {"\ue000"}
