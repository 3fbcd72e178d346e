"""Backups (a consistent copy while others write) and restoring one in place of the store.

`backup` uses SQLite's online backup API in a single step, which reads one snapshot of the
database; writers in other processes carry on. The copy is written under a temporary name,
checked, then renamed into place, owner-only: a half-written backup never carries the name.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from salescoach.errors import StoreError, UsageError
from salescoach.store.db import connect
from salescoach.store.migrations import SCHEMA_VERSION


def default_backup_path(home: Path, now: datetime) -> Path:
    return home / "backups" / f"salescoach-{now:%Y%m%d-%H%M%S}.db"


def _create_private(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy the open database `source` to a new file `target` (which must not exist)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    _create_private(partial)
    try:
        with closing(sqlite3.connect(partial, isolation_level=None)) as copy:
            source.backup(copy)  # pages=-1: the whole database from one snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            result = copy.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StoreError(f"the copy failed its check ({result}); nothing was saved")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _is_live(conn: sqlite3.Connection, target: Path) -> bool:
    """Whether `target` is one of the open database's files (itself, -wal, -shm, -journal),
    by any name: a relative path, a symlink or a hard link."""
    row = conn.execute("SELECT file FROM pragma_database_list WHERE name = 'main'").fetchone()
    if row is None or not row[0]:
        return False  # an in-memory database has no file to overwrite
    live = Path(row[0]).resolve()
    files = [live] + [Path(f"{live}{suffix}") for suffix in ("-wal", "-shm", "-journal")]
    resolved = target.resolve()
    if resolved in files:
        return True
    return resolved.is_file() and any(f.exists() and os.path.samefile(resolved, f) for f in files)


def backup(conn: sqlite3.Connection, target: Path, *, force: bool = False) -> Path:
    """Copy the open store to `target`; refuses the store's own files, even with `force`."""
    if _is_live(conn, target):
        raise UsageError(
            f"{target} is the live database (or one of its files); a backup cannot replace it",
            hint="give a path outside the store, e.g. backup.db",
        )
    if target.is_dir():
        raise UsageError(f"{target} is a folder", hint="give a file name, e.g. backup.db")
    if target.exists() and not force:
        raise UsageError(f"{target} exists", hint="choose another name, or add --force")
    copy_database(conn, target)
    return target


def check_backup(path: Path) -> int:
    """The schema version of the salescoach database at `path`; StoreError if it is not one."""
    if not path.is_file():
        raise UsageError(f"no backup file {path}")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            has_leads = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'leads'"
            ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a salescoach backup ({exc})") from None
    if check != "ok" or not has_leads:
        raise StoreError(f"{path} is not a usable salescoach backup ({check})")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} comes from a newer salescoach (schema {version})")
    return version


def restore(
    backup_file: Path, database: Path, now: datetime, *, force: bool = False
) -> Path | None:
    """Put a backup in place of the store. The file it replaces is kept beside it (renamed);
    returns that name, or None when there was no store. A store that opens and holds leads
    is only replaced with `force`."""
    check_backup(backup_file)
    if database.exists() and not force:
        try:
            with closing(connect(database, migrate=False)) as current:
                leads = current.execute("SELECT count(*) FROM leads").fetchone()[0]
        except (StoreError, sqlite3.DatabaseError):
            leads = 0  # damaged: replacing it is what the user came for, and it is kept
        if leads:
            raise UsageError(
                f"the store {database} holds {leads} lead{'' if leads == 1 else 's'}",
                hint="add --force to replace it (it is kept beside the restored one)",
            )
    kept = None
    with closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as source:
        staged = database.with_name(database.name + ".restoring")
        staged.unlink(missing_ok=True)
        copy_database(source, staged)
    if database.exists():
        kept = database.with_name(f"{database.name}.replaced-{now:%Y%m%d-%H%M%S}")
        os.replace(database, kept)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{database}{suffix}")
        if side.exists() and kept is not None:
            os.replace(side, Path(f"{kept}{suffix}"))
        elif side.exists():
            side.unlink()  # left over from a store that is gone
    os.replace(staged, database)
    with closing(connect(database)):  # migrate an older backup now, and turn WAL back on
        pass
    return kept
