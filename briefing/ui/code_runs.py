"""The show's runs of code blocks: which block `x` runs, the consent it needs, the run itself
(off the UI's path: a subprocess read by the event loop), its output as the slide shows it,
and stopping it (Esc, Ctrl+C, leaving the slide, quitting).

Consent is the show's alone: the presenter started it with `--run-code`, or answers "Run" to
a question that shows the exact command. Nothing in a deck can give it.

Linked views (a console and its audience views) show the same run: the process where `x` was
pressed, with its own consent, runs the block and mirrors it over the link (started, output in
batches at most every 50 ms, how it ended), and every other view draws the same frame under
the same block from that. A view never runs a block because a peer did; Esc or Ctrl+C in any
view asks the runner to stop it. If the link to the runner drops mid-run, the other views end
the frame saying so, and the runner's own run goes on.
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
from briefing.sync.protocol import RunEnded, RunMessage, RunOutput, RunStarted, RunStop
from briefing.sync.run_stream import follow_output, output_messages

if TYPE_CHECKING:
    from textual.worker import Worker

    from briefing.ui.app import BriefingApp

# Output arriving faster than this is drawn in batches: the slide is drawn again at most every
# 50 ms while a flood of output comes in, so keys still get their frames at once.
_DRAW_INTERVAL = 0.05
_STOP_WAIT = 2.0  # on quitting: how long to wait for a stopped snippet's group to be gone
_MAX_FOLLOWED = 16  # runs of linked processes followed at once; more is a peer that never ends them

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

    def follow(self, message: RunOutput) -> None:
        """More output of a run in another process, as the link carries it."""
        self.text, self.hidden_lines = tail(*follow_output(self.text, self.hidden_lines, message))

    def shown(self) -> ShownOutput:
        return ShownOutput(self.text, self.hidden_lines, self.status, self.failed)


class CodeRuns:
    """Runs one code block at a time for the app, keeps each block's last output, and mirrors
    runs to and from linked processes."""

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
        self._runs_started = 0
        self._mirrored: str | None = None  # the id linked processes know the run here by
        self._unsent: list[str] = []  # its output since the last batch sent to them
        self._followed: dict[str, Key] = {}  # runs going on in linked processes

    @property
    def running(self) -> bool:
        """A block runs here, or in a linked process and is shown here."""
        return self._execution is not None or bool(self._followed)

    def shown(self, slide: int) -> Mapping[int, ShownOutput]:
        """The outputs to draw under the code blocks of `slide`, by their fence's line."""
        return {line: output.shown() for (index, line), output in self._outputs.items() if index == slide}

    # -- `x` -----------------------------------------------------------------------------------

    def run_in_view(self) -> None:
        """Run the next runnable block shown on the current slide (the first, then the one
        after it, and round again), asking first unless the show has consent."""
        app = self.app
        if self.running:
            app.notify("A code block is running: Esc stops it", severity="warning", markup=False)
            return
        index, step = app.position
        in_view = list(snippets(app.deck.slides[index], step))
        if not in_view:
            app.notify("No code block to run on this slide (mark one with +exec)", severity="warning", markup=False)
            return
        snippet = self._next(index, in_view)
        key = (index, snippet.line)
        self._last_run[index] = snippet.line
        try:
            runners = deck_runners(app.deck.metadata.get("exec"))
            invocation = prepare(snippet.block.language, snippet.block.code, app.deck_directory, runners)
        except (CannotRun, InvalidRunners) as error:
            self._mirror_start(key)  # the room sees why nothing runs, as in a show alone
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
        self._mirror_start(key)
        self._draw()

        def received(chunk: str) -> None:
            output.add(chunk)
            if self._mirrored is not None:
                self._unsent.append(chunk)
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
        self._draw()  # sends the last of the output first
        run, self._mirrored = self._mirrored, None
        if run is not None:
            self._send(RunEnded.make(run, status, failed))

    def stop(self) -> bool:
        """Stop the block that is running (Esc, Ctrl+C, leaving its slide), here or, shown
        here, in a linked process; False if none is."""
        execution = self._execution
        if execution is not None:
            execution.stop()
            return True
        for run in self._followed:
            self._send(RunStop(run))  # its runner stops it, and says so
        return bool(self._followed)

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

    # -- mirroring runs to and from linked processes -------------------------------------------

    def _mirror_start(self, key: Key) -> None:
        link = self.app.link
        if link is None:
            self._mirrored = None
            return
        self._runs_started += 1
        self._mirrored = f"{link.origin}-{self._runs_started}"
        self._unsent.clear()
        self._send(RunStarted(self._mirrored, *key))

    def _send_output(self) -> None:
        if self._mirrored is None or not self._unsent:
            return
        text = "".join(self._unsent)
        self._unsent.clear()
        for message in output_messages(self._mirrored, text):
            self._send(message)

    def _send(self, message: RunMessage) -> None:
        link = self.app.link
        if link is not None:
            link.send_run(message)

    def mirrored(self, message: RunMessage) -> None:
        """A linked process's run: draw it as that process does, or stop the run here. Nothing
        a peer sends makes anything run here."""
        if isinstance(message, RunStop):
            if message.run == self._mirrored and self._execution is not None:
                self._execution.stop()
            return
        if isinstance(message, RunStarted):
            key = (message.slide, message.line)
            if not self._has_block(key):
                return  # another version of the deck: no such block here to draw under
            if len(self._followed) >= _MAX_FOLLOWED:
                self._followed.pop(next(iter(self._followed)))
            self._followed[message.run] = key
            self._outputs[key] = _Output()
            self._last_run[key[0]] = key[1]  # `x` here runs the next block, as there
            self._draw()
            return
        followed = self._followed.get(message.run)
        output = self._outputs.get(followed) if followed is not None else None
        if output is None:
            return  # a run that started before this view joined, or was forgotten
        if isinstance(message, RunOutput):
            output.follow(message)
            self._draw_soon()
        else:
            del self._followed[message.run]
            output.status, output.failed = message.status, message.failed
            self._draw()

    def _has_block(self, key: Key) -> bool:
        slides = self.app.deck.slides
        index, line = key
        return index < len(slides) and any(snippet.line == line for snippet in snippets(slides[index]))

    # -- drawing -------------------------------------------------------------------------------

    def _draw_soon(self) -> None:
        if not self._draw_pending:
            self._draw_pending = True
            self.app.set_timer(_DRAW_INTERVAL, self._draw)

    def _draw(self) -> None:
        self._draw_pending = False
        self._send_output()
        self.app.code_output += 1
