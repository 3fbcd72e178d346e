"""Stamped JSON cache files on disk (the format is `core.kernel.stamps`).

Files are owner-only: the folder 0700 and each file 0600 whatever the umask, since a cache
holds what the playbooks say. A file is replaced atomically (a temporary file in the same
folder, flushed to disk, then renamed over it), so a reader sees the old file or the new one,
never half of one. Caching is best-effort: a file that cannot be read is no cache, and one that
cannot be written costs only time on the next run. No clock is read here: whoever reads the
files being cached passes when it began.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

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

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def stamp_of(path: str) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return missing(path)
    return stamp(path, info.st_size, info.st_mtime_ns)


def read_entries(file: Path, kind: str, version: int) -> dict[str, Any]:
    """The entries of the cache file; none when it is missing, damaged or of another kind."""
    try:
        found = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
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
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        _owner_only_folder(file.parent)
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()  # left by a process that stopped mid-write
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), 0o600)  # the umask may have taken bits off the mode above
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, file)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    return True


def _owner_only_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        return
    folder.chmod(0o700)  # mkdir's mode is filtered by the umask
