"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Fuzzing: `default` fits CI (the README's test line); `HYPOTHESIS_PROFILE=long` runs 10,000
# examples of every property. No deadline: a shared machine's hiccup is not a bug.
_FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("default", max_examples=1_000, **_FUZZ)
settings.register_profile("long", max_examples=10_000, **_FUZZ)
_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(_PROFILE)

# By default a property runs the profile's 1,000 examples when one takes about a millisecond
# (Hypothesis's own drawing included); costlier ones take fewer, so that none dominates the
# suite (`@settings(max_examples=...)`). The long profile runs them all at 10,000.
_LONG = _PROFILE == "long"
SLOW_EXAMPLES = 10_000 if _LONG else 200  # pure, at about 10 ms an example
APP_EXAMPLES = 10_000 if _LONG else 50  # each example drives the headless app

# Before Textual is imported: no animations, so screens are the same on every run.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

# Some machines set PYTHONDONTWRITEBYTECODE (this project's CI machine does). Then nothing is
# ever compiled once: each worker rewrites every test module again, and each of the hundreds of
# `briefing` processes the tests start compiles the package from source. The suite keeps the
# bytecode, for itself and for the processes it starts (they inherit the environment).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: fine without it
def pytest_xdist_auto_num_workers(config):
    """`-n auto` (in pyproject's addopts): three workers a core. An app-driving test spends about
    three fifths of its time waiting (each Pilot key press waits for two 20 ms windows in which
    the app used no CPU, so that the 60 Hz refresh has run; a show in tmux; a subprocess): two
    such workers left a core idle about a quarter of the run, a third fills it. A worker costs
    about 2 s of CPU to start and collect."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 3 * cores


def pytest_configure(config):
    """Under pytest-xdist, build Hypothesis's Unicode tables in the controller before the workers
    start. In a fresh clone each worker would otherwise build the same tables at once (about
    1.3 s of CPU each); built once, they are on disk (.hypothesis/unicode_data) for every worker,
    which reads them in milliseconds. (A run without workers builds them when first needed.)"""
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return
    import warnings

    from hypothesis import strategies
    from hypothesis.errors import HypothesisSideeffectWarning

    with warnings.catch_warnings():  # Hypothesis warns of slow work in a conftest: it is meant here
        warnings.simplefilter("ignore", HypothesisSideeffectWarning)
        strategies.text().validate()  # resolves the alphabet: writes the tables if they are missing


def pytest_collection_finish(session):
    """The suite makes and drops a great many objects (an app per test): the collector's
    default pace spent about a sixth of its CPU time on them. Freeze what collection imported
    and collect less often (still often enough for cycles not to pile up)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def pytest_sessionfinish(session):
    """Before it exits, pytest collects garbage five times over, for finalizers' exceptions to
    report; on a worker's heap after hundreds of apps that took about a second, in every
    worker at once at the end of the run. One full collection here frees the same garbage
    (and reports the same exceptions, pytest's hook is still in place); freezing what is left
    means pytest's five scan only what is made after it, which is all that they can still free."""
    gc.collect()
    gc.freeze()


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONVENTIONS = FIXTURES / "conventions"
BUNDLED = ROOT / "slides"
SHARED = ROOT.parent / "shared"


DECKS = FIXTURES / "decks"


@pytest.fixture(scope="session")
def private_homes(tmp_path_factory) -> Path:
    """Where each test's cache and state directories go (beside, not among, the `tmp_path`s)."""
    return tmp_path_factory.mktemp("homes")


@pytest.fixture(autouse=True)
def private_dirs(private_homes, monkeypatch):
    """Each test has a parse cache, a state directory and a runtime directory of its own, for
    itself and for the programs it starts: tests never touch the user's files, and tests
    running side by side (pytest-xdist) never share a cache or meet through a sync socket.
    The cache and state directories share one `mkdtemp`: `tmp_path_factory.mktemp` lists every
    directory made before it to number the next one, so two of those for every test grew as the
    square of the tests a worker runs (and slowed every `tmp_path` after them)."""
    home = Path(tempfile.mkdtemp(dir=private_homes))
    for name, variable in (("cache", "XDG_CACHE_HOME"), ("state", "XDG_STATE_HOME")):
        (home / name).mkdir()
        monkeypatch.setenv(variable, str(home / name))
    runtime = Path(tempfile.mkdtemp(prefix="brt-", dir="/tmp"))  # short: socket paths have a limit
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    yield
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture(autouse=True)
def stylesheets_parsed_once(monkeypatch):
    """Every test that starts an app (the UI's, and the corpus, hardening and fuzz tests
    outside tests/ui) parses each stylesheet once per process: see tests/stylesheets.py."""
    from tests.stylesheets import parse_stylesheets_once

    parse_stylesheets_once(monkeypatch)


@pytest.fixture
def bundled_deck():
    from briefing.core.loader import load_deck

    return load_deck(BUNDLED)


def deny_reading(monkeypatch, path: Path) -> None:
    """Make `path` unreadable as chmod 000 would for anyone but root (tests may run as root)."""
    real_open = os.open

    def refuse(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)


@pytest.fixture
def tmux():
    """A private tmux server (`tmux -L <unique name>`) for this test, killed at its end."""
    from tests.tmux import INSTALLED, Tmux

    if not INSTALLED:
        pytest.skip("tmux is not installed (apt-get install tmux)")
    with Tmux() as server:
        yield server


@pytest.fixture
def pretend_a_terminal(monkeypatch):
    """For tests that run `cli.main(["present", ...])` in this process (with a stand-in app):
    the standard streams count as terminals, which pytest's captured ones are not. Call it
    again with `stdin=False` (or stdout, stderr) to take one away. (The check itself is tested
    end to end, in tests/test_not_a_terminal.py.)"""

    def pretend(*, stdin: bool = True, stdout: bool = True, stderr: bool = True) -> None:
        streams = (("standard input", stdin), ("standard output", stdout), ("standard error", stderr))
        missing = next((name for name, is_one in streams if not is_one), None)
        monkeypatch.setattr("briefing.cli.not_a_terminal", lambda: missing)

    pretend()
    return pretend
