"""Other presenters' real decks (../shared/corpus) open with the slide counts and notes expected."""

from __future__ import annotations

import csv

import pytest

from briefing.core.loader import load_deck
from tests.conftest import SHARED

MANIFEST = SHARED / "corpus" / "MANIFEST.tsv"


def manifest_rows() -> list:
    if not MANIFEST.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus is not beside this checkout"))]
    with MANIFEST.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [pytest.param(row, id=row["file"]) for row in rows]


@pytest.mark.parametrize("row", manifest_rows())
def test_corpus_deck(row):
    deck = load_deck(SHARED / "corpus" / row["file"])
    assert len(deck.slides) == int(row["slides"])
    expected = row["expected speaker notes (slide number: text it must contain)"] or ""
    for spec in filter(None, (part.strip() for part in expected.split("|"))):
        number, text = spec.split(":", 1)
        assert text.strip() in deck.slides[int(number) - 1].notes_text


@pytest.mark.parametrize("row", manifest_rows())
async def test_corpus_deck_presents(row):
    from briefing.core.sanitize import is_clean
    from tests.ui.helpers import make_app

    app = make_app(SHARED / "corpus" / row["file"])
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("end", "s", "home", "right", "right", "o", "escape"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running
        assert all(is_clean(view.text) for view in app.present.query("PagedView"))
