"""Links in one process, on one socket: they find each other, follow each other, take over
from each other, and shrug off whatever a bad peer sends."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import socket
import stat
from pathlib import Path

import pytest

from briefing.sync import runtime
from briefing.sync.link import LINK_LOST, SyncLink
from briefing.sync.protocol import (
    Group,
    Hello,
    Notice,
    RunEnded,
    RunOutput,
    RunStarted,
    RunStop,
    State,
    TimerState,
    decode,
    encode,
)
from tests.sync.helpers import Links, Recorder, mesh_settled, wait_until


async def pair(links, first: str = "console", second: str = "audience"):
    hub = await links.start(first, origin="a")
    await wait_until(lambda: hub.is_hub)
    client = await links.start(second, origin="b")
    await wait_until(lambda: client.connected and hub.peers == 1)
    return hub, client


async def test_publishing_on_either_side_moves_the_other(links):
    hub, client = await pair(links)
    hub.publish(2, 0, False)
    await wait_until(lambda: client.recorder.last == (2, 0, False))
    hub.publish(2, 1, False)  # a reveal step
    await wait_until(lambda: client.recorder.last == (2, 1, False))
    client.publish(2, 2, False)
    await wait_until(lambda: hub.recorder.last == (2, 2, False))
    client.publish(2, 2, True)  # blackout
    await wait_until(lambda: hub.recorder.last == (2, 2, True))
    assert hub.state == client.state
    # on_state is for changes from elsewhere only, and nothing echoes back.
    assert [s.view for s in hub.recorder.states] == [(2, 2, False), (2, 2, True)]
    assert [s.view for s in client.recorder.states] == [(2, 0, False), (2, 1, False)]


async def test_a_timer_change_alone_reaches_the_other_side(links):
    hub, client = await pair(links)
    hub.publish(2, 0, False)
    await wait_until(lambda: client.recorder.last == (2, 0, False))
    reset = TimerState("running", 0, 1_764_320_000_000)
    hub.publish(2, 0, False, reset)  # `T` on the console: the position stays
    await wait_until(lambda: client.state.timer == reset)
    assert client.recorder.states[-1].timer == reset
    hub.publish(2, 1, False)  # moving on keeps the timer as it is
    await wait_until(lambda: client.recorder.last == (2, 1, False))
    assert client.state.timer == reset
    paused = TimerState("paused", 5_000, 1_764_320_005_000)
    client.publish(2, 1, False, paused)
    await wait_until(lambda: hub.state.timer == paused)
    assert hub.recorder.states[-1].timer == paused
    hub.publish(2, 1, False, paused)  # no change: no message, no new clock
    assert hub.state.clock == client.state.clock


async def test_a_newcomer_adopts_the_groups_timer(links):
    started = TimerState("running", 0, 1_000)
    hub, _ = await pair(links)
    hub.publish(1, 0, False, started)
    late = await links.start("console", origin="c", initial_timer=TimerState("running", 0, 9_000))
    await wait_until(lambda: late.state.timer == started)
    assert late.recorder.states[-1].timer == started


async def test_everyone_knows_who_is_linked(links):
    groups: dict[str, list[Group]] = {"a1": [], "a2": [], "c": []}
    first = await links.start("audience", origin="a1", on_group=groups["a1"].append)
    await wait_until(lambda: first.is_hub)
    assert first.group == Group(consoles=0, audiences=1)
    second = await links.start("audience", origin="a2", on_group=groups["a2"].append)
    await wait_until(lambda: first.group == second.group == Group(0, 2))
    console = await links.start("console", origin="c", on_group=groups["c"].append)
    # a client learns of another client (the console) through the hub
    await wait_until(lambda: first.group == second.group == console.group == Group(1, 2))
    await console.stop()
    await wait_until(lambda: first.group == second.group == Group(0, 2))
    assert groups["a2"][-2:] == [Group(1, 2), Group(0, 2)]
    await first.stop()  # the hub goes: the other is alone until it takes over
    await wait_until(lambda: second.is_hub and second.group == Group(0, 1))


async def test_a_notice_from_any_audience_view_reaches_the_consoles_only(links):
    notices: dict[str, list[Notice]] = {"hub": [], "other": [], "console": []}
    hub = await links.start("audience", origin="h", on_notice=notices["hub"].append)
    await wait_until(lambda: hub.is_hub)
    other = await links.start("audience", origin="o", on_notice=notices["other"].append)
    _console = await links.start("console", origin="c", on_notice=notices["console"].append)
    await wait_until(lambda: hub.group == Group(1, 2) and other.group == Group(1, 2))
    from_hub = Notice.make("warning", "Audience view", "terminal too small (38\u00d710)")
    hub.send_notice(from_hub)
    await wait_until(lambda: notices["console"] == [from_hub])
    from_client = Notice.make("error", "Deck not reloaded", "talk.md:3: unclosed comment")
    other.send_notice(from_client)  # a client's notice goes through the hub
    await wait_until(lambda: notices["console"] == [from_hub, from_client])
    assert notices["hub"] == notices["other"] == []


async def test_a_notice_is_made_showable_and_a_bad_one_is_not_sent(links, caplog):
    notices: list[Notice] = []
    console = await links.start("console", origin="c", on_notice=notices.append)
    await wait_until(lambda: console.is_hub)
    audience = await links.start("audience", origin="a")
    await wait_until(lambda: audience.connected and console.group == Group(1, 1))
    audience.send_notice(Notice("error", "x", "\x1b]0;pwned\x07 title"))  # not through make()
    assert "invalid notice" in caplog.text
    audience.send_notice(Notice.make("error", "x\n", "\x1b]0;pwned\x07 line\none " + "y" * 900))
    await wait_until(lambda: len(notices) == 1)
    [notice] = notices
    assert notice.title == "x" and notice.text.startswith("]0;pwned line one yyy")
    assert notice.text.endswith("\u2026") and len(notice.text) == 500


async def test_a_change_goes_out_at_once_with_no_timer_in_between(links):
    """Prompt without a stopwatch: with the event loop's clock stopped no timer can fire, so a
    change that still arrives was sent at once, not batched or polled for."""
    hub, client = await pair(links)
    loop = asyncio.get_running_loop()
    stopped = loop.time()
    loop.time = lambda: stopped  # type: ignore[method-assign]
    try:
        for index in range(1, 6):
            hub.publish(index, 0, False)
            await wait_until(lambda index=index: client.recorder.last == (index, 0, False), timer_free=True)
    finally:
        del loop.time  # the class's own again


async def test_one_publish_reaches_every_other_process(links):
    console = await links.start("console", origin="c")
    await wait_until(lambda: console.is_hub)
    audiences = [await links.start("audience", origin=f"a{n}") for n in range(2)]
    await wait_until(lambda: mesh_settled([console, *audiences]))
    console.publish(4, 1, False)
    await wait_until(lambda: all(a.recorder.last == (4, 1, False) for a in audiences))
    audiences[0].publish(5, 0, False)  # a client's change goes through the hub to the other
    await wait_until(lambda: audiences[1].recorder.last == (5, 0, False))
    await wait_until(lambda: console.recorder.last == (5, 0, False))
    assert len({link.state for link in [console, *audiences]}) == 1


async def test_either_side_can_start_first(links):
    audience = await links.start("audience", origin="a")
    await wait_until(lambda: audience.is_hub)  # nobody there: the audience becomes hub
    console = await links.start("console", origin="c")
    await wait_until(lambda: console.connected and not console.is_hub)
    console.publish(7, 0, False)
    await wait_until(lambda: audience.recorder.last == (7, 0, False))


async def test_many_starting_at_once_settle_on_one_hub(links):
    many = [links.new("audience", origin=f"p{n}") for n in range(6)]
    await asyncio.gather(*(link.start() for link in many))
    await wait_until(lambda: mesh_settled(many))
    many[3].publish(9, 2, False)
    await wait_until(lambda: all(link.state.view == (9, 2, False) for link in many))


async def test_a_restarted_audience_picks_up_where_the_show_is(links):
    console, audience = await pair(links)
    for slide in range(1, 4):
        console.publish(slide, 1, False)
    await wait_until(lambda: audience.state == console.state)
    established = console.state
    await audience.stop()
    await wait_until(lambda: console.peers == 0)
    fresh = await links.start("audience", origin="zzzz")  # fresh: clock 0, even with a big origin
    await wait_until(lambda: fresh.recorder.last == (3, 1, False))
    assert fresh.state == established and console.state == established
    assert console.recorder.states == []  # the fresh one's slide 0 never moved the console


async def test_a_restarted_console_picks_up_and_the_audience_takes_over_as_hub(links):
    console, audience = await pair(links)
    console.publish(3, 0, False)
    console.publish(3, 1, False)
    await wait_until(lambda: audience.recorder.last == (3, 1, False))
    await console.stop()
    await wait_until(lambda: audience.is_hub)  # promoted: the hub was gone
    fresh = await links.start("console", origin="zzzz")
    await wait_until(lambda: fresh.recorder.last == (3, 1, False))
    assert audience.recorder.last == (3, 1, False)
    fresh.publish(4, 0, False)  # and the new console drives the show
    await wait_until(lambda: audience.recorder.last == (4, 0, False))


async def test_a_change_made_while_alone_wins_when_the_group_meets_again(links):
    console, audience = await pair(links)
    console.publish(1, 0, False)
    await wait_until(lambda: audience.state == console.state)
    await console.stop()
    await wait_until(lambda: audience.is_hub)
    audience.publish(6, 0, False)  # moved while the console was away
    console2 = await links.start("console", origin="c2")
    await wait_until(lambda: console2.recorder.last == (6, 0, False))


async def test_fresh_processes_agree_on_one_position(links):
    left = await links.start("console", origin="left", initial=(2, 0, False))
    right = await links.start("audience", origin="right", initial=(5, 1, False))
    await wait_until(lambda: left.state == right.state)
    assert left.state.view == (5, 1, False)  # equal clocks: the larger origin breaks the tie
    assert left.recorder.last == (5, 1, False) and right.recorder.states == []


async def test_publishing_the_same_view_again_is_a_no_op(links):
    hub, client = await pair(links)
    hub.publish(1, 0, False)
    await wait_until(lambda: client.recorder.last == (1, 0, False))
    clock = hub.state.clock
    hub.publish(1, 0, False)
    client.publish(1, 0, False)  # what an app does after on_state moved it
    assert hub.state.clock == client.state.clock == clock
    # A change each way after them, on the same connection: once it is in, so is anything the
    # no-ops sent. They sent nothing and took no clock.
    hub.publish(2, 0, False)
    await wait_until(lambda: client.recorder.last == (2, 0, False))
    client.publish(3, 0, False)
    await wait_until(lambda: hub.recorder.last == (3, 0, False))
    assert [s.view for s in client.recorder.states] == [(1, 0, False), (2, 0, False)]
    assert [s.view for s in hub.recorder.states] == [(3, 0, False)]
    assert hub.state.clock == client.state.clock == clock + 2


async def test_publish_ignores_invalid_positions(links, caplog):
    hub, _client = await pair(links)
    hub.publish(-1, 0, False)
    hub.publish(1, 0, "yes")  # type: ignore[arg-type]
    hub.publish(1, 0, False, TimerState("stopped", 0, 0))
    hub.publish(1, 0, False, TimerState("running", -5, 0))
    assert hub.state.clock == 0 and "invalid state" in caplog.text


async def test_a_failing_callback_does_not_break_the_link(links, caplog):
    def explode(state: State) -> None:
        raise RuntimeError("app bug")

    hub = await links.start("console", origin="a")
    await wait_until(lambda: hub.is_hub)
    client = await links.start("audience", origin="b", on_state=explode)
    await wait_until(lambda: client.connected)
    hub.publish(1, 0, False)
    await wait_until(lambda: client.state.view == (1, 0, False))
    hub.publish(2, 0, False)
    await wait_until(lambda: client.state.view == (2, 0, False))
    client.publish(3, 0, False)
    await wait_until(lambda: hub.recorder.last == (3, 0, False))
    assert "on_state callback failed" in caplog.text


async def test_the_hub_recovers_its_deleted_socket(links):
    hub, client = await pair(links)
    links.path.unlink()
    await wait_until(lambda: links.path.exists())  # bound again by the watchdog
    late = await links.start("audience", origin="c")
    await wait_until(lambda: hub.peers == 2)
    hub.publish(8, 0, False)
    await wait_until(lambda: client.recorder.last == late.recorder.last == (8, 0, False))


async def test_the_group_recovers_when_the_whole_directory_is_wiped(short_dir):
    links = Links(short_dir / "run" / "deck.sock")
    try:
        hub, client = await pair(links)
        shutil.rmtree(short_dir / "run")  # a tmp cleaner, say: socket and lock file gone
        await wait_until(lambda: links.path.exists() and mesh_settled([hub, client]))
        assert stat.S_IMODE(os.lstat(short_dir / "run").st_mode) == 0o700
        late = await links.start("audience", origin="c")
        await wait_until(lambda: mesh_settled([hub, client, late]))
        client.publish(2, 0, False)
        await wait_until(lambda: hub.recorder.last == late.recorder.last == (2, 0, False))
    finally:
        await links.stop_all()


async def test_a_stale_socket_from_a_crashed_hub_is_replaced(links):
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(links.path))
    stale.close()  # the file stays: nothing listens, connecting is refused
    hub, client = await pair(links)
    hub.publish(1, 0, False)
    await wait_until(lambda: client.recorder.last == (1, 0, False))


async def test_socket_and_directory_are_private(links):
    hub = await links.start("console")
    await wait_until(lambda: hub.is_hub)
    assert stat.S_IMODE(os.lstat(links.path).st_mode) == 0o600
    assert stat.S_ISSOCK(os.lstat(links.path).st_mode)
    assert stat.S_IMODE(os.lstat(links.path.parent).st_mode) == 0o700
    lock = links.path.with_suffix(".lock")
    assert stat.S_IMODE(os.lstat(lock).st_mode) == 0o600


async def test_the_deck_picks_the_socket_in_the_runtime_dir(short_dir, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(short_dir))
    deck = short_dir / "talk.md"
    first = SyncLink(deck, "console", Recorder())
    second = SyncLink(Path(os.path.relpath(deck)), "audience", Recorder())
    try:
        await first.start()
        await second.start()
        await wait_until(lambda: first.connected and second.connected)
        assert first.socket_path == second.socket_path
        assert first.socket_path.parent == short_dir / "briefing"
        assert stat.S_IMODE(os.lstat(short_dir / "briefing").st_mode) == 0o700
        assert stat.S_IMODE(os.lstat(first.socket_path).st_mode) == 0o600
    finally:
        await first.stop()
        await second.stop()


async def test_an_unusable_runtime_dir_disables_the_link_quietly(tmp_path, monkeypatch, caplog):
    (tmp_path / "briefing").mkdir()
    (tmp_path / "briefing").chmod(0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    real = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: real + 1)  # the directory is someone else's
    link = SyncLink(tmp_path / "talk.md", "console", Recorder())
    await link.start()  # does not raise
    link.publish(1, 0, False)  # still harmless
    await link.stop()
    assert link.error is not None and "refusing" in link.error
    assert not link.connected and "sync disabled" in caplog.text


async def test_a_socket_path_too_long_disables_the_link(short_dir):
    link = SyncLink(Path("d.md"), "console", Recorder(), socket_path=short_dir / ("x" * 120))
    await link.start()
    assert link.error is not None and "too long" in link.error
    await link.stop()


async def test_stop_cleans_up_everything(links):
    hub, client = await pair(links)
    other = await links.start("audience", origin="c")
    await wait_until(lambda: hub.peers == 2)
    before = asyncio.all_tasks()
    assert len(before) > 1
    await hub.stop()
    assert not links.path.exists()  # the hub removes its socket
    assert not hub.is_hub and hub.peers == 0
    await wait_until(lambda: mesh_settled([client, other]))  # the others carry on
    await client.stop()
    await other.stop()
    assert not links.path.exists()
    await asyncio.sleep(0)  # let the last closed connections' callbacks run
    assert asyncio.all_tasks() == {asyncio.current_task()}
    await hub.stop()  # twice is fine


async def test_a_link_can_be_started_again_after_stopping(links):
    hub, client = await pair(links)
    await client.stop()
    await client.start()
    await wait_until(lambda: client.connected and hub.peers == 1)
    hub.publish(3, 0, False)
    await wait_until(lambda: client.recorder.last == (3, 0, False))


def test_bad_arguments_are_refused_at_construction():
    with pytest.raises(ValueError):
        SyncLink(Path("d.md"), "speaker", Recorder())
    with pytest.raises(ValueError):
        SyncLink(Path("d.md"), "console", Recorder(), origin="has space")
    with pytest.raises(ValueError):
        SyncLink(Path("d.md"), "console", Recorder(), initial=(-1, 0, False))


# -- peers that misbehave ---------------------------------------------------------------


async def raw_client(path: Path):
    reader, writer = await asyncio.open_unix_connection(str(path))
    hello = decode(await asyncio.wait_for(reader.readline(), 3))
    assert isinstance(hello, Hello)
    return reader, writer


BAD_LINES = [
    pytest.param(b"garbage\n", id="garbage"),
    pytest.param(b'{"type": "state", "slide": 3\n', id="invalid json"),
    pytest.param(b'{"type": "teleport", "slide": 3}\n', id="unknown type"),
    pytest.param(b"\xff\xfe\xfd\n", id="not utf-8"),
    pytest.param(b"x" * 10_000 + b"\n", id="oversized"),
    pytest.param(
        b'{"type":"state","slide":3,"step":0,"blackout":false,"clock":99,"origin":"' + b"z" * 20_000 + b'"}\n',
        id="oversized valid-looking",
    ),
    pytest.param(
        b'{"type":"state","slide":-3,"step":0,"blackout":false,"clock":99,"origin":"x"}\n', id="negative slide"
    ),
    pytest.param(b"\n\n\n", id="blank lines"),
]


@pytest.mark.parametrize("bad", BAD_LINES)
async def test_a_bad_message_is_dropped_and_the_hub_keeps_working(links, bad, caplog):
    caplog.set_level(logging.WARNING, logger="briefing.sync")
    hub, client = await pair(links)
    reader, writer = await raw_client(links.path)
    await wait_until(lambda: hub.peers == 2)
    writer.write(bad)
    # Then, on the same connection, a valid message that is newer than anything: it counts.
    writer.write(encode(State(6, 1, False, 50, "raw")))
    await writer.drain()
    await wait_until(lambda: client.recorder.last == (6, 1, False))
    assert hub.recorder.last == (6, 1, False)
    assert "dropped" in caplog.text and all(r.name == "briefing.sync" for r in caplog.records)
    hub.publish(7, 0, False)  # and the raw peer hears the rest of the show
    line = await asyncio.wait_for(reader.readline(), 3)
    assert decode(line) == hub.state
    writer.close()
    await wait_until(lambda: hub.peers == 1)
    client.publish(8, 0, False)
    await wait_until(lambda: hub.recorder.last == (8, 0, False))


async def test_a_peer_that_vanishes_mid_line_is_forgotten(links):
    hub, client = await pair(links)
    _reader, writer = await raw_client(links.path)
    writer.write(b'{"type":"state","sli')
    await writer.drain()
    writer.close()
    await wait_until(lambda: hub.peers == 1)
    hub.publish(1, 0, False)
    await wait_until(lambda: client.recorder.last == (1, 0, False))


async def test_a_stale_state_from_a_peer_changes_nothing(links):
    hub, client = await pair(links)
    hub.publish(5, 0, False)
    hub.publish(6, 0, False)
    await wait_until(lambda: client.state == hub.state)
    _reader, writer = await raw_client(links.path)
    writer.write(encode(State(1, 0, False, 1, "zzz")))
    # Then, on the same connection, a newer state: once it is in, the stale one was dealt with.
    writer.write(encode(State(7, 0, False, hub.state.clock + 1, "raw")))
    await writer.drain()
    await wait_until(lambda: hub.state.view == client.state.view == (7, 0, False))
    assert [s.view for s in hub.recorder.states] == [(7, 0, False)]
    assert (1, 0, False) not in [s.view for s in client.recorder.states]
    writer.close()


async def test_a_peer_that_stops_reading_is_dropped(links, caplog):
    hub = await links.start("console", origin="a")
    await wait_until(lambda: hub.is_hub)
    _reader, writer = await raw_client(links.path)  # connects, then never reads again
    await wait_until(lambda: hub.peers == 1)
    for n in range(50_000):
        hub.publish(n % 1000, n % 7, False)
        if hub.peers == 0:
            break
        if n % 500 == 0:
            await asyncio.sleep(0)
    await wait_until(lambda: hub.peers == 0)
    assert "stopped reading" in caplog.text
    writer.close()


async def test_connections_from_another_user_are_refused(links, monkeypatch, caplog):
    hub = await links.start("console", origin="a")
    await wait_until(lambda: hub.is_hub)
    monkeypatch.setattr(runtime, "peer_uid", lambda sock: os.geteuid() + 1)
    reader, writer = await asyncio.open_unix_connection(str(links.path))
    assert await asyncio.wait_for(reader.read(), 3) == b""  # closed without a word
    assert hub.peers == 0 and "refused a connection from uid" in caplog.text
    writer.close()


async def test_the_peer_uid_is_read_from_the_kernel(links, monkeypatch):
    if not hasattr(socket, "SO_PEERCRED"):
        pytest.skip("SO_PEERCRED is Linux-only")
    seen: list[int | None] = []
    real = runtime.peer_uid

    def spy(sock):
        seen.append(real(sock))
        return seen[-1]

    monkeypatch.setattr(runtime, "peer_uid", spy)
    await pair(links)
    assert len(seen) >= 2 and all(uid == os.geteuid() for uid in seen)  # hub and client both


async def test_a_client_ignores_garbage_from_a_fake_hub(sock_path):
    """The client side is as careful as the hub: here the 'hub' is a raw server."""
    done = asyncio.Event()

    async def fake_hub(reader, writer):
        try:
            writer.write(b"junk\n" + b"y" * 9000 + b"\n")
            writer.write(encode(Hello("console", State(4, 2, True, 3, "hub"))))
            await writer.drain()
            await reader.read()  # until the client goes
        finally:
            writer.close()
            done.set()

    server = await asyncio.start_unix_server(fake_hub, path=str(sock_path))
    recorder = Recorder()
    client = SyncLink(Path("d.md"), "audience", recorder, socket_path=sock_path, origin="c")
    try:
        await client.start()
        await wait_until(lambda: recorder.last == (4, 2, True))
        assert client.connected and not client.is_hub
    finally:
        await client.stop()
        await asyncio.wait_for(done.wait(), 3)
        server.close()
        await server.wait_closed()


# -- a code block's run, mirrored to every linked view ---------------------------------------


async def test_run_messages_reach_every_other_process_in_order(links):
    heard: dict[str, list] = {"c": [], "a1": [], "a2": []}
    console = await links.start("console", origin="c", on_run=heard["c"].append)
    await wait_until(lambda: console.is_hub)
    first = await links.start("audience", origin="a1", on_run=heard["a1"].append)
    second = await links.start("audience", origin="a2", on_run=heard["a2"].append)
    await wait_until(lambda: mesh_settled([console, first, second]))
    run = [RunStarted("a1-1", 2, 7), RunOutput("a1-1", "hi\n"), RunEnded("a1-1", "exit status 0", False)]
    for message in run:
        first.send_run(message)  # a client's run reaches the hub and, through it, the other client
    await wait_until(lambda: heard["c"] == heard["a2"] == run)
    console.send_run(RunStop("a1-1"))
    await wait_until(lambda: heard["a1"] == [RunStop("a1-1")])
    assert heard["c"] == run  # nobody hears their own messages back


async def test_an_invalid_run_message_is_not_sent(links, caplog):
    heard: list = []
    hub, client = await pair(links)
    hub._on_run = heard.append
    client.send_run(RunOutput("b-1", "\x1b[2J"))
    client.send_run(RunOutput("b-1", "ok"))
    await wait_until(lambda: heard == [RunOutput("b-1", "ok")])
    assert "invalid run message" in caplog.text


async def test_when_the_runner_drops_mid_run_the_others_hear_that_its_run_ended(links):
    heard: dict[str, list] = {"hub": [], "other": []}
    hub = await links.start("audience", origin="h", on_run=heard["hub"].append)
    await wait_until(lambda: hub.is_hub)
    other = await links.start("audience", origin="o", on_run=heard["other"].append)
    runner = await links.start("console", origin="r")
    await wait_until(lambda: mesh_settled([hub, other, runner]))
    runner.send_run(RunStarted("r-1", 0, 3))
    runner.send_run(RunStarted("r-2", 0, 9))
    runner.send_run(RunEnded("r-2", "exit status 0", False))
    await wait_until(lambda: len(heard["other"]) == 3)
    await runner.stop()  # gone mid-run, with no word about r-1
    lost = RunEnded("r-1", LINK_LOST, True)
    await wait_until(lambda: heard["hub"][-1] == lost and heard["other"][-1] == lost)
    assert heard["hub"].count(lost) == heard["other"].count(lost) == 1  # and nothing for r-2


async def test_a_client_that_loses_the_hub_running_a_block_hears_that_the_run_ended(links):
    heard: list = []
    hub, client = await pair(links)
    client._on_run = heard.append
    hub.send_run(RunStarted("a-1", 1, 1))
    await wait_until(lambda: heard == [RunStarted("a-1", 1, 1)])
    await hub.stop()
    await wait_until(lambda: heard[-1:] == [RunEnded("a-1", LINK_LOST, True)])
