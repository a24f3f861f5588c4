"""The show's runs of code blocks: which block `x` runs, the consent it needs, the run itself
(off the UI's path: a subprocess read by the event loop), its output as the slide shows it,
and stopping it (Esc, Ctrl+C, leaving the slide, quitting).

Consent is the show's alone: the presenter started it with `--run-code`, or answers "Run" to
a question that shows the exact command. Nothing in a deck can give it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from briefing.core.runnable import Snippet, snippets
from briefing.render.run_output import ShownOutput, tail
from briefing.run import CannotRun, Execution, Invocation, Limits, prepare
from briefing.runners import InvalidRunners, deck_runners

if TYPE_CHECKING:
    from textual.worker import Worker

    from briefing.ui.app import BriefingApp

# Output arriving faster than this is drawn in batches: the slide is drawn again at most every
# 50 ms while a flood of output comes in, so keys still get their frames at once.
_DRAW_INTERVAL = 0.05
_STOP_WAIT = 2.0  # on quitting: how long to wait for a stopped snippet's group to be gone

Key = tuple[int, int]
"""A block's output is kept by slide (0-based) and the line its fence opens on."""


class _Output:
    """The output of one run as it streams in, and how the run ended."""

    def __init__(self) -> None:
        self.text = ""
        self.hidden_lines = 0
        self.status = ""
        self.failed = False

    def add(self, chunk: str) -> None:
        self.text, self.hidden_lines = tail(self.text + chunk, self.hidden_lines)

    def shown(self) -> ShownOutput:
        return ShownOutput(self.text, self.hidden_lines, self.status, self.failed)


class CodeRuns:
    """Runs one code block at a time for the app, and keeps each block's last output."""

    def __init__(self, app: BriefingApp, *, consented: bool, limits: Limits) -> None:
        self.app = app
        self.consented = consented
        self.limits = limits
        self._outputs: dict[Key, _Output] = {}
        self._last_run: dict[int, int] = {}  # slide → the line of the block `x` ran last
        self._execution: Execution | None = None
        self._running: Key | None = None
        self._worker: Worker[None] | None = None
        self._draw_pending = False

    @property
    def running(self) -> bool:
        return self._execution is not None

    def shown(self, slide: int) -> Mapping[int, ShownOutput]:
        """The outputs to draw under the code blocks of `slide`, by their fence's line."""
        return {line: output.shown() for (index, line), output in self._outputs.items() if index == slide}

    # -- `x` -----------------------------------------------------------------------------------

    def run_in_view(self) -> None:
        """Run the next runnable block shown on the current slide (the first, then the one
        after it, and round again), asking first unless the show has consent."""
        app = self.app
        if self.running:
            app.notify("A code block is running: Esc stops it", severity="warning")
            return
        index, step = app.position
        in_view = list(snippets(app.deck.slides[index], step))
        if not in_view:
            app.notify("No code block to run on this slide (mark one with +exec)", severity="warning")
            return
        snippet = self._next(index, in_view)
        key = (index, snippet.line)
        self._last_run[index] = snippet.line
        try:
            runners = deck_runners(app.deck.metadata.get("exec"))
            invocation = prepare(snippet.block.language, snippet.block.code, app.deck_directory, runners)
        except (CannotRun, InvalidRunners) as error:
            self._finish(key, f"cannot run: {error}", failed=True)
            return
        if self.consented:
            self._start(key, invocation)
            return
        from briefing.ui.screens.consent import ConsentScreen

        def answered(run: bool | None) -> None:
            # the deck, or the slide shown, may have changed while the question was up
            if run and app.position.slide == index and not self.running:
                self._start(key, invocation)

        code_lines = snippet.block.code.count("\n") + 1
        app.push_screen(ConsentScreen(invocation.command_line, invocation.directory, code_lines), answered)

    def _next(self, index: int, in_view: list[Snippet]) -> Snippet:
        last = self._last_run.get(index)
        lines = [snippet.line for snippet in in_view]
        if last in lines:
            return in_view[(lines.index(last) + 1) % len(in_view)]
        return in_view[0]

    # -- running -------------------------------------------------------------------------------

    def _start(self, key: Key, invocation: Invocation) -> None:
        output = self._outputs[key] = _Output()
        execution = self._execution = Execution(invocation, self.limits)
        self._running = key
        self._draw()

        def received(chunk: str) -> None:
            output.add(chunk)
            self._draw_soon()

        async def run() -> None:
            try:
                result = await execution.run(received)
            except asyncio.CancelledError:
                raise  # quitting: run() has killed the snippet's group already
            except Exception as error:  # the output could not be shown: the group is killed
                self._ended(key, execution, f"stopped: {error}", failed=True)
                return
            self._ended(key, execution, result.summary(), failed=not result.succeeded)

        self._worker = self.app.run_worker(run(), group="code-run", exit_on_error=False)

    def _ended(self, key: Key, execution: Execution, status: str, *, failed: bool) -> None:
        if self._execution is execution:
            self._execution = self._running = self._worker = None
        self._finish(key, status, failed=failed)

    def _finish(self, key: Key, status: str, *, failed: bool) -> None:
        output = self._outputs.setdefault(key, _Output())
        output.status, output.failed = status, failed
        self._draw()

    def stop(self) -> bool:
        """Stop the block that is running (Esc, Ctrl+C, leaving its slide); False if none is."""
        execution = self._execution
        if execution is None:
            return False
        execution.stop()
        return True

    def slide_left(self, slide: int) -> None:
        """The show moved to another slide: a block running on this one is stopped (the room
        no longer sees it)."""
        if self._running is not None and self._running[0] != slide:
            self.stop()

    def forget(self) -> None:
        """A new deck: lines may have moved, so earlier outputs no longer belong to a block."""
        if not self.running:
            self._outputs.clear()
            self._last_run.clear()

    async def stop_and_wait(self) -> None:
        """Quitting: stop the running block and wait (briefly) until its process group is
        gone, so that nothing it started outlives the show."""
        worker = self._worker
        if not self.stop() or worker is None:
            return
        with contextlib.suppress(Exception):
            await asyncio.wait_for(worker.wait(), _STOP_WAIT)

    # -- drawing -------------------------------------------------------------------------------

    def _draw_soon(self) -> None:
        if not self._draw_pending:
            self._draw_pending = True
            self.app.set_timer(_DRAW_INTERVAL, self._draw)

    def _draw(self) -> None:
        self._draw_pending = False
        self.app.code_output += 1
