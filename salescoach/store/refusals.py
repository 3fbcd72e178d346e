"""What went wrong with the store, said truly: one message per cause, each naming the file.

A full disk, a read-only disk, a folder the user may not write and a damaged file all reach
salescoach as "an error from SQLite" or "an OSError"; each gets its own message here, so a
full disk is never reported as a damaged database with a restore hint. Every one is a
StoreError (exit 2): the command changed nothing.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import suppress
from pathlib import Path

from salescoach.errors import StoreError

NOTHING_CHANGED = "nothing was changed"
# The database's folder holds its -wal and -shm files, so it must be writable too.
_WRITABLE_HINT = "make {folder} writable by you, or set SALESCOACH_HOME to a folder that is"


def restore_hint(path: Path) -> str:
    return (
        f"`salescoach restore BACKUP` puts a copy made by `salescoach backup` in place of "
        f"{path} (which is kept beside it); or set SALESCOACH_HOME to start another store"
    )


def full_disk(path: Path) -> StoreError:
    return StoreError(
        f"the disk holding {path} is full; {NOTHING_CHANGED}",
        hint="free some space, then run the command again",
    )


def read_only(path: Path) -> StoreError:
    return StoreError(
        f"{path} cannot be written: its disk or folder is read-only; {NOTHING_CHANGED}",
        hint=_WRITABLE_HINT.format(folder=path.parent),
    )


def no_permission(path: Path, reason: str) -> StoreError:
    return StoreError(
        f"no permission to use {path} ({reason}); {NOTHING_CHANGED}",
        hint="it may belong to another user: " + _WRITABLE_HINT.format(folder=path.parent),
    )


def _nearly_full(folder: Path) -> bool:
    """Less room than SQLite needs to open a database (its -shm file takes 32 KiB)."""
    try:
        info = os.statvfs(folder)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024


def cannot_write(path: Path, reason: str) -> StoreError:
    """SQLite could not open or write the files: say whether the disk is read-only or the
    user may not write there (SQLite's own error says neither)."""
    folder = path.parent
    with suppress(OSError):
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return read_only(path)
    usable = os.access(folder, os.W_OK) and (
        not os.path.lexists(path) or os.access(path, os.R_OK | os.W_OK)
    )
    if not usable:
        return no_permission(path, reason)
    return StoreError(f"cannot open {path} ({reason}); {NOTHING_CHANGED}")


def os_error(path: Path, error: OSError) -> StoreError:
    """An OSError met while opening or creating the database files."""
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return full_disk(path)
    if error.errno == errno.EROFS:
        return read_only(path)
    if error.errno in (errno.EACCES, errno.EPERM):
        return no_permission(path, reason)
    return StoreError(f"cannot open {path} ({reason}); {NOTHING_CHANGED}")


def store_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """An error SQLite raised for the database at `path`, by its cause."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StoreError(
            f"{path} stayed busy (another salescoach kept it locked); {NOTHING_CHANGED}",
            hint="try again in a moment",
        )
    if name == "SQLITE_FULL" or "disk is full" in text:
        return full_disk(path)
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) and _nearly_full(path.parent):
        return full_disk(path)  # e.g. no room for the -shm file: SQLite calls it an I/O error
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH", "SQLITE_CANTOPEN")) or (
        "readonly database" in text or "unable to open" in text
    ):
        return cannot_write(path, text)
    if name.startswith("SQLITE_IOERR"):
        return StoreError(
            f"reading or writing {path} failed (disk I/O error, {name}); {NOTHING_CHANGED}",
            hint="check the disk; if the file is damaged, " + restore_hint(path),
        )
    if isinstance(exc, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text or "corrupt" in text
    ):
        return StoreError(f"{path} is damaged ({text})", hint=restore_hint(path))
    return StoreError(f"the database {path} failed: {text}", hint=restore_hint(path))
