"""The stage: the slide, and in the speaker view the speaker's panel beside it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

from textual.containers import Horizontal
from textual.errors import NoWidget
from textual.geometry import Region
from textual.strip import Strip
from textual.theme import Theme
from textual.timer import Timer

from briefing.core.alignment import Alignment, slide_alignment
from briefing.core.blocks import CodeBlock, ColumnMark, walk
from briefing.core.model import Deck
from briefing.ui import navigation
from briefing.ui.navigation import Position
from briefing.ui.pictures import ImagesMode, SlidePictures
from briefing.ui.rendering import StripCache, palette_for
from briefing.ui.widgets.paged_view import PagedView, Render

if TYPE_CHECKING:
    from briefing.render.run_output import ShownOutput
    from briefing.ui.widgets.speaker_panel import SpeakerPanel

Scroll = Literal["top", "bottom", "keep"]

# Drawing ahead waits this long after a frame: Textual writes frames from a thread of its own,
# which needs the interpreter too, and rendering at once held the frame back.
_DRAW_AHEAD_AFTER = 0.05


class SlideStage(Horizontal):
    """The slide (`#slide-view`) and, while `speaker` is on, a SpeakerPanel (`#speaker`) with
    the slide's notes and the next slide's first lines. Told what to show by `show`; it keeps
    that, to draw it again when the theme changes or code gets its colours.

    Slides are drawn through a cache of rendered lines in the theme's colours, and the slides a
    key would show next are drawn ahead, shortly after each frame. Code is coloured from the second
    frame on (`colour_code`): Pygments is slow to import.
    """

    def __init__(self, *, id: str | None = None) -> None:
        self.slide_view = PagedView(id="slide-view")
        super().__init__(self.slide_view, id=id)
        self.deck: Deck | None = None
        self.position = Position(0, 0)
        self.speaker = False
        self.speaker_panel: SpeakerPanel | None = None  # mounted the first time it is asked for
        self.strips: StripCache | None = None
        self.theme_drawn = ""  # the theme the cache's palette was made from
        self.ahead_timer: Timer | None = None  # drawing ahead, once the frame is out
        self.outputs: Mapping[int, ShownOutput] = {}  # under the shown slide's code blocks
        self.pictures = SlidePictures(self, self._picture_ready, on_sent=self._picture_sent)
        self.sixels_due = False  # a frame repainted a sixel picture's cells: draw it after

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        mode: ImagesMode = getattr(self.app, "images", "auto")  # `--images`
        self.pictures.mode = mode
        if mode == "graphics":
            self.app.app_resume_signal.subscribe(self, self._resumed)
            self._choose_protocol()

    def _choose_protocol(self) -> None:
        import os
        import sys

        from briefing.terminal_graphics import graphics_protocol

        if graphics_protocol(os.environ) != "sixel":
            return
        from briefing.render.sixel import cell_pixels

        terminal = sys.__stderr__  # where Textual draws
        self.pictures.protocol = "sixel"
        self.pictures.cell_pixels = cell_pixels(terminal.fileno()) if terminal is not None else None
        self.slide_view.painted = self._slide_painted

    def _sixel_pictures(self) -> list[tuple[str, Region]]:
        """The sixel pictures on the slide, each with its cells, relative to the slide view."""
        sixel, view = self.pictures.sixel, self.slide_view
        if sixel is None:
            return []
        from briefing.render.sixel import MARK

        scroll_x, scroll_y = int(view.scroll_offset.x), int(view.scroll_offset.y)
        found = []
        for line, cell, name in view.marked(MARK):
            picture = sixel.picture(name)
            if picture is not None:
                frame, columns, rows = picture
                found.append((frame, Region(cell - scroll_x, line - scroll_y, columns, rows)))
        return found

    def _slide_painted(self, crop: Region) -> None:
        """The slide's cells in `crop` are drawn in this frame: a sixel picture among them is
        erased, so draw it again once the frame is out."""
        if self.sixels_due:
            return
        if any(region.overlaps(crop) for _, region in self._sixel_pictures()):
            self.sixels_due = True
            self.app.call_later(self._draw_sixels)  # after this frame, which is written first

    def _draw_sixels(self) -> None:
        """Write each sixel picture wholly in sight and uncovered over its blank cells."""
        from briefing.render.sixel import placed

        self.sixels_due = False
        view = self.slide_view
        if not view.is_attached or self.screen is not self.app.screen:
            return  # a screen on top (the palette, help): the picture must not be drawn over it
        inside = view.scrollable_content_region
        for frame, relative in self._sixel_pictures():
            region = relative.translate(view.region.offset)
            # a sixel reaching the last row would scroll the terminal
            if inside.contains_region(region) and region.bottom < self.app.size.height and self._uncovered(region):
                self.pictures.write(placed(frame, region.x, region.y))

    def _uncovered(self, region: Region) -> bool:
        """Whether the slide view is what shows in every cell of `region` (no toast, no
        overlay over any of it)."""
        screen, view = self.screen, self.slide_view
        for y in range(region.y, region.bottom):
            for x in range(region.x, region.right):
                try:
                    widget, _ = screen.get_widget_at(x, y)
                except NoWidget:
                    return False
                if widget is not view:
                    return False
        return True

    def show(
        self,
        deck: Deck,
        position: Position,
        *,
        speaker: bool,
        scroll: Scroll,
        outputs: Mapping[int, ShownOutput] | None = None,
    ) -> None:
        """Draw `position` of `deck` (with the speaker's panel if `speaker` and it is open):
        scrolled to the top, to the bottom (to show what was just revealed), or kept. `outputs`
        are what the slide's code blocks printed, by the line their fence opens on."""
        strips = self._strips()
        if deck is not self.deck:
            strips.clear()  # drawn for another deck
            self.pictures.set_deck(deck)
        self.deck, self.position, self.speaker = deck, position, speaker
        self.outputs = outputs or {}
        self._draw(scroll)

    def redraw(self) -> None:
        """Draw what is shown again, in place."""
        if self.deck is not None:
            self._draw("keep")

    def _draw(self, scroll: Scroll) -> None:
        assert self.deck is not None
        index, step = self.position
        walked = self._walked_rows(index, step) if scroll != "top" else None
        self.slide_view.show(
            self._slide(index, step), centre=self._placed(index).down, scroll="keep" if walked else scroll
        )
        if walked:
            self.slide_view.bring_into_view(*walked)
        panel = self.speaker_panel
        if self.speaker and panel is not None:
            self._draw_panel(panel)
        self.call_after_refresh(self._draw_ahead_soon)

    def _strips(self) -> StripCache:
        if self.strips is None:
            app = self.app
            # code is coloured from the second frame on: Pygments is slow to import
            self.strips = StripCache(
                app.console, palette_for(app.current_theme, no_color=app.no_color), highlight=False
            )
            self.theme_drawn = app.current_theme.name
        return self.strips

    def _walked_rows(self, index: int, step: int) -> tuple[int, int] | None:
        """On a step of a code walk-through, the rows of the slide's content (0-based, first and
        last) that the step highlights, to scroll them into sight; None on any other step, or
        where the rows are not simply below what comes before (columns)."""
        assert self.deck is not None
        current = self.deck.slides[index].steps[step]
        if not current.updates:
            return None
        at, block = current.updates[0]
        if not isinstance(block, CodeBlock) or block.highlighted is None:
            return None
        blocks = self.deck.slides[index].blocks_until(step)
        if any(isinstance(shown, ColumnMark) for shown in blocks):
            return None
        width = self.slide_view.column_width
        before = self._strips().blocks(("before", index, at), blocks[:at], width, wide=self.slide_view.wide_width)
        top = len(before) + 1 if at else 0  # the blank line between blocks
        return top + min(block.highlighted) - 1, top + max(block.highlighted) - 1

    def _placed(self, index: int) -> Alignment:
        """Where slide `index` sits: centred across, down, both or neither (core.alignment)."""
        assert self.deck is not None
        slide = self.deck.slides[index]
        return slide_alignment(slide.metadata, slide.blocks, first=index == 0, deck_metadata=self.deck.metadata)

    def _slide(self, index: int, step: int) -> Render:
        assert self.deck is not None
        slide = self.deck.slides[index]
        blocks = slide.blocks_until(step)
        strips, view = self._strips(), self.slide_view
        images = self.pictures.lookup(slide)
        graphics = self.pictures.graphics
        across = self._placed(index).across
        outputs = self.outputs if index == self.position.slide else None

        def draw(width: int) -> list[Strip]:
            # a table too wide for the text column may use the rest of the screen before it
            # scrolls; pictures fit in the rows the rest of the slide leaves
            height = max(1, view.scrollable_content_region.height - 2 * view.pad_rows)
            return strips.blocks(
                ("slide", index, step),
                blocks,
                width,
                wide=view.wide_width,
                height=height,
                images=images,
                graphics=graphics,
                centred=across,
                outputs=outputs,
            )

        return draw

    def _picture_ready(self) -> None:
        """An image was decoded (or refused): draw the slide again (from the cache, unless the
        slide shows that image: the cache's key says what was known of its pictures)."""
        if self.is_attached:
            self.redraw()

    def _picture_sent(self) -> None:
        """A picture is on the terminal now (or will be drawn in half-blocks): the slides drawn
        with its cells blank are out of date."""
        if self.strips is not None:
            self.strips.clear()
        self._picture_ready()

    def draw_graphics(self, on: bool) -> None:
        """Draw pictures with the terminal's protocol again, or in half-blocks for now (for an
        SVG screenshot). What was sent to the terminal is kept: nothing is sent again."""
        self.pictures.mode = "graphics" if on else "blocks"
        self._picture_sent()

    def _resumed(self, _app: object) -> None:
        """Back from `E`'s editor: the terminal may have dropped the pictures; send them again."""
        graphics = self.pictures.graphics
        if graphics is not None:
            graphics.forget(free=False)
            self._picture_sent()

    def _draw_panel(self, panel: SpeakerPanel) -> None:
        assert self.deck is not None
        strips, index = self._strips(), self.position.slide
        slides = self.deck.slides
        note_blocks = tuple(block for note in slides[index].notes for block in note.blocks)
        notes: Render
        if note_blocks:
            notes = lambda width: strips.blocks(("notes", index), note_blocks, width, title_first=False)  # noqa: E731
        else:
            notes = lambda width: strips.render("(no notes for this slide)", width)  # noqa: E731
        panel.notes_view.show(notes, scroll="top")
        following: Render
        if index + 1 < len(slides):
            blocks = slides[index + 1].blocks_until(0)
            images = self.pictures.lookup(slides[index + 1])  # decoded once, for the slide too
            # a picture fits in what "Next" may take: a quarter of the panel (briefing.tcss); a
            # glance, so it may shrink to a row rather than make the pane scroll
            height = panel.size.height // 4

            def following(width: int) -> list[Strip]:
                return strips.blocks(("next", index + 1), blocks, width, height=height, min_image_rows=1, images=images)

        else:
            following = lambda width: strips.render("(end of the deck)", width)  # noqa: E731
        panel.next_view.show(following, scroll="top")

    def _draw_ahead_soon(self) -> None:
        if self.ahead_timer is not None:
            self.ahead_timer.stop()  # a newer frame: draw ahead of that one
        self.ahead_timer = self.set_timer(_DRAW_AHEAD_AFTER, self._prepare_neighbours)

    def _prepare_neighbours(self) -> None:
        """Draw the slides a key press would show next, while the presenter is talking."""
        self.ahead_timer = None
        deck, position = self.deck, self.position
        if deck is None or not self.is_attached:
            return
        width = self.slide_view.column_width
        for neighbour in (navigation.forward(deck, position), navigation.backward(deck, position)):
            if neighbour != position:
                self._slide(*neighbour)(width)

    async def open_speaker_panel(self) -> None:
        """Mount the speaker's panel, the first time it is asked for (it costs nothing till then)."""
        if self.speaker_panel is None:
            from briefing.ui.widgets.speaker_panel import SpeakerPanel  # deferred: not for the first frame

            self.speaker_panel = SpeakerPanel(id="speaker")
            await self.mount(self.speaker_panel)

    def scroll_notes(self, rows: int) -> None:
        panel = self.speaker_panel
        if panel is not None:
            panel.notes_view.scroll_relative(y=rows, animate=False, immediate=True)

    def colour_code(self) -> None:
        """Colour code from now on; draw again only if that changes what may be on screen."""
        strips, deck = self._strips(), self.deck
        strips.set_highlight(True)
        if deck is None:
            return
        index = self.position.slide
        slide = deck.slides[index]
        in_view = list(slide.blocks)  # what may be on screen: this slide, its notes, the next
        if self.speaker:
            in_view += [block for note in slide.notes for block in note.blocks]
        if index + 1 < len(deck.slides):
            in_view += deck.slides[index + 1].blocks
        if any(isinstance(block, CodeBlock) and block.language for block in walk(in_view)):
            self.redraw()

    def _theme_changed(self, theme: Theme) -> None:
        if self.strips is None or theme.name == self.theme_drawn:
            return  # drawn in these colours already (a theme set before the first slide)
        self.strips.set_palette(palette_for(theme, no_color=self.app.no_color))
        self.theme_drawn = theme.name
        self.redraw()
