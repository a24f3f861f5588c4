"""Code blocks that run, in a real terminal (tmux, a private server per test): a block that
prints, one that sleeps past the time limit, one that floods output, one that writes escape
sequences; and nothing a block started outlives the show (issue 12 §4, §5)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.tmux import INSTALLED, wait_until

pytestmark = pytest.mark.skipif(not INSTALLED, reason="tmux is not installed (apt-get install tmux)")
BRIEFING = Path(sys.executable).with_name("briefing")
S = "show"

DECK = """\
# Prints

```bash +exec
echo "printed by bash in $(basename "$PWD")"
```

---

# Sleeps

```bash +exec
echo $$ > sleeper.pid
echo "GOING TO" "SLEEP"
sleep 300
```

---

# Floods

```bash +exec
echo $$ > flood.pid
yes "FLOOD""ING"
```

---

# Escapes

```bash +exec
printf '\\033]2;HIJACKED\\007\\033[2J\\033[31mplain red\\033[0m \\033[?1049l\\033Pq#0\\033\\\\ end\\n'
```
"""


def environment(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state")}


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:  # a zombie waiting for its parent to reap it has ended too
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_blocks_run_in_a_real_terminal(tmux, tmp_path):
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (deck_dir / "talk.md").write_text(DECK, encoding="utf-8")
    command = f"cd {deck_dir} && {BRIEFING} talk.md -x --time-limit 2"
    tmux.new_session(S, command, size=(80, 24), env=environment(tmp_path))
    assert tmux.wait_for(S, "1/4"), tmux.screen(S)
    title = tmux.display(S, "#{pane_title}")

    # prints: the output under the block, in the deck's directory, with its exit status
    tmux.send_keys(S, "x")
    assert tmux.wait_for(S, "exit status 0"), tmux.screen(S)
    assert "printed by bash in deck" in tmux.screen(S)

    # sleeps past the limit: stopped there, and its shell is gone
    tmux.send_keys(S, "Right")
    assert tmux.wait_for(S, "2/4"), tmux.screen(S)
    tmux.send_keys(S, "x")
    assert tmux.wait_for(S, "GOING TO SLEEP"), tmux.screen(S)  # (the code reads otherwise)
    assert tmux.wait_for(S, "stopped at the time limit (2 s)"), tmux.screen(S)
    sleeper = int((deck_dir / "sleeper.pid").read_text())
    assert wait_until(lambda: gone(sleeper), timeout=5)

    # floods: the show still takes keys (Esc stops it), and the output is cut with a note
    tmux.send_keys(S, "Right")
    assert tmux.wait_for(S, "3/4"), tmux.screen(S)
    tmux.send_keys(S, "x")
    assert tmux.wait_for(S, "FLOODING"), tmux.screen(S)
    tmux.send_keys(S, "Escape")
    assert tmux.wait_for(S, "stopped; output cut after 1 MiB"), tmux.screen(S)
    flood = int((deck_dir / "flood.pid").read_text())
    assert wait_until(lambda: gone(flood), timeout=5)

    # escape sequences: none reaches the terminal (no title set, screen not cleared)
    tmux.send_keys(S, "Right")
    assert tmux.wait_for(S, "4/4"), tmux.screen(S)
    tmux.send_keys(S, "x")
    assert tmux.wait_for(S, "exit status 0"), tmux.screen(S)
    screen = tmux.screen(S)
    assert "plain red  end" in screen
    assert "Escapes" in screen  # the slide is still there: ESC [2J cleared nothing
    assert tmux.display(S, "#{pane_title}") == title
    assert tmux.display(S, "#{alternate_on}") == "1"  # ESC [?1049l did not leave the show's screen


def test_quitting_while_a_block_runs_leaves_nothing_running(tmux, tmp_path):
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (deck_dir / "talk.md").write_text(
        "# Busy\n\n```bash +exec\necho $$ > shell.pid\nsleep 300 &\necho $! > child.pid\necho BU''SY\nwait\n```\n",
        encoding="utf-8",
    )
    tmux.new_session(
        S, f"cd {deck_dir} && exec {BRIEFING} talk.md --run-code", size=(80, 24), env=environment(tmp_path)
    )
    assert tmux.wait_for(S, "1/1"), tmux.screen(S)
    show = tmux.pane_pid(S)  # exec: the pane runs the show itself
    tmux.send_keys(S, "x")
    assert tmux.wait_for(S, "BUSY"), tmux.screen(S)
    pids = [int((deck_dir / name).read_text()) for name in ("shell.pid", "child.pid")]
    tmux.send_keys(S, "q")
    assert wait_until(lambda: gone(show), timeout=10), tmux.screen(S)
    assert wait_until(lambda: all(gone(pid) for pid in pids), timeout=5), pids
