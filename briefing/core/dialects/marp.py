"""Marp (and classic Marp): `---` slides, directives in comments, fragmented lists.

* A comment that reads as YAML naming a Marp directive (`theme`, `paginate`, `_class`,
  `backgroundColor`, … also several lines of them) is a setting, kept in the slide's metadata;
  classic Marp's `<!-- $theme: gaia -->` and `<!-- *template: invert -->` too. Every other
  comment is a presenter note.
* `headingDivider` (front matter or directive) also starts a slide before headings of those
  levels.
* A list written with `*` bullets or `1)` numbers is fragmented: each item is a step.
* Image keywords in the alt text (`bg`, `fit`, `left:40%`, `w:200px`, `sepia`, `70%`, …) are
  not drawn: `![bg left](photo.jpg)` shows as `[photo.jpg]`.
* `???` is content here.
"""

from __future__ import annotations

import re
from typing import ClassVar

from markdown_it.token import Token

from briefing.core import comments
from briefing.core.alignment import honoured_class
from briefing.core.dialects.base import (
    Dialect,
    Includer,
    Meaning,
    Prepared,
    heading_levels,
    is_list,
    meaning,
    split_before_headings,
)
from briefing.core.items import Item, Kind, ParsedFile, RawSlide

DIRECTIVES = frozenset(
    {
        "theme",
        "style",
        "headingDivider",
        "lang",
        "math",
        "size",
        "title",
        "description",
        "author",
        "image",
        "keywords",
        "url",
        "marp",
        "paginate",
        "header",
        "footer",
        "class",
        "backgroundColor",
        "backgroundImage",
        "backgroundPosition",
        "backgroundRepeat",
        "backgroundSize",
        "color",
        "transition",
        "template",
        "page_number",
        "prerender",
    }
)
_FRAGMENTED = ("*", ")")
_KEYWORD = re.compile(
    r"(?:bg|fit|contain|cover|auto|left|right|vertical|\d+(?:\.\d+)?%"
    r"|(?:left|right|w|h|width|height|x|y):\S+"
    r"|(?:blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|sepia)"
    r"(?::\S+)?)",
)
IMAGE_ALT = re.compile(r"!\[([^\]\n]{0,300})\]\(")  # bounded: a line of `![![![` stays linear


def strip_image_keywords(line: str, keyword: re.Pattern[str]) -> tuple[str, list[str]]:
    """A line with image keywords taken out of every alt text; the keywords found."""
    found: list[str] = []

    def clean(match: re.Match[str]) -> str:
        words = match.group(1).split()
        kept = [word for word in words if not keyword.fullmatch(word)]
        found.extend(word for word in words if keyword.fullmatch(word))
        return "![" + " ".join(kept) + "]("

    return IMAGE_ALT.sub(clean, line), found


class Marp(Dialect):
    name = "marp"
    tool = "Marp"
    signs = (
        ("<!--", r"^[ \t]*<!--[ \t]*[$*][A-Za-z_][\w-]*[ \t]*:", 3),
        ("<!--", r"<!--[ \t]*_[A-Za-z]+[ \t]*:", 3),
        (
            "<!--",
            r"<!--[ \t]*(?:paginate|headingDivider|backgroundColor|backgroundImage|backgroundSize"
            r"|backgroundPosition|page_number)[ \t]*:",
            2,
        ),
        ("![", r"!\[[^\]\n]{0,300}?\b(?:bg|w:\d+\w*|h:\d+\w*)\b[^\]\n]{0,300}\]\(", 2),
    )
    front_matter_keys = frozenset({"marp"})
    note_markers: ClassVar[frozenset[str]] = frozenset()
    honoured = frozenset({"headingDivider", "marp", "title", "author"})
    setting_word = "directive"

    def prepare(self, prepared: Prepared, file: ParsedFile) -> None:
        lines = prepared.lines
        for number, line in enumerate(lines):
            if "![" in line and not prepared.fenced[number]:
                lines[number], found = strip_image_keywords(line, _KEYWORD)
                if found:
                    file.warn(number, f"Marp image keywords `{' '.join(found)}` are ignored")

    def comment(self, inner: str) -> Meaning:
        setting = comments.tool_setting(inner)
        if setting is not None:
            return meaning(setting)
        text = inner.strip()
        if ":" in text:
            directives = _directives(text)
            if directives:
                return Meaning(Kind.SETTING, value=directives)
        return meaning(comments.classify(inner))

    def ignored(self, key: str, value: object = None) -> str | None:
        if key.lstrip("_$*") in self.honoured:
            return None
        if key in ("class", "_class") and honoured_class(value):
            return None  # `lead` centres the slide (core.alignment)
        return super().ignored(key, value)

    def item(self, item: Item, file: ParsedFile) -> None:
        if is_list(item) and _list_markup(item.tokens, item.first) in _FRAGMENTED:
            item.incremental = 1

    def split(self, file: ParsedFile) -> list[list[Item]]:
        groups = super().split(file)
        levels = heading_levels(self._heading_divider(file))
        if not levels:
            return groups
        return [part for group in groups for part in split_before_headings(group, levels)]

    def slides(self, file: ParsedFile, slides: list[RawSlide], include: Includer) -> list[RawSlide]:
        """`class` is a local directive: it holds from its slide (or the front matter) on, until
        another replaces it; `_class` is a spot directive, for its own slide instead."""
        held = self.front_matter.get("class")
        for slide in slides:
            own = slide.metadata.get("class")
            if own is not None:
                held = own
            spot = slide.metadata.get("_class")
            shown = spot if spot is not None else held
            if shown is not None and shown != own:
                slide.metadata = {**slide.metadata, "class": shown}
        return super().slides(file, slides, include)

    def _heading_divider(self, file: ParsedFile) -> object:
        value = self.front_matter.get("headingDivider")
        for item in file.items:  # a directive in a comment: the last one wins, for the deck
            if item.kind is Kind.SETTING and item.key == "headingDivider":
                value = item.value
        return value


def _list_markup(tokens: list[Token], index: int) -> str:
    """How a list's items are written: `-`, `*`, `+`, `.` or `)`."""
    for token in tokens[index:]:
        if token.type == "list_item_open":
            return token.markup
    return ""


def _directives(text: str) -> dict[str, object]:
    """The comment as Marp reads it: YAML whose keys include a directive, else nothing."""
    import yaml

    try:
        value = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError):
        value = _loose(text)
    if not isinstance(value, dict):
        return {}
    keys = [str(key) for key in value]
    if not any(key.lstrip("_") in DIRECTIVES for key in keys):
        return {}
    from briefing.core.frontmatter import plain_value

    plain = plain_value(value)
    return plain if isinstance(plain, dict) else {}


def _loose(text: str) -> dict[str, object] | None:
    """Marp reads `key: value` lines loosely: a value may hold `:` or `#` (`footer: a: b`)."""
    result: dict[str, object] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        if not colon or not re.fullmatch(r"[$*_]?[A-Za-z][\w-]*", key.strip()):
            return None
        result[key.strip()] = _scalar(value.strip())
    return result or None


def _scalar(text: str) -> object:
    """`true` → True, `2` → 2, anything that is not a plain YAML scalar stays text."""
    import yaml

    try:
        value = yaml.safe_load(text)
    except (yaml.YAMLError, RecursionError):
        return text
    return value if isinstance(value, (str, int, float, bool)) else text
