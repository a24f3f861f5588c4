"""A key that a text box binds itself (Backspace, the arrows, Home/End, Ctrl+W, Enter) is
applied between the letters typed around it, in every Input and TextArea of the app.

Textual hands each key the app reads to the focused widget's queue. A letter is inserted when
the box takes it from there; a key the box binds is not handled by the box but bubbles back up
to the app, whose binding check runs only once the app takes it from its own queue: after the
letters that came in the same read (a fast typist, a paste, a macro, ssh batching) have been
queued for the box ahead of it. "QW Backspace E" left "QW". Queued on the box instead, the
binding runs where the key came.

Such a key no longer passes through `on_key` handlers on its way to the binding: a screen that
wants one of the box's keys first (search's Down) binds it on the box.
"""

from __future__ import annotations

import sys
from typing import Any

from textual import events
from textual.app import App
from textual.widget import Widget
from textual.widgets import Input


def queue_own_binding(app: App[Any], event: events.Key) -> bool:
    """If `event` goes to a focused text box that binds the key itself (and nothing binds it
    with priority), queue that binding on the box after the keys already sent to it, and say
    so (True): the key must then not be delivered as well. Otherwise False."""
    box = app.focused
    if box is None or not _is_text_box(box) or event.is_printable:
        return False  # letters go to the box as Textual sends them; they are what comes in order
    active = app.screen.active_bindings.get(event.key)  # what Textual's own check would pick
    if active is None or active.node is not box or active.binding.priority or not active.enabled:
        return False
    action = active.binding.action
    return box.call_later(app.run_action, action, box)


def _is_text_box(widget: Widget) -> bool:
    if isinstance(widget, Input):
        return True
    # TextArea, with its syntax machinery, is imported when the editor first opens (not for the
    # show's first frame): until then there is none to be focused
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)
