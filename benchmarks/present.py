"""First paint and key→paint of the presenter in a real terminal (tmux), against a baseline.

    python benchmarks/present.py [--runs 15] [--size 100x30]

Measured in one run, in turns (baseline, bundled, 1,000 slides, ...) so that the machine's
drift hits each alike:

* a minimal Textual app that shows one Static (the baseline);
* `briefing` on the bundled deck, and on a generated 1,000-slide deck;
* each deck with its parse cache warm (as on every start after the first) and cold
  (BRIEFING_NO_CACHE=1, as on the very first start).

The screen is read through one tmux control-mode client, so polling costs a pipe round trip
rather than a process start, and key→paint is not swamped by the measuring. Needs tmux.
"""

from __future__ import annotations

import argparse
import compileall
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from deckgen import deck  # noqa: E402

from tests.tmux import Tmux  # noqa: E402  # a private tmux server: never the user's own

SETTLED = "Overview"  # one of the show's key hints
MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Minimal app is painted")

Minimal().run()
"""


class Session:
    """One detached session on a private tmux server, and a control-mode client to read its
    screen quickly."""

    def __init__(self, server: Tmux, command: str, size: str) -> None:
        self.server = server
        self.name = "bench-" + uuid.uuid4().hex[:8]
        width, height = size.split("x")
        self.started = time.perf_counter()
        server.new_session(self.name, "exec " + command, size=(int(width), int(height)))
        self.client = subprocess.Popen(
            [*server.base, "-C", "attach", "-t", self.name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=1,
            encoding="utf-8",
            errors="replace",
        )
        self.command("refresh-client -f no-output")

    def command(self, line: str) -> list[str]:
        assert self.client.stdin and self.client.stdout
        self.client.stdin.write(line + "\n")
        self.client.stdin.flush()
        out: list[str] = []
        inside = False
        while True:
            reply = self.client.stdout.readline()
            if not reply:
                return out
            if reply.startswith("%begin"):
                inside, out = True, []
            elif reply.startswith(("%end", "%error")) and inside:
                return out
            elif inside:
                out.append(reply.rstrip("\n"))

    def screen(self) -> str:
        return "\n".join(self.command(f"capture-pane -p -t {self.name}"))

    def wait_for(self, mark: str, timeout: float = 15.0) -> float | None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if mark in self.screen():
                return time.perf_counter()
            time.sleep(0.001)  # leave the CPU to the program being measured
        return None

    def close(self) -> None:
        self.client.kill()
        self.client.wait()
        self.server.kill_session(self.name)


def one_run(
    server: Tmux, command: str, mark: str, key: str | None, then: str | None, size: str
) -> tuple[float, float | None]:
    session = Session(server, command, size)
    try:
        painted = session.wait_for(mark)
        if painted is None:
            raise SystemExit(f"{mark!r} never appeared for {command}:\n{session.screen()}")
        first = (painted - session.started) * 1000
        if key is None:
            return first, None
        # key→paint is measured once the key hints are up (they are mounted after the first
        # frame), not while the first frame's follow-up work still competes with the key
        if session.wait_for(SETTLED) is None:
            raise SystemExit(f"{SETTLED!r} never appeared for {command}:\n{session.screen()}")
        sent = time.perf_counter()
        session.command(f"send-keys -t {session.name} {key}")
        shown = session.wait_for(then or "")
        return first, None if shown is None else (shown - sent) * 1000
    finally:
        session.close()


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):6.0f} ms  (min {min(values):.0f}, max {max(values):.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", default="100x30")
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "briefing"), quiet=1)  # as a wheel install would
    python = shlex.quote(sys.executable)
    script = Path(sys.executable).with_name("briefing")
    briefing = shlex.quote(str(script)) if script.exists() else f"{python} -m briefing"
    with tempfile.TemporaryDirectory() as scratch:
        minimal = Path(scratch, "minimal.py")
        minimal.write_text(MINIMAL_APP)
        big = Path(scratch, "deck1000.md")
        big.write_text(deck(1000))
        cache = Path(scratch, "cache")
        env = f"env XDG_CACHE_HOME={shlex.quote(str(cache))}"
        cold = f"{env} BRIEFING_NO_CACHE=1"
        cases = {
            "minimal Textual app": (f"{python} {minimal}", "Minimal app is painted", None, None),
            "bundled deck": (f"{env} {briefing}", "DeepSeek R1", "Right", "The release"),
            "1,000 slides": (f"{env} {briefing} {big}", "Slide 1: measuring", "Right", "Slide 2: measuring"),
            "bundled deck, cold cache": (f"{cold} {briefing}", "DeepSeek R1", "Right", "The release"),
            "1,000 slides, cold cache": (
                f"{cold} {briefing} {big}",
                "Slide 1: measuring",
                "Right",
                "Slide 2: measuring",
            ),
        }
        firsts: dict[str, list[float]] = {name: [] for name in cases}
        keys: dict[str, list[float]] = {name: [] for name in cases}
        with Tmux(prefix="briefing-bench") as server:
            for round_number in range(args.runs + 1):
                for name, (command, mark, key, then) in cases.items():
                    first, nav = one_run(server, command, mark, key, then, args.size)
                    if round_number == 0:
                        continue  # warm-up: page cache, bytecode, the deck cache
                    firsts[name].append(first)
                    if nav is not None:
                        keys[name].append(nav)
    print(f"tmux {args.size}, {args.runs} runs each, in turns\n")
    for name in cases:
        print(f"{name:<26} first paint {summary(firsts[name])}")
        if keys[name]:
            print(f"{'':<26} key→paint   {summary(keys[name])}")
    base = statistics.median(firsts["minimal Textual app"])
    bundled = statistics.median(firsts["bundled deck"])
    big_first = statistics.median(firsts["1,000 slides"])
    print()
    print(f"bundled first paint / minimal app     {bundled / base:.2f}x  (target <= 1.10x)")
    print(f"1,000-slide first paint / bundled     {big_first / bundled:.2f}x  (target <= 1.30x)")
    print(f"key→paint, bundled                    {statistics.median(keys['bundled deck']):.1f} ms (target <= 16 ms)")
    print(f"key→paint, 1,000 slides               {statistics.median(keys['1,000 slides']):.1f} ms")
    cold_bundled = statistics.median(firsts["bundled deck, cold cache"])
    print(f"cold-cache bundled / minimal app      {cold_bundled / base:.2f}x  (first start after an edit)")


if __name__ == "__main__":
    main()
