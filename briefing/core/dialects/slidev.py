"""Slidev: `---` slides with per-slide YAML, clicks, slots, the last comment as notes.

* A `---` separator may be followed by the slide's own YAML block, closed by `---`
  (metadata, not content; `layout: center` and the like centre the slide). A slide with
  `hide: true` or `disabled: true` is left out; one with `src: ./file.md` is replaced by that
  file's slides (`src: ./file.md#2-3` by some of them), with its other keys applied to them.
* Notes: the comment that ends a slide. Other comments are never shown, and are not notes.
* Clicks: `<v-click>` … `</v-click>` and any element with a `v-click` attribute appear at the
  next step; in `<v-clicks>` … `</v-clicks>` each list item (or each block) is a step.
  `v-after` appears with the click before it. (Content after a click that has none of its own
  appears with that click here; in Slidev it is there from the start.)
* `layout: two-cols` (and `two-cols-header`) lays the slot markers' parts out in columns
  (core.columns); on other slides the markers (`::right::`, …) are drawn as a rule between the parts.
* `???` is content here.
"""

from __future__ import annotations

import re
from typing import ClassVar

from briefing.core import comments
from briefing.core.blocks import Rule
from briefing.core.columns import resolve_slots
from briefing.core.dialects.base import Dialect, Includer, Meaning, Prepared, is_list, meaning
from briefing.core.errors import DeckError
from briefing.core.items import VISIBLE, Item, Kind, ParsedFile, RawSlide

_SLOT = re.compile(r"::([A-Za-z_][\w-]*)::[ \t]*$")
_CLICK_TAG = re.compile(r"<v-click\b(?![-.])", re.IGNORECASE)
_CLICK_ATTRIBUTE = re.compile(r"<[A-Za-z][^<>]{0,1000}?\sv-click(?![-.\w])")  # bounded: linear
_CLICKS_OPEN = re.compile(r"\s*<v-clicks\b[^>]*>\s*$", re.IGNORECASE)
_CLICKS_CLOSE = re.compile(r"\s*</v-clicks>\s*$", re.IGNORECASE)
_RANGE = re.compile(r"(\d+)(?:-(\d+))?$")
_YAML_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:(?:[ \t].*)?$|[ \t]+\S")

HEADMATTER = frozenset(
    {
        "highlighter",
        "lineNumbers",
        "drawings",
        "transition",
        "mdc",
        "comark",
        "colorSchema",
        "aspectRatio",
        "canvasWidth",
        "routerMode",
        "fonts",
        "favicon",
        "titleTemplate",
        "info",
        "download",
        "exportFilename",
        "monaco",
        "selectable",
        "record",
        "themeConfig",
        "addons",
        "hideInToc",
        "seoMeta",
        "htmlAttrs",
        "contextMenu",
        "wakeLock",
        "overviewSnapshots",
        "layout",
        "src",
    }
)


class Slidev(Dialect):
    name = "slidev"
    tool = "Slidev"
    signs = (
        ("v-", r"<v-clicks?\b|\sv-(?:click|after|clicks|motion|mark)\b", 3),
        ("::", r"^::[A-Za-z_][\w-]*::[ \t]*$", 3),
        ("---\n", r"^---[ \t]*\n(?:[A-Za-z_][\w-]*[ \t]*:.*\n)+---[ \t]*$", 2),
    )
    front_matter_keys = HEADMATTER
    note_markers: ClassVar[frozenset[str]] = frozenset()
    honoured = frozenset({"layout", "hide", "disabled", "src", "title"})
    root_relative_includes = True  # `src: /pages/intro.md` is from the deck's directory

    def prepare(self, prepared: Prepared, file: ParsedFile) -> None:
        lines = prepared.lines
        for number, line in enumerate(lines):
            if prepared.fenced[number]:
                continue
            if line.rstrip() == "---" and number and lines[number - 1].strip() and _yaml_follows(lines, number):
                # directly under text, `---` would underline it; a YAML block after it says
                # it is a separator, as Slidev always reads it
                prepared.blank(number)
                prepared.marks.append(Item(Kind.SEPARATOR, -1, -1, number, number + 1, file.source))
            elif line.startswith("::"):
                slot = _SLOT.match(line)
                if slot:  # a column on a two-column slide, else a rule (see `slides`)
                    prepared.blank(number)
                    prepared.marks.append(
                        Item(Kind.RULE, -1, -1, number, number + 1, file.source, key=slot.group(1), blocks=(Rule(),))
                    )

    def comment(self, inner: str) -> Meaning:
        found = meaning(comments.classify(inner))
        if found.kind in (Kind.NOTE, Kind.DIRECTIVE, Kind.HIDDEN):
            # only the comment that ends a slide is its note (see `slides`)
            return Meaning(Kind.NOTE, comments.note(inner).text, key="comment")
        return found

    def item(self, item: Item, file: ParsedFile) -> None:
        tokens = item.tokens
        if item.kind is Kind.HTML:
            content = tokens[item.first].content
            if _CLICKS_OPEN.match(content):
                item.kind, item.key = Kind.OPEN, "v-clicks"
            elif _CLICKS_CLOSE.match(content):
                item.kind, item.key = Kind.CLOSE, "v-clicks"
            elif _CLICK_TAG.search(content) or _CLICK_ATTRIBUTE.search(content):
                item.fragment = True
        elif item.kind is Kind.CONTENT and tokens[item.first].type == "paragraph_open":
            inline = tokens[item.first + 1]
            if any(
                child.type == "html_inline" and _CLICK_ATTRIBUTE.search(child.content)
                for child in inline.children or ()
            ):
                item.fragment = True

    def in_region(self, region: str, item: Item) -> None:
        if region == "v-clicks":
            if is_list(item):
                item.incremental = 1
            elif item.kind in VISIBLE:
                item.fragment = True
        else:
            super().in_region(region, item)

    def slides(self, file: ParsedFile, slides: list[RawSlide], include: Includer) -> list[RawSlide]:
        shown: list[RawSlide] = []
        for slide in slides:
            metadata = slide.metadata
            if metadata.get("hide") is True or metadata.get("disabled") is True:
                continue
            source = metadata.get("src")
            if isinstance(source, str) and source.strip():
                imported = self._imported(file, slide, source.strip(), include)
                if imported is not None:
                    shown.extend(imported)
                    continue
            _keep_last_comment(slide)
            resolve_slots(slide, file, str(metadata.get("layout", "")).strip())
            shown.append(slide)
        return shown

    def _imported(self, file: ParsedFile, slide: RawSlide, source: str, include: Includer) -> list[RawSlide] | None:
        """The slides of the file a slide's `src:` names, with the slide's other keys (None
        when there is no such file: the slide stays, as written)."""
        line = slide.items[0].start if slide.items else 0
        target, _hash, wanted = source.partition("#")
        imported = include(file, target, line)
        if imported is None:
            return None
        from briefing.core.loader import file_slides  # the same cutting as any other file

        slides = file_slides(imported, self, include)
        if wanted:
            slides = _pick(slides, wanted, file, line)
        override = {key: value for key, value in slide.metadata.items() if key != "src"}
        for part in slides:
            part.metadata = {**part.metadata, **override}
        return slides


def _yaml_follows(lines: list[str], separator: int) -> bool:
    """`key: value` lines after line `separator`, closed by `---`: a slide's YAML block."""
    number = separator + 1
    while number < len(lines) and _YAML_LINE.match(lines[number]):
        number += 1
    return number > separator + 1 and number < len(lines) and lines[number].rstrip() == "---"


def _keep_last_comment(slide: RawSlide) -> None:
    """Slidev's notes are the comment that ends the slide; earlier comments are not notes."""
    last = slide.items[-1] if slide.items else None
    for item in slide.items:
        if item.kind is Kind.NOTE and item.key == "comment" and item is not last:
            item.kind = Kind.HIDDEN


def _pick(slides: list[RawSlide], wanted: str, file: ParsedFile, line: int) -> list[RawSlide]:
    """Slides by 1-based number: `2`, `2-4`, `1,3-5`."""
    picked: list[RawSlide] = []
    for part in wanted.split(","):
        match = _RANGE.match(part.strip())
        if not match:
            raise DeckError(file.path, line + 1, f"`src:` range {wanted!r} is not like `2-4`")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        picked.extend(slides[first - 1 : last])
    return picked
