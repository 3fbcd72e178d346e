"""Putting a whole store back: a JSONL export into an empty store, or a backup file in place
of the store (`salescoach import`, `salescoach restore`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from salescoach.store import backup, jsonl_import


def import_export(conn: sqlite3.Connection, lines: Iterable[str], source: str) -> dict[str, int]:
    """Restore a full JSONL export into an empty store; all rows or none. Returns counts."""
    return jsonl_import.import_jsonl(conn, lines, source)


def restore_backup(path: Path, database: Path, now: datetime, *, force: bool) -> Path | None:
    """Put the backup at `path` in place of the store; returns where the replaced file is
    kept, if there was one."""
    return backup.restore(path, database, now, force=force)
