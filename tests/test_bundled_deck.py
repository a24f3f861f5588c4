"""The bundled deck is written in its own words (the rules in ../shared/source/README.md).

Outside quotation marks, slides/ (slide text, notes and front matter alike) never repeats more
than 12 words of the source article in a row, nor gets there by changing a word or two of a
sentence. Quotation marks are the only way to use the article's words, so a quote has to be
short and closed. Words are compared without case or punctuation: `U.S.` is `us`, `No. 1` is
`no 1`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.conftest import BUNDLED, SHARED

ARTICLE = SHARED / "source" / "deepseek-r1-article.txt"
LONGEST_RUN = 12  # words of the article the deck may repeat in a row outside quotes
MAX_EDIT = 2  # words changed, dropped or added between runs that still count as one near copy
LONGEST_QUOTE = 15  # words: a short remark, never a passage
QUOTE = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
QUOTE_MARKS = '"\u201c\u201d'

needs_article = pytest.mark.skipif(
    not SHARED.exists(), reason=f"{SHARED} does not exist (a fresh clone has no ../shared with the source article)"
)


def words(text: str) -> list[str]:
    """Lower-case words; a `.` or apostrophe inside a word is dropped (U.S. -> us, it's -> its)."""
    text = re.sub(r"(?<=\w)[.'\u2019](?=\w)", "", text.casefold())
    return re.findall(r"[^\W_]+", text)


class Copy(NamedTuple):
    matched: int  # words of the article reproduced
    first: int  # index of the first and last word in the deck's passage
    last: int


def copies(passage: list[str], article: list[str], max_edit: int) -> list[Copy]:
    """Runs of the article's words in `passage`, chained when at most `max_edit` words of the
    passage and of the article lie between one run and the next (a word swapped, dropped or added).
    """
    where: dict[str, list[int]] = {}
    for j, word in enumerate(article):
        where.setdefault(word, []).append(j)
    runs = []  # (start in passage, start in article, length), each as long as it goes
    for i, word in enumerate(passage):
        for j in where.get(word, ()):
            if i and j and passage[i - 1] == article[j - 1]:
                continue  # inside a run that starts earlier
            length = 0
            while (
                i + length < len(passage) and j + length < len(article) and passage[i + length] == article[j + length]
            ):
                length += 1
            runs.append((i, j, length))
    best: dict[tuple[int, int, int], Copy] = {}
    ending: dict[int, list[tuple[int, int, int]]] = {}  # runs by their end in the passage
    for run in sorted(runs):
        i, j, length = run
        chained = Copy(length, i, i + length - 1)
        for end in range(i - max_edit, i + 1):
            for before in ending.get(end, ()):
                gap = j - (before[1] + before[2])
                if 0 <= gap <= max_edit and best[before].matched + length > chained.matched:
                    chained = Copy(best[before].matched + length, best[before].first, i + length - 1)
        best[run] = chained
        ending.setdefault(i + length, []).append(run)
    longest: dict[int, Copy] = {}  # one report per place in the passage: its longest chain
    for copy in best.values():
        if copy.matched > longest.get(copy.first, Copy(0, 0, 0)).matched:
            longest[copy.first] = copy
    return sorted(longest.values(), key=lambda copy: copy.first)


def outside_quotes(text: str) -> list[str]:
    return QUOTE.split(text)


def slide_files() -> list[Path]:
    return sorted(BUNDLED.glob("*.md"))


def too_close(max_edit: int) -> list[str]:
    article = words(ARTICLE.read_text(encoding="utf-8"))
    found = []
    for path in slide_files():
        for part in outside_quotes(path.read_text(encoding="utf-8")):
            passage = words(part)
            for copy in copies(passage, article, max_edit):
                if copy.matched > LONGEST_RUN:
                    text = " ".join(passage[copy.first : copy.last + 1])
                    found.append(f"{path.name}: {copy.matched} words of the article: {text!r}")
    return found


@needs_article
def test_no_run_of_more_than_12_words_of_the_article_outside_quotes():
    assert too_close(max_edit=0) == []


@needs_article
def test_no_near_copy_of_the_article_outside_quotes():
    # a sentence of the article with a word or two changed is still the article's sentence
    assert too_close(max_edit=MAX_EDIT) == []


def test_quotes_are_closed_and_short():
    problems = []
    for path in slide_files():
        text = path.read_text(encoding="utf-8")
        stray = [part for part in outside_quotes(text) if any(mark in part for mark in QUOTE_MARKS)]
        if stray:
            problems.append(f"{path.name}: a quotation mark is not closed")
        for quote in QUOTE.findall(text):
            if len(words(quote)) > LONGEST_QUOTE:
                problems.append(f"{path.name}: quote of {len(words(quote))} words: {quote!r}")
    assert problems == []


def test_runs_and_near_copies_are_counted_as_intended():
    article = words("Stargate commits up to $500 billion over the next four years to data centers.")
    exact = words("Up to $500 billion over the next four years to data centers.")
    assert max(copy.matched for copy in copies(exact, article, 0)) == 12
    edited = words("Up to $500 billion over four years for data centers, says the plan.")
    assert max(copy.matched for copy in copies(edited, article, 0)) == 5
    assert max(copy.matched for copy in copies(edited, article, MAX_EDIT)) == 9
    assert words("the U.S. app store's No. 1") == ["the", "us", "app", "stores", "no", "1"]
    assert outside_quotes('He called it "super impressive" at the forum') == ["He called it ", " at the forum"]
