"""What an HTML comment in a deck means: a pause, a slide break, a speaker note or a directive.

The rule for directives (settings of other tools, which briefing ignores): a comment is a
directive when it is written on one line and reads like a setting rather than prose —

* a lowercase identifier on its own: `<!--fit-->`, `<!-- jump_to_middle -->`;
* `key=value` words: `<!-- fg=green bg=black -->`, `<!-- effect=fireworks -->`;
* one line `key: value` with a lowercase identifier as key and a single word, number, quoted
  string or bracketed list as value: `<!-- backgroundColor: beige -->`, `<!-- column: 0 -->`,
  `<!-- column_layout: [1, 1] -->`, `<!-- _class: lead -->`.

Every other comment is a speaker note (Marp, patat, Slidev), as is presenterm's
`<!-- speaker_note: … -->`. `pause` and `stop` are pauses; `end_slide` ends a slide.
"""

from __future__ import annotations

import re
import textwrap
from enum import Enum
from typing import NamedTuple

_KEY = r"[a-z_$][\w.$-]*"
_VALUE = r"""(?:"[^"\n]*"|'[^'\n]*'|\[[^\]\n]*\]|\{[^}\n]*\}|\S+)"""
_DIRECTIVE = re.compile(
    rf"{_KEY}"  # a bare word
    rf"|{_KEY}={_VALUE}(?:\s+{_KEY}={_VALUE})*"  # key=value words
    rf"|{_KEY}\s*:(?:\s+{_VALUE})?"  # key: value
)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_NOTE_KEY = "speaker_note:"


class Kind(Enum):
    PAUSE = "pause"
    END_SLIDE = "end_slide"
    NOTE = "note"
    DIRECTIVE = "directive"


class Comment(NamedTuple):
    kind: Kind
    text: str = ""  # the note's Markdown, for notes


def split_comments(html: str) -> list[str] | None:
    """The inner texts of an HTML block made only of comments, or None if it holds anything else."""
    inner = []
    position = 0
    for match in _COMMENT.finditer(html):
        if html[position : match.start()].strip():
            return None
        inner.append(match.group(1))
        position = match.end()
    if not inner or html[position:].strip():
        return None
    return inner


def is_unclosed_comment(html: str) -> bool:
    """An HTML block that opens a comment and never closes it (it swallows the rest of the file)."""
    start = html.lstrip()
    return start.startswith("<!--") and "-->" not in start[4:]


def classify(inner: str) -> Comment:
    """Decide what the text between `<!--` and `-->` means."""
    text = inner.strip()
    if text in ("pause", "stop"):
        return Comment(Kind.PAUSE)
    if text == "end_slide":
        return Comment(Kind.END_SLIDE)
    if text.startswith(_NOTE_KEY):
        return Comment(Kind.NOTE, _speaker_note(text))
    if not text or ("\n" not in inner and _DIRECTIVE.fullmatch(text)):
        return Comment(Kind.DIRECTIVE)
    return Comment(Kind.NOTE, textwrap.dedent(inner.strip("\n")).strip())


def _speaker_note(text: str) -> str:
    """presenterm's note, inline (`speaker_note: text`) or as a YAML block (`speaker_note: |`)."""
    rest = text[len(_NOTE_KEY) :]
    if rest.strip()[:1] in ("|", ">"):
        import yaml

        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError:
            value = None
        if isinstance(value, dict) and isinstance(value.get("speaker_note"), str):
            return value["speaker_note"].strip()
    return textwrap.dedent(rest).strip()
