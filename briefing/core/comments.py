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

Some settings are written so that only one tool could mean them; they are kept (in the slide's
metadata) rather than dropped: reveal.js `<!-- .slide: … -->` and `<!-- .element: … -->`, patat
`<!--config: … -->` (YAML) and classic Marp's `<!-- $theme: … -->` / `<!-- *template: … -->`.
A dialect (core.dialects) may read a comment its own tool's way before this rule applies.
"""

from __future__ import annotations

import re
import textwrap
from typing import NamedTuple

from briefing.core.items import Kind

_KEY = r"[a-z_$][\w.$-]*"
_VALUE = r"""(?:"[^"\n]*"|'[^'\n]*'|\[[^\]\n]*\]|\{[^}\n]*\}|\S+)"""
_DIRECTIVE = re.compile(
    rf"{_KEY}"  # a bare word
    rf"|{_KEY}={_VALUE}(?:\s+{_KEY}={_VALUE})*"  # key=value words
    rf"|{_KEY}\s*:(?:\s+{_VALUE})?"  # key: value
)
_NOTE_KEY = "speaker_note:"


class Comment(NamedTuple):
    kind: Kind  # PAUSE, END_SLIDE, NOTE, DIRECTIVE, SETTING or HIDDEN
    text: str = ""  # the note's Markdown, for notes
    key: str = ""  # a directive's or setting's name
    value: object = None  # a setting's value


_SETTING = re.compile(r"(\.slide|\.element|[$*][A-Za-z_][\w-]*)\s*:\s*(.*)", re.DOTALL)
_PATAT_CONFIG = "config:"


def split_comments(html: str) -> list[str] | None:
    """The inner texts of an HTML block made only of comments, or None if it holds anything else."""
    inner = []
    position = 0
    for start, end in comment_spans(html):
        if html[position:start].strip():
            return None
        inner.append(html[start + 4 : end - 3])
        position = end
    if not inner or html[position:].strip():
        return None
    return inner


def comment_spans(html: str) -> list[tuple[int, int]]:
    """Where each closed `<!--` … `-->` is, found in one pass (a regular expression would
    look for `-->` again from every unclosed `<!--`)."""
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        start = html.find("<!--", position)
        if start < 0:
            return spans
        end = html.find("-->", start + 4)
        if end < 0:
            return spans
        spans.append((start, end + 3))
        position = end + 3


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
    setting = tool_setting(inner)
    if setting is not None:
        return setting
    if not text:
        return Comment(Kind.HIDDEN)
    if "\n" not in inner and _DIRECTIVE.fullmatch(text):
        return Comment(Kind.DIRECTIVE, key=directive_key(text))
    return note(inner)


def note(inner: str) -> Comment:
    """The comment as a speaker note."""
    return Comment(Kind.NOTE, textwrap.dedent(inner.strip("\n")).strip())


def directive_key(text: str) -> str:
    """The name a directive is known by: its first word, up to `:` or `=`."""
    return re.split(r"[\s:=]", text.strip(), maxsplit=1)[0]


def tool_setting(inner: str) -> Comment | None:
    """reveal.js `.slide:`/`.element:`, patat `config:` and classic Marp `$key:`/`*key:`."""
    if inner.startswith(_PATAT_CONFIG):  # patat: `<!--config:` with no space, then YAML
        return Comment(Kind.SETTING, key="config", value=_yaml(inner[len(_PATAT_CONFIG) :]))
    match = _SETTING.fullmatch(inner.strip())
    if match is None:
        return None
    return Comment(Kind.SETTING, key=match.group(1), value=match.group(2).strip())


def _yaml(text: str) -> object:
    import yaml

    try:
        value = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError):
        return text.strip()
    from briefing.core.frontmatter import plain_value

    return plain_value(value)


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
            note: str = value["speaker_note"]
            return note.strip()
    return textwrap.dedent(rest).strip()
