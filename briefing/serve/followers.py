"""The event stream's listeners: one bounded queue per open stream, filled without waiting.

A move is formatted once and put in every queue; each stream's own task writes it out. A
follower that falls MAX_PENDING events behind (a phone gone to sleep on a stalled connection) is
cut off rather than let its backlog grow: its browser reconnects and gets the position anew.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping

MAX_PENDING = 64
CLOSE = b""
"""Put in a queue: the stream ends."""


def event(name: str, data: Mapping[str, object], ident: int) -> bytes:
    """One Server-Sent Event (JSON data on one line)."""
    payload = json.dumps(data, separators=(",", ":"))
    return f"id: {ident}\nevent: {name}\ndata: {payload}\n\n".encode()


class Followers:
    def __init__(self) -> None:
        self._queues: set[asyncio.Queue[bytes]] = set()
        self.sequence = 0

    def __len__(self) -> int:
        return len(self._queues)

    def join(self) -> asyncio.Queue[bytes]:
        queue: asyncio.Queue[bytes] = asyncio.Queue(MAX_PENDING + 1)
        self._queues.add(queue)
        return queue

    def leave(self, queue: asyncio.Queue[bytes]) -> None:
        self._queues.discard(queue)

    def next_id(self) -> int:
        self.sequence += 1
        return self.sequence

    def send(self, message: bytes) -> None:
        for queue in list(self._queues):
            if queue.qsize() >= MAX_PENDING:
                self._cut_off(queue)
            else:
                queue.put_nowait(message)

    def close_all(self) -> None:
        for queue in list(self._queues):
            self._cut_off(queue)

    def _cut_off(self, queue: asyncio.Queue[bytes]) -> None:
        self._queues.discard(queue)
        while not queue.empty():
            queue.get_nowait()
        queue.put_nowait(CLOSE)
