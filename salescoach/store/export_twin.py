"""A second reader for the full export, in the export's own snapshot, so that SQLite writes
every other batch of lines on the machine's other core (it runs without Python's lock).

Writing the lines is SQLite's work (`json_object`, in C), one core's worth: 6 of the 8 s of
a 100,000-lead store's export. Two connections see the same state when both begin reading
while a third holds the store's write lock, which no commit can pass: the lock is held for
the moment that takes, so others' writes wait milliseconds, not the whole export. A store
that cannot be opened that way (in memory, read-only to this process, busy writing just
then) is exported by its one connection, as before; the bytes are the same either way.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing, contextmanager
from queue import SimpleQueue
from typing import Any
from urllib.parse import quote

_LOCK_WAIT_SECONDS = 0.2  # a writer busy longer than this: export alone, as before

Found = tuple[Any, ...] | sqlite3.OperationalError
Span = tuple[int, int]


class Twin:
    """The second connection and the thread that runs its queries, one at a time."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._jobs: SimpleQueue[tuple[str, tuple[Any, ...]] | None] = SimpleQueue()
        self._done: SimpleQueue[Found] = SimpleQueue()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            self._done.put(_fetched(self._connection, *job))

    def send(self, sql: str, args: tuple[Any, ...]) -> None:
        self._jobs.put((sql, args))

    def result(self) -> Found:
        return self._done.get()

    def stop(self) -> None:
        self._jobs.put(None)
        self._thread.join()


def _fetched(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> Found:
    try:
        row = conn.execute(sql, args).fetchone()
    except sqlite3.OperationalError as error:  # a value JSON cannot hold: the caller decides
        return error
    return tuple(row)


@contextmanager
def twin(conn: sqlite3.Connection) -> Iterator[Twin | None]:
    """A Twin reading exactly what `conn` reads, or None when the store cannot give one.
    `conn` must be in a transaction that has read nothing yet."""
    path = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    if not path:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        yield None
        return
    other = _reader(conn, path)
    if other is None:
        yield None
        return
    worker = Twin(other)
    try:
        yield worker
    finally:
        worker.stop()
        other.close()


def _reader(conn: sqlite3.Connection, path: str) -> sqlite3.Connection | None:
    """Begin `conn`'s snapshot, and a second connection's at the same state (None if the
    store cannot be locked for a moment; `conn`'s snapshot is begun all the same)."""
    other = None
    try:
        with closing(sqlite3.connect(path, timeout=_LOCK_WAIT_SECONDS)) as lock:
            lock.isolation_level = None
            lock.execute("BEGIN IMMEDIATE")  # no commit until the ROLLBACK below
            try:
                conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
                read_only = f"file:{quote(path)}?mode=ro"
                other = sqlite3.connect(read_only, uri=True, check_same_thread=False)
                other.isolation_level = None
                other.execute("BEGIN")
                other.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            finally:
                lock.execute("ROLLBACK")
        return other
    except sqlite3.Error:
        if other is not None:
            other.close()
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        return None


def in_turn(
    conn: sqlite3.Connection, worker: Twin | None, sql: str, extra: tuple[Any, ...],
    spans: Iterable[Span],
) -> Generator[tuple[Span, Found], None, None]:  # fmt: skip
    """Each span with `sql`'s row for `(*extra, start, end)` (or its OperationalError), in
    order: every second span's on the twin, while the next is read on `conn`."""
    spans = iter(spans)
    waiting = False
    try:
        for first in spans:
            second = next(spans, None) if worker is not None else None
            if second is not None and worker is not None:
                worker.send(sql, (*extra, *second))
                waiting = True
            yield first, _fetched(conn, sql, (*extra, *first))
            if second is not None and worker is not None:
                found, waiting = worker.result(), False
                yield second, found
    finally:
        if waiting and worker is not None:  # the caller stopped early: the twin's row is dropped
            worker.result()
