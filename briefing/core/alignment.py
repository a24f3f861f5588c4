"""Where a slide's content sits: centred across, down, both, or neither.

Each tool says it its own way, and the loader keeps what it says in the slide's metadata:
presenterm `<!-- alignment: center -->` (across) and `<!-- jump_to_middle -->` (down); remark
`class: center, middle` and Marp `<!-- _class: lead -->` / `class: lead`; Slidev
`layout: center` (and cover, intro, section, end). A title slide — the first slide, when it
holds only headings and one short line — is centred both ways unless the front matter says
`center_title_slide: false`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from briefing.core.blocks import Block, Heading, Paragraph, plain

TITLE_SLIDE_KEY = "center_title_slide"
SHORT_LINE = 80  # characters: longer, it is prose, not a subtitle
_CENTRED_LAYOUTS = frozenset({"center", "centre", "cover", "intro", "section", "end"})
_ACROSS = frozenset({"center", "centre", "lead"})  # class words (remark, Marp)
_DOWN = frozenset({"middle", "lead"})
_ALIGNMENT = re.compile(r"alignment\s*:\s*(left|center|centre|right)")


class Alignment(NamedTuple):
    across: bool = False  # each block centred in the column
    down: bool = False  # the content centred in the height


def alignment_setting(text: str) -> tuple[str, object] | None:
    """presenterm's alignment commands in a one-line comment, as a setting (key, value)."""
    text = text.strip()
    if text == "jump_to_middle":
        return "jump_to_middle", True
    match = _ALIGNMENT.fullmatch(text)
    return ("alignment", match.group(1)) if match else None


def class_words(value: object) -> frozenset[str]:
    """The words of a `class` setting: `center, middle`, `lead invert`, or a list of them."""
    if isinstance(value, (list, tuple)):
        return frozenset(word for part in value for word in class_words(part))
    if not isinstance(value, str):
        return frozenset()
    return frozenset(word.lower() for word in re.split(r"[\s,]+", value) if word)


def honoured_class(value: object) -> bool:
    """Whether briefing does something with a `class` setting (it centres)."""
    return bool(class_words(value) & (_ACROSS | _DOWN))


def slide_alignment(
    slide_metadata: Mapping[str, object],
    blocks: Sequence[Block],
    *,
    first: bool,
    deck_metadata: Mapping[str, object],
) -> Alignment:
    """How a slide's content is placed, from its settings; a title slide (`first`, and only
    headings and a short line in `blocks`) is centred unless the front matter turns it off."""
    across = down = False
    if str(slide_metadata.get("alignment", "")).lower() in ("center", "centre"):
        across = True
    if slide_metadata.get("jump_to_middle") is True:
        down = True
    words = class_words(slide_metadata.get("class")) | class_words(slide_metadata.get("_class"))
    across = across or bool(words & _ACROSS)
    down = down or bool(words & _DOWN)
    if str(slide_metadata.get("layout", "")).strip().lower() in _CENTRED_LAYOUTS:
        across = down = True
    if first and deck_metadata.get(TITLE_SLIDE_KEY) is not False and is_title_slide(blocks):
        across = down = True
    return Alignment(across, down)


def is_title_slide(blocks: Sequence[Block]) -> bool:
    """Headings, and at most one paragraph of one short line: a title, not content."""
    if not blocks or not isinstance(blocks[0], Heading):
        return False
    paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
    if any(not isinstance(block, (Heading, Paragraph)) for block in blocks) or len(paragraphs) > 1:
        return False
    return all("\n" not in plain(p.text) and len(plain(p.text).strip()) <= SHORT_LINE for p in paragraphs)
