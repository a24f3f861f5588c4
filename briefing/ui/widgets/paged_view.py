"""A centred column of pre-rendered lines that scrolls when it is taller than the screen.

Prose is drawn in the column. A table or code block wider than the column (its lines are all
as long as its longest) may use the whole width of the view; wider still, it scrolls sideways
under the rest of the slide, with an arrow in the margin on each side that has more.

Text can be selected with the mouse and copied (Textual's copy key): a selection gives the plain
text of what it covers, without the margin; a line wider than the view is copied whole.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from briefing.render import frame

Render = Callable[[int], list[Strip]]


class PagedView(ScrollView, can_focus=True, inherit_bindings=False):
    """Draws what `render(width)` returns in a column at most `max_columns` wide, centred,
    with the frame's padding; re-renders on resize. Lines are laid out once per change, so
    painting is only indexing.

    Only ↑/↓ scroll it from the keyboard, and Shift+←/→ or [/] sideways: the other keys a
    scroll view binds (→, PgDn, Home, ...) belong to the show, which handles them after the
    view, in the order they arrive."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("shift+right,right_square_bracket", "pan(1)", "Scroll a wide table or code right", show=False),
        Binding("shift+left,left_square_bracket", "pan(-1)", "Scroll a wide table or code left", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"paged-view--more"}  # the arrows that say a wide line goes on
    WHEEL_PAN = 4  # cells a sideways wheel step (or Shift+wheel) moves wide lines

    class Clicked(Message):
        """The view was clicked; `forward` is False for the right button."""

        def __init__(self, view: PagedView, forward: bool) -> None:
            super().__init__()
            self.view = view
            self.forward = forward

        @property
        def control(self) -> PagedView:
            return self.view

    class Changed(Message):
        """What the view shows changed: new content, a new size, or a scroll."""

        def __init__(self, view: PagedView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> PagedView:
            return self.view

    def __init__(
        self,
        *,
        max_columns: int = frame.MAX_COLUMNS,
        pad_columns: int = frame.PAD_COLUMNS,
        pad_rows: int = frame.PAD_ROWS,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.max_columns = max_columns
        self.pad_columns = pad_columns
        self.pad_rows = pad_rows
        self._draw: Render | None = None  # not `_render`: that is Textual's own
        self._centre = False
        self._content: list[Strip] = []  # as rendered, in the view's style, before placing
        self._top = 0  # blank rows above the content
        self._pan = 0  # cells wide lines are scrolled sideways
        self._lines: list[Strip] = []
        self._starts: list[int] = []  # where each line's text begins, after the margin
        self._blank: Strip | None = None  # below the content; resolving the style is not free
        self._laid_out_for: tuple[int, int] | None = None
        self.painted: Callable[[Region], None] | None = None  # told of each region drawn for a frame

    @property
    def column_width(self) -> int:
        """Cells the content is drawn in: the frame's width for a terminal this wide."""
        full = self.outer_size.width  # a scrollbar gutter counts as padding
        return max(1, min(self.max_columns, full - 2 * self.pad_columns))

    @property
    def wide_width(self) -> int:
        """Cells a table or code block may take, beyond the column, before it scrolls sideways:
        the whole view less its padding."""
        return max(self.column_width, self.outer_size.width - 2 * self.pad_columns)

    @property
    def max_pan(self) -> int:
        """How far wide lines can scroll sideways: 0 when every line fits."""
        wide = self.wide_width
        return max(0, max((strip.cell_length - wide for strip in self._content), default=0))

    @property
    def pan(self) -> int:
        return self._pan

    @property
    def more_below(self) -> bool:
        return self.scroll_offset.y + self.size.height < self.virtual_size.height

    @property
    def text(self) -> str:
        """Everything the view draws, scrolled into sight or not (either way), as plain text."""
        lines = [line.text.rstrip() for line in self._lines]
        wide = self.wide_width
        margin = " " * self._left(wide)
        for index, strip in enumerate(self._content, start=self._top):
            if strip.cell_length > wide and index < len(lines):
                lines[index] = (margin + strip.text).rstrip()
        return "\n".join(lines)

    def show(self, render: Render, *, centre: bool = False, scroll: str = "top") -> None:
        """Draw new content; `scroll` is "top", "bottom" (to show what was just revealed)
        or "keep"."""
        self._draw = render
        self._centre = centre
        if scroll == "top":
            self._pan = 0
        self._layout(force=True)
        if scroll == "top":
            self.scroll_to(y=0, animate=False, immediate=True)
        elif scroll == "bottom":
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self.refresh()

    def bring_into_view(self, first: int, last: int) -> None:
        """Scroll as little as needed for content rows `first`..`last` to be on screen (the
        first of them when they do not all fit)."""
        top, bottom = self._top + first, self._top + last
        height = self.scrollable_content_region.height
        y = self.scroll_offset.y
        if bottom >= y + height:
            y = bottom - height + 1
        if top < y or bottom - top >= height:
            y = top
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.post_message(self.Changed(self))

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def watch_show_vertical_scrollbar(self) -> None:
        self._layout()  # a scrollbar that comes or goes changes the width, with no Resize

    def _layout(self, force: bool = False) -> None:
        region = self.scrollable_content_region
        width, height = region.width, region.height
        if self._draw is None or width <= 0:
            # Hidden (display: none) or not laid out yet: nothing is drawn now, so the next
            # size it gets must lay the content out again, even if it is the size it had.
            self._lines = []
            self._starts = []
            self._content = []
            self._laid_out_for = None
            return
        if not force and self._laid_out_for == (width, height):
            return
        self._laid_out_for = (width, height)
        content = self._draw(self.column_width)
        style = self.rich_style
        self._content = [strip.apply_style(style) for strip in content]
        top = self.pad_rows
        if self._centre and len(content) + 2 * self.pad_rows < height:
            top = (height - len(content)) // 2
        self._top = top
        self._pan = min(self._pan, self.max_pan)
        self._place()

    def _place(self) -> None:
        """Lay the content out in the view: prose in the centred column, wide lines as far
        left as they need, lines wider than the view cut at the current pan with arrows."""
        width = self.scrollable_content_region.width
        style = self.rich_style
        column = self.column_width
        left = self._left(column)
        wide = self.wide_width
        wide_left = self._left(wide)
        more = self.get_component_rich_style("paged-view--more", partial=True)
        blank = Strip.blank(width, style)
        lines = [blank] * self._top
        starts = [0] * self._top
        for strip in self._content:
            size = strip.cell_length
            if size <= column:
                start = left
                line = Strip.join([Strip.blank(left, style), strip])
            elif size <= wide:
                start = min(left, wide_left + wide - size)
                line = Strip.join([Strip.blank(start, style), strip])
            else:
                start = wide_left
                line = self._panned(strip, wide, wide_left, width, more)
            lines.append(line.crop_extend(0, width, style))
            starts.append(start)
        lines += [blank] * self.pad_rows
        starts += [0] * self.pad_rows
        if self.text_selection is not None and [line.text for line in lines] != [line.text for line in self._lines]:
            self._forget_selection()  # it was made in text that is no longer where it was
        self._lines = lines
        self._starts = starts
        self._blank = blank
        self.virtual_size = Size(width, len(lines))
        # Textual shows or hides a scrollbar when the view's size changes, not when only its
        # content does (content that shrank to fit kept its scrollbar); TextArea does the same.
        self._refresh_scrollbars()
        # A view whose height is `auto` takes as many rows as its content: its parent must
        # lay out again when that changes.
        self.refresh(layout=self.styles.is_auto_height)
        self.post_message(self.Changed(self))

    def _left(self, width: int) -> int:
        """Where lines `width` cells wide start: centred as if a scrollbar that comes and goes
        with the content were not there (it takes the right margin), so that text does not
        move sideways from a short slide to a long one, but never under that scrollbar."""
        region = self.scrollable_content_region.width
        full = region
        if self.show_vertical_scrollbar and self.styles.scrollbar_gutter != "stable":
            full += self.scrollbar_size_vertical
        return max(0, min((full - width) // 2, region - width))

    def _panned(self, strip: Strip, wide: int, left: int, width: int, more: Style) -> Strip:
        """The part of a line wider than the view that the pan shows, and an arrow each side
        it goes on: in the margin, or over the line's own edge when there is no margin."""
        style = self.rich_style
        pan = min(self._pan, strip.cell_length - wide)
        window = strip.crop(pan, pan + wide)
        before = Strip([Segment("\u2190", style + more)]) if pan > 0 else None
        after = Strip([Segment("\u2192", style + more)]) if pan + wide < strip.cell_length else None
        if left == 0 and before is not None:
            window = Strip.join([before, window.crop(1)])
            before = None
        if left + wide >= width and after is not None:
            window = Strip.join([window.crop(0, wide - 1), after])
            after = None
        return Strip.join(
            [
                Strip.blank(left - 1, style) if left else None,
                before or (Strip.blank(1, style) if left else None),
                window,
                after,
            ]
        )

    def action_pan(self, direction: int) -> None:
        """Scroll wide lines sideways by half the view."""
        self.pan_by(direction * max(1, self.wide_width // 2))

    def pan_by(self, cells: int) -> None:
        pan = max(0, min(self.max_pan, self._pan + cells))
        if pan != self._pan:
            self._pan = pan
            self._place()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if event.shift or event.ctrl:  # the terminal's way of saying "sideways"
            self._wheel(event, self.WHEEL_PAN)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if event.shift or event.ctrl:
            self._wheel(event, -self.WHEEL_PAN)

    def on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        self._wheel(event, self.WHEEL_PAN)

    def on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        self._wheel(event, -self.WHEEL_PAN)

    def _wheel(self, event: events.MouseEvent, cells: int) -> None:
        if self.max_pan:
            self.pan_by(cells)
            event.stop()

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self.painted is not None:  # this frame rewrites these cells (a sixel over them is gone)
            self.painted(crop)
        return lines

    def marked(self, key: str) -> list[tuple[int, int, object]]:
        """The cells whose style's meta has `key`: (line, cell, value), line and cell within
        the whole laid-out content (not scrolled)."""
        found = []
        for index, line in enumerate(self._lines):
            x = 0
            for segment in line:
                style = segment.style
                if style is not None and key in style.meta:
                    found.append((index, x, style.meta[key]))
                x += segment.cell_length
        return found

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if 0 <= index < len(self._lines):
            line = self._lines[index]
            selection = self.text_selection
            if selection is not None and (span := selection.get_span(index)) is not None:
                line = self._highlighted(line, *span)
        else:
            width = self.scrollable_content_region.width
            if self._blank is None or self._blank.cell_length != width:
                self._blank = Strip.blank(width, self.rich_style)
            line = self._blank
        # where each character is, so that a mouse selection knows what it covers
        return line.apply_offsets(0, index)

    def _highlighted(self, line: Strip, start: int, end: int) -> Strip:
        """`line` with characters [start, end) in the selection's colours (end -1: to its end)."""
        length = len(line.text)

        def cell(index: int) -> int:
            return line.cell_length if index == -1 or index >= length else line.index_to_cell_position(index)

        first, last = cell(start), cell(end)
        if last <= first:
            return line
        before, chosen, after = line.divide([first, last, line.cell_length])
        style = self.screen.get_component_rich_style("screen--selection")
        chosen = Strip(Segment.apply_style(chosen, post_style=style), chosen.cell_length)
        return Strip.join([before, chosen, after])

    # -- selecting and copying ---------------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text a mouse selection covers, line by line, as plain text: without the margin,
        the arrows beside a wide line, or the indent all its lines share (a code block's
        padding); a line wider than the view (it scrolls sideways) is copied whole, not just
        the part in sight. Blank lines at either end are left out."""
        from textwrap import dedent

        lines = []
        for index, line in enumerate(self._lines):
            span = selection.get_span(index)
            if span is None:
                continue
            content = index - self._top
            if 0 <= content < len(self._content) and self._content[content].cell_length > self.wide_width:
                lines.append(self._content[content].text.rstrip())
                continue
            start, end = span
            text = line.text
            lines.append(text[max(start, self._starts[index]) : len(text) if end == -1 else end].rstrip())
        return dedent("\n".join(lines)).strip("\n"), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def _forget_selection(self) -> None:
        """Drop this view's part of the screen's selection."""
        selections = self.screen.selections
        if self in selections:
            self.screen.selections = {widget: kept for widget, kept in selections.items() if widget is not self}

    def on_click(self, event: events.Click) -> None:
        # A click turns the page, every time: Textual's select-all on a double click would
        # take the second click of two quick ones for a selection.
        event.prevent_default()
        if self.text_selection is not None:
            return  # the end of a drag that selected text, not a click
        if event.button in (1, 3):
            self.post_message(self.Clicked(self, forward=event.button == 1))
