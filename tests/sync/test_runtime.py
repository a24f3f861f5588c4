"""The private runtime directory and the per-deck socket path."""

from __future__ import annotations

import os
import stat

import pytest

from briefing.sync import runtime
from briefing.sync.runtime import SyncUnavailable, channel, runtime_dir, socket_path


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_uses_xdg_runtime_dir_and_creates_a_private_directory(tmp_path):
    path = runtime_dir({"XDG_RUNTIME_DIR": str(tmp_path)})
    assert path == tmp_path / "briefing"
    assert mode(path) == 0o700
    assert os.lstat(path).st_uid == os.geteuid()
    assert runtime_dir({"XDG_RUNTIME_DIR": str(tmp_path)}) == path  # again: reused


def test_reads_the_real_environment_by_default(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert runtime_dir() == tmp_path / "briefing"


@pytest.mark.parametrize("value", [None, "", "relative/dir", "/no/such/dir"])
def test_falls_back_to_a_per_user_directory_without_a_usable_xdg(tmp_path, monkeypatch, value):
    monkeypatch.setattr(runtime, "FALLBACK_ROOT", tmp_path)
    environ = {} if value is None else {"XDG_RUNTIME_DIR": value}
    path = runtime_dir(environ)
    assert path == tmp_path / f"briefing-{os.geteuid()}"
    assert mode(path) == 0o700


def test_a_directory_of_ours_with_loose_permissions_is_tightened(tmp_path):
    # Chosen behaviour: our own directory is ours to fix, so 0755 becomes 0700 (not refused).
    (tmp_path / "briefing").mkdir(mode=0o755)
    (tmp_path / "briefing").chmod(0o755)
    path = runtime_dir({"XDG_RUNTIME_DIR": str(tmp_path)})
    assert mode(path) == 0o700


def test_a_directory_created_under_a_strict_umask_is_still_usable(tmp_path):
    old = os.umask(0o777)
    try:
        path = runtime_dir({"XDG_RUNTIME_DIR": str(tmp_path)})
    finally:
        os.umask(old)
    assert mode(path) == 0o700


def test_refuses_a_directory_owned_by_someone_else(tmp_path, monkeypatch):
    path = tmp_path / "briefing"
    path.mkdir()
    path.chmod(0o755)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # as root we can make it really someone else's
    else:
        real = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: real + 1)  # else pretend we are someone else
    with pytest.raises(SyncUnavailable, match="refusing"):
        runtime_dir({"XDG_RUNTIME_DIR": str(tmp_path)})
    assert mode(path) == 0o755  # and left it alone


def test_refuses_a_symlink(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    (tmp_path / "briefing").symlink_to(target)
    with pytest.raises(SyncUnavailable, match="not a usable directory"):
        runtime_dir({"XDG_RUNTIME_DIR": str(tmp_path)})


def test_refuses_a_file(tmp_path):
    (tmp_path / "briefing").write_text("")
    with pytest.raises(SyncUnavailable):
        runtime_dir({"XDG_RUNTIME_DIR": str(tmp_path)})


def test_refuses_when_the_directory_cannot_be_created(tmp_path, monkeypatch):
    monkeypatch.setattr(runtime, "FALLBACK_ROOT", tmp_path / "missing" / "deeper")
    with pytest.raises(SyncUnavailable, match="cannot create"):
        runtime_dir({})


def test_the_same_deck_gives_the_same_socket_however_spelled(tmp_path, monkeypatch):
    deck = tmp_path / "talk.md"
    deck.write_text("# Hi\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    environ = {"XDG_RUNTIME_DIR": str(tmp_path)}
    path = socket_path(deck, environ)
    assert path == socket_path(tmp_path / "sub" / ".." / "talk.md", environ)
    assert path == socket_path(type(deck)("../talk.md"), environ)
    assert path.parent == tmp_path / "briefing" and path.suffix == ".sock"
    assert len(channel(deck)) == 16
    assert socket_path(tmp_path / "other.md", environ) != path


def test_a_symlinked_deck_shares_its_targets_channel(tmp_path):
    deck = tmp_path / "talk.md"
    deck.write_text("# Hi\n")
    (tmp_path / "link.md").symlink_to(deck)
    assert channel(tmp_path / "link.md") == channel(deck)


def test_the_hub_lock_is_exclusive_until_its_descriptor_closes(tmp_path):
    lock = tmp_path / "deck.lock"
    held = runtime.try_lock(lock)
    assert held is not None
    assert runtime.try_lock(lock) is None  # a second open file: flock says no
    assert runtime.identity(lock) == runtime.fd_identity(held)
    os.close(held)
    again = runtime.try_lock(lock)
    assert again is not None
    os.close(again)


def test_a_lock_path_that_is_not_a_file_of_ours_is_refused(tmp_path):
    (tmp_path / "elsewhere").write_text("")
    (tmp_path / "deck.lock").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OSError):  # O_NOFOLLOW: a link planted at the path is not followed
        runtime.try_lock(tmp_path / "deck.lock")
    os.mkfifo(tmp_path / "fifo.lock")
    with pytest.raises(SyncUnavailable):
        runtime.try_lock(tmp_path / "fifo.lock")
