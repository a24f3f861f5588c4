"""Pictures beyond the slide itself (issue 12 §1): the speaker view's "Next" pane and the
editor's live preview draw the decoded picture too, through the show's own decoded pictures:
decoded once, off the UI thread, never again as you type, and never holding up a key."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import TextArea

from briefing import deck_images
from briefing.image_cells import UPPER_HALF
from briefing.ui.screens.editor import EditorScreen
from briefing.ui.widgets.paged_view import PagedView
from tests.images.image_decks import write_picture_deck
from tests.ui.helpers import make_app, until, view_text

pytestmark = pytest.mark.timeout(60)


def picture_rows(app, selector: str) -> list[str]:
    return [line for line in view_text(app, selector).split("\n") if UPPER_HALF in line]


def preview(app) -> str:
    return app.screen.query_one("#editor-preview").text


def preview_picture_rows(app) -> list[str]:
    return [line for line in preview(app).split("\n") if UPPER_HALF in line]


async def settled(pilot) -> None:
    """Every picture asked for is decoded and drawn."""
    await pilot.pause()
    await pilot.app.present.stage.pictures.settled()
    await pilot.pause()


@pytest.fixture
def decodes(monkeypatch) -> list[str]:
    """Each image file decoded, in order."""
    calls: list[str] = []
    real = deck_images.load_image_beside

    def counted(image, *args):
        calls.append(image.src)
        return real(image, *args)

    monkeypatch.setattr(deck_images, "load_image_beside", counted)
    return calls


async def test_the_speaker_views_next_pane_draws_the_next_slides_picture(tmp_path, decodes):
    app = make_app(write_picture_deck(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await settled(pilot)
        next_pane = view_text(app, "#next-view")
        assert "A JPEG" in next_pane and "│ Stripes │" not in next_pane  # the picture, not its placeholder
        assert picture_rows(app, "#next-view")
        await pilot.press("right")  # the JPEG's slide: decoded already, for the pane
        await settled(pilot)
        assert picture_rows(app, "#slide-view") and picture_rows(app, "#next-view")  # and the GIF next
        assert sorted(decodes) == sorted(set(decodes))  # each file decoded once


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
async def test_the_next_panes_picture_shrinks_to_fit_the_pane_rather_than_scroll_it(tmp_path, size):
    app = make_app(write_picture_deck(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await settled(pilot)
        pane = app.present.query_one("#next-view", PagedView)
        assert pane.virtual_size.height <= pane.size.height, view_text(app, "#next-view")
        assert not pane.show_vertical_scrollbar  # nor kept from the placeholder, which was taller
        assert UPPER_HALF in view_text(app, "#next-view")  # the picture is still drawn, in half-blocks


async def test_the_editor_preview_draws_the_picture_and_typing_never_decodes_it_again(tmp_path, decodes):
    app = make_app(write_picture_deck(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("e")
        await until(lambda: isinstance(app.screen, EditorScreen))
        await settled(pilot)
        assert preview_picture_rows(app) and "│ A sun over a field │" not in preview(app), preview(app)
        before = list(decodes)
        area = app.screen.query_one(TextArea)
        area.insert("\n\n", location=area.document.end)  # a paragraph of its own, under the picture
        area.move_cursor(area.document.end)
        for word in ("Bright", "sunny", "day"):
            await pilot.press(*word, "space")
            await until(lambda word=word: word in preview(app), lambda: preview(app))  # drawn again
            assert preview_picture_rows(app)  # with its picture, at once
        assert decodes == before  # typing redrew the preview; it never decoded the picture again


async def test_a_picture_typed_into_the_editor_is_decoded_off_the_ui_thread_and_drawn(tmp_path, monkeypatch):
    gate = threading.Event()
    real = deck_images.load_image_beside

    def slow(image, *args):
        if image.src == "halves.webp":  # on slide 4: not drawn ahead from slide 1
            gate.wait(30)  # a huge photo on a slow disk
        return real(image, *args)

    monkeypatch.setattr(deck_images, "load_image_beside", slow)
    app = make_app(write_picture_deck(tmp_path))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settled(pilot)
            await pilot.press("e")
            await until(lambda: isinstance(app.screen, EditorScreen))
            area = app.screen.query_one(TextArea)
            area.insert("![Halves](halves.webp)\n\n", location=(2, 0))
            await until(lambda: "│ Halves │" in preview(app), lambda: preview(app))  # its placeholder meanwhile
            area.insert("\n\n", location=area.document.end)
            area.move_cursor(area.document.end)
            await pilot.press(*"Still typing")  # the keys never wait for the picture
            await until(lambda: "Still typing" in preview(app), lambda: preview(app))
            rows = len(preview_picture_rows(app))
            gate.set()
            await until(lambda: "│ Halves │" not in preview(app), lambda: preview(app))
            assert len(preview_picture_rows(app)) > rows  # the halves are drawn, beside the sun
    finally:
        gate.set()  # never leave the decoding thread waiting


def test_snapshot_of_the_speaker_view_with_a_picture_next(snap_compare, tmp_path):
    async def speaker_view_settled(pilot) -> None:
        await pilot.press("s")
        await settled(pilot)

    app = make_app(write_picture_deck(tmp_path))
    assert snap_compare(app, terminal_size=(80, 24), run_before=speaker_view_settled)
