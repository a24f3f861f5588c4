"""Fixtures for the sync tests: a short private socket path per test."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import logging

import pytest

from briefing.sync import runtime
from tests.sync.helpers import Links


@pytest.fixture
def short_dir(tmp_path):
    """A private directory whose socket paths fit the kernel's limit (about 100 bytes):
    tmp_path when it is short enough, else a fresh one directly under /tmp."""
    if len(os.fsencode(tmp_path / "0123456789abcdef.sock")) <= runtime.MAX_SOCKET_PATH:
        os.chmod(tmp_path, 0o700)
        yield tmp_path
        return
    path = Path(tempfile.mkdtemp(prefix="bsync-", dir="/tmp"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def sock_path(short_dir):
    return short_dir / "deck.sock"


@pytest.fixture
async def links(sock_path):
    made = Links(sock_path)
    yield made
    await made.stop_all()


@pytest.fixture(autouse=True)
def no_asyncio_errors(caplog):
    """asyncio logs, rather than raises, what goes wrong in callbacks and forgotten tasks."""
    yield
    errors = [r for r in caplog.get_records("call") + caplog.get_records("teardown")
              if r.name == "asyncio" and r.levelno >= logging.WARNING]
    assert not errors, [r.getMessage() for r in errors]
