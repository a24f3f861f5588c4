"""Which code blocks can run on the slide, read from a fence's info string.

presenterm marks one with attributes after the language, ```` ```bash +exec ```` (and
`+exec_replace`, read the same way: briefing never runs anything by itself), and
`+expect:failure` says the snippet is meant to fail (for `briefing check --run-code`). Slidev
writes ```` ```ts {monaco-run} ````. A mark only says that a block *can* run: whether it does is
the presenter's consent, never the deck's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from briefing.core.blocks import CodeBlock
    from briefing.core.model import Slide

DEFAULT_TIME_LIMIT = 10.0
DEFAULT_OUTPUT_LIMIT = 1 << 20


@dataclass(frozen=True)
class Limits:
    """How long a snippet may run (seconds) and how much output is kept (bytes): the
    presenter's setting (`--time-limit`), never the deck's."""

    seconds: float = DEFAULT_TIME_LIMIT
    output_bytes: int = DEFAULT_OUTPUT_LIMIT

    def __post_init__(self) -> None:
        if not self.seconds > 0 or self.output_bytes < 0:
            raise ValueError(f"limits must be a positive time and a size of at least 0: {self}")


_RUN_ATTRIBUTES = frozenset({"+exec", "+exec_replace"})
_EXPECT_FAILURE = "+expect:failure"
_MONACO_RUN = re.compile(r"\{\s*monaco-run\s*\}")


class RunMark(NamedTuple):
    """A code block marked runnable: where its fence opens, and whether it must fail."""

    line: int
    """The 1-based line of the opening fence in the file that holds it."""
    expect_failure: bool = False


def run_mark(info: str, line: int) -> RunMark | None:
    """The run mark of a fence whose info string is `info` and which opens on `line`, or None
    when the block is not marked runnable. The attributes follow the language; a block with
    no language cannot run (there is nothing to say what runs it)."""
    from briefing.core.code_info import language_of

    language = language_of(info)
    rest = info.strip()[len(language) :]  # Slidev may write `ts{monaco-run}`, with no space
    attributes = rest.split()
    if not language or not (_RUN_ATTRIBUTES.intersection(attributes) or _MONACO_RUN.search(rest)):
        return None
    return RunMark(line, _EXPECT_FAILURE in attributes)


class Snippet(NamedTuple):
    """A runnable block on a slide, with the file and line that `check` findings name."""

    block: CodeBlock
    path: Path
    line: int
    step: int
    """The first step (0-based) at which the block is on screen."""

    @property
    def expect_failure(self) -> bool:
        return self.block.run is not None and self.block.run.expect_failure


def snippets(slide: Slide, until_step: int | None = None) -> Iterator[Snippet]:
    """The slide's runnable blocks in reading order (those shown up to `until_step`, if given),
    each once, however many steps show it."""
    from briefing.core.blocks import CodeBlock, walk

    seen: set[tuple[Path, int]] = set()
    last = len(slide.steps) - 1 if until_step is None else min(until_step, len(slide.steps) - 1)
    for index, step in enumerate(slide.steps[: last + 1]):
        for block in walk(step.blocks):
            if isinstance(block, CodeBlock) and block.run is not None:
                key = (step.span.path, block.run.line)
                if key not in seen:
                    seen.add(key)
                    yield Snippet(block, step.span.path, block.run.line, index)


class RunOutput(NamedTuple):
    """How a block ran, for the exports: its clean output and how the run ended."""

    output: str
    status: str
    """One line: `exit status 0`, `stopped at the time limit (10 s)`, `cannot run: …`."""
    exit_status: int | None = None
    succeeded: bool = False


RunKey = tuple[Path, int]
"""A runnable block by the file and line its fence opens on."""


def slide_outputs(slide: Slide, runs: Mapping[RunKey, RunOutput]) -> dict[int, RunOutput]:
    """The runs of `slide`'s blocks, by the line their fence opens on (what renderers look up)."""
    found: dict[int, RunOutput] = {}
    for snippet in snippets(slide):
        run = runs.get((snippet.path, snippet.line))
        if run is not None:
            found[snippet.line] = run
    return found
