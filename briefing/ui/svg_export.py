"""The slides as SVG pictures, drawn by the real show running headless (`briefing export
--format svg`): exactly what the room sees at that size, in that theme.

One app run draws every picture: the show starts once, then moves from position to position
and takes Textual's screenshot of each. It is the clean audience view, so no note, key hint,
status line or notification is ever in a picture. Exporters never import Textual; this lives
on the UI side, and the command line calls it.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.notifications import SeverityLevel
from textual.pilot import Pilot

from briefing.core.model import Deck
from briefing.export.svg_files import SlideFile
from briefing.export.svg_fonts import offline_fonts
from briefing.ui.app import BriefingApp
from briefing.ui.navigation import Position
from briefing.ui.notices import plain_message
from briefing.ui.signals import Terminated

_MOST_FRAMES = 100  # to wait for the show to colour code; it takes one or two


@dataclass(frozen=True)
class Picture:
    """One exported picture: which file it is, its SVG text, and whether the slide is taller
    than the screen (the picture then shows the part the show scrolled to)."""

    file: SlideFile
    svg: str
    cut_off: bool


@dataclass(frozen=True)
class Drawing:
    """The pictures, and what the show would have said in a notification (an unknown theme)."""

    pictures: list[Picture]
    problems: list[str]


class Stopped(Exception):
    """A signal ended the export before every picture was taken."""

    def __init__(self, exit_status: int, taken: int) -> None:
        super().__init__(f"stopped after {taken} picture{'' if taken == 1 else 's'}")
        self.exit_status = exit_status
        self.taken = taken


class _ExportApp(BriefingApp):
    """The show as the room sees it, with no clock running: nothing in a picture depends on
    when it was taken."""

    def __init__(self, deck_path: Path, deck: Deck, theme: str | None) -> None:
        super().__init__(
            deck_path,
            deck=deck,
            theme=theme,
            watch=False,
            sync=False,
            clean=True,
            clock=lambda: 0.0,
            epoch_clock=lambda: 0.0,
            wall_clock=lambda: "00:00",
        )
        self.animation_level = "none"
        self.problems: list[str] = []

    def on_mount(self) -> None:
        # Ctrl+C ends the export as SIGTERM does (the show itself takes it as a key instead)
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGINT, self.post_message, Terminated(signal.SIGINT))

    @property
    def code_coloured(self) -> bool:
        strips = self.present.stage.strips
        return strips is not None and strips.renderer.highlight

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Kept for the command line to print: a picture never shows a message."""
        if severity != "information":
            text = plain_message(message, markup)
            self.problems.append(f"{title}: {text}" if title else text)


def draw_pictures(
    deck_path: Path,
    deck: Deck,
    files: list[SlideFile],
    *,
    size: tuple[int, int],
    theme: str | None = None,
    done: Callable[[Picture], None] | None = None,
) -> Drawing:
    """Draw `files` (slide and step each) at `size` (columns, rows). `done` is called with each
    picture as it is taken (to write it at once). Whatever goes wrong in the app is raised here,
    after the app has stopped."""
    app = _ExportApp(deck_path, deck, theme)
    pictures: list[Picture] = []
    failure: list[BaseException] = []

    async def take_pictures(pilot: Pilot[object]) -> None:
        try:
            await pilot.pause()  # the first slide is on screen (the barrier for each picture below)
            for _ in range(_MOST_FRAMES):  # code is coloured from the show's second frame on
                if app.code_coloured:
                    break
                await pilot.pause()
            for file in files:
                if app.return_code is not None:
                    break  # a signal ended the show
                app.position = Position(file.slide, file.step)
                await pilot.pause()
                title = f"{deck.title} \u00b7 slide {file.slide + 1}"
                if file.stepwise:
                    title += f", step {file.step + 1} of {file.steps}"
                picture = Picture(
                    file,
                    offline_fonts(app.export_screenshot(title=title)),
                    app.present.stage.slide_view.max_scroll_y > 0,
                )
                pictures.append(picture)
                if done is not None:
                    done(picture)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # raised below, once the app has stopped
            if app.return_code is None:  # not just the app leaving under the pilot (a signal)
                failure.append(error)
        finally:
            if app.return_code is None:
                app.exit(0)

    app.run(headless=True, size=size, auto_pilot=take_pictures)
    if failure:
        raise failure[0]
    if len(pictures) < len(files):
        raise Stopped(app.return_code or 1, len(pictures))
    return Drawing(pictures, app.problems)
