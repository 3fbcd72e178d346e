"""A large pull's settings (store.sync_apply.bulk_pull) are put back afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from salescoach.store.db import connect
from salescoach.store.sync_apply import bulk_pull

_NAMES = ("temp_store", "cache_size", "wal_autocheckpoint")


def test_the_settings_and_the_garbage_collector_are_put_back(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    before = [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in _NAMES]
    assert gc.isenabled()
    with pytest.raises(RuntimeError), bulk_pull(conn):
        during = [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in _NAMES]
        assert during == [2, -32 * 1024, 10_000] and not gc.isenabled()
        raise RuntimeError("killed half-way")
    assert [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in _NAMES] == before
    assert gc.isenabled()
