"""Running `+exec` snippets: limits, a whole process tree killed, clean output, streaming, stop."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import pytest

from briefing.core.sanitize import is_clean
from briefing.run import CannotRun, Execution, Limits, prepare, run_blocking
from briefing.runners import deck_runners, default_runners
from tests.tmux import wait_until

pytestmark = pytest.mark.timeout(60)

SHORT = Limits(seconds=0.5)


def snippet(language: str, code: str, directory: Path, runners: object = None):
    return prepare(language, code, directory, deck_runners(runners))


def gone(pid: int) -> bool:
    """The process has exited, or is exiting: a run returns once every process holding its
    output pipe has closed it, which a killed process does in its last moments, just before it
    becomes a zombie; allow that moment, nothing more."""
    return wait_until(lambda: exited(pid), timeout=5)


def exited(pid: int) -> bool:
    """No longer listed, or a zombie waiting for its parent (init) to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


def test_a_block_that_prints(tmp_path):
    result = run_blocking(snippet("bash", "echo hello\necho world >&2", tmp_path))
    assert result.output == "hello\nworld\n"
    assert result.exit_status == 0 and result.signal is None and result.succeeded
    assert not (result.timed_out or result.truncated or result.cancelled)
    assert result.summary() == "exit status 0"


def test_python_is_the_interpreter_running_briefing(tmp_path):
    result = run_blocking(snippet("Python", "import sys\nprint(sys.executable)", tmp_path))
    assert result.output == sys.executable + "\n"


def test_runs_in_the_deck_directory_with_stdin_closed_and_no_terminal(tmp_path):
    code = 'pwd\ncat\necho "read: $(head -c 10)"\n( : >/dev/tty ) 2>/dev/null && echo tty || echo no tty\n'
    result = run_blocking(snippet("sh", code, tmp_path))
    assert result.output == f"{tmp_path.resolve()}\nread: \nno tty\n"
    assert result.succeeded


def test_a_non_zero_exit(tmp_path):
    result = run_blocking(snippet("sh", "echo failing; exit 3", tmp_path))
    assert (result.exit_status, result.output, result.succeeded) == (3, "failing\n", False)
    assert result.summary() == "exit status 3"


def test_a_block_killed_by_a_signal(tmp_path):
    result = run_blocking(snippet("sh", "kill -TERM $$", tmp_path))
    assert (result.exit_status, result.signal) == (None, signal.SIGTERM)
    assert result.summary() == "killed by SIGTERM"


def test_a_block_past_the_time_limit_is_killed_with_its_whole_tree(tmp_path):
    code = "sleep 100 &\necho $! $$\nsleep 100\n"
    result = run_blocking(snippet("sh", code, tmp_path), SHORT)
    assert result.timed_out and not result.cancelled
    assert result.signal == signal.SIGKILL and result.exit_status is None
    assert result.summary() == "stopped at the time limit (0.5 s)"
    background, shell = map(int, result.output.split())
    assert gone(background) and gone(shell)


def test_what_a_block_leaves_running_is_killed_when_it_exits(tmp_path):
    result = run_blocking(snippet("sh", "sleep 100 &\necho $!\n", tmp_path), Limits(seconds=30))
    assert result.succeeded and not result.timed_out
    assert gone(int(result.output))


def test_a_flood_is_cut_at_the_output_limit_and_the_exit_status_kept(tmp_path):
    code = "import sys\nfor _ in range(80):\n    sys.stdout.write('x' * 65536)\nsys.exit(4)\n"
    limits = Limits(seconds=30, output_bytes=100_000)
    result = run_blocking(snippet("python", code, tmp_path), limits)
    assert result.truncated and result.output == "x" * 100_000
    assert result.exit_status == 4  # read to the end, not killed
    assert result.summary() == "exit status 4; output cut after 100000 bytes"


def test_an_endless_flood_keeps_memory_bounded_and_ends_at_the_time_limit(tmp_path):
    limits = Limits(seconds=0.5, output_bytes=64 * 1024)
    tracemalloc.start()
    try:
        result = run_blocking(snippet("sh", "yes flood", tmp_path), limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.timed_out and result.truncated
    assert len(result.output) == 64 * 1024 and set(result.output) <= set("flod\n")
    assert peak < 4 * 1024 * 1024


def test_escape_sequences_never_reach_the_result(tmp_path):
    code = (
        r"printf '\033[31mred\033[0m \033]0;title\007\033]52;c;cGFzdGU=\033\\ok\n'"
        "\n"
        r"printf 'bell\007 back\010space \302\233 c1 \033Pdcs\033\\ \033(B\033=done\r\n'"
        "\n"
        r"printf 'bad \377\376 utf-8\n'"
        "\n"
    )
    result = run_blocking(snippet("bash", code, tmp_path))
    assert is_clean(result.output)
    assert "\x1b" not in result.output
    assert result.output == "red ok\nbell backspace  c1  done\nbad \ufffd\ufffd utf-8\n"


async def test_output_streams_while_the_block_runs(tmp_path):
    # The block waits for a file that the test creates only once the first line has arrived,
    # so this passes only if output is handed on while the program is still running.
    code = "print('first')\nimport os, time\nwhile not os.path.exists('go'):\n    time.sleep(0.01)\nprint('second')\n"
    chunks: list[str] = []

    def on_output(text: str) -> None:
        chunks.append(text)
        if "first" in "".join(chunks):
            (tmp_path / "go").touch()

    result = await Execution(snippet("python", code, tmp_path), Limits(seconds=20)).run(on_output)
    assert result.succeeded, result.summary()
    assert "".join(chunks) == result.output == "first\nsecond\n"


async def test_a_stop_mid_run_kills_the_tree(tmp_path):
    execution = Execution(snippet("sh", "sleep 100 &\necho $!\nsleep 100\n", tmp_path), Limits(30))
    lines: list[str] = []

    def on_output(text: str) -> None:
        lines.append(text)
        execution.stop()

    result = await execution.run(on_output)
    assert result.cancelled and not result.timed_out
    assert result.summary() == "stopped"
    assert gone(int(result.output))


async def test_cancelling_the_task_kills_the_tree_too(tmp_path):
    execution = Execution(snippet("sh", "sleep 100 &\necho $!\nsleep 100\n", tmp_path), Limits(30))
    started: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    task = asyncio.ensure_future(execution.run(lambda text: started.done() or started.set_result(int(text))))
    background = await started
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert gone(background)


def test_a_stop_from_another_thread_ends_a_blocking_run_and_kills_the_tree(tmp_path):
    code = "sleep 100 &\necho $! > started.tmp\nmv started.tmp started\nwait\n"
    execution = Execution(snippet("sh", code, tmp_path), Limits(30))

    def stop_once_started() -> None:
        wait_until(lambda: (tmp_path / "started").exists())
        execution.stop()

    stopper = threading.Thread(target=stop_once_started)
    stopper.start()
    result = execution.run_blocking()
    stopper.join()
    assert result.cancelled
    assert gone(int((tmp_path / "started").read_text()))


async def test_an_output_handler_that_fails_ends_the_run_and_kills_the_tree(tmp_path):
    execution = Execution(snippet("sh", "sleep 100 &\necho $!\nsleep 100\n", tmp_path), Limits(30))
    pids: list[int] = []

    def on_output(text: str) -> None:
        pids.append(int(text))
        raise LookupError("the output area has gone")

    with pytest.raises(LookupError, match="has gone"):
        await execution.run(on_output)
    assert gone(pids[0])


def test_ctrl_c_during_a_blocking_run_kills_the_tree(tmp_path):
    # `briefing check --run-code` in a terminal: the snippet has its own session, so the
    # terminal's SIGINT reaches only briefing, which must take the snippet down with it.
    code = "sleep 100 &\necho $! > pid.tmp\nmv pid.tmp pid\nsleep 100\n"
    script = (
        # Ctrl+C as in a terminal, even when the suite itself was started with SIGINT ignored
        # (in the background of a non-interactive shell), which a child would inherit
        "import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "import sys\nfrom pathlib import Path\n"
        "from briefing.run import Limits, prepare, run_blocking\n"
        "from briefing.runners import deck_runners\n"
        f"run_blocking(prepare('sh', {code!r}, Path({str(tmp_path)!r}), deck_runners(None)), Limits(60))\n"
    )
    checker = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
    try:
        assert wait_until(lambda: (tmp_path / "pid").exists())
        checker.send_signal(signal.SIGINT)
        _, errors = checker.communicate(timeout=20)
    finally:
        checker.kill()
    assert "KeyboardInterrupt" in errors
    assert gone(int((tmp_path / "pid").read_text()))


async def test_a_cancel_while_asyncio_still_connects_the_pipes_ends_the_group(tmp_path, monkeypatch):
    # Ctrl+C can land before `subprocess_exec` has returned: the program already runs, and its
    # background job holds the pipe, so asyncio's own clean-up would wait for that job to end.
    loop = asyncio.get_running_loop()
    real_exec = loop.subprocess_exec
    release = asyncio.Event()

    async def connecting_slowly(*args, **kwargs):
        connected = await real_exec(*args, **kwargs)
        await release.wait()  # the cancel lands here, before the run has the transport
        return connected

    monkeypatch.setattr(loop, "subprocess_exec", connecting_slowly)
    code = "sleep 100 &\necho $! > pid.tmp\nmv pid.tmp pid\nsleep 100\n"
    run = asyncio.ensure_future(Execution(snippet("sh", code, tmp_path), Limits(60)).run())
    assert await loop.run_in_executor(None, wait_until, lambda: (tmp_path / "pid").exists())
    run.cancel()
    release.set()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(run, 20)
    assert gone(int((tmp_path / "pid").read_text()))


def test_a_stop_before_the_run_starts_nothing(tmp_path):
    execution = Execution(snippet("sh", "touch ran", tmp_path))
    execution.stop()
    result = execution.run_blocking()
    assert result.cancelled and not (tmp_path / "ran").exists()
    with pytest.raises(RuntimeError):
        execution.run_blocking()


def test_a_language_without_a_runner_is_a_clear_error(tmp_path):
    with pytest.raises(CannotRun, match=r"no runner for `ruby` code .*exec: \{ruby: "):
        snippet("ruby", "puts 1", tmp_path)


def test_a_missing_interpreter_is_a_clear_error(tmp_path):
    with pytest.raises(
        CannotRun, match=r"`no-such-interpreter-x`, the runner for `lisp` code, is not installed \(not on PATH\)"
    ):
        snippet("lisp", "(+ 1 2)", tmp_path, {"lisp": ["no-such-interpreter-x"]})
    with pytest.raises(
        CannotRun,
        match=re.escape("`./lisp`, the runner for `lisp` code, is not an executable file in the deck's directory"),
    ):
        snippet("lisp", "(+ 1 2)", tmp_path, {"lisp": ["./lisp"]})


def test_an_interpreter_gone_before_the_run_is_a_result_not_a_crash(tmp_path):
    program = tmp_path / "interpreter"
    program.write_text('#!/bin/sh\ncat "$1"\n')
    program.chmod(0o755)
    invocation = snippet("text", "hello", tmp_path, {"text": ["./interpreter"]})
    assert run_blocking(invocation).output == "hello"
    program.unlink()
    result = run_blocking(invocation)
    assert result.error is not None and "./interpreter" in result.error
    assert not result.succeeded and result.summary().startswith("could not start: ")


def test_a_deck_directory_that_is_not_one_is_a_clear_error(tmp_path):
    with pytest.raises(CannotRun, match="not a directory"):
        snippet("sh", "true", tmp_path / "gone")


@pytest.mark.parametrize("limits", [dict(seconds=0), dict(seconds=float("nan")), dict(output_bytes=-1)])
def test_limits_must_make_sense(limits):
    with pytest.raises(ValueError):
        Limits(**limits)


def test_a_deck_runner_gets_the_snippet_as_a_file_named_for_its_language(tmp_path):
    runners = {"go": ["sh", "-c", 'echo "$0"; cat "$0"']}
    result = run_blocking(snippet("go", "package main", tmp_path, runners))
    path, code = result.output.split("\n", 1)
    assert Path(path).name == "snippet.go" and code == "package main"
    assert not Path(path).exists() and not Path(path).parent.exists()  # cleaned up


def test_the_consent_prompt_shows_the_command(tmp_path):
    invocation = snippet("upper", "x", tmp_path, {"upper": ["sh", "-c", "tr a-z A-Z < $0"]})
    assert invocation.command_line == "sh -c 'tr a-z A-Z < $0' snippet.upper"
    assert snippet("bash", "x", tmp_path).command_line == "bash snippet.sh"


def test_the_default_runners_are_bash_sh_and_this_python():
    assert dict(default_runners()) == {"bash": ("bash",), "sh": ("sh",), "python": (sys.executable,)}
