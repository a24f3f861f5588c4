"""Atomic file writes: the old file or the new one, never half of either."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, fsync it, rename it over `path`, then
    fsync the directory so that the new name survives a crash too.

    An existing file keeps its permission bits; a new one gets the usual umask-based mode.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path()
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_directory(directory)


def write_new(path: Path, data: bytes) -> None:
    """Like `write_atomic`, but never replaces anything: FileExistsError if `path` exists.

    The finished temporary file is hard-linked to `path`, which fails if the name is taken,
    however late another process took it.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path()
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)
        try:
            os.link(temporary, path)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            _write_exclusive(path, data)  # a file system without hard links
    finally:
        temporary.unlink(missing_ok=True)
    sync_directory(directory)


# What fsync on a directory raises where the file system or platform cannot do it: the name
# is written all the same, only not forced to disk yet.
_CANNOT_SYNC_DIRECTORY = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF})


def sync_directory(directory: Path) -> None:
    """Force `directory`'s entries (a name just created or renamed in it) to disk.

    Best effort where it cannot be done: a directory we may not open (Windows, or one without
    read permission) or a file system that refuses; an I/O error is still raised.
    """
    try:
        descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError as exc:
        if exc.errno not in _CANNOT_SYNC_DIRECTORY:
            raise
    finally:
        os.close(descriptor)


def _write_exclusive(path: Path, data: bytes) -> None:
    with path.open("xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


class WriteError(Exception):
    """A file briefing was asked to create or write and could not, as `where: message`.

    No line number: the file has no lines yet (unlike a deck's `file:line:` errors).
    """

    def __init__(self, where: Path | str, message: str) -> None:
        self.where = str(where)
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def why_not_written(path: Path, error: OSError) -> str:
    """What stopped a write to `path`, said in terms of the path the user gave."""
    path = Path(path)
    if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.EEXIST):
        nearest = next((folder for folder in path.parents if os.path.lexists(folder)), None)
        if nearest is not None and not nearest.is_dir():
            kind = "a file" if nearest.is_file() else "something else"
            return f"{nearest} is {kind}, not a directory"
        if error.errno != errno.EEXIST and nearest != path.parent:
            return f"the directory {path.parent} does not exist"
    if error.errno == errno.EISDIR or (error.errno in (errno.EEXIST, errno.EBUSY) and path.is_dir()):
        return "it is a directory"
    return error.strerror or str(error)
