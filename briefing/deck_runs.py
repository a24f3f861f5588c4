"""Running every runnable code block of a deck, one after the other, for `briefing check
--run-code` (a finding for each block that did not end as its author meant) and for the exports
with `--run-code` (each block's output under its code).

The caller has the consent: these run only when `--run-code` was given on the command line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from briefing.core.model import Deck, Finding
from briefing.core.runnable import RunKey, RunOutput, Snippet, snippets
from briefing.run import CannotRun, Limits, RunResult, prepare, run_blocking
from briefing.runners import Command, InvalidRunners, deck_runners

_DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class SnippetRun:
    """How one block ran, or why it could not."""

    snippet: Snippet
    result: RunResult | None
    problem: str | None = None
    """Why it could not run (no runner, runner not installed), when it could not."""

    @property
    def status(self) -> str:
        """One line: how the run ended, or why there was none."""
        if self.result is None:
            return f"cannot run: {self.problem}"
        return self.result.summary()

    def output(self) -> RunOutput:
        """What the exports show under the block."""
        result = self.result
        if result is None:
            return RunOutput("", self.status)
        return RunOutput(result.output, self.status, result.exit_status, result.succeeded)

    @property
    def finding(self) -> Finding | None:
        """What `check` says about this run, if anything: a block that failed, a block
        marked `+expect:failure` that did not, and one that could not run or end on its own."""
        snippet, result = self.snippet, self.result
        where = (snippet.path, snippet.line)
        if result is None:
            return Finding(*where, "error", f"cannot run this code block: {self.problem}")
        if result.error is not None or result.timed_out or result.cancelled:
            return Finding(*where, "error", f"code block did not run to its end: {result.summary()}")
        if snippet.expect_failure:
            if result.exit_status == 0:
                return Finding(*where, "error", "code block marked +expect:failure succeeded (exit status 0)")
            return None
        if result.exit_status != 0:
            return Finding(*where, "error", f"code block failed: {result.summary()}{_last_line(result.output)}")
        return None


def _last_line(output: str) -> str:
    lines = [line for line in output.split("\n") if line.strip()]
    if not lines:
        return ""
    last = lines[-1].strip()
    return f"; its last output: {last[:120]}{'…' if len(last) > 120 else ''}"


def runners_of(deck: Deck) -> Mapping[str, Command]:
    """The deck's runners; InvalidRunners for a front-matter `exec:` that does not read."""
    return deck_runners(deck.metadata.get("exec"))


def run_deck(deck: Deck, limits: Limits = _DEFAULT_LIMITS) -> Iterator[SnippetRun]:
    """Run every runnable block of the deck in its directory, in deck order, as each is
    reached. With an `exec:` that does not read, each block says so instead of running."""
    directory = deck.root if deck.root.is_dir() else deck.root.parent
    try:
        runners: Mapping[str, Command] | None = runners_of(deck)
        invalid = ""
    except InvalidRunners as error:
        runners, invalid = None, str(error)
    for slide in deck.slides:
        for snippet in snippets(slide):
            if runners is None:
                yield SnippetRun(snippet, None, invalid)
                continue
            try:
                invocation = prepare(snippet.block.language, snippet.block.code, directory, runners)
            except CannotRun as error:
                yield SnippetRun(snippet, None, str(error))
                continue
            yield SnippetRun(snippet, run_blocking(invocation, limits))


def run_findings(deck: Deck, limits: Limits = _DEFAULT_LIMITS) -> list[Finding]:
    """`briefing check --run-code`: a finding for each block that did not end as meant."""
    return [run.finding for run in run_deck(deck, limits) if run.finding is not None]


def outputs_by_block(deck: Deck, limits: Limits = _DEFAULT_LIMITS) -> dict[RunKey, RunOutput]:
    """Every block's output, by the file and line its fence opens on (the exports)."""
    return {(run.snippet.path, run.snippet.line): run.output() for run in run_deck(deck, limits)}


def exec_front_matter(deck: Deck) -> Iterator[Finding]:
    """An `exec:` in the front matter that is not a mapping of language to command."""
    try:
        runners_of(deck)
    except InvalidRunners as error:
        path = deck.files[0]
        line = 1
        try:
            lines = path.read_text(encoding="utf-8-sig").split("\n")
            line = next((number for number, text in enumerate(lines, 1) if text.startswith("exec:")), 1)
        except (OSError, UnicodeDecodeError):
            pass
        yield Finding(path, line, "error", str(error))
