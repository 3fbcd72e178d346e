"""An export's batches built on two connections at once and handed over in order.

SQLite builds a whole batch of lines inside one `sqlite3_step`, and Python's sqlite3 lets
other threads run meanwhile, so two connections reading one snapshot build two batches at
the same time, on two cores. The reader gets the batches in order, never more than `AHEAD`
of them waiting or being built: the memory an export takes stays the same however large the
store.

The connections share one snapshot because they start reading while a third one holds the
write lock: no commit can fall between their first reads. When that lock cannot be had
quickly (a store on read-only media, a writer that keeps it), or the store is not a file,
there are no helpers and the batches are built one after the other on the caller's own
connection, inside its read transaction, as before.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType


def _cores() -> int:
    """The cores this process may run on (a container may get fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


HELPERS = min(2, _cores())  # one core: nothing to gain from a second connection
AHEAD = 4  # batches waiting or being built, at most
HELPER_CACHE_KIB = 512
LOCK_WAIT_SECONDS = 1.0  # for the write lock that lines the snapshots up
FIRST_ROWID, LAST_ROWID = -(2**63), 2**63 - 1


@contextmanager
def shared_snapshot(conn: sqlite3.Connection) -> Iterator[list[sqlite3.Connection]]:
    """A read transaction on `conn`, and the helper connections that read the very same
    state of the store (none when that cannot be arranged)."""
    path = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    conn.execute("BEGIN")
    try:
        helpers = _helpers_in_snapshot(conn, path)
        try:
            yield helpers
        finally:
            for helper in helpers:
                helper.close()  # ends its read transaction
    finally:
        conn.execute("COMMIT")


def _helpers_in_snapshot(conn: sqlite3.Connection, path: str) -> list[sqlite3.Connection]:
    if HELPERS < 2 or not path:  # a store in memory has no file another connection could open
        _start_reading(conn)
        return []
    helpers: list[sqlite3.Connection] = []
    try:
        lock = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
        try:
            lock.execute("BEGIN IMMEDIATE")
            try:
                for _ in range(HELPERS):
                    helpers.append(_reader(path))
                for reader in (conn, *helpers):
                    _start_reading(reader)
            finally:
                lock.execute("ROLLBACK")
        finally:
            lock.close()
    except sqlite3.Error:  # read-only, locked, out of files: one connection does it all
        for helper in helpers:
            helper.close()
        _start_reading(conn)
        return []
    return helpers


def _reader(path: str) -> sqlite3.Connection:
    uri = Path(path).as_uri() + "?mode=ro"
    reader = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    # It scans each batch's pages once or twice, then never again: a small cache, so that the
    # export's memory stays that of the 1,000-lead store's at 100,000 leads.
    reader.execute(f"PRAGMA cache_size = -{HELPER_CACHE_KIB}")
    reader.execute("BEGIN")
    return reader


def _start_reading(conn: sqlite3.Connection) -> None:
    # A read transaction takes its snapshot at its first read, not at BEGIN.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


@dataclass(frozen=True)
class Batch:
    start: int  # first rowid of the range
    end: int  # last rowid of the range
    rows: int
    text: bytes | None  # the lines joined, None for no rows or when `failed`
    failed: sqlite3.OperationalError | None = None  # SQLite could not build it


# The last rowid of the batch starting at a rowid; the batch of a range of rowids.
NextEnd = Callable[[sqlite3.Connection, int], int]
Build = Callable[[sqlite3.Connection, int, int], tuple[int, bytes | None]]


class Batches:
    """The batches of one table in rowid order, built by `helpers` in threads, or on `conn`
    one after the other when there are none. Use it as a context manager: leaving it stops
    and waits for the helpers, even when the reader stops early (`| head`, an error)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        helpers: list[sqlite3.Connection],
        next_end: NextEnd,
        build: Build,
    ) -> None:
        self._conn, self._next_end, self._build = conn, next_end, build
        self._ready = threading.Condition()
        self._start: int | None = FIRST_ROWID  # of the next batch; None once all are handed out
        self._handed_out = 0
        self._taken = 0
        self._made: dict[int, Batch | BaseException] = {}
        self._stopped = False
        self._threads = [
            threading.Thread(target=self._help, args=(helper,), daemon=True) for helper in helpers
        ]

    def __enter__(self) -> Batches:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        with self._ready:
            self._stopped = True
            self._ready.notify_all()
        for thread in self._threads:
            thread.join()

    def __iter__(self) -> Iterator[Batch]:
        if not self._threads:
            while self._start is not None:
                start = self._start
                end = self._next_end(self._conn, start)
                self._start = None if end == LAST_ROWID else end + 1
                yield self._make(self._conn, start, end)
            return
        while (made := self._next_made()) is not None:
            if isinstance(made, BaseException):
                raise made
            yield made

    def _next_made(self) -> Batch | BaseException | None:
        with self._ready:
            while self._taken not in self._made:
                if self._start is None and self._taken == self._handed_out:
                    return None
                self._ready.wait()
            made = self._made.pop(self._taken)
            self._taken += 1
            self._ready.notify_all()
            return made

    def _help(self, conn: sqlite3.Connection) -> None:
        while (claimed := self._claim(conn)) is not None:
            number, start, end = claimed
            try:
                made: Batch | BaseException = self._make(conn, start, end)
            except BaseException as exc:  # the reader raises it, in its turn
                made = exc
            with self._ready:
                self._made[number] = made
                self._ready.notify_all()

    def _claim(self, conn: sqlite3.Connection) -> tuple[int, int, int] | None:
        """The next batch to build (its number and rowids), None when there is none."""
        with self._ready:
            while not self._stopped and self._handed_out - self._taken >= AHEAD:
                self._ready.wait()
            if self._stopped or self._start is None:
                return None
            number, start = self._handed_out, self._start
            self._handed_out += 1
            try:  # under the lock: the next batch starts where this one ends
                end = self._next_end(conn, start)
            except BaseException as exc:
                self._start = None
                self._made[number] = exc
                self._ready.notify_all()
                return None
            self._start = None if end == LAST_ROWID else end + 1
            return number, start, end

    def _make(self, conn: sqlite3.Connection, start: int, end: int) -> Batch:
        try:
            rows, text = self._build(conn, start, end)
        except sqlite3.OperationalError as exc:  # a BLOB, which JSON cannot hold
            return Batch(start, end, 0, None, exc)
        return Batch(start, end, rows, text)
