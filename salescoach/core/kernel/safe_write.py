"""The one way salescoach writes a file: whole or not at all, owner-only, never through a link.

Every file (exports, backups, a restore's staged copy, new playbooks, caches) is written to a
temporary file in the target's folder, created 0600 whatever the umask, flushed to disk, and
only then renamed to its name: a reader sees the old file or the new one, never half of one.
The target must be absent or a regular file, and a regular file is replaced only when the
caller says so (`--force`); a symbolic link, folder, device, FIFO or socket at that path is
refused (exit 2, the path named), since renaming over a link replaces the link and writing
to `/dev/null` as root would replace the device. A temporary file left by a process that was
killed mid-write is removed by the next write into that folder.

A full disk or an I/O error is an `OutputError` (nothing was written); a path that cannot be
used (no folder, no permission, too long) a `UsageError`.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from salescoach.errors import OutputError, UsageError

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_LEFTOVER = re.compile(r"^\..+\.(\d+)-\d+\.partial$")
_counter = itertools.count()
# Errors of the disk rather than of the path: the same command works once there is room.
DEVICE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG})


def check_target(
    path: Path, *, force: bool, hint: str = "choose another name, or add --force"
) -> None:
    """Refuse a target that is not absent or a regular file, or that exists without `force`."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        _check_folder(path)
        return
    except OSError as error:
        raise _path_error(path, error) from None
    if stat.S_ISLNK(info.st_mode):
        raise UsageError(
            f"{path} is a symbolic link; salescoach writes only to a regular file",
            hint="give the path it points to, or remove the link",
        )
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{path} is a folder", hint="give a file name inside it")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(
            f"{path} is a device, FIFO or socket, not a regular file; it was left alone",
            hint="give the name of a file to write",
        )
    if not force:
        raise UsageError(f"{path} exists", hint=hint)


def _check_folder(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write {path}: no folder {folder}")


@contextlib.contextmanager
def staged_file(path: Path, *, force: bool, hint: str | None = None) -> Iterator[Path]:
    """A new, empty, owner-only file beside `path` for the caller to fill (SQLite writes a
    backup into one); when the block ends without error it is flushed to disk and renamed to
    `path`, otherwise removed."""
    hints = {} if hint is None else {"hint": hint}
    check_target(path, force=force, **hints)
    remove_leftovers(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{next(_counter)}.partial")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o600)
        os.fchmod(handle, 0o600)  # the umask may have taken bits off the mode above
        os.close(handle)
    except OSError as error:
        raise _path_error(path, error) from None
    try:
        yield temporary
        _sync(temporary)
        check_target(path, force=force, **hints)  # again: it may have changed meanwhile
        _commit(temporary, path, force=force, hints=hints)
    except OSError as error:
        raise _path_error(path, error) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


@contextlib.contextmanager
def writing(path: Path, *, force: bool) -> Iterator[TextIO]:
    """A UTF-8 text file (newlines written as given) that becomes `path` when the block ends."""
    with staged_file(path, force=force) as temporary:
        fd = os.open(temporary, os.O_WRONLY | os.O_TRUNC | _NO_FOLLOW)
        with open(fd, "w", encoding="utf-8", newline="") as out:
            yield out


def write_text(path: Path, text: str, *, force: bool) -> None:
    with writing(path, force=force) as out:
        out.write(text)


def write_bytes(path: Path, data: bytes, *, force: bool) -> None:
    with staged_file(path, force=force) as temporary:
        fd = os.open(temporary, os.O_WRONLY | os.O_TRUNC | _NO_FOLLOW)
        with open(fd, "wb") as out:
            out.write(data)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | _NO_FOLLOW)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _commit(temporary: Path, path: Path, *, force: bool, hints: dict[str, str]) -> None:
    if force:
        os.replace(temporary, path)
    else:
        # A hard link takes the name only if it is still free, so a file that appeared
        # meanwhile is never replaced; a file system without hard links gets a plain rename.
        try:
            os.link(temporary, path, follow_symlinks=False)
        except FileExistsError:
            check_target(path, force=False, **hints)
            raise
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
                raise
            os.replace(temporary, path)
    with contextlib.suppress(OSError):  # the rename itself is on disk once the folder is
        folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def remove_leftovers(folder: Path) -> None:
    """Remove the temporary files of writes into `folder` whose process has died."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = _LEFTOVER.match(entry.name)
        if found is None or _alive(int(found[1])):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another write of this process may be under way
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _path_error(path: Path, error: OSError) -> UsageError | OutputError:
    reason = error.strerror or str(error)
    if error.errno in DEVICE_ERRORS:
        return OutputError(
            f"cannot write {path} ({reason}); nothing was written",
            hint="free some space (or check the disk), then run it again",
        )
    return UsageError(f"cannot write {path} ({reason}); nothing was written")
