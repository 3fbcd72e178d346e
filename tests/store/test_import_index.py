"""The import's view of the store (store.importer) holds a bigger page cache only while it
writes, so a big store's index pages are not spilled and read back within the transaction."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from salescoach.store.db import connect, transaction
from salescoach.store.importer import IMPORT_CACHE_KIB, ImportIndex


def test_the_import_cache_is_held_while_importing_and_given_back(tmp_path: Path) -> None:
    with closing(connect(tmp_path / "salescoach.db")) as conn:
        before = conn.execute("PRAGMA cache_size").fetchone()[0]
        with transaction(conn):
            index = ImportIndex(conn)
            assert conn.execute("PRAGMA cache_size").fetchone()[0] == -IMPORT_CACHE_KIB
            index.drop()
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == before
