"""Opening the SQLite store safely, and running writes so that none is lost.

- WAL journal and a busy timeout: a walk and a cron job can write at the same time.
- Every write runs in `BEGIN IMMEDIATE` (see `transaction`): the write lock is taken up front,
  so concurrent writers queue on the busy timeout instead of failing with "database is locked"
  half-way through (deferred transactions cannot be retried safely once they have read).
- Files are created owner-only (0600): the database holds customers' personal data.
- Migrations run on every open. A database from a newer salescoach, another program's SQLite
  file (`PRAGMA application_id` marks salescoach's own) and a symbolic link are refused
  before anything is changed; `store.refusals` says why each open or query failed.
- The domain functions SQL calls (`store.sql_functions`) are registered on every connection.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path

from salescoach.errors import StoreError
from salescoach.store import refusals, sql_functions
from salescoach.store.migrations import FIRST_TABLES, MIGRATIONS, SCHEMA_VERSION
from salescoach.store.refusals import restore_hint as restore_hint

BUSY_TIMEOUT_MS = 30_000


APPLICATION_ID = 0x5361436F  # "SaCo" in the file header: this is a salescoach database
COMPANIONS = ("-wal", "-shm", "-journal")
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def connect(path: Path, *, migrate: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) the store at `path`, migrated to the current schema.

    Everything that could refuse the file is checked before anything changes it: the files
    must be regular (never a symbolic link, so nothing is changed through one), and the
    database must be salescoach's own and not newer than this version. Only then are the
    files made owner-only, WAL turned on and migrations run.
    """
    _check_files(path)
    with _refusing(path):
        _create_private(path)
        exposed = _exposed(path)
        if exposed:
            # Checked on a connection of its own, closed before the files are touched:
            # closing any descriptor of a file drops this process's SQLite locks on it.
            with closing(_open(path)) as check:
                _check_identity(check, path)
            _make_private(exposed)
        conn = _open(path)
    try:
        with _refusing(path):
            version = _check_identity(conn, path)
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            if migrate and version < SCHEMA_VERSION:
                run_migrations(conn, version)
            if migrate and conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                with transaction(conn):  # a store made before databases were marked
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        conn.close()
        raise
    return conn


def _open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.row_factory = sqlite3.Row
    sql_functions.register(conn)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@contextmanager
def _refusing(path: Path) -> Iterator[None]:
    """SQLite's and the system's errors while opening, as the StoreError that says why."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if not _unreadable(exc):
            raise refusals.store_error(path, exc) from None
        raise StoreError(
            f"{path} is not a salescoach database, or it is damaged ({exc})",
            hint=refusals.restore_hint(path),
        ) from None
    except sqlite3.Error as exc:
        raise refusals.store_error(path, exc) from None
    except OSError as exc:
        raise refusals.os_error(path, exc) from None


def _unreadable(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in str(exc)


def _check_files(path: Path) -> None:
    """The database and its companions are regular files, or absent."""
    for file in (path, *(Path(f"{path}{suffix}") for suffix in COMPANIONS)):
        try:
            info = os.lstat(file)
        except FileNotFoundError:
            continue
        except OSError as error:
            raise refusals.os_error(file, error) from None
        if stat.S_ISLNK(info.st_mode):
            raise StoreError(
                f"{file} is a symbolic link; salescoach uses only a regular database file "
                f"and changes nothing through a link, so it was left alone",
                hint="set SALESCOACH_HOME to the folder that holds the real file",
            )
        if stat.S_ISDIR(info.st_mode):
            raise StoreError(
                f"{file} is a folder, not a database", hint=refusals.restore_hint(path)
            )
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(
                f"{file} is not a regular file (a device, FIFO or socket); it was left alone",
                hint="move it aside, or set SALESCOACH_HOME to another folder",
            )


def _create_private(path: Path) -> None:
    """Create the database owner-only before SQLite opens it (SQLite gives its -wal and -shm
    files the database file's permissions, so they follow)."""
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _NO_FOLLOW, 0o600)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, 0o600)  # the umask may have taken bits off the mode above
    finally:
        os.close(fd)


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of a database that is salescoach's own; StoreError for one that is
    newer or another program's. Reads only."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    application = int(conn.execute("PRAGMA application_id").fetchone()[0])
    tables = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row[0].startswith("sqlite_")
    }
    if application not in (0, APPLICATION_ID):
        raise _foreign(path, f"application id {application:#x}")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer salescoach (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); it was left untouched",
            hint="upgrade salescoach to use this database",
        )
    if application == 0 and version == 0 and tables:
        raise _foreign(path, "tables " + ", ".join(sorted(tables)[:5]))
    if application == 0 and version > 0 and not FIRST_TABLES.issubset(tables):
        raise _foreign(path, f"schema {version} without salescoach's tables")
    return version


def _foreign(path: Path, what: str) -> StoreError:
    return StoreError(
        f"{path} is another program's SQLite database ({what}), not a salescoach store; "
        "it was left untouched",
        hint="move it aside, or set SALESCOACH_HOME to a folder of salescoach's own",
    )


def _exposed(path: Path) -> list[Path]:
    """The database files others may read or write (they were made under another umask, or
    by hand)."""
    exposed = []
    for file in (path, *(Path(f"{path}{suffix}") for suffix in COMPANIONS)):
        with suppress(FileNotFoundError):
            if os.lstat(file).st_mode & 0o077:
                exposed.append(file)
    return exposed


def _make_private(files: list[Path]) -> None:
    """Owner-only, changed through descriptors opened without following links."""
    for file in files:
        try:
            fd = os.open(file, os.O_RDONLY | _NO_FOLLOW)
        except FileNotFoundError:
            continue
        try:
            os.fchmod(fd, 0o600)
        finally:
            os.close(fd)


def run_migrations(conn: sqlite3.Connection, current: int, upto: int = SCHEMA_VERSION) -> None:
    for number in range(current + 1, upto + 1):
        with transaction(conn):
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                continue
            script = MIGRATIONS[number - 1]
            for statement in _statements(script if isinstance(script, str) else script()):
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
