"""The user's own editor (`E`): which command $VISUAL or $EDITOR names, running it in the
foreground, and what to say when it is missing or fails. No Textual here."""

from __future__ import annotations

import shlex
import shutil
import signal
import subprocess
from collections.abc import Mapping, Sequence

DEFAULT = "vi"


class EditorUnavailable(Exception):
    """The editor cannot be run; the message says why, for the presenter."""


def editor_command(environ: Mapping[str, str]) -> list[str]:
    """The command line of the editor to run: $VISUAL, else $EDITOR, else vi. Raises
    EditorUnavailable if it cannot be read or its program is not on the PATH."""
    for variable in ("VISUAL", "EDITOR"):
        value = environ.get(variable, "").strip()
        if value:
            source = f"${variable}"
            try:
                command = shlex.split(value)
            except ValueError as error:
                raise EditorUnavailable(f"cannot read {source} ({value!r}): {error}") from None
            break
    else:
        source, command = "the default; set $VISUAL or $EDITOR", [DEFAULT]
    if shutil.which(command[0], path=environ.get("PATH")) is None:
        raise EditorUnavailable(f"editor not found: {command[0]} (from {source})")
    return command


def run_in_foreground(argv: Sequence[str]) -> int | OSError:
    """Run the editor and wait for it: its exit status, or why it could not start. Never
    raises, so that whoever handed it the terminal always gets to take it back."""
    try:
        process = subprocess.Popen(argv)
    except OSError as error:
        return error
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue  # Ctrl+C reached the editor too: it decides whether to end (as system() does)


def outcome_problem(program: str, outcome: int | OSError) -> str | None:
    """What went wrong with a run of `program`, for the presenter; None if it went well."""
    if isinstance(outcome, OSError):
        return f"editor could not start: {program}: {outcome.strerror or outcome}"
    if outcome < 0:
        try:
            name = signal.Signals(-outcome).name
        except ValueError:
            name = f"signal {-outcome}"
        return f"editor {program} was ended by {name}"
    if outcome > 0:
        return f"editor {program} exited with status {outcome}"
    return None
