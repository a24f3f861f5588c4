"""`briefing serve` under an audience: many followers on loopback, one presenter moving.

    python benchmarks/serve.py [--followers 1000] [--moves 20]

Starts `briefing serve` on the bundled deck in a private runtime directory, opens FOLLOWERS
event streams to it, then moves the presenter MOVES times through the sync group, as the show
in a terminal does (a console SyncLink in this process). For each move it waits until every
follower has the event (or 10 s), and measures the time from the move to each follower's
event. Reports p50/p95/p99/max, followers that missed or reordered an event, and the
server's peak memory (VmHWM). The issue's goals on a 2-core machine: p99 <= 250 ms, no miss or
reorder, <= 200 MiB. The followers run in this one process on the same machine, so their own
work is part of the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from briefing.sync.link import SyncLink  # noqa: E402

DECK = ROOT / "slides"
WAIT = 10.0


class Progress:
    """How many followers have had each move's event; `all_in(move)` is set when all have."""

    def __init__(self, followers: int, moves: int) -> None:
        self.followers = followers
        self.counts = [0] * (moves + 1)
        self.all_in = [asyncio.Event() for _ in range(moves + 1)]

    def arrived(self, move: int) -> None:
        if move < len(self.counts):
            self.counts[move] += 1
            if self.counts[move] == self.followers:
                self.all_in[move].set()


class Follower:
    def __init__(self) -> None:
        self.slides: list[int] = []  # the slide of each event after the first
        self.times: list[float] = []
        self.ready = asyncio.Event()
        self.error: str | None = None

    async def follow(self, session: aiohttp.ClientSession, url: str, progress: Progress) -> None:
        try:
            async with session.get(url, timeout=aiohttp.ClientTimeout(total=None, sock_read=None)) as stream:
                first = True
                async for line in stream.content:
                    if not line.startswith(b"data: "):
                        continue
                    slide = json.loads(line[6:])["slide"]
                    if first:
                        first = False
                        self.ready.set()
                        continue
                    self.times.append(time.perf_counter())
                    self.slides.append(slide)
                    progress.arrived(len(self.slides))
        except asyncio.CancelledError:
            raise
        except Exception as error:  # counted, not fatal: a miss is a result
            self.error = repr(error)
            self.ready.set()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def start_server(runtime: Path) -> subprocess.Popen[bytes]:
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)  # the server and this process's console meet there
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", "serve", str(DECK), "--port", "0", "--no-qr"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


async def run(server: subprocess.Popen[bytes], runtime: Path, followers: int, moves: int) -> dict[str, object]:
    try:
        url = await asyncio.to_thread(_audience_url, server)
        console = SyncLink(DECK, "console", lambda state: None)
        await console.start()
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as session:
            crowd = [Follower() for _ in range(followers)]
            progress = Progress(followers, moves)
            tasks = [asyncio.create_task(f.follow(session, f"{url}events", progress)) for f in crowd]
            await asyncio.wait_for(asyncio.gather(*(f.ready.wait() for f in crowd)), 120)
            await asyncio.sleep(1.0)  # the server has joined the group and is idle
            expected: list[int] = []
            sent: list[float] = []
            server_cpu, own_cpu = _cpu_seconds(server.pid), time.process_time()
            for move in range(1, moves + 1):
                index = move % 9
                expected.append(index + 1)
                sent.append(time.perf_counter())
                console.publish(index, 0, False)
                with contextlib.suppress(asyncio.TimeoutError):  # a miss: counted below
                    await asyncio.wait_for(progress.all_in[move].wait(), WAIT)
                await asyncio.sleep(0.05)
            server_cpu = _cpu_seconds(server.pid) - server_cpu
            own_cpu = time.process_time() - own_cpu
            memory = _peak_memory(server.pid)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        await console.stop()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(runtime, ignore_errors=True)
    latencies = [
        (received - sent[index]) * 1000
        for follower in crowd
        for index, received in enumerate(follower.times[: len(sent)])
    ]
    missed = sum(len(f.slides) < moves for f in crowd)
    reordered = sum(f.slides[:moves] != expected[: len(f.slides[:moves])] for f in crowd)
    return {
        "followers": followers,
        "moves": moves,
        "events": len(latencies),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "max_ms": round(max(latencies), 1),
        "followers_missing_an_event": missed,
        "followers_out_of_order": reordered,
        "follower_errors": sum(f.error is not None for f in crowd),
        "server_peak_memory_mib": memory,
        "server_cpu_ms_per_move": round(1000 * server_cpu / moves, 1),
        "followers_cpu_ms_per_move": round(1000 * own_cpu / moves, 1),
        "load_average": os.getloadavg()[0],
    }


def _audience_url(server: subprocess.Popen[bytes]) -> str:
    assert server.stdout is not None
    for raw in iter(server.stdout.readline, b""):
        match = re.match(r"Audience: (http://\S+)", raw.decode())
        if match:
            return match.group(1)
    raise SystemExit("briefing serve did not start")


def _cpu_seconds(pid: int) -> float:
    """User and system time of process `pid` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_memory(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return round(int(match.group(1)) / 1024, 1) if match else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=1000)
    parser.add_argument("--moves", type=int, default=20)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, 2 * args.followers + 256)  # a socket each end, this process and the server's
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    runtime = Path(tempfile.mkdtemp(prefix="bserve-", dir="/tmp"))
    result = asyncio.run(run(start_server(runtime), runtime, args.followers, args.moves))
    print(json.dumps(result, indent=2))
    ok = (
        result["p99_ms"] <= 250
        and result["followers_missing_an_event"] == 0
        and result["followers_out_of_order"] == 0
        and result["server_peak_memory_mib"] <= 200
    )
    print("goals (p99 <= 250 ms, no miss or reorder, <= 200 MiB):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
