"""Make untrusted deck text safe to show: no escape sequences, no control characters.

Rich and Textual strip only a handful of control characters and let ESC through, so a deck could
otherwise move the cursor, retitle the terminal or write the clipboard. Everything the model
exposes has been through `clean_text`.
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1, and the bidi embeddings/overrides/isolates that can make
# text display in an order other than the one it is stored in.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers match what editors show."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """Normalise line ends, then drop every control character except tab and newline."""
    return _UNSAFE.sub("", normalize_newlines(text))


def is_clean(text: str) -> bool:
    """True when `text` holds nothing `clean_text` would remove (CR included)."""
    return "\r" not in text and _UNSAFE.search(text) is None
