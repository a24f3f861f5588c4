"""A program's output made safe to show, chunk by chunk as it arrives.

Output from a snippet is untrusted like deck text, and is cleaned the same way
(`briefing.core.sanitize.clean_text`): no escape sequence and no control character except tab
and newline reaches a terminal. Programs colour their output, so complete escape sequences are
removed whole rather than leaving `[31m` behind once their ESC is gone. A sequence, a UTF-8
character or a CR LF split between two reads is held back until the rest arrives, so the text
shown does not depend on where the pipe happened to cut it.
"""

from __future__ import annotations

import codecs
import re

from briefing.core.sanitize import clean_text

# Complete sequences, ECMA-48: CSI (ESC [ parameters intermediates final), the introducer of a
# control string (OSC, DCS, SOS, PM, APC: its body is skipped up to BEL or ESC), or any other
# escape (ESC intermediates final).
_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|(?P<string>[\]PX^_])|[ -/]*[0-~])")
# A sequence that may still be completed by the next chunk.
_UNFINISHED = re.compile(r"\x1b(?:\[[0-?]*[ -/]*|[ -/]*)\Z")
_STRING_END = re.compile(r"[\x07\x1b]")
_MAX_HELD = 64  # a longer "sequence" is junk: its ESC is dropped and the rest shown as text


class OutputCleaner:
    """Turns a program's raw output, fed in pieces, into clean text (see the module doc)."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._held = ""
        self._held_cr = ""
        self._in_string = False

    def feed(self, data: bytes) -> str:
        """The clean text for `data`, less whatever must wait for the next piece."""
        return self._clean(self._decoder.decode(data), final=False)

    def finish(self) -> str:
        """The clean text for what was held back; call once, after the last piece."""
        return self._clean(self._decoder.decode(b"", final=True), final=True)

    def cut(self) -> None:
        """End output cut short: a partial character or sequence held back is dropped."""
        self._decoder.reset()
        self._held = self._held_cr = ""
        self._in_string = False

    def _clean(self, text: str, *, final: bool) -> str:
        # A CR held back is plain text already: it must not go through the sequence state
        # again (it would vanish into a control string that starts after it).
        plain = self._held_cr + self._strip_sequences(self._held + text, final=final)
        self._held_cr = ""
        if not final and plain.endswith("\r"):
            plain, self._held_cr = plain[:-1], "\r"  # the LF of a CR LF may come next
        return clean_text(plain)

    def _strip_sequences(self, text: str, *, final: bool) -> str:
        self._held = ""
        kept: list[str] = []
        position = 0
        while position < len(text):
            if self._in_string:
                position = self._skip_string(text, position, final=final)
                continue
            escape = text.find("\x1b", position)
            if escape < 0:
                kept.append(text[position:])
                break
            kept.append(text[position:escape])
            if not final and len(text) - escape <= _MAX_HELD and _UNFINISHED.match(text, escape):
                self._held = text[escape:]
                break
            match = _SEQUENCE.match(text, escape)
            if match is None:
                position = escape + 1  # a lone ESC; clean_text would drop it anyway
                continue
            self._in_string = match.group("string") is not None
            position = match.end()
        return "".join(kept)

    def _skip_string(self, text: str, position: int, *, final: bool) -> int:
        """Skip a control string's body; return where plain text may resume."""
        end = _STRING_END.search(text, position)
        if end is None:
            return len(text)
        if end.group() == "\x07":
            self._in_string = False
            return end.end()
        if end.end() == len(text) and not final:
            self._held = "\x1b"  # ESC \ (the string terminator) may be split
            return len(text)
        self._in_string = False
        # ESC \ ends the string; an ESC followed by anything else starts a new sequence
        return end.end() + 1 if text.startswith("\\", end.end()) else end.start()
