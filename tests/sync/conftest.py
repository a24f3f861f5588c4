"""Fixtures for the sync tests: a short private socket path per test."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from briefing.sync import runtime
from tests.sync.helpers import Links


@pytest.fixture
def short_dir():
    """A private directory whose socket paths fit the kernel's limit (about 100 bytes), also
    one level down (`briefing/<channel>.sock`): a fresh one directly under /tmp, since tmp_path
    can be long (a pytest-xdist worker's is)."""
    path = Path(tempfile.mkdtemp(prefix="bsync-", dir="/tmp"))
    try:
        assert len(os.fsencode(path / "briefing" / "0123456789abcdef.sock")) <= runtime.MAX_SOCKET_PATH
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
    errors = [
        r
        for r in caplog.get_records("call") + caplog.get_records("teardown")
        if r.name == "asyncio" and r.levelno >= logging.WARNING
    ]
    assert not errors, [r.getMessage() for r in errors]
