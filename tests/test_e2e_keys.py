"""Keys in a real terminal (tmux, a private server per test): several keys in one read are
handled in the order they arrived, and handing the terminal to an editor always gives it back."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from tests.tmux import INSTALLED, wait_until

pytestmark = pytest.mark.skipif(not INSTALLED, reason="tmux is not installed (apt-get install tmux)")
BRIEFING = Path(sys.executable).with_name("briefing")
S = "show"
ROUNDS = 12  # the unfixed show lost keys about one time in three


def cache(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state")}


def test_ctrl_s_right_after_typing_saves_every_key(tmux, tmp_path):
    deck = tmp_path / "talk.md"
    deck.write_text("# One\n\nfirst\n")
    tmux.new_session(S, f"{BRIEFING} {deck}", size=(80, 24), env=cache(tmp_path))
    assert tmux.wait_for(S, "first"), tmux.screen(S)
    tmux.send_keys(S, "e")
    assert tmux.wait_for(S, "Back to the show"), tmux.screen(S)  # the editor's key hints
    for round_number in range(ROUNDS):
        word = f"ZZEDIT{round_number:02d}ZZ"
        tmux.send_keys(S, word, literal=True)
        tmux.send_keys(S, "C-s")  # at once: no waiting for the word to be drawn
        assert wait_until(lambda word=word: word in deck.read_text(), timeout=10), (deck.read_text(), tmux.screen(S))
    assert "modified" not in tmux.screen(S)  # the buffer and the file agree


def test_backspace_in_one_read_is_applied_between_the_letters_around_it(tmux, tmp_path):
    deck = tmp_path / "talk.md"
    deck.write_text("# One\n\nfirst\n")
    tmux.new_session(S, f"{BRIEFING} {deck}", size=(80, 24), env=cache(tmp_path))
    assert tmux.wait_for(S, "first"), tmux.screen(S)
    tmux.send_keys(S, "e")
    assert tmux.wait_for(S, "Back to the show"), tmux.screen(S)  # the editor's key hints
    saved = ""
    for letter in "ABCDEFGHIJKLMNOP"[:ROUNDS]:
        tmux.send_keys(S, "Q", "W", "BSpace", letter, "C-s")  # one write: QW, then Q and the letter
        saved += f"Q{letter}"
        assert wait_until(lambda saved=saved: deck.read_text().startswith(f"{saved}# One"), timeout=10), (
            deck.read_text(),
            tmux.screen(S),
        )


@pytest.mark.parametrize("command, size", [("present", (80, 24)), ("presenter", (120, 36))])
def test_digits_and_enter_in_one_read_go_to_that_slide(tmux, tmp_path, command, size):
    runtime = Path(tempfile.mkdtemp(prefix="be2e-", dir="/tmp"))  # the link's socket: a private place
    try:
        tmux.new_session(
            S, f"{BRIEFING} {command}", size=size, env={**cache(tmp_path), "XDG_RUNTIME_DIR": str(runtime)}
        )
        assert tmux.wait_for(S, "1/9"), tmux.screen(S)
        for target in [5, 3, 8, 2, 9, 4, 7, 1, 6, 5, 3, 8][:ROUNDS]:
            tmux.send_keys(S, str(target), "Enter")  # one send-keys: one write to the terminal
            assert tmux.wait_for(S, f"{target}/9", timeout=10), tmux.screen(S)
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def bad_interpreter(tmp_path: Path) -> str:
    script = tmp_path / "broken-editor"
    script.write_text("#!/nonexistent/interpreter\n")
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize(
    "editor, said",
    [
        ("nonexistent-editor", "editor not found: nonexistent-editor"),
        (bad_interpreter, "could not start"),
        ("false", "exited with status 1"),
    ],
    ids=["missing", "cannot-start", "fails"],
)
def test_an_editor_that_is_missing_or_fails_gives_the_show_back(tmux, tmp_path, editor, said):
    editor = editor(tmp_path) if callable(editor) else editor
    status = tmp_path / "status"
    tmux.new_session(
        S,
        f"{BRIEFING}; echo $? > {status}",
        size=(80, 24),
        env={**cache(tmp_path), "EDITOR": editor, "VISUAL": ""},
        keep_open=True,
    )
    assert tmux.wait_for(S, "1/9"), tmux.screen(S)
    tmux.send_keys(S, "E")
    assert tmux.wait_for(S, said, timeout=10), tmux.screen(S)
    assert tmux.display(S, "#{alternate_on}") == "1"  # the show's screen is back
    tmux.send_keys(S, "Right")  # and its keys: not echoed as text
    # slide 2's title: its number in the status line is under the message's toast for a while
    assert tmux.wait_for(S, "The release", timeout=10), tmux.screen(S)
    tmux.send_keys(S, "q")  # and it quits as ever, leaving the terminal as it found it
    assert wait_until(lambda: status.exists() and status.read_text().strip() != "", timeout=10), tmux.screen(S)
    assert status.read_text().strip() == "0"
    assert tmux.display(S, "#{alternate_on}") == "0"
