"""Which editor `E` runs, and what the presenter is told when it is missing or fails."""

from __future__ import annotations

import signal
import sys

import pytest

from briefing.external_editor import EditorUnavailable, editor_command, outcome_problem, run_in_foreground


def program(folder, name: str) -> str:
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(folder)


def test_visual_comes_before_editor_and_keeps_its_arguments(tmp_path):
    path = program(tmp_path, "code")
    program(tmp_path, "nano")
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "nano", "PATH": path}) == ["code", "--wait"]
    assert editor_command({"VISUAL": "  ", "EDITOR": "nano", "PATH": path}) == ["nano"]  # blank is unset


def test_vi_when_neither_is_set(tmp_path):
    assert editor_command({"PATH": program(tmp_path, "vi")}) == ["vi"]


@pytest.mark.parametrize(
    "environ, message",
    [
        ({"EDITOR": "nonexistent-editor"}, "editor not found: nonexistent-editor (from $EDITOR)"),
        ({"VISUAL": "gone --wait"}, "editor not found: gone (from $VISUAL)"),
        ({}, "editor not found: vi (from the default; set $VISUAL or $EDITOR)"),
        ({"EDITOR": 'code "--wait'}, "cannot read $EDITOR"),
    ],
)
def test_an_editor_that_cannot_run_is_named(tmp_path, environ, message):
    with pytest.raises(EditorUnavailable, match=message.replace("$", r"\$").replace("(", r"\(").replace(")", r"\)")):
        editor_command({**environ, "PATH": str(tmp_path)})


def test_running_reports_the_exit_status_or_why_it_could_not_start(tmp_path):
    assert run_in_foreground([sys.executable, "-c", "raise SystemExit(3)"]) == 3
    broken = tmp_path / "broken"
    broken.write_text("#!/nonexistent/interpreter\n")
    broken.chmod(0o755)
    assert isinstance(run_in_foreground([str(broken)]), OSError)


def test_problems_are_said_plainly():
    assert outcome_problem("vim", 0) is None
    assert outcome_problem("false", 1) == "editor false exited with status 1"
    assert outcome_problem("vim", -signal.SIGKILL) == "editor vim was ended by SIGKILL"
    assert outcome_problem("ed", FileNotFoundError(2, "No such file or directory")) == (
        "editor could not start: ed: No such file or directory"
    )
