"""The console link as the app sees it: a SyncLink whose callbacks become messages to the app
(`RemoteMoved`, `GroupChanged`, `AudienceNotice`, `RunMirrored`, `LinkUnavailable`).

Messages are handled after whatever the app was doing, so by then the link may have adopted a
newer state still: `is_latest` tells the app to skip a state that is no longer the show's, or it
would publish it again as news and undo the later move.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

from briefing.paths import state_dir
from briefing.sync.link import SyncLink, log_to_file
from briefing.sync.protocol import Group, Notice, RunMessage, State, TimerState

if TYPE_CHECKING:
    from textual.app import App


@dataclass
class RemoteMoved(Message):
    """Another process changed the show: its position, blackout or timer."""

    state: State


@dataclass
class GroupChanged(Message):
    """Who is linked changed; `connected`: this process is linked to another."""

    group: Group
    connected: bool


@dataclass
class AudienceNotice(Message):
    """On a console: a problem an audience view kept from the room."""

    notice: Notice


@dataclass
class RunMirrored(Message):
    """Another process's run of a code block: started, output, ended, or asked to stop."""

    run: RunMessage


@dataclass
class LinkUnavailable(Message):
    """Linking cannot work here; the show goes on alone."""

    reason: str


class ShowLink:
    """This process's end of the shared show, reporting to `app`."""

    def __init__(
        self,
        app: App[Any],
        deck_path: Path,
        role: str,
        *,
        socket_path: Path | None,
        initial: tuple[int, int, bool],
        initial_timer: TimerState,
    ) -> None:
        self.app = app
        self.sync = SyncLink(
            deck_path,
            role,
            self._moved,
            socket_path=socket_path,  # None: one per deck, per user
            initial=initial,
            initial_timer=initial_timer,
            on_group=self._group_changed,
            on_notice=self._noticed,
            on_run=self._run_mirrored,
        )

    def _moved(self, state: State) -> None:
        self.app.post_message(RemoteMoved(state))

    def _noticed(self, notice: Notice) -> None:
        self.app.post_message(AudienceNotice(notice))

    def _run_mirrored(self, run: RunMessage) -> None:
        self.app.post_message(RunMirrored(run))

    async def start(self) -> None:
        """Start linking in the background; logs go to the state directory, not the terminal."""
        log_to_file(state_dir() / "sync.log")
        await self.sync.start()
        if self.sync.error:
            self.app.post_message(LinkUnavailable(self.sync.error))
        else:
            self._group_changed(self.sync.group)  # alone so far: a console says so

    async def stop(self) -> None:
        await self.sync.stop()

    def _group_changed(self, group: Group) -> None:
        self.app.post_message(GroupChanged(group, self.sync.connected))

    def publish(self, slide: int, step: int, blackout: bool, timer: TimerState) -> None:
        """A change here: tell every linked process (a change to what they show already is none)."""
        self.sync.publish(slide, step, blackout, timer)

    def is_latest(self, state: State) -> bool:
        """`state` (from a `RemoteMoved`) is what the show is now, as far as the link knows."""
        return state.shared == self.sync.state.shared

    def tell_consoles(self, severity: str, title: str, text: str) -> None:
        """Hand a problem to the linked consoles rather than show it to the room."""
        self.sync.send_notice(Notice.make(severity, title, text))
