"""The wire format: what goes out comes back, and nothing else gets in."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.sync.protocol import (
    MAX_CLOCK,
    MAX_INDEX,
    MAX_LINE,
    Group,
    Hello,
    LineSplitter,
    Notice,
    Register,
    State,
    TimerState,
    decode,
    encode,
)
from tests.conftest import SLOW_EXAMPLES

TIMER = TimerState("running", 65_000, 1_764_320_000_000)
STATE = State(slide=3, step=1, blackout=False, clock=12, origin="ab12cd34", timer=TIMER)
VALID = {
    "type": "state",
    "slide": 3,
    "step": 1,
    "blackout": False,
    "timer": "paused",
    "elapsed_ms": 5,
    "since_ms": 7,
    "clock": 12,
    "origin": "ab",
}


DROP = object()


def line(**changes: object) -> bytes:
    """VALID as JSON with some fields changed, or dropped with DROP."""
    fields = {**VALID, **changes}
    return json.dumps({key: value for key, value in fields.items() if value is not DROP}).encode()


def test_state_round_trips():
    assert decode(encode(STATE)) == STATE


def test_hello_round_trips():
    hello = Hello("console", STATE)
    assert decode(encode(hello)) == hello
    assert decode(encode(Hello("audience", STATE))) == Hello("audience", STATE)


def test_the_wire_format_is_one_flat_json_line():
    data = encode(STATE)
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    assert json.loads(data) == {
        "type": "state",
        "slide": 3,
        "step": 1,
        "blackout": False,
        "timer": "running",
        "elapsed_ms": 65_000,
        "since_ms": 1_764_320_000_000,
        "clock": 12,
        "origin": "ab12cd34",
    }


@pytest.mark.parametrize("mode", ["waiting", "running", "paused"])
def test_every_timer_mode_round_trips(mode):
    state = State(0, 0, False, 1, "o", TimerState(mode, 1, 2))
    assert decode(encode(state)) == state


def test_extremes_within_bounds_are_accepted():
    timer = TimerState("running", MAX_CLOCK - 1, MAX_CLOCK - 1)
    state = State(MAX_INDEX - 1, MAX_INDEX - 1, True, MAX_CLOCK - 1, "x" * 64, timer)
    assert decode(encode(state)) == state
    assert decode(line(slide=0, step=0, clock=0, elapsed_ms=0, since_ms=0)) is not None


def test_surrounding_whitespace_is_fine():
    expected = State(3, 1, False, 12, "ab", TimerState("paused", 5, 7))
    assert decode(b"  " + line() + b"\r\n") == expected


def test_group_and_notice_round_trip():
    for message in (Group(1, 3), Notice("error", "Deck not reloaded", "talk.md:3: unclosed fence")):
        assert decode(encode(message)) == message
    assert decode(encode(Notice("warning", "", "caf\u00e9 \u2014 \u6f22\u5b57"))) is not None


def test_the_biggest_notice_fits_on_one_line():
    notice = Notice.make("error", "\u6f22" * 200, "\U0001f600" * 900)
    assert notice.is_valid() and len(encode(notice)) <= MAX_LINE
    assert decode(encode(notice)) == notice


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"type": "group", "consoles": 1}, id="group without audiences"),
        pytest.param({"type": "group", "consoles": 1, "audiences": 1, "x": 1}, id="group extra"),
        pytest.param({"type": "group", "consoles": -1, "audiences": 1}, id="negative count"),
        pytest.param({"type": "group", "consoles": True, "audiences": 1}, id="bool count"),
        pytest.param({"type": "group", "consoles": 1.0, "audiences": 1}, id="float count"),
        pytest.param({"type": "group", "consoles": 10**6, "audiences": 1}, id="huge count"),
        pytest.param({"type": "notice", "severity": "error", "title": ""}, id="notice without text"),
        pytest.param({"type": "notice", "severity": "fatal", "title": "", "text": "x"}, id="bad severity"),
        pytest.param({"type": "notice", "severity": "information", "title": "", "text": "x"}, id="information"),
        pytest.param({"type": "notice", "severity": "error", "title": "", "text": ""}, id="empty text"),
        pytest.param({"type": "notice", "severity": "error", "title": "", "text": "  "}, id="blank text"),
        pytest.param({"type": "notice", "severity": "error", "title": 1, "text": "x"}, id="title not text"),
        pytest.param({"type": "notice", "severity": "error", "title": "", "text": ["x"]}, id="text in a list"),
        pytest.param({"type": "notice", "severity": "error", "title": "", "text": "x" * 501}, id="long text"),
        pytest.param({"type": "notice", "severity": "error", "title": "t" * 81, "text": "x"}, id="long title"),
        pytest.param({"type": "notice", "severity": "error", "title": "", "text": "a\x1b[2Jb"}, id="escape"),
        pytest.param({"type": "notice", "severity": "error", "title": "", "text": "a\x9bb"}, id="8-bit CSI"),
        pytest.param({"type": "notice", "severity": "error", "title": "", "text": "a\nb"}, id="newline"),
        pytest.param({"type": "notice", "severity": "error", "title": "\u202e", "text": "x"}, id="bidi"),
        pytest.param({"type": "notice", "severity": "error", "title": "", "text": "x", "origin": "a"}, id="extra"),
    ],
)
def test_malformed_group_and_notice_decode_to_none(fields):
    assert decode(json.dumps(fields).encode()) is None


def test_the_timer_reads_the_same_whenever_the_state_arrives():
    running = TimerState("running", 10_000, 1_000_000)
    assert running.elapsed_at(1_000_000) == 10
    assert running.elapsed_at(1_065_000) == 75
    assert running.elapsed_at(999_000) == 10  # a clock a little behind never counts back
    assert TimerState("paused", 10_000, 1_000_000).elapsed_at(5_000_000) == 10
    assert TimerState().elapsed_at(5_000_000) == 0


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\n", id="blank line"),
        pytest.param(b"not json\n", id="not json"),
        pytest.param(b'{"type": "state", "slide": 3', id="truncated"),
        pytest.param(b"[1, 2, 3]\n", id="a list"),
        pytest.param(b'"state"\n', id="a string"),
        pytest.param(b"null\n", id="null"),
        pytest.param(b"\xff\xfe\x00{}\n", id="not utf-8"),
        pytest.param(line().replace(b'"ab"', b'"\xc3\x28"'), id="invalid utf-8 in a string"),
        pytest.param(b"[" * 2000 + b"]" * 2000, id="deep nesting"),
        pytest.param(line(origin="a" * (MAX_LINE + 10)), id="oversized line"),
        pytest.param(line(type="jump"), id="unknown type"),
        pytest.param(line(type=DROP), id="no type"),
        pytest.param(line(type=1), id="type not a string"),
        pytest.param(line(slide=DROP), id="missing slide"),
        pytest.param(line(origin=DROP), id="missing origin"),
        pytest.param(line(extra=1), id="extra field"),
        pytest.param(line(slide="3"), id="slide as string"),
        pytest.param(line(slide=3.0), id="slide as float"),
        pytest.param(line(slide=True), id="slide as bool"),
        pytest.param(line(slide=None), id="slide null"),
        pytest.param(line(slide=[3]), id="slide nested in a list"),
        pytest.param(line(slide={"n": 3}), id="slide nested in an object"),
        pytest.param(line(slide=-1), id="negative slide"),
        pytest.param(line(step=-1), id="negative step"),
        pytest.param(line(clock=-1), id="negative clock"),
        pytest.param(line(slide=MAX_INDEX), id="huge slide"),
        pytest.param(line(step=10**30), id="huge step"),
        pytest.param(line(clock=MAX_CLOCK), id="huge clock"),
        pytest.param(line(clock=1e300), id="float clock"),
        pytest.param(line().replace(b"12", b"NaN"), id="NaN clock"),
        pytest.param(line().replace(b"12", b"9" * 5000), id="thousands of digits"),
        pytest.param(line(blackout=0), id="blackout as int"),
        pytest.param(line(blackout="false"), id="blackout as string"),
        pytest.param(line(origin=""), id="empty origin"),
        pytest.param(line(origin="a" * 65), id="long origin"),
        pytest.param(line(origin="a b"), id="origin with a space"),
        pytest.param(line(origin="ab\n"), id="origin with a newline"),
        pytest.param(line(origin="\u00e9t\u00e9"), id="non-ascii origin"),
        pytest.param(line(origin=7), id="origin as int"),
        pytest.param(line(timer=DROP), id="missing timer"),
        pytest.param(line(elapsed_ms=DROP), id="missing elapsed"),
        pytest.param(line(since_ms=DROP), id="missing since"),
        pytest.param(line(timer="stopped"), id="unknown timer mode"),
        pytest.param(line(timer="RUNNING"), id="timer mode in capitals"),
        pytest.param(line(timer=True), id="timer as bool"),
        pytest.param(line(timer=["running"]), id="timer in a list"),
        pytest.param(line(timer=None), id="timer null"),
        pytest.param(line(elapsed_ms=-1), id="negative elapsed"),
        pytest.param(line(elapsed_ms=1.5), id="float elapsed"),
        pytest.param(line(elapsed_ms="5"), id="elapsed as string"),
        pytest.param(line(elapsed_ms=False), id="elapsed as bool"),
        pytest.param(line(elapsed_ms=MAX_CLOCK), id="huge elapsed"),
        pytest.param(line(since_ms=-1), id="negative since"),
        pytest.param(line(since_ms=10**20), id="huge since"),
        pytest.param(line(since_ms=1e12), id="float since"),
        pytest.param(
            json.dumps({**VALID, "timer": {"mode": "running", "elapsed_ms": 0, "since_ms": 0}}).encode(),
            id="timer as an object",
        ),
        pytest.param(line(type="hello"), id="hello without role"),
        pytest.param(line(type="hello", role="speaker"), id="hello with unknown role"),
        pytest.param(line(type="hello", role=["console"]), id="hello with role in a list"),
        pytest.param(line(type="hello", role="console", slide=-2), id="hello with bad state"),
        pytest.param(line(type="state", role="console"), id="state with a role"),
        pytest.param(
            json.dumps({"type": "hello", "role": "console", "state": {**VALID}}).encode(),
            id="hello with nested state",
        ),
    ],
)
def test_malformed_input_decodes_to_none(data):
    assert decode(data) is None


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=MAX_LINE + 100))
def test_decode_never_raises_on_arbitrary_bytes(data):
    decode(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=SLOW_EXAMPLES)
@given(st.dictionaries(st.sampled_from([*VALID, "role", "extra"]), json_values, max_size=12))
def test_decode_never_raises_on_json_objects_with_plausible_keys(fields):
    message = decode(json.dumps(fields).encode())
    if message is not None:  # then it really is valid, and says the same thing again
        assert decode(encode(message)) == message


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=SLOW_EXAMPLES)
@given(
    st.sampled_from(["state", "hello", "group", "notice"]),
    st.dictionaries(
        st.sampled_from(["consoles", "audiences", "severity", "title", "text", "role", "timer"]),
        json_values | st.sampled_from(["error", "warning", "console", "running", 0, 1]),
        max_size=7,
    ),
)
def test_decode_never_raises_on_objects_shaped_like_any_message(kind, fields):
    message = decode(json.dumps({"type": kind, **fields}).encode())
    if message is not None:
        assert decode(encode(message)) == message


# -- line framing: whatever way the bytes arrive ------------------------------------------

LIMIT = 16


@st.composite
def streams(draw):
    """Lines (some too long), an unfinished tail, and the same bytes cut into chunks anywhere."""
    lines = draw(st.lists(st.binary(max_size=LIMIT + 8).map(lambda b: b.replace(b"\n", b"")), max_size=8))
    tail = draw(st.binary(max_size=LIMIT + 4).map(lambda b: b.replace(b"\n", b"")))
    data = b"".join(line + b"\n" for line in lines) + tail
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=6)))
    chunks = [data[a:b] for a, b in itertools.pairwise([0, *cuts, len(data)])]
    return lines, tail, chunks


@settings(max_examples=SLOW_EXAMPLES)
@given(streams())
def test_lines_come_out_whole_however_the_bytes_are_cut(stream):
    lines, tail, chunks = stream
    splitter = LineSplitter(LIMIT)
    got = []
    for chunk in chunks:
        got += splitter.feed(chunk)
        assert splitter.buffered < LIMIT  # a peer cannot make us hold more
    assert got == [line + b"\n" for line in lines if len(line) + 1 <= LIMIT]
    too_long = sum(len(line) + 1 > LIMIT for line in lines) + (len(tail) >= LIMIT)
    assert splitter.dropped == too_long


def test_a_long_line_is_dropped_whole_not_cut_into_messages():
    splitter = LineSplitter(LIMIT)
    assert splitter.feed(b"x" * LIMIT) == []  # no newline yet, and no room left for one
    assert splitter.feed(b'{"type":"group"}\n') == []  # its tail, not a message
    assert splitter.feed(b"ok\n") == [b"ok\n"]
    assert splitter.dropped == 1


def test_the_longest_line_allowed_is_the_limit_newline_included():
    splitter = LineSplitter(LIMIT)
    assert splitter.feed(b"y" * (LIMIT - 1) + b"\n" + b"z" * LIMIT + b"\n") == [b"y" * (LIMIT - 1) + b"\n"]
    assert splitter.dropped == 1


# -- the last-writer-wins register -----------------------------------------------------------


def test_publishing_takes_a_newer_clock_and_ignores_no_change():
    register = Register("me", (2, 0, False))
    assert register.state == State(2, 0, False, 0, "me")
    assert register.publish(2, 0, False) is None  # nothing changed: nothing to send
    sent = register.publish(3, 0, False)
    assert sent == register.state == State(3, 0, False, 1, "me")
    timer = TimerState("running", 0, 5)
    assert register.publish(3, 0, False, timer) == State(3, 0, False, 2, "me", timer)
    assert register.publish(4, 0, False).timer == timer  # without a timer: it stays


def test_a_publish_after_adopting_another_state_is_newer_and_still_ours():
    register = Register("me")
    assert register.merge(State(5, 0, False, 40, "you"))
    sent = register.publish(6, 0, False)
    assert sent is not None and sent.clock == 41 and sent.origin == "me"


def test_bad_states_are_refused():
    with pytest.raises(ValueError):
        Register("has space")
    with pytest.raises(ValueError):
        Register("me", (-1, 0, False))
    register = Register("me")
    with pytest.raises(ValueError):
        register.publish(MAX_INDEX, 0, False)
    assert register.state == State(0, 0, False, 0, "me")  # unchanged


def test_the_clock_never_passes_the_largest_exact_integer():
    register = Register("me")
    register.merge(State(0, 0, False, MAX_CLOCK - 1, "zz"))
    assert register.publish(1, 0, False).clock == MAX_CLOCK - 1


states = st.builds(
    State,
    st.integers(0, 20),
    st.integers(0, 3),
    st.booleans(),
    st.integers(0, 50),
    st.sampled_from(["a", "b", "c", "d"]),
)


@settings(max_examples=SLOW_EXAMPLES)
@given(st.lists(states, max_size=8), st.randoms(use_true_random=False))
def test_replicas_that_hear_the_same_states_in_any_order_agree_on_the_latest(heard, random):
    heard = list({state.key: state for state in heard}.values())  # one state per (clock, origin)
    shuffled = heard[:]
    random.shuffle(shuffled)
    replicas = []
    for origin, order in (("x", heard), ("y", shuffled)):
        register = Register(origin)
        start = register.state
        for state in order:
            register.merge(state)
        assert register.state == max([start, *heard], key=lambda state: state.key)
        replicas.append(register)
    # a newcomer's own state (clock 0) loses to anything published, so they show the same
    assert replicas[0].state.view == replicas[1].state.view
