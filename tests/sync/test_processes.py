"""Real separate processes: what the links are for. A child process runs a link; this test's
process runs another."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import textwrap
from pathlib import Path

from briefing.sync.link import SyncLink
from tests.conftest import ROOT
from tests.sync.helpers import Recorder, wait_until

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from briefing.sync.link import SyncLink

    async def main():
        def moved(state):
            print("moved", state.slide, state.step, flush=True)
        link = SyncLink(Path("deck.md"), "console", moved, socket_path=Path(sys.argv[1]))
        await link.start()
        while not (link.is_hub or link.connected):
            await asyncio.sleep(0.01)
        print("hub" if link.is_hub else "client", flush=True)
        # "slide step" lines to publish, read in a thread: the link keeps running (and printing
        # what it hears) while the next line is awaited
        while line := await asyncio.to_thread(sys.stdin.readline):
            slide, step = map(int, line.split())
            link.publish(slide, step, False)
        await link.stop()

    asyncio.run(main())
    """
)


async def spawn(sock_path: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        str(sock_path),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


async def read_line(process: asyncio.subprocess.Process) -> str:
    assert process.stdout is not None
    return (await asyncio.wait_for(process.stdout.readline(), 10)).decode().strip()


async def test_two_processes_follow_each_other_and_survive_a_killed_hub(sock_path):
    child = await spawn(sock_path)
    recorder = Recorder()
    audience = SyncLink(Path("deck.md"), "audience", recorder, socket_path=sock_path)
    try:
        assert await read_line(child) == "hub"  # the console came first
        await audience.start()
        await wait_until(lambda: audience.connected, timeout=5)
        await send(child, "3 1")
        await wait_until(lambda: recorder.last == (3, 1, False), timeout=5)
        audience.publish(4, 0, False)
        assert await read_line(child) == "moved 4 0"

        child.send_signal(signal.SIGKILL)  # no clean-up at all: the socket file stays
        await child.wait()
        await wait_until(lambda: audience.is_hub, timeout=5)  # and the audience takes over
        assert sock_path.exists()

        child = await spawn(sock_path)  # the console restarts, fresh
        # It joins as a client and catches up with the show (the two lines in either order).
        assert {await read_line(child), await read_line(child)} == {"client", "moved 4 0"}
        await send(child, "5 0")
        await wait_until(lambda: recorder.last == (5, 0, False), timeout=5)
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
        await audience.stop()


async def send(process: asyncio.subprocess.Process, line: str) -> None:
    assert process.stdin is not None
    process.stdin.write(line.encode() + b"\n")
    await process.stdin.drain()
