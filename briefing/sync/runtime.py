"""Where the socket lives: a private per-user directory, one socket per deck.

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
import stat
from collections.abc import Mapping
from pathlib import Path

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


def ensure_private_dir(path: Path) -> Path:
    """Make sure `path` is a directory of ours with mode 0700, creating it if missing.

    Raises SyncUnavailable for a symlink, a non-directory, or a directory owned by someone
    else. Checks go through one descriptor opened without following links, so what is checked
    is what is fixed.
    """
    try:
        os.mkdir(path, 0o700)
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
            f"{path} belongs to uid {info.st_uid}, not to us (uid {os.geteuid()}): "
            "refusing to use it"
        )
    if stat.S_IMODE(info.st_mode) != 0o700:
        # Ours, so ours to fix: a umask may have narrowed it, or someone widened it.
        try:
            os.fchmod(fd, 0o700)
        except OSError as exc:
            raise SyncUnavailable(f"cannot make {path} private: {exc.strerror or exc}") from exc


def _usable(base: str) -> bool:
    return (
        os.path.isabs(base)
        and os.path.isdir(base)
        and os.access(base, os.W_OK | os.X_OK)
    )
