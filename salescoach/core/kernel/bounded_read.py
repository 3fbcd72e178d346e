"""Reading a file someone hands salescoach, with its size checked before and during the read.

Every file input (a playbook, an answers file, a CSV of leads, a JSONL export, stdin) goes
through here. Only a regular file is opened, and without waiting (`O_NONBLOCK`), so a FIFO
or a device such as `/dev/zero` is refused at once instead of hanging or filling memory; the
size is checked before reading, and the read stops one byte past the limit, so a file that
grows meanwhile is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

KIB = 1024
MIB = 1024 * KIB
MAX_CSV_BYTES = 1024 * MIB  # streamed a row at a time: the cap bounds time, not memory
MAX_EXPORT_BYTES = 1024 * MIB  # a JSONL export: about three million interactions


class Unreadable(Exception):
    """The file cannot be read as an input; `reason` says why, for the caller's message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _size(limit: int) -> str:
    return f"{limit // MIB} MiB" if limit >= MIB else f"{limit // KIB} KiB"


def _too_large(limit: int) -> Unreadable:
    return Unreadable(f"it is larger than {_size(limit)}, the most salescoach reads here")


def open_limited(path: Path, limit: int) -> BinaryIO:
    """The regular file at `path`, open for reading, when it holds at most `limit` bytes;
    Unreadable else. For reads that stream (a CSV of leads holds one row at a time), so the
    size is checked here, once."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise Unreadable(error.strerror or str(error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, FIFO or socket"
            raise Unreadable(f"it is {kind}, not a regular file")
        if info.st_size > limit:
            raise _too_large(limit)
        return os.fdopen(fd, "rb")
    except OSError as error:
        os.close(fd)
        raise Unreadable(error.strerror or str(error)) from None
    except Unreadable:
        os.close(fd)
        raise


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; Unreadable else."""
    with open_limited(path, limit) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise Unreadable(error.strerror or str(error)) from None
    if len(data) > limit:
        raise _too_large(limit)
    return data


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes of a stream (stdin); Unreadable when there are more."""
    try:
        data = stream.read(limit + 1)
    except OSError as error:
        raise Unreadable(error.strerror or str(error)) from None
    if len(data) > limit:
        raise _too_large(limit)
    return data
