"""patat: Pandoc's Markdown in the terminal, with patat's own slide rules.

* If the file has thematic breaks, they alone cut slides; else headings at the slide level do
  (the front matter's `patat: slideLevel: N`, else the highest level directly followed by
  content), and a heading above that level is a title slide.
* Slides with nothing but comments (or nothing at all) are left out.
* Every comment is a speaker note, except `<!--config: … -->`, the slide's settings (kept in
  its metadata).
* `patat: incrementalLists: true` (or a slide's config) shows every list item by item, and a
  list in a block quote at once; with it or not, whatever follows such a list is one more step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from briefing.core import comments
from briefing.core.dialects.base import (
    Includer,
    Meaning,
    is_list,
    meaning,
    quoted_list,
    slide_level,
    split_at_headings,
    yaml_bool,
)
from briefing.core.dialects.pandoc import Pandoc
from briefing.core.items import Item, Kind, ParsedFile, RawSlide, has_content, split_at


class Patat(Pandoc):
    name = "patat"
    tool = "patat"
    signs: ClassVar[tuple[tuple[str, str, int], ...]] = (("<!--config:", r"^<!--config:", 3),)
    front_matter_keys = frozenset({"patat"})
    honoured = frozenset({"patat", "incrementalLists", "slideLevel"})

    def comment(self, inner: str) -> Meaning:
        setting = comments.tool_setting(inner)
        if setting is not None and setting.key == "config":
            return meaning(setting)
        if inner.strip() in ("pause", "stop", "end_slide"):
            return super().comment(inner)
        return meaning(comments.note(inner))

    def ignored(self, key: str, value: object = None) -> str | None:
        if key == "config" and isinstance(value, dict):
            unused = [name for name in value if name not in self.honoured]
            return f"patat config `{', '.join(unused)}` is ignored" if unused else None
        return super().ignored(key, value)

    def _settings(self) -> Mapping[str, object]:
        settings = self.front_matter.get("patat")
        return settings if isinstance(settings, dict) else {}

    def split(self, file: ParsedFile) -> list[list[Item]]:
        items = file.items
        if any(item.kind is Kind.SEPARATOR for item in items):
            return split_at(items, Kind.SEPARATOR)
        level = self._settings().get("slideLevel")
        if not isinstance(level, int) or isinstance(level, bool):
            level = slide_level(items)
        return split_at_headings(items, level)

    def slides(self, file: ParsedFile, slides: list[RawSlide], include: Includer) -> list[RawSlide]:
        kept = [slide for slide in slides if has_content(slide.items)]
        deck_wide = yaml_bool(self._settings().get("incrementalLists"))
        for slide in kept:
            config = slide.metadata.get("config")
            incremental = deck_wide
            if isinstance(config, dict) and "incrementalLists" in config:
                incremental = yaml_bool(config["incrementalLists"])
            for item in slide.items:
                if is_list(item) and incremental:
                    item.incremental = 1
                elif quoted_list(item):  # drawn as a list, shown at once if the others are not
                    item.incremental, item.unquote = (0 if incremental else 1), True
                if item.incremental:
                    item.pause_after = True
        return kept
