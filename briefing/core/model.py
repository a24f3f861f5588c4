"""The deck model: what the loader produces and every renderer consumes.

Immutable records. NamedTuples rather than frozen dataclasses, and annotations evaluated rather
than strings, because the show imports this module before its first frame: a frozen dataclass
compiles five generated methods when it is defined, about four times a NamedTuple's cost. A
note keeps its parsed blocks, so it stays a dataclass.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Literal, NamedTuple

from briefing.core.blocks import Block
from briefing.core.timer_setting import TIMER_STARTS, timer_start


class SourceSpan(NamedTuple):
    """Where something came from: a file and an inclusive, 1-based line range."""

    path: Path
    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.path}:{self.start}"


@dataclass(frozen=True)
class Note:
    """Speaker notes, Markdown; parsed only when something shows them."""

    text: str
    span: SourceSpan

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        from briefing.core.markdown import parse_blocks

        return parse_blocks(self.text)


class Step(NamedTuple):
    """The content one pause reveals: its Markdown source and its parsed blocks.

    A step that `continues` reveals more of the block the previous step ended with (the next
    items of a list shown one at a time): its first block is that whole block as it now
    stands, and replaces the shorter one when the slide is drawn.

    A step with `updates` draws blocks already shown anew, in place: (the block's index among
    those shown so far, the block as it now stands), as a code walk-through moves its highlight.
    """

    markdown: str
    blocks: tuple[Block, ...]
    span: SourceSpan
    continues: bool = False
    updates: tuple[tuple[int, Block], ...] = ()


class Slide(NamedTuple):
    number: int
    title: str
    steps: tuple[Step, ...]
    notes: tuple[Note, ...]
    span: SourceSpan
    metadata: Mapping[str, object] = MappingProxyType({})

    @property
    def body(self) -> str:
        """The slide's visible Markdown: notes, pauses and directives removed."""
        parts: list[str] = []
        for step in self.steps:
            if step.markdown:
                if parts:
                    parts.append("\n" if step.continues else "\n\n")
                parts.append(step.markdown)
        return "".join(parts)

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.blocks_until(len(self.steps) - 1)

    def blocks_until(self, step: int) -> tuple[Block, ...]:
        """What the slide shows at `step` (0-based): every block up to that pause."""
        shown: list[Block] = []
        for current in self.steps[: step + 1]:
            if current.continues and shown:
                shown.pop()  # the same block again, further revealed
            for index, block in current.updates:
                if 0 <= index < len(shown):
                    shown[index] = block
            shown.extend(current.blocks)
        return tuple(shown)

    @property
    def notes_text(self) -> str:
        return "\n\n".join(note.text for note in self.notes)


Severity = Literal["error", "warning"]


class Finding(NamedTuple):
    """Something worth telling the author, located as `file:line`."""

    path: Path
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class Deck(NamedTuple):
    root: Path
    files: tuple[Path, ...]
    metadata: Mapping[str, object]
    slides: Sequence[Slide]  # a tuple, or the cache's lazily decoded sequence
    diagnostics: tuple[Finding, ...] = ()
    dialect: str = "briefing"  # whose conventions the deck was read with (core.dialects)
    includes: tuple[Path, ...] = ()  # files the deck's own files pulled in (include, src:)

    @property
    def title(self) -> str:
        value = self.metadata.get("title")
        if isinstance(value, str) and value.strip():
            return value.strip()
        for slide in self.slides:
            if slide.title:
                return slide.title
        return self.root.stem

    @property
    def duration(self) -> float | None:
        """Planned talk length in seconds, from front matter `duration`, if it makes sense."""
        from briefing.core.duration import parse_duration

        return parse_duration(self.metadata.get("duration"))

    @property
    def timer_start(self) -> str:
        """When the talk timer starts, from front matter `timer`: "at-launch" (the default,
        also for a value that makes no sense; `check` flags it) or "on-first-key"."""
        return timer_start(self.metadata.get("timer")) or TIMER_STARTS[0]
