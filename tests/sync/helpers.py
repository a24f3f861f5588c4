"""Shared helpers for the sync tests: polling, and links that are always stopped."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from briefing.sync.link import SyncLink
from briefing.sync.protocol import State


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0, *, timer_free: bool = False) -> None:
    """Poll `condition` every few milliseconds until it holds. `timeout` only keeps a broken
    test from hanging: it is generous, for a busy machine, and never a measure of speed.
    `timer_free` polls on every turn of the event loop instead, so it needs no loop timer."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition still false after {timeout} s")
        await asyncio.sleep(0 if timer_free else 0.005)


class Recorder:
    """An on_state callback that remembers what it was given."""

    def __init__(self) -> None:
        self.states: list[State] = []

    def __call__(self, state: State) -> None:
        self.states.append(state)

    @property
    def last(self) -> tuple[int, int, bool] | None:
        return self.states[-1].view if self.states else None


class Links:
    """Makes links on one socket and stops them all at the end of the test."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.made: list[SyncLink] = []

    async def start(self, role: str = "audience", origin: str | None = None, **kwargs) -> SyncLink:
        link = self.new(role, origin, **kwargs)
        await link.start()
        return link

    def new(self, role: str = "audience", origin: str | None = None, **kwargs) -> SyncLink:
        recorder = kwargs.pop("on_state", None) or Recorder()
        link = SyncLink(Path("deck.md"), role, recorder, socket_path=self.path, origin=origin, **kwargs)
        link.recorder = recorder  # type: ignore[attr-defined]  # for the tests' convenience
        self.made.append(link)
        return link

    async def stop_all(self) -> None:
        for link in self.made:
            await link.stop()


def mesh_settled(links: list[SyncLink]) -> bool:
    """One hub, everyone else connected to it."""
    hubs = [link for link in links if link.is_hub]
    return (
        len(hubs) == 1 and hubs[0].peers == len(links) - 1 and all(link.connected for link in links if not link.is_hub)
    )
