"""The rest of a full export, written by a second process while this one writes the first part.

A large store's export is CPU work inside SQLite (each line built as JSON), one core's worth,
and no line depends on the lines before it except through the run lines of the sync tables
(which are never cut). So, on a machine with a second core and a store with enough rows, the
export is cut about half-way through its work (`exporter.halfway`): a second process writes
the rest to an unlinked temporary file while this one writes up to the cut, and the file is
copied after that.

Both read one snapshot. The second process starts, then waits; this one takes the store's
write lock, begins its own read transaction, tells the second to begin its own, and lets the
lock go once it has (a hand-shake of a few milliseconds, during which a writer waits as it
would for any other). When anything goes wrong with the second process (it cannot start, the
lock is busy, it dies, the temporary file's disk fills up), this one writes the rest itself
from the same snapshot, so the output is always the same bytes.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, Any

from salescoach.errors import StoreError

# Where the rest of a full export starts: a table, and its first rowid there.
Cut = tuple[str, int]

Write = Callable[[bytes], object]
# Below this many rows, starting a process (about 0.1 s of Python) costs more than it saves.
MIN_ROWS = 100_000
LOCK_WAIT_SECONDS = 0.2  # a writer holding the lock longer: this process writes it all
START_WAIT_SECONDS = 10.0  # for Python to start in the second process (no lock held)
BEGIN_WAIT_SECONDS = 1.0  # for its BEGIN (milliseconds), while writers wait on the lock
# The hand-shake: the second process says it STARTED (its imports done), is told to BEGIN
# (while this one holds the write lock), and says it is READY once its snapshot is taken.
STARTED, BEGIN, READY = b"started\n", b"begin\n", b"ready\n"
_CHUNK = 1 << 20


class Tail:
    """The second process and the file it writes the rest of the export to."""

    def __init__(self, process: subprocess.Popen[bytes], file: IO[bytes]) -> None:
        self.process, self.file = process, file

    def copy_to(self, write: Write) -> int | None:
        """Wait for the rest; write it and give its row count, or None (nothing written) when
        the process failed. A row JSON cannot carry stops it as it stops the export: the
        lines before that row are written, then the StoreError is raised."""
        assert self.process.stdout is not None
        result = _result(self.process.stdout.read())
        if self.process.wait() != 0 or result is None:
            return None
        self.file.seek(0)
        while chunk := self.file.read(_CHUNK):
            write(chunk)
        if "error" in result:
            raise StoreError(str(result["error"]), hint=result.get("hint"))
        return int(result["written"])


@contextlib.contextmanager
def rest_elsewhere(
    conn: sqlite3.Connection, snapshot: AbstractContextManager[object], cut: Cut, span: int
) -> Iterator[Tail | None]:
    """`snapshot` (a read transaction on `conn`) for the whole export, and the Tail writing
    its rest from `cut` in the same snapshot (None: `conn` writes it all). `span`: about how
    many rows the export has (counted from rowids)."""
    path = _store_file(conn) if span >= MIN_ROWS and _can_split() else None
    with contextlib.ExitStack() as stack:
        waiting = _started(path, cut, stack) if path else None
        lock = _write_lock(path) if waiting and path else None
        tail = None
        try:
            stack.enter_context(snapshot)
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # the snapshot begins
            if lock is not None and waiting is not None and _begun(waiting.process):
                tail = waiting
        finally:
            if lock is not None:
                lock.execute("ROLLBACK")
                lock.close()
        if waiting is not None and tail is None:  # it would write what nobody reads
            _stopped(waiting.process)
        yield tail


def _can_split() -> bool:
    """A second core, and POSIX (the file is handed over as a descriptor, the pipes are
    waited on with select)."""
    if os.name != "posix":
        return False
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) > 1
    return (os.cpu_count() or 1) > 1


def _store_file(conn: sqlite3.Connection) -> str | None:
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return str(file) or None
    return None


def _write_lock(path: str) -> sqlite3.Connection | None:
    """A connection holding the store's write lock, or None if it is not had at once."""
    try:
        lock = sqlite3.connect(
            _uri(path, "rw"), uri=True, timeout=LOCK_WAIT_SECONDS, isolation_level=None
        )
    except sqlite3.Error:
        return None
    try:
        lock.execute("BEGIN IMMEDIATE")
    except sqlite3.Error:  # busy, or a store this user cannot write: one process it is
        lock.close()
        return None
    return lock


def _started(path: str, cut: Cut, stack: contextlib.ExitStack) -> Tail | None:
    """The second process, started and waiting to begin its read transaction; None if it
    did not start."""
    try:
        file = stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 (the stack closes it)
        process = subprocess.Popen(
            second_process(path, file.fileno(), cut),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            pass_fds=(file.fileno(),),
            start_new_session=True,  # Ctrl-C reaches this process, which stops it
        )
    except OSError:  # no temporary file, no process: this one writes it all
        return None
    stack.callback(_stopped, process)
    return Tail(process, file) if _said(process, STARTED, START_WAIT_SECONDS) else None


def _begun(process: subprocess.Popen[bytes]) -> bool:
    """Whether the second process began its read transaction when told to (the write lock
    is held meanwhile, so its snapshot is this one's)."""
    assert process.stdin is not None
    try:
        process.stdin.write(BEGIN)
        process.stdin.close()
    except OSError:  # it is gone
        return False
    return _said(process, READY, BEGIN_WAIT_SECONDS)


def _said(process: subprocess.Popen[bytes], line: bytes, seconds: float) -> bool:
    """Whether the process's next line, within `seconds`, is `line`. Waiting on the pipe
    while its reader buffers holds because the process says nothing more until it is
    answered (STARTED before BEGIN, READY before its result)."""
    assert process.stdout is not None
    readable, _, _ = select.select([process.stdout], [], [], seconds)
    return bool(readable) and process.stdout.readline() == line


def second_process(path: str, fd: int, cut: Cut) -> list[str]:
    """The command of the second process: the export of the store at `path` from `cut` on,
    written to `fd`."""
    module = "salescoach.store.export_rest_process"
    # -P: this salescoach, never one in the working directory.
    return [sys.executable, "-P", "-m", module, path, str(fd), cut[0], str(cut[1])]


def read_only(path: str) -> str:
    """The URI that opens the store at `path` for reading only (never creating it)."""
    return _uri(path, "ro")


def _uri(path: str, mode: str) -> str:
    return f"{Path(path).absolute().as_uri()}?mode={mode}"


def _stopped(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def _result(text: bytes) -> dict[str, Any] | None:
    """What the second process said it did: {"written": rows} or {"error": ..., "hint": ...}."""
    try:
        result = json.loads(text)
    except ValueError:
        return None
    if not isinstance(result, dict):
        return None
    if type(result.get("written")) is int or isinstance(result.get("error"), str):
        return result
    return None
