"""Opening the SQLite store safely, and running writes so that none is lost.

- WAL journal and a busy timeout: a walk and a cron job can write at the same time.
- Every write runs in `BEGIN IMMEDIATE` (see `transaction`): the write lock is taken up front,
  so concurrent writers queue on the busy timeout instead of failing with "database is locked"
  half-way through (deferred transactions cannot be retried safely once they have read).
- Files are created owner-only (0600): the database holds customers' personal data.
- Migrations run on every open; a database from a newer salescoach is refused untouched.
- The domain functions SQL calls (`store.sql_functions`) are registered on every connection.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from salescoach.errors import StoreError
from salescoach.store import sql_functions
from salescoach.store.migrations import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 30_000


def restore_hint(path: Path) -> str:
    return (
        f"`salescoach restore BACKUP` puts a copy made by `salescoach backup` in place of "
        f"{path} (which is kept beside it); or set SALESCOACH_HOME to start another store"
    )


def _prepare_files(path: Path) -> None:
    """Create the database owner-only before SQLite opens it.

    SQLite gives its -wal and -shm files the database file's permissions, so they follow.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            os.chmod(file, 0o600)


def connect(path: Path, *, migrate: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) the store at `path`, migrated to the current schema."""
    if path.exists() and path.is_dir():
        raise StoreError(f"{path} is a folder, not a database", hint=restore_hint(path))
    _prepare_files(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.row_factory = sqlite3.Row
        sql_functions.register(conn)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} is not a salescoach database, or it is damaged ({exc})",
            hint=restore_hint(path),
        ) from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{path} was written by a newer salescoach (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); it was left untouched",
            hint="upgrade salescoach to use this database",
        )
    if migrate and version < SCHEMA_VERSION:
        run_migrations(conn, version)
    return conn


def run_migrations(conn: sqlite3.Connection, current: int, upto: int = SCHEMA_VERSION) -> None:
    for number in range(current + 1, upto + 1):
        with transaction(conn):
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                continue
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT our transaction; split on complete statements instead.
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return [s for s in statements if s]


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def open_store() -> sqlite3.Connection:
    """The user's store in the data home."""
    from salescoach.paths import database_path, ensure_home

    ensure_home()
    return connect(database_path())
