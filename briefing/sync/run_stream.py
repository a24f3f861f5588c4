"""A run's output as it travels to the other linked views: cut into messages at the sender,
put together again at each view. Pure: no I/O, no UI.

The runner sends what arrived since its last frame (at most every 50 ms). A flood would not fit
through the link in time, and the views draw only the last lines anyway, so each batch carries
at most `BATCH` characters: the last lines of what arrived, after a note of how many lines were
left out. Every view then counts the same number of lines (shown plus "earlier lines not shown")
as the runner, and shows the end of the output, which is what the room reads.
"""

from __future__ import annotations

from briefing.sync.protocol import MAX_RUN_TEXT, RunOutput

BATCH = 8 * MAX_RUN_TEXT
"""Characters of new output sent per batch at most (about 130 KiB a second at one batch every
50 ms): more than a frame under a code block shows."""


def output_messages(run: str, text: str, batch: int = BATCH) -> list[RunOutput]:
    """`text`, new output of run `run`, as messages: whole if it has at most `batch`
    characters, else its last lines within `batch`, the first message saying how many lines
    before them were left out."""
    cut, skipped = False, 0
    if len(text) > batch:
        start = len(text) - batch
        if text[start - 1] != "\n":
            newline = text.find("\n", start)
            if 0 <= newline < len(text) - 1:
                start = newline + 1  # begin at a line's start; else mid-line, in a very long one
        cut, skipped = True, text.count("\n", 0, start)
        text = text[start:]
    pieces = [text[at : at + MAX_RUN_TEXT] for at in range(0, len(text), MAX_RUN_TEXT)] or [""]
    if not cut and pieces == [""]:
        return []
    first = RunOutput(run, pieces[0], cut, skipped)
    return [first, *(RunOutput(run, piece) for piece in pieces[1:])]


def follow_output(text: str, hidden_lines: int, message: RunOutput) -> tuple[str, int]:
    """A view's output (`text`, after `hidden_lines` lines it does not show) once `message`
    is added: a cut drops what the view holds into the lines not shown."""
    if message.cut:
        hidden_lines += text.count("\n") + message.skipped
        text = ""
    return text + message.text, hidden_lines
