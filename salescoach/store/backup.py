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

from salescoach.core.kernel.safe_write import check_target, staged_file
from salescoach.errors import StoreError, UsageError
from salescoach.store.db import connect
from salescoach.store.migrations import SCHEMA_VERSION


def default_backup_path(home: Path, now: datetime) -> Path:
    return home / "backups" / f"salescoach-{now:%Y%m%d-%H%M%S}.db"


def copy_database(source: sqlite3.Connection, target: Path, *, force: bool = False) -> None:
    """Copy the open database `source` to `target` (replaced only with `force`)."""
    with staged_file(target, force=force) as partial:
        _copy_into(source, partial)


def _copy_into(source: sqlite3.Connection, partial: Path) -> None:
    with closing(sqlite3.connect(partial, isolation_level=None)) as copy:
        source.backup(copy)  # pages=-1: the whole database from one snapshot
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        result = copy.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise StoreError(f"the copy failed its check ({result}); nothing was saved")


def remove_old_partials(target: Path) -> None:
    """Copies killed mid-write by salescoach 0.1 were left beside the target as
    `NAME.partial` (a backup) or `NAME.restoring` (a restore), in the backups folder under
    every backup's name."""
    old = [target.with_name(target.name + suffix) for suffix in (".partial", ".restoring")]
    if target.parent.name == "backups":
        old += target.parent.glob("salescoach-*.db.partial")
    for leftover in old:
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink(missing_ok=True)


def _is_live(conn: sqlite3.Connection, target: Path) -> bool:
    """Whether `target` is one of the open database's files (itself, -wal, -shm, -journal),
    by any name: a relative path, a symlink or a hard link."""
    row = conn.execute("SELECT file FROM pragma_database_list WHERE name = 'main'").fetchone()
    if row is None or not row[0]:
        return False  # an in-memory database has no file to overwrite
    live = Path(row[0]).resolve()
    files = [live] + [Path(f"{live}{suffix}") for suffix in ("-wal", "-shm", "-journal")]
    try:
        resolved = target.resolve()
        if resolved in files:
            return True
        return resolved.is_file() and any(
            f.exists() and os.path.samefile(resolved, f) for f in files
        )
    except OSError:  # no such file can be opened (a name too long, a loop of links)
        return False


def backup(
    conn: sqlite3.Connection, target: Path, *, force: bool = False, default: bool = False
) -> Path:
    """Copy the open store to `target`; refuses the store's own files, even with `force`.
    `default`: `target` is in the data home's backups folder, made if missing."""
    if _is_live(conn, target):
        raise UsageError(
            f"{target} is the live database (or one of its files); a backup cannot replace it",
            hint="give a path outside the store, e.g. backup.db",
        )
    if default:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    check_target(target, force=force)  # a folder, device or link is refused before anything
    remove_old_partials(target)
    copy_database(conn, target, force=force)
    return target


def check_backup(path: Path) -> int:
    """The schema version of the salescoach database at `path`; StoreError if it is not one."""
    try:
        found = path.is_file()
    except OSError as error:  # a name too long to be a file's, say
        raise UsageError(f"cannot read the backup {path} ({error.strerror})") from None
    if not found:
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
    with (
        closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as source,
        staged_file(database, force=True) as staged,
    ):
        _copy_into(source, staged)
        remove_old_partials(database)
        kept = _move_aside(database, now) if database.exists() else None
        for suffix in ("-wal", "-shm"):
            side = Path(f"{database}{suffix}")
            if side.exists() and kept is not None:
                os.replace(side, Path(f"{kept}{suffix}"))
            elif side.exists():
                side.unlink()  # left over from a store that is gone
    with closing(connect(database)):  # migrate an older backup now, and turn WAL back on
        pass
    return kept


def _move_aside(database: Path, now: datetime) -> Path:
    """Rename the store to a free `NAME.replaced-TIME` name beside it (owner-only)."""
    base = database.with_name(f"{database.name}.replaced-{now:%Y%m%d-%H%M%S}")
    kept = base
    for number in range(2, 1000):
        if not os.path.lexists(kept) and not any(
            os.path.lexists(f"{kept}{suffix}") for suffix in ("-wal", "-shm")
        ):
            break
        kept = base.with_name(f"{base.name}-{number}")
    os.replace(database, kept)
    os.chmod(kept, 0o600)
    return kept
