"""The store as one command uses it: opened, closed, and SQLite's errors turned into messages.

A damaged page may only show up in the middle of a query, long after `connect` succeeded;
`opened_store` catches that too, so the user sees which file is damaged and how to restore
it, never a traceback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from salescoach.store.db import connect
from salescoach.store.refusals import store_error as store_error


@contextmanager
def opened_store(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """The store at `path` (default: the data home's), for the length of one command."""
    from salescoach.paths import database_path, ensure_home

    if path is None:
        ensure_home()
        path = database_path()
    conn = connect(path)
    try:
        yield conn
    except sqlite3.Error as exc:
        raise store_error(path, exc) from None
    finally:
        conn.close()
