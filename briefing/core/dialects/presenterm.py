"""presenterm: `<!-- end_slide -->` slides, comment commands, `<!-- include: file.md -->`.

* Slides end at `<!-- end_slide -->`; `---` is a rule on the slide, unless the front matter's
  `options: end_slide_shorthand: true` makes it a separator too.
* Notes: `<!-- speaker_note: … -->` (also its YAML block form). `<!-- // … -->`,
  `<!-- comment: … -->` and `<!-- vim: … -->` are the author's own comments, never shown.
* `<!-- include: file.md -->` puts that file's content here (only a file inside the deck's
  directory; it may not have front matter). `<!-- skip_slide -->` leaves its slide out.
  `<!-- incremental_lists: true -->` shows the lists after it item by item (nested items too),
  with a pause before and after each list, until `false` or the end of the slide.
* Columns (`column_layout`, `column`, `reset_layout`: core.columns) and alignment
  (`alignment`, `jump_to_middle`: core.alignment) are honoured; the other layout commands
  (`font_size`, `new_lines`, …) are ignored, and `check` says so.
* `???` is content here, not the start of notes.
"""

from __future__ import annotations

from typing import ClassVar

from briefing.core import comments
from briefing.core.columns import resolve_commands
from briefing.core.dialects.base import Dialect, Includer, Meaning, is_list, layout_meaning, meaning, yaml_bool
from briefing.core.errors import DeckError
from briefing.core.items import Item, Kind, ParsedFile, RawSlide, split_at

COMMANDS = (
    "end_slide",
    "pause",
    "jump_to_middle",
    "reset_layout",
    "new_line",
    "new_lines",
    "column_layout",
    "column",
    "incremental_lists",
    "no_footer",
    "skip_slide",
    "font_size",
    "alignment",
    "list_item_newlines",
    "include",
    "snippet_output",
    "speaker_note",
)
_USER_COMMENTS = ("//", "comment:", "vim:", "{{{", "}}}")


class Presenterm(Dialect):
    name = "presenterm"
    tool = "presenterm"
    # `<!-- pause -->` is briefing's own pause too, so it is no sign of presenterm
    signs = (("<!--", r"^[ \t]*<!--[ \t]*(?:" + "|".join(c for c in COMMANDS if c != "pause") + r")\b", 3),)
    front_matter_keys = frozenset({"sub_title", "authors", "options"})
    note_markers: ClassVar[frozenset[str]] = frozenset()
    honoured = frozenset({"include", "skip_slide", "incremental_lists"})
    setting_word = "command"

    def comment(self, inner: str) -> Meaning:
        text = inner.strip()
        if "\n" not in text:
            if text.startswith(_USER_COMMENTS):
                return Meaning(Kind.HIDDEN)
            key = comments.directive_key(text)
            value = text[len(key) :].lstrip(" :").strip()
            if key == "include" and value:
                return Meaning(Kind.INCLUDE, value=value)
            if key == "skip_slide":
                return Meaning(Kind.SKIP)
            if key == "incremental_lists":
                return Meaning(Kind.OPEN if yaml_bool(value) else Kind.CLOSE, key="incremental_lists")
            layout = layout_meaning(text)
            if layout is not None:
                return layout
        return meaning(comments.classify(inner))

    def in_region(self, region: str, item: Item) -> None:
        if region == "incremental_lists" and is_list(item):
            item.incremental, item.pause_after = 2, True
        else:
            super().in_region(region, item)

    def split(self, file: ParsedFile) -> list[list[Item]]:
        options = self.front_matter.get("options")
        shorthand = isinstance(options, dict) and yaml_bool(options.get("end_slide_shorthand"))
        if shorthand:
            return split_at(file.items, frozenset({Kind.END_SLIDE, Kind.SEPARATOR}))
        return super().split(file)

    def expand(self, file: ParsedFile, include: Includer) -> None:
        if not any(item.kind is Kind.INCLUDE for item in file.items):
            return
        expanded: list[Item] = []
        for item in file.items:
            expanded.append(item)
            if item.kind is Kind.INCLUDE:
                included = include(file, str(item.value), item.start)
                if included is None:
                    continue
                if included.metadata:
                    raise DeckError(file.path, item.start + 1, "an included file may not have front matter")
                self.expand(included, include)
                expanded.extend(included.items)
        file.items = expanded

    def slides(self, file: ParsedFile, slides: list[RawSlide], include: Includer) -> list[RawSlide]:
        shown = [slide for slide in slides if not any(item.kind is Kind.SKIP for item in slide.items)]
        for slide in shown:
            resolve_commands(slide, file)
        return shown
