"""The import's view of the store (store.importer) holds a bigger page cache only while it
writes, so a big store's index pages are not spilled and read back within the transaction."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from salescoach.store import importer
from salescoach.store.db import connect, transaction
from salescoach.store.importer import IMPORT_CACHE_KIB, ImportIndex


@pytest.mark.parametrize("big", [True, False])
def test_the_import_cache_is_held_while_importing_into_a_big_store_and_given_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    if big:  # every store is bigger than nothing
        monkeypatch.setattr(importer, "BIG_STORE_BYTES", 0)
    with closing(connect(tmp_path / "salescoach.db")) as conn:
        before = conn.execute("PRAGMA cache_size").fetchone()[0]
        with transaction(conn):
            index = ImportIndex(conn)
            held = conn.execute("PRAGMA cache_size").fetchone()[0]
            assert held == (-IMPORT_CACHE_KIB if big else before)
            index.drop()
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == before
