"""The key hints at the foot of a screen: `← Previous  → Next  o Overview …`.

One widget draws the whole line. Textual's `Footer` mounts a widget per key, and mounts them all
again whenever the bindings change: about 20 ms of CPU at each start of the show, measured. This
line looks the same (tests/ui/test_key_hints.py compares the two), and a click on a hint
presses its key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

if TYPE_CHECKING:
    from textual import events
    from textual.screen import Screen


class KeyHint(NamedTuple):
    key: str  # what pressing it simulates
    shown: str  # how the key is written, e.g. "←" or "^s"
    description: str
    enabled: bool  # False: shown dimmed, and a click rings the bell
    start: int  # the cells it takes on the line, [start, end)
    end: int


class KeyHints(Widget, can_focus=False):
    """The shown bindings of the focused widget and its screen, in one line."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-hints--key",
        "key-hints--description",
        "key-hints--hover",
        "key-hints--item",
    }
    # The colours and spacing of Textual's Footer, so that a theme styles both alike.
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-hints--item { background: $footer-item-background; }
        & > .key-hints--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-hints--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-hints--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints: tuple[KeyHint, ...] = ()
        self._hovered: int | None = None  # index into hints
        self._stale = False  # the bindings changed, and the hints will be read again

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # Read once the changes of this moment are over (a start or a new focus sends several):
        # at a start, that is after the first frame, which has the slide the sooner for it.
        if screen is self.screen and not self._stale:
            self._stale = True
            self.call_after_refresh(self._read_bindings)

    def _read_bindings(self) -> None:
        self._stale = False
        # As the Footer does: while another window has the focus, keep the hints as they were.
        if self.app.app_focus or not self.hints:
            self._show(self._collect())

    def _show(self, hints: tuple[KeyHint, ...]) -> None:
        if hints != self.hints:
            self.hints = hints
            self._hovered = None
            self.refresh()

    def _collect(self) -> tuple[KeyHint, ...]:
        """One hint per action (its first key), in the order the bindings are declared."""
        hints: list[KeyHint] = []
        actions: set[str] = set()
        position = 0
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown = self.app.get_key_display(binding)
            width = cell_len(shown) + cell_len(binding.description) + 3  # " key description "
            hints.append(KeyHint(binding.key, shown, binding.description, enabled, position, position + width))
            position += width
        return tuple(hints)

    def render(self) -> Text:
        if not self.hints:
            return Text()
        key = self._part("key-hints--key")
        description = self._part("key-hints--description")
        item = self.get_component_rich_style("key-hints--item").bgcolor
        hovered = self.get_component_rich_style("key-hints--hover").bgcolor
        line = Text(no_wrap=True, overflow="crop", end="")
        for index, hint in enumerate(self.hints):
            under = Style(bgcolor=hovered if index == self._hovered else item, dim=not hint.enabled or None)
            line.append(f" {hint.shown} ", _over(under, key))
            line.append(f"{hint.description} ", _over(under, description))
        return line

    def _part(self, name: str) -> tuple[Style, bool]:
        """A part's style, and whether it is see-through (no background of its own): then the
        item's background shows through it, or the hover's under the mouse."""
        return self.get_component_rich_style(name), self.get_component_styles(name).background.a == 0

    # -- the mouse ----------------------------------------------------------------------------

    def _hint_at(self, x: int) -> int | None:
        for index, hint in enumerate(self.hints):
            if hint.start <= x < hint.end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._hint_at(event.x))

    def on_leave(self) -> None:
        self._hover(None)

    def _hover(self, index: int | None) -> None:
        if index != self._hovered:
            self._hovered = index
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._hint_at(event.x)
        if index is None:
            return
        hint = self.hints[index]
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()


def _over(under: Style, part: tuple[Style, bool]) -> Style:
    """`part` drawn over `under`: a see-through part takes `under`'s background."""
    style, see_through = part
    return style + under if see_through else under + style
