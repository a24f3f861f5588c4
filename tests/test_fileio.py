"""Writing files: a new file never replaces one, and a failure says why in the user's terms."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from briefing.fileio import why_not_written, write_atomic, write_new


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
    assert (
        why_not_written(missing, FileNotFoundError(errno.ENOENT, "x"))
        == f"the directory {missing.parent} does not exist"
    )
    blocker = tmp_path / "file"
    blocker.write_text("")
    under = blocker / "deeper" / "out.txt"
    assert why_not_written(under, NotADirectoryError(errno.ENOTDIR, "x")) == f"{blocker} is a file, not a directory"
    assert why_not_written(tmp_path, IsADirectoryError(errno.EISDIR, "x")) == "it is a directory"
    assert why_not_written(tmp_path / "x", PermissionError(errno.EACCES, "Permission denied")) == "Permission denied"
    assert (
        why_not_written(tmp_path / "x", OSError(errno.ENOSPC, "No space left on device")) == "No space left on device"
    )


def _record_syncs(monkeypatch) -> list[tuple[str, object]]:
    """os.fsync and os.replace/os.link calls in order: ("fsync", (is a directory, inode)) or
    ("rename", name)."""
    calls: list[tuple[str, object]] = []
    real_fsync, real_replace, real_link = os.fsync, os.replace, os.link

    def fsync(fd):
        info = os.fstat(fd)
        calls.append(("fsync", (stat.S_ISDIR(info.st_mode), info.st_ino)))
        real_fsync(fd)

    def replace(source, target, *args, **kwargs):
        calls.append(("rename", Path(target).name))
        real_replace(source, target, *args, **kwargs)

    def link(source, target, *args, **kwargs):
        calls.append(("rename", Path(target).name))
        real_link(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "link", link)
    return calls


@pytest.mark.parametrize("write", [write_atomic, write_new], ids=["write_atomic", "write_new"])
def test_a_write_syncs_the_file_then_its_directory_after_the_rename(tmp_path, monkeypatch, write):
    # Without the directory's fsync, a crash after the rename can lose the new name: the
    # file's data is on disk but the directory still lists the old file (or none).
    target = tmp_path / "deck.md"
    calls = _record_syncs(monkeypatch)
    write(target, b"text")
    directory = (True, tmp_path.stat().st_ino)
    assert calls[0][0] == "fsync" and calls[0][1][0] is False  # the data first
    assert calls[1:] == [("rename", "deck.md"), ("fsync", directory)]
    assert target.read_bytes() == b"text"


def test_a_directory_that_cannot_be_synced_does_not_fail_the_write(tmp_path, monkeypatch):
    # Some file systems refuse fsync on a directory (EINVAL): the file is written all the same.
    real_fsync = os.fsync

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(tmp_path / "deck.md", b"text")
    assert (tmp_path / "deck.md").read_bytes() == b"text"
