"""Save → on screen: how long a change to a deck file takes to appear in a running show.

    python benchmarks/reload.py [--runs 15]

Starts `briefing` on a small deck in tmux, then repeatedly rewrites the file (as an editor's
save would) and times until the new text is on screen. The issue's target is 300 ms.
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from present import Session, Tmux

DECK = "# Reload benchmark\n\nVersion {n} of this slide.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("briefing")
    briefing = shlex.quote(str(script)) if script.exists() else f"{shlex.quote(sys.executable)} -m briefing"
    with tempfile.TemporaryDirectory() as scratch, Tmux(prefix="briefing-bench") as server:
        deck = Path(scratch, "deck.md")
        deck.write_text(DECK.format(n=0))
        session = Session(server, f"env XDG_CACHE_HOME={scratch}/cache {briefing} {deck}", "100x30")
        try:
            if session.wait_for("Version 0") is None:
                raise SystemExit("the show never started")
            # The watcher starts shortly after the first frame: a save it shows means it runs
            # (one made before it started is picked up as it starts).
            deck.write_text(DECK.format(n="warm-up"))
            if session.wait_for("Version warm-up", timeout=30) is None:
                raise SystemExit("the show never reloaded")
            latencies = []
            for n in range(1, args.runs + 1):
                saved = time.perf_counter()
                deck.write_text(DECK.format(n=n))
                shown = session.wait_for(f"Version {n} ")
                if shown is None:
                    raise SystemExit(f"version {n} never appeared")
                latencies.append((shown - saved) * 1000)
                time.sleep(0.3)  # pacing: saves a person makes, not a burst the watcher merges
        finally:
            session.close()
    print(
        f"save → on screen: median {statistics.median(latencies):.0f} ms "
        f"(min {min(latencies):.0f}, max {max(latencies):.0f}, n={len(latencies)}); target <= 300 ms"
    )


if __name__ == "__main__":
    main()
