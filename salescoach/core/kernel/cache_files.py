"""Stamped JSON cache files on disk (the format is `core.kernel.stamps`).

Files are owner-only: the folder 0700 and each file 0600 whatever the umask, since a cache
holds what the playbooks say. A file is replaced by `core.kernel.safe_write` (a temporary
file in the same folder, flushed to disk, then renamed over it; never through a link), so a
reader sees the old file or the new one, never half of one. Caching is best-effort: a file
that cannot be read is no cache, and one that cannot be written costs only time on the next
run. No clock is read here: whoever reads the files being cached passes when it began.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from salescoach.core.kernel.bounded_read import MIB, Unreadable, read_limited
from salescoach.core.kernel.safe_write import write_bytes, write_text
from salescoach.core.kernel.stamps import (
    Stamp,
    document,
    entries_of,
    entry,
    fresh_data,
    missing,
    racy,
    stamp,
)
from salescoach.errors import SalescoachError


def stamp_of(path: str) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return missing(path)
    return stamp(path, info.st_size, info.st_mtime_ns)


def read_entries(file: Path, kind: str, version: int) -> dict[str, Any]:
    """The entries of the cache file; none when it is missing, damaged or of another kind."""
    try:
        found = json.loads(read_limited(file, 64 * MIB).decode("utf-8"))
    except (Unreadable, ValueError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return {}
    return entries_of(found, kind, version)


def fresh(entries: dict[str, Any], key: str) -> Any | None:
    """The data cached under `key` while every path it was computed from is unchanged."""
    return fresh_data(entries.get(key), stamp_of)


def new_entry(
    data: Any, watched: Iterable[str], *, read: Iterable[str], started_ns: int
) -> dict[str, Any] | None:
    """An entry for `data`, stamping every path in `watched`; None when a file in `read`
    changed since just before `started_ns`, as it may have changed while being read."""
    stamps = [stamp_of(path) for path in dict.fromkeys(watched)]
    return None if racy(stamps, read, started_ns) else entry(stamps, data)


def write_entries(file: Path, kind: str, version: int, entries: dict[str, Any]) -> bool:
    """Replace `file` with these entries; False when it could not be written."""
    text = json.dumps(
        document(kind, version, entries), separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    try:
        _owner_only_folder(file.parent)
        for old in file.parent.glob(f".{file.name}.*.tmp"):  # how writers before 0.2 left them
            old.unlink()
        write_text(file, text, force=True)
    except (OSError, SalescoachError):
        return False
    return True


def write_blob(file: Path, data: bytes) -> bool:
    """Replace `file` with `data` (a cache not in JSON); False when it could not be written."""
    try:
        _owner_only_folder(file.parent)
        write_bytes(file, data, force=True)
    except (OSError, SalescoachError):
        return False
    return True


def read_own(file: Path, limit: int) -> bytes | None:
    """The bytes of a cache file this user wrote: owned by them and writable by no one else
    (a cache the commands trust to be their own work must come from no one else); None otherwise."""
    try:
        info = os.stat(file)
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return None
        return read_limited(file, limit)
    except (OSError, Unreadable):
        return None


def _owner_only_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        return
    folder.chmod(0o700)  # mkdir's mode is filtered by the umask
