"""Saving a slide changes only its lines, atomically, and never over someone else's change."""

from __future__ import annotations

import stat

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from briefing.core.loader import load_deck
from briefing.editing import EditConflict, read_slide_source, replace_lines, save_slide

DECK = (
    "---\ntitle: T\n---\n\n# One\n\nfirst body\n\n"
    "---\n\n# Two\n\nsecond body\n<!--\nnote two\n-->\n\n---\n\n# Three\n\nlast"
)


def write(tmp_path, data: bytes, name: str = "deck.md"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def slide_source(path, number):
    span = load_deck(path).slides[number - 1].span
    return read_slide_source(path, span.start, span.end)


def test_reads_exactly_the_slide_lines_notes_included(tmp_path):
    path = write(tmp_path, DECK.encode())
    source = slide_source(path, 2)
    assert source.text == "# Two\n\nsecond body\n<!--\nnote two\n-->"
    assert (source.start, source.end) == (11, 16)


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_only_the_slide_changes_line_ends_bom_and_final_newline_kept(tmp_path, eol, bom):
    original = bom + DECK.replace("\n", eol).encode()
    path = write(tmp_path, original)
    source = slide_source(path, 2)
    saved = save_slide(source, "# Two, edited\n\nnew body\nmore")
    data = path.read_bytes()
    before, after = original.split(b"# Two")[0], original.split(b"-->")[1]
    assert data.startswith(before) and data.endswith(after)
    assert f"# Two, edited{eol}{eol}new body{eol}more{eol}{eol}---".encode() in data
    assert saved.end == saved.start + 3 and saved.baseline == data
    assert [s.title for s in load_deck(path).slides] == ["One", "Two, edited", "Three"]


def test_last_slide_without_final_newline_stays_without_one(tmp_path):
    path = write(tmp_path, DECK.encode())
    save_slide(slide_source(path, 3), "# Three\n\nchanged")
    assert path.read_bytes().endswith(b"# Three\n\nchanged")


def test_conflict_when_the_file_changed_and_force_overwrites(tmp_path):
    path = write(tmp_path, DECK.encode())
    source = slide_source(path, 1)
    path.write_bytes(DECK.replace("last", "someone else").encode())
    with pytest.raises(EditConflict):
        save_slide(source, "# One\n\nmine")
    assert b"someone else" in path.read_bytes()  # untouched
    save_slide(source, "# One\n\nmine", force=True)
    assert b"mine" in path.read_bytes() and b"someone else" not in path.read_bytes()


def test_read_only_file_is_refused_and_untouched(tmp_path):
    path = write(tmp_path, DECK.encode())
    source = slide_source(path, 1)
    path.chmod(0o444)
    with pytest.raises(PermissionError):
        save_slide(source, "# One\n\nnope")
    assert path.read_bytes() == DECK.encode()


def test_permissions_are_kept_and_no_temporary_file_is_left(tmp_path):
    path = write(tmp_path, DECK.encode())
    path.chmod(0o640)
    save_slide(slide_source(path, 1), "# One\n\nok")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.md"]


def test_a_vanished_directory_is_an_error_not_a_partial_file(tmp_path):
    folder = tmp_path / "talk"
    folder.mkdir()
    path = write(folder, DECK.encode())
    source = slide_source(path, 1)
    path.unlink()
    folder.rmdir()
    with pytest.raises(OSError):
        save_slide(source, "# One\n\nlost?", force=True)
    assert not folder.exists()


def test_control_characters_are_not_shown_in_the_editor(tmp_path):
    path = write(tmp_path, b"# Ti\x1b[31mtle\n\nbody\n")
    source = read_slide_source(path, 1, 3)
    assert source.text == "# Ti[31mtle\n\nbody" and source.cleaned


LINES = st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12), min_size=1, max_size=12)


@st.composite
def lines_and_range(draw):
    """Some lines and a range [start, end] of them (1-based, inclusive)."""
    lines = draw(LINES)
    start = draw(st.integers(1, len(lines)))
    return lines, start, draw(st.integers(start, len(lines)))


@given(lines_and_range(), st.sampled_from(["\n", "\r\n"]), st.booleans())
@example((["\ufeff"], 1, 1), "\n", False).via("a file holding only a byte order mark")
def test_writing_back_the_same_lines_changes_nothing(lines_range, eol, final):
    lines, start, end = lines_range
    assume(final or lines[-1])  # an empty last line without an end is no line at all
    text = eol.join(lines) + (eol if final else "")
    raw = text.encode()
    # A leading U+FEFF is the file's byte order mark, not text of line 1: the editor reads
    # line 1 without it (read_slide_source), so that is what it writes back.
    shown = [lines[0].removeprefix("\ufeff"), *lines[1:]]
    region = "\n".join(shown[start - 1 : end])
    assert replace_lines(raw, start, end, region) == raw


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbf", b"\xef\xbb\xbf# One\r\n", b"\xef\xbb\xbf\xef\xbb\xbf# One\n"],
    ids=["only a byte order mark", "byte order mark and CRLF", "byte order mark then U+FEFF as text"],
)
def test_a_slide_read_and_saved_unchanged_keeps_every_byte(tmp_path, data):
    # one byte order mark is the file's and stays; a second U+FEFF is text and stays too
    path = write(tmp_path, data)
    source = read_slide_source(path, 1, 1)
    save_slide(source, source.text)
    assert path.read_bytes() == data
