"""A centred column of pre-rendered lines that scrolls when it is taller than the screen."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.render import frame

Render = Callable[[int], list[Strip]]


class PagedView(ScrollView, can_focus=True):
    """Draws what `render(width)` returns in a column at most `max_columns` wide, centred,
    with the frame's padding; re-renders on resize. Lines are laid out once per change, so
    painting is only indexing."""

    BINDINGS = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
    ]

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
        self._render: Render | None = None
        self._centre = False
        self._lines: list[Strip] = []
        self._blank: Strip | None = None  # below the content; resolving the style is not free
        self._laid_out_for: tuple[int, int] | None = None

    @property
    def column_width(self) -> int:
        """Cells the content is drawn in: the frame's width for a terminal this wide."""
        full = self.outer_size.width  # a scrollbar gutter counts as padding
        return max(1, min(self.max_columns, full - 2 * self.pad_columns))

    @property
    def more_below(self) -> bool:
        return self.scroll_offset.y + self.size.height < self.virtual_size.height

    @property
    def text(self) -> str:
        """Everything the view draws, scrolled into sight or not, as plain text."""
        return "\n".join(line.text.rstrip() for line in self._lines)

    def show(self, render: Render, *, centre: bool = False, scroll: str = "top") -> None:
        """Draw new content; `scroll` is "top", "bottom" (to show what was just revealed)
        or "keep"."""
        self._render = render
        self._centre = centre
        self._layout(force=True)
        if scroll == "top":
            self.scroll_to(y=0, animate=False, immediate=True)
        elif scroll == "bottom":
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.post_message(self.Changed(self))

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def _layout(self, force: bool = False) -> None:
        region = self.scrollable_content_region
        width, height = region.width, region.height
        if self._render is None or width <= 0:
            # Hidden (display: none) or not laid out yet: nothing is drawn now, so the next
            # size it gets must lay the content out again, even if it is the size it had.
            self._lines = []
            self._laid_out_for = None
            return
        if not force and self._laid_out_for == (width, height):
            return
        self._laid_out_for = (width, height)
        column = self.column_width
        content = self._render(column)
        style = self.rich_style
        left = max(0, (width - column) // 2)
        top = self.pad_rows
        if self._centre and len(content) + 2 * self.pad_rows < height:
            top = (height - len(content)) // 2
        blank = Strip.blank(width, style)
        lines = [blank] * top
        margin = Strip.blank(left, style)
        for strip in content:
            line = Strip.join([margin, strip.apply_style(style)])
            lines.append(line.crop_extend(0, width, style))
        lines += [blank] * self.pad_rows
        self._lines = lines
        self._blank = blank
        self.virtual_size = Size(width, len(lines))
        # A view whose height is `auto` takes as many rows as its content: its parent must
        # lay out again when that changes.
        self.refresh(layout=self.styles.is_auto_height)
        self.post_message(self.Changed(self))

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if 0 <= index < len(self._lines):
            return self._lines[index]
        width = self.scrollable_content_region.width
        if self._blank is None or self._blank.cell_length != width:
            self._blank = Strip.blank(width, self.rich_style)
        return self._blank

    def on_click(self, event: events.Click) -> None:
        if event.button in (1, 3):
            self.post_message(self.Clicked(self, forward=event.button == 1))
