"""`--relay redis://HOST:PORT`: serve processes on one or many machines share the show's state
through Redis pub/sub, so that a load balancer can spread an audience over them.

Each process sends every state its group adopts or makes, and adopts every newer state it hears
(`SyncLink.adopt`): the relay is one more path between peers, and the same last-writer-wins
merge (clock, origin) keeps them agreed whatever order messages arrive in. Redis also keeps the
newest state under a key, written only if newer by one atomic script that also publishes it,
so a process that starts or restarts catches up at once. A lost connection is retried quietly,
with a catch-up after each reconnect.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import redis.asyncio as redis
from redis.exceptions import RedisError

from briefing.serve.errors import ServeError
from briefing.serve.live import LiveShow
from briefing.sync.protocol import State, decode, encode

log = logging.getLogger("briefing.serve")

CONNECT_TIMEOUT = 3.0
RETRY_DELAY = 1.0

# KEYS: the newest state's key, the channel. ARGV: a state as JSON. Stores and publishes it
# only if it is newer than the stored one, by (clock, origin) as protocol.State.key orders.
_PUBLISH_IF_NEWER = """
local stored = redis.call('GET', KEYS[1])
if stored then
  local old = cjson.decode(stored)
  local new = cjson.decode(ARGV[1])
  if old.clock > new.clock or (old.clock == new.clock and old.origin >= new.origin) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('PUBLISH', KEYS[2], ARGV[1])
return 1
"""


class Relay:
    def __init__(self, url: str, channel: str, show: LiveShow) -> None:
        self.url = url
        self.channel = f"briefing:{channel}"
        self.key = f"briefing:{channel}:state"
        self.show = show
        self._client: Any = None
        self._outbox: asyncio.Queue[State] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """Connect, catch up with the newest state, then relay in the background. Raises
        ServeError if Redis cannot be reached."""
        self._client = redis.Redis.from_url(self.url, socket_connect_timeout=CONNECT_TIMEOUT)
        try:
            await asyncio.wait_for(self._client.ping(), CONNECT_TIMEOUT)
        except (RedisError, OSError, asyncio.TimeoutError) as error:
            await self._client.aclose()
            raise ServeError(f"cannot reach the relay at {self.url}: {error or 'timed out'}") from None
        self._script = self._client.register_script(_PUBLISH_IF_NEWER)
        await self._catch_up()
        self.show.on_change.append(self._outbox.put_nowait)
        self._tasks = [asyncio.create_task(self._listen()), asyncio.create_task(self._send())]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._client is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._client.aclose()

    async def _catch_up(self) -> None:
        stored = await self._client.get(self.key)
        if stored:
            self._heard(stored)

    def _heard(self, data: bytes) -> None:
        message = decode(data.rstrip(b"\n") + b"\n")
        if isinstance(message, State):
            self.show.adopt(message)
        else:
            log.warning("relay: dropped a malformed message: %r", data[:80])

    async def _send(self) -> None:
        while True:
            state = await self._outbox.get()
            while True:
                try:
                    await self._script(keys=[self.key, self.channel], args=[encode(state).decode("ascii").strip()])
                    break
                except (RedisError, OSError) as error:
                    log.warning("relay: cannot publish (%s); retrying", error)
                    await asyncio.sleep(RETRY_DELAY)
                    if not self._outbox.empty():
                        break  # a newer state is waiting: send that one instead

    async def _listen(self) -> None:
        while True:
            pubsub = self._client.pubsub()
            try:
                await pubsub.subscribe(self.channel)
                await self._catch_up()  # what was published while we were away
                async for message in pubsub.listen():
                    if message.get("type") == "message" and isinstance(message.get("data"), bytes):
                        self._heard(message["data"])
            except (RedisError, OSError) as error:
                log.warning("relay: lost Redis (%s); reconnecting", error)
            finally:
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.aclose()
            await asyncio.sleep(RETRY_DELAY)
