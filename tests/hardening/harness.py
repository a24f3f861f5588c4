"""A headless app that stays up across many fuzz examples, driven from the test's thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from briefing.ui.app import BriefingApp
from tests.ui.helpers import make_app


class RunningApp:
    """Starts `app.run_test()` on its own thread and event loop; `call` runs a coroutine
    function there with (app, pilot) and returns its result, or raises what it raised."""

    def __init__(self, deck: Path, size: tuple[int, int] = (80, 24)) -> None:
        self.app: BriefingApp = make_app(deck)
        self.size = size
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._jobs: asyncio.Queue[tuple[Callable[..., Awaitable[Any]], Future[Any]] | None] = asyncio.Queue()
        async with self.app.run_test(size=self.size) as pilot:
            await pilot.pause()
            self._ready.set()
            # jobs run here, inside run_test's context, where Textual finds its active app
            while (job := await self._jobs.get()) is not None:
                action, future = job
                try:
                    future.set_result(await action(self.app, pilot))
                except BaseException as error:  # handed to the test's thread
                    future.set_exception(error)

    def __enter__(self) -> RunningApp:
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("the app did not start")
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self._jobs.put_nowait, None)
        self._thread.join(30)

    def call(self, action: Callable[[BriefingApp, Any], Awaitable[Any]], timeout: float = 60) -> Any:
        assert self._loop is not None
        future: Future[Any] = Future()
        self._loop.call_soon_threadsafe(self._jobs.put_nowait, (action, future))
        return future.result(timeout)
