"""The editor's preview (what the show would draw for the lines being edited) and the recovery
copy of unsaved edits: plain functions of `editing`, with no Textual."""

from __future__ import annotations

import subprocess
import sys

from briefing.core.blocks import Heading, Paragraph, Rule
from briefing.editing import SlideSource, keep_recovery_copy, preview_blocks


def texts(blocks) -> list[str]:
    return ["".join(span.text for span in getattr(block, "text", ())) for block in blocks]


def test_the_preview_is_the_slides_then_their_notes():
    blocks = preview_blocks("# One\n\nFirst.\n\n<!-- a note -->\n\n---\n\n# Two\n\nSecond.\n")
    kinds = [type(block) for block in blocks]
    assert kinds == [Heading, Paragraph, Rule, Heading, Paragraph, Rule, Heading, Paragraph]
    assert texts(blocks) == ["One", "First.", "", "Two", "Second.", "", "Speaker notes", "a note"]


def test_the_preview_reads_the_lines_in_the_decks_dialect():
    source = "# One\n\nShown.\n\n???\n\nRemark's notes.\n"
    assert "Remark's notes." in texts(preview_blocks(source))  # ours: text on the slide
    remark = preview_blocks(source, dialect="remark")
    assert texts(remark)[-2:] == ["Speaker notes", "Remark's notes."]


def test_a_preview_that_cannot_be_read_says_why():
    blocks = preview_blocks("---\ntitle: [unclosed\n---\n# A\n")
    assert texts(blocks)[0] == "Cannot preview"
    assert "front matter" in texts(blocks)[1]


def test_the_preview_never_draws_control_characters():
    blocks = preview_blocks("# Title\x1b]0;pwned\x07\n\nText\x1b[31m.\n")
    assert all("\x1b" not in text and "\x07" not in text for text in texts(blocks))


def test_unsaved_edits_are_kept_where_they_clobber_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr("briefing.paths.state_dir", lambda: tmp_path / "state")
    deck = tmp_path / "talk.md"
    deck.write_text("# One\n")
    source = SlideSource(deck, 1, 1, "# One", deck.read_bytes())
    kept = keep_recovery_copy(source, "# One, edited\n")
    assert kept is not None and kept.parent == tmp_path / "state" / "recovered"
    assert kept.name.startswith("talk-lines-1-") and kept.suffix == ".md"
    assert kept.read_text() == "# One, edited\n"
    assert deck.read_text() == "# One\n"


def test_a_recovery_copy_the_disk_refuses_is_none(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setattr("briefing.paths.state_dir", lambda: blocked)
    source = SlideSource(tmp_path / "talk.md", 1, 1, "", b"")
    assert keep_recovery_copy(source, "text") is None


def test_editing_imports_no_textual():
    code = "import sys, briefing.editing\nprint(','.join(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
