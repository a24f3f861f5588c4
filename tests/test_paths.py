"""briefing's own directories: the platform's places, with the XDG variables honoured."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing import paths

linux_like = pytest.mark.skipif(
    sys.platform in ("darwin", "win32"), reason="XDG base directories are the Unix convention"
)


@linux_like
def test_the_xdg_variables_choose_the_directories(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert paths.cache_dir() == tmp_path / "cache" / "briefing"
    assert paths.state_dir() == tmp_path / "state" / "briefing"


@linux_like
@pytest.mark.parametrize("value", [None, ""])
def test_without_the_xdg_variables_the_home_directory_is_used(tmp_path, monkeypatch, value):
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in ("XDG_CACHE_HOME", "XDG_STATE_HOME"):
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)
    assert paths.cache_dir() == tmp_path / ".cache" / "briefing"
    assert paths.state_dir() == tmp_path / ".local" / "state" / "briefing"


def test_the_directories_are_absolute_and_named_for_briefing():
    for directory in (paths.cache_dir(), paths.state_dir()):
        assert isinstance(directory, Path) and directory.is_absolute()
        assert "briefing" in directory.parts
