"""The messages that mirror a code block's run to every linked view (issue 12 §4): what goes
out comes back, nothing unclean gets in, and a flood reaches the views as its last lines with
the right count of the lines left out."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.sanitize import clean_text
from briefing.render.run_output import tail
from briefing.sync.protocol import MAX_LINE, MAX_RUN_TEXT, RunEnded, RunOutput, RunStarted, RunStop, decode, encode
from briefing.sync.run_stream import follow_output, output_messages
from tests.conftest import SLOW_EXAMPLES


@pytest.mark.parametrize(
    "message",
    [
        RunStarted("ab12-1", 3, 14),
        RunOutput("ab12-1", 'hello\n\tcaf\u00e9 \u6f22\U0001f600 "quoted" \\ back\n'),
        RunOutput("ab12-1", "", cut=True, skipped=12_000),
        RunEnded("ab12-1", "exit status 1; output cut after 1 MiB", True),
        RunStop("ab12-1"),
    ],
    ids=["started", "output", "cut", "ended", "stop"],
)
def test_run_messages_round_trip_on_one_line(message):
    data = encode(message)
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    assert decode(data) == message


def test_the_biggest_output_message_fits_on_one_line():
    for worst in ("\U0001f600", '"', "\n", "\\"):
        message = RunOutput("r" * 64, worst * MAX_RUN_TEXT, cut=True, skipped=2**53 - 1)
        assert message.is_valid() and len(encode(message)) <= MAX_LINE
        assert decode(encode(message)) == message


def test_an_ending_is_made_one_showable_line():
    ended = RunEnded.make("r-1", "\x1b]0;owned\x07stopped\nnow " + "y" * 900, True)
    assert ended.is_valid() and "\x1b" not in ended.status and "\n" not in ended.status
    assert len(ended.status) == 500 and ended.status.endswith("\u2026")
    assert RunEnded.make("r-1", "\x1b", False).status == "ended"  # never empty: empty means running


RUN = {"run": "ab-1"}


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"type": "run-started", **RUN, "slide": 1}, id="started without line"),
        pytest.param({"type": "run-started", **RUN, "slide": -1, "line": 1}, id="negative slide"),
        pytest.param({"type": "run-started", **RUN, "slide": True, "line": 1}, id="bool slide"),
        pytest.param({"type": "run-started", **RUN, "slide": 1, "line": 10**7}, id="huge line"),
        pytest.param({"type": "run-started", "run": "a b", "slide": 1, "line": 1}, id="run with a space"),
        pytest.param({"type": "run-started", "run": "", "slide": 1, "line": 1}, id="empty run"),
        pytest.param({"type": "run-started", "run": 7, "slide": 1, "line": 1}, id="run as int"),
        pytest.param({"type": "run-started", **RUN, "slide": 1, "line": 1, "x": 1}, id="extra key"),
        pytest.param({"type": "run-output", **RUN, "text": "a\x1b[2Jb", "cut": False, "skipped": 0}, id="escape"),
        pytest.param({"type": "run-output", **RUN, "text": "a\x9bb", "cut": False, "skipped": 0}, id="8-bit CSI"),
        pytest.param({"type": "run-output", **RUN, "text": "a\rb", "cut": False, "skipped": 0}, id="carriage return"),
        pytest.param({"type": "run-output", **RUN, "text": "\u202e", "cut": False, "skipped": 0}, id="bidi"),
        pytest.param({"type": "run-output", **RUN, "text": "\ud800", "cut": False, "skipped": 0}, id="surrogate"),
        pytest.param({"type": "run-output", **RUN, "text": "x" * 801, "cut": False, "skipped": 0}, id="long"),
        pytest.param({"type": "run-output", **RUN, "text": ["x"], "cut": False, "skipped": 0}, id="text list"),
        pytest.param({"type": "run-output", **RUN, "text": "x", "cut": 0, "skipped": 0}, id="cut as int"),
        pytest.param({"type": "run-output", **RUN, "text": "x", "cut": False, "skipped": 3}, id="skip uncut"),
        pytest.param({"type": "run-output", **RUN, "text": "x", "cut": True, "skipped": -1}, id="negative skip"),
        pytest.param({"type": "run-output", **RUN, "text": "x", "cut": True}, id="no skipped"),
        pytest.param({"type": "run-ended", **RUN, "status": "", "failed": False}, id="empty status"),
        pytest.param({"type": "run-ended", **RUN, "status": "a\nb", "failed": False}, id="status newline"),
        pytest.param({"type": "run-ended", **RUN, "status": "\x1b[31m", "failed": False}, id="status escape"),
        pytest.param({"type": "run-ended", **RUN, "status": "x" * 501, "failed": False}, id="long status"),
        pytest.param({"type": "run-ended", **RUN, "status": "ok", "failed": "no"}, id="failed as text"),
        pytest.param({"type": "run-stop"}, id="stop without run"),
        pytest.param({"type": "run-stop", **RUN, "slide": 1}, id="stop extra"),
        pytest.param({"type": "run-start", **RUN, "slide": 1, "line": 1}, id="unknown run type"),
    ],
)
def test_malformed_run_messages_decode_to_none(fields):
    assert decode(json.dumps(fields).encode()) is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=SLOW_EXAMPLES)
@given(
    st.sampled_from(["run-started", "run-output", "run-ended", "run-stop"]),
    st.dictionaries(
        st.sampled_from(["run", "slide", "line", "text", "cut", "skipped", "status", "failed"]),
        json_values | st.sampled_from(["r-1", "exit status 0", "a\nb", True, False, 0, 1]),
        max_size=8,
    ),
)
def test_decode_never_raises_on_objects_shaped_like_run_messages(kind, fields):
    message = decode(json.dumps({"type": kind, **fields}).encode())
    if message is not None:  # then it really is valid, says the same thing again, and is clean
        assert decode(encode(message)) == message
        if isinstance(message, RunOutput):
            assert clean_text(message.text) == message.text


# -- a run's output, from the runner to the views ------------------------------------------

clean_output = st.text(st.sampled_from("ab \t\u00e9\U0001f600\n"), max_size=3000)


def receive(batches: list[str], batch: int) -> tuple[str, int]:
    """What a view holds after the runner sent `batches` of new output, `batch` at most each."""
    text, hidden = "", 0
    for new in batches:
        for message in output_messages("r-1", new, batch):
            assert message.is_valid() and decode(encode(message)) == message
            text, hidden = follow_output(text, hidden, message)
            text, hidden = tail(text, hidden)
    return text, hidden


@settings(max_examples=SLOW_EXAMPLES)
@given(st.lists(clean_output, max_size=6), st.integers(1, 4000))
def test_a_view_shows_the_end_of_the_output_and_counts_every_line(batches, batch):
    text, hidden = receive(batches, batch)
    whole = "".join(batches)
    assert whole.endswith(text)  # the end of what the runner printed, never anything else
    assert hidden + text.count("\n") == whole.count("\n")  # every line shown or counted
    assert len(text) <= max(len(whole), 1)


@given(st.lists(clean_output, max_size=6))
def test_output_within_the_batch_arrives_whole(batches):
    text, hidden = receive(batches, 10**6)
    assert (text, hidden) == tail("".join(batches))


def test_a_flood_sends_its_last_lines_and_how_many_were_left_out():
    flood = "".join(f"line {n}\n" for n in range(100_000))
    messages = output_messages("r-1", flood, 100)
    first = messages[0]
    assert first.cut and first.text.startswith("line ")  # starts at a line's beginning
    assert sum(len(message.text) for message in messages) <= 100
    text, hidden = "kept from before\n", 3
    for message in messages:
        text, hidden = follow_output(text, hidden, message)
    assert text.endswith("line 99999\n") and "kept" not in text
    assert hidden + text.count("\n") == 3 + 1 + 100_000


def test_nothing_new_sends_nothing_and_a_big_batch_is_split():
    assert output_messages("r-1", "") == []
    messages = output_messages("r-1", "x" * (MAX_RUN_TEXT * 2 + 1))
    assert [len(message.text) for message in messages] == [MAX_RUN_TEXT, MAX_RUN_TEXT, 1]
    assert not any(message.cut for message in messages)
