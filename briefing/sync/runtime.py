"""What the link needs from the operating system: where the socket lives, the hub's lock, file
identities and who is at the other end of a connection.

The same deck (by resolved absolute path) always maps to the same socket, so processes showing
it find each other with no configuration. The directory is `$XDG_RUNTIME_DIR/briefing` when
that variable names a usable directory, else `/tmp/briefing-<uid>`. It must be a real
directory (not a symlink), owned by us and mode 0700: we create it so, tighten the mode of our
own directory if it has drifted, and refuse one that belongs to anybody else, because whoever
controls the directory controls who we talk to.
"""

from __future__ import annotations

import hashlib
import os
import socket
import stat
import struct
from collections.abc import Mapping
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock, and no Unix sockets for asyncio either
    fcntl = None  # type: ignore[assignment]  # checked by usable_socket_path before any lock

FALLBACK_ROOT = Path("/tmp")
"""Where the directory goes without XDG_RUNTIME_DIR (a module attribute so tests can move it)."""

MAX_SOCKET_PATH = 100
"""Longest socket path in bytes: the kernel allows 107 on Linux and 103 on macOS and BSDs."""


class SyncUnavailable(Exception):
    """Syncing cannot work here (no private directory, no Unix sockets): the message says why."""


def channel(deck: Path) -> str:
    """A short stable name for a deck: the same file, however it is spelled, gives the same
    name."""
    return hashlib.sha256(os.fsencode(Path(deck).resolve())).hexdigest()[:16]


def runtime_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The private directory for sockets, created if missing. Raises SyncUnavailable."""
    environ = os.environ if environ is None else environ
    if not hasattr(os, "geteuid"):
        raise SyncUnavailable("syncing needs a Unix system")
    base = environ.get("XDG_RUNTIME_DIR", "")
    if _usable(base):
        return ensure_private_dir(Path(base) / "briefing")
    return ensure_private_dir(FALLBACK_ROOT / f"briefing-{os.geteuid()}")


def socket_path(deck: Path, environ: Mapping[str, str] | None = None) -> Path:
    """The socket for a deck. Raises SyncUnavailable."""
    return runtime_dir(environ) / f"{channel(deck)}.sock"


def usable_socket_path(deck: Path, given: Path | None = None) -> Path:
    """The socket to use for `deck` (`given`, or the deck's own), its directory private and
    ready. Raises SyncUnavailable where syncing cannot work: no Unix sockets or locks, a path
    too long for the kernel, a directory that is not ours."""
    if fcntl is None or not hasattr(socket, "AF_UNIX"):
        raise SyncUnavailable("syncing needs Unix domain sockets")
    path = given if given is not None else socket_path(deck)
    if len(os.fsencode(path)) > MAX_SOCKET_PATH:
        raise SyncUnavailable(f"socket path too long for the kernel: {path}")
    ensure_private_dir(path.parent)
    return path


def ensure_private_dir(path: Path) -> Path:
    """Make sure `path` is a directory of ours with mode 0700, creating it if missing.

    Raises SyncUnavailable for a symlink, a non-directory, or a directory owned by someone
    else. Checks go through one descriptor opened without following links, so what is checked
    is what is fixed.
    """
    try:
        path.mkdir(0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise SyncUnavailable(f"cannot create {path}: {exc.strerror or exc}") from exc
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SyncUnavailable(f"{path} is not a usable directory: {exc.strerror or exc}") from exc
    try:
        _check_private(path, fd)
    finally:
        os.close(fd)
    return path


def _check_private(path: Path, fd: int) -> None:
    info = os.fstat(fd)
    if not stat.S_ISDIR(info.st_mode):
        raise SyncUnavailable(f"{path} is not a directory")
    if info.st_uid != os.geteuid():
        raise SyncUnavailable(
            f"{path} belongs to uid {info.st_uid}, not to us (uid {os.geteuid()}): refusing to use it"
        )
    if stat.S_IMODE(info.st_mode) != 0o700:
        # Ours, so ours to fix: a umask may have narrowed it, or someone widened it.
        try:
            os.fchmod(fd, 0o700)
        except OSError as exc:
            raise SyncUnavailable(f"cannot make {path} private: {exc.strerror or exc}") from exc


def _usable(base: str) -> bool:
    return Path(base).is_absolute() and Path(base).is_dir() and os.access(base, os.W_OK | os.X_OK)


def try_lock(path: Path) -> int | None:
    """An open descriptor holding the exclusive lock on `path`, or None if another process
    (or another link in this one: flock locks belong to the open file) holds it. Raises
    SyncUnavailable if `path` is not a regular file of ours."""
    assert fcntl is not None
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            raise SyncUnavailable(f"{path} is not a lock file of ours")
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` now (device, inode), without following a link; None if none."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def fd_identity(fd: int) -> tuple[int, int]:
    """Which file `fd` is open on (device, inode): compared with `identity` of its path."""
    info = os.fstat(fd)
    return (info.st_dev, info.st_ino)


def peer_uid(sock: socket.socket | None) -> int | None:
    """The user id of the process at the other end of a Unix socket, where the kernel can tell
    (SO_PEERCRED, Linux); None elsewhere."""
    if sock is None or not hasattr(socket, "SO_PEERCRED"):
        return None
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return int(uid)
