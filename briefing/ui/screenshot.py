"""The command palette's Screenshot: what is on screen, as SVG, in the current directory.

Textual's own command delivers to ~/Downloads, which often does not exist (and then only says
"Failed to save screenshot"). This one saves where the speaker is working and names the file.
An SVG cannot hold terminal graphics: with `--images graphics` the pictures are drawn in
half-blocks for the screenshot, and in graphics again after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from briefing.fileio import why_not_written, write_new

if TYPE_CHECKING:
    from briefing.ui.app import BriefingApp

_TITLE = "Screenshot"
_MAX_TRIES = 1000  # briefing-slide-4-2.svg, -3, ...: plenty before giving up


def with_own_screenshot(app: BriefingApp, commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands, with its Screenshot replaced by ours."""
    for command in commands:
        if command.title == _TITLE:
            # after the palette has gone, so the picture is the show, not the palette
            command = SystemCommand(
                _TITLE,
                "Save an SVG of the screen in the current directory",
                lambda: app.call_after_refresh(_screenshot, app),
            )
        yield command


def _screenshot(app: BriefingApp) -> None:
    stage = app.present.stage
    if stage.pictures.mode != "graphics":
        save_screenshot(app)
        return

    def save_in_half_blocks() -> None:
        try:
            save_screenshot(app)
        finally:
            stage.draw_graphics(True)

    stage.draw_graphics(False)
    app.call_after_refresh(save_in_half_blocks)


def save_screenshot(app: BriefingApp) -> Path | None:
    """Save the screen as it is now to `briefing-slide-N.svg` here, never over a file; notify."""
    number = app.position.slide + 1
    svg = app.export_screenshot(title=f"{app.deck.title} \u00b7 slide {number}").encode("utf-8")
    try:
        folder = Path.cwd()
    except OSError:
        app.notify(
            "Screenshot not saved: the current directory no longer exists", title=_TITLE, severity="error", markup=False
        )
        return None
    target = folder / f"briefing-slide-{number}.svg"
    try:
        for attempt in range(1, _MAX_TRIES + 1):
            suffix = "" if attempt == 1 else f"-{attempt}"
            target = folder / f"briefing-slide-{number}{suffix}.svg"
            try:
                write_new(target, svg)
                break
            except FileExistsError:
                continue
        else:
            raise FileExistsError(17, "every name up to this one is taken")
    except OSError as exc:
        app.notify(
            f"Screenshot not saved: {target}: {why_not_written(target, exc)}",
            title=_TITLE,
            severity="error",
            markup=False,
        )
        return None
    app.notify(f"Saved slide {number} to {target}", title=_TITLE, markup=False)
    return target
