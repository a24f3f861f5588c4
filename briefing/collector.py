"""The cyclic garbage collector, paused while the show starts.

Start-up (importing Textual, building the app and the first frame) makes a great many objects
and frees almost none: about 1,200 of them, in a hundred collections that scan the growing
heap for nothing, about a twentieth of the CPU time to the first frame. The show pauses the collector
before it starts and resumes it once the first frame is on screen, freezing what start-up
built (modules, the deck, the widgets) so that no later collection scans it again either.

`core.allocation.collector_paused` pauses it around one deck build; this pause spans the whole
start-up, across turns of the event loop, so it is a pair of calls instead of a `with`.
"""

from __future__ import annotations

import gc

_paused = False


def pause_until_first_frame() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_after_first_frame() -> None:
    """Called once the first frame is on screen; nothing happens unless start-up paused the
    collector (an app started by a test never freezes the test's own objects)."""
    if _paused:
        gc.freeze()
        resume()


def resume() -> None:
    """Resume without freezing anything: the show ended, or never started (a deck that does
    not load)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
