"""Writing files: a new file never replaces one, and a failure says why in the user's terms."""

from __future__ import annotations

import errno
import os

import pytest

from briefing.fileio import why_not_written, write_new


def test_write_new_never_replaces_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "deck.md"
    write_new(target, b"first")
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert [path.name for path in tmp_path.iterdir()] == ["deck.md"]


def test_write_new_without_hard_links_still_refuses_to_replace(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)  # as on file systems without hard links
    target = tmp_path / "deck.md"
    write_new(target, b"first")
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"
    assert [path.name for path in tmp_path.iterdir()] == ["deck.md"]


def test_why_not_written_names_the_missing_or_blocking_part(tmp_path):
    missing = tmp_path / "a" / "b" / "out.txt"
    assert why_not_written(missing, FileNotFoundError(errno.ENOENT, "x")) == f"the directory {missing.parent} does not exist"
    blocker = tmp_path / "file"
    blocker.write_text("")
    under = blocker / "deeper" / "out.txt"
    assert why_not_written(under, NotADirectoryError(errno.ENOTDIR, "x")) == f"{blocker} is a file, not a directory"
    assert why_not_written(tmp_path, IsADirectoryError(errno.EISDIR, "x")) == "it is a directory"
    assert why_not_written(tmp_path / "x", PermissionError(errno.EACCES, "Permission denied")) == "Permission denied"
    assert why_not_written(tmp_path / "x", OSError(errno.ENOSPC, "No space left on device")) == "No space left on device"
