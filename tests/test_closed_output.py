"""When the reader of standard output goes away (`briefing export | head`), the process ends at
once, quietly and with status 0, whatever it was doing: writing, or still working on the deck.

Every test has a hard timeout, and kills whatever it started if that runs out."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.processes import kill_session, run_to_the_end

BRIEFING = Path(sys.executable).with_name("briefing")


def big_deck(folder: Path) -> Path:
    deck = folder / "big.md"
    slide = (
        "# Slide {n}\n\n"
        + "Some words on this slide, and more of them. " * 40
        + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    deck.write_text("\n---\n\n".join(slide.format(n=n) for n in range(2_000)))
    return deck


def test_head_takes_what_it_wants_and_the_rest_is_dropped(tmp_path):
    status = tmp_path / "status"
    pipeline = f"{BRIEFING} export {big_deck(tmp_path)} | head -c 10; echo ${{PIPESTATUS[0]}} > {status}"
    result = run_to_the_end(["bash", "-c", pipeline], timeout=60)
    assert len(result.stdout) == 10
    assert b"Traceback" not in result.stderr and b"Broken pipe" not in result.stderr
    assert status.read_text().strip() == "0"


# The real command, with its work made endless: only the reader going away can end it now.
STUCK = textwrap.dedent(
    """
    import sys, threading
    import briefing.check, briefing.export.text

    def stuck(*args, **kwargs):
        print("working", file=sys.stderr, flush=True)
        threading.Event().wait()

    briefing.export.text.export_text = briefing.check.check_deck = stuck
    from briefing.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.parametrize("command", ["export", "check"])
def test_a_reader_that_goes_away_ends_the_work_at_once(command):
    with subprocess.Popen(
        [sys.executable, "-c", STUCK, command],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        try:
            assert process.stderr.readline() == b"working\n"  # it is busy, and has written nothing
            process.stdout.close()  # the reader goes
            assert process.wait(timeout=20) == 0
            assert process.stderr.read() == b""
        finally:
            kill_session(process.pid)


def test_writing_to_a_file_is_never_cut_short(tmp_path):
    """`-o FILE` has no reader to lose: a closed standard output does not stop it."""
    target = tmp_path / "handout.txt"
    with subprocess.Popen(
        [BRIEFING, "export", str(big_deck(tmp_path)), "-o", str(target)],
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        try:
            process.stdout.close()
            assert process.wait(timeout=60) == 0
            assert process.stderr.read() == b""
        finally:
            kill_session(process.pid)
    assert target.read_text().startswith("Slide 0")
