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
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from deckgen import deck  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MINIMAL_APP = '''
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Minimal app is painted")

Minimal().run()
'''


class Tmux:
    """One detached session and a control-mode client to read its screen quickly."""

    def __init__(self, command: str, size: str) -> None:
        self.name = "bench-" + uuid.uuid4().hex[:8]
        width, height = size.split("x")
        self.started = time.perf_counter()
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", width, "-y", height, "exec " + command],
            check=True,
        )
        self.client = subprocess.Popen(
            ["tmux", "-C", "attach", "-t", self.name],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1,
            encoding="utf-8", errors="replace",
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
        subprocess.run(["tmux", "kill-session", "-t", self.name], check=False, capture_output=True)


def one_run(command: str, mark: str, key: str | None, then: str | None, size: str) -> tuple[float, float | None]:
    tmux = Tmux(command, size)
    try:
        painted = tmux.wait_for(mark)
        if painted is None:
            raise SystemExit(f"{mark!r} never appeared for {command}:\n{tmux.screen()}")
        first = (painted - tmux.started) * 1000
        if key is None:
            return first, None
        time.sleep(0.3)
        sent = time.perf_counter()
        tmux.command(f"send-keys -t {tmux.name} {key}")
        shown = tmux.wait_for(then or "")
        return first, None if shown is None else (shown - sent) * 1000
    finally:
        tmux.close()


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
            "1,000 slides, cold cache": (f"{cold} {briefing} {big}", "Slide 1: measuring", "Right", "Slide 2: measuring"),
        }
        firsts: dict[str, list[float]] = {name: [] for name in cases}
        keys: dict[str, list[float]] = {name: [] for name in cases}
        # a session that outlives each run's, so runs don't race the tmux server's shutdown
        keepalive = "bench-keepalive-" + uuid.uuid4().hex[:6]
        subprocess.run(["tmux", "new-session", "-d", "-s", keepalive], check=True)
        try:
            for round_number in range(args.runs + 1):
                for name, (command, mark, key, then) in cases.items():
                    first, nav = one_run(command, mark, key, then, args.size)
                    if round_number == 0:
                        continue  # warm-up: page cache, bytecode, the deck cache
                    firsts[name].append(first)
                    if nav is not None:
                        keys[name].append(nav)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", keepalive], check=False)
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
    if os.environ.get("TMUX"):
        print("note: running inside tmux; measurements use their own sessions", file=sys.stderr)
    main()
